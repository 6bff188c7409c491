#!/usr/bin/env python3
"""Small, dependency-free helpers for the gettext catalogue in blason/locale (used by tests/test_translations.py).

Usage (from the repository root):
  scripts/translations.py todo [--all]      # untranslated/fuzzy entries of the English catalogue, as editable blocks
  scripts/translations.py apply FILE        # fill the catalogue with the blocks of FILE (same format as `todo`)
  scripts/translations.py stats             # counts: entries, translated, untranslated, fuzzy

Block format (no escaping needed; a block's text ends at the next "@@" line, its final newline excluded):
  @@ <key>            singular entry            @@ <key> [0] / @@ <key> [1]   plural forms
"""

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "blason" / "locale"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
EN_MO = EN_PO.with_suffix(".mo")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # every "#" line except flags and "#|" previous-msgid lines
    obsolete: bool = False

    @property
    def key(self) -> str:
        raw = f"{self.msgctxt or ''}\x04{self.msgid}\x00{self.msgid_plural or ''}"
        return hashlib.sha1(raw.encode()).hexdigest()[:8]

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is not None:
            return [self.msgstr_plural.get(i, "") for i in range(max(2, len(self.msgstr_plural)))]
        return [self.msgstr]

    @property
    def translated(self) -> bool:
        return all(self.translations) and not self.fuzzy


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a PO string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def _quote(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    parts = text.split("\n")
    lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(lines) <= 1:
        return f'"{lines[0] if lines else ""}"'
    return '""\n' + "\n".join(f'"{line}"' for line in lines)


def parse_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry()
    current: tuple[str, int | None] | None = None
    started = False

    def finish():
        nonlocal entry, current, started
        if started:
            entries.append(entry)
        entry, current, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if not line.strip():
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#"):
            if current is not None:  # comments after a msgstr begin a new entry
                finish()
            if line.startswith("#,"):
                entry.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif not line.startswith("#|"):
                entry.comments.append(line)
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            name, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if name in ("msgctxt", "msgid") and current is not None and current[0] in ("msgstr",):
                finish()
            started = True
            current = (name, int(index) if index is not None else None)
        elif line.strip().startswith('"') and current is not None:
            value = _unquote(line)
        else:
            raise ValueError(f"{path}: cannot parse line {raw!r}")
        name, index = current
        if name == "msgstr" and index is not None:
            entry.msgstr_plural[index] = entry.msgstr_plural.get(index, "") + value
        elif name == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif name == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            setattr(entry, name, getattr(entry, name) + value)
    finish()
    return entries


def write_po(path: Path, entries: list[Entry]) -> None:
    chunks = []
    for e in entries:
        if e.obsolete:
            continue
        lines = list(e.comments)
        if e.flags:
            lines.append("#, " + ", ".join(e.flags))
        if e.msgctxt is not None:
            lines.append("msgctxt " + _quote(e.msgctxt))
        lines.append("msgid " + _quote(e.msgid))
        if e.msgid_plural is not None:
            lines.append("msgid_plural " + _quote(e.msgid_plural))
            for i, text in enumerate(e.translations):
                lines.append(f"msgstr[{i}] " + _quote(text))
        else:
            lines.append("msgstr " + _quote(e.msgstr))
        chunks.append("\n".join(lines))
    path.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    # Let gettext normalise the layout (line wrapping) so that makemessages produces no spurious diffs.
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=False, capture_output=True)


def messages(entries: list[Entry]) -> list[Entry]:
    """The real messages: neither the header nor obsolete entries."""
    return [e for e in entries if e.msgid and not e.obsolete]


PLACEHOLDER_RE = re.compile(
    r"%\((?P<named>[^)]+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s, %d
    r"|\{\{\s*[^}]+?\s*\}\}"  # {{ var }}
    r"|\{[A-Za-z_][A-Za-z0-9_]*(?:[.:!][^{}]*)?\}"  # {name} (str.format)
)


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, normalised and sorted (order may change in translation)."""
    found = [re.sub(r"\s+", "", m.group(0)) for m in PLACEHOLDER_RE.finditer(text.replace("%%", ""))]
    return sorted(found)


def _todo(show_all: bool) -> str:
    out = []
    for e in messages(parse_po(EN_PO)):
        if e.translated and not show_all:
            continue
        refs = " ".join(c[3:] for c in e.comments if c.startswith("#:"))
        notes = [c for c in e.comments if c.startswith("#.")]
        head = f"# {refs}" + (" [fuzzy]" if e.fuzzy else "") + (f" ctxt={e.msgctxt!r}" if e.msgctxt else "")
        out.append(head)
        out += notes
        if e.msgid_plural is not None:
            out += [f"@@ {e.key} [0]", e.msgid, f"@@ {e.key} [1]", e.msgid_plural]
        else:
            out += [f"@@ {e.key}", e.msgid]
    return "\n".join(out) + "\n"


def parse_blocks(text: str) -> dict[tuple[str, int | None], str]:
    blocks: dict[tuple[str, int | None], str] = {}
    key = None
    buf: list[str] = []
    for line in text.split("\n"):
        match = re.match(r"^@@ ([0-9a-f]{8})(?: \[(\d)\])?\s*$", line)
        if match:
            if key:
                blocks[key] = "\n".join(buf).rstrip("\n")
            key, buf = (match.group(1), int(match.group(2)) if match.group(2) else None), []
        elif key:
            buf.append(line)
    if key:
        blocks[key] = "\n".join(buf).rstrip("\n")
    # Trailing "# file:line" lines belong to the next block's header, not to the text.
    return {k: re.sub(r"(\n#[ .][^\n]*)+$", "", v) for k, v in blocks.items()}


def _apply(path: Path) -> None:
    blocks = parse_blocks(path.read_text(encoding="utf-8"))
    entries = parse_po(EN_PO)
    done = 0
    for e in messages(entries):
        found = {idx: text for (key, idx), text in blocks.items() if key == e.key}
        if not found:
            continue
        for idx, text in found.items():
            source = e.msgid if idx in (None, 0) else e.msgid_plural
            if source.endswith("\n") and not text.endswith("\n"):
                text += "\n"
            if idx is None:
                e.msgstr = text
            else:
                e.msgstr_plural[idx] = text
        if e.msgid_plural is not None and 1 in e.msgstr_plural and 0 not in e.msgstr_plural:
            e.msgstr_plural[0] = e.msgstr_plural[1]
        e.flags = [f for f in e.flags if f != "fuzzy"]
        done += 1
    write_po(EN_PO, entries)
    print(f"applied {done} entries; {len(blocks)} blocks read")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"todo", "apply", "stats"}:
        print(__doc__)
        return 2
    if argv[0] == "todo":
        sys.stdout.write(_todo("--all" in argv))
    elif argv[0] == "apply":
        _apply(Path(argv[1]))
    else:
        msgs = messages(parse_po(EN_PO))
        fuzzy = sum(e.fuzzy for e in msgs)
        untranslated = sum(not all(e.translations) for e in msgs)
        done = len(msgs) - untranslated - fuzzy
        print(f"{len(msgs)} entries, {done} translated, {untranslated} untranslated, {fuzzy} fuzzy")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

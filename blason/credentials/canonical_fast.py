"""Fast route to the RDF dataset of a JSON-LD document: per-shape templates of pyld's conversion.

Every credential of one badge class has the same structure; only data values differ (names, dates, ids,
statements). JSON-LD expansion depends on keys, `@context`, `type` values, terms whose values are themselves
vocabulary (`@type: @vocab`, `@json`) and the JSON types of values — not on the text of other strings, except that
an `@id`-typed string must be an absolute IRI to be kept as is. So:

1. `_shape` walks the document once, recording a hashable *shape key* (keys, structural values verbatim, list
   lengths, JSON types) and, in order, every other string value.
2. On the first document of a shape, the same walk builds a *placeholder document* (each such string replaced
   by the unique IRI `urn:x-blason-slot:N`) and pyld converts it to RDF. Each slot then shows up in the quads
   either as an IRI `<urn:x-blason-slot:N>` (an `@id` position) or as a literal `"urn:x-blason-slot:N"…` (a data
   position, with whatever datatype or language the context gives). The quads become a template. If a slot shows
   up anywhere else (inside a larger term: `@json`, a vocabulary-relative IRI…), the shape is marked unusable.
3. For each document of a known shape, the template is filled in: literal slots with the escaped text, IRI slots
   with the value — only if it is an absolute IRI that JSON-LD would leave untouched (ASCII, no character that
   N-Quads escapes, scheme not a term of our contexts); otherwise the whole document takes the general route.

JSON-LD merges nodes that share an `id`; the template keeps one node per occurrence, so filling it in may yield the
same quad twice: `canonical.rdfc10` removes duplicates, which gives the merged graph's dataset. Property tests
(`tests/credentials/test_canonical.py`) check fast == general on generated credentials.

Pure module: no ORM, no settings, no I/O.
"""

import json
import re
import threading
from collections import OrderedDict

from blason.credentials.canonical import (
    CanonicalizationError,
    Quad,
    dataset_general,
    escape_literal,
)
from blason.credentials.jsonld import context_terms, terms_with_value_semantics

__all__ = ["dataset_fast", "clear_cache", "cache_info"]

SLOT_PREFIX = "urn:x-blason-slot:"
MAX_TEMPLATES = 512
# Values kept verbatim in the shape key: keywords, `type`, and terms whose values are vocabulary or JSON.
_STRUCTURAL_KEYS = frozenset({"type"}) | terms_with_value_semantics()
# Keywords whose values shape the expansion itself; other keywords (@id, @value, @graph, @list, @set, @included,
# @reverse, @nest) hold data and are walked like properties.
_STRUCTURAL_KEYWORDS = frozenset(
    {"@context", "@type", "@language", "@direction", "@index", "@base", "@vocab", "@json"}
)
# An absolute IRI that JSON-LD keeps verbatim and N-Quads writes without escapes.
_PLAIN_IRI = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):[!#-;=?-\[\]_a-z~]*\Z")
_SLOT_IN_TERM = re.compile(re.escape(SLOT_PREFIX) + r"(\d+)")

_templates: "OrderedDict[tuple, tuple | None]" = OrderedDict()
_lock = threading.Lock()
_stats = {"hits": 0, "misses": 0, "fallbacks": 0}


def clear_cache() -> None:
    with _lock:
        _templates.clear()
        _stats.update(hits=0, misses=0, fallbacks=0)


def cache_info() -> dict:
    return {**_stats, "size": len(_templates)}


def _frozen(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _shape(node, values: list[str]):
    """Shape key of `node`; appends the slot strings to `values` in walk order."""
    if isinstance(node, str):
        values.append(node)
        return "s"
    if isinstance(node, dict):
        items = []
        for key in sorted(node):
            value = node[key]
            if key in _STRUCTURAL_KEYS or key in _STRUCTURAL_KEYWORDS:
                items.append((key, "=", _frozen(value)))
            else:
                items.append((key, _shape(value, values)))
        return ("d", *items)
    if isinstance(node, list):
        return ("l", *[_shape(item, values) for item in node])
    if node is None:
        return "n"
    if isinstance(node, bool):
        return "t" if node else "f"
    if isinstance(node, int):
        return ("i", node)
    if isinstance(node, float):
        # JavaScript reads 3.0 as the integer 3 (see canonical._js_numbers): same shape, same template.
        if node.is_integer() and abs(node) < 1e21:
            return ("i", int(node))
        return ("r", repr(node))
    raise CanonicalizationError(f"Not JSON: {type(node).__name__}")


def _placeholder(node, counter: list[int], *, probe: bool = False):
    """The document with every slot string replaced by its slot IRI (same walk order as `_shape`).

    With `probe`, numbers and booleans become slots too (numbered after the strings): the probe document only
    serves to detect properties JSON-LD would drop (DCC's "safe mode" rejects them).
    """
    if isinstance(node, str) or (probe and isinstance(node, int | float)):
        slot = f"{SLOT_PREFIX}{counter[0]}"
        counter[0] += 1
        return slot
    if isinstance(node, dict):
        result = {}
        for key in sorted(node):
            value = node[key]
            if key in _STRUCTURAL_KEYS or key in _STRUCTURAL_KEYWORDS:
                result[key] = value
            else:
                result[key] = _placeholder(value, counter, probe=probe)
        return result
    if isinstance(node, list):
        return [_placeholder(item, counter, probe=probe) for item in node]
    return node


# Template term kinds
_CONST, _IRI, _LITERAL = 0, 1, 2


def _compile_term(term: str, slot_count: int):
    """(_CONST, term) | (_IRI, slot) | (_LITERAL, slot, suffix) — or None when a slot hides inside a term."""
    if SLOT_PREFIX not in term:
        return (_CONST, term)
    if term.startswith("<") and term.endswith(">"):
        match = _SLOT_IN_TERM.fullmatch(term[1:-1])
        if match and int(match.group(1)) < slot_count:
            return (_IRI, int(match.group(1)))
        return None
    if term.startswith('"'):
        closing = term.find('"', 1)
        match = _SLOT_IN_TERM.fullmatch(term[1:closing])
        suffix = term[closing + 1 :]
        if match and int(match.group(1)) < slot_count and SLOT_PREFIX not in suffix:
            return (_LITERAL, int(match.group(1)), suffix)
    return None


class _UnsafeShape:
    """A shape JSON-LD would silently alter (dropped property, relative reference): always an error."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


def _safe_mode_problem(document: dict, slot_count: int) -> str | None:
    """Like jsonld.js safe mode: a value that vanishes (its property expands to nothing).

    Relative references (ids, undefined types) are caught by `dataset_general` itself.
    """
    counter = [0]
    probe = _placeholder(document, counter, probe=True)
    quads = dataset_general(probe)
    seen = set()
    for quad in quads:
        for term in quad:
            for match in _SLOT_IN_TERM.finditer(term):
                seen.add(int(match.group(1)))
    missing = set(range(counter[0])) - seen
    if missing:
        return f"{len(missing)} value(s) dropped by JSON-LD expansion (undefined term?)"
    return None


def _build_template(document: dict, slot_count: int):
    problem = _safe_mode_problem(document, slot_count)
    if problem is not None:
        return _UnsafeShape(problem)
    placeholder_doc = _placeholder(document, [0])
    quads = dataset_general(placeholder_doc)
    template = []
    iri_slots = set()
    for quad in quads:
        compiled = []
        for term in quad:
            part = _compile_term(term, slot_count)
            if part is None:
                return None
            if part[0] == _IRI:
                iri_slots.add(part[1])
            compiled.append(part)
        template.append(tuple(compiled))
    return tuple(template), frozenset(iri_slots)


def _is_plain_iri(value: str) -> bool:
    match = _PLAIN_IRI.match(value)
    if match is None:
        return False
    scheme = match.group(1)
    if scheme in context_terms() and not value[len(scheme) + 1 :].startswith("//"):
        return False  # JSON-LD would read it as a compact IRI
    return True


def _fill(term, values: list[str]) -> str:
    kind = term[0]
    if kind == _CONST:
        return term[1]
    if kind == _IRI:
        return f"<{values[term[1]]}>"
    return f'"{escape_literal(values[term[1]])}"{term[2]}'


def dataset_fast(document) -> list[Quad] | None:
    """The dataset of `document` from a cached template, or None when the general route must be used.

    Raises CanonicalizationError for what DCC's safe mode rejects: a property no context defines (relative IRIs
    are refused by the general route).
    """
    if not isinstance(document, dict):
        raise CanonicalizationError("A JSON-LD document must be a JSON object.")
    values: list[str] = []
    try:
        key = _shape(document, values)
    except RecursionError:
        raise CanonicalizationError("Document too deeply nested.") from None
    except TypeError as error:  # e.g. non-string keys in a Python dict
        raise CanonicalizationError(f"Not JSON: {error}") from None
    with _lock:
        entry = _templates.get(key, False)
        if entry is not False:
            _templates.move_to_end(key)
    if entry is False:
        _stats["misses"] += 1
        try:
            entry = _build_template(document, len(values))
        except CanonicalizationError as error:
            entry = _UnsafeShape(str(error))
        with _lock:
            _templates[key] = entry
            while len(_templates) > MAX_TEMPLATES:
                _templates.popitem(last=False)
    else:
        _stats["hits"] += 1
    if isinstance(entry, _UnsafeShape):
        raise CanonicalizationError(entry.message)
    if entry is None:
        _stats["fallbacks"] += 1
        return None
    template, iri_slots = entry
    for slot in iri_slots:
        if not _is_plain_iri(values[slot]):
            # Relative, compact, vocabulary-relative or escaped: the general route decides (and refuses relatives).
            _stats["fallbacks"] += 1
            return None
    return [(_fill(s, values), _fill(p, values), _fill(o, values), _fill(g, values)) for s, p, o, g in template]

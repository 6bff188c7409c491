"""Baking: embedding a credential in a badge image (Open Badges 3.0 §5.3 and Open Badges 2.0 "Baking").

- PNG: one uncompressed `iTXt` chunk, keyword `openbadgecredential` (OB 3.0) or `openbadges` (OB 2.0), holding
  the credential's JSON (UTF-8), placed before `IEND`. Baking again replaces the chunk.
- SVG: OB 3.0 `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` and one `<openbadges:credential>` element
  (JSON in CDATA) as the first child of the root; OB 2.0 `xmlns:openbadges="http://openbadges.org"` and
  `<openbadges:assertion verify="…">`.

Unbaking refuses, with a French message, files that are not PNG/SVG, that carry no credential or two of them.
Pure module: no ORM, no settings, no I/O.
"""

import json
import re
import struct
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as xml_fromstring

__all__ = [
    "BakingError",
    "OB2_PNG_KEYWORD",
    "OB3_PNG_KEYWORD",
    "bake_png",
    "bake_svg",
    "unbake",
    "unbake_png",
    "unbake_svg",
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB3_PNG_KEYWORD = "openbadgecredential"
OB2_PNG_KEYWORD = "openbadges"
OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
OB2_SVG_NAMESPACE = "http://openbadges.org"
# A baked credential is a few kB; a compressed iTXt chunk may not inflate past this.
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024


class BakingError(ValueError):
    """The image cannot be baked or unbaked; the message is in French, for the user."""


# --- PNG ---------------------------------------------------------------------------------------------------------


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not isinstance(png, bytes | bytearray) or not png.startswith(PNG_SIGNATURE):
        raise BakingError("Ce fichier n’est pas une image PNG.")
    chunks = []
    offset = len(PNG_SIGNATURE)
    while offset < len(png):
        if offset + 8 > len(png):
            raise BakingError("L’image PNG est tronquée.")
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = bytes(png[offset + 4 : offset + 8])
        end = offset + 12 + length
        if end > len(png):
            raise BakingError("L’image PNG est tronquée.")
        data = bytes(png[offset + 8 : offset + 8 + length])
        (crc,) = struct.unpack(">I", png[offset + 8 + length : end])
        if zlib.crc32(kind + data) != crc:
            raise BakingError("L’image PNG est corrompue (somme de contrôle d’un bloc incorrecte).")
        chunks.append((kind, data))
        offset = end
        if kind == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise BakingError("L’image PNG est incomplète (en-tête ou fin manquant).")
    return chunks


def _chunk_bytes(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt_keyword(data: bytes) -> str | None:
    end = data.find(b"\0")
    if end <= 0:
        return None
    return data[:end].decode("latin-1")


def _itxt_text(data: bytes) -> str:
    keyword_end = data.index(b"\0")
    if len(data) < keyword_end + 3:
        raise BakingError("Le bloc iTXt du badge est mal formé.")
    compressed, method = data[keyword_end + 1], data[keyword_end + 2]
    rest = data[keyword_end + 3 :]
    parts = rest.split(b"\0", 2)
    if len(parts) != 3:
        raise BakingError("Le bloc iTXt du badge est mal formé.")
    text = parts[2]
    if compressed:
        if method != 0:
            raise BakingError("Le bloc iTXt du badge utilise une compression inconnue.")
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(text, MAX_PAYLOAD_BYTES + 1)
        except zlib.error:
            raise BakingError("Le bloc iTXt compressé du badge est illisible.") from None
        if len(text) > MAX_PAYLOAD_BYTES:
            raise BakingError("Le badge intégré à l’image est trop volumineux.")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        raise BakingError("Le badge intégré à l’image n’est pas du texte UTF-8.") from None


def bake_png(png: bytes, payload: str, *, keyword: str = OB3_PNG_KEYWORD) -> bytes:
    """Return `png` with one uncompressed iTXt chunk `keyword` holding `payload` (replacing any previous one)."""
    chunks = _chunks(png)
    data = keyword.encode("latin-1") + b"\0\0\0" + b"\0" + b"\0" + payload.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, chunk_data in chunks:
        if kind == b"iTXt" and _itxt_keyword(chunk_data) == keyword:
            continue
        if kind == b"IEND":
            out.append(_chunk_bytes(b"iTXt", data))
        out.append(_chunk_bytes(kind, chunk_data))
    return b"".join(out)


def unbake_png(png: bytes, *, keyword: str = OB3_PNG_KEYWORD) -> str:
    """The text of the single iTXt chunk `keyword`; BakingError when there is none or more than one."""
    found = [data for kind, data in _chunks(png) if kind == b"iTXt" and _itxt_keyword(data) == keyword]
    if not found:
        raise BakingError(f"Cette image PNG ne contient aucun badge (pas de bloc « {keyword} »).")
    if len(found) > 1:
        raise BakingError(
            f"Cette image PNG contient plusieurs badges ({len(found)} blocs « {keyword} ») : elle est ambiguë."
        )
    return _itxt_text(found[0])


# --- SVG ---------------------------------------------------------------------------------------------------------

_ROOT_START = re.compile(r"<svg(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>")
_OLD_OB3 = re.compile(r"<openbadges:credential\b[^>]*>.*?</openbadges:credential>", re.DOTALL)
_OLD_OB2 = re.compile(r"<openbadges:assertion\b[^>]*>.*?</openbadges:assertion>", re.DOTALL)
_OLD_OB2_EMPTY = re.compile(r"<openbadges:assertion\b[^>]*/>")


# Characters XML 1.0 forbids even in CDATA.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe_json(payload: str) -> str:
    """JSON text with characters XML cannot carry written as \\u escapes (same JSON value)."""
    if _NOT_XML.search(payload) is None:
        return payload
    try:
        return json.dumps(json.loads(payload), ensure_ascii=True)
    except ValueError:
        raise BakingError("Le contenu à intégrer contient des caractères interdits en XML.") from None


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _parse_svg(svg: str):
    if not isinstance(svg, str):
        raise BakingError("Ce fichier n’est pas une image SVG lisible.")
    try:
        root = xml_fromstring(svg)
    except (ParseError, DefusedXmlException, ValueError):
        raise BakingError("Ce fichier n’est pas une image SVG lisible (XML invalide ou interdit).") from None
    if root.tag not in ("{http://www.w3.org/2000/svg}svg", "svg"):
        raise BakingError("Ce fichier XML n’est pas une image SVG.")
    return root


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def bake_svg(svg: str, payload: str, *, ob2: bool = False) -> str:
    """Return `svg` with the credential (`payload`, JSON) embedded as OB 3.0 (or OB 2.0 when `ob2`)."""
    _parse_svg(svg)
    payload = _xml_safe_json(payload)
    svg = (_OLD_OB2_EMPTY.sub("", _OLD_OB2.sub("", svg))) if ob2 else _OLD_OB3.sub("", svg)
    match = _ROOT_START.search(svg)
    if match is None:
        raise BakingError("Impossible de trouver la balise <svg> racine de l’image.")
    namespace = OB2_SVG_NAMESPACE if ob2 else OB3_SVG_NAMESPACE
    start_tag = match.group(0)
    if "xmlns:openbadges=" not in start_tag:
        start_tag = f'{start_tag[:-1]} xmlns:openbadges="{namespace}">'
    if ob2:
        verify = ""
        try:
            assertion_id = json.loads(payload).get("id")
        except (ValueError, AttributeError):
            assertion_id = None
        if isinstance(assertion_id, str):
            verify = f' verify="{_escape_attribute(assertion_id)}"'
        element = f"<openbadges:assertion{verify}>{_cdata(payload)}</openbadges:assertion>"
    else:
        element = f"<openbadges:credential>{_cdata(payload)}</openbadges:credential>"
    baked = svg[: match.start()] + start_tag + element + svg[match.end() :]
    _parse_svg(baked)
    return baked


def unbake_svg(svg: str, *, ob2: bool = False) -> str:
    """The JSON of the single `<openbadges:credential>` (or OB 2.0 assertion) element."""
    root = _parse_svg(svg)
    tag = f"{{{OB2_SVG_NAMESPACE}}}assertion" if ob2 else f"{{{OB3_SVG_NAMESPACE}}}credential"
    found = list(root.iter(tag))
    if not found:
        raise BakingError("Cette image SVG ne contient aucun badge (pas d’élément <openbadges:credential>).")
    if len(found) > 1:
        raise BakingError("Cette image SVG contient plusieurs badges : elle est ambiguë.")
    element = found[0]
    text = (element.text or "").strip()
    if not text and ob2:
        text = element.get("verify", "")
    if not text:
        raise BakingError("L’élément <openbadges:credential> de l’image est vide.")
    return text


def unbake(data: bytes) -> str:
    """Unbake an OB 3.0 PNG or SVG from its bytes (type sniffed from the content)."""
    if data.startswith(PNG_SIGNATURE):
        return unbake_png(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BakingError("Ce fichier n’est ni une image PNG ni une image SVG.") from None
    if "<svg" not in text[:4096] and "<svg" not in text:
        raise BakingError("Ce fichier n’est ni une image PNG ni une image SVG.")
    return unbake_svg(text)

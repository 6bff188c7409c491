"""Badge images: content checks of uploads, SVG sanitising, and images generated from a template.

Pure functions from bytes/plain values to bytes. Uploads are recognised by their content, never by
their name: a PNG must open as a PNG with Pillow; an SVG must parse as XML (defusedxml: no DTD,
no entities) with an <svg> root. An SVG carrying a script, an event handler or a reference to
anything outside itself is refused; other unknown elements and attributes (editor metadata) are
dropped, and the SVG is re-serialised from an allow-list.
"""

import io
import math
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from defusedxml import ElementTree as SafeET
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
register_namespace("", SVG_NS)
register_namespace("xlink", XLINK_NS)

ALLOWED_ELEMENTS = {
    "svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "use", "symbol",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "id", "class", "width", "height", "viewBox", "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "opacity", "transform",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "clip-path", "clipPathUnits",
    "fx", "fy", "role", "aria-label", "href", "version", "style",
}  # fmt: skip
# Elements that run code or pull in other documents: their presence refuses the file.
FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "image", "feImage", "handler", "style"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


class ImageRejected(ValueError):
    """The file is not an acceptable badge image; `message` is the French reason shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def sniff_image(content: bytes) -> str:
    """Return "png" or "svg" from the file's content; raise ImageRejected otherwise."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
                if image.format == "PNG":
                    return "png"
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            pass
        raise ImageRejected("Le fichier PNG est illisible ou endommagé.")
    head = content[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in content[:4096].lower():
        return "svg"
    raise ImageRejected("Le fichier n’est ni une image PNG ni une image SVG (son contenu a été vérifié).")


def sanitise_svg(content: bytes) -> bytes:
    """Return a clean copy of the SVG, or raise ImageRejected if it is dangerous or malformed."""
    try:
        root = SafeET.fromstring(content)
    except SafeET.ParseError:
        raise ImageRejected("Le fichier SVG n’est pas un document XML valide.") from None
    except Exception:  # defusedxml's DTD/entity refusals
        raise ImageRejected("Le fichier SVG contient des déclarations interdites (DTD ou entités).") from None
    namespace, name = _local(root.tag)
    if name != "svg" or namespace not in {SVG_NS, ""}:
        raise ImageRejected("Le fichier n’est pas une image SVG.")
    _refuse_dangerous(root)
    return tostring(_clean(root), encoding="utf-8", xml_declaration=True)


def _refuse_dangerous(root: Element) -> None:
    """Refuse the whole file if any element, kept or not, carries code or an external reference."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        _, name = _local(element.tag)
        if name in FORBIDDEN_ELEMENTS:
            raise ImageRejected(f"Le fichier SVG contient un élément interdit (<{name}>) : il est refusé.")
        for key, value in element.attrib.items():
            _, attr = _local(key)
            if attr.lower().startswith("on"):
                raise ImageRejected("Le fichier SVG contient du code (attribut « on… ») : il est refusé.")
            lowered = value.lower()
            if (
                (attr == "href" and not value.strip().startswith("#"))
                or _EXTERNAL_URL.search(value)
                or "javascript:" in lowered
                or "@import" in lowered
            ):
                raise ImageRejected("Le fichier SVG fait référence à une ressource externe : il est refusé.")


def _clean(element: Element) -> Element:
    """Copy `element` keeping only allow-listed SVG elements and attributes (already scanned)."""
    _, name = _local(element.tag)
    clean = Element(f"{{{SVG_NS}}}{name}")
    for key, value in element.attrib.items():
        attr_ns, attr = _local(key)
        if attr == "href":
            clean.set(f"{{{XLINK_NS}}}href" if attr_ns == XLINK_NS else "href", value)
        elif attr_ns in {"", SVG_NS} and attr in ALLOWED_ATTRIBUTES:
            clean.set(attr, value)
    clean.text = element.text
    clean.tail = element.tail
    for child in element:
        child_ns, child_name = _local(child.tag) if isinstance(child.tag, str) else ("", "")
        if child_ns in {SVG_NS, ""} and child_name in ALLOWED_ELEMENTS:
            clean.append(_clean(child))
    return clean


def check_png_dimensions(content: bytes, *, max_side_px: int = 4096) -> None:
    with Image.open(io.BytesIO(content)) as image:
        if max(image.size) > max_side_px:
            raise ImageRejected(f"L’image est trop grande (plus de {max_side_px} pixels de côté).")


# --- Images generated from a template --------------------------------------------------------

SIZE = 512


@dataclass(frozen=True)
class BadgeTemplate:
    shape: str  # ImageShape value
    colour: str  # "#RRGGBB"
    title: str
    level_number: int | None = None


def _shape_points(shape: str, size: int) -> list[tuple[float, float]] | None:
    c = size / 2
    r = size * 0.46
    if shape == "hexagon":
        return [
            (c + r * math.cos(math.radians(90 + 60 * i)), c - r * math.sin(math.radians(90 + 60 * i)))
            for i in range(6)
        ]
    if shape == "star":
        points = []
        for i in range(24):
            radius = r if i % 2 == 0 else r * 0.9
            angle = math.radians(90 + 15 * i)
            points.append((c + radius * math.cos(angle), c - radius * math.sin(angle)))
        return points
    if shape == "shield":
        s = size
        return [(0.1 * s, 0.06 * s), (0.9 * s, 0.06 * s), (0.9 * s, 0.5 * s), (0.5 * s, 0.96 * s), (0.1 * s, 0.5 * s)]
    return None  # circle


def _title_lines(title: str) -> list[str]:
    lines = textwrap.wrap(title, width=16)[:3]
    if len(textwrap.wrap(title, width=16)) > 3:
        lines[-1] = lines[-1][:14] + "…"
    return lines


def _text_colour(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#161616" if (0.299 * red + 0.587 * green + 0.114 * blue) > 160 else "#ffffff"


def generate_svg(template: BadgeTemplate) -> bytes:
    """An SVG badge: the shape in the colour, the title, and the level number in a medallion."""
    ink = _text_colour(template.colour)
    root = Element(
        f"{{{SVG_NS}}}svg",
        {"width": str(SIZE), "height": str(SIZE), "viewBox": f"0 0 {SIZE} {SIZE}", "role": "img",
         "aria-label": template.title},
    )  # fmt: skip
    SubElement(root, f"{{{SVG_NS}}}title").text = template.title
    points = _shape_points(template.shape, SIZE)
    style = {"fill": template.colour, "stroke": "#ffffff", "stroke-width": "10"}
    if points is None:
        SubElement(root, f"{{{SVG_NS}}}circle", {"cx": "256", "cy": "256", "r": str(SIZE * 0.46), **style})
    else:
        SubElement(root, f"{{{SVG_NS}}}polygon", {"points": " ".join(f"{x:.1f},{y:.1f}" for x, y in points), **style})
    lines = _title_lines(template.title)
    top = 200 - 22 * (len(lines) - 1)
    for i, line in enumerate(lines):
        text = SubElement(
            root,
            f"{{{SVG_NS}}}text",
            {"x": "256", "y": str(top + 46 * i), "text-anchor": "middle", "font-family": "Marianne, Arial, sans-serif",
             "font-size": "40", "font-weight": "bold", "fill": ink},
        )  # fmt: skip
        text.text = line
    if template.level_number is not None:
        SubElement(root, f"{{{SVG_NS}}}circle", {"cx": "256", "cy": "370", "r": "56", "fill": "#ffffff"})
        level = SubElement(
            root,
            f"{{{SVG_NS}}}text",
            {"x": "256", "y": "392", "text-anchor": "middle", "font-family": "Marianne, Arial, sans-serif",
             "font-size": "64", "font-weight": "bold", "fill": template.colour},
        )  # fmt: skip
        level.text = str(template.level_number)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _font(size: int):
    # Bitstream Vera (shipped with reportlab, already a dependency) has the accented Latin letters
    # that Pillow's built-in font lacks.
    import reportlab

    path = Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"
    if path.exists():
        return ImageFont.truetype(str(path), size=size)
    return ImageFont.load_default(size=size)


def generate_png(template: BadgeTemplate) -> bytes:
    """The same badge drawn with Pillow (no network, no native SVG renderer), for PNG baking."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = _shape_points(template.shape, SIZE)
    if points is None:
        r = SIZE * 0.46
        draw.ellipse((256 - r, 256 - r, 256 + r, 256 + r), fill=template.colour, outline="#ffffff", width=10)
    else:
        draw.polygon(points, fill=template.colour, outline="#ffffff", width=10)
    ink = _text_colour(template.colour)
    font = _font(36)
    lines = _title_lines(template.title)
    top = 200 - 22 * (len(lines) - 1)
    for i, line in enumerate(lines):
        draw.text((256, top + 46 * i), line, fill=ink, font=font, anchor="ms")
    if template.level_number is not None:
        draw.ellipse((200, 314, 312, 426), fill="#ffffff")
        draw.text((256, 392), str(template.level_number), fill=template.colour, font=_font(64), anchor="ms")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

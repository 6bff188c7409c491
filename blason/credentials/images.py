"""The badge image a credential is baked into: the version's image, or a generated default."""

import functools
import io

from PIL import Image, ImageDraw


@functools.cache
def default_badge_png() -> bytes:
    """A plain 256×256 round badge, used when a badge version has no image of its own."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 248, 248), fill=(0, 0, 145, 255), outline=(225, 0, 15, 255), width=10)
    draw.ellipse((70, 70, 186, 186), outline=(255, 255, 255, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def default_badge_svg() -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
        '<circle cx="128" cy="128" r="120" fill="#000091" stroke="#e1000f" stroke-width="10"/>'
        '<circle cx="128" cy="128" r="58" fill="none" stroke="#fff" stroke-width="8"/></svg>'
    )


def png_from_image_bytes(data: bytes) -> bytes:
    """Return `data` if it is a PNG, else convert it (JPEG, WebP…) to PNG; the default on failure."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    try:
        with Image.open(io.BytesIO(data)) as image:
            buffer = io.BytesIO()
            image.convert("RGBA").save(buffer, format="PNG")
            return buffer.getvalue()
    except Exception:  # noqa: BLE001 - any unreadable image falls back to the default badge
        return default_badge_png()

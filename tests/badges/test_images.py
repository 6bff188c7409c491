import io
import zipfile

import pytest
from PIL import Image

from blason.badges import images

SVG_OK = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10"><inkscape:grid/><circle cx="5" cy="5" r="4" fill="#000091"/></svg>'  # noqa: E501


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#000091").save(buffer, format="PNG")
    return buffer.getvalue()


def zip_named_png():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "pas une image")
    return buffer.getvalue()


def test_sniff_recognises_png_and_svg():
    assert images.sniff_image(png_bytes()) == "png"
    assert images.sniff_image(SVG_OK) == "svg"


@pytest.mark.parametrize("content", [zip_named_png(), b"\x89PNG\r\n\x1a\nPK\x03\x04garbage", b"GIF89a...."])
def test_sniff_refuses_what_is_not_png_or_svg(content):
    with pytest.raises(images.ImageRejected):
        images.sniff_image(content)


def test_sanitise_keeps_shapes_and_drops_editor_metadata():
    clean = images.sanitise_svg(SVG_OK)
    assert b"<circle" in clean
    assert b"inkscape" not in clean


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "on…"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><circle r="1"/></a></svg>',
            "externe",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<use xlink:href="https://evil.example/x.svg#a"/></svg>',
            "externe",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/a)"/></svg>', "externe"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/a.png"/></svg>', "externe"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "interdit"),
        (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "DTD"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'", "XML"),
        (b"<html><body>no</body></html>", "SVG"),
    ],
)
def test_sanitise_refuses_dangerous_svg(svg, reason):
    with pytest.raises(images.ImageRejected) as error:
        images.sanitise_svg(svg)
    assert error.value.message


def test_generated_images_carry_title_and_level():
    template = images.BadgeTemplate("shield", "#000091", "Qualité pédagogique – niveau 2", 2)
    svg = images.generate_svg(template)
    assert images.sanitise_svg(svg)  # what we generate passes our own sanitiser
    assert "Qualité".encode() in svg
    assert b">2</text>" in svg
    png = images.generate_png(template)
    assert images.sniff_image(png) == "png"
    assert Image.open(io.BytesIO(png)).size == (512, 512)


@pytest.mark.parametrize("shape", ["circle", "shield", "hexagon", "star"])
def test_every_shape_renders(shape):
    template = images.BadgeTemplate(shape, "#ffffff", "Un titre bien plus long que la largeur d’une ligne du badge")
    assert images.generate_svg(template).count(b"<text") == 3
    assert images.generate_png(template)

import io
import json
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from blason.credentials import baking

SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
PAYLOAD = json.dumps({"id": "urn:uuid:1", "name": "Badge « été » ]]> 🏅"}, ensure_ascii=False)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (200, 30, 30, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str) -> bytes:
    return _chunk(b"iTXt", keyword.encode() + b"\0\0\0\0\0" + text.encode())


def test_png_round_trip_keeps_a_valid_image():
    baked = baking.bake_png(_png(), PAYLOAD)
    assert baking.unbake_png(baked) == PAYLOAD
    assert Image.open(io.BytesIO(baked)).size == (4, 4)
    assert baked.count(b"iTXtopenbadgecredential\0\0\0") == 1  # one uncompressed chunk


def test_rebaking_replaces_the_chunk():
    baked = baking.bake_png(baking.bake_png(_png(), "old"), PAYLOAD)
    assert baking.unbake_png(baked) == PAYLOAD


def test_ob2_keyword():
    baked = baking.bake_png(_png(), PAYLOAD, keyword=baking.OB2_PNG_KEYWORD)
    assert baking.unbake_png(baked, keyword="openbadges") == PAYLOAD
    with pytest.raises(baking.BakingError):
        baking.unbake_png(baked)


def test_compressed_itxt_is_read():
    png = _png()
    data = b"openbadgecredential\0\x01\x00\0\0" + zlib.compress(PAYLOAD.encode())
    baked = png[:-12] + _chunk(b"iTXt", data) + png[-12:]
    assert baking.unbake_png(baked) == PAYLOAD


def test_png_with_two_credential_chunks_is_refused():
    png = _png()
    doubled = png[:-12] + _itxt("openbadgecredential", "a") + _itxt("openbadgecredential", "b") + png[-12:]
    with pytest.raises(baking.BakingError, match="plusieurs badges"):
        baking.unbake_png(doubled)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a", "pas une image PNG"),
        (b"", "pas une image PNG"),
        (_png()[:40], "tronquée"),
        (_png(), "aucun badge"),
    ],
)
def test_png_errors_are_french(data, message):
    with pytest.raises(baking.BakingError, match=message):
        baking.unbake_png(data)


def test_corrupted_crc_is_refused():
    baked = bytearray(baking.bake_png(_png(), PAYLOAD))
    position = bytes(baked).index(b"Badge")
    baked[position] ^= 0xFF
    with pytest.raises(baking.BakingError, match="corrompue"):
        baking.unbake_png(bytes(baked))


def test_svg_round_trip_ob3():
    baked = baking.bake_svg(SVG, PAYLOAD)
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert baked.count("<openbadges:credential>") == 1
    assert baking.unbake_svg(baked) == PAYLOAD
    assert baking.unbake(baked.encode()) == PAYLOAD
    assert baking.unbake_svg(baking.bake_svg(baked, "autre")) == "autre"


def test_svg_ob2_has_verify_attribute():
    baked = baking.bake_svg(SVG, PAYLOAD, ob2=True)
    assert 'xmlns:openbadges="http://openbadges.org"' in baked
    assert '<openbadges:assertion verify="urn:uuid:1">' in baked
    assert baking.unbake_svg(baked, ob2=True) == PAYLOAD


def test_svg_with_two_credentials_is_refused():
    baked = baking.bake_svg(SVG, PAYLOAD)
    doubled = baked.replace("<rect/>", "<rect/><openbadges:credential>{}</openbadges:credential>")
    with pytest.raises(baking.BakingError, match="plusieurs"):
        baking.unbake_svg(doubled)


@pytest.mark.parametrize(
    "svg",
    [
        "not xml",
        "<html/>",
        SVG,
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    ],
)
def test_svg_errors_are_french(svg):
    with pytest.raises(baking.BakingError):
        baking.unbake_svg(svg)


def test_unbake_sniffs_type():
    assert baking.unbake(baking.bake_png(_png(), PAYLOAD)) == PAYLOAD
    for garbage in (b"\xff\xfe\x00garbage", b"plain text"):
        with pytest.raises(baking.BakingError):
            baking.unbake(garbage)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_png_round_trip_any_text(text):
    assert baking.unbake_png(baking.bake_png(_png(), text)) == text


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=200))
def test_svg_round_trip_any_json(text):
    payload = json.dumps({"name": text}, ensure_ascii=False)
    assert json.loads(baking.unbake_svg(baking.bake_svg(SVG, payload))) == {"name": text}


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    for candidate in (data, baking.PNG_SIGNATURE + data):
        try:
            baking.unbake(candidate)
        except baking.BakingError:
            pass


def test_svg_carries_characters_xml_forbids_as_json_escapes():
    payload = json.dumps({"name": "a\x01b\ufffec"}, ensure_ascii=False)
    assert json.loads(baking.unbake_svg(baking.bake_svg(SVG, payload))) == {"name": "a\x01b\ufffec"}


@pytest.mark.parametrize(
    ("itxt_data", "message"),
    [
        (b"openbadgecredential\0", "mal formé"),
        (b"openbadgecredential\0\0\0nolanguageend", "mal formé"),
        (b"openbadgecredential\0\x01\x05\0\0abc", "compression inconnue"),
        (b"openbadgecredential\0\x01\x00\0\0not zlib", "illisible"),
        (b"openbadgecredential\0\0\0\0\0\xff\xfe", "UTF-8"),
    ],
)
def test_malformed_itxt_chunks(itxt_data, message):
    png = _png()
    with pytest.raises(baking.BakingError, match=message):
        baking.unbake_png(png[:-12] + _chunk(b"iTXt", itxt_data) + png[-12:])


def test_compressed_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(baking, "MAX_PAYLOAD_BYTES", 100)
    png = _png()
    data = b"openbadgecredential\0\x01\x00\0\0" + zlib.compress(b"a" * 1000)
    with pytest.raises(baking.BakingError, match="volumineux"):
        baking.unbake_png(png[:-12] + _chunk(b"iTXt", data) + png[-12:])


def test_png_without_iend_is_refused():
    with pytest.raises(baking.BakingError, match="incomplète"):
        baking.unbake_png(_png()[:-12])


def test_svg_edge_cases():
    with pytest.raises(baking.BakingError, match="racine"):
        baking.bake_svg('<s:svg xmlns:s="http://www.w3.org/2000/svg"/>', PAYLOAD)
    empty = SVG.replace("<rect/>", '<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"/>')
    with pytest.raises(baking.BakingError, match="vide"):
        baking.unbake_svg(empty)
    with pytest.raises(baking.BakingError):
        baking.bake_svg(SVG, "not json \x01")
    baked = baking.bake_svg(SVG, "https://blason.test/assertions/1", ob2=True)
    assert "verify=" not in baked
    assert baking.unbake_svg(baked, ob2=True) == "https://blason.test/assertions/1"
    hosted = SVG.replace(
        "<rect/>", '<openbadges:assertion xmlns:openbadges="http://openbadges.org" verify="https://b.test/a/1"/>'
    )
    assert baking.unbake_svg(hosted, ob2=True) == "https://b.test/a/1"
    with pytest.raises(baking.BakingError):
        baking.unbake_svg(b"<svg/>")

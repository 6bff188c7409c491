import base64
import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blason.credentials import status_list


def test_minimum_size_and_round_trip():
    bits = status_list.new_bitstring()
    assert len(bits) * 8 == status_list.STATUS_LIST_MIN_ENTRIES == 131_072
    status_list.set_bit(bits, 0, True)
    status_list.set_bit(bits, 131_071, True)
    encoded = status_list.encode_bitstring(bits)
    assert encoded.startswith("u") and "=" not in encoded
    decoded = status_list.decode_bitstring(encoded)
    assert decoded == bytes(bits)
    assert status_list.get_bit(decoded, 0) and status_list.get_bit(decoded, 131_071)
    assert not status_list.get_bit(decoded, 1)


def test_bit_zero_is_the_most_significant_bit_of_byte_zero():
    bits = bytearray(2)
    status_list.set_bit(bits, 0, True)
    assert bits == bytearray([0x80, 0])
    status_list.set_bit(bits, 9, True)
    assert bits == bytearray([0x80, 0x40])
    status_list.set_bit(bits, 0, False)
    assert bits == bytearray([0, 0x40])


def test_w3c_empty_list_example_decodes():
    # The spec's example of an empty 16 KB list is GZIP of zeros; any encoder's output must decode.
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(16384))).decode().rstrip("=")
    assert status_list.decode_bitstring(encoded) == bytes(16384)


def test_encoding_is_deterministic():
    bits = status_list.new_bitstring()
    assert status_list.encode_bitstring(bits) == status_list.encode_bitstring(bytes(bits))


@given(st.lists(st.integers(min_value=0, max_value=131_071), max_size=50))
def test_set_bits_survive_encoding(indexes):
    bits = status_list.new_bitstring()
    for index in indexes:
        status_list.set_bit(bits, index, True)
    decoded = status_list.decode_bitstring(status_list.encode_bitstring(bits))
    assert {i for i in range(131_072) if decoded[i >> 3] and status_list.get_bit(decoded, i)} == set(indexes)


@pytest.mark.parametrize("index", [-1, 131_072, "3", True, 1.5])
def test_out_of_range_index(index):
    with pytest.raises(IndexError):
        status_list.get_bit(bytes(16384), index)


@pytest.mark.parametrize(
    "encoded", ["", "u", "u!!!", "uAAAA", "u" + base64.urlsafe_b64encode(b"not gzip").decode(), 7]
)
def test_garbage_is_a_french_error(encoded):
    with pytest.raises(status_list.StatusListError):
        status_list.decode_bitstring(encoded)


def test_gzip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(status_list, "MAX_DECODED_BYTES", 1024)
    encoded = status_list.encode_bitstring(bytes(4096))
    with pytest.raises(status_list.StatusListError):
        status_list.decode_bitstring(encoded)


def test_new_bitstring_needs_whole_bytes():
    with pytest.raises(ValueError):
        status_list.new_bitstring(7)

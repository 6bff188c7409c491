"""Bitstring Status List (W3C VC Bitstring Status List v1.0) encoding.

The bitstring is GZIP-compressed, then base64url-encoded without padding, with the multibase prefix "u". Bit 0 is
the most significant bit of byte 0 (the spec's left-most bit). Pure module: no ORM, no settings, no I/O.
"""

import base64
import binascii
import gzip
import io
import zlib

__all__ = [
    "STATUS_LIST_MIN_ENTRIES",
    "StatusListError",
    "decode_bitstring",
    "encode_bitstring",
    "get_bit",
    "new_bitstring",
    "set_bit",
]

# The spec's minimum (16 KiB of bits) so that an entry's index does not identify its holder.
STATUS_LIST_MIN_ENTRIES = 131_072
# Refuse to inflate more than this (a 16 MiB bitstring = 134 million entries): guards against gzip bombs.
MAX_DECODED_BYTES = 16 * 1024 * 1024


class StatusListError(ValueError):
    """The encoded list cannot be read (message in French)."""


def new_bitstring(entries: int = STATUS_LIST_MIN_ENTRIES) -> bytearray:
    if entries <= 0 or entries % 8:
        raise ValueError("entries must be a positive multiple of 8")
    return bytearray(entries // 8)


def encode_bitstring(bits: bytes) -> str:
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_bitstring(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise StatusListError("La liste de statuts est vide ou n’est pas une chaîne.")
    text = encoded[1:] if encoded.startswith("u") else encoded
    try:
        compressed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise StatusListError("La liste de statuts n’est pas encodée en base64url.") from None
    if not compressed:
        raise StatusListError("La liste de statuts est vide.")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            bits = stream.read(MAX_DECODED_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        raise StatusListError("La liste de statuts n’est pas compressée en GZIP.") from None
    if len(bits) > MAX_DECODED_BYTES:
        raise StatusListError("La liste de statuts est trop grande.")
    return bits


def _locate(length: int, index: int) -> tuple[int, int]:
    if not isinstance(index, int) or isinstance(index, bool) or index < 0 or index >= length * 8:
        raise IndexError(f"status index {index!r} outside a list of {length * 8} entries")
    return index >> 3, 0x80 >> (index & 7)


def get_bit(bits: bytes, index: int) -> bool:
    byte, mask = _locate(len(bits), index)
    return bool(bits[byte] & mask)


def set_bit(bits: bytearray, index: int, value: bool) -> None:
    byte, mask = _locate(len(bits), index)
    if value:
        bits[byte] |= mask
    else:
        bits[byte] &= ~mask & 0xFF

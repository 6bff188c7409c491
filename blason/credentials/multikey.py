"""Multikey encoding of Ed25519 public keys, base58btc, and `did:key` documents.

Multikey (W3C Controlled Identifiers): multibase base58btc (`z…`) of the multicodec header `0xed 0x01` followed by
the 32-byte Ed25519 public key, hence the `z6Mk…` prefix. Pure module: no ORM, no settings, no I/O.
"""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from blason.credentials.jsonld import DID_V1, MULTIKEY_V1

__all__ = [
    "MultikeyError",
    "b58decode",
    "b58encode",
    "decode_public_key",
    "did_key",
    "did_key_document",
    "encode_public_key",
    "public_key_from_did_key",
]

ED25519_PUB_HEADER = b"\xed\x01"
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: index for index, char in enumerate(_ALPHABET)}


class MultikeyError(ValueError):
    """Not a valid Ed25519 Multikey / did:key (message in French)."""


def b58encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(chars))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        try:
            number = number * 58 + _INDEX[char]
        except KeyError:
            raise MultikeyError("Caractère invalide en base58btc.") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_public_key(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB_HEADER + raw)


def decode_public_key(multibase: str) -> Ed25519PublicKey:
    if not isinstance(multibase, str) or not multibase.startswith("z"):
        raise MultikeyError("La clé publique n’est pas encodée en multibase base58btc (préfixe « z »).")
    if len(multibase) > 100:
        raise MultikeyError("La clé publique est trop longue.")
    data = b58decode(multibase[1:])
    if len(data) != 34 or not data.startswith(ED25519_PUB_HEADER):
        raise MultikeyError("La clé publique n’est pas une clé Ed25519 au format Multikey.")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def did_key(public_key: Ed25519PublicKey) -> str:
    return f"did:key:{encode_public_key(public_key)}"


def public_key_from_did_key(did: str) -> Ed25519PublicKey:
    """The public key of a `did:key:z6Mk…` (a fragment, if any, is ignored)."""
    if not isinstance(did, str) or not did.startswith("did:key:"):
        raise MultikeyError("Ce n’est pas un identifiant did:key.")
    return decode_public_key(did.removeprefix("did:key:").split("#", 1)[0])


def did_key_document(did: str) -> dict:
    """The DID document of an Ed25519 `did:key` (one Multikey verification method, as DCC resolves it)."""
    multibase = did.removeprefix("did:key:").split("#", 1)[0]
    public_key_from_did_key(did)  # validates
    did = f"did:key:{multibase}"
    method_id = f"{did}#{multibase}"
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {"id": method_id, "type": "Multikey", "controller": did, "publicKeyMultibase": multibase}
        ],
        "authentication": [method_id],
        "assertionMethod": [method_id],
        "capabilityDelegation": [method_id],
        "capabilityInvocation": [method_id],
    }

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given
from hypothesis import strategies as st

from blason.credentials import multikey


def _raw(public_key):
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_known_vector():
    # W3C vc-di-eddsa test vector (Multikey of the example issuer key).
    public = bytes.fromhex("4bd21ab5ec16ac07c8d4c4c7b8bf1d2cc6ede0c1cd0b8e5e5f1b1a75c6a7b1f3")
    encoded = "z" + multikey.b58encode(b"\xed\x01" + public)
    assert encoded.startswith("z6Mk")
    assert _raw(multikey.decode_public_key(encoded)) == public


def test_round_trip_and_did_key():
    public_key = Ed25519PrivateKey.generate().public_key()
    encoded = multikey.encode_public_key(public_key)
    assert encoded.startswith("z6Mk")
    assert _raw(multikey.decode_public_key(encoded)) == _raw(public_key)
    did = multikey.did_key(public_key)
    assert did == f"did:key:{encoded}"
    assert _raw(multikey.public_key_from_did_key(f"{did}#{encoded}")) == _raw(public_key)


def test_did_key_document():
    public_key = Ed25519PrivateKey.generate().public_key()
    did = multikey.did_key(public_key)
    document = multikey.did_key_document(did)
    method = document["verificationMethod"][0]
    assert document["id"] == did
    assert method["id"] == f"{did}#{did.removeprefix('did:key:')}"
    assert method["type"] == "Multikey"
    assert document["assertionMethod"] == [method["id"]]
    assert "https://w3id.org/security/multikey/v1" in document["@context"]


@given(st.binary(max_size=64))
def test_base58_round_trip(data):
    assert multikey.b58decode(multikey.b58encode(data)) == data


@pytest.mark.parametrize(
    "value",
    ["", "6Mk", "z", "z0OIl", "zzzz", "z" + multikey.b58encode(b"\xec\x01" + bytes(32)), "z" + "1" * 200, None, 42],
)
def test_invalid_multikeys_are_refused_in_french(value):
    with pytest.raises(multikey.MultikeyError) as error:
        multikey.decode_public_key(value)
    assert "clé" in str(error.value) or "base58" in str(error.value)


def test_not_a_did_key():
    with pytest.raises(multikey.MultikeyError):
        multikey.public_key_from_did_key("did:web:blason.test")

"""Issuers' Ed25519 signing keys: generation and encryption at rest.

A private key is stored only as AES-256-GCM ciphertext. The AES key is derived (HKDF-SHA256) from
`settings.BLASON_KEY_ENCRYPTION_KEY`, the key-encryption key (KEK) that lives outside the database;
the key's public id is bound as associated data, so a ciphertext copied onto another row does not
decrypt. A database dump therefore holds no usable private key.
"""

import base64
import binascii
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
_FORMAT_VERSION = b"\x01"
_HKDF_INFO = b"blason signing keys v1"


class KeyDecryptionError(Exception):
    """The ciphertext does not decrypt under the configured KEK (wrong KEK, tampered row)."""


def _kek_bytes(value: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(value.encode() + b"=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    return raw if len(raw) >= 32 else value.encode()


def _aead(kek: str | None = None) -> AESGCM:
    material = _kek_bytes(kek if kek is not None else settings.BLASON_KEY_ENCRYPTION_KEY)
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(material)
    return AESGCM(derived)


def encrypt_private_key(private_key: Ed25519PrivateKey, *, associated_data: bytes, kek: str | None = None) -> bytes:
    raw = private_key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )
    nonce = os.urandom(NONCE_BYTES)
    return _FORMAT_VERSION + nonce + _aead(kek).encrypt(nonce, raw, associated_data)


def decrypt_private_key(blob: bytes, *, associated_data: bytes, kek: str | None = None) -> Ed25519PrivateKey:
    blob = bytes(blob)
    if not blob.startswith(_FORMAT_VERSION) or len(blob) < 1 + NONCE_BYTES + 16:
        raise KeyDecryptionError("unknown ciphertext format")
    nonce, ciphertext = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        raw = _aead(kek).decrypt(nonce, ciphertext, associated_data)
    except InvalidTag:
        raise KeyDecryptionError("the key-encryption key does not open this private key") from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class GeneratedKey:
    private_key: Ed25519PrivateKey
    public_key: Ed25519PublicKey


def generate_key() -> GeneratedKey:
    private_key = Ed25519PrivateKey.generate()
    return GeneratedKey(private_key=private_key, public_key=private_key.public_key())

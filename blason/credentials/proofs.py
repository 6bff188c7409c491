"""Data Integrity proofs, cryptosuite `eddsa-rdfc-2022` (W3C vc-di-eddsa §3.2), as the DCC libraries make them.

Signing (§3.2.1–3.2.6):
- proof configuration = the proof options (type, cryptosuite, created, verificationMethod, proofPurpose) with the
  document's `@context`;
- hash data = SHA-256(canonical proof configuration) ‖ SHA-256(canonical document without `proof`), both RDFC-1.0;
- proofValue = "z" + base58btc(Ed25519 signature of the hash data).

Blason writes `proof` as a JSON array (the 1EdTech schema wants one); verification accepts an array or an object.

Pure module: no ORM, no settings, no I/O (the caller resolves keys through `resolve_public_key`).
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from blason.credentials.canonical import CanonicalizationError, canonize
from blason.credentials.multikey import MultikeyError, b58decode, b58encode

__all__ = ["CRYPTOSUITE", "PROOF_TYPE", "KeyNotFound", "ProofResult", "hash_data", "proof_config", "sign", "verify"]

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"


class KeyNotFound(LookupError):
    """Raised by a `resolve_public_key` callable; its message (French) is shown to the user."""


@dataclass(frozen=True)
class ProofResult:
    """Verdict on a proof. `code`: valid | no_proof | malformed_proof | unsupported_proof | wrong_purpose |
    unknown_key | invalid_document (not JSON-LD we can canonicalise: unknown context, undefined term, relative
    IRI) | bad_signature. `message_fr` is ready to show to a user."""

    ok: bool
    code: str
    message_fr: str
    verification_method: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def proof_config(proof: dict, context) -> dict:
    """The proof configuration: the proof without `proofValue`, with the document's `@context`."""
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    config["@context"] = context
    return config


def hash_data(document: dict, proof: dict) -> bytes:
    """SHA-256(canonical proof config) ‖ SHA-256(canonical unsecured document)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = proof_config(proof, document.get("@context"))
    config_hash = hashlib.sha256(canonize(config).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonize(unsecured).encode("utf-8")).digest()
    return config_hash + document_hash


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str | None = None,
) -> dict:
    """A new dict: `document` plus `proof: [DataIntegrityProof]` (eddsa-rdfc-2022, assertionMethod)."""
    if "proof" in document:
        raise ValueError("The document already carries a proof; sign the unsecured document.")
    if "@context" not in document:
        raise ValueError("The document has no @context.")
    proof = {
        "type": PROOF_TYPE,
        "created": created or _now(),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = private_key.sign(hash_data(document, proof))
    proof["proofValue"] = "z" + b58encode(signature)
    return {**document, "proof": [proof]}


def _failure(code: str, message_fr: str, verification_method: str = "") -> ProofResult:
    return ProofResult(ok=False, code=code, message_fr=message_fr, verification_method=verification_method)


def _select_proof(document: dict) -> dict | ProofResult:
    proofs = document.get("proof")
    if proofs is None:
        return _failure("no_proof", "Le badge ne porte aucune preuve cryptographique (signature).")
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list) or not proofs or not all(isinstance(proof, dict) for proof in proofs):
        return _failure("malformed_proof", "La preuve cryptographique est mal formée.")
    ours = [proof for proof in proofs if proof.get("type") == PROOF_TYPE and proof.get("cryptosuite") == CRYPTOSUITE]
    if not ours:
        kinds = ", ".join(sorted({str(proof.get("cryptosuite") or proof.get("type")) for proof in proofs}))
        return _failure(
            "unsupported_proof",
            f"Type de preuve non pris en charge ({kinds}) : seule « DataIntegrityProof / eddsa-rdfc-2022 » l’est.",
        )
    if len(ours) > 1:
        return _failure(
            "malformed_proof", "Le badge porte plusieurs preuves eddsa-rdfc-2022 : cas non pris en charge."
        )
    return ours[0]


def verify(document: dict, *, resolve_public_key: Callable[[str], Ed25519PublicKey]) -> ProofResult:
    """Check the eddsa-rdfc-2022 proof of `document`. Never raises on bad input: returns a verdict."""
    if not isinstance(document, dict):
        return _failure("invalid_document", "Le document n’est pas un objet JSON.")
    if "@context" not in document:
        return _failure("invalid_document", "Le document n’a pas de « @context » JSON-LD.")
    proof = _select_proof(document)
    if isinstance(proof, ProofResult):
        return proof
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        return _failure("malformed_proof", "La preuve n’indique pas de clé de vérification (verificationMethod).")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return _failure(
            "wrong_purpose",
            "La preuve n’a pas pour objet l’émission d’une attestation (proofPurpose ≠ assertionMethod).",
            method,
        )
    if "@context" in proof and proof["@context"] != document["@context"]:
        return _failure("malformed_proof", "Le contexte de la preuve diffère de celui du badge.", method)
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        return _failure("malformed_proof", "La signature (proofValue) n’est pas encodée en base58btc.", method)
    try:
        signature = b58decode(value[1:])
    except MultikeyError:
        return _failure("malformed_proof", "La signature (proofValue) n’est pas encodée en base58btc.", method)
    if len(signature) != 64:
        return _failure(
            "malformed_proof", "La signature (proofValue) n’a pas la longueur d’une signature Ed25519.", method
        )
    try:
        public_key = resolve_public_key(method)
    except KeyNotFound as error:
        return _failure("unknown_key", str(error) or "Clé de vérification introuvable.", method)
    except Exception:  # noqa: BLE001 — any resolver failure is a verdict, never a crash
        return _failure("unknown_key", "Clé de vérification introuvable ou illisible.", method)
    if not isinstance(public_key, Ed25519PublicKey):
        return _failure("unknown_key", "La clé de vérification n’est pas une clé Ed25519.", method)
    try:
        data = hash_data(document, proof)
    except (CanonicalizationError, TypeError, ValueError, RecursionError):
        return _failure(
            "invalid_document",
            "Le badge n’est pas un document JSON-LD valide (contexte inconnu ou terme non défini).",
            method,
        )
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return _failure(
            "bad_signature", "La signature ne correspond pas au contenu : le badge a été modifié ou mal signé.", method
        )
    return ProofResult(ok=True, code="valid", message_fr="La signature est valide.", verification_method=method)

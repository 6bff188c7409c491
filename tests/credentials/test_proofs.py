import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from blason.credentials import proofs
from blason.credentials.multikey import b58encode
from tests.credentials.samples import VERIFICATION_METHOD, achievement_credential, sample_private_key

CREATED = "2026-03-02T09:00:00Z"


def _signed(**kwargs):
    return proofs.sign(
        achievement_credential(**kwargs),
        private_key=sample_private_key(),
        verification_method=VERIFICATION_METHOD,
        created=CREATED,
    )


def _verify(document, key=None):
    public_key = (key or sample_private_key()).public_key()
    return proofs.verify(document, resolve_public_key=lambda method: public_key)


def test_sign_adds_a_proof_array_and_does_not_mutate():
    document = achievement_credential()
    original = copy.deepcopy(document)
    signed = proofs.sign(
        document, private_key=sample_private_key(), verification_method=VERIFICATION_METHOD, created=CREATED
    )
    assert document == original
    assert signed["proof"] == [
        {
            "type": "DataIntegrityProof",
            "created": CREATED,
            "verificationMethod": VERIFICATION_METHOD,
            "cryptosuite": "eddsa-rdfc-2022",
            "proofPurpose": "assertionMethod",
            "proofValue": signed["proof"][0]["proofValue"],
        }
    ]
    assert signed["proof"][0]["proofValue"].startswith("z")


def test_signature_is_deterministic():
    assert _signed()["proof"] == _signed()["proof"]


def test_created_defaults_to_now_in_utc_seconds():
    signed = proofs.sign(achievement_credential(), private_key=sample_private_key(), verification_method="did:key:x")
    assert signed["proof"][0]["created"].endswith("Z") and len(signed["proof"][0]["created"]) == 20


def test_valid_signature_verifies_with_array_or_object_proof():
    signed = _signed()
    result = _verify(signed)
    assert result.ok and result.code == "valid" and result.verification_method == VERIFICATION_METHOD
    assert bool(result)
    as_object = {**signed, "proof": signed["proof"][0]}
    assert _verify(as_object).ok


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"].update(name=d["credentialSubject"]["name"] + "x"),
        lambda d: d.update(validFrom="2026-03-03T09:00:00Z"),
        lambda d: d.update(validUntil="2039-03-02T09:00:00Z"),
        lambda d: d["credentialSubject"]["achievement"]["alignment"].pop(),
        lambda d: d["proof"][0].update(created="2026-03-02T09:00:01Z"),
        lambda d: d["proof"][0].update(verificationMethod=VERIFICATION_METHOD + "0"),
    ],
    ids=["subject", "validFrom", "validUntil", "alignment", "proof-created", "proof-method"],
)
def test_any_change_breaks_the_signature(tamper):
    signed = _signed()
    tamper(signed)
    result = _verify(signed)
    assert not result.ok and result.code == "bad_signature"
    assert "modifié" in result.message_fr


def test_wrong_key_fails():
    assert _verify(_signed(), key=Ed25519PrivateKey.generate()).code == "bad_signature"


def test_resolver_failures_are_verdicts():
    def unknown(method):
        raise proofs.KeyNotFound("Clé inconnue de l’émetteur.")

    def crash(method):
        raise RuntimeError("boom")

    signed = _signed()
    assert proofs.verify(signed, resolve_public_key=unknown).message_fr == "Clé inconnue de l’émetteur."
    assert proofs.verify(signed, resolve_public_key=crash).code == "unknown_key"
    assert proofs.verify(signed, resolve_public_key=lambda m: "not a key").code == "unknown_key"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d.pop("proof"), "no_proof"),
        (lambda d: d.update(proof=[]), "malformed_proof"),
        (lambda d: d.update(proof="abc"), "malformed_proof"),
        (lambda d: d["proof"][0].update(cryptosuite="ecdsa-rdfc-2019"), "unsupported_proof"),
        (lambda d: d["proof"].append(copy.deepcopy(d["proof"][0])), "malformed_proof"),
        (lambda d: d["proof"][0].pop("verificationMethod"), "malformed_proof"),
        (lambda d: d["proof"][0].update(proofPurpose="authentication"), "wrong_purpose"),
        (lambda d: d["proof"][0].update(proofValue="u123"), "malformed_proof"),
        (lambda d: d["proof"][0].update(proofValue="z0OIl"), "malformed_proof"),
        (lambda d: d["proof"][0].update(proofValue="z" + b58encode(b"short")), "malformed_proof"),
        (lambda d: d["proof"][0].update({"@context": ["https://example.org"]}), "malformed_proof"),
        (lambda d: d.pop("@context"), "invalid_document"),
        (lambda d: d.update(undefinedTerm="x"), "invalid_document"),
        (lambda d: d.update({"@context": ["https://example.org/unknown"]}), "invalid_document"),
    ],
)
def test_malformed_inputs_get_a_clear_verdict(change, code):
    signed = _signed()
    change(signed)
    result = _verify(signed)
    assert not result.ok
    assert result.code == code
    assert result.message_fr


def test_not_an_object():
    assert _verify(["not", "a", "credential"]).code == "invalid_document"


def test_sign_refuses_signed_or_context_less_documents():
    with pytest.raises(ValueError):
        proofs.sign(_signed(), private_key=sample_private_key(), verification_method=VERIFICATION_METHOD)
    with pytest.raises(ValueError):
        proofs.sign({"id": "urn:x"}, private_key=sample_private_key(), verification_method=VERIFICATION_METHOD)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["@context", "id", "type", "proof", "credentialSubject", "issuer", "x"]), json_values
    )
    | json_values
)
def test_garbage_always_gets_a_verdict(document):
    result = proofs.verify(document, resolve_public_key=lambda method: sample_private_key().public_key())
    assert not result.ok and result.message_fr


@settings(max_examples=60, deadline=None)
@given(json_values)
def test_garbage_inside_a_signed_credential_gets_a_verdict(value):
    signed = _signed()
    signed["credentialSubject"]["achievement"]["criteria"]["narrative"] = value
    result = _verify(signed)
    assert result.code in {"bad_signature", "invalid_document", "valid"}

"""Our signatures against the Digital Credentials Consortium libraries (node, `interop/`), offline."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blason.credentials import canonical, proofs, schema, status_list
from blason.credentials.jsonld import CREDENTIALS_V2
from tests.credentials.interop import require_dcc, run_dcc_sign, run_dcc_verify
from tests.credentials.samples import (
    ISSUER_DID,
    TEST_SEED,
    VERIFICATION_METHOD,
    achievement_credential,
    did_key_issuer_credential,
    issuer_did_document,
    sample_private_key,
)
from tests.credentials.strategies import credentials

pytestmark = pytest.mark.interop

CREATED = "2026-03-02T09:00:00Z"
STATUS_URL = "https://blason.test/statuts/paca-mission/revocation/1"


@pytest.fixture(autouse=True)
def _dcc():
    require_dcc()


def _sign(document, method=VERIFICATION_METHOD):
    return proofs.sign(document, private_key=sample_private_key(), verification_method=method, created=CREATED)


def _documents(*extra):
    documents = {ISSUER_DID: issuer_did_document()}
    for item in extra:
        documents.update(item)
    return documents


def _status_list_credential(purpose="revocation", set_indexes=()):
    bits = status_list.new_bitstring()
    for index in set_indexes:
        status_list.set_bit(bits, index, True)
    document = {
        "@context": [CREDENTIALS_V2],
        "id": STATUS_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ISSUER_DID,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{STATUS_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list.encode_bitstring(bits),
        },
    }
    return _sign(document)


def test_our_credentials_verify_with_dcc_and_tampering_fails():
    signed = _sign(achievement_credential(with_status=False))
    assert schema.achievement_credential_errors(signed) == []
    changed_subject = copy.deepcopy(signed)
    changed_subject["credentialSubject"]["name"] = "CFA La Fabrick"
    moved_date = copy.deepcopy(signed)
    moved_date["validFrom"] = "2026-03-01T09:00:00Z"
    did_key_document, did_key_method = did_key_issuer_credential()
    did_key_signed = _sign(did_key_document, did_key_method)

    verdicts = run_dcc_verify([signed, changed_subject, moved_date, did_key_signed], _documents())

    assert verdicts[0]["verified"], verdicts[0]
    assert not verdicts[1]["verified"] and "Invalid signature." in verdicts[1]["errors"]
    assert not verdicts[2]["verified"] and "Invalid signature." in verdicts[2]["errors"]
    assert verdicts[3]["verified"], verdicts[3]


def test_expired_credential_fails_with_dcc():
    document = achievement_credential(with_status=False)
    document["validFrom"] = "2020-01-01T00:00:00Z"
    document["validUntil"] = "2021-01-01T00:00:00Z"
    [verdict] = run_dcc_verify([_sign(document)], _documents())
    assert not verdict["verified"]
    assert any("validUntil" in error for error in verdict["errors"])


def test_status_lists_revocation_and_suspension_with_dcc():
    revoked_index, fine_index = 94567, 12
    active = _sign(achievement_credential(status_index=fine_index))
    revoked = _sign(achievement_credential(status_index=revoked_index))
    suspended_doc = achievement_credential(status_index=revoked_index)
    suspended_doc["credentialStatus"]["statusPurpose"] = "suspension"
    suspended = _sign(suspended_doc)
    revocation_list = {STATUS_URL: _status_list_credential("revocation", [revoked_index])}
    verdicts = run_dcc_verify([active, revoked], _documents(revocation_list))
    assert verdicts[0]["verified"] and verdicts[0]["status"] == {"revocation": False}, verdicts[0]
    assert not verdicts[1]["verified"] and verdicts[1]["status"] == {"revocation": True}, verdicts[1]

    suspension_list = {STATUS_URL: _status_list_credential("suspension", [revoked_index])}
    [verdict] = run_dcc_verify([suspended], _documents(suspension_list))
    assert not verdict["verified"] and verdict["status"] == {"suspension": True}, verdict


def _tricky_text_credential():
    document = achievement_credential(alignment_count=2, evidence_count=2)
    # Astral and high-BMP characters (UTF-16 vs code-point order), controls, quotes, backslashes, RTL, CJK.
    document["credentialSubject"]["achievement"]["tag"] = ["\U0001f600", "\uff61", "\ue000", "a\x00b", "\u05e9\u05dc"]
    document["name"] = 'Badge "été"\\\n\r\t\b\f\x7f 徽章 🏅'
    # Two identical alignments: canonical labels come from the N-degree hashing.
    alignments = document["credentialSubject"]["achievement"]["alignment"]
    alignments[1] = copy.deepcopy(alignments[0])
    return document


@pytest.mark.parametrize("document", [achievement_credential(), _tricky_text_credential()], ids=["plain", "tricky"])
def test_canonical_n_quads_and_signatures_are_byte_identical_to_dcc(document):
    ours = _sign(document)
    theirs = run_dcc_sign(
        document, seed=TEST_SEED, verification_method=VERIFICATION_METHOD, created=CREATED, documents=_documents()
    )
    assert theirs["nquads"] == canonical.canonize(document)
    proof_config = {k: v for k, v in ours["proof"][0].items() if k != "proofValue"}
    assert theirs["proofNquads"] == canonical.canonize({**proof_config, "@context": document["@context"]})
    # Ed25519 is deterministic: same bytes to sign, same signature.
    assert theirs["signed"]["proof"]["proofValue"] == ours["proof"][0]["proofValue"]
    # And DCC's credential (proof as an object) verifies with our verifier.
    public_key = sample_private_key().public_key()
    assert proofs.verify(theirs["signed"], resolve_public_key=lambda method: public_key).ok


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(credentials(), min_size=6, max_size=6))
def test_any_unicode_text_still_verifies_with_dcc(documents):
    require_dcc()
    signed = []
    for document in documents:
        document.pop("credentialStatus", None)
        document["validFrom"], document["validUntil"] = "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"
        signed.append(_sign(document))
    verdicts = run_dcc_verify(signed, _documents())
    failures = [
        (doc["name"], verdict["errors"])
        for doc, verdict in zip(signed, verdicts, strict=True)
        if not verdict["verified"]
    ]
    assert failures == []


def test_missing_dcc_fails_in_ci_and_skips_elsewhere(monkeypatch):
    from tests.credentials import interop

    monkeypatch.setattr(interop, "dcc_missing_reason", lambda: "node is not installed")
    monkeypatch.setattr(interop, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception):
        interop.require_dcc()
    monkeypatch.setattr(interop, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        interop.require_dcc()

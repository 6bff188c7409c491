import copy
import datetime
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blason.credentials import baking, multikey, proofs, verification
from blason.credentials.images import default_badge_png, default_badge_svg
from tests.credentials.factories import CredentialFactory

pytestmark = pytest.mark.django_db


def _resign(document: dict, *, private_key, issuer_id: str, method: str) -> dict:
    document = copy.deepcopy(document)
    document.pop("proof", None)
    document["issuer"]["id"] = issuer_id
    return proofs.sign(document, private_key=private_key, verification_method=method)


@pytest.fixture
def credential():
    return CredentialFactory()


def test_valid_credential_reports_every_check_and_the_claims(credential):
    report = verification.verify_document(credential.document)
    assert report.valid and report.verdict == "valide"
    assert [c.check for c in report.checks] == ["parse", "schema", "proof", "issuer_key", "dates", "status"]
    assert report.claims["recipient_name"] == credential.recipient_organisation.name
    assert "Évaluer la satisfaction" in report.claims["criteria"]
    assert report.claims["issuer_name"] == credential.issuer.name
    payload = report.to_json()
    assert payload["valid"] is True and payload["verdict"] == "valide"


def test_baked_png_and_svg_verify(credential):
    png = baking.bake_png(default_badge_png(), credential.document_json)
    svg = baking.bake_svg(default_badge_svg(), credential.document_json)
    assert verification.verify_bytes(png).valid
    assert verification.verify_bytes(svg.encode()).valid
    assert verification.verify_text(credential.document_json).valid


def test_tampered_subject_fails_the_proof(credential):
    document = copy.deepcopy(credential.document)
    document["credentialSubject"]["name"] += "x"
    report = verification.verify_document(document)
    assert report.status == "invalid"
    assert report.failed_check.check == "proof"


def test_moved_date_fails_the_proof(credential):
    document = copy.deepcopy(credential.document)
    document["validUntil"] = "2099-01-01T00:00:00Z"
    report = verification.verify_document(document)
    assert report.failed_check.check == "proof"


def test_expired_and_not_yet_valid(credential):
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=365 * 4)
    report = verification.verify_document(credential.document, now=later)
    assert report.status == "expired" and report.verdict == "expiré"
    earlier = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    assert verification.verify_document(credential.document, now=earlier).status == "not_yet_valid"


def test_did_key_credential_verifies(credential):
    private_key = Ed25519PrivateKey.generate()
    did = multikey.did_key(private_key.public_key())
    method = f"{did}#{did.removeprefix('did:key:')}"
    document = _resign(credential.document, private_key=private_key, issuer_id=did, method=method)
    report = verification.verify_document(document)
    assert [c.ok for c in report.checks][:5] == [True] * 5


def test_key_of_another_issuer_is_refused(credential):
    private_key = Ed25519PrivateKey.generate()
    did = multikey.did_key(private_key.public_key())
    method = f"{did}#{did.removeprefix('did:key:')}"
    document = _resign(
        credential.document, private_key=private_key, issuer_id=credential.document["issuer"]["id"], method=method
    )
    report = verification.verify_document(document)
    assert report.failed_check.check == "issuer_key"


def test_unknown_did_web_gets_a_verdict(credential):
    private_key = Ed25519PrivateKey.generate()
    did = "did:web:badges.example.net:issuers:inconnu"
    document = _resign(credential.document, private_key=private_key, issuer_id=did, method=f"{did}#key-1")
    report = verification.verify_document(document)
    assert report.status == "invalid"
    assert "autre plateforme" in report.message
    local_unknown = "did:web:blason.test:issuers:inconnu"
    document = _resign(
        credential.document, private_key=private_key, issuer_id=local_unknown, method=f"{local_unknown}#z6Mk"
    )
    assert "n’appartient pas" in verification.verify_document(document).message


def test_truncated_json():
    report = verification.verify_text('{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": [')
    assert report.status == "unreadable"
    assert "tronqué" in report.message


def test_png_with_two_credential_chunks(credential):
    png = baking.bake_png(default_badge_png(), credential.document_json)
    # Insert a second iTXt chunk by baking the first chunk's bytes again after IHDR.
    first_chunk_end = 8 + 25
    chunk = baking._chunk_bytes(b"iTXt", b"openbadgecredential\x00\x00\x00\x00\x00{}")
    doubled = png[:first_chunk_end] + chunk + png[first_chunk_end:]
    report = verification.verify_bytes(doubled)
    assert report.status == "unreadable"
    assert report.message


def test_png_without_credential():
    report = verification.verify_bytes(default_badge_png())
    assert report.status == "unreadable"


def test_jwt_is_refused_with_an_explanation():
    jwt = "eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6eyJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl19fQ.c2lnbmF0dXJl"
    report = verification.verify_text(jwt)
    assert report.status == "unreadable"
    assert "JWT" in report.message


@pytest.mark.parametrize(
    "text",
    ["[]", "42", '"x"', "{}", '{"proof": 1}', '{"credentialSubject": []}', "null", "<svg></svg>", "<html>", "   "],
)
def test_odd_json_and_markup_get_verdicts(text):
    report = verification.verify_text(text)
    assert report.status in {"unreadable", "invalid"}
    assert report.message


def test_schema_failure_is_reported_in_french(credential):
    document = copy.deepcopy(credential.document)
    del document["credentialSubject"]["achievement"]
    report = verification.verify_document(document)
    assert report.failed_check.check == "schema"
    assert "schéma" in report.message


def test_verify_url(credential):
    assert verification.verify_url(credential.url).valid
    assert verification.verify_url(credential.url + "/").valid
    # What a user copies from the page: a download link, or the address with a query or fragment.
    for suffix in ("/badge.json", "/badge.png", "/badge.svg", "/?utm_source=linkedin", "/#criteres"):
        assert verification.verify_url(credential.url + suffix).valid, suffix
    assert verification.verify_url(credential.url + "/revoquer/").status == "unreadable"
    assert verification.verify_url("https://ailleurs.example/badges-emis/x").status == "unreadable"
    missing = "https://blason.test/badges-emis/00000000-0000-4000-8000-000000000000"
    assert "Aucun badge" in verification.verify_url(missing).message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_random_bytes_always_get_a_verdict(data):
    report = verification.verify_bytes(data)
    assert report.status in verification.VERDICTS
    assert json.dumps(report.to_json())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=5000), junk=st.binary(max_size=64))
def test_truncated_or_corrupted_credentials_get_a_verdict(credential, cut, junk):
    raw = credential.document_json.encode()
    report = verification.verify_bytes(raw[: cut % len(raw)] + junk)
    assert report.status in verification.VERDICTS
    png = baking.bake_png(default_badge_png(), credential.document_json)
    position = cut % len(png)
    report = verification.verify_bytes(png[:position] + junk + png[position + len(junk) :])
    assert report.status in verification.VERDICTS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
        max_leaves=10,
    )
)
def test_random_values_in_a_credential_get_a_verdict(credential, value):
    for key in ("issuer", "credentialSubject", "proof", "validFrom", "credentialStatus", "@context"):
        document = copy.deepcopy(credential.document)
        document[key] = value
        report = verification.verify_document(document)
        assert report.status in verification.VERDICTS
        assert not report.valid or key == "credentialStatus"


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("", "clé de vérification"),
        ("did:key:zNotAKey#zNotAKey", "mal formée"),
        ("did:example:123#key", "non prise en charge"),
        ("did:web:blason.test:organisations:x#key", "aucun émetteur"),
    ],
)
def test_key_resolution_failures(method, message):
    with pytest.raises(verification.VerificationFailure) as failure:
        verification.resolve_public_key(method)
    assert message in failure.value.message


def test_did_key_fragment_must_match():
    private_key = Ed25519PrivateKey.generate()
    did = multikey.did_key(private_key.public_key())
    with pytest.raises(verification.VerificationFailure):
        verification.resolve_public_key(f"{did}#other")


def _did_key_signed(document, **changes):
    private_key = Ed25519PrivateKey.generate()
    did = multikey.did_key(private_key.public_key())
    document = copy.deepcopy(document)
    document.update(changes)
    return _resign(document, private_key=private_key, issuer_id=did, method=f"{did}#{did.removeprefix('did:key:')}")


def _status_report(document):
    report = verification.Report(status="invalid", claims={})
    verification._check_status(report, document)
    return report


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ({"id": "x", "type": "OtherStatus"}, "pas pris en charge"),
        ({"id": "x", "type": "BitstringStatusListEntry", "statusListIndex": "abc"}, "index"),
        ({"id": "x", "type": "BitstringStatusListEntry", "statusListIndex": "1"}, "pas indiquée"),
        (
            {
                "id": "x",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "1",
                "statusListCredential": "https://ailleurs.example/status/1",
            },
            "pas publiée par cette plateforme",
        ),
    ],
)
def test_status_entry_problems_are_verdicts(status, message):
    report = _status_report({"credentialStatus": status})
    assert report.failed_check.check == "status"
    assert message in report.message


def test_status_index_out_of_the_list(credential):
    status = dict(credential.document["credentialStatus"], statusListIndex="999999999")
    assert "hors de la liste" in _status_report({"credentialStatus": status}).message


def test_credential_without_status_is_valid_when_the_rest_is(credential):
    document = copy.deepcopy(credential.document)
    del document["credentialStatus"]
    report = verification.verify_document(_did_key_signed(document))
    assert report.valid
    assert "ne publie pas" in report.checks[-1].message


def test_suspension_entry_is_read_too(credential):
    from blason.credentials import services

    services.suspend_credential(credential, by=None)
    entry = dict(credential.document["credentialStatus"])
    entry["statusPurpose"] = "suspension"
    entry["statusListCredential"] = entry["statusListCredential"].replace("revocation", "suspension")
    assert _status_report({"credentialStatus": [entry]}).status == "suspended"
    assert _status_report({"credentialStatus": [credential.document["credentialStatus"], entry]}).status == "suspended"


def test_non_utf8_and_bad_url_inputs():
    assert "ni une image" in verification.verify_bytes(b"\xff\xfe\xfa garbage").message
    assert verification.verify_url("https://blason.test/badges-emis/pas-un-uuid/").status == "unreadable"
    assert verification.did_web_url("did:web:example.org") == "https://example.org/.well-known/did.json"
    assert verification.did_web_url("did:web:ex.org%3A8443:issuers:a") == "https://ex.org:8443/issuers/a/did.json"

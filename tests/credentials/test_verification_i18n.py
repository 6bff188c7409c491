"""The verification speaks the visitor's language (page and API), with stable codes; the CLI speaks French."""

import copy
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from blason.credentials import services
from tests.credentials.factories import CredentialFactory

pytestmark = pytest.mark.django_db
URL = "/verifier/"
API = "/api/v1/verify"


@pytest.fixture
def credential():
    return CredentialFactory()


def _tampered(credential) -> str:
    document = copy.deepcopy(credential.document)
    document["credentialSubject"]["achievement"]["name"] = "Badge falsifié"
    return json.dumps(document)


def _revoked(credential) -> str:
    services.revoke_credential(credential, reason="Pratique non reconduite", by=None)
    return credential.document_json


GARBAGE = '{"@context": ['

# input -> (English verdict, English message, French verdict, French message, code)
CASES = {
    "valid": ("Badge: valid", "This badge is authentic and valid.", "Badge valide", "authentique et valide", "valid"),
    "tampered": (
        "Badge: invalid",
        "The signature does not match the content",
        "Badge invalide",
        "La signature ne correspond pas au contenu",
        "bad_signature",
    ),
    "revoked": (
        "Badge: revoked",
        "This badge has been revoked by its issuer. Reason: Pratique non reconduite",
        "Badge révoqué",
        "Ce badge a été révoqué par son émetteur. Motif : Pratique non reconduite",
        "revoked",
    ),
    "garbage": (
        "Badge: unreadable",
        "The JSON is invalid or truncated (line 1, column 15)",
        "Badge illisible",
        "Le JSON est invalide ou tronqué (ligne 1, colonne 15)",
        "invalid_json",
    ),
}


def _input(kind: str, credential) -> str:
    return {
        "valid": lambda: credential.document_json,
        "tampered": lambda: _tampered(credential),
        "revoked": lambda: _revoked(credential),
        "garbage": lambda: GARBAGE,
    }[kind]()


@pytest.mark.parametrize("kind", CASES)
def test_english_page_shows_english_verdicts(client, credential, kind):
    verdict, message, fr_verdict, fr_message, _code = CASES[kind]
    html = client.post(URL, {"document": _input(kind, credential)}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert verdict in html
    assert message in html
    assert fr_verdict not in html and fr_message not in html


@pytest.mark.parametrize("kind", CASES)
def test_french_page_stays_french(client, credential, kind):
    verdict, message, fr_verdict, fr_message, _code = CASES[kind]
    html = client.post(URL, {"document": _input(kind, credential)}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert fr_verdict in html
    assert fr_message.replace("’", "&#x27;") in html or fr_message in html
    assert message not in html


@pytest.mark.parametrize(("language", "english"), [("en", True), ("fr", False)])
@pytest.mark.parametrize("kind", CASES)
def test_api_answers_in_the_request_language_with_codes(client, credential, kind, language, english):
    verdict, message, fr_verdict, fr_message, code = CASES[kind]
    response = client.post(
        API, _input(kind, credential), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.json()
    report = body.get("report", body)
    assert report["code"] == code
    assert all(check["code"] for check in report["checks"])
    expected_message = message if english else fr_message
    expected_verdict = (verdict if english else fr_verdict).removeprefix("Badge: ").removeprefix("Badge ")
    assert expected_message in report["message"]
    assert report["verdict"] == expected_verdict
    if kind == "garbage":
        assert response.status_code == 422
        assert body["code"] == code
        assert body["title"] == ("Unreadable badge" if english else "Badge illisible")
        assert expected_message in body["detail"]
    else:
        assert response.status_code == 200


def test_english_api_problem_for_empty_content(client):
    response = client.post(API, b"  ", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "empty"
    assert response.json()["title"] == "Empty content"


def test_english_schema_errors(client, credential):
    document = copy.deepcopy(credential.document)
    del document["validFrom"]
    response = client.post(API, json.dumps(document), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    report = response.json()
    assert report["code"] == "schema_invalid"
    assert "(root): the property “validFrom” is required" in report["message"]


@pytest.mark.parametrize("kind", CASES)
def test_cli_stays_french_whatever_the_active_language(tmp_path, capsys, credential, kind):
    _verdict, message, fr_verdict, fr_message, code = CASES[kind]
    path = tmp_path / "badge.json"
    path.write_text(_input(kind, credential))
    with translation.override("en"), pytest.raises(SystemExit):
        call_command("verify", str(path))
        raise SystemExit(0)
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == fr_verdict.removeprefix("Badge ")
    assert fr_message in report["message"]
    assert report["code"] == code

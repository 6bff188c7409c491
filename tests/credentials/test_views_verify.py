import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blason.credentials import baking, services
from blason.credentials.images import default_badge_png
from tests.credentials.factories import CredentialFactory

pytestmark = pytest.mark.django_db
URL = "/verifier/"
API = "/api/v1/verify"


@pytest.fixture
def credential():
    return CredentialFactory()


def _png(credential):
    return baking.bake_png(default_badge_png(), credential.document_json)


def test_page_is_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("credentials:verify") == URL


def test_upload_baked_png(client, credential):
    upload = SimpleUploadedFile("badge.png", _png(credential), content_type="image/png")
    response = client.post(URL, {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Badge valide" in html
    assert credential.recipient_organisation.name in html
    assert "Évaluer la satisfaction" in html


def test_paste_json_and_url(client, credential):
    assert "Badge valide" in client.post(URL, {"document": credential.document_json}).content.decode()
    assert "Badge valide" in client.post(URL, {"url": credential.url}).content.decode()


def test_revoked_shows_reason(client, credential):
    services.revoke_credential(credential, reason="Pratique non reconduite", by=None)
    html = client.post(URL, {"document": credential.document_json}).content.decode()
    assert "Badge révoqué" in html
    assert "Pratique non reconduite" in html


def test_empty_form_explains(client):
    html = client.post(URL, {}).content.decode()
    assert "Déposez une image" in html


@pytest.mark.parametrize(
    "payload",
    [
        b'{"@context": [',
        b"\x00\x01\x02garbage",
        b"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
        b"\x89PNG\r\n\x1a\nbroken",
    ],
)
def test_page_answers_garbage_with_a_verdict(client, payload):
    response = client.post(URL, {"file": SimpleUploadedFile("x.bin", payload)})
    assert response.status_code == 200
    assert "Badge illisible" in response.content.decode()


def test_fifty_megabyte_upload_is_refused_before_reading(client):
    big = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * (50 * 1024 * 1024))
    big.name = "huge.png"
    response = client.post(URL, {"file": big})
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()
    big.seek(0)
    response = client.post(API, {"file": big})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_api_json_body(client, credential):
    response = client.post(API, data=credential.document_json, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["verdict"] == "valide"
    assert body["credential"]["recipient_name"] == credential.recipient_organisation.name


def test_api_multipart_png_and_invalid(client, credential):
    response = client.post(API, {"file": SimpleUploadedFile("b.png", _png(credential))})
    assert response.json()["valid"] is True
    services.suspend_credential(credential, by=None)
    body = client.post(API, data=credential.document_json, content_type="application/json").json()
    assert body["valid"] is False and body["status"] == "suspended"


@pytest.mark.parametrize("payload", [b"{", b"random \xff\xfe bytes", b"a.b.c", b"[1, 2]"])
def test_api_problem_json_on_unusable_input(client, payload):
    response = client.post(API, data=payload, content_type="application/octet-stream")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_api_empty_and_missing_file(client):
    assert client.post(API, data=b"", content_type="application/json").status_code == 400
    assert client.post(API, {"other": "x"}).status_code == 400
    assert client.get(API).status_code == 405


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(min_size=1, max_size=2048), as_file=st.booleans())
def test_api_and_page_answer_random_bytes_with_a_verdict(client, payload, as_file):
    if as_file:
        response = client.post(API, {"file": SimpleUploadedFile("x.bin", payload)})
    else:
        response = client.post(API, data=payload, content_type="application/octet-stream")
    assert response.status_code in {200, 400, 422}
    assert response.json()
    page = client.post(URL, {"file": SimpleUploadedFile("x.bin", payload)})
    assert page.status_code == 200
    assert "Badge" in page.content.decode()

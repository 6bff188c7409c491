import json

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from blason.credentials import baking, ob3, services, status_list
from blason.credentials.enums import StatusPurpose
from blason.credentials.models import StatusList
from blason.organisations.enums import Role
from tests.credentials.factories import CredentialFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential():
    return CredentialFactory()


def test_did_document_lists_every_non_retired_key(client, credential):
    issuer = credential.issuer
    services.rotate_signing_key(issuer)
    response = client.get(f"/issuers/{issuer.slug}/did.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/did+json")
    document = response.json()
    assert document["id"] == f"did:web:blason.test:issuers:{issuer.slug}"
    assert len(document["verificationMethod"]) == 2
    assert document["verificationMethod"][0]["type"] == "Multikey"
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]
    assert client.get("/issuers/inconnu/did.json").status_code == 404


def test_status_list_is_signed_cached_and_changes_at_once(client, credential):
    url = f"/issuers/{credential.issuer.slug}/status/revocation"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    document = response.json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    bits = status_list.decode_bitstring(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    assert not status_list.get_bit(bits, credential.revocation_index)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.revoke_credential(credential, reason="Erreur d’attribution", by=None)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    bits = status_list.decode_bitstring(response.json()["credentialSubject"]["encodedList"])
    assert status_list.get_bit(bits, credential.revocation_index)
    assert client.get(f"/issuers/{credential.issuer.slug}/status/autre").status_code == 404


def test_suspension_list_is_served(client, credential):
    services.suspend_credential(credential, by=None)
    response = client.get(f"/issuers/{credential.issuer.slug}/status/suspension")
    bits = status_list.decode_bitstring(response.json()["credentialSubject"]["encodedList"])
    assert status_list.get_bit(bits, credential.suspension_index)
    assert StatusList.objects.get(issuer=credential.issuer, purpose=StatusPurpose.SUSPENSION).version == 2


def test_credential_page_shows_claims_downloads_and_qr(client, credential):
    response = client.get(reverse("credentials:detail", args=[credential.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert credential.recipient_organisation.name in html
    assert "Badge valide" in html
    assert "<svg" in html  # QR code
    assert "linkedin.com/profile/add" in html
    for name in ("png", "svg", "json", "ob2_png"):
        assert reverse(f"credentials:{name}", args=[credential.public_id]) in html
    assert reverse("credentials:revoke", args=[credential.public_id]) not in html


def test_downloads(client, credential):
    png = client.get(reverse("credentials:png", args=[credential.public_id]))
    assert png["Content-Type"] == "image/png"
    assert json.loads(baking.unbake_png(png.content)) == credential.document
    svg = client.get(reverse("credentials:svg", args=[credential.public_id]))
    assert json.loads(baking.unbake_svg(svg.content.decode())) == credential.document
    document = client.get(reverse("credentials:json", args=[credential.public_id]))
    assert json.loads(document.content) == credential.document
    assert "attachment" in document["Content-Disposition"]


def test_ob2_export(client, credential):
    assertion = client.get(reverse("credentials:ob2_assertion", args=[credential.public_id])).json()
    assert assertion["type"] == "Assertion"
    assert assertion["recipient"]["hashed"] is True
    assert assertion["verification"] == {"type": "HostedBadge"}
    badge_class = client.get(assertion["badge"].removeprefix("https://blason.test")).json()
    assert badge_class["type"] == "BadgeClass"
    assert badge_class["name"] == credential.badge_version.name
    issuer = client.get(badge_class["issuer"].removeprefix("https://blason.test")).json()
    assert issuer["type"] == "Issuer" and issuer["name"] == credential.issuer.name
    png = client.get(reverse("credentials:ob2_png", args=[credential.public_id]))
    assert json.loads(baking.unbake_png(png.content, keyword="openbadges"))["id"] == assertion["id"]
    image = client.get(badge_class["image"].removeprefix("https://blason.test"))
    assert image["Content-Type"] == "image/png"

    services.revoke_credential(credential, reason="Retrait", by=None)
    assertion = client.get(reverse("credentials:ob2_assertion", args=[credential.public_id])).json()
    assert assertion["revoked"] is True and assertion["revocationReason"] == "Retrait"


def test_ob2_assertion_of_a_suspended_badge_is_revoked_until_reinstated(client, credential):
    url = reverse("credentials:ob2_assertion", args=[credential.public_id])
    services.suspend_credential(credential, by=None)
    assertion = client.get(url).json()
    assert assertion["revoked"] is True and "suspendu" in assertion["revocationReason"]
    services.reinstate_credential(credential, by=None)
    assert "revoked" not in client.get(url).json()


def test_unknown_credential_is_404(client):
    assert client.get("/badges-emis/00000000-0000-4000-8000-000000000000/").status_code == 404
    assert client.get("/ob2/badges/00000000-0000-4000-8000-000000000000.json").status_code == 404


def test_png_is_baked_on_the_fly_when_not_stored(client, credential):
    Credential = type(credential)
    Credential.objects.filter(pk=credential.pk).update(baked_png="")
    png = client.get(reverse("credentials:png", args=[credential.public_id]))
    assert json.loads(baking.unbake_png(png.content)) == credential.document


def test_badge_image_conversion_and_fallback():
    import io

    from PIL import Image

    from blason.credentials.images import default_badge_png, png_from_image_bytes

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (255, 0, 0)).save(buffer, format="JPEG")
    assert png_from_image_bytes(buffer.getvalue()).startswith(b"\x89PNG")
    assert png_from_image_bytes(b"not an image") == default_badge_png()


def test_credential_page_shows_dates_in_french_levels_director_and_evidence(client):
    centre = OrganisationFactory(director_name="Dominique Durand", director_email="direction@cfa.example.org")
    evidence = (
        ob3.EvidenceItem(name="Instruction du badge", narrative="Experts associés : Marc Rossi.", genre="assessment"),
        ob3.EvidenceItem(name="Lien publié — critère 1", url="https://video.example.org/ba", genre="link"),
    )
    credential = CredentialFactory(recipient_organisation=centre, evidence=evidence)
    document = credential.document
    alignments = document["credentialSubject"]["achievement"]["alignment"]
    assert alignments
    with translation.override("fr"):
        html = client.get(
            reverse("credentials:detail", args=[credential.public_id]), HTTP_ACCEPT_LANGUAGE="fr"
        ).content
    html = html.decode()
    assert document["awardedDate"] not in html  # no raw XSD dateTime
    with translation.override("fr"):
        assert formats.date_format(timezone.localtime(credential.awarded_at), "DATE_FORMAT") in html
    for alignment in alignments:
        assert alignment["targetName"] in html
    assert "Dominique Durand — direction@cfa.example.org" in html
    assert "Experts associés : Marc Rossi." in html
    assert '<a href="https://video.example.org/ba"' in html


def test_verification_report_never_links_a_non_http_evidence_id(client):
    credential = CredentialFactory()
    document = credential.document
    document["evidence"] = [{"type": ["Evidence"], "id": "javascript:alert(1)", "name": "Piège"}]
    html = client.post(reverse("credentials:verify"), {"document": json.dumps(document)}).content.decode()
    assert "Piège" in html
    assert 'href="javascript:' not in html


def test_public_page_masks_a_learners_name_except_for_those_who_know_them(client):
    credential = CredentialFactory(for_learner=True)
    learner = credential.recipient_learner
    url = reverse("credentials:detail", args=[credential.public_id])

    html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert learner.last_name not in html
    assert "nom masqué" in html

    learner.user = UserFactory()
    learner.save()
    client.force_login(learner.user)
    assert learner.last_name in client.get(url).content.decode()

    client.force_login(MembershipFactory(organisation=learner.training_centre, role=Role.CFA_MANAGER).user)
    assert learner.last_name in client.get(url).content.decode()
    client.force_login(MembershipFactory(organisation=OrganisationFactory(), role=Role.CFA_MANAGER).user)
    assert learner.last_name not in client.get(url).content.decode()

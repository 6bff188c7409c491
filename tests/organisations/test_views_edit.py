"""The organisation edit form: good input is saved and logged, bad input is refused in French."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blason.organisations.enums import OrganisationEventKind, Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cfa():
    return OrganisationFactory(name="CFA La Fabrik", uai="0750655E")


@pytest.fixture
def manager_client(client, cfa):
    client.force_login(MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER).user)
    return client


def form_data(cfa, **overrides):
    data = {
        "name": cfa.name,
        "street_address": cfa.street_address,
        "postal_code": cfa.postal_code,
        "city": cfa.city,
        "url": "",
        "email": cfa.email,
        "contact_email": "",
        "director_name": cfa.director_name,
        "director_email": cfa.director_email,
        "uai": cfa.uai,
        "siret": cfa.siret,
        "diplomas": "\n".join(cfa.diplomas),
    }
    data.update(overrides)
    return data


def png_bytes(size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def post(client, cfa, data):
    return client.post(reverse("organisations:edit", args=[cfa.public_id]), data)


def assert_refused(response, cfa, message):
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "rien n’a été enregistré" in html
    before = cfa.name, cfa.street_address, cfa.uai, cfa.siret, cfa.logo.name
    cfa.refresh_from_db()
    assert (cfa.name, cfa.street_address, cfa.uai, cfa.siret, cfa.logo.name) == before
    assert not cfa.events.exists()


def test_address_change_is_saved_and_logged(manager_client, cfa):
    response = post(manager_client, cfa, form_data(cfa, street_address="45 avenue de Verdun", postal_code="83600"))
    assert response.status_code == 302
    cfa.refresh_from_db()
    assert cfa.street_address == "45 avenue de Verdun"
    event = cfa.events.get()
    assert event.kind == OrganisationEventKind.UPDATED
    assert event.data["changes"]["street_address"] == ["12 rue de la République", "45 avenue de Verdun"]
    assert event.actor is not None
    page = manager_client.get(response.url).content.decode()
    assert "45 avenue de Verdun" in page
    assert "Organisation modifiée" in page


def test_saving_without_change_logs_nothing(manager_client, cfa):
    assert post(manager_client, cfa, form_data(cfa)).status_code == 302
    assert not cfa.events.exists()


@pytest.mark.parametrize(
    ("uai", "message"),
    [
        ("0750655F", "La lettre de contrôle du code UAI est incorrecte"),
        ("075065E", "Le code UAI doit compter 7 chiffres suivis d’une lettre"),
        ("ABCDEFGH", "Le code UAI doit compter 7 chiffres suivis d’une lettre"),
    ],
)
def test_malformed_uai_is_refused(manager_client, cfa, uai, message):
    assert_refused(post(manager_client, cfa, form_data(cfa, uai=uai, name="Nouveau nom")), cfa, message)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "sa clé de contrôle (formule de Luhn) est incorrecte"),
        ("7328293200007", "Le SIRET doit compter exactement 14 chiffres."),
        ("7328293200007A", "Le SIRET doit compter exactement 14 chiffres."),
    ],
)
def test_malformed_siret_is_refused(manager_client, cfa, siret, message):
    assert_refused(post(manager_client, cfa, form_data(cfa, siret=siret, name="Nouveau nom")), cfa, message)


def test_siret_with_spaces_is_accepted(manager_client, cfa):
    assert post(manager_client, cfa, form_data(cfa, siret="732 829 320 00074")).status_code == 302
    cfa.refresh_from_db()
    assert cfa.siret == "73282932000074"


def test_oversized_logo_is_refused(manager_client, cfa, settings):
    settings.LOGO_MAX_SIZE_BYTES = 1000
    logo = SimpleUploadedFile("logo.png", png_bytes((400, 400)) + b"\0" * 2000, content_type="image/png")
    assert_refused(
        post(manager_client, cfa, {**form_data(cfa, name="Nouveau nom"), "logo": logo}), cfa, "Le logo est trop lourd"
    )


def test_logo_that_is_not_an_image_is_refused(manager_client, cfa):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 this is not an image", content_type="image/png")
    assert_refused(
        post(manager_client, cfa, {**form_data(cfa, name="Nouveau nom"), "logo": fake}),
        cfa,
        "Téléversez une image valide",
    )


def test_valid_logo_is_stored(manager_client, cfa):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    assert post(manager_client, cfa, {**form_data(cfa), "logo": logo}).status_code == 302
    cfa.refresh_from_db()
    assert cfa.logo.name.startswith("logos/")
    assert "logo" in cfa.events.get().data["changes"]


def test_issuer_form_has_siren_and_no_uai(client):
    issuer = OrganisationFactory(issuer=True)
    client.force_login(MembershipFactory(organisation=issuer, role=Role.ISSUER_ADMIN, user__with_totp=True).user)
    html = client.get(reverse("organisations:edit", args=[issuer.public_id])).content.decode()
    assert 'name="siren"' in html
    assert 'name="uai"' not in html

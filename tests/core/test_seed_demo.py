"""seed_demo: the organisations and people of the contract, valid identifiers, idempotent."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from blason.accounts.models import User
from blason.organisations import demo
from blason.organisations.enums import STAFF_ROLES, Role
from blason.organisations.models import Learner, Membership, Organisation, OrganisationEvent
from blason.organisations.validators import is_valid_siren, is_valid_siret, is_valid_uai

pytestmark = pytest.mark.django_db

SLUGS = {
    "paca-mission",
    "region-normandie",
    "cnam-pays-de-la-loire",
    "instep-occitanie",
    "cfa-la-fabrik",
    "cfa-isim",
    "cfa-triphase",
    "cfa-caen-numerique",
    "cnam-pdl-alternance",
    "instep-toulouse",
}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Organisation, User, Membership, Learner, OrganisationEvent, Authenticator)]


def test_seed_demo_creates_the_contract_and_is_idempotent():
    output = seed()
    assert set(Organisation.objects.values_list("slug", flat=True)) >= SLUGS
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert is_valid_siret(organisation.siret)
        if organisation.is_training_centre:
            assert is_valid_uai(organisation.uai)
            assert organisation.director_name and organisation.director_email
        else:
            assert is_valid_siren(organisation.siren)
    for email, *_ in demo.PEOPLE:
        user = User.objects.get(email=email)
        assert user.check_password("demo-blason-2026")
        assert user.emailaddress_set.get().verified
        needs_totp = user.memberships.filter(role__in=STAFF_ROLES).exists()
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists() == needs_totp
    for email in ("apprenti.instep@blason.demo", "apprenti.cnam@blason.demo"):
        learner = Learner.objects.get(user__email=email)
        assert learner.trainer.memberships.get().role == Role.TRAINER
    assert demo.TOTP_SECRET in output
    assert "expert.ministere@blason.demo" in output
    assert "Code valable maintenant" in output

    before = counts()
    second = seed()
    assert counts() == before
    assert "rien n’a changé" in second


def test_demo_accounts_can_log_in(client):
    seed()
    response = client.post(
        "/compte/login/", {"login": "direction.lafabrik@blason.demo", "password": "demo-blason-2026"}
    )
    assert response.url == reverse("core:dashboard")
    client.logout()
    response = client.post("/compte/login/", {"login": "expert.cci@blason.demo", "password": "demo-blason-2026"})
    assert response.url == reverse("mfa_authenticate")

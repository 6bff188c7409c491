import pytest
from django.urls import reverse

from blason.credentials.enums import CredentialStatus
from blason.credentials.models import Credential
from blason.organisations.enums import Role
from tests.credentials.factories import (
    BadgeVersionFactory,
    CredentialFactory,
    LearnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential():
    return CredentialFactory()


@pytest.fixture
def issuer_admin(credential):
    return MembershipFactory(organisation=credential.issuer, role=Role.ISSUER_ADMIN).user


def test_admin_revokes_with_reason(client, credential, issuer_admin, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(issuer_admin)
    page = client.get(reverse("credentials:detail", args=[credential.public_id])).content.decode()
    assert reverse("credentials:revoke", args=[credential.public_id]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("credentials:revoke", args=[credential.public_id]), {"reason": "Fraude avérée"})
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REVOKED
    assert credential.revocation_reason == "Fraude avérée"
    page = client.get(reverse("credentials:detail", args=[credential.public_id])).content.decode()
    assert "Fraude avérée" in page
    assert "Badge révoqué" in page
    response = client.post(
        reverse("credentials:revoke", args=[credential.public_id]), {"reason": "Encore"}, follow=True
    )
    assert "déjà révoqué" in response.content.decode()


def test_revoke_needs_a_reason(client, credential, issuer_admin):
    client.force_login(issuer_admin)
    response = client.post(reverse("credentials:revoke", args=[credential.public_id]), {"reason": ""})
    assert response.status_code == 200
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_suspend_and_reinstate_screens(client, credential, issuer_admin):
    client.force_login(issuer_admin)
    assert client.get(reverse("credentials:suspend", args=[credential.public_id])).status_code == 200
    client.post(reverse("credentials:suspend", args=[credential.public_id]), {"reason": "Vérification"})
    credential.refresh_from_db()
    assert credential.suspended
    response = client.post(reverse("credentials:suspend", args=[credential.public_id]), {}, follow=True)
    assert "ne peut pas être suspendu" in response.content.decode()
    client.post(reverse("credentials:reinstate", args=[credential.public_id]))
    credential.refresh_from_db()
    assert not credential.suspended
    response = client.post(reverse("credentials:reinstate", args=[credential.public_id]), follow=True)
    assert "pas suspendu" in response.content.decode()


@pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.CFA_MANAGER])
def test_others_cannot_manage(client, credential, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=credential.issuer, role=role)
    client.force_login(user)
    for name in ("revoke", "suspend", "reinstate"):
        assert (
            client.post(reverse(f"credentials:{name}", args=[credential.public_id]), {"reason": "x"}).status_code
            == 404
        )
    assert client.get(reverse("credentials:issued_list", args=[credential.issuer.public_id])).status_code == 404
    other_admin = MembershipFactory(role=Role.ISSUER_ADMIN).user
    client.force_login(other_admin)
    assert client.post(reverse("credentials:revoke", args=[credential.public_id]), {"reason": "x"}).status_code == 404
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_anonymous_is_sent_to_login(client, credential):
    response = client.get(reverse("credentials:revoke", args=[credential.public_id]))
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


def test_award_directly_to_a_centre_and_a_learner(client, django_assert_max_num_queries):
    issuer = OrganisationFactory(issuer=True)
    admin = MembershipFactory(organisation=issuer, role=Role.ISSUER_ADMIN).user
    centre_badge = BadgeVersionFactory(badge_class__issuer=issuer)
    person_badge = BadgeVersionFactory(badge_class__issuer=issuer, for_person=True)
    centre = OrganisationFactory()
    learner = LearnerFactory()
    client.force_login(admin)
    url = reverse("credentials:award", args=[issuer.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"badge_class": centre_badge.badge_class.public_id, "recipient_organisation": centre.public_id}
    )
    credential = Credential.objects.get(recipient_organisation=centre)
    assert response["Location"] == reverse("credentials:detail", args=[credential.public_id])
    client.post(url, {"badge_class": person_badge.badge_class.public_id, "learner_email": learner.email.upper()})
    assert Credential.objects.filter(recipient_learner=learner).count() == 1
    response = client.post(url, {"badge_class": person_badge.badge_class.public_id, "learner_email": "nobody@x.org"})
    assert "Aucun apprenti" in response.content.decode()
    response = client.post(url, {"badge_class": centre_badge.badge_class.public_id})
    assert "choisissez le CFA" in response.content.decode()
    response = client.post(url, {"badge_class": person_badge.badge_class.public_id})
    assert "indiquez son adresse" in response.content.decode()
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("credentials:issued_list", args=[issuer.public_id]))
    assert centre.name in listing.content.decode()
    assert Credential.objects.count() == 2


def test_award_of_another_issuers_badge_is_refused(client):
    issuer = OrganisationFactory(issuer=True)
    admin = MembershipFactory(organisation=issuer, role=Role.ISSUER_ADMIN).user
    foreign = BadgeVersionFactory()
    client.force_login(admin)
    response = client.post(
        reverse("credentials:award", args=[issuer.public_id]),
        {"badge_class": foreign.badge_class.public_id, "recipient_organisation": OrganisationFactory().public_id},
    )
    assert response.status_code == 200
    assert Credential.objects.count() == 0


def test_award_to_recipient_without_email(client):
    issuer = OrganisationFactory(issuer=True)
    admin = MembershipFactory(organisation=issuer, role=Role.ISSUER_ADMIN).user
    version = BadgeVersionFactory(badge_class__issuer=issuer)
    centre = OrganisationFactory(contact_email="", email="", director_email="")
    client.force_login(admin)
    response = client.post(
        reverse("credentials:award", args=[issuer.public_id]),
        {"badge_class": version.badge_class.public_id, "recipient_organisation": centre.public_id},
        follow=True,
    )
    assert "n’a pas pu être émis" in response.content.decode()


def test_platform_admin_manages_any_issuer(client, credential):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=None, role=Role.PLATFORM_ADMIN)
    client.force_login(admin)
    assert client.get(reverse("credentials:issued_list", args=[credential.issuer.public_id])).status_code == 200
    assert client.get(reverse("credentials:revoke", args=[credential.public_id])).status_code == 200


def test_unknown_issuer_or_credential_is_404(client, issuer_admin):
    client.force_login(issuer_admin)
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(reverse("credentials:issued_list", args=[missing])).status_code == 404
    assert client.get(reverse("credentials:revoke", args=[missing])).status_code == 404
    centre = OrganisationFactory()
    assert client.get(reverse("credentials:award", args=[centre.public_id])).status_code == 404

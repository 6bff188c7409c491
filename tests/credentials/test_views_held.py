import pytest
from django.urls import reverse

from blason.organisations.enums import Role
from tests.credentials.factories import CredentialFactory, LearnerFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_cfa_manager_lists_the_badges_of_their_centre_with_download_links(client):
    credential = CredentialFactory()
    centre = credential.recipient_organisation
    manager = MembershipFactory(organisation=centre, role=Role.CFA_MANAGER).user
    client.force_login(manager)
    response = client.get(reverse("credentials:held_by_organisation", args=[centre.public_id]))
    assert response.status_code == 200
    assert credential.badge_version.name in response.text
    assert reverse("credentials:png", args=[credential.public_id]) in response.text
    dashboard = client.get(reverse("core:dashboard")).text
    assert reverse("credentials:held_by_organisation", args=[centre.public_id]) in dashboard


def test_another_cfa_manager_gets_a_404(client):
    credential = CredentialFactory()
    other = MembershipFactory(organisation=OrganisationFactory(), role=Role.CFA_MANAGER).user
    client.force_login(other)
    url = reverse("credentials:held_by_organisation", args=[credential.recipient_organisation.public_id])
    assert client.get(url).status_code == 404


def test_learner_sees_only_their_own_badges_and_an_empty_state_otherwise(client):
    mine = CredentialFactory(for_learner=True)
    CredentialFactory(for_learner=True)
    learner_user = MembershipFactory(organisation=mine.recipient_learner.training_centre, role=Role.LEARNER).user
    mine.recipient_learner.user = learner_user
    mine.recipient_learner.save()
    client.force_login(learner_user)
    response = client.get(reverse("credentials:held_by_me"))
    assert response.status_code == 200
    assert response.text.count(reverse("credentials:png", args=[mine.public_id])) == 1
    assert "1 badge" in response.text

    newcomer = LearnerFactory()
    user = MembershipFactory(organisation=newcomer.training_centre, role=Role.LEARNER).user
    client.force_login(user)
    assert "Aucun badge obtenu pour le moment" in client.get(reverse("credentials:held_by_me")).text

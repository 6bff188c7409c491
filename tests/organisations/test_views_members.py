"""Member management (invite, change role, remove), learners and cohorts — with their events."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from blason.accounts.models import User
from blason.organisations.enums import ExpertAffiliation, OrganisationEventKind, Role
from blason.organisations.models import Cohort, Learner, Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import CohortFactory, LearnerFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cfa():
    return OrganisationFactory(name="CFA Triphase")


@pytest.fixture
def manager(cfa):
    return MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER).user


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def invite(client, organisation, **data):
    return client.post(reverse("organisations:members", args=[organisation.public_id]), data)


def test_cfa_manager_invites_a_trainer_who_sets_a_password(
    manager_client, cfa, smtp_server, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(
            manager_client, cfa, email="Formatrice@Exemple.fr", first_name="Inès", last_name="Roux", role=Role.TRAINER
        )
    assert response.status_code == 302
    user = User.objects.get(email="formatrice@exemple.fr")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert Membership.objects.get(user=user, organisation=cfa).role == Role.TRAINER
    event = cfa.events.get(kind=OrganisationEventKind.MEMBER_ADDED)
    assert event.data["user"] == "formatrice@exemple.fr"
    (sent,) = smtp_server.messages_to("formatrice@exemple.fr")
    assert "CFA Triphase" in sent["message"]["Subject"]
    body = sent["message"].get_body(preferencelist=("plain",)).get_content()
    assert "Formateur" in body
    path = re.search(r"https://blason\.test(/compte/password/reset/key/\S+/)", body).group(1)
    # The invited person chooses a password through the link, then signs in.
    anonymous = client.__class__()
    page = anonymous.get(path, follow=True)
    assert page.status_code == 200
    password = "un-mot-de-passe-bien-long"
    done = anonymous.post(page.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)


def test_inviting_an_existing_account_adds_the_role(manager_client, cfa, django_capture_on_commit_callbacks):
    existing = UserFactory(email="deja@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        invite(manager_client, cfa, email="DEJA@exemple.fr", role=Role.TRAINER)
    assert existing.memberships.get().role == Role.TRAINER
    assert existing.has_usable_password()


def test_duplicate_email_in_same_role_is_refused_in_french(manager_client, cfa):
    trainer = MembershipFactory(organisation=cfa, role=Role.TRAINER).user
    response = invite(manager_client, cfa, email=trainer.email.upper(), role=Role.TRAINER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette adresse électronique a déjà ce rôle dans l’organisation." in html
    assert Membership.objects.filter(user=trainer).count() == 1
    assert not cfa.events.exists()


def test_invalid_email_is_refused(manager_client, cfa):
    response = invite(manager_client, cfa, email="pas-une-adresse", role=Role.TRAINER)
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.content.decode()
    assert User.objects.count() == 1


def test_cfa_manager_cannot_give_a_staff_role(manager_client, cfa):
    response = invite(manager_client, cfa, email="x@exemple.fr", role=Role.ISSUER_ADMIN)
    assert response.status_code == 200
    assert not User.objects.filter(email="x@exemple.fr").exists()


def test_issuer_admin_invites_an_expert_with_affiliation(client, django_capture_on_commit_callbacks):
    issuer = OrganisationFactory(issuer=True)
    client.force_login(MembershipFactory(organisation=issuer, role=Role.ISSUER_ADMIN, user__with_totp=True).user)
    missing = invite(client, issuer, email="expert@exemple.fr", role=Role.EXPERT, affiliation="")
    assert "Indiquez l’affiliation de l’expert." in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, issuer, email="expert@exemple.fr", role=Role.EXPERT, affiliation=ExpertAffiliation.CPRE_CPNE)
    membership = Membership.objects.get(user__email="expert@exemple.fr")
    assert (membership.role, membership.affiliation) == (Role.EXPERT, ExpertAffiliation.CPRE_CPNE)


def test_change_and_remove_a_role(manager_client, cfa, manager):
    membership = MembershipFactory(organisation=cfa, role=Role.TRAINER)
    url = reverse("organisations:member_edit", args=[cfa.public_id, membership.public_id])
    assert manager_client.post(url, {"role": Role.CFA_MANAGER}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.CFA_MANAGER
    changed = cfa.events.get(kind=OrganisationEventKind.MEMBER_ROLE_CHANGED)
    assert changed.data["before"]["role"] == Role.TRAINER
    remove = reverse("organisations:member_remove", args=[cfa.public_id, membership.public_id])
    assert manager_client.post(remove).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert cfa.events.filter(kind=OrganisationEventKind.MEMBER_REMOVED).count() == 1
    # A removed role can no longer be edited or removed again.
    assert manager_client.post(remove).status_code == 404


def test_manager_cannot_remove_own_role(manager_client, cfa, manager):
    own = manager.memberships.get()
    response = manager_client.post(
        reverse("organisations:member_remove", args=[cfa.public_id, own.public_id]), follow=True
    )
    assert "Vous ne pouvez pas retirer votre propre rôle" in response.content.decode()
    own.refresh_from_db()
    assert own.is_active


def test_manager_cannot_touch_another_cfas_members(manager_client):
    other = MembershipFactory(role=Role.TRAINER)
    url = reverse("organisations:member_remove", args=[other.organisation.public_id, other.public_id])
    assert manager_client.post(url).status_code == 404
    # Nor through their own organisation's URL with another organisation's membership id.
    own_cfa = Membership.objects.exclude(pk=other.pk).get().organisation
    url = reverse("organisations:member_remove", args=[own_cfa.public_id, other.public_id])
    assert manager_client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.is_active


def learner_data(**overrides):
    data = {
        "first_name": "Léa",
        "last_name": "Bernard",
        "email": "lea.bernard@exemple.fr",
        "cohort": "",
        "trainer": "",
        "employer_name": "Garage Moderne",
        "tutor_name": "Marc Petit",
        "tutor_email": "marc.petit@garage-moderne.fr",
        "tutor_company": "Garage Moderne",
    }
    data.update(overrides)
    return data


def test_cfa_manager_adds_and_edits_a_learner(manager_client, cfa):
    cohort = CohortFactory(training_centre=cfa)
    trainer = MembershipFactory(organisation=cfa, role=Role.TRAINER).user
    response = manager_client.post(
        reverse("organisations:learner_create", args=[cfa.public_id]),
        learner_data(cohort=cohort.pk, trainer=trainer.pk),
    )
    assert response.status_code == 302
    learner = Learner.objects.get()
    assert (learner.training_centre, learner.cohort, learner.trainer) == (cfa, cohort, trainer)
    assert learner.tutor_company == "Garage Moderne"
    assert cfa.events.filter(kind=OrganisationEventKind.LEARNER_ADDED).count() == 1
    response = manager_client.post(
        reverse("organisations:learner_edit", args=[learner.public_id]),
        learner_data(cohort=cohort.pk, trainer=trainer.pk, employer_name="Carrosserie Azur"),
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.employer_name == "Carrosserie Azur"
    event = cfa.events.get(kind=OrganisationEventKind.LEARNER_UPDATED)
    assert event.data["changes"] == {"employer_name": ["Garage Moderne", "Carrosserie Azur"]}


def test_learner_form_refuses_other_cfa_cohort_and_duplicate_email(manager_client, cfa):
    foreign_cohort = CohortFactory()
    LearnerFactory(training_centre=cfa, email="lea.bernard@exemple.fr")
    response = manager_client.post(
        reverse("organisations:learner_create", args=[cfa.public_id]), learner_data(cohort=foreign_cohort.pk)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Un apprenti de ce CFA utilise déjà cette adresse électronique." in html
    assert "Sélectionnez un choix valide" in html
    assert Learner.objects.count() == 1


def test_cohorts_are_created_and_renamed(manager_client, cfa):
    url = reverse("organisations:cohorts", args=[cfa.public_id])
    assert (
        manager_client.post(url, {"name": "BTS MCO 2025-2027", "diploma": "BTS MCO", "start_year": 2025}).status_code
        == 302
    )
    cohort = Cohort.objects.get()
    duplicate = manager_client.post(url, {"name": "bts mco 2025-2027", "diploma": "", "start_year": ""})
    assert "Ce CFA a déjà une promotion de ce nom." in duplicate.content.decode()
    edit = reverse("organisations:cohort_edit", args=[cohort.public_id])
    assert (
        manager_client.post(edit, {"name": "BTS MCO 2025", "diploma": "BTS MCO", "start_year": 2025}).status_code
        == 302
    )
    cohort.refresh_from_db()
    assert cohort.name == "BTS MCO 2025"
    kinds = set(cfa.events.values_list("kind", flat=True))
    assert kinds == {OrganisationEventKind.COHORT_CREATED, OrganisationEventKind.COHORT_UPDATED}


def test_another_cfas_cohort_is_a_404(manager_client):
    cohort = CohortFactory()
    assert manager_client.get(reverse("organisations:cohort_edit", args=[cohort.public_id])).status_code == 404


def test_learner_created_with_an_invitation_gets_an_account(
    manager_client, cfa, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("organisations:learner_create", args=[cfa.public_id]), learner_data(invite="on")
        )
    assert response.status_code == 302
    learner = Learner.objects.get()
    assert learner.user.email == "lea.bernard@exemple.fr"
    assert learner.user.memberships.get().role == Role.LEARNER
    (sent,) = smtp_server.messages_to("lea.bernard@exemple.fr")
    assert "Apprenti" in sent["message"].get_body(preferencelist=("plain",)).get_content()


def test_existing_learner_is_invited_from_their_page(manager_client, cfa, django_capture_on_commit_callbacks):
    learner = LearnerFactory(training_centre=cfa)
    url = reverse("organisations:learner_invite", args=[learner.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert manager_client.post(url).status_code == 302
    learner.refresh_from_db()
    assert learner.user is not None
    again = manager_client.post(url, follow=True)
    assert "Cet apprenti a déjà un compte." in again.content.decode()


def test_invitation_refused_when_the_account_belongs_to_another_learner(manager_client, cfa):
    other = LearnerFactory(email="lea.bernard@exemple.fr", user=UserFactory(email="lea.bernard@exemple.fr"))
    response = manager_client.post(
        reverse("organisations:learner_create", args=[cfa.public_id]), learner_data(invite="on")
    )
    assert response.status_code == 200
    assert "déjà rattaché à un autre apprenti" in response.content.decode()
    assert Learner.objects.get() == other  # nothing half-written: the new learner was not kept


def test_trainer_cannot_invite_a_learner(client, cfa):
    learner = LearnerFactory(training_centre=cfa)
    client.force_login(MembershipFactory(organisation=cfa, role=Role.TRAINER).user)
    assert client.post(reverse("organisations:learner_invite", args=[learner.public_id])).status_code == 404
    learner.refresh_from_db()
    assert learner.user is None

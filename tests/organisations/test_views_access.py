"""Role checks through HTTP: each role sees only what it may; everything else is a 404."""

import pytest
from django.urls import reverse

from blason.organisations.enums import Role
from tests.accounts.factories import UserFactory
from tests.organisations.factories import LearnerFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cfa = OrganisationFactory(name="CFA La Fabrik")
    other_cfa = OrganisationFactory(name="CFA ISIM")
    issuer = OrganisationFactory(issuer=True)
    return {
        "cfa": cfa,
        "other_cfa": other_cfa,
        "issuer": issuer,
        "learner": LearnerFactory(training_centre=cfa),
        "other_learner": LearnerFactory(training_centre=other_cfa),
        "manager": MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER).user,
        "trainer": MembershipFactory(organisation=cfa, role=Role.TRAINER).user,
        "issuer_admin": MembershipFactory(
            organisation=issuer, role=Role.ISSUER_ADMIN, user=UserFactory(with_totp=True)
        ).user,
        "outsider": UserFactory(),
    }


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args)).status_code


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("organisations:detail", args=[world["cfa"].public_id]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_cfa_manager_sees_and_edits_own_cfa_only(client, world):
    manager = world["manager"]
    cfa, other = world["cfa"], world["other_cfa"]
    assert get(client, manager, "organisations:detail", cfa.public_id) == 200
    assert get(client, manager, "organisations:edit", cfa.public_id) == 200
    assert get(client, manager, "organisations:members", cfa.public_id) == 200
    assert get(client, manager, "organisations:learners", cfa.public_id) == 200
    assert get(client, manager, "organisations:learner_create", cfa.public_id) == 200
    assert get(client, manager, "organisations:cohorts", cfa.public_id) == 200
    assert get(client, manager, "organisations:detail", other.public_id) == 404
    assert get(client, manager, "organisations:edit", other.public_id) == 404
    assert get(client, manager, "organisations:members", other.public_id) == 404
    assert get(client, manager, "organisations:learners", other.public_id) == 404
    assert get(client, manager, "organisations:cohorts", other.public_id) == 404
    assert get(client, manager, "organisations:detail", world["issuer"].public_id) == 404


def test_cfa_manager_cannot_post_an_edit_to_another_cfa(client, world):
    client.force_login(world["manager"])
    other = world["other_cfa"]
    response = client.post(reverse("organisations:edit", args=[other.public_id]), {"name": "Piraté"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "CFA ISIM"
    assert not other.events.exists()


def test_another_cfas_learner_is_a_404(client, world):
    manager = world["manager"]
    assert get(client, manager, "organisations:learner_detail", world["learner"].public_id) == 200
    assert get(client, manager, "organisations:learner_edit", world["learner"].public_id) == 200
    assert get(client, manager, "organisations:learner_detail", world["other_learner"].public_id) == 404
    assert get(client, manager, "organisations:learner_edit", world["other_learner"].public_id) == 404


def test_trainer_sees_learners_but_cannot_edit(client, world):
    trainer = world["trainer"]
    cfa = world["cfa"]
    assert get(client, trainer, "organisations:learners", cfa.public_id) == 200
    assert get(client, trainer, "organisations:learner_detail", world["learner"].public_id) == 200
    assert get(client, trainer, "organisations:learner_edit", world["learner"].public_id) == 404
    assert get(client, trainer, "organisations:edit", cfa.public_id) == 404
    assert get(client, trainer, "organisations:members", cfa.public_id) == 404
    assert get(client, trainer, "organisations:learner_detail", world["other_learner"].public_id) == 404


def test_learner_sees_own_record_only(client, world):
    learner = world["learner"]
    learner.user = UserFactory()
    learner.save()
    MembershipFactory(user=learner.user, organisation=world["cfa"], role=Role.LEARNER)
    assert get(client, learner.user, "organisations:learner_detail", learner.public_id) == 200
    assert get(client, learner.user, "organisations:learners", world["cfa"].public_id) == 404
    assert get(client, learner.user, "organisations:edit", world["cfa"].public_id) == 404
    assert get(client, learner.user, "organisations:learner_detail", world["other_learner"].public_id) == 404


def test_issuer_admin_manages_own_issuer_not_cfas(client, world):
    admin = world["issuer_admin"]
    issuer = world["issuer"]
    client.force_login(admin)
    assert get(client, admin, "organisations:edit", issuer.public_id) == 200
    assert get(client, admin, "organisations:members", issuer.public_id) == 200
    assert get(client, admin, "organisations:learners", issuer.public_id) == 404
    assert get(client, admin, "organisations:detail", world["cfa"].public_id) == 404
    assert get(client, admin, "organisations:learner_detail", world["learner"].public_id) == 404


def test_outsider_sees_nothing(client, world):
    outsider = world["outsider"]
    for name, target in [
        ("organisations:detail", world["cfa"]),
        ("organisations:learners", world["cfa"]),
        ("organisations:learner_detail", world["learner"]),
        ("organisations:members", world["issuer"]),
    ]:
        assert get(client, outsider, name, target.public_id) == 404


def test_platform_admin_sees_everything(client, world):
    admin = UserFactory(with_totp=True)
    MembershipFactory(user=admin, organisation=None, role=Role.PLATFORM_ADMIN)
    assert get(client, admin, "organisations:edit", world["other_cfa"].public_id) == 200
    assert get(client, admin, "organisations:learner_detail", world["other_learner"].public_id) == 200


def test_removed_membership_gives_no_access(client, world):
    membership = world["manager"].memberships.get()
    membership.is_active = False
    membership.save()
    assert get(client, world["manager"], "organisations:detail", world["cfa"].public_id) == 404

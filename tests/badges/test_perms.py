import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from blason.badges import perms
from blason.badges.models import BadgeProposal
from blason.organisations.enums import Role
from tests.badges.factories import (
    BadgeClassFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    cfa_manager,
    issuer_admin,
)

pytestmark = pytest.mark.django_db


def platform_admin():
    user = UserFactory()
    MembershipFactory(user=user, organisation=None, role=Role.PLATFORM_ADMIN)
    return user


def test_issuer_admin_access():
    issuer = OrganisationFactory()
    admin = issuer_admin(issuer)
    assert perms.get_issuer_for_admin(admin, issuer.public_id) == issuer
    assert perms.get_issuer_for_admin(platform_admin(), issuer.public_id) == issuer
    for user in (issuer_admin(), cfa_manager(), UserFactory()):
        with pytest.raises(Http404):
            perms.get_issuer_for_admin(user, issuer.public_id)
    with pytest.raises(Http404):
        perms.get_issuer_for_admin(admin, uuid.uuid4())


def test_a_training_centre_has_no_badge_management():
    centre = OrganisationFactory(training_centre=True)
    with pytest.raises(Http404):
        perms.get_issuer_for_admin(platform_admin(), centre.public_id)


def test_badge_programme_and_proposal_access():
    badge_class = BadgeClassFactory()
    programme = ProgrammeFactory(issuer=badge_class.issuer)
    centre = OrganisationFactory(training_centre=True)
    proposal = BadgeProposal.objects.create(
        programme=programme, training_centre=centre, proposed_by=cfa_manager(centre), name="x", description="y"
    )
    admin, stranger = issuer_admin(badge_class.issuer), issuer_admin()
    assert perms.get_badge_class_for_admin(admin, badge_class.public_id) == badge_class
    assert perms.get_programme_for_admin(admin, programme.public_id) == programme
    assert perms.get_proposal_for_admin(admin, proposal.public_id) == proposal
    for getter, public_id in (
        (perms.get_badge_class_for_admin, badge_class.public_id),
        (perms.get_programme_for_admin, programme.public_id),
        (perms.get_proposal_for_admin, proposal.public_id),
    ):
        with pytest.raises(Http404):
            getter(stranger, public_id)
        with pytest.raises(Http404):
            getter(admin, uuid.uuid4())


def test_public_getters_hide_drafts():
    with pytest.raises(Http404):
        perms.get_public_badge_class(BadgeClassFactory().public_id)
    with pytest.raises(Http404):
        perms.get_public_programme(ProgrammeFactory(status="draft").public_id)
    published = BadgeClassFactory(published=True)
    assert perms.get_public_badge_class(published.public_id) == published


def test_managed_training_centres():
    centre = OrganisationFactory(training_centre=True)
    assert list(perms.managed_training_centres(cfa_manager(centre))) == [centre]
    assert not perms.managed_training_centres(AnonymousUser()).exists()

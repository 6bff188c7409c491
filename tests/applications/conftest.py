from dataclasses import dataclass

import pytest

from blason.organisations.enums import ExpertAffiliation, Role
from tests.applications.factories import MembershipFactory, OrganisationFactory, UserFactory, make_badge


@dataclass
class World:
    issuer: object
    coordinator: object
    experts: list
    cfa: object
    manager: object
    badge: object


@pytest.fixture
def world(db):
    """An issuer with a coordinator and three experts, a CFA with its manager, a 3-criterion badge."""
    issuer = OrganisationFactory(issuer=True, name="Mission ICAPA")
    coordinator = MembershipFactory(organisation=issuer, role=Role.COORDINATOR).user
    experts = [
        MembershipFactory(organisation=issuer, role=Role.EXPERT, affiliation=affiliation).user
        for affiliation in (
            ExpertAffiliation.CPRE_CPNE,
            ExpertAffiliation.CONSULAR_CHAMBER,
            ExpertAffiliation.CERTIFYING_MINISTRY,
        )
    ]
    cfa = OrganisationFactory(name="CFA La Fabrik")
    manager = MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER).user
    badge = make_badge(issuer=issuer, criteria=3, min_reviewers=2, video_max_duration_seconds=300)
    return World(issuer, coordinator, experts, cfa, manager, badge)


@pytest.fixture
def user_factory(db):
    return UserFactory

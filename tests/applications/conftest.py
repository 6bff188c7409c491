import os
import warnings
from dataclasses import dataclass

import pytest
from django.utils.deprecation import RemovedInDjango60Warning

from blason.organisations.enums import ExpertAffiliation, Role
from tests.applications.factories import MembershipFactory, OrganisationFactory, UserFactory, make_badge

# TODO(#1): blason/organisations/forms.py builds a model URLField without assume_scheme, which warns
# (an error under filterwarnings=error) when the URLconf is first loaded. Import it quietly here until
# the foundation fixes it.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RemovedInDjango60Warning)
    import blason.organisations.forms  # noqa: E402, F401


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


@pytest.fixture(autouse=True)
def _static_root(settings):
    # TODO(#1): WhiteNoise warns (an error here) when STATIC_ROOT does not exist, as on a fresh checkout.
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)

import pytest

from blason.organisations.enums import IssuerCategory, OrganisationKind
from tests.accounts.factories import UserFactory
from tests.organisations.factories import LearnerFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_factories_build_valid_rows():
    for organisation in [
        OrganisationFactory(),
        OrganisationFactory(issuer=True),
        OrganisationFactory(territorial=True),
        OrganisationFactory(for_snapshot=True),
    ]:
        organisation.full_clean()
    territorial = OrganisationFactory(territorial=True)
    assert (territorial.kind, territorial.issuer_category) == (
        OrganisationKind.ISSUER,
        IssuerCategory.TERRITORIAL_BODY,
    )
    learner = LearnerFactory()
    learner.full_clean()
    assert learner.cohort.training_centre == learner.training_centre
    assert str(UserFactory(for_snapshot=True).public_id).endswith("5e1")

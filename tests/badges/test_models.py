import pytest

from blason.badges.enums import CriteriaRule, Eligibility
from blason.organisations.models import Cohort
from tests.badges.factories import BadgeClassFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_eligibility_by_training_centre_or_cohort():
    centre, other = OrganisationFactory(training_centre=True), OrganisationFactory(training_centre=True)
    cohort = Cohort.objects.create(training_centre=other, name="BTS 2026")
    badge_class = BadgeClassFactory(eligibility=Eligibility.LISTED)
    badge_class.eligible_training_centres.add(centre)
    badge_class.eligible_cohorts.add(cohort)

    assert badge_class.is_open_to(training_centre=centre)
    assert badge_class.is_open_to(training_centre=other, cohort=cohort)
    assert not badge_class.is_open_to(training_centre=other)
    assert BadgeClassFactory().is_open_to(training_centre=other)


def test_rule_texts_and_renewal_difference():
    version = BadgeClassFactory(
        version__criteria_rule=CriteriaRule.AT_LEAST, version__criteria_min_count=2, version__is_renewable=True
    ).current_version
    assert str(version.first_rule_text) == "au moins 2 critère(s) sur 3"
    assert not version.renewal_differs
    version.renewal_criteria_rule = CriteriaRule.ALL
    assert version.renewal_differs
    assert str(version.renewal_rule_text) == "tous les critères (3)"


def test_keywords_are_indexed_for_search():
    version = BadgeClassFactory(version__keywords=["Numérique", " Tutorat "]).current_version
    assert version.keywords_text == "|numérique|tutorat|"
    version.keywords = ["IA"]
    version.save(update_fields=["keywords"])
    version.refresh_from_db()
    assert version.keywords_text == "|ia|"

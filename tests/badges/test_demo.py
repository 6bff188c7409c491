import io

import pytest

from blason.badges import demo, ob3
from blason.badges.enums import BadgeClassStatus, CriteriaRule, ProgrammeKind, RecipientKind, ReviewMode
from blason.badges.models import BadgeClass, Programme
from blason.badges.programmes import HeldBadge, programme_progress
from blason.organisations.enums import IssuerCategory
from blason.organisations.models import Organisation
from tests.badges.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ISSUERS = {
    "paca-mission": IssuerCategory.STATE_BODY,
    "region-normandie": IssuerCategory.TERRITORIAL_BODY,
    "cnam-pays-de-la-loire": IssuerCategory.TRAINING_ORGANISATION,
    "instep-occitanie": IssuerCategory.TRAINING_ORGANISATION,
}


@pytest.fixture
def loaded():
    for slug, category in ISSUERS.items():
        OrganisationFactory(slug=slug, issuer_category=category)
    for slug in ("instep-toulouse", "cnam-pdl-alternance", "cfa-caen-numerique"):
        OrganisationFactory(slug=slug, training_centre=True)
    demo.load(stdout=io.StringIO())


def by_issuer(slug):
    return BadgeClass.objects.filter(issuer__slug=slug).select_related("current_version")


def test_every_demo_achievement_validates_against_the_1edtech_schema(loaded):
    badge_classes = list(BadgeClass.objects.select_related("current_version", "issuer"))
    assert len(badge_classes) == 4 + 12 + 1 + 6 + 1
    for badge_class in badge_classes:
        achievement = ob3.achievement_json(badge_class.current_version, base_url="https://blason.test")
        assert ob3.achievement_schema_errors(achievement) == [], badge_class
        assert badge_class.status == BadgeClassStatus.PUBLISHED
        assert badge_class.current_version.image.name.endswith(".svg")
        assert badge_class.current_version.image_png.name.endswith(".png")


def test_paca_kirkpatrick_badges(loaded):
    versions = sorted((bc.current_version for bc in by_issuer("paca-mission")), key=lambda v: v.level_number)
    assert [v.level_number for v in versions] == [1, 2, 3, 4]
    for v in versions:
        assert v.recipient_kind == RecipientKind.ORGANISATION
        assert v.review_mode == ReviewMode.COMMISSION
        assert v.video_max_duration_seconds == 300
        assert [(a.framework, a.code) for a in v.alignments.all()] == [("kirkpatrick", str(v.level_number))]
    assert "80 %" in versions[0].criteria.last().text
    assert "autonomie totale" in versions[2].criteria.last().text
    ladder = Programme.objects.get(issuer__slug="paca-mission")
    assert ladder.kind == ProgrammeKind.LADDER


def test_normandy_label_rule(loaded):
    programme = Programme.objects.get(issuer__slug="region-normandie")
    rule = programme.rule()
    assert programme.min_count == 10
    assert len(rule.badge_class_ids) == 12
    assert len(rule.mandatory_ids) == 5
    names = dict(
        by_issuer("region-normandie").values_list("current_version__name", "current_version__validity_months")
    )
    assert names["Prospection"] == 36
    assert names["Attractivité, infos, communication"] == 12
    assert names["Tutorat"] == 24
    attractivite = by_issuer("region-normandie").get(current_version__name__startswith="Attractivité").current_version
    assert (attractivite.criteria_rule, attractivite.criteria_min_count) == (CriteriaRule.AT_LEAST, 2)
    ressources = by_issuer("region-normandie").get(current_version__name__startswith="Ressources").current_version
    assert [c.text[:8] for c in ressources.first_award_criteria] == ["Niveau 1"]
    assert [c.text[:8] for c in ressources.renewal_criteria] == ["Niveau 2", "Niveau 3"]
    assert ressources.renewal_criteria_min_count == 1
    optional = [bid for bid in rule.badge_class_ids if bid not in rule.mandatory_ids]
    held = [HeldBadge(bid) for bid in [*rule.mandatory_ids, *optional[:5]]]
    assert programme_progress(rule, held).is_earned


def test_instep_and_cnam_badges(loaded):
    instep = [bc.current_version for bc in by_issuer("instep-occitanie")]
    assert len(instep) == 6
    assert {v.review_mode for v in instep} == {ReviewMode.TRAINER}
    assert {v.recipient_kind for v in instep} == {RecipientKind.PERSON}
    cnam = by_issuer("cnam-pays-de-la-loire").get().current_version
    assert cnam.name == "Je m’engage dans l’écocitoyenneté"
    assert cnam.review_mode == ReviewMode.DIRECT_AWARD
    cnam_centre = Organisation.objects.get(slug="cnam-pdl-alternance")
    assert cnam.badge_class.is_open_to(training_centre=cnam_centre)
    assert not cnam.badge_class.is_open_to(training_centre=Organisation.objects.get(slug="instep-toulouse"))
    caen = Organisation.objects.get(slug="cfa-caen-numerique")
    assert by_issuer("region-normandie").first().is_open_to(training_centre=caen)


def test_demo_load_is_idempotent(loaded):
    count = BadgeClass.objects.count()
    demo.load(stdout=io.StringIO())
    assert BadgeClass.objects.count() == count
    assert Programme.objects.count() == 2

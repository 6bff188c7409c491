import pytest

from blason.badges import ob3
from tests.badges.factories import BadgeClassFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
BASE = "https://blason.test"


def test_achievement_json_validates_against_the_1edtech_schema():
    badge_class = BadgeClassFactory(published=True, version__alignments=True, version__level_number=2)
    version = badge_class.current_version

    data = ob3.achievement_json(version, base_url=BASE)

    assert ob3.achievement_schema_errors(data) == []
    assert data["id"] == f"{BASE}/badges/{badge_class.public_id}/v/1"
    assert data["type"] == ["Achievement"]
    assert data["achievementType"] == "Badge"
    assert data["tag"] == ["numérique", "pédagogie"]
    assert data["inLanguage"] == "fr"
    assert data["alignment"][0]["targetCode"] == "2"
    assert data["alignment"][0]["type"] == ["Alignment"]
    assert "1. Premier critère (preuve : Document)" in data["criteria"]["narrative"]
    assert data["creator"]["type"] == ["Profile"]
    assert data["creator"]["id"] == f"{BASE}/organisations/{badge_class.issuer.public_id}/"


def test_achievement_json_states_the_rule_and_renewal():
    badge_class = BadgeClassFactory(
        version__at_least_two=True, version__is_renewable=True, version__validity_months=24
    )

    narrative = ob3.achievement_json(badge_class.current_version, base_url=BASE)["criteria"]["narrative"]

    assert narrative.startswith("Au moins 2 critère(s) sur 3 doivent être remplis.")
    assert "Renouvellement : Au moins 2 critère(s) sur 3" in narrative
    assert "Durée de validité : 24 mois." in narrative


def test_issuer_profile_uses_the_did_and_validates():
    badge_class = BadgeClassFactory(issuer__siret="13002526500013")

    profile = ob3.issuer_profile_json(badge_class.issuer, base_url=BASE, did="did:web:blason.test:emetteurs:x")

    assert profile["id"] == "did:web:blason.test:emetteurs:x"
    assert profile["otherIdentifier"][0]["identifier"] == "13002526500013"
    assert ob3.profile_schema_errors(profile) == []


def test_schema_errors_are_reported():
    assert ob3.achievement_schema_errors({"type": ["Achievement"]}) != []


def test_achievement_json_snapshot(snapshot):
    import uuid

    issuer = OrganisationFactory(
        public_id=uuid.UUID("00000000-0000-4000-8000-0000000000a0"), name="Région Normandie", slug="region-normandie"
    )
    badge_class = BadgeClassFactory(
        for_snapshot=True, issuer=issuer, version__name="Attractivité", version__at_least_two=True,
        version__validity_months=12, version__alignments=True, version__level_number=2,
    )  # fmt: skip

    assert ob3.achievement_json(badge_class.current_version, base_url=BASE) == snapshot

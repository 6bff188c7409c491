import json

import pytest
from django.urls import reverse

from blason.badges import ob3
from blason.badges.enums import BadgeClassStatus, ProgrammeKind
from blason.badges.services import edit_badge_class, freeze_version
from tests.badges.factories import (
    BadgeClassFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    add_to_programme,
    cfa_manager,
)

pytestmark = pytest.mark.django_db


def test_catalogue_is_public_and_lists_only_published_badges(client):
    BadgeClassFactory(published=True, version__name="Tutorat")
    BadgeClassFactory(version__name="Brouillon secret")
    BadgeClassFactory(archived=True, version__name="Archivé secret")

    response = client.get(reverse("badges:catalogue"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Tutorat" in content
    assert "secret" not in content


def test_catalogue_empty_state(client):
    assert "Aucun badge n’est encore publié." in client.get(reverse("badges:catalogue")).content.decode()
    response = client.get(reverse("badges:catalogue"), {"q": "introuvable"})
    assert "Aucun badge ne correspond à votre recherche." in response.content.decode()


def names(response):
    return sorted(bc.current_version.name for bc in response.context["page"].object_list)


def test_catalogue_filters(client):
    normandie = OrganisationFactory(slug="region-normandie")
    tutorat = BadgeClassFactory(
        issuer=normandie, published=True, version__name="Tutorat", version__keywords=["Numérique", "tutorat"]
    )
    BadgeClassFactory(
        published=True,
        version__name="Écocitoyenneté",
        version__recipient_kind="person",
        version__keywords=["engagement"],
    )
    programme = ProgrammeFactory(issuer=normandie)
    add_to_programme(programme, tutorat)
    url = reverse("badges:catalogue")

    assert names(client.get(url, {"issuer": "region-normandie"})) == ["Tutorat"]
    assert names(client.get(url, {"programme": str(programme.public_id)})) == ["Tutorat"]
    assert names(client.get(url, {"keyword": "numérique"})) == ["Tutorat"]
    assert names(client.get(url, {"keyword": "numér"})) == []  # a keyword is matched whole
    assert names(client.get(url, {"recipient_kind": "person"})) == ["Écocitoyenneté"]
    assert names(client.get(url, {"q": "tuto"})) == ["Tutorat"]
    # A bad filter value is ignored with a message, never a 500.
    assert client.get(url, {"issuer": "inconnu", "programme": "pas-un-uuid"}).status_code == 200


def test_catalogue_paginates_without_n_plus_one(client, django_assert_max_num_queries):
    for i in range(15):
        BadgeClassFactory(published=True, version__name=f"Badge {i:02}")
    with django_assert_max_num_queries(10):
        first = client.get(reverse("badges:catalogue"))
    assert len(first.context["page"].object_list) == 12
    second = client.get(reverse("badges:catalogue"), {"page": 2})
    assert len(second.context["page"].object_list) == 3


def test_badge_page_shows_criteria_rule_validity_and_alignments(client):
    badge_class = BadgeClassFactory(
        published=True, version__at_least_two=True, version__validity_months=24, version__alignments=True,
        version__is_renewable=True,
    )  # fmt: skip

    content = client.get(reverse("badges:detail", args=[badge_class.public_id])).content.decode()

    assert "au moins 2 critère(s) sur 3" in content
    assert "Premier critère" in content
    assert "24 mois" in content
    assert "Niveau 2 : acquisitions" in content
    assert "Renouvelable" in content
    assert badge_class.issuer.name in content
    assert "Tout CFA" in content and "Tout CFA ou apprenti" not in content  # an organisation badge


def test_badge_page_answers_json_ld_with_the_achievement(client):
    badge_class = BadgeClassFactory(published=True)

    response = client.get(reverse("badges:detail", args=[badge_class.public_id]), HTTP_ACCEPT="application/ld+json")

    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert data["id"] == f"https://blason.test/badges/{badge_class.public_id}/v/1"
    achievement = {k: v for k, v in data.items() if k != "@context"}
    assert ob3.achievement_schema_errors(achievement) == []


def test_draft_badge_page_is_404(client):
    assert client.get(reverse("badges:detail", args=[BadgeClassFactory().public_id])).status_code == 404


def test_the_achievement_id_of_an_old_version_still_resolves(client):
    badge_class = BadgeClassFactory(published=True, version__name="Ancien")
    freeze_version(badge_class.current_version)
    edit_badge_class(badge_class, by=UserFactory(), content={"name": "Nouveau"})

    old = client.get(f"/badges/{badge_class.public_id}/v/1", HTTP_ACCEPT="application/ld+json")
    assert json.loads(old.content)["name"] == "Ancien"
    page = client.get(f"/badges/{badge_class.public_id}/v/1")
    assert "Vous consultez la version 1" in page.content.decode()
    assert client.get(f"/badges/{badge_class.public_id}/v/9").status_code == 404


def test_programme_pages(client):
    programme = ProgrammeFactory(name="Label CFA numérique normand", min_count=2)
    for i in range(3):
        add_to_programme(programme, BadgeClassFactory(issuer=programme.issuer, published=True), mandatory=i == 0)
    ProgrammeFactory(name="Programme brouillon", status=BadgeClassStatus.DRAFT)

    listing = client.get(reverse("badges:programme_list")).content.decode()
    assert "Label CFA numérique normand" in listing
    assert "Programme brouillon" not in listing
    detail = client.get(reverse("badges:programme_detail", args=[programme.public_id])).content.decode()
    assert "Obtenir au moins 2 badges sur 3, dont les 1 badges obligatoires." in detail


def test_ladder_page(client):
    programme = ProgrammeFactory(kind=ProgrammeKind.LADDER, min_count=None)
    add_to_programme(programme, BadgeClassFactory(issuer=programme.issuer, published=True))
    content = client.get(reverse("badges:programme_detail", args=[programme.public_id])).content.decode()
    assert "Gravir les 1 niveaux dans l’ordre." in content


def test_cfa_manager_sees_the_progress_of_the_cfa(client):
    programme = ProgrammeFactory(min_count=2)
    badges = [BadgeClassFactory(issuer=programme.issuer, published=True) for _ in range(3)]
    for i, badge_class in enumerate(badges):
        add_to_programme(programme, badge_class, mandatory=i == 0, position=i)
    centre = OrganisationFactory(training_centre=True, name="CFA de Caen")
    client.force_login(cfa_manager(centre))

    content = client.get(reverse("badges:programme_detail", args=[programme.public_id])).content.decode()

    assert "Progression de CFA de Caen" in content
    assert "encore 2 badges à obtenir" in content
    assert "Badges obligatoires manquants" in content


def test_the_badge_page_offers_to_apply_only_to_who_may(client):
    from blason.badges.enums import Eligibility
    from blason.organisations.enums import Role
    from tests.organisations.factories import MembershipFactory
    from tests.organisations.factories import OrganisationFactory as CentreFactory

    badge_class = BadgeClassFactory(published=True)
    url = reverse("badges:detail", args=[badge_class.public_id])
    assert "Demander ce badge" not in client.get(url).content.decode()  # anonymous

    manager = MembershipFactory(role=Role.CFA_MANAGER, organisation=CentreFactory()).user
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "Demander ce badge" in page and reverse("applications:open", args=[badge_class.public_id]) in page

    badge_class.eligibility = Eligibility.LISTED  # reserved to other CFAs
    badge_class.save()
    badge_class.eligible_training_centres.set([CentreFactory()])
    assert "Demander ce badge" not in client.get(url).content.decode()

    from tests.applications.factories import give_totp

    expert = MembershipFactory(expert=True, organisation=badge_class.issuer).user
    give_totp(expert)
    client.force_login(expert)
    badge_class.eligibility = Eligibility.ANYONE
    badge_class.save()
    response = client.get(url)
    assert response.status_code == 200 and badge_class.current_version.name in response.content.decode()
    assert "Demander ce badge" not in response.content.decode()

"""Browser journey of issue 3: an issuer admin creates a badge class, generates its image, publishes it."""

import pytest
from django.test import Client

from blason.badges.enums import BadgeClassStatus, CriteriaRule
from blason.badges.models import BadgeClass
from tests.badges.factories import OrganisationFactory, issuer_admin


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_issuer_admin_creates_publishes_and_finds_a_badge_in_the_catalogue(page, live_server):
    issuer = OrganisationFactory(name="Région Normandie")
    sign_in(page, live_server, issuer_admin(issuer))

    page.goto(f"{live_server.url}/badges/gestion/{issuer.public_id}/")
    page.get_by_role("link", name="Créer un badge").click()
    page.get_by_label("Nom du badge").fill("Attractivité numérique")
    page.get_by_label("Ce que le badge reconnaît").fill("Les efforts des CFA pour présenter les métiers.")
    page.get_by_label("Mots-clés").fill("numérique, communication")
    page.get_by_label("Organisation (CFA)").check()
    for number, text in enumerate(["Vidéos des métiers", "Présentation des formations", "Réseaux sociaux"], 1):
        page.get_by_test_id(f"critere-{number}").get_by_label("Critère").fill(text)
    page.get_by_label("Au moins N critères").check()
    page.get_by_label("Nombre minimal de critères (règle « au moins N »)").fill("2")
    page.get_by_label("Numéro de niveau").fill("2")
    page.get_by_label("Générer l’image à partir d’un modèle").check()
    page.get_by_label("Forme").select_option("hexagon")
    page.get_by_role("button", name="Enregistrer").click()

    page.get_by_text("Le badge a été créé en brouillon.").wait_for()
    badge_class = BadgeClass.objects.get()
    version = badge_class.current_version
    assert version.criteria.count() == 3
    assert (version.criteria_rule, version.criteria_min_count, version.level_number) == (CriteriaRule.AT_LEAST, 2, 2)
    assert b">2</text>" in version.image.read()

    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Le badge est publié").wait_for()
    badge_class.refresh_from_db()
    assert badge_class.status == BadgeClassStatus.PUBLISHED

    page.goto(f"{live_server.url}/badges/")
    page.get_by_role("link", name="Attractivité numérique").click()
    page.get_by_role("heading", name="Attractivité numérique").wait_for()
    assert "au moins 2 critère(s) sur 3" in page.content()
    # Test storage is in memory (not served by the live server): check the page points to the generated SVG.
    image = page.get_by_role("img", name="Image du badge Attractivité numérique")
    assert image.get_attribute("src").endswith(version.image.name)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_impossible_rule_is_refused_in_the_browser(page, live_server):
    issuer = OrganisationFactory()
    sign_in(page, live_server, issuer_admin(issuer))

    page.goto(f"{live_server.url}/badges/gestion/{issuer.public_id}/nouveau/")
    page.get_by_label("Nom du badge").fill("Badge impossible")
    page.get_by_label("Ce que le badge reconnaît").fill("x")
    page.get_by_label("Organisation (CFA)").check()
    for number in (1, 2, 3):
        page.get_by_test_id(f"critere-{number}").get_by_label("Critère").fill(f"Critère {number}")
    page.get_by_label("Au moins N critères").check()
    page.get_by_label("Nombre minimal de critères (règle « au moins N »)").fill("4")
    page.get_by_role("button", name="Enregistrer").click()

    page.get_by_text("La règle « au moins 4 » est impossible : le badge n’a que 3 critère(s).").wait_for()
    assert not BadgeClass.objects.exists()

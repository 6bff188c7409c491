"""Drafts save as they go: what was typed survives adding a piece of evidence (which reloads the page)."""

import re

import pytest

from blason.applications.models import BadgeApplication
from tests.applications.test_journey_browser import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_statement_typed_before_adding_evidence_is_kept(page, live_server, world):
    criteria = list(world.badge.current_version.criteria.order_by("position"))
    _sign_in(page, live_server, world.manager)
    page.goto(f"{live_server.url}/demandes/")
    page.get_by_role("button", name="Faire une demande").click()
    page.wait_for_url(re.compile(r"/demandes/[0-9a-f-]+/modifier/$"))

    section = page.locator(f"#critere-{criteria[0].pk}")
    section.locator("textarea").first.fill("Notre action contre l’absentéisme, décrite avant d’ajouter la preuve.")
    section.locator("input[name=url]").fill("https://cfa.example/absenteisme")
    section.get_by_role("button", name="Ajouter cette pièce").click()
    page.wait_for_load_state()

    assert "Pièce justificative ajoutée." in " ".join(page.locator(".fr-alert").all_inner_texts())
    textarea = page.locator(f"#critere-{criteria[0].pk} textarea").first
    assert textarea.input_value() == "Notre action contre l’absentéisme, décrite avant d’ajouter la preuve."
    application = BadgeApplication.objects.get()
    assert application.statements.get(criterion=criteria[0]).text.startswith("Notre action")

    # Leaving a field saves it too, without reloading the page.
    other = page.locator(f"#critere-{criteria[1].pk} textarea").first
    other.fill("Enquête de satisfaction : 86 %.")
    other.blur()
    page.get_by_text("Brouillon enregistré automatiquement.").wait_for()
    assert application.statements.get(criterion=criteria[1]).text == "Enquête de satisfaction : 86 %."

"""Issue 2's journey in headless Chromium: a CFA manager signs in, edits the CFA's address, sees it."""

import pytest

from blason.organisations.enums import OrganisationEventKind, Role
from tests.accounts.factories import PASSWORD
from tests.organisations.factories import MembershipFactory, OrganisationFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cfa_manager_edits_the_cfa_address(live_server, page):
    cfa = OrganisationFactory(name="CFA La Fabrik", street_address="150 avenue de Provence", city="Fréjus")
    manager = MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER, user__email="direction@lafabrik.fr").user

    page.goto(f"{live_server.url}/compte/login/")
    page.fill("input[name=login]", manager.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    page.click("text=Fiche du CFA")
    page.wait_for_selector("[data-testid=address]")
    assert "150 avenue de Provence" in page.inner_text("[data-testid=address]")

    page.click("a:has-text('Modifier')")
    page.fill("input[name=street_address]", "8 rue Jean Jaurès")
    page.fill("input[name=postal_code]", "83600")
    page.click("button:has-text('Enregistrer')")

    page.wait_for_url(f"{live_server.url}/organisations/{cfa.public_id}/")
    assert "8 rue Jean Jaurès" in page.inner_text("[data-testid=address]")
    assert "ont été enregistrées" in page.inner_text(".fr-alert")
    assert "Organisation modifiée" in page.content()
    assert cfa.events.filter(kind=OrganisationEventKind.UPDATED).count() == 1

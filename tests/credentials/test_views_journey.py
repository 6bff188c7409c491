"""The issue's UI journey in headless Chromium: download a baked PNG, verify it anonymously, revoke, verify again."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from blason.organisations.enums import Role
from tests.credentials.factories import CredentialFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(context, user, base_url):
    """Sign `user` in for a Playwright browser context (a real session cookie, no login form)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}])


def _verify_file(chromium, base_url, path):
    context = chromium.new_context(locale="fr-FR")
    visitor = context.new_page()
    visitor.goto(f"{base_url}/verifier/")
    visitor.set_input_files("input[type=file]", str(path))
    visitor.get_by_role("button", name="Vérifier").click()
    report = visitor.get_by_test_id("verification-report")
    report.wait_for()
    text = report.inner_text()
    context.close()
    return text


def test_download_verify_revoke_verify(chromium, live_server, tmp_path):
    centre = OrganisationFactory(name="CFA La Fabrik", city="Fréjus")
    credential = CredentialFactory(recipient_organisation=centre)
    manager = MembershipFactory(organisation=centre, role=Role.CFA_MANAGER).user
    admin = MembershipFactory(organisation=credential.issuer, role=Role.ISSUER_ADMIN).user
    base_url = live_server.url
    detail_url = f"{base_url}/badges-emis/{credential.public_id}/"

    # A CFA manager downloads the baked PNG of the awarded badge.
    manager_context = chromium.new_context(locale="fr-FR", accept_downloads=True)
    _login(manager_context, manager, base_url)
    manager_page = manager_context.new_page()
    manager_page.goto(detail_url)
    with manager_page.expect_download() as download_info:
        manager_page.get_by_test_id("download-png").click()
    png_path = tmp_path / "badge.png"
    download_info.value.save_as(png_path)
    manager_context.close()
    assert png_path.read_bytes().startswith(b"\x89PNG")

    # A visitor who is not logged in drops it on the verification page: valid, CFA name, criteria.
    text = _verify_file(chromium, base_url, png_path)
    assert "Badge valide" in text
    assert "CFA La Fabrik" in text
    assert "Évaluer la satisfaction des apprenants" in text

    # An issuer admin revokes it with a reason.
    admin_context = chromium.new_context(locale="fr-FR")
    _login(admin_context, admin, base_url)
    admin_page = admin_context.new_page()
    admin_page.goto(detail_url)
    admin_page.get_by_test_id("revoke").click()
    admin_page.get_by_label("Motif de la révocation").fill("Pratique pédagogique abandonnée")
    admin_page.get_by_test_id("confirm").click()
    admin_page.get_by_text("Le badge a été révoqué").wait_for()
    admin_context.close()

    # The same file now reads "révoqué", with the reason.
    text = _verify_file(chromium, base_url, png_path)
    assert "Badge révoqué" in text
    assert "Pratique pédagogique abandonnée" in text

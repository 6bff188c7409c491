"""The issue's journey in headless Chromium, with emails delivered to a real local SMTP server.

A CFA manager applies with a PDF and an MP4; two experts review; the coordinator asks for more
information; the CFA completes and resubmits; the coordinator awards.

Sign-in: each person is signed in through a Django session cookie (a session created as
`Client.force_login` does, its cookie copied into the Playwright context). Staff accounts get a
real TOTP authenticator through allauth's models, so the mandatory-second-factor middleware lets
them through as in production after a TOTP login.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from blason.applications import demo
from blason.applications.enums import ApplicationStatus
from blason.applications.models import BadgeApplication
from tests.applications.factories import give_totp, minimal_pdf

# A real 6-second H.264/AAC MP4 (the demo's), so the browser can actually play it.
DEMO_VIDEO = Path(demo.__file__).parent / "demo_files" / demo.VIDEO_NAME

pytestmark = [pytest.mark.browser, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    # Leave the current page first: a <video> may keep a media request open on the live server.
    page.goto("about:blank")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()  # unlike Client.force_login, no write to the user table (SQLite table locks)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def _subjects(smtp_server, address):
    return [m["message"]["Subject"] for m in smtp_server.messages_to(address)]


def _wait_for_email(smtp_server, address, fragment, *, count=1, timeout_s=10):
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if sum(fragment in s for s in _subjects(smtp_server, address)) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"No email «{fragment}» for {address}: {_subjects(smtp_server, address)}")


def _alert_text(page):
    return " ".join(page.locator(".fr-alert").all_inner_texts())


def test_cfa_applies_experts_review_coordinator_requests_more_then_awards(page, live_server, world, smtp_server):
    for user in [world.coordinator, *world.experts]:
        give_totp(user)
    expert_a, expert_b = world.experts[:2]
    criteria = list(world.badge.current_version.criteria.order_by("position"))

    # 1. The CFA manager applies, with a PDF and an MP4.
    _sign_in(page, live_server, world.manager)
    page.goto(f"{live_server.url}/demandes/")
    page.get_by_role("button", name="Faire une demande").click()
    page.wait_for_url(re.compile(r"/demandes/[0-9a-f-]+/modifier/$"))
    application = BadgeApplication.objects.get()
    section = page.locator(f"#critere-{criteria[0].pk}")
    section.locator("input[type=file]").set_input_files(
        {"name": "bilan-absenteisme.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf()}
    )
    section.get_by_role("button", name="Ajouter cette pièce").click()
    assert "Pièce justificative ajoutée." in _alert_text(page)
    section = page.locator(f"#critere-{criteria[1].pk}")
    section.locator("input[type=file]").set_input_files(
        {"name": "ma-ba-en-300-secondes.mp4", "mimeType": "video/mp4", "buffer": DEMO_VIDEO.read_bytes()}
    )
    section.get_by_role("button", name="Ajouter cette pièce").click()
    assert "Pièce justificative ajoutée." in _alert_text(page)
    assert page.locator("video").count() == 1
    for criterion in criteria:
        page.fill(
            f"textarea[name=statement_{criterion.pk}]", f"Notre pratique répond au critère {criterion.position}."
        )
    page.get_by_role("button", name="Déposer la demande").click()
    page.wait_for_url(re.compile(rf"/demandes/{application.public_id}/$"))
    assert "Votre demande a été déposée" in _alert_text(page)
    _wait_for_email(smtp_server, world.coordinator.email, "Nouvelle demande de badge à instruire")
    _wait_for_email(smtp_server, world.manager.email, "Votre demande de badge a bien été déposée")

    # 2. The coordinator assigns two experts.
    _sign_in(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/demandes/emetteurs/{world.issuer.public_id}/")
    page.get_by_role("link", name=world.badge.current_version.name).click()
    for expert in (expert_a, expert_b):
        page.locator(f"input[name=reviewers][value='{expert.pk}']").check(force=True)
    page.get_by_role("button", name="Désigner les experts").click()
    assert "Experts désignés" in _alert_text(page)
    for expert in (expert_a, expert_b):
        _wait_for_email(smtp_server, expert.email, "Une demande de badge vous est confiée")

    # 3. Both experts review each criterion beside its evidence; the video plays in the page.
    for expert in (expert_a, expert_b):
        _sign_in(page, live_server, expert)
        page.goto(f"{live_server.url}/demandes/expertises/")
        page.get_by_role("link", name="Expertiser").click()
        video = page.locator("video")
        assert video.count() == 1
        src = video.get_attribute("src")
        response = page.request.get(f"{live_server.url}{src}", headers={"Range": "bytes=0-15"})
        assert response.status == 206 and response.headers["content-type"] == "video/mp4"
        # The video plays in the page: the browser reads its metadata through the access-checked view.
        duration = video.evaluate(
            """v => new Promise(resolve => {
                if (v.readyState >= 1) return resolve(v.duration);
                v.addEventListener('loadedmetadata', () => resolve(v.duration));
                v.addEventListener('error', () => resolve(-1));
                v.load();
            })"""
        )
        assert duration == pytest.approx(6, abs=0.5)
        # Stop the media download so no request stays open on the live server (SQLite locks).
        video.evaluate("v => { v.pause(); v.removeAttribute('src'); v.load(); }")
        for criterion in criteria:
            page.locator(f"input[name=verdict_{criterion.pk}][value=met]").check(force=True)
        page.locator("input[name=opinion][value=favourable]").check(force=True)
        page.fill("textarea[name=comment]", "Pratique solide, preuves probantes.")
        page.get_by_role("button", name="Enregistrer mon avis").click()
        assert "Votre avis a été enregistré." in _alert_text(page)
    _wait_for_email(smtp_server, world.coordinator.email, "Quorum atteint")

    # 4. The coordinator sees the votes and Blason's proposal, and asks for more information.
    _sign_in(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/demandes/{application.public_id}/instruction/")
    assert "Proposition de Blason d’après la règle du badge : Attribuer le badge" in page.content()
    page.locator("input[name=outcome][value=more_information]").check(force=True)
    page.fill("textarea[name=reason]", "Ajoutez le bilan chiffré de l’absentéisme sur l’année.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Décision enregistrée" in _alert_text(page)
    _wait_for_email(smtp_server, world.manager.email, "Des compléments sont demandés")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CHANGES_REQUESTED

    # 5. The CFA completes and resubmits.
    _sign_in(page, live_server, world.manager)
    page.goto(f"{live_server.url}/demandes/{application.public_id}/")
    assert "Ajoutez le bilan chiffré" in page.content()
    page.get_by_role("link", name="Compléter la demande").click()
    section = page.locator(f"#critere-{criteria[0].pk}")
    section.locator("textarea[name=text]").fill("Absentéisme : 14 % en 2024, 9 % en 2025.")
    section.get_by_role("button", name="Ajouter cette pièce").click()
    assert "Pièce justificative ajoutée." in _alert_text(page)
    page.get_by_role("button", name="Déposer à nouveau").click()
    page.wait_for_url(re.compile(rf"/demandes/{application.public_id}/$"))
    _wait_for_email(smtp_server, world.coordinator.email, "Demande de badge complétée")

    # 6. The coordinator awards.
    _sign_in(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/demandes/{application.public_id}/instruction/")
    page.locator("input[name=outcome][value=award]").check(force=True)
    page.fill("textarea[name=reason]", "Pratique exemplaire de lutte contre l’absentéisme.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Décision enregistrée" in _alert_text(page)
    _wait_for_email(smtp_server, world.manager.email, "Badge attribué")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert list(BadgeApplication.objects.awarded()) == [application]

    # The applicant reads the decision and the whole timeline.
    _sign_in(page, live_server, world.manager)
    page.goto(f"{live_server.url}/demandes/{application.public_id}/")
    content = page.content()
    for label in ["Demande déposée", "Expert désigné", "Quorum atteint", "Compléments demandés", "Badge attribué"]:
        assert label in content
    html = smtp_server.messages_to(world.manager.email)[-1]["message"]
    assert html.get_body(preferencelist=("html",)) is not None
    assert html.get_body(preferencelist=("plain",)) is not None

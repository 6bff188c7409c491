"""Shared test fixtures: database flavour report, a real local SMTP server, headless Chromium.

In CI (CI=true) nothing may be skipped: a missing PostgreSQL or Chromium is an error, not a skip.
"""

import os
import shutil
import socket
import threading

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

# Shared, noisy CI machines: a property test must not fail because one example was slow.
hypothesis_settings.register_profile("blason", deadline=None)
hypothesis_settings.load_profile("blason")

IN_CI = os.getenv("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM_PATH = os.getenv("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    lines = [f"blason: database engine = {engine}"]
    if engine != "postgresql":
        lines.append("blason: WARNING — running on SQLite, not PostgreSQL (production's database).")
    lines.append(f"blason: chromium = {CHROMIUM_PATH or 'MISSING — browser journeys will be skipped'}")
    return lines


def pytest_configure(config):
    if IN_CI:
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise pytest.UsageError("CI must run on PostgreSQL: set DATABASE_URL (see scripts/test.sh).")
        if not CHROMIUM_PATH:
            raise pytest.UsageError("CI must run the browser journeys: Chromium is missing.")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM_PATH:
        return
    skip = pytest.mark.skip(reason="Chromium is not installed on this machine (CI installs it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_sep("!", f"{len(skipped)} TESTS SKIPPED on this machine — CI runs them all", red=True)


@pytest.fixture(autouse=True)
def _media_and_cache(settings):
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A test that switches to English (a request with Accept-Language: en, translation.activate) must not
    # leave the next test, in random order, reading English messages.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted for delivery"


class LocalSMTPServer:
    """A real aiosmtpd server on 127.0.0.1, started and stopped by the `smtp_server` fixture."""

    def __init__(self):
        self.port = _free_port()
        self.handler = RecordingHandler()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def messages_to(self, address):
        return [m for m in self.messages if address in m["to"]]


@pytest.fixture
def smtp_server(settings):
    """Deliver the outbox over real SMTP to a local server; yields it for assertions."""
    server = LocalSMTPServer()
    server.start()
    # Django's test set-up swaps EMAIL_BACKEND for locmem; put the outbox back in front.
    settings.EMAIL_BACKEND = "blason.core.email.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session, driven by Playwright (Debian's binary, no download)."""
    if not CHROMIUM_PATH:
        pytest.skip("Chromium is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()

"""Home, footer pages, dashboard and the two themes."""

import pytest
from django.urls import reverse

from blason.organisations.enums import Role
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_home_with_the_dsfr_theme(client, settings):
    settings.BLASON_THEME = "dsfr"
    settings.BLASON_SITE_NAME = "Badges de l’apprentissage PACA"
    html = client.get(reverse("core:home")).content.decode()
    assert "dsfr/dist/dsfr/dsfr.min.css" in html
    assert "dsfr.module.min.js" in html
    assert '<p class="fr-logo">République<br>Française</p>' in html  # the Marianne block
    assert "neutral.css" not in html
    assert "Badges de l’apprentissage PACA" in html


def test_home_with_the_neutral_theme(client, settings):
    settings.BLASON_THEME = "neutral"
    settings.BLASON_SITE_NAME = "Label CFA numérique normand"
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "neutral/neutral.css" in html
    assert "/static/dsfr/" not in html  # no DSFR asset at all
    assert "République" not in html
    assert "Label CFA numérique normand" in html


@pytest.mark.parametrize("name", ["core:legal_notice", "core:accessibility", "core:personal_data"])
def test_footer_pages_are_public_and_linked(client, name):
    url = reverse(name)
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_health(client):
    assert client.get(reverse("core:health")).json() == {"status": "ok"}


def test_dashboard_lists_the_links_of_each_role(client):
    membership = MembershipFactory(role=Role.CFA_MANAGER)
    client.force_login(membership.user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("organisations:detail", args=[membership.organisation.public_id]) in html
    assert reverse("organisations:learners", args=[membership.organisation.public_id]) in html


def test_dashboard_requires_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_development_server_serves_public_media_without_a_login(settings):
    """In DEBUG, badge images and logos under MEDIA_URL are public (LoginRequiredMiddleware must let them through)."""
    import importlib

    import config.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(config.urls)
        (media,) = [p for p in urls.urlpatterns if "media" in str(p.pattern)]
        assert getattr(media.callback, "login_required", True) is False
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)

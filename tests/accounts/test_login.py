"""Login, rate limit, email verification, password reset and mandatory TOTP for staff roles."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from blason.accounts.models import User
from blason.accounts.services import current_totp_code
from blason.core.enums import OutgoingEmailStatus
from blason.core.models import OutgoingEmail
from blason.organisations.enums import Role
from tests.accounts.factories import PASSWORD, TOTP_SECRET, UserFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/compte/login/"


def login(client, email, password=PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def test_login_page_renders_in_blason_layout_in_french(client):
    response = client.get(LOGIN_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Se connecter" in html
    assert 'class="fr-input' in html
    assert 'id="pied-de-page"' in html  # our footer: the page uses base.html
    assert "Mot de passe oublié" in html


def test_login_with_good_password_opens_the_dashboard(client):
    user = UserFactory()
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_login_with_wrong_password_is_refused_in_french(client):
    user = UserFactory()
    response = login(client, user.email, "mauvais-mot-de-passe")
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited_after_five_failures(client):
    user = UserFactory()
    for _ in range(5):
        login(client, user.email, "mauvais-mot-de-passe")
    # Even the right password is refused while the limit holds.
    response = login(client, user.email)
    assert response.status_code == 200
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unverified_email_gets_a_verification_email_not_a_session(
    client, smtp_server, django_capture_on_commit_callbacks
):
    user = UserFactory(unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, user.email)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(response.url).status_code == 200
    (sent,) = smtp_server.messages_to(user.email)
    body = sent["message"].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", body).group(0)
    path = link.split("testserver", 1)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(path)
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified


def test_password_reset_email_goes_through_the_outbox_to_smtp(client, smtp_server, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.SENT
    (sent,) = smtp_server.messages_to(user.email)
    body = sent["message"].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/compte/password/reset/key/\S+/", body).group(0)
    path = link.split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "un-nouveau-mot-de-passe-solide"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.parametrize("role", [Role.ISSUER_ADMIN, Role.COORDINATOR, Role.EXPERT])
def test_staff_without_totp_is_forced_to_set_it_up(client, role):
    membership = MembershipFactory(role=role, expert=role == Role.EXPERT)
    response = login(client, membership.user.email)
    assert response.status_code == 302
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard.status_code == 302
    assert dashboard.url.startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password again before any two-factor change, then shows the QR code.
    reauth = client.get(dashboard.url)
    assert reauth.status_code == 302
    assert reauth.url.startswith(reverse("account_reauthenticate"))
    page = client.post(reauth.url, {"password": PASSWORD}, follow=True)
    assert page.status_code == 200
    assert 'class="blason-qr' in page.content.decode()


def test_staff_can_activate_totp_then_reach_the_dashboard(client):
    membership = MembershipFactory(role=Role.COORDINATOR)
    login(client, membership.user.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=membership.user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_cfa_manager_is_not_forced_to_use_totp(client):
    membership = MembershipFactory(role=Role.CFA_MANAGER)
    login(client, membership.user.email)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_staff_with_totp_is_asked_for_the_code_at_login(client):
    membership = MembershipFactory(role=Role.ISSUER_ADMIN, user=UserFactory(with_totp=True))
    response = login(client, membership.user.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "Authentification à deux facteurs" in page.content.decode()
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert done.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"), {"email": "intrus@exemple.fr", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "Inscriptions fermées" in response.content.decode()
    assert not User.objects.filter(email="intrus@exemple.fr").exists()


@pytest.mark.parametrize("name", ["account_change_password", "account_email", "mfa_index"])
def test_account_pages_render_in_blason_layout(client, name):
    client.force_login(UserFactory(with_totp=True))
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "blason-account-nav" in html
    assert 'id="pied-de-page"' in html


def test_superuser_without_totp_is_forced_to_set_it_up(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_staff_without_totp_can_still_sign_out(client):
    membership = MembershipFactory(role=Role.COORDINATOR)
    client.force_login(membership.user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

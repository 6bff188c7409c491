"""The admin: emails and every event table are visible, events cannot be changed there."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from blason.core.enums import OutgoingEmailStatus
from blason.core.models import BaseEvent, OutgoingEmail
from blason.organisations.enums import OrganisationEventKind
from blason.organisations.models import OrganisationEvent
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, with_totp=True))
    return client


def event_models():
    return [m for m in apps.get_models() if issubclass(m, BaseEvent)]


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_outgoing_emails_are_listed_and_read_only(admin_client):
    email = OutgoingEmail.objects.create(from_email="a@b.fr", to=["x@exemple.fr"], subject="Bonjour", body_text="…")
    response = admin_client.get(reverse("admin:core_outgoingemail_changelist"))
    assert response.status_code == 200
    assert "Bonjour" in response.content.decode()
    detail = admin_client.get(reverse("admin:core_outgoingemail_change", args=[email.pk]))
    assert detail.status_code == 200
    assert 'name="subject"' not in detail.content.decode()


def test_retry_now_action_requeues_a_failed_email(admin_client, django_capture_on_commit_callbacks):
    email = OutgoingEmail.objects.create(
        from_email="a@b.fr", to=["x@exemple.fr"], subject="Bonjour", body_text="…", status=OutgoingEmailStatus.FAILED
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:core_outgoingemail_changelist"), {"action": "retry_now", "_selected_action": [email.pk]}
        )
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT  # tests deliver through the locmem backend


@pytest.mark.parametrize("model", event_models(), ids=lambda m: m._meta.label)
def test_every_event_table_has_a_read_only_admin(admin_client, model):
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(None)
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_organisation_event_is_shown_in_admin(admin_client):
    organisation = OrganisationFactory()
    event = OrganisationEvent.objects.create(organisation=organisation, kind=OrganisationEventKind.UPDATED)
    response = admin_client.get(reverse("admin:organisations_organisationevent_change", args=[event.pk]))
    assert response.status_code == 200

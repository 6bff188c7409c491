"""The email outbox: stored in the database, delivered to a real SMTP server, retried when it is down."""

import socket
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from blason.core import services
from blason.core.enums import OutgoingEmailStatus
from blason.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once the socket is closed


def send(to="apprenti@exemple.fr"):
    message = EmailMultiAlternatives(subject="Votre badge", body="Bonjour,\nvotre badge est prêt.", to=[to])
    message.attach_alternative("<p>Bonjour, votre badge est <strong>prêt</strong>.</p>", "text/html")
    message.send()


def test_outbox_delivers_to_the_local_smtp_server(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send()
    outgoing = OutgoingEmail.objects.get()
    assert outgoing.status == OutgoingEmailStatus.SENT
    assert outgoing.attempts == 1
    assert outgoing.sent_at is not None
    (received,) = smtp_server.messages_to("apprenti@exemple.fr")
    message = received["message"]
    assert message["Subject"] == "Votre badge"
    assert message["X-Blason-Message-Id"] == str(outgoing.public_id)
    assert "prêt" in message.get_body(preferencelist=("plain",)).get_content()
    assert "<strong>prêt</strong>" in message.get_body(preferencelist=("html",)).get_content()


def test_nothing_is_stored_or_sent_when_the_transaction_rolls_back(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send()
            raise RuntimeError("the business operation failed")
    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    assert smtp_server.messages == []


def test_outbox_retries_when_the_smtp_server_is_down(smtp_server, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_PORT = closed_port()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        send()
    outgoing = OutgoingEmail.objects.get()
    assert outgoing.status == OutgoingEmailStatus.PENDING
    assert outgoing.attempts == 1
    assert "ConnectionRefusedError" in outgoing.last_error
    assert before + timedelta(seconds=55) <= outgoing.next_attempt_at <= timezone.now() + timedelta(seconds=65)
    assert smtp_server.messages == []

    # Not due yet: the worker's sweep leaves it alone.
    assert services.deliver_due_emails() == 0

    # A second failure doubles the delay.
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert services.deliver_due_emails() == 1
    outgoing.refresh_from_db()
    assert outgoing.attempts == 2
    assert outgoing.next_attempt_at >= timezone.now() + timedelta(seconds=115)

    # The server is back and the retry time has come.
    settings.EMAIL_PORT = smtp_server.port
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("deliver_due_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmailStatus.SENT
    assert outgoing.attempts == 3
    assert outgoing.last_error == ""
    assert len(smtp_server.messages_to("apprenti@exemple.fr")) == 1


def test_outbox_gives_up_after_the_maximum_attempts(smtp_server, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_PORT = closed_port()
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        send()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    services.deliver_due_emails()
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.status, outgoing.attempts) == (OutgoingEmailStatus.FAILED, 2)
    # An abandoned email is never tried again by the sweep, and delivering it directly is a no-op.
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert services.deliver_due_emails() == 0
    assert services.deliver_outgoing_email(outgoing.pk) is None


def test_a_sent_email_is_not_sent_twice(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send()
    outgoing = OutgoingEmail.objects.get()
    assert services.deliver_outgoing_email(outgoing.pk) is None
    assert len(smtp_server.messages) == 1

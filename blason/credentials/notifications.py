"""Emails about credentials: one function per email, sent through the outbox."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from blason.credentials.models import Credential


def _render(name: str, context: dict) -> tuple[str, str, str]:
    base = f"credentials/emails/{name}"
    subject = " ".join(render_to_string(f"{base}/subject.txt", context).split())
    return subject, render_to_string(f"{base}/body.txt", context), render_to_string(f"{base}/body.html", context)


def _context(credential: Credential) -> dict:
    base_url = settings.BLASON_PUBLIC_URL
    return {
        "credential": credential,
        "url": base_url + reverse("credentials:detail", args=[credential.public_id]),
        "verify_url": base_url + reverse("credentials:verify"),
        "site_name": settings.BLASON_SITE_NAME,
    }


def _message(credential: Credential, name: str) -> EmailMultiAlternatives:
    subject, text, html = _render(name, _context(credential))
    message = EmailMultiAlternatives(subject=subject, body=text, to=[credential.recipient_email])
    message.attach_alternative(html, "text/html")
    return message


def _send(credential: Credential, name: str) -> EmailMultiAlternatives:
    message = _message(credential, name)
    message.send()
    return message


def _get(credential_id: int) -> Credential:
    return Credential.objects.select_related(
        "badge_version", "issuer", "recipient_organisation", "recipient_learner"
    ).get(pk=credential_id)


def send_credential_issued(*, credential_id: int) -> EmailMultiAlternatives:
    return _send(_get(credential_id), "credential_issued")


def send_credentials_issued(credentials: list[Credential]) -> list[EmailMultiAlternatives]:
    """One email per credential of a batch (a cohort award), sent through one outbox connection."""
    from django.core.mail import get_connection

    messages = [_message(credential, "credential_issued") for credential in credentials]
    get_connection().send_messages(messages)
    return messages


def send_credential_revoked(*, credential_id: int) -> EmailMultiAlternatives:
    return _send(_get(credential_id), "credential_revoked")

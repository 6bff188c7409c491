"""Shared state changes of the core app: delivering the email outbox."""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from blason.core.constants import OUTBOX_FIRST_RETRY_DELAY, OUTBOX_MAX_RETRY_DELAY
from blason.core.email import build_message
from blason.core.enums import OutgoingEmailStatus
from blason.core.models import OutgoingEmail

logger = logging.getLogger(__name__)


def deliver_outgoing_email(outgoing_email_id: int) -> OutgoingEmailStatus | None:
    """Deliver one stored email through OUTBOX_DELIVERY_BACKEND.

    Idempotent: an email already sent or abandoned is left alone and None is returned. On
    failure, `attempts` grows, `next_attempt_at` moves back exponentially and the error is kept;
    after OUTBOX_MAX_ATTEMPTS the email is marked failed. Network I/O happens outside any
    transaction; the row is locked only to claim it and to record the result.
    """
    with transaction.atomic():
        outgoing = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=outgoing_email_id, status=OutgoingEmailStatus.PENDING)
            .first()
        )
        if outgoing is None:
            return None
        outgoing.attempts += 1
        outgoing.save(update_fields=["attempts", "updated_at"])
    try:
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([build_message(outgoing)])
    except Exception as exc:  # any transport error is retried; the message is kept in the row
        logger.warning("Outgoing email %s failed (attempt %s): %s", outgoing.pk, outgoing.attempts, exc)
        delay = min(OUTBOX_FIRST_RETRY_DELAY * (2 ** (outgoing.attempts - 1)), OUTBOX_MAX_RETRY_DELAY)
        status = (
            OutgoingEmailStatus.FAILED
            if outgoing.attempts >= settings.OUTBOX_MAX_ATTEMPTS
            else OutgoingEmailStatus.PENDING
        )
        OutgoingEmail.objects.filter(pk=outgoing.pk).update(
            status=status,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + delay,
            updated_at=timezone.now(),
        )
        return status
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=OutgoingEmailStatus.SENT, sent_at=timezone.now(), last_error="", updated_at=timezone.now()
    )
    return OutgoingEmailStatus.SENT


def deliver_due_emails(*, limit: int = 500) -> int:
    """Try every pending email whose retry time has come; return how many were tried."""
    ids = list(OutgoingEmail.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for pk in ids:
        deliver_outgoing_email(pk)
    return len(ids)

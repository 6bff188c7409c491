"""Email outbox (after les-emplois): the EMAIL_BACKEND stores messages, the worker delivers them.

`OutboxEmailBackend.send_messages` writes one OutgoingEmail row per message and, once the
surrounding transaction commits, enqueues `tasks.deliver_outgoing_email`. A rolled-back
transaction therefore sends nothing, and a failed delivery is retried with backoff.
"""

from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from blason.core.models import OutgoingEmail


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            with transaction.atomic():
                outgoing = OutgoingEmail.objects.create(
                    from_email=message.from_email,
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    reply_to=list(message.reply_to),
                    subject=message.subject,
                    body_text=message.body,
                    body_html=html,
                    headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
                )
                transaction.on_commit(partial(_enqueue_delivery, outgoing.pk))
            count += 1
        return count


def _enqueue_delivery(outgoing_email_id: int) -> None:
    from blason.core import tasks

    tasks.deliver_outgoing_email.enqueue(outgoing_email_id)


def build_message(outgoing: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body_text,
        from_email=outgoing.from_email,
        to=outgoing.to,
        cc=outgoing.cc,
        bcc=outgoing.bcc,
        reply_to=outgoing.reply_to,
        headers={**outgoing.headers, "X-Blason-Message-Id": str(outgoing.public_id)},
    )
    if outgoing.body_html:
        message.attach_alternative(outgoing.body_html, "text/html")
    return message

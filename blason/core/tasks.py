"""Background tasks of the core app (django-tasks, database backend)."""

from django_tasks import task

from blason.core import services
from blason.core.enums import OutgoingEmailStatus
from blason.core.models import OutgoingEmail


@task(queue_name="emails")
def deliver_outgoing_email(outgoing_email_id: int) -> str | None:
    """Deliver one outbox email; after a failure, schedule the retry at its `next_attempt_at`."""
    status = services.deliver_outgoing_email(outgoing_email_id)
    if status == OutgoingEmailStatus.PENDING:
        retry_at = OutgoingEmail.objects.values_list("next_attempt_at", flat=True).get(pk=outgoing_email_id)
        if deliver_outgoing_email.get_backend().supports_defer:
            deliver_outgoing_email.using(run_after=retry_at).enqueue(outgoing_email_id)
    return str(status) if status else None


@task(queue_name="emails")
def deliver_due_emails() -> int:
    return services.deliver_due_emails()

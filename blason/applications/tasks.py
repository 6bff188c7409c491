"""Background tasks of the applications app."""

from django_tasks import task

from blason.applications import services


@task()
def send_overdue_reminders() -> int:
    """Remind reviewers whose reviews are overdue; meant to run daily (see the management command)."""
    return services.send_overdue_reminders()


@task()
def remind_review(assignment_id: int) -> bool:
    """At a review's due date: remind the reviewer if it is still missing, then every REMINDER_INTERVAL."""
    check_again_at = services.remind_if_overdue(assignment_id)
    if check_again_at is not None and remind_review.get_backend().supports_defer:
        remind_review.using(run_after=check_again_at).enqueue(assignment_id)
    return check_again_at is not None

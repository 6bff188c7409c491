"""Background tasks of the applications app."""

from django_tasks import task

from blason.applications import services


@task()
def send_overdue_reminders() -> int:
    """Remind reviewers whose reviews are overdue; meant to run daily (see the management command)."""
    return services.send_overdue_reminders()

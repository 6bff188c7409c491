from django_tasks import task

from blason.credentials import services


@task(queue_name="credentials")
def issue_for_awarded_applications() -> int:
    """Issue the credentials of awarded applications that have none yet (idempotent)."""
    return len(services.issue_for_awarded_applications())

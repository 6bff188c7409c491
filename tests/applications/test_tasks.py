"""Reminders without cron: assigning a reviewer queues a check at the due date (database task back-end)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from blason.applications import tasks
from blason.applications.enums import ApplicationEventKind
from tests.applications.helpers import under_review, vote

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "emails", "credentials"]}}


def _scheduled_reminders():
    return DBTaskResult.objects.filter(task_path="blason.applications.tasks.remind_review")


def test_assigning_reviewers_schedules_a_reminder_at_each_due_date(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        application = under_review(world)
    due = {a.pk: a.due_at for a in application.assignments.all()}
    scheduled = {row.args_kwargs["args"][0]: row.run_after for row in _scheduled_reminders()}
    assert scheduled == due


def test_the_reminder_task_reminds_an_overdue_reviewer_and_checks_again_later(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    application = under_review(world)
    late, done = application.assignments.order_by("pk")
    vote(application, done.reviewer, "met")
    application.assignments.update(due_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_review.call(late.pk) is True
        assert tasks.remind_review.call(done.pk) is False  # already reviewed: nothing to remind
    assert [m.to for m in mailoutbox] == [[late.reviewer.email]]
    assert application.events.filter(kind=ApplicationEventKind.REMINDER_SENT).count() == 1
    (again,) = _scheduled_reminders()
    assert again.args_kwargs["args"] == [late.pk]
    assert again.run_after > timezone.now() + timedelta(days=2)

    # Run again at once (a duplicate): no second email inside the reminder interval.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_review.call(late.pk)
    assert len(mailoutbox) == 1

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from blason.applications.models import BadgeApplication
from tests.applications.helpers import under_review


@pytest.mark.django_db
def test_remind_overdue_reviews_command(world, mailoutbox, django_capture_on_commit_callbacks):
    application = under_review(world)
    application.assignments.update(due_at=timezone.now() - timedelta(days=2))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_overdue_reviews", stdout=out)
    assert "2 relance(s) envoyée(s)." in out.getvalue()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.email for e in world.experts[:2])


@pytest.mark.django_db
def test_publishable_evidence_needs_the_applicant_consent(world):
    from blason.applications import services
    from tests.applications.factories import BadgeApplicationFactory

    application = BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa)
    first, second = list(application.applicable_criteria())[:2]
    services.save_draft(application, statements={first.pk: ("a", True), second.pk: ("b", False)}, by=world.manager)
    public = services.add_evidence(application, criterion=first, by=world.manager, url="https://exemple.fr/a")
    services.add_evidence(application, criterion=second, by=world.manager, url="https://exemple.fr/b")
    assert list(BadgeApplication.objects.get(pk=application.pk).publishable_evidence()) == [public]

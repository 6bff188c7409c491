"""Two reviewers voting at the same moment: both votes count and the quorum is reached once.

Real threads with their own database connections; meaningful on PostgreSQL (row locks). On
SQLite the database serialises writers itself, so the test still passes there.
"""

import threading

import pytest
from django.db import connection, connections

from blason.applications import services
from blason.applications.enums import ApplicationEventKind, ApplicationStatus, Verdict
from blason.applications.models import Review
from tests.applications.helpers import under_review, vote


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_both_count(world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks nor concurrent writers; CI runs this on PostgreSQL")
    application = under_review(world)
    barrier = threading.Barrier(2)
    errors = []

    def cast(reviewer):
        try:
            barrier.wait(timeout=10)
            vote(application, reviewer, Verdict.MET)
        except Exception as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(expert,)) for expert in world.experts[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    application.refresh_from_db()
    assert Review.objects.filter(assignment__application=application).count() == 2
    assert application.status == ApplicationStatus.AWAITING_DECISION
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds.count(ApplicationEventKind.REVIEW_RECORDED) == 2
    assert kinds.count(ApplicationEventKind.QUORUM_REACHED) == 1
    assert services.proposal_for(application) == "award"


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_has_one_effect(world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks nor concurrent writers; CI runs this on PostgreSQL")
    from tests.applications.factories import BadgeApplicationFactory

    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    barrier = threading.Barrier(2)
    errors = []

    def submit():
        try:
            barrier.wait(timeout=10)
            services.submit_application(application, by=world.manager)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert list(application.events.values_list("kind", flat=True)) == [ApplicationEventKind.SUBMITTED]


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_award_has_one_effect(world):
    """A double click on "award" (two requests at once): one decision, one event, one awarded application."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks nor concurrent writers; CI runs this on PostgreSQL")
    from blason.applications.enums import DecisionOutcome
    from blason.applications.models import BadgeApplication, CommissionDecision
    from tests.applications.helpers import awaiting_decision

    application = awaiting_decision(world)
    barrier = threading.Barrier(2)
    errors = []

    def award():
        try:
            barrier.wait(timeout=10)
            services.record_decision(
                application, outcome=DecisionOutcome.AWARD, reason="Pratique exemplaire.", by=world.coordinator
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=award) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert CommissionDecision.objects.filter(application=application).count() == 1
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds.count(ApplicationEventKind.APPROVED) == 1
    assert list(BadgeApplication.objects.awarded()) == [application]

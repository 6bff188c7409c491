"""Workflow shortcuts for tests: drive an application to a given state through the services."""

from blason.applications import services
from blason.applications.enums import ReviewOpinion, Verdict
from tests.applications.factories import BadgeApplicationFactory


def submitted_application(world, **kwargs):
    application = BadgeApplicationFactory(
        badge_class=world.badge,
        applicant_organisation=world.cfa,
        created_by=world.manager,
        with_statements=True,
        **kwargs,
    )
    return services.submit_application(application, by=world.manager)


def under_review(world, reviewers=None):
    application = submitted_application(world)
    services.assign_reviewers(application, reviewers=reviewers or world.experts[:2], by=world.coordinator)
    application.refresh_from_db()
    return application


def vote(application, reviewer, verdicts, opinion=ReviewOpinion.FAVOURABLE):
    criteria = list(application.applicable_criteria())
    if isinstance(verdicts, str):
        verdicts = [verdicts] * len(criteria)
    return services.record_review(
        application,
        by=reviewer,
        votes={c.pk: (v, "") for c, v in zip(criteria, verdicts, strict=True)},
        opinion=opinion,
        comment="Dossier examiné.",
    )


def awaiting_decision(world, verdict=Verdict.MET):
    application = under_review(world)
    vote(application, world.experts[0], verdict)
    vote(application, world.experts[1], verdict)
    application.refresh_from_db()
    return application

"""Emails of the application workflow: one function per email, sent through the outbox.

Each function takes ids (it runs after commit), re-reads the rows and renders
`applications/emails/<name>/{subject.txt,body.txt,body.html}`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from blason.applications.models import BadgeApplication, ReviewAssignment
from blason.organisations.enums import Role
from blason.organisations.models import Membership


def _absolute(path: str) -> str:
    return f"{settings.BLASON_PUBLIC_URL}{path}"


def _send(name: str, to: list[str], context: dict) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {**context, "site_name": settings.BLASON_SITE_NAME}
    subject = " ".join(render_to_string(f"applications/emails/{name}/subject.txt", context).split())
    text = render_to_string(f"applications/emails/{name}/body.txt", context)
    html = render_to_string(f"applications/emails/{name}/body.html", context)
    for address in recipients:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
        message.attach_alternative(html, "text/html")
        message.send()


def _application(application_id: int) -> BadgeApplication:
    return BadgeApplication.objects.select_related(
        "badge_version__badge_class__issuer", "applicant_organisation", "applicant_learner__user", "created_by"
    ).get(pk=application_id)


def applicant_emails(application: BadgeApplication) -> list[str]:
    """The learner, or the person who opened the application and the CFA's managers."""
    if application.applicant_learner_id:
        learner = application.applicant_learner
        return [learner.user.email if learner.user_id else learner.email]
    managers = Membership.objects.filter(
        organisation_id=application.applicant_organisation_id, role=Role.CFA_MANAGER, is_active=True
    ).values_list("user__email", flat=True)
    return [application.created_by.email, *managers]


def coordinator_emails(application: BadgeApplication) -> list[str]:
    issuer_id = application.badge_version.badge_class.issuer_id
    members = Membership.objects.filter(organisation_id=issuer_id, is_active=True)
    emails = list(members.filter(role=Role.COORDINATOR).values_list("user__email", flat=True))
    return emails or list(members.filter(role=Role.ISSUER_ADMIN).values_list("user__email", flat=True))


def _context(application: BadgeApplication) -> dict:
    return {
        "application": application,
        "badge_name": application.badge_version.name,
        "issuer_name": application.badge_version.badge_class.issuer.name,
        "applicant_name": application.applicant_name,
        "url": _absolute(reverse("applications:detail", args=[application.public_id])),
    }


def send_application_submitted(*, application_id: int, resubmitted: bool = False) -> None:
    """To the reviewing side (coordinators, or the learner's trainer) and an acknowledgement to the applicant."""
    application = _application(application_id)
    context = {**_context(application), "resubmitted": resubmitted}
    if application.applicant_learner_id and application.applicant_learner.trainer_id:
        staff = [application.applicant_learner.trainer.email]
    else:
        staff = coordinator_emails(application)
    _send("submitted", staff, {**context, "for_applicant": False})
    _send("submitted", applicant_emails(application), {**context, "for_applicant": True})


def send_reviewer_assigned(*, assignment_id: int) -> None:
    assignment = ReviewAssignment.objects.select_related("reviewer").get(pk=assignment_id)
    application = _application(assignment.application_id)
    context = {
        **_context(application),
        "due_at": assignment.due_at,
        "review_url": _absolute(reverse("applications:review", args=[application.public_id])),
    }
    _send("assigned", [assignment.reviewer.email], context)


def send_changes_requested(*, application_id: int) -> None:
    application = _application(application_id)
    _send("changes_requested", applicant_emails(application), _context(application))


def send_decision(*, application_id: int) -> None:
    application = _application(application_id)
    _send("decided", applicant_emails(application), _context(application))


def send_quorum_reached(*, application_id: int) -> None:
    application = _application(application_id)
    context = {
        **_context(application),
        "board_url": _absolute(reverse("applications:instruct", args=[application.public_id])),
    }
    _send("quorum_reached", coordinator_emails(application), context)


def send_review_reminder(*, assignment_id: int) -> None:
    assignment = ReviewAssignment.objects.select_related("reviewer").get(pk=assignment_id)
    application = _application(assignment.application_id)
    context = {
        **_context(application),
        "due_at": assignment.due_at,
        "review_url": _absolute(reverse("applications:review", args=[application.public_id])),
    }
    _send("reminder", [assignment.reviewer.email], context)

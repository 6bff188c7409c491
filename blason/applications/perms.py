"""Who may see or act on badge applications. Every denial is a 404, so ids cannot be probed."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from blason.applications.models import BadgeApplication, Evidence, ReviewAssignment
from blason.organisations.enums import Role
from blason.organisations.models import Learner, Membership, Organisation
from blason.organisations.perms import has_role, is_platform_admin

ISSUER_STAFF_ROLES = (Role.COORDINATOR, Role.ISSUER_ADMIN)
_RELATED = ("badge_version__badge_class__issuer", "applicant_organisation", "applicant_learner", "created_by")


def _get(queryset, public_id) -> BadgeApplication:
    try:
        return queryset.select_related(*_RELATED).get(public_id=public_id)
    except (BadgeApplication.DoesNotExist, ValueError, ValidationError):
        # A malformed id (the ORM raises ValidationError for a bad uuid) is a 404 like a missing one.
        raise Http404 from None


def is_applicant(user, application: BadgeApplication) -> bool:
    # A CFA application: the CFA's managers.
    if application.applicant_organisation_id:
        return has_role(user, application.applicant_organisation, Role.CFA_MANAGER)
    # A learner application: the learner's own account.
    return application.applicant_learner.user_id == user.pk


def is_issuer_staff(user, application: BadgeApplication) -> bool:
    return has_role(user, application.badge_version.badge_class.issuer, *ISSUER_STAFF_ROLES)


def is_active_reviewer(user, application: BadgeApplication) -> bool:
    # Assigned, not withdrawn, no conflict declared ...
    if not ReviewAssignment.objects.active().filter(application=application, reviewer=user).exists():
        return False
    # ... and not linked to the applicant CFA (a membership added after the assignment counts too).
    return not Membership.objects.filter(
        user=user, organisation_id=application.training_centre_id, is_active=True
    ).exists()


def is_trainer(user, application: BadgeApplication) -> bool:
    return application.applicant_learner_id is not None and application.applicant_learner.trainer_id == user.pk


def can_view(user, application: BadgeApplication) -> bool:
    return (
        is_platform_admin(user)
        or is_applicant(user, application)
        or is_issuer_staff(user, application)
        or is_active_reviewer(user, application)
        or is_trainer(user, application)
    )


def can_apply(user) -> bool:
    """CFA managers (organisation badges) and learners with a learner record (personal badges)."""
    return user.is_authenticated and (
        user.memberships.filter(is_active=True, role=Role.CFA_MANAGER).exists()
        or Learner.objects.filter(user=user).exists()
    )


def can_review(user) -> bool:
    """Commission experts, trainers (by role or as a learner's trainer), anyone holding a review assignment."""
    return user.is_authenticated and (
        user.memberships.filter(is_active=True, role__in=(Role.EXPERT, Role.TRAINER)).exists()
        or ReviewAssignment.objects.filter(reviewer=user).exists()
        or Learner.objects.filter(trainer=user).exists()
    )


def check_applicant(user) -> None:
    if not can_apply(user):
        raise Http404


def check_reviewer(user) -> None:
    if not can_review(user):
        raise Http404


def get_application_for_viewer(user, public_id: UUID) -> BadgeApplication:
    """The application if `user` is on the applicant side, an active reviewer, its trainer or issuer staff."""
    application = _get(BadgeApplication.objects.all(), public_id)
    if not can_view(user, application):
        raise Http404
    return application


def get_application_for_applicant(user, public_id: UUID) -> BadgeApplication:
    """The application if `user` files it (CFA manager of the applicant CFA, or the learner)."""
    application = _get(BadgeApplication.objects.all(), public_id)
    if not is_applicant(user, application):
        raise Http404
    return application


def get_application_for_reviewer(user, public_id: UUID) -> BadgeApplication:
    """The application if `user` is one of its active, non-conflicted reviewers."""
    application = _get(BadgeApplication.objects.all(), public_id)
    if not is_active_reviewer(user, application):
        raise Http404
    return application


def get_application_for_coordinator(user, public_id: UUID) -> BadgeApplication:
    """The application if `user` coordinates (or administers) the badge's issuer."""
    application = _get(BadgeApplication.objects.all(), public_id)
    if not (is_platform_admin(user) or is_issuer_staff(user, application)):
        raise Http404
    return application


def get_application_for_trainer(user, public_id: UUID) -> BadgeApplication:
    """The learner application if `user` is the learner's trainer."""
    application = _get(BadgeApplication.objects.all(), public_id)
    if not is_trainer(user, application):
        raise Http404
    return application


def get_issuer_for_coordinator(user, public_id: UUID) -> Organisation:
    """The issuer if `user` is one of its coordinators or admins (or a platform admin)."""
    try:
        issuer = Organisation.objects.issuers().get(public_id=public_id)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None
    if not (is_platform_admin(user) or has_role(user, issuer, *ISSUER_STAFF_ROLES)):
        raise Http404
    return issuer


def get_evidence_for_viewer(user, public_id: UUID) -> Evidence:
    """A piece of evidence, for the applicant, the active reviewers, the trainer and the issuer's staff.

    Anyone else — another CFA's learner, an expert with a conflict — gets a 404.
    """
    try:
        evidence = Evidence.objects.select_related(*(f"application__{r}" for r in _RELATED)).get(public_id=public_id)
    except (Evidence.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_view(user, evidence.application):
        raise Http404
    return evidence

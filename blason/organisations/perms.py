"""Who may see or change organisations and learners. Every denial is a 404 (ids cannot be probed)."""

from uuid import UUID

from django.db.models import Q
from django.http import Http404

from blason.organisations.enums import Role
from blason.organisations.models import Learner, Organisation

# Roles that may edit the organisation they belong to.
ORGANISATION_EDITOR_ROLES = {
    "training_centre": {Role.CFA_MANAGER},
    "issuer": {Role.ISSUER_ADMIN},
}
# Roles that may see the learners of a training centre.
LEARNER_VIEWER_ROLES = {Role.CFA_MANAGER, Role.TRAINER}


def has_role(user, organisation, *roles) -> bool:
    if not user.is_authenticated:
        return False
    return user.memberships.filter(is_active=True, organisation=organisation, role__in=roles).exists()


def is_platform_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.memberships.filter(is_active=True, role=Role.PLATFORM_ADMIN).exists()
    )


def can_edit_organisation(user, organisation) -> bool:
    # Platform admins edit every organisation.
    if is_platform_admin(user):
        return True
    # Otherwise the editor roles of the organisation's kind, in that organisation only.
    return has_role(user, organisation, *ORGANISATION_EDITOR_ROLES[organisation.kind])


def get_organisation_for_member(user, public_id: UUID) -> Organisation:
    """Return the organisation if `user` holds an active role in it (or is a platform admin).

    Raises Http404 when it does not exist and when the user has no role in it.
    """
    try:
        organisation = Organisation.objects.get(public_id=public_id)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None
    if is_platform_admin(user):
        return organisation
    if not user.memberships.filter(is_active=True, organisation=organisation).exists():
        raise Http404
    return organisation


def get_organisation_for_editor(user, public_id: UUID) -> Organisation:
    """Return the organisation if `user` may edit it; Http404 otherwise."""
    organisation = get_organisation_for_member(user, public_id)
    if not can_edit_organisation(user, organisation):
        raise Http404
    return organisation


def get_training_centre_for_learner_viewer(user, public_id: UUID) -> Organisation:
    """Return the training centre if `user` may list its learners (CFA manager or trainer there)."""
    organisation = get_organisation_for_member(user, public_id)
    if not organisation.is_training_centre:
        raise Http404
    if not (is_platform_admin(user) or has_role(user, organisation, *LEARNER_VIEWER_ROLES)):
        raise Http404
    return organisation


def visible_learners(user):
    """The learners `user` may see: their own record, their trainees, and their CFAs' learners."""
    if is_platform_admin(user):
        return Learner.objects.all()
    centre_ids = user.memberships.filter(is_active=True, role__in=LEARNER_VIEWER_ROLES).values("organisation_id")
    return Learner.objects.filter(Q(training_centre_id__in=centre_ids) | Q(user=user) | Q(trainer=user))


def get_learner_for_viewer(user, public_id: UUID) -> Learner:
    """Return the learner if `user` may see them; another CFA's learner is a 404."""
    try:
        return visible_learners(user).select_related("training_centre", "cohort").get(public_id=public_id)
    except (Learner.DoesNotExist, ValueError):
        raise Http404 from None

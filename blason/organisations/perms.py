"""Who may see or change organisations and learners. Every denial is a 404 (ids cannot be probed)."""

from uuid import UUID

from django.db.models import Q
from django.http import Http404

from blason.organisations.enums import MEMBER_MANAGER_ROLES, Role
from blason.organisations.models import Cohort, Learner, Membership, Organisation

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


def can_manage_members(user, organisation) -> bool:
    return is_platform_admin(user) or has_role(user, organisation, *MEMBER_MANAGER_ROLES[organisation.kind])


def get_organisation_for_member_manager(user, public_id: UUID) -> Organisation:
    """Return the organisation if `user` manages its members (issuer admin of an issuer, CFA
    manager of a CFA, or platform admin); Http404 otherwise."""
    organisation = get_organisation_for_member(user, public_id)
    if not can_manage_members(user, organisation):
        raise Http404
    return organisation


def get_membership_for_manager(user, organisation_public_id: UUID, membership_id: UUID) -> Membership:
    """Return an active membership of an organisation whose members `user` manages; Http404 otherwise."""
    organisation = get_organisation_for_member_manager(user, organisation_public_id)
    try:
        return organisation.memberships.select_related("user").get(public_id=membership_id, is_active=True)
    except Membership.DoesNotExist:
        raise Http404 from None


def can_manage_learners(user, organisation) -> bool:
    return organisation.is_training_centre and (
        is_platform_admin(user) or has_role(user, organisation, Role.CFA_MANAGER)
    )


def get_training_centre_for_manager(user, public_id: UUID) -> Organisation:
    """Return the CFA if `user` manages its learners and cohorts (its CFA manager, or a platform
    admin); Http404 otherwise."""
    organisation = get_organisation_for_member(user, public_id)
    if not can_manage_learners(user, organisation):
        raise Http404
    return organisation


def get_learner_for_manager(user, public_id: UUID) -> Learner:
    """Return the learner if `user` manages its CFA; another CFA's learner is a 404."""
    learner = get_learner_for_viewer(user, public_id)
    if not can_manage_learners(user, learner.training_centre):
        raise Http404
    return learner


def get_cohort_for_manager(user, public_id: UUID) -> Cohort:
    """Return the cohort if `user` manages its CFA; Http404 otherwise."""
    try:
        cohort = Cohort.objects.select_related("training_centre").get(public_id=public_id)
    except (Cohort.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_learners(user, cohort.training_centre):
        raise Http404
    return cohort

"""Who may manage badge classes, programmes and proposals. Every denial is a 404 (ids cannot be probed)."""

from uuid import UUID

from django.http import Http404

from blason.badges.enums import BadgeClassStatus, RecipientKind, ReviewMode
from blason.badges.models import BadgeClass, BadgeProposal, Programme
from blason.organisations.enums import Role
from blason.organisations.models import Learner, Organisation
from blason.organisations.perms import has_role, is_platform_admin


def can_manage_issuer(user, organisation) -> bool:
    # Only issuers have badges.
    if not organisation.is_issuer:
        return False
    # Platform admins manage every issuer's catalogue.
    if is_platform_admin(user):
        return True
    # Otherwise the issuer's own admins only.
    return has_role(user, organisation, Role.ISSUER_ADMIN)


def get_issuer_for_admin(user, public_id: UUID) -> Organisation:
    """Return the issuer if `user` administers its badges; Http404 otherwise."""
    try:
        organisation = Organisation.objects.get(public_id=public_id)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer(user, organisation):
        raise Http404
    return organisation


def get_badge_class_for_admin(user, public_id: UUID) -> BadgeClass:
    """Return the badge class if `user` administers its issuer; Http404 otherwise."""
    try:
        badge_class = BadgeClass.objects.select_related("issuer", "current_version").get(public_id=public_id)
    except (BadgeClass.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer(user, badge_class.issuer):
        raise Http404
    return badge_class


def get_programme_for_admin(user, public_id: UUID) -> Programme:
    try:
        programme = Programme.objects.select_related("issuer").get(public_id=public_id)
    except (Programme.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer(user, programme.issuer):
        raise Http404
    return programme


def get_proposal_for_admin(user, public_id: UUID) -> BadgeProposal:
    """Return the proposal if `user` administers the issuer of its programme; Http404 otherwise."""
    try:
        proposal = BadgeProposal.objects.select_related("programme__issuer", "training_centre", "proposed_by").get(
            public_id=public_id
        )
    except (BadgeProposal.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer(user, proposal.programme.issuer):
        raise Http404
    return proposal


def get_public_badge_class(public_id: UUID) -> BadgeClass:
    """A published badge class, for anyone (drafts and archived classes are a 404)."""
    try:
        return BadgeClass.objects.select_related("issuer", "current_version").get(
            public_id=public_id, status=BadgeClassStatus.PUBLISHED
        )
    except (BadgeClass.DoesNotExist, ValueError):
        raise Http404 from None


def get_public_programme(public_id: UUID) -> Programme:
    try:
        return Programme.objects.select_related("issuer", "label_badge_class__current_version").get(
            public_id=public_id, status=BadgeClassStatus.PUBLISHED
        )
    except (Programme.DoesNotExist, ValueError):
        raise Http404 from None


def managed_training_centres(user):
    """The training centres where `user` is CFA manager (to propose badges and follow progress)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.training_centres().where_user_has_role(user, Role.CFA_MANAGER)


def can_apply_for(user, badge_class: BadgeClass) -> bool:
    """Whether the user may ask for this published class: to offer the button (applications checks again)."""
    version = badge_class.current_version
    if not user.is_authenticated or not badge_class.is_published or version is None:
        return False
    if version.review_mode == ReviewMode.DIRECT_AWARD:
        return False
    if version.recipient_kind == RecipientKind.ORGANISATION:
        centres = Organisation.objects.training_centres().where_user_has_role(user, Role.CFA_MANAGER)
        return any(badge_class.is_open_to(training_centre=centre) for centre in centres)
    learner = Learner.objects.filter(user=user).select_related("training_centre", "cohort").first()
    return learner is not None and badge_class.is_open_to(
        training_centre=learner.training_centre, cohort=learner.cohort
    )

"""Who may manage issued credentials. Every denial is a 404 (ids cannot be probed)."""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext

from blason.credentials.models import Credential
from blason.organisations.enums import OrganisationKind, Role
from blason.organisations.models import Organisation
from blason.organisations.perms import has_role, is_platform_admin

CREDENTIAL_MANAGER_ROLES = (Role.ISSUER_ADMIN,)


def can_manage_issuer_credentials(user, issuer) -> bool:
    return is_platform_admin(user) or has_role(user, issuer, *CREDENTIAL_MANAGER_ROLES)


def recipient_label(user, credential: Credential) -> str:
    """How the public credential page names the holder: a CFA by its name; a learner by name only for
    themselves, their trainer, their centre's managers and the issuer's admins (anyone may open the page)."""
    learner = credential.recipient_learner
    if learner is None:
        return credential.recipient_name
    if user.is_authenticated and (
        learner.user_id == user.pk
        or learner.trainer_id == user.pk
        or can_manage_issuer_credentials(user, credential.issuer)
        or has_role(user, learner.training_centre, Role.CFA_MANAGER)
    ):
        return learner.full_name
    return gettext("un apprenti ou une apprentie (nom masqué)")


def get_issuer_for_credential_manager(user, public_id: UUID) -> Organisation:
    """The issuer if `user` is one of its admins (or a platform admin); Http404 otherwise."""
    try:
        issuer = Organisation.objects.get(public_id=public_id, kind=OrganisationKind.ISSUER)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer_credentials(user, issuer):
        raise Http404
    return issuer


def get_credential_for_manager(user, public_id: UUID) -> Credential:
    """The credential if `user` may revoke, suspend or reinstate it; Http404 otherwise."""
    try:
        credential = Credential.objects.select_related("issuer", "badge_version").get(public_id=public_id)
    except (Credential.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_manage_issuer_credentials(user, credential.issuer):
        raise Http404
    return credential


def held_credentials(user, *, organisation_public_id: UUID | None = None):
    """The credentials `user` holds, as a queryset.

    With an organisation id: the badges held by that training centre, for its CFA managers (or a
    platform admin); Http404 for anyone else. Without: the badges of the learner record linked to
    the user's account (empty when there is none).
    """
    if organisation_public_id is not None:
        try:
            organisation = Organisation.objects.get(
                public_id=organisation_public_id, kind=OrganisationKind.TRAINING_CENTRE
            )
        except (Organisation.DoesNotExist, ValueError):
            raise Http404 from None
        # Only the centre's managers see its badges list (each badge's public page stays public).
        if not (is_platform_admin(user) or has_role(user, organisation, Role.CFA_MANAGER)):
            raise Http404
        return organisation, Credential.objects.filter(recipient_organisation=organisation)
    return None, Credential.objects.filter(recipient_learner__user=user)

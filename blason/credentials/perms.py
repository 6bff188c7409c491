"""Who may manage issued credentials. Every denial is a 404 (ids cannot be probed)."""

from uuid import UUID

from django.http import Http404

from blason.credentials.models import Credential
from blason.organisations.enums import OrganisationKind, Role
from blason.organisations.models import Organisation
from blason.organisations.perms import has_role, is_platform_admin

CREDENTIAL_MANAGER_ROLES = (Role.ISSUER_ADMIN,)


def can_manage_issuer_credentials(user, issuer) -> bool:
    return is_platform_admin(user) or has_role(user, issuer, *CREDENTIAL_MANAGER_ROLES)


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

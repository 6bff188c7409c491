"""Two-factor authentication is mandatory for staff roles.

A signed-in user who holds a staff role (platform admin, issuer admin, coordinator, commission
expert) or is a superuser, and has no TOTP authenticator yet, is sent to allauth.mfa's TOTP
set-up page until they add one. Users who have one are asked for a code by allauth's login
flow itself (its "mfa_authenticate" stage runs before the session is authenticated), so this
middleware never sees them half-logged-in.
"""

from functools import cache
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

from blason.organisations.enums import STAFF_ROLES


@cache
def allowed_prefixes() -> tuple[str, ...]:
    """Paths a staff user without TOTP may still reach: the two-factor pages (allauth mounts
    them under mfa_index), re-authentication (TOTP activation asks for it), signing out,
    static files and the language switch."""
    return (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        "/static/",
        "/i18n/",
    )


def user_needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(is_active=True, role__in=STAFF_ROLES).exists()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(allowed_prefixes())
            and user_needs_second_factor(user)
            and not has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)

"""Two-factor authentication is mandatory for staff roles.

A signed-in user who holds a staff role (platform admin, issuer admin, coordinator, commission
expert) and has no TOTP authenticator yet is sent to the TOTP set-up page until they add one.
"""

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

from blason.organisations.enums import STAFF_ROLES

# Paths a staff user without TOTP may still reach: setting it up, signing out, static files.
ALLOWED_PREFIXES = ("/compte/2fa/", "/compte/deconnexion/", "/compte/logout/", "/static/", "/i18n/")


def user_needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(is_active=True, role__in=STAFF_ROLES).exists()


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and user_needs_second_factor(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp") + f"?next={request.path}")
        return self.get_response(request)

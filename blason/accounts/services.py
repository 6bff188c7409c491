"""Account creation helpers used by invitations and the demo data.

Accounts are never opened by sign-up: an organisation (or the platform admin) creates them.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.db import transaction

from blason.accounts.models import User


@transaction.atomic
def get_or_create_user(
    *, email: str, first_name: str = "", last_name: str = "", password: str | None = None, email_verified: bool = False
) -> tuple[User, bool]:
    """Return the account for `email` (case-insensitive), creating it when missing.

    A new account gets `password` or, without one, an unusable password (the person chooses it
    through the invitation or password-reset link). Its email is registered with allauth as the
    primary address, verified when `email_verified` is true. An existing account is returned
    unchanged (its names are not overwritten). Returns (user, created).
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, password=password, first_name=first_name, last_name=last_name)
        if password is None:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": email_verified}
    )
    if email_verified and not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    return user, created


def activate_totp(user: User, *, secret: str) -> Authenticator:
    """Give `user` a TOTP authenticator with a known base32 `secret` (demo accounts only).

    Idempotent: an existing TOTP authenticator is kept as it is.
    """
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return existing
    return TOTP.activate(user, secret).instance


def current_totp_code(secret: str) -> str:
    """The TOTP code an authenticator app shows now for `secret`."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))

"""Emails of the organisations app (one function per email, sent through the outbox)."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from blason.organisations.models import Membership


def render_email(name: str, context: dict, *, to: list[str]) -> EmailMultiAlternatives:
    base = f"organisations/emails/{name}"
    context = {"BLASON_SITE_NAME": settings.BLASON_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"{base}/subject.txt", context).split())
    message = EmailMultiAlternatives(subject=subject, body=render_to_string(f"{base}/body.txt", context), to=to)
    message.attach_alternative(render_to_string(f"{base}/body.html", context), "text/html")
    return message


def send_invitation(membership_id: int, *, new_account: bool) -> None:
    """Tell a person they were given a role; a new account gets a link to choose its password."""
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    user = membership.user
    if new_account:
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
        )
    else:
        path = reverse("account_login")
    context = {
        "membership": membership,
        "organisation": membership.organisation,
        "role": membership.get_role_display(),
        "new_account": new_account,
        "link": settings.BLASON_PUBLIC_URL + path,
    }
    render_email("invitation", context, to=[user.email]).send()

"""Emails about badge proposals: one function per email, sent through the outbox.

Functions take ids (they run after commit), re-read the rows and render
`badges/emails/<name>/{subject.txt,body.txt,body.html}`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from blason.badges.models import BadgeProposal
from blason.organisations.enums import Role
from blason.organisations.models import Membership


def _absolute(path: str) -> str:
    return f"{settings.BLASON_PUBLIC_URL}{path}"


def _send(name: str, to: list[str], context: dict) -> int:
    recipients = sorted({address for address in to if address})
    context = {**context, "site_name": settings.BLASON_SITE_NAME}
    subject = " ".join(render_to_string(f"badges/emails/{name}/subject.txt", context).split())
    text = render_to_string(f"badges/emails/{name}/body.txt", context)
    html = render_to_string(f"badges/emails/{name}/body.html", context)
    for address in recipients:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
        message.attach_alternative(html, "text/html")
        message.send()
    return len(recipients)


def send_proposal_decided(*, proposal_id: int) -> int:
    """Tell the CFA (the proposer and its managers) that the issuer accepted or declined its proposal."""
    proposal = BadgeProposal.objects.select_related("programme__issuer", "training_centre", "proposed_by").get(
        pk=proposal_id
    )
    managers = Membership.objects.filter(
        organisation_id=proposal.training_centre_id, role=Role.CFA_MANAGER, is_active=True
    ).values_list("user__email", flat=True)
    return _send(
        "proposal_decided",
        [proposal.proposed_by.email, *managers],
        {
            "proposal": proposal,
            "accepted": proposal.status == "accepted",
            "programme_url": _absolute(reverse("badges:programme_detail", args=[proposal.programme.public_id])),
        },
    )

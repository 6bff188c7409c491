"""Demo data of the credentials app: a few signed badges (one revoked), after the applications demo.

Idempotent: awarded applications are issued once (services.issue_for_awarded_applications) and a
direct award is skipped when the recipient already holds a credential of that badge.
"""

from blason.badges.enums import BadgeClassStatus, RecipientKind
from blason.badges.models import BadgeClass
from blason.credentials import services
from blason.credentials.models import Credential
from blason.organisations.models import Learner, Organisation

REVOKED_REASON = "Démonstration : la pratique n’est plus mise en œuvre au CFA."
# (issuer slug, recipient: CFA slug or learner email)
DIRECT_AWARDS = [
    ("paca-mission", "cfa-la-fabrik"),
    ("paca-mission", "cfa-isim"),
    ("paca-mission", "cfa-triphase"),
    ("region-normandie", "cfa-caen-numerique"),
    ("instep-occitanie", "apprenti.instep@blason.demo"),
    ("cnam-pays-de-la-loire", "apprenti.cnam@blason.demo"),
]
REVOKED = ("paca-mission", "cfa-isim")


def _badge_for(issuer, kind):
    return (
        BadgeClass.objects.filter(
            issuer=issuer, status=BadgeClassStatus.PUBLISHED, current_version__recipient_kind=kind
        )
        .select_related("current_version")
        .order_by("created_at", "pk")
        .first()
    )


def _recipient(key):
    if "@" in key:
        return Learner.objects.filter(email=key).select_related("training_centre").first()
    return Organisation.objects.filter(slug=key).first()


def load(*, stdout) -> None:
    issued = services.issue_for_awarded_applications()
    if issued:
        stdout.write(f"credentials: {len(issued)} badge(s) émis pour les demandes attribuées")
    admin_by_issuer = {}
    for issuer_slug, recipient_key in DIRECT_AWARDS:
        issuer = Organisation.objects.filter(slug=issuer_slug).first()
        recipient = _recipient(recipient_key)
        if issuer is None or recipient is None:
            continue
        kind = RecipientKind.PERSON if isinstance(recipient, Learner) else RecipientKind.ORGANISATION
        badge_class = _badge_for(issuer, kind)
        if badge_class is None:
            stdout.write(f"credentials: aucun badge publié de {issuer_slug} pour {recipient_key}, rien à émettre")
            continue
        field = "recipient_learner" if kind == RecipientKind.PERSON else "recipient_organisation"
        existing = Credential.objects.filter(badge_version=badge_class.current_version, **{field: recipient}).first()
        if existing is None:
            by = admin_by_issuer.setdefault(
                issuer.pk, issuer.memberships.filter(role="issuer_admin").select_related("user").first()
            )
            existing = services.award_directly(
                badge_class,
                recipient,
                by=by.user if by else None,
                narrative="Badge de démonstration attribué directement par l’émetteur.",
            )
            stdout.write(f"credentials: badge « {badge_class.current_version.name} » émis pour {recipient}")
        if (issuer_slug, recipient_key) == REVOKED and not existing.is_revoked:
            services.revoke_credential(existing, reason=REVOKED_REASON, by=None)
            stdout.write(f"credentials: badge de {recipient} révoqué (démonstration)")

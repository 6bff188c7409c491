"""State changes of badge classes, their versions, programmes and badge proposals.

Each public function is one business operation: one transaction, the aggregate row locked, an
event row written, emails sent after commit. Content rules that span rows (the « at least N » rule
against the number of criteria, a programme's mandatory badges against its N) are checked here as
well as in the forms, so no caller can write an inconsistent badge.

Versioning: a version is frozen once something was awarded under it (`freeze_version`, called by
issuance and by award decisions). Editing a badge class whose current version is frozen creates a
new version (criteria and alignments copied, then changed); the frozen version stays as it was.
"""

import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blason.badges import images, notifications
from blason.badges.constants import VALIDITY_MAX_MONTHS, VALIDITY_MIN_MONTHS
from blason.badges.enums import (
    BadgeClassEventKind,
    BadgeClassStatus,
    BadgeProposalEventKind,
    CriteriaRule,
    Eligibility,
    EvidenceKind,
    ProgrammeEventKind,
    ProgrammeKind,
    ProposalStatus,
    RecipientKind,
    ReviewMode,
)
from blason.badges.exceptions import BadgeError, TransitionNotAllowed
from blason.badges.models import (
    Alignment,
    BadgeClass,
    BadgeClassEvent,
    BadgeProposal,
    BadgeProposalEvent,
    BadgeVersion,
    Criterion,
    Programme,
    ProgrammeBadge,
    ProgrammeEvent,
)

# Version fields an issuer admin edits (everything but identity, number, images and freezing).
CONTENT_FIELDS = (
    "name",
    "description",
    "keywords",
    "language",
    "achievement_type",
    "recipient_kind",
    "review_mode",
    "level_number",
    "criteria_rule",
    "criteria_min_count",
    "validity_months",
    "is_renewable",
    "renewal_criteria_rule",
    "renewal_criteria_min_count",
    "min_reviewers",
    "video_max_duration_seconds",
)
CRITERION_FIELDS = ("text", "evidence_kind", "for_first_award", "for_renewal")
ALIGNMENT_FIELDS = ("framework", "code", "name", "url")


@dataclass(frozen=True)
class ImageChoice:
    """How the version's image changes: an uploaded file (already checked), or a generated one."""

    upload: bytes | None = None
    upload_kind: str = ""  # "png" | "svg"
    template: images.BadgeTemplate | None = None


def validate_content(content: dict, criteria: list[dict]) -> None:
    """Raise ValidationError (French messages by field) if the rules do not fit the criteria."""
    errors = {}
    first = [c for c in criteria if c.get("for_first_award", True)]
    renewal = [c for c in criteria if c.get("for_renewal", True)]
    if not first:
        errors["criteria"] = _("Indiquez au moins un critère exigé à la première délivrance.")
    if content.get("criteria_rule") == CriteriaRule.AT_LEAST:
        n = content.get("criteria_min_count")
        if not n or n < 1:
            errors["criteria_min_count"] = _("Indiquez le nombre minimal de critères à remplir.")
        elif n > len(first):
            errors["criteria_min_count"] = _(
                "La règle « au moins %(n)s » est impossible : le badge n’a que %(total)s critère(s)."
            ) % {"n": n, "total": len(first)}
    months = content.get("validity_months")
    if months is not None and not VALIDITY_MIN_MONTHS <= months <= VALIDITY_MAX_MONTHS:
        errors["validity_months"] = _("La durée de validité doit être comprise entre %(min)s et %(max)s mois.") % {
            "min": VALIDITY_MIN_MONTHS,
            "max": VALIDITY_MAX_MONTHS,
        }
    if content.get("is_renewable") and content.get("renewal_criteria_rule") == CriteriaRule.AT_LEAST:
        n = content.get("renewal_criteria_min_count")
        if not n or n < 1:
            errors["renewal_criteria_min_count"] = _("Indiquez le nombre minimal de critères au renouvellement.")
        elif n > len(renewal):
            errors["renewal_criteria_min_count"] = _(
                "La règle de renouvellement « au moins %(n)s » est impossible : seuls %(total)s critère(s) "
                "sont exigés au renouvellement."
            ) % {"n": n, "total": len(renewal)}
    if errors:
        raise ValidationError(errors)


def _normalise(content: dict) -> dict:
    content = dict(content)
    if content.get("criteria_rule") != CriteriaRule.AT_LEAST:
        content["criteria_min_count"] = None
    if not content.get("is_renewable"):
        content["renewal_criteria_rule"] = ""
        content["renewal_criteria_min_count"] = None
    elif content.get("renewal_criteria_rule") != CriteriaRule.AT_LEAST:
        content["renewal_criteria_min_count"] = None
    return content


def _apply_image(version: BadgeVersion, image: ImageChoice | None) -> None:
    if image is None:
        return
    if image.template is not None:
        version.image.save(f"{uuid.uuid4()}.svg", ContentFile(images.generate_svg(image.template)), save=False)
        version.image_png.save(f"{uuid.uuid4()}.png", ContentFile(images.generate_png(image.template)), save=False)
        version.image_shape = image.template.shape
        version.image_colour = image.template.colour
    elif image.upload is not None:
        version.image.save(f"{uuid.uuid4()}.{image.upload_kind}", ContentFile(image.upload), save=False)
        version.image_png = ""
        version.image_shape = ""
        version.image_colour = ""


def _write_children(version: BadgeVersion, criteria: list[dict] | None, alignments: list[dict] | None) -> None:
    if criteria is not None:
        version.criteria.all().delete()
        Criterion.objects.bulk_create(
            Criterion(version=version, position=position, **{k: c[k] for k in CRITERION_FIELDS if k in c})
            for position, c in enumerate(criteria, 1)
        )
    if alignments is not None:
        version.alignments.all().delete()
        Alignment.objects.bulk_create(
            Alignment(version=version, **{k: a.get(k, "") for k in ALIGNMENT_FIELDS}) for a in alignments
        )


def _set_eligibility(badge_class: BadgeClass, eligibility: dict | None) -> None:
    if eligibility is None:
        return
    badge_class.eligibility = eligibility.get("eligibility", Eligibility.ANYONE)
    badge_class.save(update_fields=["eligibility", "updated_at"])
    listed = badge_class.eligibility == Eligibility.LISTED
    badge_class.eligible_training_centres.set(eligibility.get("training_centres", []) if listed else [])
    badge_class.eligible_cohorts.set(eligibility.get("cohorts", []) if listed else [])


@transaction.atomic
def create_badge_class(
    *,
    issuer,
    by,
    content: dict,
    criteria: list[dict],
    alignments: list[dict] = (),
    eligibility: dict | None = None,
    image: ImageChoice | None = None,
) -> BadgeClass:
    """Create a draft badge class with its first version, criteria and alignments.

    Raises ValidationError if the content does not fit the criteria. Writes BadgeClassEvent(created).
    """
    content = _normalise(content)
    validate_content(content, criteria)
    badge_class = BadgeClass.objects.create(issuer=issuer)
    version = BadgeVersion(
        badge_class=badge_class, number=1, **{k: content[k] for k in CONTENT_FIELDS if k in content}
    )
    _apply_image(version, image)
    version.full_clean(exclude=["badge_class"])
    version.save()
    _write_children(version, criteria, list(alignments))
    badge_class.current_version = version
    badge_class.save(update_fields=["current_version", "updated_at"])
    _set_eligibility(badge_class, eligibility)
    BadgeClassEvent.objects.create(
        badge_class=badge_class, kind=BadgeClassEventKind.CREATED, actor=by, data={"name": version.name}
    )
    return badge_class


def _copy_version(version: BadgeVersion) -> BadgeVersion:
    """A new unfrozen version with the same content, criteria and alignments (files are shared)."""
    number = version.badge_class.versions.order_by("-number").values_list("number", flat=True).first() + 1
    copy = BadgeVersion.objects.get(pk=version.pk)
    copy.pk = None
    copy.id = None
    copy.public_id = uuid.uuid4()
    copy.number = number
    copy.frozen_at = None
    copy.created_at = timezone.now()
    copy.save()
    Criterion.objects.bulk_create(
        Criterion(version=copy, position=c.position, **{k: getattr(c, k) for k in CRITERION_FIELDS})
        for c in version.criteria.all()
    )
    Alignment.objects.bulk_create(
        Alignment(version=copy, **{k: getattr(a, k) for k in ALIGNMENT_FIELDS}) for a in version.alignments.all()
    )
    return copy


def _lock(badge_class: BadgeClass) -> BadgeClass:
    return BadgeClass.objects.select_for_update(of=("self",), no_key=True).get(pk=badge_class.pk)


@transaction.atomic
def edit_badge_class(
    badge_class: BadgeClass,
    *,
    by,
    content: dict,
    criteria: list[dict] | None = None,
    alignments: list[dict] | None = None,
    eligibility: dict | None = None,
    image: ImageChoice | None = None,
) -> BadgeVersion:
    """Change a badge class's content; return the version that now holds it.

    If the current version is frozen (something was awarded under it), a new version is created
    from it and becomes current: what was awarded keeps pointing to the frozen one, unchanged.
    `criteria`/`alignments` None keep the existing ones. Raises ValidationError on inconsistent
    content and TransitionNotAllowed on an archived class. Writes BadgeClassEvent(updated or
    version_created).
    """
    badge_class = _lock(badge_class)
    if badge_class.status == BadgeClassStatus.ARCHIVED:
        raise TransitionNotAllowed(_("Un badge archivé ne peut plus être modifié."))
    # Lock the version too: freeze_version (issuance) locks it, so an edit never changes in place
    # a version that is being awarded at the same moment.
    version = BadgeVersion.objects.select_for_update(of=("self",), no_key=True).get(pk=badge_class.current_version_id)
    merged = {k: getattr(version, k) for k in CONTENT_FIELDS} | content
    merged = _normalise(merged)
    criteria_data = (
        criteria
        if criteria is not None
        else [{k: getattr(c, k) for k in CRITERION_FIELDS} for c in version.criteria.all()]
    )
    validate_content(merged, criteria_data)
    kind = BadgeClassEventKind.UPDATED
    if version.is_frozen:
        version = _copy_version(version)
        kind = BadgeClassEventKind.VERSION_CREATED
    for key in CONTENT_FIELDS:
        setattr(version, key, merged[key])
    _apply_image(version, image)
    version.full_clean(exclude=["badge_class"])
    version.save()
    _write_children(version, criteria, alignments)
    badge_class.current_version = version
    badge_class.save(update_fields=["current_version", "updated_at"])
    _set_eligibility(badge_class, eligibility)
    BadgeClassEvent.objects.create(
        badge_class=badge_class, kind=kind, actor=by, data={"version": version.number, "name": version.name}
    )
    return version


@transaction.atomic
def freeze_version(version: BadgeVersion, *, by=None) -> BadgeVersion:
    """Freeze `version` because something is awarded under it (idempotent).

    Issuance and award decisions call this before pointing a credential or an application to the
    version; a later edit of the badge class then creates a new version. Writes
    BadgeClassEvent(version_frozen) the first time only.
    """
    version = BadgeVersion.objects.select_for_update(of=("self",), no_key=True).get(pk=version.pk)
    if version.frozen_at is None:
        version.frozen_at = timezone.now()
        version.save(update_fields=["frozen_at", "updated_at"])
        BadgeClassEvent.objects.create(
            badge_class_id=version.badge_class_id,
            kind=BadgeClassEventKind.VERSION_FROZEN,
            actor=by,
            data={"version": version.number},
        )
    return version


@transaction.atomic
def publish_badge_class(badge_class: BadgeClass, *, by) -> BadgeClass:
    """Publish a draft (or republish an archived) badge class. Writes BadgeClassEvent(published)."""
    badge_class = _lock(badge_class)
    if badge_class.status == BadgeClassStatus.PUBLISHED:
        raise TransitionNotAllowed(_("Ce badge est déjà publié."))
    version = badge_class.current_version
    if version is None or not version.criteria.exists():
        raise BadgeError(_("Un badge sans critère ne peut pas être publié."))
    badge_class.status = BadgeClassStatus.PUBLISHED
    badge_class.save(update_fields=["status", "updated_at"])
    BadgeClassEvent.objects.create(badge_class=badge_class, kind=BadgeClassEventKind.PUBLISHED, actor=by)
    return badge_class


@transaction.atomic
def archive_badge_class(badge_class: BadgeClass, *, by) -> BadgeClass:
    """Archive a badge class: it leaves the catalogue; what was awarded stays valid."""
    badge_class = _lock(badge_class)
    if badge_class.status == BadgeClassStatus.ARCHIVED:
        raise TransitionNotAllowed(_("Ce badge est déjà archivé."))
    badge_class.status = BadgeClassStatus.ARCHIVED
    badge_class.save(update_fields=["status", "updated_at"])
    BadgeClassEvent.objects.create(badge_class=badge_class, kind=BadgeClassEventKind.ARCHIVED, actor=by)
    return badge_class


# --- Programmes --------------------------------------------------------------------------------


def validate_programme(*, kind: str, min_count, members: list[tuple[BadgeClass, bool]], label_badge_class) -> None:
    """Raise ValidationError if the rule cannot be met or contradicts itself."""
    errors = {}
    mandatory = sum(1 for _, is_mandatory in members if is_mandatory)
    ids = [badge_class.pk for badge_class, _ in members]
    if len(ids) != len(set(ids)):
        errors["members"] = _("Un badge figure deux fois dans le programme.")
    if not members:
        errors["members"] = _("Choisissez au moins un badge.")
    if kind == ProgrammeKind.LABEL:
        if not min_count or min_count < 1:
            errors["min_count"] = _("Indiquez le nombre minimal de badges à obtenir.")
        elif mandatory > min_count:
            errors["min_count"] = _(
                "Le programme compte %(m)s badges obligatoires, plus que le nombre exigé (%(n)s) : "
                "augmentez N ou retirez des badges obligatoires."
            ) % {"m": mandatory, "n": min_count}
        elif min_count > len(members):
            errors["min_count"] = _(
                "La règle « au moins %(n)s badges » est impossible : le programme n’en compte que %(total)s."
            ) % {"n": min_count, "total": len(members)}
    if label_badge_class is not None and label_badge_class.pk in ids:
        errors["label_badge_class"] = _("Le badge décerné par le label ne peut pas faire partie de ses badges.")
    if errors:
        raise ValidationError(errors)


def _write_members(programme: Programme, members: list[tuple[BadgeClass, bool]]) -> None:
    programme.members.all().delete()
    ProgrammeBadge.objects.bulk_create(
        ProgrammeBadge(programme=programme, badge_class=badge_class, is_mandatory=is_mandatory, position=position)
        for position, (badge_class, is_mandatory) in enumerate(members, 1)
    )


@transaction.atomic
def create_programme(
    *,
    issuer,
    by,
    name: str,
    kind: str,
    members: list[tuple[BadgeClass, bool]],
    description: str = "",
    min_count: int | None = None,
    label_badge_class: BadgeClass | None = None,
    accepts_proposals: bool = False,
    status: str = BadgeClassStatus.DRAFT,
) -> Programme:
    """Create a label or a ladder from badge classes of `issuer`. Writes ProgrammeEvent(created)."""
    if kind == ProgrammeKind.LADDER:
        min_count = None
    validate_programme(kind=kind, min_count=min_count, members=members, label_badge_class=label_badge_class)
    if any(badge_class.issuer_id != issuer.pk for badge_class, _ in members):
        raise ValidationError({"members": _("Un programme ne regroupe que des badges de son émetteur.")})
    programme = Programme.objects.create(
        issuer=issuer,
        name=name,
        description=description,
        kind=kind,
        min_count=min_count,
        label_badge_class=label_badge_class,
        accepts_proposals=accepts_proposals,
        status=status,
    )
    _write_members(programme, members)
    ProgrammeEvent.objects.create(programme=programme, kind=ProgrammeEventKind.CREATED, actor=by, data={"name": name})
    return programme


@transaction.atomic
def update_programme(programme: Programme, *, by, members: list[tuple[BadgeClass, bool]] | None = None, **fields):
    """Change a programme's fields and/or badges, re-checking its rule. Writes ProgrammeEvent(updated)."""
    programme = Programme.objects.select_for_update(of=("self",), no_key=True).get(pk=programme.pk)
    for key, value in fields.items():
        setattr(programme, key, value)
    if programme.kind == ProgrammeKind.LADDER:
        programme.min_count = None
    if members is None:
        members = [(m.badge_class, m.is_mandatory) for m in programme.members.select_related("badge_class")]
    validate_programme(
        kind=programme.kind,
        min_count=programme.min_count,
        members=members,
        label_badge_class=programme.label_badge_class,
    )
    programme.save()
    _write_members(programme, members)
    ProgrammeEvent.objects.create(
        programme=programme, kind=ProgrammeEventKind.UPDATED, actor=by, data={"fields": sorted(fields)}
    )
    return programme


# --- Badge proposals (seed 004: « Proposez d’autres badges pour le label ») ---------------------


@transaction.atomic
def propose_badge(
    *, programme: Programme, training_centre, by, name: str, description: str, criteria_text: str = ""
) -> BadgeProposal:
    """A CFA manager proposes a badge for a programme. Writes BadgeProposalEvent(submitted)."""
    if not programme.accepts_proposals or programme.status != BadgeClassStatus.PUBLISHED:
        raise BadgeError(_("Ce programme n’accepte pas de propositions de badge."))
    proposal = BadgeProposal.objects.create(
        programme=programme,
        training_centre=training_centre,
        proposed_by=by,
        name=name,
        description=description,
        criteria_text=criteria_text,
    )
    BadgeProposalEvent.objects.create(proposal=proposal, kind=BadgeProposalEventKind.SUBMITTED, actor=by)
    return proposal


def _lock_pending(proposal: BadgeProposal) -> BadgeProposal:
    proposal = BadgeProposal.objects.select_for_update(of=("self",), no_key=True).get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise TransitionNotAllowed(_("Cette proposition a déjà reçu une réponse."))
    return proposal


@transaction.atomic
def accept_proposal(proposal: BadgeProposal, *, by) -> BadgeClass:
    """Turn a pending proposal into a draft badge class of the programme's issuer.

    The draft takes the proposal's name, description and criteria (one per line) and joins the
    programme as an optional badge. Writes BadgeProposalEvent(accepted); emails the CFA manager.
    """
    proposal = _lock_pending(proposal)
    lines = [line.strip(" -•\t") for line in proposal.criteria_text.splitlines()]
    criteria = [
        {"text": line, "evidence_kind": EvidenceKind.DOCUMENT, "for_first_award": True, "for_renewal": True}
        for line in lines
        if line
    ] or [{"text": proposal.description, "evidence_kind": EvidenceKind.DOCUMENT}]
    badge_class = create_badge_class(
        issuer=proposal.programme.issuer,
        by=by,
        content={
            "name": proposal.name,
            "description": proposal.description,
            "recipient_kind": RecipientKind.ORGANISATION,
            "review_mode": ReviewMode.COMMISSION,
            "criteria_rule": CriteriaRule.ALL,
        },
        criteria=criteria,
    )
    position = proposal.programme.members.count() + 1
    ProgrammeBadge.objects.create(programme=proposal.programme, badge_class=badge_class, position=position)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.badge_class = badge_class
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "badge_class", "decided_at", "updated_at"])
    BadgeProposalEvent.objects.create(proposal=proposal, kind=BadgeProposalEventKind.ACCEPTED, actor=by)
    transaction.on_commit(partial(notifications.send_proposal_decided, proposal_id=proposal.pk))
    return badge_class


@transaction.atomic
def decline_proposal(proposal: BadgeProposal, *, by, reason: str) -> BadgeProposal:
    """Decline a pending proposal with a reason. Writes BadgeProposalEvent(declined); emails the CFA."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif du refus.")})
    proposal = _lock_pending(proposal)
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason.strip()
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decline_reason", "decided_at", "updated_at"])
    BadgeProposalEvent.objects.create(
        proposal=proposal, kind=BadgeProposalEventKind.DECLINED, actor=by, data={"reason": proposal.decline_reason}
    )
    transaction.on_commit(partial(notifications.send_proposal_decided, proposal_id=proposal.pk))
    return proposal

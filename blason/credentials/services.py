"""State changes of credentials, signing keys and status lists.

Each public function is one business operation in one transaction: it locks what it changes,
writes an event row and schedules emails with transaction.on_commit. Signing uses the issuer's
local key (decrypted in memory for the call); nothing here performs network I/O.
"""

import datetime
import json
import logging
import secrets
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from blason.badges.ob3 import achievement_json, issuer_profile_json
from blason.badges.services import freeze_version
from blason.credentials import baking, keys, multikey, notifications, ob3, proofs, status_list, verification
from blason.credentials.constants import SALT_BYTES
from blason.credentials.enums import CredentialEventKind, SigningKeyEventKind, StatusPurpose
from blason.credentials.exceptions import CredentialStateError, IssuanceError
from blason.credentials.images import default_badge_png, png_from_image_bytes
from blason.credentials.models import Credential, CredentialEvent, SigningKey, SigningKeyEvent, StatusList, issuer_did

logger = logging.getLogger(__name__)
INDEX_PROBES = 64


# --- keys -------------------------------------------------------------------------------------


def _create_key(issuer, *, by) -> SigningKey:
    generated = keys.generate_key()
    signing_key = SigningKey(
        issuer=issuer, public_key_multibase=multikey.encode_public_key(generated.public_key), is_active=True
    )
    signing_key.set_private_key(generated.private_key)
    signing_key.save()
    SigningKeyEvent.objects.create(signing_key=signing_key, kind=SigningKeyEventKind.CREATED, actor=by)
    return signing_key


@transaction.atomic
def get_or_create_active_key(issuer, *, by=None) -> SigningKey:
    key = SigningKey.objects.active().filter(issuer=issuer).first()
    return key or _create_key(issuer, by=by)


@transaction.atomic
def rotate_signing_key(issuer, *, by=None) -> SigningKey:
    """Make a new active key; older keys stop signing but stay in the DID document until retired."""
    SigningKey.objects.select_for_update().filter(issuer=issuer, is_active=True).update(is_active=False)
    return _create_key(issuer, by=by)


@transaction.atomic
def retire_signing_key(signing_key: SigningKey, *, by=None) -> SigningKey:
    """Remove a key from the DID document: credentials it signed no longer verify."""
    signing_key = SigningKey.objects.select_for_update().get(pk=signing_key.pk)
    if signing_key.retired_at is None:
        signing_key.is_active = False
        signing_key.retired_at = timezone.now()
        signing_key.save(update_fields=["is_active", "retired_at", "updated_at"])
        SigningKeyEvent.objects.create(signing_key=signing_key, kind=SigningKeyEventKind.RETIRED, actor=by)
        verification.clear_key_cache()
        transaction.on_commit(verification.clear_key_cache)
    return signing_key


def did_document(issuer) -> dict:
    did = issuer_did(issuer)
    methods = [
        (key.public_key_multibase, key.public_key_multibase)
        for key in SigningKey.objects.not_retired().filter(issuer=issuer).order_by("created_at", "pk")
    ]
    profile = issuer_profile_json(issuer, base_url=settings.BLASON_PUBLIC_URL, did=did)
    return ob3.did_document(did=did, verification_methods=methods, issuer_profile=profile)


# --- status lists -----------------------------------------------------------------------------


def get_status_list(issuer, purpose: str) -> StatusList:
    status, _created = StatusList.objects.get_or_create(issuer=issuer, purpose=purpose)
    return status


def _set_status_bit(status: StatusList, index: int, value: bool) -> None:
    status = StatusList.objects.select_for_update().get(pk=status.pk)
    bits = bytearray(status.bits)
    if status_list.get_bit(bytes(bits), index) == value:
        return
    status_list.set_bit(bits, index, value)
    status.bits = bytes(bits)
    status.version += 1
    status.save(update_fields=["bits", "version", "updated_at"])


def signed_status_list_credential(status: StatusList) -> dict:
    """The signed BitstringStatusListCredential for the list's current version."""
    signing_key = get_or_create_active_key(status.issuer)
    document = ob3.status_list_credential(
        list_url=status.url,
        issuer_did=issuer_did(status.issuer),
        purpose=status.purpose,
        encoded_list=status_list.encode_bitstring(bytes(status.bits)),
        valid_from=status.updated_at,
    )
    return proofs.sign(
        document, private_key=signing_key.load_private_key(), verification_method=signing_key.verification_method
    )


# --- issuing ----------------------------------------------------------------------------------


@dataclass
class IssuingContext:
    """What stays the same for every credential of one issuer within one transaction (a cohort award
    reuses it instead of reading the key, lists and badge JSON again for each credential)."""

    issuer: object
    signing_key: SigningKey
    private_key: object
    revocation: StatusList
    suspension: StatusList
    # A cohort award loads the taken indexes once; a single issuance probes a few random ones instead.
    preload_indexes: bool = False
    taken_indexes: set | None = None
    issuer_profile: dict | None = None
    achievements: dict = field(default_factory=dict)
    pngs: dict = field(default_factory=dict)

    @classmethod
    def for_issuer(cls, issuer, *, by=None, preload_indexes: bool = False) -> "IssuingContext":
        signing_key = get_or_create_active_key(issuer, by=by)
        return cls(
            issuer=issuer,
            preload_indexes=preload_indexes,
            signing_key=signing_key,
            private_key=signing_key.load_private_key(),
            revocation=get_status_list(issuer, StatusPurpose.REVOCATION),
            suspension=get_status_list(issuer, StatusPurpose.SUSPENSION),
        )

    def achievement(self, version) -> dict:
        if version.pk not in self.achievements:
            self.achievements[version.pk] = achievement_json(
                version, base_url=settings.BLASON_PUBLIC_URL, did=issuer_did(self.issuer)
            )
        return self.achievements[version.pk]

    def profile(self) -> dict:
        if self.issuer_profile is None:
            did = issuer_did(self.issuer)
            self.issuer_profile = issuer_profile_json(self.issuer, base_url=settings.BLASON_PUBLIC_URL, did=did)
        return self.issuer_profile

    def may_earn_labels(self, version) -> bool:
        """False when no published label counts this badge (the label check is then skipped)."""
        from blason.badges.enums import ProgrammeKind
        from blason.badges.models import Programme

        key = ("labels", version.badge_class_id)
        if key not in self.achievements:
            self.achievements[key] = (
                Programme.objects.published()
                .filter(kind=ProgrammeKind.LABEL, members__badge_class_id=version.badge_class_id)
                .exists()
            )
        return self.achievements[key]

    def png(self, version) -> bytes:
        if version.pk not in self.pngs:
            self.pngs[version.pk] = badge_png(version)
        return self.pngs[version.pk]

    def allocate_index(self) -> int:
        """A random index free in both lists (the same index is used in both; see ob3/verification)."""
        size = min(self.revocation.size, self.suspension.size)
        if not self.preload_indexes:
            for _attempt in range(INDEX_PROBES):
                index = secrets.randbelow(size)
                taken = (
                    Credential.objects.filter(revocation_list=self.revocation, revocation_index=index).exists()
                    or Credential.objects.filter(suspension_list=self.suspension, suspension_index=index).exists()
                )
                if not taken:
                    return index
            raise IssuanceError("status list full")
        if self.taken_indexes is None:
            self.taken_indexes = set(
                Credential.objects.filter(revocation_list=self.revocation).values_list("revocation_index", flat=True)
            ) | set(
                Credential.objects.filter(suspension_list=self.suspension).values_list("suspension_index", flat=True)
            )
        if len(self.taken_indexes) >= size:
            raise IssuanceError("status list full")
        while True:
            index = secrets.randbelow(size)
            if index not in self.taken_indexes:
                self.taken_indexes.add(index)
                return index


def recipient_email(*, organisation=None, learner=None) -> str:
    if learner is not None:
        return learner.email
    return organisation.contact_email or organisation.email or organisation.director_email


def _recipient_data(credential: Credential) -> ob3.Recipient:
    if credential.recipient_learner_id:
        # A learner is identified by the salted hash of their email only: their name would be personal
        # data in a signed document that can be neither amended nor erased once shared (RGPD).
        return ob3.Recipient(email=credential.recipient_email, salt=credential.identity_salt)
    centre = credential.recipient_organisation
    return ob3.Recipient(
        email=credential.recipient_email,
        salt=credential.identity_salt,
        name=centre.name,
        street_address=centre.street_address,
        postal_code=centre.postal_code,
        city=centre.city,
        country_code=centre.country_code,
        uai=centre.uai,
        siret=centre.siret,
        director_name=centre.director_name,
        director_email=centre.director_email,
        is_organisation=True,
    )


def credential_data(
    credential: Credential, *, evidence: tuple[ob3.EvidenceItem, ...] = (), context: IssuingContext | None = None
) -> ob3.CredentialData:
    base_url = settings.BLASON_PUBLIC_URL
    version = credential.badge_version
    if context is None:
        issuer_profile = issuer_profile_json(credential.issuer, base_url=base_url, did=issuer_did(credential.issuer))
        achievement = achievement_json(version, base_url=base_url, did=issuer_did(credential.issuer))
    else:
        issuer_profile, achievement = context.profile(), context.achievement(version)
    return ob3.CredentialData(
        credential_url=credential.url,
        name=version.name,
        description=version.description,
        issuer_profile=issuer_profile,
        achievement=achievement,
        recipient=_recipient_data(credential),
        awarded_at=credential.awarded_at,
        valid_from=credential.valid_from,
        valid_until=credential.valid_until,
        # OB 3.0 allows one credentialStatus: the revocation entry. A suspended credential also has its
        # revocation bit set (external verifiers see it as not valid); the suspension list, at the
        # same index, tells Blason's verifier it is a suspension.
        status_entries=(
            ob3.StatusEntry(
                purpose=StatusPurpose.REVOCATION,
                list_url=credential.revocation_list.url,
                index=credential.revocation_index,
            ),
        ),
        evidence=evidence,
    )


def badge_png(version) -> bytes:
    image = getattr(version, "image_png", None) or version.image
    if image:
        try:
            with image.open("rb") as handle:
                return png_from_image_bytes(handle.read())
        except (OSError, ValueError):
            pass
    return default_badge_png()


def _store_baked_png(credential: Credential, png: bytes) -> None:
    baked = baking.bake_png(png, credential.document_json)
    credential.baked_png.save(f"{credential.public_id}.png", ContentFile(baked), save=False)


def issue_credential(
    *,
    badge_version,
    recipient_organisation=None,
    recipient_learner=None,
    by,
    evidence: tuple[ob3.EvidenceItem, ...] = (),
    awarded_at: datetime.datetime | None = None,
    valid_until: datetime.datetime | None = None,
    application=None,
    award_labels: bool = True,
    context: IssuingContext | None = None,
    notify: bool = True,
    fallback_email: str = "",
) -> Credential:
    """Sign and store an OpenBadgeCredential for one recipient; email them after commit.

    The recipient's email (salted and hashed in the credential) is the learner's, or the CFA's
    contact address; `fallback_email` (e.g. the applicant's own address) serves when the CFA has none.

    Allocates random status indexes, signs with the issuer's active key, bakes the badge PNG into
    the public storage and writes a CredentialEvent(issued). Raises IssuanceError when the
    recipient does not match the badge or has no email address.
    """
    if (recipient_organisation is None) == (recipient_learner is None):
        raise IssuanceError("exactly one recipient")
    email = recipient_email(organisation=recipient_organisation, learner=recipient_learner) or fallback_email
    if not email:
        raise IssuanceError("recipient without email")
    if application is not None and Credential.objects.filter(application=application).exists():
        raise IssuanceError("application already issued")
    with transaction.atomic():
        return _issue(
            badge_version=badge_version,
            recipient_organisation=recipient_organisation,
            recipient_learner=recipient_learner,
            email=email,
            by=by,
            evidence=evidence,
            awarded_at=awarded_at,
            valid_until=valid_until,
            application=application,
            award_labels=award_labels,
            context=context,
            notify=notify,
        )


def _issue(
    *,
    badge_version,
    recipient_organisation,
    recipient_learner,
    email: str,
    by,
    evidence,
    awarded_at,
    valid_until,
    application,
    award_labels: bool,
    context: IssuingContext | None,
    notify: bool,
) -> Credential:
    """issue_credential without its checks and savepoint: the caller holds the transaction."""
    credential = _build(
        badge_version=badge_version,
        recipient_organisation=recipient_organisation,
        recipient_learner=recipient_learner,
        email=email,
        by=by,
        evidence=evidence,
        awarded_at=awarded_at,
        valid_until=valid_until,
        application=application,
        context=context,
    )
    credential.save()
    _issued_event(credential, by=by).save()
    _freeze(badge_version, by)
    if notify:
        transaction.on_commit(partial(notifications.send_credential_issued, credential_id=credential.pk))
    if award_labels and (context is None or context.may_earn_labels(badge_version)):
        _award_earned_labels(credential, by=by)
    return credential


def _issued_event(credential: Credential, *, by) -> CredentialEvent:
    return CredentialEvent(
        credential=credential,
        kind=CredentialEventKind.ISSUED,
        actor=by,
        data={
            "badge_version": str(credential.badge_version.public_id),
            "key": credential.signing_key.public_key_multibase,
        },
    )


def _freeze(badge_version, by) -> None:
    """Freeze the version awarded (badges' own service, with its event); cheap once frozen."""
    if badge_version.frozen_at is None:
        badge_version.frozen_at = freeze_version(badge_version, by=by).frozen_at


def _build(
    *,
    badge_version,
    recipient_organisation,
    recipient_learner,
    email: str,
    by,
    evidence,
    awarded_at,
    valid_until,
    application,
    context: IssuingContext | None,
) -> Credential:
    """A signed, unsaved Credential (its baked PNG already in storage)."""
    issuer = badge_version.badge_class.issuer
    awarded_at = awarded_at or timezone.now()
    awarded_at = awarded_at.replace(microsecond=0)
    if badge_version.validity_months:
        lifetime_end = ob3.add_months(awarded_at, badge_version.validity_months)
        valid_until = min(valid_until, lifetime_end) if valid_until else lifetime_end
    if valid_until is not None:
        valid_until = valid_until.replace(microsecond=0)
    if context is None or context.issuer.pk != issuer.pk:
        context = IssuingContext.for_issuer(issuer, by=by)
    signing_key, revocation, suspension = context.signing_key, context.revocation, context.suspension
    index = context.allocate_index()
    credential = Credential(
        badge_version=badge_version,
        issuer=issuer,
        recipient_organisation=recipient_organisation,
        recipient_learner=recipient_learner,
        recipient_email=email,
        identity_salt=secrets.token_hex(SALT_BYTES),
        signing_key=signing_key,
        awarded_at=awarded_at,
        valid_from=awarded_at,
        valid_until=valid_until,
        revocation_list=revocation,
        revocation_index=index,
        suspension_list=suspension,
        suspension_index=index,
        issued_by=by,
    )
    if application is not None:
        credential.application = application
    document = ob3.build_credential(credential_data(credential, evidence=evidence, context=context))
    signed = proofs.sign(
        document, private_key=context.private_key, verification_method=signing_key.verification_method
    )
    credential.document_json = json.dumps(signed, ensure_ascii=False)
    _store_baked_png(credential, context.png(badge_version))
    return credential


def held_badges(*, organisation=None, learner=None) -> list:
    """What a recipient holds for programme rules: credentials neither revoked nor suspended."""
    from blason.badges.programmes import HeldBadge

    credentials = Credential.objects.filter(revoked_at__isnull=True, suspended=False)
    if learner is not None:
        credentials = credentials.filter(recipient_learner=learner)
    else:
        credentials = credentials.filter(recipient_organisation=organisation)
    return [
        HeldBadge(badge_class_id, valid_until)
        for badge_class_id, valid_until in credentials.values_list("badge_version__badge_class_id", "valid_until")
    ]


def _award_earned_labels(credential: Credential, *, by) -> list[Credential]:
    """Issue every label whose programme rule the recipient's badges now satisfy (blason.badges.programmes)."""
    from blason.badges.programmes import labels_newly_earned

    organisation, learner = credential.recipient_organisation, credential.recipient_learner
    awarded = []
    for award in labels_newly_earned(held_badges(organisation=organisation, learner=learner)):
        version = award.badge_class.current_version
        if version is None:
            continue
        label = issue_credential(
            badge_version=version,
            recipient_organisation=organisation if learner is None else None,
            recipient_learner=learner,
            by=by,
            valid_until=award.valid_until,
            evidence=(
                ob3.EvidenceItem(
                    name=f"Programme « {award.programme.name} »",
                    narrative=f"Label obtenu avec {len(award.counted_badge_class_ids)} badges du programme.",
                    genre="programme",
                ),
            ),
        )
        awarded.append(label)
    return awarded


def _shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary before `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def application_evidence(application) -> tuple[ob3.EvidenceItem, ...]:
    """Evidence published in the credential: statements per criterion, the links the applicant agreed to
    publish, and who examined the application. Evidence files and unpublished links never appear."""
    from blason.applications.enums import EvidenceType
    from blason.organisations.enums import Role

    items = []
    if application.practice_title or application.practice_keywords:
        # Seed 000: "la pratique pédagogique innovante résumée en quelques mots clefs".
        items.append(
            ob3.EvidenceItem(
                name=application.practice_title or "Pratique pédagogique",
                description="Mots-clés : " + ", ".join(application.practice_keywords)
                if application.practice_keywords
                else "",
                genre="Pratique pédagogique innovante",
            )
        )
    statements = application.statements.select_related("criterion").order_by("criterion__position")
    consenting_criteria = set()
    for statement in statements:
        if statement.consent_publish_links:
            consenting_criteria.add(statement.criterion_id)
        if statement.text.strip():
            items.append(
                ob3.EvidenceItem(
                    name=f"Critère {statement.criterion.position} : {_shorten(statement.criterion.text, 120)}",
                    narrative=statement.text.strip(),
                    genre="statement",
                )
            )
    links = (
        application.evidence.filter(type=EvidenceType.LINK, criterion_id__in=consenting_criteria)
        .exclude(url="")
        .select_related("criterion")
        .order_by("criterion__position", "pk")
    )
    for link in links:
        items.append(
            ob3.EvidenceItem(
                name=f"Lien publié — critère {link.criterion.position}",
                url=link.url,
                narrative=link.text.strip(),
                genre="link",
            )
        )
    issuer = application.badge_version.badge_class.issuer
    experts = []
    for assignment in application.assignments.active().select_related("reviewer").order_by("pk"):
        reviewer = assignment.reviewer
        membership = reviewer.memberships.filter(organisation=issuer, role=Role.EXPERT).first()
        affiliation = f" ({membership.get_affiliation_display()})" if membership and membership.affiliation else ""
        experts.append(f"{reviewer.get_full_name() or reviewer.email}{affiliation}")
    coordinator = (
        issuer.memberships.filter(role=Role.COORDINATOR, is_active=True).select_related("user").order_by("pk").first()
    )
    parts = [f"Certificateur : {issuer.name}."]
    if experts:
        parts.append("Experts associés : " + ", ".join(experts) + ".")
    if coordinator is not None:
        parts.append(f"Contact du coordonnateur : {coordinator.user.email}.")
    items.append(ob3.EvidenceItem(name="Instruction du badge", narrative=" ".join(parts), genre="assessment"))
    return tuple(items)


def issue_for_awarded_applications(*, by=None) -> list[Credential]:
    """Issue one credential per awarded application that has none yet; idempotent and retryable.

    Each application is handled in its own transaction, with its row locked and the check repeated
    under the lock, so concurrent runs issue exactly once (the OneToOne on application backs it up).
    """
    from blason.applications.models import BadgeApplication

    issued = []
    pending = BadgeApplication.objects.awarded().filter(credential__isnull=True).values_list("pk", flat=True)
    for application_id in list(pending):
        try:
            credential = _issue_for_application(application_id, by=by)
        except IssuanceError:
            logger.warning("awarded application %s could not be issued", application_id, exc_info=True)
            continue
        if credential is not None:
            issued.append(credential)
    return issued


@transaction.atomic
def _issue_for_application(application_id: int, *, by):
    from blason.applications.models import BadgeApplication

    application = (
        BadgeApplication.objects.awarded()
        .select_for_update(of=("self",))
        .filter(pk=application_id, credential__isnull=True)
        .first()
    )
    if application is None:
        return None
    application = BadgeApplication.objects.select_related(
        "badge_version__badge_class__issuer", "applicant_organisation", "applicant_learner"
    ).get(pk=application.pk)
    return issue_credential(
        badge_version=application.badge_version,
        recipient_organisation=application.applicant_organisation,
        recipient_learner=application.applicant_learner,
        by=by,
        evidence=application_evidence(application),
        awarded_at=application.decided_at,
        application=application,
        fallback_email=application.created_by.email if application.created_by_id else "",
    )


def award_to_cohort(badge_class, learners, *, by, batch_size: int = 250, progress=None) -> list[Credential]:
    """Award the current version of a person badge to many learners (a cohort), in batches.

    Each batch is one transaction sharing one IssuingContext (key, status lists, badge JSON, image);
    emails go out after each batch commits. Returns the credentials issued.
    """
    version = badge_class.current_version
    if version is None:
        raise IssuanceError("badge without version")
    learners = list(learners)
    issued: list[Credential] = []
    for start in range(0, len(learners), batch_size):
        with transaction.atomic():
            context = IssuingContext.for_issuer(badge_class.issuer, by=by, preload_indexes=True)
            batch = []
            for learner in learners[start : start + batch_size]:
                if not learner.email:
                    raise IssuanceError("recipient without email")
                batch.append(
                    _build(
                        badge_version=version,
                        recipient_organisation=None,
                        recipient_learner=learner,
                        email=learner.email,
                        by=by,
                        evidence=(),
                        awarded_at=None,
                        valid_until=None,
                        application=None,
                        context=context,
                    )
                )
            Credential.objects.bulk_create(batch)
            CredentialEvent.objects.bulk_create([_issued_event(credential, by=by) for credential in batch])
            if batch:
                _freeze(version, by)
            if context.may_earn_labels(version):
                for credential in batch:
                    _award_earned_labels(credential, by=by)
            # The outbox stores the emails in this transaction; they are delivered once it commits.
            notifications.send_credentials_issued(batch)
            issued.extend(batch)
        if progress is not None:
            progress(len(issued))
    return issued


def award_directly(badge_class, recipient, *, by, narrative: str = "") -> Credential:
    """Award the current version of `badge_class` to a CFA (Organisation) or a learner (Learner)."""
    from blason.organisations.models import Learner, Organisation

    version = badge_class.current_version
    if version is None:
        raise IssuanceError("badge without version")
    evidence = ()
    if narrative:
        evidence = (ob3.EvidenceItem(name="Attribution directe", narrative=narrative, genre="direct_award"),)
    if isinstance(recipient, Learner):
        return issue_credential(badge_version=version, recipient_learner=recipient, by=by, evidence=evidence)
    if isinstance(recipient, Organisation):
        return issue_credential(badge_version=version, recipient_organisation=recipient, by=by, evidence=evidence)
    raise IssuanceError("unknown recipient")


# --- status changes ---------------------------------------------------------------------------


def _lock(credential: Credential) -> Credential:
    return Credential.objects.select_for_update(of=("self",), no_key=True).get(pk=credential.pk)


@transaction.atomic
def revoke_credential(credential: Credential, *, reason: str, by) -> Credential:
    """Revoke for good, with a reason the holder sees; the status list changes at once."""
    credential = _lock(credential)
    if credential.is_revoked:
        raise CredentialStateError("already revoked")
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason.strip()
    credential.suspended = False
    credential.save(update_fields=["revoked_at", "revocation_reason", "suspended", "updated_at"])
    _set_status_bit(credential.revocation_list, credential.revocation_index, True)
    _set_status_bit(credential.suspension_list, credential.suspension_index, False)
    CredentialEvent.objects.create(
        credential=credential,
        kind=CredentialEventKind.REVOKED,
        actor=by,
        data={"reason": credential.revocation_reason},
    )
    transaction.on_commit(partial(notifications.send_credential_revoked, credential_id=credential.pk))
    return credential


@transaction.atomic
def suspend_credential(credential: Credential, *, by, reason: str = "") -> Credential:
    credential = _lock(credential)
    if credential.is_revoked or credential.suspended:
        raise CredentialStateError("not suspendable")
    credential.suspended = True
    credential.save(update_fields=["suspended", "updated_at"])
    _set_status_bit(credential.suspension_list, credential.suspension_index, True)
    _set_status_bit(credential.revocation_list, credential.revocation_index, True)
    CredentialEvent.objects.create(
        credential=credential, kind=CredentialEventKind.SUSPENDED, actor=by, data={"reason": reason.strip()}
    )
    return credential


@transaction.atomic
def reinstate_credential(credential: Credential, *, by) -> Credential:
    credential = _lock(credential)
    if credential.is_revoked or not credential.suspended:
        raise CredentialStateError("not suspended")
    credential.suspended = False
    credential.save(update_fields=["suspended", "updated_at"])
    _set_status_bit(credential.suspension_list, credential.suspension_index, False)
    _set_status_bit(credential.revocation_list, credential.revocation_index, False)
    CredentialEvent.objects.create(credential=credential, kind=CredentialEventKind.REINSTATED, actor=by)
    return credential

import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from blason.core.models import BaseEvent, TimeStampedModel
from blason.credentials import keys
from blason.credentials.constants import STATUS_LIST_SIZE_ENTRIES
from blason.credentials.enums import CredentialEventKind, CredentialStatus, SigningKeyEventKind, StatusPurpose


def issuer_did(organisation) -> str:
    """did:web of an issuer under this deployment's origin (a port is written %3A, per did:web)."""
    host = settings.BLASON_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0].replace(":", "%3A")
    return f"did:web:{host}:issuers:{organisation.slug}"


class SigningKeyQuerySet(models.QuerySet):
    def not_retired(self):
        return self.filter(retired_at__isnull=True)

    def active(self):
        return self.filter(is_active=True, retired_at__isnull=True)


class SigningKey(TimeStampedModel):
    """An issuer's Ed25519 key. The private half is stored encrypted (see keys.py), never in clear."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="signing_keys",
        verbose_name=_("émetteur"),
    )
    public_key_multibase = models.CharField(_("clé publique (multibase)"), max_length=64, unique=True, editable=False)
    encrypted_private_key = models.BinaryField(_("clé privée chiffrée"), editable=False)
    is_active = models.BooleanField(_("clé de signature en cours"), default=True)
    retired_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    objects = SigningKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("clé de signature")
        verbose_name_plural = _("clés de signature")
        ordering = ["issuer", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(is_active=True), name="signing_key_one_active_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(is_active=False) | Q(retired_at__isnull=True), name="signing_key_active_not_retired"
            ),
        ]

    def __str__(self):
        return f"{self.public_key_multibase[:16]}… ({self.issuer})"

    def __repr__(self):
        return f"<SigningKey {self.public_id} {self.public_key_multibase}>"

    @property
    def associated_data(self) -> bytes:
        return b"blason-signing-key:" + str(self.public_id).encode()

    @property
    def did(self) -> str:
        return issuer_did(self.issuer)

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.public_key_multibase}"

    def set_private_key(self, private_key) -> None:
        self.encrypted_private_key = keys.encrypt_private_key(private_key, associated_data=self.associated_data)

    def load_private_key(self):
        return keys.decrypt_private_key(self.encrypted_private_key, associated_data=self.associated_data)


class StatusList(TimeStampedModel):
    """One issuer's bitstring status list for one purpose (bit set = revoked, or suspended)."""

    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="status_lists",
        verbose_name=_("émetteur"),
    )
    purpose = models.CharField(_("usage"), max_length=16, choices=StatusPurpose)
    size = models.PositiveIntegerField(_("nombre d’entrées"), default=STATUS_LIST_SIZE_ENTRIES)
    bits = models.BinaryField(_("bits"), editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("liste de statuts")
        verbose_name_plural = _("listes de statuts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "purpose"], name="status_list_one_per_issuer_purpose"),
            models.CheckConstraint(condition=Q(size__gte=STATUS_LIST_SIZE_ENTRIES), name="status_list_min_size"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} — {self.issuer}"

    def save(self, *args, **kwargs):
        if not self.bits:
            self.bits = bytes(self.size // 8)
        super().save(*args, **kwargs)

    @property
    def url(self) -> str:
        return f"{settings.BLASON_PUBLIC_URL}/issuers/{self.issuer.slug}/status/{self.purpose}"

    @property
    def etag(self) -> str:
        return f'"{self.pk}-{self.version}"'


class CredentialQuerySet(models.QuerySet):
    def for_recipient_organisation(self, organisation):
        return self.filter(recipient_organisation=organisation)

    def issued_by(self, organisation):
        return self.filter(issuer=organisation)

    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)


def baked_png_upload_to(instance, filename):
    return f"credentials/{instance.public_id}.png"


class Credential(TimeStampedModel):
    """A signed OpenBadgeCredential awarded to a training centre or a learner."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_version = models.ForeignKey(
        "badges.BadgeVersion", on_delete=models.PROTECT, related_name="credentials", verbose_name=_("badge")
    )
    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="issued_credentials",
        verbose_name=_("émetteur"),
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="credentials",
        null=True,
        blank=True,
        verbose_name=_("CFA titulaire"),
    )
    recipient_learner = models.ForeignKey(
        "organisations.Learner",
        on_delete=models.PROTECT,
        related_name="credentials",
        null=True,
        blank=True,
        verbose_name=_("apprenti titulaire"),
    )
    application = models.OneToOneField(
        "applications.BadgeApplication",
        on_delete=models.PROTECT,
        related_name="credential",
        null=True,
        blank=True,
        verbose_name=_("demande"),
    )
    recipient_email = models.EmailField(_("adresse électronique du titulaire"))
    identity_salt = models.CharField(_("sel de l’identifiant"), max_length=64)
    signing_key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("clé de signature")
    )
    document_json = models.TextField(_("attestation signée (JSON)"))
    awarded_at = models.DateTimeField(_("délivré le"))
    valid_from = models.DateTimeField(_("valable à partir du"))
    valid_until = models.DateTimeField(_("valable jusqu’au"), null=True, blank=True)
    revocation_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", verbose_name=_("liste de révocation")
    )
    revocation_index = models.PositiveIntegerField(_("index de révocation"))
    suspension_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", verbose_name=_("liste de suspension")
    )
    suspension_index = models.PositiveIntegerField(_("index de suspension"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revocation_reason = models.TextField(_("motif de révocation"), blank=True)
    suspended = models.BooleanField(_("suspendu"), default=False)
    baked_png = models.FileField(_("image PNG intégrant l’attestation"), upload_to=baked_png_upload_to, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("émis par"),
    )

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("badge émis")
        verbose_name_plural = _("badges émis")
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recipient_organisation__isnull=False) & Q(recipient_learner__isnull=True))
                | (Q(recipient_organisation__isnull=True) & Q(recipient_learner__isnull=False)),
                name="credential_exactly_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"], name="credential_unique_rev_index"
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"], name="credential_unique_sus_index"
            ),
        ]

    def __str__(self):
        return f"{self.badge_version.name} — {self.recipient_name}"

    @cached_property
    def document(self) -> dict:
        return json.loads(self.document_json)

    @property
    def url(self) -> str:
        return f"{settings.BLASON_PUBLIC_URL}/badges-emis/{self.public_id}"

    @property
    def recipient(self):
        return self.recipient_organisation or self.recipient_learner

    @property
    def recipient_name(self) -> str:
        if self.recipient_organisation_id:
            return self.recipient_organisation.name
        return self.recipient_learner.full_name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.valid_until is not None and self.valid_until <= (now or timezone.now())

    @property
    def status(self) -> CredentialStatus:
        if self.is_revoked:
            return CredentialStatus.REVOKED
        if self.suspended:
            return CredentialStatus.SUSPENDED
        if self.is_expired():
            return CredentialStatus.EXPIRED
        return CredentialStatus.VALID


class CredentialEvent(BaseEvent):
    credential = models.ForeignKey(
        Credential, on_delete=models.PROTECT, related_name="events", verbose_name=_("badge émis")
    )
    kind = models.CharField(_("type"), max_length=32, choices=CredentialEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de badge émis")
        verbose_name_plural = _("événements de badges émis")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.credential_id}"


class SigningKeyEvent(BaseEvent):
    signing_key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="events", verbose_name=_("clé de signature")
    )
    kind = models.CharField(_("type"), max_length=32, choices=SigningKeyEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de clé de signature")
        verbose_name_plural = _("événements de clés de signature")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.signing_key_id}"

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from blason.badges.enums import (
    AchievementType,
    AlignmentFramework,
    BadgeClassStatus,
    CriteriaRule,
    EvidenceKind,
    RecipientKind,
    ReviewMode,
)
from blason.core.models import TimeStampedModel


def badge_image_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"badges/{uuid.uuid4()}.{extension}"


class BadgeClassQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=BadgeClassStatus.PUBLISHED)

    def issued_by(self, organisation):
        return self.filter(issuer=organisation)


class BadgeClass(TimeStampedModel):
    """The stable identity of a badge (OB 3.0 Achievement); its content lives in versions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="badge_classes",
        verbose_name=_("émetteur"),
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=BadgeClassStatus, default=BadgeClassStatus.DRAFT, db_index=True
    )
    current_version = models.OneToOneField(
        "badges.BadgeVersion",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("version en vigueur"),
    )

    objects = BadgeClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-created_at"]

    def __str__(self):
        return self.current_version.name if self.current_version_id else str(self.public_id)


class BadgeVersion(TimeStampedModel):
    """One version of a badge's content. Frozen once awarded: edits then make a new version."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="versions", verbose_name=_("badge")
    )
    number = models.PositiveIntegerField(_("numéro de version"), default=1)
    name = models.CharField(_("nom"), max_length=255)
    description = models.TextField(_("description"))
    keywords = models.JSONField(_("mots-clés"), default=list, blank=True)
    language = models.CharField(_("langue"), max_length=8, default="fr")
    achievement_type = models.CharField(
        _("type de réussite (OB 3.0)"), max_length=32, choices=AchievementType, default=AchievementType.BADGE
    )
    recipient_kind = models.CharField(_("destinataire"), max_length=16, choices=RecipientKind)
    review_mode = models.CharField(
        _("mode d’instruction"), max_length=16, choices=ReviewMode, default=ReviewMode.COMMISSION
    )
    image = models.FileField(_("image"), upload_to=badge_image_upload_to, blank=True)
    level_number = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    criteria_rule = models.CharField(
        _("règle d’obtention"), max_length=16, choices=CriteriaRule, default=CriteriaRule.ALL
    )
    criteria_min_count = models.PositiveSmallIntegerField(_("nombre minimal de critères"), null=True, blank=True)
    validity_months = models.PositiveSmallIntegerField(_("durée de validité (mois)"), null=True, blank=True)
    is_renewable = models.BooleanField(_("renouvelable"), default=False)
    renewal_criteria_rule = models.CharField(
        _("règle de renouvellement"), max_length=16, choices=CriteriaRule, blank=True
    )
    renewal_criteria_min_count = models.PositiveSmallIntegerField(
        _("nombre minimal de critères au renouvellement"), null=True, blank=True
    )
    min_reviewers = models.PositiveSmallIntegerField(_("nombre minimal d’experts"), default=2)
    video_max_duration_seconds = models.PositiveIntegerField(_("durée maximale des vidéos (s)"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("figée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("version de badge")
        verbose_name_plural = _("versions de badge")
        ordering = ["badge_class", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["badge_class", "number"], name="badge_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.number})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Criterion(models.Model):
    version = models.ForeignKey(
        BadgeVersion, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("ordre"))
    text = models.TextField(_("intitulé"))
    evidence_kind = models.CharField(_("preuve attendue"), max_length=32, choices=EvidenceKind)
    for_first_award = models.BooleanField(_("exigé à la première délivrance"), default=True)
    for_renewal = models.BooleanField(_("exigé au renouvellement"), default=True)

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="criterion_unique_position")]

    def __str__(self):
        return self.text[:80]


class Alignment(models.Model):
    version = models.ForeignKey(
        BadgeVersion, on_delete=models.CASCADE, related_name="alignments", verbose_name=_("version")
    )
    framework = models.CharField(_("référentiel"), max_length=16, choices=AlignmentFramework)
    code = models.CharField(_("code"), max_length=64, blank=True)
    name = models.CharField(_("intitulé"), max_length=255)
    url = models.URLField(_("adresse"), max_length=500)

    class Meta:
        verbose_name = _("alignement")
        verbose_name_plural = _("alignements")
        ordering = ["version", "framework", "code"]

    def __str__(self):
        return f"{self.get_framework_display()} {self.code} — {self.name}"

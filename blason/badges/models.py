import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from blason.badges.constants import VALIDITY_MAX_MONTHS, VALIDITY_MIN_MONTHS
from blason.badges.enums import (
    AchievementType,
    AlignmentFramework,
    BadgeClassEventKind,
    BadgeClassStatus,
    BadgeProposalEventKind,
    CriteriaRule,
    Eligibility,
    EvidenceKind,
    ImageShape,
    ProgrammeEventKind,
    ProgrammeKind,
    ProposalStatus,
    RecipientKind,
    ReviewMode,
)
from blason.core.models import BaseEvent, TimeStampedModel


def badge_image_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"badges/{uuid.uuid4()}.{extension}"


class BadgeClassQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=BadgeClassStatus.PUBLISHED)

    def issued_by(self, organisation):
        return self.filter(issuer=organisation)

    def open_to(self, *, training_centres=(), cohorts=()):
        """Classes that these CFAs (or learners of these cohorts) may apply for: see BadgeClass.is_open_to."""
        return self.filter(
            Q(eligibility=Eligibility.ANYONE)
            | Q(eligible_training_centres__in=training_centres)
            | Q(eligible_cohorts__in=cohorts)
        ).distinct()


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

    eligibility = models.CharField(
        _("qui peut demander ce badge"), max_length=16, choices=Eligibility, default=Eligibility.ANYONE
    )
    eligible_training_centres = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="eligible_badge_classes",
        verbose_name=_("CFA autorisés"),
    )
    eligible_cohorts = models.ManyToManyField(
        "organisations.Cohort",
        blank=True,
        related_name="eligible_badge_classes",
        verbose_name=_("promotions autorisées"),
    )

    objects = BadgeClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-created_at"]

    def __str__(self):
        return self.current_version.name if self.current_version_id else str(self.public_id)

    @property
    def is_published(self) -> bool:
        return self.status == BadgeClassStatus.PUBLISHED

    def is_open_to(self, *, training_centre=None, cohort=None) -> bool:
        """Whether a CFA (or a learner of `cohort` in `training_centre`) may apply for this badge."""
        if self.eligibility == Eligibility.ANYONE:
            return True
        if training_centre is not None and self.eligible_training_centres.filter(pk=training_centre.pk).exists():
            return True
        return cohort is not None and self.eligible_cohorts.filter(pk=cohort.pk).exists()


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
    # "|kw1|kw2|" in lower case, kept in step with `keywords` by save(), for portable keyword search.
    keywords_text = models.TextField(_("mots-clés (recherche)"), blank=True, editable=False)
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
    validity_months = models.PositiveSmallIntegerField(
        _("durée de validité (mois)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(VALIDITY_MIN_MONTHS), MaxValueValidator(VALIDITY_MAX_MONTHS)],
    )
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
    # Parameters of the image Blason generated (empty when the image was uploaded).
    image_shape = models.CharField(_("forme de l’image"), max_length=16, choices=ImageShape, blank=True)
    image_colour = models.CharField(
        _("couleur de l’image"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Indiquez une couleur au format #RRGGBB."))],
    )
    # A PNG rendering of a generated SVG image, for PNG baking.
    image_png = models.FileField(_("image PNG"), upload_to=badge_image_upload_to, blank=True)

    class Meta:
        verbose_name = _("version de badge")
        verbose_name_plural = _("versions de badge")
        ordering = ["badge_class", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["badge_class", "number"], name="badge_version_unique_number"),
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True)
                | Q(validity_months__gte=VALIDITY_MIN_MONTHS, validity_months__lte=VALIDITY_MAX_MONTHS),
                name="badge_version_validity_range",
            ),
            models.CheckConstraint(
                condition=~Q(criteria_rule=CriteriaRule.AT_LEAST) | Q(criteria_min_count__gte=1),
                name="badge_version_at_least_has_count",
            ),
        ]

    def __str__(self):
        return f"{self.name} (v{self.number})"

    def save(self, *args, **kwargs):
        self.keywords_text = "|" + "|".join(k.strip().lower() for k in self.keywords or []) + "|"
        if "update_fields" in kwargs and kwargs["update_fields"] is not None and "keywords" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "keywords_text"}
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def first_award_criteria(self):
        return [c for c in self.criteria.all() if c.for_first_award]

    @property
    def renewal_criteria(self):
        return [c for c in self.criteria.all() if c.for_renewal]

    @property
    def renewal_differs(self) -> bool:
        """Whether renewal asks for other criteria or another rule than the first award."""
        if not self.is_renewable:
            return False
        if self.renewal_criteria_rule and (
            self.renewal_criteria_rule != self.criteria_rule
            or self.renewal_criteria_min_count != self.criteria_min_count
        ):
            return True
        return any(c.for_first_award != c.for_renewal for c in self.criteria.all())

    @property
    def first_rule_text(self) -> str:
        return self.rule_text()

    @property
    def renewal_rule_text(self) -> str:
        return self.rule_text(renewal=True)

    def rule_text(self, *, renewal: bool = False) -> str:
        """The rule in French, e.g. « au moins 2 critères sur 5 »."""
        criteria = self.renewal_criteria if renewal else self.first_award_criteria
        rule = (self.renewal_criteria_rule or self.criteria_rule) if renewal else self.criteria_rule
        count = (self.renewal_criteria_min_count or self.criteria_min_count) if renewal else self.criteria_min_count
        if rule == CriteriaRule.AT_LEAST and count:
            return _("au moins %(n)s critère(s) sur %(total)s") % {"n": count, "total": len(criteria)}
        return _("tous les critères (%(total)s)") % {"total": len(criteria)}


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


class BadgeClassEvent(BaseEvent):
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="events", verbose_name=_("badge")
    )
    kind = models.CharField(_("type"), max_length=32, choices=BadgeClassEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de badge")
        verbose_name_plural = _("événements de badge")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.badge_class}"


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=BadgeClassStatus.PUBLISHED)


class Programme(TimeStampedModel):
    """A named set of badge classes of one issuer: a label (N of the set, mandatory ones included) or a ladder."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("émetteur"),
    )
    kind = models.CharField(_("nature"), max_length=16, choices=ProgrammeKind, default=ProgrammeKind.LABEL)
    name = models.CharField(_("nom"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("statut"), max_length=16, choices=BadgeClassStatus, default=BadgeClassStatus.DRAFT, db_index=True
    )
    min_count = models.PositiveSmallIntegerField(_("nombre minimal de badges"), null=True, blank=True)
    label_badge_class = models.ForeignKey(
        BadgeClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labels_earned_by",
        verbose_name=_("badge décerné par le label"),
    )
    accepts_proposals = models.BooleanField(_("les CFA peuvent proposer des badges"), default=False)
    badge_classes = models.ManyToManyField(
        BadgeClass, through="ProgrammeBadge", related_name="programmes", verbose_name=_("badges")
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ProgrammeKind.LABEL) | Q(min_count__gte=1), name="programme_label_has_min_count"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_label(self) -> bool:
        return self.kind == ProgrammeKind.LABEL

    def rule(self):
        """The programme's rule as plain data for `programmes.programme_progress`."""
        from blason.badges.programmes import ProgrammeRule

        members = sorted(self.members.all(), key=lambda m: (m.position, m.pk))
        return ProgrammeRule(
            kind=ProgrammeKind(self.kind),
            badge_class_ids=tuple(m.badge_class_id for m in members),
            mandatory_ids=frozenset(m.badge_class_id for m in members if m.is_mandatory),
            min_count=self.min_count or 0,
            label_badge_class_id=self.label_badge_class_id,
        )


class ProgrammeBadge(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="members", verbose_name=_("programme")
    )
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="programme_memberships", verbose_name=_("badge")
    )
    is_mandatory = models.BooleanField(_("obligatoire"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("badge du programme")
        verbose_name_plural = _("badges du programme")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "badge_class"], name="programme_badge_unique"),
        ]

    def __str__(self):
        return f"{self.programme} — {self.badge_class}"


class ProgrammeEvent(BaseEvent):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="events", verbose_name=_("programme")
    )
    kind = models.CharField(_("type"), max_length=32, choices=ProgrammeEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de programme")
        verbose_name_plural = _("événements de programme")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.programme}"


class BadgeProposal(TimeStampedModel):
    """A badge a CFA manager suggests adding to a programme (seed 004: « Proposez d’autres badges »)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("programme")
    )
    training_centre = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="badge_proposals",
        verbose_name=_("CFA"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="badge_proposals",
        verbose_name=_("proposé par"),
    )
    name = models.CharField(_("nom du badge proposé"), max_length=255)
    description = models.TextField(_("ce que le badge reconnaît"))
    criteria_text = models.TextField(_("critères proposés"), blank=True)
    status = models.CharField(
        _("statut"), max_length=16, choices=ProposalStatus, default=ProposalStatus.PENDING, db_index=True
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    badge_class = models.OneToOneField(
        BadgeClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("badge créé"),
    )

    class Meta:
        verbose_name = _("proposition de badge")
        verbose_name_plural = _("propositions de badge")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.DECLINED) | ~Q(decline_reason=""),
                name="badge_proposal_declined_has_reason",
            ),
        ]

    def __str__(self):
        return self.name


class BadgeProposalEvent(BaseEvent):
    proposal = models.ForeignKey(
        BadgeProposal, on_delete=models.PROTECT, related_name="events", verbose_name=_("proposition")
    )
    kind = models.CharField(_("type"), max_length=32, choices=BadgeProposalEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de proposition")
        verbose_name_plural = _("événements de proposition")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.proposal}"

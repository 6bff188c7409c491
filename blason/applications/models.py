import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blason.applications.enums import (
    EDITABLE_STATUSES,
    NEXT_STATUSES,
    VOTING_STATUSES,
    ApplicationEventKind,
    ApplicationStatus,
    DecisionOutcome,
    EvidenceType,
    ReviewOpinion,
    Verdict,
)
from blason.badges.enums import CriteriaRule, RecipientKind, ReviewMode
from blason.core.models import BaseEvent, TimeStampedModel
from blason.organisations.enums import Role


def private_storage():
    return storages["private"]


def evidence_upload_to(instance, filename):
    # Object keys never carry personal data: a random uuid, no original name, no extension.
    return f"evidence/{uuid.uuid4()}"


class BadgeApplicationQuerySet(models.QuerySet):
    def awarded(self):
        """Approved applications: the credentials app issues one credential for each."""
        return self.filter(status=ApplicationStatus.APPROVED)

    def pending_review(self):
        return self.filter(
            status__in=[
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.UNDER_REVIEW,
                ApplicationStatus.AWAITING_DECISION,
            ]
        )

    def issued_by(self, organisation):
        return self.filter(badge_version__badge_class__issuer=organisation)

    def of_applicant_user(self, user):
        """Applications the user files: for their CFAs (as CFA manager) or as a learner."""
        managed = user.memberships.filter(is_active=True, role=Role.CFA_MANAGER).values("organisation_id")
        return self.filter(Q(applicant_organisation_id__in=managed) | Q(applicant_learner__user=user))

    def visible_to(self, user):
        """Every application `user` may open: applicant side, active reviewers, trainer, issuer staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.memberships.filter(is_active=True, role=Role.PLATFORM_ADMIN).exists():
            return self.all()
        issuer_ids = user.memberships.filter(is_active=True, role__in=[Role.COORDINATOR, Role.ISSUER_ADMIN]).values(
            "organisation_id"
        )
        reviewed = ReviewAssignment.objects.active().filter(reviewer=user).values("application_id")
        return self.filter(
            Q(pk__in=self.of_applicant_user(user).values("pk"))
            | Q(pk__in=reviewed)
            | Q(applicant_learner__trainer=user, badge_version__review_mode=ReviewMode.TRAINER)
            | Q(badge_version__badge_class__issuer_id__in=issuer_ids)
        )


class BadgeApplication(TimeStampedModel):
    """A request for a badge by a CFA (organisation badge) or a learner (personal badge)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_version = models.ForeignKey(
        "badges.BadgeVersion",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("version du badge demandé"),
    )
    applicant_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="badge_applications",
        null=True,
        blank=True,
        verbose_name=_("CFA demandeur"),
    )
    applicant_learner = models.ForeignKey(
        "organisations.Learner",
        on_delete=models.PROTECT,
        related_name="badge_applications",
        null=True,
        blank=True,
        verbose_name=_("apprenti demandeur"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_badge_applications",
        verbose_name=_("créée par"),
    )
    # Seed 000: the badge carries "la pratique pédagogique innovante résumée en quelques mots clefs".
    practice_title = models.CharField(_("pratique présentée"), max_length=200, blank=True)
    practice_keywords = models.JSONField(_("mots-clés de la pratique"), default=list, blank=True)
    status = models.CharField(
        _("statut"), max_length=32, choices=ApplicationStatus, default=ApplicationStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    is_renewal = models.BooleanField(_("renouvellement"), default=False)
    # A UUID and not a foreign key: credentials is a higher layer than applications.
    renews_credential_public_id = models.UUIDField(_("badge renouvelé"), null=True, blank=True)

    objects = BadgeApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de badge")
        verbose_name_plural = _("demandes de badge")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(applicant_organisation__isnull=False) & Q(applicant_learner__isnull=True))
                | (Q(applicant_organisation__isnull=True) & Q(applicant_learner__isnull=False)),
                name="badge_application_exactly_one_applicant",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT)
                | Q(status=ApplicationStatus.WITHDRAWN)
                | Q(submitted_at__isnull=False),
                name="badge_application_submitted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.badge_version.name} — {self.applicant_name}"

    @property
    def badge_class(self):
        return self.badge_version.badge_class

    @property
    def applicant_name(self) -> str:
        if self.applicant_organisation_id:
            return self.applicant_organisation.name
        return self.applicant_learner.full_name

    @property
    def training_centre_id(self):
        """The CFA behind the application: the applicant CFA, or the learner's CFA."""
        if self.applicant_organisation_id:
            return self.applicant_organisation_id
        return self.applicant_learner.training_centre_id

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_open_to_votes(self) -> bool:
        return self.status in VOTING_STATUSES

    @property
    def review_mode(self) -> str:
        return self.badge_version.review_mode

    @property
    def is_for_person(self) -> bool:
        return self.badge_version.recipient_kind == RecipientKind.PERSON

    def can_transition_to(self, target: ApplicationStatus) -> bool:
        return target in NEXT_STATUSES[ApplicationStatus(self.status)]

    def applicable_criteria(self):
        """The criteria of this application: renewal criteria for a renewal, first-award ones otherwise."""
        criteria = self.badge_version.criteria.order_by("position")
        if self.is_renewal:
            return criteria.filter(for_renewal=True)
        return criteria.filter(for_first_award=True)

    def criteria_rule(self) -> tuple[str, int | None]:
        """(rule, minimum) applying to this application."""
        version = self.badge_version
        if self.is_renewal and version.renewal_criteria_rule:
            return version.renewal_criteria_rule, version.renewal_criteria_min_count
        return version.criteria_rule, version.criteria_min_count

    def publishable_evidence(self):
        """Link and text evidence the applicant agreed to publish with the badge (OB3 `evidence`).

        Files are never published: they stay private to the applicant and the reviewers.
        """
        consented = self.statements.filter(consent_publish_links=True).values("criterion_id")
        return self.evidence.filter(criterion_id__in=consented, type=EvidenceType.LINK).select_related("criterion")

    def required_statement_count(self) -> int:
        rule, minimum = self.criteria_rule()
        total = self.applicable_criteria().count()
        if rule == CriteriaRule.AT_LEAST and minimum:
            return min(minimum, total)
        return total


class CriterionStatement(TimeStampedModel):
    """What the applicant declares for one criterion."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.CASCADE, related_name="statements", verbose_name=_("demande")
    )
    criterion = models.ForeignKey(
        "badges.Criterion", on_delete=models.PROTECT, related_name="statements", verbose_name=_("critère")
    )
    text = models.TextField(_("déclaration"), blank=True)
    consent_publish_links = models.BooleanField(
        _("accepte que les liens de preuve soient publiés avec le badge"), default=False
    )

    class Meta:
        verbose_name = _("déclaration sur un critère")
        verbose_name_plural = _("déclarations sur les critères")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="criterion_statement_unique"),
        ]

    def __str__(self):
        return f"{self.criterion} — {self.text[:40]}"


class Evidence(TimeStampedModel):
    """A piece of evidence for one criterion: a private file, a link or a short text."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        BadgeApplication, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("demande")
    )
    criterion = models.ForeignKey(
        "badges.Criterion", on_delete=models.PROTECT, related_name="evidence", verbose_name=_("critère")
    )
    type = models.CharField(_("nature"), max_length=8, choices=EvidenceType)
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to=evidence_upload_to, max_length=255, blank=True
    )
    original_name = models.CharField(_("nom d’origine"), max_length=255, blank=True)
    content_type = models.CharField(_("type de contenu (reconnu)"), max_length=127, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("taille (octets)"), null=True, blank=True)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    duration_seconds = models.FloatField(_("durée (s)"), null=True, blank=True)
    url = models.URLField(_("lien"), max_length=1000, blank=True)
    text = models.TextField(_("texte"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ajoutée par")
    )

    class Meta:
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        ordering = ["criterion__position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type=EvidenceType.FILE) & ~Q(file="") & ~Q(sha256=""))
                | (Q(type=EvidenceType.LINK) & ~Q(url=""))
                | (Q(type=EvidenceType.TEXT) & ~Q(text="")),
                name="evidence_has_content_of_its_type",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.type == EvidenceType.FILE:
            return self.original_name or str(self.public_id)
        if self.type == EvidenceType.LINK:
            return self.url
        return self.text[:60]

    @property
    def is_video(self) -> bool:
        return self.content_type == "video/mp4"

    @property
    def is_image(self) -> bool:
        return self.content_type in {"image/png", "image/jpeg"}


class Commission(TimeStampedModel):
    """A standing group of experts of an issuer (e.g. the mission's commission of experts)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="commissions", verbose_name=_("émetteur")
    )
    name = models.CharField(_("nom"), max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="commissions", blank=True, verbose_name=_("experts")
    )

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommissionSession(TimeStampedModel):
    """A meeting of a commission; its minutes list the applications examined and the decisions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commission = models.ForeignKey(
        Commission, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("commission")
    )
    held_on = models.DateField(_("date de la séance"))
    location = models.CharField(_("lieu"), max_length=255, blank=True)
    notes = models.TextField(_("observations"), blank=True)
    applications = models.ManyToManyField(
        BadgeApplication, related_name="sessions", blank=True, verbose_name=_("demandes examinées")
    )

    class Meta:
        verbose_name = _("séance de commission")
        verbose_name_plural = _("séances de commission")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.commission} — {self.held_on:%d/%m/%Y}"


class ReviewAssignmentQuerySet(models.QuerySet):
    def active(self):
        """Assignments whose reviewer may see and vote: not withdrawn, no conflict declared."""
        return self.filter(is_active=True, conflict_declared_at__isnull=True)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.active().filter(
            due_at__lt=now,
            review__isnull=True,
            application__status__in=VOTING_STATUSES,
        )


class ReviewAssignment(TimeStampedModel):
    """A reviewer asked to examine an application, by a due date."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("demande")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments", verbose_name=_("expert")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("désigné par")
    )
    due_at = models.DateTimeField(_("à rendre avant le"))
    is_active = models.BooleanField(_("active"), default=True)
    conflict_declared_at = models.DateTimeField(_("conflit d’intérêts déclaré le"), null=True, blank=True)
    conflict_reason = models.TextField(_("nature du conflit d’intérêts"), blank=True)
    reminded_at = models.DateTimeField(_("relancé le"), null=True, blank=True)

    objects = ReviewAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("désignation d’expert")
        verbose_name_plural = _("désignations d’experts")
        ordering = ["application", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_assignment_unique"),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application_id}"

    @property
    def is_overdue(self) -> bool:
        return self.due_at < timezone.now() and not hasattr(self, "review")


class CriterionVote(TimeStampedModel):
    """One reviewer's judgement on one criterion."""

    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="votes", verbose_name=_("désignation")
    )
    criterion = models.ForeignKey(
        "badges.Criterion", on_delete=models.PROTECT, related_name="votes", verbose_name=_("critère")
    )
    verdict = models.CharField(_("appréciation"), max_length=16, choices=Verdict)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("vote sur un critère")
        verbose_name_plural = _("votes sur les critères")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="criterion_vote_unique"),
        ]

    def __str__(self):
        return f"{self.criterion} : {self.get_verdict_display()}"


class Review(TimeStampedModel):
    """A reviewer's overall opinion; its presence marks the review as complete."""

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review", verbose_name=_("désignation")
    )
    opinion = models.CharField(_("avis"), max_length=20, choices=ReviewOpinion)
    comment = models.TextField(_("commentaire motivé"))

    class Meta:
        verbose_name = _("avis d’expert")
        verbose_name_plural = _("avis d’experts")

    def __str__(self):
        return self.get_opinion_display()


class CommissionDecision(TimeStampedModel):
    """The decision recorded by the coordinator (or the trainer): award, refuse, or more information."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("demande")
    )
    session = models.ForeignKey(
        CommissionSession,
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name=_("séance"),
    )
    outcome = models.CharField(_("décision"), max_length=20, choices=DecisionOutcome)
    reason = models.TextField(_("motif"))
    proposal = models.CharField(_("proposition de Blason"), max_length=20, choices=DecisionOutcome, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("décidée par")
    )

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="commission_decision_reason_required"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} — {self.application_id}"


class ApplicationEvent(BaseEvent):
    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="events", verbose_name=_("demande")
    )
    kind = models.CharField(_("type"), max_length=32, choices=ApplicationEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement de demande")
        verbose_name_plural = _("événements de demande")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.application_id}"

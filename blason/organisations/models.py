import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from blason.core.models import BaseEvent, TimeStampedModel
from blason.organisations.enums import (
    STAFF_ROLES,
    ExpertAffiliation,
    IssuerCategory,
    OrganisationEventKind,
    OrganisationKind,
    Role,
)
from blason.organisations.validators import validate_siren, validate_siret, validate_uai


def logo_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"logos/{uuid.uuid4()}.{extension}"


class OrganisationQuerySet(models.QuerySet):
    def issuers(self):
        return self.filter(kind=OrganisationKind.ISSUER)

    def training_centres(self):
        return self.filter(kind=OrganisationKind.TRAINING_CENTRE)

    def where_user_has_role(self, user, *roles):
        return self.filter(memberships__user=user, memberships__role__in=roles, memberships__is_active=True).distinct()


class Organisation(TimeStampedModel):
    """An issuer (Rectorat mission, Région, training organisation) or a training centre (CFA)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("nature"), max_length=32, choices=OrganisationKind)
    issuer_category = models.CharField(_("catégorie d’émetteur"), max_length=32, choices=IssuerCategory, blank=True)
    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(_("identifiant court"), max_length=80, unique=True)
    description = models.TextField(_("présentation"), blank=True)
    url = models.URLField(_("site internet"), blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    contact_email = models.EmailField(_("adresse électronique de contact"), blank=True)
    street_address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    country_code = models.CharField(_("pays"), max_length=2, default="FR")
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    uai = models.CharField(_("code UAI"), max_length=8, blank=True, validators=[validate_uai])
    director_name = models.CharField(_("nom de la directrice ou du directeur"), max_length=255, blank=True)
    director_email = models.EmailField(_("adresse électronique de la direction"), blank=True)
    diplomas = models.JSONField(_("diplômes préparés"), default=list, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OrganisationKind.TRAINING_CENTRE) | ~Q(issuer_category=""),
                name="organisation_issuer_has_category",
            ),
            models.UniqueConstraint(fields=["uai"], condition=~Q(uai=""), name="organisation_uai_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_issuer(self) -> bool:
        return self.kind == OrganisationKind.ISSUER

    @property
    def is_training_centre(self) -> bool:
        return self.kind == OrganisationKind.TRAINING_CENTRE

    @property
    def may_use_state_design_system(self) -> bool:
        # The DSFR is reserved to State bodies (its licence forbids it to territorial bodies).
        return self.issuer_category == IssuerCategory.STATE_BODY

    @property
    def postal_address_lines(self) -> list[str]:
        lines = [self.street_address, f"{self.postal_code} {self.city}".strip()]
        return [line for line in lines if line]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(TimeStampedModel):
    """A role held by a person in an organisation (platform admins hold theirs without one)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("personne")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rôle"), max_length=32, choices=Role)
    affiliation = models.CharField(_("affiliation"), max_length=32, choices=ExpertAffiliation, blank=True)
    affiliation_detail = models.CharField(_("précision sur l’affiliation"), max_length=255, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=Q(role=Role.PLATFORM_ADMIN) | Q(organisation__isnull=False),
                name="membership_org_required_unless_platform_admin",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.EXPERT) | Q(affiliation=""),
                name="membership_affiliation_only_for_experts",
            ),
        ]

    def __str__(self):
        where = f" — {self.organisation}" if self.organisation_id else ""
        return f"{self.user} : {self.get_role_display()}{where}"

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class Cohort(TimeStampedModel):
    """A "promotion": a group of learners of one training centre following one diploma."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training_centre = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("CFA")
    )
    name = models.CharField(_("nom"), max_length=255)
    diploma = models.CharField(_("diplôme préparé"), max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField(_("année de début"), null=True, blank=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-start_year", "name"]
        constraints = [models.UniqueConstraint(fields=["training_centre", "name"], name="cohort_unique_name")]

    def __str__(self):
        return self.name


class LearnerQuerySet(models.QuerySet):
    def of_training_centre(self, organisation):
        return self.filter(training_centre=organisation)


class Learner(TimeStampedModel):
    """An apprentice, linked to a CFA and a cohort, with their employer and tutor."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learner",
        verbose_name=_("compte"),
    )
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    training_centre = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="learners", verbose_name=_("CFA")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="learners", null=True, blank=True, verbose_name=_("promotion")
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trained_learners",
        verbose_name=_("formateur référent"),
    )
    employer_name = models.CharField(_("employeur"), max_length=255, blank=True)
    tutor_name = models.CharField(_("maître d’apprentissage"), max_length=255, blank=True)
    tutor_email = models.EmailField(_("adresse électronique du maître d’apprentissage"), blank=True)
    tutor_company = models.CharField(_("entreprise du maître d’apprentissage"), max_length=255, blank=True)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("apprenti")
        verbose_name_plural = _("apprentis")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["training_centre", "email"], name="learner_unique_email_per_cfa")
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class OrganisationEvent(BaseEvent):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="events", verbose_name=_("organisation")
    )
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationEventKind)

    class Meta(BaseEvent.Meta):
        verbose_name = _("événement d’organisation")
        verbose_name_plural = _("événements d’organisation")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.organisation}"

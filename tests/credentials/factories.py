"""Factories for the credentials tests (and the organisations/badges rows they need).

Traits, not subclasses. `for_snapshot` fixes every uuid, slug, salt, index and date.
"""

import datetime
import uuid

import factory
from django.utils import timezone

from blason.accounts.models import User
from blason.badges.enums import (
    AchievementType,
    AlignmentFramework,
    BadgeClassStatus,
    EvidenceKind,
    RecipientKind,
    ReviewMode,
)
from blason.badges.models import Alignment, BadgeClass, BadgeVersion, Criterion
from blason.credentials import services
from blason.organisations.enums import STAFF_ROLES, IssuerCategory, OrganisationKind, Role
from blason.organisations.models import Learner, Membership, Organisation

SNAPSHOT_MOMENT = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("demo-blason-2026")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    class Params:
        issuer = factory.Trait(
            kind=OrganisationKind.ISSUER,
            issuer_category=IssuerCategory.STATE_BODY,
            name=factory.Sequence(lambda n: f"Rectorat de région académique {n}"),
            contact_email="mission@example.org",
            uai="",
        )
        for_snapshot = factory.Trait(
            public_id=uuid.UUID("00000000-0000-4000-8000-0000000000a1"),
            slug="paca-mission",
            name="Rectorat de région académique PACA — mission ICAPA",
        )

    kind = OrganisationKind.TRAINING_CENTRE
    name = factory.Sequence(lambda n: f"CFA numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    contact_email = factory.Sequence(lambda n: f"contact{n}@cfa.example.org")
    street_address = "12 rue des Arts"
    postal_code = "83600"
    city = "Fréjus"
    director_name = "Dominique Durand"
    director_email = factory.Sequence(lambda n: f"direction{n}@cfa.example.org")
    siret = "13002526500013"
    uai = factory.Sequence(lambda n: f"0831{n % 1000:03d}{'ABCDEFGHJKLMNPRSTUVWXYZ'[n % 23]}")


def give_totp(user) -> None:
    """Staff roles must have a TOTP authenticator (RequireStaffTwoFactorMiddleware)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, issuer=True)
    role = Role.ISSUER_ADMIN

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and self.role in STAFF_ROLES:
            give_totp(self.user)


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    first_name = "Léa"
    last_name = factory.Sequence(lambda n: f"Apprentie{n}")
    email = factory.Sequence(lambda n: f"apprenti{n}@example.org")
    training_centre = factory.SubFactory(OrganisationFactory)


class BadgeClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeClass

    issuer = factory.SubFactory(OrganisationFactory, issuer=True)
    status = BadgeClassStatus.PUBLISHED


class BadgeVersionFactory(factory.django.DjangoModelFactory):
    """A published badge version, made current, with criteria and a Kirkpatrick alignment."""

    class Meta:
        model = BadgeVersion
        skip_postgeneration_save = True

    class Params:
        for_person = factory.Trait(recipient_kind=RecipientKind.PERSON.value, review_mode=ReviewMode.TRAINER.value)
        for_snapshot = factory.Trait(
            public_id=uuid.UUID("00000000-0000-4000-8000-0000000000b2"),
            badge_class=factory.SubFactory(
                BadgeClassFactory,
                public_id=uuid.UUID("00000000-0000-4000-8000-0000000000b1"),
                issuer=factory.SubFactory(OrganisationFactory, issuer=True, for_snapshot=True),
            ),
        )

    badge_class = factory.SubFactory(BadgeClassFactory)
    number = 1
    name = "Pratique pédagogique innovante — niveau 1"
    description = "Reconnaît une pratique pédagogique innovante évaluée selon le modèle de Kirkpatrick."
    keywords = factory.LazyFunction(lambda: ["pédagogie inversée", "numérique"])
    achievement_type = AchievementType.BADGE.value
    recipient_kind = RecipientKind.ORGANISATION.value
    review_mode = ReviewMode.COMMISSION.value
    validity_months = 36

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted or [
            "Évaluer la satisfaction des apprenants à l’issue de la formation",
            "Évaluer les acquisitions en cours ou en fin de formation",
        ]
        for position, text in enumerate(texts, start=1):
            Criterion.objects.create(version=self, position=position, text=text, evidence_kind=EvidenceKind.DOCUMENT)
        Alignment.objects.create(
            version=self,
            framework=AlignmentFramework.KIRKPATRICK,
            code="2",
            name="Kirkpatrick niveau 2 — apprentissage",
            url="https://www.kirkpatrickpartners.com/the-kirkpatrick-model/",
        )
        BadgeClass.objects.filter(pk=self.badge_class_id).update(current_version=self)
        self.badge_class.current_version = self


class CredentialFactory(factory.Factory):
    """Issues a real, signed credential through services.issue_credential."""

    class Meta:
        model = dict  # built through the service in _create

    class Params:
        for_learner = factory.Trait(
            badge_version=factory.SubFactory(BadgeVersionFactory, for_person=True),
            recipient_learner=factory.SubFactory(LearnerFactory),
            recipient_organisation=None,
        )

    badge_version = factory.SubFactory(BadgeVersionFactory)
    recipient_organisation = factory.SubFactory(OrganisationFactory)
    recipient_learner = None
    by = None
    evidence = ()
    awarded_at = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.issue_credential(**kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("CredentialFactory always issues through the service")


def snapshot_credential():
    """An unsaved Credential with every varying value fixed, for the OB3 snapshot."""
    from blason.credentials.enums import StatusPurpose
    from blason.credentials.models import Credential

    version = BadgeVersionFactory(for_snapshot=True)
    issuer = version.badge_class.issuer
    centre = OrganisationFactory(
        public_id=uuid.UUID("00000000-0000-4000-8000-0000000000a2"),
        slug="cfa-la-fabrik",
        name="CFA La Fabrik",
        contact_email="contact@lafabrik.example.org",
        street_address="150 avenue de Provence",
        postal_code="83600",
        city="Fréjus",
        uai="0831234A",
        siret="13002526500013",
        director_name="Dominique Durand",
        director_email="direction@lafabrik.example.org",
    )
    revocation = services.get_status_list(issuer, StatusPurpose.REVOCATION)
    suspension = services.get_status_list(issuer, StatusPurpose.SUSPENSION)
    return Credential(
        public_id=uuid.UUID("00000000-0000-4000-8000-0000000000c1"),
        badge_version=version,
        issuer=issuer,
        recipient_organisation=centre,
        recipient_email=centre.contact_email,
        identity_salt="0123456789abcdef0123456789abcdef",
        awarded_at=SNAPSHOT_MOMENT,
        valid_from=SNAPSHOT_MOMENT,
        valid_until=datetime.datetime(2029, 1, 15, 9, 0, tzinfo=datetime.UTC),
        revocation_list=revocation,
        revocation_index=4242,
        suspension_list=suspension,
        suspension_index=4242,
    )


def now():
    return timezone.now()

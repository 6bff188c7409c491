"""Factories for badge tests (users and organisations too, kept local to this app's tests)."""

import uuid

import factory
from django.utils import timezone

from blason.accounts.models import User
from blason.badges.enums import (
    AlignmentFramework,
    BadgeClassStatus,
    CriteriaRule,
    EvidenceKind,
    ProgrammeKind,
    RecipientKind,
)
from blason.badges.models import Alignment, BadgeClass, BadgeVersion, Criterion, Programme, ProgrammeBadge
from blason.organisations.enums import IssuerCategory, OrganisationKind, Role
from blason.organisations.models import Membership, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("demo-blason-2026")

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        # Staff roles must have a TOTP authenticator (RequireStaffTwoFactorMiddleware).
        if create and extracted:
            from allauth.mfa.models import Authenticator

            Authenticator.objects.create(user=self, type=Authenticator.Type.TOTP, data={"secret": "x"})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    class Params:
        training_centre = factory.Trait(kind=OrganisationKind.TRAINING_CENTRE, issuer_category="")

    kind = OrganisationKind.ISSUER
    issuer_category = IssuerCategory.TERRITORIAL_BODY
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    contact_email = "contact@exemple.fr"
    city = "Caen"
    postal_code = "14000"
    street_address = "1 rue de la Paix"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.ISSUER_ADMIN


def issuer_admin(organisation=None):
    organisation = organisation or OrganisationFactory()
    user = UserFactory(with_totp=True)
    MembershipFactory(user=user, organisation=organisation, role=Role.ISSUER_ADMIN)
    return user


def cfa_manager(training_centre=None):
    training_centre = training_centre or OrganisationFactory(training_centre=True)
    user = UserFactory()
    MembershipFactory(user=user, organisation=training_centre, role=Role.CFA_MANAGER)
    return user


class BadgeClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeClass
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(status=BadgeClassStatus.PUBLISHED)
        archived = factory.Trait(status=BadgeClassStatus.ARCHIVED)
        for_snapshot = factory.Trait(public_id=uuid.UUID("00000000-0000-4000-8000-0000000000b1"))

    issuer = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if not create or self.current_version_id:
            return
        version = BadgeVersionFactory(badge_class=self, **kwargs)
        self.current_version = version
        self.save(update_fields=["current_version"])


class BadgeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeVersion
        skip_postgeneration_save = True

    class Params:
        frozen = factory.Trait(frozen_at=factory.LazyFunction(timezone.now))
        at_least_two = factory.Trait(criteria_rule=CriteriaRule.AT_LEAST, criteria_min_count=2)

    badge_class = factory.SubFactory(BadgeClassFactory, version=None)
    number = 1
    name = factory.Sequence(lambda n: f"Badge {n}")
    description = "Reconnaît une pratique pédagogique remarquable."
    keywords = factory.LazyFunction(lambda: ["numérique", "pédagogie"])
    recipient_kind = RecipientKind.ORGANISATION

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted if extracted is not None else ["Premier critère", "Deuxième critère", "Troisième critère"]
        for position, text in enumerate(texts, 1):
            Criterion.objects.create(version=self, position=position, text=text, evidence_kind=EvidenceKind.DOCUMENT)

    @factory.post_generation
    def alignments(self, create, extracted, **kwargs):
        if create and extracted:
            Alignment.objects.create(
                version=self,
                framework=AlignmentFramework.KIRKPATRICK,
                code="2",
                name="Niveau 2 : acquisitions",
                url="https://fr.wikipedia.org/wiki/Mod%C3%A8le_de_Kirkpatrick",
            )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    issuer = factory.SubFactory(OrganisationFactory)
    kind = ProgrammeKind.LABEL
    name = factory.Sequence(lambda n: f"Label {n}")
    status = BadgeClassStatus.PUBLISHED
    min_count = 2


def add_to_programme(programme, badge_class, *, mandatory=False, position=0):
    return ProgrammeBadge.objects.create(
        programme=programme, badge_class=badge_class, is_mandatory=mandatory, position=position
    )

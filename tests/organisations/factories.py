import uuid

import factory

from blason.organisations.enums import ExpertAffiliation, IssuerCategory, OrganisationKind, Role
from blason.organisations.models import Cohort, Learner, Membership, Organisation
from blason.organisations.validators import with_luhn_check_digit, with_uai_check_letter
from tests.accounts.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A training centre (CFA) by default; `issuer=True` for an issuer."""

    class Meta:
        model = Organisation

    class Params:
        issuer = factory.Trait(
            kind=OrganisationKind.ISSUER,
            issuer_category=IssuerCategory.STATE_BODY,
            uai="",
            name=factory.Sequence(lambda n: f"Mission d’inspection {n}"),
            siren=factory.Sequence(lambda n: with_luhn_check_digit(f"{110000000 + n}"[:8])),
        )
        territorial = factory.Trait(issuer=True, issuer_category=IssuerCategory.TERRITORIAL_BODY)
        # Fixed identifiers and names for syrupy snapshots.
        for_snapshot = factory.Trait(
            public_id=uuid.UUID("00000000-0000-4000-8000-00000000c0fa"),
            slug="cfa-snapshot",
            name="CFA Instantané",
            uai="0750655E",
            siret="73282932000074",
            email="contact@cfa-instantane.example.fr",
        )

    kind = OrganisationKind.TRAINING_CENTRE
    name = factory.Sequence(lambda n: f"CFA numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    street_address = "12 rue de la République"
    postal_code = "83600"
    city = "Fréjus"
    email = factory.Sequence(lambda n: f"contact{n}@cfa.example.fr")
    uai = factory.Sequence(lambda n: with_uai_check_letter(f"{831000 + n:07d}"))
    siret = factory.Sequence(lambda n: with_luhn_check_digit(f"{4000000000000 + n * 10:013d}"))
    director_name = "Claire Martin"
    director_email = factory.Sequence(lambda n: f"direction{n}@cfa.example.fr")
    diplomas = factory.LazyFunction(lambda: ["BTS MCO", "Bac pro Métiers du commerce"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    class Params:
        expert = factory.Trait(role=Role.EXPERT, affiliation=ExpertAffiliation.CPRE_CPNE)

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CFA_MANAGER


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    training_centre = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"BTS MCO promotion {n}")
    diploma = "BTS MCO"
    start_year = 2025


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"apprenti{n}@exemple.fr")
    training_centre = factory.SubFactory(OrganisationFactory)
    cohort = factory.SubFactory(CohortFactory, training_centre=factory.SelfAttribute("..training_centre"))
    employer_name = "Boulangerie Durand"
    tutor_name = "Paul Durand"
    tutor_email = factory.Sequence(lambda n: f"tuteur{n}@exemple.fr")
    tutor_company = "Boulangerie Durand"

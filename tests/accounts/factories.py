import uuid

import factory
from allauth.account.models import EmailAddress

from blason.accounts.models import User
from blason.accounts.services import activate_totp

PASSWORD = "mot-de-passe-de-test-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified primary email and the password PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        unverified = False  # the email address is registered but not verified
        with_totp = False  # a TOTP authenticator with TOTP_SECRET
        # Fixed identifiers and names for syrupy snapshots.
        for_snapshot = factory.Trait(
            public_id=uuid.UUID("00000000-0000-4000-8000-0000000005e1"),
            email="camille.martin@exemple.fr",
            first_name="Camille",
            last_name="Martin",
        )

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)

    email_address = factory.Maybe(
        "unverified",
        yes_declaration=factory.PostGeneration(lambda obj, create, extracted, **kw: _add_email(obj, create, False)),
        no_declaration=factory.PostGeneration(lambda obj, create, extracted, **kw: _add_email(obj, create, True)),
    )
    totp = factory.Maybe(
        "with_totp",
        yes_declaration=factory.PostGeneration(
            lambda obj, create, extracted, **kw: create and activate_totp(obj, secret=TOTP_SECRET)
        ),
    )


def _add_email(user, create, verified):
    if create:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)

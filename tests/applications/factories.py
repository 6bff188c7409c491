"""Factories for the applications tests (and the rows they need from lower apps).

They live here rather than in tests/<lower app>/ so this branch does not collide with the
factories other teams write for their apps.
"""

import struct
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from blason.accounts.models import User
from blason.applications.enums import ApplicationStatus
from blason.applications.models import BadgeApplication, CriterionStatement, Evidence, ReviewAssignment
from blason.badges.enums import BadgeClassStatus, CriteriaRule, EvidenceKind, RecipientKind, ReviewMode
from blason.badges.models import BadgeClass, BadgeVersion, Criterion
from blason.organisations.enums import ExpertAffiliation, IssuerCategory, OrganisationKind, Role
from blason.organisations.models import Learner, Membership, Organisation

PASSWORD = "demo-blason-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    class Params:
        issuer = factory.Trait(kind=OrganisationKind.ISSUER, issuer_category=IssuerCategory.STATE_BODY)

    kind = OrganisationKind.TRAINING_CENTRE
    name = factory.Sequence(lambda n: f"CFA numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    class Params:
        expert = factory.Trait(role=Role.EXPERT, affiliation=ExpertAffiliation.CPRE_CPNE)

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CFA_MANAGER


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    user = factory.SubFactory(UserFactory)
    first_name = "Lina"
    last_name = factory.Sequence(lambda n: f"Apprentie{n}")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "apprentie@exemple.test")
    training_centre = factory.SubFactory(OrganisationFactory)
    trainer = factory.SubFactory(UserFactory)


def make_badge(
    *,
    issuer=None,
    criteria: int = 3,
    recipient_kind=RecipientKind.ORGANISATION,
    review_mode=ReviewMode.COMMISSION,
    status=BadgeClassStatus.PUBLISHED,
    renewal_only_texts=(),
    **version_fields,
) -> BadgeClass:
    """A badge class with a current version and `criteria` criteria (all for first award and renewal)."""
    badge_class = BadgeClass.objects.create(issuer=issuer or OrganisationFactory(issuer=True), status=status)
    version = BadgeVersion.objects.create(
        badge_class=badge_class,
        name=version_fields.pop("name", "Pratique remarquable — niveau 1"),
        description="Reconnaît une pratique remarquable d’un CFA.",
        recipient_kind=recipient_kind,
        review_mode=review_mode,
        level_number=1,
        criteria_rule=version_fields.pop("criteria_rule", CriteriaRule.ALL),
        **version_fields,
    )
    for position in range(1, criteria + 1):
        Criterion.objects.create(
            version=version,
            position=position,
            text=f"Critère de test numéro {position}",
            evidence_kind=EvidenceKind.DOCUMENT,
        )
    for offset, text in enumerate(renewal_only_texts, start=criteria + 1):
        Criterion.objects.create(
            version=version,
            position=offset,
            text=text,
            evidence_kind=EvidenceKind.TEXT,
            for_first_award=False,
            for_renewal=True,
        )
    badge_class.current_version = version
    badge_class.save()
    return badge_class


class BadgeApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeApplication
        skip_postgeneration_save = True

    class Params:
        submitted = factory.Trait(status=ApplicationStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now))
        badge_class = None

    badge_version = factory.LazyAttribute(lambda o: (o.badge_class or make_badge()).current_version)
    applicant_organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_statements(self, create, extracted, **kwargs):
        if create and extracted:
            for criterion in self.applicable_criteria():
                CriterionStatement.objects.create(
                    application=self, criterion=criterion, text=f"Notre pratique pour « {criterion.text} »."
                )
                Evidence.objects.create(
                    application=self, criterion=criterion, type="text", text="Compte rendu de la pratique."
                )


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(BadgeApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))


# --- Real minimal files ------------------------------------------------------------------


def minimal_pdf() -> bytes:
    """A real, valid one-page PDF (objects, xref table with exact offsets, trailer, %%EOF)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
    ]
    stream = b"BT /F1 12 Tf 20 100 Td (Preuve) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def minimal_mp4(seconds: float, *, timescale: int = 1000, padding: int = 64) -> bytes:
    """An ISO base media file: ftyp, moov/mvhd declaring `seconds`, and a small mdat."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
    mvhd = _box(
        b"mvhd",
        b"\x00\x00\x00\x00"  # version 0, flags
        + struct.pack(">IIII", 0, 0, timescale, int(seconds * timescale))
        + struct.pack(">IH", 0x00010000, 0x0100)  # rate 1.0, volume 1.0
        + b"\x00" * 10
        + matrix
        + b"\x00" * 24
        + struct.pack(">I", 2),
    )
    return ftyp + _box(b"moov", mvhd) + _box(b"mdat", b"\x00" * padding)


def pdf_upload(name="preuve.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def mp4_upload(seconds=120, name="video.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_mp4(seconds), content_type="video/mp4")


def give_totp(user):
    """Staff accounts must have a TOTP authenticator (RequireStaffTwoFactorMiddleware)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret

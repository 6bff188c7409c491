import json

import pytest

from blason.credentials import baking, services, status_list
from blason.credentials.enums import CredentialEventKind, CredentialStatus, StatusPurpose
from blason.credentials.exceptions import CredentialStateError, IssuanceError
from blason.credentials.models import SigningKey, StatusList
from blason.credentials.verification import verify_document
from tests.credentials.factories import (
    BadgeVersionFactory,
    CredentialFactory,
    LearnerFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_issue_credential_signs_stores_and_emails(django_capture_on_commit_callbacks, mailoutbox):
    admin = UserFactory()
    centre = OrganisationFactory(name="CFA La Fabrik")
    version = BadgeVersionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.issue_credential(badge_version=version, recipient_organisation=centre, by=admin)

    assert credential.document["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential.document["credentialSubject"]["name"] == "CFA La Fabrik"
    assert list(credential.events.values_list("kind", flat=True)) == [CredentialEventKind.ISSUED]
    assert credential.status == CredentialStatus.VALID
    assert credential.revocation_index == credential.suspension_index
    baked = credential.baked_png.read()
    assert json.loads(baking.unbake_png(baked)) == credential.document
    assert [m.to for m in mailoutbox] == [[centre.contact_email]]
    assert "CFA La Fabrik" in mailoutbox[0].body
    version.refresh_from_db()
    assert version.frozen_at is not None
    assert verify_document(credential.document).status == "valid"


def test_issue_credential_to_learner():
    credential = CredentialFactory(for_learner=True)
    assert credential.recipient_email == credential.recipient_learner.email
    # Personal data: nothing but the salted email hash identifies a learner in the signed credential.
    raw = credential.document_json
    learner = credential.recipient_learner
    assert "name" not in credential.document["credentialSubject"]
    for personal in (learner.first_name, learner.last_name, learner.email):
        assert personal not in raw
    assert "address" not in credential.document["credentialSubject"]


def test_issue_credential_needs_exactly_one_recipient():
    with pytest.raises(IssuanceError):
        services.issue_credential(badge_version=BadgeVersionFactory(), by=None)
    with pytest.raises(IssuanceError):
        services.issue_credential(
            badge_version=BadgeVersionFactory(),
            recipient_organisation=OrganisationFactory(),
            recipient_learner=LearnerFactory(),
            by=None,
        )


def test_issue_credential_refuses_recipient_without_email():
    centre = OrganisationFactory(contact_email="", email="", director_email="")
    with pytest.raises(IssuanceError):
        services.issue_credential(badge_version=BadgeVersionFactory(), recipient_organisation=centre, by=None)


def test_indexes_are_random_and_unique_per_list():
    version = BadgeVersionFactory()
    credentials = [CredentialFactory(badge_version=version) for _ in range(5)]
    indexes = {c.revocation_index for c in credentials}
    assert len(indexes) == 5
    assert indexes != set(range(min(indexes), min(indexes) + 5))


def _bit(credential, purpose):
    status = StatusList.objects.get(issuer=credential.issuer, purpose=purpose)
    return status_list.get_bit(bytes(status.bits), credential.revocation_index)


def test_revoke_sets_bit_records_reason_and_emails(django_capture_on_commit_callbacks, mailoutbox):
    credential = CredentialFactory()
    version_before = StatusList.objects.get(issuer=credential.issuer, purpose=StatusPurpose.REVOCATION).version
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_credential(credential, reason="Pratique abandonnée", by=UserFactory())
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REVOKED
    assert credential.revocation_reason == "Pratique abandonnée"
    assert _bit(credential, StatusPurpose.REVOCATION)
    assert StatusList.objects.get(issuer=credential.issuer, purpose="revocation").version == version_before + 1
    assert "Pratique abandonnée" in mailoutbox[-1].body
    report = verify_document(credential.document)
    assert report.status == "revoked"
    assert "Pratique abandonnée" in report.message
    with pytest.raises(CredentialStateError):
        services.revoke_credential(credential, reason="encore", by=None)


def test_suspend_and_reinstate():
    credential = CredentialFactory()
    services.suspend_credential(credential, by=None, reason="Contrôle en cours")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.SUSPENDED
    assert _bit(credential, StatusPurpose.SUSPENSION) and _bit(credential, StatusPurpose.REVOCATION)
    assert verify_document(credential.document).status == "suspended"
    with pytest.raises(CredentialStateError):
        services.suspend_credential(credential, by=None)
    services.reinstate_credential(credential, by=None)
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.VALID
    assert not _bit(credential, StatusPurpose.SUSPENSION) and not _bit(credential, StatusPurpose.REVOCATION)
    assert verify_document(credential.document).status == "valid"
    with pytest.raises(CredentialStateError):
        services.reinstate_credential(credential, by=None)
    kinds = list(credential.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["issued", "suspended", "reinstated"]


def test_revoking_a_suspended_credential_makes_it_revoked():
    credential = CredentialFactory()
    services.suspend_credential(credential, by=None)
    services.revoke_credential(credential, reason="Fraude", by=None)
    credential.refresh_from_db()
    assert not _bit(credential, StatusPurpose.SUSPENSION)
    assert verify_document(credential.document).status == "revoked"


def test_key_rotation_keeps_old_credentials_valid():
    old = CredentialFactory()
    old_key = old.signing_key
    new_key = services.rotate_signing_key(old.issuer)
    old_key.refresh_from_db()
    assert not old_key.is_active and new_key.is_active
    new = CredentialFactory(badge_version=old.badge_version)
    assert new.signing_key == new_key
    assert verify_document(old.document).status == "valid"
    assert verify_document(new.document).status == "valid"
    did_doc = services.did_document(old.issuer)
    assert {m["publicKeyMultibase"] for m in did_doc["verificationMethod"]} == {
        old_key.public_key_multibase,
        new_key.public_key_multibase,
    }
    services.retire_signing_key(old_key)
    report = verify_document(old.document)
    assert report.status == "invalid"
    assert "n’appartient pas" in report.message
    assert SigningKey.objects.not_retired().filter(issuer=old.issuer).count() == 1


def test_award_directly_picks_recipient_kind():
    version = BadgeVersionFactory(for_person=True)
    learner = LearnerFactory()
    credential = services.award_directly(version.badge_class, learner, by=None, narrative="Projet remarquable")
    assert credential.recipient_learner == learner
    assert credential.document["evidence"][0]["narrative"] == "Projet remarquable"
    with pytest.raises(IssuanceError):
        services.award_directly(version.badge_class, object(), by=None)


# --- awarded applications -----------------------------------------------------------------------


def _awarded_application(*, with_file=True, coordinator_email="coordination@example.org"):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from blason.applications.enums import ApplicationStatus, EvidenceType
    from blason.applications.models import BadgeApplication, CriterionStatement, Evidence, ReviewAssignment
    from blason.organisations.enums import ExpertAffiliation, Role
    from tests.credentials.factories import MembershipFactory

    version = BadgeVersionFactory()
    issuer = version.badge_class.issuer
    centre = OrganisationFactory(name="CFA Triphase")
    application = BadgeApplication.objects.create(
        badge_version=version,
        applicant_organisation=centre,
        created_by=UserFactory(),
        status=ApplicationStatus.APPROVED,
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
    )
    first, second = version.criteria.order_by("position")
    CriterionStatement.objects.create(
        application=application, criterion=first, text="Enquête de satisfaction à chaud", consent_publish_links=True
    )
    CriterionStatement.objects.create(application=application, criterion=second, text="Évaluations en cours")
    Evidence.objects.create(
        application=application, criterion=first, type=EvidenceType.LINK, url="https://video.example.org/publique"
    )
    Evidence.objects.create(
        application=application, criterion=second, type=EvidenceType.LINK, url="https://drive.example.org/prive"
    )
    if with_file:
        evidence = Evidence(
            application=application,
            criterion=first,
            type=EvidenceType.FILE,
            original_name="bilan-confidentiel.pdf",
            sha256="ab" * 32,
        )
        evidence.file.save("x", ContentFile(b"%PDF-1.4 secret"), save=False)
        evidence.save()
    expert = MembershipFactory(
        organisation=issuer, role=Role.EXPERT, affiliation=ExpertAffiliation.CPRE_CPNE, user__first_name="Alix"
    ).user
    ReviewAssignment.objects.create(application=application, reviewer=expert, due_at=timezone.now())
    MembershipFactory(organisation=issuer, role=Role.COORDINATOR, user__email=coordinator_email)
    return application


def test_issue_for_awarded_applications_is_idempotent_and_publishes_only_consented_links():
    application = _awarded_application()
    evidence_file = application.evidence.get(type="file")
    issued = services.issue_for_awarded_applications()
    assert [c.application for c in issued] == [application]
    assert services.issue_for_awarded_applications() == []
    credential = issued[0]
    raw = credential.document_json
    assert "https://video.example.org/publique" in raw
    assert "https://drive.example.org/prive" not in raw
    for secret in (evidence_file.file.name, evidence_file.original_name, evidence_file.sha256, "secret"):
        assert secret not in raw
    narratives = [item.get("narrative", "") for item in credential.document["evidence"]]
    assert "Enquête de satisfaction à chaud" in narratives
    review = next(item for item in credential.document["evidence"] if item["name"] == "Instruction du badge")
    assert "CPRE-CPNE" in review["narrative"] and "coordination@example.org" in review["narrative"]
    assert credential.issuer.name in review["narrative"]
    assert verify_document(credential.document).valid


def test_issue_for_awarded_applications_falls_back_to_the_applicant_email_when_the_cfa_has_none():
    application = _awarded_application(with_file=False)
    application.applicant_organisation.contact_email = ""
    application.applicant_organisation.email = ""
    application.applicant_organisation.director_email = ""
    application.applicant_organisation.save()
    [credential] = services.issue_for_awarded_applications()
    assert credential.recipient_email == application.created_by.email
    assert services.issue_for_awarded_applications() == []


def test_issue_awarded_command_and_task():
    from django.core.management import call_command

    from blason.credentials import tasks

    _awarded_application(with_file=False, coordinator_email="c1@example.org")
    call_command("issue_awarded_credentials")
    _awarded_application(with_file=False, coordinator_email="c2@example.org")
    tasks.issue_for_awarded_applications.enqueue()
    from blason.credentials.models import Credential

    assert Credential.objects.filter(application__isnull=False).count() == 2


# --- labels -------------------------------------------------------------------------------------


def test_label_is_issued_with_the_tenth_badge_including_the_five_mandatory_ones():
    from blason.badges.enums import BadgeClassStatus, ProgrammeKind
    from blason.badges.models import Programme, ProgrammeBadge
    from blason.credentials.models import Credential

    issuer = OrganisationFactory(issuer=True)
    versions = [BadgeVersionFactory(badge_class__issuer=issuer, name=f"Badge {n}") for n in range(12)]
    label = BadgeVersionFactory(badge_class__issuer=issuer, name="Label CFA numérique", validity_months=None)
    programme = Programme.objects.create(
        issuer=issuer,
        name="Label CFA numérique normand",
        kind=ProgrammeKind.LABEL,
        status=BadgeClassStatus.PUBLISHED,
        min_count=10,
        label_badge_class=label.badge_class,
    )
    for position, version in enumerate(versions):
        ProgrammeBadge.objects.create(
            programme=programme, badge_class=version.badge_class, position=position, is_mandatory=position < 5
        )
    centre = OrganisationFactory()

    def labels():
        return Credential.objects.filter(recipient_organisation=centre, badge_version=label).count()

    # Nine optional-first badges: 4 of the 5 mandatory ones plus 7 optional ones = 11 badges, no label.
    for version in versions[1:12]:
        services.issue_credential(badge_version=version, recipient_organisation=centre, by=None)
    assert labels() == 0
    # The fifth mandatory badge completes the rule: the label is issued once.
    services.issue_credential(badge_version=versions[0], recipient_organisation=centre, by=None)
    assert labels() == 1
    credential = Credential.objects.get(recipient_organisation=centre, badge_version=label)
    earliest = min(
        c.valid_until for c in Credential.objects.filter(recipient_organisation=centre).exclude(pk=credential.pk)
    )
    assert credential.valid_until == earliest
    assert credential.document["evidence"][0]["name"] == "Programme « Label CFA numérique normand »"
    services.issue_credential(badge_version=versions[3], recipient_organisation=centre, by=None)
    assert labels() == 1


def test_label_needs_ten_badges_when_mandatory_ones_are_held():
    from blason.badges.enums import BadgeClassStatus, ProgrammeKind
    from blason.badges.models import Programme, ProgrammeBadge
    from blason.credentials.models import Credential

    issuer = OrganisationFactory(issuer=True)
    versions = [BadgeVersionFactory(badge_class__issuer=issuer) for _ in range(10)]
    label = BadgeVersionFactory(badge_class__issuer=issuer)
    programme = Programme.objects.create(
        issuer=issuer,
        name="Label",
        kind=ProgrammeKind.LABEL,
        status=BadgeClassStatus.PUBLISHED,
        min_count=10,
        label_badge_class=label.badge_class,
    )
    for position, version in enumerate(versions):
        ProgrammeBadge.objects.create(
            programme=programme, badge_class=version.badge_class, position=position, is_mandatory=position < 5
        )
    centre = OrganisationFactory()
    for version in versions[:9]:
        services.issue_credential(badge_version=version, recipient_organisation=centre, by=None)
    assert not Credential.objects.filter(badge_version=label).exists()
    services.issue_credential(badge_version=versions[9], recipient_organisation=centre, by=None)
    assert Credential.objects.filter(badge_version=label, recipient_organisation=centre).count() == 1


def test_award_to_cohort_issues_one_per_learner_with_emails(django_capture_on_commit_callbacks, mailoutbox):
    version = BadgeVersionFactory(for_person=True)
    learners = [LearnerFactory() for _ in range(7)]
    seen = []
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.award_to_cohort(version.badge_class, learners, by=None, batch_size=3, progress=seen.append)
    assert seen == [3, 6, 7]
    assert [c.recipient_learner for c in issued] == learners
    assert len({c.revocation_index for c in issued}) == 7
    assert sorted(m.to[0] for m in mailoutbox) == sorted(learner.email for learner in learners)
    assert all(c.events.count() == 1 for c in issued)
    assert all(verify_document(c.document).valid for c in issued)
    with pytest.raises(IssuanceError):
        services.award_to_cohort(version.badge_class, [LearnerFactory(email="")], by=None)


def test_index_allocation_gives_up_when_every_probe_is_taken(monkeypatch):
    first = CredentialFactory()
    monkeypatch.setattr(services.secrets, "randbelow", lambda size: first.revocation_index)
    with pytest.raises(IssuanceError):
        CredentialFactory(badge_version=first.badge_version)
    context = services.IssuingContext.for_issuer(first.issuer, preload_indexes=True)
    context.taken_indexes = set(range(context.revocation.size))
    with pytest.raises(IssuanceError):
        context.allocate_index()


def test_evidence_names_cut_long_criteria_at_a_word_boundary():
    assert services._shorten("court", 120) == "court"
    long = (
        "Présenter la pratique pédagogique innovante : les intervenants et le CFA, "
        "l’action « remarquable » et en quoi elle apporte une réelle valeur ajoutée"
    )
    short = services._shorten(long, 120)
    assert len(short) <= 120 and short.endswith("…")
    assert long.startswith(short[:-1]) and long[len(short) - 1] == " "

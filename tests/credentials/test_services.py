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
    assert credential.document["credentialSubject"]["name"] == credential.recipient_learner.full_name
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

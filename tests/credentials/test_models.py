import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from blason.credentials import services
from blason.credentials.enums import CredentialStatus, StatusPurpose
from blason.credentials.models import Credential, CredentialEvent, StatusList
from tests.credentials.factories import CredentialFactory, LearnerFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_status_property_and_str():
    credential = CredentialFactory()
    assert credential.status == CredentialStatus.VALID
    assert credential.recipient == credential.recipient_organisation
    assert credential.badge_version.name in str(credential)
    credential.valid_until = timezone.now() - datetime.timedelta(seconds=1)
    assert credential.status == CredentialStatus.EXPIRED
    credential.suspended = True
    assert credential.status == CredentialStatus.SUSPENDED
    credential.revoked_at = timezone.now()
    assert credential.status == CredentialStatus.REVOKED


def test_exactly_one_recipient_is_enforced_by_the_database():
    credential = CredentialFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.filter(pk=credential.pk).update(recipient_learner=LearnerFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.filter(pk=credential.pk).update(recipient_organisation=None)


def test_status_index_is_unique_per_list():
    first = CredentialFactory()
    second = CredentialFactory(badge_version=first.badge_version)
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.filter(pk=second.pk).update(revocation_index=first.revocation_index)


def test_status_list_defaults_and_minimum_size():
    issuer = OrganisationFactory(issuer=True)
    status = services.get_status_list(issuer, StatusPurpose.REVOCATION)
    assert status.size == 131_072 and len(bytes(status.bits)) == 16_384
    assert status.url == f"https://blason.test/issuers/{issuer.slug}/status/revocation"
    assert str(status).startswith("Révocation")
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusList.objects.create(issuer=issuer, purpose=StatusPurpose.SUSPENSION, size=1024)


def test_events_are_append_only():
    event = CredentialFactory().events.get()
    assert isinstance(event, CredentialEvent) and str(event)
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_signing_key_str_and_repr_hide_the_private_key():
    credential = CredentialFactory()
    key = credential.signing_key
    assert key.public_key_multibase in repr(key)
    assert str(key).startswith(key.public_key_multibase[:16])
    assert key.verification_method == f"{key.did}#{key.public_key_multibase}"
    assert str(key.events.get())

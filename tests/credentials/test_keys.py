import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from blason.credentials import keys, services
from blason.credentials.admin import SigningKeyAdmin
from blason.credentials.models import SigningKey, issuer_did
from tests.credentials.factories import OrganisationFactory


def _raw(private_key):
    return keys.public_key_bytes(private_key.public_key())


def test_encrypt_decrypt_round_trip():
    private_key = Ed25519PrivateKey.generate()
    blob = keys.encrypt_private_key(private_key, associated_data=b"k1")
    assert _raw(keys.decrypt_private_key(blob, associated_data=b"k1")) == _raw(private_key)


def test_wrong_kek_or_row_does_not_decrypt():
    private_key = Ed25519PrivateKey.generate()
    blob = keys.encrypt_private_key(private_key, associated_data=b"k1")
    with pytest.raises(keys.KeyDecryptionError):
        keys.decrypt_private_key(blob, associated_data=b"k2")
    with pytest.raises(keys.KeyDecryptionError):
        keys.decrypt_private_key(blob, associated_data=b"k1", kek="another-key-encryption-key-of-32-bytes!!")
    with pytest.raises(keys.KeyDecryptionError):
        keys.decrypt_private_key(b"garbage", associated_data=b"k1")


@pytest.mark.django_db
def test_private_key_is_never_stored_or_shown_in_clear(caplog):
    issuer = OrganisationFactory(issuer=True)
    signing_key = services.get_or_create_active_key(issuer)
    raw_private = signing_key.load_private_key().private_bytes_raw()
    stored = bytes(SigningKey.objects.get(pk=signing_key.pk).encrypted_private_key)
    assert raw_private not in stored
    assert raw_private.hex() not in repr(signing_key) + str(signing_key)
    assert "encrypted_private_key" not in SigningKeyAdmin.list_display
    assert "encrypted_private_key" in SigningKeyAdmin.exclude
    assert raw_private.hex() not in caplog.text


@pytest.mark.django_db
def test_one_active_key_per_issuer_and_rotation():
    issuer = OrganisationFactory(issuer=True)
    first = services.get_or_create_active_key(issuer)
    assert services.get_or_create_active_key(issuer) == first
    second = services.rotate_signing_key(issuer)
    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    assert list(first.events.values_list("kind", flat=True)) == ["created"]
    services.retire_signing_key(first)
    services.retire_signing_key(first)
    assert list(first.events.order_by("pk").values_list("kind", flat=True)) == ["created", "retired"]


@pytest.mark.django_db
def test_issuer_did_encodes_the_port(settings):
    issuer = OrganisationFactory(issuer=True, slug="paca-mission")
    assert issuer_did(issuer) == "did:web:blason.test:issuers:paca-mission"
    settings.BLASON_PUBLIC_URL = "http://localhost:8000"
    assert issuer_did(issuer) == "did:web:localhost%3A8000:issuers:paca-mission"


@pytest.mark.django_db
def test_admin_actions_rotate_and_retire(rf):
    from django.contrib.admin.sites import site
    from django.contrib.messages.storage.fallback import FallbackStorage

    from tests.credentials.factories import UserFactory

    issuer = OrganisationFactory(issuer=True)
    first = services.get_or_create_active_key(issuer)
    request = rf.post("/")
    request.user = UserFactory()
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = SigningKeyAdmin(SigningKey, site)
    model_admin.rotate(request, SigningKey.objects.filter(pk=first.pk))
    assert SigningKey.objects.filter(issuer=issuer).count() == 2
    model_admin.retire(request, SigningKey.objects.filter(pk=first.pk))
    first.refresh_from_db()
    assert first.retired_at is not None
    assert not model_admin.has_add_permission(request)

"""Credentials issued by Blason, verified by the Digital Credentials Consortium libraries (offline)."""

import copy
import datetime

import pytest

from blason.credentials import services
from blason.credentials.enums import StatusPurpose
from blason.credentials.ob3 import EvidenceItem
from tests.credentials.factories import CredentialFactory
from tests.credentials.interop import require_dcc, run_dcc_verify

pytestmark = [pytest.mark.django_db, pytest.mark.interop]


def _documents(*credentials) -> dict:
    documents = {}
    for credential in credentials:
        issuer = credential.issuer
        did_document = services.did_document(issuer)
        documents[did_document["id"]] = did_document
        for purpose in StatusPurpose.values:
            status = services.get_status_list(issuer, purpose)
            documents[status.url] = services.signed_status_list_credential(status)
    return documents


def _verify(credentials, **kwargs):
    require_dcc()
    return run_dcc_verify([c if isinstance(c, dict) else c.document for c in credentials], **kwargs)


def test_every_kind_of_issued_credential_verifies_with_dcc():
    organisation = CredentialFactory(
        evidence=(
            EvidenceItem(name="Critère 1", narrative="Déclaration : « œuvre » — 学习, ✓, emoji 🎓, RTL مرحبا"),
            EvidenceItem(name="Lien", url="https://www.example.org/vidéo?x=1&y=2", narrative="Vidéo publiée"),
        )
    )
    learner = CredentialFactory(for_learner=True)
    direct = services.award_directly(
        organisation.badge_version.badge_class,
        organisation.recipient_organisation,
        by=None,
        narrative='Attribution directe <b>sans</b> balises \\ "guillemets" \n et retour à la ligne',
    )
    verdicts = _verify([organisation, learner, direct], documents=_documents(organisation, learner))
    for verdict in verdicts:
        assert verdict["verified"], verdict["errors"]


def test_rotated_key_still_verifies_with_dcc():
    old = CredentialFactory()
    services.rotate_signing_key(old.issuer)
    new = CredentialFactory(badge_version=old.badge_version)
    verdicts = _verify([old, new], documents=_documents(old))
    assert [v["verified"] for v in verdicts] == [True, True]


def test_tampering_and_moved_dates_fail_with_dcc():
    credential = CredentialFactory()
    tampered = copy.deepcopy(credential.document)
    tampered["credentialSubject"]["name"] = tampered["credentialSubject"]["name"][:-1] + "X"
    moved = copy.deepcopy(credential.document)
    moved["validFrom"] = "2020-01-01T00:00:00Z"
    verdicts = _verify([tampered, moved], documents=_documents(credential))
    assert [v["verified"] for v in verdicts] == [False, False]


def test_revoked_and_suspended_fail_with_dcc():
    revoked = CredentialFactory()
    suspended = CredentialFactory(badge_version=revoked.badge_version)
    valid = CredentialFactory(badge_version=revoked.badge_version)
    services.revoke_credential(revoked, reason="Erreur", by=None)
    services.suspend_credential(suspended, by=None)
    verdicts = _verify([revoked, suspended, valid], documents=_documents(revoked))
    assert [v["verified"] for v in verdicts] == [False, False, True]
    services.reinstate_credential(suspended, by=None)
    assert _verify([suspended], documents=_documents(suspended))[0]["verified"]


def test_expired_fails_with_dcc():
    credential = CredentialFactory()
    later = (datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=365 * 4)).isoformat()
    verdict = _verify([credential], documents=_documents(credential), now=later)[0]
    assert not verdict["verified"]


def _random_text(rng) -> str:
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0x01, 0x1F),  # control characters (escaped in JSON and N-Quads; NUL cannot be stored or typed)
        (0xA0, 0x24F),  # Latin-1 and Latin Extended
        (0x300, 0x36F),  # combining marks
        (0x590, 0x6FF),  # Hebrew, Arabic
        (0x900, 0x97F),  # Devanagari
        (0x3040, 0x30FF),  # Hiragana, Katakana
        (0x4E00, 0x9FFF),  # CJK
        (0xFFF0, 0xFFFD),  # specials
        (0x1F300, 0x1FAFF),  # emoji
        (0x10000, 0x1007F),  # Linear B (astral plane)
    ]
    chars = []
    for _ in range(rng.randint(1, 40)):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randint(low, high)))
    for special in ('"', "\\", "\n", "\r", "\t", "\u2028", "<", "&"):
        if rng.random() < 0.2:
            chars.insert(rng.randint(0, len(chars)), special)
    return "".join(chars)


def test_any_text_users_type_still_verifies_with_dcc():
    import random

    from blason.credentials.verification import verify_document

    rng = random.Random(20261124)
    first = CredentialFactory()
    credentials = [first]
    for _ in range(24):
        text = _random_text(rng)
        credentials.append(
            CredentialFactory(
                badge_version=first.badge_version,
                recipient_organisation__name=_random_text(rng).strip() or "CFA",
                evidence=(EvidenceItem(name=text or "x", narrative=_random_text(rng)),),
            )
        )
    assert all(verify_document(c.document).valid for c in credentials)
    verdicts = _verify(credentials, documents=_documents(first))
    assert [v["verified"] for v in verdicts] == [True] * len(credentials), [v["errors"] for v in verdicts]


def test_every_demo_credential_matches_the_schema_and_verifies_with_dcc():
    import io

    from blason.applications import demo as applications_demo
    from blason.badges import demo as badges_demo
    from blason.credentials import demo as credentials_demo
    from blason.credentials import schema
    from blason.credentials.models import Credential
    from blason.organisations import demo as organisations_demo

    out = io.StringIO()
    for module in (organisations_demo, badges_demo, applications_demo, credentials_demo):
        module.load(stdout=out)
    credentials = list(Credential.objects.select_related("issuer").order_by("pk"))
    kinds = {(c.badge_version.recipient_kind, c.application_id is not None) for c in credentials}
    assert len(credentials) >= 5 and len(kinds) >= 3, kinds
    for credential in credentials:
        assert schema.achievement_credential_errors(credential.document) == [], credential
    verdicts = _verify(credentials, documents=_documents(*credentials))
    expected = [not c.is_revoked for c in credentials]
    assert [v["verified"] for v in verdicts] == expected, [v["errors"] for v in verdicts]

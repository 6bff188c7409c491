import datetime

import pytest

from blason.credentials import ob3, schema, services
from blason.credentials.ob3 import EvidenceItem
from tests.credentials.factories import CredentialFactory, snapshot_credential

pytestmark = pytest.mark.django_db


def test_credential_document_snapshot(snapshot):
    credential = snapshot_credential()
    evidence = (
        EvidenceItem(name="Critère 1", narrative="Questionnaire de satisfaction à chaud, 92 % de réponses."),
        EvidenceItem(name="Lien publié", url="https://www.example.org/projet", narrative="Vidéo du projet"),
        EvidenceItem(
            name="Instruction du badge",
            narrative="Experts : Alix Bernard (CPNE), Sam Petit (CCI). Coordination : coordination@example.org",
            genre="assessment",
        ),
    )
    document = ob3.build_credential(services.credential_data(credential, evidence=evidence))
    assert schema.achievement_credential_errors(document) == []
    assert document == snapshot


@pytest.mark.parametrize("trait", ["for_organisation", "for_learner"])
def test_every_kind_of_issued_credential_matches_the_1edtech_schema(trait):
    credential = CredentialFactory(**({"for_learner": True} if trait == "for_learner" else {}))
    assert schema.achievement_credential_errors(credential.document) == []


def test_organisation_subject_carries_what_seed_000_asks():
    credential = CredentialFactory()
    document = credential.document
    subject = document["credentialSubject"]
    centre = credential.recipient_organisation
    identifiers = {entry["identityType"]: entry for entry in subject["identifier"]}
    assert identifiers["emailAddress"]["hashed"] is True
    assert identifiers["emailAddress"]["identityHash"] == ob3.identity_hash(
        centre.contact_email, credential.identity_salt
    )
    assert centre.contact_email not in str(subject)
    assert identifiers["ext:UAI"]["identityHash"] == centre.uai
    assert identifiers["ext:SIRET"]["identityHash"] == centre.siret
    assert subject["director"] == {"type": ["Profile"], "name": centre.director_name, "email": centre.director_email}
    # An IdentityObject identifies the subject (the CFA): never the director's name.
    assert "name" not in identifiers
    assert centre.director_name not in str(subject["identifier"])
    assert subject["address"]["addressLocality"] == centre.city
    achievement = subject["achievement"]
    assert achievement["tag"] == ["pédagogie inversée", "numérique"]
    assert any("Kirkpatrick" in a["targetName"] for a in achievement["alignment"])
    assert document["issuer"]["id"] == f"did:web:blason.test:issuers:{credential.issuer.slug}"
    assert document["validUntil"][:4] == str(credential.awarded_at.year + 3)
    assert document["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert document["credentialSchema"][0]["type"] == "1EdTechJsonSchemaValidator2019"


def test_add_months_clamps_the_day():
    moment = datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    assert ob3.add_months(moment, 1).date() == datetime.date(2026, 2, 28)
    assert ob3.add_months(moment, 13).date() == datetime.date(2027, 2, 28)
    assert ob3.add_months(moment, 36).date() == datetime.date(2029, 1, 31)


def test_identity_hash_normalises_the_email():
    assert ob3.identity_hash(" Léa@Example.org ", "salt") == ob3.identity_hash("léa@example.org", "salt")
    assert ob3.identity_hash("a@b.c", "salt").startswith("sha256$")


def test_status_list_credential_shape():
    document = ob3.status_list_credential(
        list_url="https://blason.test/issuers/x/status/revocation",
        issuer_did="did:web:blason.test:issuers:x",
        purpose="revocation",
        encoded_list="uH4sI",
        valid_from=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["credentialSubject"]["statusPurpose"] == "revocation"

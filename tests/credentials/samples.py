"""Realistic OB 3.0 documents for the cryptographic tests, the interop tests and `bench/bench_signing.py`.

Plain data, no database: shaped like what Blason issues (AchievementCredential with a CFA profile and address,
criteria, alignments, evidence, credentialSchema, credentialStatus).
"""

import copy

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from blason.credentials.jsonld import CREDENTIALS_V2, OB_V3P0, OB_V3P0_EXTENSIONS
from blason.credentials.multikey import did_key, encode_public_key

BASE = "https://blason.test"
ISSUER_DID = "did:web:blason.test:organisations:paca-mission"
VERIFICATION_METHOD = f"{ISSUER_DID}#key-1"
# A fixed test key (never used outside tests and the benchmark).
TEST_SEED = bytes(range(32))


def sample_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(TEST_SEED)


def issuer_did_document(private_key: Ed25519PrivateKey | None = None, did: str = ISSUER_DID) -> dict:
    """The did:web document Blason would serve for the issuer (one Multikey)."""
    key = (private_key or sample_private_key()).public_key()
    method = f"{did}#key-1"
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": encode_public_key(key)}
        ],
        "assertionMethod": [method],
        "authentication": [method],
    }


def achievement_credential(
    *,
    credential_id: str = "urn:uuid:3f1d7c52-2c6f-4b54-9a0e-3c43b7d0a6a1",
    subject_name: str = "CFA La Fabrik",
    criteria_count: int = 5,
    alignment_count: int = 3,
    evidence_count: int = 3,
    with_status: bool = True,
    status_list_url: str = f"{BASE}/statuts/paca-mission/revocation/1",
    status_index: int = 94567,
) -> dict:
    """An unsigned OpenBadgeCredential like those Blason issues to a CFA.

    Note: the OB 3.0.3 context defines no `address` on AchievementSubject (DCC's safe mode rejects it there); the
    CFA's address goes in a Profile — here `credentialSubject.source`.
    """
    criteria = "\n".join(
        f"{n}. Critère {n} : le CFA décrit sa pratique d’accompagnement des apprentis (étape {n})."
        for n in range(1, criteria_count + 1)
    )
    document = {
        "@context": [CREDENTIALS_V2, OB_V3P0, OB_V3P0_EXTENSIONS],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Accueil et intégration des apprentis",
        "description": "Badge de pratique professionnelle délivré par la mission ICAPA.",
        "issuer": {
            "id": ISSUER_DID,
            "type": ["Profile"],
            "name": "Rectorat de région académique PACA — mission ICAPA",
            "url": f"{BASE}/organisations/paca-mission/",
            "email": "coordination.paca@blason.demo",
            "address": {
                "type": ["Address"],
                "streetAddress": "Place Lucien Paye",
                "postalCode": "13100",
                "addressLocality": "Aix-en-Provence",
                "addressRegion": "Provence-Alpes-Côte d’Azur",
                "addressCountry": "France",
                "addressCountryCode": "FR",
            },
        },
        "validFrom": "2026-03-02T09:00:00Z",
        "validUntil": "2029-03-02T09:00:00Z",
        "awardedDate": "2026-03-02T09:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "sha256$0c5bf1b5f6a1d1f2d6b7ac2e1f7f3d1b9c0e6f3a2b1c4d5e6f708192a3b4c5d6",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "b7c1e0a4",
                }
            ],
            "name": subject_name,
            # The training centre as a Profile (with its address, UAI and SIRET): OB 3.0 `source`.
            "source": {
                "id": f"{BASE}/organisations/cfa-la-fabrik/",
                "type": ["Profile"],
                "name": subject_name,
                "email": "direction.lafabrik@blason.demo",
                "address": {
                    "type": ["Address"],
                    "streetAddress": "120 rue Jean Aicard",
                    "postalCode": "83600",
                    "addressLocality": "Fréjus",
                    "addressCountry": "France",
                    "addressCountryCode": "FR",
                },
                "otherIdentifier": [
                    {"type": "IdentifierEntry", "identifier": "0831234A", "identifierType": "ext:UAI"},
                    {"type": "IdentifierEntry", "identifier": "12345678900012", "identifierType": "ext:SIRET"},
                ],
            },
            "achievement": {
                "id": f"{BASE}/badges/8b0f6d2e-6f43-4a55-9d7e-1a2b3c4d5e6f/v/1",
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": "Accueil et intégration des apprentis",
                "description": "Le CFA met en œuvre un accueil structuré des apprentis et de leurs tuteurs.",
                "criteria": {"id": f"{BASE}/badges/8b0f6d2e-6f43-4a55-9d7e-1a2b3c4d5e6f/", "narrative": criteria},
                "image": {"id": f"{BASE}/media/badges/accueil.png", "type": "Image", "caption": "Accueil"},
                "tag": ["accueil", "intégration", "tutorat", "apprentissage"],
                "inLanguage": "fr",
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"Kirkpatrick niveau {n}",
                        "targetFramework": "Modèle de Kirkpatrick",
                        "targetCode": f"K{n}",
                        "targetUrl": f"{BASE}/referentiels/kirkpatrick/{n}",
                        "targetType": "ext:Kirkpatrick",
                    }
                    for n in range(1, alignment_count + 1)
                ],
                "creator": {
                    "id": ISSUER_DID,
                    "type": ["Profile"],
                    "name": "Rectorat de région académique PACA — mission ICAPA",
                },
            },
        },
        "evidence": [
            {
                "id": f"{BASE}/badges-emis/3f1d7c52/preuves/{n}",
                "type": ["Evidence"],
                "name": f"Critère {n}",
                "narrative": f"Déclaration du CFA pour le critère {n} : « nous organisons un entretien d’accueil ».",
            }
            for n in range(1, evidence_count + 1)
        ],
        "credentialSchema": [
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                "type": "1EdTechJsonSchemaValidator2019",
            }
        ],
    }
    if with_status:
        document["credentialStatus"] = {
            "id": f"{status_list_url}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_url,
        }
    return copy.deepcopy(document)


def did_key_issuer_credential(private_key: Ed25519PrivateKey | None = None) -> tuple[dict, str]:
    """A credential issued by a did:key (no DID document to serve), and its verification method."""
    key = (private_key or sample_private_key()).public_key()
    did = did_key(key)
    document = achievement_credential(with_status=False)
    document["issuer"]["id"] = did
    document["credentialSubject"]["achievement"]["creator"]["id"] = did
    return document, f"{did}#{did.removeprefix('did:key:')}"

"""Builder of the Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0) that Blason signs.

Pure functions from plain data to plain JSON data: no ORM, no settings, no I/O. The services gather
the data (`services.credential_data`) and sign the result (`proofs.sign`).

How seed 000's "Chaque badge comprendra numériquement a minima …" maps onto OB 3.0 fields:

- "Le nom du CFA, son adresse" → `credentialSubject.name` and `credentialSubject.address` (an OB
  `Address`), plus the CFA's UAI and SIRET as plain `credentialSubject.identifier` entries
  (`IdentityObject`, identityType `ext:UAI` / `ext:SIRET`, hashed false); `address` and `director`
  are defined by a small inline context (RECIPIENT_ORGANISATION_CONTEXT). The recipient itself is
  identified by the salted SHA-256 hash of its email (`identityType` emailAddress, hashed true).
- "Le nom de la directrice / du directeur, un contact mail" → a `credentialSubject.director` object
  (`name`, `email`), written for CFA recipients only. Not an `identifier` of identityType `name`:
  an IdentityObject identifies the subject (the CFA), so it would claim the CFA is named after its
  director.
- "La pratique pédagogique innovante résumée en quelques mots clefs" → an `evidence` entry named after the
  practice the CFA presented (`BadgeApplication.practice_title`), its keywords in `description`, genre
  "Pratique pédagogique innovante"; the badge class's own keywords stay in `achievement.tag`.
- "Les niveaux … du modèle de Donald Kirkpatrick atteints" → `achievement.alignment` entries (the
  Kirkpatrick framework, built by blason.badges.ob3) and `credentialSubject.result` is not used.
- "Le « certificateur » (la mission …) et les experts associés + le contact mail du coordonnateur"
  → `issuer` (the issuer's Profile: did:web, name, url, email, address); the experts' names and the
  coordinator's email are one `evidence` entry named "Instruction du badge" (genre "assessment"),
  whose narrative lists them.
- "La date de délivrance du badge" → `awardedDate` (and `validFrom`).
- "La durée de vie du badge" → `validUntil` (validFrom + the version's validity_months).
- "Autre(s)" → per criterion statements and the links the applicant agreed to publish, as
  `evidence` entries; private evidence files never appear.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
ACHIEVEMENT_CREDENTIAL_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
CONTEXTS = [VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]
# OB 3.0 has no AchievementSubject term for a recipient organisation's postal address or its director.
# This local context defines the two (the JSON-LD safe mode of the 1EdTech and DCC verifiers rejects
# undefined terms): `address` with the OB vocabulary's own IRI (as in Profile), `director` as a
# schema.org contact point (a Profile with name and email). Only CFA credentials carry it.
RECIPIENT_ORGANISATION_CONTEXT = {
    "address": {"@id": "https://purl.imsglobal.org/spec/vc/ob/vocab.html#address", "@type": "@id"},
    "director": {"@id": "https://schema.org/contactPoint", "@type": "@id"},
}


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence entry: a statement per criterion, a published link, or the review summary."""

    name: str
    narrative: str = ""
    url: str = ""
    genre: str = ""
    description: str = ""


@dataclass(frozen=True)
class StatusEntry:
    purpose: str  # "revocation" | "suspension"
    list_url: str
    index: int


@dataclass(frozen=True)
class Recipient:
    email: str
    salt: str
    name: str = ""
    # Training centres only.
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    country_code: str = "FR"
    uai: str = ""
    siret: str = ""
    director_name: str = ""
    director_email: str = ""
    is_organisation: bool = False


@dataclass(frozen=True)
class CredentialData:
    credential_url: str
    name: str
    description: str
    issuer_profile: dict
    achievement: dict
    recipient: Recipient
    awarded_at: datetime.datetime
    valid_from: datetime.datetime
    valid_until: datetime.datetime | None
    status_entries: tuple[StatusEntry, ...] = ()
    evidence: tuple[EvidenceItem, ...] = field(default_factory=tuple)
    image: dict | None = None


def isoformat(moment: datetime.datetime) -> str:
    """XSD dateTime in UTC with a Z, to the second (what the schema and DCC expect)."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: 'sha256$' + hex sha256 of the normalised email followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    # Clamp the day (31 January + 1 month = 28/29 February).
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def address_json(*, street_address="", postal_code="", city="", country_code="") -> dict:
    address = {"type": ["Address"]}
    if street_address:
        address["streetAddress"] = street_address
    if postal_code:
        address["postalCode"] = postal_code
    if city:
        address["addressLocality"] = city
    if country_code:
        address["addressCountryCode"] = country_code
    return address


def credential_subject(recipient: Recipient, achievement: dict) -> dict:
    identifiers = [
        {
            "type": "IdentityObject",
            "identityHash": identity_hash(recipient.email, recipient.salt),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": recipient.salt,
        }
    ]
    subject = {"type": ["AchievementSubject"]}
    if recipient.is_organisation:
        for identity_type, value in (("ext:UAI", recipient.uai), ("ext:SIRET", recipient.siret)):
            if value:
                identifiers.append(
                    {"type": "IdentityObject", "identityHash": value, "identityType": identity_type, "hashed": False}
                )
        subject["name"] = recipient.name
        subject["address"] = address_json(
            street_address=recipient.street_address,
            postal_code=recipient.postal_code,
            city=recipient.city,
            country_code=recipient.country_code,
        )
        if recipient.director_name or recipient.director_email:
            director = {"type": ["Profile"]}
            if recipient.director_name:
                director["name"] = recipient.director_name
            if recipient.director_email:
                director["email"] = recipient.director_email
            subject["director"] = director
    elif recipient.name:
        subject["name"] = recipient.name
    subject["identifier"] = identifiers
    subject["achievement"] = achievement
    return subject


def evidence_json(item: EvidenceItem) -> dict:
    entry = {"type": ["Evidence"]}
    if item.url:
        entry["id"] = item.url
    entry["name"] = item.name
    if item.description:
        entry["description"] = item.description
    if item.narrative:
        entry["narrative"] = item.narrative
    if item.genre:
        entry["genre"] = item.genre
    return entry


def status_entry_json(entry: StatusEntry) -> dict:
    return {
        "id": f"{entry.list_url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": str(entry.purpose),
        "statusListIndex": str(entry.index),
        "statusListCredential": entry.list_url,
    }


def build_credential(data: CredentialData) -> dict:
    """The unsigned OpenBadgeCredential for `data` (sign it with proofs.sign)."""
    contexts = list(CONTEXTS)
    if data.recipient.is_organisation:
        contexts.append(dict(RECIPIENT_ORGANISATION_CONTEXT))
    document = {
        "@context": contexts,
        "id": data.credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": data.name,
        "description": data.description,
        "issuer": data.issuer_profile,
        "validFrom": isoformat(data.valid_from),
    }
    if data.valid_until is not None:
        document["validUntil"] = isoformat(data.valid_until)
    document["awardedDate"] = isoformat(data.awarded_at)
    if data.image:
        document["image"] = data.image
    document["credentialSubject"] = credential_subject(data.recipient, data.achievement)
    if data.evidence:
        document["evidence"] = [evidence_json(item) for item in data.evidence]
    document["credentialSchema"] = [{"id": ACHIEVEMENT_CREDENTIAL_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]
    if data.status_entries:
        statuses = [status_entry_json(entry) for entry in data.status_entries]
        document["credentialStatus"] = statuses if len(statuses) > 1 else statuses[0]
    return document


def status_list_credential(
    *, list_url: str, issuer_did: str, purpose: str, encoded_list: str, valid_from: datetime.datetime
) -> dict:
    """The unsigned BitstringStatusListCredential served at `list_url`."""
    return {
        "@context": [VC_V2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did,
        "validFrom": isoformat(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list,
        },
    }


def did_document(*, did: str, verification_methods: list[tuple[str, str]], issuer_profile: dict | None = None) -> dict:
    """did:web document listing each (key id, publicKeyMultibase) as a Multikey for assertionMethod."""
    methods = [
        {"id": f"{did}#{key_id}", "type": "Multikey", "controller": did, "publicKeyMultibase": multibase}
        for key_id, multibase in verification_methods
    ]
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
        "authentication": [method["id"] for method in methods],
    }
    if issuer_profile:
        service_url = issuer_profile.get("url")
        if service_url:
            document["service"] = [{"id": f"{did}#website", "type": "LinkedDomains", "serviceEndpoint": service_url}]
    return document

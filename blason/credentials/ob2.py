"""Open Badges 2.0 export (hosted verification) for backpacks that only read 2.0.

Pure builders from plain values to the OB 2.0 Assertion, BadgeClass and Issuer JSON. The URLs are
given by the caller (stable URLs served by views.py); the recipient is the same salted SHA-256
email hash as in the OB 3.0 credential.
"""

OB2_CONTEXT = "https://w3id.org/openbadges/v2"


def issuer_json(*, issuer_url: str, name: str, url: str, email: str = "", description: str = "") -> dict:
    document = {"@context": OB2_CONTEXT, "type": "Issuer", "id": issuer_url, "name": name, "url": url}
    if email:
        document["email"] = email
    if description:
        document["description"] = description
    return document


def badge_class_json(
    *,
    badge_class_url: str,
    issuer_url: str,
    name: str,
    description: str,
    image_url: str,
    criteria_url: str,
    criteria_narrative: str,
    tags: list[str] = (),
    alignments: list[dict] = (),
) -> dict:
    document = {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url,
        "name": name,
        "description": description,
        "image": image_url,
        "criteria": {"id": criteria_url, "narrative": criteria_narrative},
        "issuer": issuer_url,
    }
    if tags:
        document["tags"] = list(tags)
    if alignments:
        document["alignment"] = [
            {
                key: value
                for key, value in (
                    ("targetName", alignment.get("targetName", "")),
                    ("targetUrl", alignment.get("targetUrl", "")),
                    ("targetCode", alignment.get("targetCode", "")),
                    ("targetFramework", alignment.get("targetFramework", "")),
                )
                if value
            }
            for alignment in alignments
        ]
    return document


def assertion_json(
    *,
    assertion_url: str,
    badge_class_url: str,
    identity_hash: str,
    salt: str,
    issued_on: str,
    image_url: str,
    expires: str = "",
    evidence: list[dict] = (),
    revoked: bool = False,
    revocation_reason: str = "",
) -> dict:
    document = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": assertion_url,
        "recipient": {"type": "email", "hashed": True, "salt": salt, "identity": identity_hash},
        "badge": badge_class_url,
        "issuedOn": issued_on,
        "image": image_url,
        "verification": {"type": "HostedBadge"},
    }
    if expires:
        document["expires"] = expires
    if evidence:
        document["evidence"] = [
            {key: value for key, value in item.items() if key in {"id", "name", "narrative", "description", "genre"}}
            for item in evidence
        ]
    if revoked:
        document["revoked"] = True
        if revocation_reason:
            document["revocationReason"] = revocation_reason
    return document

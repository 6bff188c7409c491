"""OB 3.0 `Achievement` and issuer `Profile` objects for badge versions (1EdTech OB 3.0 §B.1.1, §B.1.16).

Pure-ish builders: they read the version, its criteria and alignments, and the issuer, and return
plain dicts in the canonical JSON form (every `type` an array). No settings, no I/O: the caller
passes the public origin (`base_url`) and the issuer's DID. The credentials app embeds these dicts
in signed AchievementCredentials; the badge page serves `achievement_json` as JSON-LD.
"""

from blason.badges.enums import AlignmentFramework, CriteriaRule, EvidenceKind

# The 1EdTech schemas (unedited copies from ../shared/ob3/schema) that the builders' output must satisfy.
ACHIEVEMENT_CREDENTIAL_SCHEMA = "ob_v3p0_achievementcredential_schema.json"
PROFILE_SCHEMA = "ob_v3p0_profile_schema.json"

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]

# AlignmentTargetType is an extensible vocabulary: frameworks without a standard term get an `ext:` one.
_TARGET_TYPES = {
    AlignmentFramework.RNCP: "ceterms:Credential",
    AlignmentFramework.RS: "ceterms:Credential",
    AlignmentFramework.ROME: "ext:ROME",
    AlignmentFramework.ESCO: "ceasn:Competency",
    AlignmentFramework.QUALIOPI: "ext:QualiopiIndicator",
    AlignmentFramework.KIRKPATRICK: "ext:KirkpatrickLevel",
    AlignmentFramework.OTHER: "ext:Other",
}
_FRAMEWORK_NAMES = {
    AlignmentFramework.RNCP: "Répertoire national des certifications professionnelles (RNCP)",
    AlignmentFramework.RS: "Répertoire spécifique (RS)",
    AlignmentFramework.ROME: "Répertoire opérationnel des métiers et des emplois (ROME)",
    AlignmentFramework.ESCO: "ESCO",
    AlignmentFramework.QUALIOPI: "Référentiel national qualité (Qualiopi)",
    AlignmentFramework.KIRKPATRICK: "Modèle d’évaluation de Kirkpatrick",
    AlignmentFramework.OTHER: "Autre référentiel",
}


def achievement_id(version, *, base_url: str) -> str:
    return f"{base_url}/badges/{version.badge_class.public_id}/v/{version.number}"


def _absolute(url: str, base_url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{base_url}{url}"


def _rule_sentence(rule: str, min_count, total: int) -> str:
    if rule == CriteriaRule.AT_LEAST and min_count:
        return f"Au moins {min_count} critère(s) sur {total} doivent être remplis."
    return "Tous les critères doivent être remplis."


def criteria_narrative(version) -> str:
    """The criteria as Markdown (the `narrative` of OB 3.0 Criteria), first award then renewal."""
    criteria = list(version.criteria.all())
    first = [c for c in criteria if c.for_first_award]
    lines = [_rule_sentence(version.criteria_rule, version.criteria_min_count, len(first)), ""]
    lines += [f"{i}. {c.text} (preuve : {EvidenceKind(c.evidence_kind).label})" for i, c in enumerate(first, 1)]
    if version.is_renewable:
        renewal = [c for c in criteria if c.for_renewal]
        rule = version.renewal_criteria_rule or version.criteria_rule
        count = version.renewal_criteria_min_count or version.criteria_min_count
        lines += ["", "Renouvellement : " + _rule_sentence(rule, count, len(renewal)), ""]
        lines += [f"{i}. {c.text} (preuve : {EvidenceKind(c.evidence_kind).label})" for i, c in enumerate(renewal, 1)]
    if version.validity_months:
        lines += ["", f"Durée de validité : {version.validity_months} mois."]
    return "\n".join(lines).strip()


def alignment_json(alignment) -> dict:
    data = {
        "type": ["Alignment"],
        "targetName": alignment.name,
        "targetUrl": alignment.url,
        "targetFramework": _FRAMEWORK_NAMES[AlignmentFramework(alignment.framework)],
        "targetType": _TARGET_TYPES[AlignmentFramework(alignment.framework)],
    }
    if alignment.code:
        data["targetCode"] = alignment.code
    return data


def issuer_profile_json(organisation, *, base_url: str, did: str | None = None) -> dict:
    """The issuer's OB 3.0 Profile. Its `id` is the issuer's DID when it has one, else its public page."""
    profile = {
        "id": did or f"{base_url}/organisations/{organisation.public_id}/",
        "type": ["Profile"],
        "name": organisation.name,
    }
    if organisation.url:
        profile["url"] = organisation.url
    email = organisation.contact_email or organisation.email
    if email:
        profile["email"] = email
    if organisation.description:
        profile["description"] = organisation.description
    if organisation.logo:
        profile["image"] = {"id": _absolute(organisation.logo.url, base_url), "type": "Image"}
    if organisation.street_address or organisation.city:
        address = {"type": ["Address"], "addressCountry": "France", "addressCountryCode": organisation.country_code}
        if organisation.street_address:
            address["streetAddress"] = organisation.street_address
        if organisation.postal_code:
            address["postalCode"] = organisation.postal_code
        if organisation.city:
            address["addressLocality"] = organisation.city
        profile["address"] = address
    identifiers = [
        {"type": "IdentifierEntry", "identifier": value, "identifierType": "ext:" + kind}
        for kind, value in (("SIRET", organisation.siret), ("SIREN", organisation.siren), ("UAI", organisation.uai))
        if value
    ]
    if identifiers:
        profile["otherIdentifier"] = identifiers
    return profile


def achievement_json(version, *, base_url: str, did: str | None = None) -> dict:
    """The OB 3.0 Achievement of `version` (without @context: it is embedded in a credential).

    `base_url` is the public origin without a trailing slash (settings.BLASON_PUBLIC_URL).
    """
    badge_class = version.badge_class
    achievement = {
        "id": achievement_id(version, base_url=base_url),
        "type": ["Achievement"],
        "achievementType": str(version.achievement_type),
        "name": version.name,
        "description": version.description,
        "criteria": {
            "id": f"{base_url}/badges/{badge_class.public_id}/#criteres",
            "narrative": criteria_narrative(version),
        },
        "inLanguage": version.language,
        "version": str(version.number),
        "creator": issuer_profile_json(badge_class.issuer, base_url=base_url, did=did),
    }
    if version.keywords:
        achievement["tag"] = list(version.keywords)
    image = version.image_png or version.image
    if image:
        achievement["image"] = {"id": _absolute(image.url, base_url), "type": "Image", "caption": version.name}
    alignments = [alignment_json(a) for a in version.alignments.all()]
    if alignments:
        achievement["alignment"] = alignments
    if version.level_number:
        achievement["humanCode"] = f"N{version.level_number}"
    return achievement


def achievement_document(version, *, base_url: str, did: str | None = None) -> dict:
    """`achievement_json` as a standalone JSON-LD document (with @context), for the public badge page."""
    return {"@context": OB3_CONTEXT, **achievement_json(version, base_url=base_url, did=did)}


def _schema_defs_validator(schema_file: str, definition: str):
    import json
    from pathlib import Path

    from jsonschema import Draft201909Validator

    schema = json.loads((Path(__file__).parent / "schemas" / schema_file).read_text(encoding="utf-8"))
    return Draft201909Validator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def achievement_schema_errors(achievement: dict) -> list[str]:
    """Messages of every violation of the 1EdTech `Achievement` definition (empty list: valid)."""
    validator = _schema_defs_validator(ACHIEVEMENT_CREDENTIAL_SCHEMA, "Achievement")
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(achievement)]


def profile_schema_errors(profile: dict) -> list[str]:
    """Messages of every violation of the 1EdTech `Profile` definition (empty list: valid)."""
    validator = _schema_defs_validator(ACHIEVEMENT_CREDENTIAL_SCHEMA, "Profile")
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(profile)]

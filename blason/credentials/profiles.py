"""OB 3.0 issuer profile and achievement: from blason.badges.ob3 when present, else local builders.

The badges app owns `achievement_json` and `issuer_profile_json` (cross-team contract); until its
module exists these local builders produce the same shape, so issuing works either way.
"""

from blason.credentials.models import issuer_did
from blason.credentials.ob3 import address_json

try:  # pragma: no cover - depends on which branch is merged
    from blason.badges.ob3 import achievement_json as _badges_achievement_json
    from blason.badges.ob3 import issuer_profile_json as _badges_issuer_profile_json
except ImportError:  # pragma: no cover
    _badges_achievement_json = None
    _badges_issuer_profile_json = None


def issuer_profile_json(organisation, *, base_url: str, did: str) -> dict:
    if _badges_issuer_profile_json is not None:  # pragma: no cover
        return _badges_issuer_profile_json(organisation, base_url=base_url, did=did)
    profile = {"id": did, "type": ["Profile"], "name": organisation.name}
    profile["url"] = organisation.url or f"{base_url}/issuers/{organisation.slug}"
    email = organisation.contact_email or organisation.email
    if email:
        profile["email"] = email
    if organisation.description:
        profile["description"] = organisation.description
    if organisation.street_address or organisation.city:
        profile["address"] = address_json(
            street_address=organisation.street_address,
            postal_code=organisation.postal_code,
            city=organisation.city,
            country_code=organisation.country_code,
        )
    return profile


def achievement_json(version, *, base_url: str) -> dict:
    if _badges_achievement_json is not None:  # pragma: no cover
        return _badges_achievement_json(version, base_url=base_url)
    badge_class = version.badge_class
    achievement_id = f"{base_url}/badges/{badge_class.public_id}/v/{version.number}"
    criteria = list(version.criteria.order_by("position"))
    narrative = "\n".join(f"{index}. {criterion.text}" for index, criterion in enumerate(criteria, start=1))
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": str(version.achievement_type),
        "name": version.name,
        "description": version.description,
        "criteria": {"id": f"{base_url}/badges/{badge_class.public_id}/", "narrative": narrative or version.name},
        "image": {"id": f"{achievement_id}/image", "type": "Image"},
    }
    if version.keywords:
        achievement["tag"] = list(version.keywords)
    alignments = [
        {
            "type": ["Alignment"],
            "targetName": alignment.name,
            "targetUrl": alignment.url,
            "targetFramework": alignment.get_framework_display(),
            **({"targetCode": alignment.code} if alignment.code else {}),
        }
        for alignment in version.alignments.all()
    ]
    if alignments:
        achievement["alignment"] = alignments
    achievement["inLanguage"] = version.language
    achievement["creator"] = {
        "id": issuer_did(badge_class.issuer),
        "type": ["Profile"],
        "name": badge_class.issuer.name,
    }
    return achievement

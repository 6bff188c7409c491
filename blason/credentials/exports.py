"""Downloads of an issued credential: JSON, baked PNG/SVG, OB 2.0 hosted documents, QR code."""

import io
import json

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse

from blason.credentials import baking, ob2, ob3
from blason.credentials.images import default_badge_svg
from blason.credentials.models import Credential


def absolute(path: str) -> str:
    return settings.BLASON_PUBLIC_URL + path


def baked_png(credential: Credential) -> bytes:
    if credential.baked_png:
        try:
            with credential.baked_png.open("rb") as handle:
                return handle.read()
        except OSError:
            pass
    from blason.credentials.services import badge_png

    return baking.bake_png(badge_png(credential.badge_version), credential.document_json)


def baked_svg(credential: Credential) -> str:
    return baking.bake_svg(default_badge_svg(), credential.document_json)


def ob2_issuer_url(issuer) -> str:
    return absolute(reverse("credentials:ob2_issuer", args=[issuer.slug]))


def ob2_badge_class_url(version) -> str:
    return absolute(reverse("credentials:ob2_badge_class", args=[version.public_id]))


def ob2_assertion_url(credential) -> str:
    return absolute(reverse("credentials:ob2_assertion", args=[credential.public_id]))


def badge_image_url(version) -> str:
    return absolute(reverse("credentials:badge_image", args=[version.public_id]))


def ob2_issuer(issuer) -> dict:
    return ob2.issuer_json(
        issuer_url=ob2_issuer_url(issuer),
        name=issuer.name,
        url=issuer.url or settings.BLASON_PUBLIC_URL,
        email=issuer.contact_email or issuer.email,
        description=issuer.description,
    )


def ob2_badge_class(version) -> dict:
    criteria = version.criteria.order_by("position")
    return ob2.badge_class_json(
        badge_class_url=ob2_badge_class_url(version),
        issuer_url=ob2_issuer_url(version.badge_class.issuer),
        name=version.name,
        description=version.description,
        image_url=badge_image_url(version),
        criteria_url=absolute(f"/badges/{version.badge_class.public_id}/"),
        criteria_narrative="\n".join(f"{i}. {c.text}" for i, c in enumerate(criteria, start=1)) or version.name,
        tags=version.keywords,
        alignments=[
            {
                "targetName": a.name,
                "targetUrl": a.url,
                "targetCode": a.code,
                "targetFramework": a.get_framework_display(),
            }
            for a in version.alignments.all()
        ],
    )


SUSPENDED_REASON = "Badge suspendu par son émetteur."


def ob2_assertion(credential: Credential) -> dict:
    evidence = [
        {key: item[key] for key in ("id", "name", "narrative") if item.get(key)}
        for item in credential.document.get("evidence", [])
    ]
    return ob2.assertion_json(
        assertion_url=ob2_assertion_url(credential),
        badge_class_url=ob2_badge_class_url(credential.badge_version),
        identity_hash=ob3.identity_hash(credential.recipient_email, credential.identity_salt),
        salt=credential.identity_salt,
        issued_on=ob3.isoformat(credential.awarded_at),
        image_url=absolute(reverse("credentials:ob2_png", args=[credential.public_id])),
        expires=ob3.isoformat(credential.valid_until) if credential.valid_until else "",
        evidence=evidence,
        # OB 2.0 has no suspension: a suspended badge is reported revoked while it is suspended (as
        # the OB 3.0 revocation bit is), so 2.0 backpacks stop showing it as valid.
        revoked=credential.is_revoked or credential.suspended,
        revocation_reason=credential.revocation_reason
        or (SUSPENDED_REASON if credential.suspended and not credential.is_revoked else ""),
    )


def baked_ob2_png(credential: Credential) -> bytes:
    from blason.credentials.services import badge_png

    payload = json.dumps(ob2_assertion(credential), ensure_ascii=False)
    return baking.bake_png(badge_png(credential.badge_version), payload, keyword="openbadges")


def qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def linkedin_share_url(credential: Credential) -> str:
    from urllib.parse import urlencode

    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.badge_version.name,
        "organizationName": credential.issuer.name,
        "issueYear": credential.awarded_at.year,
        "issueMonth": credential.awarded_at.month,
        "certUrl": absolute(reverse("credentials:detail", args=[credential.public_id])),
        "certId": str(credential.public_id),
    }
    if credential.valid_until:
        params["expirationYear"] = credential.valid_until.year
        params["expirationMonth"] = credential.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)

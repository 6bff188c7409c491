"""Verification of an Open Badges 3.0 credential by anyone: the checks, in order, with French messages.

1. parse: JSON, or a baked PNG/SVG unbaked; a JWT or anything else is refused with a verdict;
2. schema: the 1EdTech AchievementCredential JSON schema (shipped locally);
3. proof: the DataIntegrityProof (eddsa-rdfc-2022), with the public key resolved without network
   (this deployment's did:web from the database, did:key; other hosts only when
   BLASON_VERIFY_FETCH_REMOTE_DIDS is on);
4. issuer key: the verification method belongs to the issuer's DID;
5. dates: validFrom reached, validUntil not passed;
6. status: the BitstringStatusList bits (revocation, and suspension at the same index).

Every input gives a report, never an exception: `verify_bytes`, `verify_text`, `verify_document`.

Languages: every message is translated with `gettext` when the report is built, so it is in the language active at
that moment (the request's for the page and the API, settings.LANGUAGE_CODE for `manage.py verify`). Each check also
carries a stable, machine-readable `code`. The pure modules stay free of Django: `proofs.py` returns a `code` that
PROOF_MESSAGES maps to a translated message here; `schema.py` marks its message templates with `gettext_noop` and
returns them untranslated (with their parameters) for this module to translate.
"""

import datetime
import http.client
import ipaddress
import json
import logging
import re
import socket
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from blason.credentials import baking, multikey, proofs, schema, status_list
from blason.credentials.enums import StatusPurpose
from blason.credentials.models import Credential, SigningKey, StatusList

logger = logging.getLogger(__name__)

REMOTE_FETCH_TIMEOUT_SECONDS = 5
REMOTE_FETCH_MAX_BYTES = 64 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JWT_RE = re.compile(r"^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$")

# Marked only: translated when read (Report.verdict), in the language active then.
VERDICTS = {
    "valid": gettext_noop("valide"),
    "revoked": gettext_noop("révoqué"),
    "suspended": gettext_noop("suspendu"),
    "expired": gettext_noop("expiré"),
    "not_yet_valid": gettext_noop("pas encore valide"),
    "invalid": gettext_noop("invalide"),
    "unreadable": gettext_noop("illisible"),
}

# proofs.ProofResult.code -> message (proofs.py is pure and speaks only French in `message_fr`).
PROOF_MESSAGES = {
    "valid": gettext_noop("La signature électronique est intacte : le badge n’a pas été modifié."),
    "no_proof": gettext_noop("Le badge ne porte aucune preuve cryptographique (signature)."),
    "malformed_proof": gettext_noop("La preuve cryptographique est mal formée."),
    "unsupported_proof": gettext_noop(
        "Type de preuve non pris en charge : seule « DataIntegrityProof / eddsa-rdfc-2022 » l’est."
    ),
    "wrong_purpose": gettext_noop(
        "La preuve n’a pas pour objet l’émission d’une attestation (proofPurpose ≠ assertionMethod)."
    ),
    "unknown_key": gettext_noop("Clé de vérification introuvable ou illisible."),
    "invalid_document": gettext_noop(
        "Le badge n’est pas un document JSON-LD valide (contexte inconnu ou terme non défini)."
    ),
    "bad_signature": gettext_noop("La signature ne correspond pas au contenu : le badge a été modifié ou mal signé."),
}


class VerificationFailure(Exception):
    """A verdict: `code` is stable and machine-readable, `message` is already translated."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Check:
    check: str
    ok: bool
    message: str
    code: str = ""


@dataclass
class Report:
    status: str = "unreadable"
    checks: list[Check] = field(default_factory=list)
    claims: dict | None = None
    document: dict | None = None

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    @property
    def verdict(self) -> str:
        return _(VERDICTS[self.status])

    @property
    def code(self) -> str:
        failed = self.failed_check
        return failed.code if failed is not None else "valid"

    @property
    def failed_check(self) -> Check | None:
        return next((check for check in self.checks if not check.ok), None)

    @property
    def message(self) -> str:
        failed = self.failed_check
        if failed is not None:
            return failed.message
        return _("Ce badge est authentique et valide.")

    def add(self, check: str, ok: bool, message: str, *, code: str) -> bool:
        self.checks.append(Check(check=check, ok=ok, message=message, code=code))
        return ok

    def to_json(self) -> dict:
        return {
            "valid": self.valid,
            "status": self.status,
            "code": self.code,
            "verdict": self.verdict,
            "message": self.message,
            "checks": [asdict(check) for check in self.checks],
            "credential": self.claims,
        }


# --- step 1: parse ----------------------------------------------------------------------------


def _image_failure(error: Exception) -> VerificationFailure:
    # baking.py's detailed messages are French only (not in the catalogue): the user reads a translated summary.
    logger.info("unreadable baked image: %s", error)
    return VerificationFailure("unreadable_image", _("Cette image ne contient pas de badge lisible."))


def parse_bytes(data: bytes) -> dict:
    if data.startswith(PNG_SIGNATURE):
        try:
            payload = baking.unbake_png(data)
        except baking.BakingError as error:
            raise _image_failure(error) from None
        return parse_text(payload, baked=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VerificationFailure(
            "unreadable_file",
            _("Ce fichier n’est ni une image PNG ou SVG contenant un badge, ni un badge au format JSON."),
        ) from None
    return parse_text(text)


def _looks_like_svg(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith("<") and "<svg" in text[:65536].lower()


def parse_text(text: str, *, baked: bool = False) -> dict:
    stripped = text.strip()
    if not stripped:
        raise VerificationFailure("empty", _("Le contenu est vide : aucun badge à vérifier."))
    if not baked and _looks_like_svg(stripped):
        try:
            payload = baking.unbake_svg(stripped)
        except baking.BakingError as error:
            raise _image_failure(error) from None
        return parse_text(payload, baked=True)
    if JWT_RE.match(stripped):
        raise VerificationFailure(
            "jwt_unsupported",
            _(
                "Ce contenu est un jeton JWT (VC-JWT) : Blason vérifie les badges Open Badges 3.0 signés par une "
                "preuve intégrée (Data Integrity), pas ce format."
            ),
        )
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError as error:
        raise VerificationFailure(
            "invalid_json",
            _(
                "Le JSON est invalide ou tronqué (ligne %(line)s, colonne %(column)s) : "
                "collez ou déposez l’attestation complète."
            )
            % {"line": error.lineno, "column": error.colno},
        ) from None
    except RecursionError:
        raise VerificationFailure(
            "json_too_deep", _("Le JSON est imbriqué trop profondément pour être un badge.")
        ) from None
    if not isinstance(document, dict):
        raise VerificationFailure(
            "not_an_object", _("Le JSON ne décrit pas une attestation (un objet JSON est attendu).")
        )
    return document


# --- step 3/4: keys ---------------------------------------------------------------------------


def _local_host() -> str:
    return settings.BLASON_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0].replace(":", "%3A")


class RemoteFetchRefused(Exception):
    """A remote DID document this deployment must not fetch (scheme, host or address not allowed)."""


def _public_address(value: str) -> bool:
    """True only for a globally routable unicast address (no loopback, private, link-local, multicast, reserved,
    unspecified, shared or documentation range; IPv4-mapped IPv6 addresses are judged as their IPv4 address)."""
    address = ipaddress.ip_address(value.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _checked_address(host: str, port: int) -> str:
    """The address to connect to: every address `host` resolves to must be public, else RemoteFetchRefused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RemoteFetchRefused(f"cannot resolve {host!r}: {error}") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise RemoteFetchRefused(f"{host!r} resolves to nothing")
    for address in addresses:
        if not _public_address(address):
            raise RemoteFetchRefused(f"{host!r} resolves to a non-public address {address}")
    return addresses[0]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to `host` (SNI and certificate checked against it) over a TCP connection to an already checked
    address, so a second DNS answer (rebinding) cannot redirect the connection to an internal address."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._pinned_address = address
        # http.client sets this attribute in __init__ (socket.create_connection): replace it after.
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, address, timeout=None, source_address=None):
        sock = socket.create_connection((self._pinned_address, address[1]), timeout, source_address)
        peer = sock.getpeername()[0]
        if not _public_address(peer):  # re-checked after connect, whatever happened in between
            sock.close()
            raise RemoteFetchRefused(f"connected to a non-public address {peer}")
        return sock


def _fetch_json(url: str) -> dict:
    """GET a DID document: https only, public addresses only (checked before connecting), no redirect,
    REMOTE_FETCH_TIMEOUT_SECONDS per network operation, at most REMOTE_FETCH_MAX_BYTES."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise RemoteFetchRefused(f"not an https URL: {url[:200]}")
    if parts.username or parts.password:
        raise RemoteFetchRefused("credentials in the URL")
    host = parts.hostname
    port = parts.port or 443
    address = _checked_address(host, port)
    connection = _PinnedHTTPSConnection(host, port, address=address, timeout=REMOTE_FETCH_TIMEOUT_SECONDS)
    try:
        path = parts.path or "/"
        connection.request(
            "GET", path + (f"?{parts.query}" if parts.query else ""), headers={"Accept": "application/did+json"}
        )
        response = connection.getresponse()
        if response.status != 200:  # redirects included: never followed
            raise ValueError(f"HTTP {response.status}")
        length = response.getheader("Content-Length")
        if length is not None and length.isdigit() and int(length) > REMOTE_FETCH_MAX_BYTES:
            raise ValueError("DID document too large")
        body = response.read(REMOTE_FETCH_MAX_BYTES + 1)
        if len(body) > REMOTE_FETCH_MAX_BYTES:
            raise ValueError("DID document too large")
    finally:
        connection.close()
    document = json.loads(body)
    if not isinstance(document, dict):
        raise ValueError("DID document is not a JSON object")
    return document


def did_web_url(did: str) -> str:
    parts = did.split(":")[2:]
    host = urllib.parse.unquote(parts[0])
    path = "/".join(parts[1:]) if len(parts) > 1 else ".well-known"
    return f"https://{host}/{path}/did.json"


# Public keys of this deployment's issuers, per process, for LOCAL_KEY_CACHE_SECONDS: a retired key
# stops verifying at once in the process that retired it (clear_key_cache) and within that delay elsewhere.
LOCAL_KEY_CACHE_SECONDS = 30
_key_cache: dict[tuple[str, str], tuple[float, object]] = {}


def clear_key_cache() -> None:
    _key_cache.clear()


def _local_public_key(slug: str, multibase: str):
    now = time.monotonic()
    cached = _key_cache.get((slug, multibase))
    if cached is not None and cached[0] > now:
        return cached[1]
    exists = SigningKey.objects.not_retired().filter(issuer__slug=slug, public_key_multibase=multibase).exists()
    if not exists:
        _key_cache.pop((slug, multibase), None)
        raise VerificationFailure(
            "unknown_key",
            _("La clé qui a signé ce badge n’appartient pas (ou plus) à l’émetteur sur cette plateforme."),
        )
    public_key = multikey.decode_public_key(multibase)
    if len(_key_cache) > 1024:
        _key_cache.clear()
    _key_cache[(slug, multibase)] = (now + LOCAL_KEY_CACHE_SECONDS, public_key)
    return public_key


def resolve_public_key(verification_method: str):
    """Public key for a verification method URL, without network unless remote did:web is enabled."""
    if not isinstance(verification_method, str) or "#" not in verification_method:
        raise VerificationFailure(
            "unusable_verification_method", _("La preuve ne désigne pas de clé de vérification utilisable.")
        )
    did, fragment = verification_method.split("#", 1)
    if did.startswith("did:key:"):
        try:
            key = multikey.decode_public_key(did.removeprefix("did:key:"))
        except Exception:  # noqa: BLE001 - any malformed did:key is a verdict
            raise VerificationFailure("malformed_did_key", _("La clé did:key de la preuve est mal formée.")) from None
        if fragment != did.removeprefix("did:key:"):
            raise VerificationFailure(
                "did_key_mismatch", _("La clé de la preuve ne correspond pas à son identifiant did:key.")
            )
        return key
    if not did.startswith("did:web:"):
        raise VerificationFailure(
            "unsupported_did_method", _("Méthode DID non prise en charge : %(did)s.") % {"did": did[:80]}
        )
    parts = did.split(":")
    if parts[2] == _local_host():
        if len(parts) != 5 or parts[3] != "issuers":
            raise VerificationFailure(
                "unknown_local_issuer", _("Cet identifiant did:web ne désigne aucun émetteur de cette plateforme.")
            )
        return _local_public_key(parts[4], fragment)
    if not settings.BLASON_VERIFY_FETCH_REMOTE_DIDS:
        raise VerificationFailure(
            "remote_did_disabled",
            _(
                "L’émetteur (%(did)s) est hébergé sur une autre plateforme : "
                "sa clé ne peut pas être vérifiée ici (récupération des DID distants désactivée)."
            )
            % {"did": did[:120]},
        )
    try:
        document = _fetch_json(did_web_url(did))
    except RemoteFetchRefused as refusal:
        logger.warning("remote did:web refused for %s: %s", did[:120], refusal)
        raise VerificationFailure(
            "remote_did_refused",
            _("Le document DID de l’émetteur (%(did)s) ne peut pas être récupéré depuis cette plateforme.")
            % {"did": did[:120]},
        ) from None
    except Exception:  # noqa: BLE001 - network failures are verdicts
        logger.info("remote did:web resolution failed for %s", did[:120])
        document = None
    try:
        if isinstance(document, dict):
            for method in document.get("verificationMethod", []):
                if method.get("id") in (verification_method, f"#{fragment}") and verification_method in [
                    m if isinstance(m, str) else m.get("id") for m in document.get("assertionMethod", [])
                ]:
                    return multikey.decode_public_key(method["publicKeyMultibase"])
    except Exception:  # noqa: BLE001 - a malformed DID document is a verdict
        logger.info("malformed remote DID document for %s", did[:120])
    raise VerificationFailure(
        "remote_key_not_found", _("La clé de la preuve est introuvable dans le document DID de l’émetteur.")
    )


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else ""


def _verification_method(document: dict) -> str:
    proof = document.get("proof")
    if isinstance(proof, list) and proof:
        proof = proof[0]
    if isinstance(proof, dict):
        value = proof.get("verificationMethod")
        if isinstance(value, dict):
            value = value.get("id")
        if isinstance(value, str):
            return value
    return ""


# --- step 5: dates ----------------------------------------------------------------------------


def _parse_datetime(value) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


# --- step 6: status ---------------------------------------------------------------------------

_LIST_PATH_RE = re.compile(r"^/issuers/(?P<slug>[-a-zA-Z0-9_]+)/status/(?P<purpose>revocation|suspension)$")


def _local_status_list(url: str) -> StatusList | None:
    base = settings.BLASON_PUBLIC_URL
    if not url.startswith(base + "/"):
        return None
    match = _LIST_PATH_RE.match(url[len(base) :])
    if not match:
        return None
    return StatusList.objects.filter(issuer__slug=match["slug"], purpose=match["purpose"]).first()


def _status_entries(document: dict) -> list[dict]:
    status = document.get("credentialStatus")
    if status is None:
        return []
    entries = status if isinstance(status, list) else [status]
    return [entry for entry in entries if isinstance(entry, dict)]


def _status_bit(entry: dict) -> tuple[str, bool, StatusList | None, int]:
    if entry.get("type") != "BitstringStatusListEntry":
        raise VerificationFailure(
            "unsupported_status_type", _("Le type de statut de ce badge n’est pas pris en charge.")
        )
    purpose = entry.get("statusPurpose")
    url = entry.get("statusListCredential")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        raise VerificationFailure("invalid_status_index", _("L’index de statut de ce badge est invalide.")) from None
    if not isinstance(url, str):
        raise VerificationFailure("missing_status_list", _("La liste de statuts de ce badge n’est pas indiquée."))
    status = _local_status_list(url)
    if status is None:
        raise VerificationFailure(
            "foreign_status_list", _("La liste de statuts de ce badge n’est pas publiée par cette plateforme.")
        )
    if not 0 <= index < status.size:
        raise VerificationFailure(
            "status_index_out_of_range", _("L’index de statut de ce badge est hors de la liste.")
        )
    return purpose, status_list.get_bit(bytes(status.bits), index), status, index


def _local_credential(document: dict) -> Credential | None:
    credential_id = document.get("id")
    prefix = settings.BLASON_PUBLIC_URL + "/badges-emis/"
    if not isinstance(credential_id, str) or not credential_id.startswith(prefix):
        return None
    try:
        return Credential.objects.filter(public_id=credential_id.removeprefix(prefix).strip("/")).first()
    except Exception:  # noqa: BLE001 - malformed uuid
        return None


# --- claims -----------------------------------------------------------------------------------


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def claims(document: dict) -> dict:
    """What the badge claims, for display (only strings from the document, never trusted markup)."""
    issuer = document.get("issuer")
    subject = document.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    criteria = achievement.get("criteria")
    criteria = criteria if isinstance(criteria, dict) else {}
    evidence = document.get("evidence")
    evidence = evidence if isinstance(evidence, list) else []
    address = subject.get("address") if isinstance(subject.get("address"), dict) else {}
    director = subject.get("director") if isinstance(subject.get("director"), dict) else {}
    alignments = achievement.get("alignment")
    return {
        "id": _text(document.get("id")),
        "name": _text(document.get("name")) or _text(achievement.get("name")),
        "badge_name": _text(achievement.get("name")),
        "description": _text(achievement.get("description")),
        "criteria": _text(criteria.get("narrative")),
        "recipient_name": _text(subject.get("name")),
        "recipient_address": " ".join(
            _text(address.get(key)) for key in ("streetAddress", "postalCode", "addressLocality") if address.get(key)
        ),
        "issuer_name": _text(issuer.get("name")) if isinstance(issuer, dict) else "",
        "issuer_id": _issuer_id(document),
        "awarded_date": _text(document.get("awardedDate")),
        "valid_from": _text(document.get("validFrom")),
        "valid_until": _text(document.get("validUntil")),
        "keywords": [tag for tag in achievement.get("tag", []) if isinstance(tag, str)]
        if isinstance(achievement.get("tag"), list)
        else [],
        "evidence": [
            {"name": _text(item.get("name")), "narrative": _text(item.get("narrative")), "url": _text(item.get("id"))}
            for item in evidence
            if isinstance(item, dict)
        ],
        "alignments": [
            {
                "name": _text(item.get("targetName")),
                "code": _text(item.get("targetCode")),
                "framework": _text(item.get("targetFramework")),
            }
            for item in (alignments if isinstance(alignments, list) else [])
            if isinstance(item, dict)
        ],
        "director_name": _text(director.get("name")),
        "director_email": _text(director.get("email")),
        "revocation_reason": "",
    }


# --- orchestration ----------------------------------------------------------------------------


def verify_document(document: dict, *, now: datetime.datetime | None = None) -> Report:
    report = Report(status="invalid", document=document)
    try:
        report.claims = claims(document)
    except Exception:  # noqa: BLE001
        report.claims = None
    report.add("parse", True, _("L’attestation a été lue."), code="parsed")
    try:
        _run_checks(report, document, now=now or timezone.now())
    except Exception:  # noqa: BLE001 - a verdict, never a crash
        logger.exception("unexpected error while verifying a credential")
        report.status = "invalid"
        report.add(
            "internal",
            False,
            _("Ce badge n’a pas pu être vérifié : son contenu est inattendu."),
            code="internal_error",
        )
    return report


def _run_checks(report: Report, document: dict, *, now: datetime.datetime) -> None:
    problems = schema.achievement_credential_problems(document)
    if problems:
        details = "; ".join(
            _("%(path)s : %(problem)s")
            % {"path": _(problem.path) if problem.path == schema.ROOT else problem.path, "problem": problem.render(_)}
            for problem in problems[:3]
        )
        report.add(
            "schema",
            False,
            _("La structure n’est pas conforme au schéma Open Badges 3.0 : %(details)s") % {"details": details},
            code="schema_invalid",
        )
        return
    report.add(
        "schema", True, _("La structure est conforme au schéma Open Badges 3.0 (1EdTech)."), code="schema_valid"
    )
    method = _verification_method(document)
    try:
        public_key = resolve_public_key(method)
    except VerificationFailure as failure:
        report.add("proof", False, failure.message, code=failure.code)
        return
    result = proofs.verify(document, resolve_public_key=_constant(public_key))
    message = PROOF_MESSAGES.get(result.code)
    if not report.add(
        "proof",
        result.ok,
        _(message) if message else result.message_fr,
        code="signature_valid" if result.ok else result.code,
    ):
        return
    issuer_id = _issuer_id(document)
    belongs = bool(issuer_id) and method.split("#", 1)[0] == issuer_id
    if not report.add(
        "issuer_key",
        belongs,
        _("La clé de signature appartient à l’émetteur.")
        if belongs
        else _("La clé qui a signé ce badge n’appartient pas à l’émetteur annoncé."),
        code="issuer_key_valid" if belongs else "issuer_key_mismatch",
    ):
        return
    valid_from = _parse_datetime(document.get("validFrom"))
    valid_until = _parse_datetime(document.get("validUntil")) if "validUntil" in document else None
    if valid_from is None or ("validUntil" in document and valid_until is None):
        report.add("dates", False, _("Les dates de validité du badge sont illisibles."), code="unreadable_dates")
        return
    if valid_from > now:
        report.add(
            "dates", False, _("Ce badge n’est pas encore valide (date de début dans le futur)."), code="not_yet_valid"
        )
        report.status = "not_yet_valid"
        return
    if valid_until is not None and valid_until <= now:
        report.add(
            "dates",
            False,
            _("Ce badge a expiré le %(date)s.") % {"date": date_format(valid_until.date(), "SHORT_DATE_FORMAT")},
            code="expired",
        )
        report.status = "expired"
        return
    report.add("dates", True, _("Le badge est dans sa période de validité."), code="dates_valid")
    _check_status(report, document)


def _constant(public_key) -> Callable[[str], object]:
    return lambda _method: public_key


def _check_status(report: Report, document: dict) -> None:
    entries = _status_entries(document)
    if not entries:
        report.add("status", True, _("Ce badge ne publie pas de liste de statuts."), code="no_status")
        report.status = "valid"
        return
    try:
        revoked = suspended = False
        for entry in entries:
            purpose, bit, status, index = _status_bit(entry)
            if purpose == StatusPurpose.SUSPENSION and bit:
                suspended = True
            if purpose == StatusPurpose.REVOCATION and bit:
                # Blason also sets the revocation bit of a suspended credential (OB 3.0 allows one
                # credentialStatus); the suspension list at the same index tells them apart.
                suspension = StatusList.objects.filter(issuer=status.issuer, purpose=StatusPurpose.SUSPENSION).first()
                if (
                    suspension is not None
                    and index < suspension.size
                    and status_list.get_bit(bytes(suspension.bits), index)
                ):
                    suspended = True
                else:
                    revoked = True
    except VerificationFailure as failure:
        report.add("status", False, failure.message, code=failure.code)
        return
    if revoked:
        credential = _local_credential(document)
        reason = credential.revocation_reason if credential is not None else ""
        if report.claims is not None:
            report.claims["revocation_reason"] = reason
        message = _("Ce badge a été révoqué par son émetteur.")
        if reason:
            message += " " + _("Motif : %(reason)s") % {"reason": reason}
        report.add("status", False, message, code="revoked")
        report.status = "revoked"
        return
    if suspended:
        report.add("status", False, _("Ce badge est suspendu par son émetteur."), code="suspended")
        report.status = "suspended"
        return
    report.add("status", True, _("Le badge n’est ni révoqué ni suspendu."), code="not_revoked")
    report.status = "valid"


def _unreadable(message: str, code: str = "unreadable") -> Report:
    report = Report(status="unreadable")
    report.add("parse", False, message, code=code)
    return report


def verify_bytes(data: bytes, *, now: datetime.datetime | None = None) -> Report:
    try:
        document = parse_bytes(data)
    except VerificationFailure as failure:
        return _unreadable(failure.message, failure.code)
    except Exception:  # noqa: BLE001
        logger.exception("unexpected error while reading a credential")
        return _unreadable(_("Ce fichier n’a pas pu être lu comme un badge."))
    return verify_document(document, now=now)


def verify_text(text: str, *, now: datetime.datetime | None = None) -> Report:
    try:
        document = parse_text(text)
    except VerificationFailure as failure:
        return _unreadable(failure.message, failure.code)
    except Exception:  # noqa: BLE001
        logger.exception("unexpected error while reading a credential")
        return _unreadable(_("Ce contenu n’a pas pu être lu comme un badge."))
    return verify_document(document, now=now)


# The public page, or one of its downloads (what a user copies from the page), with an optional query or fragment.
_CREDENTIAL_URL_RE = re.compile(
    r"/badges-emis/(?P<public_id>[0-9a-fA-F-]{36})(?:/(?:badge\.json|badge\.png|badge\.svg)?)?(?:[?#].*)?$"
)


def verify_url(url: str, *, now: datetime.datetime | None = None) -> Report:
    """Verify a credential of this deployment from its public URL (no network: read from the database)."""
    url = url.strip()
    match = _CREDENTIAL_URL_RE.search(url)
    if not url.startswith(settings.BLASON_PUBLIC_URL + "/") or match is None:
        return _unreadable(
            _(
                "Cette adresse n’est pas celle d’un badge émis sur cette plateforme : "
                "déposez plutôt l’image ou le fichier JSON du badge."
            ),
            "foreign_url",
        )
    try:
        credential = Credential.objects.filter(public_id=match["public_id"]).only("document_json").first()
    except Exception:  # noqa: BLE001 - malformed uuid
        credential = None
    if credential is None:
        return _unreadable(_("Aucun badge ne correspond à cette adresse sur cette plateforme."), "unknown_url")
    return verify_document(json.loads(credential.document_json), now=now)

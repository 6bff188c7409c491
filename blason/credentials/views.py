import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blason.badges.models import BadgeVersion
from blason.credentials import exports, perms, services, verification
from blason.credentials.constants import STATUS_LIST_CACHE_MAX_AGE_SECONDS, VERIFY_MAX_UPLOAD_BYTES
from blason.credentials.enums import StatusPurpose
from blason.credentials.exceptions import CredentialStateError, IssuanceError
from blason.credentials.forms import AwardForm, RevokeForm, SuspendForm, VerifyForm
from blason.credentials.models import Credential, StatusList
from blason.organisations.models import Organisation

CREDENTIALS_PER_PAGE = 50
JSON_LD = "application/ld+json"


def _json(document: dict, *, content_type: str = "application/json", status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type=f"{content_type}; charset=utf-8",
        status=status,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_credential(public_id) -> Credential:
    return get_object_or_404(
        Credential.objects.select_related(
            "badge_version__badge_class", "issuer", "recipient_organisation", "recipient_learner"
        ),
        public_id=public_id,
    )


# --- DID documents and status lists -----------------------------------------------------------


@login_not_required
@require_GET
def did_document(request, slug):
    issuer = get_object_or_404(Organisation.objects.issuers(), slug=slug)
    return _json(services.did_document(issuer), content_type="application/did+json")


@login_not_required
@require_GET
def status_list(request, slug, purpose):
    if purpose not in StatusPurpose.values:
        raise Http404
    status = get_object_or_404(StatusList.objects.select_related("issuer"), issuer__slug=slug, purpose=purpose)
    etag = quote_etag(f"{status.pk}-{status.version}")
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={STATUS_LIST_CACHE_MAX_AGE_SECONDS}"}
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        cache_key = f"credentials:status-list:{status.pk}:{status.version}"
        document = cache.get(cache_key)
        if document is None:
            document = services.signed_status_list_credential(status)
            cache.set(cache_key, document, 3600)
        response = _json(document, content_type=JSON_LD)
    for key, value in headers.items():
        response[key] = value
    return response


# --- public credential pages and downloads ---------------------------------------------------


@login_not_required
@require_GET
def credential_detail(request, public_id):
    credential = _public_credential(public_id)
    report = verification.verify_document(credential.document)
    page_url = exports.absolute(request.path)
    return render(
        request,
        "credentials/credential_detail.html",
        {
            "credential": credential,
            "report": report,
            "claims": report.claims,
            "qr_svg": exports.qr_svg(page_url),
            "linkedin_url": exports.linkedin_share_url(credential),
            "can_manage": perms.can_manage_issuer_credentials(request.user, credential.issuer),
            "recipient_label": perms.recipient_label(request.user, credential),
        },
    )


@login_not_required
@require_GET
def credential_json(request, public_id):
    credential = _public_credential(public_id)
    response = HttpResponse(credential.document_json, content_type=f"{JSON_LD}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="badge-{credential.public_id}.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_GET
def credential_png(request, public_id):
    credential = _public_credential(public_id)
    response = HttpResponse(exports.baked_png(credential), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="badge-{credential.public_id}.png"'
    return response


@login_not_required
@require_GET
def credential_svg(request, public_id):
    credential = _public_credential(public_id)
    response = HttpResponse(exports.baked_svg(credential), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="badge-{credential.public_id}.svg"'
    return response


@login_not_required
@require_GET
def ob2_png(request, public_id):
    credential = _public_credential(public_id)
    response = HttpResponse(exports.baked_ob2_png(credential), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="badge-ob2-{credential.public_id}.png"'
    return response


@login_not_required
@require_GET
def ob2_assertion(request, public_id):
    return _json(exports.ob2_assertion(_public_credential(public_id)))


@login_not_required
@require_GET
def ob2_badge_class(request, public_id):
    version = get_object_or_404(BadgeVersion.objects.select_related("badge_class__issuer"), public_id=public_id)
    if not version.credentials.exists():
        raise Http404
    return _json(exports.ob2_badge_class(version))


@login_not_required
@require_GET
def ob2_issuer(request, slug):
    return _json(exports.ob2_issuer(get_object_or_404(Organisation.objects.issuers(), slug=slug)))


@login_not_required
@require_GET
def badge_image(request, public_id):
    version = get_object_or_404(BadgeVersion, public_id=public_id)
    return HttpResponse(services.badge_png(version), content_type="image/png")


# --- verification -----------------------------------------------------------------------------


def _too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > VERIFY_MAX_UPLOAD_BYTES
    except ValueError:
        return True


def _too_big_message() -> str:
    return _("Le fichier est trop volumineux (%(size)s Mo au plus) : un badge pèse bien moins.") % {
        "size": VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request):
    report = None
    if request.method == "POST" and _too_big(request):
        form = VerifyForm()
        report = verification._unreadable(_too_big_message(), "too_large")
        return render(request, "credentials/verify.html", {"form": form, "report": report}, status=413)
    form = VerifyForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("file"):
            upload = data["file"]
            if upload.size > VERIFY_MAX_UPLOAD_BYTES:
                report = verification._unreadable(_too_big_message(), "too_large")
            else:
                report = verification.verify_bytes(upload.read())
        elif data.get("document"):
            report = verification.verify_text(data["document"])
        else:
            report = verification.verify_url(data["url"])
    return render(request, "credentials/verify.html", {"form": form, "report": report})


def _problem(status: int, code: str, title: str, detail: str, **extra) -> JsonResponse:
    return JsonResponse(
        {"type": "about:blank", "code": code, "title": title, "status": status, "detail": detail, **extra},
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
@csrf_exempt
@require_POST
def api_verify(request):
    """POST a credential (JSON, baked PNG/SVG as the body or a multipart `file`): a JSON report.

    200 with the report when the input is a credential (valid or not); problem+json otherwise.
    """
    if _too_big(request):
        return _problem(413, "too_large", _("Contenu trop volumineux"), _too_big_message())
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            return _problem(400, "no_file", _("Aucun fichier"), _("Envoyez le badge dans le champ « file »."))
        data = upload.read(VERIFY_MAX_UPLOAD_BYTES + 1)
    else:
        data = request.read(VERIFY_MAX_UPLOAD_BYTES + 1)
    if len(data) > VERIFY_MAX_UPLOAD_BYTES:
        return _problem(413, "too_large", _("Contenu trop volumineux"), _too_big_message())
    if not data.strip():
        return _problem(400, "empty", _("Contenu vide"), _("Envoyez un badge : JSON, image PNG ou SVG."))
    report = verification.verify_bytes(data)
    if report.status == "unreadable":
        return _problem(422, report.code, _("Badge illisible"), report.message, report=report.to_json())
    return JsonResponse(report.to_json(), json_dumps_params={"ensure_ascii": False})


# --- holders ------------------------------------------------------------------------------------


def _held_list(request, organisation, credentials):
    credentials = credentials.select_related("badge_version__badge_class", "issuer").order_by("-awarded_at", "-pk")
    page = Paginator(credentials, CREDENTIALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "credentials/held_list.html", {"organisation": organisation, "page": page})


def held_by_organisation(request, public_id):
    organisation, credentials = perms.held_credentials(request.user, organisation_public_id=public_id)
    return _held_list(request, organisation, credentials)


def held_by_me(request):
    organisation, credentials = perms.held_credentials(request.user)
    return _held_list(request, organisation, credentials)


# --- issuer admin screens --------------------------------------------------------------------


def issued_list(request, public_id):
    issuer = perms.get_issuer_for_credential_manager(request.user, public_id)
    credentials = (
        Credential.objects.issued_by(issuer)
        .select_related("badge_version", "recipient_organisation", "recipient_learner")
        .order_by("-awarded_at", "-pk")
    )
    page = Paginator(credentials, CREDENTIALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "credentials/issued_list.html", {"issuer": issuer, "page": page})


@require_http_methods(["GET", "POST"])
def award(request, public_id):
    issuer = perms.get_issuer_for_credential_manager(request.user, public_id)
    form = AwardForm(request.POST if request.method == "POST" else None, issuer=issuer)
    if request.method == "POST":
        if form.is_valid():
            try:
                credential = services.award_directly(
                    form.cleaned_data["badge_class"],
                    form.cleaned_data["recipient"],
                    by=request.user,
                    narrative=form.cleaned_data["narrative"],
                )
            except IssuanceError:
                messages.error(
                    request, _("Le badge n’a pas pu être émis : le titulaire n’a pas d’adresse électronique.")
                )
            else:
                messages.success(request, _("Le badge a été émis et son titulaire prévenu."))
                return redirect("credentials:detail", public_id=credential.public_id)
        else:
            messages.error(request, _("Le formulaire contient des erreurs : aucun badge n’a été émis."))
    return render(request, "credentials/award.html", {"issuer": issuer, "form": form})


@require_http_methods(["GET", "POST"])
def revoke(request, public_id):
    credential = perms.get_credential_for_manager(request.user, public_id)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_credential(credential, reason=form.cleaned_data["reason"], by=request.user)
        except CredentialStateError:
            messages.error(request, _("Ce badge est déjà révoqué."))
        else:
            messages.success(request, _("Le badge a été révoqué ; son titulaire a été prévenu."))
        return redirect("credentials:detail", public_id=credential.public_id)
    return render(
        request, "credentials/status_change.html", {"credential": credential, "form": form, "action": "revoke"}
    )


@require_http_methods(["GET", "POST"])
def suspend(request, public_id):
    credential = perms.get_credential_for_manager(request.user, public_id)
    form = SuspendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suspend_credential(credential, reason=form.cleaned_data["reason"], by=request.user)
        except CredentialStateError:
            messages.error(request, _("Ce badge ne peut pas être suspendu (déjà suspendu ou révoqué)."))
        else:
            messages.success(request, _("Le badge est suspendu."))
        return redirect("credentials:detail", public_id=credential.public_id)
    return render(
        request, "credentials/status_change.html", {"credential": credential, "form": form, "action": "suspend"}
    )


@require_POST
def reinstate(request, public_id):
    credential = perms.get_credential_for_manager(request.user, public_id)
    try:
        services.reinstate_credential(credential, by=request.user)
    except CredentialStateError:
        messages.error(request, _("Ce badge n’est pas suspendu."))
    else:
        messages.success(request, _("Le badge est rétabli."))
    return redirect("credentials:detail", public_id=credential.public_id)

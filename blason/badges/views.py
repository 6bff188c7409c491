from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from blason.badges import ob3, perms, services
from blason.badges.constants import CATALOGUE_PAGE_SIZE
from blason.badges.enums import BadgeClassStatus, ProposalStatus
from blason.badges.exceptions import BadgeError
from blason.badges.forms import (
    AlignmentFormSet,
    BadgeClassForm,
    CatalogueFilterForm,
    CriterionFormSet,
    DeclineProposalForm,
    ProgrammeForm,
    ProposalForm,
)
from blason.badges.models import BadgeClass, BadgeVersion, Programme
from blason.badges.programmes import HeldBadge, programme_progress
from blason.organisations.models import Organisation

JSON_LD = "application/ld+json"


def _wants_json_ld(request) -> bool:
    accept = request.headers.get("Accept", "")
    return JSON_LD in accept or "application/json" in accept.split(",")[0]


def _json_ld(data: dict) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = f"{JSON_LD}; charset=utf-8"
    response["Vary"] = "Accept"
    return response


# --- Public catalogue ---------------------------------------------------------------------------


@login_not_required
def catalogue(request):
    published = BadgeClass.objects.published()
    form = CatalogueFilterForm(
        request.GET or None,
        issuers=Organisation.objects.filter(badge_classes__in=published).distinct(),
        programmes=Programme.objects.published(),
    )
    badges = published.select_related("issuer", "current_version").order_by(
        "issuer__name", "current_version__level_number", "current_version__name"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            badges = badges.filter(
                Q(current_version__name__icontains=q)
                | Q(current_version__description__icontains=q)
                | Q(current_version__keywords_text__icontains=q.lower())
                | Q(issuer__name__icontains=q)
            )
        if data["issuer"]:
            badges = badges.filter(issuer=data["issuer"])
        if data["programme"]:
            badges = badges.filter(programmes=data["programme"])
        if data["keyword"]:
            badges = badges.filter(current_version__keywords_text__icontains=f"|{data['keyword'].strip().lower()}|")
        if data["recipient_kind"]:
            badges = badges.filter(current_version__recipient_kind=data["recipient_kind"])
    page = Paginator(badges, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "badges/catalogue.html",
        {"form": form, "page": page, "query_string": query.urlencode(), "filtered": bool(query)},
    )


def _badge_context(badge_class: BadgeClass, version: BadgeVersion) -> dict:
    return {
        "badge_class": badge_class,
        "version": version,
        "criteria": list(version.criteria.all()),
        "alignments": list(version.alignments.all()),
        "programmes": badge_class.programmes.filter(status=BadgeClassStatus.PUBLISHED),
        "achievement_url": ob3.achievement_id(version, base_url=settings.BLASON_PUBLIC_URL),
    }


@login_not_required
def badge_detail(request, public_id):
    badge_class = perms.get_public_badge_class(public_id)
    version = badge_class.current_version
    if _wants_json_ld(request):
        return _json_ld(ob3.achievement_document(version, base_url=settings.BLASON_PUBLIC_URL))
    context = _badge_context(badge_class, version)
    context["can_apply"] = perms.can_apply_for(request.user, badge_class)
    return render(request, "badges/badge_detail.html", context)


@login_not_required
def version_detail(request, public_id, number):
    """The Achievement `id` of a version: JSON-LD for machines, the page of that version for people.

    Archived classes still answer here: credentials awarded under them keep resolving.
    """
    try:
        version = BadgeVersion.objects.select_related("badge_class__issuer").get(
            badge_class__public_id=public_id, number=number, badge_class__status__in=["published", "archived"]
        )
    except BadgeVersion.DoesNotExist:
        raise Http404 from None
    if _wants_json_ld(request):
        return _json_ld(ob3.achievement_document(version, base_url=settings.BLASON_PUBLIC_URL))
    return render(request, "badges/badge_detail.html", _badge_context(version.badge_class, version))


@login_not_required
def programme_list(request):
    programmes = Programme.objects.published().select_related("issuer").order_by("issuer__name", "name")
    return render(request, "badges/programme_list.html", {"programmes": programmes})


def _held_by(training_centre) -> list[HeldBadge]:
    """What a CFA holds, read from the credentials app (a higher layer: views may read it)."""
    try:
        credential_model = apps.get_model("credentials", "Credential")
    except LookupError:
        return []
    credentials = credential_model.objects.filter(recipient_organisation=training_centre, revoked_at__isnull=True)
    if any(field.name == "suspended" for field in credential_model._meta.fields):
        credentials = credentials.filter(suspended=False)
    rows = credentials.values_list("badge_version__badge_class_id", "valid_until").order_by()
    return [HeldBadge(badge_class_id, valid_until) for badge_class_id, valid_until in rows]


@login_not_required
def programme_detail(request, public_id):
    programme = perms.get_public_programme(public_id)
    members = list(programme.members.select_related("badge_class__current_version").order_by("position", "pk"))
    rule = programme.rule()
    progress = []
    centres = perms.managed_training_centres(request.user)
    for centre in centres:
        result = programme_progress(rule, _held_by(centre))
        progress.append(
            {
                "centre": centre,
                "progress": result,
                "counted": set(result.counted_ids),
                "missing": [m for m in members if m.badge_class_id in result.missing_mandatory_ids],
            }
        )
    return render(
        request,
        "badges/programme_detail.html",
        {
            "programme": programme,
            "members": members,
            "mandatory_count": sum(1 for m in members if m.is_mandatory),
            "progress": progress,
            "can_propose": programme.accepts_proposals and centres.exists(),
            "my_proposals": programme.proposals.filter(training_centre__in=centres).select_related("training_centre"),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request, public_id):
    programme = perms.get_public_programme(public_id)
    centres = perms.managed_training_centres(request.user)
    if not (programme.accepts_proposals and centres.exists()):
        raise Http404
    form = ProposalForm(request.POST or None, training_centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_badge(programme=programme, by=request.user, **form.cleaned_data)
        except BadgeError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Votre proposition a été transmise à l’émetteur."))
            return redirect("badges:programme_detail", public_id=programme.public_id)
    return render(request, "badges/proposal_form.html", {"programme": programme, "form": form})


# --- Issuer admin ---------------------------------------------------------------------------------


def manage_list(request, public_id):
    issuer = perms.get_issuer_for_admin(request.user, public_id)
    badge_classes = (
        BadgeClass.objects.issued_by(issuer).select_related("current_version").order_by("status", "-created_at")
    )
    return render(
        request,
        "badges/manage_list.html",
        {
            "issuer": issuer,
            "badge_classes": badge_classes,
            "programmes": Programme.objects.filter(issuer=issuer).order_by("name"),
            "pending_proposals": [
                p
                for programme in Programme.objects.filter(issuer=issuer)
                for p in programme.proposals.filter(status=ProposalStatus.PENDING).select_related("training_centre")
            ],
        },
    )


def _badge_forms(request, *, badge_class=None):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = BadgeClassForm.initial_from(badge_class) if badge_class else None
    criteria_initial = alignments_initial = None
    if badge_class:
        version = badge_class.current_version
        criteria_initial = [
            {k: getattr(c, k) for k in services.CRITERION_FIELDS} | {"ORDER": c.position}
            for c in version.criteria.all()
        ]
        alignments_initial = [{k: getattr(a, k) for k in services.ALIGNMENT_FIELDS} for a in version.alignments.all()]
    form = BadgeClassForm(data, files, initial=initial, editing=badge_class is not None)
    criteria = CriterionFormSet(data, prefix="criteres", initial=criteria_initial)
    alignments = AlignmentFormSet(data, prefix="alignements", initial=alignments_initial)
    return form, criteria, alignments


def _save_badge(request, form, criteria, alignments, save):
    """Run `save` (a service call) when every form is valid; put service errors on the form."""
    if not (form.is_valid() & criteria.is_valid() & alignments.is_valid()):
        return None
    try:
        return save(
            content=form.content(),
            criteria=criteria.rows(),
            alignments=alignments.rows(),
            eligibility=form.eligibility_data(),
            image=form.image_choice(),
        )
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    except BadgeError as error:
        form.add_error(None, error.message)
    return None


@require_http_methods(["GET", "POST"])
def badge_create(request, public_id):
    issuer = perms.get_issuer_for_admin(request.user, public_id)
    form, criteria, alignments = _badge_forms(request)
    if request.method == "POST":
        badge_class = _save_badge(
            request,
            form,
            criteria,
            alignments,
            lambda **kw: services.create_badge_class(issuer=issuer, by=request.user, **kw),
        )
        if badge_class:
            messages.success(request, _("Le badge a été créé en brouillon."))
            return redirect("badges:manage", public_id=badge_class.public_id)
    return render(
        request,
        "badges/badge_form.html",
        {"issuer": issuer, "form": form, "criteria": criteria, "alignments": alignments},
    )


@require_http_methods(["GET", "POST"])
def badge_edit(request, public_id):
    badge_class = perms.get_badge_class_for_admin(request.user, public_id)
    if badge_class.status == BadgeClassStatus.ARCHIVED:
        messages.error(request, _("Un badge archivé ne peut plus être modifié."))
        return redirect("badges:manage", public_id=badge_class.public_id)
    form, criteria, alignments = _badge_forms(request, badge_class=badge_class)
    if request.method == "POST":
        was_frozen = badge_class.current_version.is_frozen
        version = _save_badge(
            request,
            form,
            criteria,
            alignments,
            lambda **kw: services.edit_badge_class(badge_class, by=request.user, **kw),
        )
        if version:
            if was_frozen:
                messages.success(
                    request,
                    _(
                        "Le badge a déjà été délivré : la version %(n)s a été créée, "
                        "les badges délivrés restent inchangés."
                    )
                    % {"n": version.number},
                )
            else:
                messages.success(request, _("Le badge a été modifié."))
            return redirect("badges:manage", public_id=badge_class.public_id)
    return render(
        request,
        "badges/badge_form.html",
        {
            "issuer": badge_class.issuer,
            "badge_class": badge_class,
            "form": form,
            "criteria": criteria,
            "alignments": alignments,
        },
    )


def badge_manage(request, public_id):
    badge_class = perms.get_badge_class_for_admin(request.user, public_id)
    context = _badge_context(badge_class, badge_class.current_version)
    context["versions"] = badge_class.versions.order_by("-number")
    context["events"] = badge_class.events.select_related("actor")[:20]
    return render(request, "badges/badge_manage.html", context)


@require_POST
def badge_publish(request, public_id):
    badge_class = perms.get_badge_class_for_admin(request.user, public_id)
    try:
        services.publish_badge_class(badge_class, by=request.user)
    except BadgeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Le badge est publié : il apparaît dans le catalogue."))
    return redirect("badges:manage", public_id=badge_class.public_id)


@require_POST
def badge_archive(request, public_id):
    badge_class = perms.get_badge_class_for_admin(request.user, public_id)
    try:
        services.archive_badge_class(badge_class, by=request.user)
    except BadgeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Le badge est archivé : il n’apparaît plus dans le catalogue."))
    return redirect("badges:manage", public_id=badge_class.public_id)


def _programme_form_view(request, issuer, programme=None):
    initial = None
    if programme:
        members = list(programme.members.select_related("badge_class"))
        initial = {
            "name": programme.name,
            "description": programme.description,
            "kind": programme.kind,
            "min_count": programme.min_count,
            "badge_classes": [m.badge_class for m in members],
            "mandatory": [m.badge_class for m in members if m.is_mandatory],
            "label_badge_class": programme.label_badge_class,
            "accepts_proposals": programme.accepts_proposals,
            "publish": programme.status == BadgeClassStatus.PUBLISHED,
        }
    form = ProgrammeForm(request.POST or None, issuer=issuer, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "description": data["description"],
            "kind": data["kind"],
            "min_count": data["min_count"],
            "label_badge_class": data["label_badge_class"],
            "accepts_proposals": data["accepts_proposals"],
            "status": BadgeClassStatus.PUBLISHED if data["publish"] else BadgeClassStatus.DRAFT,
        }
        try:
            if programme:
                services.update_programme(programme, by=request.user, members=form.members(), **fields)
            else:
                services.create_programme(issuer=issuer, by=request.user, members=form.members(), **fields)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                target = {"members": "badge_classes"}.get(field, field)
                form.add_error(target if target in form.fields else None, field_errors)
        else:
            messages.success(request, _("Le programme a été enregistré."))
            return redirect("badges:manage_list", public_id=issuer.public_id)
    return render(request, "badges/programme_form.html", {"issuer": issuer, "form": form, "programme": programme})


@require_http_methods(["GET", "POST"])
def programme_create(request, public_id):
    return _programme_form_view(request, perms.get_issuer_for_admin(request.user, public_id))


@require_http_methods(["GET", "POST"])
def programme_edit(request, public_id):
    programme = perms.get_programme_for_admin(request.user, public_id)
    return _programme_form_view(request, programme.issuer, programme)


@require_http_methods(["GET", "POST"])
def proposal_review(request, public_id):
    proposal = perms.get_proposal_for_admin(request.user, public_id)
    form = DeclineProposalForm(request.POST if request.POST.get("decision") == "decline" else None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "accept":
                badge_class = services.accept_proposal(proposal, by=request.user)
                messages.success(request, _("La proposition est acceptée : un badge brouillon a été créé."))
                return redirect("badges:manage", public_id=badge_class.public_id)
            if form.is_valid():
                services.decline_proposal(proposal, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("La proposition est déclinée ; le CFA en est informé."))
                return redirect("badges:manage_list", public_id=proposal.programme.issuer.public_id)
        except BadgeError as error:
            messages.error(request, error.message)
    return render(request, "badges/proposal_review.html", {"proposal": proposal, "form": form})

import re
import uuid
from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blason.applications import perms, services
from blason.applications.enums import TERMINAL_STATUSES, ApplicationStatus, EvidenceType
from blason.applications.exceptions import ApplicationError
from blason.applications.forms import (
    AssignReviewersForm,
    CommissionForm,
    ConflictForm,
    DecisionForm,
    EvidenceForm,
    QueueFilterForm,
    ReviewForm,
    SessionForm,
    StatementsForm,
    TrainerReviewForm,
)
from blason.applications.minutes import render_minutes_pdf
from blason.applications.models import BadgeApplication, CommissionSession, ReviewAssignment
from blason.badges.enums import RecipientKind, ReviewMode
from blason.badges.models import BadgeClass
from blason.credentials import tasks as credential_tasks
from blason.credentials.models import Credential
from blason.organisations.enums import Role
from blason.organisations.models import Learner, Membership, Organisation

PER_PAGE = 25
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
STREAM_CHUNK_BYTES = 64 * 1024


def _error(request, exc: ApplicationError) -> None:
    messages.error(request, exc.message)


# --- Applicant ----------------------------------------------------------------------------


@require_GET
def applicant_dashboard(request):
    user = request.user
    perms.check_applicant(user)
    applications = (
        BadgeApplication.objects.of_applicant_user(user)
        .select_related("badge_version", "applicant_organisation", "applicant_learner")
        .order_by("-updated_at")
    )
    centres = Organisation.objects.training_centres().where_user_has_role(user, Role.CFA_MANAGER)
    learner = Learner.objects.filter(user=user).first()
    # Only the badges this user may apply for: the recipient kind and the class's "who may apply".
    open_to = Q(pk__in=[])
    if centres:
        open_to |= Q(
            current_version__recipient_kind=RecipientKind.ORGANISATION,
            pk__in=BadgeClass.objects.open_to(training_centres=centres).values("pk"),
        )
    if learner:
        cohorts = [learner.cohort_id] if learner.cohort_id else []
        open_to |= Q(
            current_version__recipient_kind=RecipientKind.PERSON,
            pk__in=BadgeClass.objects.open_to(training_centres=[learner.training_centre_id], cohorts=cohorts).values(
                "pk"
            ),
        )
    badges = (
        BadgeClass.objects.published()
        .filter(open_to)
        .exclude(current_version__review_mode=ReviewMode.DIRECT_AWARD)
        .select_related("current_version", "issuer")
        .order_by("issuer__name", "current_version__name")
    )
    renewable = applications.filter(status=ApplicationStatus.APPROVED, badge_version__is_renewable=True)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/applicant_dashboard.html",
        {"page": page, "badges": badges, "centres": centres, "learner": learner, "renewable": renewable},
    )


@require_POST
def open_application(request, badge_public_id):
    perms.check_applicant(request.user)
    badge_class = get_object_or_404(BadgeClass.objects.select_related("current_version"), public_id=badge_public_id)
    renewal_of = None
    if request.POST.get("renewal_of"):
        renewal_of = perms.get_application_for_applicant(request.user, request.POST["renewal_of"])
    applicant = {}
    if badge_class.current_version_id and badge_class.current_version.recipient_kind == RecipientKind.PERSON:
        learner = Learner.objects.filter(user=request.user).first()
        if learner is None:
            raise Http404
        applicant["applicant_learner"] = learner
    else:
        centres = Organisation.objects.training_centres().where_user_has_role(request.user, Role.CFA_MANAGER)
        centre = centres.filter(public_id=_uuid_or_none(request.POST.get("organisation"))).first() or (
            centres.first() if centres.count() == 1 else None
        )
        if centre is None:
            messages.error(request, _("Choisissez le CFA pour lequel vous demandez ce badge."))
            return redirect("applications:applicant_dashboard")
        applicant["applicant_organisation"] = centre
    try:
        application = services.open_application(
            badge_class=badge_class, by=request.user, renewal_of=renewal_of, **applicant
        )
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("applications:applicant_dashboard")
    return redirect("applications:edit", public_id=application.public_id)


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _timeline(application):
    return application.events.select_related("actor").order_by("occurred_at", "pk")


@require_GET
def detail(request, public_id):
    application = perms.get_application_for_viewer(request.user, public_id)
    user = request.user
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "statements": {s.criterion_id: s for s in application.statements.all()},
            "criteria": application.applicable_criteria(),
            "evidence": application.evidence.select_related("criterion"),
            "events": _timeline(application),
            "decisions": application.decisions.select_related("decided_by"),
            "is_applicant": perms.is_applicant(user, application),
            "is_reviewer": perms.is_active_reviewer(user, application),
            "is_coordinator": perms.is_issuer_staff(user, application),
            "is_trainer": perms.is_trainer(user, application),
            "can_withdraw": application.status not in TERMINAL_STATUSES
            and application.can_transition_to(ApplicationStatus.WITHDRAWN),
            "issued_credential": Credential.objects.filter(application=application).first(),
        },
    )


def _criteria_blocks(application, statements_form):
    evidence = list(application.evidence.select_related("criterion"))
    return [
        {
            "criterion": criterion,
            "statement_field": statements_form[f"statement_{criterion.pk}"],
            "consent_field": statements_form[f"consent_{criterion.pk}"],
            "evidence": [e for e in evidence if e.criterion_id == criterion.pk],
            "evidence_form": EvidenceForm(
                application=application, initial={"criterion": criterion}, auto_id=f"id_c{criterion.pk}_%s"
            ),
        }
        for criterion in statements_form.criteria
    ]


@require_http_methods(["GET", "POST"])
def edit(request, public_id):
    application = perms.get_application_for_applicant(request.user, public_id)
    if not application.is_editable:
        messages.info(request, _("Cette demande n’est plus modifiable."))
        return redirect("applications:detail", public_id=application.public_id)
    form = StatementsForm(request.POST or None, application=application)
    if request.method == "POST" and "autosave" in request.POST:
        # The page's background save (application-edit.js): no message, no redirect, just a status.
        if not form.is_valid():
            return HttpResponse(status=400)
        try:
            services.save_draft(application, statements=form.statements(), practice=form.practice(), by=request.user)
        except ApplicationError:
            return HttpResponse(status=409)
        return HttpResponse(status=204)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_draft(
                    application, statements=form.statements(), practice=form.practice(), by=request.user
                )
            except ApplicationError as exc:
                _error(request, exc)
            else:
                if "submit" in request.POST:
                    return _submit(request, application)
                messages.success(request, _("Brouillon enregistré."))
                return redirect("applications:edit", public_id=application.public_id)
        else:
            messages.error(request, _("Le formulaire contient des erreurs : rien n’a été enregistré."))
    return render(
        request,
        "applications/application_edit.html",
        {
            "application": application,
            "form": form,
            "blocks": _criteria_blocks(application, form),
            "required_count": application.required_statement_count(),
            "decisions": application.decisions.all()[:1],
        },
    )


@require_POST
def add_evidence(request, public_id):
    application = perms.get_application_for_applicant(request.user, public_id)
    form = EvidenceForm(request.POST, request.FILES, application=application)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_evidence(
                application,
                criterion=data["criterion"],
                by=request.user,
                upload=data.get("file") or None,
                url=data.get("url") or "",
                text=data.get("text") or "",
            )
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Pièce justificative ajoutée."))
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors) or _("La pièce n’a pas pu être ajoutée."))
    return redirect("applications:edit", public_id=application.public_id)


@require_POST
def remove_evidence(request, public_id):
    evidence = perms.get_evidence_for_viewer(request.user, public_id)
    application = perms.get_application_for_applicant(request.user, evidence.application.public_id)
    try:
        services.remove_evidence(evidence, by=request.user)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Pièce justificative retirée."))
    return redirect("applications:edit", public_id=application.public_id)


def _submit(request, application):
    try:
        services.submit_application(application, by=request.user)
    except ApplicationError as exc:
        _error(request, exc)
        if application.is_editable:
            return redirect("applications:edit", public_id=application.public_id)
    else:
        messages.success(request, _("Votre demande a été déposée. Vous serez informé(e) par courriel."))
    return redirect("applications:detail", public_id=application.public_id)


@require_POST
def submit(request, public_id):
    application = perms.get_application_for_applicant(request.user, public_id)
    return _submit(request, application)


@require_POST
def withdraw(request, public_id):
    application = perms.get_application_for_applicant(request.user, public_id)
    try:
        services.withdraw_application(application, by=request.user)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Votre demande a été retirée."))
    return redirect("applications:detail", public_id=application.public_id)


def _stream(fileobj, length):
    remaining = length
    try:
        while remaining > 0:
            chunk = fileobj.read(min(STREAM_CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        fileobj.close()


@require_GET
def evidence_file(request, public_id):
    """Stream an evidence file to those allowed to see it; supports byte ranges for video seeking."""
    evidence = perms.get_evidence_for_viewer(request.user, public_id)
    if evidence.type != EvidenceType.FILE:
        raise Http404
    size = evidence.size_bytes or evidence.file.size
    fileobj = evidence.file.open("rb")
    match = RANGE_RE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        start_text, end_text = match.groups()
        if start_text:
            start = int(start_text)
            end = min(int(end_text), size - 1) if end_text else size - 1
        else:
            start = max(0, size - int(end_text))
            end = size - 1
        if start > end or start >= size:
            fileobj.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        fileobj.seek(start)
        response = StreamingHttpResponse(_stream(fileobj, end - start + 1), status=206)
        response["Content-Type"] = evidence.content_type
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        inline = evidence.is_video or evidence.is_image or evidence.content_type == "application/pdf"
        response = FileResponse(
            fileobj,
            content_type=evidence.content_type,
            as_attachment=not inline,
            filename=evidence.original_name or str(evidence.public_id),
        )
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Reviewers ----------------------------------------------------------------------------


@require_GET
def reviewer_queue(request):
    """Applications awaiting the user: commission reviews assigned to them and their learners' requests."""
    user = request.user
    perms.check_reviewer(user)
    assigned = ReviewAssignment.objects.active().filter(reviewer=user).values("application_id")
    base = BadgeApplication.objects.exclude(status=ApplicationStatus.DRAFT).filter(
        Q(pk__in=assigned) | Q(applicant_learner__trainer=user, badge_version__review_mode=ReviewMode.TRAINER)
    )
    badges = BadgeClass.objects.filter(versions__applications__in=base).distinct()
    centres = Organisation.objects.filter(
        Q(badge_applications__in=base) | Q(learners__badge_applications__in=base)
    ).distinct()
    filters = QueueFilterForm(request.GET or None, badges=badges, centres=centres)
    applications = base
    if filters.is_valid():
        data = filters.cleaned_data
        if data["badge"]:
            applications = applications.filter(badge_version__badge_class=data["badge"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data["cfa"]:
            applications = applications.filter(
                Q(applicant_organisation=data["cfa"]) | Q(applicant_learner__training_centre=data["cfa"])
            )
        if data["overdue"]:
            overdue = ReviewAssignment.objects.overdue().filter(reviewer=user).values("application_id")
            applications = applications.filter(pk__in=overdue)
    counts = {row["status"]: row["n"] for row in base.values("status").annotate(n=Count("pk"))}
    overdue_count = ReviewAssignment.objects.overdue().filter(reviewer=user).count()
    applications = applications.select_related(
        "badge_version", "applicant_organisation", "applicant_learner__training_centre"
    ).order_by("submitted_at", "pk")
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    due = {
        a.application_id: a
        for a in ReviewAssignment.objects.filter(reviewer=user, application__in=page.object_list).select_related(
            "review"
        )
    }
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/reviewer_queue.html",
        {
            "page": page,
            "filters": filters,
            "counts": [(s, counts.get(s.value, 0)) for s in ApplicationStatus if counts.get(s.value)],
            "total": sum(counts.values()),
            "overdue_count": overdue_count,
            "assignments": due,
            "now": timezone.now(),
            "query_string": query.urlencode(),
        },
    )


def _evidence_by_criterion(application):
    evidence = list(application.evidence.select_related("criterion"))
    statements = {s.criterion_id: s for s in application.statements.all()}
    return [
        {
            "criterion": c,
            "statement": statements.get(c.pk),
            "evidence": [e for e in evidence if e.criterion_id == c.pk],
        }
        for c in application.applicable_criteria()
    ]


@require_http_methods(["GET", "POST"])
def review(request, public_id):
    application = perms.get_application_for_reviewer(request.user, public_id)
    assignment = application.assignments.active().get(reviewer=request.user)
    form = ReviewForm(request.POST or None, application=application, assignment=assignment)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_review(
                    application,
                    by=request.user,
                    votes=form.votes(),
                    opinion=form.cleaned_data["opinion"],
                    comment=form.cleaned_data["comment"],
                )
            except ApplicationError as exc:
                _error(request, exc)
            else:
                messages.success(request, _("Votre avis a été enregistré."))
                return redirect("applications:reviewer_queue")
        else:
            messages.error(request, _("Le formulaire contient des erreurs : rien n’a été enregistré."))
    blocks = _evidence_by_criterion(application)
    for block in blocks:
        block["verdict_field"] = form[f"verdict_{block['criterion'].pk}"]
        block["comment_field"] = form[f"comment_{block['criterion'].pk}"]
    return render(
        request,
        "applications/review.html",
        {
            "application": application,
            "assignment": assignment,
            "form": form,
            "blocks": blocks,
            "conflict_form": ConflictForm(),
        },
    )


@require_POST
def declare_conflict(request, public_id):
    application = perms.get_application_for_reviewer(request.user, public_id)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Précisez la nature du conflit d’intérêts."))
        return redirect("applications:review", public_id=application.public_id)
    try:
        services.declare_conflict(application, by=request.user, reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("applications:review", public_id=application.public_id)
    messages.success(request, _("Conflit d’intérêts déclaré : cette demande ne vous est plus confiée."))
    return redirect("applications:reviewer_queue")


@require_http_methods(["GET", "POST"])
def trainer_review(request, public_id):
    application = perms.get_application_for_trainer(request.user, public_id)
    form = TrainerReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_trainer_review(
                application,
                by=request.user,
                confirm=form.cleaned_data["decision"] == "confirm",
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            _error(request, exc)
        else:
            application.refresh_from_db()
            _hand_over_to_issuing(application)
            messages.success(request, _("Votre avis a été transmis à l’apprenti."))
            return redirect("applications:detail", public_id=application.public_id)
    return render(
        request,
        "applications/trainer_review.html",
        {"application": application, "form": form, "blocks": _evidence_by_criterion(application)},
    )


def _hand_over_to_issuing(application) -> None:
    """Ask the credentials app to issue what is awarded (it pulls awarded applications, idempotently).

    The applications domain never imports credentials (a higher layer); the presentation layer
    connects the two. The worker issues within seconds; with the immediate backend, at once.
    """
    if application.status == ApplicationStatus.APPROVED:
        credential_tasks.issue_for_awarded_applications.enqueue()


# --- Coordinator --------------------------------------------------------------------------


def _affiliations(issuer):
    return {
        m.user_id: m.get_affiliation_display()
        for m in Membership.objects.filter(organisation=issuer, role=Role.EXPERT, is_active=True)
    }


@require_GET
def coordinator_board(request, public_id):
    issuer = perms.get_issuer_for_coordinator(request.user, public_id)
    applications = (
        BadgeApplication.objects.issued_by(issuer)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("badge_version", "applicant_organisation", "applicant_learner")
        .annotate(
            reviewers=Count(
                "assignments",
                filter=Q(assignments__is_active=True, assignments__conflict_declared_at__isnull=True),
                distinct=True,
            ),
            reviews_done=Count(
                "assignments__review",
                filter=Q(assignments__is_active=True, assignments__conflict_declared_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("submitted_at", "pk")
    )
    status = request.GET.get("status") or ""
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    experts = services.issuer_experts(issuer)
    return render(
        request,
        "applications/coordinator_board.html",
        {
            "issuer": issuer,
            "page": page,
            "status": status,
            "statuses": [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT],
            "commissions": issuer.commissions.prefetch_related("members", "sessions"),
            "commission_form": CommissionForm(experts=experts),
            "session_form": SessionForm(issuer=issuer),
            "affiliations": _affiliations(issuer),
            "query_string": f"status={status}" if status else "",
        },
    )


@require_POST
def create_commission(request, public_id):
    issuer = perms.get_issuer_for_coordinator(request.user, public_id)
    form = CommissionForm(request.POST, experts=services.issuer_experts(issuer))
    if form.is_valid():
        try:
            services.create_commission(
                issuer=issuer, name=form.cleaned_data["name"], members=form.cleaned_data["members"], by=request.user
            )
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Commission créée."))
    else:
        messages.error(request, _("Indiquez un nom et au moins un expert."))
    return redirect("applications:coordinator_board", public_id=issuer.public_id)


@require_POST
def create_session(request, public_id):
    issuer = perms.get_issuer_for_coordinator(request.user, public_id)
    form = SessionForm(request.POST, issuer=issuer)
    if form.is_valid():
        services.create_session(by=request.user, **form.cleaned_data)
        messages.success(request, _("Séance créée."))
    else:
        messages.error(request, _("Choisissez une commission et une date."))
    return redirect("applications:coordinator_board", public_id=issuer.public_id)


@require_GET
def session_minutes(request, public_id):
    session = get_object_or_404(CommissionSession.objects.select_related("commission__issuer"), public_id=public_id)
    perms.get_issuer_for_coordinator(request.user, session.commission.issuer.public_id)
    response = HttpResponse(render_minutes_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="proces-verbal-{session.held_on:%Y-%m-%d}.pdf"'
    return response


def _instruct_context(application, assign_form=None, decision_form=None):
    issuer = application.badge_version.badge_class.issuer
    assignments = list(application.assignments.select_related("reviewer", "review").prefetch_related("votes"))
    tallies = services.tallies_for(application)
    votes_by_criterion = {}
    for assignment in assignments:
        if assignment.is_active and not assignment.conflict_declared_at:
            for vote in assignment.votes.all():
                votes_by_criterion.setdefault(vote.criterion_id, []).append((assignment.reviewer, vote))
    rows = [
        {"criterion": c, "tally": tallies.get(c.pk), "votes": votes_by_criterion.get(c.pk, [])}
        for c in application.applicable_criteria()
    ]
    eligible = services.eligible_reviewers(application)
    return {
        "application": application,
        "issuer": issuer,
        "assignments": assignments,
        "rows": rows,
        "blocks": _evidence_by_criterion(application),
        "quorum": services.is_quorum_reached(application),
        "proposal": services.proposal_for(application),
        "assign_form": assign_form or AssignReviewersForm(queryset=eligible, affiliations=_affiliations(issuer)),
        "decision_form": decision_form or DecisionForm(issuer=issuer),
        "events": _timeline(application),
        "is_commission": application.review_mode == ReviewMode.COMMISSION,
    }


@require_GET
def instruct(request, public_id):
    application = perms.get_application_for_coordinator(request.user, public_id)
    return render(request, "applications/instruct.html", _instruct_context(application))


@require_POST
def assign_reviewers(request, public_id):
    application = perms.get_application_for_coordinator(request.user, public_id)
    issuer = application.badge_version.badge_class.issuer
    form = AssignReviewersForm(
        request.POST, queryset=services.eligible_reviewers(application), affiliations=_affiliations(issuer)
    )
    if form.is_valid():
        due = form.cleaned_data["due_date"]
        due_at = timezone.make_aware(datetime.combine(due, time(23, 59))) if due else None
        try:
            services.assign_reviewers(
                application, reviewers=list(form.cleaned_data["reviewers"]), by=request.user, due_at=due_at
            )
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Experts désignés : ils sont prévenus par courriel."))
            return redirect("applications:instruct", public_id=application.public_id)
    else:
        messages.error(request, _("Choisissez des experts parmi ceux proposés."))
    return render(request, "applications/instruct.html", _instruct_context(application, assign_form=form))


@require_POST
def decide(request, public_id):
    application = perms.get_application_for_coordinator(request.user, public_id)
    issuer = application.badge_version.badge_class.issuer
    form = DecisionForm(request.POST, issuer=issuer)
    if form.is_valid():
        try:
            services.record_decision(
                application,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                session=form.cleaned_data["session"],
                by=request.user,
            )
        except ApplicationError as exc:
            _error(request, exc)
        else:
            application.refresh_from_db()
            _hand_over_to_issuing(application)
            messages.success(request, _("Décision enregistrée : le demandeur est prévenu par courriel."))
            return redirect("applications:instruct", public_id=application.public_id)
    else:
        messages.error(request, _("La décision n’a pas été enregistrée : corrigez le formulaire."))
    return render(request, "applications/instruct.html", _instruct_context(application, decision_form=form))

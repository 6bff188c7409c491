"""State changes of badge applications.

Each public function is one business operation: it runs in one transaction, locks the
application row, checks the transition against NEXT_STATUSES, writes an ApplicationEvent and
schedules emails with transaction.on_commit. Nothing here performs network I/O. Errors are
ApplicationError subclasses carrying a French message; when one is raised nothing is written.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blason.applications import evidence_files, notifications, proposal
from blason.applications.enums import (
    OUTCOME_STATUS,
    VOTING_STATUSES,
    ApplicationEventKind,
    ApplicationStatus,
    DecisionOutcome,
    EvidenceType,
    Verdict,
)
from blason.applications.exceptions import (
    ApplicationError,
    DecisionNotAllowed,
    EvidenceRejected,
    MissingStatements,
    NotReviewable,
    ReviewerNotEligible,
    TransitionNotAllowed,
)
from blason.applications.models import (
    ApplicationEvent,
    BadgeApplication,
    CommissionDecision,
    CriterionStatement,
    CriterionVote,
    Evidence,
    Review,
    ReviewAssignment,
)
from blason.badges.enums import BadgeClassStatus, RecipientKind, ReviewMode
from blason.organisations.enums import Role
from blason.organisations.models import Membership

S = ApplicationStatus
DEFAULT_REVIEW_DELAY = timedelta(days=21)
REMINDER_INTERVAL = timedelta(days=3)


def _lock(application: BadgeApplication) -> BadgeApplication:
    # no_key=True: we update columns, never the primary key, so FK inserts elsewhere are not blocked.
    return (
        BadgeApplication.objects.select_for_update(of=("self",), no_key=True)
        .select_related("badge_version__badge_class", "applicant_organisation", "applicant_learner")
        .get(pk=application.pk)
    )


def _move(application: BadgeApplication, target: ApplicationStatus) -> None:
    if not application.can_transition_to(target):
        raise TransitionNotAllowed(current=application.status, target=target)
    application.status = target


def _event(application, kind, by, **data) -> ApplicationEvent:
    return ApplicationEvent.objects.create(application=application, kind=kind, actor=by, data=data)


def _on_commit(function, **kwargs) -> None:
    transaction.on_commit(partial(function, **kwargs))


# --- Applying -----------------------------------------------------------------------------


@transaction.atomic
def open_application(
    *,
    badge_class,
    by,
    applicant_organisation=None,
    applicant_learner=None,
    renewal_of: BadgeApplication | None = None,
    renews_credential_public_id=None,
) -> BadgeApplication:
    """Open a draft application for the current version of a published badge class.

    For a renewal (`renewal_of`: the applicant's approved application for the same class), the
    renewal criteria apply and the previous statements and evidence are copied into the draft.
    Idempotent: if the applicant already has an open application for this class, it is returned.
    Raises ApplicationError when the class is not published, the applicant kind does not match
    the badge's recipient kind, or a renewal is not possible.
    """
    if (applicant_organisation is None) == (applicant_learner is None):
        raise ApplicationError(_("Une demande a un seul demandeur : un CFA ou un apprenti."))
    if badge_class.status != BadgeClassStatus.PUBLISHED or badge_class.current_version_id is None:
        raise ApplicationError(_("Ce badge n’est pas ouvert aux demandes."))
    version = badge_class.current_version
    expected = RecipientKind.ORGANISATION if applicant_organisation else RecipientKind.PERSON
    if version.recipient_kind != expected:
        raise ApplicationError(
            _("Ce badge est destiné à un CFA.")
            if version.recipient_kind == RecipientKind.ORGANISATION
            else _("Ce badge est destiné à un apprenti.")
        )
    if applicant_organisation is not None and not applicant_organisation.is_training_centre:
        raise ApplicationError(_("Seul un CFA peut demander ce badge."))
    if applicant_organisation is not None:
        is_open = badge_class.is_open_to(training_centre=applicant_organisation)
    else:
        is_open = badge_class.is_open_to(
            training_centre=applicant_learner.training_centre, cohort=applicant_learner.cohort
        )
    if not is_open:
        raise ApplicationError(_("Ce badge est réservé à d’autres CFA ou promotions."))
    applicant = {"applicant_organisation": applicant_organisation, "applicant_learner": applicant_learner}
    existing = (
        BadgeApplication.objects.select_for_update()
        .filter(badge_version__badge_class=badge_class, **applicant)
        .exclude(status__in=[S.APPROVED, S.REJECTED, S.WITHDRAWN])
        .first()
    )
    if existing is not None:
        return existing
    if renewal_of is not None:
        if not version.is_renewable:
            raise ApplicationError(_("Ce badge n’est pas renouvelable."))
        same_applicant = renewal_of.applicant_organisation_id == getattr(
            applicant_organisation, "pk", None
        ) and renewal_of.applicant_learner_id == getattr(applicant_learner, "pk", None)
        if renewal_of.status != S.APPROVED or renewal_of.badge_class.pk != badge_class.pk or not same_applicant:
            raise ApplicationError(_("Le renouvellement porte sur un badge que vous détenez."))
    application = BadgeApplication.objects.create(
        badge_version=version,
        created_by=by,
        is_renewal=renewal_of is not None,
        renews_credential_public_id=renews_credential_public_id,
        **applicant,
    )
    if renewal_of is not None:
        _copy_previous_answers(application, renewal_of, by=by)
    _event(application, ApplicationEventKind.OPENED, by, renewal=application.is_renewal)
    return application


def _copy_previous_answers(application: BadgeApplication, previous: BadgeApplication, *, by) -> None:
    """Offer the previous statements and evidence again, on criteria with the same text."""
    criteria_by_text = {c.text.strip(): c for c in application.applicable_criteria()}
    for statement in previous.statements.select_related("criterion"):
        criterion = criteria_by_text.get(statement.criterion.text.strip())
        if criterion is not None:
            CriterionStatement.objects.create(
                application=application,
                criterion=criterion,
                text=statement.text,
                consent_publish_links=statement.consent_publish_links,
            )
    for evidence in previous.evidence.select_related("criterion"):
        criterion = criteria_by_text.get(evidence.criterion.text.strip())
        if criterion is not None:
            # The stored file is shared, not copied: removing evidence keeps files still referenced.
            Evidence.objects.create(
                application=application,
                criterion=criterion,
                type=evidence.type,
                file=evidence.file.name,
                original_name=evidence.original_name,
                content_type=evidence.content_type,
                size_bytes=evidence.size_bytes,
                sha256=evidence.sha256,
                duration_seconds=evidence.duration_seconds,
                url=evidence.url,
                text=evidence.text,
                added_by=by,
            )


def _require_editable(application: BadgeApplication) -> None:
    if not application.is_editable:
        raise ApplicationError(
            _("La demande n’est plus modifiable (statut : %(status)s).") % {"status": application.get_status_display()}
        )


@transaction.atomic
def save_draft(
    application: BadgeApplication, *, statements: dict, by, practice: tuple[str, list[str]] | None = None
) -> BadgeApplication:
    """Save the statements: {criterion_id: (text, consent_publish_links)} for the applicable criteria.

    `practice` is (title, keywords) of the pedagogical practice a CFA presents (seed 000), stored
    for organisation applicants only. Only the applicable criteria are accepted (others raise
    ApplicationError). Writes DRAFT_SAVED when something changed (saving the same text again, as the
    background save does, leaves no trace).
    """
    application = _lock(application)
    _require_editable(application)
    criteria = {c.pk: c for c in application.applicable_criteria()}
    unknown = set(statements) - set(criteria)
    if unknown:
        raise ApplicationError(_("Un critère ne fait pas partie de ce badge."))
    changed = False
    if practice is not None and application.applicant_organisation_id:
        title, keywords = practice[0], list(practice[1])
        if (application.practice_title, application.practice_keywords) != (title, keywords):
            application.practice_title, application.practice_keywords = title, keywords
            application.save(update_fields=["practice_title", "practice_keywords", "updated_at"])
            changed = True
    existing = {s.criterion_id: s for s in application.statements.all()}
    for criterion_id, (text, consent) in statements.items():
        text, consent = (text or "").strip(), bool(consent)
        current = existing.get(criterion_id)
        if current is not None and current.text == text and current.consent_publish_links == consent:
            continue
        CriterionStatement.objects.update_or_create(
            application=application,
            criterion=criteria[criterion_id],
            defaults={"text": text, "consent_publish_links": consent},
        )
        changed = True
    # Drafts save as they go (in the background): only a real change touches the row and the timeline.
    if changed:
        application.save(update_fields=["updated_at"])
        _event(application, ApplicationEventKind.DRAFT_SAVED, by)
    return application


def _check_file(upload, *, badge_version) -> dict:
    """Validate an upload by its content; return the fields of the Evidence row. Raises EvidenceRejected."""
    if upload is None or not upload.size:
        raise EvidenceRejected(_("Le fichier est vide ou n’a pas été reçu en entier : envoyez-le à nouveau."))
    content_type = evidence_files.sniff_content_type(upload)
    if content_type is None:
        raise EvidenceRejected(
            _("Ce type de fichier n’est pas accepté (reconnu d’après son contenu). Formats acceptés : %(types)s.")
            % {"types": evidence_files.ACCEPTED_TYPES_LABEL}
        )
    is_video = content_type == evidence_files.MP4
    limit = settings.EVIDENCE_VIDEO_MAX_SIZE_BYTES if is_video else settings.EVIDENCE_MAX_SIZE_BYTES
    if upload.size > limit:
        raise EvidenceRejected(
            _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": limit // (1024 * 1024)}
        )
    duration = None
    if is_video:
        duration = evidence_files.mp4_duration_seconds(upload)
        if duration is None:
            raise EvidenceRejected(_("La vidéo est illisible ou incomplète : envoyez-la à nouveau."))
        cap = badge_version.video_max_duration_seconds
        if cap and duration > cap:
            raise EvidenceRejected(
                _("La vidéo dure %(duration)s secondes ; ce badge accepte au plus %(cap)s secondes.")
                % {"duration": int(round(duration)), "cap": cap}
            )
    if content_type == evidence_files.PDF and not evidence_files.pdf_looks_complete(upload, upload.size):
        raise EvidenceRejected(_("Le PDF est incomplet (envoi interrompu ?) : envoyez-le à nouveau."))
    return {"content_type": content_type, "duration_seconds": duration}


def add_evidence(
    application: BadgeApplication, *, criterion, by, upload=None, url: str = "", text: str = ""
) -> Evidence:
    """Attach one piece of evidence (a file, a link or a short text) to a criterion.

    A file is checked by content (type, size limit by setting, MP4 duration cap of the badge),
    then streamed to the private storage before the transaction; if the transaction fails the
    stored file is deleted. Raises EvidenceRejected / ApplicationError. Writes EVIDENCE_ADDED.
    """
    provided = [upload is not None, bool(url), bool(text.strip())]
    if sum(provided) != 1:
        raise EvidenceRejected(_("Ajoutez soit un fichier, soit un lien, soit un texte court."))
    _require_editable(application)
    fields = {"type": EvidenceType.TEXT, "text": text.strip()}
    stored = None
    if url:
        fields = {"type": EvidenceType.LINK, "url": url}
    elif upload is not None:
        checked = _check_file(upload, badge_version=application.badge_version)
        stored = evidence_files.store_evidence_file(upload)
        fields = {
            "type": EvidenceType.FILE,
            "file": stored.name,
            "sha256": stored.sha256,
            "size_bytes": stored.size_bytes,
            "original_name": (upload.name or "")[:255],
            **checked,
        }
    try:
        return _record_evidence(application, criterion=criterion, by=by, fields=fields)
    except BaseException:
        if stored is not None:
            evidence_files.delete_stored_file(stored.name)
        raise


@transaction.atomic
def _record_evidence(application, *, criterion, by, fields) -> Evidence:
    application = _lock(application)
    _require_editable(application)
    if not application.applicable_criteria().filter(pk=criterion.pk).exists():
        raise ApplicationError(_("Ce critère ne fait pas partie de ce badge."))
    evidence = Evidence.objects.create(application=application, criterion=criterion, added_by=by, **fields)
    application.save(update_fields=["updated_at"])
    _event(
        application,
        ApplicationEventKind.EVIDENCE_ADDED,
        by,
        evidence=str(evidence.public_id),
        type=evidence.type,
        label=evidence.label[:120],
    )
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, *, by) -> None:
    """Remove a piece of evidence while the application is editable; delete the file if unshared."""
    application = _lock(evidence.application)
    _require_editable(application)
    evidence = Evidence.objects.get(pk=evidence.pk, application=application)
    name = evidence.file.name if evidence.type == EvidenceType.FILE else ""
    _event(application, ApplicationEventKind.EVIDENCE_REMOVED, by, label=evidence.label[:120])
    evidence.delete()
    if name and not Evidence.objects.filter(file=name).exists():
        transaction.on_commit(partial(evidence_files.delete_stored_file, name))


def missing_statements(application: BadgeApplication):
    """(missing criteria, required count or None): what prevents submitting."""
    criteria = list(application.applicable_criteria())
    written = set(application.statements.exclude(text="").values_list("criterion_id", flat=True))
    required = application.required_statement_count()
    if required < len(criteria):
        if len([c for c in criteria if c.pk in written]) < required:
            return [c for c in criteria if c.pk not in written], required
        return [], None
    return [c for c in criteria if c.pk not in written], None


@transaction.atomic
def submit_application(application: BadgeApplication, *, by) -> BadgeApplication:
    """Submit a draft, or resubmit after a request for more information.

    Every criterion the rule requires must have a non-empty statement (MissingStatements).
    Idempotent: submitting an application already submitted or under review changes nothing.
    A resubmitted application with reviewers goes straight back to them (and to the
    coordinator's decision if their reviews still make the quorum). Emails after commit.
    """
    application = _lock(application)
    if application.status in {S.SUBMITTED, S.UNDER_REVIEW, S.AWAITING_DECISION}:
        return application
    resubmitted = application.status == S.CHANGES_REQUESTED
    _move(application, S.SUBMITTED)
    missing, required_count = missing_statements(application)
    if missing:
        raise MissingStatements(criteria=missing, required_count=required_count)
    application.submitted_at = timezone.now()
    kind = ApplicationEventKind.RESUBMITTED if resubmitted else ApplicationEventKind.SUBMITTED
    _event(application, kind, by)
    if resubmitted and application.assignments.active().exists():
        _move(application, S.UNDER_REVIEW)
        _maybe_reach_quorum(application, by=by)
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _on_commit(notifications.send_application_submitted, application_id=application.pk, resubmitted=resubmitted)
    return application


@transaction.atomic
def withdraw_application(application: BadgeApplication, *, by) -> BadgeApplication:
    """Withdraw an application that is not decided yet. Idempotent on an already withdrawn one."""
    application = _lock(application)
    if application.status == S.WITHDRAWN:
        return application
    _move(application, S.WITHDRAWN)
    application.save(update_fields=["status", "updated_at"])
    _event(application, ApplicationEventKind.WITHDRAWN, by)
    return application


# --- Commission review ------------------------------------------------------------------


def is_linked_to_training_centre(user, application: BadgeApplication) -> bool:
    """An expert who belongs to the applicant CFA (any active role) has a conflict of interest."""
    return Membership.objects.filter(
        user=user, organisation_id=application.training_centre_id, is_active=True
    ).exists()


def eligible_reviewers(application: BadgeApplication):
    """Experts of the issuer who are not linked to the applicant CFA."""
    from django.contrib.auth import get_user_model

    issuer_id = application.badge_version.badge_class.issuer_id
    conflicted = Membership.objects.filter(organisation_id=application.training_centre_id, is_active=True).values(
        "user_id"
    )
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id=issuer_id, memberships__role=Role.EXPERT, memberships__is_active=True
        )
        .exclude(pk__in=conflicted)
        .distinct()
        .order_by("last_name", "email")
    )


@transaction.atomic
def assign_reviewers(application: BadgeApplication, *, reviewers, by, due_at=None) -> list[ReviewAssignment]:
    """Assign experts of the issuer to a commission application (SUBMITTED → UNDER_REVIEW).

    Each reviewer must be an active expert of the issuer and not linked to the applicant CFA
    (ReviewerNotEligible); after the call the application must have at least the class's
    `min_reviewers` active reviewers. Reviewers already assigned are kept. Emails each new one.
    """
    application = _lock(application)
    if application.review_mode != ReviewMode.COMMISSION:
        raise ApplicationError(_("Ce badge n’est pas instruit par une commission."))
    if application.status not in {S.SUBMITTED, S.UNDER_REVIEW, S.AWAITING_DECISION}:
        raise TransitionNotAllowed(current=application.status, target=S.UNDER_REVIEW)
    issuer_id = application.badge_version.badge_class.issuer_id
    new = []
    for reviewer in reviewers:
        if is_linked_to_training_centre(reviewer, application):
            raise ReviewerNotEligible(
                _("%(name)s est lié(e) au CFA demandeur : conflit d’intérêts, cette personne ne peut pas expertiser.")
                % {"name": reviewer}
            )
        if not Membership.objects.filter(
            user=reviewer, organisation_id=issuer_id, role=Role.EXPERT, is_active=True
        ).exists():
            raise ReviewerNotEligible(_("%(name)s n’est pas expert de cet émetteur.") % {"name": reviewer})
        assignment = ReviewAssignment.objects.filter(application=application, reviewer=reviewer).first()
        if assignment is not None:
            if assignment.conflict_declared_at:
                raise ReviewerNotEligible(
                    _("%(name)s a déclaré un conflit d’intérêts sur cette demande.") % {"name": reviewer}
                )
            continue
        new.append(
            ReviewAssignment.objects.create(
                application=application,
                reviewer=reviewer,
                assigned_by=by,
                due_at=due_at or timezone.now() + DEFAULT_REVIEW_DELAY,
            )
        )
    minimum = application.badge_version.min_reviewers
    if application.assignments.active().count() < minimum:
        raise ReviewerNotEligible(_("Désignez au moins %(count)s experts pour ce badge.") % {"count": minimum})
    if application.status == S.SUBMITTED:
        _move(application, S.UNDER_REVIEW)
        application.save(update_fields=["status", "updated_at"])
    for assignment in new:
        _event(application, ApplicationEventKind.REVIEWER_ASSIGNED, by, reviewer=assignment.reviewer.email)
        _on_commit(notifications.send_reviewer_assigned, assignment_id=assignment.pk)
        _on_commit(_schedule_reminder, assignment_id=assignment.pk, at=assignment.due_at)
    return new


def _active_assignment(application: BadgeApplication, user) -> ReviewAssignment:
    assignment = application.assignments.active().filter(reviewer=user).first()
    if assignment is None or is_linked_to_training_centre(user, application):
        raise NotReviewable(_("Vous n’êtes pas désigné(e) pour expertiser cette demande."))
    return assignment


@transaction.atomic
def declare_conflict(application: BadgeApplication, *, by, reason: str) -> ReviewAssignment:
    """The reviewer declares a conflict of interest: they lose access and their votes stop counting."""
    application = _lock(application)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Précisez la nature du conflit d’intérêts."))
    assignment = application.assignments.active().filter(reviewer=by).first()
    if assignment is None:
        raise NotReviewable(_("Vous n’êtes pas désigné(e) pour expertiser cette demande."))
    assignment.conflict_declared_at = timezone.now()
    assignment.conflict_reason = reason
    assignment.save(update_fields=["conflict_declared_at", "conflict_reason", "updated_at"])
    _event(application, ApplicationEventKind.CONFLICT_DECLARED, by)
    return assignment


def completed_assignments(application: BadgeApplication):
    return application.assignments.active().filter(review__isnull=False)


def tallies_for(application: BadgeApplication) -> dict:
    """Per applicable criterion, the votes of active reviewers who completed their review."""
    criteria = list(application.applicable_criteria().values_list("pk", flat=True))
    votes = CriterionVote.objects.filter(assignment__in=completed_assignments(application)).values_list(
        "criterion_id", "verdict"
    )
    return proposal.tally(criteria, votes)


def is_quorum_reached(application: BadgeApplication) -> bool:
    return proposal.is_quorum_reached(
        completed_assignments(application).count(), application.badge_version.min_reviewers
    )


def proposal_for(application: BadgeApplication) -> DecisionOutcome | None:
    """Blason's proposal once the quorum is reached; None before."""
    if not is_quorum_reached(application):
        return None
    rule, minimum = application.criteria_rule()
    return proposal.propose(tallies_for(application), rule=rule, min_count=minimum)


def _maybe_reach_quorum(application: BadgeApplication, *, by) -> None:
    if application.status == S.UNDER_REVIEW and is_quorum_reached(application):
        _move(application, S.AWAITING_DECISION)
        _event(application, ApplicationEventKind.QUORUM_REACHED, by, proposal=str(proposal_for(application)))
        _on_commit(notifications.send_quorum_reached, application_id=application.pk)


@transaction.atomic
def record_review(application: BadgeApplication, *, by, votes: dict, opinion: str, comment: str) -> Review:
    """Record (or update) a reviewer's vote on every criterion and overall opinion.

    `votes` is {criterion_id: (verdict, comment)} and must cover every applicable criterion.
    The application row is locked, so two reviewers voting at once are serialised and both
    count; the one completing the quorum moves the application to AWAITING_DECISION.
    Raises NotReviewable if `by` is not an active reviewer or voting is closed.
    """
    application = _lock(application)
    assignment = _active_assignment(application, by)
    if application.status not in VOTING_STATUSES:
        raise NotReviewable(_("Cette demande n’est pas ouverte à l’expertise."))
    criteria = {c.pk: c for c in application.applicable_criteria()}
    if set(votes) != set(criteria):
        raise NotReviewable(_("Donnez une appréciation pour chaque critère."))
    if not (comment or "").strip():
        raise NotReviewable(_("Motivez votre avis global."))
    for criterion_id, (verdict, vote_comment) in votes.items():
        Verdict(verdict)
        CriterionVote.objects.update_or_create(
            assignment=assignment,
            criterion=criteria[criterion_id],
            defaults={"verdict": verdict, "comment": (vote_comment or "").strip()},
        )
    review, _created = Review.objects.update_or_create(
        assignment=assignment, defaults={"opinion": opinion, "comment": comment.strip()}
    )
    _event(application, ApplicationEventKind.REVIEW_RECORDED, by, opinion=opinion)
    _maybe_reach_quorum(application, by=by)
    application.save(update_fields=["status", "updated_at"])
    return review


# --- Decisions --------------------------------------------------------------------------


@transaction.atomic
def record_decision(
    application: BadgeApplication, *, outcome: str, reason: str, by, session=None
) -> CommissionDecision:
    """The coordinator's decision: award, refuse, or return to the applicant for more information.

    A reason is required (the applicant reads it). For a commission badge, award and refusal
    need the quorum (status AWAITING_DECISION); more information may be asked at any review
    stage. A direct-award badge is decided from SUBMITTED. Idempotent: repeating the decision
    that set the current status returns it unchanged (a double click awards once).
    Award sets APPROVED and nothing else: the credentials app issues from `awarded()`.
    """
    outcome = DecisionOutcome(outcome)
    reason = (reason or "").strip()
    if not reason:
        raise DecisionNotAllowed(_("Indiquez le motif de la décision : le demandeur le lira."))
    application = _lock(application)
    target = OUTCOME_STATUS[outcome]
    last = application.decisions.first()
    if application.status == target and last is not None and last.outcome == outcome:
        return last
    mode = application.review_mode
    if mode == ReviewMode.TRAINER:
        raise DecisionNotAllowed(_("Ce badge est confirmé par le formateur de l’apprenti."))
    if mode == ReviewMode.COMMISSION and outcome != DecisionOutcome.MORE_INFORMATION:
        if application.status in {S.SUBMITTED, S.UNDER_REVIEW}:
            raise DecisionNotAllowed(
                _("Le quorum d’experts n’est pas atteint : la décision ne peut pas encore être prise.")
            )
    current_proposal = proposal_for(application) if mode == ReviewMode.COMMISSION else None
    _move(application, target)
    decision = CommissionDecision.objects.create(
        application=application,
        session=session,
        outcome=outcome,
        reason=reason,
        proposal=current_proposal or "",
        decided_by=by,
    )
    if session is not None:
        session.applications.add(application)
    _apply_decision(application, outcome=outcome, reason=reason, by=by)
    return decision


def _apply_decision(application, *, outcome, reason, by, trainer=False) -> None:
    if outcome == DecisionOutcome.MORE_INFORMATION:
        application.save(update_fields=["status", "updated_at"])
        _event(application, ApplicationEventKind.CHANGES_REQUESTED, by, reason=reason)
        _on_commit(notifications.send_changes_requested, application_id=application.pk)
        return
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
    if trainer:
        kind = (
            ApplicationEventKind.TRAINER_CONFIRMED
            if outcome == DecisionOutcome.AWARD
            else ApplicationEventKind.TRAINER_REFUSED
        )
    else:
        kind = ApplicationEventKind.APPROVED if outcome == DecisionOutcome.AWARD else ApplicationEventKind.REJECTED
    _event(application, kind, by, reason=reason)
    _on_commit(notifications.send_decision, application_id=application.pk)


@transaction.atomic
def record_trainer_review(application: BadgeApplication, *, by, confirm: bool, comment: str) -> CommissionDecision:
    """The learner's trainer confirms (award) or refuses a personal badge; a refusal needs a comment.

    Only the trainer recorded on the Learner may do it (NotReviewable), from SUBMITTED.
    Idempotent like record_decision.
    """
    application = _lock(application)
    comment = (comment or "").strip()
    if application.review_mode != ReviewMode.TRAINER or application.applicant_learner_id is None:
        raise NotReviewable(_("Ce badge n’est pas confirmé par un formateur."))
    if application.applicant_learner.trainer_id != by.pk:
        raise NotReviewable(_("Vous n’êtes pas le formateur référent de cet apprenti."))
    outcome = DecisionOutcome.AWARD if confirm else DecisionOutcome.REFUSE
    target = OUTCOME_STATUS[outcome]
    last = application.decisions.first()
    if application.status == target and last is not None and last.outcome == outcome:
        return last
    if not confirm and not comment:
        raise DecisionNotAllowed(_("Expliquez votre refus à l’apprenti dans le commentaire."))
    if application.status != S.SUBMITTED:
        raise TransitionNotAllowed(current=application.status, target=target)
    _move(application, target)
    reason = comment or _("Confirmé par le formateur.")
    decision = CommissionDecision.objects.create(
        application=application, outcome=outcome, reason=reason, decided_by=by
    )
    _apply_decision(application, outcome=outcome, reason=reason, by=by, trainer=True)
    return decision


# --- Reminders --------------------------------------------------------------------------


def send_overdue_reminders(*, now=None) -> int:
    """Email every reviewer whose review is overdue (at most once per REMINDER_INTERVAL); return the count."""
    now = now or timezone.now()
    count = 0
    ids = list(ReviewAssignment.objects.overdue(now).values_list("pk", flat=True))
    for assignment_id in ids:
        if _remind(assignment_id, now=now):
            count += 1
    return count


def _schedule_reminder(*, assignment_id: int, at) -> None:
    """Queue the reminder check of one review at `at` (its due date), on a back-end that can defer tasks.

    No cron is needed then: the worker reminds each overdue reviewer, and again every REMINDER_INTERVAL.
    (`manage.py remind_overdue_reviews` remains for deployments whose task back-end cannot defer.)
    """
    from blason.applications import tasks

    if tasks.remind_review.get_backend().supports_defer:
        tasks.remind_review.using(run_after=at).enqueue(assignment_id)


def remind_if_overdue(assignment_id: int, *, now=None):
    """Remind one reviewer if their review is overdue. Return when to check again, or None when done."""
    now = now or timezone.now()
    if ReviewAssignment.objects.overdue(now).filter(pk=assignment_id).exists():
        _remind(assignment_id, now=now)
        return now + REMINDER_INTERVAL
    pending = (
        ReviewAssignment.objects.active()
        .filter(pk=assignment_id, review__isnull=True, application__status__in=VOTING_STATUSES, due_at__gte=now)
        .values_list("due_at", flat=True)
        .first()
    )
    return pending  # not due yet (the due date moved): check again then; otherwise nothing left to do


@transaction.atomic
def _remind(assignment_id: int, *, now) -> bool:
    assignment = ReviewAssignment.objects.select_for_update().filter(pk=assignment_id).first()
    if assignment is None or (assignment.reminded_at and assignment.reminded_at > now - REMINDER_INTERVAL):
        return False
    assignment.reminded_at = now
    assignment.save(update_fields=["reminded_at", "updated_at"])
    _event(assignment.application, ApplicationEventKind.REMINDER_SENT, None, reviewer=assignment.reviewer.email)
    _on_commit(notifications.send_review_reminder, assignment_id=assignment.pk)
    return True


# --- Commissions ------------------------------------------------------------------------


@transaction.atomic
def create_commission(*, issuer, name: str, members, by):
    """Compose a commission of the issuer's experts (members must be active experts of the issuer)."""
    from blason.applications.models import Commission

    member_ids = {m.pk for m in members}
    experts = set(
        Membership.objects.filter(
            organisation=issuer, role=Role.EXPERT, is_active=True, user_id__in=member_ids
        ).values_list("user_id", flat=True)
    )
    if experts != member_ids:
        raise ReviewerNotEligible(_("Une commission ne compte que des experts de l’émetteur."))
    commission = Commission.objects.create(issuer=issuer, name=name.strip())
    commission.members.set(members)
    return commission


@transaction.atomic
def create_session(*, commission, held_on, location: str = "", by):
    """Open a session of a commission; decisions recorded with it appear in its minutes."""
    from blason.applications.models import CommissionSession

    return CommissionSession.objects.create(commission=commission, held_on=held_on, location=location.strip())


def issuer_experts(issuer):
    """Active experts of the issuer (candidates for its commissions)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=issuer, memberships__role=Role.EXPERT, memberships__is_active=True)
        .distinct()
        .order_by("last_name", "email")
    )

from datetime import timedelta

import pytest
from django.utils import timezone

from blason.applications import services
from blason.applications.enums import (
    ApplicationEventKind,
    ApplicationStatus,
    DecisionOutcome,
    ReviewOpinion,
    Verdict,
)
from blason.applications.exceptions import (
    ApplicationError,
    DecisionNotAllowed,
    MissingStatements,
    NotReviewable,
    ReviewerNotEligible,
    TransitionNotAllowed,
)
from blason.applications.models import BadgeApplication, CommissionDecision, CriterionStatement, Evidence
from blason.badges.enums import CriteriaRule, RecipientKind, ReviewMode
from blason.organisations.enums import Role
from tests.applications.factories import (
    BadgeApplicationFactory,
    LearnerFactory,
    MembershipFactory,
    OrganisationFactory,
    make_badge,
)
from tests.applications.helpers import awaiting_decision, submitted_application, under_review, vote

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def _kinds(application):
    return list(application.events.order_by("occurred_at", "pk").values_list("kind", flat=True))


# --- open / draft / submit ---------------------------------------------------------------


def test_open_application_creates_a_draft_and_is_idempotent(world):
    first = services.open_application(badge_class=world.badge, applicant_organisation=world.cfa, by=world.manager)
    again = services.open_application(badge_class=world.badge, applicant_organisation=world.cfa, by=world.manager)
    assert first.pk == again.pk
    assert first.status == S.DRAFT
    assert _kinds(first) == [ApplicationEventKind.OPENED]


def test_open_application_refuses_a_person_badge_for_a_cfa(world):
    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    with pytest.raises(ApplicationError, match="apprenti"):
        services.open_application(badge_class=badge, applicant_organisation=world.cfa, by=world.manager)


def test_open_application_respects_who_may_apply(world):
    from blason.badges.enums import Eligibility

    badge = make_badge(issuer=world.issuer)
    badge.eligibility = Eligibility.LISTED
    badge.save()
    badge.eligible_training_centres.set([OrganisationFactory()])
    with pytest.raises(ApplicationError, match="réservé à d’autres CFA"):
        services.open_application(badge_class=badge, applicant_organisation=world.cfa, by=world.manager)
    assert not BadgeApplication.objects.exists()
    badge.eligible_training_centres.add(world.cfa)
    services.open_application(badge_class=badge, applicant_organisation=world.cfa, by=world.manager)
    assert BadgeApplication.objects.count() == 1


def test_a_learner_may_apply_when_their_cohort_is_listed(world):
    from blason.badges.enums import Eligibility
    from blason.organisations.models import Cohort

    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    badge.eligibility = Eligibility.LISTED
    badge.save()
    learner = LearnerFactory(training_centre=world.cfa)
    with pytest.raises(ApplicationError):
        services.open_application(badge_class=badge, applicant_learner=learner, by=learner.user)
    learner.cohort = Cohort.objects.create(training_centre=world.cfa, name="BTS 2026")
    learner.save()
    badge.eligible_cohorts.set([learner.cohort])
    services.open_application(badge_class=badge, applicant_learner=learner, by=learner.user)


def test_open_application_refuses_an_unpublished_badge(world):
    badge = make_badge(issuer=world.issuer, status="draft")
    with pytest.raises(ApplicationError, match="pas ouvert"):
        services.open_application(badge_class=badge, applicant_organisation=world.cfa, by=world.manager)


def test_submit_records_event_and_emails_coordinator_and_applicant(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, by=world.manager)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.submitted_at
    assert _kinds(application) == [ApplicationEventKind.SUBMITTED]
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[world.coordinator.email].startswith("Nouvelle demande de badge à instruire")
    assert subjects[world.manager.email].startswith("Votre demande de badge a bien été déposée")
    assert all(m.alternatives and m.alternatives[0][1] == "text/html" for m in mailoutbox)


def test_submit_twice_has_one_effect(world, django_capture_on_commit_callbacks, mailoutbox):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, by=world.manager)
        services.submit_application(application, by=world.manager)
    assert _kinds(application) == [ApplicationEventKind.SUBMITTED]
    assert len(mailoutbox) == 2  # coordinator + applicant, once


def test_submit_with_an_empty_statement_fails_and_changes_nothing(world):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    CriterionStatement.objects.filter(application=application).update(text="")
    CriterionStatement.objects.filter(application=application).first()
    statement = application.statements.order_by("criterion__position").first()
    statement.text = "Rempli"
    statement.save()
    with pytest.raises(MissingStatements) as error:
        services.submit_application(application, by=world.manager)
    assert "Chaque critère exigé doit avoir une déclaration" in error.value.message
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.submitted_at is None
    assert _kinds(application) == []


def test_submit_with_rule_at_least_n_needs_n_statements(world):
    badge = make_badge(issuer=world.issuer, criteria=4, criteria_rule=CriteriaRule.AT_LEAST, criteria_min_count=2)
    application = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=world.cfa, created_by=world.manager
    )
    first, second = list(application.applicable_criteria())[:2]
    services.save_draft(application, statements={first.pk: ("Oui", False)}, by=world.manager)
    with pytest.raises(MissingStatements, match="au moins 2"):
        services.submit_application(application, by=world.manager)
    services.save_draft(application, statements={second.pk: ("Oui aussi", True)}, by=world.manager)
    assert services.submit_application(application, by=world.manager).status == S.SUBMITTED


def test_save_draft_refuses_a_criterion_of_another_badge(world):
    application = BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa)
    other = make_badge(issuer=world.issuer).current_version.criteria.first()
    with pytest.raises(ApplicationError):
        services.save_draft(application, statements={other.pk: ("x", False)}, by=world.manager)
    assert not application.statements.exists()


def test_save_draft_refused_once_submitted(world):
    application = submitted_application(world)
    criterion = application.applicable_criteria().first()
    with pytest.raises(ApplicationError, match="plus modifiable"):
        services.save_draft(application, statements={criterion.pk: ("changé", False)}, by=world.manager)
    assert application.statements.get(criterion=criterion).text != "changé"


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.CHANGES_REQUESTED])
def test_withdraw_allowed(world, status):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, status=status, submitted_at=timezone.now()
    )
    assert services.withdraw_application(application, by=world.manager).status == S.WITHDRAWN
    # Idempotent.
    assert services.withdraw_application(application, by=world.manager).status == S.WITHDRAWN
    assert _kinds(application) == [ApplicationEventKind.WITHDRAWN]


@pytest.mark.parametrize("status", [S.AWAITING_DECISION, S.APPROVED, S.REJECTED])
def test_withdraw_forbidden(world, status):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, status=status, submitted_at=timezone.now()
    )
    with pytest.raises(TransitionNotAllowed, match="n’est pas possible"):
        services.withdraw_application(application, by=world.manager)
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize("status", [S.APPROVED, S.REJECTED, S.WITHDRAWN])
def test_submit_forbidden_from_terminal_statuses(world, status):
    application = BadgeApplicationFactory(
        badge_class=world.badge,
        applicant_organisation=world.cfa,
        status=status,
        submitted_at=timezone.now(),
        with_statements=True,
    )
    with pytest.raises(TransitionNotAllowed):
        services.submit_application(application, by=world.manager)


# --- reviewers, recusal ------------------------------------------------------------------


def test_assign_reviewers_moves_to_under_review_and_emails_them(world, django_capture_on_commit_callbacks, mailoutbox):
    application = submitted_application(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_reviewers(application, reviewers=world.experts[:2], by=world.coordinator)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.email for e in world.experts[:2])
    assert mailoutbox[0].subject.startswith("Une demande de badge vous est confiée")


def test_assign_reviewers_requires_the_class_minimum(world):
    application = submitted_application(world)
    with pytest.raises(ReviewerNotEligible, match="au moins 2 experts"):
        services.assign_reviewers(application, reviewers=world.experts[:1], by=world.coordinator)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and not application.assignments.exists()


def test_an_expert_member_of_the_applicant_cfa_cannot_be_assigned(world):
    conflicted = world.experts[0]
    MembershipFactory(user=conflicted, organisation=world.cfa, role=Role.TRAINER)
    application = submitted_application(world)
    with pytest.raises(ReviewerNotEligible, match="conflit d’intérêts"):
        services.assign_reviewers(application, reviewers=world.experts, by=world.coordinator)
    assert not application.assignments.exists()
    assert conflicted not in services.eligible_reviewers(application)


def test_someone_who_is_not_an_expert_of_the_issuer_cannot_be_assigned(world):
    application = submitted_application(world)
    outsider = MembershipFactory(organisation=OrganisationFactory(issuer=True), expert=True).user
    with pytest.raises(ReviewerNotEligible, match="n’est pas expert"):
        services.assign_reviewers(application, reviewers=[world.experts[0], outsider], by=world.coordinator)


def test_declared_conflict_removes_the_reviewer_and_their_votes(world):
    application = under_review(world, reviewers=world.experts)
    vote(application, world.experts[0], Verdict.NOT_MET)
    services.declare_conflict(application, by=world.experts[0], reason="J’ai travaillé dans ce CFA.")
    with pytest.raises(NotReviewable):
        vote(application, world.experts[0], Verdict.MET)
    assert services.completed_assignments(application).count() == 0
    assert ApplicationEventKind.CONFLICT_DECLARED in _kinds(application)


def test_a_reviewer_not_assigned_cannot_vote(world):
    application = under_review(world)
    with pytest.raises(NotReviewable, match="pas désigné"):
        vote(application, world.experts[2], Verdict.MET)
    assert not application.assignments.filter(reviewer=world.experts[2]).exists()
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_votes_must_cover_every_criterion(world):
    application = under_review(world)
    criterion = application.applicable_criteria().first()
    with pytest.raises(NotReviewable, match="chaque critère"):
        services.record_review(
            application,
            by=world.experts[0],
            votes={criterion.pk: (Verdict.MET, "")},
            opinion=ReviewOpinion.FAVOURABLE,
            comment="ok",
        )


# --- quorum, proposal, decisions ---------------------------------------------------------


def test_quorum_moves_to_awaiting_decision_and_tells_the_coordinator(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    application = under_review(world)
    vote(application, world.experts[0], Verdict.MET)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW and services.proposal_for(application) is None
    with django_capture_on_commit_callbacks(execute=True):
        vote(application, world.experts[1], Verdict.MET)
    application.refresh_from_db()
    assert application.status == S.AWAITING_DECISION
    assert services.proposal_for(application) == DecisionOutcome.AWARD
    assert [m.to[0] for m in mailoutbox] == [world.coordinator.email]


def test_proposal_with_at_least_n_and_majority_per_criterion(world):
    badge = make_badge(
        issuer=world.issuer, criteria=4, criteria_rule=CriteriaRule.AT_LEAST, criteria_min_count=2, min_reviewers=3
    )
    application = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    services.submit_application(application, by=world.manager)
    services.assign_reviewers(application, reviewers=world.experts, by=world.coordinator)
    M, N = Verdict.MET, Verdict.NOT_MET
    vote(application, world.experts[0], [M, M, N, N])
    vote(application, world.experts[1], [M, N, M, N])
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW  # 2 of 3: no quorum yet
    vote(application, world.experts[2], [N, M, N, N])
    # Majorities: c1 met (2/3), c2 met (2/3), c3 not met (1/3), c4 not met (0/3): 2 ≥ 2.
    application.refresh_from_db()
    assert application.status == S.AWAITING_DECISION
    assert services.proposal_for(application) == DecisionOutcome.AWARD
    # One reviewer changes their mind on c1: 1/3 → only c2 is met: refuse.
    vote(application, world.experts[1], [N, N, N, N])
    assert services.proposal_for(application) == DecisionOutcome.REFUSE


def test_decision_without_reason_is_refused_and_changes_nothing(world):
    application = awaiting_decision(world)
    with pytest.raises(DecisionNotAllowed, match="motif"):
        services.record_decision(application, outcome=DecisionOutcome.AWARD, reason="   ", by=world.coordinator)
    application.refresh_from_db()
    assert application.status == S.AWAITING_DECISION and not application.decisions.exists()


def test_award_before_quorum_is_refused(world):
    application = under_review(world)
    with pytest.raises(DecisionNotAllowed, match="quorum"):
        services.record_decision(application, outcome=DecisionOutcome.AWARD, reason="Bien", by=world.coordinator)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_award_is_idempotent_and_only_sets_approved(world, django_capture_on_commit_callbacks, mailoutbox):
    application = awaiting_decision(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.record_decision(
            application, outcome=DecisionOutcome.AWARD, reason="Pratique exemplaire.", by=world.coordinator
        )
        second = services.record_decision(
            application, outcome=DecisionOutcome.AWARD, reason="Pratique exemplaire.", by=world.coordinator
        )
    assert first.pk == second.pk
    assert CommissionDecision.objects.filter(application=application).count() == 1
    application.refresh_from_db()
    assert application.status == S.APPROVED and application.decision_reason == "Pratique exemplaire."
    assert list(type(application).objects.awarded()) == [application]
    assert _kinds(application).count(ApplicationEventKind.APPROVED) == 1
    assert [m.subject for m in mailoutbox if m.to == [world.manager.email]] == [
        "Badge attribué — Pratique remarquable — niveau 1"
    ]
    assert first.proposal == DecisionOutcome.AWARD


def test_refuse_then_award_is_forbidden(world):
    application = awaiting_decision(world, verdict=Verdict.NOT_MET)
    services.record_decision(application, outcome=DecisionOutcome.REFUSE, reason="Non", by=world.coordinator)
    with pytest.raises(TransitionNotAllowed):
        services.record_decision(application, outcome=DecisionOutcome.AWARD, reason="Si", by=world.coordinator)


def test_more_information_then_resubmission_goes_back_to_the_commission(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    application = awaiting_decision(world, verdict=Verdict.INSUFFICIENT)
    assert services.proposal_for(application) == DecisionOutcome.MORE_INFORMATION
    with django_capture_on_commit_callbacks(execute=True):
        services.record_decision(
            application,
            outcome=DecisionOutcome.MORE_INFORMATION,
            reason="Ajoutez le bilan chiffré.",
            by=world.coordinator,
        )
    application.refresh_from_db()
    assert application.status == S.CHANGES_REQUESTED
    assert mailoutbox[-1].subject.startswith("Des compléments sont demandés")
    assert "Ajoutez le bilan chiffré." in mailoutbox[-1].body
    criterion = application.applicable_criteria().first()
    services.add_evidence(application, criterion=criterion, by=world.manager, text="Bilan : 12 % d’absences en moins.")
    services.submit_application(application, by=world.manager)
    application.refresh_from_db()
    # The reviewers' earlier reviews still make the quorum: the coordinator can decide again.
    assert application.status == S.AWAITING_DECISION
    assert ApplicationEventKind.RESUBMITTED in _kinds(application)
    services.record_decision(application, outcome=DecisionOutcome.AWARD, reason="Complet.", by=world.coordinator)
    application.refresh_from_db()
    assert application.status == S.APPROVED


def test_decision_by_trainer_mode_is_refused_for_the_coordinator(world):
    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    learner = LearnerFactory(training_centre=world.cfa)
    application = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=None, applicant_learner=learner, with_statements=True
    )
    services.submit_application(application, by=learner.user)
    with pytest.raises(DecisionNotAllowed, match="formateur"):
        services.record_decision(application, outcome=DecisionOutcome.AWARD, reason="x", by=world.coordinator)


# --- trainer review ------------------------------------------------------------------------


@pytest.fixture
def learner_application(world):
    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    learner = LearnerFactory(training_centre=world.cfa)
    application = services.open_application(badge_class=badge, applicant_learner=learner, by=learner.user)
    services.save_draft(
        application,
        statements={c.pk: ("J’ai animé la séance.", False) for c in application.applicable_criteria()},
        by=learner.user,
    )
    return services.submit_application(application, by=learner.user)


def test_trainer_confirms(learner_application, django_capture_on_commit_callbacks, mailoutbox):
    trainer = learner_application.applicant_learner.trainer
    with django_capture_on_commit_callbacks(execute=True):
        services.record_trainer_review(learner_application, by=trainer, confirm=True, comment="")
    learner_application.refresh_from_db()
    assert learner_application.status == S.APPROVED
    assert ApplicationEventKind.TRAINER_CONFIRMED in _kinds(learner_application)
    assert mailoutbox[-1].to == [learner_application.applicant_learner.user.email]


def test_trainer_refusal_needs_a_comment(learner_application):
    trainer = learner_application.applicant_learner.trainer
    with pytest.raises(DecisionNotAllowed, match="Expliquez"):
        services.record_trainer_review(learner_application, by=trainer, confirm=False, comment="")
    services.record_trainer_review(learner_application, by=trainer, confirm=False, comment="Pas encore.")
    learner_application.refresh_from_db()
    assert learner_application.status == S.REJECTED and learner_application.decision_reason == "Pas encore."


def test_another_trainer_cannot_review(learner_application, world):
    with pytest.raises(NotReviewable, match="formateur référent"):
        services.record_trainer_review(learner_application, by=world.manager, confirm=True, comment="")
    learner_application.refresh_from_db()
    assert learner_application.status == S.SUBMITTED


# --- renewal -----------------------------------------------------------------------------


def test_renewal_uses_renewal_criteria_and_offers_previous_evidence(world):
    badge = make_badge(issuer=world.issuer, criteria=2, is_renewable=True, renewal_only_texts=["Bilan à 3 ans"])
    first = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    first.status, first.submitted_at = S.APPROVED, timezone.now()
    first.save()
    renewal = services.open_application(
        badge_class=badge, applicant_organisation=world.cfa, by=world.manager, renewal_of=first
    )
    assert renewal.is_renewal
    assert [c.text for c in renewal.applicable_criteria()] == [
        "Critère de test numéro 1",
        "Critère de test numéro 2",
        "Bilan à 3 ans",
    ]
    assert renewal.statements.count() == 2 and renewal.evidence.count() == 2
    assert Evidence.objects.filter(application=first).count() == 2


def test_renewal_of_a_non_renewable_badge_is_refused(world):
    first = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, status=S.APPROVED, submitted_at=timezone.now()
    )
    with pytest.raises(ApplicationError, match="pas renouvelable"):
        services.open_application(
            badge_class=world.badge, applicant_organisation=world.cfa, by=world.manager, renewal_of=first
        )


# --- reminders -----------------------------------------------------------------------------


def test_overdue_reviewers_are_reminded_once(world, django_capture_on_commit_callbacks, mailoutbox):
    application = under_review(world)
    application.assignments.update(due_at=timezone.now() - timedelta(days=1))
    vote(application, world.experts[0], Verdict.MET)  # done: not reminded
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_overdue_reminders() == 1
        assert services.send_overdue_reminders() == 0
    assert [(m.to, m.subject.split(" —")[0]) for m in mailoutbox] == [
        ([world.experts[1].email], "Relance : une expertise est attendue")
    ]
    later = timezone.now() + services.REMINDER_INTERVAL + timedelta(hours=1)
    assert services.send_overdue_reminders(now=later) == 1

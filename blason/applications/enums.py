from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    UNDER_REVIEW = "under_review", _("En cours d’expertise")
    AWAITING_DECISION = "awaiting_decision", _("En attente de décision")
    CHANGES_REQUESTED = "changes_requested", _("Compléments demandés")
    APPROVED = "approved", _("Badge attribué")
    REJECTED = "rejected", _("Refusée")
    WITHDRAWN = "withdrawn", _("Retirée")


S = ApplicationStatus
# The whole workflow in one table: current status -> statuses it may move to.
# Terminal statuses map to an empty set; there is no wildcard source. Services add the
# conditions that depend on the badge's review mode (e.g. only a trainer or a direct award
# decides straight from SUBMITTED; a commission decides once the quorum is reached).
NEXT_STATUSES: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.AWAITING_DECISION, S.CHANGES_REQUESTED, S.WITHDRAWN}),
    S.AWAITING_DECISION: frozenset({S.APPROVED, S.REJECTED, S.CHANGES_REQUESTED}),
    S.CHANGES_REQUESTED: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.APPROVED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Statuses in which the applicant may still edit statements and evidence.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
# Statuses in which assigned reviewers may vote (or change their votes).
VOTING_STATUSES = frozenset({S.UNDER_REVIEW, S.AWAITING_DECISION})
TERMINAL_STATUSES = frozenset(status for status, targets in NEXT_STATUSES.items() if not targets)


class EvidenceType(models.TextChoices):
    FILE = "file", _("Fichier")
    LINK = "link", _("Lien")
    TEXT = "text", _("Texte court")


class Verdict(models.TextChoices):
    MET = "met", _("Critère rempli")
    NOT_MET = "not_met", _("Critère non rempli")
    INSUFFICIENT = "insufficient", _("Preuves insuffisantes")


class ReviewOpinion(models.TextChoices):
    FAVOURABLE = "favourable", _("Avis favorable")
    UNFAVOURABLE = "unfavourable", _("Avis défavorable")
    MORE_INFORMATION = "more_information", _("Compléments nécessaires")


class DecisionOutcome(models.TextChoices):
    AWARD = "award", _("Attribuer le badge")
    REFUSE = "refuse", _("Refuser")
    MORE_INFORMATION = "more_information", _("Demander des compléments")


# The status each decision outcome leads to.
OUTCOME_STATUS = {
    DecisionOutcome.AWARD: S.APPROVED,
    DecisionOutcome.REFUSE: S.REJECTED,
    DecisionOutcome.MORE_INFORMATION: S.CHANGES_REQUESTED,
}


class ApplicationEventKind(models.TextChoices):
    OPENED = "opened", _("Demande ouverte")
    DRAFT_SAVED = "draft_saved", _("Brouillon enregistré")
    EVIDENCE_ADDED = "evidence_added", _("Pièce justificative ajoutée")
    EVIDENCE_REMOVED = "evidence_removed", _("Pièce justificative retirée")
    SUBMITTED = "submitted", _("Demande déposée")
    RESUBMITTED = "resubmitted", _("Demande complétée et déposée à nouveau")
    WITHDRAWN = "withdrawn", _("Demande retirée")
    REVIEWER_ASSIGNED = "reviewer_assigned", _("Expert désigné")
    CONFLICT_DECLARED = "conflict_declared", _("Conflit d’intérêts déclaré")
    REVIEW_RECORDED = "review_recorded", _("Avis d’expert enregistré")
    QUORUM_REACHED = "quorum_reached", _("Quorum atteint")
    CHANGES_REQUESTED = "changes_requested", _("Compléments demandés")
    APPROVED = "approved", _("Badge attribué")
    REJECTED = "rejected", _("Demande refusée")
    TRAINER_CONFIRMED = "trainer_confirmed", _("Confirmée par le formateur")
    TRAINER_REFUSED = "trainer_refused", _("Refusée par le formateur")
    REMINDER_SENT = "reminder_sent", _("Relance envoyée à un expert")

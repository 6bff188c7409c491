from django.db import models
from django.utils.translation import gettext_lazy as _


class BadgeClassStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    ARCHIVED = "archived", _("Archivé")


class RecipientKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation (CFA)")
    PERSON = "person", _("Personne (apprenti)")


class ReviewMode(models.TextChoices):
    COMMISSION = "commission", _("Commission d’experts")
    TRAINER = "trainer", _("Formateur de l’apprenti")
    DIRECT_AWARD = "direct_award", _("Attribution directe par l’émetteur")


class CriteriaRule(models.TextChoices):
    ALL = "all", _("Tous les critères")
    AT_LEAST = "at_least", _("Au moins N critères")


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Vidéo")
    LINK = "link", _("Lien")
    SURVEY_RESULT = "survey_result", _("Résultat d’enquête")
    COMPANY_ATTESTATION = "company_attestation", _("Attestation de l’entreprise")
    TEXT = "text", _("Texte")


class AlignmentFramework(models.TextChoices):
    RNCP = "rncp", _("RNCP")
    RS = "rs", _("Répertoire spécifique")
    ROME = "rome", _("ROME")
    ESCO = "esco", _("ESCO")
    QUALIOPI = "qualiopi", _("Indicateur Qualiopi")
    KIRKPATRICK = "kirkpatrick", _("Niveau de Kirkpatrick")
    OTHER = "other", _("Autre référentiel")


# OB 3.0 AchievementType vocabulary (1EdTech OB 3.0 §B.2.1); the subset issuers here use.
class AchievementType(models.TextChoices):
    BADGE = "Badge", _("Badge")
    ACHIEVEMENT = "Achievement", _("Réussite")
    AWARD = "Award", _("Distinction")
    COMPETENCY = "Competency", _("Compétence")
    CERTIFICATE = "Certificate", _("Certificat")
    COURSE = "Course", _("Formation")
    MICRO_CREDENTIAL = "MicroCredential", _("Micro-certification")
    LICENSE = "License", _("Licence")


class ImageShape(models.TextChoices):
    CIRCLE = "circle", _("Cercle")
    SHIELD = "shield", _("Écusson")
    HEXAGON = "hexagon", _("Hexagone")
    STAR = "star", _("Rosette")


class Eligibility(models.TextChoices):
    ANYONE = "anyone", _("Tout CFA ou apprenti")
    LISTED = "listed", _("Seulement les CFA ou promotions listés")


class ProgrammeKind(models.TextChoices):
    LABEL = "label", _("Label (au moins N badges dont les obligatoires)")
    LADDER = "ladder", _("Parcours gradué (niveaux successifs)")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")


class BadgeClassEventKind(models.TextChoices):
    CREATED = "created", _("Badge créé")
    UPDATED = "updated", _("Badge modifié")
    VERSION_CREATED = "version_created", _("Nouvelle version créée")
    VERSION_FROZEN = "version_frozen", _("Version figée")
    PUBLISHED = "published", _("Badge publié")
    ARCHIVED = "archived", _("Badge archivé")


class ProgrammeEventKind(models.TextChoices):
    CREATED = "created", _("Programme créé")
    UPDATED = "updated", _("Programme modifié")


class BadgeProposalEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Proposition déposée")
    ACCEPTED = "accepted", _("Proposition acceptée")
    DECLINED = "declined", _("Proposition déclinée")

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ISSUER = "issuer", _("Émetteur")
    TRAINING_CENTRE = "training_centre", _("Centre de formation (CFA)")


class IssuerCategory(models.TextChoices):
    STATE_BODY = "state_body", _("Service de l’État (rectorat, ministère…)")
    TERRITORIAL_BODY = "territorial_body", _("Collectivité territoriale (Région…)")
    TRAINING_ORGANISATION = "training_organisation", _("Organisme de formation")


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Administrateur de la plateforme")
    ISSUER_ADMIN = "issuer_admin", _("Administrateur émetteur")
    COORDINATOR = "coordinator", _("Coordonnateur")
    EXPERT = "expert", _("Expert de commission")
    TRAINER = "trainer", _("Formateur")
    CFA_MANAGER = "cfa_manager", _("Responsable de CFA")
    LEARNER = "learner", _("Apprenti")


# Roles whose holders must protect their account with a second factor (TOTP).
STAFF_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.ISSUER_ADMIN, Role.COORDINATOR, Role.EXPERT})


# Roles each kind of organisation gives through its own member management (platform admins
# are named in the admin).
MANAGEABLE_ROLES = {
    "issuer": (Role.ISSUER_ADMIN, Role.COORDINATOR, Role.EXPERT),
    "training_centre": (Role.CFA_MANAGER, Role.TRAINER),
}
# Roles given by other means than the member management (a learner's account comes with their record).
ROLES_GIVEN_ELSEWHERE = {"training_centre": (Role.LEARNER,)}
# Roles that manage the members of their organisation.
MEMBER_MANAGER_ROLES = {"issuer": {Role.ISSUER_ADMIN}, "training_centre": {Role.CFA_MANAGER}}


class ExpertAffiliation(models.TextChoices):
    CPRE_CPNE = "cpre_cpne", _("CPRE-CPNE")
    CONSULAR_CHAMBER = "consular_chamber", _("Chambre consulaire")
    CERTIFYING_MINISTRY = "certifying_ministry", _("Ministère certificateur")
    OTHER = "other", _("Autre")


class OrganisationEventKind(models.TextChoices):
    CREATED = "created", _("Organisation créée")
    UPDATED = "updated", _("Organisation modifiée")
    MEMBER_ADDED = "member_added", _("Membre ajouté")
    MEMBER_REMOVED = "member_removed", _("Membre retiré")
    MEMBER_ROLE_CHANGED = "member_role_changed", _("Rôle modifié")
    LEARNER_ADDED = "learner_added", _("Apprenti ajouté")
    LEARNER_UPDATED = "learner_updated", _("Apprenti modifié")
    COHORT_CREATED = "cohort_created", _("Promotion créée")
    COHORT_UPDATED = "cohort_updated", _("Promotion modifiée")

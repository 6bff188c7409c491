from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPurpose(models.TextChoices):
    REVOCATION = "revocation", _("Révocation")
    SUSPENSION = "suspension", _("Suspension")


class CredentialStatus(models.TextChoices):
    """What a credential's holder and verifiers see (derived, never stored)."""

    VALID = "valid", _("Valide")
    SUSPENDED = "suspended", _("Suspendu")
    REVOKED = "revoked", _("Révoqué")
    EXPIRED = "expired", _("Expiré")


class CredentialEventKind(models.TextChoices):
    ISSUED = "issued", _("Badge émis")
    REVOKED = "revoked", _("Badge révoqué")
    SUSPENDED = "suspended", _("Badge suspendu")
    REINSTATED = "reinstated", _("Badge rétabli")


class SigningKeyEventKind(models.TextChoices):
    CREATED = "created", _("Clé créée")
    RETIRED = "retired", _("Clé retirée")

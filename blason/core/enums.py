from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Abandonné")

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blason.core.enums import OutgoingEmailStatus
from blason.core.models import OutgoingEmail


class ReadOnlyEventAdmin(admin.ModelAdmin):
    """Events are append-only: visible in the admin, never added, changed or deleted there."""

    list_display = ["occurred_at", "kind", "actor"]
    list_filter = ["kind"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Renvoyer maintenant"), permissions=["view"])
    def retry_now(self, request, queryset):
        from blason.core.email import _enqueue_delivery

        ids = list(queryset.exclude(status=OutgoingEmailStatus.SENT).values_list("pk", flat=True))
        with transaction.atomic():
            OutgoingEmail.objects.filter(pk__in=ids).update(
                status=OutgoingEmailStatus.PENDING, next_attempt_at=timezone.now()
            )
            for pk in ids:
                transaction.on_commit(lambda pk=pk: _enqueue_delivery(pk))
        messages.success(request, _("%(count)d courriel(s) remis en file d’envoi.") % {"count": len(ids)})

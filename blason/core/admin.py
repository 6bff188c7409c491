from django.contrib import admin

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

    def has_add_permission(self, request):
        return False

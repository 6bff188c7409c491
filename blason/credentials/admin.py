from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from blason.core.admin import ReadOnlyEventAdmin
from blason.credentials import services
from blason.credentials.models import Credential, CredentialEvent, SigningKey, SigningKeyEvent, StatusList


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    # The encrypted private key is never shown, not even as ciphertext.
    list_display = ["public_key_multibase", "issuer", "is_active", "retired_at", "created_at"]
    list_filter = ["is_active"]
    exclude = ["encrypted_private_key"]
    readonly_fields = ["public_id", "issuer", "public_key_multibase", "is_active", "retired_at"]
    actions = ["rotate", "retire"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Remplacer par une nouvelle clé (les anciennes restent vérifiables)"))
    def rotate(self, request, queryset):
        for issuer in {key.issuer for key in queryset.select_related("issuer")}:
            services.rotate_signing_key(issuer, by=request.user)
        self.message_user(request, _("Nouvelle clé de signature créée."), messages.SUCCESS)

    @admin.action(description=_("Retirer (les badges signés par ces clés ne seront plus vérifiables)"))
    def retire(self, request, queryset):
        for key in queryset:
            services.retire_signing_key(key, by=request.user)
        self.message_user(request, _("Clés retirées du document DID."), messages.WARNING)


@admin.register(StatusList)
class StatusListAdmin(admin.ModelAdmin):
    list_display = ["issuer", "purpose", "size", "version", "updated_at"]
    exclude = ["bits"]
    readonly_fields = ["issuer", "purpose", "size", "version"]

    def has_add_permission(self, request):
        return False


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["public_id", "badge_version", "issuer", "awarded_at", "revoked_at", "suspended"]
    list_filter = ["suspended"]
    search_fields = ["public_id", "recipient_email", "recipient_organisation__name", "recipient_learner__last_name"]
    exclude = ["document_json"]
    readonly_fields = [
        "public_id",
        "badge_version",
        "issuer",
        "recipient_organisation",
        "recipient_learner",
        "recipient_email",
        "signing_key",
        "awarded_at",
        "valid_from",
        "valid_until",
        "revoked_at",
        "revocation_reason",
        "suspended",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(CredentialEvent)
class CredentialEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "kind", "credential", "actor"]


@admin.register(SigningKeyEvent)
class SigningKeyEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "kind", "signing_key", "actor"]

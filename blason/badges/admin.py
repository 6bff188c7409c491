from django.contrib import admin

from blason.badges.models import Alignment, BadgeClass, BadgeVersion, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class AlignmentInline(admin.TabularInline):
    model = Alignment
    extra = 0


@admin.register(BadgeClass)
class BadgeClassAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issuer", "status", "created_at"]
    list_filter = ["status", "issuer"]


@admin.register(BadgeVersion)
class BadgeVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "badge_class", "number", "recipient_kind", "review_mode", "frozen_at"]
    list_filter = ["recipient_kind", "review_mode"]
    search_fields = ["name"]
    inlines = [CriterionInline, AlignmentInline]

from django.contrib import admin

from blason.badges.models import (
    Alignment,
    BadgeClass,
    BadgeClassEvent,
    BadgeProposal,
    BadgeProposalEvent,
    BadgeVersion,
    Criterion,
    Programme,
    ProgrammeBadge,
    ProgrammeEvent,
)
from blason.core.admin import ReadOnlyEventAdmin


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class AlignmentInline(admin.TabularInline):
    model = Alignment
    extra = 0


@admin.register(BadgeClass)
class BadgeClassAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issuer", "status", "eligibility", "created_at"]
    list_filter = ["status", "issuer"]
    filter_horizontal = ["eligible_training_centres", "eligible_cohorts"]


@admin.register(BadgeVersion)
class BadgeVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "badge_class", "number", "recipient_kind", "review_mode", "frozen_at"]
    list_filter = ["recipient_kind", "review_mode"]
    search_fields = ["name"]
    inlines = [CriterionInline, AlignmentInline]


class ProgrammeBadgeInline(admin.TabularInline):
    model = ProgrammeBadge
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer", "kind", "min_count", "status"]
    list_filter = ["kind", "status"]
    inlines = [ProgrammeBadgeInline]


@admin.register(BadgeProposal)
class BadgeProposalAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "training_centre", "status", "created_at"]
    list_filter = ["status"]


@admin.register(BadgeClassEvent)
class BadgeClassEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "kind", "badge_class", "actor"]


@admin.register(ProgrammeEvent)
class ProgrammeEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "kind", "programme", "actor"]


@admin.register(BadgeProposalEvent)
class BadgeProposalEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "kind", "proposal", "actor"]

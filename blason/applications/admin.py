from django.contrib import admin

from blason.applications.models import (
    ApplicationEvent,
    BadgeApplication,
    Commission,
    CommissionDecision,
    CommissionSession,
    CriterionStatement,
    CriterionVote,
    Evidence,
    Review,
    ReviewAssignment,
)
from blason.core.admin import ReadOnlyEventAdmin


@admin.register(BadgeApplication)
class BadgeApplicationAdmin(admin.ModelAdmin):
    # Workflow fields change only through services: read-only here.
    list_display = ["public_id", "badge_version", "applicant_organisation", "applicant_learner", "status"]
    list_filter = ["status", "is_renewal"]
    search_fields = ["public_id", "applicant_organisation__name", "applicant_learner__last_name"]
    readonly_fields = [f.name for f in BadgeApplication._meta.fields]


@admin.register(CriterionStatement)
class CriterionStatementAdmin(admin.ModelAdmin):
    list_display = ["application", "criterion"]
    readonly_fields = ["application", "criterion"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["public_id", "application", "type", "content_type", "size_bytes"]
    list_filter = ["type", "content_type"]
    readonly_fields = [f.name for f in Evidence._meta.fields]


@admin.register(Commission)
class CommissionAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer"]
    filter_horizontal = ["members"]


@admin.register(CommissionSession)
class CommissionSessionAdmin(admin.ModelAdmin):
    list_display = ["commission", "held_on", "location"]
    filter_horizontal = ["applications"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "due_at", "is_active", "conflict_declared_at"]
    readonly_fields = ["application", "reviewer", "assigned_by", "conflict_declared_at"]


@admin.register(CriterionVote)
class CriterionVoteAdmin(admin.ModelAdmin):
    list_display = ["assignment", "criterion", "verdict"]
    readonly_fields = [f.name for f in CriterionVote._meta.fields]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["assignment", "opinion"]
    readonly_fields = [f.name for f in Review._meta.fields]


@admin.register(CommissionDecision)
class CommissionDecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "outcome", "decided_by", "created_at"]
    readonly_fields = [f.name for f in CommissionDecision._meta.fields]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "application", "kind", "actor"]

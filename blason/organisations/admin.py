from django.contrib import admin

from blason.core.admin import ReadOnlyEventAdmin
from blason.organisations.models import Cohort, Learner, Membership, Organisation, OrganisationEvent


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "issuer_category", "city", "uai", "siret"]
    list_filter = ["kind", "issuer_category"]
    search_fields = ["name", "uai", "siret", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "affiliation", "is_active"]
    list_filter = ["role", "affiliation", "is_active"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "training_centre", "diploma", "start_year"]
    search_fields = ["name", "training_centre__name"]


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "training_centre", "cohort", "employer_name"]
    list_filter = ["training_centre"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["user", "trainer"]


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(ReadOnlyEventAdmin):
    list_display = ["occurred_at", "organisation", "kind", "actor"]

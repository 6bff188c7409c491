# Presentation mapping stays out of enums.
from django import template

from blason.applications.enums import ApplicationStatus, DecisionOutcome, Verdict

register = template.Library()

_VARIANTS = {
    ApplicationStatus.APPROVED: "success",
    ApplicationStatus.REJECTED: "error",
    ApplicationStatus.CHANGES_REQUESTED: "warning",
    ApplicationStatus.AWAITING_DECISION: "new",
    ApplicationStatus.UNDER_REVIEW: "info",
    ApplicationStatus.SUBMITTED: "info",
}
_VERDICT_VARIANTS = {Verdict.MET: "success", Verdict.NOT_MET: "error", Verdict.INSUFFICIENT: "warning"}


@register.inclusion_tag("applications/_status_badge.html")
def application_status_badge(application):
    status = ApplicationStatus(application.status)
    return {"label": status.label, "variant": _VARIANTS.get(status, "")}


@register.inclusion_tag("applications/_status_badge.html")
def verdict_badge(verdict):
    verdict = Verdict(verdict)
    return {"label": verdict.label, "variant": _VERDICT_VARIANTS[verdict]}


@register.filter
def outcome_label(value):
    return DecisionOutcome(value).label if value else ""


@register.filter
def filesize_mb(value):
    value = value or 0
    if value < 1024 * 1024:
        return f"{max(1, round(value / 1024))} Ko"
    return f"{value / (1024 * 1024):.1f} Mo".replace(".", ",")

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from blason.organisations.enums import Role


@dataclass
class DashboardLink:
    label: str
    url: str


@dataclass
class DashboardSection:
    title: str
    organisation_name: str
    links: list[DashboardLink] = field(default_factory=list)


# (role, label, url name, whether the url takes the organisation's public_id)
ROLE_LINKS = [
    (Role.CFA_MANAGER, _("Fiche du CFA"), "organisations:detail", True),
    (Role.CFA_MANAGER, _("Apprentis du CFA"), "organisations:learners", True),
    (Role.ISSUER_ADMIN, _("Fiche de l’émetteur"), "organisations:detail", True),
    (Role.ISSUER_ADMIN, _("Badges de l’émetteur"), "badges:manage_list", True),
    (Role.COORDINATOR, _("Demandes à instruire"), "applications:coordinator_board", True),
    (Role.EXPERT, _("Mes expertises"), "applications:reviewer_queue", False),
    (Role.CFA_MANAGER, _("Demandes du CFA"), "applications:applicant_dashboard", False),
    (Role.LEARNER, _("Mes demandes"), "applications:applicant_dashboard", False),
    (Role.TRAINER, _("Apprentis du CFA"), "organisations:learners", True),
    (Role.TRAINER, _("Demandes de mes apprentis"), "applications:reviewer_queue", False),
    (Role.ISSUER_ADMIN, _("Membres de l’émetteur"), "organisations:members", True),
    (Role.CFA_MANAGER, _("Membres du CFA"), "organisations:members", True),
    (Role.CFA_MANAGER, _("Badges obtenus par le CFA"), "credentials:held_by_organisation", True),
    (Role.LEARNER, _("Mes badges"), "credentials:held_by_me", False),
    (Role.ISSUER_ADMIN, _("Badges émis"), "credentials:issued_list", True),
    (Role.ISSUER_ADMIN, _("Attribuer un badge"), "credentials:award", True),
]


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def dashboard_sections(user) -> list[DashboardSection]:
    sections = []
    memberships = user.memberships.active().select_related("organisation").order_by("role", "organisation__name")
    for membership in memberships:
        org = membership.organisation
        section = DashboardSection(title=membership.get_role_display(), organisation_name=org.name if org else "")
        for role, label, url_name, with_org in ROLE_LINKS:
            if role != membership.role:
                continue
            url = _url(url_name, org.public_id) if with_org and org else _url(url_name)
            if url:
                section.links.append(DashboardLink(label=str(label), url=url))
        sections.append(section)
    return sections


@login_not_required
def home(request):
    return render(request, "core/home.html")


def dashboard(request):
    return render(request, "core/dashboard.html", {"sections": dashboard_sections(request.user)})


@login_not_required
def legal_notice(request):
    return render(request, "core/legal_notice.html")


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def personal_data(request):
    return render(request, "core/personal_data.html")


@login_not_required
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

"""Minutes of a commission session as a PDF (reportlab): applications examined, votes, decisions."""

from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from blason.applications.enums import Verdict
from blason.applications.models import CommissionSession, CriterionVote


def render_minutes_pdf(session: CommissionSession) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Procès-verbal — %(session)s") % {"session": session},
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    commission = session.commission
    story = [
        Paragraph(_("Procès-verbal de séance"), styles["Title"]),
        Paragraph(f"{commission.issuer.name} — {commission.name}", styles["Heading2"]),
        Paragraph(
            _("Séance du %(date)s%(place)s")
            % {
                "date": session.held_on.strftime("%d/%m/%Y"),
                "place": f" — {session.location}" if session.location else "",
            },
            styles["Normal"],
        ),
        Paragraph(
            _("Membres : %(members)s")
            % {"members": ", ".join(m.get_full_name() or m.email for m in commission.members.all()) or "—"},
            styles["Normal"],
        ),
        Spacer(1, 0.5 * cm),
    ]
    applications = session.applications.select_related(
        "badge_version", "applicant_organisation", "applicant_learner"
    ).order_by("pk")
    if not applications:
        story.append(Paragraph(_("Aucune demande examinée."), styles["Normal"]))
    for application in applications:
        story.append(Paragraph(f"{application.badge_version.name} — {application.applicant_name}", styles["Heading3"]))
        rows = [[_("Critère"), _("Rempli"), _("Non rempli"), _("Preuves insuffisantes")]]
        for criterion in application.applicable_criteria():
            votes = CriterionVote.objects.filter(
                assignment__application=application,
                assignment__is_active=True,
                assignment__conflict_declared_at__isnull=True,
                criterion=criterion,
            )
            counts = {v: votes.filter(verdict=v).count() for v in Verdict}
            rows.append(
                [
                    Paragraph(criterion.text, styles["BodyText"]),
                    counts[Verdict.MET],
                    counts[Verdict.NOT_MET],
                    counts[Verdict.INSUFFICIENT],
                ]
            )
        table = Table(rows, colWidths=[9 * cm, 2.2 * cm, 2.4 * cm, 3.2 * cm])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e3fd")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        decision = application.decisions.filter(session=session).first() or application.decisions.first()
        if decision is not None:
            story.append(
                Paragraph(
                    _("Décision : %(outcome)s — %(reason)s")
                    % {"outcome": decision.get_outcome_display(), "reason": decision.reason},
                    styles["Normal"],
                )
            )
        story.append(Spacer(1, 0.4 * cm))
    document.build(story)
    return buffer.getvalue()

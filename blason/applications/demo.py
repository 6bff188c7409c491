"""Demo applications in every state, driven through the services (so events and emails are real).

Among them, La Fabrik's practice on absenteeism for the PACA mission's level 1 badge, with a short
MP4 ("Ma B.A. en 300 secondes") and a PDF report as evidence. Idempotent: does nothing if the
demo applications already exist. Badge classes come from the badges demo; when a PACA level 1
badge is missing (the badges demo not loaded), a minimal one is created so the demo still works.
"""

import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from blason.accounts.models import User
from blason.applications import services
from blason.applications.enums import DecisionOutcome, ReviewOpinion, Verdict
from blason.applications.models import BadgeApplication
from blason.badges.enums import (
    BadgeClassStatus,
    CriteriaRule,
    EvidenceKind,
    RecipientKind,
    ReviewMode,
)
from blason.badges.models import BadgeClass, BadgeVersion, Criterion
from blason.organisations.models import Learner, Organisation

DEMO_FILES = Path(__file__).resolve().parent / "demo_files"
VIDEO_NAME = "ma-ba-en-300-secondes-absenteisme.mp4"
MANAGERS = {
    "cfa-la-fabrik": "direction.lafabrik@blason.demo",
    "cfa-isim": "direction.isim@blason.demo",
    "cfa-triphase": "direction.triphase@blason.demo",
}
EXPERTS = ["expert.cpne@blason.demo", "expert.cci@blason.demo", "expert.ministere@blason.demo"]


def _user(email):
    return User.objects.filter(email=email).first()


def _pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(60, 780, title)
    page.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        page.drawString(60, 740 - 18 * index, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _paca_badge(paca, level: int):
    badges = BadgeClass.objects.published().filter(
        issuer=paca,
        current_version__recipient_kind=RecipientKind.ORGANISATION,
        current_version__review_mode=ReviewMode.COMMISSION,
    )
    return badges.filter(current_version__level_number=level).first() or (badges.first() if level == 1 else None)


LEVELS = {
    1: (
        "satisfaction",
        "la satisfaction des apprentis confrontés à la pratique atteint au moins 80 %.",
        "Attester un taux de satisfaction d’au moins 80 % des apprentis concernés.",
    ),
    2: (
        "acquisitions",
        "les apprentis maîtrisent les compétences visées, attestées par les maîtres d’apprentissage et les "
        "formateurs.",
        "Attester la maîtrise des compétences cibles selon le référentiel de certification.",
    ),
}


def _fallback_paca_badge(paca, level: int, stdout):
    stdout.write(
        f"  applications : pas de badge PACA niveau {level} publié — création d’un badge minimal de démonstration."
    )
    short, description, measured = LEVELS[level]
    badge = BadgeClass.objects.create(issuer=paca, status=BadgeClassStatus.PUBLISHED)
    version = BadgeVersion.objects.create(
        badge_class=badge,
        name=f"Pratique pédagogique remarquable — niveau {level} ({short})",
        description=f"Niveau {level} du modèle de Kirkpatrick : {description}",
        keywords=["Kirkpatrick", short, "bonne pratique"],
        recipient_kind=RecipientKind.ORGANISATION,
        review_mode=ReviewMode.COMMISSION,
        level_number=level,
        criteria_rule=CriteriaRule.ALL,
        validity_months=36,
        is_renewable=True,
        min_reviewers=2,
        video_max_duration_seconds=300,
    )
    texts = [
        ("Présenter la pratique « remarquable » en 300 secondes au plus (vidéo MP4).", EvidenceKind.VIDEO),
        (measured, EvidenceKind.DOCUMENT),
        ("Décrire la valeur ajoutée dans le parcours de formation des apprentis.", EvidenceKind.TEXT),
    ]
    for position, (text, kind) in enumerate(texts, start=1):
        Criterion.objects.create(version=version, position=position, text=text, evidence_kind=kind)
    badge.current_version = version
    badge.save(update_fields=["current_version", "updated_at"])
    return badge


def _fill(application, manager, statements, evidence_for_first=()):
    criteria = list(application.applicable_criteria())
    services.save_draft(
        application,
        statements={c.pk: (statements[i % len(statements)], True) for i, c in enumerate(criteria)},
        by=manager,
    )
    for index, upload in enumerate(evidence_for_first):
        services.add_evidence(
            application, criterion=criteria[min(index, len(criteria) - 1)], by=manager, upload=upload
        )
    services.add_evidence(application, criterion=criteria[-1], by=manager, text=statements[-1])


def _review(application, reviewers, verdict, opinion, comment):
    for reviewer in reviewers:
        services.record_review(
            application,
            by=reviewer,
            votes={c.pk: (verdict, "") for c in application.applicable_criteria()},
            opinion=opinion,
            comment=comment,
        )


def _commission_application(badge, centre, manager, statements, uploads=(), practice=None):
    application = services.open_application(badge_class=badge, applicant_organisation=centre, by=manager)
    _fill(application, manager, statements, uploads)
    if practice is not None:
        services.save_draft(application, statements={}, practice=practice, by=manager)
    return services.submit_application(application, by=manager)


@transaction.atomic
def load(*, stdout) -> None:
    paca = Organisation.objects.filter(slug="paca-mission").first()
    centres = {o.slug: o for o in Organisation.objects.filter(slug__in=["cfa-la-fabrik", "cfa-isim", "cfa-triphase"])}
    coordinator = _user("coordination.paca@blason.demo")
    experts = [u for u in (_user(e) for e in EXPERTS) if u]
    managers = {slug: _user(email) for slug, email in MANAGERS.items()}
    if paca is None or len(centres) < 3 or coordinator is None or len(experts) < 3 or not all(managers.values()):
        stdout.write("  applications : organisations ou comptes de démonstration absents — rien à faire.")
        return
    if BadgeApplication.objects.filter(applicant_organisation=centres["cfa-la-fabrik"]).exists():
        stdout.write("  applications : demandes de démonstration déjà présentes.")
        return
    level_1 = _paca_badge(paca, 1) or _fallback_paca_badge(paca, 1, stdout)
    cpne, cci, ministry = experts
    now = timezone.now()
    commission = services.create_commission(
        issuer=paca, name="Commission d’experts de la mission ICAPA", members=experts, by=coordinator
    )
    session = services.create_session(
        commission=commission,
        held_on=datetime.date(now.year, now.month, now.day),
        location="Aix-en-Provence",
        by=coordinator,
    )

    # Approved: La Fabrik (Fréjus), the practice on absenteeism, with the MP4 and a PDF report.
    video = SimpleUploadedFile(VIDEO_NAME, (DEMO_FILES / VIDEO_NAME).read_bytes(), content_type="video/mp4")
    report = SimpleUploadedFile(
        "bilan-absenteisme-2025.pdf",
        _pdf(
            "CFA La Fabrik — bilan de l’action absentéisme",
            [
                "Suivi hebdomadaire des absences et appel des familles et des employeurs dès la 1re absence.",
                "Taux d’absentéisme : 14 % en 2023-2024, 9 % en 2024-2025.",
                "Satisfaction des apprentis concernés (questionnaire, 212 réponses) : 86 %.",
            ],
        ),
        content_type="application/pdf",
    )
    fabrik = centres["cfa-la-fabrik"]
    manager = managers["cfa-la-fabrik"]
    absenteeism = _commission_application(
        level_1,
        fabrik,
        manager,
        [
            "Notre vidéo « Ma B.A. en 300 secondes » présente l’action de lutte contre l’absentéisme.",
            "86 % des apprentis concernés se disent satisfaits (questionnaire de juin, 212 réponses).",
            "L’absentéisme est passé de 14 % à 9 % en un an ; les ruptures de contrat ont reculé.",
        ],
        uploads=[video, report],
        practice=(
            "Lutte contre l’absentéisme par un suivi personnalisé",
            ["absentéisme", "suivi individualisé", "alerte précoce", "lien CFA-entreprise", "vidéo Ma B.A."],
        ),
    )
    services.assign_reviewers(absenteeism, reviewers=[cpne, cci], by=coordinator)
    _review(absenteeism, [cpne, cci], Verdict.MET, ReviewOpinion.FAVOURABLE, "Preuves probantes, action exemplaire.")
    services.record_decision(
        absenteeism,
        outcome=DecisionOutcome.AWARD,
        reason="La commission reconnaît la qualité de l’action contre l’absentéisme (niveau 1 atteint).",
        by=coordinator,
        session=session,
    )

    # Awaiting the coordinator's decision: La Fabrik's strategic training tables (TSF).
    tsf = _commission_application(
        level_1,
        fabrik,
        manager,
        [
            "Les tableaux stratégiques de formation (TSF) planifient l’alternance avec chaque entreprise.",
            "Satisfaction des apprentis : 82 % ; des tuteurs : 88 %.",
            "Les TSF réduisent les écarts entre le centre et l’entreprise.",
        ],
    )
    services.assign_reviewers(tsf, reviewers=[cci, ministry], by=coordinator)
    _review(tsf, [cci, ministry], Verdict.MET, ReviewOpinion.FAVOURABLE, "Pratique intéressante et documentée.")

    # Refused, then applied again and under review: ISIM (Nice), trainers' professionalisation by VAE.
    isim, isim_manager = centres["cfa-isim"], managers["cfa-isim"]
    refused = _commission_application(
        level_1, isim, isim_manager, ["Nos formateurs se professionnalisent par la VAE.", "Pas encore d’enquête."]
    )
    services.assign_reviewers(refused, reviewers=[cpne, ministry], by=coordinator)
    _review(refused, [cpne, ministry], Verdict.NOT_MET, ReviewOpinion.UNFAVOURABLE, "Aucune mesure de satisfaction.")
    services.record_decision(
        refused,
        outcome=DecisionOutcome.REFUSE,
        reason="La satisfaction des apprentis n’est pas mesurée : le niveau 1 n’est pas atteint.",
        by=coordinator,
        session=session,
    )
    again = _commission_application(
        level_1,
        isim,
        isim_manager,
        [
            "Onze formateurs ont obtenu un titre par la VAE depuis 2023.",
            "Enquête auprès de 140 apprentis : 81 % de satisfaction sur les séances de ces formateurs.",
        ],
    )
    services.assign_reviewers(again, reviewers=[cpne, ministry], by=coordinator)
    _review(again, [cpne], Verdict.MET, ReviewOpinion.FAVOURABLE, "Progrès net depuis la première demande.")

    # Withdrawn, then more information requested: Triphase (Marseille), public speaking.
    triphase, triphase_manager = centres["cfa-triphase"], managers["cfa-triphase"]
    withdrawn = services.open_application(badge_class=level_1, applicant_organisation=triphase, by=triphase_manager)
    services.withdraw_application(withdrawn, by=triphase_manager)
    speaking = _commission_application(
        level_1,
        triphase,
        triphase_manager,
        ["Des ateliers de prise de parole en public chaque semaine.", "Les apprentis apprécient les ateliers."],
    )
    services.assign_reviewers(speaking, reviewers=[cci, ministry], by=coordinator)
    _review(speaking, [cci, ministry], Verdict.INSUFFICIENT, ReviewOpinion.MORE_INFORMATION, "Chiffres manquants.")
    services.record_decision(
        speaking,
        outcome=DecisionOutcome.MORE_INFORMATION,
        reason="Joignez les résultats de l’enquête de satisfaction (taux et nombre de répondants).",
        by=coordinator,
    )

    # A draft: La Fabrik prepares the next level for the same practice.
    level_2 = _paca_badge(paca, 2)
    if level_2 is None or level_2.pk == level_1.pk:
        level_2 = _fallback_paca_badge(paca, 2, stdout)
    draft = services.open_application(badge_class=level_2, applicant_organisation=fabrik, by=manager)
    _fill(draft, manager, ["Les maîtres d’apprentissage attestent les compétences de ponctualité et d’assiduité."])

    # Submitted, not yet assigned: the Normandy CFA, on the Region's badge if it exists.
    _normandy_or_paca_drafts(level_1, stdout)
    _learner_applications(stdout)
    stdout.write(f"  applications : {BadgeApplication.objects.count()} demandes de démonstration créées.")


def _normandy_or_paca_drafts(level_1, stdout):
    caen = Organisation.objects.filter(slug="cfa-caen-numerique").first()
    caen_manager = _user("direction.caen@blason.demo")
    if caen is None or caen_manager is None:
        return
    normandy_badges = BadgeClass.objects.published().filter(
        issuer__slug="region-normandie", current_version__recipient_kind=RecipientKind.ORGANISATION
    )
    submitted_badge = normandy_badges.first() or level_1
    application = services.open_application(badge_class=submitted_badge, applicant_organisation=caen, by=caen_manager)
    _fill(application, caen_manager, ["Un parcours numérique inclusif pour nos apprentis.", "Enquête à venir."])
    services.submit_application(application, by=caen_manager)
    draft_badge = normandy_badges.exclude(pk=submitted_badge.pk).first()
    if draft_badge is not None:
        draft = services.open_application(badge_class=draft_badge, applicant_organisation=caen, by=caen_manager)
        _fill(draft, caen_manager, ["Brouillon en cours de rédaction."])


def _learner_applications(stdout):
    # Seed 003: an Instep apprentice asks for soft-skill badges and the trainer confirms (or not yet).
    # Cnam's engagement badge is awarded directly by the Cnam, without an application.
    learner = (
        Learner.objects.filter(user__email="apprenti.instep@blason.demo").select_related("user", "trainer").first()
    )
    badges = list(
        BadgeClass.objects.published()
        .filter(
            issuer__slug="instep-occitanie",
            current_version__recipient_kind=RecipientKind.PERSON,
            current_version__review_mode=ReviewMode.TRAINER,
        )
        .order_by("created_at", "pk")[:2]
    )
    if learner is None or learner.trainer is None or not badges:
        stdout.write("  applications : pas de badge apprenti confirmé par formateur pour instep-occitanie.")
        return
    for badge, confirm in zip(badges, [True, False], strict=False):
        application = services.open_application(badge_class=badge, applicant_learner=learner, by=learner.user)
        _fill(application, learner.user, ["J’ai mené ce projet en entreprise avec mon tuteur."])
        services.submit_application(application, by=learner.user)
        if confirm:
            services.record_trainer_review(
                application, by=learner.trainer, confirm=True, comment="Compétence observée en séance."
            )

"""Demo badge catalogue, faithful to the seed documents (French).

- PACA (seed 000): 4 badges on Kirkpatrick's 4 levels, told apart by their level number, reviewed by
  the expert commission, for CFAs, with a ladder programme.
- Normandy (seed 004): the 12 badges of the « Label CFA numérique normand » with their criteria,
  durations, mandatory flags and renewal requirements, and the gold label (10 including the 5 mandatory).
- Instep Occitanie (seed 003): six soft-skill badges for learners, confirmed by the trainer.
- Cnam Pays de la Loire (seed 002): the engagement badge « Je m’engage dans l’écocitoyenneté », issued directly.

Called by `manage.py seed_demo` after the organisations' demo (issuers are looked up by slug).
"""

from blason.accounts.models import User
from blason.badges import services
from blason.badges.enums import (
    AchievementType,
    AlignmentFramework,
    BadgeClassStatus,
    CriteriaRule,
    Eligibility,
    EvidenceKind,
    ImageShape,
    ProgrammeKind,
    RecipientKind,
    ReviewMode,
)
from blason.badges.images import BadgeTemplate
from blason.badges.models import BadgeClass, Programme
from blason.organisations.models import Organisation

D, V, L, S, A, T = (
    EvidenceKind.DOCUMENT,
    EvidenceKind.VIDEO,
    EvidenceKind.LINK,
    EvidenceKind.SURVEY_RESULT,
    EvidenceKind.COMPANY_ATTESTATION,
    EvidenceKind.TEXT,
)
KIRKPATRICK_URL = "https://www.kirkpatrickpartners.com/the-kirkpatrick-model/"


def _criterion(text, kind=D, *, first=True, renewal=True):
    return {"text": text, "evidence_kind": kind, "for_first_award": first, "for_renewal": renewal}


# --- PACA: « L’expérimentation d’open-badges en apprentissage 2024 » (seed 000) ----------------

PACA_PRESENTATION = _criterion(
    "Présenter la pratique pédagogique innovante : les intervenants et le CFA, l’action « remarquable » et en "
    "quoi elle apporte une réelle valeur ajoutée au parcours de formation des apprentis (par exemple une vidéo "
    "« Ma B.A. en 300 secondes » au format MP4, 300 secondes au plus).",
    V,
)
PACA_LEVELS = [
    (
        1,
        "Évaluer la satisfaction des apprenants à l’issue de la formation",
        "Attester l’atteinte a minima d’un taux de satisfaction de 80 % des apprentis confrontés à cette "
        "pratique pédagogique.",
        S,
    ),
    (
        2,
        "Évaluer les acquisitions en cours ou/et en fin de formation",
        "Attester l’atteinte de la maîtrise des compétences cibles de la pratique pédagogique sur la base des "
        "critères et indicateurs de performance, et des conditions de réalisation indiqués dans le référentiel "
        "de certification, par le maître d’apprentissage et les formateurs.",
        D,
    ),
    (
        3,
        "Évaluer – quelque temps après – la mise en œuvre des acquis en situation de travail",
        "Attester par l’entreprise la maîtrise par les apprentis des acquis en situation de travail, en "
        "autonomie totale.",
        A,
    ),
    (
        4,
        "Apprécier l’impact sur la performance globale de la structure du travail",
        "Apporter la preuve par l’entreprise de l’impact sur la performance globale de la structure du travail "
        "par les apprentis.",
        A,
    ),
]


# Seed 000 asks that each badge carry its lifetime ("la durée de vie du badge") without fixing it; the demo
# uses three years, the longest duration of the Normandy label, as the mission's working assumption.
PACA_VALIDITY_MONTHS = 36


def _paca_badges():
    for level, goal, criterion, evidence in PACA_LEVELS:
        yield {
            "content": {
                "name": f"Qualité pédagogique – niveau {level}",
                "description": (
                    f"Reconnaît une pratique pédagogique innovante d’un CFA qui atteint le niveau {level} du modèle "
                    f"de Donald Kirkpatrick : {goal[0].lower()}{goal[1:]}. Délivré par la mission de contrôle "
                    "pédagogique du Rectorat de région académique Provence-Alpes-Côte d’Azur et ses experts "
                    "associés (chambres consulaires, CPRE-CPNE, ministère certificateur)."
                ),
                "keywords": ["qualité pédagogique", "Kirkpatrick", f"niveau {level}", "apprentissage", "CFA"],
                "achievement_type": AchievementType.BADGE,
                "recipient_kind": RecipientKind.ORGANISATION,
                "review_mode": ReviewMode.COMMISSION,
                "min_reviewers": 2,
                "level_number": level,
                "criteria_rule": CriteriaRule.ALL,
                "validity_months": PACA_VALIDITY_MONTHS,
                "video_max_duration_seconds": 300,
            },
            "criteria": [PACA_PRESENTATION, _criterion(criterion, evidence)],
            "alignments": [
                {
                    "framework": AlignmentFramework.KIRKPATRICK,
                    "code": str(level),
                    "name": f"Niveau {level} – {goal}",
                    "url": KIRKPATRICK_URL,
                }
            ],
            "image": ("shield", "#000091"),
        }


# --- Normandy: « Label CFA numérique normand » (seed 004) ----------------------------------------

NORMANDY_BADGES = [
    # (name, what it recognises, criteria, rule, min, renewal rule, renewal min, months, mandatory)
    (
        "Prospection",
        "Le travail de prospection sur les évolutions numériques des métiers du CFA. Première délivrance à tout "
        "niveau ; renouvellement seulement si l’intégralité des formations concernées est couverte.",
        [
            _criterion("Le CFA est en veille et en anticipation sur les évolutions numériques des métiers."),
            _criterion(
                "Les évolutions sont intégrées dans les référentiels de formation, dans les cours et dans des "
                "animations."
            ),
            _criterion("Des études et analyses sont formalisées (venant de la branche, par exemple)."),
            _criterion(
                "La démarche est illustrée par des cas concrets (ex. : boulangerie et mesure des nutriments, BTP et "
                "BIM, utilisation du web)."
            ),
            _criterion(
                "Renouvellement : l’intégralité des formations concernées intègre les évolutions numériques des "
                "métiers.",
                first=False,
            ),
        ],
        CriteriaRule.ALL, None, CriteriaRule.ALL, None, 36, True,
    ),
    (
        "Attractivité, infos, communication",
        "Les efforts des CFA pour présenter les métiers, les formations et le cadre de vie, au-delà du seul site "
        "internet. Obtention si au moins 2 critères (au-delà du site internet) sont remplis.",
        [
            _criterion(
                "Vidéos de présentation des métiers (ex. : tests en ligne « ce métier me conviendrait-il ? »).", L
            ),
            _criterion("Présentation des formations.", L),
            _criterion("Vidéos de présentation du CFA (cadre de vie et pédagogique).", L),
            _criterion("Vidéos faites par les apprentis, avec un drone.", L),
            _criterion("Présence sur les réseaux sociaux.", L),
        ],
        CriteriaRule.AT_LEAST, 2, "", None, 12, False,
    ),
    (
        "Accessibilité en ligne – multimodalité",
        "L’accès à distance aux contenus de la formation.",
        [
            _criterion("Un maximum de contenus des formations sont accessibles à distance."),
            _criterion(
                "Les apprentis, les personnels et les entreprises ont accès au contenu de la formation et à "
                "l’avancement."
            ),
            _criterion("Le CFA dispose d’une plateforme LMS.", L),
        ],
        CriteriaRule.ALL, None, "", None, 24, True,
    ),
    (
        "Apprentis",
        "La mise en œuvre d’une attestation des compétences numériques des apprentis : la capacité d’un CFA à "
        "référencer, suivre, évaluer et faire délivrer des micro-certifications aux apprentis sur les compétences "
        "numériques acquises lors de leur formation. Première obtention à tout niveau ; renouvellement seulement si "
        "l’intégralité des groupes bénéficie du système d’attestation.",
        [
            _criterion(
                "Le CFA référence, suit, évalue et fait délivrer des micro-certifications aux apprentis sur les "
                "compétences numériques acquises lors de leur formation."
            ),
            _criterion(
                "Renouvellement : l’intégralité des groupes d’apprentis bénéficie du système d’attestation.",
                first=False,
            ),
        ],
        CriteriaRule.ALL, None, CriteriaRule.ALL, None, 36, True,
    ),
    (
        "Tutorat",
        "Le tutorat à distance est organisé.",
        [
            _criterion("Les personnels missionnés pour ce travail sont identifiés."),
            _criterion("Des outils numériques de tutorat à distance sont mis en œuvre."),
            _criterion("L’historique des échanges est conservé."),
        ],
        CriteriaRule.ALL, None, "", None, 24, True,
    ),
    (
        "Plan de formation",
        "L’existence d’un plan de formation continue des personnels à la pédagogie intégrant le numérique.",
        [
            _criterion("Les compétences à acquérir pour les équipes ou les personnes sont identifiées."),
            _criterion("Les formations et compétences sont systématiquement attestées par des badges."),
            _criterion("La multimodalité est mise en œuvre dans le plan de formation continue."),
        ],
        CriteriaRule.ALL, None, "", None, 36, True,
    ),
    (
        "Référent numérique",
        "La présence d’un·e référent·e numérique au CFA (voir le référentiel existant proposé par Communotic).",
        [_criterion("Un·e référent·e numérique est en poste au CFA, selon le référentiel proposé par Communotic.")],
        CriteriaRule.ALL, None, "", None, 12, False,
    ),
    (
        "Espaces pédagogiques innovants",
        "De nouveaux espaces d’apprentissage sont pensés ou mis en œuvre.",
        [
            _criterion(
                "Un travail est engagé sur l’aménagement des espaces d’apprentissage : nouveaux mobiliers, outils "
                "numériques favorisant l’interaction et le partage, nouvelle disposition de salle, tableau "
                "numérique, dossiers déposés ou appel d’offres."
            )
        ],
        CriteriaRule.ALL, None, "", None, 24, False,
    ),
    (
        "Expertise outils ++",
        "L’expertise des formateur·trices sur des outils ou objets numériques (outils de visioconférence, réalité "
        "virtuelle, robotique, tableau numérique…).",
        [
            _criterion(
                "Des formateur·trices du CFA ont une expertise reconnue sur des outils ou objets numériques "
                "(visioconférence, réalité virtuelle, robotique, tableau numérique…)."
            )
        ],
        CriteriaRule.ALL, None, "", None, 24, False,
    ),
    (
        "Ressources pédagogiques numériques",
        "Les ressources pédagogiques sont au format numérique : niveau 1 à la première obtention, niveau 2 ou 3 "
        "pour le renouvellement.",
        [
            _criterion(
                "Niveau 1 : des ressources numériques à consulter (on lit, on regarde, on écoute).", renewal=False
            ),
            _criterion("Niveau 2 : des ressources interactives (apprenant actif).", first=False),
            _criterion("Niveau 3 : des ressources innovantes (serious game, réalité virtuelle…).", first=False),
        ],
        CriteriaRule.ALL, None, CriteriaRule.AT_LEAST, 1, 24, False,
    ),
    (
        "Accompagnement projet du jeune",
        "La mise en œuvre d’outils ou de services qui permettent au jeune de s’orienter ou de s’insérer "
        "professionnellement.",
        [
            _criterion(
                "Un ePortfolio ou une démarche portfolio permet au jeune de documenter ses apprentissages et de "
                "construire son projet personnel et professionnel."
            ),
            _criterion(
                "Des badges numériques valorisent les compétences clés ou transversales, les réalisations ou les "
                "projets des jeunes."
            ),
            _criterion("Un CV numérique est proposé aux jeunes."),
            _criterion("Un travail est effectué sur l’employabilité du jeune."),
        ],
        CriteriaRule.AT_LEAST, 1, "", None, 24, False,
    ),
    (
        "Post-CFA",
        "La persistance du lien avec le jeune après sa sortie du CFA.",
        [
            _criterion(
                "Une plateforme ou un service permet de communiquer avec les apprentis sortis du CFA (offres "
                "d’emploi, enquêtes)."
            )
        ],
        CriteriaRule.ALL, None, "", None, 36, False,
    ),
]  # fmt: skip


def _normandy_badges():
    for name, description, criteria, rule, n, renewal_rule, renewal_n, months, mandatory in NORMANDY_BADGES:
        yield (
            {
                "content": {
                    "name": name,
                    "description": description,
                    "keywords": ["numérique", "label CFA numérique normand", "Normandie"]
                    + (["badge obligatoire"] if mandatory else []),
                    "recipient_kind": RecipientKind.ORGANISATION,
                    "review_mode": ReviewMode.COMMISSION,
                    "min_reviewers": 2,
                    "criteria_rule": rule,
                    "criteria_min_count": n,
                    "validity_months": months,
                    "is_renewable": True,
                    "renewal_criteria_rule": renewal_rule,
                    "renewal_criteria_min_count": renewal_n,
                },
                "criteria": criteria,
                "alignments": [],
                "image": ("hexagon", "#0a76f6" if mandatory else "#1f8d49"),
            },
            mandatory,
        )


NORMANDY_LABEL = {
    "content": {
        "name": "CFA numérique normand",
        "description": (
            "Le badge « suprême » de couleur or du Label CFA numérique normand : il couronne la démarche du CFA qui "
            "a acquis 10 badges thématiques du label, dont les 5 badges obligatoires. Le CFA est alors officiellement "
            "labellisé « CFA numérique normand ». Il vaut jusqu’à la première échéance des badges qui l’ont permis."
        ),
        "keywords": ["numérique", "label CFA numérique normand", "Normandie", "label"],
        "achievement_type": AchievementType.AWARD,
        "recipient_kind": RecipientKind.ORGANISATION,
        "review_mode": ReviewMode.DIRECT_AWARD,
        "criteria_rule": CriteriaRule.ALL,
    },
    "criteria": [
        _criterion(
            "Avoir obtenu au moins 10 des 12 badges du label, dont les 5 badges obligatoires (Prospection, Apprentis, "
            "Plan de formation, Accessibilité en ligne, Tutorat), tous en cours de validité."
        )
    ],
    "alignments": [],
    "image": ("star", "#c8aa39"),
}

# --- Instep Occitanie: soft skills (seed 003) -----------------------------------------------------

INSTEP_BADGES = [
    ("Adaptation aux changements", "s’adapter à un changement de situation, d’organisation ou d’outils"),
    (
        "Découverte du marché de l’emploi",
        "identifier les métiers, les secteurs qui recrutent et les acteurs de l’emploi",
    ),
    ("Adapter ses outils de candidature", "adapter son CV et sa lettre de motivation à une offre ou à une entreprise"),
    ("Organiser sa recherche d’emploi", "planifier ses démarches de recherche d’emploi et en assurer le suivi"),
    ("Concevoir et mettre en œuvre un grand jeu", "concevoir, préparer et animer un grand jeu avec un groupe"),
    (
        "Agir en citoyen responsable : les enjeux du développement durable",
        "comprendre les enjeux du développement durable et agir de façon responsable au quotidien",
    ),
]


def _instep_badges():
    for name, skill in INSTEP_BADGES:
        yield {
            "content": {
                "name": name,
                "description": (
                    "Compétence douce et transverse acquise en formation, en stage ou en expérience "
                    f"professionnelle : "
                    f"{skill}. Le bénéficiaire sollicite le badge auprès de son formateur en joignant les preuves de "
                    "l’acquisition ; le formateur confirme, ou non, l’octroi du badge."
                ),
                "keywords": ["soft skills", "compétences transverses", "Instep Occitanie"],
                "achievement_type": AchievementType.COMPETENCY,
                "recipient_kind": RecipientKind.PERSON,
                "review_mode": ReviewMode.TRAINER,
                "criteria_rule": CriteriaRule.ALL,
            },
            "criteria": [
                _criterion(f"Raconter une expérience vécue qui montre que vous savez {skill}.", T),
                _criterion(
                    "Joindre au moins une preuve qui illustre cette expérience (document, lien, attestation).", D
                ),
            ],
            "alignments": [],
            "image": ("circle", "#e4794a"),
        }


CNAM_BADGE = {
    "content": {
        "name": "Je m’engage dans l’écocitoyenneté",
        "description": (
            "Badge d’engagement du dispositif d’accompagnement des alternants du Cnam Pays de la Loire sur les "
            "compétences transversales : l’alternant s’engage dans une démarche écocitoyenne. "
            "Il est émis par le Cnam ; "
            "l’alternant l’accepte dans son sac à badges."
        ),
        "keywords": ["écocitoyenneté", "engagement", "compétences transversales", "Cnam Pays de la Loire"],
        "achievement_type": AchievementType.BADGE,
        "recipient_kind": RecipientKind.PERSON,
        "review_mode": ReviewMode.DIRECT_AWARD,
        "criteria_rule": CriteriaRule.ALL,
    },
    "criteria": [
        _criterion(
            "Participer à l’atelier « écocitoyenneté » du dispositif d’accompagnement de sa promotion et s’engager "
            "dans une démarche écocitoyenne.",
            T,
        )
    ],
    "alignments": [],
    "image": ("circle", "#18753c"),
}


def _user(email):
    return User.objects.filter(email=email).first()


def _create(issuer, spec, by, stdout, *, open_to: tuple[str, ...] = ()) -> BadgeClass:
    """Create and publish the badge; `open_to` (training-centre slugs) restricts who may apply."""
    name = spec["content"]["name"]
    existing = BadgeClass.objects.filter(issuer=issuer, current_version__name=name).first()
    if existing:
        return existing
    shape, colour = spec["image"]
    badge_class = services.create_badge_class(
        issuer=issuer,
        by=by,
        content=spec["content"],
        criteria=spec["criteria"],
        alignments=spec["alignments"],
        image=services.ImageChoice(
            template=BadgeTemplate(ImageShape(shape), colour, name, spec["content"].get("level_number"))
        ),
        eligibility=_open_to(open_to),
    )
    services.publish_badge_class(badge_class, by=by)
    stdout.write(f"  badge « {name} » ({issuer.slug})\n")
    return badge_class


def _open_to(slugs: tuple[str, ...]) -> dict | None:
    centres = list(Organisation.objects.filter(slug__in=slugs)) if slugs else []
    if not centres:
        return None
    return {"eligibility": Eligibility.LISTED, "training_centres": centres, "cohorts": []}


# Seed 000 targets the CFAs of the PACA academic region; the Normandy label, the Region's CFAs.
PACA_CENTRES = ("cfa-la-fabrik", "cfa-isim", "cfa-triphase")
NORMANDY_CENTRES = ("cfa-caen-numerique",)


def _programme(issuer, by, name, **kwargs):
    if Programme.objects.filter(issuer=issuer, name=name).exists():
        return
    services.create_programme(issuer=issuer, by=by, name=name, status=BadgeClassStatus.PUBLISHED, **kwargs)


def load(*, stdout) -> None:
    paca = Organisation.objects.get(slug="paca-mission")
    normandie = Organisation.objects.get(slug="region-normandie")
    instep = Organisation.objects.get(slug="instep-occitanie")
    cnam = Organisation.objects.get(slug="cnam-pays-de-la-loire")

    by = _user("admin.paca@blason.demo")
    levels = [_create(paca, spec, by, stdout, open_to=PACA_CENTRES) for spec in _paca_badges()]
    _programme(
        paca,
        by,
        "Échelle de Kirkpatrick – qualité pédagogique des CFA",
        kind=ProgrammeKind.LADDER,
        description=(
            "Quatre badges correspondant à l’échelle à 4 niveaux du modèle de Donald Kirkpatrick, pour reconnaître "
            "la qualité pédagogique des actions mises en œuvre par les CFA de la région académique."
        ),
        members=[(badge_class, False) for badge_class in levels],
    )

    by = _user("admin.normandie@blason.demo")
    members = [
        (_create(normandie, spec, by, stdout, open_to=NORMANDY_CENTRES), mandatory)
        for spec, mandatory in _normandy_badges()
    ]
    label = _create(normandie, NORMANDY_LABEL, by, stdout, open_to=NORMANDY_CENTRES)
    _programme(
        normandie,
        by,
        "Label CFA numérique normand",
        kind=ProgrammeKind.LABEL,
        min_count=10,
        label_badge_class=label,
        accepts_proposals=True,
        description=(
            "Valoriser les initiatives des CFA qui utilisent le numérique pour améliorer la formation et la réussite "
            "des apprentis. 12 badges, dont 5 obligatoires ; 10 badges, dont les 5 obligatoires, donnent le label. "
            "Les demandes sont examinées par un « groupe des pairs » (CFA pilotes, Badgeons la Normandie, Direction "
            "apprentissage de la Région). Des badges supplémentaires peuvent être proposés par les CFA."
        ),
        members=members,
    )

    by = _user("admin.instep@blason.demo")
    # Instep's badges are for its own trainees (seed 003), Cnam's for its own apprentices (seed 002).
    for spec in _instep_badges():
        _create(instep, spec, by, stdout, open_to=("instep-toulouse",))

    _create(cnam, CNAM_BADGE, _user("admin.cnam@blason.demo"), stdout, open_to=("cnam-pdl-alternance",))

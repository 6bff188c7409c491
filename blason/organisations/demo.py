"""Demo data of the foundation: the organisations and people of the seeds.

`load` is idempotent: rows are looked up by slug (organisations) and email (people), and only
missing ones are created. Identifiers (UAI, SIREN, SIRET) are computed with our validators, so
they are valid but fictitious.
"""

from dataclasses import dataclass

from django.db import transaction

from blason.accounts.models import User
from blason.accounts.services import activate_totp, get_or_create_user
from blason.organisations import services
from blason.organisations.enums import STAFF_ROLES, ExpertAffiliation, IssuerCategory, OrganisationKind, Role
from blason.organisations.models import Cohort, Learner, Membership, Organisation
from blason.organisations.validators import with_luhn_check_digit, with_uai_check_letter

PASSWORD = "demo-blason-2026"
# One fixed TOTP secret (base32) for every demo staff account, to add to an authenticator app.
TOTP_SECRET = "BLASONDEMOSECRETTOTPKEYAAAA23456"


def _siren(prefix8: str) -> str:
    return with_luhn_check_digit(prefix8)


def _siret(siren: str, nic4: str = "0001") -> str:
    return with_luhn_check_digit(siren + nic4)


@dataclass(frozen=True)
class Org:
    slug: str
    kind: str
    name: str
    street_address: str
    postal_code: str
    city: str
    siren_prefix: str
    category: str = ""
    uai_digits: str = ""
    url: str = ""
    email: str = ""
    director: tuple[str, str] = ("", "")
    diplomas: tuple[str, ...] = ()
    description: str = ""


ISSUER = OrganisationKind.ISSUER
CFA = OrganisationKind.TRAINING_CENTRE

ORGANISATIONS = [
    Org(
        "paca-mission",
        ISSUER,
        "Rectorat de région académique PACA — mission ICAPA",
        "Place Lucien Paye",
        "13100",
        "Aix-en-Provence",
        "17130001",
        category=IssuerCategory.STATE_BODY,
        url="https://www.ac-aix-marseille.fr",
        email="icapa@region-academique-paca.example.fr",
        description="Mission d’inspection pédagogique de l’apprentissage : badges de qualité pédagogique des CFA.",
    ),
    Org(
        "region-normandie",
        ISSUER,
        "Région Normandie",
        "Abbaye-aux-Dames, place Reine Mathilde",
        "14035",
        "Caen",
        "20005372",
        category=IssuerCategory.TERRITORIAL_BODY,
        url="https://www.normandie.fr",
        email="label-cfa-numerique@normandie.example.fr",
        description="Label CFA numérique normand : douze badges, cinq obligatoires, dix pour le label or.",
    ),
    Org(
        "cnam-pays-de-la-loire",
        ISSUER,
        "Cnam Pays de la Loire",
        "25 boulevard Guy Mollet",
        "44300",
        "Nantes",
        "77567222",
        category=IssuerCategory.TRAINING_ORGANISATION,
        url="https://www.cnam-paysdelaloire.fr",
        email="badges@cnam-pdl.example.fr",
        description="Badges des compétences transversales des apprentis.",
    ),
    Org(
        "instep-occitanie",
        ISSUER,
        "Instep Occitanie",
        "12 rue Saint-Rome",
        "31000",
        "Toulouse",
        "38914562",
        category=IssuerCategory.TRAINING_ORGANISATION,
        url="https://www.instep-occitanie.fr",
        email="badges@instep-occitanie.example.fr",
        description="Une quarantaine de badges de savoir-être, confirmés par le formateur.",
    ),
    Org(
        "cfa-la-fabrik",
        CFA,
        "CFA La Fabrik",
        "150 avenue de Provence",
        "83600",
        "Fréjus",
        "81234567",
        uai_digits="0831587",
        email="contact@cfa-lafabrik.example.fr",
        director=("Sandrine Giraud", "direction.lafabrik@blason.demo"),
        diplomas=("CAP Cuisine", "BP Boulanger", "BTS Management commercial opérationnel"),
    ),
    Org(
        "cfa-isim",
        CFA,
        "CFA ISIM",
        "15 boulevard Gorbella",
        "06100",
        "Nice",
        "42876543",
        uai_digits="0061992",
        email="contact@cfa-isim.example.fr",
        director=("Laurent Bianchi", "direction.isim@blason.demo"),
        diplomas=("BTS Services informatiques aux organisations", "Titre pro Développeur web et web mobile"),
    ),
    Org(
        "cfa-triphase",
        CFA,
        "Triphase formation",
        "29 boulevard Charles Moretti",
        "13014",
        "Marseille",
        "53219876",
        uai_digits="0133845",
        email="contact@triphase-formation.example.fr",
        director=("Karima Benali", "direction.triphase@blason.demo"),
        diplomas=("Bac pro MELEC", "BTS Électrotechnique"),
    ),
    Org(
        "cfa-caen-numerique",
        CFA,
        "CFA Caen Numérique",
        "7 rue Alfred Kastler",
        "14000",
        "Caen",
        "84456123",
        uai_digits="0142213",
        email="contact@cfa-caen-numerique.example.fr",
        director=("Pierre Lecomte", "direction.caen@blason.demo"),
        diplomas=("BTS SIO", "Licence pro Métiers du numérique"),
    ),
    Org(
        "cnam-pdl-alternance",
        CFA,
        "Cnam Pays de la Loire — alternance",
        "25 boulevard Guy Mollet",
        "44300",
        "Nantes",
        "77567222",
        uai_digits="0442761",
        email="alternance@cnam-pdl.example.fr",
        director=("Nathalie Moreau", "admin.cnam@blason.demo"),
        diplomas=("Titre RNCP Gestionnaire de paie", "Licence Gestion des ressources humaines"),
    ),
    Org(
        "instep-toulouse",
        CFA,
        "Instep Toulouse",
        "12 rue Saint-Rome",
        "31000",
        "Toulouse",
        "38914562",
        uai_digits="0312894",
        email="toulouse@instep-occitanie.example.fr",
        director=("Julien Garcia", "admin.instep@blason.demo"),
        diplomas=("Titre pro Employé commercial", "CAP Équipier polyvalent du commerce"),
    ),
]

# (email, first name, last name, role, organisation slug or None, affiliation, affiliation detail)
PEOPLE = [
    ("admin@blason.demo", "Camille", "Durand", Role.PLATFORM_ADMIN, None, "", ""),
    ("admin.paca@blason.demo", "Sophie", "Lambert", Role.ISSUER_ADMIN, "paca-mission", "", ""),
    ("admin.normandie@blason.demo", "Thomas", "Lefebvre", Role.ISSUER_ADMIN, "region-normandie", "", ""),
    ("admin.cnam@blason.demo", "Nathalie", "Moreau", Role.ISSUER_ADMIN, "cnam-pays-de-la-loire", "", ""),
    ("admin.instep@blason.demo", "Julien", "Garcia", Role.ISSUER_ADMIN, "instep-occitanie", "", ""),
    ("coordination.paca@blason.demo", "Isabelle", "Fabre", Role.COORDINATOR, "paca-mission", "", ""),
    ("expert.cpne@blason.demo", "Marc", "Rossi", Role.EXPERT, "paca-mission", ExpertAffiliation.CPRE_CPNE, ""),
    (
        "expert.cci@blason.demo",
        "Hélène",
        "Blanc",
        Role.EXPERT,
        "paca-mission",
        ExpertAffiliation.CONSULAR_CHAMBER,
        "CCI Nice Côte d’Azur",
    ),
    (
        "expert.ministere@blason.demo",
        "Philippe",
        "Girard",
        Role.EXPERT,
        "paca-mission",
        ExpertAffiliation.CERTIFYING_MINISTRY,
        "Ministère du Travail",
    ),
    (
        "pairs.normandie@blason.demo",
        "Claire",
        "Lemoine",
        Role.EXPERT,
        "region-normandie",
        ExpertAffiliation.OTHER,
        "Groupe des pairs",
    ),
    ("coordination.normandie@blason.demo", "Antoine", "Marie", Role.COORDINATOR, "region-normandie", "", ""),
    ("direction.lafabrik@blason.demo", "Sandrine", "Giraud", Role.CFA_MANAGER, "cfa-la-fabrik", "", ""),
    ("direction.isim@blason.demo", "Laurent", "Bianchi", Role.CFA_MANAGER, "cfa-isim", "", ""),
    ("direction.triphase@blason.demo", "Karima", "Benali", Role.CFA_MANAGER, "cfa-triphase", "", ""),
    ("direction.caen@blason.demo", "Pierre", "Lecomte", Role.CFA_MANAGER, "cfa-caen-numerique", "", ""),
    ("formateur.instep@blason.demo", "Émilie", "Roux", Role.TRAINER, "instep-toulouse", "", ""),
    ("formateur.cnam@blason.demo", "David", "Morel", Role.TRAINER, "cnam-pdl-alternance", "", ""),
    ("apprenti.instep@blason.demo", "Lucas", "Martin", Role.LEARNER, "instep-toulouse", "", ""),
    ("apprenti.cnam@blason.demo", "Chloé", "Petit", Role.LEARNER, "cnam-pdl-alternance", "", ""),
]

# (CFA slug, cohort name, diploma, start year)
COHORTS = [
    ("cfa-la-fabrik", "BP Boulanger 2025-2027", "BP Boulanger", 2025),
    ("cfa-isim", "BTS SIO 2025-2027", "BTS Services informatiques aux organisations", 2025),
    ("cfa-triphase", "Bac pro MELEC 2024-2027", "Bac pro MELEC", 2024),
    ("cfa-caen-numerique", "BTS SIO 2025-2027", "BTS SIO", 2025),
    ("cnam-pdl-alternance", "Gestionnaire de paie 2025-2026", "Titre RNCP Gestionnaire de paie", 2025),
    ("instep-toulouse", "Employé commercial 2025-2026", "Titre pro Employé commercial", 2025),
]

# (CFA slug, first, last, email, account email or None, trainer email or None, employer, tutor, tutor email)
LEARNERS = [
    (
        "instep-toulouse",
        "Lucas",
        "Martin",
        "apprenti.instep@blason.demo",
        "apprenti.instep@blason.demo",
        "formateur.instep@blason.demo",
        "Carrefour Market Toulouse Minimes",
        "Valérie Dupuis",
        "valerie.dupuis@commerce-minimes.example.fr",
    ),
    (
        "cnam-pdl-alternance",
        "Chloé",
        "Petit",
        "apprenti.cnam@blason.demo",
        "apprenti.cnam@blason.demo",
        "formateur.cnam@blason.demo",
        "Clinique Jules Verne",
        "François Leroy",
        "francois.leroy@clinique-jv.example.fr",
    ),
    (
        "cfa-la-fabrik",
        "Yanis",
        "Bouzid",
        "yanis.bouzid@exemple.fr",
        None,
        None,
        "Boulangerie Au Pain d’Estérel",
        "Jean-Marc Olivier",
        "jm.olivier@pain-esterel.example.fr",
    ),
    (
        "cfa-la-fabrik",
        "Manon",
        "Faure",
        "manon.faure@exemple.fr",
        None,
        None,
        "Boulangerie des Arènes",
        "Sylvie Arnaud",
        "sylvie.arnaud@boulangerie-arenes.example.fr",
    ),
    (
        "cfa-isim",
        "Hugo",
        "Mercier",
        "hugo.mercier@exemple.fr",
        None,
        None,
        "Azur Numérique SARL",
        "Nadia Haddad",
        "nadia.haddad@azur-numerique.example.fr",
    ),
    (
        "cfa-triphase",
        "Inès",
        "Chevalier",
        "ines.chevalier@exemple.fr",
        None,
        None,
        "Électricité Phocéenne",
        "Rachid Amrani",
        "r.amrani@elec-phoceenne.example.fr",
    ),
    (
        "cfa-caen-numerique",
        "Louis",
        "Lemaire",
        "louis.lemaire@exemple.fr",
        None,
        None,
        "Normandie Web Services",
        "Anne Hébert",
        "anne.hebert@nws.example.fr",
    ),
]


def _organisation_fields(org: Org) -> dict:
    siren = _siren(org.siren_prefix)
    fields = {
        "slug": org.slug,
        "kind": org.kind,
        "issuer_category": org.category,
        "name": org.name,
        "description": org.description,
        "url": org.url,
        "email": org.email,
        "contact_email": org.email,
        "street_address": org.street_address,
        "postal_code": org.postal_code,
        "city": org.city,
        "siren": siren if org.kind == ISSUER else "",
        "siret": _siret(siren, "0001" if org.kind == ISSUER else "0002"),
        "diplomas": list(org.diplomas),
    }
    if org.kind == CFA:
        fields |= {
            "uai": with_uai_check_letter(org.uai_digits),
            "director_name": org.director[0],
            "director_email": org.director[1],
        }
    return fields


@transaction.atomic
def load(*, stdout) -> None:
    created = 0
    for org in ORGANISATIONS:
        if not Organisation.objects.filter(slug=org.slug).exists():
            services.create_organisation(by=None, **_organisation_fields(org))
            created += 1
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=[org.slug for org in ORGANISATIONS])}

    for email, first, last, role, slug, affiliation, detail in PEOPLE:
        user, user_created = get_or_create_user(
            email=email, first_name=first, last_name=last, password=PASSWORD, email_verified=True
        )
        created += user_created
        if role == Role.PLATFORM_ADMIN and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
            user.refresh_from_db()
        organisation = organisations[slug] if slug else None
        if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            membership = services.add_member(organisation, user=user, role=role, by=None, affiliation=affiliation)
            if detail:
                Membership.objects.filter(pk=membership.pk).update(affiliation_detail=detail)
            created += 1
        if role in STAFF_ROLES:
            activate_totp(user, secret=TOTP_SECRET)

    for slug, name, diploma, year in COHORTS:
        if not Cohort.objects.filter(training_centre=organisations[slug], name=name).exists():
            services.create_cohort(organisations[slug], by=None, name=name, diploma=diploma, start_year=year)
            created += 1

    for slug, first, last, email, account, trainer, employer, tutor, tutor_email in LEARNERS:
        centre = organisations[slug]
        if Learner.objects.filter(training_centre=centre, email=email).exists():
            continue
        services.add_learner(
            centre,
            by=None,
            first_name=first,
            last_name=last,
            email=email,
            user=User.objects.get(email=account) if account else None,
            trainer=User.objects.get(email=trainer) if trainer else None,
            cohort=centre.cohorts.first(),
            employer_name=employer,
            tutor_name=tutor,
            tutor_email=tutor_email,
            tutor_company=employer,
        )
        created += 1

    if created:
        stdout.write(f"organisations : {created} élément(s) créé(s) (organisations, comptes, rôles, apprentis).")
    else:
        stdout.write("organisations : déjà en place, rien n’a changé.")

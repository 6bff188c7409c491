import io
import zipfile

import pytest
from django.urls import reverse

from blason.badges.enums import BadgeClassStatus, ProposalStatus
from blason.badges.models import BadgeClass, BadgeProposal, BadgeVersion, Programme
from blason.badges.services import freeze_version
from tests.badges.factories import (
    BadgeClassFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    cfa_manager,
    issuer_admin,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Attractivité",
        "description": "Présenter les métiers au-delà du site internet.",
        "keywords": "numérique, communication",
        "language": "fr",
        "achievement_type": "Badge",
        "recipient_kind": "organisation",
        "review_mode": "commission",
        "min_reviewers": "2",
        "criteria_rule": "at_least",
        "criteria_min_count": "2",
        "validity_months": "12",
        "eligibility": "anyone",
        "image_mode": "generate",
        "image_shape": "circle",
        "image_colour": "#000091",
        "criteres-TOTAL_FORMS": "3",
        "criteres-INITIAL_FORMS": "0",
        "alignements-TOTAL_FORMS": "1",
        "alignements-INITIAL_FORMS": "0",
    }
    for i, text in enumerate(["Vidéos des métiers", "Présentation des formations", "Réseaux sociaux"]):
        data |= {
            f"criteres-{i}-text": text,
            f"criteres-{i}-evidence_kind": "link",
            f"criteres-{i}-for_first_award": "on",
            f"criteres-{i}-for_renewal": "on",
            f"criteres-{i}-ORDER": str(i + 1),
        }
    data |= {"alignements-0-framework": ""}
    data |= {k: v for k, v in overrides.items()}
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def admin_client(client):
    issuer = OrganisationFactory()
    client.force_login(issuer_admin(issuer))
    client.issuer = issuer
    return client


def create_url(client):
    return reverse("badges:create", args=[client.issuer.public_id])


def test_manage_list_is_a_404_for_other_issuers_and_cfa_managers(client):
    issuer = OrganisationFactory()
    client.force_login(issuer_admin(OrganisationFactory()))
    assert client.get(reverse("badges:manage_list", args=[issuer.public_id])).status_code == 404
    client.force_login(cfa_manager())
    assert client.get(reverse("badges:manage_list", args=[issuer.public_id])).status_code == 404


def test_badge_pages_of_another_issuer_are_404(client):
    badge_class = BadgeClassFactory()
    client.force_login(issuer_admin(OrganisationFactory()))
    for name in ("badges:manage", "badges:edit"):
        assert client.get(reverse(name, args=[badge_class.public_id])).status_code == 404
    assert client.post(reverse("badges:publish", args=[badge_class.public_id])).status_code == 404


def test_create_badge_with_three_criteria_and_generated_image(admin_client):
    response = admin_client.post(create_url(admin_client), form_data())

    badge_class = BadgeClass.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("badges:manage", args=[badge_class.public_id])
    version = badge_class.current_version
    assert [c.text for c in version.criteria.all()] == [
        "Vidéos des métiers",
        "Présentation des formations",
        "Réseaux sociaux",
    ]
    assert version.criteria_min_count == 2
    assert version.keywords == ["numérique", "communication"]
    assert version.image.name.endswith(".svg")
    assert version.alignments.count() == 0  # the alignment row was left empty


def test_criteria_follow_the_order_field(admin_client):
    admin_client.post(create_url(admin_client), form_data(**{"criteres-0-ORDER": "9"}))
    texts = [c.text for c in BadgeClass.objects.get().current_version.criteria.all()]
    assert texts == ["Présentation des formations", "Réseaux sociaux", "Vidéos des métiers"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"criteria_min_count": "4"}, "La règle « au moins 4 » est impossible : le badge n’a que 3 critère(s)."),
        ({"validity_months": "0"}, "La durée de validité doit être d’au moins 1 mois."),
        ({"validity_months": "1000"}, "La durée de validité ne peut pas dépasser 120 mois."),
        ({"image_mode": "generate", "image_shape": ""}, "Choisissez la forme de l’image."),
        ({"criteres-TOTAL_FORMS": "0"}, "Indiquez au moins un critère"),
    ],
)
def test_bad_input_gets_a_french_error_and_saves_nothing(admin_client, overrides, message):
    response = admin_client.post(create_url(admin_client), form_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BadgeClass.objects.exists()
    assert not BadgeVersion.objects.exists()


def upload(name, content, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_svg_with_a_script_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("x")</script><circle r="4"/></svg>'
    data = form_data(image_mode="upload", image_file=upload("badge.svg", svg, "image/svg+xml"))

    response = admin_client.post(create_url(admin_client), data)

    assert response.status_code == 200
    assert "Le fichier SVG contient un élément interdit (&lt;script&gt;)" in response.content.decode()
    assert not BadgeClass.objects.exists()


def test_a_zip_renamed_png_is_refused(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.txt", "x")
    data = form_data(image_mode="upload", image_file=upload("badge.png", buffer.getvalue(), "image/png"))

    response = admin_client.post(create_url(admin_client), data)

    assert "ni une image PNG ni une image SVG" in response.content.decode()
    assert not BadgeClass.objects.exists()


def test_a_clean_svg_upload_is_sanitised_and_saved(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><metadata>x</metadata><circle r="4"/></svg>'
    data = form_data(image_mode="upload", image_file=upload("badge.svg", svg, "image/svg+xml"))

    admin_client.post(create_url(admin_client), data)

    version = BadgeClass.objects.get().current_version
    saved = version.image.read()
    assert b"<circle" in saved
    assert b"metadata" not in saved


def test_too_big_an_image_is_refused(admin_client, settings):
    from blason.badges import constants

    data = form_data(
        image_mode="upload",
        image_file=upload("b.png", b"\x89PNG" + b"0" * constants.IMAGE_MAX_SIZE_BYTES, "image/png"),
    )
    response = admin_client.post(create_url(admin_client), data)
    assert "dépasse la taille maximale" in response.content.decode()


def test_edit_an_awarded_badge_creates_a_new_version(admin_client):
    badge_class = BadgeClassFactory(issuer=admin_client.issuer, published=True, version__name="Ancien")
    old = freeze_version(badge_class.current_version)
    url = reverse("badges:edit", args=[badge_class.public_id])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url, form_data(name="Nouveau", image_mode="keep", criteria_rule="all", **{"criteres-INITIAL_FORMS": "3"})
    )

    assert response.status_code == 302
    badge_class.refresh_from_db()
    old.refresh_from_db()
    assert badge_class.current_version.number == 2
    assert badge_class.current_version.name == "Nouveau"
    assert old.name == "Ancien"
    assert old.criteria.count() == 3
    assert badge_class.current_version.criteria.count() == 3


def test_unchanged_criteria_are_kept_and_deleted_ones_removed(admin_client):
    badge_class = BadgeClassFactory(issuer=admin_client.issuer)
    url = reverse("badges:edit", args=[badge_class.public_id])
    data = form_data(
        image_mode="keep", criteria_rule="all", **{"criteres-INITIAL_FORMS": "3", "criteres-1-DELETE": "on"}
    )

    admin_client.post(url, data)

    texts = [c.text for c in badge_class.versions.get().criteria.all()]
    assert texts == ["Vidéos des métiers", "Réseaux sociaux"]


def test_publish_then_archive(admin_client):
    badge_class = BadgeClassFactory(issuer=admin_client.issuer)
    admin_client.post(reverse("badges:publish", args=[badge_class.public_id]))
    badge_class.refresh_from_db()
    assert badge_class.status == BadgeClassStatus.PUBLISHED
    admin_client.post(reverse("badges:archive", args=[badge_class.public_id]))
    badge_class.refresh_from_db()
    assert badge_class.status == BadgeClassStatus.ARCHIVED
    response = admin_client.get(reverse("badges:manage_list", args=[admin_client.issuer.public_id]))
    assert "Archivé" in response.content.decode()


def programme_data(badge_classes, mandatory, min_count):
    return {
        "name": "Label numérique",
        "kind": "label",
        "min_count": str(min_count),
        "badge_classes": [str(bc.pk) for bc in badge_classes],
        "mandatory": [str(bc.pk) for bc in mandatory],
        "publish": "on",
    }


def test_a_programme_whose_mandatory_badges_outnumber_n_is_refused(admin_client):
    badges = [BadgeClassFactory(issuer=admin_client.issuer) for _ in range(5)]
    url = reverse("badges:programme_create", args=[admin_client.issuer.public_id])

    response = admin_client.post(url, programme_data(badges, badges[:4], 3))

    assert response.status_code == 200
    assert "Le programme compte 4 badges obligatoires, plus que le nombre exigé (3)" in response.content.decode()
    assert not Programme.objects.exists()


def test_create_and_edit_a_programme(admin_client):
    badges = [BadgeClassFactory(issuer=admin_client.issuer) for _ in range(4)]
    url = reverse("badges:programme_create", args=[admin_client.issuer.public_id])

    assert admin_client.post(url, programme_data(badges, badges[:2], 3)).status_code == 302

    programme = Programme.objects.get()
    assert programme.members.filter(is_mandatory=True).count() == 2
    edit = reverse("badges:programme_edit", args=[programme.public_id])
    assert admin_client.get(edit).status_code == 200
    assert admin_client.post(edit, programme_data(badges, badges[:1], 4)).status_code == 302
    programme.refresh_from_db()
    assert programme.min_count == 4


def test_other_issuers_badges_cannot_join_a_programme(admin_client):
    foreign = BadgeClassFactory()
    url = reverse("badges:programme_create", args=[admin_client.issuer.public_id])
    response = admin_client.post(url, programme_data([foreign], [], 1))
    assert response.status_code == 200
    assert not Programme.objects.exists()


def test_proposal_journey(client, django_capture_on_commit_callbacks, mailoutbox):
    programme = ProgrammeFactory(accepts_proposals=True)
    centre = OrganisationFactory(training_centre=True)
    manager = cfa_manager(centre)
    client.force_login(manager)
    page = client.get(reverse("badges:programme_detail", args=[programme.public_id]))
    assert "Proposer un badge" in page.content.decode()

    response = client.post(
        reverse("badges:proposal_create", args=[programme.public_id]),
        {"training_centre": centre.pk, "name": "Badge IA", "description": "Usage de l’IA", "criteria_text": "charte"},
    )
    assert response.status_code == 302
    proposal = BadgeProposal.objects.get()

    # Another issuer's admin cannot see it; the programme's admin declines it with a reason.
    client.force_login(issuer_admin(OrganisationFactory()))
    assert client.get(reverse("badges:proposal_review", args=[proposal.public_id])).status_code == 404
    client.force_login(issuer_admin(programme.issuer))
    url = reverse("badges:proposal_review", args=[proposal.public_id])
    empty = client.post(url, {"decision": "decline", "reason": ""})
    assert empty.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline", "reason": "Déjà couvert."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert mailoutbox[0].to == [manager.email]
    # The CFA manager sees the answer on the programme page.
    client.force_login(manager)
    page = client.get(reverse("badges:programme_detail", args=[programme.public_id])).content.decode()
    assert "Badge IA" in page
    assert "Déjà couvert." in page


def test_accept_proposal_from_the_review_page(client):
    programme = ProgrammeFactory(accepts_proposals=True)
    centre = OrganisationFactory(training_centre=True)
    proposal = BadgeProposal.objects.create(
        programme=programme, training_centre=centre, proposed_by=cfa_manager(centre), name="IA", description="x"
    )
    client.force_login(issuer_admin(programme.issuer))
    response = client.post(reverse("badges:proposal_review", args=[proposal.public_id]), {"decision": "accept"})
    proposal.refresh_from_db()
    assert response.status_code == 302
    assert proposal.badge_class.status == BadgeClassStatus.DRAFT


def test_proposals_are_404_when_the_programme_does_not_accept_them(client):
    programme = ProgrammeFactory(accepts_proposals=False)
    client.force_login(cfa_manager())
    assert client.get(reverse("badges:proposal_create", args=[programme.public_id])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("badges:proposal_create", args=[programme.public_id])).status_code == 404


def test_cohorts_are_offered_with_their_cfa(admin_client):
    from blason.organisations.models import Cohort
    from tests.organisations.factories import OrganisationFactory as CentreFactory

    Cohort.objects.create(training_centre=CentreFactory(name="CFA Triphase"), name="BTS 2025-2027")
    Cohort.objects.create(training_centre=CentreFactory(name="CFA ISIM"), name="BTS 2025-2027")
    page = admin_client.get(create_url(admin_client)).content.decode()
    assert "BTS 2025-2027 (CFA ISIM)" in page and "BTS 2025-2027 (CFA Triphase)" in page

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from blason.applications import services
from blason.applications.enums import ApplicationStatus, DecisionOutcome, Verdict
from blason.applications.models import BadgeApplication, Evidence
from blason.badges.enums import RecipientKind, ReviewMode
from blason.organisations.enums import Role
from tests.applications.factories import (
    BadgeApplicationFactory,
    LearnerFactory,
    MembershipFactory,
    OrganisationFactory,
    give_totp,
    make_badge,
    minimal_pdf,
    mp4_upload,
    pdf_upload,
)
from tests.applications.helpers import awaiting_decision, under_review

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    for user in [world.coordinator, *world.experts]:
        give_totp(user)
    return world


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_applicant_opens_fills_and_submits(client, world):
    client.force_login(world.manager)
    response = client.get(reverse("applications:applicant_dashboard"))
    assert response.status_code == 200 and world.badge.current_version.name in response.text
    response = client.post(reverse("applications:open", args=[world.badge.public_id]))
    application = BadgeApplication.objects.get()
    assert response.url == reverse("applications:edit", args=[application.public_id])
    criteria = list(application.applicable_criteria())
    response = client.post(
        reverse("applications:add_evidence", args=[application.public_id]),
        {"criterion": criteria[0].pk, "file": pdf_upload()},
        follow=True,
    )
    assert "Pièce justificative ajoutée." in _messages(response)
    data = {f"statement_{c.pk}": f"Déclaration {c.position}" for c in criteria}
    response = client.post(reverse("applications:edit", args=[application.public_id]), {**data, "submit": ""})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    response = client.get(reverse("applications:detail", args=[application.public_id]))
    assert "Demande déposée" in response.text and "preuve.pdf" in response.text


def test_submit_with_an_empty_required_statement_shows_a_french_error(client, world):
    client.force_login(world.manager)
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager
    )
    criteria = list(application.applicable_criteria())
    data = {f"statement_{c.pk}": "Rempli" for c in criteria[1:]} | {f"statement_{criteria[0].pk}": "  "}
    response = client.post(
        reverse("applications:edit", args=[application.public_id]), {**data, "submit": ""}, follow=True
    )
    assert any("Chaque critère exigé doit avoir une déclaration" in m for m in _messages(response))
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_upload_cut_off_mid_way_gets_a_french_error_and_adds_nothing(client, world):
    client.force_login(world.manager)
    application = BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa)
    criterion = application.applicable_criteria().first()
    boundary = "----blasonboundary"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="criterion"\r\n\r\n{criterion.pk}\r\n'
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="preuve.pdf"\r\n'
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + minimal_pdf()[:150]  # the connection drops: no end of file, no closing boundary
    response = client.generic(
        "POST",
        reverse("applications:add_evidence", args=[application.public_id]),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    response = client.get(response.url)
    messages = _messages(response)
    assert messages and ("incomplet" in messages[0] or "interrompu" in messages[0] or "entier" in messages[0])
    assert not Evidence.objects.exists()
    assert application.events.count() == 0


def test_a_pdf_renamed_mp4_is_not_played_as_a_video(client, world):
    client.force_login(world.manager)
    application = BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa)
    criterion = application.applicable_criteria().first()
    client.post(
        reverse("applications:add_evidence", args=[application.public_id]),
        {"criterion": criterion.pk, "file": SimpleUploadedFile("film.mp4", minimal_pdf(), "video/mp4")},
    )
    assert Evidence.objects.get().content_type == "application/pdf"


def test_a_301_second_video_is_refused_through_the_form(client, world):
    client.force_login(world.manager)
    application = BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa)
    criterion = application.applicable_criteria().first()
    response = client.post(
        reverse("applications:add_evidence", args=[application.public_id]),
        {"criterion": criterion.pk, "file": mp4_upload(301)},
        follow=True,
    )
    assert any("ce badge accepte au plus 300 secondes" in m for m in _messages(response))
    assert not Evidence.objects.exists()


@pytest.fixture
def file_evidence(world):
    application = BadgeApplicationFactory(
        badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager, with_statements=True
    )
    evidence = services.add_evidence(
        application, criterion=application.applicable_criteria().first(), by=world.manager, upload=mp4_upload(20)
    )
    return evidence


def test_the_applicant_streams_the_file_with_ranges(client, world, file_evidence):
    client.force_login(world.manager)
    url = reverse("applications:evidence_file", args=[file_evidence.public_id])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    content = b"".join(response.streaming_content)
    assert len(content) == file_evidence.size_bytes
    response = client.get(url, HTTP_RANGE="bytes=4-11")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 4-11/{file_evidence.size_bytes}"
    assert b"".join(response.streaming_content) == content[4:12]
    assert client.get(url, HTTP_RANGE="bytes=999999-").status_code == 416


def test_a_learner_of_another_cfa_gets_a_404_on_the_file(client, world, file_evidence):
    other_learner = LearnerFactory(training_centre=OrganisationFactory(name="Autre CFA"))
    MembershipFactory(user=other_learner.user, organisation=other_learner.training_centre, role=Role.LEARNER)
    client.force_login(other_learner.user)
    assert client.get(reverse("applications:evidence_file", args=[file_evidence.public_id])).status_code == 404
    assert client.get(reverse("applications:detail", args=[file_evidence.application.public_id])).status_code == 404


def test_reviewers_see_files_only_while_assigned_and_without_conflict(client, staff, file_evidence):
    world = staff
    application = file_evidence.application
    services.submit_application(application, by=world.manager)
    services.assign_reviewers(application, reviewers=world.experts[:2], by=world.coordinator)
    url = reverse("applications:evidence_file", args=[file_evidence.public_id])
    client.force_login(world.experts[2])  # not assigned
    assert client.get(url).status_code == 404
    assert client.get(reverse("applications:review", args=[application.public_id])).status_code == 404
    client.force_login(world.experts[0])
    assert client.get(url).status_code == 200
    response = client.get(reverse("applications:review", args=[application.public_id]))
    assert response.status_code == 200 and "<video" in response.text
    client.post(reverse("applications:declare_conflict", args=[application.public_id]), {"reason": "Ancien formateur"})
    assert client.get(url).status_code == 404
    assert client.get(reverse("applications:review", args=[application.public_id])).status_code == 404
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 200


def test_an_expert_who_joins_the_cfa_loses_access(client, staff):
    world = staff
    application = under_review(world)
    MembershipFactory(user=world.experts[0], organisation=world.cfa, role=Role.TRAINER)
    client.force_login(world.experts[0])
    assert client.get(reverse("applications:review", args=[application.public_id])).status_code == 404


def test_a_reviewer_posting_on_an_unassigned_application_gets_a_404(client, staff):
    world = staff
    application = under_review(world)
    client.force_login(world.experts[2])
    criteria = application.applicable_criteria()
    data = {f"verdict_{c.pk}": Verdict.MET for c in criteria} | {"opinion": "favourable", "comment": "ok"}
    assert client.post(reverse("applications:review", args=[application.public_id]), data).status_code == 404
    assert not application.assignments.filter(reviewer=world.experts[2]).exists()


def test_review_form_records_votes(client, staff):
    world = staff
    application = under_review(world)
    client.force_login(world.experts[0])
    criteria = application.applicable_criteria()
    data = {f"verdict_{c.pk}": Verdict.MET for c in criteria} | {"opinion": "favourable", "comment": "Très bien"}
    response = client.post(reverse("applications:review", args=[application.public_id]), data, follow=True)
    assert "Votre avis a été enregistré." in _messages(response)
    assert application.assignments.get(reviewer=world.experts[0]).votes.count() == 3


def test_reviewer_queue_counts_and_filters(client, staff, django_assert_max_num_queries):
    world = staff
    under_review(world)
    client.force_login(world.experts[0])
    with django_assert_max_num_queries(30):
        response = client.get(reverse("applications:reviewer_queue"))
    assert response.status_code == 200
    assert "Total : 1" in response.text
    response = client.get(reverse("applications:reviewer_queue"), {"status": "approved"})
    assert "Aucune demande ne vous attend." in response.text
    response = client.get(reverse("applications:reviewer_queue"), {"overdue": "on"})
    assert "Aucune demande ne vous attend." in response.text


def test_coordinator_board_and_decision_without_reason(client, staff):
    world = staff
    application = awaiting_decision(world)
    client.force_login(world.coordinator)
    response = client.get(reverse("applications:coordinator_board", args=[world.issuer.public_id]))
    assert response.status_code == 200 and application.applicant_name in response.text
    response = client.get(reverse("applications:instruct", args=[application.public_id]))
    assert "Proposition de Blason d’après la règle du badge : Attribuer le badge" in response.text
    response = client.post(
        reverse("applications:decide", args=[application.public_id]), {"outcome": DecisionOutcome.AWARD, "reason": ""}
    )
    assert "Indiquez le motif de la décision" in response.text
    application.refresh_from_db()
    assert application.status == S.AWAITING_DECISION


def test_the_board_of_another_issuer_is_a_404(client, staff):
    client.force_login(staff.coordinator)
    other = OrganisationFactory(issuer=True)
    assert client.get(reverse("applications:coordinator_board", args=[other.public_id])).status_code == 404


def test_an_expert_cannot_decide(client, staff):
    application = awaiting_decision(staff)
    client.force_login(staff.experts[0])
    response = client.post(
        reverse("applications:decide", args=[application.public_id]), {"outcome": "award", "reason": "Oui"}
    )
    assert response.status_code == 404


def test_commission_session_minutes_pdf(client, staff):
    world = staff
    application = awaiting_decision(world)
    commission = services.create_commission(
        issuer=world.issuer, name="Commission ICAPA", members=world.experts, by=None
    )
    session = services.create_session(commission=commission, held_on=datetime.date(2026, 11, 24), by=None)
    services.record_decision(application, outcome="award", reason="Exemplaire", by=world.coordinator, session=session)
    client.force_login(world.coordinator)
    response = client.get(reverse("applications:session_minutes", args=[session.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_trainer_review_view(client, world):
    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    learner = LearnerFactory(training_centre=world.cfa)
    application = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=None, applicant_learner=learner, with_statements=True
    )
    services.submit_application(application, by=learner.user)
    client.force_login(learner.trainer)
    response = client.get(reverse("applications:reviewer_queue"))
    assert application.badge_version.name in response.text
    client.post(
        reverse("applications:trainer_review", args=[application.public_id]), {"decision": "confirm", "comment": ""}
    )
    application.refresh_from_db()
    assert application.status == S.APPROVED
    client.force_login(world.manager)  # the CFA manager is not the trainer
    assert client.get(reverse("applications:trainer_review", args=[application.public_id])).status_code == 404


def test_trainer_review_page_shows_criteria_and_evidence(client, world):
    badge = make_badge(issuer=world.issuer, recipient_kind=RecipientKind.PERSON, review_mode=ReviewMode.TRAINER)
    learner = LearnerFactory(training_centre=world.cfa)
    application = BadgeApplicationFactory(
        badge_class=badge, applicant_organisation=None, applicant_learner=learner, with_statements=True
    )
    services.submit_application(application, by=learner.user)
    client.force_login(learner.trainer)
    response = client.get(reverse("applications:trainer_review", args=[application.public_id]))
    assert response.status_code == 200
    assert "Critère de test numéro 1" in response.text and "Compte rendu de la pratique." in response.text


@pytest.mark.parametrize("field", ["renewal_of", "organisation"])
def test_a_malformed_id_in_the_open_form_is_not_a_server_error(client, world, field):
    client.force_login(world.manager)
    client.raise_request_exception = False
    response = client.post(reverse("applications:open", args=[world.badge.public_id]), {field: "pas-un-uuid"})
    assert response.status_code in {302, 404}
    if field == "renewal_of":
        assert response.status_code == 404
        assert not BadgeApplication.objects.exists()


def test_a_malformed_application_id_is_a_404():
    from blason.applications import perms

    with pytest.raises(Http404):
        perms.get_application_for_applicant(None, "pas-un-uuid")


def test_awarding_through_the_board_issues_the_credential_once(client, staff, django_capture_on_commit_callbacks):
    from blason.credentials.models import Credential

    application = awaiting_decision(staff)
    client.force_login(staff.coordinator)
    url = reverse("applications:decide", args=[application.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"outcome": DecisionOutcome.AWARD, "reason": "Pratique probante."})
    assert response.status_code == 302
    credential = Credential.objects.get(application=application)
    assert credential.document["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    # A double click on "award" has one effect: still one credential.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"outcome": DecisionOutcome.AWARD, "reason": "Pratique probante."})
    assert Credential.objects.filter(application=application).count() == 1
    client.force_login(staff.manager)
    page = client.get(reverse("applications:detail", args=[application.public_id]))
    assert reverse("credentials:detail", args=[credential.public_id]) in page.text


def test_the_cfa_describes_its_practice_in_a_few_keywords_which_the_badge_carries(
    client, staff, django_capture_on_commit_callbacks
):
    from blason.credentials.models import Credential

    application = awaiting_decision(staff)
    application.status = S.CHANGES_REQUESTED
    application.save(update_fields=["status"])
    client.force_login(staff.manager)
    url = reverse("applications:edit", args=[application.public_id])
    too_many = ", ".join(f"mot{i}" for i in range(12))
    response = client.post(
        url, {"save": "1", "practice_title": "Lutte contre l’absentéisme", "practice_keywords": too_many}
    )
    assert "Indiquez au plus 8 mots-clés" in response.text
    application.refresh_from_db()
    assert application.practice_title == ""
    client.post(
        url,
        {
            "save": "1",
            "practice_title": "Lutte contre l’absentéisme",
            "practice_keywords": "absentéisme, suivi, , Suivi",
        },
    )
    application.refresh_from_db()
    assert application.practice_title == "Lutte contre l’absentéisme"
    assert application.practice_keywords == ["absentéisme", "suivi"]

    application.status = S.AWAITING_DECISION
    application.save(update_fields=["status"])
    client.force_login(staff.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("applications:decide", args=[application.public_id]),
            {"outcome": DecisionOutcome.AWARD, "reason": "Pratique probante."},
        )
    evidence = Credential.objects.get(application=application).document["evidence"]
    assert {
        "type": ["Evidence"],
        "name": "Lutte contre l’absentéisme",
        "description": "Mots-clés : absentéisme, suivi",
        "genre": "Pratique pédagogique innovante",
    } in evidence


def test_the_reviewer_queue_is_a_404_for_those_who_do_not_review(client, world):
    client.force_login(world.manager)
    assert client.get(reverse("applications:reviewer_queue")).status_code == 404


def test_the_applicant_dashboard_is_a_404_for_those_who_cannot_apply(client, staff):
    client.force_login(staff.experts[0])
    assert client.get(reverse("applications:applicant_dashboard")).status_code == 404
    response = client.post(reverse("applications:open", args=[staff.badge.public_id]))
    assert response.status_code == 404
    assert not BadgeApplication.objects.exists()


def test_the_detail_page_links_back_to_each_viewer_s_own_list(client, staff):
    application = under_review(staff)
    url = reverse("applications:detail", args=[application.public_id])
    client.force_login(staff.manager)
    assert reverse("applications:applicant_dashboard") in client.get(url).text
    client.force_login(application.assignments.first().reviewer)
    page = client.get(url).text
    assert f'href="{reverse("applications:reviewer_queue")}"' in page
    assert f'href="{reverse("applications:applicant_dashboard")}"' not in page


def test_the_dashboard_offers_only_the_badges_the_cfa_may_apply_for(client, world):
    from blason.badges.enums import Eligibility

    reserved = make_badge(issuer=world.issuer, name="Réservé à un autre CFA")
    reserved.eligibility = Eligibility.LISTED
    reserved.save()
    reserved.eligible_training_centres.set([OrganisationFactory()])
    client.force_login(world.manager)
    page = client.get(reverse("applications:applicant_dashboard")).text
    assert world.badge.current_version.name in page
    assert "Réservé à un autre CFA" not in page
    response = client.post(reverse("applications:open", args=[reserved.public_id]), follow=True)
    assert "Ce badge est réservé à d’autres CFA ou promotions." in _messages(response)
    assert not BadgeApplication.objects.exists()


def test_the_background_save_stores_statements_without_a_message(client, world):
    from blason.applications.enums import ApplicationEventKind

    client.force_login(world.manager)
    client.post(reverse("applications:open", args=[world.badge.public_id]))
    application = BadgeApplication.objects.get()
    criterion = application.applicable_criteria()[0]
    url = reverse("applications:edit", args=[application.public_id])
    data = {f"statement_{criterion.pk}": "Tapé puis enregistré en arrière-plan.", "autosave": "1"}
    response = client.post(url, data)
    assert response.status_code == 204
    assert application.statements.get(criterion=criterion).text == "Tapé puis enregistré en arrière-plan."
    # Saving the same text again leaves no trace in the timeline.
    client.post(url, data)
    assert application.events.filter(kind=ApplicationEventKind.DRAFT_SAVED).count() == 1
    assert _messages(client.get(url)) == []


def test_the_applicant_reads_the_decision_as_an_outcome_with_its_reason(client, staff):
    application = awaiting_decision(staff)
    services.record_decision(
        application, outcome=DecisionOutcome.AWARD, reason="Pratique exemplaire.", by=staff.coordinator
    )
    client.force_login(staff.manager)
    page = client.get(reverse("applications:detail", args=[application.public_id])).text
    assert "Décision : badge attribué" in page and "Pratique exemplaire." in page


def _pdf_text(content: bytes) -> str:
    """The text shown by a reportlab PDF: its content streams (ASCII85 + Flate) decoded, strings unescaped."""
    import base64
    import zlib

    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, flags=re.S):
        stream = stream.strip()
        if stream.endswith(b"~>"):
            stream = zlib.decompress(base64.a85decode(stream, adobe=True))
        for raw in re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", stream):
            text = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
            chunks.append(re.sub(rb"\\(.)", rb"\1", text).decode("cp1252"))
    return " ".join(chunks)


def test_the_minutes_list_the_applications_votes_and_decisions(client, staff):
    world = staff
    application = awaiting_decision(world)
    commission = services.create_commission(
        issuer=world.issuer, name="Commission ICAPA", members=world.experts, by=None
    )
    session = services.create_session(commission=commission, held_on=datetime.date(2026, 11, 24), by=None)
    services.record_decision(application, outcome="award", reason="Exemplaire", by=world.coordinator, session=session)
    client.force_login(world.coordinator)
    text = _pdf_text(client.get(reverse("applications:session_minutes", args=[session.public_id])).content)
    assert "Commission ICAPA" in text
    assert application.applicant_organisation.name in text
    assert "Décision : Attribuer le badge — Exemplaire" in text
    assert world.experts[0].last_name in text  # the members
    # Votes per criterion: met / not met / insufficient, both reviewers found every criterion met.
    assert "Critère de test numéro 1 2 0 0" in text


def test_the_edit_page_does_not_repeat_each_criterion_text_as_the_field_label(client, world):
    client.force_login(world.manager)
    client.post(reverse("applications:open", args=[world.badge.public_id]))
    application = BadgeApplication.objects.get()
    page = client.get(reverse("applications:edit", args=[application.public_id])).text
    criterion = application.applicable_criteria()[0]
    assert page.count(criterion.text) == 1
    assert "Votre déclaration pour le critère 1" in page

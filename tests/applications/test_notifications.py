"""Each email of the workflow is French, readable as plain text, and has an HTML alternative."""

import pytest

from blason.applications import notifications, services
from blason.applications.enums import DecisionOutcome, Verdict
from tests.applications.helpers import awaiting_decision


@pytest.mark.django_db
def test_every_email_has_french_text_and_html(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = awaiting_decision(world, verdict=Verdict.INSUFFICIENT)
        services.record_decision(
            application, outcome=DecisionOutcome.MORE_INFORMATION, reason="Ajoutez le bilan.", by=world.coordinator
        )
    assignment = application.assignments.first()
    notifications.send_review_reminder(assignment_id=assignment.pk)
    subjects = {m.subject.split(" —")[0] for m in mailoutbox}
    assert subjects == {
        "Nouvelle demande de badge à instruire",
        "Votre demande de badge a bien été déposée",
        "Une demande de badge vous est confiée",
        "Quorum atteint : une décision est attendue",
        "Des compléments sont demandés sur votre demande",
        "Relance : une expertise est attendue",
    }
    for message in mailoutbox:
        assert "<" not in message.body and "Bonjour," in message.body
        assert "https://blason.test/demandes/" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html


@pytest.mark.django_db
def test_decision_email_carries_the_reason(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = awaiting_decision(world, verdict=Verdict.NOT_MET)
        services.record_decision(application, outcome="refuse", reason="Preuves absentes.", by=world.coordinator)
    decided = [m for m in mailoutbox if "n’a pas été retenue" in m.subject]
    assert len(decided) == 1 and "Preuves absentes." in decided[0].body

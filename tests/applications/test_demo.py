import io

import pytest

from blason.applications import demo
from blason.applications.enums import ApplicationStatus
from blason.applications.models import BadgeApplication
from blason.organisations import demo as organisations_demo


@pytest.mark.django_db
def test_demo_has_applications_in_every_state_and_is_idempotent():
    out = io.StringIO()
    organisations_demo.load(stdout=out)
    demo.load(stdout=out)
    statuses = set(BadgeApplication.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    absenteeism = BadgeApplication.objects.get(
        applicant_organisation__slug="cfa-la-fabrik", status=ApplicationStatus.APPROVED
    )
    video = absenteeism.evidence.get(content_type="video/mp4")
    assert 0 < video.duration_seconds <= 300
    assert absenteeism.badge_version.level_number == 1
    count = BadgeApplication.objects.count()
    demo.load(stdout=out)
    assert BadgeApplication.objects.count() == count


@pytest.mark.django_db
def test_demo_has_an_instep_apprentice_confirmed_by_the_trainer_and_one_waiting():
    from blason.badges import demo as badges_demo
    from blason.badges.enums import ReviewMode

    out = io.StringIO()
    organisations_demo.load(stdout=out)
    badges_demo.load(stdout=out)
    demo.load(stdout=out)
    email = "apprenti.instep@blason.demo"
    learner_applications = BadgeApplication.objects.filter(applicant_learner__user__email=email)
    assert {a.badge_version.review_mode for a in learner_applications} == {ReviewMode.TRAINER}
    assert sorted(learner_applications.values_list("status", flat=True)) == sorted(
        [ApplicationStatus.APPROVED, ApplicationStatus.SUBMITTED]
    )
    assert "pas de badge apprenti" not in out.getvalue()

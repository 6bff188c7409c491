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

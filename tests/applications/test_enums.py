import itertools

import pytest

from blason.applications.enums import NEXT_STATUSES, TERMINAL_STATUSES, ApplicationStatus
from blason.applications.models import BadgeApplication

S = ApplicationStatus
ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.SUBMITTED, S.CHANGES_REQUESTED),
    (S.SUBMITTED, S.APPROVED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.UNDER_REVIEW, S.AWAITING_DECISION),
    (S.UNDER_REVIEW, S.CHANGES_REQUESTED),
    (S.UNDER_REVIEW, S.WITHDRAWN),
    (S.AWAITING_DECISION, S.APPROVED),
    (S.AWAITING_DECISION, S.REJECTED),
    (S.AWAITING_DECISION, S.CHANGES_REQUESTED),
    (S.CHANGES_REQUESTED, S.SUBMITTED),
    (S.CHANGES_REQUESTED, S.WITHDRAWN),
}


def test_every_status_has_an_entry_in_the_table():
    assert set(NEXT_STATUSES) == set(S)


def test_terminal_statuses():
    assert TERMINAL_STATUSES == {S.APPROVED, S.REJECTED, S.WITHDRAWN}


@pytest.mark.parametrize(("source", "target"), list(itertools.product(S, S)))
def test_can_transition_to_follows_the_table(source, target):
    application = BadgeApplication(status=source)
    assert application.can_transition_to(target) is ((source, target) in ALLOWED)

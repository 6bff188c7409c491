import datetime

import pytest

from blason.badges.enums import ProgrammeKind
from blason.badges.programmes import HeldBadge, ProgrammeRule, labels_earned_not_held, programme_progress

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
MANDATORY = ("prospection", "apprentis", "plan", "accessibilite", "tutorat")
OPTIONAL = ("attractivite", "referent", "espaces", "expertise", "ressources", "accompagnement", "post-cfa")
# « Label CFA numérique normand » (seed 004): 10 of the 12 badges, the 5 mandatory ones included.
NORMANDY = ProgrammeRule(
    kind=ProgrammeKind.LABEL,
    badge_class_ids=MANDATORY + OPTIONAL,
    mandatory_ids=frozenset(MANDATORY),
    min_count=10,
    label_badge_class_id="label-or",
)


def years(n):
    return NOW + datetime.timedelta(days=365 * n)


def held(*ids, expires_at=None):
    return [HeldBadge(bid, expires_at or years(2)) for bid in ids]


def test_nine_badges_with_the_five_mandatory_is_not_enough():
    progress = programme_progress(NORMANDY, held(*MANDATORY, *OPTIONAL[:4]), at=NOW)

    assert not progress.is_earned
    assert progress.remaining_count == 1
    assert progress.missing_mandatory_ids == ()
    assert len(progress.counted_ids) == 9
    assert progress.valid_until is None


def test_ten_badges_without_one_mandatory_is_not_enough():
    progress = programme_progress(NORMANDY, held(*MANDATORY[:4], *OPTIONAL[:6]), at=NOW)

    assert not progress.is_earned
    assert progress.missing_mandatory_ids == ("tutorat",)
    assert progress.remaining_count == 1


def test_ten_badges_with_the_five_mandatory_earn_the_label():
    progress = programme_progress(NORMANDY, held(*MANDATORY, *OPTIONAL[:5]), at=NOW)

    assert progress.is_earned
    assert progress.remaining_count == 0
    assert set(progress.counted_ids) == set(MANDATORY + OPTIONAL[:5])


def test_an_expired_badge_does_not_count():
    badges = held(*MANDATORY, *OPTIONAL[:4]) + [HeldBadge(OPTIONAL[4], NOW - datetime.timedelta(days=1))]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert not progress.is_earned
    assert progress.remaining_count == 1
    assert progress.expired_ids == (OPTIONAL[4],)


def test_an_expired_mandatory_badge_is_missing():
    badges = held(*MANDATORY[1:], *OPTIONAL[:6]) + [HeldBadge(MANDATORY[0], NOW)]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert not progress.is_earned
    assert progress.missing_mandatory_ids == (MANDATORY[0],)


def test_the_label_ends_at_the_earliest_end_of_the_badges_counted():
    badges = held(*MANDATORY[1:], *OPTIONAL[:5]) + [HeldBadge(MANDATORY[0], years(1))]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert progress.is_earned
    assert progress.valid_until == years(1)


def test_the_label_counts_the_optional_badges_that_last_longest():
    # 11 badges: the optional one ending soonest is not needed, so it does not shorten the label.
    badges = held(*MANDATORY, *OPTIONAL[:5], expires_at=years(3)) + [HeldBadge(OPTIONAL[5], years(1))]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert progress.is_earned
    assert OPTIONAL[5] not in progress.counted_ids
    assert progress.valid_until == years(3)


def test_a_badge_that_does_not_expire_does_not_limit_the_label():
    badges = [HeldBadge(bid, None) for bid in MANDATORY + OPTIONAL[:5]]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert progress.is_earned
    assert progress.valid_until is None


def test_a_renewed_badge_counts_with_its_latest_expiry():
    badges = held(*MANDATORY, *OPTIONAL[:4], expires_at=years(3)) + [
        HeldBadge(OPTIONAL[4], NOW - datetime.timedelta(days=10)),
        HeldBadge(OPTIONAL[4], years(2)),
    ]

    progress = programme_progress(NORMANDY, badges, at=NOW)

    assert progress.is_earned
    assert progress.valid_until == years(2)
    assert progress.expired_ids == ()


def test_badges_outside_the_programme_do_not_count():
    progress = programme_progress(NORMANDY, held(*MANDATORY, *OPTIONAL[:4], "autre"), at=NOW)

    assert not progress.is_earned
    assert "autre" not in progress.counted_ids


KIRKPATRICK = ProgrammeRule(kind=ProgrammeKind.LADDER, badge_class_ids=("n1", "n2", "n3", "n4"))


@pytest.mark.parametrize(
    ("ids", "reached", "next_ids", "earned"),
    [
        ((), 0, ("n1",), False),
        (("n1", "n2"), 2, ("n3",), False),
        (("n1", "n3"), 1, ("n2",), False),
        (("n1", "n2", "n3", "n4"), 4, (), True),
    ],
)
def test_ladder_progress(ids, reached, next_ids, earned):
    progress = programme_progress(KIRKPATRICK, held(*ids), at=NOW)

    assert progress.reached_level == reached
    assert progress.next_ids == next_ids
    assert progress.is_earned is earned
    assert progress.remaining_count == 4 - len(ids)


def test_labels_earned_not_held_returns_the_label_once():
    badges = held(*MANDATORY, *OPTIONAL[:5])

    earned = labels_earned_not_held([NORMANDY], badges, at=NOW)
    assert [e.label_badge_class_id for e in earned] == ["label-or"]
    assert earned[0].valid_until == years(2)

    assert labels_earned_not_held([NORMANDY], badges + held("label-or"), at=NOW) == []


def test_labels_earned_not_held_reawards_an_expired_label():
    badges = held(*MANDATORY, *OPTIONAL[:5]) + [HeldBadge("label-or", NOW - datetime.timedelta(days=1))]

    assert [e.label_badge_class_id for e in labels_earned_not_held([NORMANDY], badges, at=NOW)] == ["label-or"]

"""Where a recipient stands in a programme (a label or an ordered ladder).

`programme_progress` is pure: it takes the programme's rule and what the recipient holds as plain
data and says which badges count, which mandatory ones are missing, how many more are needed,
whether the programme is earned and until when. `labels_newly_earned` is the query helper the
issuing code calls after each issuance: from what a recipient holds, it returns the label badge
classes they have just earned (earned and not held yet).

Rules (seed 004, « Label CFA numérique normand »): a label is earned with at least `min_count`
badges of the set, all mandatory ones included; an expired badge does not count; the label holds
until the earliest expiry among the badges that earned it. A ladder (Kirkpatrick levels 1 to 4) is
earned when every level is held; its progress is the highest level reached without a gap.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from blason.badges.enums import ProgrammeKind

BadgeClassId = Hashable


@dataclass(frozen=True)
class HeldBadge:
    """One badge a recipient holds: its badge class id and its expiry (None: does not expire)."""

    badge_class_id: BadgeClassId
    expires_at: datetime.datetime | None = None

    def is_valid_at(self, at: datetime.datetime) -> bool:
        return self.expires_at is None or self.expires_at > at


@dataclass(frozen=True)
class ProgrammeRule:
    kind: ProgrammeKind
    badge_class_ids: tuple[BadgeClassId, ...]  # in programme order (the ladder's levels, lowest first)
    mandatory_ids: frozenset[BadgeClassId] = frozenset()
    min_count: int = 0
    label_badge_class_id: BadgeClassId | None = None

    @property
    def required_count(self) -> int:
        if self.kind == ProgrammeKind.LADDER:
            return len(self.badge_class_ids)
        return max(self.min_count, len(self.mandatory_ids))


@dataclass(frozen=True)
class ProgrammeProgress:
    counted_ids: tuple[BadgeClassId, ...]  # badges that count (once earned: those that earned it)
    missing_mandatory_ids: tuple[BadgeClassId, ...]
    remaining_count: int  # how many more badges are needed (0 once earned)
    is_earned: bool
    valid_until: datetime.datetime | None  # once earned: earliest expiry of the counted badges
    expired_ids: tuple[BadgeClassId, ...] = ()  # badges of the set held but expired
    reached_level: int = 0  # ladders: highest level held without a gap (1-based); 0 for none
    next_ids: tuple[BadgeClassId, ...] = field(default=())  # ladders: the next level to aim for


_FOREVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def _expiry_key(held: HeldBadge) -> datetime.datetime:
    return held.expires_at or _FOREVER


def _best_valid(held: Iterable[HeldBadge], at: datetime.datetime) -> tuple[dict, set]:
    """Per badge class, the valid holding that lasts longest; and the classes only held expired."""
    best: dict[BadgeClassId, HeldBadge] = {}
    seen = set()
    for item in held:
        seen.add(item.badge_class_id)
        if not item.is_valid_at(at):
            continue
        current = best.get(item.badge_class_id)
        if current is None or _expiry_key(item) > _expiry_key(current):
            best[item.badge_class_id] = item
    return best, seen - set(best)


def _earliest(items: Iterable[HeldBadge]) -> datetime.datetime | None:
    expiries = [item.expires_at for item in items if item.expires_at is not None]
    return min(expiries) if expiries else None


def programme_progress(
    rule: ProgrammeRule, held: Iterable[HeldBadge], *, at: datetime.datetime | None = None
) -> ProgrammeProgress:
    """Compute where a recipient holding `held` stands in the programme described by `rule`.

    `at` is the moment of the evaluation (default: now); badges expired at that moment do not count.
    """
    if at is None:
        at = datetime.datetime.now(tz=datetime.UTC)
    best, expired_only = _best_valid(held, at)
    in_set = [bid for bid in rule.badge_class_ids if bid in best]
    expired = tuple(bid for bid in rule.badge_class_ids if bid in expired_only)
    if rule.kind == ProgrammeKind.LADDER:
        return _ladder_progress(rule, best, in_set, expired)

    missing_mandatory = tuple(bid for bid in rule.badge_class_ids if bid in rule.mandatory_ids and bid not in best)
    remaining = max(rule.required_count - len(in_set), len(missing_mandatory))
    if missing_mandatory or remaining > 0:
        return ProgrammeProgress(
            counted_ids=tuple(in_set),
            missing_mandatory_ids=missing_mandatory,
            remaining_count=remaining,
            is_earned=False,
            valid_until=None,
            expired_ids=expired,
        )
    # Earned: the mandatory badges plus the optional ones that last longest earn the label, so
    # the label lasts as long as it can.
    mandatory = [bid for bid in in_set if bid in rule.mandatory_ids]
    optional = sorted(
        (bid for bid in in_set if bid not in rule.mandatory_ids), key=lambda bid: _expiry_key(best[bid]), reverse=True
    )
    chosen = set(mandatory) | set(optional[: rule.required_count - len(mandatory)])
    counted = tuple(bid for bid in in_set if bid in chosen)
    return ProgrammeProgress(
        counted_ids=counted,
        missing_mandatory_ids=(),
        remaining_count=0,
        is_earned=True,
        valid_until=_earliest(best[bid] for bid in counted),
        expired_ids=expired,
    )


def _ladder_progress(rule, best, in_set, expired) -> ProgrammeProgress:
    reached = 0
    for bid in rule.badge_class_ids:
        if bid not in best:
            break
        reached += 1
    earned = reached == len(rule.badge_class_ids) and reached > 0
    return ProgrammeProgress(
        counted_ids=tuple(in_set),
        missing_mandatory_ids=(),
        remaining_count=len(rule.badge_class_ids) - len(in_set),
        is_earned=earned,
        valid_until=_earliest(best[bid] for bid in in_set) if earned else None,
        expired_ids=expired,
        reached_level=reached,
        next_ids=() if earned else (rule.badge_class_ids[reached],),
    )


@dataclass(frozen=True)
class EarnedLabel:
    label_badge_class_id: BadgeClassId
    valid_until: datetime.datetime | None
    counted_ids: tuple[BadgeClassId, ...]


def labels_earned_not_held(
    rules: Iterable[ProgrammeRule], held: Iterable[HeldBadge], *, at: datetime.datetime | None = None
) -> list[EarnedLabel]:
    """Pure: the labels whose rule `held` satisfies and whose label badge is not validly held yet."""
    if at is None:
        at = datetime.datetime.now(tz=datetime.UTC)
    held = list(held)
    valid_ids = {item.badge_class_id for item in held if item.is_valid_at(at)}
    earned = []
    for rule in rules:
        if rule.label_badge_class_id is None or rule.label_badge_class_id in valid_ids:
            continue
        progress = programme_progress(rule, held, at=at)
        if progress.is_earned:
            earned.append(EarnedLabel(rule.label_badge_class_id, progress.valid_until, progress.counted_ids))
    return earned


@dataclass(frozen=True)
class LabelAward:
    """What `labels_newly_earned` returns: the label badge class to issue, and until when it holds."""

    programme: object  # badges.Programme
    badge_class: object  # badges.BadgeClass (the label)
    valid_until: datetime.datetime | None
    counted_badge_class_ids: tuple = ()


def labels_newly_earned(held: Iterable[HeldBadge], *, at: datetime.datetime | None = None) -> list[LabelAward]:
    """Query helper for issuance: the published labels earned by what a recipient holds, not yet held.

    `held` is every badge the recipient holds (credentials not revoked), as `HeldBadge(badge_class.pk,
    expires_at)`, labels included (so a label already held is not returned again). The caller issues
    each returned `badge_class` with `valid_until` as the credential's expiry.
    """
    from blason.badges.models import Programme

    programmes = list(
        Programme.objects.published()
        .filter(kind=ProgrammeKind.LABEL, label_badge_class__isnull=False)
        .select_related("label_badge_class__current_version")
        .prefetch_related("members")
    )
    by_label = {programme.label_badge_class_id: programme for programme in programmes}
    rules = [programme.rule() for programme in programmes]
    return [
        LabelAward(
            programme=by_label[earned.label_badge_class_id],
            badge_class=by_label[earned.label_badge_class_id].label_badge_class,
            valid_until=earned.valid_until,
            counted_badge_class_ids=earned.counted_ids,
        )
        for earned in labels_earned_not_held(rules, held, at=at)
    ]

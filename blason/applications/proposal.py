"""Blason's proposal from the reviewers' votes (pure: plain data in, plain data out).

Each criterion is met when a strict majority of the votes cast on it say "met". The badge
class rule then applies: all criteria met, or at least N of them. When the rule is not reached
and the evidence was judged insufficient on a criterion, Blason proposes asking for more
information rather than refusing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from blason.applications.enums import DecisionOutcome, Verdict
from blason.badges.enums import CriteriaRule


@dataclass
class CriterionTally:
    criterion_id: int
    counts: dict[str, int] = field(default_factory=lambda: {v.value: 0 for v in Verdict})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def met(self) -> int:
        return self.counts[Verdict.MET]

    @property
    def not_met(self) -> int:
        return self.counts[Verdict.NOT_MET]

    @property
    def insufficient(self) -> int:
        return self.counts[Verdict.INSUFFICIENT]

    @property
    def is_met(self) -> bool:
        """Met by a strict majority of the votes cast on this criterion."""
        return self.total > 0 and self.met * 2 > self.total

    @property
    def mostly_insufficient(self) -> bool:
        return self.insufficient > 0 and self.insufficient >= max(self.met, self.not_met)


def tally(criterion_ids: Iterable[int], votes: Iterable[tuple[int, str]]) -> dict[int, CriterionTally]:
    """Count the votes (criterion_id, verdict) per criterion; votes on other criteria are ignored."""
    tallies = {criterion_id: CriterionTally(criterion_id) for criterion_id in criterion_ids}
    for criterion_id, verdict in votes:
        if criterion_id in tallies:
            tallies[criterion_id].counts[verdict] += 1
    return tallies


def is_quorum_reached(completed_reviews: int, min_reviewers: int) -> bool:
    return completed_reviews >= max(1, min_reviewers)


def propose(tallies: dict[int, CriterionTally], *, rule: str, min_count: int | None) -> DecisionOutcome:
    """Award, refuse or more information, from the per-criterion majorities and the class rule."""
    met = sum(1 for t in tallies.values() if t.is_met)
    if rule == CriteriaRule.AT_LEAST and min_count:
        reached = met >= min(min_count, len(tallies))
    else:
        reached = bool(tallies) and met == len(tallies)
    if reached:
        return DecisionOutcome.AWARD
    if any(t.mostly_insufficient for t in tallies.values() if not t.is_met):
        return DecisionOutcome.MORE_INFORMATION
    return DecisionOutcome.REFUSE

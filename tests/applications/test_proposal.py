from blason.applications.enums import DecisionOutcome, Verdict
from blason.applications.proposal import is_quorum_reached, propose, tally
from blason.badges.enums import CriteriaRule

M, N, INS = Verdict.MET, Verdict.NOT_MET, Verdict.INSUFFICIENT


def _tallies(per_criterion):
    votes = [(cid, v) for cid, verdicts in per_criterion.items() for v in verdicts]
    return tally(per_criterion.keys(), votes)


def test_a_criterion_is_met_by_strict_majority_only():
    tallies = _tallies({1: [M, M, N], 2: [M, N], 3: [M, INS, N]})
    assert [tallies[i].is_met for i in (1, 2, 3)] == [True, False, False]


def test_rule_all_needs_every_criterion_met():
    assert propose(_tallies({1: [M, M], 2: [M, M]}), rule=CriteriaRule.ALL, min_count=None) == DecisionOutcome.AWARD
    assert propose(_tallies({1: [M, M], 2: [M, N]}), rule=CriteriaRule.ALL, min_count=None) == DecisionOutcome.REFUSE


def test_rule_at_least_n_counts_criteria_met_by_majority():
    tallies = _tallies({1: [M, M, N], 2: [M, M, M], 3: [N, N, M], 4: [M, N, N]})
    assert propose(tallies, rule=CriteriaRule.AT_LEAST, min_count=2) == DecisionOutcome.AWARD
    assert propose(tallies, rule=CriteriaRule.AT_LEAST, min_count=3) == DecisionOutcome.REFUSE


def test_at_least_n_greater_than_the_criteria_count_means_all():
    tallies = _tallies({1: [M, M], 2: [M, M]})
    assert propose(tallies, rule=CriteriaRule.AT_LEAST, min_count=5) == DecisionOutcome.AWARD


def test_insufficient_evidence_proposes_more_information():
    tallies = _tallies({1: [M, M], 2: [INS, INS]})
    assert propose(tallies, rule=CriteriaRule.ALL, min_count=None) == DecisionOutcome.MORE_INFORMATION


def test_votes_on_other_criteria_are_ignored():
    tallies = tally([1], [(1, M), (2, N)])
    assert list(tallies) == [1] and tallies[1].total == 1


def test_quorum():
    assert not is_quorum_reached(1, 2)
    assert is_quorum_reached(2, 2)
    assert is_quorum_reached(1, 0)

"""The pure rules: steps, the deadline to the second, the weighted mean and spread, the ranking with overrides."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from ccan_web.domain import competitions as rules

OPENS = datetime(2026, 1, 10, 4, 0, tzinfo=UTC)
CLOSES = datetime(2026, 2, 10, 18, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize("action, state, target", [("announce", "draft", "open"), ("close", "open", "closed"),
                                                   ("judge", "closed", "judging"), ("publish", "judging", "published")])
def test_each_step_leads_one_state_on(action, state, target):
    assert rules.step_target(action, state) == target


@pytest.mark.parametrize("action, state", [("publish", "open"), ("announce", "published"), ("judge", "draft"),
                                           ("close", "judging"), ("reopen", "closed")])
def test_a_step_from_the_wrong_state_is_refused(action, state):
    with pytest.raises(rules.StepRefused):
        rules.step_target(action, state)


def test_applications_are_accepted_to_the_second_before_the_closing_instant_and_not_at_it():
    assert rules.accepts_applications("open", OPENS, CLOSES, CLOSES - timedelta(seconds=1))
    assert not rules.accepts_applications("open", OPENS, CLOSES, CLOSES)
    assert not rules.accepts_applications("open", OPENS, CLOSES, CLOSES + timedelta(seconds=1))
    assert not rules.accepts_applications("open", OPENS, CLOSES, OPENS - timedelta(seconds=1))
    assert rules.accepts_applications("open", OPENS, CLOSES, OPENS)
    assert not rules.accepts_applications("draft", OPENS, CLOSES, OPENS + timedelta(days=1))


def test_the_phase_a_reader_sees():
    assert rules.phase("open", OPENS, CLOSES, OPENS - timedelta(days=1)) == "upcoming"
    assert rules.phase("open", OPENS, CLOSES, OPENS + timedelta(days=1)) == "open"
    assert rules.phase("open", OPENS, CLOSES, CLOSES) == "past"
    assert rules.phase("published", OPENS, CLOSES, CLOSES) == "past"
    assert rules.phase("draft", OPENS, CLOSES, OPENS) == "draft"


def test_a_weighted_score_waits_for_every_criterion():
    weights = {1: 2, 2: 1}
    assert rules.weighted({1: 9, 2: 6}, weights) == Fraction(24, 3)
    assert rules.weighted({1: 9}, weights) is None


@pytest.mark.parametrize("value", [-1, 11, None, "7", 7.5, True])
def test_a_score_outside_the_scale_or_not_whole_is_refused(value):
    assert rules.score_problem(value, 10) is not None


def test_mean_and_spread_of_the_jurors():
    found = rules.standing(1, [Fraction(8), Fraction(6), Fraction(7)], 2)
    assert (found.mean, found.spread, found.scores, found.needs) == (Fraction(7), Fraction(2), 3, 0)
    assert rules.standing(2, [Fraction(5)], 2).needs == 1
    assert rules.standing(3, [], 2).mean is None


def test_the_ranking_by_mean_with_ties_to_the_earlier_and_the_unscored_last():
    standings = [rules.standing(1, [Fraction(5)], 1), rules.standing(2, [Fraction(9)], 1),
                 rules.standing(3, [Fraction(5)], 1), rules.standing(4, [], 1)]
    assert rules.ranking(standings, {1: 1, 2: 2, 3: 0, 4: 3}, {}) == [2, 3, 1, 4]


def test_an_override_moves_an_application_to_its_place_and_the_others_keep_their_order():
    standings = [rules.standing(i, [Fraction(10 - i)], 1) for i in range(1, 6)]
    assert rules.ranking(standings, {}, {5: 1}) == [5, 1, 2, 3, 4]
    assert rules.ranking(standings, {}, {1: 3, 5: 2}) == [2, 5, 1, 3, 4]
    assert rules.ranking(standings, {}, {2: 99}) == [1, 3, 4, 5, 2]


def test_counts_most_frequent_first():
    assert rules.counts(["KZ", "UZ", "KZ", "TJ"]) == [("KZ", 2), ("TJ", 1), ("UZ", 1)]

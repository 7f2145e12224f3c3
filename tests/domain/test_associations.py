"""The associations' lifecycle as pure rules: one step at a time, partner by declaration, the Board
alone suspends and lifts a suspension."""
from __future__ import annotations

import pytest

from ccan_web.domain import associations as rules
from ccan_web.domain.central_asia import OUTLINES, shapes
from ccan_web.domain.errors import DomainError


def test_each_step_opens_the_next_and_the_one_before():
    assert rules.next_statuses("not_started", None, is_board=False, declared=False) == ["initiative_group"]
    assert rules.next_statuses("founding", None, is_board=False, declared=False) == ["initiative_group", "registered"]
    assert rules.next_statuses("registered", None, is_board=False, declared=False) == ["founding"]
    assert rules.next_statuses("registered", None, is_board=False, declared=True) == ["founding", "partner"]
    assert rules.next_statuses("founding", None, is_board=True, declared=False)[-1] == "suspended"
    assert "suspended" not in rules.next_statuses("not_started", None, is_board=True, declared=False)


def test_a_suspension_goes_back_to_where_it_was_by_the_board_only():
    assert rules.next_statuses("suspended", "registered", is_board=True, declared=False) == ["registered"]
    assert rules.next_statuses("suspended", "registered", is_board=False, declared=False) == []


@pytest.mark.parametrize("status, target, board, field", [
    ("not_started", "founding", True, "status"),  # a jump
    ("not_started", "partner", True, "status"),
    ("registered", "partner", True, "status"),  # without a declaration
    ("founding", "suspended", False, "status"),  # an officer
    ("founding", "suspended", True, "reason"),  # without a reason
    ("founding", "founding", True, "status"),
    ("founding", "dissolved", True, "status"),
])
def test_forbidden_changes_are_refused_beside_their_field(status, target, board, field):
    with pytest.raises(DomainError) as refused:
        rules.check_transition(status, None, target, "", is_board=board, declared=False)
    assert refused.value.field == field


def test_counts_of_initiated_and_founded():
    assert not rules.is_initiated("not_started") and rules.is_initiated("suspended")
    assert rules.is_founded("partner") and rules.is_founded("suspended", "registered")
    assert not rules.is_founded("founding") and not rules.is_founded("suspended", "founding")


def test_the_map_has_each_country_closed_and_neighbours_share_their_border_points():
    assert set(OUTLINES) == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert all(shape.path.startswith("M") and shape.path.endswith("Z") for shape in shapes())
    shared = set(OUTLINES["KG"]) & set(OUTLINES["UZ"])
    assert len(shared) >= 5


def test_a_level_counts_only_when_it_and_the_one_below_are_complete():
    from types import SimpleNamespace as Item

    from ccan_web.domain.toolkit import completion, levels_reached

    items = [Item(id=1, level=1), Item(id=2, level=1), Item(id=3, level=2), Item(id=4, level=3)]
    levels = completion(items, {1: "met", 2: "in_progress", 3: "met", 4: "not_applicable"})
    assert [(lv.level, lv.done, lv.total, lv.counts) for lv in levels] == [
        (1, 1, 2, False), (2, 1, 1, False), (3, 1, 1, False)]
    assert [item.id for item in levels[0].missing] == [2] and levels_reached(levels) == 0
    levels = completion(items, {1: "met", 2: "not_applicable", 3: "met", 4: "not_met"})
    assert [lv.counts for lv in levels] == [True, True, False] and levels_reached(levels) == 2

"""How an adaptation stands against the regional text, section by section (documents.divergence)."""
from __future__ import annotations

import pytest

from ccan_web.documents.divergence import (
    ADAPTED, ADDED, BEHIND, CONFLICT, SAME, divergence, heading_name, match_sections)
from ccan_web.documents.merge import three_way
from ccan_web.documents.sections import split_sections

pytestmark = pytest.mark.no_db

BASE = """# Roadmap for Central Asia

Foreword.

## 1. Education
Open design schools.

### Measures
1.
- Train teachers.

## 2. Finance
Create a fund.

### Measures
1.
- Lend to studios.

## 3. Export
Go to fairs.
"""


def states(upstream: str, base: str, fork: str) -> dict[str, str]:
    """Heading (as the upstream writes it) -> state."""
    result = divergence(upstream, base, fork)
    return {s.upstream.heading: s.state for s in result.sections}


def by_path(upstream: str, base: str, fork: str) -> list[tuple[str, str]]:
    return [(s.upstream.heading, s.state) for s in divergence(upstream, base, fork).sections]


def test_an_untouched_fork_is_the_same_everywhere():
    assert set(states(BASE, BASE, BASE).values()) == {SAME}
    assert [h for h, _ in by_path(BASE, BASE, BASE)] == [
        "Roadmap for Central Asia", "1. Education", "Measures", "2. Finance", "Measures", "3. Export"]


def test_the_empty_text_before_the_first_heading_is_no_row_but_a_foreword_is():
    assert "" not in states(BASE, BASE, BASE)
    text = "Intro line.\n" + BASE
    assert states(text, text, text.replace("Intro line.", "Вступление."))[""] == ADAPTED


def test_each_of_the_four_states():
    fork = BASE.replace("Create a fund.", "Create a national fund.")  # adapted
    upstream = (BASE.replace("Go to fairs.", "Go to fairs and online markets.")  # behind
                .replace("Open design schools.", "Open design schools in every capital."))
    fork = fork.replace("Open design schools.", "Open design schools in Almaty.")  # conflict
    found = states(upstream, BASE, fork)
    assert found["2. Finance"] == ADAPTED
    assert found["3. Export"] == BEHIND
    assert found["1. Education"] == CONFLICT
    assert found["Roadmap for Central Asia"] == SAME
    assert divergence(upstream, BASE, fork).counts() == {SAME: 3, ADAPTED: 1, BEHIND: 1, CONFLICT: 1}


def test_both_changing_different_lines_of_a_section_pulls_cleanly_so_it_is_behind_and_adapted():
    upstream = BASE.replace("## 3. Export\nGo to fairs.\n", "## 3. Export\nGo to fairs.\nSell online.\n")
    fork = BASE.replace("## 3. Export\n", "## 3. Export\nIn Kazakhstan first.\n")
    (export,) = [s for s in divergence(upstream, BASE, fork).sections if s.upstream.heading == "3. Export"]
    assert export.state == BEHIND and export.adapted


def test_the_same_change_on_both_sides_is_the_same():
    changed = BASE.replace("Go to fairs.", "Go to fairs and markets.")
    assert states(changed, BASE, changed)["3. Export"] == SAME


def test_repeated_headings_pair_within_their_chapter():
    # The country changes the second "Measures" only; the region changes the first only.
    fork = BASE.replace("- Lend to studios.", "- Lend to studios at 5%.")
    upstream = BASE.replace("- Train teachers.", "- Train teachers abroad.")
    rows = by_path(upstream, BASE, fork)
    assert rows[2] == ("Measures", BEHIND) and rows[4] == ("Measures", ADAPTED)
    assert rows[1] == ("1. Education", SAME) and rows[3] == ("2. Finance", SAME)


def test_repeated_identical_lines_do_not_wander_between_sections():
    # "1." and "- " lines repeat in every chapter: a conflict in one stays in that one.
    upstream = BASE.replace("1.\n- Train teachers.", "1.\n- Train teachers abroad.")
    fork = BASE.replace("1.\n- Train teachers.", "1.\n- Train teachers at home.")
    rows = by_path(upstream, BASE, fork)
    assert rows[2] == ("Measures", CONFLICT) and rows[4] == ("Measures", SAME)


def test_repeated_headings_keep_their_chapter_when_the_fork_drops_an_earlier_chapter():
    fork = BASE.replace("## 1. Education\nOpen design schools.\n\n### Measures\n1.\n- Train teachers.\n\n", "")
    upstream = BASE.replace("- Lend to studios.", "- Lend to studios at 3%.")
    result = divergence(upstream, BASE, fork)
    rows = [(s.upstream.heading, s.state, s.removed) for s in result.sections]
    assert rows[1] == ("1. Education", ADAPTED, True) and rows[2] == ("Measures", ADAPTED, True)
    assert rows[4] == ("Measures", BEHIND, False)  # the Finance measures, paired through Finance
    assert result.fork_only == ()


def test_renumbered_headings_are_the_same_sections_and_an_inserted_chapter_is_the_forks_own():
    fork = BASE.replace("## 2. Finance", "## 2. Crafts\nOur own chapter.\n\n## 3. Finance").replace(
        "## 3. Export", "## 4. Export")
    result = divergence(BASE, BASE, fork)
    assert {s.state for s in result.sections} == {SAME}
    assert [(s.fork.heading, s.state) for s in result.fork_only] == [("2. Crafts", ADDED)]
    assert result.state_of(6).fork.heading == "4. Export"


def test_a_renumbering_upstream_is_not_a_change_of_the_section():
    upstream = BASE.replace("## 1. Education", "## 0. Vision\nA vision.\n\n## 1. Education").replace(
        "## 2. Finance", "## II. Finance")
    found = divergence(upstream, BASE, BASE)
    assert [(s.upstream.heading, s.state, s.new_upstream) for s in found.sections][1:3] == [
        ("0. Vision", BEHIND, True), ("1. Education", SAME, False)]
    assert states(upstream, BASE, BASE)["II. Finance"] == SAME


def test_a_renamed_title_pairs_by_its_place():
    fork = BASE.replace("# Roadmap for Central Asia", "# Roadmap for Kazakhstan")
    result = divergence(BASE, BASE, fork)
    assert result.sections[0].state == ADAPTED and result.sections[0].fork.heading == "Roadmap for Kazakhstan"
    assert result.fork_only == ()


def test_a_section_the_region_removed_stays_in_the_fork_as_behind_or_conflict():
    without_export = BASE.replace("\n## 3. Export\nGo to fairs.\n", "")
    kept = divergence(without_export, BASE, BASE)
    assert [(s.fork.heading, s.state) for s in kept.fork_only] == [("3. Export", BEHIND)]
    changed = divergence(without_export, BASE, BASE.replace("Go to fairs.", "Go to Canton fair."))
    assert [(s.fork.heading, s.state) for s in changed.fork_only] == [("3. Export", CONFLICT)]
    gone_too = divergence(without_export, BASE, without_export)
    assert gone_too.fork_only == () and set(s.state for s in gone_too.sections) == {SAME}


def test_a_section_the_fork_removed_is_adapted_unless_the_region_changed_it():
    without_export = BASE.replace("\n## 3. Export\nGo to fairs.\n", "")
    assert states(BASE, BASE, without_export)["3. Export"] == ADAPTED
    upstream = BASE.replace("Go to fairs.", "Go to fairs twice a year.")
    assert states(upstream, BASE, without_export)["3. Export"] == CONFLICT


def test_a_section_new_upstream_is_behind_until_taken_in():
    upstream = BASE + "\n## 4. Monitoring\nCount every year.\n"
    assert states(upstream, BASE, BASE)["4. Monitoring"] == BEHIND
    assert states(upstream, BASE, upstream)["4. Monitoring"] == SAME
    assert states(upstream, BASE, BASE + "\n## 4. Monitoring\nCount twice.\n")["4. Monitoring"] == CONFLICT


def test_every_state_follows_from_a_recount_by_the_three_way_merge():
    """For each section: the fork's and the region's edits against the base decide, as a pull would."""
    upstream = (BASE.replace("Create a fund.", "Create a regional fund.")
                .replace("Go to fairs.", "Go to fairs.\nAnd markets."))
    fork = BASE.replace("Create a fund.", "Create a national fund.").replace("Foreword.", "Предисловие.")
    result = divergence(upstream, BASE, fork)
    base_sections = split_sections(BASE)
    for state in result.sections:
        base = next(s for s in base_sections if s.heading == state.upstream.heading and s.index == state.upstream.index)
        merged = three_way(base.text, state.upstream.text, state.fork.text)
        if state.state == CONFLICT:
            assert not merged.clean
        elif state.state == BEHIND:
            assert merged.clean and merged.text != state.fork.text
        else:
            assert merged.clean and merged.text == state.fork.text


def test_heading_names_leave_out_numbers_but_not_years():
    assert heading_name("2.3 Data  and research:") == "data and research"
    assert heading_name("IV) Finance") == "finance"
    assert heading_name("2030 targets") == "2030 targets"


def test_matching_pairs_sections_of_two_texts():
    old, new = split_sections(BASE), split_sections(BASE.replace("## 2. Finance", "## 3. Finance"))
    assert match_sections(old, new) == {i: i for i in range(len(old))}

"""Three-way merge: properties that must hold for every text, checked with Hypothesis."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccan_web.documents.merge import Conflict, split_lines, three_way

pytestmark = pytest.mark.no_db

unique_lines = st.lists(st.integers(0, 10_000), min_size=4, max_size=30, unique=True).map(
    lambda numbers: [f"line {n}\n" for n in numbers])


@st.composite
def separated_edits(draw):
    """A base and two edits that touch different lines, with an unchanged line between them."""
    base = draw(unique_lines)
    cut = draw(st.integers(1, len(base) - 2))
    first = draw(st.sets(st.integers(0, cut - 1), min_size=1))
    second = draw(st.sets(st.integers(cut + 1, len(base) - 1), min_size=1))

    def edit(indices, tag):
        return [f"{tag} edit of {line}" if i in indices else line for i, line in enumerate(base)]

    theirs, mine = edit(first, "their"), edit(second, "my")
    if draw(st.booleans()):
        theirs, mine = mine, theirs
    expected = [theirs[i] if theirs[i] != base[i] else mine[i] for i in range(len(base))]
    return "".join(base), "".join(theirs), "".join(mine), "".join(expected)


@settings(max_examples=300, deadline=None)
@given(separated_edits())
def test_edits_to_different_passages_both_survive(case):
    base, theirs, mine, expected = case
    result = three_way(base, theirs, mine)
    assert result.clean and result.text == expected


texts = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_merging_with_an_unchanged_side_gives_the_other(base, changed):
    assert three_way(base, base, changed).text == changed
    assert three_way(base, changed, base).text == changed


@settings(max_examples=500, deadline=None)
@given(texts, texts, texts)
def test_a_conflict_never_drops_text_from_either_side(base, theirs, mine):
    result = three_way(base, theirs, mine)
    merged = [line for piece in result.pieces if isinstance(piece, str) for line in split_lines(piece)]
    their_side = merged + [l for c in result.conflicts for l in split_lines(c.theirs)]
    my_side = merged + [l for c in result.conflicts for l in split_lines(c.mine)]
    for line in set(split_lines(theirs)) - set(split_lines(base)):
        assert line in their_side
    for line in set(split_lines(mine)) - set(split_lines(base)):
        assert line in my_side


def test_overlapping_edits_conflict_with_both_versions():
    base = "# Roadmap\n\nGoal: grow exports.\n\nEnd.\n"
    theirs = "# Roadmap\n\nGoal: grow exports by 20%.\n\nEnd.\n"
    mine = "# Roadmap\n\nGoal: grow creative exports.\n\nEnd.\n"
    result = three_way(base, theirs, mine)
    assert not result.clean
    assert result.conflicts == [Conflict("Goal: grow exports.\n", "Goal: grow exports by 20%.\n",
                                         "Goal: grow creative exports.\n")]
    assert result.resolve(["Goal: grow creative exports by 20%.\n"]) == (
        "# Roadmap\n\nGoal: grow creative exports by 20%.\n\nEnd.\n")
    with pytest.raises(ValueError):
        result.text


def test_the_same_edit_on_both_sides_is_taken_once():
    result = three_way("a\nb\nc\n", "a\nB\nc\n", "a\nB\nc\n")
    assert result.clean and result.text == "a\nB\nc\n"

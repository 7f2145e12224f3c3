"""Comparing revisions and cutting documents into sections."""
from __future__ import annotations

import pytest

from ccan_web.documents.diff import compare, word_highlights
from ccan_web.documents.sections import changed_sections, replace_section, split_sections

pytestmark = pytest.mark.no_db


def test_changed_words_are_highlighted_and_escaped():
    old, new = word_highlights("Fund <b>start-ups</b> in every city", "Fund studios in Almaty and Astana")
    assert "<del>&lt;b&gt;start-ups&lt;/b&gt;</del>" in old and "<ins>studios</ins>" in new
    assert "<del>every city</del>" in old and "<ins>Almaty and Astana</ins>" in new
    old, new = word_highlights('Arts & "crafts" <i>', 'Arts & "design" <i>')
    assert old.startswith("Arts &amp; ") and "<del>crafts</del>" in old and old.endswith("&lt;i&gt;")
    assert '<a href="x">' not in word_highlights('<a href="x">', "<a href='y'>")[0]


def test_unchanged_stretches_fold_into_gaps():
    old = "".join(f"line {n}\n" for n in range(40))
    new = old.replace("line 5\n", "line five\n").replace("line 30\n", "line thirty\n")
    rows = compare(old, new)
    kinds = [row.kind for row in rows]
    assert kinds.count("change") == 2 and kinds.count("gap") == 1
    assert len(rows) < 20


def test_added_and_removed_lines_stand_alone():
    rows = compare("a\nb\n", "a\nb\nc\nd\n")
    assert [(r.kind, r.new_number) for r in rows if r.kind != "equal"] == [("insert", 3), ("insert", 4)]


DOC = "Intro\n# Title\ntext\n## One\nfirst\n```\n# not a heading\n```\n## Two\nsecond\n"


def test_sections_split_at_headings_but_not_inside_code():
    sections = split_sections(DOC)
    assert [s.heading for s in sections] == ["", "Title", "One", "Two"]
    assert "".join(s.text for s in sections) == DOC
    assert "# not a heading" in sections[2].text


def test_replacing_a_section_keeps_the_rest():
    assert replace_section(DOC, 3, "## Two\nchanged") == DOC.replace("second\n", "changed\n")
    with pytest.raises(ValueError):
        replace_section(DOC, 9, "x")


def test_changed_sections_are_named_by_heading():
    assert changed_sections(DOC, DOC.replace("first", "premier")) == ["One"]

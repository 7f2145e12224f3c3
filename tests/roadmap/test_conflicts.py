"""The conflict screen's passages: nothing chosen in advance, and nothing typed dropped silently."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from ccan_web.documents import conflicts
from ccan_web.documents.merge import three_way

BASE = "# Roadmap\n\n## Education\nOpen schools in every capital.\n\n## Finance\nA fund.\n"
THEIRS = BASE.replace("every capital", "every city")
MINE = BASE.replace("every capital", "each regional centre")


def merge():
    return three_way(BASE, THEIRS, MINE)


def answer(**fields):
    return conflicts.answered(merge(), MultiDict(fields))


def test_a_fresh_screen_chooses_nothing_and_offers_mine_to_rewrite(app):
    (passage,) = conflicts.offered(merge())
    assert passage.choice is None and passage.text == passage.offered == "Open schools in each regional centre.\n"
    assert passage.section == "Education"


def test_no_choice_asks_again_keeping_the_typed_text(app):
    (passage,) = answer(**{"text-0": "Open schools everywhere."})
    assert passage.error and "Choose which text" in str(passage.error)
    assert passage.text == "Open schools everywhere."


def test_a_changed_text_with_another_choice_asks_once_then_the_answer_stands(app):
    (passage,) = answer(**{"choice-0": "mine", "text-0": "Open schools everywhere.",
                           "offered-0": "Open schools in each regional centre.\n"})
    assert passage.error and "Use the text below" in str(passage.error)
    assert passage.text == passage.offered == "Open schools everywhere."  # asked once: same answer is meant
    (again,) = answer(**{"choice-0": "mine", "text-0": passage.text, "offered-0": passage.offered})
    assert again.error is None and again.chosen_text == "Open schools in each regional centre.\n"


def test_an_untouched_field_with_a_choice_saves_that_choice(app):
    # browsers send CRLF and may drop the final newline: that is no change
    (passage,) = answer(**{"choice-0": "theirs", "text-0": "Open schools in each regional centre.\r\n",
                           "offered-0": "Open schools in each regional centre.\n"})
    assert passage.error is None and passage.chosen_text == "Open schools in every city.\n"


def test_a_text_written_anew_becomes_whole_lines(app):
    (passage,) = answer(**{"choice-0": "edit", "text-0": "Open schools\r\nin every town."})
    assert passage.error is None and passage.chosen_text == "Open schools\nin every town.\n"
    assert merge().resolve([passage.chosen_text]).count("\n## Finance") == 1


def test_a_text_written_anew_keeps_the_rule_of_every_longer_text(app):
    (passage,) = answer(**{"choice-0": "edit", "text-0": "Open\u202e schools."})
    assert passage.error is not None


def test_shown_again_a_text_written_anew_stays_chosen(app):
    typed = answer(**{"text-0": "Open schools everywhere."})
    (passage,) = conflicts.offered(merge(), typed)
    assert passage.choice == "edit" and passage.text == "Open schools everywhere."


def test_a_passage_that_is_a_heading_names_its_own_section(app):
    base = "Intro\n\n## Old\nText.\n"
    result = three_way(base, base.replace("## Old", "## Theirs"), base.replace("## Old", "## Mine"))
    assert conflicts.sections_of(result) == ["Mine"]
    before = three_way("Intro.\n", "Intro, theirs.\n", "Intro, mine.\n")
    assert conflicts.sections_of(before) == [""]

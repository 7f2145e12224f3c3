"""What people type: names and one-line text are normalised, controls and direction tricks refused."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccan_web.domain.text import (DIRECTION_CONTROLS, clean_line, clean_text, line_problem, name_problem,
                                  shown_safely, text_problem)

pytestmark = pytest.mark.no_db

REAL_NAMES = [
    "Айгерим Сарсенбайқызы",                    # Kazakh Қ
    "Әсел Ғабитқызы", "Ұлжан Үсенова", "Өмірзақ Іңкәрұлы", "Һәмит", "ҚАЗАҚСТАН ҰЛТТЫҚ",
    "Шаҳло Умарова", "Ҷамшед Ӯроқов", "Ҳунари Истаравшан",  # Tajik Ҷ Ӯ Ҳ
    "Oʻktam Gʻofurov", "O’ktam G’ofurov", "Yoʻldosh",       # Uzbek with U+02BB and U+2019
    "Nurlan Zhaksybekov", "José Müller-Łukasiewicz", "Ōe Kenzaburō", "Gülşen Ýazmyradowa",
    "ТОО «Ала-Тоо Медиа»", "Studio 21", "O'Brien & Co.", "Zhanna d’Arc",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_names_of_the_region_in_every_script_pass_unchanged(name):
    assert clean_line(name) == unicodedata.normalize("NFC", name)
    assert name_problem(clean_line(name)) is None


def test_a_letter_typed_as_base_and_mark_is_stored_as_one_letter():
    decomposed = "И\u0306са Ӣ".replace("Ӣ", "И\u0304")  # й and Tajik ӣ, each typed as two code points
    assert clean_line(decomposed) == "Йса Ӣ"


@pytest.mark.parametrize("raw, stored", [("  Aigerim  ", "Aigerim"), ("\u00a0Aigerim\u3000", "Aigerim"),
                                         ("\u200bAigerim\ufeff", "Aigerim"), ("\t Aigerim \n", "Aigerim")])
def test_blanks_and_zero_width_characters_around_a_name_are_removed(raw, stored):
    assert clean_line(raw) == stored


@pytest.mark.parametrize("name, words", [
    ("Alice\u202eecilA", "U+202E"), ("\u2066Evil\u2069", "U+2066"), ("Bad\u202aname", "U+202A"),
    ("Nul\x00name", "U+0000"), ("Esc\x1b[31m", "U+001B"), ("C1\x9bcontrol", "U+009B"),
    ("Two\nlines", "line break"), ("Two\u2028lines", "line break"), ("Tab\tname", "U+0009"),
    ("\u200b\u200c\u200d\u2060", "invisible"), ("\u00ad", "invisible"), ("\u3164\u3164", "invisible"),
    ("\u200e\u200f", "invisible"),
])
def test_names_with_controls_direction_tricks_or_nothing_visible_are_refused(name, words):
    problem = name_problem(clean_line(name)) if clean_line(name) else name_problem(name)
    assert problem is not None and words in str(problem)


def test_longer_text_keeps_its_line_breaks_and_tabs_but_not_other_controls():
    assert clean_text("First line\r\nsecond\tline\r\n\r\n") == "First line\nsecond\tline"
    assert text_problem("First line\nsecond\tline") is None
    assert "U+0000" in str(text_problem("a\x00b"))
    assert "U+202E" in str(text_problem("paragraph\n\u202eevil"))


def test_a_quoted_value_shows_its_controls_instead_of_obeying_them():
    assert shown_safely("a\x00b\u202ec\x7f") == "a[U+0000]b[U+202E]c[U+007F]"


# Properties ---------------------------------------------------------------------------------------

letters = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"))
name_like = st.lists(st.text(letters, min_size=1, max_size=12), min_size=1, max_size=4).map(" ".join)


@given(name_like)
def test_any_name_of_letters_and_digits_passes_and_cleaning_it_again_changes_nothing(name):
    cleaned = clean_line(name)
    assert name_problem(cleaned) is None
    assert clean_line(cleaned) == cleaned


@given(st.text(max_size=30), st.sampled_from(sorted(DIRECTION_CONTROLS)), st.text(max_size=30))
def test_a_direction_control_anywhere_is_refused_in_every_kind_of_text(before, control, after):
    value = before + control + after
    assert line_problem(value) is not None
    assert name_problem(value) is not None
    assert text_problem(value) is not None


@given(st.text(max_size=30), st.characters(categories=("Cc",), exclude_characters="\n\r\t"), st.text(max_size=30))
def test_a_control_character_anywhere_is_refused_in_every_kind_of_text(before, control, after):
    value = before + control + after
    assert line_problem(value) is not None and text_problem(value) is not None


@given(st.text(st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f \u00a0\u3000\u2009"), min_size=1))
def test_a_name_of_invisible_characters_only_is_refused_or_left_empty(invisible):
    cleaned = clean_line(invisible)
    assert cleaned == "" or name_problem(cleaned) is not None


@given(st.text())
def test_whatever_is_typed_a_cleaned_line_that_passes_has_no_control_or_direction_character(value):
    cleaned = clean_line(value)
    if line_problem(cleaned) is None:
        assert not any(unicodedata.category(c) == "Cc" or c in DIRECTION_CONTROLS for c in cleaned)
        assert cleaned == cleaned.strip()

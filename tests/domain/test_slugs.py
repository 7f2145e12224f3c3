"""Addresses made from titles, one rule for stories, events and competitions."""
from ccan_web.domain.slugs import MAX_SLUG, NUMBER_ROOM, SLUG, numbered, slugify


def test_a_title_in_any_script_makes_a_latin_address():
    assert slugify("Кийиз үй: felt in Bishkek!", "story") == "kiyiz-uy-felt-in-bishkek"
    assert slugify("Форум: итоги исследования 2026", "event") == "forum-itogi-issledovaniya-2026"
    assert slugify("Oʻzbekiston dizayn haftaligi", "event") == "ozbekiston-dizayn-haftaligi"


def test_a_title_of_signs_only_or_a_reserved_word_falls_back():
    assert slugify("!!! ???", "competition") == "competition"
    assert slugify("New", "event", frozenset({"new"})) == "event"


def test_a_long_title_leaves_room_for_a_number():
    slug = slugify("word " * 60, "story")
    assert SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG - NUMBER_ROOM
    assert len(numbered(slug, lambda s: not s.endswith("-9999"))) <= MAX_SLUG


def test_equal_titles_are_numbered_from_two():
    taken = {"forum", "forum-2"}
    assert numbered("forum", taken.__contains__) == "forum-3"
    assert numbered("summit", taken.__contains__) == "summit"

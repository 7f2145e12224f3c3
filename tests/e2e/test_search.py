"""Search as you type in a real browser: results follow the keys, the URL follows the results."""
from __future__ import annotations

import re

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.search.indexing import search_index
from tests.e2e.support import assert_same_page, expect, mark_page


@pytest.fixture
def indexed_catalog(app, db, factories, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", True)
    index = search_index(app)
    index.clear()
    editor = factories.user(roles=("editor",))
    for name, country, city, sector in (("Steppe Sound", "KZ", "Алматы", "music"),
                                        ("Almaty Design Lab", "KZ", "Almaty", "fashion-design-crafts"),
                                        ("Toshkent Musiqa", "UZ", "Тошкент", "music")):
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        publish(entry, editor)
    db.session.commit()
    yield
    index.clear()


def test_results_follow_the_typing_and_the_facets_without_reloading(browser_page, indexed_catalog):
    page = browser_page
    page.goto("/search")
    mark_page(page)
    hits = page.locator("#search-results .search-hit")
    page.locator("#search-q").press_sequentially("тошк", delay=40)
    expect(hits).to_have_count(1)  # Toshkent in Latin letters, found by a Cyrillic prefix
    expect(hits.first).to_contain_text("Toshkent Musiqa")
    expect(page).to_have_url(re.compile(r"[?&]q=%D1%82%D0%BE%D1%88%D0%BA"))
    page.locator("#search-q").fill("music")
    expect(hits).to_have_count(2)
    page.locator("#facet-country-UZ").check()
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("Toshkent Musiqa")
    expect(page).to_have_url(re.compile(r"[?&]country=UZ\b"))
    assert_same_page(page)
    # The shared address gives the same page to someone who opens it.
    page.goto(page.url)
    expect(hits).to_have_count(1)


def test_on_a_phone_a_misspelt_word_is_corrected_and_the_words_as_typed_are_one_tap_away(new_browser_page,
                                                                                        indexed_catalog):
    from tests.e2e.conftest import PHONE

    page = new_browser_page(PHONE, java_script_enabled=False)
    page.goto("/search?q=Amlaty+design")
    expect(page.locator(".notice")).to_contain_text("Showing results for “Almaty design”")
    hit = page.locator("#search-results .search-hit").first
    expect(hit).to_contain_text("Almaty Design Lab")  # both words: above the entries with one
    expect(hit.locator(".search-hit__facts")).to_have_text("Almaty · Kazakhstan")
    assert hit.bounding_box()["y"] + 40 < PHONE["height"]
    page.get_by_role("link", name="Search instead for “Amlaty design”").click()
    expect(page).to_have_url(re.compile(r"as_typed=1"))
    expect(page.locator(".notice")).to_contain_text("No result has all the words")
    expect(page.locator(".notice")).to_contain_text("Not found: Amlaty.")
    expect(page.locator("#search-results .search-hit").first).to_contain_text("Almaty Design Lab")

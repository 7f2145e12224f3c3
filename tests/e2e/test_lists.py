"""Lists with filters as a person meets them: results first on a phone, the filters behind
"Filters (n)" (with or without script), an open sidebar on a wide screen, removable chips."""
from __future__ import annotations

import re

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.search.indexing import search_index
from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, assert_same_page, expect, mark_page, sign_in

BUSINESSES = [("Steppe Sound", "KZ", "Almaty", "music"), ("Ала-Тоо Анимация", "KG", "Бишкек", "film-animation-xr"),
              ("Ipak Yoʻli Dizayn", "UZ", "Samarqand", "fashion-design-crafts")]


@pytest.fixture
def published(db, factories):
    editor = factories.user(roles=("editor",))
    for name, country, city, sector in BUSINESSES:
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        publish(entry, editor)
    db.session.commit()


def _top(locator) -> float:
    return locator.bounding_box()["y"]


def test_on_a_phone_the_first_result_is_in_the_first_screen_above_the_filters(new_browser_page, published):
    page = new_browser_page(PHONE)
    page.goto("/catalog/businesses?sector=music")
    first = page.locator("#catalog-results .member-card").first
    expect(first).to_contain_text("Steppe Sound")
    assert _top(first) + 40 < PHONE["height"]  # was ~1,130 px down
    panel = page.locator("details.filter-panel")
    assert _top(panel) > _top(first)
    expect(page.get_by_label("Country")).to_be_hidden()  # closed on a phone
    expect(page.locator(".filter-chips")).to_contain_text("Sector: Music")
    # The link at the top of the results opens the panel below them.
    page.locator("#catalog-results").get_by_role("link", name="Filters (1)").click()
    expect(page.get_by_label("Country")).to_be_visible()
    assert_no_sideways_scroll(page)


def test_the_filters_open_and_apply_without_javascript_and_a_chip_removes_one(new_browser_page, published):
    page = new_browser_page(PHONE, java_script_enabled=False)
    page.goto("/catalog/businesses")
    expect(page.locator("#catalog-results .member-card")).to_have_count(3)
    page.locator("details.filter-panel > summary").click()
    page.get_by_label("Country").select_option("UZ")
    page.get_by_label("Sector").select_option("fashion-design-crafts")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]country=UZ\b"))
    cards = page.locator("#catalog-results .member-card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Ipak")
    expect(page.locator("details.filter-panel > summary")).to_have_text("Filters (2)")

    page.get_by_role("link", name="Remove filter Country: Uzbekistan").click()
    expect(page).not_to_have_url(re.compile(r"country="))
    expect(page).to_have_url(re.compile(r"sector=fashion-design-crafts"))
    expect(page.locator(".filter-chips .chip")).to_have_count(1)
    page.get_by_role("link", name="Clear filters").click()
    expect(cards).to_have_count(3)
    expect(page.locator(".filter-chips")).to_have_count(0)


def test_on_a_wide_screen_the_filters_are_an_open_sidebar_that_updates_in_place(browser_page, published):
    page = browser_page
    page.goto("/catalog/businesses")
    country = page.get_by_label("Country")
    expect(country).to_be_visible()  # open without a click
    results = page.locator("#catalog-results")
    assert country.bounding_box()["x"] + country.bounding_box()["width"] <= results.bounding_box()["x"]
    expect(page.locator("#catalog-results .filters-jump")).to_be_hidden()
    mark_page(page)
    country.select_option("KG")
    expect(results.locator(".member-card")).to_have_count(1)
    expect(page.locator("#catalog-filters-label")).to_have_text("Filters (1)")  # out of band
    expect(results.get_by_role("link", name="Remove filter Country: Kyrgyzstan")).to_be_visible()
    assert_same_page(page)


def test_on_a_phone_apply_brings_the_updated_results_into_view(new_browser_page, published):
    page = new_browser_page(PHONE)
    page.goto("/catalog/businesses")
    page.locator("details.filter-panel > summary").click()
    page.get_by_label("City").fill("Almaty")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#catalog-results .member-card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]city=Almaty\b"))
    expect(page.locator("#catalog-results .result-count")).to_be_in_viewport()


def test_an_empty_result_offers_clear_filters_and_no_downloads(browser_page, published):
    page = browser_page
    page.goto("/catalog/businesses?q=steppe&country=UZ")
    results = page.locator("#catalog-results")
    expect(results).to_contain_text("Nothing matches these filters yet.")
    expect(results.get_by_role("link", name="CSV")).to_have_count(0)
    results.locator(".empty-result").get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(re.compile(r"/catalog/businesses\?q=steppe$"))
    expect(page.locator("#catalog-results .member-card")).to_have_count(1)


def test_the_member_directory_puts_members_first_on_a_phone(new_browser_page, factories):
    viewer = factories.member(full_name="Aziza Karimova", country="UZ", city="Tashkent")
    factories.member(full_name="Bakyt Osmonov", country="KG", city="Bishkek")
    page = new_browser_page()
    sign_in(page, viewer.email)
    page.set_viewport_size(PHONE)
    page.goto("/members/")
    first = page.locator("#members-results .member-card").first
    expect(first).to_be_visible()
    assert _top(first) + 40 < PHONE["height"]
    assert _top(page.locator("details.filter-panel")) > _top(first)
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("path", ["/catalog/businesses", "/catalog/courses", "/catalog/overview",
                                  "/catalog/methodology", "/catalog/businesses?country=KZ&sector=music&city=Almaty",
                                  "/search?q=almaty"])
def test_list_pages_never_scroll_sideways_on_a_phone(new_browser_page, published, path):
    page = new_browser_page(PHONE)
    page.goto(path)
    assert_no_sideways_scroll(page)
    tabs = page.get_by_role("navigation", name="Catalog")
    if tabs.count():
        assert tabs.bounding_box()["height"] < 60  # one row of tabs, not three lines of links
        expect(tabs.locator("[aria-current=page]")).to_be_in_viewport(ratio=0.95)  # scrolled to the current tab


@pytest.fixture
def indexed(app, db, factories, monkeypatch):
    """The businesses above, in a search index that follows commits (as tests/e2e/test_search.py)."""
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", True)
    index = search_index(app)
    index.clear()
    editor = factories.user(roles=("editor",))
    for name, country, city, sector in BUSINESSES:
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        publish(entry, editor)
    db.session.commit()
    yield
    index.clear()


def test_on_a_phone_search_hits_come_before_the_filters(new_browser_page, indexed):
    page = new_browser_page(PHONE)
    page.goto("/search?q=steppe")
    hit = page.locator("#search-results .search-hit").first
    expect(hit).to_contain_text("Steppe Sound")
    assert _top(hit) + 40 < PHONE["height"]  # was ~1,300 px down
    assert _top(page.locator("details.filter-panel")) > _top(hit)
    expect(page.locator("#facet-country-KZ")).to_be_hidden()
    page.locator("details.filter-panel > summary").click()
    page.locator("#facet-country-KZ").check()
    expect(page.locator("#search-filters-label")).to_have_text("Filters (1)")
    expect(page.locator(".filter-chips")).to_contain_text("Country: Kazakhstan")

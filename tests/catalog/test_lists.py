"""The catalog lists' filters as a person meets them: a "Filters (n)" panel, removable chips, a
way back from an empty result, downloads only of something; and the overview's rules in words."""
from __future__ import annotations

import re
from html import unescape

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.moderation import publish

HX = {"HX-Request": "true"}


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def chips(page: str) -> dict[str, str]:
    """Each chip's words and the link it removes itself by."""
    found = re.findall(r'<a class="chip" href="([^"]*)">(.*?)</a>', page, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", body).split()): href for href, body in found}


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def published(db, editor):
    for name, country, city, sector in (("Steppe Sound", "KZ", "Almaty", "music"),
                                        ("Almaty Beats", "KZ", "Almaty", "music"),
                                        ("Ipak Yoʻli Dizayn", "UZ", "Samarqand", "fashion-design-crafts")):
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        publish(entry, editor)
    db.session.commit()


def test_each_active_filter_is_a_chip_whose_link_removes_only_that_filter(client, published):
    page = text(client.get("/catalog/businesses?q=beats&country=KZ&sector=music&sort=newest&page=1&evil=1"))
    found = chips(page)
    assert set(found) == {"Remove filter Country: Kazakhstan ×", "Remove filter Sector: Music ×"}
    # The words and the order stay; the other filter stays; the page and unknown parameters go.
    assert found["Remove filter Country: Kazakhstan ×"] == "/catalog/businesses?q=beats&sector=music&sort=newest"
    assert found["Remove filter Sector: Music ×"] == "/catalog/businesses?q=beats&country=KZ&sort=newest"
    assert '<a class="filter-chips__clear" href="/catalog/businesses?q=beats&sort=newest">Clear filters</a>' in page


def test_the_filters_disclosure_counts_the_active_filters(client, published):
    assert re.search(r'<summary><span id="catalog-filters-label">Filters</span></summary>',
                     text(client.get("/catalog/businesses?q=steppe&sort=newest")))  # words and order are no filter
    page = text(client.get("/catalog/businesses?country=KZ&city=Almaty"))
    assert '<summary><span id="catalog-filters-label">Filters (2)</span></summary>' in page
    assert '<details class="filter-panel" id="catalog-filters">' in page  # closed unless CSS opens it
    assert "Apply</button>" in page
    # The results come before the filters, and a link at their top leads to them.
    assert page.index('id="catalog-results"') < page.index('id="catalog-filters"')
    assert '<a class="filters-jump" href="#catalog-filters-fields"><span>Filters (2)</span></a>' in page


def test_the_fragment_updates_the_filter_count_out_of_band(client, published):
    fragment = text(client.get("/catalog/courses?language=ru&format=video&price=free", headers=HX))
    assert "<html" not in fragment
    assert '<span id="catalog-filters-label" data-hx-swap-oob="true">Filters (3)</span>' in fragment
    assert set(chips(fragment)) == {"Remove filter Language: Русский ×", "Remove filter Format: Video ×",
                                    "Remove filter Price: Free of charge ×"}


def test_without_filters_there_are_no_chips_and_the_downloads_are_labelled(client, published):
    page = text(client.get("/catalog/businesses"))
    assert 'class="filter-chips"' not in page and "Clear filters" not in page
    downloads = re.search(r'<p class="downloads">(.*?)</p>', page, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", downloads).split()) == "Download: CSV · XLSX · JSON"
    assert 'href="/catalog/export.csv?kind=businesses"' in downloads


def test_an_empty_result_says_so_offers_the_way_back_and_no_downloads(client, published):
    page = text(client.get("/catalog/businesses?q=steppe&country=UZ"))
    assert "0 entries found" in page and "Nothing matches these filters yet." in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]  # the footer links the whole catalog
    assert "/catalog/export." not in main and "Download:" not in main
    ways = re.search(r'<p class="empty-result__ways">(.*?)</p>', page, re.S).group(1)
    assert '<a href="/catalog/businesses?q=steppe">Clear filters</a>' in ways  # the words kept
    assert '<a href="/catalog/businesses">See the whole list</a>' in ways


def test_an_empty_course_list_offers_the_whole_list_when_only_words_narrowed_it(client, published):
    page = text(client.get("/catalog/courses?q=nothing-like-this"))
    assert "Nothing matches these filters yet." in page and "Download:" not in page
    ways = re.search(r'<p class="empty-result__ways">(.*?)</p>', page, re.S).group(1)
    assert "Clear filters" not in ways and '<a href="/catalog/courses">See the whole list</a>' in ways


def test_a_catalog_with_nothing_published_says_so_without_links_to_itself(client, db):
    page = text(client.get("/catalog/courses"))
    assert "Nothing is published here yet." in page and "See the whole list" not in page
    assert "Download:" not in page


def test_tampered_values_make_no_chip(client, published):
    page = text(client.get("/catalog/businesses?country=XX&sector=%3Cb%3E&price=free"))
    assert chips(page) == {} and "Filters (" not in page


def test_the_overview_charts_show_each_threshold_and_say_who_meets_it(client, published):
    page = text(client.get("/catalog/overview"))
    assert "Dashed line: the 8% minimum." in page and "Dashed line: the 4% minimum." in page
    assert "Dashed line: the 45% limit." in page and "Dashed line: the 1% minimum." in page
    assert page.count('class="quota-row__threshold"') == 5 + 13 + 7 + 13
    assert "2 of 5 meet the rule." in page  # Kazakhstan and Uzbekistan; the others have none
    kazakhstan = re.search(r'<li class="quota-row quota-row--met">\s*<span class="quota-row__label">Kazakhstan</span>'
                           r'.*?</li>', page, re.S).group(0)
    assert "2 · 66.7%" in kazakhstan and "✓ </span>meets" in kazakhstan
    turkmenistan = re.search(r'<span class="quota-row__label">Turkmenistan</span>.*?</li>', page, re.S).group(0)
    assert "0 · 0.0%" in turkmenistan and "below 8%: 1 more needed" in turkmenistan
    # Full names, never cut to fit a drawing.
    assert "Television, radio, new media and digital culture</span>" in page and "…" not in page


def test_the_overview_writes_numbers_and_verdicts_in_russian(client, published):
    client.set_cookie("ccan_locale", "ru")
    page = text(client.get("/catalog/overview"))
    assert "66,7\xa0%" in page  # the locale's own percent form
    assert 'class="quota-row__threshold"' in page


def test_a_language_above_its_cap_is_named_so(client, db, editor):
    for n in range(3):
        entry = submit_course(CourseData(
            title=f"Course {n}", provider="School", url=f"https://school.example/{n}", language="ru",
            all_sectors=True, format="video", improves="professional", outcome="income", level="beginner",
            is_free=True), editor).entry
        publish(entry, editor)
    db.session.commit()
    page = text(client.get("/catalog/overview"))
    assert "above the 45% limit: 4 more in other languages needed" in page
    assert "within the 45% limit" in page  # the other languages, with none

"""The list on screen, the CSV, XLSX and JSON downloads and the API hold the same entries in the
same order, whatever the words and filters: one function finds them for all of them."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlencode

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.filters import BusinessFilter
from ccan_web.blueprints.catalog.lists import matching
from ccan_web.blueprints.catalog.moderation import publish

COUNTRIES = ("KZ", "KG", "UZ")
SECTORS = ("film-animation-xr", "music", "fashion-design-crafts")


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def many(db, search, editor):
    """More entries than a page of the list, most of them found by words that are not in their
    name (a sector's Russian name, a word of the description): those a name-only match missed."""
    for n in range(45):
        sector = SECTORS[n % 3]
        name = f"Кино Studio {n}" if n % 9 == 0 else f"Atelier {n:02d}"
        entry = submit_business(BusinessData(
            name=name, country=COUNTRIES[n % 3], city="Almaty" if n % 2 else "Бишкек", primary_sector=sector,
            description="Animation, documentaries and music videos for studios." if n % 4 == 0 else ""), editor).entry
        publish(entry, editor)
    for n in range(14):
        course = submit_course(CourseData(
            title=f"Pricing for studios {n}" if n % 2 else f"Ценообразование {n}", url=f"https://c{n}.example",
            language=("ru", "en")[n % 2], format="video", improves="professional", outcome="income",
            sectors=("music",), description="Как назначить цену на услуги студии."), editor).entry
        publish(course, editor)
    db.session.commit()


def page_ids(client, kind: str, args: dict) -> list[int]:
    """The ids the list on screen shows, page after page (a page past the end repeats the last)."""
    ids: list[int] = []
    for page in range(1, 20):
        html = client.get(f"/catalog/{kind}?{urlencode({**args, 'page': page})}").get_data(as_text=True)
        found = list(dict.fromkeys(int(i) for i in re.findall(rf'<h2><a href="/catalog/{kind}/(\d+)"', html)))
        if not found or (ids and found == ids[-len(found):]):
            return ids
        ids += found
    raise AssertionError("the list never ended")


def api_ids(client, kind: str, args: dict, per_page: int) -> list[int]:
    ids: list[int] = []
    for page in range(1, 100):
        response = client.get(f"/api/v1/{kind}?{urlencode({**args, 'page': page, 'per_page': per_page})}")
        assert response.status_code == 200, response.get_data(as_text=True)
        items = response.get_json()["items"]
        if not items:
            return ids
        ids += [item["id"] for item in items]
    raise AssertionError("the API never gave an empty page")


def download_ids(client, kind: str, args: dict, fmt: str) -> list[int]:
    from openpyxl import load_workbook

    response = client.get(f"/catalog/export.{fmt}?{urlencode({**args, 'kind': kind})}")
    assert response.status_code == 200
    if fmt == "json":
        return [record["id"] for record in json.loads(response.get_data(as_text=True))]
    if fmt == "csv":
        return [int(row["id"]) for row in csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))]
    rows = load_workbook(io.BytesIO(response.data)).active.iter_rows(min_row=2, values_only=True)
    return [row[0] for row in rows]


@pytest.mark.parametrize("kind, args", [
    ("businesses", {"q": "кино"}),
    ("businesses", {"q": "kino"}),
    ("businesses", {"q": "animation"}),
    ("businesses", {"q": "кино", "country": "KZ"}),
    ("businesses", {"q": "studio", "sector": "music"}),
    ("businesses", {"q": "atelier", "sort": "newest"}),  # an order only the database gives
    ("businesses", {"country": "UZ"}),
    ("courses", {"q": "цена"}),
    ("courses", {"q": "pricing", "language": "en"}),
    ("courses", {"q": "studio", "price": "free"}),
])
def test_the_list_the_downloads_and_the_api_hold_the_same_entries_in_the_same_order(client, many, kind, args):
    shown = page_ids(client, kind, args)
    assert shown, "the words should find something"
    assert download_ids(client, kind, args, "json") == shown
    assert download_ids(client, kind, args, "csv") == shown
    assert download_ids(client, kind, args, "xlsx") == shown
    assert api_ids(client, kind, args, per_page=7) == shown
    assert api_ids(client, kind, args, per_page=150) == shown  # more than the search service's page
    assert api_ids(client, kind, {**args, "page": 1}, per_page=1)[:3] == shown[:3]


def test_words_find_more_than_the_names_hold(client, many):
    """The issue's case: a word in the sector's or the description's text, not the name."""
    data = client.get("/api/v1/businesses?q=кино&per_page=200").get_json()
    assert data["total"] == 15  # every film business, named "Кино" or not
    assert len(data["items"]) == 15


def test_every_entry_of_the_search_is_read_in_order_past_the_search_page(app, db, search, editor):
    for n in range(230):  # more than two of the search service's pages
        entry = submit_business(BusinessData(
            name=f"Studio {n:03d}", country="KZ", city="Almaty", primary_sector="music"), editor).entry
        publish(entry, editor)
    db.session.commit()
    filters = BusinessFilter.from_args({"q": "studio"})
    every = [entry.id for entry in matching("businesses", filters).every()]
    assert len(every) == len(set(every)) == 230
    pages = [entry.id for number in (1, 2, 3) for entry in matching("businesses", filters).page(number, 100).page.items]
    assert pages == every
    third = matching("businesses", filters).page(2, 120)
    assert [entry.id for entry in third.page.items] == every[120:230] and third.page.total == 230


def test_a_page_past_the_end_is_the_last_on_screen_and_empty_for_programs(db, search, many):
    filters = BusinessFilter.from_args({"q": "кино"})
    assert matching("businesses", filters).page(9, 10).page.page == 2
    past = matching("businesses", filters).page(9, 10, past_end_is_empty=True).page
    assert past.items == [] and past.page == 9 and past.total == 15
    plain = BusinessFilter.from_args({})
    past = matching("businesses", plain).page(9, 10, past_end_is_empty=True).page
    assert past.items == [] and past.total == 45


def test_the_lists_work_from_the_database_while_the_index_is_being_built(client, many, search, monkeypatch):
    monkeypatch.setattr(type(search), "needs_rebuild", lambda self: True)
    monkeypatch.setattr(type(search), "rebuild_in_background", lambda self: False)
    shown = page_ids(client, "businesses", {"q": "кино"})
    assert shown and download_ids(client, "businesses", {"q": "кино"}, "json") == shown
    assert api_ids(client, "businesses", {"q": "кино"}, per_page=50) == shown

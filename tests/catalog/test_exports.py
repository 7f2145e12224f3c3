"""The downloads' cells: typed in a workbook, neutralised only where a CSV cell is a formula."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.exports import csv_cell, xlsx_bytes
from ccan_web.blueprints.catalog.moderation import publish


@pytest.mark.parametrize("value, cell", [
    ("+996 555 123 456", "+996 555 123 456"),
    ("+7 (727) 250-00-00", "+7 (727) 250-00-00"),
    ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"),
    ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("+", "'+"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Steppe Sound", "Steppe Sound"),
    (None, ""), (True, "yes"), (["music", "film"], "music; film"), (2015, "2015"),
])
def test_a_csv_cell_neutralises_formulas_and_leaves_telephone_numbers(value, cell):
    assert csv_cell(value) == cell


def test_a_workbook_holds_numbers_dates_and_booleans_as_such_and_text_as_text():
    from openpyxl import load_workbook

    records = [{"id": 7, "name": "=1+1", "founded_year": 2015, "is_free": False, "sectors": ["music", "film"],
                "published_at": "2026-03-01T09:30:00+00:00", "verified_at": None, "phone": "+996 555 123 456"}]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(list(records[0]), records))).active
    row = next(sheet.iter_rows(min_row=2))
    cells = dict(zip(records[0], row))
    assert cells["id"].value == 7 and cells["id"].data_type == "n"
    assert cells["founded_year"].value == 2015
    assert cells["is_free"].value is False and cells["is_free"].data_type == "b"
    assert cells["name"].value == "=1+1" and cells["name"].data_type == "s"
    assert cells["sectors"].value == "music; film"
    assert cells["published_at"].value == datetime(2026, 3, 1, 9, 30) and cells["published_at"].is_date
    assert cells["verified_at"].value is None
    assert cells["phone"].value == "+996 555 123 456"


@pytest.fixture
def published(db, factories):
    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music", founded_year=2015,
        contact_phone="+996 555 123 456", contact_public=True), editor).entry
    publish(entry, editor)
    course = submit_course(CourseData(
        title="Pricing", url="https://c.example", language="ru", format="video", improves="professional",
        outcome="income", sectors=("music",), is_free=False), editor).entry
    publish(course, editor)
    db.session.commit()


def test_the_downloads_agree_with_the_json_on_types(client, published):
    from openpyxl import load_workbook

    for kind, number_field, flag_field in (("businesses", "founded_year", None), ("courses", "id", "is_free")):
        records = json.loads(client.get(f"/catalog/export.json?kind={kind}").get_data(as_text=True))
        sheet = load_workbook(io.BytesIO(client.get(f"/catalog/export.xlsx?kind={kind}").data)).active
        rows = list(sheet.iter_rows(values_only=True))
        cells = dict(zip(rows[0], rows[1]))
        assert cells[number_field] == records[0][number_field] and isinstance(cells[number_field], int)
        assert isinstance(cells["published_at"], datetime)
        published = datetime.fromisoformat(records[0]["published_at"]).replace(tzinfo=None)  # UTC
        assert abs((cells["published_at"] - published).total_seconds()) < 0.01  # a workbook keeps milliseconds
        if flag_field:
            assert cells[flag_field] is records[0][flag_field] is False
    text = client.get("/catalog/export.csv?kind=businesses").get_data(as_text=True).lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["contact_phone"] == "+996 555 123 456"

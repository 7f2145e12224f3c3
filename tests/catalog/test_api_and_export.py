"""The read-only API and the exports: stable fields, filters, privacy, and no formula injection."""
from __future__ import annotations

import csv
import io
import json

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.blueprints.catalog.records import BUSINESS_FIELDS, COURSE_FIELDS


@pytest.fixture
def entries(db, factories):
    editor = factories.user(roles=("editor",))
    for name, country, public in (("Steppe Sound", "KZ", True), ("=HYPERLINK(\"http://evil.example\")", "UZ", False)):
        entry = submit_business(BusinessData(
            name=name, country=country, city="Almaty" if country == "KZ" else "Тошкент", primary_sector="music",
            contact_email="hi@studio.example", contact_public=public), editor).entry
        publish(entry, editor)
    submit_business(BusinessData(name="Pending", country="KZ", city="Almaty",
                                 primary_sector="music"), editor)
    course = submit_course(CourseData(title="Pricing", url="https://c.example", language="ru",
                                      format="video", improves="professional", outcome="income",
                                      sectors=("music",)), editor).entry
    publish(course, editor)
    db.session.commit()


def test_the_api_pages_published_entries_with_stable_fields(client, entries):
    data = client.get("/api/v1/businesses?per_page=1").get_json()
    assert data["total"] == 2 and data["pages"] == 2 and len(data["items"]) == 1
    assert set(data["items"][0]) == set(BUSINESS_FIELDS)
    kz = client.get("/api/v1/businesses?country=KZ").get_json()["items"]
    assert [b["name"] for b in kz] == ["Steppe Sound"] and kz[0]["contact_email"] == "hi@studio.example"
    uz = client.get("/api/v1/businesses?city=Toshkent").get_json()["items"]
    assert uz[0]["contact_email"] is None  # not public
    courses = client.get("/api/v1/courses?sector=music&language=ru").get_json()
    assert courses["total"] == 1 and set(courses["items"][0]) == set(COURSE_FIELDS)


@pytest.mark.parametrize("query, parameter", [
    ("country=ZZ", "country"), ("country=", "country"), ("sector=nope", "sector"), ("sort=x", "sort"),
    ("per_page=0", "per_page"), ("per_page=abc", "per_page"), ("per_page=201", "per_page"), ("page=0", "page"),
    ("page=-1", "page"), ("page=1.5", "page"),
])
def test_the_api_refuses_a_value_it_does_not_know_and_names_the_parameter(client, entries, query, parameter):
    response = client.get(f"/api/v1/businesses?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter and error["message"]
    assert "items" not in response.get_json()


@pytest.mark.parametrize("query, parameter", [("language=xx", "language"), ("sector=nope", "sector"),
                                              ("format=book", "format"), ("outcome=x", "outcome"),
                                              ("price=cheap", "price"), ("sort=newest&sort=x", None)])
def test_the_course_api_refuses_unknown_filters(client, entries, query, parameter):
    response = client.get(f"/api/v1/courses?{query}")
    if parameter is None:  # the first of a repeated parameter is the one read, as on the pages
        assert response.status_code == 200
        return
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == parameter


def test_every_refused_parameter_is_listed(client, entries):
    error = client.get("/api/v1/businesses?country=XX&sector=nope&page=x").get_json()["error"]
    assert {problem["parameter"] for problem in error["problems"]} == {"country", "sector", "page"}


def test_a_page_past_the_end_is_empty(client, entries):
    data = client.get("/api/v1/businesses?page=999").get_json()
    assert data["items"] == [] and data["page"] == 999 and data["total"] == 2 and data["pages"] == 1


def test_the_pages_keep_their_friendly_reading_of_unknown_filters(client, entries):
    page = client.get("/catalog/businesses?country=XX&sector=nope&sort=x")
    assert page.status_code == 200 and "Steppe Sound" in page.get_data(as_text=True)


def test_the_openapi_document_describes_both_lists(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and {"/api/v1/businesses", "/api/v1/courses"} <= set(spec["paths"])


def test_the_csv_export_opens_in_excel_and_neutralises_formulas(client, entries):
    response = client.get("/catalog/export.csv?kind=businesses")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff") and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    names = {row["name"] for row in rows}
    assert "Steppe Sound" in names and "'=HYPERLINK(\"http://evil.example\")" in names and "Pending" not in names
    uz = next(row for row in rows if row["country"] == "UZ")
    assert uz["contact_email"] == ""


def test_the_json_export_follows_the_filters(client, entries):
    data = json.loads(client.get("/catalog/export.json?kind=businesses&country=KZ").get_data(as_text=True))
    assert [b["name"] for b in data] == ["Steppe Sound"]
    courses = json.loads(client.get("/catalog/export.json?kind=courses").get_data(as_text=True))
    assert courses[0]["title"] == "Pricing"


def test_the_xlsx_export_stores_text_as_text_without_an_apostrophe(client, entries):
    from openpyxl import load_workbook

    response = client.get("/catalog/export.xlsx?kind=businesses")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "name", "legal_form")
    names = [row[1] for row in rows[1:]]
    assert "Steppe Sound" in names and "=HYPERLINK(\"http://evil.example\")" in names
    formula = next(cell for row in sheet.iter_rows(min_row=2) for cell in row
                   if cell.value == "=HYPERLINK(\"http://evil.example\")")
    assert formula.data_type == "s"  # stored as text: nothing runs

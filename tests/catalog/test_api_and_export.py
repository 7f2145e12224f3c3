"""The read-only API and the exports: stable fields, filters, privacy, and no formula injection."""
from __future__ import annotations

import csv
import io
import json

import pytest

from ccan_web.blueprints.catalog import services as catalog


@pytest.fixture
def entries(db, factories):
    editor = factories.user(roles=("editor",))
    for name, country, public in (("Steppe Sound", "KZ", True), ("=HYPERLINK(\"http://evil.example\")", "UZ", False)):
        entry = catalog.submit_business(catalog.BusinessData(
            name=name, country=country, city="Almaty" if country == "KZ" else "Тошкент", primary_sector="music",
            contact_email="hi@studio.example", contact_public=public), editor).entry
        catalog.publish(entry, editor)
    catalog.submit_business(catalog.BusinessData(name="Pending", country="KZ", city="Almaty",
                                                 primary_sector="music"), editor)
    course = catalog.submit_course(catalog.CourseData(title="Pricing", url="https://c.example", language="ru",
                                                      format="video", improves="professional", outcome="income",
                                                      sectors=("music",)), editor).entry
    catalog.publish(course, editor)
    db.session.commit()


def test_the_api_pages_published_entries_with_stable_fields(client, entries):
    data = client.get("/api/v1/businesses?per_page=1").get_json()
    assert data["total"] == 2 and data["pages"] == 2 and len(data["items"]) == 1
    assert set(data["items"][0]) == set(catalog.BUSINESS_FIELDS)
    kz = client.get("/api/v1/businesses?country=KZ").get_json()["items"]
    assert [b["name"] for b in kz] == ["Steppe Sound"] and kz[0]["contact_email"] == "hi@studio.example"
    uz = client.get("/api/v1/businesses?city=Toshkent").get_json()["items"]
    assert uz[0]["contact_email"] is None  # not public
    courses = client.get("/api/v1/courses?sector=music&language=ru").get_json()
    assert courses["total"] == 1 and set(courses["items"][0]) == set(catalog.COURSE_FIELDS)


@pytest.mark.parametrize("query", ["page=999", "per_page=0", "per_page=abc", "country=ZZ", "sort=x"])
def test_the_api_answers_odd_parameters_sensibly(client, entries, query):
    response = client.get(f"/api/v1/businesses?{query}")
    assert response.status_code == 200 and "items" in response.get_json()


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


def test_the_xlsx_export_keeps_formulas_as_text(client, entries):
    from openpyxl import load_workbook

    response = client.get("/catalog/export.xlsx?kind=businesses")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "name", "legal_form")
    names = [row[1] for row in rows[1:]]
    assert "Steppe Sound" in names and "'=HYPERLINK(\"http://evil.example\")" in names
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value)

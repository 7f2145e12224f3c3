"""The open-data API as a program meets it: one entry, JSON errors, caching, CORS, UTF-8."""
from __future__ import annotations

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business, update_business
from ccan_web.blueprints.catalog.models import Business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.blueprints.catalog.records import BUSINESS_FIELDS, COURSE_FIELDS


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def business(db, editor):
    entry = submit_business(BusinessData(name="Кино Студия", country="KG", city="Бишкек",
                                         primary_sector="film-animation-xr"), editor).entry
    publish(entry, editor)
    db.session.commit()
    return entry.id


@pytest.fixture
def pending(db, editor):
    entry = submit_business(BusinessData(name="Draft", country="KZ", city="Almaty",
                                         primary_sector="music"), editor).entry
    db.session.commit()
    return entry.id


def test_one_published_entry_has_its_own_address(client, business):
    response = client.get(f"/api/v1/businesses/{business}")
    assert response.status_code == 200
    assert response.get_json()["name"] == "Кино Студия" and set(response.get_json()) == set(BUSINESS_FIELDS)


@pytest.mark.parametrize("path", ["/api/v1/businesses/999999", "/api/v1/courses/1", "/api/v1/businesses/99999999999999999999",
                                  "/api/v1/businesses/-1", "/api/v1/businesses/abc", "/api/v1/nothing", "/api/v2/businesses"])
def test_an_unknown_entry_or_address_is_a_json_404(client, business, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"]["status"] == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_an_entry_not_published_is_not_there(client, pending):
    assert client.get(f"/api/v1/businesses/{pending}").status_code == 404
    assert client.get(f"/catalog/businesses/{pending}").status_code == 404  # the page agrees


def test_a_method_the_api_does_not_take_is_a_json_405_with_allow(client, business):
    response = client.post("/api/v1/businesses")
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    assert client.delete(f"/api/v1/businesses/{business}").status_code == 405


def test_errors_outside_the_api_stay_pages(client):
    response = client.get("/catalog/nothing-here")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_json_is_utf8_as_it_is(client, business):
    response = client.get("/api/v1/businesses")
    assert "Кино Студия" in response.get_data(as_text=True) and "\\u" not in response.get_data(as_text=True)
    error = client.get("/api/v1/businesses?country=XX", headers={"Accept-Language": "ru"})
    assert "\\u" not in error.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/api/v1/businesses?country=KG", "/api/v1/businesses/{id}", "/api/v1/openapi.json"])
def test_answers_carry_validators_and_a_repeat_gets_304(client, business, path):
    path = path.format(id=business)
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"]
    assert "public" in first.headers["Cache-Control"] and "max-age=300" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    if "openapi" not in path:
        assert first.headers["Last-Modified"]
        assert client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304


def test_a_change_to_the_data_changes_the_validators(client, db, business, editor):
    first = client.get("/api/v1/businesses")
    entry = db.session.get(Business, business)
    update_business(entry, BusinessData(name="Кино Студия Ала-Тоо", country="KG", city="Бишкек",
                                        primary_sector="film-animation-xr"), editor)
    db.session.commit()
    again = client.get("/api/v1/businesses", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.get_json()["items"][0]["name"] == "Кино Студия Ала-Тоо"
    assert again.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize("path", ["/api/v1/businesses", "/api/v1/courses/1", "/api/v1/openapi.json"])
def test_any_site_may_read_the_api_and_a_preflight_is_answered(client, business, path):
    assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(path, headers={"Origin": "https://research.example",
                                              "Access-Control-Request-Method": "GET",
                                              "Access-Control-Request-Headers": "If-None-Match"})
    assert preflight.status_code in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_an_error_message_follows_the_readers_language_and_the_parameter_does_not(client, business):
    english = client.get("/api/v1/businesses?country=XX").get_json()["error"]
    russian = client.get("/api/v1/businesses?country=XX", headers={"Accept-Language": "ru"}).get_json()["error"]
    assert english["parameter"] == russian["parameter"] == "country"
    assert english["message"] == "Choose one of the five countries."


def test_the_openapi_document_types_every_field_and_names_every_operation(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert len({op["operationId"] for op in operations}) == len(operations) == 4
    for name, fields in (("Business", BUSINESS_FIELDS), ("Course", COURSE_FIELDS)):
        properties = spec["components"]["schemas"][name]["properties"]
        assert set(properties) == set(fields) and all("type" in schema for schema in properties.values())
    assert "400" in spec["paths"]["/api/v1/businesses"]["get"]["responses"]
    assert "404" in spec["paths"]["/api/v1/courses/{id}"]["get"]["responses"]

"""The catalog pages through the test client: lists, entries, submission, moderation, overview."""
from __future__ import annotations

import json
import re

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.models import Business, DuplicateFlag
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.blueprints.catalog.overview import source_counts

HX = {"HX-Request": "true"}


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def published(db, editor):
    entries = []
    for name, country, city, sector in (("Steppe Sound", "KZ", "Almaty", "music"),
                                        ("Ала-Тоо Анимация", "KG", "Бишкек", "film-animation-xr"),
                                        ("Ipak Yoʻli Dizayn", "UZ", "Samarqand", "fashion-design-crafts")):
        entry = submit_business(BusinessData(
            name=name, country=country, city=city, primary_sector=sector, contact_email="hello@studio.example"),
            editor).entry
        publish(entry, editor)
        entries.append(entry)
    db.session.commit()
    return entries


def test_the_public_sees_published_businesses_and_filters_them(client, published):
    page = text(client.get("/catalog/businesses"))
    assert "Steppe Sound" in page and "Ала-Тоо Анимация" in page
    assert "Ipak" not in text(client.get("/catalog/businesses?country=KZ"))
    fragment = client.get("/catalog/businesses?q=ala+too", headers=HX)
    assert "<html" not in text(fragment) and 'id="catalog-results"' in text(fragment)
    assert "Ала-Тоо" in text(fragment) and "Steppe" not in text(fragment)


@pytest.mark.parametrize("query", ["country=XX", "sector=%3Cscript%3E", "page=9999", "page=-1", "sort=evil",
                                   "q=" + "x" * 500, "city=%00"])
def test_tampered_filters_give_a_sensible_list(client, published, query):
    assert client.get(f"/catalog/businesses?{query}").status_code == 200
    assert client.get(f"/catalog/courses?{query}").status_code == 200


def test_contact_details_show_only_when_the_business_agrees(client, published):
    assert "hello@studio.example" not in text(client.get(f"/catalog/businesses/{published[0].id}"))


def test_unpublished_and_missing_entries_are_not_found_for_the_public(client, db, editor):
    pending = submit_business(BusinessData(name="Pending", country="KZ", city="Almaty",
                                           primary_sector="music"), editor).entry
    db.session.commit()
    assert client.get(f"/catalog/businesses/{pending.id}").status_code == 404
    assert client.get("/catalog/businesses/99999").status_code == 404
    assert client.get("/catalog/courses/99999").status_code == 404


def test_a_member_submits_and_an_editor_publishes(client, auth, db, factories, editor, outbox):
    member = factories.member(email="researcher@example.kz")
    auth.login(member.email)
    response = client.post("/catalog/businesses/new", data={
        "name": "Steppe Sound", "legal_form": "ТОО", "country": "KZ", "city": "Almaty",
        "primary_sector": "music", "other_sectors": ["shows-events"], "source_kind": "survey",
        "source_detail": "CCAN survey 2021", "founded_year": "2015"})
    assert response.status_code == 303
    entry = db.session.query(Business).one()
    assert "Waiting for an editor" in text(client.get(f"/catalog/businesses/{entry.id}"))
    bad = client.post("/catalog/businesses/new", data={"name": "X", "country": "RU", "city": "Moscow",
                                                        "primary_sector": "oil", "source_kind": "url"})
    assert bad.status_code == 422 and "Choose one of the five countries" in text(bad)
    auth.logout()
    auth.login(editor.email)
    assert "Steppe Sound" in text(client.get("/catalog/moderation"))
    client.post(f"/catalog/businesses/{entry.id}/publish")
    db.session.refresh(entry)
    assert entry.status == "published"
    assert any("Published" in m.subject for m in outbox("researcher@example.kz"))


def test_only_members_submit_and_only_editors_moderate(client, auth, factories, published):
    assert client.get("/catalog/businesses/new").status_code == 302
    auth.login(factories.applicant().email)
    assert client.get("/catalog/courses/new").status_code == 403
    auth.logout()
    auth.login(factories.member().email)
    assert client.get("/catalog/moderation").status_code == 403
    assert client.post(f"/catalog/businesses/{published[0].id}/reject", data={"note": "no"}).status_code == 403


def test_a_submitted_course_with_bad_values_is_refused_beside_the_field(client, auth, factories):
    auth.login(factories.member().email)
    response = client.post("/catalog/courses/new", data={
        "title": "Pricing", "url": "https://courses.example", "language": "xx", "format": "video",
        "improves": "professional", "outcome": "income", "source_kind": "url"})
    assert response.status_code == 422 and 'id="language-error"' in text(response)


def test_an_editor_merges_a_duplicate(client, auth, db, editor, published):
    again = submit_business(BusinessData(name="ТОО «Steppe Sound»", country="KZ", city="Алматы",
                                         primary_sector="music", website="https://steppe.example"),
                            editor)
    db.session.commit()
    assert again.duplicates == [published[0]]
    auth.login(editor.email)
    flag = db.session.query(DuplicateFlag).one()
    assert "looks like" in text(client.get("/catalog/moderation"))
    client.post(f"/catalog/duplicates/{flag.id}/merge")
    db.session.refresh(published[0])
    assert published[0].website == "https://steppe.example"


def test_the_overview_shows_the_rules_and_downloads_the_figures(client, published):
    page = text(client.get("/catalog/overview"))
    assert "3 creative businesses" in page and "<svg" in page and "below 8%: 1 more needed" in page
    assert "33.3%" in page  # shares as percentages, not fractions
    figures = json.loads(client.get("/catalog/overview.json").get_data(as_text=True))
    kz = next(row for row in figures if row["dimension"] == "country" and row["value"] == "KZ")
    assert kz["count"] == 1 and kz["met"] is True
    tm = next(row for row in figures if row["dimension"] == "country" and row["value"] == "TM")
    assert tm["count"] == 0 and tm["met"] is False and tm["needed"] == 1
    csv_text = client.get("/catalog/overview.csv").get_data(as_text=True)
    assert csv_text.startswith("\ufeffdatabase,dimension,value,count")


def test_long_lists_are_paginated_and_keep_their_filters(client, db, editor):
    for n in range(35):
        entry = submit_business(BusinessData(name=f"Studio {n:02d}", country="KZ", city="Almaty",
                                             primary_sector="music"), editor).entry
        publish(entry, editor)
    db.session.commit()
    first = text(client.get("/catalog/businesses?country=KZ"))
    assert "Page 1 of 2" in first and "country=KZ" in first.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = text(client.get("/catalog/businesses?country=KZ&page=2"))
    assert "Page 2 of 2" in second and "Studio 34" in second


def test_the_sources_page_counts_what_each_source_contributed(client, db, editor):
    for n, source in enumerate(("CCAN survey 2021", "CCAN survey 2021", "Kazakhstan business registry")):
        entry = submit_business(BusinessData(name=f"Studio {n}", country="KZ", city="Almaty",
                                             primary_sector="music", source_kind="survey",
                                             source_detail=source), editor).entry
        publish(entry, editor)
    submit_business(BusinessData(name="Pending", country="KZ", city="Almaty", primary_sector="music",
                                 source_kind="survey", source_detail="Hidden source"), editor)
    db.session.commit()
    page = text(client.get("/catalog/methodology"))
    assert "CCAN survey 2021" in page and "Hidden source" not in page
    counts = source_counts()
    assert [(s.detail, s.businesses) for s in counts] == [("CCAN survey 2021", 2), ("Kazakhstan business registry", 1)]


@pytest.mark.parametrize("kind, field, value, message", [
    ("businesses", "name", "Steppe \u202eSound", "reverses the direction"),
    ("businesses", "city", "Alma\x00ty", "U+0000"),
    ("businesses", "legal_form", "\u00ad", "invisible characters only"),
    ("businesses", "description", "A studio.\n\u2067Hidden\u2069", "reverses the direction"),
    ("businesses", "contact_email", "hello at studio", "Enter an email address"),
    ("courses", "title", "\u3164\u200b", "invisible characters only"),
    ("courses", "provider", "CCAN\nAcademy", "one line"),
    ("courses", "url", "javascript:alert(1)", "full address"),
])
def test_an_entry_with_a_broken_text_rule_is_refused_beside_the_field_and_kept(client, auth, db, factories,
                                                                                kind, field, value, message):
    auth.login(factories.member().email)
    form = ({"name": "Steppe Sound", "country": "KZ", "city": "Almaty", "primary_sector": "music",
             "source_kind": "survey", "source_detail": "Kept source"} if kind == "businesses" else
            {"title": "Pricing", "provider": "CCAN", "url": "https://academy.example/p", "language": "ru",
             "sectors": ["music"], "format": "video", "improves": "professional", "outcome": "income",
             "level": "beginner", "source_kind": "survey", "source_detail": "Kept source"})
    response = client.post(f"/catalog/{kind}/new", data={**form, field: value})
    page = text(response)
    assert response.status_code == 422
    assert re.search(rf'id="{field}-error"[^>]*>[^<]*{re.escape(message)}', page), page[:300]
    assert 'value="Kept source"' in page
    assert db.session.query(Business).count() == 0

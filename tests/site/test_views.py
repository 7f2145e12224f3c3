"""robots.txt, the sitemap index and its pages, and the health check, through the test client."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.blueprints.site import services as site
from ccan_web.documents import services as documents

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(response) -> list[str]:
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return [element.text for element in ET.fromstring(response.data).iterfind(".//sm:loc", NS)]


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor", "roadmap_editor"))


@pytest.fixture
def published_business(db, editor):
    entry = submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music"), editor).entry
    publish(entry, editor)
    submit_business(BusinessData(
        name="Not Yet Studio", country="KG", city="Osh", primary_sector="music"), editor)  # pending
    db.session.commit()
    return entry


def test_robots_txt_names_the_sitemap_at_the_public_address_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt", headers={"Host": "127.0.0.1"})
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in body  # PUBLIC_BASE_URL, not the Host header
    assert "Disallow: /auth/" in body and "Disallow: /board/" in body
    assert "Set-Cookie" not in response.headers


def test_the_sitemap_index_lists_a_file_per_section_with_entries(client, published_business):
    files = locations(client.get("/sitemap.xml"))
    assert files == ["http://localhost/sitemap-pages-1.xml", "http://localhost/sitemap-businesses-1.xml"]
    entries = client.get("/sitemap-businesses-1.xml")
    assert locations(entries) == [f"http://localhost/catalog/businesses/{published_business.id}"]
    assert b"<lastmod>" in entries.data
    pages = locations(client.get("/sitemap-pages-1.xml"))
    assert "http://localhost/" in pages and "http://localhost/catalog/overview" in pages


def test_published_roadmaps_are_in_the_sitemap_and_drafts_are_not(client, db, editor):
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", "# Roadmap\n\nText.\n", editor)
    db.session.commit()
    assert "http://localhost/sitemap-roadmaps-1.xml" not in locations(client.get("/sitemap.xml"))
    documents.publish(regional, 1, editor)
    db.session.commit()
    assert locations(client.get("/sitemap-roadmaps-1.xml")) == ["http://localhost/roadmap/regional"]


@pytest.mark.parametrize("path", ["/sitemap-businesses-1.xml", "/sitemap-pages-2.xml", "/sitemap-pages-0.xml",
                                  "/sitemap-stories-1.xml", "/sitemap-pages-99999999999999999999.xml"])
def test_a_sitemap_file_that_does_not_exist_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_long_section_is_split_into_files_of_at_most_50000_addresses(client, published_business, monkeypatch):
    monkeypatch.setattr(site, "URLS_PER_SITEMAP", 4)
    files = locations(client.get("/sitemap.xml"))
    pages = len(site.PUBLIC_PAGES)
    assert [f for f in files if "-pages-" in f] == [f"http://localhost/sitemap-pages-{n}.xml"
                                                     for n in range(1, -(-pages // 4) + 1)]
    assert len(locations(client.get("/sitemap-pages-1.xml"))) == 4


def test_health_answers_ok_for_the_database_and_the_search_index(client, search):
    search.backend.add_or_update([])  # the index exists on disk
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "search": "ok"}
    assert "no-store" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_health_answers_503_naming_what_failed(client, search, monkeypatch):
    monkeypatch.setattr(type(search.backend), "problem", lambda self: "the index directory is gone")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "search": "failed"}
    assert "/tmp" not in response.get_data(as_text=True)


def test_health_answers_503_when_the_database_cannot_be_reached(client, monkeypatch):
    import sqlalchemy as sa

    def unreachable(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(site, "_search_problem", lambda: None)
    monkeypatch.setattr(site.db.session, "execute", unreachable)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"database": "failed", "search": "ok"}

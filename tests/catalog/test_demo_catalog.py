"""The demo research databases: large, balanced by the overview's rules, with a queue to moderate."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.models import Business, Course, DuplicateFlag
from ccan_web.blueprints.catalog.moderation import moderation_queue
from ccan_web.blueprints.catalog.overview import business_overview, course_overview
from ccan_web.demo import load_demo
from ccan_web.demo_data.catalog import load_catalog_demo
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_LEVELS, COURSE_OUTCOMES, EntryStatus
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTOR_SLUGS


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """The demo's passwords at argon2's lowest cost, as in tests/test_demo.py: this is about data."""
    monkeypatch.setattr(accounts_services, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _count(db, model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def _catalog_line(summary: str) -> str:
    return next(line for line in summary.splitlines() if line.startswith("Catalog:"))


def _published(db, model) -> list:
    return list(db.session.scalars(sa.select(model).where(model.status == EntryStatus.PUBLISHED)))


def test_the_demo_catalog_is_large_balanced_and_loaded_only_once(db):
    summary = load_demo()
    db.session.commit()

    assert _count(db, Business) >= 600 and _count(db, Course) >= 200
    businesses, courses = business_overview(), course_overview()
    assert businesses.total >= 580 and courses.total >= 190
    assert all(check.met for check in businesses.country_checks + businesses.sector_checks)
    assert all(check.met for check in courses.language_checks + courses.sector_checks)
    assert {c.key for c in businesses.country_checks if c.count} == COUNTRY_CODES
    assert {c.key for c in businesses.sector_checks if c.count} == SECTOR_SLUGS
    assert {code for code, n in courses.by_language.items() if n} == set(LOCALES)

    published_courses = _published(db, Course)
    assert {c.format for c in published_courses} == set(COURSE_FORMATS)
    assert {c.outcome for c in published_courses} == set(COURSE_OUTCOMES)
    assert {c.level for c in published_courses} == set(COURSE_LEVELS)
    assert {c.is_free for c in published_courses} == {True, False}
    assert any(c.all_sectors for c in published_courses)
    assert all(c.url.startswith("https://") and ".example/" in c.url for c in published_courses)
    assert all(b.source_kind and b.city for b in _published(db, Business))

    catalog_line = _catalog_line(summary)
    assert catalog_line.startswith(f"Catalog: {_count(db, Business)} businesses")
    assert f"{businesses.total} published" in catalog_line

    before = {model.__name__: _count(db, model) for model in (Business, Course, DuplicateFlag)}
    summary = load_demo()
    db.session.commit()
    assert {model.__name__: _count(db, model) for model in (Business, Course, DuplicateFlag)} == before
    assert _catalog_line(summary) == "Catalog: the research databases already have entries; nothing added."


def test_the_demo_catalog_leaves_work_for_the_editors(db):
    load_demo()
    db.session.commit()

    queue = moderation_queue()
    assert len(queue.businesses) >= 8 and queue.courses
    # Typed again in another script or with the legal form in the name, and flagged automatically.
    assert len(queue.duplicates) >= 3
    for flag in queue.duplicates:
        assert flag.business.status == EntryStatus.PENDING
        assert flag.duplicate_of.status == EntryStatus.PUBLISHED
        assert flag.business.name_key == flag.duplicate_of.name_key
    assert {"Көшпенді Студио", "Pixel Forge Games LLC"} <= {f.business.name for f in queue.duplicates}
    for status in (EntryStatus.RETURNED, EntryStatus.REJECTED):
        entries = list(db.session.scalars(sa.select(Business).where(Business.status == status)))
        assert entries and all(e.moderation_note for e in entries)


def test_the_demo_catalog_is_not_mixed_into_a_catalog_that_has_entries(db, factories):
    member = factories.member()
    submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music"), member)

    summary = load_catalog_demo()

    assert "nothing added" in summary
    assert _count(db, Business) == 1 and _count(db, Course) == 0


def test_the_demo_catalog_pages_show_the_data(db, client):
    load_demo()
    db.session.commit()

    overview = client.get("/catalog/overview")
    assert overview.status_code == 200
    # Typed in Latin, found in Cyrillic; the Latin duplicate waits for an editor, so only one shows.
    businesses = client.get("/catalog/businesses?q=Zarbof&country=tj")
    assert businesses.status_code == 200
    assert "Зарбоф" in businesses.get_data(as_text=True) and ">Zarbof<" not in businesses.get_data(as_text=True)
    courses = client.get("/catalog/courses?language=tk")
    assert courses.status_code == 200 and "Türkmençe" in courses.get_data(as_text=True)

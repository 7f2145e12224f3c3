"""Query budgets: every page sends a small number of SQL statements, and the number does not grow
with the rows it shows (an N+1 fails here), on SQLite and on PostgreSQL alike.

The pages are measured on the demo data, then again after more of everything was added (members,
applications, catalog entries, revisions, audit entries): the count must be the same.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.board.models import Application
from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.models import Business, Course
from ccan_web.blueprints.competitions import applications
from ccan_web.blueprints.competitions.models import Competition, Entry
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.demo import DEMO_PASSWORD, load_demo
from ccan_web.documents import services as documents
from ccan_web.domain.catalog import EntryStatus
from tests.query_budget import counted_queries

BUDGET = 12  # statements per page, whatever the size of the tables
# Pages that gather one grouped query from each of many areas, with what they gather. They may not
# grow with the rows either; they only start from more.
PAGE_BUDGETS = {
    # the association, its officers, members by country, the roadmap's overview and its lag
    # section by section (documents and revisions of the regional text and the adaptations), the
    # partnership terms and declarations, the founding checklist and its answers, the reporting
    # years and reports, its history
    "/associations/kz": 17,
    # the same, with every checklist as the officer answers it and the association's own reports
    "/associations/kz/dashboard": 22,
}
MORE = 12  # of each kind added between the two measurements
# A list whose page fills up counts its results in one more statement (ccan_web/pagination.py): the
# only growth allowed, far below the MORE statements that loading each added row would take.
FULL_PAGE_COUNT = 1

DEMO = "@demo.ccan.example"
# (who, address); {business}, {course}, {member}, {application}, {audit} are filled from the data.
PAGES = [
    (None, "/"), (None, "/roadmap/"), (None, "/roadmap/regional"), (None, "/roadmap/kz"), (None, "/roadmap/map"),
    (None, "/catalog/businesses"), (None, "/catalog/courses"),
    (None, "/catalog/businesses?country=KZ&sector=music"), (None, "/catalog/businesses/{business}"),
    (None, "/catalog/courses/{course}"), (None, "/catalog/overview"), (None, "/catalog/methodology"),
    (None, "/search?q=design"), (None, "/associations/"), (None, "/associations/kz"), (None, "/toolkit/"),
    (None, "/toolkit/founding-checklist"), (None, "/auth/login"),
    (None, "/auth/register"), (None, "/stories/"),
    (None, "/events/"), (None, "/events/members-meeting"), (None, "/events/march-forum-2026"),
    ("nurlan.zhaksybekov", "/events/members-meeting"),
    ("aigerim.sarsenbaikyzy", "/events/"), ("aigerim.sarsenbaikyzy", "/events/members-meeting/manage"),
    ("aigerim.sarsenbaikyzy", "/events/members-meeting/participants"),
    ("nurlan.zhaksybekov", "/members/"), ("nurlan.zhaksybekov", "/members/{member}"),
    ("nurlan.zhaksybekov", "/account"), ("nurlan.zhaksybekov", "/account/profile"),
    ("ekaterina.li", "/catalog/moderation"), ("ekaterina.li", "/catalog/import"),
    ("ekaterina.li", "/catalog/methodology/history"),
    ("cholpon.sydykova", "/roadmap/regional/history"), ("cholpon.sydykova", "/roadmap/regional/edit"),
    ("cholpon.sydykova", "/roadmap/regional/diff"), ("cholpon.sydykova", "/roadmap/map?texts=drafts"),
    ("aigerim.sarsenbaikyzy", "/board/applications"), ("aigerim.sarsenbaikyzy", "/board/applications/{application}"),
    ("aigerim.sarsenbaikyzy", "/board/roster"), ("aigerim.sarsenbaikyzy", "/board/audit"),
    ("aigerim.sarsenbaikyzy", "/board/audit?before={audit}"),
    ("dauren.abilkasymov", "/associations/kz/dashboard"), ("dauren.abilkasymov", "/associations/kz/checklist/founding-checklist"),
    ("dauren.abilkasymov", "/associations/kz/edit"), ("aigerim.sarsenbaikyzy", "/associations/reports"),
    (None, "/competitions/"), (None, "/competitions/business-database-2026"),
    (None, "/competitions/business-database-2026/results"),
    ("nurlan.zhaksybekov", "/competitions/regional-showcase-2027"),
    ("nurlan.zhaksybekov", "/competitions/regional-showcase-2027/apply"),
    ("sarah.whitfield", "/competitions/jury"), ("sarah.whitfield", "/competitions/business-database-2026/jury/{entry}"),
    ("dilnoza.karimova", "/competitions/regional-showcase-2027/applications"),
    ("dilnoza.karimova", "/competitions/business-database-2026/applications"),
    ("dilnoza.karimova", "/competitions/business-database-2026/applications/{entry}"),
    ("dilnoza.karimova", "/competitions/business-database-2026/ranking"),
    ("dilnoza.karimova", "/competitions/regional-showcase-2027/questions"),
]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """The demo's passwords hashed at argon2's lowest cost, as in tests/test_demo.py."""
    monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _ids(db) -> dict[str, int]:
    published = EntryStatus.PUBLISHED
    return {
        "business": db.session.scalar(sa.select(sa.func.min(Business.id)).where(Business.status == published)),
        "course": db.session.scalar(sa.select(sa.func.min(Course.id)).where(Course.status == published)),
        "member": db.session.scalar(sa.select(User.id).where(User.email == f"nurlan.zhaksybekov{DEMO}")),
        "application": db.session.scalar(sa.select(sa.func.min(Application.id))),
        "audit": db.session.scalar(sa.select(sa.func.max(AuditEntry.id))),
        "entry": db.session.scalar(sa.select(sa.func.min(Entry.id)).join(Competition).where(
            Competition.slug == "business-database-2026")),
    }


def _measure(app, client, db) -> dict[tuple, int]:
    ids, counts, signed_in = _ids(db), {}, None
    client.post("/auth/logout")
    for who, address in PAGES:
        if who != signed_in:
            client.post("/auth/logout")
            if who:
                client.post("/auth/login", data={"email": f"{who}{DEMO}", "password": DEMO_PASSWORD})
            signed_in = who
        path = address.format(**ids)
        warm = client.get(path)
        assert warm.status_code == 200, (path, warm.headers.get("Location"))  # warm: a process's first-request checks
        with counted_queries(db.engine) as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[(who, address)] = len(statements)
    return counts


def _add_more(db, factories) -> None:
    editor = db.session.scalar(sa.select(User).where(User.email == f"ekaterina.li{DEMO}"))
    regional = documents.get_document("regional")
    showcase = db.session.scalar(sa.select(Competition).where(Competition.slug == "regional-showcase-2027"))
    for number in range(MORE):
        extra = factories.member(full_name=f"Extra Member {number}", country="KZ", city="Almaty")
        applications.save_entry(showcase, extra, applications.EntryData(
            "individual", f"Extra Member {number}", "KZ", "music"), submit=False)
        factories.applicant(full_name=f"Extra Applicant {number}")
        business = submit_business(BusinessData(
            name=f"Extra Studio {number}", legal_form="LLC", country="KZ", city="Almaty", primary_sector="music",
            other_sectors=("shows-events",), description="A recording studio.", founded_year=2015, size_band="small",
            source_kind="survey", source_detail="Survey"), editor).entry
        publish(business, editor)
        course = submit_course(CourseData(
            title=f"Extra course {number}", url=f"https://courses.example/extra-{number}", language="ru",
            format="video", improves="professional", outcome="income", sectors=("music",)), editor).entry
        publish(course, editor)
        head = documents.current_head(regional)
        documents.save(regional, head, documents.get_revision(regional, head).body + f"\nExtra line {number}.\n",
                       editor, f"Extra {number}")
    db.session.commit()
    _add_more_events(db)


def _add_more_events(db) -> None:
    from datetime import timedelta

    from ccan_web.blueprints.events import registrations, services
    from ccan_web.blueprints.events.registrations import RegistrationData
    from ccan_web.domain.zones import local_input

    board = db.session.scalar(sa.select(User).where(User.email == f"aigerim.sarsenbaikyzy{DEMO}"))
    meeting = services.event_by_slug("members-meeting")
    for number in range(MORE):
        registrations.register(meeting, RegistrationData(f"Extra Guest {number}", f"extra{number}@press.example"))
        starts = services.now() + timedelta(days=20 + number)
        event = services.create_event(services.EventData(
            title=f"Extra event {number}", kind="meeting", starts_local=local_input(starts, "Asia/Almaty"),
            ends_local=local_input(starts + timedelta(hours=1), "Asia/Almaty"), zone="Asia/Almaty"), board)
        services.take_step(event, "publish", board)
    db.session.commit()


def test_every_page_stays_within_its_query_budget_whatever_the_number_of_rows(app, client, db, factories):
    load_demo()
    db.session.commit()
    before = _measure(app, client, db)
    _add_more(db, factories)
    after = _measure(app, client, db)
    report = [f"{who or 'visitor'} {address}: {before[(who, address)]} → {after[(who, address)]} statements"
              for who, address in PAGES
              if after[(who, address)] > before[(who, address)] + FULL_PAGE_COUNT
              or max(before[(who, address)], after[(who, address)]) > PAGE_BUDGETS.get(address, BUDGET)]
    assert report == [], "\n".join(report)

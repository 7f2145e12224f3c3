"""Benchmark of every page kind, as each role sees it, at a real network's size, on SQLite and PostgreSQL.

The demo data, then 100,000 businesses and 20,000 courses (bench_catalog.py's generator), 2,000
members (and 200 pending applications), 300 revisions of the regional roadmap and 50,000 audit
entries. Each page is requested through the test client as its role would (signed in, warmed up);
p50/p95 server time per page per database, side by side. Target: every p95 <= 40 ms; the exit
status is 1 when one is over.
Usage: python benchmarks/bench_pages.py [--database-url sqlite --database-url postgresql+psycopg://...]
"""
from __future__ import annotations

import argparse
import functools
import gc
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from benchmarks import bench_catalog  # noqa: E402
from benchmarks.databases import add_database_argument, bench_database, database_urls, label  # noqa: E402
from benchmarks.databases import print_side_by_side  # noqa: E402
from benchmarks.measure import report, timings  # noqa: E402
from ccan_web import create_app  # noqa: E402
from ccan_web.audit import AuditEntry  # noqa: E402
from ccan_web.blueprints.accounts import services as accounts_services  # noqa: E402
from ccan_web.blueprints.accounts.models import RoleGrant, User, UserSector  # noqa: E402
from ccan_web.blueprints.board.models import Application  # noqa: E402
from ccan_web.blueprints.catalog.models import Business, Course  # noqa: E402
from ccan_web.demo import DEMO_PASSWORD, load_demo  # noqa: E402
from ccan_web.documents import services as documents  # noqa: E402
from ccan_web.domain.countries import COUNTRIES  # noqa: E402
from ccan_web.domain.sectors import SECTORS  # noqa: E402
from ccan_web.extensions import db  # noqa: E402
from ccan_web.search.indexing import search_index  # noqa: E402

MEMBERS = 2_000
APPLICANTS = 200
REVISIONS = 300
AUDIT_ENTRIES = 50_000
RUNS = 30
TARGET_MS = 40.0
DEMO = "@demo.ccan.example"
NOW = bench_catalog.NOW
FIRST_NAMES = ("Айгерим", "Aigerim", "Нурлан", "Nurlan", "Дильноза", "Dilnoza", "Бахтиёр", "Bakhtiyor", "Гульнара",
               "Gulnara", "Азамат", "Azamat", "Мерген", "Mergen", "Фарход", "Farkhod", "Жылдыз", "Jyldyz")
LAST_NAMES = ("Сарсенбаева", "Sarsenbayeva", "Жаксыбеков", "Zhaksybekov", "Каримова", "Karimova", "Рахимов",
              "Rakhimov", "Атаева", "Atayeva", "Сыдыкова", "Sydykova", "Назаров", "Nazarov", "Ким", "Kim")
ACTIONS = ("application.approved", "application.rejected", "catalog.published", "catalog.rejected",
           "role.granted", "document.published", "catalog.import")

VISITOR, MEMBER, EDITOR, ROADMAP_EDITOR, BOARD = (None, "nurlan.zhaksybekov", "ekaterina.li", "cholpon.sydykova",
                                                 "aigerim.sarsenbaikyzy")
# (who, page, address); {business}, {course}, {member}, {application}, {head}, {old}, {audit_deep} come
# from the data.
PAGES = [
    (VISITOR, "home", "/"),
    (VISITOR, "roadmap", "/roadmap/"),
    (VISITOR, "roadmap regional", "/roadmap/regional"),
    (VISITOR, "roadmap kz (adaptation)", "/roadmap/kz"),
    (VISITOR, "overview", "/catalog/overview"),
    (VISITOR, "methodology", "/catalog/methodology"),
    (VISITOR, "businesses", "/catalog/businesses"),
    (VISITOR, "businesses country & sector", "/catalog/businesses?country=KZ&sector=music"),
    (VISITOR, "businesses city", "/catalog/businesses?city=Almaty"),
    (VISITOR, "businesses q=media", "/catalog/businesses?q=media"),
    (VISITOR, "businesses newest, page 50", "/catalog/businesses?sort=newest&page=50"),
    (VISITOR, "businesses htmx fragment", "/catalog/businesses?country=UZ&sector=software&hx"),
    (VISITOR, "courses", "/catalog/courses"),
    (VISITOR, "courses language & format & free", "/catalog/courses?language=ru&format=video&price=free"),
    (VISITOR, "business entry", "/catalog/businesses/{business}"),
    (VISITOR, "course entry", "/catalog/courses/{course}"),
    (VISITOR, "API businesses country", "/api/v1/businesses?country=UZ"),
    (VISITOR, "search q=design", "/search?q=design"),
    (VISITOR, "associations", "/associations/"),
    (VISITOR, "association kz", "/associations/kz"),
    (VISITOR, "stories", "/stories/"),
    (VISITOR, "sign-in form", "/auth/login"),
    (VISITOR, "registration form", "/auth/register"),
    (MEMBER, "member: home", "/"),
    (MEMBER, "member: directory", "/members/"),
    (MEMBER, "member: directory country & sector", "/members/?country=KZ&sector=music"),
    (MEMBER, "member: directory q=azamat", "/members/?q=azamat"),
    (MEMBER, "member: directory page 40", "/members/?page=40"),
    (MEMBER, "member: profile", "/members/{member}"),
    (MEMBER, "member: account", "/account"),
    (MEMBER, "member: account profile form", "/account/profile"),
    (EDITOR, "editor: moderation", "/catalog/moderation"),
    (EDITOR, "editor: import", "/catalog/import"),
    (EDITOR, "editor: methodology history", "/catalog/methodology/history"),
    (ROADMAP_EDITOR, "roadmap editor: history", "/roadmap/regional/history"),
    (ROADMAP_EDITOR, "roadmap editor: history page 5", "/roadmap/regional/history?page=5"),
    (ROADMAP_EDITOR, "roadmap editor: diff head-1..head", "/roadmap/regional/diff"),
    (ROADMAP_EDITOR, "roadmap editor: diff across 300", "/roadmap/regional/diff?from={old}&to={head}"),
    (ROADMAP_EDITOR, "roadmap editor: old revision", "/roadmap/regional/rev/{old}"),
    (ROADMAP_EDITOR, "roadmap editor: edit form", "/roadmap/regional/edit"),
    (BOARD, "board: queue", "/board/applications"),
    (BOARD, "board: queue, approved", "/board/applications?status=approved"),
    (BOARD, "board: application", "/board/applications/{application}"),
    (BOARD, "board: roster", "/board/roster"),
    (BOARD, "board: audit", "/board/audit"),
    (BOARD, "board: audit page 500", "/board/audit?before={audit_deep}"),  # 24,950 entries back, by id
    (BOARD, "board: audit action", "/board/audit?action=catalog.published"),
]


def seed_people(rng: random.Random) -> None:
    """Members (approved, with sectors) and applicants (pending), in bulk; passwords never used."""
    first = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    users, grants, sectors, applications = [], [], [], []
    countries = [c.code for c in COUNTRIES]
    for offset in range(MEMBERS + APPLICANTS):
        user_id, member = first + offset, offset < MEMBERS
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        joined = NOW - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        city = rng.choice(bench_catalog.CITIES[rng.choice(countries)])
        users.append({"id": user_id, "email": f"person{user_id}@bench.ccan.example", "password_hash": "!",
                      "session_token": f"bench{user_id:027d}", "full_name": name, "applicant_type": "individual",
                      "country": rng.choice(countries), "city": city, "search_text": f"{name} {city}".casefold(),
                      "created_at": joined, "updated_at": joined})
        applications.append({"user_id": user_id, "status": "approved" if member else "pending",
                             "motivation": "To meet the region's creative people.", "submitted_at": joined,
                             "decided_at": joined if member else None, "created_at": joined, "updated_at": joined})
        if member:
            grants.append({"user_id": user_id, "role": "member", "scope": None, "scope_key": "",
                           "created_at": joined, "updated_at": joined})
            sectors.extend({"user_id": user_id, "sector": s} for s in rng.sample(list(SECTORS), rng.randint(1, 3)))
    for model, rows in ((User, users), (Application, applications), (RoleGrant, grants), (UserSector, sectors)):
        db.session.execute(sa.insert(model.__table__), rows)
    db.session.commit()


def seed_revisions(rng: random.Random) -> None:
    """Saved through the document engine, one paragraph changed each time, as editors work."""
    editor = db.session.scalar(sa.select(User).where(User.email == f"{ROADMAP_EDITOR}{DEMO}"))
    regional = documents.get_document("regional")
    for number in range(REVISIONS):
        head = documents.current_head(regional)
        lines = documents.get_revision(regional, head).body.split("\n")
        where = rng.randrange(len(lines))
        lines.insert(where, f"An added sentence, number {number}.")
        documents.save(regional, head, "\n".join(lines), editor, f"Edit {number}")
        if number % 50 == 49:
            db.session.commit()
    db.session.commit()


def seed_audit(rng: random.Random) -> None:
    actors = db.session.scalars(sa.select(User.id).limit(50)).all()
    rows = [{"created_at": NOW - timedelta(minutes=AUDIT_ENTRIES - n), "actor_id": rng.choice(actors),
             "action": rng.choice(ACTIONS), "subject_type": "business", "subject_id": rng.randint(1, 100_000),
             "details": {}} for n in range(AUDIT_ENTRIES)]
    for start in range(0, len(rows), bench_catalog.BATCH):
        db.session.execute(sa.insert(AuditEntry.__table__), rows[start:start + bench_catalog.BATCH])
    db.session.commit()


def seed(app) -> dict[str, int]:
    """Everything, committed; the ids the pages' addresses need."""
    rng = random.Random(2026)
    with app.app_context():
        upgrade()
        for name, step in (("demo", lambda: (load_demo(), db.session.commit())),
                           ("100,000 businesses and 20,000 courses", lambda: bench_catalog.seed(rng)),
                           (f"{MEMBERS:,} members and {APPLICANTS} applicants", lambda: seed_people(rng)),
                           (f"{REVISIONS} revisions", lambda: seed_revisions(rng)),
                           (f"{AUDIT_ENTRIES:,} audit entries", lambda: seed_audit(rng)),
                           ("the search index", lambda: search_index(app).rebuild())):
            start = time.perf_counter()
            step()
            print(f"  seeded {name} in {time.perf_counter() - start:.1f} s", flush=True)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("ANALYZE"))  # as autovacuum would soon after a bulk load
        regional = documents.get_document("regional")
        head = documents.current_head(regional)
        ids = {
            "business": db.session.scalar(sa.select(sa.func.max(Business.id))),
            "course": db.session.scalar(sa.select(sa.func.max(Course.id))),
            "member": db.session.scalar(sa.select(User.id).where(User.email == f"{MEMBER}{DEMO}")),
            "application": db.session.scalar(sa.select(sa.func.max(Application.id))
                                             .where(Application.status == "pending")),
            "head": head, "old": max(1, head - REVISIONS),
            # The audit log is paged by id: where its 500th page of 50 starts.
            "audit_deep": db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) - 499 * 50 + 1,
        }
        db.session.remove()
    return ids


def measure(app, ids: dict[str, int], runs: int) -> dict[str, tuple[float, float]]:
    client, signed_in, figures = app.test_client(), None, {}
    for who, name, address in PAGES:
        if who != signed_in:
            client.post("/auth/logout")
            if who:
                response = client.post("/auth/login", data={"email": f"{who}{DEMO}", "password": DEMO_PASSWORD})
                assert response.status_code == 302, (who, response.status_code)
            signed_in = who
        path = address.format(**ids)
        headers = {"HX-Request": "true"} if path.endswith("&hx") else {}

        def get(path=path.removesuffix("&hx"), headers=headers):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code, response.headers.get("Location"))

        figures[name] = timings(get, runs, warmup=3)
        report(name, *figures[name], target_ms=TARGET_MS)
    return figures


def run(url: str, workdir: Path, runs: int) -> dict[str, tuple[float, float]]:
    with bench_database(url, workdir) as database_url:
        # Without an index kept in step, the lists answer words from the database: the path measured,
        # as in bench_catalog.py. /search reads the Whoosh index, built over the seeded data before
        # anything is timed: an empty one would be rebuilt in a background thread by the first
        # search, and that rebuild (a minute of both cores) would be timed in every page after it.
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url,
                          "SEARCH_INDEX_DIR": str(workdir / "index"), "SEARCH_AUTO_INDEX": False,
                          "SEARCH_CHECK_INTERVAL": 0, "TESTING": True, "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                          "REMEMBER_COOKIE_SECURE": False, "LOG_LEVEL": "WARNING"})
        ids = seed(app)
        gc.collect()
        try:
            return measure(app, ids, runs)
        finally:
            with app.app_context():
                search_index(app).close()
                db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--runs", type=int, default=RUNS, help="measured requests per page (default %(default)s)")
    args = parser.parse_args()
    # The demo's passwords hashed at argon2's lowest cost: seeding measures nothing, and sign-in is not timed.
    accounts_services._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    results = {}
    for url in database_urls(args):
        print(f"== {label(url)}", flush=True)
        with tempfile.TemporaryDirectory(prefix="ccan-bench-pages-") as path:
            results[label(url)] = run(url, Path(path), args.runs)
    return 0 if print_side_by_side(results, TARGET_MS) else 1


if __name__ == "__main__":
    sys.exit(main())

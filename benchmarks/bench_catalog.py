"""Benchmark of the research databases: 100,000 published businesses and 20,000 published courses.

Prints p50/p95 of the catalog's list pages (with and without filters, a far page, an htmx
fragment), the research overview and the API, each measured through the real endpoint, with the
lists' words matched by the database; `--search` also builds the search index and times words
through the search service. Target on the project's 2-core machine: each ≤ 40 ms.
Usage: python benchmarks/bench_catalog.py [--search] [--database-url sqlite --database-url postgresql+psycopg://...]   (`make bench` runs it without --search)
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask.testing import FlaskClient  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402
from werkzeug.test import TestResponse  # noqa: E402

from benchmarks.databases import add_database_argument, bench_database, database_urls, label  # noqa: E402
from benchmarks.databases import print_side_by_side  # noqa: E402
from benchmarks.measure import report as report_within  # noqa: E402
from benchmarks.measure import timings  # noqa: E402
from ccan_web import create_app  # noqa: E402
from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector  # noqa: E402
from ccan_web.domain.catalog import (COURSE_FORMATS, COURSE_IMPROVES, COURSE_LEVELS, COURSE_OUTCOMES,  # noqa: E402
                                     SIZE_BANDS, EntryStatus, business_name_key)
from ccan_web.domain.countries import COUNTRIES  # noqa: E402
from ccan_web.domain.languages import LOCALES  # noqa: E402
from ccan_web.domain.sectors import SECTORS  # noqa: E402
from ccan_web.domain.transliteration import latin_key  # noqa: E402
from ccan_web.extensions import db  # noqa: E402
from ccan_web.search.indexing import search_index  # noqa: E402

BUSINESSES = 100_000
COURSES = 20_000
NAMES = 6_000  # distinct business names before numbered ones
BATCH = 5_000
RUNS = 30
TARGET_MS = 40.0
report = functools.partial(report_within, target_ms=TARGET_MS)
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)

# A few cities per country, written in Cyrillic by some submitters and in Latin by others.
CITIES = {
    "KZ": ("Алматы", "Almaty", "Астана", "Astana", "Шымкент", "Shymkent", "Караганда"),
    "KG": ("Бишкек", "Bishkek", "Ош", "Osh", "Каракол"),
    "TJ": ("Душанбе", "Dushanbe", "Худжанд", "Khujand"),
    "TM": ("Ашхабад", "Ashgabat", "Туркменабат", "Mary"),
    "UZ": ("Ташкент", "Tashkent", "Самарканд", "Samarkand", "Бухара", "Bukhara", "Andijan"),
}
LEGAL_FORMS = ("", "", "ТОО", "ООО", "ИП", "LLC", "MChJ", "ОсОО")
NAME_WORDS = ("Студия", "Studio", "Медиа", "Media", "Арт", "Art", "Дизайн", "Design", "Звук", "Sound", "Кино",
              "Film", "Nomad", "Номад", "Алтын", "Altyn", "Тенгри", "Tengri", "Шёлковый", "Silk", "Путь", "Road",
              "Games", "Игры", "Lab", "Мастерская", "Crafts", "Ремёсла", "Творчество", "Creative", "Hub", "Цифра",
              "Digital", "Театр", "Theatre", "Музыка", "Music", "Events", "Праздник", "Pixel", "Код", "Code",
              "Степь", "Steppe", "Восток", "East", "Сапар", "Samal", "Жибек", "Aksu")
COMMON_WORD = "media"  # "Медиа" and "Media" both become this key
TITLE_WORDS = ("Основы", "Introduction", "to", "маркетинга", "marketing", "дизайна", "design", "for", "для",
               "creative", "креативных", "индустрий", "industries", "Продвижение", "music", "музыки", "экспорт",
               "export", "финансы", "finance", "Advanced", "storytelling", "анимация", "animation", "права",
               "copyright", "Продюсирование", "production", "игр", "games", "онлайн", "online")
PROVIDERS = ("Coursera", "British Council", "Goethe-Institut", "Stepik", "Skillbox", "UNESCO", "Нетология",
             "Алматинская школа дизайна", "Tashkent Creative Lab", "ЕврАзийский университет", "")


# Names and cities repeat, and their keys cost more to compute than everything else in a row.
name_key = functools.lru_cache(maxsize=None)(business_name_key)
city_key = functools.lru_cache(maxsize=None)(latin_key)


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def business_rows(rng: random.Random) -> Iterator[tuple[dict, list[str]]]:
    """One business (as a row for a bulk insert) and its other sectors, over and over."""
    assert set(CITIES) == {c.code for c in COUNTRIES}
    countries = {c.code: c.population_millions for c in COUNTRIES}  # more businesses where more people live
    sectors = list(SECTORS)
    sector_weights = [rng.randint(4, 14) for _ in sectors]  # uneven, like the real catalog
    names = [(rng.choice(LEGAL_FORMS), " ".join(rng.choice(NAME_WORDS) for _ in range(rng.randint(1, 3))))
             for _ in range(NAMES)]
    for number in range(BUSINESSES):
        country = weighted(rng, countries)
        city = rng.choice(CITIES[country])
        legal_form, name = rng.choice(names)  # names repeat across cities, as in the real catalog
        if rng.random() < 0.1:
            name = f"{name} {number}"
        full_name = f"{legal_form} «{name}»" if legal_form else name
        primary = rng.choices(sectors, weights=sector_weights)[0]
        published = NOW - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        row = {
            "name": full_name, "name_key": name_key(full_name), "legal_form": legal_form,
            "country": country, "region": "", "city": city, "city_key": city_key(city), "primary_sector": primary,
            "founded_year": rng.randint(1990, 2025) if rng.random() < 0.7 else None,
            "size_band": rng.choice(list(SIZE_BANDS)), "website": f"https://example.org/b/{number}",
            "social_links": [], "contact_email": "", "contact_phone": "", "contact_public": False,
            "status": EntryStatus.PUBLISHED, "moderation_note": "", "published_at": published,
            "source_kind": "survey", "source_detail": "CCAN bench", "description": "",
            "created_at": published, "updated_at": published,
        }
        others = rng.sample([s for s in sectors if s != primary], rng.randint(1, 3)) if rng.random() < 0.3 else []
        yield row, others


def course_rows(rng: random.Random) -> Iterator[tuple[dict, list[str]]]:
    """One course (as a row for a bulk insert) and its sectors (none if it serves all sectors)."""
    languages = {"ru": 35, "en": 25, "kk": 12, "uz": 12, "ky": 7, "tg": 5, "tk": 4}
    assert set(languages) == set(LOCALES)
    for number in range(COURSES):
        title = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        provider = rng.choice(PROVIDERS)
        all_sectors = rng.random() < 0.25
        published = NOW - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        row = {
            "title": title, "provider": provider, "search_key": latin_key(f"{title} {provider}")[:420],
            "url": f"https://example.org/c/{number}", "language": weighted(rng, languages),
            "all_sectors": all_sectors, "format": rng.choice(list(COURSE_FORMATS)),
            "improves": rng.choice(list(COURSE_IMPROVES)), "outcome": rng.choice(list(COURSE_OUTCOMES)),
            "level": rng.choice(list(COURSE_LEVELS)), "is_free": rng.random() < 0.6, "duration": "",
            "status": EntryStatus.PUBLISHED, "moderation_note": "", "published_at": published,
            "source_kind": "url", "source_detail": "CCAN bench", "description": "",
            "created_at": published, "updated_at": published,
        }
        yield row, [] if all_sectors else rng.sample(list(SECTORS), rng.randint(1, 3))


def seed(rng: random.Random) -> None:
    """Core bulk inserts in batches (one executemany each); ids are given, so links need no read-back.
    Ids follow those already in the tables (the demo's, in bench_pages.py)."""
    for model, link, key, rows in ((Business, BusinessSector, "business_id", business_rows(rng)),
                                   (Course, CourseSector, "course_id", course_rows(rng))):
        first = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        entries: list[dict] = []
        links: list[dict] = []
        for number, (row, sectors) in enumerate(rows, start=first):
            entries.append({"id": number, **row})
            links.extend({key: number, "sector": sector} for sector in sectors)
            if len(entries) == BATCH:
                db.session.execute(insert(model.__table__), entries)
                entries = []
        if entries:
            db.session.execute(insert(model.__table__), entries)
        for start in range(0, len(links), BATCH):
            db.session.execute(insert(link.__table__), links[start:start + BATCH])
        db.session.commit()


class Endpoint(NamedTuple):
    name: str
    url: str
    headers: Mapping[str, str] = {}


FRAGMENT = Endpoint("htmx fragment, country=KZ & sector=music", "/catalog/businesses?country=KZ&sector=music",
                    {"HX-Request": "true"})
ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("overview", "/catalog/overview"),
    Endpoint("businesses, no filter", "/catalog/businesses"),
    Endpoint("businesses, country=KZ & sector=music", "/catalog/businesses?country=KZ&sector=music"),
    Endpoint("businesses, city=Almaty", "/catalog/businesses?city=Almaty"),
    Endpoint(f"businesses, q={COMMON_WORD}", f"/catalog/businesses?q={COMMON_WORD}"),
    Endpoint("businesses, sort=newest & page=50", "/catalog/businesses?sort=newest&page=50"),
    FRAGMENT,
    Endpoint("courses, language=ru & format=video & price=free",
             "/catalog/courses?language=ru&format=video&price=free"),
    Endpoint("courses, sector=music", "/catalog/courses?sector=music"),
    Endpoint("API businesses, country=UZ", "/api/v1/businesses?country=UZ"),
)


# With --search: words in a list go through the search service once its index is built.
SEARCHED: tuple[Endpoint, ...] = (
    Endpoint(f"businesses, q={COMMON_WORD} (search service)", f"/catalog/businesses?q={COMMON_WORD}"),
    Endpoint(f"businesses, q={COMMON_WORD} & country=KZ (search service)",
             f"/catalog/businesses?q={COMMON_WORD}&country=KZ"),
    Endpoint(f"API businesses, q={COMMON_WORD} & per_page=200 (search service)",
             f"/api/v1/businesses?q={COMMON_WORD}&per_page=200"),
)


def get(client: FlaskClient, endpoint: Endpoint) -> TestResponse:
    """One request, as a browser (or htmx) makes it; anything but 200 stops the benchmark."""
    response = client.get(endpoint.url, headers=endpoint.headers)
    assert response.status_code == 200, (endpoint.url, response.status_code)
    return response


def check(client: FlaskClient) -> None:
    """Every measured list finds entries, and the fragment is a fragment: else the figures mean nothing."""
    for endpoint in ENDPOINTS:
        body = get(client, endpoint).get_data(as_text=True)
        if "/api/" in endpoint.url:
            assert json.loads(body)["items"], endpoint.url
        elif "overview" not in endpoint.url:
            assert 'class="member-card"' in body, endpoint.url
    fragment = get(client, FRAGMENT).get_data(as_text=True)
    # The results' section, after the out-of-band "Filters (n)" label that the fragment updates too.
    assert '<section id="catalog-results"' in fragment and "<html" not in fragment, "not a fragment"


def run(workdir: Path, search: bool, database_url: str) -> dict[str, tuple[float, float]]:
    # Without an index kept in step, the lists answer words from the database (as they do while
    # the index is rebuilt, or for filters search cannot apply): that path is the one measured.
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url, "LOG_LEVEL": "WARNING",
                      "SEARCH_INDEX_DIR": str(workdir / "index"), "SEARCH_AUTO_INDEX": False, "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    with app.app_context():
        upgrade()
        start = time.perf_counter()
        seed(random.Random(2026))
        print(f"seeded {BUSINESSES:,} businesses and {COURSES:,} courses in {time.perf_counter() - start:.1f} s")
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))  # as autovacuum would soon after a bulk load
        db.session.remove()
    gc.collect()

    client = app.test_client()
    check(client)
    figures: dict[str, tuple[float, float]] = {}

    def measured(endpoint) -> None:  # warm-up: templates compiled, statements cached, pages in the cache
        figures[endpoint.name] = timings(functools.partial(get, client, endpoint), RUNS, warmup=3)
        report(endpoint.name, *figures[endpoint.name])

    for endpoint in ENDPOINTS:
        measured(endpoint)
    if search:
        with app.app_context():
            start = time.perf_counter()
            indexed = search_index(app).rebuild()
            print(f"search index of {indexed:,} entries built in {time.perf_counter() - start:.1f} s")
        app.config["SEARCH_AUTO_INDEX"] = True
        for endpoint in SEARCHED:
            measured(endpoint)
    with app.app_context():
        search_index(app).close()
        db.engine.dispose()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true",
                        help="also build the search index (about 2 minutes) and time words through it")
    add_database_argument(parser)
    args = parser.parse_args()
    results = {}
    for url in database_urls(args):
        print(f"== {label(url)}", flush=True)
        with tempfile.TemporaryDirectory(prefix="ccan-bench-catalog-") as path:  # about 130 MB
            with bench_database(url, Path(path)) as database_url:
                results[label(url)] = run(Path(path), args.search, database_url)
    return 0 if print_side_by_side(results, TARGET_MS) else 1


if __name__ == "__main__":
    sys.exit(main())

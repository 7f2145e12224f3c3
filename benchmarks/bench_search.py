"""Benchmark of the search engine on its raw backends: 100,000 businesses and 20,000 courses.

Deterministic mixed Russian/English data. Prints for each backend: full rebuild time, p50/p95 of
as-you-type queries (prefixes of 2-5 letters), faceted queries (two words + facet counts) and
filtered queries, and the time until one edit is searchable. Targets on the project's 2-core
machine: as-you-type p95 ≤ 25 ms, faceted p95 ≤ 60 ms, rebuild ≤ 60 s, an edit ≤ 1 s.
Usage: python benchmarks/bench_search.py [whoosh|postgres ...] [--businesses N] [--courses N]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from benchmarks import measure  # noqa: E402
from ccan_web.search.backend import SearchBackend  # noqa: E402
from ccan_web.search.documents import SearchDocument, SearchQuery  # noqa: E402

PG_URL = "postgresql+psycopg://127.0.0.1:5432/test"
TARGETS_MS = {"as-you-type": 25.0, "faceted": 60.0, "filtered": 60.0}
COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ")
SECTORS = ("fashion-design-crafts", "film-animation-xr", "music", "theatre-dance",
           "publishing-literature", "contemporary-art", "architecture", "tv-radio-new-media",
           "games-esports", "software", "entertainment", "shows-events", "advertising")
LANGUAGES = ("ru", "en", "kk", "ky", "tg", "tk", "uz")
FORMATS = ("video", "text", "audio", "mixed")
CITIES = "Алматы Almaty Астана Astana Бишкек Bishkek Ош Osh Душанбе Dushanbe Ашхабад Ashgabat " \
         "Тошкент Toshkent Самарканд Samarkand Бухара Bukhara Шымкент Shymkent".split()
EN = ("design studio creative agency music film animation theatre dance publishing books art "
      "gallery architecture bureau media radio television games esports software development "
      "events festival advertising marketing crafts fashion textile ceramics photography "
      "education workshop export market platform digital heritage sound production").split()
RU = ("дизайн студия креативное агентство музыка кино анимация театр танец издательство книги "
      "искусство галерея архитектура бюро медиа радио телевидение игры киберспорт разработка "
      "программ события фестиваль реклама маркетинг ремесла мода текстиль керамика фотография "
      "обучение мастерская экспорт рынок платформа цифровой наследие звук производство "
      "дизайнеры художники музыканты компании проекты").split()
NAMES = "Nur Ak Zhas Ay Kok Tengri Silk Samal Arman Orda Umid Baraka Navruz Sado Yurt".split()


def words(rng: random.Random, n: int) -> str:
    vocabulary = RU if rng.random() < 0.5 else EN
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def generate(businesses: int, courses: int, seed: int = 6) -> Iterator[SearchDocument]:
    """The same documents on every run."""
    rng = random.Random(seed)
    for n in range(businesses):
        yield SearchDocument(
            key=f"business:{n}", kind="business",
            title=f"{rng.choice(NAMES)} {words(rng, 2).title()} {rng.choice(CITIES)}",
            body=f"{words(rng, rng.randint(15, 40))}. {rng.choice(CITIES)}.",
            url=f"/catalog/businesses/{n}", country=rng.choice(COUNTRIES),
            sectors=tuple(sorted(set(rng.sample(SECTORS, rng.choice((1, 1, 2, 3)))))),
            version="1")
    for n in range(courses):
        yield SearchDocument(
            key=f"course:{n}", kind="course", title=words(rng, rng.randint(3, 6)).capitalize(),
            body=words(rng, rng.randint(20, 60)), url=f"/catalog/courses/{n}",
            sectors=(rng.choice(SECTORS),), language=rng.choice(LANGUAGES),
            format=rng.choice(FORMATS), version="1")


def queries(seed: int = 7, runs: int = 200) -> dict[str, list[SearchQuery]]:
    rng = random.Random(seed)
    vocabulary = EN + RU + CITIES
    typed = [rng.choice(vocabulary) for _ in range(runs)]
    return {
        "as-you-type": [SearchQuery(w[:rng.randint(2, 5)], per_page=10) for w in typed],
        "faceted": [SearchQuery(f"{rng.choice(EN + RU)} {rng.choice(EN + RU)}")
                    for _ in range(runs)],
        "filtered": [SearchQuery(rng.choice(vocabulary), kinds=frozenset({"business"}),
                                 facets={"country": frozenset(rng.sample(COUNTRIES, 2)),
                                         "sectors": frozenset({rng.choice(SECTORS)})})
                     for _ in range(runs)],
    }


def percentiles(function: Callable[[SearchQuery], object], items: list[SearchQuery]):
    samples = []
    for item in items:
        start = time.perf_counter()
        function(item)
        samples.append((time.perf_counter() - start) * 1000)
    return measure.percentiles(samples)


def bench(name: str, backend: SearchBackend, businesses: int, courses: int) -> bool:
    ok = True
    start = time.perf_counter()
    indexed = backend.rebuild(generate(businesses, courses))
    seconds = time.perf_counter() - start
    ok &= seconds <= 60
    print(f"[{name}] rebuild of {indexed:,} documents: {seconds:6.1f} s "
          f"{'ok' if seconds <= 60 else 'OVER TARGET'}")
    backend.search(SearchQuery("warm up"))  # opening files, reading facet columns
    for label, items in queries().items():
        p50, p95 = percentiles(backend.search, items)
        fine = p95 <= TARGETS_MS[label]
        ok &= fine
        print(f"[{name}] {label:<12} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   "
              f"{'ok' if fine else 'OVER TARGET'}")
    edited = SearchDocument(key="business:1", kind="business", title="Zzyzx Quokka Studio",
                            body="A fresh edit", url="/catalog/businesses/1", country="KZ")
    start = time.perf_counter()
    backend.add_or_update([edited])
    found = backend.search(SearchQuery("quokka")).total
    seconds = time.perf_counter() - start
    ok &= found == 1 and seconds <= 1
    print(f"[{name}] one edit searchable after {seconds * 1000:7.1f} ms (found: {found})")
    return ok


def whoosh(businesses: int, courses: int) -> bool:
    from ccan_web.search.whoosh_backend import WhooshBackend

    with tempfile.TemporaryDirectory(prefix="ccan-bench-search-") as path:
        backend = WhooshBackend(path)
        try:
            return bench("whoosh", backend, businesses, courses)
        finally:
            backend.close()


@contextmanager
def pg_schema() -> Iterator[str]:
    """The URL of a new PostgreSQL schema of its own, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def postgres(businesses: int, courses: int) -> bool:
    from ccan_web.search.postgres_backend import PostgresBackend

    with pg_schema() as url:
        engine = sa.create_engine(url)
        try:
            return bench("postgres", PostgresBackend(engine), businesses, courses)
        finally:
            engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", default=["whoosh", "postgres"])
    parser.add_argument("--businesses", type=int, default=100_000)
    parser.add_argument("--courses", type=int, default=20_000)
    args = parser.parse_args()
    runners = {"whoosh": whoosh, "postgres": postgres}
    results = [runners[name](args.businesses, args.courses) for name in args.backends]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

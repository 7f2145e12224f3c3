"""Relevance of search on the demo catalog: nDCG@10 of the judged query set (tests/search/relevance.py)
on each backend, with the queries that score lowest. Target: ≥ 0.9 on both.

The demo is loaded into a temporary SQLite database through the migrations, as `flask ccan demo`
does; PostgreSQL is measured in a schema of its own when its server answers.
Usage: python benchmarks/bench_relevance.py [whoosh|postgres ...]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from ccan_web.search.documents import SearchDocument, SearchQuery  # noqa: E402
from tests.search.relevance import QUERIES, grades, ndcg  # noqa: E402

TARGET = 0.9


def demo_documents(workdir: Path) -> list[SearchDocument]:
    from argon2 import PasswordHasher
    from flask_migrate import upgrade

    from ccan_web import create_app
    from ccan_web.blueprints.accounts import services as accounts_services
    from ccan_web.blueprints.catalog.search_sources import search_sources
    from ccan_web.demo import load_demo
    from ccan_web.extensions import db
    from tests.conftest import make_config

    # The demo's passwords at argon2's lowest cost: this measures search, not hashing.
    accounts_services._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # noqa: SLF001
    app = create_app(make_config(f"sqlite:///{workdir / 'demo.db'}", str(workdir / "index")))
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        return [doc for source in search_sources() for doc in source.load_all(db.session)]


def measure(name: str, backend, docs: list[SearchDocument]) -> bool:
    backend.rebuild(docs)
    scores = {}
    for judged in QUERIES:
        hits = backend.search(SearchQuery(text=judged.query, per_page=10)).hits
        scores[judged.query] = ndcg([hit.key for hit in hits], grades(judged, docs))
    mean = sum(scores.values()) / len(scores)
    worst = sorted(scores.items(), key=lambda item: item[1])[:5]
    print(f"{name:<10} nDCG@10 {mean:.3f} over {len(scores)} queries{'' if mean >= TARGET else '  ! below target'}")
    print("           lowest: " + ", ".join(f"{query!r} {score:.2f}" for query, score in worst))
    return mean >= TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", default=["whoosh", "postgres"])
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        docs = demo_documents(workdir)
        print(f"{len(docs)} demo entries, target nDCG@10 >= {TARGET}")
        if "whoosh" in args.backends:
            from ccan_web.search.whoosh_backend import WhooshBackend

            backend = WhooshBackend(workdir / "relevance-index")
            try:
                ok &= measure("whoosh", backend, docs)
            finally:
                backend.close()
        if "postgres" in args.backends:
            from benchmarks.bench_search import pg_schema
            from ccan_web.search.postgres_backend import PostgresBackend

            try:
                with pg_schema() as url:
                    engine = sa.create_engine(url)
                    try:
                        ok &= measure("postgres", PostgresBackend(engine), docs)
                    finally:
                        engine.dispose()
            except sa.exc.OperationalError as error:
                print(f"postgres   not measured: the server does not answer ({error.orig})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the search index after faults, at the size of a real catalog, for each backend.

Seeds 20,000 businesses and 4,000 courses (bench_catalog.py's generator; SQLite for Whoosh, a
PostgreSQL schema of its own for the PostgreSQL backend) and builds the index.
Prints what the periodic check costs when all is well (target p95 ≤ 50 ms: it runs every
SEARCH_CHECK_INTERVAL seconds in each process), then for each fault what /search answers
meanwhile, how long the repair takes, what `flask search verify` says and whether `--fix`
brings the index back in step. The faults, each after the index has served searches: for Whoosh
the index directory deleted, random bytes over its files, its segment files truncated, a file in
its place; for PostgreSQL each search table dropped, a column dropped or of another type; for
both, an import of 20,000 entries in one commit whose process is killed (SIGKILL) as the
after-commit index update begins. Every fault must end with /search answering 200 throughout,
the index in step and verify exiting 0, or the exit status is 1.
Usage: python benchmarks/bench_search_faults.py [whoosh|postgres ...] [--businesses N] [--courses N]
       [--imported N]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from benchmarks import bench_catalog  # noqa: E402
from benchmarks.bench_search import pg_schema  # noqa: E402
from benchmarks.measure import timings  # noqa: E402
from ccan_web import create_app  # noqa: E402
from ccan_web.cli import search_cli  # noqa: E402
from ccan_web.extensions import db  # noqa: E402
from ccan_web.search.indexing import search_index  # noqa: E402
from tests.search.damage import POSTGRES_DAMAGE, WHOOSH_DAMAGE  # noqa: E402

CHECK_TARGET_MS = 50.0
BEING_BUILT = "The search index is being built"

_IMPORT_THEN_DIE = textwrap.dedent("""
    import os, signal, sys, time
    from datetime import datetime, timezone

    from ccan_web import create_app
    from ccan_web.blueprints.catalog.models import Business
    from ccan_web.extensions import db
    from ccan_web.search.indexing import SearchIndex

    def killed(index, keys):  # the commit is in; the process dies before the index hears of it
        print(f"committed in {time.perf_counter() - start:.1f} s; killed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    SearchIndex.refresh = killed
    database_url, backend, index_dir, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_BACKEND": backend,
                      "SEARCH_INDEX_DIR": index_dir, "SEARCH_AUTO_INDEX": True, "SEARCH_CHECK_INTERVAL": 0,
                      "JOBS_BROKER": "immediate",  # the queued rebuild runs as the worker would
                      "TESTING": True})
    now = datetime.now(timezone.utc)
    with app.app_context():
        start = time.perf_counter()
        db.session.add_all(Business(name=f"Kolkhoz Import {n}", name_key=f"kolkhoz import {n}", country="UZ",
                                    city="Tashkent", city_key="tashkent", primary_sector="music", status="published",
                                    published_at=now, source_kind="survey") for n in range(count))
        db.session.commit()
""")


def page(client, query: str) -> tuple[int, str]:
    response = client.get(f"/search?q={query}")
    text = response.get_data(as_text=True)
    state = "being built" if BEING_BUILT in text else "0 results" if ">0 results<" in text else "results"
    return response.status_code, state


def fault(app, client, name: str, damage) -> bool:
    """Damage the served index; /search meanwhile; the check's repair; verify and verify --fix."""
    index = search_index(app)
    runner = app.test_cli_runner()
    page(client, "media")
    damage()
    start = time.perf_counter()
    during = page(client, "media")  # a search that meets the damage queues a rebuild (run at once here)
    index.idle(600)
    upkeep = index.keep_in_step(grace=0)  # and what it did not meet, the next periodic check finds
    repair = time.perf_counter() - start
    by = "the rebuild that search started" if upkeep.action == "none" else f"the check ({upkeep.action})"
    after = page(client, "media")
    in_step = index.verify().in_step
    print(f"{name:<32} /search meanwhile {during[0]} ({during[1]}); repaired by {by} in {repair:4.1f} s; "
          f"then {after[0]} ({after[1]}), {'in step' if in_step else 'OUT OF STEP'}")
    page(client, "media")
    damage()
    start = time.perf_counter()
    checked = runner.invoke(search_cli, ["verify"])
    checking = time.perf_counter() - start
    start = time.perf_counter()
    fixed = runner.invoke(search_cli, ["verify", "--fix"])
    fixing = time.perf_counter() - start
    again = runner.invoke(search_cli, ["verify"]).exit_code
    message = checked.output.splitlines()[0][:70] if checked.output else repr(checked.exception)
    print(f"{'':<32} verify: exit {checked.exit_code} in {checking:4.1f} s ({message}); "
          f"--fix: exit {fixed.exit_code} in {fixing:4.1f} s; verify again: exit {again}")
    return (during[0] == after[0] == 200 and after[1] == "results" and in_step and checked.exit_code == 1
            and isinstance(checked.exception, SystemExit) and fixed.exit_code == 0 and again == 0)


def killed_import(app, client, database_url: str, imported: int) -> bool:
    index = search_index(app)
    child = subprocess.run([sys.executable, "-c", _IMPORT_THEN_DIE, database_url, app.config["SEARCH_BACKEND"],
                            app.config["SEARCH_INDEX_DIR"], str(imported)], capture_output=True, text=True, timeout=1200,
                           cwd=Path(__file__).resolve().parent.parent)
    if child.returncode != -9:
        print([line for line in child.stderr.splitlines() if "Error" in line][-3:])
    with app.app_context():
        in_database = db.session.scalar(sa.text("SELECT count(*) FROM businesses WHERE name LIKE 'Kolkhoz%'"))
        db.session.remove()
    during = page(client, "kolkhoz")
    print(f"{'import killed after its commit':<32} {child.stdout.strip()} (exit {child.returncode}); "
          f"{in_database:,} in the database; /search meanwhile {during[0]} ({during[1]})")
    start = time.perf_counter()
    upkeep = index.keep_in_step(grace=0)
    repair = time.perf_counter() - start
    after = page(client, "kolkhoz")
    in_step = index.verify().in_step
    print(f"{'':<32} check: {upkeep.action} in {repair:4.1f} s (the owed updates made); then {after[0]} ({after[1]}), "
          f"{'in step' if in_step else 'OUT OF STEP'}")
    return child.returncode == -9 and in_database == imported and after == (200, "results") and in_step


def damages(backend: str, index_dir: Path) -> dict:
    if backend == "whoosh":
        return {name: lambda damage=damage: damage(index_dir) for name, damage in WHOOSH_DAMAGE.items()}

    def run_sql(statement: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(sa.text(statement))

    return {name: lambda statement=statement: run_sql(statement) for name, statement in POSTGRES_DAMAGE.items()}


def run(backend: str, database_url: str, workdir: Path, imported: int) -> bool:
    print(f"== {backend}")
    index_dir = workdir / "index"
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_BACKEND": backend,
                      "SEARCH_INDEX_DIR": str(index_dir), "SEARCH_AUTO_INDEX": True, "SEARCH_CHECK_INTERVAL": 0,
                      "JOBS_BROKER": "immediate",  # the queued rebuild runs as the worker would
                      "TESTING": True, "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    with app.app_context():
        upgrade()
        bench_catalog.seed(random.Random(2026))
        if backend == "postgres":  # the seed gives ids; the import after it takes the next ones
            db.session.execute(sa.text("SELECT setval(pg_get_serial_sequence('businesses', 'id'), max(id)) "
                                       "FROM businesses"))
            db.session.commit()
        db.session.remove()
        start = time.perf_counter()
        indexed = search_index(app).rebuild()
        print(f"{indexed:,} entries indexed in {time.perf_counter() - start:.1f} s")
    client = app.test_client()
    with app.app_context():
        p50, p95 = timings(search_index(app).keep_in_step, runs=20, warmup=1)
    ok = p95 <= CHECK_TARGET_MS
    print(f"{'check, all well':<32} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   {'ok' if ok else 'OVER TARGET'}")
    results = [ok]
    with app.app_context():
        for name, damage in damages(backend, index_dir).items():
            results.append(fault(app, client, name, damage))
        results.append(killed_import(app, client, database_url, imported))
        search_index(app).close()
        db.engine.dispose()
    return all(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", default=["whoosh", "postgres"])
    parser.add_argument("--businesses", type=int, default=20_000)
    parser.add_argument("--courses", type=int, default=4_000)
    parser.add_argument("--imported", type=int, default=20_000)
    args = parser.parse_args()
    bench_catalog.BUSINESSES, bench_catalog.COURSES = args.businesses, args.courses
    results = []
    for backend in args.backends:
        with tempfile.TemporaryDirectory(prefix="ccan-bench-faults-") as path:
            if backend == "whoosh":
                results.append(run(backend, f"sqlite:///{Path(path) / 'bench.db'}", Path(path), args.imported))
            else:
                with pg_schema() as url:
                    results.append(run(backend, url, Path(path), args.imported))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

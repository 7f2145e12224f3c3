"""The databases a benchmark runs on: a temporary SQLite file, or a PostgreSQL database of its own
(created for the run and dropped after it), and the figures of several side by side."""
from __future__ import annotations

import argparse
import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

SQLITE = "sqlite"


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url", action="append", dest="database_urls", metavar="URL",
        help="run on this database: 'sqlite' (a temporary file) or a PostgreSQL URL, whose server gets a "
             "database of the benchmark's own for the run; repeat to compare (default: sqlite, plus "
             "BENCH_POSTGRES_URL when set)")


def database_urls(args: argparse.Namespace) -> list[str]:
    if args.database_urls:
        return args.database_urls
    postgres = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("CCAN_TEST_DATABASE_URL")
    return [SQLITE, postgres] if postgres else [SQLITE]


def label(url: str) -> str:
    return SQLITE if url == SQLITE else make_url(url).get_backend_name()


@contextmanager
def bench_database(url: str, workdir: Path) -> Iterator[str]:
    """The URL of an empty database for one run; a PostgreSQL one is dropped afterwards, whatever happens."""
    if url == SQLITE:
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    server = make_url(url)
    name = f"ccan_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def print_side_by_side(results: Mapping[str, Mapping[str, tuple[float, float]]], target_ms: float) -> bool:
    """One line per measured thing, p50/p95 on each database in turn; True when every p95 is within target."""
    databases = list(results)
    names = list(dict.fromkeys(name for figures in results.values() for name in figures))
    width = max(len(name) for name in names) + 2
    print()
    print(" " * width + "".join(f"{db + ' p50/p95 ms':>24}" for db in databases))
    ok = True
    for name in names:
        cells = []
        for db in databases:
            p50, p95 = results[db].get(name, (float("nan"), float("nan")))
            over = not p95 <= target_ms
            ok &= not over
            cells.append(f"{p50:9.1f} /{p95:7.1f}{' !' if over else '  '}")
        print(f"{name:<{width}}" + "".join(f"{cell:>24}" for cell in cells))
    print(f"target: p95 <= {target_ms:.0f} ms; '!' marks a figure over it")
    return ok

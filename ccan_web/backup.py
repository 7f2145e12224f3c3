"""Backup and restore of the default SQLite database, online: SQLite's backup API copies a
consistent snapshot page by page while the platform keeps serving, which a file copy of a database
in WAL mode does not (the newest commits may still be in the -wal file). PostgreSQL is backed up
with its own tools (pg_dump / pg_restore; see the README).
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import make_url

from ccan_web.domain.errors import DomainError


def sqlite_path(database_url: str) -> Path:
    """The file of an SQLite database URL; a DomainError for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise DomainError("`flask ccan backup` and `restore` are for the SQLite database; back up PostgreSQL "
                          "with pg_dump and restore it with pg_restore (README, “Backup and restore”).")
    return Path(url.database)


def default_backup_name(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"ccan-{now:%Y%m%dT%H%M%SZ}.sqlite3"


def _check(connection: sqlite3.Connection, what: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise DomainError(f"{what} failed SQLite's integrity check: {result}")


def backup(database_url: str, target: Path) -> Path:
    """Copy the database to `target` (a file name ending in .sqlite3, say, or a directory to put a
    dated file in), online, and
    check the copy. An existing file is never overwritten."""
    source = sqlite_path(database_url)
    if not source.exists():
        raise DomainError(f"There is no database at {source}.")
    if target.is_dir() or not target.suffix:  # a directory, made if need be: a dated file in it
        target.mkdir(parents=True, exist_ok=True)
        target = target / default_backup_name()
    if target.exists():
        raise DomainError(f"{target} exists already; choose another name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the source used
        _check(copy, target)
    return target


def restore(database_url: str, backup_file: Path) -> Path:
    """Replace the database's content with a backup's, through the same backup API (so no stale
    -wal file survives the restore), after checking the backup. Stop the platform first."""
    database = sqlite_path(database_url)
    if not backup_file.is_file():
        raise DomainError(f"There is no backup at {backup_file}.")
    with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as saved:
        try:
            _check(saved, backup_file)
        except sqlite3.DatabaseError as error:
            raise DomainError(f"{backup_file} is not an SQLite database: {error}")
        database.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(database)) as live:
            saved.backup(live)
            _check(live, database)
    return database

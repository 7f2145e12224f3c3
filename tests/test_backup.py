"""Backup and restore, round trip: SQLite through `flask ccan backup` / `restore` while the database
is in WAL mode with commits not yet checkpointed, PostgreSQL through pg_dump / pg_restore as the
README says."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from ccan_web import create_app
from ccan_web.blueprints.accounts.models import User
from ccan_web.extensions import db
from tests.conftest import PG_URL_ENV, make_config
from tests.factories import Factories

pytestmark = pytest.mark.no_db


def emails(app) -> set[str]:
    with app.app_context():
        emails = set(db.session.scalars(sa.select(User.email)))
        db.session.remove()
        db.engine.dispose()
        return emails


@pytest.fixture
def sqlite_app(tmp_path):
    app = create_app(make_config(f"sqlite:///{tmp_path / 'ccan.sqlite3'}", str(tmp_path / "index")))
    with app.app_context():
        upgrade()
        db.session.execute(sa.text("PRAGMA journal_mode=WAL"))
        db.session.commit()
        db.engine.dispose()
    return app


def test_an_sqlite_backup_taken_while_serving_restores_every_commit(sqlite_app, tmp_path):
    database = tmp_path / "ccan.sqlite3"
    with sqlite_app.app_context():
        Factories(db).user(email="kept@example.kz")
        # A connection stays open, so the commit above may still sit in the -wal file: a plain file
        # copy of ccan.sqlite3 alone would miss it.
        held = sqlite3.connect(database)
        held.execute("SELECT count(*) FROM users").fetchone()
        runner = sqlite_app.test_cli_runner()
        result = runner.invoke(args=["ccan", "backup", str(tmp_path / "backups")])
        assert result.exit_code == 0, result.output
        (written,) = (tmp_path / "backups").iterdir()
        assert written.name.startswith("ccan-") and f"Backed up to {written}" in result.output
        held.close()
        Factories(db).user(email="later@example.kz")
        db.session.execute(sa.delete(User).where(User.email == "kept@example.kz"))
        db.session.commit()
        db.session.remove()
    assert emails(sqlite_app) == {"later@example.kz"}

    refused = sqlite_app.test_cli_runner().invoke(args=["ccan", "restore", str(written)], input="n\n")
    assert refused.exit_code != 0 and emails(sqlite_app) == {"later@example.kz"}
    result = sqlite_app.test_cli_runner().invoke(args=["ccan", "restore", str(written), "--yes"])
    assert result.exit_code == 0, result.output
    assert "db upgrade" in result.output and "search rebuild" in result.output
    assert emails(sqlite_app) == {"kept@example.kz"}
    with sqlite_app.app_context():
        upgrade()  # what the README says to run after a restore works on the restored database
        db.engine.dispose()


def test_backup_and_restore_refuse_what_they_cannot_do(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "copy.sqlite3"
    assert runner.invoke(args=["ccan", "backup", str(target)]).exit_code == 0
    again = runner.invoke(args=["ccan", "backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database at all" * 100)
    result = runner.invoke(args=["ccan", "restore", str(damaged), "--yes"])
    assert result.exit_code != 0 and "not an SQLite database" in result.output
    missing = runner.invoke(args=["ccan", "restore", str(tmp_path / "nothing.sqlite3"), "--yes"])
    assert missing.exit_code != 0 and "There is no backup" in missing.output
    postgres = create_app(make_config("postgresql+psycopg://ccan@db.invalid/ccan", str(tmp_path / "index")))
    refused = postgres.test_cli_runner().invoke(args=["ccan", "backup"])
    assert refused.exit_code != 0 and "pg_dump" in refused.output


@pytest.mark.skipif(not os.environ.get(PG_URL_ENV) or not shutil.which("pg_dump"),
                    reason="the PostgreSQL round trip needs PostgreSQL and its client tools")
def test_a_postgresql_dump_restores_into_a_new_database(tmp_path):
    """The README's commands: pg_dump --format=custom, then pg_restore into an empty database,
    then `flask db upgrade` against it."""
    server = sa.engine.make_url(os.environ[PG_URL_ENV])
    libpq = server.set(drivername="postgresql")
    schema = f"b_{uuid.uuid4().hex[:10]}"
    source_url = f"{server.render_as_string(hide_password=False)}?options=-csearch_path%3D{schema}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    copy = f"ccan_restore_{uuid.uuid4().hex[:10]}"
    try:
        app = create_app(make_config(source_url, str(tmp_path / "index")))
        with app.app_context():
            upgrade()
            Factories(db).user(email="dumped@example.uz")
            db.session.remove()
            db.engine.dispose()
        dump = tmp_path / "ccan.dump"
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--schema={schema}", f"--file={dump}",
                        libpq.render_as_string(hide_password=False)], check=True)
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{copy}"'))
        restored_url = libpq.set(database=copy).render_as_string(hide_password=False)
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored_url}", str(dump)], check=True)
        restored = create_app(make_config(
            f"{server.set(database=copy).render_as_string(hide_password=False)}?options=-csearch_path%3D{schema}",
            str(tmp_path / "index")))
        with restored.app_context():
            upgrade()
            db.engine.dispose()
        assert emails(restored) == {"dumped@example.uz"}
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

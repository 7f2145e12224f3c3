"""Fixtures: one app and one migrated database per test run, emptied before every test.

The database is a temporary SQLite file, or a private schema of the PostgreSQL database named by
CCAN_TEST_DATABASE_URL, so parallel runs (and pytest-xdist workers) never share tables.
"""
from __future__ import annotations

import contextvars
import os
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade

from ccan_web import create_app
from ccan_web.extensions import db as _db
from ccan_web.figures import figure_versions
from tests.factories import Factories

PG_URL_ENV = "CCAN_TEST_DATABASE_URL"
# Apps that tests build from the environment, as `flask` and gunicorn do, check no search index in
# the background (it would be the project's own search_index/).
os.environ.setdefault("SEARCH_CHECK_INTERVAL", "0")
# A line per request would bury the suite's own output; tests/test_logs.py checks those lines.
os.environ.setdefault("LOG_LEVEL", "WARNING")


class TestConfig:
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    MAIL_SERVER = ""
    MAIL_DEFAULT_SENDER = "CCAN <no-reply@ccan.test>"
    BOARD_APPROVALS_REQUIRED = 1
    PASSWORD_RESET_MAX_AGE = 3600
    SEARCH_BACKEND = "whoosh"
    SEARCH_AUTO_INDEX = False  # tests of search switch it on with the `search` fixture
    SEARCH_CHECK_INTERVAL = 0  # no check in the background; the tests of the check run it
    MAX_CONTENT_LENGTH = 1024 * 1024
    RATELIMIT_STORAGE_URI = "memory://"
    IMPORT_IN_BACKGROUND = False  # the tests of the background run switch it on themselves
    JOBS_BROKER = "immediate"  # a job runs right after the commit that queued it
    LOG_LEVEL = "WARNING"
    PUBLIC_BASE_URL = "http://localhost"  # the test client's host; 127.0.0.1 (the browser tests') is trusted too


def make_config(database_url: str, search_dir: str, **overrides) -> dict:
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(SQLALCHEMY_DATABASE_URI=database_url, SEARCH_INDEX_DIR=search_dir)
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def _workdir():
    with tempfile.TemporaryDirectory(prefix="ccan-tests-") as path:
        yield Path(path)


@pytest.fixture(scope="session")
def database_url(_workdir):
    pg_url = os.environ.get(PG_URL_ENV)
    if not pg_url:
        yield f"sqlite:///{_workdir / 'test.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


class IsolatedClient(FlaskClient):
    """Each request runs as in production: in its own app context, with its own `g` and session.

    Without this, a request would reuse the app context the test holds open, and with it
    Flask-Login's cached user and the test's SQLAlchemy session, hiding real bugs.
    """

    def open(self, *args, **kwargs):
        if not has_app_context():  # a redirect being followed: already isolated
            return super().open(*args, **kwargs)
        _db.session.commit()  # what the test set up is what the request sees
        try:
            return contextvars.Context().run(super().open, *args, **kwargs)
        finally:
            _db.session.rollback()  # and the test then reads what the request wrote


@pytest.fixture(scope="session")
def app(database_url, _workdir):
    app = create_app(make_config(database_url, str(_workdir / "search_index")))
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()  # the schema comes from the migrations, exactly as in production
    yield app
    with app.app_context():
        _db.engine.dispose()


def _empty_all_tables() -> None:
    # The figures' versions stay (the migrations made them) and move on, as after any commit that
    # changed what they count: no test sees another's kept figures.
    tables = [t for t in reversed(_db.metadata.sorted_tables) if t is not figure_versions]
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        _db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            _db.session.execute(table.delete())
    _db.session.execute(figure_versions.update().values(version=figure_versions.c.version + 1))
    _db.session.commit()


@pytest.fixture(autouse=True)
def db(request, app):
    """A clean database for every test (tests that need no app skip this for speed)."""
    if request.node.get_closest_marker("no_db"):
        yield None
        return
    with app.app_context():
        _empty_all_tables()
        yield _db
        _db.session.rollback()
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def factories(db) -> Factories:
    return Factories(db)


class AuthActions:
    """Sign in and out through the real form, as flaskr's tutorial tests do."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = Factories.PASSWORD, remember: bool = False):
        data = {"email": email, "password": password}
        if remember:
            data["remember"] = "y"
        return self._client.post("/auth/login", data=data)

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def search(app, monkeypatch):
    """The app's search index, emptied, following commits as in production (tests switch it off)."""
    from ccan_web.search.indexing import search_index

    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", True)
    index = search_index(app)
    index.clear()
    yield index
    index.clear()


@pytest.fixture
def outbox(db):
    """The messages queued so far, oldest first."""
    from ccan_web.outbox import OutboxMessage

    def messages(recipient: str | None = None):
        query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
        if recipient:
            query = query.where(OutboxMessage.recipient == recipient)
        return list(_db.session.scalars(query))

    return messages

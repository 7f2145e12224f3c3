"""The database pool and statement timeout come from the environment, and PostgreSQL obeys them."""
from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ccan_web import create_app
from ccan_web.config import engine_options

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def test_sqlite_connections_are_checked_and_get_no_postgres_settings():
    assert engine_options("sqlite:////tmp/x.db", {"DATABASE_POOL_SIZE": 9}) == {"pool_pre_ping": True}


def test_postgres_pool_size_overflow_timeout_and_statement_timeout_follow_the_settings():
    options = engine_options(PG, {"DATABASE_POOL_SIZE": 7, "DATABASE_MAX_OVERFLOW": 3, "DATABASE_POOL_TIMEOUT": 4,
                                  "DATABASE_STATEMENT_TIMEOUT_MS": 2500})
    assert options["pool_pre_ping"] is True
    assert (options["pool_size"], options["max_overflow"], options["pool_timeout"]) == (7, 3, 4)
    assert options["connect_args"] == {"options": "-c statement_timeout=2500"}


def test_the_statement_timeout_keeps_the_urls_own_options():
    options = engine_options(f"{PG}?options=-csearch_path%3Dt_1", {"DATABASE_STATEMENT_TIMEOUT_MS": 100})
    assert options["connect_args"]["options"] == "-csearch_path=t_1 -c statement_timeout=100"


def test_no_statement_timeout_when_it_is_zero():
    assert "connect_args" not in engine_options(PG, {"DATABASE_STATEMENT_TIMEOUT_MS": 0})


def test_the_environment_sets_the_pool_of_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("DATABASE_POOL_SIZE", "11")
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "1234")
    app = create_app({"SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path)})
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_size"] == 11 and options["connect_args"]["options"] == "-c statement_timeout=1234"


@pytest.mark.skipif(not os.environ.get("CCAN_TEST_DATABASE_URL"), reason="needs PostgreSQL")
def test_postgres_cancels_a_statement_that_runs_past_the_timeout(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    engine = sa.create_engine(url, **engine_options(url, {"DATABASE_STATEMENT_TIMEOUT_MS": 200}))
    try:
        with engine.connect() as connection:
            assert connection.scalar(sa.text("SHOW statement_timeout")) == "200ms"
            with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
                connection.execute(sa.text("SELECT pg_sleep(2)"))
    finally:
        engine.dispose()

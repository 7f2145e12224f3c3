"""Backends for the search contract tests: Whoosh in a temporary directory, PostgreSQL in a
private schema of the `test` database (skipped when no server answers, unless CI is set)."""
from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("CCAN_SEARCH_TEST_PG_URL", "postgresql+psycopg://127.0.0.1:5432/test")


@pytest.fixture
def whoosh_backend(tmp_path):
    from ccan_web.search.whoosh_backend import WhooshBackend

    backend = WhooshBackend(tmp_path / "index")
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def pg_schema_url():
    """A private schema for this run, dropped afterwards."""
    admin = sa.create_engine(PG_URL)
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as error:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {error}")
    schema = f"search_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def postgres_engine(pg_schema_url):
    """The engine of the test's PostgreSQL schema, for tests that look at the search tables."""
    engine = sa.create_engine(pg_schema_url)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_backend(postgres_engine):
    from ccan_web.search.postgres_backend import PostgresBackend

    backend = PostgresBackend(postgres_engine)
    backend.clear()
    yield backend
    backend.close()


@pytest.fixture
def whoosh_other_process(whoosh_backend, tmp_path):
    """A second backend on the same index, as another gunicorn worker or server would hold it."""
    from ccan_web.search.whoosh_backend import WhooshBackend

    backend = WhooshBackend(tmp_path / "index")
    yield backend
    backend.close()


@pytest.fixture
def postgres_other_process(postgres_backend, pg_schema_url):
    from ccan_web.search.postgres_backend import PostgresBackend

    engine = sa.create_engine(pg_schema_url)
    backend = PostgresBackend(engine)
    yield backend
    backend.close()
    engine.dispose()


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request):
    """Each contract test runs once per backend."""
    return request.getfixturevalue(f"{request.param}_backend")


@pytest.fixture
def other_process(request, backend):
    """For `backend`, a second instance over the same storage."""
    return request.getfixturevalue(f"{request.node.callspec.params['backend']}_other_process")

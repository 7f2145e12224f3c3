"""The declarative base, with one naming convention for constraints, and shared column mixins."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, MetaData, TypeDecorator, event, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The largest value of an Integer column on PostgreSQL (SQLite's hold more), so the largest id or
# revision number there can be. PostgreSQL refuses a larger one with an error rather than finding
# nothing, so numbers from a visitor are checked against it before they reach a query.
LARGEST_INTEGER = 2**31 - 1


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def insert_or_nothing(session, model, values: dict, unique: list[str]) -> int | None:
    """INSERT a row unless one with the same `unique` columns exists (INSERT ... ON CONFLICT DO
    NOTHING, on SQLite and PostgreSQL): its id, or None when another request made that row first.
    Two at once make one row and no error, without a savepoint, whose release would run the
    session's after-commit hooks (the queued jobs' dispatch) before the transaction commits."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=unique).returning(model.id)
    return session.execute(statement).scalar()


def claim_version(session, model, row_id: int, expected: int) -> bool:
    """Compare-and-set a row's `version` from `expected` to the next: False if someone saved in between.

    A form names the version it was filled from; the save claims it first, so its UPDATE holds the
    row (PostgreSQL) or the database's write lock (SQLite) until the commit, and the one who came
    second is asked rather than overwritten. The caller then writes the fields it changes."""
    result = session.execute(update(model).where(model.id == row_id, model.version == expected)
                             .values(version=expected + 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


class AwareDateTime(TypeDecorator):
    """A UTC, timezone-aware datetime on every database (SQLite forgets the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        AwareDateTime(), default=utcnow, onupdate=utcnow
    )


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """WAL for concurrent readers, enforced foreign keys, and waiting rather than failing on a lock."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Tables that belong to no model: the PostgreSQL search backend's own. Their migration creates
# them; autogenerate and the drift test must not propose dropping them.
UNMODELLED_TABLES = frozenset({"search_documents", "search_matches", "search_facet_values", "search_terms",
                               "search_changes"})


def include_in_autogenerate(name, type_, parent_names) -> bool:
    return not (type_ == "table" and name in UNMODELLED_TABLES)

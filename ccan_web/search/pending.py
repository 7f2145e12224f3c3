"""Index updates the database owes the index: the keys each commit touched, until the index has them.

The after-commit indexing runs in the process that committed, so a process killed between its
commit and the index update would lose the update. Each flush that touches searchable records
therefore writes their keys here, in the same transaction; once the index holds them, the row is
deleted. A row older than a moment is an update that never landed, and `SearchIndex.keep_in_step`
applies it. The engine writes the table with Core statements: rows are written mid-flush, where
the session may not take new objects.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ccan_web.db import AwareDateTime, utcnow
from ccan_web.extensions import db

pending_updates = sa.Table(
    "search_pending", db.metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("created_at", AwareDateTime(), nullable=False, default=utcnow),
    sa.Column("document_keys", sa.Text, nullable=False),  # one a line
)


def record(connection: Connection, keys: set[str]) -> int:
    """Note, in the transaction of `connection`, that the index owes `keys`; the row's id."""
    result = connection.execute(pending_updates.insert().values(document_keys="\n".join(sorted(keys))))
    return result.inserted_primary_key[0]


def settle(engine: Engine, ids: list[int]) -> None:
    """The index has these updates: forget them."""
    if ids:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Not worth waiting for the disk (a third of an edit's time, measured): a deletion
                # lost in a crash only has the update made again, which changes nothing.
                connection.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))
            connection.execute(pending_updates.delete().where(pending_updates.c.id.in_(ids)))


class Owed(NamedTuple):
    id: int
    created_at: datetime
    keys: set[str]

    def late(self, grace: float) -> bool:
        """Older than `grace` seconds: not in flight any more, but never made."""
        return self.created_at <= utcnow() - timedelta(seconds=grace)


def owed(connection: Connection) -> list[Owed]:
    """Every update still owed, oldest first (normally none: one indexed lookup of an empty table)."""
    rows = connection.execute(sa.select(pending_updates).order_by(pending_updates.c.id))
    return [Owed(row.id, row.created_at, set(row.document_keys.split("\n"))) for row in rows]

"""Figures computed over whole tables (the catalog's overview, the network's members by country),
kept by each worker until a commit changes what they count.

Every figure belongs to a group, and each group watches some tables. Whatever writes to one of
them (an ORM flush, a bulk update, an import's Core insert) bumps the group's version in the table
`figure_versions`, in the same transaction: a rolled-back write bumps nothing, a committed one is
seen by every worker. Reading a figure costs one primary-key lookup of its group's version; only
when the version moved is the figure computed again.
"""
from __future__ import annotations

import threading

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.engine import Engine

from ccan_web.extensions import db

# Group -> the tables whose rows its figures count.
GROUPS: dict[str, frozenset[str]] = {
    "catalog": frozenset({"businesses", "business_sectors", "courses", "course_sectors"}),
    "network": frozenset({"users", "role_grants", "applications"}),
}
WATCHED = {table: group for group, tables in GROUPS.items() for table in tables}

figure_versions = sa.Table(
    "figure_versions", db.metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
)


def _changed_group(statement) -> str | None:
    if isinstance(statement, (sa.Insert, sa.Update, sa.Delete)):
        return WATCHED.get(statement.table.name)
    return None


@sa.event.listens_for(Engine, "after_execute")
def _bump_on_write(connection, statement, multiparams, params, execution_options, result):
    group = _changed_group(statement)
    if group is None:
        return
    bumped = connection.info.setdefault("figures_bumped", set())
    if group in bumped:  # once per transaction is enough
        return
    bumped.add(group)
    connection.execute(figure_versions.update().where(figure_versions.c.name == group)
                       .values(version=figure_versions.c.version + 1))


@sa.event.listens_for(Engine, "commit")
@sa.event.listens_for(Engine, "rollback")
def _end_of_transaction(connection):
    connection.info.pop("figures_bumped", None)


@sa.event.listens_for(Engine, "rollback_savepoint")
def _savepoint_undone(connection, name, context):
    # The bump may have gone with the savepoint: the next write in the transaction bumps again.
    connection.info.pop("figures_bumped", None)


class _Kept:
    """One worker's figures: (version, value) by name, for one application."""

    def __init__(self):
        self.values: dict[str, tuple[int, object]] = {}
        self.lock = threading.Lock()


def cached(group: str, name: str, compute):
    """The figure `name` of `group`, computed by `compute()` again only after a commit changed one
    of the group's tables. Without its version row (a database not migrated) it is always computed."""
    version = db.session.scalar(sa.select(figure_versions.c.version).where(figure_versions.c.name == group))
    if version is None:
        return compute()
    kept = current_app.extensions.setdefault("ccan_figures", _Kept())
    key = f"{group}:{name}"
    found = kept.values.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    with kept.lock:
        kept.values[key] = (version, value)
    return value

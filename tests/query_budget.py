"""Counting the SQL statements a request sends, for the query budgets (tests/test_query_budget.py)."""
from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def counted_queries(engine):
    """The statements sent to `engine` inside the block, as a list that fills as they run."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)

"""One page of a query's results; a page number past the end gives the last page (or, for the
API, an empty one)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ccan_web.extensions import db


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    pages: int
    per_page: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def parse_page(value: str | None) -> int:
    """A page number from a query string: anything that is not a positive number means page 1."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 1_000_000 else 1


def _page_items(query, page: int, per_page: int) -> list:
    return list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))


def paginate(query, page: int, per_page: int, past_end_is_empty: bool = False) -> Page:
    """Page `page` of `query`, with the number of all its results. A page past the end is the
    last page, for a person who followed an old link; or empty, for a program that reads on
    until a page comes back empty (`past_end_is_empty`).

    Counting visits every match, which on a large table costs more than reading the page, so
    the page is read first: one that is not full (and not empty past the end) is the last, and
    gives the total without a count. Only a full page, or a page past the end, needs the count.
    """
    page = max(1, page)
    items = _page_items(query, page, per_page)
    if len(items) < per_page and (items or page == 1):
        total = (page - 1) * per_page + len(items)
    else:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, -(-total // per_page))
    if page > pages and not past_end_is_empty:
        page = pages
        items = _page_items(query, page, per_page)
    return Page(items=items, total=total, page=page, pages=pages, per_page=per_page)


@dataclass(frozen=True)
class Window:
    """One window of a list read newest first by id: keyset paging, for lists so long that a deep
    page by number (an OFFSET) would read and throw away every row before it. The links carry an
    id, not a page number: `newer` is the `after` of the link to the entries above this window,
    `older` the `before` of the link to those below it; None where there are none."""

    items: list
    newer: int | None
    older: int | None


def keyset_window(query, key, per_page: int, before: int | None = None, after: int | None = None) -> Window:
    """The `per_page` rows of `query` just below id `before`, just above id `after`, or (neither)
    the newest, newest first; `key` is the id column the list is ordered by. Each direction reads
    one row more than it shows, to know whether there is more, and the other direction one row."""
    query = query.order_by(None)
    name, filtered = key.key, query.whereclause

    def any_beyond(condition) -> bool:
        filters = [c for c in (filtered, condition) if c is not None]
        return db.session.scalar(select(key).where(*filters).limit(1)) is not None

    if after is not None:
        rows = list(db.session.scalars(query.where(key > after).order_by(key.asc()).limit(per_page + 1)))
        items = rows[:per_page][::-1]
        newer = getattr(items[0], name) if len(rows) > per_page else None
        older = getattr(items[-1], name) if items and any_beyond(key < getattr(items[-1], name)) else None
        return Window(items, newer, older)
    if before is not None:
        query = query.where(key < before)
    rows = list(db.session.scalars(query.order_by(key.desc()).limit(per_page + 1)))
    items = rows[:per_page]
    older = getattr(items[-1], name) if len(rows) > per_page else None
    newer = (getattr(items[0], name) if before is not None and items and any_beyond(key > getattr(items[0], name))
             else None)
    return Window(items, newer, older)

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

"""The entries a catalog list selects: one answer for the list page, the downloads and the API."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app

from ccan_web.blueprints.catalog.filters import BusinessFilter, CourseFilter, business_query, course_query
from ccan_web.blueprints.catalog.models import Business, Course
from ccan_web.blueprints.catalog.records import BUSINESS_FIELDS, COURSE_FIELDS, business_record, course_record
from ccan_web.extensions import db
from ccan_web.pagination import Page, paginate
from ccan_web.search.backend import IndexUnavailable
from ccan_web.search.documents import MAX_PER_PAGE as SEARCH_PER_PAGE
from ccan_web.search.documents import SearchQuery
from ccan_web.search.indexing import search_index

LOAD_CHUNK = 500  # ids per IN (...) when entries found by search are read from the database


@dataclass(frozen=True)
class CatalogList:
    """Everything that differs between the two databases when they are listed or exported."""

    model: type
    filters: type
    query: object
    record: object
    fields: tuple[str, ...]


LISTS = {
    "businesses": CatalogList(Business, BusinessFilter, business_query, business_record, BUSINESS_FIELDS),
    "courses": CatalogList(Course, CourseFilter, course_query, course_record, COURSE_FIELDS),
}


@dataclass(frozen=True)
class ListPage:
    page: Page  # a page of entries
    corrected: str | None = None  # the words searched instead, after a typo


def _search_facets(kind: str, filters) -> dict | None:
    """The facets of a search that selects what `filters` select, or None when some filter
    (a city, an outcome, a price, an explicit sort) is one only the database can apply."""
    if not filters.q:
        return None
    if kind == "businesses":
        if filters.city or filters.sort != "name":
            return None
        return {"country": filters.country, "sectors": filters.sector}
    if filters.outcome or filters.free is not None or filters.sort != "title":
        return None
    return {"language": filters.language, "sectors": filters.sector, "format": filters.format}


@dataclass(frozen=True)
class Matches:
    """What `filters` select from the published entries of `kind`, in the list's order.

    With words, the search service ranks the entries (stems, either script, prefixes, a typo
    forgiven); when it cannot serve the filters, or its index is being built or cannot be read,
    the database's word match answers instead, so a list always works. Every reader (the page,
    the downloads, the API) goes through here, so all of them hold the same rows in one order."""

    kind: str
    filters: object

    def page(self, number: int, per_page: int, past_end_is_empty: bool = False) -> ListPage:
        """Page `number`; one past the end is the last page, or empty when `past_end_is_empty`."""
        search = self._search()
        if search is not None:
            try:
                return self._search_page(search, number, per_page, past_end_is_empty)
            except IndexUnavailable:
                search_index().rebuild_in_background()
        listing = LISTS[self.kind]
        return ListPage(paginate(listing.query(self.filters), number, per_page, past_end_is_empty))

    def every(self) -> Iterator:
        """Every entry selected, in order, read a chunk at a time."""
        search = self._search()
        if search is not None:
            try:
                ids = self._every_search_id(search)
            except IndexUnavailable:
                search_index().rebuild_in_background()
            else:
                yield from self._entries(ids)
                return
        listing = LISTS[self.kind]
        yield from db.session.scalars(listing.query(self.filters).execution_options(yield_per=LOAD_CHUNK))

    # Through the search service ---------------------------------------------------------------

    def _search(self) -> SearchQuery | None:
        facets = _search_facets(self.kind, self.filters)
        # An index not kept in step with the database (SEARCH_AUTO_INDEX off) is not asked.
        if facets is None or not current_app.config.get("SEARCH_AUTO_INDEX", True):
            return None
        index = search_index()
        try:
            if index.needs_rebuild():
                index.rebuild_in_background()
                return None
        except IndexUnavailable:
            index.rebuild_in_background()
            return None
        return SearchQuery(text=self.filters.q,
                           kinds=frozenset({"business" if self.kind == "businesses" else "course"}),
                           facets={name: frozenset({value}) for name, value in facets.items() if value})

    def _search_page(self, search: SearchQuery, number: int, per_page: int, past_end_is_empty: bool) -> ListPage:
        # The search service answers pages of at most SEARCH_PER_PAGE: a larger page is read as
        # the run of its pages that covers it. A page that fits is one search, as the list's is.
        chunk = min(per_page, SEARCH_PER_PAGE)
        start = (number - 1) * per_page
        results = search_index().search(_with_page(search, start // chunk + 1, chunk))
        pages = max(1, -(-results.total // per_page))
        if number > pages:
            if past_end_is_empty:
                return ListPage(Page([], results.total, number, pages, per_page), results.corrected)
            return self._search_page(search, pages, per_page, False)
        ids = _hit_ids(results)
        stop = min(number * per_page, results.total)
        following = start // chunk + 2
        while (following - 1) * chunk < stop:
            ids += _hit_ids(search_index().search(_with_page(search, following, chunk)))
            following += 1
        skip = start % chunk
        items = list(self._entries(ids[skip:skip + per_page]))
        return ListPage(Page(items, results.total, number, pages, per_page), results.corrected)

    def _every_search_id(self, search: SearchQuery) -> list[int]:
        first = search_index().search(_with_page(search, 1, SEARCH_PER_PAGE))
        ids = _hit_ids(first)
        for number in range(2, first.pages + 1):
            ids += _hit_ids(search_index().search(_with_page(search, number, SEARCH_PER_PAGE)))
        return ids

    def _entries(self, ids: list[int]) -> Iterator:
        """The published entries of `ids`, in that order; one the index still holds after it
        left the list (unpublished a moment ago) is left out."""
        listing = LISTS[self.kind]
        for at in range(0, len(ids), LOAD_CHUNK):
            chunk = ids[at:at + LOAD_CHUNK]
            found = {entry.id: entry for entry in db.session.scalars(
                listing.query(listing.filters()).where(listing.model.id.in_(chunk)))}
            yield from (found[entry_id] for entry_id in chunk if entry_id in found)


def _with_page(search: SearchQuery, number: int, per_page: int) -> SearchQuery:
    return SearchQuery(text=search.text, kinds=search.kinds, facets=search.facets, page=number, per_page=per_page)


def _hit_ids(results) -> list[int]:
    return [int(hit.key.split(":", 1)[1]) for hit in results.hits]


def matching(kind: str, filters) -> Matches:
    """The published entries of `kind` that `filters` select: the one answer behind every list."""
    return Matches(kind, filters)

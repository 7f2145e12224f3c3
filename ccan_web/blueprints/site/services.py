"""What the site tells crawlers and load balancers: the sitemap's sections, and the health checks."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from ccan_web.blueprints.catalog.models import Business, Course
from ccan_web.blueprints.roadmap.services import DOCUMENT_KEYS
from ccan_web.blueprints.stories import services as stories
from ccan_web.blueprints.competitions import services as competitions
from ccan_web.blueprints.events import services as events
from ccan_web.documents.models import Document
from ccan_web.domain.catalog import EntryStatus
from ccan_web.extensions import db
from ccan_web.links import public_url, public_url_builder
from ccan_web.search.indexing import search_index

# The sitemaps protocol's limit for one file: a section longer than this is split into pages.
URLS_PER_SITEMAP = 50_000

# Pages that are public and always there, by endpoint (with their URL values).
PUBLIC_PAGES: tuple[tuple[str, dict], ...] = (
    ("main.home", {}),
    ("roadmap.index", {}),
    ("roadmap.map", {}),
    ("associations.index", {}),
    *(("associations.detail", {"cc": key}) for key in DOCUMENT_KEYS[1:]),
    ("catalog.index", {}),
    ("catalog.entry_list", {"kind": "businesses"}),
    ("catalog.entry_list", {"kind": "courses"}),
    ("catalog.overview", {}),
    ("catalog.methodology", {}),
    ("toolkit.index", {}),
    ("toolkit.brand", {}),
    ("stories.story_list", {}),
    ("competitions.index", {}),
    ("events.event_list", {}),
)


class SitemapUrl(NamedTuple):
    location: str
    last_modified: str = ""  # YYYY-MM-DD, or empty when not known


@dataclass(frozen=True)
class SitemapSection:
    """One kind of public page: how many there are, and one page of their addresses in a stable order."""

    name: str
    count: Callable[[], int]
    urls: Callable[[int, int], Iterator[SitemapUrl]]  # (offset, limit)

    def pages(self) -> int:
        return -(-self.count() // URLS_PER_SITEMAP)


def _public_pages_count() -> int:
    return len(PUBLIC_PAGES)


def _public_pages(offset: int, limit: int) -> Iterator[SitemapUrl]:
    for endpoint, values in PUBLIC_PAGES[offset:offset + limit]:
        yield SitemapUrl(public_url(endpoint, **values))


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


# An id no row has yet, marking where each entry's id goes in its address.
_ID_MARK = 987654321987


def _entries_section(kind: str, model) -> SitemapSection:
    published = model.status == EntryStatus.PUBLISHED

    def count() -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(published))

    def urls(offset: int, limit: int) -> Iterator[SitemapUrl]:
        # Two columns, not whole rows, read in one pass over the status index. The router builds
        # one address and each id takes its place: 50,000 builds were most of a page's time.
        rows = db.session.execute(sa.select(model.id, model.updated_at).where(published)
                                  .order_by(model.id).offset(offset).limit(limit))
        head, _, tail = public_url_builder()("catalog.entry_detail", kind=kind, entry_id=_ID_MARK).rpartition(str(_ID_MARK))
        for entry_id, updated_at in rows:
            yield SitemapUrl(f"{head}{entry_id}{tail}", _day(updated_at))

    return SitemapSection(kind, count, urls)


def _published_roadmaps() -> list[tuple[str, datetime]]:
    rows = db.session.execute(sa.select(Document.slug, Document.updated_at)
                              .where(Document.slug.in_(DOCUMENT_KEYS), Document.published_number.is_not(None))
                              .order_by(Document.slug))
    return [(slug, updated_at) for slug, updated_at in rows]


def _roadmaps_count() -> int:
    return len(_published_roadmaps())


def _roadmaps(offset: int, limit: int) -> Iterator[SitemapUrl]:
    for key, updated_at in _published_roadmaps()[offset:offset + limit]:
        yield SitemapUrl(public_url("roadmap.document_view", doc=key), _day(updated_at))


def _competitions(offset: int, limit: int) -> Iterator[SitemapUrl]:
    # One address per call (its page links to its results), so the count is the calls'.
    for slug, _state, updated_at in competitions.sitemap_rows(offset, limit):
        yield SitemapUrl(public_url("competitions.detail", slug=slug), _day(updated_at))


def _stories(offset: int, limit: int) -> Iterator[SitemapUrl]:
    for slug, updated_at in stories.sitemap_rows(offset, limit):
        yield SitemapUrl(public_url("stories.story_detail", slug=slug), _day(updated_at))


def _events(offset: int, limit: int) -> Iterator[SitemapUrl]:
    for slug, updated_at in events.sitemap_rows(offset, limit):
        yield SitemapUrl(public_url("events.event_detail", slug=slug), _day(updated_at))


# In the order the sitemap index lists them. A story is listed once its embargo is over.
SECTIONS: tuple[SitemapSection, ...] = (
    SitemapSection("pages", _public_pages_count, _public_pages),
    _entries_section("businesses", Business),
    _entries_section("courses", Course),
    SitemapSection("roadmaps", _roadmaps_count, _roadmaps),
    SitemapSection("stories", lambda: stories.public_count(), _stories),
    SitemapSection("competitions", lambda: competitions.public_count(), _competitions),
    SitemapSection("events", lambda: events.public_count(), _events),
)
SECTIONS_BY_NAME = {section.name: section for section in SECTIONS}


def sitemap_files() -> list[tuple[str, int]]:
    """(section name, page number from 1) of every sitemap file the index lists; an empty section has none."""
    return [(section.name, number) for section in SECTIONS for number in range(1, section.pages() + 1)]


def sitemap_page(name: str, number: int) -> list[SitemapUrl] | None:
    """The addresses of one sitemap file, or None when there is no such file."""
    section = SECTIONS_BY_NAME.get(name)
    if section is None or number < 1 or number > section.pages():
        return None
    return list(section.urls((number - 1) * URLS_PER_SITEMAP, URLS_PER_SITEMAP))


# Health -----------------------------------------------------------------------------------------

def health() -> dict[str, str]:
    """"ok" or "failed" for each part a request needs. What failed goes to the log, not to the
    answer: the endpoint is public, and a path or a server's name is no business of a visitor."""
    return {"database": _checked("database", _database_problem), "search": _checked("search", _search_problem)}


def _checked(part: str, problem: Callable[[], str | None]) -> str:
    found = problem()
    if found is None:
        return "ok"
    current_app.logger.warning("health check: %s failed: %s", part, found)
    return "failed"


def _database_problem() -> str | None:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        db.session.rollback()
        return str(error)
    return None


def _search_problem() -> str | None:
    try:
        return search_index().backend.problem()
    except Exception as error:  # a backend that cannot even be opened is a failed check, not a 500
        return f"{type(error).__name__}: {error}"

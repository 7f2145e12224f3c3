"""Keeping the index true to the database, and the application's one search backend.

Areas describe what they make searchable as a `Source` (the catalog its published businesses and
courses, the roadmap its published texts) and register it at start-up; this module knows no model
of its own. After every commit, the keys of the records that commit touched are looked up again
in a fresh session — outside the request's transaction, which is over — and the index is told to
add, replace or delete them. `rebuild` and `verify` compare the whole database with the index.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from ccan_web.search.backend import IndexUnavailable, SearchBackend
from ccan_web.search.documents import SearchDocument, SearchHit, SearchQuery, SearchResults

log = logging.getLogger(__name__)
PENDING = "ccan_search_pending"


@dataclass(frozen=True)
class Source:
    """One kind of searchable record, as an area describes it.

    `watches` are the model classes whose changes concern it; `keys_for(obj)` names the document
    keys a changed object affects (a business's sector row affects its business); `load(session,
    ids)` returns the current documents of those ids — an id it leaves out is deleted from the
    index (unpublished, rejected, gone); `load_all(session)` yields every document, for rebuild
    and verify; `count_all(session)` says how many, for a progress bar. `display_title(hit)`, where
    given, names a hit in the reader's language when its indexed title is one language's (a
    roadmap's title is a translated string, indexed in English).
    """

    kind: str
    watches: tuple[type, ...]
    keys_for: Callable[[object], Iterable[str]]
    load: Callable[[Session, list[str]], list[SearchDocument]]
    load_all: Callable[[Session], Iterator[SearchDocument]]
    count_all: Callable[[Session], int]
    display_title: Callable[[SearchHit], str] | None = None

    def shown(self, hit: SearchHit) -> SearchHit:
        """`hit` with its title in the reader's language."""
        return replace(hit, title=self.display_title(hit)) if self.display_title else hit


def versioned(doc: SearchDocument) -> SearchDocument:
    """The document with a version that changes whenever anything indexed changes."""
    content = "\x1f".join([doc.kind, doc.title, doc.body, doc.url, doc.visibility, doc.country or "",
                           ",".join(doc.sectors), doc.language or "", doc.format or "", doc.keywords, doc.labels])
    return replace(doc, version=hashlib.blake2b(content.encode(), digest_size=12).hexdigest())


class SearchIndex:
    """The application's search: its backend and its sources. One per app, in app.extensions."""

    def __init__(self, app: Flask, sources: list[Source]) -> None:
        self.app = app
        self.sources = {source.kind: source for source in sources}
        self._backend: SearchBackend | None = None
        self._lock = threading.Lock()
        self.rebuilding = threading.Event()
        self._built = False  # this process has seen the index filled

    @property
    def backend(self) -> SearchBackend:
        with self._lock:
            if self._backend is None:
                self._backend = self._make_backend()
            return self._backend

    def _make_backend(self) -> SearchBackend:
        if self.app.config["SEARCH_BACKEND"] == "postgres":
            from ccan_web.extensions import db
            from ccan_web.search.postgres_backend import PostgresBackend

            return PostgresBackend(db.engine, manage_schema=False)
        from ccan_web.search.whoosh_backend import WhooshBackend

        return WhooshBackend(self.app.config["SEARCH_INDEX_DIR"])

    def clear(self) -> None:
        """Empty the index (tests, or before a rebuild by hand)."""
        self.backend.clear()
        self._built = False

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None

    def search(self, query: SearchQuery) -> SearchResults:
        """The backend's results, each hit named in the reader's language by its source."""
        results = self.backend.search(query)
        return replace(results, hits=[source.shown(hit) if (source := self.sources.get(hit.kind)) else hit
                                      for hit in results.hits])

    # After a commit ---------------------------------------------------------------------------

    def keys_for(self, obj) -> set[str]:
        keys: set[str] = set()
        for source in self.sources.values():
            if isinstance(obj, source.watches):
                keys.update(source.keys_for(obj))
        return keys

    def refresh(self, keys: Iterable[str]) -> None:
        """Make the index hold what the database holds for `keys`, reading it afresh."""
        by_kind: dict[str, list[str]] = {}
        for key in set(keys):
            by_kind.setdefault(key.split(":", 1)[0], []).append(key)
        from ccan_web.extensions import db

        with Session(db.engine) as session:
            found: list[SearchDocument] = []
            for kind, kind_keys in by_kind.items():
                if kind in self.sources:
                    found += [versioned(doc) for doc in self.sources[kind].load(session, sorted(kind_keys))]
        gone = set(keys) - {doc.key for doc in found}
        if found:
            self.backend.add_or_update(found)
        if gone:
            self.backend.delete(sorted(gone))

    # The whole index ---------------------------------------------------------------------------

    def expected(self, session: Session) -> Iterator[SearchDocument]:
        for source in self.sources.values():
            for doc in source.load_all(session):
                yield versioned(doc)

    def expected_count(self, session: Session) -> int:
        return sum(source.count_all(session) for source in self.sources.values())

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Replace the index with every searchable record of the database."""
        from ccan_web.extensions import db

        def counted(docs: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
            for number, doc in enumerate(docs, start=1):
                if progress and number % 500 == 0:
                    progress(500)
                yield doc

        with Session(db.engine) as session:
            total = self.backend.rebuild(counted(self.expected(session)))
        self._built = total > 0
        if progress:
            progress(total % 500)
        return total

    def verify(self, fix: bool = False) -> Verification:
        """Compare the database with the index: what is missing, stale or left over; repair if asked."""
        from ccan_web.extensions import db

        with Session(db.engine) as session:
            expected = {doc.key: doc for doc in self.expected(session)}
        indexed = self.backend.versions()
        missing = sorted(set(expected) - set(indexed))
        stale = sorted(key for key in set(expected) & set(indexed) if expected[key].version != indexed[key])
        extra = sorted(set(indexed) - set(expected))
        if fix and (missing or stale):
            self.backend.add_or_update([expected[key] for key in missing + stale])
        if fix and extra:
            self.backend.delete(extra)
        return Verification(len(expected), missing, stale, extra, fixed=fix)

    def rebuild_in_background(self) -> bool:
        """Start one rebuild in a thread (a missing or damaged index); False if one is running."""
        if self.rebuilding.is_set():
            return False
        self.rebuilding.set()
        app = self.app

        def run():
            try:
                with app.app_context():
                    self.rebuild()
            except Exception:  # the next search tries again
                log.exception("rebuilding the search index failed")
            finally:
                self.rebuilding.clear()

        threading.Thread(target=run, name="search-rebuild", daemon=True).start()
        return True

    def needs_rebuild(self) -> bool:
        """An index that is empty while the database has searchable records was never built."""
        from ccan_web.extensions import db

        if self._built:
            return False  # once seen filled, a later failure shows as IndexUnavailable instead
        try:
            if self.backend.count() > 0:
                self._built = True
                return False
        except IndexUnavailable:
            return True
        with Session(db.engine) as session:
            return self.expected_count(session) > 0


@dataclass(frozen=True)
class Verification:
    expected: int
    missing: list[str]
    stale: list[str]
    extra: list[str]
    fixed: bool

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def search_index(app: Flask | None = None) -> SearchIndex:
    return (app or current_app).extensions["ccan_search"]


# The session hooks ------------------------------------------------------------------------------

def _index_of_session() -> SearchIndex | None:
    if not has_app_context():
        return None
    index = current_app.extensions.get("ccan_search")
    if index is None or not current_app.config.get("SEARCH_AUTO_INDEX", True):
        return None
    return index


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush_context) -> None:
    """Note which documents this flush touched; they are indexed once the transaction commits."""
    index = _index_of_session()
    if index is None:
        return
    pending = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        pending.update(index.keys_for(obj))


@event.listens_for(Session, "after_commit")
def _apply(session: Session) -> None:
    """The transaction is committed: bring the index in step. A failure never undoes the commit;
    it is logged, and `flask search verify --fix` repairs what was missed."""
    keys = session.info.pop(PENDING, None)
    index = _index_of_session()
    if not keys or index is None:
        return
    try:
        index.refresh(keys)
    except Exception:
        log.exception("the search index could not follow a commit (%d records)", len(keys))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


def init_app(app: Flask, sources: list[Source]) -> SearchIndex:
    index = SearchIndex(app, sources)
    app.extensions["ccan_search"] = index
    return index

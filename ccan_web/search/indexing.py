"""Keeping the index true to the database, and the application's one search backend.

Areas describe what they make searchable as a `Source` (the catalog its published businesses and
courses, the roadmap its published texts) and register it at start-up; this module knows no model
of its own. After every commit, the keys of the records that commit touched are looked up again
in a fresh session — outside the request's transaction, which is over — and the index is told to
add, replace or delete them; the commit itself noted those keys in `search_pending` (see
`pending`), so that an update a killed process never made is made later. `rebuild` and `verify`
compare the whole database with the index; `keep_in_step` checks it cheaply and repairs it. Both
run on the job queue (`search.jobs`): queued by a page that finds the index missing or damaged, by
each process's first request and then every SEARCH_CHECK_INTERVAL seconds, and on the worker's
schedule.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from time import monotonic, time

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from ccan_web.extensions import db
from ccan_web.search import pending
from ccan_web.search.backend import IndexUnavailable, SearchBackend
from ccan_web.search.documents import SearchDocument, SearchHit, SearchQuery, SearchResults

log = logging.getLogger(__name__)
PENDING = "ccan_search_pending"  # session.info: the keys this transaction touched...
PENDING_ROWS = "ccan_search_pending_rows"  # ...and the search_pending rows that record them
# An update is owed, not in flight, once it is this old: an after-commit update takes
# milliseconds, and the one after an import of 20,000 entries a few seconds.
PENDING_GRACE = 30.0
# A verify --fix that would rewrite more than this share of the index rebuilds it instead.
REBUILD_SHARE = 0.5
# Keys read from the database at a time: an import's 20,000 in one IN list would pass SQLite's
# limit of bound parameters.
REFRESH_BATCH = 1_000


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
                           ",".join(doc.sectors), doc.language or "", doc.format or "", doc.keywords, doc.labels,
                           doc.place, doc.price])
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
        self._job = threading.Lock()  # held by the one rebuild or check this process runs
        self._next_check = 0.0  # monotonic() of the next check; 0: at the first request

    @property
    def backend(self) -> SearchBackend:
        with self._lock:
            if self._backend is None:
                self._backend = self._make_backend()
            return self._backend

    def _make_backend(self) -> SearchBackend:
        if self.app.config["SEARCH_BACKEND"] == "postgres":
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
        keys = set(keys)
        by_kind: dict[str, list[str]] = {}
        for key in sorted(keys):
            by_kind.setdefault(key.split(":", 1)[0], []).append(key)
        with Session(db.engine) as session:
            found: list[SearchDocument] = []
            for kind, kind_keys in by_kind.items():
                if kind in self.sources:
                    for start in range(0, len(kind_keys), REFRESH_BATCH):
                        found += [versioned(doc) for doc in
                                  self.sources[kind].load(session, kind_keys[start:start + REFRESH_BATCH])]
        gone = keys - {doc.key for doc in found}
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
        """Replace the index with every searchable record of the database.

        Through a new backend: the old one's handles may point at files or tables that are gone
        or damaged, and a backend's rebuild opens (or replaces) them afresh.
        """
        def counted(docs: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
            for number, doc in enumerate(docs, start=1):
                if progress and number % 500 == 0:
                    progress(500)
                yield doc

        self.rebuilding.set()
        try:
            with self._lock:
                old, self._backend = self._backend, self._make_backend()
                backend = self._backend
            if old is not None:
                old.close()
            with Session(db.engine) as session:
                owed = pending.owed(session.connection())  # settled by what this rebuild reads
                total = backend.rebuild(counted(self.expected(session)))
            pending.settle(db.engine, [update.id for update in owed])
        finally:
            self.rebuilding.clear()
        self._built = total > 0
        if progress:
            progress(total % 500)
        return total

    def verify(self, fix: bool = False) -> Verification:
        """Compare the database with the index: what is missing, stale or left over, or why the
        index cannot be read at all; repair if asked (by a rebuild when the index cannot be read
        or most of it is wrong)."""
        with Session(db.engine) as session:
            owed = pending.owed(session.connection())
            expected = {doc.key: doc for doc in self.expected(session)}
        problem = self.backend.problem()
        indexed: dict[str, str] = {}
        if problem is None:
            try:
                indexed = self.backend.versions()
            except IndexUnavailable as error:
                problem = str(error)
        if problem is not None:
            if fix:
                self.rebuild()
            return Verification(len(expected), [], [], [], fixed=fix, problem=problem, rebuilt=fix)
        missing = sorted(set(expected) - set(indexed))
        stale = sorted(key for key in set(expected) & set(indexed) if expected[key].version != indexed[key])
        extra = sorted(set(indexed) - set(expected))
        rebuilt = False
        if fix and (missing or stale or extra):
            rebuilt = len(missing) + len(stale) + len(extra) > REBUILD_SHARE * max(len(expected), len(indexed))
            try:
                if not rebuilt:
                    self.backend.add_or_update([expected[key] for key in missing + stale])
                    self.backend.delete(extra)
            except IndexUnavailable:
                rebuilt = True  # it could be read but not written: damaged
            if rebuilt:
                self.rebuild()
        if fix:
            pending.settle(db.engine, [update.id for update in owed])
        return Verification(len(expected), missing, stale, extra, fixed=fix, rebuilt=rebuilt)

    def keep_in_step(self, grace: float | None = None) -> Upkeep:
        """Check the index against the database cheaply and repair what is wrong. For a process's
        start and then periodically (a task queue's periodic task, when there is one).

        - The index cannot be used (its files or tables as they are now: missing, damaged, a
          file in place of its directory): rebuild it.
        - Updates owed for more than `grace` seconds (PENDING_GRACE unless given: a process
          killed between its commit and the index update): make them.
        - The index holds another number of documents than the database has searchable records,
          twice running and with no update in flight: verify and fix (a rebuild when the index
          is empty or mostly wrong).
        When all is well this costs one lookup of `search_pending`, each source's count and the
        index's own (one more query on PostgreSQL, and one for its tables' columns).
        """
        problem = self.backend.problem()
        if problem is not None:
            log.warning("the search index cannot be used (%s): rebuilding it", problem)
            return Upkeep("rebuilt", problem, indexed=self.rebuild())
        grace = PENDING_GRACE if grace is None else grace
        indexed, expected, owed = self._counts()
        late = [update for update in owed if update.late(grace)]
        if late:
            keys = set().union(*(update.keys for update in late))
            log.warning("%d search index updates were never made (a process stopped after its commit): "
                        "making them now", len(keys))
            try:
                self.refresh(keys)
            except IndexUnavailable as error:  # damaged since: verify rebuilds it and settles them
                self.verify(fix=True)
                return Upkeep("verified", str(error), indexed=self.backend.count())
            pending.settle(db.engine, [update.id for update in late])
            indexed, expected, owed = self._counts()
        if indexed != expected and not owed:  # a commit counted on one side only: count again
            indexed, expected, owed = self._counts()
        if indexed == expected or owed:
            return Upkeep("refreshed" if late else "none", None, indexed=indexed, expected=expected)
        problem = f"the index holds {indexed} documents, the database {expected}"
        log.warning("%s: verifying and repairing the index", problem)
        self.verify(fix=True)
        return Upkeep("verified", problem, indexed=self.backend.count(), expected=expected)

    def _counts(self) -> tuple[int, int, list[pending.Owed]]:
        """(documents indexed, searchable records, updates owed), each read once."""
        with Session(db.engine) as session:
            owed = pending.owed(session.connection())
            expected = self.expected_count(session)
        return self.backend.count(), expected, owed

    def _queue(self, task: str, slot: int) -> bool:
        """Put `task` on the job queue once per `slot`, whichever process asks first: the worker
        runs it, and a page that found the index wanting answers at once meanwhile. False if it
        was queued already."""
        from ccan_web import jobs

        try:
            return jobs.enqueue_now(task, unique_key=f"{task}@{slot}")
        except Exception:  # the database cannot take the job now: the next request asks again
            log.exception("%s could not be queued", task)
            return False

    def rebuild_in_background(self) -> bool:
        """Ask the job queue for a rebuild (a missing or damaged index), unless one is waiting or
        running; pages that ask within the same ten seconds ask once."""
        from ccan_web import jobs

        if jobs.waiting("search.rebuild"):
            return False
        return self._queue("search.rebuild", int(time() // 10))

    def keep_in_step_in_background(self) -> bool:
        """Ask the job queue for a check, at most one every SEARCH_CHECK_INTERVAL seconds."""
        return self._queue("search.keep_in_step", int(time() // max(self.app.config.get("SEARCH_CHECK_INTERVAL", 60), 1)))

    def check_if_due(self) -> None:
        """Queue `keep_in_step` at a process's first request, and then at most every
        SEARCH_CHECK_INTERVAL seconds (0: never); the worker's schedule runs it as well, so an
        index is checked even while no page is asked for. A clock reading when not due."""
        interval = self.app.config.get("SEARCH_CHECK_INTERVAL", 0)
        now = monotonic()
        if interval <= 0 or now < self._next_check:
            return
        self._next_check = now + interval
        self.keep_in_step_in_background()

    def alone(self, work: Callable[[], object]) -> bool:
        """Run `work` (a rebuild or a check) unless one runs in this process already: a worker's
        threads never rebuild at once, and the one running repairs what the other would. False
        if skipped."""
        if not self._job.acquire(blocking=False):
            return False
        try:
            work()
        finally:
            self._job.release()
        return True

    def idle(self, timeout: float) -> bool:
        """Wait until no rebuild or check runs in this process (tests, and a worker shutting
        down); False on timeout."""
        if not self._job.acquire(timeout=timeout):
            return False
        self._job.release()
        return True

    def needs_rebuild(self) -> bool:
        """An index that is empty while the database has searchable records was never built;
        one that this process is rebuilding is not ready either."""
        if self.rebuilding.is_set():
            return True
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
    """What `verify` found. `problem`: why the index could not be read at all (then nothing is
    listed); `rebuilt`: fixed by a rebuild rather than document by document."""

    expected: int
    missing: list[str]
    stale: list[str]
    extra: list[str]
    fixed: bool
    problem: str | None = None
    rebuilt: bool = False

    @property
    def in_step(self) -> bool:
        return self.problem is None and not (self.missing or self.stale or self.extra)


@dataclass(frozen=True)
class Upkeep:
    """What `keep_in_step` did ("none", "refreshed", "verified" or "rebuilt") and why."""

    action: str
    problem: str | None
    indexed: int = 0
    expected: int | None = None


def keep_in_step(app: Flask) -> Upkeep:
    """The periodic check and repair of `app`'s index, for a task queue to call."""
    with app.app_context():
        return search_index(app).keep_in_step()


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
    """Note which documents this flush touched; they are indexed once the transaction commits.
    The keys are also written to `search_pending` in this transaction: a process killed after
    the commit leaves them there for `keep_in_step`."""
    index = _index_of_session()
    if index is None:
        return
    touched: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        touched.update(index.keys_for(obj))
    if touched:  # every flush its own row: one rolled back to a savepoint takes its row along
        session.info.setdefault(PENDING_ROWS, []).append(pending.record(session.connection(), touched))
        session.info.setdefault(PENDING, set()).update(touched)


@event.listens_for(Session, "after_commit")
def _apply(session: Session) -> None:
    """The transaction is committed: bring the index in step. A failure never undoes the commit;
    it is logged, the keys stay owed in `search_pending`, and `keep_in_step` makes the update."""
    keys = session.info.pop(PENDING, None)
    rows = session.info.pop(PENDING_ROWS, [])
    index = _index_of_session()
    if not keys or index is None:
        return
    try:
        index.refresh(keys)
    except Exception:
        log.exception("the search index could not follow a commit (%d records)", len(keys))
        return
    try:
        pending.settle(db.engine, rows)
    except Exception:  # the update is made; at worst it is made again
        log.exception("the search index updates of a commit could not be marked as made")


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(PENDING_ROWS, None)


def _check_if_due() -> None:
    search_index().check_if_due()


def init_app(app: Flask, sources: list[Source]) -> SearchIndex:
    index = SearchIndex(app, sources)
    app.extensions["ccan_search"] = index
    app.before_request(_check_if_due)
    return index

"""The embedded search backend: a Whoosh-Reloaded index in a directory (`SEARCH_INDEX_DIR`).

Measured choices (see benchmarks/bench_search.py):
- Whoosh stores the index; queries are answered from bitmasks. For each segment and each term
  asked for, the postings are read once into a Python int whose bit n is docnum n, and each facet
  value has such a mask, built once per segment from its column of facet "combinations". A query
  is then a few ANDs/ORs of big ints, every count a `bit_count()`, and "each facet without its
  own filter" is a handful more ANDs: no per-document Python loop, no second pass to rank. An
  edit re-reads only the new segment.
- Ranking: `ranking`'s BM25F-style score, worked out on the same masks (and so the same as
  PostgreSQL's): Whoosh's own BM25F over tens of thousands of matches was 100+ ms in pure
  Python, and would rank otherwise than the PostgreSQL backend.
- As-you-type looks up one edge-n-gram term of the title/key fields instead of expanding `alm*`.
- Fields are indexed as sets of terms (no positions, no frequencies), straight from the cached
  analysis functions rather than through Whoosh's token pipeline (`FieldType.index`); a rebuild
  writes with several processes into several segments. Postings are read with the matcher's
  documented `all_ids()`, one id at a time: the first search for a common word reads its
  postings for tens of milliseconds (benchmarks/bench_search.py), later ones find its mask in
  the segment's cache.
- Writers wait on Whoosh's file lock (several gunicorn workers may write).
- Files are read, never memory-mapped: a segment file truncated under a mapping kills the
  process with SIGBUS. Whatever a damaged file raises while being read (unpickling and unpacking
  random bytes can raise almost any error) is `IndexUnavailable`, and the backend then drops
  every handle it holds, so that the next read, or the rebuild, opens the directory afresh.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import columns, fields, formats, index
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, IndexWriter

from ccan_web.search import analysis, ranking
from ccan_web.search.analysis import ParsedQuery
from ccan_web.search.backend import IndexUnavailable, SearchBackend
from ccan_web.search.bitmaps import Matched, facet_values, mask_of, page_of_results
from ccan_web.search.documents import SearchDocument, SearchHit, SearchQuery, SearchResults
from ccan_web.search.facets import Combo, combo_of, decode_combo, encode_combo

log = logging.getLogger(__name__)
INDEX_NAME = "ccan"
TERM_CACHE = 4096  # term masks kept per segment


class Codec(W3Codec):
    """Whoosh's codec without per-posting length statistics (only BM25 block skipping uses
    them; nothing here is scored). With them, writing looked up each posting's field length in
    a column file, or stat()ed a missing one: about half of the rebuild time, measured."""

    length_stats = False


class TermSetField(fields.FieldType):
    """A field indexed as the set of the terms `analysis.document_terms` gives it: no positions
    or frequencies (a body's repeated stems are terms of their own), worked out by the cached
    analysis functions instead of a token pipeline."""

    def __init__(self, stored: bool = False) -> None:
        super().__init__(formats.Existence(), RegexTokenizer(analysis.WORD_PATTERN), scorable=False,
                         stored=stored)

    def index(self, value, **kwargs):
        # `value` is the set of terms `_fields` worked out for this field.
        return ((term.encode(), 1, 1.0, b"") for term in value)


@contextmanager
def _reading(what: str) -> Iterator[None]:
    """Reading the index files: any error a damaged file raises is IndexUnavailable. Only calls
    into Whoosh (and the decoding of what they return) run inside, so that a bug of our own
    still fails loudly rather than passing for damage. A writer busy past its timeout is not
    damage either."""
    try:
        yield
    except (IndexUnavailable, LockError):
        raise
    except Exception as error:
        raise IndexUnavailable(f"the search index cannot be {what}: {error!r}") from error


def _despite_commits(open_index):
    """Open the newest generation of the index, again if another process's commit replaced it
    between listing the files and reading them (a missing file then is a race, not damage)."""
    for attempt in range(5):
        try:
            return open_index()
        except (FileNotFoundError, index.EmptyIndexError):
            if attempt == 4:
                raise
            time.sleep(0.02 * (attempt + 1))


def build_schema() -> fields.Schema:
    """The one Whoosh schema: a term set per field of `analysis.FIELDS`, the stored text a hit
    shows, and columns of facet combinations and versions."""
    return fields.Schema(
        key=fields.ID(stored=True, unique=True, sortable=True),
        kind=fields.STORED(),
        url=fields.STORED(),
        visibility=fields.STORED(),
        shown=fields.STORED(),  # what a hit shows: see _shown
        **{name: TermSetField() for name in analysis.FIELDS},
        combo=fields.COLUMN(columns.VarBytesColumn()),
        version=fields.COLUMN(columns.VarBytesColumn()),
    )


def _shown(doc: SearchDocument) -> tuple[str, ...]:
    return (doc.title, doc.body, doc.place, doc.price, doc.country or "", doc.language or "", doc.format or "")


def _fields(doc: SearchDocument) -> dict[str, object]:
    terms = analysis.document_terms(doc.title, doc.keywords, doc.labels, doc.body)
    return {"key": doc.key, "kind": doc.kind, "url": doc.url, "visibility": doc.visibility,
            "shown": _shown(doc), **terms,
            "combo": encode_combo(combo_of(doc)).encode(), "version": doc.version.encode()}


# Bitmasks ----------------------------------------------------------------------------------

def _facet_keys(combo: Combo) -> list[tuple[str, str]]:
    visibility, kind, country, sectors, language, fmt = combo
    keys = [("visibility", visibility), ("kind", kind)]
    keys += [("sectors", sector) for sector in sectors]
    keys += [(name, value) for name, value in
             (("country", country), ("language", language), ("format", fmt)) if value]
    return keys


class _Segment:
    """What one segment's searches reuse: its facet masks and an LRU of its term masks."""

    def __init__(self, reader) -> None:
        with _reading("read"):
            self.size = reader.doc_count_all()
            combos = [decode_combo(raw.decode()) for raw in reader.column_reader("combo")]
        by_combo: dict[Combo, list[int]] = defaultdict(list)
        for docnum, combo in enumerate(combos):
            by_combo[combo].append(docnum)
        self.facets: dict[tuple[str, str], int] = defaultdict(int)
        for combo, docnums in by_combo.items():
            mask = mask_of(docnums, self.size)
            for key in _facet_keys(combo):
                self.facets[key] |= mask
        self._terms: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    def term(self, reader, field: str, term: str) -> int:
        key = (field, term)
        with self._lock:
            if key in self._terms:
                self._terms.move_to_end(key)
                return self._terms[key]
        with _reading("read"):
            try:
                mask = mask_of(list(reader.postings(field, term).all_ids()), self.size)
            except TermNotFound:
                mask = 0
        with self._lock:
            self._terms[key] = mask
            if len(self._terms) > TERM_CACHE:
                self._terms.popitem(last=False)
        return mask


class _View:
    """One searcher generation as global masks (segment masks shifted by their offsets)."""

    def __init__(self, searcher: Searcher, segments: dict[str, _Segment]) -> None:
        self.searcher = searcher
        self.parts: list[tuple[int, object, _Segment]] = []
        self.live = 0
        facets: dict[tuple[str, str], int] = defaultdict(int)
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            if reader.segment() is None:  # an empty index has an EmptyReader
                continue
            segment = segments.get(reader.segment().segment_id())
            if segment is None:
                segment = _Segment(reader)
            segments[reader.segment().segment_id()] = segment
            self.parts.append((offset, reader, segment))
            live = mask_of(list(reader.all_doc_ids()), segment.size) if reader.has_deletions() \
                else (1 << segment.size) - 1
            self.live |= live << offset
            for key, mask in segment.facets.items():
                facets[key] |= mask << offset
        self.facets = {key: mask & self.live for key, mask in facets.items()}
        self.values = facet_values(self.facets)
        self._terms: dict[tuple[str, str], int] = {}

    def term(self, field: str, term: str) -> int:
        key = (field, term)
        mask = self._terms.get(key)
        if mask is None:
            mask = 0
            for offset, reader, segment in self.parts:
                mask |= segment.term(reader, field, term) << offset
            mask &= self.live
            if len(self._terms) > TERM_CACHE:
                self._terms.clear()
            self._terms[key] = mask
        return mask

    def masks(self, terms: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        return {term: mask for term in terms if (mask := self.term(*term))}


class WhooshBackend(SearchBackend):
    """A Whoosh index in `index_dir`, created there on first use."""

    def __init__(self, index_dir: str | os.PathLike, write_timeout: float = 30.0) -> None:
        self._dir = Path(index_dir)
        self._write_timeout = write_timeout
        self._ix: index.Index | None = None
        self._searcher: Searcher | None = None
        self._segments: dict[str, _Segment] = {}  # by segment id, kept across generations
        self._view: _View | None = None
        self._lock = threading.RLock()

    # Opening ----------------------------------------------------------------------------------

    def _storage(self) -> FileStorage:
        return FileStorage(str(self._dir), supports_mmap=False)

    def _index(self) -> index.Index:
        with self._lock:
            if self._ix is None:
                self._ix = self._open_or_create()
            return self._ix

    def _open_or_create(self) -> index.Index:
        if self._dir.exists() and not self._dir.is_dir():
            raise IndexUnavailable(f"{self._dir} is a file, not the search index's directory")
        with _reading("opened"):
            self._dir.mkdir(parents=True, exist_ok=True)
            storage = self._storage()
            if not any(self._dir.glob(f"_{INDEX_NAME}_*.toc")):
                # Several workers may start on an empty directory at once: one creates the index
                # under Whoosh's file lock, the others then find it and open it.
                with self._creating(storage):
                    if not any(self._dir.glob(f"_{INDEX_NAME}_*.toc")):
                        return storage.create_index(build_schema(), indexname=INDEX_NAME)
            return self._open(storage)

    def _open(self, storage: FileStorage) -> index.Index:
        ix = _despite_commits(lambda: storage.open_index(INDEX_NAME))
        if set(ix.schema.names()) != set(build_schema().names()):
            raise IndexUnavailable(f"the search index in {self._dir} has an older schema")
        return ix

    @staticmethod
    @contextmanager
    def _creating(storage: FileStorage) -> Iterator[None]:
        # Not named "_ccan_…": creating an index deletes every file with that prefix.
        lock = storage.lock(f"{INDEX_NAME}-create.lock")
        lock.acquire(blocking=True)
        try:
            yield
        finally:
            lock.release()

    def _replace(self) -> index.Index:
        """A new, empty index where an unreadable one was. A file where the directory should be
        is moved aside (it may be something else's, misconfigured), never deleted."""
        if self._dir.exists() and not self._dir.is_dir():
            aside = self._dir.with_name(f"{self._dir.name}.not-an-index-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                self._dir.rename(aside)
                log.warning("%s was a file, not the search index's directory; moved it to %s", self._dir, aside)
            except FileNotFoundError:
                pass  # another worker moved it first
        with _reading("created"):
            self._dir.mkdir(parents=True, exist_ok=True)
            storage = self._storage()
            with self._creating(storage):
                try:  # another worker may have replaced it meanwhile
                    return self._open(storage)
                except Exception:  # noqa: BLE001 - still damaged, whatever the error
                    return storage.create_index(build_schema(), indexname=INDEX_NAME)

    def _forget(self) -> None:
        """Drop every handle on the files: after damage, the next read opens them afresh. (Not
        closed here: another thread may still be reading through them; they close when dropped.)"""
        with self._lock:
            self._searcher = None
            self._view = None
            self._segments = {}
            self._ix = None

    @contextmanager
    def _unless_damaged(self) -> Iterator[None]:
        try:
            yield
        except IndexUnavailable:
            self._forget()
            raise

    def problem(self) -> str | None:
        if not self._dir.exists():
            return f"{self._dir} does not exist"
        if not self._dir.is_dir():
            return f"{self._dir} is a file, not the search index's directory"
        try:
            with _reading("opened"):
                ix = self._open(self._storage())
                with ix.searcher() as searcher:  # opens the files of every segment
                    searcher.doc_count()
        except IndexUnavailable as error:
            return str(error)
        return None

    def _current_searcher(self) -> Searcher:
        """A searcher that sees the latest commit of any process (checked by one file stat)."""
        with self._lock, self._unless_damaged(), _reading("read"):
            # Not Searcher.refresh(): Whoosh-Reloaded 2.7.5 then keeps the old segments'
            # readers, so deleted and replaced documents come back. A new searcher costs a
            # few milliseconds once per commit; the facet columns stay cached per segment.
            if self._searcher is None or not self._searcher.up_to_date():
                self._searcher = _despite_commits(lambda: self._index().searcher())
            return self._searcher

    @contextmanager
    def _writer(self, **kwargs) -> Iterator[IndexWriter]:
        """A writer that waits for Whoosh's file lock, so several workers can write in turn."""
        with self._unless_damaged(), _reading("written"):
            writer = self._index().writer(timeout=self._write_timeout, codec=Codec(), **kwargs)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    # Writing ----------------------------------------------------------------------------------

    def add_or_update(self, docs: Iterable[SearchDocument]) -> None:
        rows = [_fields(doc) for doc in docs]
        if not rows:
            return
        with self._writer() as writer:
            for row in rows:
                writer.update_document(**row)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        with self._writer() as writer:
            for key in keys:
                writer.delete_by_term("key", key)

    def clear(self) -> None:
        with self._unless_damaged(), _reading("written"):
            self._index().writer(timeout=self._write_timeout, codec=Codec()).commit(mergetype=CLEAR)

    def rebuild(self, docs: Iterable[SearchDocument], procs: int | None = None,
                limitmb: int = 1024) -> int:
        """Replace the index with `docs`, writing with several processes into several segments.

        No handle from before is trusted: the directory is opened afresh, and an index that
        cannot be opened (missing, damaged, outdated, a file in its place) is replaced by a new
        one. Segment files that are damaged but listed are dropped by the commit, unread.
        """
        self._forget()
        try:
            ix = self._index()
        except IndexUnavailable as error:
            log.warning("replacing the search index in %s: %s", self._dir, error)
            with self._lock:
                ix = self._ix = self._replace()
        procs = procs or min(4, os.cpu_count() or 1)
        # limitmb per process: Whoosh spills postings to sorted runs beyond it and merging the
        # runs back in Python took twice as long as the indexing (measured); 100,000 documents
        # need about 700 MB a process.
        args = {"procs": procs, "multisegment": True} if procs > 1 else {}
        args["limitmb"] = limitmb
        with self._unless_damaged():
            with _reading("written"):
                writer = ix.writer(timeout=self._write_timeout, codec=Codec(), **args)
            total = 0
            try:
                for doc in docs:
                    row = _fields(doc)
                    with _reading("written"):
                        writer.add_document(**row)
                    total += 1
            except BaseException:
                writer.cancel()
                raise
            with _reading("written"):
                writer.commit(mergetype=CLEAR)
        return total

    # Reading ----------------------------------------------------------------------------------

    def count(self) -> int:
        searcher = self._current_searcher()
        with self._unless_damaged(), _reading("read"):
            return searcher.doc_count()

    def versions(self) -> dict[str, str]:
        found: dict[str, str] = {}
        searcher = self._current_searcher()
        with self._unless_damaged(), _reading("read"):
            for leaf, _offset in searcher.leaf_searchers():
                reader = leaf.reader()
                if reader.doc_count_all() == 0:  # an empty index has an EmptyReader, without columns
                    continue
                keys = reader.column_reader("key")
                versions = reader.column_reader("version")
                for docnum in reader.all_doc_ids():
                    found[keys[docnum]] = versions[docnum].decode()
        return found

    def _current_view(self) -> _View:
        """The masks of the latest commit; a new commit re-reads only its new segments."""
        with self._lock:
            searcher = self._current_searcher()
            if self._view is None or self._view.searcher is not searcher:
                with _reading("read"):
                    segments: dict[str, _Segment] = {}
                    known = self._segments
                    for leaf, _offset in searcher.leaf_searchers():
                        segment = leaf.reader().segment()
                        if segment is not None and segment.segment_id() in known:
                            segments[segment.segment_id()] = known[segment.segment_id()]
                    self._view = _View(searcher, segments)
                self._segments = segments  # segments merged away are forgotten
            return self._view

    def search(self, query: SearchQuery) -> SearchResults:
        with self._unless_damaged():
            view = self._current_view()
            return page_of_results(query, lambda parsed: self._matched(view, parsed, query),
                                   lambda parsed, matched: self._corrected(view, parsed, matched),
                                   lambda used, docnums: [self._hit(view.searcher, docnum, used) for docnum in docnums])

    @staticmethod
    def _matched(view: _View, parsed: ParsedQuery, query: SearchQuery) -> Matched:
        return Matched(view.live, view.facets, view.values, parsed, view.masks(ranking.wanted(parsed)), query)

    @staticmethod
    def _hit(searcher: Searcher, docnum: int, parsed: ParsedQuery) -> SearchHit:
        with _reading("read"):
            stored = searcher.stored_fields(docnum)
            shown = stored["shown"]
            fields = [stored["key"], stored["kind"], stored["url"], stored.get("visibility", "public"), *shown]
            if len(shown) != 7 or not all(isinstance(value, str) for value in fields):
                raise ValueError(f"stored fields of document {docnum} are not text")
        key, kind, url, visibility, title, body, place, price, country, language, fmt = fields
        return SearchHit(key=key, kind=kind, title=title, url=url, visibility=visibility,
                         snippet=analysis.snippet(body or title, parsed), place=place, price=price,
                         country=country or None, language=language or None, format=fmt or None)

    @staticmethod
    def _corrected(view: _View, parsed: ParsedQuery, matched: Matched) -> ParsedQuery | None:
        """The query with each long word that matches nothing replaced by its most frequent
        one-edit neighbour in the index; None when no word could be corrected."""
        reader = view.searcher.reader()
        corrected = parsed
        for i in matched.unmatched:
            word = parsed.words[i]
            if not word.fuzzable or not view.live:
                continue
            variants = analysis.one_edit_variants(word.key)
            with _reading("read"):
                frequencies = {term: sum(reader.doc_frequency(field, term) for field in analysis.WORD_FIELDS)
                               for term in variants}
            best = analysis.best_correction(word, {t: f for t, f in frequencies.items() if f})
            if best:
                corrected = corrected.replaced(i, best, best)
        return corrected if corrected != parsed else None

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._view = None
            self._segments = {}
            self._ix = None

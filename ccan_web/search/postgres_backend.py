"""The PostgreSQL search backend, for deployments with several application servers.

Documents live in the table `search_documents`. The text is analysed in Python by the same code
as Whoosh's (Latin keys and Snowball stems, see `analysis`), and the resulting terms are written
as a tsvector literal with a GIN index: PostgreSQL's own 'russian'/'english' configurations
would stem each script differently and never let "Алматы" meet "Almaty", and the two backends
would disagree. Measured choices (see benchmarks/bench_search.py):
- As-you-type: the edge n-grams of the title and key-field words are lexemes of their own
  (`~alm`) in the same tsvector, so the word being typed is one exact GIN lookup, never a
  `alm:*` prefix scan over every body word.
- Counts: one statement counts kinds and every facet value (each facet without its own filter)
  over the matched rows, instead of sending every (kind, country, sectors, ...) group to Python.
- Ranking as Whoosh's: more query words in the title or key fields first (a small inline
  `title_tsv`), then key.
- Narrow rows: body and tsv are moved to TOAST, so the counts read a few MB of heap.
- A rebuild loads without the GIN index, builds it once and ANALYZEs the table.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

import sqlalchemy as sa
from psycopg import errors as pg_errors
from sqlalchemy.engine import Connection, Engine

from ccan_web.search import analysis
from ccan_web.search.analysis import ParsedQuery, QueryWord
from ccan_web.search.backend import IndexUnavailable, SearchBackend
from ccan_web.search.documents import (FACETS, KINDS, SearchDocument, SearchHit, SearchQuery,
                                       SearchResults, page_count)

BATCH = 2_000
PREFIX_MARK = "~"  # latin_key never writes it, so "~alm" (typed prefix) never meets a word
# A server that is down, or a table an older version left with other columns: rebuild, not 500.
_UNUSABLE = (pg_errors.UndefinedTable, pg_errors.UndefinedColumn, pg_errors.DatatypeMismatch)


# Schema: the lead engineer turns this function into an Alembic migration -------------------

TSV_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents "
                 "USING gin (tsv)")
SCHEMA_DDL = (
    """CREATE TABLE IF NOT EXISTS search_documents (
        key text PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        url text NOT NULL,
        visibility text NOT NULL,
        country text,
        sectors text[] NOT NULL DEFAULT '{}',
        language text,
        format text,
        version text NOT NULL DEFAULT '',
        -- toast_tuple_target: rows stay narrow, so counting a query's matches reads few pages;
        -- the body and the full tsvector go to TOAST (the GIN index answers the match without
        -- reading them) while the small title_tsv that ranking reads stays in the row.
        keywords text NOT NULL DEFAULT '',
        title_tsv tsvector NOT NULL DEFAULT '',
        tsv tsvector NOT NULL
    ) WITH (toast_tuple_target = 256)""",
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS keywords text NOT NULL DEFAULT ''",
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS title_tsv tsvector NOT NULL "
    "DEFAULT ''",
    TSV_INDEX_DDL,
    # Every term ever indexed, for the fuzzy fallback's exact lookups of one-edit variants;
    # stale terms are harmless (a correction is only used when it finds documents).
    "CREATE TABLE IF NOT EXISTS search_terms (term text PRIMARY KEY)",
)


def create_schema(connection: Connection) -> None:
    """Create the search tables and indexes if missing (the only DDL of this backend)."""
    for statement in SCHEMA_DDL:
        connection.execute(sa.text(statement))


# SQL ----------------------------------------------------------------------------------------

_UPSERT = sa.text("""
    INSERT INTO search_documents (key, kind, title, body, url, visibility, country, sectors,
                                  language, format, version, keywords, title_tsv, tsv)
    VALUES (:key, :kind, :title, :body, :url, :visibility, :country, :sectors, :language,
            :format, :version, :keywords, CAST(:title_tsv AS tsvector), CAST(:tsv AS tsvector))
    ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,
        body = EXCLUDED.body, url = EXCLUDED.url, visibility = EXCLUDED.visibility,
        country = EXCLUDED.country, sectors = EXCLUDED.sectors, language = EXCLUDED.language,
        format = EXCLUDED.format, version = EXCLUDED.version, keywords = EXCLUDED.keywords,
        title_tsv = EXCLUDED.title_tsv, tsv = EXCLUDED.tsv""")
_ADD_TERMS = sa.text("INSERT INTO search_terms (term) SELECT unnest(CAST(:terms AS text[])) "
                     "ON CONFLICT DO NOTHING")
_FACET_COLUMNS = {"country": "country = ANY(:country)", "sectors": "sectors && :sectors",
                  "language": "language = ANY(:language)", "format": "format = ANY(:format)"}


def _lexemes(terms: Iterable[str], grams: Iterable[str]) -> str:
    return " ".join([f"'{term}'" for term in terms] + [f"'{PREFIX_MARK}{gram}'" for gram in grams])


def _row(doc: SearchDocument) -> tuple[dict[str, object], set[str]]:
    """The table row of a document, and its terms (for the fuzzy fallback's term list).

    `tsv` holds every term and the `~` edge n-grams (what matches); `title_tsv` the title and
    key-field terms and n-grams (what ranks). Both are sets of lexemes without positions: no
    phrase search or ts_rank uses them, and they are a third of the size.
    """
    titled = analysis.term_set(doc.title) | analysis.term_set(doc.keywords)
    terms = titled | analysis.term_set(doc.body)
    grams = analysis.document_prefixes(f"{doc.title} {doc.keywords}")
    return {"key": doc.key, "kind": doc.kind, "title": doc.title, "body": doc.body,
            "url": doc.url, "visibility": doc.visibility, "country": doc.country,
            "sectors": sorted(doc.sectors), "language": doc.language, "format": doc.format,
            "version": doc.version, "keywords": doc.keywords,
            "tsv": _lexemes(terms, grams), "title_tsv": _lexemes(titled, grams)}, terms


def _word_tsquery(word: QueryWord) -> str:
    # Keys are [a-z0-9] only (latin_key guarantees it), so quoting them is enough.
    options = [f"'{term}'" for term in word.terms]
    if word.prefix:
        options.append(f"'{PREFIX_MARK}{word.prefix}'")
    return "(" + " | ".join(options) + ")"


def _tsquery(parsed: ParsedQuery) -> str | None:
    return " & ".join(map(_word_tsquery, parsed.words)) or None


def _match_sql(tsquery: str | None, name: str = "tsq") -> str:
    return f"tsv @@ CAST(:{name} AS tsquery)" if tsquery else "TRUE"


def _filters(query: SearchQuery) -> tuple[dict[str, str], dict[str, object]]:
    """SQL conditions of the kind and facet filters, by name, and their parameters."""
    clauses, params = {}, {}
    if query.kinds:
        clauses["kind"] = "kind = ANY(:kinds)"
        params["kinds"] = sorted(query.kinds)
    for name, values in query.active_facets().items():
        clauses[name] = _FACET_COLUMNS[name]
        params[name] = sorted(values)
    return clauses, params


def _tier_sql(parsed: ParsedQuery) -> tuple[str, dict[str, str]]:
    """How many query words a row has in its title or key fields (the rank), and parameters."""
    titled = {f"t{i}": _word_tsquery(word) for i, word in enumerate(parsed.words)}
    tier = " + ".join(f"(title_tsv @@ CAST(:{name} AS tsquery))::int" for name in titled)
    return tier or "0", titled


def _counts_sql(tsquery: str | None, query: SearchQuery, clauses: dict[str, str],
                tier: str) -> str:
    """One statement: the total, the counts per kind and per facet value, each counted over
    the matched rows that pass every filter but its own, and the keys of the requested page
    with their rank (so the matched rows are read once)."""
    visible = "TRUE" if query.include_members else "visibility = 'public'"
    flags = ", ".join(f"({sql}) AS f_{name}" for name, sql in clauses.items())
    columns = (f"key, ({tier}) AS tier, kind, country, sectors, language, format"
               + (f", {flags}" if flags else ""))

    def passing(skip: str | None) -> str:
        return " AND ".join(f"f_{name}" for name in clauses if name != skip) or "TRUE"

    parts = [f"SELECT '' AS facet, NULL AS value, count(*) FROM m WHERE {passing(None)}",
             f"SELECT 'kind', kind, count(*) FROM m WHERE {passing('kind')} GROUP BY kind",
             # unnest() in the select list: as a lateral FROM item it cost 2 µs a row
             f"SELECT 'sectors', s, count(*) FROM (SELECT unnest(sectors) AS s FROM m "
             f"WHERE {passing('sectors')}) AS x GROUP BY s"]
    parts += [f"SELECT '{name}', {name}, count(*) FROM m WHERE {passing(name)} "
              f"AND {name} IS NOT NULL GROUP BY {name}"
              for name in FACETS if name != "sectors"]
    parts.append(f"(SELECT '#hit', key, tier::bigint FROM m WHERE {passing(None)} "
                 f"ORDER BY tier DESC, key LIMIT :limit OFFSET :offset)")
    return (f"WITH m AS MATERIALIZED (SELECT {columns} FROM search_documents "
            f"WHERE {_match_sql(tsquery)} AND {visible}) " + " UNION ALL ".join(parts))


def _batches(docs: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    iterator = iter(docs)
    while batch := list(islice(iterator, BATCH)):
        yield batch


class _Counted:
    def __init__(self, rows) -> None:
        self.total = 0
        self.kind_counts: dict[str, int] = {}
        self.facet_counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        ranked: list[tuple[int, str]] = []
        for facet, value, n in rows:
            if facet == "#hit":
                ranked.append((-n, value))
            elif facet == "":
                self.total = n
            elif facet == "kind":
                self.kind_counts[value] = n
            else:
                self.facet_counts[facet][value] = n
        self.kind_counts = {kind: self.kind_counts[kind] for kind in KINDS
                            if kind in self.kind_counts}
        self.page_keys = [key for _rank, key in sorted(ranked)]


class PostgresBackend(SearchBackend):
    """Search over the `search_documents` table of the engine's database."""

    def __init__(self, engine: Engine, manage_schema: bool = True) -> None:
        """`manage_schema`: create the tables when missing (tests, benchmarks). The application
        passes False: there its Alembic migration creates them, like every other table."""
        self._engine = engine
        self._ready = not manage_schema

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        """A connection in a transaction; the tables are created on first use."""
        try:
            with self._engine.begin() as connection:
                if not self._ready:
                    create_schema(connection)
                    self._ready = True
                yield connection
        except sa.exc.DBAPIError as error:
            if isinstance(error, sa.exc.OperationalError) or isinstance(error.orig, _UNUSABLE):
                raise IndexUnavailable(f"the search table cannot be used: {error}") from error
            raise

    # Writing ----------------------------------------------------------------------------------

    def _write(self, connection: Connection, batch: list[SearchDocument]) -> None:
        rows, terms = [], set()
        for doc in batch:
            row, doc_terms = _row(doc)
            rows.append(row)
            terms |= doc_terms
        connection.execute(_UPSERT, rows)
        connection.execute(_ADD_TERMS, {"terms": sorted(terms)})

    def add_or_update(self, docs: Iterable[SearchDocument]) -> None:
        for batch in _batches(docs):
            with self._connect() as connection:
                self._write(connection, batch)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            with self._connect() as connection:
                connection.execute(sa.text("DELETE FROM search_documents WHERE key = ANY(:keys)"),
                                   {"keys": keys})

    def clear(self) -> None:
        with self._connect() as connection:
            connection.execute(sa.text("TRUNCATE search_documents, search_terms"))

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace every document: load without the GIN index, build it once, ANALYZE.

        One transaction: TRUNCATE's lock makes searches wait for it (about 30 s at 120,000
        documents) rather than see a half-built index.
        """
        total = 0
        with self._connect() as connection:
            connection.execute(sa.text("TRUNCATE search_documents, search_terms"))
            connection.execute(sa.text("DROP INDEX IF EXISTS ix_search_documents_tsv"))
            for batch in _batches(docs):
                self._write(connection, batch)
                total += len(batch)
            connection.execute(sa.text("SET LOCAL maintenance_work_mem = '256MB'"))
            connection.execute(sa.text(TSV_INDEX_DDL))
        with self._engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(sa.text("ANALYZE search_documents"))
            connection.execute(sa.text("ANALYZE search_terms"))
        return total

    # Reading ----------------------------------------------------------------------------------

    def count(self) -> int:
        with self._connect() as connection:
            return connection.scalar(sa.text("SELECT count(*) FROM search_documents"))

    def versions(self) -> dict[str, str]:
        with self._connect() as connection:
            rows = connection.execute(sa.text("SELECT key, version FROM search_documents"))
            return {key: version for key, version in rows}

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = analysis.parse_query(query.text)
        clauses, params = _filters(query)
        per_page = query.clamped_per_page()
        wanted = query.clamped_page()
        with self._connect() as connection:
            counted = self._count(connection, parsed, query, clauses, params, wanted, per_page)
            corrected = None
            if counted.total == 0 and parsed.words:
                corrected = self._corrected(connection, parsed)
                if corrected is not None:
                    retry = self._count(connection, corrected, query, clauses, params, wanted,
                                        per_page)
                    if retry.total:
                        counted = retry
                    else:
                        corrected = None
            used = corrected or parsed
            pages = page_count(counted.total, per_page)
            page = min(wanted, pages)
            if page != wanted and counted.total:  # past the end: the last page
                counted = self._count(connection, used, query, clauses, params, page, per_page)
            hits = self._page_hits(connection, used, counted.page_keys)
        return SearchResults(
            hits=hits, total=counted.total, kind_counts=counted.kind_counts,
            facet_counts=counted.facet_counts,
            corrected=self._corrected_text(parsed, used, hits) if corrected else None,
            page=page, pages=pages)

    @staticmethod
    def _count(connection: Connection, parsed: ParsedQuery, query: SearchQuery,
               clauses: dict[str, str], params: dict[str, object], page: int,
               per_page: int) -> _Counted:
        tsquery = _tsquery(parsed)
        tier, titled = _tier_sql(parsed)
        return _Counted(connection.execute(
            sa.text(_counts_sql(tsquery, query, clauses, tier)),
            {**params, **titled, "tsq": tsquery, "limit": per_page,
             "offset": (page - 1) * per_page}))

    @staticmethod
    def _page_hits(connection: Connection, parsed: ParsedQuery,
                   keys: list[str]) -> list[SearchHit]:
        if not keys:
            return []
        rows = {row.key: row for row in connection.execute(sa.text(
            "SELECT key, kind, title, url, body FROM search_documents WHERE key = ANY(:keys)"),
            {"keys": keys})}
        return [SearchHit(key=key, kind=row.kind, title=row.title, url=row.url,
                          snippet=analysis.snippet(row.body or row.title, parsed))
                for key in keys if (row := rows.get(key)) is not None]

    @staticmethod
    def _corrected(connection: Connection, parsed: ParsedQuery) -> ParsedQuery | None:
        """Each long word that matches nothing replaced by its most frequent one-edit neighbour
        among the indexed terms; None when no word could be corrected."""
        corrected = parsed
        exists = sa.text(f"SELECT EXISTS (SELECT 1 FROM search_documents WHERE "
                         f"{_match_sql('x')})")
        for i, word in enumerate(parsed.words):
            if not word.fuzzable or connection.scalar(exists, {"tsq": _word_tsquery(word)}):
                continue
            known = connection.scalars(
                sa.text("SELECT term FROM search_terms WHERE term = ANY(:variants)"),
                {"variants": sorted(analysis.one_edit_variants(word.key))}).all()
            frequencies = {term: connection.scalar(sa.text(
                f"SELECT count(*) FROM search_documents WHERE {_match_sql('x')}"),
                {"tsq": f"'{term}'"}) for term in known}
            best = analysis.best_correction(word, {t: f for t, f in frequencies.items() if f})
            if best:
                corrected = corrected.replaced(i, best, best)
        return corrected if corrected != parsed else None

    @staticmethod
    def _corrected_text(original: ParsedQuery, used: ParsedQuery, hits: list[SearchHit]) -> str:
        texts = [f"{hit.title} {hit.snippet}" for hit in hits[:3]]
        return " ".join(word.surface if word == before else
                        (analysis.surface_form(word.key, texts) or word.surface)
                        for word, before in zip(used.words, original.words))

    def close(self) -> None:
        """The engine belongs to the caller, who disposes of it."""

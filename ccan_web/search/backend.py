"""The interface every search backend implements, and the errors the application handles.

The application talks only to `SearchBackend`; Whoosh (embedded default) and PostgreSQL
(several application servers) implement it, and one contract test suite holds them to it.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from ccan_web.search.documents import SearchDocument, SearchQuery, SearchResults


class SearchError(Exception):
    """Base of the search engine's own errors."""


class IndexUnavailable(SearchError):
    """The index exists but cannot be read (corrupt files, wrong schema, unreachable table).

    The application shows a clear "search is being rebuilt" message and runs a rebuild instead of
    failing every page with a 500.
    """


class SearchBackend(ABC):
    """A full-text index of `SearchDocument`s. A missing index is created on first use."""

    @abstractmethod
    def add_or_update(self, docs: Iterable[SearchDocument]) -> None:
        """Index the documents, replacing any with the same key; visible to the next search."""

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by key; unknown keys are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results with counts; any user input gives results or none, never an error
        other than `IndexUnavailable`."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (the first step of a rebuild)."""

    @abstractmethod
    def versions(self) -> dict[str, str]:
        """Every indexed key with its version, for `flask search verify`."""

    @abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""

    def problem(self) -> str | None:
        """Why the index cannot be used, found cheaply from its files or tables as they are now,
        never through a handle opened earlier; None when it can be. For the periodic check."""
        try:
            self.count()
        except IndexUnavailable as error:
            return str(error)
        return None

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace the whole index with `docs`; returns how many were indexed.

        Backends override this when bulk loading is faster than clear + add.
        """
        self.clear()
        batch: list[SearchDocument] = []
        total = 0
        for doc in docs:
            batch.append(doc)
            if len(batch) >= 5_000:
                self.add_or_update(batch)
                total += len(batch)
                batch = []
        self.add_or_update(batch)
        return total + len(batch)

    def close(self) -> None:
        """Release files or connections; the default has none."""

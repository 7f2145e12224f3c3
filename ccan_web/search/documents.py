"""The plain data that crosses the search engine's boundary: what is indexed, asked and answered.

Both backends take and return only these, so the service, the pages and the contract tests never
see a Whoosh or SQL object.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("business", "course", "story", "association", "roadmap", "toolkit")
VISIBILITIES = ("public", "members")
FACETS = ("country", "sectors", "language", "format")
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class SearchDocument:
    """One searchable record, flattened: the index never reads the database itself.

    `version` is whatever changes when the record changes (e.g. an updated-at stamp or a revision
    number); `flask search verify` compares it with the database's to find stale entries.
    `keywords` are short key fields besides the title (city, provider, ...): like the title they
    match as-you-type prefixes and rank as title words; the body matches whole words only.
    `labels` match like the body but are never shown: the names of a record's country or sectors
    in several languages, which a snippet of the body should not end with.
    """

    key: str  # "business:123": unique across kinds
    kind: str
    title: str
    body: str
    url: str
    visibility: str = "public"
    country: str | None = None
    sectors: tuple[str, ...] = ()
    language: str | None = None
    format: str | None = None
    version: str = ""
    keywords: str = ""
    labels: str = ""
    place: str = ""  # the city as written, for a result's card
    price: str = ""  # a course's price as its card shows it ("" when not given)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"unknown visibility {self.visibility!r}")
        if ":" not in self.key:
            raise ValueError(f"a key looks like 'kind:id', not {self.key!r}")

    def facet_values(self, facet: str) -> tuple[str, ...]:
        """The document's values of one facet, always as a tuple (sectors are multi-valued)."""
        if facet == "sectors":
            return self.sectors
        value = getattr(self, facet)
        return (value,) if value else ()


@dataclass(frozen=True)
class SearchQuery:
    """What a user asked. `text` is raw user input: the backends sanitise it, never trust it.

    Several values of one facet combine with OR, different facets with AND. Unknown facet values
    simply match nothing; unknown facet names are ignored.
    """

    text: str = ""
    kinds: frozenset[str] = frozenset()
    facets: dict[str, frozenset[str]] = field(default_factory=dict)
    include_members: bool = False
    page: int = 1
    per_page: int = 20
    as_typed: bool = False  # never correct a word that matches nothing ("search instead for …")

    def clamped_page(self) -> int:
        return max(1, int(self.page or 1))

    def clamped_per_page(self) -> int:
        return min(MAX_PER_PAGE, max(1, int(self.per_page or 20)))

    def active_facets(self) -> dict[str, frozenset[str]]:
        """The facet filters that restrict anything: known names with at least one value."""
        return {name: frozenset(values) for name, values in self.facets.items()
                if name in FACETS and values}


@dataclass(frozen=True)
class SearchHit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str  # HTML-safe: the source text escaped, with only <mark> tags added
    visibility: str = "public"  # "members": a page shows that only members see it
    place: str = ""
    price: str = ""
    country: str | None = None
    language: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class SearchResults:
    """One page of results, with the counts the page shows next to each kind and facet value.

    Facet counts "follow the query": each facet is counted over the documents that match the text
    and every *other* facet's filter, so a user sees how many more an extra OR value would bring.
    `corrected` is the query actually used when a word matched nothing and the fuzzy fallback
    found something ("showing results for …"), else None. A page past the end gives the last page.
    """

    hits: list[SearchHit]
    total: int
    kind_counts: dict[str, int]
    facet_counts: dict[str, dict[str, int]]
    corrected: str | None
    page: int
    pages: int
    partial: bool = False  # no result has every word: these have the most of them
    missing: tuple[str, ...] = ()  # ...and these words are in none of them
    unsearchable: bool = False  # only stop words, or letters no analyser knows

    @classmethod
    def empty(cls) -> SearchResults:
        return cls(hits=[], total=0, kind_counts={}, facet_counts={f: {} for f in FACETS},
                   corrected=None, page=1, pages=1)


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))

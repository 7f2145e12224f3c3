"""Facet counting shared by both backends, from the matched documents grouped by facet values.

A backend groups the documents that match the text by their (visibility, kind, country, sectors,
language, format) "combination" — Whoosh from a per-segment column, PostgreSQL by GROUP BY — and
this module applies the filter rules to the few hundred distinct combinations, so the two
backends count alike. Several values of one facet combine with OR, different facets with AND;
each facet is counted without its own filter (so the other values' counts stay visible).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ccan_web.search.documents import FACETS, SearchDocument, SearchQuery

# (visibility, kind, country, sectors, language, format)
Combo = tuple[str, str, str | None, tuple[str, ...], str | None, str | None]
_FACET_INDEX = {"country": 2, "sectors": 3, "language": 4, "format": 5}
_SEPARATOR = "\x1f"


def combo_of(doc: SearchDocument) -> Combo:
    return (doc.visibility, doc.kind, doc.country, tuple(sorted(doc.sectors)), doc.language,
            doc.format)


def encode_combo(combo: Combo) -> str:
    """A combination as one short string (Whoosh stores it in a column)."""
    visibility, kind, country, sectors, language, fmt = combo
    return _SEPARATOR.join((visibility, kind, country or "", ",".join(sectors), language or "",
                            fmt or ""))


def decode_combo(text: str) -> Combo:
    visibility, kind, country, sectors, language, fmt = text.split(_SEPARATOR)
    return (visibility, kind, country or None, tuple(s for s in sectors.split(",") if s),
            language or None, fmt or None)


def _values(combo: Combo, facet: str) -> tuple[str, ...]:
    value = combo[_FACET_INDEX[facet]]
    if facet == "sectors":
        return value  # type: ignore[return-value]
    return (value,) if value else ()  # type: ignore[return-value]


@dataclass(frozen=True)
class Filters:
    """The query's filters, able to test a combination with one of them left out."""

    include_members: bool
    kinds: frozenset[str]
    facets: dict[str, frozenset[str]]

    @classmethod
    def of(cls, query: SearchQuery) -> Filters:
        return cls(query.include_members, frozenset(query.kinds), query.active_facets())

    def passes(self, combo: Combo, skip: str | None = None) -> bool:
        """Whether a combination passes every filter except `skip` ("kind" or a facet name)."""
        if combo[0] != "public" and not self.include_members:
            return False
        if skip != "kind" and self.kinds and combo[1] not in self.kinds:
            return False
        return all(name == skip or not values.isdisjoint(_values(combo, name))
                   for name, values in self.facets.items())


@dataclass(frozen=True)
class Tally:
    total: int
    kind_counts: dict[str, int]
    facet_counts: dict[str, dict[str, int]]
    allowed: frozenset[Combo]  # the combinations that pass every filter


def tally(groups: Mapping[Combo, int], filters: Filters) -> Tally:
    """Totals, counts per kind and per facet value, from counts per combination."""
    kinds: Counter[str] = Counter()
    facets: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    allowed = set()
    for combo, n in groups.items():
        if filters.passes(combo):
            allowed.add(combo)
        if filters.passes(combo, skip="kind"):
            kinds[combo[1]] += n
        for name in FACETS:
            if filters.passes(combo, skip=name):
                for value in _values(combo, name):
                    facets[name][value] += n
    total = sum(groups[c] for c in allowed)
    return Tally(total, dict(kinds), {name: dict(c) for name, c in facets.items()},
                 frozenset(allowed))

"""Searching with bitmasks: the counting and ranking both backends share.

A mask is a Python int whose bit n stands for document n (a Whoosh docnum, a PostgreSQL
doc_id). A backend gives, for a query, the masks of its live documents, of each facet value
and of each (field, term) that `ranking` asks for; `Matched` then works out the total, the
counts of each kind and facet value (each facet counted without its own filter) and the
ranked page with ANDs, ORs and `bit_count()`s — no loop over documents.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from dataclasses import replace

from ccan_web.search import analysis, ranking
from ccan_web.search.analysis import ParsedQuery
from ccan_web.search.documents import FACETS, KINDS, SearchHit, SearchQuery, SearchResults, page_count

# (facet name, value) -> mask; ("visibility", "public") and ("kind", kind) among them.
FacetMasks = Mapping[tuple[str, str], int]


def mask_of(numbers: Iterable[int], size: int | None = None) -> int:
    """An int with bit n set for each n (via a bytearray: no quadratic big-int ORs)."""
    numbers = numbers if isinstance(numbers, (list, tuple)) else list(numbers)
    if not numbers:
        return 0
    bits = bytearray(((max(numbers) if size is None else size) >> 3) + 1)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(bits, "little")


def numbers_of(mask: int) -> Iterator[int]:
    """The set bits of a mask, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def facet_values(facets: FacetMasks) -> dict[str, set[str]]:
    """The values each facet has masks for."""
    values: dict[str, set[str]] = {}
    for name, value in facets:
        values.setdefault(name, set()).add(value)
    return values


def any_of(facets: FacetMasks, name: str, values: Iterable[str]) -> int:
    """The documents with any of `values` of one facet (unknown values match nothing)."""
    mask = 0
    for value in values:
        mask |= facets.get((name, value), 0)
    return mask


class Matched:
    """A query's matches, counts and ranking.

    `masks` holds, for each (field, term) that `ranking.wanted(parsed)` asked for, the documents
    that hold it; `values` names the values of each facet (see `facet_values`). The matches are
    the documents with every word; when there are none (after the filters), those with the most
    words (`partial`). The ranking is `ranking.score`'s, then index order.
    """

    def __init__(self, live: int, facets: FacetMasks, values: Mapping[str, set[str]],
                 parsed: ParsedQuery, masks: Mapping[ranking.Term, int], query: SearchQuery) -> None:
        visible = live
        if not query.include_members:
            visible &= facets.get(("visibility", "public"), 0)
        self.words = [ranking.match_word(word, masks, facets) for word in parsed.words]
        self.unmatched = [i for i, word in enumerate(self.words) if not word.mask & visible]
        filters: dict[str, int] = {}
        if query.kinds:
            filters["kind"] = any_of(facets, "kind", query.kinds)
        for name, chosen in query.active_facets().items():
            filters[name] = any_of(facets, name, chosen)
        narrowed = visible
        for filter_mask in filters.values():
            narrowed &= filter_mask
        # at_least[k]: the visible documents with at least k of the words.
        at_least = [visible]
        for word in self.words:
            at_least.append(0)
            for k in range(len(at_least) - 1, 0, -1):
                at_least[k] |= at_least[k - 1] & word.mask
        self.needed = len(self.words)
        while self.needed > 1 and not at_least[self.needed] & narrowed:
            self.needed -= 1
        self.partial = self.needed < len(self.words)
        matched = at_least[self.needed] if self.words else visible

        def without(skip: str | None) -> int:
            mask = matched
            for name, filter_mask in filters.items():
                if name != skip:
                    mask &= filter_mask
            return mask

        self.allowed = without(None)
        self.total = self.allowed.bit_count()
        base = without("kind")
        self.kind_counts = {kind: n for kind in KINDS
                            if (n := (base & facets.get(("kind", kind), 0)).bit_count())}
        self.facet_counts: dict[str, dict[str, int]] = {}
        for name in FACETS:
            base = without(name)
            self.facet_counts[name] = {
                value: n for value in sorted(values.get(name, ()))
                if (n := (base & facets[(name, value)]).bit_count())}
        self._scores = ranking.score(parsed, self.words, masks, self.allowed, visible) \
            if self.words and self.total else ranking.Scores()

    def ranked(self, start: int, count: int) -> list[int]:
        """Documents `start`..`start + count` in rank order: best score first, then by number
        (index order)."""
        found: list[int] = []
        for tier in self._scores.tiers(self.allowed):
            size = tier.bit_count()
            if start >= size:
                start -= size
                continue
            for _ in range(start):
                tier &= tier - 1
            start = 0
            for number in numbers_of(tier):
                found.append(number)
                if len(found) == count:
                    return found
        return found


def page_of_results(query: SearchQuery, matched_for: Callable[[ParsedQuery], Matched],
                    corrected_for: Callable[[ParsedQuery, Matched], ParsedQuery | None],
                    hits_for: Callable[[ParsedQuery, list[int]], list[SearchHit]]) -> SearchResults:
    """The page of results a backend answers with: the query's matches or, when a long word
    matches nothing, those of the query with that word corrected ("showing results for …"); a
    page past the end gives the last page. The backend says how to match a parsed query on its
    masks, how to correct one, and how to make the hits of a page of document numbers."""
    parsed = analysis.parse_query(query.text)
    if parsed.unsearchable:
        return replace(SearchResults.empty(), unsearchable=True)
    matched = matched_for(parsed)
    corrected = None
    if matched.unmatched and not query.as_typed:
        corrected = corrected_for(parsed, matched)
        if corrected is not None:
            retry = matched_for(corrected)
            if retry.total and len(retry.unmatched) < len(matched.unmatched):
                matched = retry
            else:
                corrected = None
    used = corrected or parsed
    per_page = query.clamped_per_page()
    pages = page_count(matched.total, per_page)
    page = min(query.clamped_page(), pages)
    hits = hits_for(used, matched.ranked((page - 1) * per_page, per_page))
    return SearchResults(hits=hits, total=matched.total, kind_counts=matched.kind_counts,
                         facet_counts=matched.facet_counts,
                         corrected=analysis.corrected_text(parsed, used, hits) if corrected else None,
                         page=page, pages=pages, partial=matched.partial and bool(matched.total),
                         missing=tuple(word.surface for word, match in zip(used.words, matched.words)
                                       if not match.mask & matched.allowed) if matched.partial else ())

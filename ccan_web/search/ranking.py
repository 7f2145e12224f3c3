"""How well each document matches a query: a BM25F-style score over bitmasks, shared by both backends.

A backend answers "which documents hold this term in this field" as a mask (bit n: document n);
this module turns those masks into scores, so Whoosh and PostgreSQL rank alike by construction.

A query word scores `idf × Σ_field weight(field) × level`, where `idf` is BM25's
(`ln(1 + (N − df + ½)/(df + ½))`, df: the documents the word matches), a field counts the best
way the word matches there, and the fields add up:
- fields: title > key fields (city, provider) = labels (sector, country, format names) = the
  kind, sector, country or language the word names (`domain/search_words.py`) > body;
- levels: the word as typed > its stem (another ending) > a prefix of a title word (as you
  type) > the same word in the other script or another city spelling > a one-edit correction;
- a body that repeats the word's stem scores more, with BM25's saturation (twice ×1.375, four
  times ×1.69, k1 = 1.2);
- a word in a short title scores more than in a long one (BM25's length normalisation, b = 0.75);
- two query words that stand together in a title or key field add the rarer one's idf again.

Scores are kept as bit-sliced integers (`Scores`): plane j holds bit j of every document's
score, so adding a weight to all documents of a mask is a few big-int operations, whatever the
number of matches, and the best documents come out plane by plane without a loop over them.
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ccan_web.search.analysis import TITLE_LENGTHS, ParsedQuery, QueryWord, length_term, pair_term

FIELD_WEIGHTS = {"title": 3.0, "keywords": 1.6, "labels": 1.4, "named": 1.4, "body": 1.0}
EXACT, STEMMED, PREFIX, OTHER_SCRIPT, TYPO = 1.0, 0.7, 0.6, 0.5, 0.4
TWICE, FOUR_TIMES = 1.375, 1.69  # BM25's tf saturation (k1 = 1.2) at 2 and 4 occurrences
PROXIMITY = 1.0
SCALE = 32  # scores are integers: 1/32 of a point is fine enough to order by

Term = tuple[str, str]  # (field, term)


@dataclass(frozen=True)
class Signal:
    """The ways one word can match in one field, best first: (level, terms that give it)."""

    group: str
    levels: tuple[tuple[float, tuple[Term, ...]], ...]


def signals(word: QueryWord) -> list[Signal]:
    """What to look up for a word, field by field."""
    def titled(field: str) -> Signal:
        levels = [(EXACT, ((field, word.surface_term),)), (STEMMED, ((field, word.stem),))]
        if word.prefix and field == "title":  # the typed prefix, of any title or key-field word
            levels.append((PREFIX, (("prefixes", word.prefix),)))
        levels.append((OTHER_SCRIPT, ((field, word.key), *((field, alt) for alt in word.alternates))))
        return Signal(field, tuple(levels))

    return [
        titled("title"),
        titled("keywords"),
        Signal("labels", ((EXACT, (("labels", word.key),)), (STEMMED, (("labels", word.stem),)),
                          (OTHER_SCRIPT, tuple(("labels", alt) for alt in word.alternates)))),
        Signal("body", ((STEMMED * FOUR_TIMES, (("body", f"{word.stem}#4"),)),
                        (STEMMED * TWICE, (("body", f"{word.stem}#2"),)),
                        (EXACT, (("body", word.key),)), (STEMMED, (("body", word.stem),)),
                        (OTHER_SCRIPT, tuple(("body", alt) for alt in word.alternates)))),
    ]


def pairs(parsed: ParsedQuery) -> list[tuple[int, Term]]:
    """(index of the first word, term) of each two neighbouring words, but the one being typed."""
    return [(i, ("pairs", pair_term(a.stem, b.stem)))
            for i, (a, b) in enumerate(zip(parsed.words, parsed.words[1:])) if not b.prefix]


# BM25's length normalisation of a title word (k1 = 1.2, b = 0.75, an average title of 4 words):
# the factor for a title of each length term.
LENGTH_NORMS = {length_term(size): round((1 + 1.2) / (1 + 1.2 * (0.25 + 0.75 * size / 4)), 3)
                for size in (*TITLE_LENGTHS, TITLE_LENGTHS[-1] + 3)}


def wanted(parsed: ParsedQuery) -> list[Term]:
    """Every (field, term) whose mask scoring the query needs, each once."""
    terms: dict[Term, None] = dict.fromkeys(("title", length) for length in LENGTH_NORMS)
    for word in parsed.words:
        for signal in signals(word):
            for _level, level_terms in signal.levels:
                terms.update(dict.fromkeys(level_terms))
    terms.update(dict.fromkeys(term for _i, term in pairs(parsed)))
    return list(terms)


class Scores:
    """Every document's score as bit planes: bit n of `planes[j]` is bit j of document n's."""

    def __init__(self) -> None:
        self.planes: list[int] = []

    def add(self, mask: int, amount: int) -> None:
        """Add `amount` to the score of every document in `mask` (a ripple-carry adder)."""
        carry, j = 0, 0
        while amount or carry:
            addend = mask if amount & 1 else 0
            amount >>= 1
            if j == len(self.planes):
                self.planes.append(0)
            plane = self.planes[j]
            if addend or carry:
                total = plane ^ addend ^ carry
                carry = (plane & addend) | (carry & (plane ^ addend))
                self.planes[j] = total
            j += 1

    def tiers(self, candidates: int) -> Iterator[int]:
        """The candidates with the best score, then those with the next best, and so on."""
        remaining = candidates
        while remaining:
            best = remaining
            for plane in reversed(self.planes):
                if above := best & plane:
                    best = above
            yield best
            remaining ^= best


@dataclass
class WordMatch:
    mask: int  # the documents the word matches, in any field or by what it names
    groups: list[list[tuple[float, int]]]  # per field: (level, mask) best first


def match_word(word: QueryWord, masks: Mapping[Term, int], facets: Mapping[tuple[str, str], int]) -> WordMatch:
    groups: list[list[tuple[float, int]]] = []
    everything = 0
    factor = TYPO if word.typo else 1.0
    for signal in signals(word):
        levels = []
        for level, terms in signal.levels:
            mask = 0
            for term in terms:
                mask |= masks.get(term, 0)
            if mask:
                levels.append((FIELD_WEIGHTS[signal.group] * level * factor, mask))
                everything |= mask
        if signal.group == "title" and levels:  # split by the title's length
            levels = [(value * norm, mask & lengths) for value, mask in levels
                      for length, norm in LENGTH_NORMS.items() if (lengths := masks.get(("title", length), 0))]
        groups.append(levels)
    named = 0
    for key in word.named:
        named |= facets.get(key, 0)
    if named:
        groups.append([(FIELD_WEIGHTS["named"] * EXACT * factor, named)])
        everything |= named
    return WordMatch(everything, groups)


def idf(matching: int, documents: int) -> float:
    return math.log(1 + (documents - matching + 0.5) / (matching + 0.5))


def score(parsed: ParsedQuery, words: list[WordMatch], masks: Mapping[Term, int], candidates: int,
          collection: int) -> Scores:
    """The scores of the candidates (other documents' bits are left as they fall); idf counts
    over the `collection` (every document the reader may see)."""
    scores = Scores()
    documents = max(1, collection.bit_count())
    weights = []
    for match in words:
        weight = idf((match.mask & collection).bit_count(), documents)
        weights.append(weight)
        for levels in match.groups:
            taken = 0
            for value, mask in sorted(levels, key=lambda level: -level[0]):
                mask = mask & candidates & ~taken
                if mask:
                    scores.add(mask, round(weight * value * SCALE))
                    taken |= mask
    for i, term in pairs(parsed):
        mask = masks.get(term, 0) & candidates
        if mask:
            scores.add(mask, round(PROXIMITY * min(weights[i], weights[i + 1]) * SCALE))
    return scores

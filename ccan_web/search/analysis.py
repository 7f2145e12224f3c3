"""Text analysis shared by both backends: words → Latin keys and stems, edge n-grams, safe queries.

Every word is indexed as its Latin key (`ccan_web.domain.transliteration.latin_key`, so "Алматы"
and "Almaty" are one term) and as the Latin key of its stem (Russian Snowball for Cyrillic words,
English Snowball for Latin ones, so "дизайнеры"/"дизайнеров" and "studios"/"studio" meet). The
same functions analyse documents and queries in both backends, so they can never disagree.

As-you-type: only the title and the short key fields (`SearchDocument.keywords`: city,
provider, ...) are indexed as edge n-grams, and only the last typed word is looked up as a
prefix. Edge n-grams of every body word were most of the postings and of the rebuild time
(benchmarks/bench_search.py), and made a two-letter prefix match most of the catalog; body
words still match as whole words and stems.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang import stemmer_for_language
from whoosh.support.levenshtein import damerau_levenshtein

from ccan_web.domain.transliteration import latin_key

WORD_PATTERN = r"[^\W_]+"  # letters and digits of any script; "_" and punctuation split words
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
PREFIX_MIN, PREFIX_MAX = 2, 15  # edge n-grams indexed for as-you-type
FUZZY_MIN_LETTERS = 5  # shorter words have too many one-edit neighbours to guess well
SNIPPET_CHARS = 220

_WORD = re.compile(WORD_PATTERN)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Written in capitals these are query syntax a user copied from elsewhere, not words to look for.
_OPERATORS = frozenset({"AND", "OR", "NOT", "И", "ИЛИ", "НЕ"})
_STEM_RU = stemmer_for_language("ru")
_STEM_EN = stemmer_for_language("en")


@lru_cache(maxsize=262_144)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word: its Latin key, then the Latin key of its stem if different.

    Cached because a catalog repeats the same few thousand words millions of times.
    """
    key = latin_key(word).replace(" ", "")
    if not key:
        return ()
    lowered = word.casefold()
    stem = _STEM_RU(lowered) if _CYRILLIC.search(lowered) else _STEM_EN(lowered)
    stem_key = latin_key(stem).replace(" ", "")
    return (key, stem_key) if stem_key and stem_key != key else (key,)


def word_key(word: str) -> str:
    """The Latin key of one word alone (what as-you-type prefixes and fuzzy matching compare)."""
    terms = word_terms(word)
    return terms[0] if terms else ""


def edge_ngrams(key: str) -> list[str]:
    """The prefixes of a key that as-you-type can look up as single terms (2..15 letters)."""
    return [key[:size] for size in range(PREFIX_MIN, min(len(key), PREFIX_MAX) + 1)]


# Whoosh analyzers ------------------------------------------------------------------------------

class TermsFilter(Filter):
    """Replaces each word token with its index terms, all at the word's position and characters."""

    def __call__(self, tokens: Iterable) -> Iterator:
        for token in tokens:
            for term in word_terms(token.text):
                token.text = term
                yield token


def text_analyzer():
    """The analyzer Whoosh requires of the term-set fields, and keeps in the index's schema: it
    gives the same terms as `term_set`, which those fields call instead of running it."""
    return RegexTokenizer(WORD_PATTERN) | TermsFilter()


def term_set(text: str) -> set[str]:
    """The distinct index terms of a text (what an index without positions stores)."""
    terms: set[str] = set()
    for word in set(_WORD.findall(text or "")):
        terms.update(word_terms(word))
    return terms


@lru_cache(maxsize=262_144)
def _word_prefixes(word: str) -> tuple[str, ...]:
    # Not the word's own terms (its whole key, its stem): a query's last word is looked up by
    # its terms as well as its prefix, and they are indexed already (~15% fewer postings).
    terms = word_terms(word)
    return tuple(gram for gram in edge_ngrams(word_key(word)) if gram not in terms)


def document_prefixes(text: str) -> set[str]:
    """All edge n-grams of a text's words: what as-you-type finds (only titles and key fields
    are given to it)."""
    grams: set[str] = set()
    for word in set(_WORD.findall(text or "")):
        grams.update(_word_prefixes(word))
    return grams


# Queries ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueryWord:
    """One word of a query: it matches a document containing any of `terms`, or, when `prefix`
    is set (the word being typed), any word starting with it."""

    surface: str
    terms: tuple[str, ...]
    prefix: str | None = None

    @property
    def fuzzable(self) -> bool:
        return len(self.surface) >= FUZZY_MIN_LETTERS

    @property
    def key(self) -> str:
        return self.terms[0]


@dataclass(frozen=True)
class ParsedQuery:
    """A sanitised query: plain words that must all match. Empty means "everything"."""

    words: tuple[QueryWord, ...]

    @property
    def text(self) -> str:
        return " ".join(word.surface for word in self.words)

    def replaced(self, index: int, term: str, surface: str) -> ParsedQuery:
        """The same query with one word swapped for an exact index term (fuzzy correction)."""
        words = list(self.words)
        words[index] = QueryWord(surface=surface, terms=(term,))
        return ParsedQuery(tuple(words))


def sanitise(text: str) -> list[str]:
    """A user's raw input as at most 12 plain words of at most 200 characters in all.

    Query syntax (quotes, `*`, brackets, `field:`, capitalised AND/OR/NOT) and control characters
    are dropped rather than rejected, so any input is a valid query and never a parser error.
    """
    cleaned = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS * 2]
    words = [w for w in _WORD.findall(cleaned) if w not in _OPERATORS]
    kept, room = [], MAX_QUERY_CHARS
    for word in words[:MAX_QUERY_WORDS]:
        if room <= 0:
            break
        kept.append(word[:room])
        room -= len(word) + 1
    return kept


def parse_query(text: str, as_you_type: bool = True) -> ParsedQuery:
    """Sanitise and analyse a query; the last word also matches as a prefix while typing."""
    words = [QueryWord(surface=w, terms=word_terms(w)) for w in sanitise(text)]
    words = [w for w in words if w.terms]
    if as_you_type and words and len(words[-1].key) >= PREFIX_MIN:
        last = words[-1]
        words[-1] = QueryWord(last.surface, last.terms, prefix=last.key[:PREFIX_MAX])
    return ParsedQuery(tuple(words))


def best_correction(word: QueryWord, candidates: dict[str, int]) -> str | None:
    """The indexed term one edit (Damerau: a swap of two letters counts as one) from the word,
    preferring the most frequent; None for short words or when nothing is close."""
    if not word.fuzzable:
        return None
    close = [(freq, term) for term, freq in candidates.items()
             if term != word.key and damerau_levenshtein(term, word.key, 1) <= 1]
    return max(close)[1] if close else None


_KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # what latin_key can produce


def one_edit_variants(key: str) -> set[str]:
    """Every key one edit away (deletion, insertion, substitution or a swap of neighbours).

    Both backends look these up as exact terms: a few hundred index lookups, where Whoosh's own
    Levenshtein automaton would miss swapped letters ("amlaty") and PostgreSQL has no term list.
    """
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _KEY_ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _KEY_ALPHABET}
    return (deletes | swaps | replaces | inserts) - {key, ""}


def surface_form(term: str, texts: Iterable[str]) -> str | None:
    """The word as a document writes it ("Almaty") for an index term ("almati"), to show users."""
    for text in texts:
        for word in _WORD.findall(text):
            if term in word_terms(word):
                return word
    return None


def corrected_text(original, used, hits) -> str:
    """The query a fuzzy fallback actually ran, as users would write it: corrected words in the
    form the first hits use ("Almaty"), the others as typed."""
    texts = [f"{hit.title} {hit.snippet}" for hit in hits[:3]]
    return " ".join(word.surface if word == before else (surface_form(word.key, texts) or word.surface)
                    for word, before in zip(used.words, original.words))


# Snippets --------------------------------------------------------------------------------------

def _word_matcher(query: ParsedQuery):
    terms = {term for word in query.words for term in word.terms}
    prefixes = tuple(word.prefix for word in query.words if word.prefix)

    def matches(word: str) -> bool:
        found = word_terms(word)
        if not found:
            return False
        if not terms.isdisjoint(found):
            return True
        return bool(prefixes) and any(term.startswith(prefixes) for term in found)
    return matches


def snippet(text: str, query: ParsedQuery) -> str:
    """An HTML-safe excerpt of `text`: escaped, with the query's words in <mark>.

    The whole text when it is short, else about SNIPPET_CHARS characters around the first
    matching word (a word matches by any of its terms, or by starting with the typed prefix);
    without a match the escaped start of the text. Plain string work: cheaper per hit than
    Whoosh's highlighter.
    """
    text = text or ""
    spans: list[tuple[int, int]] = []
    if query.words:
        matches = _word_matcher(query)
        spans = [m.span() for m in _WORD.finditer(text) if matches(m.group())]
    if not spans:
        head = text[:SNIPPET_CHARS]
        return str(escape(head + ("…" if len(text) > SNIPPET_CHARS else "")))
    begin, end = 0, len(text)
    if end > SNIPPET_CHARS:
        begin = max(0, spans[0][0] - 60)
        if begin:
            space = text.find(" ", begin, spans[0][0])
            begin = space + 1 if space >= 0 else begin
        end = min(len(text), begin + SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", max(begin, spans[0][1]), end)
            end = space if space > 0 else end
    parts = ["…"] if begin else []
    position = begin
    for left, right in spans:
        if left < begin or right > end:
            continue
        parts.append(str(escape(text[position:left])))
        parts.append(f"<mark>{escape(text[left:right])}</mark>")
        position = right
    parts.append(str(escape(text[position:end])))
    if end < len(text):
        parts.append("…")
    return "".join(parts)

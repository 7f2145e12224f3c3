"""Text analysis shared by both backends: words → index terms per field, edge n-grams, safe queries.

Each word gives three terms (`analyse_word`): its Latin key (`ccan_web.domain.transliteration.
latin_key`, so "Алматы" and "Almaty" are one term), the Latin key of its stem marked `^`
(Russian Snowball for Cyrillic words, English Snowball for Latin ones, so "дизайнеры" and
"дизайнеров", "studios" and "studio" meet) and, in the title and key fields only, the word itself
marked `=` (so that a word written as typed ranks above the same word in the other script).
A body also says which stems it repeats (`^stem#2`, `^stem#4`: a text about animation ranks above
one that names it once), and titles which words stand together (`pair` terms of neighbouring
stems: the bonus for words of a query that stand together). The same functions analyse documents
and queries in both backends, so they can never disagree; `ranking` turns the terms a word
matches into its score.

As-you-type: only the title and the short key fields (`SearchDocument.keywords`: city,
provider, ...) are indexed as edge n-grams, and only the last typed word is looked up as a
prefix. Edge n-grams of every body word were most of the postings and of the rebuild time
(benchmarks/bench_search.py), and made a two-letter prefix match most of the catalog; body
words still match as whole words and stems.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from markupsafe import escape
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


STEM_MARK, SURFACE_MARK, PAIR_MARK = "^", "=", "_"
REPEATS = (2, 4)  # a body's stems repeated at least this often get a term of their own
# The fields of every document, as both backends index them.
WORD_FIELDS = ("title", "keywords", "labels", "body")  # where a query word matches
FIELDS = (*WORD_FIELDS, "prefixes", "pairs")


@dataclass(frozen=True)
class WordTerms:
    key: str  # "almaty"
    stem: str  # "^almati"
    surface: str  # "=алматы"


@lru_cache(maxsize=262_144)
def analyse_word(word: str) -> WordTerms | None:
    """The terms of one word; None when it has no letters any analyser knows.

    Cached because a catalog repeats the same few thousand words millions of times.
    """
    key = latin_key(word).replace(" ", "")
    if not key:
        return None
    lowered = word.casefold()
    stem = _STEM_RU(lowered) if _CYRILLIC.search(lowered) else _STEM_EN(lowered)
    stem_key = latin_key(stem).replace(" ", "") or key
    return WordTerms(key, STEM_MARK + stem_key, SURFACE_MARK + lowered)


def word_terms(word: str) -> tuple[str, ...]:
    """A word's key and stem terms (what it matches in any field)."""
    terms = analyse_word(word)
    return (terms.key, terms.stem) if terms else ()


def word_key(word: str) -> str:
    """The Latin key of one word alone (what as-you-type prefixes and fuzzy matching compare)."""
    terms = analyse_word(word)
    return terms.key if terms else ""


def edge_ngrams(key: str) -> list[str]:
    """The prefixes of a key that as-you-type can look up as single terms (2..15 letters)."""
    return [key[:size] for size in range(PREFIX_MIN, min(len(key), PREFIX_MAX) + 1)]


TITLE_LENGTHS = (1, 2, 3, 4, 6, 9)  # a title of up to this many words: its length term


def length_term(words: int) -> str:
    """The term that says how long a title is (BM25's length normalisation ranks a word in a
    short title above the same word in a long one)."""
    return "#" + str(next((size for size in TITLE_LENGTHS if words <= size), TITLE_LENGTHS[-1] + 1))


def pair_term(first: str, second: str) -> str:
    """The term of two stems standing together (without their marks)."""
    return first[1:] + PAIR_MARK + second[1:]


def _words(text: str) -> list[WordTerms]:
    return [terms for word in _WORD.findall(text or "") if (terms := analyse_word(word))]


def key_terms(text: str) -> set[str]:
    """Terms of a title or key field: keys, stems and the words as written."""
    found: set[str] = set()
    for word in _words(text):
        found.update((word.key, word.stem, word.surface))
    return found


def label_terms(text: str) -> set[str]:
    found: set[str] = set()
    for word in _words(text):
        found.update((word.key, word.stem))
    return found


def body_terms(text: str) -> set[str]:
    """Keys and stems of a text, and its stems repeated at least twice or four times."""
    counts: dict[str, int] = {}
    found: set[str] = set()
    for word in _words(text):
        found.add(word.key)
        counts[word.stem] = counts.get(word.stem, 0) + 1
    for stem, count in counts.items():
        found.add(stem)
        found.update(f"{stem}#{times}" for times in REPEATS if count >= times)
    return found


def pair_terms(*texts: str) -> set[str]:
    """Neighbouring stems of each text (a title, a city and provider...)."""
    found: set[str] = set()
    for text in texts:
        words = _words(text)
        found.update(pair_term(a.stem, b.stem) for a, b in zip(words, words[1:]))
    return found


@lru_cache(maxsize=262_144)
def _word_prefixes(word: str) -> tuple[str, ...]:
    # Not the word's whole key: a query's last word is looked up by its key as well as its
    # prefix, and the key is indexed already.
    key = word_key(word)
    return tuple(gram for gram in edge_ngrams(key) if gram != key)


def document_prefixes(text: str) -> set[str]:
    """All edge n-grams of a text's words: what as-you-type finds (only titles and key fields
    are given to it)."""
    grams: set[str] = set()
    for word in set(_WORD.findall(text or "")):
        grams.update(_word_prefixes(word))
    return grams


def document_terms(title: str, keywords: str, labels: str, body: str) -> dict[str, set[str]]:
    """The terms of each field of a document (`FIELDS`)."""
    return {"title": key_terms(title) | {length_term(len(_words(title)))}, "keywords": key_terms(keywords), "labels": label_terms(labels),
            "body": body_terms(body), "prefixes": document_prefixes(f"{title} {keywords}"),
            "pairs": pair_terms(title, keywords)}


# Queries ---------------------------------------------------------------------------------------

# Words too common to look for (a query of only these says so rather than listing everything).
STOP_WORDS = frozenset("""
a an and are as at be by for from in into is it of on or the to with about
и в во на по с со к ко для из от до о об а но или за у же что как это
va bilan uchun ва билан учун бо дар барои жана менен үчүн және мен үшін we bilen üçin
""".split())


@dataclass(frozen=True)
class QueryWord:
    """One word of a query. It matches a document containing its key or stem, or one of its
    `alternates` (other spellings of a city), or, when `prefix` is set (the word being typed), a
    title word starting with it; and the entries of each `named` (facet, value) the word names
    ("курс": every course). `typo` marks a word the fuzzy fallback put in for what was typed."""

    surface: str
    key: str
    stem: str
    prefix: str | None = None
    alternates: tuple[str, ...] = ()
    named: tuple[tuple[str, str], ...] = ()
    typo: bool = False

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.key, self.stem)

    @property
    def fuzzable(self) -> bool:
        return len(self.surface) >= FUZZY_MIN_LETTERS

    @property
    def surface_term(self) -> str:
        return SURFACE_MARK + self.surface.casefold()


@dataclass(frozen=True)
class ParsedQuery:
    """A sanitised query: plain words, ranked by how many of them and how well each matches.
    Empty means "everything" unless `unsearchable` (only stop words, or letters no analyser knows):
    then nothing."""

    words: tuple[QueryWord, ...]
    unsearchable: bool = False

    @property
    def text(self) -> str:
        return " ".join(word.surface for word in self.words)

    def replaced(self, index: int, term: str, surface: str) -> ParsedQuery:
        """The same query with one word swapped for an indexed key (fuzzy correction)."""
        words = list(self.words)
        stem = STEM_MARK + term
        words[index] = QueryWord(surface=surface, key=term, stem=stem, typo=True,
                                 named=_named(term, stem), alternates=_alternates(term, stem))
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
    """Sanitise and analyse a query; the last word also matches as a prefix while typing.

    Stop words are dropped unless they are all there is; a query left with no word any analyser
    knows is `unsearchable`.
    """
    words = []
    for surface in sanitise(text):
        terms = analyse_word(surface)
        if terms is not None:
            words.append(QueryWord(surface, terms.key, terms.stem, alternates=_alternates(terms.key, terms.stem),
                                   named=_named(terms.key, terms.stem)))
    meaningful = [word for word in words if word.surface.casefold() not in STOP_WORDS]
    if not meaningful:
        return ParsedQuery((), unsearchable=bool(text and text.strip()))
    if as_you_type and len(meaningful[-1].key) >= PREFIX_MIN and words[-1] is meaningful[-1]:
        meaningful[-1] = replace(meaningful[-1], prefix=meaningful[-1].key[:PREFIX_MAX])
    return ParsedQuery(tuple(meaningful))


@lru_cache(maxsize=1)
def _synonyms() -> tuple[dict[str, tuple[tuple[str, str], ...]], dict[str, tuple[str, ...]]]:
    """The domain's naming words by key and stem, and each spelling's others (by key and stem)."""
    from ccan_web.domain.search_words import SPELLINGS, named_values

    named: dict[str, set[tuple[str, str]]] = {}
    for word, value in named_values():
        for part in _WORD.findall(word):
            terms = analyse_word(part)
            if terms and len(terms.key) >= 3:
                named.setdefault(terms.key, set()).add(value)
                named.setdefault(terms.stem, set()).add(value)
    spellings: dict[str, set[str]] = {}
    for names in SPELLINGS:
        keys = {word_key(name.replace("-", "")) for name in names} - {""}
        stems = {terms.stem for name in names if (terms := analyse_word(name.replace("-", "")))}
        for term in keys | stems:
            spellings.setdefault(term, set()).update(keys - {term})
    return ({term: tuple(sorted(values)) for term, values in named.items()},
            {key: tuple(sorted(others)) for key, others in spellings.items()})


def _named(key: str, stem: str) -> tuple[tuple[str, str], ...]:
    named = _synonyms()[0]
    return tuple(sorted(set(named.get(key, ())) | set(named.get(stem, ()))))


def _alternates(key: str, stem: str = "") -> tuple[str, ...]:
    spellings = _synonyms()[1]
    return tuple(sorted(set(spellings.get(key, ())) | set(spellings.get(stem, ()))))


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
    texts = [f"{hit.title} {hit.place} {hit.snippet}" for hit in hits[:3]]
    return " ".join(word.surface if word == before else (surface_form(word.key, texts) or word.surface)
                    for word, before in zip(used.words, original.words))


# Snippets --------------------------------------------------------------------------------------

def _word_matcher(query: ParsedQuery):
    terms = {term for word in query.words for term in (*word.terms, *word.alternates)}
    prefixes = tuple(word.prefix for word in query.words if word.prefix)

    def matches(word: str) -> bool:
        found = analyse_word(word)
        if found is None:
            return False
        if found.key in terms or found.stem in terms:
            return True
        return bool(prefixes) and found.key.startswith(prefixes)
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

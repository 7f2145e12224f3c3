"""One Latin key for a word in any of the region's scripts, so "Алматы" and "Almaty" meet.

Used to spot duplicate businesses (and, with the search issue, to search across scripts).
The key is for comparing, never for showing: Cyrillic is transliterated, diacritics dropped,
and letters that the region's Latin spellings use for one sound are folded together
(х/kh/x → h, қ/q → k, ж/zh/dj → j, ш/sh/ş → s, ...), so Russian, Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek
spellings of one name come out alike.
"""
from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh, Kyrgyz, Tajik and Uzbek letters
    "ә": "a", "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "o",
}
# Applied in order to the transliterated, diacritic-free text.
# Turkmen and Kazakh Latin write one letter (ş, ç, ň, y) where Russian-style spellings write two
# (sh, ch, ng) or another (ы → y/i), so those are folded too.
_FOLDS = (("shch", "sh"), ("kh", "h"), ("x", "h"), ("q", "k"), ("zh", "j"), ("dj", "j"),
          ("w", "v"), ("yo", "e"), ("sh", "s"), ("ch", "c"), ("ng", "n"), ("y", "i"))
_APOSTROPHES = re.compile(r"[ʻʼ'’`‘]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def latin_key(text: str) -> str:
    """The comparison key of `text`: lower-case ASCII letters and digits, words split by spaces."""
    lowered = _APOSTROPHES.sub("", (text or "").casefold())
    transliterated = "".join(_CYRILLIC.get(ch, ch) for ch in lowered)
    ascii_text = unicodedata.normalize("NFKD", transliterated).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("ı", "i")
    for before, after in _FOLDS:
        ascii_text = ascii_text.replace(before, after)
    return " ".join(_NOT_WORD.sub(" ", ascii_text).split())


def cyrillic_to_latin(text: str) -> str:
    """`text` with its Cyrillic letters written in Latin ones (case folded), for addresses such as a
    story's slug; unlike latin_key nothing else is folded, so Latin words stay as they were."""
    return "".join(_CYRILLIC.get(ch, ch) for ch in _APOSTROPHES.sub("", (text or "").casefold()))

"""A document's facet values as one "combination", which the Whoosh backend keeps in a column.

Whoosh reads a segment's combinations back to build its facet masks; `search/bitmaps.py` counts
with those masks for both backends.
"""
from __future__ import annotations

from ccan_web.search.documents import SearchDocument

# (visibility, kind, country, sectors, language, format)
Combo = tuple[str, str, str | None, tuple[str, ...], str | None, str | None]
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

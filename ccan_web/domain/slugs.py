"""Addresses made from titles: a story's, an event's, a competition's. One rule for all: Latin
letters, digits and hyphens, a Cyrillic title written in Latin letters ("Кийиз үй" -> "kiyiz-uy"),
at most 80 characters, and room left for the "-2" that tells two equal titles apart."""
from __future__ import annotations

import re
import unicodedata

from ccan_web.domain.transliteration import cyrillic_to_latin

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 80
NUMBER_ROOM = 5  # "-9999"


def slugify(title: str, fallback: str, reserved: frozenset[str] = frozenset()) -> str:
    """The address a title makes, or `fallback` when it makes none (only signs) or a reserved one."""
    latin = unicodedata.normalize("NFKD", cyrillic_to_latin(title or "")).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:MAX_SLUG - NUMBER_ROOM].strip("-")
    return slug if slug and slug not in reserved else fallback


def numbered(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3`, ... the first that `taken(slug)` says is free."""
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug

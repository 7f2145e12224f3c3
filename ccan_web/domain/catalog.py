"""Catalog entries without a database: their vocabularies, and when two business names are the same."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ccan_web.domain.transliteration import latin_key

# Legal forms across the region, as their comparison keys (so ТОО and TOO are one entry):
# Russian and Kazakh ТОО/ЖШС/ИП/АО/ООО/ОсОО, Uzbek MChJ/XK/YaTT/AJ, Tajik ҶДММ/ЧДММ,
# Turkmen HJ/HK, and the English LLC, Ltd, LLP, Inc, JSC, and NGO-like forms.
LEGAL_FORMS = frozenset(latin_key(form) for form in (
    "ООО", "ТОО", "ЖШС", "ИП", "ЖК", "АО", "ЗАО", "ОАО", "ПАО", "ОсОО", "ЖЧК", "ЧП", "ОФ", "ОО",
    "MChJ", "МЧЖ", "XK", "ХК", "YaTT", "ЯТТ", "AJ", "АЖ", "ҶДММ", "ЧДММ", "JDMM", "HJ", "HK",
    "LLC", "Ltd", "LLP", "Inc", "JSC", "PLC", "GmbH", "NGO", "NNT", "ННТ",
))


def business_name_key(name: str) -> str:
    """The name as compared for duplicates: any script, any letter case, without legal forms.

    Legal forms are dropped only as words of their own: "Ала-Тоо" (the mountains) keeps its
    "Тоо", while "ТОО «Ала-Тоо»" loses the first one.
    """
    words = [word for word in (name or "").split() if latin_key(word) not in LEGAL_FORMS]
    return latin_key(" ".join(words))


def same_business(name_a: str, city_a: str, name_b: str, city_b: str) -> bool:
    """Two entries in one country are the same business if name and city keys both match."""
    key_a = business_name_key(name_a)
    return bool(key_a) and key_a == business_name_key(name_b) and latin_key(city_a) == latin_key(city_b)


# The longest text each field of an entry takes. The forms, the services and the import all
# check these numbers, and no column is narrower (a test compares them with the models).
BUSINESS_MAX_LENGTHS = {
    "name": 200, "legal_form": 60, "region": 100, "city": 100, "website": 300, "social_links": 2000,
    "contact_email": 254, "contact_phone": 40, "source_detail": 300, "description": 4000,
}
COURSE_MAX_LENGTHS = {
    "title": 200, "provider": 200, "url": 500, "duration": 60, "source_detail": 300, "description": 4000,
}
# What an entry cannot be without: the entry forms mark these fields required, the services refuse
# an entry that lacks one, and the import refuses a file without their columns and a row without
# their values.
BUSINESS_REQUIRED = ("name", "country", "city", "primary_sector")
COURSE_REQUIRED = ("title", "url", "language", "format", "improves", "outcome")
REQUIRED_FIELDS = {"businesses": BUSINESS_REQUIRED, "courses": COURSE_REQUIRED}

# Readers' suggested corrections: how long one may be, and how many one person may send a day.
SUGGESTION_MAX_LENGTH = 2000
SUGGESTIONS_PER_DAY = 5

# Fields that name someone or something, held to the rules of a name (domain.text).
BUSINESS_NAME_FIELDS = ("name", "legal_form", "region", "city")
COURSE_NAME_FIELDS = ("title", "provider")


# Vocabularies of catalog entries: slugs are stored, labels translated ------------------------


SIZE_BANDS = {
    "micro": _l("Micro (1–9 people)"),
    "small": _l("Small (10–49 people)"),
    "medium": _l("Medium (50–249 people)"),
    "large": _l("Large (250 people or more)"),
}

SOURCE_KINDS = {
    "url": _l("Website"),
    "survey": _l("Survey"),
    "registry": _l("Public registry"),
    "publication": _l("Publication"),
}

COURSE_FORMATS = {
    "video": _l("Video"),
    "text": _l("Text"),
    "interactive": _l("Interactive"),
    "other": _l("Other"),
}

COURSE_IMPROVES = {
    "soft-skills": _l("Soft skills"),
    "professional": _l("Professional knowledge"),
}

COURSE_OUTCOMES = {
    "income": _l("Higher income"),
    "quality": _l("Better quality"),
    "cost": _l("Lower costs"),
    "speed": _l("Faster processes"),
}

COURSE_LEVELS = {
    "beginner": _l("Beginner"),
    "intermediate": _l("Intermediate"),
    "advanced": _l("Advanced"),
}


class EntryStatus:
    """Where a submitted entry is in moderation. Only published entries are public."""

    PENDING = "pending"
    PUBLISHED = "published"
    RETURNED = "returned"
    REJECTED = "rejected"
    MERGED = "merged"


ENTRY_STATUS_LABELS = {
    EntryStatus.MERGED: _l("Merged into another entry"),
    EntryStatus.PENDING: _l("Waiting for an editor"),
    EntryStatus.PUBLISHED: _l("Published"),
    EntryStatus.RETURNED: _l("Returned for changes"),
    EntryStatus.REJECTED: _l("Rejected"),
}

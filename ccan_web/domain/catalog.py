"""Rules about catalog entries that need no database: when two business names are the same."""
from __future__ import annotations

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
    """The name as compared for duplicates: any script, any letter case, without legal forms."""
    words = [word for word in latin_key(name).split() if word not in LEGAL_FORMS]
    return " ".join(words)


def same_business(name_a: str, city_a: str, name_b: str, city_b: str) -> bool:
    """Two entries in one country are the same business if name and city keys both match."""
    key_a = business_name_key(name_a)
    return bool(key_a) and key_a == business_name_key(name_b) and latin_key(city_a) == latin_key(city_b)

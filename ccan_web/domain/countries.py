"""The five countries of the network: fixed codes, translated names."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, upper case; URLs use the lower-case form
    name: object  # a lazy translated string
    population_millions: float
    timezone: str  # the IANA zone most of the country lives in


COUNTRIES: tuple[Country, ...] = (
    Country("KZ", _l("Kazakhstan"), 20.0, "Asia/Almaty"),
    Country("KG", _l("Kyrgyzstan"), 7.2, "Asia/Bishkek"),
    Country("TJ", _l("Tajikistan"), 10.3, "Asia/Dushanbe"),
    Country("TM", _l("Turkmenistan"), 7.1, "Asia/Ashgabat"),
    Country("UZ", _l("Uzbekistan"), 36.8, "Asia/Tashkent"),
)

COUNTRY_CODES: frozenset[str] = frozenset(c.code for c in COUNTRIES)
_BY_CODE = {c.code: c for c in COUNTRIES}


def normalise_country_code(value: str | None) -> str | None:
    """Return the canonical code for `value` (any letter case), or None if it is not one of the five."""
    if not value:
        return None
    code = value.strip().upper()
    return code if code in COUNTRY_CODES else None


# Times are shown in the reader's country's zone; visitors get the zone of most of the region (UTC+5).
DEFAULT_TIMEZONE = "Asia/Tashkent"


def country_timezone(code: str | None) -> str:
    country = _BY_CODE.get((code or "").upper())
    return country.timezone if country else DEFAULT_TIMEZONE


def country_name(code: str | None):
    country = _BY_CODE.get((code or "").upper())
    return country.name if country else ""


def country_choices() -> list[tuple[str, object]]:
    return [(c.code, c.name) for c in COUNTRIES]

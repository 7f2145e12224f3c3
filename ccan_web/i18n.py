"""Choosing the interface language (the address, the member's setting, the switcher's cookie, the browser),
saying which one a response is in, and the time zone."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from babel import Locale
from babel import dates as babel_dates
from flask import current_app, has_request_context, request
import flask_babel
from flask_babel import get_locale
from flask_login import current_user

from ccan_web.domain.countries import DEFAULT_TIMEZONE, country_timezone
from ccan_web.domain.zones import in_zone, zone_city
from ccan_web.domain.languages import DEFAULT_LOCALE, LOCALES, normalise_locale

LOCALE_COOKIE = "ccan_locale"
# ?lang=ru: the page in that language whoever asks, so each language of a page has its own address.
LANGUAGE_PARAM = "lang"


def locale_from_address() -> str | None:
    """The locale the address asks for (?lang=kk), or None; an unknown value is ignored."""
    asked = request.args.get(LANGUAGE_PARAM)
    return asked if asked in LOCALES else None


def select_locale() -> str:
    if not has_request_context():  # the CLI and services outside a request speak English
        return DEFAULT_LOCALE
    from_address = locale_from_address()
    if from_address:
        return from_address
    if current_user and current_user.is_authenticated:
        saved = normalise_locale(current_user.locale)
        if saved:
            return saved
    from_cookie = normalise_locale(request.cookies.get(LOCALE_COOKIE))
    if from_cookie:
        return from_cookie
    return request.accept_languages.best_match(list(LOCALES)) or DEFAULT_LOCALE


def address_without_language() -> str:
    """This request's path and query without ?lang=, for the switcher to come back to: there the
    language just chosen applies, not the one the address named."""
    query = [(key, value) for key, value in request.args.items(multi=True) if key != LANGUAGE_PARAM]
    return request.path + ("?" + urlencode(query) if query else "")


def language_alternates() -> list[tuple[str, str]]:
    """(hreflang, absolute address) of this page in each language, then x-default (the address
    without ?lang=, in the reader's own language), for <link rel="alternate">. Addresses come
    from PUBLIC_BASE_URL, never from the Host header; a list's filters are left out, as each
    language's address names the page, not one view of it."""
    page = current_app.config["PUBLIC_BASE_URL"] + request.path
    return [*((code, f"{page}?{urlencode({LANGUAGE_PARAM: code})}") for code in LOCALES), ("x-default", page)]


def language_headers(response):
    """An HTML answer says its language, and that it depends on the address, the cookies (the
    switcher's and the session's) and the browser's languages, so a shared cache keeps one copy
    per language and never hands one reader's page to another."""
    if response.mimetype == "text/html":
        response.content_language.add(current_locale_code())
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def select_timezone() -> str:
    if has_request_context() and current_user and current_user.is_authenticated:
        return country_timezone(current_user.country)
    return DEFAULT_TIMEZONE


def current_locale_code() -> str:
    locale = get_locale()
    return locale.language if locale else DEFAULT_LOCALE


@lru_cache(maxsize=16)
def _digit_group_separator(locale: str) -> str:
    return Locale.parse(locale).number_symbols["latn"]["group"]


def format_count(number: int, locale: str | None = None) -> str:
    """A whole number with the digit grouping (10,000 / 10 000) of `locale`, the current one by
    default, as Babel writes it; Babel's own format_decimal costs a hundred times more, and a
    search page shows dozens. Code that formats many numbers passes the locale it has looked up:
    looking it up again costs more than the formatting."""
    return f"{int(number):,}".replace(",", _digit_group_separator(locale or current_locale_code()))


def format_share(share: float, digits: int = 1) -> str:
    """A share of a whole (0.253) as the current locale writes a percentage: "25.3%", "25,3 %"."""
    # The locale's own percent pattern (Russian puts a no-break space before the sign), with the
    # number of decimals fixed so that figures in a column line up.
    locale_pattern = get_locale().percent_formats[None].pattern
    pattern = locale_pattern.replace("0", "0" + ("." + "0" * digits if digits else ""), 1)
    return flask_babel.format_percent(share, format=pattern)


def format_decimal(value: float, digits: int = 1) -> str:
    """A number with a fixed count of decimals in the current locale's own form: 1,234.5 / 1 234,5."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return flask_babel.format_decimal(value, format=pattern)


def format_when(moment, style: str = "short") -> str:
    """A moment in the reader's time zone, always with that zone: "04.12.2026, 14:05 (GMT+05:00)".

    Stored times are naive UTC; Flask-Babel converts them to the zone `select_timezone` chose."""
    if moment is None:
        return ""
    shown = flask_babel.format_datetime(moment, style)
    zone = flask_babel.format_datetime(moment, "ZZZZ")
    return f"{shown} ({zone})"


def in_every_language(*labels) -> str:
    """Lazily translated labels in every interface language, each word once ("Checklist Чек-лист
    ..."): the key words by which search finds a record whichever language the reader types in."""
    words = []
    for locale in LOCALES:
        with flask_babel.force_locale(locale):
            words += [str(label) for label in labels]
    return " ".join(dict.fromkeys(words))


def format_in_zone(moment, zone: str, style: str = "short") -> str:
    """A stored naive-UTC moment as the clock reads in `zone` (one of the region's five), named by
    its city and offset: "12.03.2026, 15:00 (Almaty, GMT+05:00)" — an event's own time, shown
    beside the reader's `format_when`."""
    if moment is None:
        return ""
    aware = in_zone(moment, zone)
    locale = flask_babel.get_locale()
    shown = babel_dates.format_datetime(aware, style, tzinfo=aware.tzinfo, locale=locale)
    offset = babel_dates.format_datetime(aware, "ZZZZ", tzinfo=aware.tzinfo, locale=locale)
    return f"{shown} ({zone_city(zone)}, {offset})"


def format_day(moment, style: str = "medium") -> str:
    """A date in the current locale's form (no time, so no zone): "4 Dec 2026", "4 дек. 2026 г."."""
    if moment is None:
        return ""
    return flask_babel.format_date(moment, style)

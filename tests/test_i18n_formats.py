"""Numbers and moments are written the way each locale writes them, and a time names its zone."""

from contextlib import contextmanager
from datetime import datetime

import flask_babel
import pytest

from ccan_web.i18n import format_decimal, format_share, format_when


@contextmanager
def _in_locale(app, locale):
    with app.test_request_context("/", headers={"Accept-Language": locale}):
        flask_babel.refresh()  # the locale is cached for the application context
        yield


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "25.3%"), ("ru", "25,3\u00a0%"), ("kk", "25,3%"), ("tk", "25,3\u00a0%")],
)
def test_a_share_keeps_the_locales_own_pattern(app, locale, expected):
    with _in_locale(app, locale):
        assert format_share(0.253) == expected


def test_a_share_without_decimals(app):
    with _in_locale(app, "ru"):
        assert format_share(0.08, digits=0) == "8\u00a0%"


def test_a_decimal_uses_the_locales_separators(app):
    with _in_locale(app, "ru"):
        assert format_decimal(1234.5) == "1\u00a0234,5"
    with _in_locale(app, "en"):
        assert format_decimal(1234.5) == "1,234.5"


@pytest.mark.parametrize("locale", ["en", "ru", "kk", "ky", "tg", "tk", "uz"])
def test_a_moment_always_names_its_zone(app, locale):
    with _in_locale(app, locale):
        shown = format_when(datetime(2026, 12, 4, 9, 5))
    assert shown.endswith("(GMT+05:00)"), shown  # visitors read Central Asian time
    assert "None" not in shown

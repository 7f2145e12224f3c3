"""Numbers in messages: written the reader's way, and a size over a limit never shown as the limit."""
from __future__ import annotations

from decimal import Decimal

import pytest
from flask_babel import force_locale
from hypothesis import given
from hypothesis import strategies as st

from ccan_web.domain.numbers import MEGABYTE, Number, megabytes_over

pytestmark = pytest.mark.no_db


@pytest.mark.parametrize("size, limit, shown", [
    (12_635_341, 10 * MEGABYTE, ("12.1", "10")), (10 * MEGABYTE + 1, 10 * MEGABYTE, ("10.01", "10")),
    (int(10.04 * MEGABYTE), 10 * MEGABYTE, ("10.04", "10")), (142 * MEGABYTE, 64 * MEGABYTE, ("142.0", "64")),
    (3 * MEGABYTE, int(2.5 * MEGABYTE), ("3.0", "2.5")),
])
def test_a_size_over_the_limit_is_shown_rounded_and_larger_than_the_limit(app, size, limit, shown):
    with app.app_context():
        assert tuple(map(str, megabytes_over(size, limit))) == shown


def test_numbers_are_written_as_each_language_writes_them(app):
    with app.test_request_context(), force_locale("ru"):
        assert str(Number(20_000)) == "20\xa0000" and str(Number("12.1", 1)) == "12,1"
    with app.test_request_context(), force_locale("en"):
        assert str(Number(20_000)) == "20,000" and str(Number("12.1", 1)) == "12.1"


def test_a_number_survives_being_stored():
    number = Number("10.01", 2)
    assert Number.from_portable(number.portable()) == number


@given(st.integers(min_value=1, max_value=2**31), st.integers(min_value=1, max_value=2**31))
def test_whatever_the_sizes_the_file_is_never_said_to_be_the_limits_size(limit, extra):
    size = limit + extra
    shown, shown_limit = megabytes_over(size, limit)
    real, real_limit = Decimal(size) / MEGABYTE, Decimal(limit) / MEGABYTE
    assert shown.value > real_limit >= shown_limit.value  # larger than the limit, which is not overstated
    assert abs(shown.value - real) <= Decimal("0.05")  # and close to the truth

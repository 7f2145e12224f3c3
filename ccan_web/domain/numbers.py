"""Numbers in messages: kept as numbers, written the reader's way (20,000 or 20 000; 10.5 or 10,5)
only when the message is shown, so a message stored now and read later in Russian still reads
as Russian."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from babel.numbers import format_decimal
from flask_babel import get_locale

MEGABYTE = 2**20


class Number:
    """A number shown with `places` decimals in the current locale when the message becomes text."""

    def __init__(self, value, places: int = 0):
        self.value = Decimal(value)
        self.places = places

    def __str__(self) -> str:
        pattern = "#,##0" + ("." + "0" * self.places if self.places else "")
        return format_decimal(self.value, format=pattern, locale=get_locale() or "en")

    def __repr__(self) -> str:
        return f"Number({str(self.value)!r}, {self.places})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Number) and (self.value, self.places) == (other.value, other.places)

    def portable(self) -> dict:
        """As stored data (in a job's report), for `from_portable`."""
        return {"number": str(self.value), "places": self.places}

    @classmethod
    def from_portable(cls, data: dict) -> Number:
        return cls(data["number"], data.get("places", 0))


def megabytes_over(size: int, limit: int) -> tuple[Number, Number]:
    """`size` and `limit` (bytes, size > limit) in MB for "the file is X MB; up to Y MB": X to one
    decimal, rounded half up, or more precisely where that would show it no larger than Y, so a
    file over the limit is never said to be the limit's size; Y rounded down, never promising
    more than is taken."""
    limit_mb = Decimal(limit) / MEGABYTE
    shown_limit = limit_mb.quantize(Decimal(1), ROUND_DOWN) if limit_mb == limit_mb.to_integral_value() \
        else limit_mb.quantize(Decimal("0.1"), ROUND_DOWN)
    size_mb = Decimal(size) / MEGABYTE
    for places, rounding in ((1, ROUND_HALF_UP), (2, ROUND_HALF_UP), (2, ROUND_UP)):
        shown = size_mb.quantize(Decimal(1).scaleb(-places), rounding)
        if shown > limit_mb:
            break
    return Number(shown, places), Number(shown_limit, 0 if shown_limit == shown_limit.to_integral_value() else 1)

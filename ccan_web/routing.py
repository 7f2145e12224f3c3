"""Numbers a visitor writes into a URL or a form: one that no row can hold names nothing (404)."""
from __future__ import annotations

from flask import abort
from werkzeug.routing import IntegerConverter

from ccan_web.db import LARGEST_INTEGER


class StoredIntegerConverter(IntegerConverter):
    """`<int:...>` up to the largest stored integer: a larger id matches no route, so it is not
    found instead of reaching PostgreSQL, which fails on it. Registered as "int" for every route."""

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST_INTEGER, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def stored_number_or_404(number: int) -> int:
    """`number` if a row could hold it; otherwise, like a number no row holds, not found."""
    if not 0 <= number <= LARGEST_INTEGER:
        abort(404)
    return number


def number_arg(args, name: str) -> int | None:
    """A number from the query string: None when it is missing or not a number (the page's default
    then applies), not found when no row could hold it."""
    value = args.get(name, type=int)
    return None if value is None else stored_number_or_404(value)


def choice_arg(args, name: str, choices: tuple[str, ...]) -> str:
    """One of a page's known options from the query string; the first (the default) for anything else."""
    value = args.get(name)
    return value if value in choices else choices[0]

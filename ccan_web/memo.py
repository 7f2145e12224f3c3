"""Figures that several parts of one page show (a badge in the header and the same count in the
page), computed once per request rather than once per part."""
from __future__ import annotations

from functools import wraps

from flask import g, has_request_context


def once_per_request(function):
    """Call `function` (no arguments) once per request and reuse its result; outside a request
    (the CLI, a service test) it is called every time."""
    @wraps(function)
    def cached():
        if not has_request_context():
            return function()
        results = g.setdefault("once_per_request", {})
        if function not in results:
            results[function] = function()
        return results[function]

    cached.uncached = function
    return cached

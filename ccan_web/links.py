"""Links the platform builds: back to a list from the request's known parameters only."""
from __future__ import annotations

from collections.abc import Iterable


def known_args(args, keys: Iterable[str]) -> dict[str, list[str]]:
    """The parameters of `args` named in `keys` (an area's filters), for a link to the same list:
    the next page, another format. Any other parameter is left behind, so one that url_for takes
    for itself (endpoint, _method, _external) or that the link sets (page, kind, fmt) cannot turn
    the link into a server error. Repeated parameters stay repeated; empty ones are dropped."""
    return {key: values for key in keys if (values := [value for value in args.getlist(key) if value])}

"""Links the platform builds: absolute ones from the public base URL, and back to a list from the
request's known parameters only."""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """The absolute address of `endpoint`, for mail and documents read elsewhere, from the
    PUBLIC_BASE_URL setting: never from a request's Host header, which whoever sends the request
    chooses, and the same from a request, a command or a background job."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    urls = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return urls.build(endpoint, values, force_external=True)


def known_args(args, keys: Iterable[str]) -> dict[str, list[str]]:
    """The parameters of `args` named in `keys` (an area's filters), for a link to the same list:
    the next page, another format. Any other parameter is left behind, so one that url_for takes
    for itself (endpoint, _method, _external) or that the link sets (page, kind, fmt) cannot turn
    the link into a server error. Repeated parameters stay repeated; empty ones are dropped."""
    return {key: values for key in keys if (values := [value for value in args.getlist(key) if value])}

"""Links the platform builds: absolute ones from the public base URL, and back to a list from the
request's known parameters only, and the tel: links to phone numbers."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple
import re
from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """The absolute address of `endpoint`, for mail and documents read elsewhere, from the
    PUBLIC_BASE_URL setting: never from a request's Host header, which whoever sends the request
    chooses, and the same from a request, a command or a background job."""
    return public_url_builder()(endpoint, **values)


def public_url_builder() -> Callable[..., str]:
    """public_url, bound to the base URL once, for building many addresses (a sitemap's 50,000)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    urls = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return lambda endpoint, **values: urls.build(endpoint, values, force_external=True)


def known_args(args, keys: Iterable[str]) -> dict[str, list[str]]:
    """The parameters of `args` named in `keys` (an area's filters), for a link to the same list:
    the next page, another format. Any other parameter is left behind, so one that url_for takes
    for itself (endpoint, _method, _external) or that the link sets (page, kind, fmt) cannot turn
    the link into a server error. Repeated parameters stay repeated; empty ones are dropped."""
    return {key: values for key in keys if (values := [value for value in args.getlist(key) if value])}


class FilterChoice(NamedTuple):
    """One filter a list is narrowed by, as its link names it and as a person reads it."""

    param: str  # the list's parameter: "country"
    value: str  # the value in the link: "KZ"
    name: object  # what the filter is, in words: "Country"
    text: object  # what is chosen, in words: "Kazakhstan"


class FilterChip(NamedTuple):
    """A removable chip above a list's results: its link is the list without this one choice."""

    name: object
    text: object
    args: dict[str, list[str]]


@dataclass(frozen=True)
class ActiveFilters:
    """The filters a list is narrowed by, each as a chip, and the list without any of them."""

    chips: list[FilterChip]
    clear_args: dict[str, list[str]]  # the list's words and order kept, every filter dropped

    @property
    def count(self) -> int:
        return len(self.chips)


def without(args: dict[str, list[str]], param: str, value: str | None = None) -> dict[str, list[str]]:
    """`args` (as known_args gives them) without `param`, or without only its `value` when the
    parameter is repeated; the page number is never among them, so a changed list starts on page 1."""
    kept = {}
    for key, values in args.items():
        if key == param:
            values = [] if value is None else [v for v in values if v != value]
        if values:
            kept[key] = list(values)
    return kept


def active_filters(args: dict[str, list[str]], choices: Iterable[FilterChoice],
                   filter_params: Iterable[str]) -> ActiveFilters:
    """Chips for `choices` (the filters the list understood from `args`, the known parameters of
    the request), each linking to the list without it, and the link that clears `filter_params`."""
    chips = [FilterChip(choice.name, choice.text, without(args, choice.param, choice.value)) for choice in choices]
    clear = dict(args)
    for param in filter_params:
        clear = without(clear, param)
    return ActiveFilters(chips, clear)


def tel_href(phone: str) -> str:
    """A tel: link to `phone` as typed ("+7 701 555-12-34"): a URI takes no spaces, so only a
    leading + and the digits are kept (RFC 3966's global number)."""
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"

"""Figures for the home page, and the /search page's reading of its parameters."""
from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import role_holders
from ccan_web.blueprints.board.services import status_counts
from ccan_web.domain.catalog import COURSE_FORMATS
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.roles import Role
from ccan_web.domain.sectors import SECTORS
from ccan_web import figures
from ccan_web.extensions import db
from ccan_web.i18n import format_count
from ccan_web.links import FilterChoice
from ccan_web.pagination import Page, parse_page
from ccan_web.search.backend import IndexUnavailable
from ccan_web.search.documents import SearchQuery, SearchResults
from ccan_web.search.indexing import search_index


@dataclass(frozen=True)
class NetworkFigures:
    members: int
    members_by_country: dict[str, int]
    pending_applications: int
    board_members: int


def network_figures() -> NetworkFigures:
    """Members by country, pending applications and the Board's size; kept until such a commit."""
    return figures.cached("network", "network_figures", _network_figures)


def _network_figures() -> NetworkFigures:
    rows = db.session.execute(
        select(User.country, func.count(User.id))
        .where(User.is_active.is_(True), User.id.in_(role_holders(Role.MEMBER)))
        .group_by(User.country)
    ).all()
    by_country = {c.code: 0 for c in COUNTRIES}
    by_country.update({country: count for country, count in rows if country in by_country})
    board = db.session.scalar(select(func.count(func.distinct(User.id))).where(User.id.in_(role_holders(Role.BOARD))))
    return NetworkFigures(sum(by_country.values()), by_country, status_counts()["pending"], board or 0)


# The /search page ---------------------------------------------------------------------------------

SEARCH_PER_PAGE = 20
SEARCH_FACET_VALUES = {
    "country": tuple(c.code for c in COUNTRIES),
    "sectors": tuple(SECTORS),
    "language": tuple(LOCALES),
    "format": tuple(COURSE_FORMATS),
}
# The page's parameter for each facet: "sector" reads better in a shared link than "sectors".
SEARCH_FACET_PARAMS = {"country": "country", "sectors": "sector", "language": "language", "format": "format"}
# Every parameter the page reads, and so all that its links carry on (the page number apart);
# `as_typed=1` searches the words as typed, without correcting a word that matches nothing.
SEARCH_PARAMS = ("q", "kind", *SEARCH_FACET_PARAMS.values(), "as_typed")
# What "Filters (n)" counts and "Clear filters" drops: everything but the words searched.
SEARCH_FILTER_PARAMS = ("kind", *SEARCH_FACET_PARAMS.values())
SEARCH_FACET_LEGENDS = {"country": _l("Country"), "sectors": _l("Sector"), "language": _l("Language"),
                        "format": _l("Format")}
SEARCH_KIND_LABELS = {
    "business": _l("Creative businesses"),
    "course": _l("Courses"),
    "roadmap": _l("Roadmaps"),
    "story": _l("Success stories"),
    "association": _l("Associations"),
    "toolkit": _l("Toolkit"),
}


REBUILDING = _l("The search index is being built. Try again in a minute; everything else works meanwhile.")


@dataclass(frozen=True)
class SearchPage:
    text: str
    kind: str | None
    facets: dict[str, frozenset[str]]
    page: int
    results: SearchResults
    notice: object | None = None  # why there are no results although there may be matches

    @property
    def pager(self) -> Page:
        return Page(self.results.hits, self.results.total, self.results.page, self.results.pages, SEARCH_PER_PAGE)


def search_query_from_args(args, include_members: bool) -> SearchQuery:
    """A query from untrusted parameters: unknown kinds and facet values are dropped, the text is
    capped here and sanitised by the engine, so any link gives a sensible page."""
    text = " ".join((args.get("q") or "").split())[:1000]
    kind = args.get("kind") if args.get("kind") in SEARCH_KIND_LABELS else None
    facets = {}
    for facet, param in SEARCH_FACET_PARAMS.items():
        chosen = frozenset(value for value in args.getlist(param) if value in SEARCH_FACET_VALUES[facet])
        if chosen:
            facets[facet] = chosen
    return SearchQuery(text=text, kinds=frozenset({kind}) if kind else frozenset(), facets=facets,
                       include_members=include_members, page=parse_page(args.get("page")),
                       per_page=SEARCH_PER_PAGE, as_typed=args.get("as_typed") == "1")


def run_search(query: SearchQuery) -> SearchPage:
    """One page of results; a missing or damaged index is rebuilt in the background meanwhile."""
    index = search_index()
    kind = next(iter(query.kinds), None)
    if not query.text and not query.facets:
        return SearchPage("", kind, {}, 1, SearchResults.empty())
    try:
        if index.needs_rebuild():
            index.rebuild_in_background()
            return SearchPage(query.text, kind, query.facets, 1, SearchResults.empty(), notice=REBUILDING)
        results = index.search(query)
    except IndexUnavailable:
        index.rebuild_in_background()
        return SearchPage(query.text, kind, query.facets, 1, SearchResults.empty(), notice=REBUILDING)
    return SearchPage(query.text, kind, query.facets, results.page, results)



SEARCH_PRICE_LABELS = {"free": _l("Free"), "paid": _l("Paid")}
_LABELS_BY_LOCALE: dict[str, dict] = {}


def search_labels(locale: str) -> dict[str, dict[str, str]]:
    """The names of kinds, facet values and prices in `locale`, worked out once per language (a
    results page shows dozens) and in that language, whatever the current request's is."""
    if locale not in _LABELS_BY_LOCALE:
        from ccan_web.domain.countries import country_name

        with force_locale(locale):
            _LABELS_BY_LOCALE[locale] = {
                "kind": {kind: str(label) for kind, label in SEARCH_KIND_LABELS.items()},
                "country": {code: str(country_name(code)) for code in SEARCH_FACET_VALUES["country"]},
                "sectors": {slug: str(label) for slug, label in SECTORS.items()},
                "language": dict(LOCALES),
                "format": {slug: str(label) for slug, label in COURSE_FORMATS.items()},
                "legend": {facet: str(legend) for facet, legend in SEARCH_FACET_LEGENDS.items()},
                "price": {price: str(label) for price, label in SEARCH_PRICE_LABELS.items()},
            }
    return _LABELS_BY_LOCALE[locale]


class SearchOption(NamedTuple):
    """One radio button or checkbox of the results page, ready to show."""

    id: str
    value: str
    label: str
    count: str  # written in the page's locale
    checked: bool


class FacetGroup(NamedTuple):
    param: str
    legend: str
    options: list[SearchOption]


@dataclass(frozen=True)
class SearchFilters:
    everything: str  # the count of all kinds together, written in the page's locale
    kinds: list[SearchOption]
    facets: list[FacetGroup]


def search_filters(search: SearchPage, locale: str) -> SearchFilters:
    """The page's kinds and facets in `locale`, each value with its count.

    A kind is listed when it matches or is chosen. A facet lists the values that match, most
    matches first, then values chosen that now match nothing (with 0, so a ticked box never
    vanishes); a facet with neither is left out. Worked out here rather than in the template: a
    page lists dozens of values, and Jinja's lookups and calls for each cost more than the
    engine's counting did.
    """
    labels = search_labels(locale)
    kind_counts = search.results.kind_counts
    kinds = [SearchOption(f"kind-{kind}", kind, label, format_count(kind_counts.get(kind, 0), locale),
                          search.kind == kind)
             for kind, label in labels["kind"].items() if kind_counts.get(kind) or search.kind == kind]
    facets = []
    for facet, param in SEARCH_FACET_PARAMS.items():
        counts = search.results.facet_counts.get(facet, {})
        chosen = search.facets.get(facet, frozenset())
        if not counts and not chosen:
            continue
        names = labels[facet]
        # A stable sort: values with equal counts keep the engine's order.
        listed = sorted(counts.items(), key=itemgetter(1), reverse=True)
        listed += [(value, 0) for value in chosen if value not in counts]
        options = [SearchOption(f"facet-{param}-{value}", value, names.get(value, value),
                                format_count(count, locale), value in chosen) for value, count in listed]
        facets.append(FacetGroup(param, labels["legend"][facet], options))
    return SearchFilters(format_count(sum(kind_counts.values()), locale), kinds, facets)


def search_choices(search: SearchPage, locale: str) -> list[FilterChoice]:
    """The kind and facet values the results are narrowed to, in words, for the page's chips."""
    labels = search_labels(locale)
    choices = []
    if search.kind:
        choices.append(FilterChoice("kind", search.kind, _l("Show"), labels["kind"].get(search.kind, search.kind)))
    for facet, param in SEARCH_FACET_PARAMS.items():
        names = labels[facet]
        # In the order of the domain's lists, so that chips stay put as boxes are ticked.
        chosen = search.facets.get(facet, frozenset())
        choices += [FilterChoice(param, value, labels["legend"][facet], names.get(value, value))
                    for value in SEARCH_FACET_VALUES[facet] if value in chosen]
    return choices

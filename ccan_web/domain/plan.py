"""The network's plan for the year, and which parts of the platform already serve it (and where)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class PlanItem:
    slug: str
    title: object
    summary: object
    live: bool
    endpoint: str  # where the part is (a "coming" page while it is not live)


PLAN: tuple[PlanItem, ...] = (
    PlanItem("catalog", _l("Database of creative businesses and courses"), _l(
        "The widest possible database of creative businesses in 13 sectors and 5 countries, and "
        "of online courses that help them grow, with a research overview."), live=True, endpoint="catalog.index"),
    PlanItem("search", _l("Search"), _l(
        "One search over businesses, courses, stories, associations, the roadmap and the "
        "toolkit."), live=True, endpoint="main.search"),
    PlanItem("roadmap", _l("Roadmap"), _l(
        "A roadmap for the creative economy of Central Asia, written together by leaders from "
        "each country and adapted to each country by its association."), live=True, endpoint="roadmap.index"),
    PlanItem("members", _l("Member accounts"), _l(
        "Individuals and organisations apply with the form “Welcome to CCAN!”; the Board admits "
        "members. The 2021 Steering Committee forms the Board."), live=True, endpoint="members.directory"),
    PlanItem("associations", _l("National associations"), _l(
        "A brand, a legal structure and a regional toolkit with which local organisers found an "
        "association in each country."), live=True, endpoint="associations.index"),
    PlanItem("toolkit", _l("Regional toolkit"), _l(
        "Standards, checklists, procedures and business processes for founding and running a "
        "national association."), live=True, endpoint="toolkit.index"),
    PlanItem("stories", _l("Success stories"), _l(
        "Creative companies that adapted to the COVID-19 pandemic and increased their revenue, "
        "published for the media."), live=True, endpoint="stories.story_list"),
    PlanItem("competitions", _l("Competitions"), _l(
        "Open competitions for all five countries, with applications by country and announced "
        "results."), live=True, endpoint="competitions.index"),
    PlanItem("events", _l("Online events"), _l(
        "The research results, the roadmap and competition results presented at online "
        "events."), live=True, endpoint="events.event_list"),
)

PLAN_BY_SLUG = {item.slug: item for item in PLAN}
LIVE = tuple(item for item in PLAN if item.live)
COMING = tuple(item for item in PLAN if not item.live)

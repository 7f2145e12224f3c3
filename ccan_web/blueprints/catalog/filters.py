"""A catalog list's filters, read from a request's parameters, and the database query they make.

Filters are built from untrusted query parameters: on the pages a value not in its list is
dropped, not an error, so a tampered or outdated link still shows a sensible list; the API,
read by programs, answers such a value with an error naming the parameter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_OUTCOMES, EntryStatus
from ccan_web.domain.countries import COUNTRY_CODES, country_name, normalise_country_code
from ccan_web.domain.errors import DomainError, Invalid
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.sectors import SECTOR_SLUGS, SECTORS
from ccan_web.domain.transliteration import latin_key
from ccan_web.links import FilterChoice

BUSINESS_SORTS = ("name", "newest", "founded")
COURSE_SORTS = ("title", "newest")


PRICES = ("free", "paid")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


class _FilterArgs:
    """Reads a list's parameters and notes each one whose value is not among its choices: the one
    place that decides what a filter accepts, for the pages and the API alike."""

    def __init__(self, args) -> None:
        self.args = args
        self.problems: list[DomainError] = []

    def words(self, name: str) -> str:
        """Free text, as one line of at most 100 characters (controls read as spaces)."""
        return " ".join(_CONTROLS.sub(" ", self.args.get(name) or "").split())[:100]

    def choice(self, name: str, allowed, message=None, normalise=None) -> str | None:
        value = self.args.get(name)
        if value is None:
            return None
        chosen = normalise(value) if normalise else (value if value in allowed else None)
        if chosen is None:
            self.problems.append(DomainError(message or _l("Choose from the options listed."), field=name))
        return chosen

    def done(self, strict: bool, filters):
        if strict and self.problems:
            raise Invalid(self.problems)
        return filters


def _words_query(column, q: str):
    """Every word of `q` (in any script) must appear in the stored key."""
    conditions = []
    for word in latin_key(q).split()[:10]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(column.like(f"%{escaped}%", escape="\\"))
    return conditions


@dataclass(frozen=True)
class BusinessFilter:
    q: str = ""
    country: str | None = None
    sector: str | None = None
    city: str = ""
    sort: str = "name"
    PARAMS: ClassVar[tuple[str, ...]] = ("q", "country", "sector", "city", "sort")  # what from_args reads
    FILTER_PARAMS: ClassVar[tuple[str, ...]] = ("country", "sector", "city")  # behind "Filters (n)"

    def choices(self) -> list[FilterChoice]:
        """The filters this list is narrowed by, in words (the words searched and the order apart)."""
        chosen = [("country", self.country, _l("Country"), country_name(self.country)),
                  ("sector", self.sector, _l("Sector"), SECTORS.get(self.sector)),
                  ("city", self.city, _l("City"), self.city)]
        return [FilterChoice(param, value, name, text) for param, value, name, text in chosen if value]

    @classmethod
    def from_args(cls, args, strict: bool = False) -> BusinessFilter:
        """The filters of a request's `args`. A value not in its list is dropped, so an outdated
        link still lists something; `strict` (the API) raises Invalid naming each such parameter."""
        read = _FilterArgs(args)
        return read.done(strict, cls(
            q=read.words("q"), country=read.choice("country", COUNTRY_CODES, _l("Choose one of the five countries."),
                                                   normalise_country_code),
            sector=read.choice("sector", SECTOR_SLUGS, _l("Choose sectors from the list.")), city=read.words("city"),
            sort=read.choice("sort", BUSINESS_SORTS) or "name"))


def business_query(filters: BusinessFilter, status: str = EntryStatus.PUBLISHED):
    # Every listed entry shows its sectors: one query for a page's sector rows, not one per entry.
    query = select(Business).where(Business.status == status).options(selectinload(Business.other_sectors))
    query = query.where(*_words_query(Business.name_key, filters.q))
    if filters.country:
        query = query.where(Business.country == filters.country)
    if filters.sector:
        query = query.where((Business.primary_sector == filters.sector) | Business.id.in_(
            select(BusinessSector.business_id).where(BusinessSector.sector == filters.sector)))
    if filters.city:
        query = query.where(Business.city_key == latin_key(filters.city))
    order = {"name": (Business.name_key, Business.id),
             "newest": (Business.published_at.desc(), Business.id.desc()),
             "founded": (Business.founded_year.desc(), Business.id)}[filters.sort]
    return query.order_by(*order)


@dataclass(frozen=True)
class CourseFilter:
    q: str = ""
    language: str | None = None
    sector: str | None = None
    format: str | None = None
    outcome: str | None = None
    free: bool | None = None
    sort: str = "title"
    PARAMS: ClassVar[tuple[str, ...]] = ("q", "language", "sector", "format", "outcome", "price", "sort")
    FILTER_PARAMS: ClassVar[tuple[str, ...]] = ("language", "sector", "format", "outcome", "price")

    def choices(self) -> list[FilterChoice]:
        price = {True: "free", False: "paid"}.get(self.free)
        chosen = [("language", self.language, _l("Language"), LOCALES.get(self.language)),
                  ("sector", self.sector, _l("Sector"), SECTORS.get(self.sector)),
                  ("format", self.format, _l("Format"), COURSE_FORMATS.get(self.format)),
                  ("outcome", self.outcome, _l("Expected outcome"), COURSE_OUTCOMES.get(self.outcome)),
                  ("price", price, _l("Price"), {"free": _l("Free of charge"), "paid": _l("Paid")}.get(price))]
        return [FilterChoice(param, value, name, text) for param, value, name, text in chosen if value]

    @classmethod
    def from_args(cls, args, strict: bool = False) -> CourseFilter:
        """As BusinessFilter.from_args: lenient for the pages, strict for the API."""
        read = _FilterArgs(args)
        price = read.choice("price", PRICES)
        return read.done(strict, cls(
            q=read.words("q"), language=read.choice("language", LOCALES, _l("Choose a language from the list.")),
            sector=read.choice("sector", SECTOR_SLUGS, _l("Choose sectors from the list.")),
            format=read.choice("format", COURSE_FORMATS), outcome=read.choice("outcome", COURSE_OUTCOMES),
            free=None if price is None else price == "free", sort=read.choice("sort", COURSE_SORTS) or "title"))


def course_query(filters: CourseFilter, status: str = EntryStatus.PUBLISHED):
    query = select(Course).where(Course.status == status).options(selectinload(Course.sectors))
    query = query.where(*_words_query(Course.search_key, filters.q))
    if filters.language:
        query = query.where(Course.language == filters.language)
    if filters.sector:
        # A course for all sectors serves every sector's businesses too.
        query = query.where(Course.all_sectors.is_(True) | Course.id.in_(
            select(CourseSector.course_id).where(CourseSector.sector == filters.sector)))
    if filters.format:
        query = query.where(Course.format == filters.format)
    if filters.outcome:
        query = query.where(Course.outcome == filters.outcome)
    if filters.free is not None:
        query = query.where(Course.is_free.is_(filters.free))
    order = {"title": (Course.title, Course.id), "newest": (Course.published_at.desc(), Course.id.desc())}
    return query.order_by(*order[filters.sort])

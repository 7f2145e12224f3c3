"""The research databases: submitting, moderating and de-duplicating entries, and the overview."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import ClassVar

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import selectinload

from ccan_web import audit, figures, outbox
from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector, DuplicateFlag
from ccan_web.db import utcnow
from ccan_web.domain import quotas
from ccan_web.domain.catalog import (BUSINESS_MAX_LENGTHS, BUSINESS_NAME_FIELDS, BUSINESS_REQUIRED, COURSE_FORMATS,
                                     COURSE_IMPROVES, COURSE_LEVELS, COURSE_MAX_LENGTHS, COURSE_NAME_FIELDS,
                                     COURSE_OUTCOMES, COURSE_REQUIRED, SIZE_BANDS, SOURCE_KINDS, EntryStatus,
                                     business_name_key)
from ccan_web.domain.countries import COUNTRIES, COUNTRY_CODES, country_name, normalise_country_code
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.sectors import SECTOR_SLUGS, SECTORS
from ccan_web.domain.text import (clean_line, clean_text, complete_web_address, email_problem, line_problem,
                                  name_problem, text_problem, web_address_problem)
from ccan_web.domain.transliteration import latin_key
from ccan_web.extensions import db
from ccan_web.links import FilterChoice
from ccan_web.permissions import can

FIRST_FOUNDING_YEAR = 1900


@dataclass(frozen=True)
class BusinessData:
    name: str
    country: str
    city: str
    primary_sector: str
    other_sectors: tuple[str, ...] = ()
    legal_form: str = ""
    region: str = ""
    description: str = ""
    founded_year: int | None = None
    size_band: str = ""
    website: str = ""
    social_links: tuple[str, ...] = ()
    contact_email: str = ""
    contact_phone: str = ""
    contact_public: bool = False
    source_kind: str = "url"
    source_detail: str = ""


@dataclass(frozen=True)
class CourseData:
    title: str
    url: str
    language: str
    format: str
    improves: str
    outcome: str
    sectors: tuple[str, ...] = ()
    all_sectors: bool = False
    provider: str = ""
    level: str = "beginner"
    is_free: bool = True
    duration: str = ""
    description: str = ""
    source_kind: str = "url"
    source_detail: str = ""


WEB_ADDRESS_FIELDS = frozenset({"website", "url"})


def _cleaned_text(data, max_lengths: dict[str, int], name_fields, problems: list[DomainError]) -> dict[str, str]:
    """Each text field of `data` as stored, held to its rules: a name's, one line's or (the
    description) a longer text's (domain.text), then its length. A problem per field at most."""
    values = {}
    for name, limit in max_lengths.items():
        if name == "social_links":
            continue
        if name == "description":
            value = clean_text(getattr(data, name))
            problem = text_problem(value)
        else:
            value = clean_line(getattr(data, name))
            if name in WEB_ADDRESS_FIELDS and value:
                value = complete_web_address(value)  # hunar.tj is kept as https://hunar.tj
            problem = (name_problem if name in name_fields else line_problem)(value)
        if problem is None and len(value) > limit:
            problem = lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", limit)
        if problem is not None:
            problems.append(DomainError(problem, field=name))
        values[name] = value
    return values


def _check(problems: list[DomainError], name: str, ok: bool, message) -> None:
    """Note `message` beside field `name` unless it is fine, or already has a problem."""
    if not ok and all(problem.field != name for problem in problems):
        problems.append(DomainError(message, field=name))


def _check_required(problems: list[DomainError], data, text: dict[str, str], required, own_messages: dict) -> None:
    """Each field an entry cannot be without (domain.catalog) is there, whatever else it breaks."""
    for name in required:
        value = text[name] if name in text else getattr(data, name)
        _check(problems, name, bool(value), own_messages.get(name, _l("This field is required.")))


def checked_business(data: BusinessData, this_year: int) -> BusinessData:
    """`data` as stored (text normalised, the country as its code) if it keeps every rule of a
    business entry; else Invalid, with a problem beside each field that breaks one. The entry
    form and the import are both checked here."""
    problems: list[DomainError] = []
    text = _cleaned_text(data, BUSINESS_MAX_LENGTHS, BUSINESS_NAME_FIELDS, problems)
    _check_required(problems, data, text, BUSINESS_REQUIRED, {
        "name": _l("Enter the business's name."), "country": _l("Choose one of the five countries."),
        "primary_sector": _l("Choose sectors from the list.")})
    _check(problems, "name", bool(business_name_key(text["name"])), _l("The name needs more than a legal form."))
    country = normalise_country_code(data.country)
    _check(problems, "country", country is not None, _l("Choose one of the five countries."))
    _check(problems, "primary_sector", data.primary_sector in SECTOR_SLUGS, _l("Choose sectors from the list."))
    _check(problems, "other_sectors", all(s in SECTOR_SLUGS for s in data.other_sectors),
           _l("Choose sectors from the list."))
    _check(problems, "size_band", not data.size_band or data.size_band in SIZE_BANDS,
           _l("Choose from the options listed."))
    _check(problems, "source_kind", data.source_kind in SOURCE_KINDS, _l("Choose from the options listed."))
    if text["website"]:
        problem = web_address_problem(text["website"])
        _check(problems, "website", problem is None, problem)
    if text["contact_email"]:
        problem = email_problem(text["contact_email"])
        _check(problems, "contact_email", problem is None, problem)
    links = tuple(complete_web_address(clean_line(link)) for link in data.social_links if clean_line(link))
    _check(problems, "social_links", all(web_address_problem(link) is None for link in links),
           _l("Enter a full address such as https://example.org."))
    limit = BUSINESS_MAX_LENGTHS["social_links"]
    _check(problems, "social_links", len("\n".join(links)) <= limit,
           lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", limit))
    _check(problems, "founded_year", data.founded_year is None or FIRST_FOUNDING_YEAR <= data.founded_year <= this_year,
           _l("Enter a year between %(first)d and %(last)d.", first=FIRST_FOUNDING_YEAR, last=this_year))
    if problems:
        raise Invalid(problems)
    return replace(data, **text, country=country, social_links=links)


def checked_course(data: CourseData) -> CourseData:
    """`data` as stored if it keeps every rule of a course entry; else Invalid, as for businesses."""
    problems: list[DomainError] = []
    text = _cleaned_text(data, COURSE_MAX_LENGTHS, COURSE_NAME_FIELDS, problems)
    _check_required(problems, data, text, COURSE_REQUIRED, {
        "title": _l("Enter the course's title."), "language": _l("Choose a language from the list."),
        **dict.fromkeys(("format", "improves", "outcome"), _l("Choose from the options listed."))})
    problem = web_address_problem(text["url"])
    _check(problems, "url", problem is None, problem)
    _check(problems, "language", data.language in LOCALES, _l("Choose a language from the list."))
    for name, allowed in (("format", COURSE_FORMATS), ("improves", COURSE_IMPROVES), ("outcome", COURSE_OUTCOMES),
                          ("level", COURSE_LEVELS), ("source_kind", SOURCE_KINDS)):
        _check(problems, name, getattr(data, name) in allowed, _l("Choose from the options listed."))
    _check(problems, "sectors", all(s in SECTOR_SLUGS for s in data.sectors), _l("Choose sectors from the list."))
    _check(problems, "sectors", data.all_sectors or bool(data.sectors),
           _l("Choose at least one sector, or all sectors."))
    if problems:
        raise Invalid(problems)
    return replace(data, **text)


@dataclass
class Submitted:
    entry: object
    duplicates: list = field(default_factory=list)


def submit_business(data: BusinessData, submitter) -> Submitted:
    """A member's new business, waiting for an editor; look-alikes in the same city are flagged."""
    data = checked_business(data, utcnow().year)
    business = Business(
        name=data.name, name_key=business_name_key(data.name), legal_form=data.legal_form,
        country=data.country, region=data.region, city=data.city, city_key=latin_key(data.city),
        primary_sector=data.primary_sector, founded_year=data.founded_year, size_band=data.size_band,
        website=data.website, social_links=list(data.social_links), contact_email=data.contact_email,
        contact_phone=data.contact_phone, contact_public=data.contact_public,
        source_kind=data.source_kind, source_detail=data.source_detail, description=data.description,
        added_by_id=submitter.id if submitter else None, status=EntryStatus.PENDING,
        other_sectors=[BusinessSector(sector=s) for s in sorted(set(data.other_sectors) - {data.primary_sector})],
    )
    db.session.add(business)
    db.session.flush()
    return Submitted(business, flag_duplicates(business))


def flag_duplicates(business: Business) -> list[Business]:
    """Flag every earlier entry with the same name and city in the same country."""
    twins = list(db.session.scalars(select(Business).where(
        Business.id != business.id, Business.country == business.country,
        Business.name_key == business.name_key, Business.city_key == business.city_key,
        Business.status.notin_([EntryStatus.REJECTED, EntryStatus.MERGED])).order_by(Business.id)))
    for twin in twins:
        db.session.add(DuplicateFlag(business_id=business.id, duplicate_of_id=twin.id))
    db.session.flush()
    return twins


def submit_course(data: CourseData, submitter) -> Submitted:
    data = checked_course(data)
    course = Course(
        title=data.title, provider=data.provider, url=data.url, language=data.language,
        search_key=latin_key(f"{data.title} {data.provider}")[:420],
        all_sectors=data.all_sectors, format=data.format, improves=data.improves, outcome=data.outcome,
        level=data.level, is_free=data.is_free, duration=data.duration, description=data.description,
        source_kind=data.source_kind, source_detail=data.source_detail,
        added_by_id=submitter.id if submitter else None, status=EntryStatus.PENDING,
        sectors=[] if data.all_sectors else [CourseSector(sector=s) for s in sorted(set(data.sectors))],
    )
    db.session.add(course)
    db.session.flush()
    return Submitted(course)


# The research overview ------------------------------------------------------------------------

@dataclass(frozen=True)
class BusinessOverview:
    matrix: dict[tuple[str, str], int]  # (country, sector) -> published businesses
    by_country: dict[str, int]
    by_sector: dict[str, int]
    total: int
    country_checks: list
    sector_checks: list
    per_million: dict[str, float]


@functools.cache
def _matrix_counts() -> tuple[tuple[tuple[str, str], ...], Select]:
    """The overview's (country, sector) cells, and one statement that counts each of them.

    Every cell is a range of the index (status, country, primary_sector), and counting a range is
    the database's tightest loop; a GROUP BY over all published businesses instead compares each
    row's country and sector with the last, which takes half as long again. Entries are checked
    against the five countries and 13 sectors, so these cells are all the groups there are.
    Built once: the cells never change.
    """
    cells = tuple((country.code, sector) for country in COUNTRIES for sector in SECTORS)
    return cells, select(*(
        select(func.count()).where(Business.status == EntryStatus.PUBLISHED, Business.country == country,
                                   Business.primary_sector == sector).scalar_subquery()
        for country, sector in cells))


def business_overview() -> BusinessOverview:
    """Published businesses by country and sector, and the balance rules; kept until a catalog commit."""
    return figures.cached("catalog", "business_overview", _business_overview)


def _business_overview() -> BusinessOverview:
    cells, statement = _matrix_counts()
    matrix = {cell: count for cell, count in zip(cells, db.session.execute(statement).one()) if count}
    by_country = {c.code: sum(n for (cc, _s), n in matrix.items() if cc == c.code) for c in COUNTRIES}
    by_sector = {s: sum(n for (_c, ss), n in matrix.items() if ss == s) for s in SECTORS}
    total = sum(by_country.values())
    return BusinessOverview(
        matrix, by_country, by_sector, total,
        quotas.floors(by_country, [c.code for c in COUNTRIES], quotas.COUNTRY_MIN_SHARE),
        quotas.floors(by_sector, list(SECTORS), quotas.SECTOR_MIN_SHARE),
        {c.code: by_country[c.code] / c.population_millions for c in COUNTRIES},
    )


@dataclass(frozen=True)
class CourseOverview:
    total: int
    by_language: dict[str, int]
    language_checks: list
    specialised_by_sector: dict[str, int]
    sector_checks: list
    by_format: dict[str, int]
    by_outcome: dict[str, int]


def _published_course_counts() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Published courses by language, by format and by outcome (only values that have courses).

    One pass over the index (status, language, format, outcome) gives at most 7 × 4 × 4 groups,
    summed here, where a GROUP BY per column would read the index three times.
    """
    by_language: Counter[str] = Counter()
    by_format: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    rows = db.session.execute(select(Course.language, Course.format, Course.outcome, func.count())
                              .where(Course.status == EntryStatus.PUBLISHED)
                              .group_by(Course.language, Course.format, Course.outcome))
    for language, format_, outcome, count in rows:
        by_language[language] += count
        by_format[format_] += count
        by_outcome[outcome] += count
    return dict(sorted(by_language.items())), dict(sorted(by_format.items())), dict(sorted(by_outcome.items()))


def _specialised_course_counts() -> dict[str, int]:
    """Published courses made for each sector (sectors that have none are left out).

    Counted as every course's sector rows less those of unpublished courses: both read only
    indexes, and the unpublished are few, where joining every sector row to its course costs a
    look-up per row. A course lists a sector once (the unique constraint), so rows are courses.
    """
    every = select(CourseSector.sector, func.count()).group_by(CourseSector.sector)
    unpublished = (select(CourseSector.sector, -func.count())
                   .where(CourseSector.course_id.in_(
                       select(Course.id).where(Course.status != EntryStatus.PUBLISHED)))
                   .group_by(CourseSector.sector))
    counts: Counter[str] = Counter()
    # One statement, so both halves see the same moment even while courses are being published.
    for sector, count in db.session.execute(union_all(every, unpublished)):
        counts[sector] += count
    return {sector: count for sector, count in counts.items() if count}


def course_overview() -> CourseOverview:
    """Published courses by language, format, outcome and sector; kept until a catalog commit."""
    return figures.cached("catalog", "course_overview", _course_overview)


def _course_overview() -> CourseOverview:
    by_language, by_format, by_outcome = _published_course_counts()
    total = sum(by_language.values())
    specialised = _specialised_course_counts()
    # The 1% floor is against all courses, so it is checked with the total, not among sectors.
    sector_checks = [quotas.ShareCheck(s, specialised.get(s, 0), total, quotas.COURSE_SECTOR_MIN_SHARE, True,
                                       quotas.floors({s: specialised.get(s, 0), "_rest": total - specialised.get(s, 0)},
                                                     [s], quotas.COURSE_SECTOR_MIN_SHARE)[0].needed)
                     for s in SECTORS]
    return CourseOverview(
        total, {code: by_language.get(code, 0) for code in LOCALES},
        quotas.caps(by_language, list(LOCALES), quotas.LANGUAGE_MAX_SHARE),
        {s: specialised.get(s, 0) for s in SECTORS}, sector_checks, by_format, by_outcome,
    )


# Lists with filters ---------------------------------------------------------------------------
# Filters are built from untrusted query parameters: on the pages a value not in its list is
# dropped, not an error, so a tampered or outdated link still shows a sensible list; the API,
# read by programs, answers such a value with an error naming the parameter.

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


# Reading and changing one entry ----------------------------------------------------------------

def get_entry(model, entry_id: int):
    entry = db.session.get(model, entry_id)
    if entry is None:
        raise NotFound(_l("There is no such entry."))
    return entry


def may_see(entry, user) -> bool:
    """Published entries are public; others only for their submitter and the editors."""
    if entry.status == EntryStatus.PUBLISHED:
        return True
    if user is None or not user.is_authenticated:
        return False
    return entry.added_by_id == user.id or can(user, "catalog.moderate")


def may_change(entry, user) -> bool:
    """Editors change anything; a submitter changes their entry until it is published."""
    if user is None or not user.is_authenticated:
        return False
    if can(user, "catalog.moderate"):
        return True
    return entry.added_by_id == user.id and entry.status in (EntryStatus.PENDING, EntryStatus.RETURNED)


def update_business(entry: Business, data: BusinessData, actor) -> Business:
    data = checked_business(data, utcnow().year)
    for name in ("legal_form", "region", "city", "website", "contact_email", "contact_phone", "source_detail",
                 "description"):
        setattr(entry, name, getattr(data, name))
    entry.name, entry.name_key = data.name, business_name_key(data.name)
    entry.country, entry.city_key = data.country, latin_key(data.city)
    entry.primary_sector, entry.founded_year, entry.size_band = data.primary_sector, data.founded_year, data.size_band
    entry.social_links, entry.contact_public, entry.source_kind = list(data.social_links), data.contact_public, data.source_kind
    wanted = set(data.other_sectors) - {data.primary_sector}
    entry.other_sectors = [s for s in entry.other_sectors if s.sector in wanted] + [
        BusinessSector(sector=s) for s in sorted(wanted - {s.sector for s in entry.other_sectors})]
    _back_to_editors(entry, actor)
    db.session.flush()
    return entry


def update_course(entry: Course, data: CourseData, actor) -> Course:
    data = checked_course(data)
    for name in ("title", "provider", "url", "duration", "source_detail", "description"):
        setattr(entry, name, getattr(data, name))
    entry.search_key = latin_key(f"{data.title} {data.provider}")[:420]
    for name in ("language", "all_sectors", "format", "improves", "outcome", "level", "is_free", "source_kind"):
        setattr(entry, name, getattr(data, name))
    wanted = set() if data.all_sectors else set(data.sectors)
    entry.sectors = [s for s in entry.sectors if s.sector in wanted] + [
        CourseSector(sector=s) for s in sorted(wanted - {s.sector for s in entry.sectors})]
    _back_to_editors(entry, actor)
    db.session.flush()
    return entry


def _back_to_editors(entry, actor) -> None:
    """A submitter's revision of a returned entry goes back to the editors' queue."""
    if entry.status == EntryStatus.RETURNED and not can(actor, "catalog.moderate"):
        entry.status = EntryStatus.PENDING


def overview_rows(businesses: BusinessOverview, courses: CourseOverview) -> list[dict]:
    """The overview's figures as flat rows with stable field names, for CSV and JSON downloads."""
    groups = (("businesses", "country", businesses.country_checks), ("businesses", "sector", businesses.sector_checks),
              ("courses", "language", courses.language_checks), ("courses", "sector", courses.sector_checks))
    return [{"database": database, "dimension": dimension, "value": check.key, "count": check.count,
             "share": round(float(check.share), 4), "rule": "min" if check.at_least else "max",
             "threshold": float(check.threshold), "met": check.met, "needed": check.needed}
            for database, dimension, checks in groups for check in checks]


# Records for export and the API: stable field names, contact details only where allowed --------

BUSINESS_FIELDS = ("id", "name", "legal_form", "country", "region", "city", "primary_sector", "sectors",
                   "founded_year", "size_band", "website", "social_links", "contact_email", "contact_phone",
                   "description", "source_kind", "source_detail", "published_at", "verified_at")
COURSE_FIELDS = ("id", "title", "provider", "url", "language", "all_sectors", "sectors", "format", "improves",
                 "outcome", "level", "is_free", "duration", "description", "source_kind", "source_detail",
                 "published_at")


def business_record(entry: Business) -> dict:
    public_contact = entry.contact_public
    return {
        "id": entry.id, "name": entry.name, "legal_form": entry.legal_form, "country": entry.country,
        "region": entry.region, "city": entry.city, "primary_sector": entry.primary_sector,
        "sectors": entry.sector_slugs, "founded_year": entry.founded_year, "size_band": entry.size_band or None,
        "website": entry.website or None, "social_links": list(entry.social_links or []),
        "contact_email": (entry.contact_email or None) if public_contact else None,
        "contact_phone": (entry.contact_phone or None) if public_contact else None,
        "description": entry.description, "source_kind": entry.source_kind, "source_detail": entry.source_detail,
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "verified_at": entry.verified_at.isoformat() if entry.verified_at else None,
    }


def course_record(entry: Course) -> dict:
    return {
        "id": entry.id, "title": entry.title, "provider": entry.provider, "url": entry.url,
        "language": entry.language, "all_sectors": entry.all_sectors, "sectors": entry.sector_slugs,
        "format": entry.format, "improves": entry.improves, "outcome": entry.outcome, "level": entry.level,
        "is_free": entry.is_free, "duration": entry.duration, "description": entry.description,
        "source_kind": entry.source_kind, "source_detail": entry.source_detail,
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
    }


@dataclass(frozen=True)
class SourceCount:
    kind: str
    detail: str
    businesses: int
    courses: int

    @property
    def total(self) -> int:
        return self.businesses + self.courses


def source_counts() -> tuple[SourceCount, ...]:
    """How many published entries each named source contributed, most first (a whole-table count:
    kept until a commit changes the catalog)."""
    return figures.cached("catalog", "source_counts", _source_counts)


def _source_counts() -> tuple[SourceCount, ...]:
    counts: dict[tuple[str, str], list[int]] = {}
    for index, model in enumerate((Business, Course)):
        rows = db.session.execute(select(model.source_kind, model.source_detail, func.count(model.id))
                                  .where(model.status == EntryStatus.PUBLISHED)
                                  .group_by(model.source_kind, model.source_detail)).all()
        for kind, detail, count in rows:
            counts.setdefault((kind, detail), [0, 0])[index] += count
    sources = [SourceCount(kind, detail, b, c) for (kind, detail), (b, c) in counts.items()]
    return tuple(sorted(sources, key=lambda s: (-s.total, s.kind, s.detail)))


@dataclass(frozen=True)
class CatalogList:
    """Everything that differs between the two databases when they are listed or exported."""

    model: type
    filters: type
    query: object
    record: object
    fields: tuple[str, ...]


LISTS = {
    "businesses": CatalogList(Business, BusinessFilter, business_query, business_record, BUSINESS_FIELDS),
    "courses": CatalogList(Course, CourseFilter, course_query, course_record, COURSE_FIELDS),
}


def _labels_in(*keys: str) -> str:
    """Country, sector, format and outcome names in English and Russian, so a word of either finds
    the entry whatever the page's language."""
    names = [_label_names(key) for key in keys]
    return " ".join(dict.fromkeys(name for locale in range(2) for pair in names if (name := pair[locale])))


@functools.cache
def _label_names(key: str) -> tuple[str, str]:
    """A key's name in English and Russian, worked out once: a rebuild asks for the same few dozen
    120,000 times, and each translation lookup costs."""
    from flask_babel import force_locale

    from ccan_web.domain.countries import country_name

    label = country_name(key) if len(key) == 2 and key.isupper() else \
        SECTORS.get(key) or COURSE_FORMATS.get(key) or COURSE_OUTCOMES.get(key) or ""
    names = []
    for locale in ("en", "ru"):
        with force_locale(locale):
            names.append(str(label) if label else "")
    return names[0], names[1]


def business_search_document(entry: Business):
    """The entry as search sees it. Its city, region and legal form are key words, matched as
    they are typed; its country and sectors, named in English and Russian, are labels: whole
    words that match like the description's, so "музыка" finds a music studio without every
    entry carrying the same dozens of as-you-type prefixes (they made a full rebuild twice as
    long), and that no snippet shows."""
    from ccan_web.search.documents import SearchDocument

    sectors = tuple(entry.sector_slugs)
    labels = _labels_in(entry.country, *sectors)
    return SearchDocument(key=f"business:{entry.id}", kind="business", title=entry.name,
                          body=entry.description, labels=labels,
                          keywords=" ".join(part for part in (entry.city, entry.region, entry.legal_form) if part),
                          url=f"/catalog/businesses/{entry.id}", country=entry.country, sectors=sectors)


def course_search_document(entry: Course):
    from ccan_web.search.documents import SearchDocument

    # A course for all sectors serves every sector, as the list's sector filter says too.
    sectors = tuple(SECTORS) if entry.all_sectors else tuple(entry.sector_slugs)
    labels = _labels_in(entry.format, entry.outcome, *(() if entry.all_sectors else sectors))
    return SearchDocument(key=f"course:{entry.id}", kind="course", title=entry.title,
                          body=entry.description, labels=labels,
                          keywords=" ".join(part for part in (entry.provider, LOCALES.get(entry.language, "")) if part),
                          url=f"/catalog/courses/{entry.id}", language=entry.language, format=entry.format,
                          sectors=sectors)


def _ids(keys) -> list[int]:
    return [int(key.split(":", 1)[1]) for key in keys if key.split(":", 1)[1].isdigit()]


def _search_source(kind: str, model, sector_model, sector_link: str, sectors, make):
    from ccan_web.search.indexing import Source

    def keys_for(obj) -> list[str]:
        if isinstance(obj, sector_model):
            owner = getattr(obj, sector_link)
            return [f"{kind}:{owner}"] if owner else []
        return [f"{kind}:{obj.id}"] if obj.id else []

    def published(session, ids=None):
        # The sectors of each thousand in one query: loaded one entry at a time, they were more
        # than half of a rebuild.
        query = (select(model).where(model.status == EntryStatus.PUBLISHED).options(selectinload(sectors))
                 .order_by(model.id))
        if ids is not None:
            query = query.where(model.id.in_(ids))
        return session.scalars(query.execution_options(yield_per=1000))

    def load(session, keys):
        return [make(entry) for entry in published(session, _ids(keys))]

    def load_all(session):
        for entry in published(session):
            yield make(entry)

    def count_all(session) -> int:
        return session.scalar(select(func.count(model.id)).where(model.status == EntryStatus.PUBLISHED))

    return Source(kind, (model, sector_model), keys_for, load, load_all, count_all)


def search_sources() -> list:
    return [_search_source("business", Business, BusinessSector, "business_id", Business.other_sectors,
                           business_search_document),
            _search_source("course", Course, CourseSector, "course_id", Course.sectors, course_search_document)]


# Moderation lives in its own module; these names stay importable from here for older callers.
from ccan_web.blueprints.catalog.moderation import (  # noqa: E402,F401
    dismiss_duplicate, get_duplicate_flag, merge_duplicate, moderation_queue, publish, reject, return_for_changes)

"""The catalog's entries: the rules an entry keeps, building one, submitting, reading and changing it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select

from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector, DuplicateFlag
from ccan_web.db import utcnow
from ccan_web.domain.catalog import (BUSINESS_MAX_LENGTHS, BUSINESS_NAME_FIELDS, BUSINESS_REQUIRED, COURSE_FORMATS,
                                     COURSE_IMPROVES, COURSE_LEVELS, COURSE_MAX_LENGTHS, COURSE_NAME_FIELDS,
                                     COURSE_OUTCOMES, COURSE_REQUIRED, SIZE_BANDS, SOURCE_KINDS, EntryStatus,
                                     business_name_key)
from ccan_web.domain.countries import normalise_country_code
from ccan_web.domain.errors import DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.domain.text import (clean_line, clean_text, complete_web_address, email_problem, line_problem,
                                  name_problem, text_problem, web_address_problem)
from ccan_web.domain.transliteration import latin_key
from ccan_web.extensions import db
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


# Building an entry -----------------------------------------------------------------------------
# A member's form and an editor's import build entries from the same checked data, here.

def _business_columns(data: BusinessData) -> dict:
    """A business's columns from checked `data`, with the keys that lists and duplicates match on."""
    return {
        "name": data.name, "name_key": business_name_key(data.name), "legal_form": data.legal_form,
        "country": data.country, "region": data.region, "city": data.city, "city_key": latin_key(data.city),
        "primary_sector": data.primary_sector, "founded_year": data.founded_year, "size_band": data.size_band,
        "website": data.website, "social_links": list(data.social_links), "contact_email": data.contact_email,
        "contact_phone": data.contact_phone, "contact_public": data.contact_public, "source_kind": data.source_kind,
        "source_detail": data.source_detail, "description": data.description,
    }


def _course_columns(data: CourseData) -> dict:
    return {
        "title": data.title, "provider": data.provider, "url": data.url, "language": data.language,
        "search_key": latin_key(f"{data.title} {data.provider}")[:420], "all_sectors": data.all_sectors,
        "format": data.format, "improves": data.improves, "outcome": data.outcome, "level": data.level,
        "is_free": data.is_free, "duration": data.duration, "description": data.description,
        "source_kind": data.source_kind, "source_detail": data.source_detail,
    }


def _sector_rows(rows, wanted: set[str], model) -> list:
    """Rows for the `wanted` sectors: those of `rows` kept, the missing ones added in sector order."""
    have = {row.sector for row in rows}
    return [row for row in rows if row.sector in wanted] + [model(sector=s) for s in sorted(wanted - have)]


def _business_sectors(data: BusinessData) -> set[str]:
    return set(data.other_sectors) - {data.primary_sector}  # the primary sector is a column


def _course_sectors(data: CourseData) -> set[str]:
    return set() if data.all_sectors else set(data.sectors)


def new_business(data: BusinessData, added_by, **columns) -> Business:
    """A business from `data` as `checked_business` leaves it, added by `added_by` (or nobody);
    `columns` sets the rest (status, import job). Not yet in the session."""
    return Business(**_business_columns(data), added_by_id=added_by.id if added_by else None,
                    other_sectors=_sector_rows([], _business_sectors(data), BusinessSector), **columns)


def new_course(data: CourseData, added_by, **columns) -> Course:
    """A course from `data` as `checked_course` leaves it; as `new_business`."""
    return Course(**_course_columns(data), added_by_id=added_by.id if added_by else None,
                  sectors=_sector_rows([], _course_sectors(data), CourseSector), **columns)


# Submitting ----------------------------------------------------------------------------------------

@dataclass
class Submitted:
    entry: object
    duplicates: list = field(default_factory=list)


def submit_business(data: BusinessData, submitter) -> Submitted:
    """A member's new business, waiting for an editor; look-alikes in the same city are flagged."""
    business = new_business(checked_business(data, utcnow().year), submitter, status=EntryStatus.PENDING)
    db.session.add(business)
    db.session.flush()
    return Submitted(business, flag_duplicates(business))


def flag_duplicates(business: Business) -> list[Business]:
    """Flag every earlier entry with the same name and city in the same country."""
    twins = list(db.session.scalars(select(Business).where(
        Business.id != business.id, Business.country == business.country,
        Business.name_key == business.name_key, Business.city_key == business.city_key,
        Business.status.notin_([EntryStatus.REJECTED, EntryStatus.MERGED])).order_by(Business.id)))
    flags = [DuplicateFlag(business_id=business.id, duplicate_of_id=twin.id) for twin in twins]
    db.session.add_all(flags)
    db.session.flush()
    if flags:
        _tell_editors(business, flags[0])
    return twins


def _tell_editors(business: Business, flag: DuplicateFlag) -> None:
    """The catalog's editors hear of a new look-alike (in a daily digest unless they chose otherwise)."""
    from ccan_web.blueprints.accounts.models import RoleGrant, User
    from ccan_web.domain.roles import Role
    from ccan_web.notifications.services import notify, site_path

    editors = db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role.in_([Role.EDITOR.value, Role.ADMIN.value])).distinct())
    for editor in editors:
        if editor.id != business.added_by_id:
            notify(editor, "duplicate_flagged", _l("A possible duplicate in the catalog: %(name)s", name=business.name),
                   site_path("catalog.duplicate_decide", flag_id=flag.id, action="merge"))


def submit_course(data: CourseData, submitter) -> Submitted:
    course = new_course(checked_course(data), submitter, status=EntryStatus.PENDING)
    db.session.add(course)
    db.session.flush()
    return Submitted(course)


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
    for name, value in _business_columns(data).items():
        setattr(entry, name, value)
    entry.other_sectors = _sector_rows(entry.other_sectors, _business_sectors(data), BusinessSector)
    _back_to_editors(entry, actor)
    db.session.flush()
    return entry


def update_course(entry: Course, data: CourseData, actor) -> Course:
    data = checked_course(data)
    for name, value in _course_columns(data).items():
        setattr(entry, name, value)
    entry.sectors = _sector_rows(entry.sectors, _course_sectors(data), CourseSector)
    _back_to_editors(entry, actor)
    db.session.flush()
    return entry


def _back_to_editors(entry, actor) -> None:
    """A submitter's revision of a returned entry goes back to the editors' queue."""
    if entry.status == EntryStatus.RETURNED and not can(actor, "catalog.moderate"):
        entry.status = EntryStatus.PENDING

"""Importing businesses and courses from a researcher's spreadsheet.

An upload becomes an `ImportJob`. The file as a whole is checked at once (its type, encoding,
size and column names, from its first rows), so a wrong file is refused beside the upload
field. Its rows are then read, once, and checked in the background: the job records its
progress and a heartbeat, and ends with a report of each row's errors and duplicates — the dry
run. Importing runs the same check again, on the rows as read, against today's catalog and
adds the valid rows in one transaction, recording the source and the importer; a failure
anywhere rolls everything back, so nothing is ever half-imported. A run that stops (the server
restarted) is failed once its heartbeat is stale, and can then be discarded or run again.
"""
from __future__ import annotations

import json
import logging
import re
import zlib
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select, update

from ccan_web import audit, jobs
from ccan_web.blueprints.catalog import entries
from ccan_web.blueprints.catalog.models import Business, Course, DuplicateFlag, ImportJob
from ccan_web.db import utcnow
from ccan_web.domain.catalog import (COURSE_FORMATS, COURSE_IMPROVES, COURSE_LEVELS, COURSE_OUTCOMES, SIZE_BANDS,
                                     REQUIRED_FIELDS, SOURCE_KINDS, EntryStatus, business_name_key)
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.numbers import megabytes_over
from ccan_web.domain.sectors import SECTORS
from ccan_web.domain.spreadsheets import FileRefused, RowProblem, Table, peek_table, read_table
from ccan_web.domain.text import clean_line, line_problem, shown_safely
from ccan_web.domain.transliteration import latin_key
from ccan_web.extensions import db
from ccan_web.notifications.services import notify, site_path

log = logging.getLogger(__name__)

KINDS = ("businesses", "courses")
PROGRESS_EVERY = 250
MAX_ERRORS_KEPT = 5_000

STATE_LABELS = {
    "checking": _l("Being checked"),
    "checked": _l("Checked, not imported"),
    "importing": _l("Being imported"),
    "imported": _l("Imported"),
    "failed": _l("Failed; nothing imported"),
    "cancelled": _l("Discarded"),
}


# Columns: each field of an entry with the headers it is known by, in English and Russian ----------

BUSINESS_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "business", "business name", "company", "company name", "organisation", "organization",
             "название", "наименование", "компания", "название компании", "организация", "бизнес"),
    "legal_form": ("legal form", "form", "организационно правовая форма", "правовая форма", "опф", "орг форма",
                   "форма"),
    "country": ("country", "страна"),
    "region": ("region", "oblast", "province", "регион", "область"),
    "city": ("city", "town", "город", "населенный пункт"),
    "primary_sector": ("primary sector", "sector", "main sector", "сектор", "основной сектор", "отрасль", "сфера"),
    "other_sectors": ("other sectors", "sectors", "additional sectors", "другие сектора", "другие секторы",
                      "дополнительные сектора", "сектора", "секторы"),
    "description": ("description", "about", "описание", "о компании"),
    "founded_year": ("founded year", "founded", "founding year", "year founded", "year", "год основания",
                     "основана", "основан", "год"),
    "size_band": ("size band", "size", "employees", "размер", "численность", "сотрудники"),
    "website": ("website", "site", "web", "url", "сайт", "веб сайт", "вебсайт"),
    "social_links": ("social links", "social", "social media", "соцсети", "социальные сети"),
    "contact_email": ("contact email", "email", "e mail", "почта", "электронная почта", "эл почта"),
    "contact_phone": ("contact phone", "phone", "telephone", "телефон"),
    "contact_public": ("contact public", "show contact", "public contact", "показывать контакты",
                       "публиковать контакты"),
    "source_kind": ("source kind", "source type", "тип источника", "вид источника"),
    "source_detail": ("source detail", "source", "источник"),
}

COURSE_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "course", "course title", "name", "название", "курс", "название курса", "наименование"),
    "provider": ("provider", "platform", "organiser", "organizer", "author", "провайдер", "платформа",
                 "организатор", "автор"),
    "url": ("url", "link", "address", "website", "ссылка", "адрес", "сайт"),
    "language": ("language", "язык"),
    "sectors": ("sectors", "sector", "сектора", "секторы", "сектор", "отрасль"),
    "format": ("format", "формат"),
    "improves": ("improves", "skills", "what it improves", "развивает", "навыки", "что развивает"),
    "outcome": ("outcome", "expected outcome", "result", "результат", "ожидаемый результат"),
    "level": ("level", "уровень"),
    "is_free": ("is free", "free", "price", "free or paid", "бесплатно", "бесплатный", "цена", "стоимость"),
    "duration": ("duration", "length", "длительность", "продолжительность"),
    "description": ("description", "about", "описание"),
    "source_kind": ("source kind", "source type", "тип источника", "вид источника"),
    "source_detail": ("source detail", "source", "источник"),
}

COLUMNS = {"businesses": BUSINESS_COLUMNS, "courses": COURSE_COLUMNS}
REQUIRED = REQUIRED_FIELDS  # the entry forms' required fields: a file needs their columns, a row their values
# Our own export's columns that an import leaves to the platform.
IGNORED = {"id", "published at", "all sectors"}


def header_key(header: str) -> str:
    """How a column name is compared: any case, ё as е, no punctuation, nothing in brackets."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", header.casefold().replace("ё", "е"))
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def match_columns(kind: str, headers: list[str]) -> dict[str, int]:
    """Field name -> column index, by the first header known for each field."""
    known = {header_key(alias): name for name, aliases in COLUMNS[kind].items()
             for alias in (name.replace("_", " "),) + aliases}
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = known.get(header_key(header))
        if name and name not in found:
            found[name] = index
    return found


def header_score(kind: str):
    return lambda headers: len(match_columns(kind, headers))


# Values: slugs, or labels in any of the seven languages, in either script ------------------------

_VOCABULARY_CACHE: dict[str, dict[str, str]] = {}
# Yes and no, free and paid, as people write them in any of the seven languages; compared by
# their Latin keys, so "да"/"da" and "yoʻq"/"yo'q" are one word each.
YES_WORDS = ("yes", "y", "true", "1", "x", "да", "иә", "ооба", "ҳа", "hawa", "ha", "ia")
NO_WORDS = ("no", "n", "false", "0", "нет", "не", "жоқ", "жок", "ýok", "yoʻq", "yo'q", "yoq", "yok", "jok")
FREE_WORDS = ("free", "бесплатно", "бесплатный", "тегін", "акысыз", "ройгон", "mugt", "bepul")
PAID_WORDS = ("paid", "платно", "платный", "ақылы", "акылуу", "пулакӣ", "tölegli", "pullik")
_ANSWERS = {**{latin_key(w): True for w in YES_WORDS + FREE_WORDS},
            **{latin_key(w): False for w in NO_WORDS + PAID_WORDS}}
_SYMBOLS = {"+": True, "-": False, "—": False, "": False}
EXTRA_ALIASES: dict[str, dict[str, str]] = {
    "country": {"kazakstan": "KZ", "kyrgyz republic": "KG", "kirgizija": "KG", "kirgiziia": "KG", "kirgiziya": "KG",
                "tadzhikistan": "TJ", "tojikiston": "TJ", "turkmenija": "TM", "turkmeniya": "TM",
                "ozbekiston": "UZ", "uzbekiston": "UZ"},
    "language": {"russian": "ru", "english": "en", "kazakh": "kk", "kyrgyz": "ky", "tajik": "tg", "turkmen": "tk",
                 "uzbek": "uz", "russkii": "ru", "angliiskii": "en", "kazahskii": "kk", "kirgizskii": "ky",
                 "tadzhikskii": "tg", "turkmenskii": "tk", "uzbekskii": "uz"},
    "outcome": {"доход": "income", "прибыль": "income", "качество": "quality", "затраты": "cost",
                "издержки": "cost", "расходы": "cost", "скорость": "speed", "скорость процессов": "speed"},
}
ALL_SECTORS_WORDS = frozenset(latin_key(word) for word in (
    "all", "all sectors", "any", "все", "все сектора", "все секторы", "любой", "barlik", "hamma"))


def vocabulary(name: str) -> dict[str, str]:
    """latin_key of every way to write a value of `name` -> its slug.

    Labels are taken in all seven languages, so "Музыка", "Music" and "Muzyka" all mean "music",
    and a label's short form before a bracket counts too ("Micro" for "Micro (1–9 people)").
    """
    if name in _VOCABULARY_CACHE:
        return _VOCABULARY_CACHE[name]
    labels = {"country": {c.code: c.name for c in COUNTRIES}, "sector": SECTORS, "size_band": SIZE_BANDS,
              "source_kind": SOURCE_KINDS, "format": COURSE_FORMATS, "improves": COURSE_IMPROVES,
              "outcome": COURSE_OUTCOMES, "level": COURSE_LEVELS}.get(name, {})
    words: dict[str, str] = {}
    for slug in labels:
        words[latin_key(slug)] = slug
        words[latin_key(slug.replace("-", " "))] = slug
    for locale in LOCALES:
        with force_locale(locale):
            for slug, label in labels.items():
                text = str(label)
                words.setdefault(latin_key(text), slug)
                words.setdefault(latin_key(text.split("(")[0]), slug)
    if name == "language":
        words.update({latin_key(code): code for code in LOCALES})
        words.update({latin_key(own_name): code for code, own_name in LOCALES.items()})
    for alias, slug in EXTRA_ALIASES.get(name, {}).items():
        words[latin_key(alias)] = slug
    words.pop("", None)
    _VOCABULARY_CACHE[name] = words
    return words


def _lookup(name: str, value: str) -> str | None:
    return vocabulary(name).get(latin_key(value))


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,|\n]", value) if part.strip()]


def _sector_list(value: str, error, field_name: str) -> list[str]:
    """Sectors separated by semicolons or commas, where a sector's own name may hold a comma
    ("Fashion, design and crafts, Music"): the longest run of pieces that names a sector wins."""
    slugs = []
    for part in re.split(r"[;|\n]", value):
        pieces = [piece.strip() for piece in part.split(",")]
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                slug = _lookup("sector", ", ".join(pieces[start:end]))
                if slug:
                    slugs.append(slug)
                    start = end
                    break
            else:
                if pieces[start]:
                    error(field_name, _l("“%(value)s” is not one of the 13 sectors.", value=pieces[start]))
                start += 1
    return slugs


def _yes_no(value: str) -> bool | None:
    """True, False, or None when the cell is neither (which the report then says)."""
    text = value.strip()
    if text in _SYMBOLS:
        return _SYMBOLS[text]
    return _ANSWERS.get(latin_key(text))


_FORMULA = re.compile(r"^\s*(=|[+\-@]\s*[A-Za-z_][\w.]*\s*\()")


def looks_like_formula(value: str) -> bool:
    """A cell a spreadsheet would run: "=HYPERLINK(…)", "+cmd(…)"; a phone number such as
    "+996 555 …" is not one."""
    return bool(_FORMULA.match(value))


# Checking rows ----------------------------------------------------------------------------------

def portable(message) -> dict:
    """A message as stored data: the checks run outside any request (in English), and the
    report is read later by people in seven languages, so it keeps the message's source text
    and values (`Message.as_data`), and `readable` translates them for each reader."""
    if isinstance(message, dict):  # stored already
        return message
    if isinstance(message, _l):
        return message.as_data()
    return {"text": str(message)}


def readable(message) -> str:
    """A stored message in the reader's language (plain strings from older reports as they are)."""
    if isinstance(message, str):
        try:
            message = json.loads(message) if message.startswith("{") else {"text": message}
        except ValueError:
            return message
    if "msgid" in message:
        return str(_l.from_data(message))
    return message.get("text", "")


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: dict


@dataclass
class CheckedRow:
    row: int
    data: object  # BusinessData or CourseData
    key: tuple  # what a duplicate shares


@dataclass
class CheckResult:
    rows_read: int = 0
    valid: list[CheckedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows_with_errors: int = 0


def _business_data(values: dict[str, str], job: ImportJob, this_year: int, error) -> entries.BusinessData:
    country = _lookup("country", values.get("country", "")) if values.get("country") else ""
    if values.get("country") and country is None:
        error("country", _l("“%(value)s” is not one of the five countries (KZ, KG, TJ, TM, UZ).",
                            value=values["country"]))
    primary = _lookup("sector", values.get("primary_sector", "")) if values.get("primary_sector") else ""
    if values.get("primary_sector") and primary is None:
        error("primary_sector", _l("“%(value)s” is not one of the 13 sectors.", value=values["primary_sector"]))
    others = _sector_list(values.get("other_sectors", ""), error, "other_sectors")
    year = None
    if values.get("founded_year"):
        if re.fullmatch(r"\d{4}", values["founded_year"]):
            year = int(values["founded_year"])
        else:
            error("founded_year", _l("Enter a year such as 2015."))
    size = ""
    if values.get("size_band"):
        size = _lookup("size_band", values["size_band"]) or ""
        if not size:
            error("size_band", _l("Use one of: micro, small, medium, large."))
    public = _yes_no(values.get("contact_public", ""))
    if public is None:
        error("contact_public", _l("Write yes or no."))
    source_kind, source_detail = _source(values, job, error)
    # The text goes in whole: the entry's own rules (lengths among them) then judge it.
    return entries.BusinessData(
        name=values.get("name", ""), country=country or "", city=values.get("city", ""),
        primary_sector=primary or "", other_sectors=tuple(others), legal_form=values.get("legal_form", ""),
        region=values.get("region", ""), description=values.get("description", ""), founded_year=year,
        size_band=size, website=_web_address(values.get("website", "")),
        social_links=tuple(_web_address(link) for link in _split_list(values.get("social_links", ""))),
        contact_email=values.get("contact_email", ""), contact_phone=values.get("contact_phone", ""),
        contact_public=bool(public), source_kind=source_kind, source_detail=source_detail)


def _course_data(values: dict[str, str], job: ImportJob, error) -> entries.CourseData:
    def pick(name):
        value = values.get(name, "")
        if not value:
            return ""
        slug = _lookup(name, value)
        if slug is None:
            options = {"language": ", ".join(LOCALES), "format": ", ".join(COURSE_FORMATS),
                       "improves": ", ".join(COURSE_IMPROVES), "outcome": ", ".join(COURSE_OUTCOMES),
                       "level": ", ".join(COURSE_LEVELS)}[name]
            error(name, _l("“%(value)s” is not one of: %(options)s.", value=value, options=options))
        return slug or ""

    all_sectors = latin_key(values.get("sectors", "")) in ALL_SECTORS_WORDS
    sectors = [] if all_sectors else _sector_list(values.get("sectors", ""), error, "sectors")
    free = _yes_no(values["is_free"]) if values.get("is_free") else True
    if free is None:
        error("is_free", _l("Write free or paid."))
    source_kind, source_detail = _source(values, job, error)
    return entries.CourseData(
        title=values.get("title", ""), url=_web_address(values.get("url", "")), language=pick("language"),
        format=pick("format"), improves=pick("improves"), outcome=pick("outcome"), sectors=tuple(sectors),
        all_sectors=all_sectors, provider=values.get("provider", ""), level=pick("level") or "beginner",
        is_free=bool(free), duration=values.get("duration", ""), description=values.get("description", ""),
        source_kind=source_kind, source_detail=source_detail)


def _source(values, job: ImportJob, error) -> tuple[str, str]:
    """A row's own source, or the one given for the whole file."""
    detail = values.get("source_detail", "")
    kind = job.source_kind
    if values.get("source_kind"):
        kind = _lookup("source_kind", values["source_kind"]) or ""
        if not kind:
            error("source_kind", _l("Use one of: url, survey, registry, publication."))
    elif detail.startswith(("http://", "https://")):
        kind = "url"
    return kind or job.source_kind, detail or job.source_detail


def _web_address(value: str) -> str:
    value = value.strip()
    if value and not value.startswith(("http://", "https://")) and "." in value and " " not in value:
        return "https://" + value
    return value


def course_url_key(url: str) -> str:
    """Two addresses of one course: scheme, "www." and a trailing slash do not count."""
    key = re.sub(r"^https?://(www\.)?", "", url.strip().casefold())
    return key.rstrip("/")


def check_rows(job: ImportJob, table: Table, progress=None) -> CheckResult:
    """Check every row of `table` as an entry of `job.kind`, by the rules of the entry forms;
    no database access, no writes."""
    columns = match_columns(job.kind, table.headers)
    result = CheckResult(rows_read=table.rows_read, rows_with_errors=len(table.problems))
    result.errors.extend(RowError(problem.row, "", shown_safely(problem.excerpt), portable(problem.message))
                         for problem in table.problems[:MAX_ERRORS_KEPT])
    this_year = utcnow().year
    for position, (number, cells) in enumerate(zip(table.row_numbers, table.rows), start=1):
        values = {name: cells[index] if index < len(cells) else "" for name, index in columns.items()}
        errors: list[RowError] = []
        flagged: set[str] = set()

        def error(name, message, number=number, values=values, errors=errors, flagged=flagged):
            index = columns.get(name)
            header = table.headers[index] if index is not None else name
            errors.append(RowError(number, header, shown_safely(values.get(name, "")[:80]), portable(message)))
            flagged.add(name)

        for name, value in values.items():
            if looks_like_formula(value):
                error(name, _l("This cell holds a spreadsheet formula; enter plain text instead."))
                values[name] = ""
        if len(cells) > len(table.headers) and any(cells[len(table.headers):]):
            errors.append(RowError(number, "", "", portable(_l(
                "This row has more cells than the file has columns; check its quotation marks and delimiters."))))
        if job.kind == "businesses":
            data = _business_data(values, job, this_year, error)
        else:
            data = _course_data(values, job, error)
        try:  # every rule of the entry form, each problem beside its column
            data = (entries.checked_business(data, this_year) if job.kind == "businesses"
                    else entries.checked_course(data))
        except Invalid as invalid:
            for problem in invalid.problems:
                if problem.field not in flagged:
                    error(problem.field or "", problem.message)
        if errors:
            result.rows_with_errors += 1
            if len(result.errors) < MAX_ERRORS_KEPT:
                result.errors.extend(errors)
        else:
            key = ((data.country, business_name_key(data.name), latin_key(data.city)) if job.kind == "businesses"
                   else (course_url_key(data.url),))
            result.valid.append(CheckedRow(number, data, key))
        if progress and position % PROGRESS_EVERY == 0:
            progress(position)
    result.errors.sort(key=lambda error: error.row)  # the unreadable rows in their places
    return result


# Duplicates: against the catalog and within the file ------------------------------------------------

@dataclass
class Duplicate:
    row: int
    name: str
    existing_id: int | None = None
    same_as_row: int | None = None


def find_duplicates(kind: str, rows: list[CheckedRow]) -> dict[int, Duplicate]:
    """Row number -> what it repeats: an entry already in the catalog, or an earlier row of the file."""
    existing = _existing_keys(kind, rows)
    seen: dict[tuple, int] = {}
    found: dict[int, Duplicate] = {}
    for row in rows:
        name = row.data.name if kind == "businesses" else row.data.title
        if row.key in existing:
            found[row.row] = Duplicate(row.row, name, existing_id=existing[row.key])
        elif row.key in seen:
            found[row.row] = Duplicate(row.row, name, same_as_row=seen[row.key])
        else:
            seen[row.key] = row.row
    return found


def _existing_keys(kind: str, rows: list[CheckedRow]) -> dict[tuple, int]:
    retired = (EntryStatus.REJECTED, EntryStatus.MERGED)
    keys: dict[tuple, int] = {}
    if kind == "businesses":
        names = sorted({row.key[1] for row in rows})
        for start in range(0, len(names), 500):
            query = (select(Business.id, Business.country, Business.name_key, Business.city_key)
                     .where(Business.name_key.in_(names[start:start + 500]), Business.status.notin_(retired))
                     .order_by(Business.id))
            for entry_id, country, name_key, city_key in db.session.execute(query):
                keys.setdefault((country, name_key, city_key), entry_id)
    else:
        query = select(Course.id, Course.url).where(Course.status.notin_(retired)).order_by(Course.id)
        for entry_id, url in db.session.execute(query):
            keys.setdefault((course_url_key(url),), entry_id)
    return keys


# Jobs ----------------------------------------------------------------------------------------
#
# Whoever runs a job (a worker of the job queue, or the request itself in tests) is given the job's id and run
# number (`attempt`). It beats the job's heartbeat as it goes, in short transactions of its own,
# and every write it makes is conditional on the job still being on its run: a run whose
# heartbeat stops is failed by the next reader (`fail_stalled`), and a run that was failed,
# discarded or started again meanwhile stops at its next beat and can never finish over another.

RUNNING = ("checking", "importing")
STOPPED = _l("This run stopped before it finished, probably because the server restarted; nothing was "
             "imported. Check the file again, or discard it.")


class RunTakenAway(Exception):
    """The job is no longer on this run (failed as stalled, discarded, or started again)."""


def max_bytes() -> int:
    return current_app.config["IMPORT_MAX_BYTES"]


def start_job(kind: str, filename: str, content: bytes, importer, source_kind: str, source_detail: str) -> ImportJob:
    """Refuse a wrong file at once; otherwise store it as a job whose rows are read and checked next.

    Only the file's first rows are read here (its column names, and that it has rows); the rows
    are read once, by the check, which keeps them for the import."""
    if kind not in KINDS:
        raise DomainError(_l("Choose what the file holds."), field="kind")
    if source_kind not in SOURCE_KINDS:
        raise DomainError(_l("Choose from the options listed."), field="source_kind")
    source_detail = clean_line(source_detail)
    problem = line_problem(source_detail) or (
        lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", 300)
        if len(source_detail) > 300 else None)
    if problem is not None:
        raise DomainError(problem, field="source_detail")
    if len(content) > max_bytes():
        size, limit = megabytes_over(len(content), max_bytes())
        raise FileRefused(_l("The file is %(size)s MB; files up to %(limit)s MB are accepted. Split it into "
                             "smaller files.", size=size, limit=limit))
    table = peek_table(content, header_score(kind))
    columns = match_columns(kind, table.headers)
    missing = [name for name in REQUIRED[kind] if name not in columns]
    if missing:
        raise FileRefused(_l("The file has no column for: %(missing)s. Columns are recognised by their names "
                             "in the first row; the list below shows the names that work.",
                             missing=", ".join(COLUMNS[kind][name][0] for name in missing)))
    if not table.rows_read:
        raise FileRefused(_l("The file has column names but no rows."))
    job = ImportJob(kind=kind, filename=(filename or "")[-200:], size=len(content), content=content,
                    importer_id=importer.id, status="checking", total_rows=0, processed_rows=0,
                    source_kind=source_kind, source_detail=source_detail, attempt=1, heartbeat_at=utcnow())
    db.session.add(job)
    db.session.flush()
    _queue("catalog.import.check", job)
    return job


def _queue(task: str, job: ImportJob) -> None:
    """Put the job's next run on the job queue, in the transaction that starts it (with
    IMPORT_IN_BACKGROUND off, the caller runs it itself: `run_in_background`)."""
    if current_app.config["IMPORT_IN_BACKGROUND"]:
        db.session.refresh(job, ["attempt"])
        jobs.enqueue(task, job_id=job.id, attempt=job.attempt)


def get_job(job_id: int) -> ImportJob:
    """The job, with the stall rule applied: a run that has gone silent reads as failed."""
    job = db.session.get(ImportJob, job_id)
    if job is None:
        raise NotFound(_l("There is no such import."))
    if stalled(job) and fail_stalled(job.id):
        db.session.refresh(job)
    return job


def recent_jobs(limit: int = 10) -> list[ImportJob]:
    fail_stalled()
    return list(db.session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(limit)))


def stale_after() -> int:
    return current_app.config["IMPORT_STALE_AFTER"]


def stalled(job: ImportJob) -> bool:
    """A job still marked as running whose run has given no sign of life for a while."""
    return job.status in RUNNING and (utcnow() - job.heartbeat_at).total_seconds() > stale_after()


def fail_stalled(job_id: int | None = None) -> int:
    """Fail every running job (or job `job_id`) whose heartbeat is older than IMPORT_STALE_AFTER
    seconds, so it can be discarded or run again; how many were. Applied whenever jobs are read,
    and when a process starts work. A live run beats far more often; if one was only slow, its
    next write finds the job taken away and stops, with nothing of it kept."""
    cutoff = utcnow() - timedelta(seconds=stale_after())
    stale = (ImportJob.status.in_(RUNNING), ImportJob.heartbeat_at < cutoff,
             *((ImportJob.id == job_id,) if job_id is not None else ()))
    with db.engine.begin() as connection:
        # Looked for first, so that the usual case (nothing stalled) writes nothing and takes no lock.
        if not connection.execute(select(ImportJob.id).where(*stale).limit(1)).first():
            return 0
        return connection.execute(update(ImportJob).where(*stale).values(
            status="failed", error=json.dumps(portable(STOPPED), ensure_ascii=False), updated_at=utcnow())).rowcount


def _beat(job_id: int, attempt: int, **values) -> None:
    """The run is alive (and how far it has got): in a short transaction of its own, so that any
    request sees it at once. Raises RunTakenAway once the job is no longer on this run."""
    with db.engine.begin() as connection:
        beaten = connection.execute(update(ImportJob).where(
            ImportJob.id == job_id, ImportJob.attempt == attempt, ImportJob.status.in_(RUNNING))
            .values(heartbeat_at=utcnow(), **values)).rowcount
    if beaten != 1:
        raise RunTakenAway()


def _finish(job_id: int, attempt: int, running: str, **values) -> None:
    """The run's last write, in the session's transaction (with whatever the run added): only if
    the job is still on this run; otherwise RunTakenAway, and the caller rolls everything back."""
    finished = db.session.execute(update(ImportJob).where(
        ImportJob.id == job_id, ImportJob.attempt == attempt, ImportJob.status == running)
        .values(heartbeat_at=utcnow(), **values)).rowcount
    if finished != 1:
        raise RunTakenAway()


def _pack(table: Table) -> bytes:
    problems = [[p.row, portable(p.message), p.excerpt] for p in table.problems]
    data = {"headers": table.headers, "rows": table.rows, "row_numbers": table.row_numbers, "format": table.format,
            "encoding": table.encoding, "delimiter": table.delimiter, "problems": problems}
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode())


def _unpack(packed: bytes) -> Table:
    data = json.loads(zlib.decompress(packed))
    problems = [RowProblem(row, message, excerpt) for row, message, excerpt in data.pop("problems")]
    return Table(**data, problems=problems)


def _read_once(job: ImportJob, attempt: int) -> Table:
    """The job's table: read from its file the first time, with heartbeats, and kept on the job;
    taken as kept every time after. Leaves no transaction open."""
    job_id, kind, packed = job.id, job.kind, job.parsed
    content = None if packed else job.content
    db.session.commit()  # end the read transaction: progress is written by another connection meanwhile
    if packed:
        return _unpack(packed)
    table = read_table(content, header_score(kind), progress=lambda rows: _beat(job_id, attempt))
    _beat(job_id, attempt, parsed=_pack(table), total_rows=table.rows_read)
    return table


def _checked(job: ImportJob, table: Table, attempt: int) -> tuple[CheckResult, dict[int, Duplicate], dict]:
    """Check the table's rows (with progress) and look for duplicates; the result and the report."""
    job_id = job.id
    result = check_rows(job, table, progress=lambda n: _beat(job_id, attempt, processed_rows=n))
    duplicates = find_duplicates(job.kind, result.valid)
    used = set(match_columns(job.kind, table.headers).values())
    unused = [h for i, h in enumerate(table.headers) if i not in used and h and header_key(h) not in IGNORED]
    return result, duplicates, _report(table, result, duplicates, unused)


ADDITIONS_SHOWN = 100


def _addition(row: CheckedRow) -> dict:
    """What the report shows of a row it would add: enough to recognise the entry."""
    data = row.data
    if isinstance(data, entries.BusinessData):
        return {"row": row.row, "name": data.name, "country": data.country, "city": data.city,
                "sector": data.primary_sector}
    return {"row": row.row, "name": data.title, "provider": data.provider, "language": data.language,
            "url": data.url}


def _report(table: Table, result: CheckResult, duplicates: dict[int, Duplicate], unused: list[str]) -> dict:
    new_rows = [row for row in result.valid if row.row not in duplicates]
    return {
        "additions": [_addition(row) for row in new_rows[:ADDITIONS_SHOWN]], "additions_total": len(new_rows),
        "format": table.format, "encoding": table.encoding, "delimiter": table.delimiter,
        "rows_read": result.rows_read, "valid": len(result.valid), "rows_with_errors": result.rows_with_errors,
        "errors": [asdict(e) for e in result.errors], "duplicates": [asdict(d) for d in duplicates.values()],
        "unused_columns": unused,
    }


def check_job(job_id: int, attempt: int) -> None:
    """The dry run: read the file (once) and check every row, and store the report; nothing is
    added to the catalog."""
    job = get_job(job_id)
    table = _read_once(job, attempt)
    _result, _duplicates, report = _checked(job, table, attempt)
    _finish(job_id, attempt, "checking", status="checked", report=report, total_rows=table.rows_read,
            processed_rows=table.rows_read)
    notify(job.importer, "import_finished",
           _l("Your file “%(name)s” has been checked; it waits for you to import it.", name=job.filename),
           site_path("catalog.import_job", job_id=job_id))
    db.session.commit()


def claim_for_import(job: ImportJob, publish: bool, skip_duplicates: bool) -> None:
    """Move a checked job on to importing, once, as a new run: a second click or a second editor
    gets a Conflict."""
    claimed = db.session.execute(
        update(ImportJob).where(ImportJob.id == job.id, ImportJob.status == "checked")
        .values(status="importing", processed_rows=0, publish=publish, skip_duplicates=skip_duplicates,
                attempt=ImportJob.attempt + 1, heartbeat_at=utcnow(), updated_at=utcnow())).rowcount
    if claimed != 1:
        raise Conflict(_l("This file is already being imported, or was imported."))
    _queue("catalog.import.run", job)


def rerun(job: ImportJob) -> None:
    """Check a failed job's file again, as a new run (the import is then confirmed again)."""
    claimed = db.session.execute(
        update(ImportJob).where(ImportJob.id == job.id, ImportJob.status == "failed")
        .values(status="checking", processed_rows=0, error="", attempt=ImportJob.attempt + 1,
                heartbeat_at=utcnow(), updated_at=utcnow())).rowcount
    if claimed != 1:
        raise Conflict(_l("Only a file whose check or import failed can be checked again."))
    _queue("catalog.import.check", job)


def import_job(job_id: int, attempt: int) -> None:
    """Check again against today's catalog, then add every valid row in one transaction."""
    job = get_job(job_id)
    # Checking writes its progress from another connection, so the reading ends its transaction;
    # the duplicates are looked up in the transaction that then adds everything or nothing.
    table = _read_once(job, attempt)
    result, duplicates, report = _checked(job, table, attempt)
    _beat(job_id, attempt)  # alive, and about to write for a while
    kind, publish, skip_duplicates, importer = job.kind, job.publish, job.skip_duplicates, job.importer
    now = utcnow()
    status = EntryStatus.PUBLISHED if publish else EntryStatus.PENDING
    added = []
    for row in result.valid:
        duplicate = duplicates.get(row.row)
        if duplicate and skip_duplicates:
            continue
        new = entries.new_business if kind == "businesses" else entries.new_course
        entry = new(row.data, importer, import_job_id=job.id, status=status, published_at=now if publish else None)
        if publish and kind == "businesses":
            entry.verified_at = now  # the importing editor vouches for the file
        db.session.add(entry)
        added.append((row, entry))
    db.session.flush()
    if kind == "businesses" and not skip_duplicates:
        by_row = {row.row: entry for row, entry in added}
        for row, entry in added:
            duplicate = duplicates.get(row.row)
            if duplicate:
                twin_id = duplicate.existing_id or by_row[duplicate.same_as_row].id
                db.session.add(DuplicateFlag(business_id=entry.id, duplicate_of_id=twin_id))
    # The entries are in the catalog now; neither the file nor its table is kept.
    _finish(job_id, attempt, "importing", status="imported", added_count=len(added), report=report,
            total_rows=table.rows_read, processed_rows=table.rows_read, content=b"", parsed=None)
    audit.record("catalog.imported", "import", job_id, importer, kind=kind, filename=job.filename,
                 added=len(added), published=publish)
    notify(importer, "import_finished",
           lazy_ngettext("Your file “%(name)s” is imported: %(num)d entry added.",
                         "Your file “%(name)s” is imported: %(num)d entries added.", len(added), name=job.filename),
           site_path("catalog.import_job", job_id=job_id))
    db.session.commit()


def cancel(job: ImportJob) -> None:
    if job.status not in ("checked", "failed"):
        raise Conflict(_l("Only a checked file that is not imported yet can be discarded."))
    job.status, job.content, job.parsed = "cancelled", b"", None


# Running in the background -------------------------------------------------------------------------

def run_in_background(job_id: int, attempt: int, work) -> None:
    """After the request's transaction has committed: the run was queued with it (a worker of the
    job queue runs it), or, with IMPORT_IN_BACKGROUND off (tests that drive each step), it runs
    here and now."""
    if not current_app.config["IMPORT_IN_BACKGROUND"]:
        run_guarded(job_id, attempt, work)


def run_guarded(job_id: int, attempt: int, work) -> None:
    """Run `work(job_id, attempt)`. A failure is recorded on the job with nothing of the import
    written; a run that finds the job taken away from it stops quietly. Before it starts, runs
    that other processes left stalled are failed. The import's own state says how it ended, so
    the queue's job ends either way (an editor may run a failed import again)."""
    try:
        fail_stalled()
        work(job_id, attempt)
    except RunTakenAway:
        db.session.rollback()
        log.warning("import job %s: run %s was stopped; the job went on without it", job_id, attempt)
    except Exception as error:  # anything at all: the job must not stay "running"
        db.session.rollback()
        if isinstance(error, DomainError):  # the file broke a rule: the job's page says which
            log.info("import job %s refused: %s", job_id, error)
        else:
            log.exception("import job %s failed", job_id)
        message = error.message if isinstance(error, DomainError) else _l(
            "Something went wrong while reading the file; nothing was imported.")
        db.session.execute(update(ImportJob).where(
            ImportJob.id == job_id, ImportJob.attempt == attempt, ImportJob.status.in_(RUNNING))
            .values(status="failed", error=json.dumps(portable(message), ensure_ascii=False),
                    updated_at=utcnow()))
        db.session.commit()


@jobs.task("catalog.import.check", retries=0)
def check_task(job_id: int, attempt: int) -> None:
    run_guarded(job_id, attempt, check_job)


@jobs.task("catalog.import.run", retries=0)
def import_task(job_id: int, attempt: int) -> None:
    run_guarded(job_id, attempt, import_job)


__all__ = ["FileRefused", "KINDS", "cancel", "check_job", "claim_for_import", "fail_stalled", "get_job",
           "import_job", "recent_jobs", "rerun", "run_guarded", "run_in_background", "start_job", "stalled"]

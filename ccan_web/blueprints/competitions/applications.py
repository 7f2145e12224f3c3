"""Applications to a competition: one per applicant, a draft until submitted, changed until the
closing instant (to the second, on the server's clock), then locked; the Board's view of them,
its exports and its disqualifications; who may read an application's files."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ccan_web import audit
from ccan_web.blueprints.competitions import services
from ccan_web.blueprints.competitions.models import Assignment, Competition, Entry, EntryFile, Juror, Question
from ccan_web.db import insert_or_nothing
from ccan_web.domain import competitions as rules
from ccan_web.domain.competitions import APP_DISQUALIFIED, APP_DRAFT, APP_SUBMITTED
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.blueprints.catalog.exports import csv_cell as safe_cell
from ccan_web.domain.text import complete_web_address, line_problem, name_problem, text_problem, web_address_problem
from ccan_web.extensions import db
from ccan_web.storage import Use, storage
from ccan_web.storage.files import store

# An application's file: a PDF or an image, checked from its content, at most 10 MB.
ENTRY_FILE = Use("competition file", frozenset({"pdf", "image"}), 10 * 1024 * 1024)
SHORT, LONG = 300, 5000


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str = ""


@dataclass(frozen=True)
class EntryData:
    applicant_kind: str
    name: str
    country: str
    sector: str
    answers: dict[int, str] = field(default_factory=dict)  # question id -> what was typed or chosen
    files: dict[int, Upload] = field(default_factory=dict)  # question id -> the file sent


def question_field(question: Question) -> str:
    return f"q{question.id}"


def entry_of(competition: Competition, user) -> Entry | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Entry).where(Entry.competition_id == competition.id,
                                                 Entry.applicant_id == user.id).options(
        selectinload(Entry.files).joinedload(EntryFile.file)))


def _answer_problem(question: Question, value: str):
    if question.kind == "short_text":
        return _l("This text is too long.") if len(value) > SHORT else line_problem(value)
    if question.kind == "long_text":
        return _l("This text is too long.") if len(value) > LONG else text_problem(value)
    if question.kind == "url":
        return web_address_problem(value)
    if question.kind == "number":
        try:
            number = Decimal(value.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            return _l("Give a number.")
        return None if number.is_finite() and abs(number) < Decimal("1e15") else _l("Give a number.")
    if question.kind == "choice":
        return None if value in question.options else _l("Choose from the options listed.")
    return None


def _checked(competition: Competition, data: EntryData, entry: Entry | None, submit: bool) -> dict[str, str]:
    problems: list[DomainError] = []
    if data.applicant_kind not in rules.APPLICANT_KINDS:
        problems.append(DomainError(_l("Say for whom you apply."), field="applicant_kind"))
    name = (data.name or "").strip()
    if not name:
        problems.append(DomainError(_l("This field is required."), field="name"))
    elif len(name) > 200 or name_problem(name):
        problems.append(DomainError(name_problem(name) or _l("This text is too long."), field="name"))
    if data.country not in competition.eligible_countries:
        problems.append(DomainError(_l("This competition is open to applicants from %(countries)s only.",
                                       countries=", ".join(competition.eligible_countries)), field="country"))
    if data.sector not in SECTOR_SLUGS:
        problems.append(DomainError(_l("Choose a sector."), field="sector"))
    answers: dict[str, str] = {}
    has_file = {f.question_id for f in entry.files} if entry is not None else set()
    for question in competition.questions:
        key = question_field(question)
        if question.kind == "file":
            if submit and question.required and question.id not in data.files and question.id not in has_file:
                problems.append(DomainError(_l("Attach a file."), field=key))
            continue
        value = (data.answers.get(question.id) or "").strip()
        if question.kind == "url" and value:
            value = complete_web_address(value)
        if not value:
            if submit and question.required:
                problems.append(DomainError(_l("This field is required."), field=key))
            continue
        if problem := _answer_problem(question, value):
            problems.append(DomainError(problem, field=key))
        answers[str(question.id)] = value
    if problems:
        raise Invalid(problems)
    return answers


def _locked(competition: Competition, at) -> None:
    if not services.accepts_applications(competition, at):
        if services.phase(competition, at) == "upcoming":
            raise DomainError(_l("This call is not open yet."))
        raise DomainError(_l("The call closed at %(moment)s: applications can no longer be sent or changed.",
                             moment=competition.closes_at.strftime("%Y-%m-%d %H:%M:%S UTC")))


def save_entry(competition: Competition, user, data: EntryData, submit: bool, at=None) -> Entry:
    """Save the applicant's draft (and submit it when `submit`): refused after the closing instant,
    from a country the call is not open to, or when the answers break the questions' rules. A
    submitted application may still change until the deadline; it stays submitted."""
    moment = at or services.now()
    _locked(competition, moment)
    entry = entry_of(competition, user)
    if entry is not None and entry.state == APP_DISQUALIFIED:
        raise DomainError(_l("This application was disqualified and can no longer change."))
    answers = _checked(competition, data, entry, submit)
    if entry is None:
        entry = _start(competition, user)
    entry.applicant_kind, entry.name = data.applicant_kind, data.name.strip()
    entry.country, entry.sector = data.country, data.sector
    entry.answers = answers
    for question in competition.questions:
        upload = data.files.get(question.id)
        if question.kind == "file" and upload is not None:
            _attach(entry, question, upload)
    first_submission = submit and entry.state == APP_DRAFT
    if submit:
        entry.state = APP_SUBMITTED
        entry.submitted_at = entry.submitted_at or moment
    db.session.flush()
    audit.record("competition.application_submitted" if first_submission else "competition.application_saved",
                 "competition_entry", entry.id, user, competition=competition.slug)
    if first_submission:
        _confirm(competition, entry)
    return entry


def _start(competition: Competition, user) -> Entry:
    """A new application, inserted only if the applicant has none: a second one (two tabs sending
    at once) finds the unique constraint taken and is refused, and the first one stays. No
    savepoint is needed, so the request's transaction is never half undone."""
    inserted = insert_or_nothing(db.session, Entry, dict(
        competition_id=competition.id, applicant_id=user.id, name="", country="", sector="", answers={},
        state=APP_DRAFT, applicant_kind="individual", disqualified_reason=""), ["competition_id", "applicant_id"])
    if inserted is None:
        raise Conflict(_l("You have already applied to this competition; open your application to change it."))
    return entry_of(competition, user)


def start_entry(competition: Competition, user) -> Entry:
    """An empty application (the demo, and the check that one per applicant holds)."""
    if entry_of(competition, user) is not None:
        raise Conflict(_l("You have already applied to this competition; open your application to change it."))
    return _start(competition, user)


def _attach(entry: Entry, question: Question, upload: Upload) -> None:
    try:
        stored = store(upload.data, upload.filename, ENTRY_FILE, "competitions", public=False)
    except DomainError as error:
        raise DomainError(error.message, field=question_field(question))
    existing = next((f for f in entry.files if f.question_id == question.id), None)
    if existing is not None:
        existing.file = stored
    else:
        entry.files.append(EntryFile(question_id=question.id, file=stored))


def _confirm(competition: Competition, entry: Entry) -> None:
    from ccan_web.notifications.services import notify, site_path

    notify(entry.applicant, "competition_application",
           _l("Your application to %(title)s is received", title=competition.title),
           site_path("competitions.apply", slug=competition.slug),
           _l("You may change it until the call closes."))


def answers_of(entry: Entry, competition: Competition, locale: str) -> list[tuple[Question, str, EntryFile | None]]:
    files = {f.question_id: f for f in entry.files}
    return [(q, services.question_label(q, locale), files.get(q.id) if q.kind == "file" else None)
            for q in competition.questions]


# Reading files -------------------------------------------------------------------------------------

def may_read(entry: Entry, user) -> bool:
    """The applicant, the Board and the jurors assigned to it (without a conflict) read an application."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if entry.applicant_id == user.id or services.is_board(user):
        return True
    return db.session.scalar(select(Assignment.id).join(Juror, Juror.id == Assignment.juror_id).where(
        Assignment.entry_id == entry.id, Juror.user_id == user.id, Assignment.conflict.is_(False))) is not None


def file_of(competition: Competition, entry_id: int, question_id: int, user) -> EntryFile:
    entry = db.session.get(Entry, entry_id)
    if entry is None or entry.competition_id != competition.id or not may_read(entry, user):
        raise NotFound(_l("There is no such file."))
    found = next((f for f in entry.files if f.question_id == question_id), None)
    if found is None:
        raise NotFound(_l("There is no such file."))
    return found


# The Board's view ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    entries: list[Entry]
    submitted: int
    drafts: int
    disqualified: int
    countries: list[tuple[str, int]]
    sectors: list[tuple[str, int]]


def overview(competition: Competition) -> Overview:
    entries = list(db.session.scalars(select(Entry).where(Entry.competition_id == competition.id).order_by(
        Entry.state, Entry.country, Entry.id).options(selectinload(Entry.applicant),
                                                      selectinload(Entry.files).joinedload(EntryFile.file))))
    submitted = [e for e in entries if e.state == APP_SUBMITTED]
    return Overview(entries, len(submitted), sum(e.state == APP_DRAFT for e in entries),
                    sum(e.state == APP_DISQUALIFIED for e in entries),
                    rules.counts([e.country for e in submitted]), rules.counts([e.sector for e in submitted]))


def entry_for_board(competition: Competition, entry_id: int) -> Entry:
    entry = db.session.get(Entry, entry_id, options=[joinedload(Entry.applicant),
                                                     selectinload(Entry.files).joinedload(EntryFile.file)])
    if entry is None or entry.competition_id != competition.id:
        raise NotFound(_l("There is no such application."))
    return entry


def disqualify(competition: Competition, entry: Entry, reason: str, actor) -> Entry:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Write the reason: the applicant reads it."), field="reason")
    if problem := text_problem(reason):
        raise DomainError(problem, field="reason")
    if entry.state != APP_SUBMITTED:
        raise DomainError(_l("Only a submitted application can be disqualified."))
    if competition.state == rules.PUBLISHED:
        raise DomainError(_l("The results are published: the applications can no longer change."))
    entry.state, entry.disqualified_reason = APP_DISQUALIFIED, reason[:5000]
    db.session.flush()
    audit.record("competition.application_disqualified", "competition_entry", entry.id, actor,
                 competition=competition.slug, reason=reason)
    from ccan_web.notifications.services import notify, site_path

    notify(entry.applicant, "competition_application",
           _l("Your application to %(title)s was disqualified", title=competition.title),
           site_path("competitions.apply", slug=competition.slug), _l("The Board's reason: %(reason)s", reason=reason))
    return entry


def export_csv(competition: Competition, locale: str) -> str:
    """Every application, one a row, each question a column (a file by its name)."""
    out = io.StringIO()
    writer = csv.writer(out)
    questions = competition.questions
    writer.writerow(["id", "state", "submitted_at", "applicant_kind", "name", "country", "sector", "email",
                     *(services.question_label(q, locale) for q in questions)])
    for entry in overview(competition).entries:
        files = {f.question_id: f.file.original_name for f in entry.files}
        writer.writerow([safe_cell(v) for v in (
            entry.id, entry.state, entry.submitted_at.isoformat() if entry.submitted_at else "", entry.applicant_kind,
            entry.name, entry.country, entry.sector, entry.applicant.email,
            *((files.get(q.id, "") if q.kind == "file" else (entry.answers or {}).get(str(q.id), ""))
              for q in questions))])
    return out.getvalue()


def attachments_zip(competition: Competition) -> bytes:
    """The files of the submitted applications, in a folder per application."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in overview(competition).entries:
            if entry.state == APP_DRAFT:
                continue
            for attached in entry.files:
                record = attached.file
                name = record.original_name or f"file.{record.key.rsplit('.', 1)[-1]}"
                archive.writestr(f"{entry.id:04d}-{entry.country}/q{attached.question_id}-{name}",
                                 storage().open(record.key).data)
    return out.getvalue()

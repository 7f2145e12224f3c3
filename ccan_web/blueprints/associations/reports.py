"""The associations' yearly reports: the Board's reporting years (due date, closed or open), each
association's activity and financial report files (private to the Board and the association), the
standing that follows, and the daily reminders."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ccan_web import audit, jobs
from ccan_web.blueprints.associations.models import Association, AssociationReport, ReportYear
from ccan_web.blueprints.associations.services import Upload, for_update, officers_by_country
from ccan_web.blueprints.board.services import board_members
from ccan_web.db import utcnow
from ccan_web.domain import associations as rules
from ccan_web.domain.countries import COUNTRIES, country_name
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.domain.messages import Message
from ccan_web.extensions import db
from ccan_web.memo import once_per_request
from ccan_web.notifications.services import notify, site_path
from ccan_web.storage import DOCUMENT
from ccan_web.storage import files as stored_files


@once_per_request
def years() -> list[ReportYear]:
    """The reporting years, newest first (read once per page: the standings and the forms both show them)."""
    return list(db.session.scalars(select(ReportYear).order_by(ReportYear.year.desc())))


def get_year(year: int) -> ReportYear:
    found = db.session.get(ReportYear, year)
    if found is None:
        raise NotFound(_l("There is no such reporting year."))
    return found


def set_year(year: int, due_date: date, actor) -> ReportYear:
    """Open a reporting year, or move its due date (the Board)."""
    if not 2000 <= year <= 2100:
        raise DomainError(_l("Enter a year between %(first)d and %(last)d.", first=2000, last=2100), field="year")
    found = db.session.get(ReportYear, year)
    if found is None:
        found = ReportYear(year=year, due_date=due_date)
        db.session.add(found)
    elif found.closed_at is not None:
        raise DomainError(_l("The Board has closed this year; its reports can no longer change."), field="year")
    found.due_date = due_date
    audit.record("reports.year_set", "report_year", year, actor, due_date=due_date.isoformat())
    return found


def close_year(year: int, actor) -> ReportYear:
    found = get_year(year)
    if found.closed_at is None:
        found.closed_at = utcnow()
        audit.record("reports.year_closed", "report_year", year, actor)
    return found


def reports_of(association: Association | None) -> dict[tuple[int, str], AssociationReport]:
    if association is None or association.id is None:
        return {}
    return {(r.year, r.kind): r for r in db.session.scalars(
        select(AssociationReport).options(joinedload(AssociationReport.file), joinedload(AssociationReport.uploaded_by))
        .where(AssociationReport.association_id == association.id))}


def upload(code: str, year: int, kind: str, document: Upload, actor) -> AssociationReport:
    """Store a report's file (a PDF, private) for the year; refused once the Board has closed the year."""
    if kind not in rules.REPORT_KINDS:
        raise NotFound(_l("There is no such report."))
    found_year = get_year(year)
    if found_year.closed_at is not None:
        raise DomainError(_l("The Board has closed %(year)d: its reports can no longer be sent or replaced.",
                             year=year), field="file")
    stored = stored_files.store(document.data, document.filename, DOCUMENT, "reports", public=False)
    association = for_update(code)
    report = db.session.scalar(select(AssociationReport).where(
        AssociationReport.association_id == association.id, AssociationReport.year == year,
        AssociationReport.kind == kind))
    if report is None:
        report = AssociationReport(association_id=association.id, year=year, kind=kind)
        db.session.add(report)
    report.file_id, report.uploaded_by_id, report.uploaded_at = stored.id, actor.id, utcnow()
    db.session.flush()
    audit.record("reports.uploaded", "association_report", report.id, actor, country=code, year=year, kind=kind)
    return report


def report_file(code: str, year: int, kind: str) -> AssociationReport:
    association = db.session.scalar(select(Association).where(Association.country == code))
    report = reports_of(association).get((year, kind))
    if report is None or report.file is None:
        raise NotFound(_l("There is no such report."))
    return report


@dataclass(frozen=True)
class Standing:
    key: str

    @property
    def label(self):
        return rules.STANDING_LABELS[self.key]

    @property
    def overdue(self) -> bool:
        return self.key == rules.REPORT_OVERDUE


def standings(associations: dict[str, Association], today: date | None = None) -> dict[str, Standing | None]:
    """Each founded association's standing (those not founded yet report nothing: None)."""
    today = today or date.today()
    due = {y.year: y.due_date for y in years()}
    submitted: dict[int, set] = {}
    for association_id, year, kind in db.session.execute(
            select(AssociationReport.association_id, AssociationReport.year, AssociationReport.kind)
            .where(AssociationReport.file_id.is_not(None))):
        submitted.setdefault(association_id, set()).add((year, kind))
    return {code: Standing(rules.standing(due, submitted.get(a.id, set()), today))
            if rules.is_founded(a.status, a.suspended_from) else None for code, a in associations.items()}


@jobs.periodic("associations.report_reminders", minute="0", hour="4")
def remind(today: str | None = None) -> int:
    """Remind the officers of founded associations missing a report 14 and 3 days before its due
    date; tell the Board the day after a due date passes with a report missing. Once a day, so each
    day's notices are sent once. Returns how many notices."""
    day = date.fromisoformat(today) if today else date.today()
    associations = {a.country: a for a in db.session.scalars(select(Association))}
    officers, sent = officers_by_country(), 0
    for year in years():
        if year.closed_at is not None:
            continue
        days_left = (year.due_date - day).days
        for country in COUNTRIES:
            association = associations.get(country.code)
            if association is None or not rules.is_founded(association.status, association.suspended_from):
                continue
            missing = [kind for kind in rules.REPORT_KINDS if (year.year, kind) not in reports_of(association)]
            if not missing:
                continue
            link = site_path("associations.dashboard", cc=country.code.lower())
            if days_left in rules.REMIND_DAYS_BEFORE:
                for officer in officers[country.code]:
                    notify(officer, "report_due", Message(
                        "The reports of %(year)d are due on %(due)s: send them from the dashboard.",
                        year=year.year, due=year.due_date.isoformat()), link)
                    sent += 1
            elif days_left == -1:
                for member in board_members():
                    notify(member, "report_overdue", Message(
                        "The association of %(country)s has not sent its reports of %(year)d, due on %(due)s.",
                        country=str(country_name(country.code)), year=year.year, due=year.due_date.isoformat()),
                        link)
                    sent += 1
    return sent

"""The national associations' rules: their lifecycle, what may move it, and the choices of their profile."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ccan_web.domain.errors import DomainError

NOT_STARTED, INITIATIVE_GROUP, FOUNDING, REGISTERED, PARTNER, SUSPENDED = (
    "not_started", "initiative_group", "founding", "registered", "partner", "suspended")
# The way an association goes, one step at a time; suspension steps aside from it and back.
LIFECYCLE = (NOT_STARTED, INITIATIVE_GROUP, FOUNDING, REGISTERED, PARTNER)
STATUSES = LIFECYCLE + (SUSPENDED,)
STATUS_LABELS = {
    NOT_STARTED: _l("Not started"),
    INITIATIVE_GROUP: _l("Initiative group"),
    FOUNDING: _l("Founding"),
    REGISTERED: _l("Registered"),
    PARTNER: _l("CCAN partner"),
    SUSPENDED: _l("Suspended"),
}
# For the home page's figures: initiated (anything started), founded (registered or partner).
FOUNDED = frozenset({REGISTERED, PARTNER})

FUNDING_SOURCES = {
    "membership_fees": _l("Membership fees"),
    "grants": _l("Grants"),
    "sponsorship": _l("Sponsorship"),
    "services": _l("Services"),
    "public_funding": _l("Public funding"),
    "other": _l("Other"),
}

PROFILE_FIELDS = ("name_national", "name_ru", "name_en", "legal_structure", "registration_number",
                  "registration_date", "funding_sources", "members_count", "board_count", "contact_email",
                  "contact_phone", "address", "website", "logo_alt", "description")


def status_label(status: str):
    return STATUS_LABELS.get(status, status)


def is_initiated(status: str) -> bool:
    """Started at all: a suspended association was started before it was suspended."""
    return status != NOT_STARTED


def is_founded(status: str, suspended_from: str | None = None) -> bool:
    return status in FOUNDED or (status == SUSPENDED and suspended_from in FOUNDED)


def next_statuses(status: str, suspended_from: str | None, *, is_board: bool, declared: bool) -> list[str]:
    """The statuses `status` may move to, for this actor: one step forward (to partner only with a
    current partnership declaration), one step back to correct a mistake; the Board alone suspends
    (any started association) and lifts a suspension (back to where it was)."""
    if status == SUSPENDED:
        return [suspended_from or NOT_STARTED] if is_board else []
    found = []
    at = LIFECYCLE.index(status)
    if at > 0:
        found.append(LIFECYCLE[at - 1])
    if at + 1 < len(LIFECYCLE) and (LIFECYCLE[at + 1] != PARTNER or declared):
        found.append(LIFECYCLE[at + 1])
    if is_board and status != NOT_STARTED:
        found.append(SUSPENDED)
    return found


def check_transition(status: str, suspended_from: str | None, target: str, reason: str, *,
                     is_board: bool, declared: bool) -> None:
    """Refuse a change of status the lifecycle does not allow, beside the form's `status` field."""
    if target not in STATUSES:
        raise DomainError(_l("Choose a status from the list."), field="status")
    if target == status:
        raise DomainError(_l("The association already has this status."), field="status")
    if target == PARTNER and not declared and status != SUSPENDED:
        raise DomainError(_l("An association becomes a CCAN partner by declaring the partnership: its "
                             "officer accepts the current mission, principles and logo-use terms."), field="status")
    if target == SUSPENDED and not is_board:
        raise DomainError(_l("Only the Board suspends an association."), field="status")
    if status == SUSPENDED and not is_board:
        raise DomainError(_l("Only the Board lifts a suspension."), field="status")
    if target not in next_statuses(status, suspended_from, is_board=is_board, declared=declared):
        raise DomainError(_l("From “%(current)s” the association can only move one step at a time: "
                             "choose one of the statuses offered.", current=status_label(status)), field="status")
    if target == SUSPENDED and not reason.strip():
        raise DomainError(_l("Say why the association is suspended."), field="reason")


# Yearly reports -------------------------------------------------------------------------------

REPORT_KINDS = {"activity": _l("Activity report"), "financial": _l("Financial report")}
GOOD_STANDING, REPORT_OVERDUE = "good_standing", "report_overdue"
STANDING_LABELS = {GOOD_STANDING: _l("Good standing"), REPORT_OVERDUE: _l("Report overdue")}
REMIND_DAYS_BEFORE = (14, 3)  # officers are reminded this many days before a due date


def standing(due_dates: dict[int, object], submitted: set[tuple[int, str]], today) -> str:
    """Good standing, or report overdue when a year's due date has passed without both reports.
    `due_dates` maps each reporting year to its due date; `submitted` holds (year, kind)."""
    for year, due in due_dates.items():
        if due < today and any((year, kind) not in submitted for kind in REPORT_KINDS):
            return REPORT_OVERDUE
    return GOOD_STANDING

"""The Board's work: the membership queue, decisions, and the Steering Committee roster."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import contains_eager

from ccan_web import audit
from ccan_web.blueprints.accounts import services as accounts
from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.board.models import Application, ApplicationVote, SteeringCommitteeMember
from ccan_web.db import utcnow
from ccan_web.domain.countries import country_name, normalise_country_code
from ccan_web.domain.errors import Conflict, DomainError, NotAllowed, NotFound
from ccan_web.domain.messages import Message as _l  # storable: a notification is read later
from ccan_web.domain.membership import (PROFILE_MAX_LENGTHS, ApplicantType, ApplicationStatus, approvals_complete,
                                       missing_criteria)
from ccan_web.domain.roles import Role
from ccan_web.domain.text import clean_line, clean_text, name_problem, text_problem
from ccan_web.extensions import db
from ccan_web.memo import once_per_request
from ccan_web.notifications.services import notify, site_path

MAX_REASON_LENGTH = 2000


def _checked_text(text: str, field: str) -> str:
    """A motivation or reason as stored: line breaks kept, controls refused (domain.text)."""
    text = clean_text(text)
    problem = text_problem(text)
    if problem is not None:
        raise DomainError(problem, field=field)
    return text


def register(data: accounts.RegistrationData) -> User:
    """Apply for membership: the applicant's account and their pending application, or, for a
    person on the Steering Committee's roster, a Board member admitted at once."""
    user = accounts.create_account(data)
    application = submit_application(user, data.motivation, data.accepted_criteria)
    if not admit_if_on_roster(user):
        notify_submission(application)
    return user


def submit_application(user: User, motivation: str, accepted_criteria) -> Application:
    application = Application(
        user=user,
        motivation=_checked_text(motivation, "motivation"),
        accepted_criteria=sorted(accepted_criteria),
        status=ApplicationStatus.PENDING.value,
    )
    db.session.add(application)
    db.session.flush()
    audit.record("application.submitted", "application", application.id, user)
    return application


def reapply(user: User, motivation: str, accepted_criteria) -> Application:
    """A rejected applicant applies again: the same application goes back to the Board.

    The earlier decision stays in the audit log; the votes are cleared so that every Board
    member, including those who voted before, can decide afresh.
    """
    application = user.application
    if application is None or application.status != ApplicationStatus.REJECTED:
        raise Conflict(_l("Only a rejected application can be sent again."))
    if missing_criteria(set(accepted_criteria)):
        raise DomainError(_l("Accept every membership criterion to apply."), field="criteria")
    motivation = _checked_text(motivation, "motivation")
    application.votes.clear()
    application.status = ApplicationStatus.PENDING.value
    application.motivation = motivation
    application.accepted_criteria = sorted(accepted_criteria)
    application.submitted_at = utcnow()
    application.decided_at = None
    application.rejection_reason = ""
    db.session.flush()
    audit.record("application.resubmitted", "application", application.id, user)
    notify_submission(application)
    return application


def notify_submission(application: Application) -> None:
    """Tell the applicant their application arrived, and the Board that it waits for them."""
    user = application.user
    notify(
        user, "application_received",
        _l("We have received your application to CCAN"),
        site_path("accounts.account"),
        _l(
            "Hello %(name)s,\n\nThank you for applying to the Creative Central Asia Network. "
            "The Board will consider your application; you will get an email when it is "
            "decided. Meanwhile you can sign in to see its status and edit your profile."
            "\n\nCCAN",
            name=user.full_name,
        ),
    )
    for board_member in board_members():
        if board_member.id == user.id:
            continue
        notify(
            board_member, "application_submitted",
            _l("New membership application: %(name)s", name=user.full_name),
            site_path("board.application_detail", application_id=application.id),
            _l(
                "Hello %(board_member)s,\n\n%(name)s (%(country)s) has applied to join CCAN. "
                "The application waits in the Board's queue.\n\nCCAN",
                board_member=board_member.full_name,
                name=user.full_name,
                country=country_name(user.country),
            ),
        )


def board_members() -> list[User]:

    return list(db.session.scalars(
        select(User).where(User.id.in_(accounts.role_holders(Role.BOARD)), User.is_active.is_(True)).order_by(User.id)))


@dataclass(frozen=True)
class ApplicationFilter:
    country: str | None = None
    applicant_type: str | None = None
    status: str | None = ApplicationStatus.PENDING.value


def applications_query(filters: ApplicationFilter):
    query = select(Application).join(Application.user).options(contains_eager(Application.user)).order_by(Application.submitted_at.desc(),
                                                                 Application.id.desc())
    if filters.country:
        query = query.where(User.country == filters.country)
    if filters.applicant_type:
        query = query.where(User.applicant_type == filters.applicant_type)
    if filters.status:
        query = query.where(Application.status == filters.status)
    return query


@once_per_request  # the header's badge, the queue's tabs and the home page's figures share it
def status_counts() -> dict[str, int]:
    rows = db.session.execute(
        select(Application.status, func.count(Application.id)).group_by(Application.status)
    ).all()
    counts = {s.value: 0 for s in ApplicationStatus}
    counts.update({status: count for status, count in rows})
    return counts


def get_application(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None:
        raise NotFound(_l("There is no such application."))
    return application


def _lock_pending(application: Application) -> None:
    """Take the application's row for this transaction, and fail if it is no longer pending.

    Two Board members deciding at once are serialised here: the second waits for the first
    to commit and then sees its outcome, so an application is never decided twice.
    """
    result = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == ApplicationStatus.PENDING)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(application)
        raise Conflict(_l("This application has already been decided."))
    db.session.refresh(application)


def _check_may_decide(application: Application, board_member: User) -> None:
    if not board_member.has_role(Role.BOARD):
        raise NotAllowed(_l("Only Board members decide on applications."))
    if application.user_id == board_member.id:
        raise NotAllowed(_l("You cannot decide on your own application."))
    if application.status != ApplicationStatus.PENDING:
        raise Conflict(_l("This application has already been decided."))


def approval_admits(application: Application, approvals_required: int) -> bool:
    """Whether one more approval makes the applicant a member (what the confirmation says)."""
    return approvals_complete(application.approvals + 1, approvals_required)


def approve(application: Application, board_member: User, approvals_required: int) -> bool:
    """Record an approval; admit the applicant once enough Board members approved.

    Returns True when this approval admitted the applicant.
    """
    _check_may_decide(application, board_member)
    _lock_pending(application)
    if any(v.voter_id == board_member.id for v in application.votes):
        raise Conflict(_l("You have already approved this application."))
    application.votes.append(ApplicationVote(voter=board_member, decision="approve"))
    db.session.flush()
    audit.record("application.approval", "application", application.id, board_member,
                 applicant=application.user.email)
    if not approvals_complete(application.approvals, approvals_required):
        return False
    _admit(application, board_member, via="")
    return True


def _admit(application: Application, actor: User | None, via: str) -> None:

    application.status = ApplicationStatus.APPROVED.value
    application.decided_at = utcnow()
    application.admitted_via = via
    accounts.grant_role(application.user, Role.MEMBER.value, actor=actor)
    audit.record("application.approved", "application", application.id, actor,
                 applicant=application.user.email, via=via or "board")
    notify(
        application.user, "application_decided",
        _l("Welcome to CCAN: your membership is approved"),
        site_path("accounts.account"),
        _l(
            "Hello %(name)s,\n\nThe CCAN Board has approved your application. You are now "
            "a member: sign in to find other members in the directory and take part in "
            "the network's work.\n\nCCAN",
            name=application.user.full_name,
        ),
    )


def reject(application: Application, board_member: User, reason: str) -> None:
    reason = _checked_text(reason, "reason")
    if not reason:
        raise DomainError(_l("Give the applicant a reason."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(_l("Keep the reason under 2,000 characters."), field="reason")
    _check_may_decide(application, board_member)
    _lock_pending(application)
    application.votes.append(ApplicationVote(voter=board_member, decision="reject", reason=reason))
    application.status = ApplicationStatus.REJECTED.value
    application.decided_at = utcnow()
    application.rejection_reason = reason
    audit.record("application.rejected", "application", application.id, board_member,
                 applicant=application.user.email, reason=reason)
    notify(
        application.user, "application_decided",
        _l("Your CCAN membership application"),
        site_path("accounts.account"),
        _l(
            "Hello %(name)s,\n\nThe CCAN Board has considered your application and could "
            "not approve it this time. The Board's reason:\n\n%(reason)s\n\nYou can reply "
            "to the Board or apply again when the reason no longer applies.\n\nCCAN",
            name=application.user.full_name,
            reason=reason,
        ),
    )


# The 2021 Steering Committee roster ---------------------------------------------------------

@dataclass
class RosterImportResult:
    added: int = 0
    updated: int = 0
    admitted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


ROSTER_COLUMNS = ("name", "email", "country", "organisation")


def parse_roster_csv(text: str) -> tuple[list[dict], list[str]]:
    """Rows and errors ("row 3: ...") from roster CSV text with a header line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("name", "email") if c not in headers]
    if missing:
        return [], [f"header: missing column(s) {', '.join(missing)}; expected {', '.join(ROSTER_COLUMNS)}"]
    rows, errors = [], []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        email = row.get("email", "").lower()
        row["name"], row["organisation"] = clean_line(row.get("name")), clean_line(row.get("organisation"))
        if not row["name"]:
            errors.append(f"row {number}: the name is empty")
            continue
        problem = name_problem(row["name"]) or name_problem(row["organisation"])
        if problem is not None:
            errors.append(f"row {number}: {problem}")
            continue
        name_limit, organisation_limit = PROFILE_MAX_LENGTHS["full_name"], PROFILE_MAX_LENGTHS["organisation_name"]
        if len(row["name"]) > name_limit or len(row["organisation"]) > organisation_limit:
            errors.append(f"row {number}: the name takes at most {name_limit} characters, "
                          f"the organisation {organisation_limit}")
            continue
        if "@" not in email or " " in email or len(email) > 254:
            errors.append(f"row {number}: '{row.get('email', '')}' is not an email address")
            continue
        country = row.get("country", "")
        code = normalise_country_code(country)
        if country and code is None:
            errors.append(f"row {number}: unknown country '{country}' (use KZ, KG, TJ, TM, UZ or leave empty)")
            continue
        rows.append({"name": row["name"], "email": email, "country": code or "",
                     "organisation": row["organisation"]})
    return rows, errors


def import_roster(rows: list[dict], actor: User | None = None) -> RosterImportResult:
    """Add or update roster entries and admit to the Board those who already have an account."""

    result = RosterImportResult()
    for row in rows:
        entry = db.session.scalar(
            select(SteeringCommitteeMember).where(SteeringCommitteeMember.email == row["email"])
        )
        if entry is None:
            entry = SteeringCommitteeMember(**row)
            db.session.add(entry)
            result.added += 1
        else:
            entry.name, entry.country, entry.organisation = row["name"], row["country"], row["organisation"]
            result.updated += 1
        user = accounts.user_by_email(row["email"])
        if user is not None and admit_to_board(user, entry, actor):
            result.admitted.append(user.email)
    db.session.flush()
    return result


def roster_entry_for(email: str) -> SteeringCommitteeMember | None:
    return db.session.scalar(
        select(SteeringCommitteeMember).where(SteeringCommitteeMember.email == email.lower())
    )


def admit_if_on_roster(user: User) -> bool:
    entry = roster_entry_for(user.email)
    return entry is not None and admit_to_board(user, entry, actor=None)


def admit_to_board(user: User, entry: SteeringCommitteeMember, actor: User | None) -> bool:
    """Make a Steering Committee member a Board member (and a member). False if already done."""

    entry.user_id = user.id
    application = user.application
    if application is not None and application.status != ApplicationStatus.APPROVED:
        application.status = ApplicationStatus.APPROVED.value
        application.decided_at = utcnow()
        application.admitted_via = "steering-committee"
        audit.record("application.approved", "application", application.id, actor,
                     applicant=user.email, via="steering-committee")
    granted_member = accounts.grant_role(user, Role.MEMBER.value, actor=actor)
    granted_board = accounts.grant_role(user, Role.BOARD.value, actor=actor)
    return granted_member or granted_board


def roster() -> list[SteeringCommitteeMember]:
    return list(db.session.scalars(select(SteeringCommitteeMember).order_by(
        SteeringCommitteeMember.country, SteeringCommitteeMember.name)))


def applicant_type_values() -> set[str]:
    return {t.value for t in ApplicantType}

"""Registrations for events: a seat or the waiting list, the personal link that shows the online
link and cancels, the waiting list moving up, the mails, and the reminders a day and an hour before.

Seats are counted in `events.seats_taken` and taken by one conditional UPDATE (`... WHERE
seats_taken < capacity`): on PostgreSQL two requests for the last seat serialise on the event's row
and the second one finds it full; on SQLite writers take turns anyway. A place handed to the next
person waiting is another conditional UPDATE (`... WHERE state = 'waiting'`), so two cancellations
at once never promote the same person twice. One registration per email per event is a unique
constraint, so two submissions at once cannot both get in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import exists, select, update

from ccan_web import jobs, outbox
from ccan_web.blueprints.events.models import Event, Registration, ReminderSent
from ccan_web.blueprints.events.services import now
from ccan_web.db import insert_or_nothing, utcnow
from ccan_web.domain import events as rules
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.errors import DomainError, Invalid
from ccan_web.domain.events import EventState, RegistrationState
from ccan_web.domain.languages import DEFAULT_LOCALE, LOCALES
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.text import email_problem, line_problem, name_problem
from ccan_web.extensions import db

TOKEN_SALT = "ccan-event-registration"
# A moment in mail: the day written out (no 12/9 against 9/12 doubt), the time without seconds.
MAIL_MOMENT = "d MMMM y, HH:mm"


class BadLink(DomainError):
    """A personal link that was altered, or names a registration that is not there."""


@dataclass(frozen=True)
class RegistrationData:
    name: str
    email: str
    organisation: str = ""
    country: str = ""


def _problems(data: RegistrationData) -> list[DomainError]:
    problems = []
    if not data.name.strip():
        problems.append(DomainError(_l("This field is required."), field="name"))
    elif len(data.name) > 200 or name_problem(data.name):
        problems.append(DomainError(name_problem(data.name) or _l("This text is too long."), field="name"))
    email = data.email.strip()
    if not email:
        problems.append(DomainError(_l("This field is required."), field="email"))
    elif len(email) > 254 or email_problem(email):
        problems.append(DomainError(email_problem(email) or _l("This text is too long."), field="email"))
    if len(data.organisation) > 200 or line_problem(data.organisation or ""):
        problems.append(DomainError(line_problem(data.organisation) or _l("This text is too long."),
                                    field="organisation"))
    if data.country and data.country not in COUNTRY_CODES:
        problems.append(DomainError(_l("Choose one of the five countries, or elsewhere."), field="country"))
    return problems


def _take_seat(event: Event) -> bool:
    """Take one seat if there is one; False when the event is full."""
    return db.session.execute(
        update(Event).where(Event.id == event.id,
                            (Event.capacity.is_(None)) | (Event.seats_taken < Event.capacity))
        .values(seats_taken=Event.seats_taken + 1).execution_options(synchronize_session=False)).rowcount == 1


def _free_seat(event: Event) -> None:
    db.session.execute(update(Event).where(Event.id == event.id, Event.seats_taken > 0)
                       .values(seats_taken=Event.seats_taken - 1).execution_options(synchronize_session=False))


def register(event: Event, data: RegistrationData, user=None, locale: str = DEFAULT_LOCALE) -> Registration:
    """A seat for `data.email`, or a place on the waiting list once the seats are taken; confirmed
    by email with the personal link. Refused after the start, and for an email already registered."""
    moment = now()
    if not rules.registration_open(event.state, event.starts_at, moment):
        if event.state == EventState.PUBLISHED:
            raise DomainError(_l("Registration has closed: the event has started."))
        raise DomainError(_l("This event does not take registrations."))
    problems = _problems(data)
    if problems:
        raise Invalid(problems)
    email = data.email.strip().lower()
    existing = db.session.scalar(select(Registration).where(Registration.event_id == event.id,
                                                            Registration.email == email))
    if existing is not None and existing.state != RegistrationState.CANCELLED:
        raise DomainError(_l("This email is registered for this event already; the confirmation "
                             "email has the personal link."), field="email")
    values = dict(name=data.name.strip(), organisation=data.organisation.strip(), country=data.country or "",
                  user_id=user.id if user is not None and user.email.lower() == email else None,
                  locale=locale if locale in LOCALES else DEFAULT_LOCALE,
                  state=RegistrationState.WAITING,  # until a seat is taken, below
                  changed_at=utcnow())  # its place in the waiting list's queue
    if existing is not None:  # registering again after cancelling: the row comes back, at the queue's end
        claimed = db.session.execute(update(Registration).where(
            Registration.id == existing.id, Registration.state == RegistrationState.CANCELLED).values(**values)
            .execution_options(synchronize_session=False)).rowcount
        registration_id = existing.id if claimed == 1 else None
    else:
        registration_id = _insert_once(dict(values, event_id=event.id, email=email, created_at=utcnow()))
    if registration_id is None:  # the same email at the same moment: the other one got in
        raise DomainError(_l("This email is registered for this event already; the confirmation "
                             "email has the personal link."), field="email")
    registration = db.session.get(Registration, registration_id)
    db.session.refresh(registration)
    if _take_seat(event):
        registration.state = RegistrationState.REGISTERED
    db.session.flush()
    # Reminders whose time has passed are not sent late: the confirmation says when it is.
    for kind in rules.due_reminders(event.starts_at, moment):
        _record_reminder(registration, kind, mailed=False)
    _mail(registration, event, "confirmed" if registration.state == RegistrationState.REGISTERED else "waiting")
    return registration


def _insert_once(values: dict) -> int | None:
    """The new registration's id, or None when that email is registered for the event already."""
    return insert_or_nothing(db.session, Registration, values, ["event_id", "email"])


def _record_reminder(registration: Registration, kind: str, mailed: bool) -> None:
    exists_already = db.session.scalar(select(ReminderSent.id).where(ReminderSent.registration_id == registration.id,
                                                                     ReminderSent.kind == kind))
    if exists_already is None:
        db.session.add(ReminderSent(registration_id=registration.id, kind=kind, mailed=mailed))
        db.session.flush()


def cancel(registration: Registration) -> Registration:
    """Give up a seat (handed at once to the next person waiting) or a place on the waiting list."""
    event = registration.event
    if registration.state == RegistrationState.CANCELLED:
        raise DomainError(_l("This registration was cancelled already."))
    if event.state != EventState.PUBLISHED or now() >= event.ends_at:
        raise DomainError(_l("This event is over or cancelled; there is nothing to cancel."))
    was = registration.state
    done = db.session.execute(update(Registration).where(Registration.id == registration.id, Registration.state == was)
                              .values(state=RegistrationState.CANCELLED, changed_at=utcnow())
                              .execution_options(synchronize_session=False)).rowcount
    if done != 1:
        raise DomainError(_l("This registration was cancelled already."))
    db.session.refresh(registration)
    if was == RegistrationState.REGISTERED:
        if _promote_next(event) is None:
            _free_seat(event)
    _mail(registration, event, "cancelled_by_you")
    return registration


def _promote_next(event: Event) -> Registration | None:
    """Hand a seat already counted to the first person waiting; None if nobody waits."""
    while True:
        candidate = db.session.scalar(select(Registration).where(
            Registration.event_id == event.id, Registration.state == RegistrationState.WAITING)
            .order_by(Registration.changed_at, Registration.id).limit(1))
        if candidate is None:
            return None
        moved = db.session.execute(update(Registration).where(
            Registration.id == candidate.id, Registration.state == RegistrationState.WAITING)
            .values(state=RegistrationState.REGISTERED, changed_at=utcnow())
            .execution_options(synchronize_session=False)).rowcount
        db.session.refresh(candidate)
        if moved == 1:
            _mail(candidate, event, "promoted")
            return candidate


def fill_from_waiting(event: Event) -> int:
    """After more seats were given: move people up from the waiting list while seats are free."""
    promoted = 0
    while _take_seat(event):
        if _promote_next(event) is None:
            _free_seat(event)
            break
        promoted += 1
    db.session.refresh(event)
    return promoted


def registration_of(event: Event, user) -> Registration | None:
    """A signed-in person's registration (by account, or by the account's email)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Registration).where(
        Registration.event_id == event.id,
        (Registration.user_id == user.id) | (Registration.email == user.email.lower()))
        .order_by(Registration.id).limit(1))


def link_shown(event: Event, registration: Registration | None, at: datetime | None = None) -> bool:
    return bool(event.online_link) and rules.link_shown(
        event.state, registration.state if registration else None, event.starts_at, event.ends_at, at or now())


def participants(event: Event) -> list[Registration]:
    order = {RegistrationState.REGISTERED: 0, RegistrationState.WAITING: 1, RegistrationState.CANCELLED: 2}
    rows = list(db.session.scalars(select(Registration).where(Registration.event_id == event.id)
                                   .order_by(Registration.changed_at, Registration.id)))
    return sorted(rows, key=lambda r: order.get(r.state, 3))


# The personal link -------------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def token_for(registration: Registration) -> str:
    return _serializer().dumps({"r": registration.id, "e": registration.email})


def by_token(event: Event, token: str) -> Registration:
    """The registration a personal link names; a tampered link, or one for another event, is refused."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        raise BadLink(_l("This link is not valid. Use the link in your confirmation email.")) from None
    registration_id = data.get("r") if isinstance(data, dict) else None
    registration = db.session.get(Registration, registration_id) if isinstance(registration_id, int) else None
    if registration is None or registration.event_id != event.id or registration.email != data.get("e"):
        raise BadLink(_l("This link is not valid. Use the link in your confirmation email."))
    return registration


# Mail --------------------------------------------------------------------------------------------

def _absolute(endpoint: str, **values) -> str:
    from ccan_web.notifications.services import site_path

    return current_app.config["PUBLIC_BASE_URL"] + site_path(endpoint, **values)


def _subject(kind: str, title: str) -> str:
    # The msgids are written out so that `make translations` finds them.
    return str({
        "confirmed": _l("You are registered: %(title)s", title=title),
        "waiting": _l("You are on the waiting list: %(title)s", title=title),
        "promoted": _l("A seat is yours: %(title)s", title=title),
        "cancelled_by_you": _l("Your registration is cancelled: %(title)s", title=title),
        "moved": _l("The event has moved: %(title)s", title=title),
        "cancelled": _l("The event is cancelled: %(title)s", title=title),
        "day": _l("Tomorrow: %(title)s", title=title),
        "hour": _l("In an hour: %(title)s", title=title),
    }[kind])


def _lead(kind: str, event: Event) -> str:
    return str({
        "confirmed": _l("Your seat is kept. The online link appears on your personal page 30 minutes "
                        "before the start."),
        "waiting": _l("All seats are taken, so you are on the waiting list. If someone cancels, the seat "
                      "is yours and we write to you."),
        "promoted": _l("Someone cancelled, and the seat is yours now. The online link appears on your "
                       "personal page 30 minutes before the start."),
        "cancelled_by_you": _l("You cancelled your registration. You may register again while seats are free."),
        "moved": _l("The organisers changed the time or the details of the event. Your registration stands."),
        "cancelled": _l("The organisers cancelled the event. Their reason: %(reason)s", reason=event.cancel_reason),
        "day": _l("The event starts in a day. The online link appears on your personal page 30 minutes "
                  "before the start."),
        "hour": _l("The event starts in an hour. The online link appears on your personal page 30 minutes "
                   "before the start."),
    }[kind])


def _mail(registration: Registration, event: Event, kind: str) -> None:
    """An email to one registrant, in the language they registered in, with links from the
    configured public address (never the request's host)."""
    from ccan_web.i18n import format_in_zone

    with force_locale(registration.locale or DEFAULT_LOCALE):
        when = format_in_zone(event.starts_at, event.zone, MAIL_MOMENT)
        lines = [str(_l("Hello %(name)s,", name=registration.name)), "", _lead(kind, event), "",
                 event.title, when, "",
                 str(_l("The event's page: %(link)s", link=_absolute("events.event_detail", slug=event.slug)))]
        if kind not in ("cancelled", "cancelled_by_you"):
            lines.append(str(_l("Your personal page (the online link, cancelling): %(link)s",
                                link=_absolute("events.registration", slug=event.slug,
                                               token=token_for(registration)))))
            lines.append(str(_l("Add it to your calendar: %(link)s",
                                link=_absolute("events.event_ics", slug=event.slug))))
        outbox.queue(registration.email, _subject(kind, event.title), "\n".join(lines))


def tell_participants(event: Event, kind: str) -> int:
    """Mail everyone registered or waiting that the event moved or was cancelled."""
    people = list(db.session.scalars(select(Registration).where(
        Registration.event_id == event.id, Registration.state != RegistrationState.CANCELLED)))
    for registration in people:
        _mail(registration, event, kind)
    return len(people)


# Reminders ---------------------------------------------------------------------------------------

def send_due_reminders(at: datetime | None = None) -> int:
    """Mail the reminders whose time has come (a day and an hour before), each once: the record of
    it is written in the same transaction as the mail, so a worker killed before its commit leaves
    both to the next run. Returns how many were mailed."""
    moment = at or now()
    horizon = moment + rules.REMINDERS[0][1]
    events = list(db.session.scalars(select(Event).where(
        Event.state == EventState.PUBLISHED, Event.starts_at > moment, Event.starts_at <= horizon)))
    sent = 0
    for event in events:
        kind = rules.reminder_to_send(event.starts_at, moment)
        if kind is None:
            continue
        reminded = exists().where(ReminderSent.registration_id == Registration.id, ReminderSent.kind == kind)
        owed = list(db.session.scalars(select(Registration).where(
            Registration.event_id == event.id, Registration.state == RegistrationState.REGISTERED, ~reminded)
            .order_by(Registration.id)))
        for registration in owed:
            for earlier in rules.due_reminders(event.starts_at, moment):
                if earlier != kind:
                    _record_reminder(registration, earlier, mailed=False)
            _record_reminder(registration, kind, mailed=True)
            _mail(registration, event, kind)
            sent += 1
    return sent


@jobs.periodic("events.reminders", minute="*/5")
def reminders_task() -> None:
    send_due_reminders()

"""Online events: the organisers' operations (write, publish, cancel, mark held, keep the
recording, materials and report), and what the public and the participants read.

Services flush and never commit. "Now" is read through `now()` (naive UTC), which tests patch, so
the link's reveal and the reminders can be tested at any minute. Registrations are in
registrations.py; the calendar files in calendar.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from ccan_web import audit
from ccan_web.blueprints.competitions import services as competitions
from ccan_web.blueprints.events.models import Event, EventMaterial, Registration
from ccan_web.db import utcnow
from ccan_web.domain import events as rules
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.events import EventKind, EventState, Presents, RegistrationState
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.slugs import numbered
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.text import line_problem, text_problem, web_address_problem
from ccan_web.domain.zones import UnknownZone, to_utc
from ccan_web.extensions import db
from ccan_web.permissions import can
from ccan_web.storage import ATTACHMENT
from ccan_web.storage.files import store

PAST_SHOWN = 50  # past events on the list page: the newest


def now() -> datetime:
    """The current moment as naive UTC, as event times are stored."""
    return utcnow().replace(tzinfo=None)


@dataclass(frozen=True)
class EventData:
    title: str
    kind: str
    starts_local: datetime | None  # the wall clock in `zone`
    ends_local: datetime | None
    zone: str
    description: str = ""
    online_link: str = ""
    languages: tuple[str, ...] = ()
    speakers: str = ""
    presents: str = ""
    roadmap_doc: str = ""
    roadmap_revision: int | None = None
    competition_slug: str = ""
    capacity: int | None = None
    slug: str = ""


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str = ""


LIMITS = {"title": 200, "online_link": 500, "competition_slug": 80, "description": 20000, "speakers": 2000}


def _times(data: EventData) -> tuple[datetime, datetime]:
    problems = []
    if data.starts_local is None:
        problems.append(DomainError(_l("Give the date and time it starts."), field="starts_local"))
    if data.ends_local is None:
        problems.append(DomainError(_l("Give the date and time it ends."), field="ends_local"))
    try:
        starts = to_utc(data.starts_local, data.zone) if data.starts_local else None
        ends = to_utc(data.ends_local, data.zone) if data.ends_local else None
    except UnknownZone as error:
        raise Invalid(problems + [DomainError(error.message, field="zone")]) from None
    if problems:
        raise Invalid(problems)
    rules.check_times(starts, ends)
    return starts, ends


def _problems(data: EventData) -> list[DomainError]:
    problems = []
    if not data.title.strip():
        problems.append(DomainError(_l("This field is required."), field="title"))
    for name, limit in LIMITS.items():
        value = getattr(data, name) or ""
        if len(value) > limit:
            problems.append(DomainError(_l("This text is too long."), field=name))
        elif value:
            check = text_problem if name in ("description", "speakers") else line_problem
            if name == "online_link":
                check = web_address_problem
            if (problem := check(value)) is not None:
                problems.append(DomainError(problem, field=name))
    if data.kind not in set(EventKind):
        problems.append(DomainError(_l("Choose a kind of event."), field="kind"))
    if any(code not in LOCALES for code in data.languages):
        problems.append(DomainError(_l("Choose a language."), field="languages"))
    if data.capacity is not None and not 1 <= data.capacity <= rules.MAX_CAPACITY:
        problems.append(DomainError(_l("Give a number of seats from 1, or leave it empty for no limit."),
                                    field="capacity"))
    if data.slug and (problem := rules.slug_problem(data.slug)):
        problems.append(DomainError(problem, field="slug"))
    problems.extend(_presents_problems(data))
    return problems


def _presents_problems(data: EventData) -> list[DomainError]:
    if data.presents not in set(Presents):
        return [DomainError(_l("Choose what the event presents."), field="presents")]
    if data.presents == Presents.ROADMAP:
        from ccan_web.blueprints.roadmap.services import DOCUMENT_KEYS
        from ccan_web.documents import services as documents

        try:
            if data.roadmap_doc not in DOCUMENT_KEYS:
                raise NotFound(_l("There is no such document."))
            document = documents.get_document(data.roadmap_doc or "")
            documents.get_revision(document, data.roadmap_revision or 0)
        except (NotFound, LookupError, DomainError):
            return [DomainError(_l("Name a roadmap and one of its revisions."), field="roadmap_revision")]
    if data.presents == Presents.COMPETITION and not rules.SLUG_PATTERN.match(data.competition_slug or ""):
        return [DomainError(_l("Give the competition's address (its slug), such as business-database-2026."),
                            field="competition_slug")]
    if data.presents == Presents.COMPETITION and competitions.announced(data.competition_slug.strip()) is None:
        return [DomainError(_l("No announced competition has this address; check it on the competitions' page."),
                            field="competition_slug")]
    return []


def _check(data: EventData) -> tuple[datetime, datetime]:
    problems = _problems(data)
    try:
        times = _times(data)
    except Invalid as error:
        problems.extend(error.problems)
    except DomainError as error:
        problems.append(error)
    if problems:
        raise Invalid(problems)
    return times


def _slug_taken(slug: str, event: Event | None) -> bool:
    query = select(Event.id).where(Event.slug == slug)
    if event is not None:
        query = query.where(Event.id != event.id)
    return db.session.scalar(query) is not None


def _free_slug(data: EventData, event: Event | None) -> str:
    if data.slug:
        if _slug_taken(data.slug, event):
            raise DomainError(_l("Another event has this address; choose another one."), field="slug")
        return data.slug
    if event is not None:
        return event.slug
    return numbered(rules.slugify(data.title), lambda slug: _slug_taken(slug, None))


def _apply(event: Event, data: EventData, starts: datetime, ends: datetime) -> None:
    event.title, event.kind, event.zone = data.title.strip(), data.kind, data.zone
    event.starts_at, event.ends_at = starts, ends
    event.description, event.online_link = data.description.strip(), data.online_link.strip()
    event.languages = ",".join(code for code in LOCALES if code in data.languages)
    event.speakers = "\n".join(line.strip() for line in data.speakers.splitlines() if line.strip())
    event.presents = data.presents
    event.roadmap_doc = data.roadmap_doc if data.presents == Presents.ROADMAP else ""
    event.roadmap_revision = data.roadmap_revision if data.presents == Presents.ROADMAP else None
    event.competition_slug = data.competition_slug.strip() if data.presents == Presents.COMPETITION else ""
    event.capacity = data.capacity


def create_event(data: EventData, actor) -> Event:
    """A new draft; Invalid names every field in the wrong, and nothing is stored."""
    starts, ends = _check(data)
    event = Event(slug=_free_slug(data, None), state=EventState.DRAFT, seats_taken=0, sequence=0,
                  created_by_id=actor.id if actor else None)
    _apply(event, data, starts, ends)
    db.session.add(event)
    db.session.flush()
    audit.record("event.created", "event", event.id, actor, event=event.slug)
    return event


def update_event(event: Event, data: EventData, actor) -> Event:
    """Save the organisers' changes. A move (time, link, seats) tells calendar applications (the
    SEQUENCE moves on) and, once published, the participants by email."""
    from ccan_web.blueprints.events import registrations

    if event.state not in (EventState.DRAFT, EventState.PUBLISHED):
        raise DomainError(_l("A cancelled or held event cannot be edited; add its recording and report instead."))
    starts, ends = _check(data)
    if data.capacity is not None and data.capacity < event.seats_taken:
        raise DomainError(_l("%(count)s people are registered already: give at least that many seats.",
                             count=event.seats_taken), field="capacity")
    moved = (starts, ends) != (event.starts_at, event.ends_at)
    event.slug = _free_slug(data, event)
    _apply(event, data, starts, ends)
    if moved:
        event.sequence += 1
    db.session.flush()
    audit.record("event.edited", "event", event.id, actor, event=event.slug, moved=moved)
    if event.state == EventState.PUBLISHED:
        registrations.fill_from_waiting(event)
        if moved:
            registrations.tell_participants(event, "moved")
    return event


def take_step(event: Event, action: str, actor, reason: str = "") -> Event:
    """Publish, cancel (with a reason) or mark held. The move is a conditional UPDATE on the state
    the organiser saw, so two Board members acting at once cannot both do it."""
    from ccan_web.blueprints.events import registrations

    target = rules.next_state(event.state, action)
    reason = reason.strip()
    if action == "cancel":
        if not reason:
            raise DomainError(_l("Say why the event is cancelled: the participants are told."), field="reason")
        if len(reason) > 2000 or text_problem(reason) is not None:
            raise DomainError(text_problem(reason) or _l("This text is too long."), field="reason")
    if action == "held" and now() < event.starts_at:
        raise DomainError(_l("An event can be marked held only once it has started."))
    values = {"state": target, "updated_at": utcnow()}
    if action == "publish":
        values["published_at"] = utcnow()
    if action == "cancel":
        values.update(cancel_reason=reason, sequence=Event.sequence + 1)
    done = db.session.execute(update(Event).where(Event.id == event.id, Event.state == event.state)
                              .values(**values).execution_options(synchronize_session=False)).rowcount
    if done != 1:
        raise Conflict(_l("Someone else changed this event meanwhile; look again."))
    db.session.refresh(event)
    audit.record(f"event.{action}", "event", event.id, actor, event=event.slug, reason=reason or None)
    if action == "cancel" and event.published_at is not None:
        registrations.tell_participants(event, "cancelled")
    return event


def save_after(event: Event, recording_url: str, report: str, actor) -> Event:
    """The recording's link and the short report (Markdown), kept on the event's page."""
    recording_url, report = recording_url.strip(), report.strip()
    problems = []
    if recording_url and (len(recording_url) > 500 or web_address_problem(recording_url)):
        problems.append(DomainError(web_address_problem(recording_url) or _l("This text is too long."),
                                    field="recording_url"))
    if len(report) > 20000:
        problems.append(DomainError(_l("This text is too long."), field="report"))
    elif report and (problem := text_problem(report)):
        problems.append(DomainError(problem, field="report"))
    if problems:
        raise Invalid(problems)
    event.recording_url, event.report = recording_url, report
    db.session.flush()
    audit.record("event.after_saved", "event", event.id, actor, event=event.slug)
    return event


def add_material(event: Event, upload: Upload, title: str, actor) -> EventMaterial:
    """Slides or another document (PDF or image), public on the event's page."""
    title = title.strip()
    if not title:
        raise DomainError(_l("This field is required."), field="material_title")
    if len(title) > 200 or line_problem(title):
        raise DomainError(line_problem(title) or _l("This text is too long."), field="material_title")
    try:
        stored = store(upload.data, upload.filename, ATTACHMENT, "events", public=True)
    except DomainError as error:
        raise DomainError(error.message, field="material_file") from None
    material = EventMaterial(event=event, file=stored, title=title)
    db.session.add(material)
    db.session.flush()
    audit.record("event.material_added", "event", event.id, actor, event=event.slug, title=title)
    return material


def remove_material(event: Event, material_id: int, actor) -> None:
    material = db.session.scalar(select(EventMaterial).where(EventMaterial.id == material_id,
                                                             EventMaterial.event_id == event.id))
    if material is None:
        raise NotFound(_l("There is no such file."))
    db.session.delete(material)
    db.session.flush()
    audit.record("event.material_removed", "event", event.id, actor, event=event.slug, title=material.title)


# Reading -----------------------------------------------------------------------------------------

def may_manage(user) -> bool:
    return can(user, "events.manage")


def event_by_slug(slug: str) -> Event:
    query = select(Event).where(Event.slug == slug).options(
        selectinload(Event.materials).joinedload(EventMaterial.file))
    event = db.session.scalar(query) if len(slug) <= rules.MAX_SLUG else None
    if event is None:
        raise NotFound(_l("There is no such event."))
    return event


def may_see(event: Event, user) -> bool:
    return event.state in rules.PUBLIC_STATES or may_manage(user)


@dataclass(frozen=True)
class Listing:
    upcoming: list[Event]
    past: list[Event]
    drafts: list[Event] = field(default_factory=list)


def listing(user, at: datetime | None = None) -> Listing:
    """Upcoming events (soonest first, a cancelled one marked), past ones (newest first), and for
    the organisers the drafts."""
    moment = at or now()
    public = Event.state.in_(list(rules.PUBLIC_STATES))
    upcoming = list(db.session.scalars(select(Event).where(public, Event.ends_at > moment)
                                       .order_by(Event.starts_at, Event.id)))
    past = list(db.session.scalars(select(Event).where(public, Event.ends_at <= moment)
                                   .order_by(Event.starts_at.desc(), Event.id.desc()).limit(PAST_SHOWN)))
    drafts = list(db.session.scalars(select(Event).where(Event.state == EventState.DRAFT)
                                     .order_by(Event.starts_at))) if may_manage(user) else []
    return Listing(upcoming, past, drafts)


def next_event(at: datetime | None = None) -> Event | None:
    """The next published event that has not ended: the home page shows it."""
    return db.session.scalar(select(Event).where(Event.state == EventState.PUBLISHED, Event.ends_at > (at or now()))
                             .order_by(Event.starts_at, Event.id).limit(1))


def event_presenting_competition(slug: str) -> Event | None:
    """The published (or held) event that presents the results of the competition `slug`, the
    latest if there are several; None if there is none. The competitions' results page calls it."""
    if not slug or len(slug) > rules.MAX_SLUG:
        return None
    return db.session.scalar(select(Event).where(
        Event.presents == Presents.COMPETITION, Event.competition_slug == slug,
        Event.state.in_([EventState.PUBLISHED, EventState.HELD])).order_by(Event.starts_at.desc()).limit(1))


def presented_competition(event: Event):
    """The announced competition whose results `event` presents (None for other events)."""
    return competitions.announced(event.competition_slug) if event.presents == Presents.COMPETITION else None


def calendar_events() -> list[Event]:
    """Every event the public has seen: published, held, and cancelled after being published."""
    return list(db.session.scalars(select(Event).where(
        Event.state.in_(list(rules.PUBLIC_STATES)), Event.published_at.is_not(None)).order_by(Event.starts_at)))


def data_of(event: Event) -> dict:
    """The form's values for an event, its times on the clock of the zone they were entered in."""
    from ccan_web.domain.zones import local_input

    return {"title": event.title, "kind": event.kind, "zone": event.zone, "description": event.description,
            "starts_local": local_input(event.starts_at, event.zone), "ends_local": local_input(event.ends_at, event.zone),
            "online_link": event.online_link, "languages": event.language_list, "speakers": event.speakers,
            "presents": event.presents, "roadmap_doc": event.roadmap_doc,
            "roadmap_revision": event.roadmap_revision, "competition_slug": event.competition_slug,
            "capacity": event.capacity, "slug": event.slug}


def counts(event: Event) -> dict[str, int]:
    """How many are registered, waiting and cancelled."""
    rows = db.session.execute(select(Registration.state, func.count()).where(Registration.event_id == event.id)
                              .group_by(Registration.state))
    found = {state: 0 for state in RegistrationState}
    found.update({state: n for state, n in rows})
    return found


def sitemap_rows(offset: int, limit: int) -> list[tuple[str, datetime]]:
    return list(db.session.execute(select(Event.slug, Event.updated_at).where(
        Event.state.in_(list(rules.PUBLIC_STATES))).order_by(Event.id).offset(offset).limit(limit)))


def public_count() -> int:
    return db.session.scalar(select(func.count(Event.id)).where(Event.state.in_(list(rules.PUBLIC_STATES)))) or 0



def registration_is_open(event: Event, at: datetime | None = None) -> bool:
    return rules.registration_open(event.state, event.starts_at, at or now())

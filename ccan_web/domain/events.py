"""Online events: their kinds and states, the moves between states, the waiting list's rule, when
the online link is shown and when reminders are due. Pure rules on naive-UTC moments."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from ccan_web.domain import slugs
from ccan_web.domain.errors import DomainError


class EventKind(StrEnum):
    FORUM = "forum"
    PRESENTATION = "presentation"
    RESULTS = "results"
    MEETING = "meeting"


KIND_LABELS = {
    EventKind.FORUM: _l("Forum"),
    EventKind.PRESENTATION: _l("Presentation"),
    EventKind.RESULTS: _l("Results announcement"),
    EventKind.MEETING: _l("Meeting"),
}


class EventState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    HELD = "held"


STATE_LABELS = {
    EventState.DRAFT: _l("Draft"),
    EventState.PUBLISHED: _l("Published"),
    EventState.CANCELLED: _l("Cancelled"),
    EventState.HELD: _l("Held"),
}

# action -> (the states it may start from, the state it leads to)
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({EventState.DRAFT}), EventState.PUBLISHED),
    "cancel": (frozenset({EventState.DRAFT, EventState.PUBLISHED}), EventState.CANCELLED),
    "held": (frozenset({EventState.PUBLISHED}), EventState.HELD),
}
PUBLIC_STATES = frozenset({EventState.PUBLISHED, EventState.CANCELLED, EventState.HELD})


class Presents(StrEnum):
    NOTHING = ""
    ROADMAP = "roadmap"  # a revision of the regional roadmap or of a national adaptation
    OVERVIEW = "overview"  # the research overview of the catalog
    COMPETITION = "competition"  # a competition's results, named by the competition's slug


PRESENTS_LABELS = {
    Presents.NOTHING: _l("Nothing in particular"),
    Presents.ROADMAP: _l("A roadmap revision"),
    Presents.OVERVIEW: _l("The research overview"),
    Presents.COMPETITION: _l("A competition's results"),
}


class RegistrationState(StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


REGISTRATION_LABELS = {
    RegistrationState.REGISTERED: _l("Registered"),
    RegistrationState.WAITING: _l("On the waiting list"),
    RegistrationState.CANCELLED: _l("Cancelled"),
}

# The online link is shown to registered participants from this long before the start.
LINK_SHOWN_BEFORE = timedelta(minutes=30)
# Reminders, earliest first: a day and an hour before the start.
REMINDERS: tuple[tuple[str, timedelta], ...] = (("day", timedelta(days=1)), ("hour", timedelta(hours=1)))
MAX_SLUG = 80
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"new", "calendar", "mine"})
MAX_CAPACITY = 100_000


def next_state(state: str, action: str) -> str:
    """The state `action` leads to from `state`; a move that is not allowed is refused."""
    allowed_from, target = STEPS[action]
    if state not in allowed_from:
        raise DomainError(_l("This event cannot be changed that way now."))
    return target


def check_times(starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise DomainError(_l("The end must come after the start."), field="ends_local")


def registration_open(state: str, starts_at: datetime, now: datetime) -> bool:
    return state == EventState.PUBLISHED and now < starts_at


def seat_or_wait(taken: int, capacity: int | None) -> str:
    """Where a new registration goes: a seat while there is one, the waiting list after."""
    if capacity is None or taken < capacity:
        return RegistrationState.REGISTERED
    return RegistrationState.WAITING


def link_shown(state: str, registration_state: str | None, starts_at: datetime, ends_at: datetime,
               now: datetime) -> bool:
    """The online link: to registered participants (not those waiting), from shortly before the
    start until the end, of an event that is still on."""
    return (state == EventState.PUBLISHED and registration_state == RegistrationState.REGISTERED
            and starts_at - LINK_SHOWN_BEFORE <= now < ends_at)


def link_shown_from(starts_at: datetime) -> datetime:
    return starts_at - LINK_SHOWN_BEFORE


def due_reminders(starts_at: datetime, now: datetime) -> list[str]:
    """The reminders whose time has come for an event not yet started, earliest first."""
    if now >= starts_at:
        return []
    return [kind for kind, before in REMINDERS if now >= starts_at - before]


def reminder_to_send(starts_at: datetime, now: datetime) -> str | None:
    """Of the due reminders, the one worth sending: the latest (a day's reminder that is late
    because someone registered an hour before is not sent as well as the hour's)."""
    due = due_reminders(starts_at, now)
    return due[-1] if due else None


def slug_problem(slug: str):
    if len(slug) > MAX_SLUG or not SLUG_PATTERN.match(slug):
        return _l("Use lower-case Latin letters, digits and hyphens.")
    if slug in RESERVED_SLUGS:
        return _l("This address is reserved; choose another one.")
    return None


def slugify(title: str) -> str:
    """An event's address from its title, in Latin letters (room is left for a "-2")."""
    return slugs.slugify(title, "event", RESERVED_SLUGS)

"""iCalendar files: one per event, and the feed of every public event that calendar applications
subscribe to. UIDs are stable (the event's id and the site's host), SEQUENCE and LAST-MODIFIED
move when the event moves, and a cancelled event stays in the feed with STATUS:CANCELLED, so a
subscribed calendar removes it. The online link is never in them: it is for registered people."""
from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ccan_web.blueprints.events.models import Event
from ccan_web.domain.events import EventState
from ccan_web.notifications.services import site_path

PRODID = "-//CCAN//Online events//EN"


def uid_of(event: Event) -> str:
    host = urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "ccan"
    return f"event-{event.id}@{host}"


def _entry(event: Event) -> CalendarEvent:
    page = current_app.config["PUBLIC_BASE_URL"] + site_path("events.event_detail", slug=event.slug)
    entry = CalendarEvent()
    entry.add("uid", uid_of(event))
    entry.add("dtstamp", event.updated_at.astimezone(UTC))
    entry.add("last-modified", event.updated_at.astimezone(UTC))
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.starts_at.replace(tzinfo=UTC))
    entry.add("dtend", event.ends_at.replace(tzinfo=UTC))
    entry.add("summary", event.title)
    description = event.description
    if event.state == EventState.CANCELLED and event.cancel_reason:
        description = _("Cancelled: %(reason)s", reason=event.cancel_reason) + "\n\n" + description
    entry.add("description", f"{description}\n\n{page}".strip())
    entry.add("url", page)
    entry.add("location", _("Online; registered participants get the link on the event's page"))
    entry.add("status", "CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED")
    return entry


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def event_file(event: Event) -> bytes:
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_entry(event))
    return calendar.to_ical()


def feed(events: list[Event]) -> bytes:
    calendar = _calendar(_("CCAN online events"))
    for event in events:
        calendar.add_component(_entry(event))
    return calendar.to_ical()

"""The iCalendar files, read back by the icalendar library as calendar applications read them."""
from __future__ import annotations

from datetime import UTC, timedelta

import icalendar

from ccan_web.blueprints.events import services
from tests.events.conftest import event_data


def _events(body: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(body)
    return [c for c in calendar.walk("VEVENT")]


def test_an_event_file_names_the_event_in_utc_with_a_stable_uid(client, make_event):
    event = make_event(zone="Asia/Bishkek")
    response = client.get(f"/events/{event.slug}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    (entry,) = _events(response.data)
    assert str(entry["UID"]) == f"event-{event.id}@localhost"
    assert entry.decoded("DTSTART") == event.starts_at.replace(tzinfo=UTC)
    assert entry.decoded("DTEND") == event.ends_at.replace(tzinfo=UTC)
    assert str(entry["SUMMARY"]) == "Research forum"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert int(entry["SEQUENCE"]) == 0
    assert str(entry["URL"]) == f"http://localhost/events/{event.slug}"
    assert "meet.example" not in response.get_data(as_text=True)  # the online link is for registered people


def test_moving_an_event_moves_its_sequence_and_last_modified_and_keeps_its_uid(client, make_event, factories, db):
    board = factories.board_member()
    event = make_event(board=board)
    (before,) = _events(client.get(f"/events/{event.slug}.ics").data)
    services.update_event(event, event_data(at=event.starts_at - timedelta(days=2)), board)  # a day later
    db.session.commit()
    (after,) = _events(client.get(f"/events/{event.slug}.ics").data)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + timedelta(days=1)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")


def test_the_feed_holds_every_public_event_and_a_cancelled_one_says_so(client, make_event):
    on = make_event(slug="on")
    off = make_event(slug="off", state="cancelled")
    make_event(slug="draft-one", state="draft")
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "CCAN online events"
    entries = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(entries) == {f"event-{on.id}@localhost", f"event-{off.id}@localhost"}
    cancelled = entries[f"event-{off.id}@localhost"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1
    assert "The speakers are ill." in str(cancelled["DESCRIPTION"])


def test_a_draft_has_no_calendar_file(client, make_event):
    draft = make_event(state="draft")
    assert client.get(f"/events/{draft.slug}.ics").status_code == 404
    assert client.get("/events/no-such-event.ics").status_code == 404

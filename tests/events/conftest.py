"""Fixtures of the online events: a clock the test sets, and events made through the services."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ccan_web.blueprints.events import services
from ccan_web.blueprints.events.services import EventData

T0 = datetime(2026, 12, 6, 9, 0)  # naive UTC, as event times are stored


@pytest.fixture
def clock(monkeypatch):
    """The events' clock ("now", naive UTC), set by the test: `clock.set(moment)`, `clock.move(delta)`."""
    class Clock:
        moment = T0

        def set(self, moment):
            self.moment = moment

        def move(self, delta):
            self.moment = self.moment + delta

    found = Clock()
    monkeypatch.setattr(services, "now", lambda: found.moment)
    from ccan_web.blueprints.events import registrations

    monkeypatch.setattr(registrations, "now", lambda: found.moment)
    return found


def event_data(starts_in: timedelta = timedelta(days=3), length: timedelta = timedelta(hours=2),
               zone: str = "Asia/Almaty", at: datetime = T0, **changes) -> EventData:
    """An event starting `starts_in` after `at`, its times given on the clock of `zone`."""
    from ccan_web.domain.zones import local_input

    starts = at + starts_in
    values = dict(title="Research forum", kind="forum", zone=zone, starts_local=local_input(starts, zone),
                  ends_local=local_input(starts + length, zone), description="The **research** results.",
                  online_link="https://meet.example/ccan-forum", languages=("en", "ru"),
                  speakers="Aigerim, Board\nSarah, British Council", presents="overview")
    values.update(changes)
    return EventData(**values)


@pytest.fixture
def make_event(db, factories, clock):
    """`make_event(state="published", capacity=None, **data)`: an event through the services."""
    def make(state: str = "published", board=None, **changes):
        board = board or factories.board_member(email=f"board{datetime.now().timestamp()}@example.kz")
        event = services.create_event(event_data(at=clock.moment, **changes), board)
        if state in ("published", "held", "cancelled"):
            services.take_step(event, "publish", board)
        if state == "cancelled":
            services.take_step(event, "cancel", board, "The speakers are ill.")
        db.session.commit()
        return event

    return make

"""Registrations that race, on SQLite and on PostgreSQL: the last seat taken by several people at
the same instant goes to one, the same email twice at once makes one registration, and two
cancellations at once hand their seats to two different people waiting."""
from __future__ import annotations

import sqlalchemy as sa

from ccan_web.blueprints.events import registrations
from ccan_web.blueprints.events.models import Event, Registration
from ccan_web.blueprints.events.registrations import RegistrationData
from tests.test_concurrency import run_together


def test_the_last_seat_taken_at_once_is_given_once(app, db, make_event):
    event = make_event(capacity=1)
    slug, event_id = event.slug, event.id  # read before the threads: the test's session is not theirs
    db.session.commit()
    clients = [app.test_client() for _ in range(4)]
    statuses = run_together(*[lambda c=c, n=n: c.post(f"/events/{slug}/register", data={
        "name": f"Racer {n}", "email": f"racer{n}@example.org"}).status_code for n, c in enumerate(clients)])
    assert statuses == [303] * 4
    db.session.rollback()
    states = sorted(db.session.scalars(sa.select(Registration.state)))
    assert states == ["registered", "waiting", "waiting", "waiting"]
    assert db.session.get(Event, event_id).seats_taken == 1


def test_one_email_twice_at_once_makes_one_registration(app, db, make_event):
    event = make_event(capacity=10)
    slug, event_id = event.slug, event.id
    db.session.commit()
    clients = [app.test_client() for _ in range(3)]
    statuses = run_together(*[lambda c=c: c.post(f"/events/{slug}/register", data={
        "name": "Same Person", "email": "same@example.org"}).status_code for c in clients])
    assert sorted(statuses) == [303, 422, 422]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert db.session.get(Event, event_id).seats_taken == 1


def test_two_cancellations_at_once_promote_two_different_people(app, db, make_event):
    event = make_event(capacity=2)
    seats = [registrations.register(event, RegistrationData(f"Seat {n}", f"seat{n}@example.org")) for n in (1, 2)]
    for n in (1, 2, 3):
        registrations.register(event, RegistrationData(f"Wait {n}", f"wait{n}@example.org"))
    db.session.commit()
    tokens = [registrations.token_for(seat) for seat in seats]
    slug, event_id = event.slug, event.id
    db.session.commit()
    clients = [app.test_client() for _ in tokens]
    statuses = run_together(*[lambda c=c, t=t: c.post(f"/events/{slug}/r/{t}/cancel").status_code
                              for c, t in zip(clients, tokens)])
    assert statuses == [303, 303]
    db.session.rollback()
    states = dict(db.session.execute(sa.select(Registration.email, Registration.state)).all())
    assert states == {"seat1@example.org": "cancelled", "seat2@example.org": "cancelled",
                      "wait1@example.org": "registered", "wait2@example.org": "registered",
                      "wait3@example.org": "waiting"}
    assert db.session.get(Event, event_id).seats_taken == 2

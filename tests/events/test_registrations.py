"""Registering: a seat or the waiting list, one per email, refused after the start; the personal
link; cancelling moves the waiting list up and tells the person promoted."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.events import registrations
from ccan_web.blueprints.events.models import Event, Registration
from ccan_web.blueprints.events.registrations import BadLink, RegistrationData
from ccan_web.domain.errors import DomainError


def guest(n: int = 1, **changes) -> RegistrationData:
    values = dict(name=f"Guest {n}", email=f"guest{n}@media.example", organisation="Asia Media", country="KG")
    values.update(changes)
    return RegistrationData(**values)


def test_a_guest_registers_and_is_sent_a_confirmation_with_the_personal_link(db, make_event, outbox, app):
    event = make_event(capacity=10)
    registration = registrations.register(event, guest(), locale="en")
    db.session.commit()
    assert registration.state == "registered"
    assert db.session.get(Event, event.id).seats_taken == 1
    mail = outbox("guest1@media.example")
    assert len(mail) == 1 and mail[0].subject == "You are registered: Research forum"
    token = registrations.token_for(registration)
    assert f"http://localhost/events/{event.slug}/r/{token}" in mail[0].body
    assert "http://localhost/events/research-forum.ics" in mail[0].body
    assert "meet.example" not in mail[0].body  # the link is on the personal page, near the time
    assert "9 December 2026, 14:00 (Almaty, GMT+05:00)" in mail[0].body  # the event's own clock


def test_the_confirmation_is_written_in_the_language_of_the_registration(db, make_event, outbox):
    event = make_event()
    registrations.register(event, guest(), locale="ru")
    db.session.commit()
    assert outbox()[0].subject.startswith("Вы зарегистрированы")


def test_a_member_registration_is_tied_to_the_account(db, make_event, factories):
    member = factories.member(email="m@example.kz", full_name="Marat Member")
    event = make_event()
    registration = registrations.register(event, guest(email="M@example.kz", name="Marat Member"), member)
    db.session.commit()
    assert registration.user_id == member.id and registration.email == "m@example.kz"
    assert registrations.registration_of(event, member).id == registration.id


def test_after_capacity_registrations_join_the_waiting_list(db, make_event, outbox):
    event = make_event(capacity=2)
    states = [registrations.register(event, guest(n)).state for n in range(1, 5)]
    db.session.commit()
    assert states == ["registered", "registered", "waiting", "waiting"]
    assert db.session.get(Event, event.id).seats_taken == 2
    assert outbox("guest3@media.example")[0].subject == "You are on the waiting list: Research forum"


def test_the_same_email_twice_is_refused_and_nothing_changes(db, make_event, outbox):
    event = make_event(capacity=5)
    registrations.register(event, guest())
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        registrations.register(event, guest(email="GUEST1@media.example "))
    db.session.rollback()
    assert refused.value.field == "email"
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert db.session.get(Event, event.id).seats_taken == 1
    assert len(outbox()) == 1


def test_registration_after_the_start_is_refused(db, make_event, clock):
    event = make_event(starts_in=timedelta(hours=1))
    clock.move(timedelta(hours=1))
    with pytest.raises(DomainError, match="has started"):
        registrations.register(event, guest())
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_a_draft_or_cancelled_event_takes_no_registrations(db, make_event):
    for state in ("draft", "cancelled"):
        event = make_event(state=state, slug=f"event-{state}")
        with pytest.raises(DomainError):
            registrations.register(event, guest())
        db.session.rollback()


def test_cancelling_a_seat_moves_the_waiting_list_up_and_tells_the_person(db, make_event, outbox):
    event = make_event(capacity=1)
    first = registrations.register(event, guest(1))
    second = registrations.register(event, guest(2))
    third = registrations.register(event, guest(3))
    db.session.commit()
    registrations.cancel(first)
    db.session.commit()
    assert [db.session.get(Registration, r.id).state for r in (first, second, third)] == [
        "cancelled", "registered", "waiting"]
    assert db.session.get(Event, event.id).seats_taken == 1
    assert outbox("guest2@media.example")[-1].subject == "A seat is yours: Research forum"
    assert outbox("guest1@media.example")[-1].subject == "Your registration is cancelled: Research forum"


def test_cancelling_with_nobody_waiting_frees_the_seat(db, make_event):
    event = make_event(capacity=1)
    first = registrations.register(event, guest(1))
    db.session.commit()
    registrations.cancel(first)
    db.session.commit()
    assert db.session.get(Event, event.id).seats_taken == 0
    assert registrations.register(event, guest(2)).state == "registered"


def test_cancelling_a_waiting_place_keeps_the_seats(db, make_event):
    event = make_event(capacity=1)
    registrations.register(event, guest(1))
    waiting = registrations.register(event, guest(2))
    db.session.commit()
    registrations.cancel(waiting)
    db.session.commit()
    assert db.session.get(Event, event.id).seats_taken == 1
    with pytest.raises(DomainError, match="already"):
        registrations.cancel(waiting)


def test_a_cancelled_person_may_register_again_and_joins_the_end_of_the_queue(db, make_event):
    event = make_event(capacity=1)
    registrations.register(event, guest(1))
    waiting = registrations.register(event, guest(2))
    registrations.register(event, guest(3))
    registrations.cancel(waiting)
    again = registrations.register(event, guest(2))
    db.session.commit()
    assert again.id == waiting.id and again.state == "waiting"
    first = db.session.scalar(sa.select(Registration).where(Registration.email == "guest1@media.example"))
    registrations.cancel(first)
    db.session.commit()
    promoted = db.session.scalar(sa.select(Registration).where(Registration.state == "registered"))
    assert promoted.email == "guest3@media.example"


def test_more_seats_move_the_waiting_list_up(db, make_event, factories):
    from ccan_web.blueprints.events import services
    from tests.events.conftest import event_data

    board = factories.board_member()
    event = make_event(capacity=1, board=board)
    for n in range(1, 4):
        registrations.register(event, guest(n))
    db.session.commit()
    services.update_event(event, event_data(at=event.starts_at - timedelta(days=3), capacity=3), board)
    db.session.commit()
    assert db.session.get(Event, event.id).seats_taken == 3
    assert {r.state for r in db.session.scalars(sa.select(Registration))} == {"registered"}


def test_fewer_seats_than_registered_is_refused(db, make_event, factories):
    from ccan_web.blueprints.events import services
    from tests.events.conftest import event_data

    board = factories.board_member()
    event = make_event(capacity=3, board=board)
    for n in range(1, 3):
        registrations.register(event, guest(n))
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.update_event(event, event_data(at=event.starts_at - timedelta(days=3), capacity=1), board)
    assert refused.value.field == "capacity"


def test_a_tampered_or_foreign_personal_link_is_refused(db, make_event):
    event = make_event(slug="one")
    other = make_event(slug="two")
    registration = registrations.register(event, guest())
    db.session.commit()
    token = registrations.token_for(registration)
    assert registrations.by_token(event, token).id == registration.id
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "not-a-token", ""):
        with pytest.raises(BadLink):
            registrations.by_token(event, bad)
    with pytest.raises(BadLink):
        registrations.by_token(other, token)


def test_the_link_is_revealed_to_registered_people_30_minutes_before(db, make_event, clock):
    event = make_event(capacity=1, starts_in=timedelta(hours=2))
    seat = registrations.register(event, guest(1))
    waiting = registrations.register(event, guest(2))
    db.session.commit()
    assert not registrations.link_shown(event, seat)
    clock.set(event.starts_at - timedelta(minutes=30))
    assert registrations.link_shown(event, seat)
    assert not registrations.link_shown(event, waiting)
    assert not registrations.link_shown(event, None)


def test_bad_fields_are_each_named(db, make_event):
    event = make_event()
    with pytest.raises(DomainError) as refused:
        registrations.register(event, RegistrationData(name="", email="not-an-email", country="FR"))
    assert {p.field for p in refused.value.problems} == {"name", "email", "country"}

"""Reminders a day and an hour before, from the periodic job, with an injected clock: each sent
once, none to people waiting, none late, and nothing lost when a run dies before its commit."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ccan_web import jobs
from ccan_web.blueprints.events import registrations
from ccan_web.blueprints.events.models import ReminderSent
from ccan_web.blueprints.events.registrations import RegistrationData, send_due_reminders


def _register(event, n: int):
    return registrations.register(event, RegistrationData(f"Guest {n}", f"g{n}@example.org"))


def _subjects(outbox, email):
    return [m.subject for m in outbox(email)]


def test_a_day_and_an_hour_before_each_registered_person_is_reminded_once(db, make_event, clock, outbox):
    event = make_event(capacity=1, starts_in=timedelta(days=3))
    _register(event, 1)
    _register(event, 2)  # waiting: no reminders
    db.session.commit()
    clock.set(event.starts_at - timedelta(days=1, minutes=1))
    assert send_due_reminders() == 0
    clock.set(event.starts_at - timedelta(days=1))
    assert send_due_reminders() == 1
    db.session.commit()
    assert send_due_reminders() == 0  # not twice
    clock.set(event.starts_at - timedelta(minutes=55))
    assert send_due_reminders() == 1
    db.session.commit()
    clock.set(event.starts_at - timedelta(minutes=5))
    assert send_due_reminders() == 0
    clock.set(event.starts_at + timedelta(minutes=5))
    assert send_due_reminders() == 0
    assert _subjects(outbox, "g1@example.org")[1:] == ["Tomorrow: Research forum", "In an hour: Research forum"]
    assert _subjects(outbox, "g2@example.org") == ["You are on the waiting list: Research forum"]


def test_someone_registering_an_hour_before_gets_no_late_day_reminder(db, make_event, clock, outbox):
    event = make_event(starts_in=timedelta(days=3))
    clock.set(event.starts_at - timedelta(hours=2))
    _register(event, 1)
    db.session.commit()
    clock.set(event.starts_at - timedelta(minutes=50))
    assert send_due_reminders() == 1
    db.session.commit()
    assert _subjects(outbox, "g1@example.org") == ["You are registered: Research forum", "In an hour: Research forum"]


def test_a_worker_killed_before_its_commit_loses_nothing(db, make_event, clock, outbox):
    event = make_event(starts_in=timedelta(days=3))
    _register(event, 1)
    db.session.commit()
    clock.set(event.starts_at - timedelta(hours=20))
    assert send_due_reminders() == 1
    db.session.rollback()  # the run dies before its commit: neither the record nor the mail stays
    assert db.session.scalar(sa.select(sa.func.count(ReminderSent.id))) == 0
    assert send_due_reminders() == 1
    db.session.commit()
    assert _subjects(outbox, "g1@example.org")[-1] == "Tomorrow: Research forum"


def test_no_reminders_for_a_cancelled_event(db, make_event, clock):
    event = make_event(starts_in=timedelta(days=3))
    _register(event, 1)
    db.session.commit()
    from ccan_web.blueprints.events import services

    services.take_step(event, "cancel", None, "No speakers.")
    db.session.commit()
    clock.set(event.starts_at - timedelta(hours=20))
    assert send_due_reminders() == 0


def test_the_reminders_run_on_the_job_queue_every_five_minutes(app):
    assert "events.reminders" in jobs.PERIODIC
    assert jobs.PERIODIC["events.reminders"].schedule == {"minute": "*/5"}
    assert "ccan_web.blueprints.events.registrations" in jobs.TASK_MODULES

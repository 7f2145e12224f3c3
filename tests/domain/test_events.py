"""The pure rules of online events: moves between states, seats, the link's reveal, reminders."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ccan_web.domain import events as rules
from ccan_web.domain.errors import DomainError

START = datetime(2026, 3, 30, 10, 0)
END = START + timedelta(hours=2)


@pytest.mark.parametrize(("state", "action", "target"), [
    ("draft", "publish", "published"), ("draft", "cancel", "cancelled"),
    ("published", "cancel", "cancelled"), ("published", "held", "held")])
def test_allowed_moves(state, action, target):
    assert rules.next_state(state, action) == target


@pytest.mark.parametrize(("state", "action"), [
    ("published", "publish"), ("held", "cancel"), ("cancelled", "publish"), ("draft", "held"), ("held", "held")])
def test_moves_that_are_not_allowed_are_refused(state, action):
    with pytest.raises(DomainError):
        rules.next_state(state, action)


def test_the_end_must_come_after_the_start():
    rules.check_times(START, END)
    for end in (START, START - timedelta(minutes=1)):
        with pytest.raises(DomainError) as refused:
            rules.check_times(START, end)
        assert refused.value.field == "ends_local"


def test_a_seat_while_there_is_one_then_the_waiting_list():
    assert rules.seat_or_wait(0, 2) == "registered"
    assert rules.seat_or_wait(1, 2) == "registered"
    assert rules.seat_or_wait(2, 2) == "waiting"
    assert rules.seat_or_wait(10_000, None) == "registered"


def test_registration_is_open_until_the_start_of_a_published_event():
    assert rules.registration_open("published", START, START - timedelta(seconds=1))
    assert not rules.registration_open("published", START, START)
    assert not rules.registration_open("draft", START, START - timedelta(days=1))
    assert not rules.registration_open("cancelled", START, START - timedelta(days=1))


def test_the_link_is_shown_to_registered_people_from_30_minutes_before_until_the_end():
    shown = lambda at, who="registered", state="published": rules.link_shown(state, who, START, END, at)  # noqa: E731
    assert not shown(START - timedelta(minutes=31))
    assert shown(START - timedelta(minutes=30))
    assert shown(START + timedelta(hours=1))
    assert not shown(END)
    assert not shown(START, who="waiting")
    assert not shown(START, who="cancelled")
    assert not shown(START, who=None)
    assert not shown(START, state="cancelled")
    assert rules.link_shown_from(START) == START - timedelta(minutes=30)


def test_reminders_are_due_a_day_and_an_hour_before():
    assert rules.due_reminders(START, START - timedelta(days=2)) == []
    assert rules.due_reminders(START, START - timedelta(days=1)) == ["day"]
    assert rules.due_reminders(START, START - timedelta(minutes=59)) == ["day", "hour"]
    assert rules.due_reminders(START, START) == []
    assert rules.reminder_to_send(START, START - timedelta(hours=23)) == "day"
    assert rules.reminder_to_send(START, START - timedelta(minutes=10)) == "hour"
    assert rules.reminder_to_send(START, START + timedelta(minutes=1)) is None


def test_slugs():
    assert rules.slugify("Форум: итоги исследования 2026") == "forum-itogi-issledovaniya-2026"
    assert rules.slugify("new") == "event"
    assert rules.slug_problem("march-forum") is None
    assert rules.slug_problem("calendar") is not None
    assert rules.slug_problem("Bad Slug") is not None
    assert rules.slug_problem("a.ics") is not None

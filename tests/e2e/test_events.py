"""Online events in a real browser: a guest registers on a phone, receives the confirmation, opens
the personal link from it and sees the online link appear 30 minutes before the start; a member
finds the form filled in; the Board sees both in the participants list."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from tests.e2e.conftest import PHONE
from tests.events.conftest import clock, make_event  # noqa: F401  (the events' fixtures)
from tests.e2e.support import assert_no_sideways_scroll, assert_same_page, expect, mark_page, sign_in

SHOTS = Path("/work/tmp/shots/events")
ONLINE_LINK = "https://meet.example/ccan-forum"


def _personal_path(outbox, db, email: str) -> str:
    db.session.commit()  # what the live server wrote since
    (mail,) = outbox(email)
    assert mail.subject == "You are registered: Research forum"
    found = re.search(r"http://localhost(/events/[a-z0-9-]+/r/[A-Za-z0-9_.-]+)", mail.body)
    assert found, mail.body
    return found.group(1)


def test_a_guest_registers_receives_the_confirmation_and_sees_the_link_appear(new_browser_page, make_event, clock,
                                                                             outbox, db):
    event = make_event(capacity=5, starts_in=timedelta(hours=3))
    guest = new_browser_page(viewport=PHONE)
    guest.goto(f"/events/{event.slug}")
    assert_no_sideways_scroll(guest)
    expect(guest.locator(".event-when")).to_contain_text("Almaty")
    mark_page(guest)
    guest.get_by_label("Email").fill("not an address")
    guest.get_by_role("button", name="Register").click()
    expect(guest.locator("#name-error")).to_contain_text("This field is required.")
    assert_same_page(guest)  # the errors came in place, by htmx
    guest.get_by_label("Name").fill("Dana Journalist")
    guest.get_by_label("Email").fill("dana@news.example")
    guest.get_by_label("Organisation").fill("Asia News")
    guest.get_by_label("Country").select_option("KG")
    guest.get_by_role("button", name="Register").click()
    expect(guest.locator("#flash-messages")).to_contain_text("You are registered.")
    expect(guest.locator("#events-join")).to_contain_text("The online link appears here at")
    expect(guest.locator(f'a[href="{ONLINE_LINK}"]')).to_have_count(0)
    assert_no_sideways_scroll(guest)

    personal = _personal_path(outbox, db, "dana@news.example")
    later = new_browser_page(viewport=PHONE)  # another device: only the link from the email
    later.goto(personal)
    expect(later.locator("#events-join")).to_contain_text("Registered")
    expect(later.locator(f'a[href="{ONLINE_LINK}"]')).to_have_count(0)

    clock.set(event.starts_at - timedelta(minutes=29))
    later.reload()
    expect(later.locator(f'a[href="{ONLINE_LINK}"]')).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    later.screenshot(path=str(SHOTS / "e2e-personal-page-link-shown-390.png"), full_page=True)


def test_a_member_registers_with_the_form_filled_in_and_cancels_by_the_link(new_browser_page, make_event, factories,
                                                                           clock, outbox, db):
    member = factories.member(email="marat@example.kz", full_name="Marat Member")
    event = make_event(capacity=1, starts_in=timedelta(hours=3))
    page = new_browser_page()
    sign_in(page, member.email)
    page.goto(f"/events/{event.slug}")
    expect(page.get_by_label("Name")).to_have_value("Marat Member")
    expect(page.get_by_label("Email")).to_have_value("marat@example.kz")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#flash-messages")).to_contain_text("You are registered.")

    waiting = new_browser_page(viewport=PHONE)
    waiting.goto(f"/events/{event.slug}")
    waiting.get_by_label("Name").fill("Second Guest")
    waiting.get_by_label("Email").fill("second@news.example")
    waiting.get_by_role("button", name="Register").click()
    expect(waiting.locator("#flash-messages")).to_contain_text("waiting list")

    page.goto(_personal_path(outbox, db, "marat@example.kz"))
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.locator("#flash-messages")).to_contain_text("Your registration is cancelled.")

    clock.set(event.starts_at - timedelta(minutes=10))
    waiting.reload()
    expect(waiting.locator("#events-join")).to_contain_text("Registered")
    db.session.commit()
    assert outbox("second@news.example")[-1].subject == "A seat is yours: Research forum"


def test_the_board_writes_and_publishes_an_event_in_its_zone(new_browser_page, factories, clock, db):
    from tests.events.test_pages import _competition

    _competition(db, "success-cases-2026")  # an event presents only an announced competition
    board = factories.board_member(email="board@example.kz")
    page = new_browser_page()
    sign_in(page, board.email)
    page.goto("/events/new")
    page.get_by_label("Title").fill("Results of the success cases competition")
    page.get_by_label("Kind").select_option("results")
    page.get_by_label("Starts").fill("2026-12-20T15:00")
    page.get_by_label("Ends").fill("2026-12-20T14:00")
    page.get_by_label("Time zone of these times").select_option("Asia/Bishkek")
    page.locator("main").get_by_role("button", name="Save").click()
    expect(page.locator("#ends_local-error")).to_contain_text("The end must come after the start.")
    page.get_by_label("Ends").fill("2026-12-20T16:00")
    page.get_by_label("What it presents").select_option("competition")
    page.get_by_label("Competition's address").fill("success-cases-2026")
    page.locator("main").get_by_role("button", name="Save").click()
    expect(page.locator("#flash-messages")).to_contain_text("The draft is saved.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#flash-messages")).to_contain_text("The event is published.")
    page.goto("/events/results-of-the-success-cases-competition")
    expect(page.locator(".event-when")).to_contain_text("Bishkek, GMT+06:00")

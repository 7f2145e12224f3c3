"""Joining CCAN in a browser: apply with "Welcome to CCAN!", the Board approves, the member signs in."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ccan_web.blueprints.accounts.models import User
from tests.e2e.support import assert_same_page, expect, mark_page, sign_in, sign_out

APPLICANT_PASSWORD = "silk-road-lanterns-77"
COUNTRY_LABEL = re.compile(r"^Country\b")  # not the criterion that names the countries
MOTIVATION = "We run a film studio in Dushanbe and want to co-produce with studios across the region."


def fill_application(page, *, email="farrukh@studio.tj", full_name="Farrukh Nazarov", criteria=True):
    """Fill "Welcome to CCAN!" as an organisation from Tajikistan, the way a visitor would."""
    page.goto("/auth/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to CCAN!")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(APPLICANT_PASSWORD)
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Organisation", exact=True).check()
    page.get_by_label("Organisation name").fill("Pamir Frames Studio")
    page.get_by_label("Legal status").fill("LLC")
    page.get_by_label(COUNTRY_LABEL).select_option("TJ")
    page.get_by_label("City").fill("Dushanbe")
    page.get_by_label("Film and animation, VR/AR").check()
    page.get_by_label("Music", exact=True).check()
    page.get_by_label("Website").fill("https://pamirframes.example.org")
    page.get_by_label("Why do you want to join CCAN?").fill(MOTIVATION)
    if criteria:
        for box in page.locator("input[name=criteria]").all():
            box.check()


def submit_application(page) -> None:
    page.get_by_role("button", name="Send my application").click()


def membership_status(page):
    return page.locator("section.application-status")


def test_a_visitor_applies_the_board_approves_and_the_new_member_finds_the_directory(browser_page, factories):
    board_email = factories.board_member(full_name="Gulnara Abenova", country="KZ").email
    factories.member(full_name="Timur Rashidov", country="UZ", city="Samarkand")
    page = browser_page

    fill_application(page)
    submit_application(page)
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_text("Thank you for applying.")).to_be_visible()
    expect(membership_status(page).locator(".badge").first).to_have_text("Pending")
    expect(membership_status(page)).to_contain_text("is with the Board")
    sign_out(page)

    sign_in(page, board_email)
    page.goto("/board/applications")
    page.locator("#board-applications").get_by_role("link", name="Farrukh Nazarov").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Farrukh Nazarov")
    expect(page.locator("main")).to_contain_text("Pamir Frames Studio (LLC)")
    # Approving asks first; the confirmation posts through htmx, and with CSRF on, a request
    # without the token would get a 400. The signed token carries a timestamp, so it is read
    # from the question's own page: the one on the page before may differ by a second.
    page.get_by_role("button", name="Approve…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve Farrukh Nazarov?")
    csrf_token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    with page.expect_response(re.compile(r"/approve$")) as answer:
        page.get_by_role("button", name="Yes, approve").click()
    approval = answer.value
    sent = approval.request.all_headers()
    assert sent.get("hx-request") == "true"
    assert sent.get("x-csrftoken") == csrf_token
    assert approval.status == 204, approval.text()
    assert re.search(r"/board/applications/\d+$", approval.headers.get("hx-redirect", ""))

    expect(page.get_by_text("Farrukh Nazarov is now a member.")).to_be_visible()
    status_line = page.locator("main p").filter(has_text="Submitted on")
    expect(status_line.locator(".badge")).to_have_text("Approved")
    expect(page.get_by_role("button", name="Approve…")).to_have_count(0)
    sign_out(page)

    sign_in(page, "farrukh@studio.tj", APPLICANT_PASSWORD)
    expect(membership_status(page).locator(".badge").first).to_have_text("Approved")
    expect(membership_status(page)).to_contain_text("You are a member of CCAN since")
    # The bell says what happened: the application received, then approved.
    bell = page.locator("header a.bell")
    expect(bell).to_contain_text("2 unread notifications")
    expect(bell.locator(".badge")).to_have_text("2")
    bell.click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    page.locator("main").get_by_role("link", name="Welcome to CCAN: your membership is approved").click()
    expect(page).to_have_url(re.compile(r"/account$"))  # the page it speaks of, and it is read now
    expect(bell.locator(".badge")).to_have_text("1")
    page.goto("/notifications/")
    mark_page(page)
    page.get_by_role("button", name="Mark all as read").click()  # through htmx: the bell follows
    expect(bell).to_contain_text("none unread")
    expect(bell.locator(".badge")).to_have_count(0)
    assert_same_page(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Member directory")
    cards = page.locator("#members-results .member-card")
    expect(cards.filter(has_text="Farrukh Nazarov")).to_contain_text("Pamir Frames Studio")
    expect(cards.filter(has_text="Farrukh Nazarov")).to_contain_text("Dushanbe, Tajikistan")
    expect(cards.filter(has_text="Timur Rashidov")).to_contain_text("Samarkand, Uzbekistan")


def test_an_application_without_the_criteria_shows_the_error_there_and_keeps_what_was_typed(browser_page, db):
    page = browser_page
    fill_application(page, criteria=False)
    submit_application(page)

    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    criteria = page.locator("fieldset.choices:has(input[name=criteria])")
    expect(criteria.locator(".field-error")).to_have_text("Accept every membership criterion to apply.")
    expect(criteria).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Email")).to_have_value("farrukh@studio.tj")
    expect(page.get_by_label("Full name")).to_have_value("Farrukh Nazarov")
    expect(page.get_by_label("Organisation", exact=True)).to_be_checked()
    expect(page.get_by_label("Organisation name")).to_have_value("Pamir Frames Studio")
    expect(page.get_by_label(COUNTRY_LABEL)).to_have_value("TJ")
    expect(page.get_by_label("Film and animation, VR/AR")).to_be_checked()
    expect(page.get_by_label("Music", exact=True)).to_be_checked()
    expect(page.get_by_label("Why do you want to join CCAN?")).to_have_value(MOTIVATION)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_applying_with_an_email_already_in_use_says_so_beside_the_email_field(browser_page, factories, db):
    factories.member(email="farrukh@studio.tj", full_name="Someone Else")
    page = browser_page
    fill_application(page)
    submit_application(page)

    email_field = page.locator(".field:has(#email)")
    expect(email_field.locator(".field-error")).to_have_text(
        "An account with this email address already exists.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Full name")).to_have_value("Farrukh Nazarov")
    expect(page.get_by_label("City")).to_have_value("Dushanbe")
    expect(page.get_by_label("Why do you want to join CCAN?")).to_have_value(MOTIVATION)
    for box in page.locator("input[name=criteria]").all():
        expect(box).to_be_checked()
    db.session.rollback()
    names = db.session.scalars(sa.select(User.full_name)).all()
    assert names == ["Someone Else"]

"""htmx in a real browser: live search and filters swap their region in place; posts carry CSRF."""
from __future__ import annotations

import re

from tests.e2e.support import assert_same_page, expect, mark_page, sign_in

MEMBERS = [
    ("Aziza Karimova", "UZ", "Tashkent"),
    ("Bakyt Osmonov", "KG", "Bishkek"),
    ("Dilnoza Rahimova", "TJ", "Khujand"),
    ("Serik Nurlanov", "KZ", "Almaty"),
    ("Maral Atayeva", "TM", "Ashgabat"),
]


def is_htmx_get(path: str):
    return lambda request: (request.method == "GET" and path in request.url
                            and request.headers.get("hx-request") == "true")


def test_the_member_directory_narrows_as_the_member_types_without_reloading(browser_page, factories):
    people = [factories.member(full_name=name, country=country, city=city) for name, country, city in MEMBERS]
    viewer_email = people[0].email
    page = browser_page
    sign_in(page, viewer_email)
    page.goto("/members/")
    cards = page.locator("#members-results .member-card")
    expect(cards).to_have_count(len(MEMBERS))
    mark_page(page)

    with page.expect_request(is_htmx_get("/members/?")):
        page.locator("#members-q").press_sequentially("osmon", delay=30)
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Bakyt Osmonov")
    expect(page.locator("#members-count")).to_have_text("1 member found")  # the live region, swapped out of band
    expect(page).to_have_url(re.compile(r"[?&]q=osmon\b"))
    assert_same_page(page)

    page.locator("#members-q").fill("")
    expect(cards).to_have_count(len(MEMBERS))
    with page.expect_request(is_htmx_get("country=TJ")):
        page.locator('select[name="country"]').select_option("TJ")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Dilnoza Rahimova")
    expect(cards).to_contain_text("Khujand, Tajikistan")
    expect(page).to_have_url(re.compile(r"[?&]country=TJ\b"))
    assert_same_page(page)


def test_the_board_filters_applications_by_country_in_place(browser_page, factories):
    board_email = factories.board_member(full_name="Gulnara Abenova").email
    factories.applicant(full_name="Nodira Yusupova", country="UZ")
    factories.applicant(full_name="Ermek Sadykov", country="KG")
    factories.applicant(full_name="Rustam Saidov", country="TJ")
    page = browser_page
    sign_in(page, board_email)
    page.goto("/board/applications")
    rows = page.locator("#board-applications tbody tr")
    expect(rows).to_have_count(3)
    page.locator("#board-filters-summary").click()  # the filters wait behind a disclosure
    mark_page(page)

    with page.expect_request(is_htmx_get("country=KG")):
        page.locator('select[name="country"]').select_option("KG")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Ermek Sadykov")
    expect(rows).to_contain_text("Kyrgyzstan")
    expect(page.locator("#board-count")).to_have_text("1 application")
    expect(page).to_have_url(re.compile(r"[?&]country=KG\b"))
    assert_same_page(page)


def _open_pending_application(page, factories) -> None:
    board_email = factories.board_member(full_name="Gulnara Abenova").email
    factories.applicant(full_name="Nodira Yusupova", country="UZ")
    sign_in(page, board_email)
    page.goto("/board/applications")
    page.locator("#board-applications").get_by_role("link", name="Nodira Yusupova").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nodira Yusupova")
    page.get_by_role("button", name="Approve…").click()  # approving asks first, on a page of its own
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve Nodira Yusupova?")


def test_an_htmx_post_is_accepted_on_the_csrf_header_alone(browser_page, factories):
    """The form's hidden field is removed, so only the header that ccan.js adds carries the token."""
    page = browser_page
    _open_pending_application(page, factories)
    approve = page.locator("form[data-hx-post$='/approve']")
    approve.locator("input[name=csrf_token]").evaluate("input => input.remove()")

    with page.expect_response(re.compile(r"/approve$")) as answer:
        approve.get_by_role("button", name="Yes, approve", exact=True).click()
    assert answer.value.status == 204
    expect(page.get_by_text("Nodira Yusupova is now a member.")).to_be_visible()


def test_an_htmx_post_without_a_csrf_token_is_refused(browser_page, factories):
    """The counter-check: without any token the same click gets a 400 and nothing changes."""
    page = browser_page
    _open_pending_application(page, factories)
    approve = page.locator("form[data-hx-post$='/approve']")
    approve.locator("input[name=csrf_token]").evaluate("input => input.remove()")
    page.locator('meta[name="csrf-token"]').evaluate("meta => meta.remove()")
    mark_page(page)

    with page.expect_response(re.compile(r"/approve$")) as answer:
        approve.get_by_role("button", name="Yes, approve", exact=True).click()
    assert answer.value.status == 400
    assert_same_page(page)
    page.get_by_role("link", name="Back to the application").click()
    status_line = page.locator("main p").filter(has_text="Submitted on")
    expect(status_line.locator(".badge")).to_have_text("Pending")

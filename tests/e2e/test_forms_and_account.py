"""In the browser: a form sent back with errors opens on its error summary, whose links lead to
the fields; signing in lands on the account overview."""
from __future__ import annotations

import re

from tests.e2e.conftest import PHONE
from tests.e2e.support import expect, sign_in


def test_the_error_summary_takes_the_focus_and_links_to_each_field(browser_page):
    page = browser_page
    page.goto("/auth/register")
    page.get_by_label("Email").fill("firuza@example.tj")
    page.get_by_label("Website").fill("hunar.tj")
    page.get_by_role("button", name="Send my application").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(7)  # password, name, country, city, sectors, motivation, criteria
    expect(page.get_by_label("Website")).to_have_value("https://hunar.tj")  # completed, and kept

    summary.get_by_role("link", name=re.compile(r"^Full name")).click()
    expect(page.get_by_label("Full name")).to_be_focused()
    page.locator(".error-summary").get_by_role("link", name=re.compile(r"^Sectors")).click()
    expect(page.locator("#sectors-0")).to_be_focused()


def test_the_summary_on_a_phone_is_read_first(new_browser_page):
    page = new_browser_page(viewport=PHONE)
    page.goto("/auth/login")
    page.locator("main").get_by_role("button", name="Sign in").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()


def test_signing_in_lands_on_what_to_do_next(browser_page, factories):
    factories.board_member(email="aigerim@example.kz")
    factories.applicant()
    page = browser_page
    sign_in(page, "aigerim@example.kz")
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_role("heading", name="What you can do next")).to_be_visible()
    expect(page.locator(".next-steps")).to_contain_text("1 application is waiting for the Board.")
    expect(page.locator("input[name=full_name]")).to_have_count(0)
    page.get_by_role("link", name="Decide on applications").click()
    expect(page).to_have_url(re.compile(r"/board/applications$"))
    page.goto("/account")
    page.get_by_role("link", name="Profile and password").click()
    expect(page.get_by_label("Full name")).to_be_visible()


def test_a_form_with_its_error_summary_passes_the_accessibility_check(new_browser_page):
    from tests.e2e.test_accessibility import AXE, RUN_AXE

    for viewport in (None, PHONE):
        page = new_browser_page(bypass_csp=True, **({"viewport": viewport} if viewport else {}))  # to inject axe
        page.goto("/auth/register")
        page.locator("main").get_by_role("button", name="Send my application").click()
        expect(page.locator(".error-summary")).to_be_focused()
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE) == []
        width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= window

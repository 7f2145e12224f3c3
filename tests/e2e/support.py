"""What a person does in the browser again and again: sign in, sign out, check htmx kept the page.

Playwright is imported softly: without it the fixtures in conftest.py skip (or fail in CI) with
a clear reason instead of a collection error here.
"""
from __future__ import annotations

import re

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - reported by the chromium_browser fixture
    expect = None

from tests.factories import Factories

PAGE_MARKER = "__ccan_same_page"
# The header draws its menu twice (a bar, and the phone's disclosure); only one is visible.
SIGN_OUT_BUTTON = 'header form[action="/auth/logout"] button[type=submit]:visible'


def sign_in(page, email: str, password: str = Factories.PASSWORD) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    # Found by where they lead, not by their words: the account's language may already apply.
    expect(page.locator(SIGN_OUT_BUTTON)).to_be_visible()


def sign_out(page) -> None:
    page.locator(SIGN_OUT_BUTTON).click()
    expect(page.locator('header a[href="/auth/login"]:visible')).to_be_visible()


def mark_page(page) -> None:
    """Leave a mark in the window that a full page load would wipe out."""
    page.evaluate(f"window.{PAGE_MARKER} = 1")


def assert_same_page(page) -> None:
    assert page.evaluate(f"window.{PAGE_MARKER}") == 1, "the page was reloaded instead of swapped by htmx"


PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def assert_no_sideways_scroll(page) -> None:
    """Nothing on the page is wider than the window: the page never scrolls sideways. Measured once
    the page and its stylesheets have loaded: a navigation seen by its address may still be
    drawing without them."""
    page.wait_for_load_state("load")
    width, window = page.evaluate(PAGE_WIDTH)
    assert width <= window, f"{page.url} is {width} px wide in a {window} px window"

"""The frame every page shares, as a person meets it: the menu on a phone, links in boosted regions."""
from __future__ import annotations

import re

from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, expect, sign_in


def test_on_a_phone_the_menu_is_one_button_and_opens_with_every_link(new_browser_page):
    page = new_browser_page(PHONE)
    page.goto("/catalog/businesses")
    header = page.locator("header.site-header")
    assert header.bounding_box()["height"] <= 110  # was ~300 px of 844: ten links in four rows
    expect(page.locator(".site-nav")).to_be_hidden()
    menu = page.get_by_text("Menu", exact=True)
    expect(menu).to_be_visible()
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    expect(links.first).to_be_hidden()

    menu.click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("listitem")).to_have_count(8)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Catalog")).to_have_attribute(
        "aria-current", "page")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmap/$"))
    assert_no_sideways_scroll(page)


def test_the_phone_menu_opens_without_javascript(new_browser_page):
    page = new_browser_page(PHONE, java_script_enabled=False)
    page.goto("/")
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Search")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")).to_be_visible()


def test_on_a_wide_screen_the_menu_is_a_bar_and_there_is_no_menu_button(browser_page):
    page = browser_page
    page.goto("/")
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_count(8)


def test_a_member_opens_a_profile_from_the_directory_and_pages_through_it_in_place(browser_page, app, factories):
    viewer = factories.member(full_name="Aziza Karimova", country="UZ", city="Tashkent")
    for number in range(app.config["MEMBERS_PER_PAGE"] + 1):
        factories.member(full_name=f"Member {number:02d}", country="KG", city="Bishkek")
    page = browser_page
    sign_in(page, viewer.email)
    page.goto("/members/?country=KG")
    results = page.locator("#members-results")

    # The page links swap the results in place (only they are boosted) ...
    page.locator("#members-results").get_by_role("link", name=re.compile("Next")).click()
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
    expect(results.locator(".member-card")).to_have_count(1)

    # ... and a member's name opens the profile as a page of its own, not an empty list.
    name = results.locator(".member-card h2 a").first
    who = name.inner_text()
    name.click()
    expect(page).to_have_url(re.compile(r"/members/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(who)
    expect(page.locator("#members-results")).to_have_count(0)


def test_focus_rings_the_focused_field_only_and_clearly(browser_page):
    page = browser_page
    page.goto("/catalog/businesses")
    page.locator("#catalog-q").focus()
    page.wait_for_timeout(300)  # Pico eases box-shadow in
    form_shadow = page.locator("[role=search]").evaluate("form => getComputedStyle(form).boxShadow")
    field_shadow = page.locator("#catalog-q").evaluate("field => getComputedStyle(field).boxShadow")
    assert form_shadow == "none"  # Pico outlined the whole filter form
    assert field_shadow.endswith("3px"), field_shadow  # a 3 px ring, in full colour
    assert "rgba" not in field_shadow  # not Pico's 35 % teal

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert page.evaluate("() => document.activeElement.tagName") == "A"
    assert outline == "3px"

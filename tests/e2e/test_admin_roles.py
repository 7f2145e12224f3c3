"""Roles in the browser: an administrator finds a person as they type, grants a role after the
question asked in place, and the person holds it; without script the same takes page loads."""
from __future__ import annotations

import re

from sqlalchemy import select

from ccan_web.blueprints.accounts.models import RoleGrant
from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, assert_same_page, expect, mark_page, sign_in


def is_htmx_get(path: str):
    return lambda request: (request.method == "GET" and path in request.url
                            and request.headers.get("hx-request") == "true")


def test_an_administrator_finds_a_person_and_grants_a_role_in_place(browser_page, factories, db):
    admin_email = factories.user(full_name="Gulnara Abenova", roles=("admin",)).email
    person = factories.member(full_name="Zarina Sharipova", email="zarina@example.tj", country="TJ")
    factories.member(full_name="Aziz Rahimov", country="UZ")
    person_id = person.id
    page = browser_page
    sign_in(page, admin_email)
    page.goto("/board/applications")
    page.locator(".subnav").get_by_role("link", name="Roles").click()
    expect(page).to_have_url(re.compile(r"/admin/roles$"))
    mark_page(page)

    with page.expect_request(is_htmx_get("/admin/roles?")):
        page.locator("#admin-q").press_sequentially("sharip", delay=30)
    people = page.locator("#admin-people li")
    expect(people).to_have_count(1)
    expect(people).to_contain_text("zarina@example.tj")
    expect(page.locator("#admin-people-count")).to_have_text("1 person found")
    assert_same_page(page)

    page.locator("#admin-people").get_by_role("link", name="Zarina Sharipova").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roles of Zarina Sharipova")
    mark_page(page)
    page.get_by_label("Role", exact=True).select_option("association_officer")
    page.get_by_label("Country", exact=True).select_option("TJ")
    with page.expect_request(is_htmx_get("/grant?")):
        page.get_by_role("button", name="Grant…").click()
    confirm = page.locator("#admin-confirm")
    expect(confirm).to_contain_text("Grant Zarina Sharipova the role: Association officer for Tajikistan?")
    assert_same_page(page)  # the question opened in place
    db.session.rollback()
    assert not db.session.scalars(select(RoleGrant).where(RoleGrant.user_id == person_id,
                                                          RoleGrant.role == "association_officer")).all()

    confirm.get_by_role("button", name="Yes, grant").click()
    expect(page.locator("#flash-messages")).to_contain_text(
        "Zarina Sharipova now holds the role: Association officer for Tajikistan.")
    expect(page.locator("#admin-roles .admin-grants")).to_contain_text("Association officer for Tajikistan")
    db.session.rollback()
    [grant] = db.session.scalars(select(RoleGrant).where(RoleGrant.user_id == person_id,
                                                         RoleGrant.role == "association_officer")).all()
    assert grant.scope == "TJ"


def test_without_script_the_board_grants_through_a_confirmation_page_on_a_phone(new_browser_page, factories, db):
    board_email = factories.board_member(full_name="Dilnoza Karimova").email
    person_id = factories.member(full_name="Bakyt Omurov", country="KG").id
    page = new_browser_page(java_script_enabled=False)
    sign_in(page, board_email)
    page.set_viewport_size(PHONE)
    page.goto("/admin/roles?q=omurov")
    page.locator("#admin-people").get_by_role("link", name="Bakyt Omurov").click()
    assert_no_sideways_scroll(page)
    expect(page.get_by_label("Role", exact=True).locator("option")).to_have_count(4)  # "Choose a role" and the three the Board may grant
    page.get_by_label("Role", exact=True).select_option("editor")
    page.get_by_role("button", name="Grant…").click()
    expect(page).to_have_url(re.compile(rf"/admin/roles/people/{person_id}/grant\?role=editor"))
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Yes, grant").click()
    expect(page).to_have_url(re.compile(rf"/admin/roles/people/{person_id}$"))
    expect(page.locator("#flash-messages")).to_contain_text("Bakyt Omurov now holds the role: Editor.")

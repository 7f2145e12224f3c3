"""The editors' and the Board's screens in a real browser: a decision brings up the next entry in place,
a missing note is said beside it, and approving a member is confirmed first, on a phone too."""
from __future__ import annotations

import re

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, assert_same_page, expect, mark_page, sign_in


def _waiting_entries(factories, db):
    member = factories.member(full_name="Nurlan Zhaksybekov")
    for name, country, city, sector in (("Steppe Sound", "KZ", "Almaty", "music"),
                                        ("Hunar Studio", "TJ", "Dushanbe", "theatre-dance")):
        submit_business(BusinessData(name=name, country=country, city=city, primary_sector=sector,
                                     source_kind="survey", source_detail="CCAN survey 2021"), member)
    db.session.commit()


def test_a_decision_brings_up_the_next_entry_without_leaving_the_queue(browser_page, factories, db):
    _waiting_entries(factories, db)
    editor_email = factories.user(roles=("editor",)).email
    page = browser_page
    sign_in(page, editor_email)
    page.goto("/catalog/moderation")
    card = page.locator("#moderation-current")
    expect(card).to_contain_text("Steppe Sound")
    expect(card).to_contain_text("Kazakhstan, Almaty")
    expect(card).to_contain_text("Survey: CCAN survey 2021")
    mark_page(page)

    # A rejection without a note: the error beside the note, the same entry still in front.
    card.get_by_role("button", name="Reject with the note").click()
    expect(card.locator(".field-error")).to_have_text("Give the submitter a reason.")
    expect(card.get_by_label("Note to the submitter")).to_have_attribute("aria-invalid", "true")
    expect(card).to_contain_text("Steppe Sound")

    card.get_by_label("Note to the submitter").fill("Add the studio's website, please.")
    card.get_by_role("button", name="Return with the note").click()
    expect(page.locator("#catalog-moderation .flash--success")).to_have_text("Returned to the submitter with your note.")
    expect(card).to_contain_text("Hunar Studio")
    expect(card).to_contain_text("Tajikistan, Dushanbe")
    card.get_by_role("button", name="Publish").click()
    expect(page.locator("#catalog-moderation")).to_contain_text("No entry is waiting.")
    expect(page).to_have_url(re.compile(r"/catalog/moderation$"))
    assert_same_page(page)


def test_the_board_approves_only_after_confirming_on_a_phone(new_browser_page, factories):
    board_email = factories.board_member(full_name="Gulnara Abenova").email
    factories.applicant(full_name="Nodira Yusupova", country="UZ")
    page = new_browser_page()
    sign_in(page, board_email)  # at the width whose header shows "Sign out"; then the phone
    page.set_viewport_size(PHONE)
    page.goto("/board/applications")
    expect(page.locator("#board-filters-summary")).to_be_visible()
    expect(page.locator('select[name="country"]')).to_be_hidden()  # filters behind the disclosure
    row = page.locator("#board-applications tbody tr").first
    expect(row.locator('td[data-label="Submitted"]')).to_be_visible()
    expect(row.locator('td[data-label="Status"] .badge')).to_be_in_viewport()
    assert_no_sideways_scroll(page)

    row.get_by_role("link", name="Nodira Yusupova").click()
    page.get_by_role("button", name="Approve…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve Nodira Yusupova?")
    expect(page.locator("main")).to_contain_text("makes Nodira Yusupova a member of CCAN at once")
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nodira Yusupova")
    expect(page.locator("main .badge").first).to_have_text("Pending")

    page.get_by_role("button", name="Approve…").click()
    page.get_by_role("button", name="Yes, approve").click()
    expect(page.get_by_text("Nodira Yusupova is now a member.")).to_be_visible()


def test_without_javascript_the_queue_and_the_approval_still_work(new_browser_page, factories, db):
    _waiting_entries(factories, db)
    editor_email = factories.user(roles=("editor",)).email
    page = new_browser_page(java_script_enabled=False)
    sign_in(page, editor_email)
    page.goto("/catalog/moderation")
    page.locator("#moderation-current").get_by_role("button", name="Publish").click()
    expect(page).to_have_url(re.compile(r"/catalog/moderation$"))
    expect(page.locator("#flash-messages")).to_contain_text("Published.")
    expect(page.locator("#moderation-current")).to_contain_text("Hunar Studio")

    # The Board's approval question is a page of its own, and its form posts without script too.
    factories.applicant(full_name="Nodira Yusupova", country="UZ")
    board = new_browser_page(java_script_enabled=False)
    sign_in(board, factories.board_member().email)
    board.goto("/board/applications")
    board.locator("#board-applications").get_by_role("link", name="Nodira Yusupova").click()
    board.get_by_role("button", name="Approve…").click()
    board.get_by_role("button", name="Yes, approve").click()
    expect(board.locator("#flash-messages")).to_contain_text("Nodira Yusupova is now a member.")


def test_after_a_decision_the_keyboard_carries_on_from_the_next_entry(browser_page, factories, db):
    _waiting_entries(factories, db)
    editor_email = factories.user(roles=("editor",)).email
    page = browser_page
    sign_in(page, editor_email)
    page.goto("/catalog/moderation")
    page.locator("#moderation-current").get_by_role("button", name="Publish").click()
    expect(page.locator("#moderation-current")).to_contain_text("Hunar Studio")
    expect(page.locator("#moderation-current-heading")).to_be_focused()

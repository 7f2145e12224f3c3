"""An association in a real browser: its officer answers checklist items inline (with evidence),
declares the partnership, and the partner badge appears on /associations/."""
from __future__ import annotations

import pytest

from ccan_web.blueprints.associations import services
from ccan_web.blueprints.toolkit import checklists
from ccan_web.blueprints.toolkit import services as toolkit
from ccan_web.documents import services as documents
from tests.e2e.support import assert_no_sideways_scroll, assert_same_page, expect, mark_page, sign_in
from tests.e2e.test_accessibility import axe_page, violations  # noqa: F401 (a fixture)


def test_an_officer_answers_the_checklist_declares_the_partnership_and_gets_the_badge(browser_page, db, factories):
    board = factories.board_member()
    officer = factories.user(full_name="Dauren Abilkasymov", roles=("association_officer:KZ",))
    for slug, title in (("mission", "Mission"), ("principles", "Principles"), ("logo-use", "Logo-use terms")):
        entry = toolkit.create(slug, title, "standard", False, f"# {title}\n\nText.\n", board)
        documents.publish(entry.document, 1, board)
    checklist = toolkit.create("founding-checklist", "Founding checklist", "checklist", False, "# Checklist\n", board)
    documents.publish(checklist.document, 1, board)
    first = checklists.add_item(checklist, 1, "Initiative group formed", False, board)
    second = checklists.add_item(checklist, 1, "Aims agreed in writing", True, board)
    for step in ("initiative_group", "founding", "registered"):
        services.change_status("KZ", step, "", board)
    db.session.commit()

    page = browser_page
    sign_in(page, officer.email)
    page.goto("/associations/kz/dashboard")
    page.get_by_role("link", name="Founding checklist").first.click()
    mark_page(page)
    item = page.locator(f"#item-{second.id}")
    item.get_by_text("Answer", exact=True).click()
    item.get_by_label("Met", exact=True).check()
    item.get_by_label("Evidence link").fill("not a link")
    item.get_by_role("button", name="Save the answer").click()
    expect(page.locator(f"#item-{second.id}-evidence_url-error")).to_contain_text("Enter a full address")
    item = page.locator(f"#item-{second.id}")
    item.get_by_label("Evidence link").fill("https://creative-kz.example/aims.pdf")
    item.get_by_role("button", name="Save the answer").click()
    expect(page.locator(f"#item-{second.id}")).to_contain_text("answered by Dauren Abilkasymov")
    expect(page.locator("#associations-checklist-levels")).to_contain_text("Level 1: 1 of 2")
    item = page.locator(f"#item-{first.id}")
    item.get_by_text("Answer", exact=True).click()
    item.get_by_label("Met", exact=True).check()
    item.get_by_role("button", name="Save the answer").click()
    expect(page.locator("#associations-checklist-levels")).to_contain_text("Complete")
    assert_same_page(page)  # htmx swapped the items: the page never reloaded

    page.goto("/associations/kz/partnership")
    page.get_by_label("On behalf of the association").check()
    page.get_by_role("button", name="Declare the partnership").click()
    expect(page.locator("#flash-messages")).to_contain_text("the association is a CCAN partner")
    page.goto("/associations/")
    row = page.locator("tr", has=page.get_by_role("link", name="Kazakhstan"))
    expect(row.locator(".partner-badge")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_association_and_toolkit_pages_have_no_wcag_violations(axe_page, db, factories, width):
    from datetime import date, timedelta

    from ccan_web.blueprints.associations import reports

    board = factories.board_member()
    for slug, title in (("mission", "Mission"), ("principles", "Principles"), ("logo-use", "Logo-use terms")):
        entry = toolkit.create(slug, title, "standard", False, f"# {title}\n\nText.\n", board)
        documents.publish(entry.document, 1, board)
    checklist = toolkit.create("founding-checklist", "Founding checklist", "checklist", False, "# Checklist\n", board)
    documents.publish(checklist.document, 1, board)
    checklists.add_item(checklist, 1, "Initiative group formed", True, board)
    for step in ("initiative_group", "founding", "registered"):
        services.change_status("KZ", step, "", board)
    services.change_status("UZ", "initiative_group", "", board)
    reports.set_year(date.today().year, date.today() + timedelta(days=30), board)
    db.session.commit()
    page = axe_page("en", width)
    found = {path: violations(page, path) for path in ("/associations/", "/associations/kz", "/toolkit/",
                                                      "/toolkit/brand", "/toolkit/founding-checklist")}
    page.set_viewport_size({"width": 1280, "height": 900})  # the sign-out button sign_in looks for is in view
    sign_in(page, board.email)
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    for path in ("/associations/kz/dashboard", "/associations/kz/checklist/founding-checklist",
                 "/associations/kz/edit", "/associations/kz/status", "/associations/kz/partnership",
                 "/associations/reports", "/toolkit/new", "/toolkit/founding-checklist/items"):
        found[path] = violations(page, path)
    found = {path: problems for path, problems in found.items() if problems}
    assert found == {}, found

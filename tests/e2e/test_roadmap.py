"""The roadmap in a real browser: live preview, two editors on one section, an officer's pull."""
from __future__ import annotations

import re

from ccan_web.documents import services as documents
from tests.e2e.support import assert_same_page, expect, mark_page, sign_in

ROADMAP = """# Creative economy roadmap for Central Asia

## Education
Open design schools in every capital.

## Finance
Create a regional fund for creative start-ups.
"""


def make_roadmap(db, author):
    document = documents.create_document("regional", "roadmap", "Regional roadmap", ROADMAP, author)
    db.session.commit()
    return document


def test_the_preview_follows_the_text_as_it_is_typed(browser_page, db, factories):
    editor = factories.user(roles=("roadmap_editor",))
    make_roadmap(db, editor)
    page = browser_page
    sign_in(page, editor.email)
    page.goto("/roadmap/regional/edit")
    preview = page.locator("#document-preview")
    expect(preview.locator("h2", has_text="Education")).to_be_visible()
    mark_page(page)
    page.locator("#body").press("End")
    page.locator("#body").press_sequentially("\n## Monitoring\nA yearly report.", delay=10)
    expect(preview.locator("h2", has_text="Monitoring")).to_be_visible()
    assert_same_page(page)


def test_two_editors_change_the_same_passage_and_the_second_resolves_it(new_browser_page, db, factories):
    first_editor = factories.user(full_name="Aigerim Sarsenbaikyzy", roles=("board",))
    second_editor = factories.user(full_name="Cholpon Sydykova", roles=("roadmap_editor",))
    document = make_roadmap(db, first_editor)
    first, second = new_browser_page(), new_browser_page()
    sign_in(first, first_editor.email)
    sign_in(second, second_editor.email)
    # both open the Education section of revision 1
    for page in (first, second):
        page.goto("/roadmap/regional/edit?section=2")
    first.locator("#body").fill("## Education\nOpen design schools in every city.\n")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator("#flash-messages")).to_contain_text("Saved as revision 2.")

    second.locator("#body").fill("## Education\nOpen design schools in each regional centre.\n")
    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.get_by_role("heading", name="Both changed the same passage")).to_be_visible()
    expect(second.locator(".conflict")).to_contain_text("every city")
    expect(second.locator(".conflict")).to_contain_text("each regional centre")
    second.get_by_label("Use the text below").check()
    second.get_by_label("Passage written anew").fill("Open design schools in every city and regional centre.\n")
    second.get_by_role("button", name="Save the merged text").click()
    expect(second.locator("#flash-messages")).to_contain_text("Saved as revision 3")
    expect(second.locator(".document__body")).to_contain_text("every city and regional centre")
    db.session.expire_all()
    assert documents.current_head(document) == 3


def test_an_officer_pulls_regional_changes_into_the_adaptation(browser_page, db, factories):
    editor = factories.user(roles=("roadmap_editor",))
    officer = factories.user(roles=("association_officer:KZ",))
    regional = make_roadmap(db, editor)
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", officer, country="KZ")
    documents.save(kz, 1, ROADMAP.replace("every capital", "Almaty and Astana"), officer)
    documents.save(regional, 1, ROADMAP.replace("creative start-ups", "creative start-ups and studios"), editor)
    db.session.commit()
    page = browser_page
    sign_in(page, officer.email)
    page.goto("/roadmap/")
    page.get_by_role("link", name=re.compile("1 revision behind")).click()
    expect(page.locator("main")).to_contain_text("changed since your version: 1 revision")
    page.get_by_role("button", name="Pull the regional changes").click()
    expect(page.locator("#flash-messages")).to_contain_text("The regional changes are in your version.")
    body = page.locator(".document__body")
    expect(body).to_contain_text("Almaty and Astana")
    expect(body).to_contain_text("start-ups and studios")


def _open_conflict(page, db, factories, **options):
    first_editor = factories.user(full_name="Aigerim Sarsenbaikyzy", roles=("board",))
    editor = factories.user(full_name="Cholpon Sydykova", roles=("roadmap_editor",))
    document = make_roadmap(db, first_editor)
    sign_in(page, editor.email)
    page.goto("/roadmap/regional/edit?section=2")
    documents.save(document, 1, ROADMAP.replace("every capital", "every city"), first_editor, summary="Cities")
    db.session.commit()
    page.locator("#body").fill("## Education\nOpen design schools in each regional centre.\n")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="Both changed the same passage")).to_be_visible()
    return document


def test_typing_a_passage_anew_chooses_it_and_saving_keeps_it(browser_page, db, factories):
    """The blocker: a passage typed without clicking "Use the text below" was saved as "Keep mine"."""
    page = browser_page
    document = _open_conflict(page, db, factories)
    expect(page.locator(".conflict__others")).to_contain_text("Aigerim Sarsenbaikyzy")
    expect(page.locator(".conflict ins")).to_have_text("each regional centre")
    expect(page.get_by_label("Use the text below")).not_to_be_checked()
    page.get_by_label("Passage written anew").fill("Open design schools in every city and regional centre.")
    expect(page.get_by_label("Use the text below")).to_be_checked()
    page.get_by_role("button", name="Save the merged text").click()
    expect(page.locator("#flash-messages")).to_contain_text("Saved as revision 3")
    expect(page.locator(".document__body")).to_contain_text("every city and regional centre")
    db.session.expire_all()
    assert "every city and regional centre.\n## Finance" in documents.head_revision(document).body


def test_without_javascript_a_typed_passage_is_kept_and_the_screen_asks(new_browser_page, db, factories):
    page = new_browser_page(java_script_enabled=False)
    document = _open_conflict(page, db, factories)
    page.get_by_label("Passage written anew").fill("Open design schools in every town.")
    page.get_by_role("button", name="Save the merged text").click()
    expect(page.locator(".conflict .field-error")).to_contain_text("Choose which text to keep")
    expect(page.get_by_label("Passage written anew")).to_have_value("Open design schools in every town.")
    page.get_by_label("Keep mine").check()
    page.get_by_role("button", name="Save the merged text").click()
    expect(page.locator(".conflict .field-error")).to_contain_text("You changed the text below")
    page.get_by_label("Use the text below").check()
    page.get_by_role("button", name="Save the merged text").click()
    expect(page.locator("#flash-messages")).to_contain_text("Saved as revision 3")
    db.session.expire_all()
    assert "every town." in documents.head_revision(document).body


WIDE_TABLE = ("\n| Indicator | Baseline 2021 | Target 2027 | Target 2030 | Source of the figures |\n|---|---|---|---|---|\n"
              "| Businesses in the CCAN database | 1,200 | 5,000 | 12,000 | CCAN research database, national registries |\n"
              "\n- [ ] Survey the sectors\n- [x] Found the associations\n")


def test_a_roadmap_with_a_wide_table_fits_a_phone_in_reading_and_editing(new_browser_page, db, factories):
    from tests.e2e.conftest import PHONE
    from tests.e2e.support import assert_no_sideways_scroll

    editor = factories.user(roles=("roadmap_editor",))
    document = make_roadmap(db, editor)
    documents.save(document, 1, ROADMAP + WIDE_TABLE, editor, "Targets")
    db.session.commit()
    page = new_browser_page()
    sign_in(page, editor.email)
    page.set_viewport_size(PHONE)  # signed in at full width, where the sign-out button shows
    page.goto("/roadmap/regional")
    region = page.get_by_role("region", name="Table")
    expect(region).to_be_visible()
    assert_no_sideways_scroll(page)
    assert page.locator(".task-list-item").first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    page.get_by_role("link", name=re.compile(r"Edit section\W+Finance")).click()
    expect(page.locator("#body")).to_have_value(re.compile(r"^## Finance"))
    expect(page.locator("#document-preview table")).to_be_visible()
    assert_no_sideways_scroll(page)
    for path in ("/roadmap/regional/history", "/roadmap/regional/diff?from=1&to=2&view=inline",
                 "/roadmap/regional/diff?from=1&to=2&text=rendered"):
        page.goto(path)
        assert_no_sideways_scroll(page)


def test_added_rows_are_coloured_in_the_inline_compare(browser_page, db, factories):
    editor = factories.user(roles=("roadmap_editor",))
    document = make_roadmap(db, editor)
    documents.save(document, 1, ROADMAP + "\n## Monitoring\nA yearly report.\n", editor, "Monitoring")
    db.session.commit()
    page = browser_page
    sign_in(page, editor.email)
    page.goto("/roadmap/regional/diff?from=1&to=2&view=inline")
    cell = page.locator("tr.diff__ins td", has_text="A yearly report.")
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(227, 244, 230)"
    expect(page.locator(".diff thead")).to_contain_text("Revision 1 — ")
    page.get_by_label("Show").select_option("rendered")
    expect(page.locator(".diff--rendered h2", has_text="Monitoring")).to_be_visible()

"""Success stories in a real browser: a member writes one, submits it, an editor asks for a change
with a note, the author answers, the editor approves and publishes, and a visitor reads it on a phone."""
from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, expect, sign_in
from tests.stories.conftest import png

SHOTS = Path("/tmp/shots/stories")


def test_write_submit_review_publish_and_read_on_a_phone(new_browser_page, factories, tmp_path):
    author = factories.member(full_name="Aida Author")
    editor = factories.user(full_name="Erlan Editor", roles=("editor",))
    image = tmp_path / "felt.png"
    image.write_bytes(png(800, 500))

    writer = new_browser_page()
    sign_in(writer, author.email)
    writer.goto("/stories/new")
    writer.get_by_label("Title").fill("Felt that travels")
    writer.get_by_label("Summary").fill("A felt workshop in Bishkek sold online when the bazaars closed.")
    writer.locator("#body").fill("## The year the bazaars closed\n\nThey moved to online orders.\n")
    writer.locator("#company_name").fill("Kiyiz Studio")
    writer.get_by_label("Country").select_option("KG")
    writer.get_by_label("Sector").select_option("fashion-design-crafts")
    writer.get_by_label("Language of the story").select_option("en")
    writer.get_by_label("Revenue before").fill("1000000")
    writer.get_by_label("Revenue after").fill("1750000")
    writer.get_by_label("Currency").select_option("KGS")
    writer.get_by_label("Period").fill("2019 and 2021")
    writer.locator("#lead_image").set_input_files(str(image))
    writer.get_by_label("Alt text of the lead image").fill("Felt slippers on a table")
    writer.locator("main").get_by_role("button", name="Save").click()
    expect(writer.locator("#flash-messages")).to_contain_text("The draft is saved.")
    writer.get_by_role("button", name="Submit for review").click()
    expect(writer.locator("#flash-messages")).to_contain_text("sent to the editors")

    reviewer = new_browser_page()
    sign_in(reviewer, editor.email)
    reviewer.goto("/stories/queue")
    reviewer.get_by_role("link", name="Felt that travels").click()
    reviewer.get_by_label("Note for the author").fill("Please name the source of the figures.")
    reviewer.get_by_role("button", name="Ask for changes").click()
    expect(reviewer.locator("#flash-messages")).to_contain_text("asked for changes")

    writer.goto("/stories/felt-that-travels")
    expect(writer.locator(".story-events")).to_contain_text("Please name the source of the figures.")
    writer.get_by_role("button", name="Edit the story").click()
    writer.get_by_label("Source of the figures").fill("The studio's accounts")
    writer.locator("main").get_by_role("button", name="Save").click()
    expect(writer.locator("#flash-messages")).to_contain_text("The story is saved.")
    writer.get_by_role("button", name="Submit for review").click()

    reviewer.reload()
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.locator("#flash-messages")).to_contain_text("approved")
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator("#flash-messages")).to_contain_text("everyone can read it now")

    visitor = new_browser_page(viewport=PHONE)
    problems = []
    visitor.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    visitor.goto("/stories/")
    visitor.get_by_role("link", name="Felt that travels").click()
    expect(visitor.locator("h1")).to_have_text("Felt that travels")
    expect(visitor.locator("#story-revenue-text")).to_contain_text("Revenue went from 1,000,000 to 1,750,000 KGS")
    expect(visitor.locator(".story-revenue__chart")).to_be_visible()
    expect(visitor.get_by_role("button", name=re.compile("press kit"))).to_be_visible()
    assert_no_sideways_scroll(visitor)
    assert not [p for p in problems if "Content Security Policy" in p], problems  # the JSON-LD is data
    SHOTS.mkdir(parents=True, exist_ok=True)
    visitor.screenshot(path=str(SHOTS / "e2e-story-390.png"), full_page=True)

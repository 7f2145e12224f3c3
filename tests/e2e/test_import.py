"""Importing in a real browser: the check's progress bar fills in place, then the import runs."""
from __future__ import annotations

import time

from ccan_web.blueprints.catalog import importing
from tests.e2e.support import assert_same_page, expect, mark_page, sign_in

ROWS = 10_000


def test_a_ten_thousand_row_file_shows_its_progress_then_imports(queued_browser_page, factories, monkeypatch):
    editor = factories.user(roles=("editor",))
    # The live server runs in this process: slow each progress step a little, so that the bar is
    # seen filling on any machine rather than racing the check to the finish.
    beat = importing._beat
    monkeypatch.setattr(importing, "_beat", lambda job_id, attempt, **values: (
        time.sleep(0.03 if "processed_rows" in values else 0), beat(job_id, attempt, **values)))
    content = ("name;country;city;sector\n" + "".join(f"Studio {n};KZ;Almaty;music\n" for n in range(ROWS))).encode()
    page = queued_browser_page  # the check runs on the queue's worker while the page follows it
    sign_in(page, editor.email)
    page.goto("/catalog/import")
    page.set_input_files("#file", files=[{"name": "studios.csv", "mimeType": "text/csv", "buffer": content}])
    page.get_by_label("Source", exact=True).fill("Survey of studios, 2026")
    page.get_by_role("button", name="Check the file").click()
    progress = page.locator("#import-status progress")
    expect(progress).to_be_visible()
    expect(page.locator("#import-progress-text")).to_contain_text("of 10,000 rows checked")
    mark_page(page)
    expect(page.locator("#import-status .figures")).to_contain_text("10,000", timeout=30_000)
    assert_same_page(page)  # the bar was replaced by the report in place, not by reloading
    page.get_by_label("Publish the entries at once").check()  # not ticked unless the editor ticks it
    page.get_by_role("button", name="Import the valid rows").click()
    expect(page.locator("#import-status")).to_contain_text("10,000 entries were added to the catalog.",
                                                           timeout=30_000)
    page.get_by_role("link", name="Open the list").click()
    expect(page.locator("#catalog-results")).to_contain_text("Studio")

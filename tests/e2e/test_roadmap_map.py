"""The map of national roadmaps in a real browser: a matrix at 1280 px, one list per country at
390 px, never wider than the window, and a cell's link opens that section side by side."""
from __future__ import annotations

import re

from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, expect
from tests.roadmap.test_map import world  # noqa: F401 - the documents the map is drawn from


def test_the_map_is_a_matrix_on_a_wide_screen_and_lists_on_a_phone(new_browser_page, world):  # noqa: F811
    wide = new_browser_page()
    wide.goto("/roadmap/map")
    assert_no_sideways_scroll(wide)
    matrix = wide.locator(".roadmap-map__matrix table")
    expect(matrix).to_be_visible()
    expect(wide.locator(".roadmap-map__lists")).to_be_hidden()
    expect(matrix.get_by_role("columnheader")).to_have_count(6)
    row = matrix.get_by_role("row", name="3. Export")
    expect(row).to_contain_text("In conflict")
    expect(row).to_contain_text("Behind")

    phone = new_browser_page(viewport=PHONE)
    phone.goto("/roadmap/map")
    assert_no_sideways_scroll(phone)
    expect(phone.locator(".roadmap-map__matrix")).to_be_hidden()
    kazakhstan = phone.locator(".roadmap-map__country", has=phone.get_by_role("heading", name="Kazakhstan"))
    expect(kazakhstan).to_be_visible()
    expect(kazakhstan).to_contain_text("2 sections the same, 1 adapted, 2 behind")
    # Follow Kazakhstan's adapted Finance section to the two texts side by side.
    kazakhstan.get_by_role("link", name="Kazakhstan, 2. Finance: Adapted").click()
    expect(phone).to_have_url(re.compile(r"/roadmap/kz/compare-regional\?rev=2&regional=2&section=3#section-3$"))
    section = phone.locator("#section-3")
    expect(section.get_by_role("heading", name="Section: 2. Finance")).to_be_visible()
    expect(section.locator("ins")).to_contain_text("national")
    assert_no_sideways_scroll(phone)

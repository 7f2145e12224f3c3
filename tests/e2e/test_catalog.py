"""The catalog in a real browser: the business list narrows in place and keeps its filters in the URL."""
from __future__ import annotations

import re

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.moderation import publish
from tests.e2e.support import assert_same_page, expect, mark_page

BUSINESSES = [("Steppe Sound", "KZ", "Almaty", "music"), ("Ала-Тоо Анимация", "KG", "Бишкек", "film-animation-xr"),
              ("Ipak Yoʻli Dizayn", "UZ", "Samarqand", "fashion-design-crafts")]


def test_the_business_list_filters_in_place(browser_page, db, factories):
    editor = factories.user(roles=("editor",))
    for name, country, city, sector in BUSINESSES:
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        publish(entry, editor)
    db.session.commit()
    page = browser_page
    page.goto("/catalog/businesses")
    cards = page.locator("#catalog-results .member-card")
    expect(cards).to_have_count(3)
    mark_page(page)
    page.locator("#catalog-q").press_sequentially("ала", delay=30)
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Ала-Тоо Анимация")
    page.locator("#catalog-q").fill("")
    expect(cards).to_have_count(3)
    page.locator('select[name="country"]').select_option("UZ")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Ipak")
    expect(page).to_have_url(re.compile(r"[?&]country=UZ\b"))
    assert_same_page(page)

"""What a visitor's browser keeps: no cookie on public pages, static files cached and not asked again."""
from __future__ import annotations

from tests.e2e.support import expect


def over_the_network(requests) -> list[str]:
    """The requests Chromium sent out; an answer from its own cache has no body size (-1)."""
    return [request.url for request in requests if request.sizes()["responseBodySize"] >= 0]


def test_a_visitor_reads_public_pages_without_a_cookie_and_a_second_page_fetches_only_itself(browser_page):
    page = browser_page
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto("/catalog/businesses")
    expect(page.locator("h1")).to_be_visible()
    assert any("/static/css/ccan." in url for url in over_the_network(requests))
    requests.clear()
    page.get_by_role("link", name="Research overview").first.click()
    expect(page.locator("h1")).to_contain_text("overview")
    page.wait_for_load_state("networkidle")
    fetched = over_the_network(requests)
    assert [url.split("/", 3)[-1] for url in fetched] == ["catalog/overview"]
    assert page.context.cookies() == []


def test_the_address_chooses_the_language_and_names_the_others(browser_page):
    page = browser_page
    page.goto("/?lang=kk")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    alternates = page.locator('link[rel="alternate"][hreflang]')
    expect(alternates).to_have_count(8)
    expect(page.locator('link[hreflang="x-default"]')).to_have_attribute("href", "http://localhost/")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the address chose for that page only

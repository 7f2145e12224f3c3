"""The home page says what CCAN is and what a visitor can do, shows what is live (with links),
and keeps the Board's figures for the Board."""
from __future__ import annotations

import re


def links_in(page: str, section_id: str) -> list[str]:
    section = re.search(rf'<section[^>]*aria-labelledby="{section_id}".*?</section>', page, re.S)
    assert section, section_id
    return re.findall(r'href="([^"]+)"', section.group(0))


def test_a_visitor_sees_what_is_open_with_links(client):
    page = client.get("/").get_data(as_text=True)
    assert "In preparation" not in page
    live = links_in(page, "open-heading")
    for path in ("/catalog/businesses", "/catalog/courses", "/catalog/overview", "/roadmap/", "/search",
                 "/associations/"):
        assert path in live, path
    assert "/auth/register" in live  # the directory is for members: the way in is offered
    assert 'action="/search"' in page and 'name="q"' in page


def test_a_visitor_sees_what_ccan_is_and_can_apply(client):
    page = client.get("/").get_data(as_text=True)
    assert "creative economy in Central Asia" in page
    assert 'href="/auth/register" role="button"' in page


def test_every_part_of_the_plan_is_open_so_nothing_is_announced_as_coming(client):
    from ccan_web.domain.plan import COMING, PLAN

    assert COMING == () and all(item.live for item in PLAN)
    page = client.get("/").get_data(as_text=True)
    assert 'id="coming-heading"' not in page and "In preparation" not in page


def test_a_visitor_does_not_see_the_boards_workflow(client, factories):
    factories.applicant()
    page = client.get("/").get_data(as_text=True)
    assert "applications waiting" not in page and "application waiting" not in page
    assert "For the Board" not in page and "badge--rejected" not in page


def test_a_member_sees_the_directory_but_not_the_boards_figures(client, auth, factories):
    factories.member(email="m@example.kz")
    factories.applicant()
    auth.login("m@example.kz")
    page = client.get("/").get_data(as_text=True)
    assert "/members/" in links_in(page, "open-heading")
    assert "For the Board" not in page


def test_the_board_sees_its_figures(client, auth, factories):
    factories.board_member(email="b@example.kz")
    factories.applicant()
    auth.login("b@example.kz")
    page = client.get("/").get_data(as_text=True)
    assert "For the Board" in page and "1 application waiting" in page
    assert "/board/applications" in links_in(page, "board-heading")


def test_the_footer_offers_about_open_data_and_languages_not_javascript(client):
    page = client.get("/").get_data(as_text=True)
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    assert "JavaScript" not in footer
    assert "/#about" in footer and "/catalog/export.csv" in footer and "/api/v1/openapi.json" in footer
    assert "Русский" in footer and "Oʻzbekcha" in footer

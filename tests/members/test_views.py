"""The member directory: search by name, country and sector; contact details as members allow."""
from __future__ import annotations

import pytest

HX = {"HX-Request": "true"}


@pytest.fixture
def viewer(auth, factories):
    viewer = factories.member(full_name="Viewer Person", country="UZ", sectors=("software",))
    auth.login(viewer.email)
    return viewer


@pytest.fixture
def people(factories):
    return {
        "aigerim": factories.member(full_name="Айгерим Нурланова", country="KZ", city="Almaty",
                                    sectors=("music", "shows-events")),
        "bakyt": factories.member(full_name="Bakyt Asanov", country="KG", city="Bishkek",
                                  sectors=("film-animation-xr",), organisation_name="Ala-Too Animation",
                                  applicant_type="organisation"),
        "pending": factories.applicant(full_name="Pending Person", country="KZ"),
    }


def names(response) -> str:
    return response.get_data(as_text=True)


def test_the_directory_lists_members_but_not_applicants(client, viewer, people):
    page = names(client.get("/members/"))
    assert "Айгерим Нурланова" in page and "Bakyt Asanov" in page
    assert "Pending Person" not in page


@pytest.mark.parametrize("query, found, not_found", [
    ("q=айгерим", "Айгерим Нурланова", "Bakyt Asanov"),
    ("q=ala-too", "Bakyt Asanov", "Айгерим Нурланова"),
    ("q=bishkek", "Bakyt Asanov", "Айгерим Нурланова"),
    ("country=KZ", "Айгерим Нурланова", "Bakyt Asanov"),
    ("sector=film-animation-xr", "Bakyt Asanov", "Айгерим Нурланова"),
    ("country=KZ&sector=music", "Айгерим Нурланова", "Bakyt Asanov"),
])
def test_searching_by_name_country_and_sector(client, viewer, people, query, found, not_found):
    page = names(client.get(f"/members/?{query}"))
    assert found in page and not_found not in page


@pytest.mark.parametrize("query", ["q=%25", "q=_", "q=" + "x" * 2000, "country=XX", "sector=<script>",
                                   "page=999", "page=abc", "q=%00%01"])
def test_odd_queries_get_a_sensible_answer(client, viewer, people, query):
    response = client.get(f"/members/?{query}")
    assert response.status_code == 200
    assert "<script>" not in names(response).split("<main", 1)[1]


def test_live_search_answers_htmx_with_the_results_fragment(client, viewer, people):
    fragment = client.get("/members/?q=bakyt", headers=HX)
    text = names(fragment)
    assert "<html" not in text and 'id="members-results"' in text and "Bakyt Asanov" in text
    assert 'id="members-count" class="result-count" role="status" data-hx-swap-oob="true">1 member found' in text
    assert "HX-Request" in fragment.headers["Vary"]


def test_a_boosted_page_link_gets_the_whole_page(client, viewer, people):
    response = client.get("/members/?page=1", headers={**HX, "HX-Boosted": "true"})
    assert "<html" in names(response)


def test_contact_details_are_shown_only_where_the_member_allows(client, viewer, factories):
    open_member = factories.member(email="open@example.kz", show_email=True, phone="+7 700 000 00 00",
                                   show_phone=True)
    private = factories.member(email="private@example.kz", phone="+7 701 111 11 11")
    open_page = names(client.get(f"/members/{open_member.id}"))
    assert "open@example.kz" in open_page and "+7 700 000 00 00" in open_page
    private_page = names(client.get(f"/members/{private.id}"))
    assert "private@example.kz" not in private_page and "+7 701 111 11 11" not in private_page
    assert "chosen not to show contact details" in private_page


def test_applicants_and_missing_members_are_not_found(client, viewer, people):
    assert client.get(f"/members/{people['pending'].id}").status_code == 404
    assert client.get("/members/999999").status_code == 404


def test_pagination_keeps_the_filters(app, client, viewer, factories):
    app.config["MEMBERS_PER_PAGE"] = 2
    try:
        for n in range(5):
            factories.member(full_name=f"Kazakh Member {n}", country="KZ")
        page = names(client.get("/members/?country=KZ"))
        assert "Page 1 of 3" in page and "country=KZ" in page.split('rel="next"')[0].rsplit("href=", 1)[1]
        last = names(client.get("/members/?country=KZ&page=99"))
        assert "Page 3 of 3" in last
    finally:
        app.config["MEMBERS_PER_PAGE"] = 24


def test_the_directory_shows_its_filters_as_chips_and_counts_them(client, viewer, people):
    page = names(client.get("/members/?q=a&country=KG&sector=film-animation-xr"))
    assert '<span id="members-filters-label">Filters (2)</span>' in page
    assert '<a class="chip" href="/members/?q=a&amp;sector=film-animation-xr">' in page  # country removed
    assert '<a class="chip" href="/members/?q=a&amp;country=KG">' in page  # sector removed
    assert '<a class="filter-chips__clear" href="/members/?q=a">Clear filters</a>' in page
    # The results come first; the panel follows them, and its count follows the filters live.
    assert page.index('id="members-results"') < page.index('id="members-filters"')
    fragment = names(client.get("/members/?country=KG", headers=HX))
    assert '<span id="members-filters-label" data-hx-swap-oob="true">Filters (1)</span>' in fragment


def test_an_empty_directory_search_offers_the_way_back(client, viewer, people):
    page = names(client.get("/members/?q=nobody&country=TM"))
    assert "No member matches this search." in page
    assert '<a href="/members/?q=nobody">Clear filters</a>' in page
    assert '<a href="/members/">See the whole list</a>' in page


def test_the_directory_results_are_not_boosted_as_a_whole(client, viewer, people):
    page = names(client.get("/members/"))
    section = page[page.index('<section id="members-results"'):]
    assert "data-hx-boost" not in section.split(">", 1)[0]

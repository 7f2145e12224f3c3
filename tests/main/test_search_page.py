"""The /search page through the test client: grouped results, facets, hostile input, no index yet."""
from __future__ import annotations

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.search.indexing import search_index

HX = {"HX-Request": "true"}


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def catalog_entries(db, search, factories):
    editor = factories.user(roles=("editor",))
    for name, country, city, sector in (("Steppe Sound", "KZ", "Алматы", "music"),
                                        ("Almaty Design Lab", "KZ", "Almaty", "fashion-design-crafts"),
                                        ("Toshkent Musiqa", "UZ", "Тошкент", "music"),
                                        ("Hidden Studio", "KG", "Bishkek", "music")):
        entry = submit_business(BusinessData(name=name, country=country, city=city,
                                             primary_sector=sector), editor).entry
        if name != "Hidden Studio":
            publish(entry, editor)
    course = submit_course(CourseData(
        title="Music licensing in Almaty", url="https://academy.example/licensing", language="ru", format="video",
        improves="professional", outcome="income", sectors=("music",)), editor).entry
    publish(course, editor)
    db.session.commit()


def test_everything_is_grouped_by_kind_with_counts(client, catalog_entries):
    page = text(client.get("/search?q=алматы"))
    assert "Steppe Sound" in page and "Almaty Design Lab" in page and "Music licensing in Almaty" in page
    assert "3 results" in page
    assert 'id="kind-business"' in page and 'id="kind-course"' in page
    assert "Hidden Studio" not in text(client.get("/search?q=studio"))  # not published


def test_a_kind_and_facets_narrow_the_results_and_the_counts_follow(client, catalog_entries):
    page = text(client.get("/search?q=almaty&kind=business&sector=music"))
    assert "Steppe Sound" in page and "Almaty Design Lab" not in page and "Music licensing" not in page
    page = text(client.get("/search?q=music&country=KZ&country=UZ"))  # two values of one facet: OR
    assert "Steppe Sound" in page and "Toshkent Musiqa" in page


def test_the_other_script_and_a_typed_prefix_find_the_same(client, catalog_entries):
    assert "Toshkent Musiqa" in text(client.get("/search?q=тошкент"))
    assert "Toshkent Musiqa" in text(client.get("/search?q=tosh"))


def test_a_misspelt_word_shows_what_was_searched_instead(client, catalog_entries):
    page = text(client.get("/search?q=Amlaty"))
    assert "Showing results for “Almaty”" in page and "Steppe Sound" in page
    assert 'href="/search?q=Amlaty&amp;as_typed=1"' in page  # "search instead for" the words as typed


def test_searching_the_words_as_typed_corrects_nothing(client, catalog_entries):
    page = text(client.get("/search?q=Amlaty&as_typed=1"))
    assert "Showing results for" not in page and "Steppe Sound" not in page and "0 results" in page


def test_a_card_shows_the_city_and_country_or_the_course_language_format_and_price(client, catalog_entries):
    page = text(client.get("/search?q=almaty"))
    assert "Almaty · Kazakhstan" in page
    assert "Русский · Video · Free" in page


def test_the_snippet_marks_the_words_found_and_escapes_the_text(client, db, search, factories):
    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(name="Kok Sound", country="KZ", city="Almaty", primary_sector="music",
                                         description="<script>alert(1)</script> We record folk music"), editor).entry
    publish(entry, editor)
    db.session.commit()
    page = text(client.get("/search?q=folk"))
    assert "<mark>folk</mark>" in page and "&lt;script&gt;" in page and "<script>alert" not in page


def test_with_no_entry_holding_every_word_those_with_most_of_them_are_shown_and_said_so(client, catalog_entries):
    page = text(client.get("/search?q=steppe+sound+zanzibar"))
    assert "Steppe Sound" in page
    assert "No result has all the words" in page and "Not found: zanzibar." in page


def test_a_word_naming_a_kind_finds_the_entries_of_that_kind(client, catalog_entries):
    page = text(client.get("/search?q=курс"))  # in no title or description
    assert "Music licensing in Almaty" in page and "Steppe Sound" not in page


@pytest.mark.parametrize("query", ["the of and", "и в на", "ᚠᚢᚦ ᚱᚲ", "漢字"])
def test_only_common_words_or_an_unknown_script_say_so_rather_than_list_everything(client, catalog_entries, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    page = text(response)
    assert "only very common words, or letters that search does not know" in page
    assert "Steppe Sound" not in page


def test_htmx_gets_the_results_alone_and_a_plain_get_the_whole_page(client, catalog_entries):
    fragment = text(client.get("/search?q=steppe", headers=HX))
    assert "<html" not in fragment and 'id="search-results"' in fragment and "Steppe Sound" in fragment
    page = text(client.get("/search?q=steppe"))
    assert "<html" in page and 'name="q"' in page and 'value="steppe"' in page


@pytest.mark.parametrize("query", ["q=AND", "q=%22", "q=*", "q=(", "q=%3A", "q=" + "x" * 1000,
                                   "q=%00%01%02", "q=music&page=999", "q=music&page=-3", "q=music&sector=%3Cb%3E",
                                   "q=music&kind=evil", "q=music&country=XX", "q=the+and", "q=%E1%9A%A0%E1%9A%A2",
                                   "q=music&as_typed=evil", "q=%E2%80%AE%E2%80%8B"])
def test_input_nobody_meant_gives_a_sensible_page(client, catalog_entries, query):
    assert client.get(f"/search?{query}").status_code == 200


def test_an_index_never_built_is_built_in_the_background_with_a_clear_message(app, client, db, factories,
                                                                              monkeypatch):
    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(name="Steppe Sound", country="KZ", city="Almaty",
                                         primary_sector="music"), editor).entry
    publish(entry, editor)
    db.session.commit()  # SEARCH_AUTO_INDEX is off: the index knows nothing of it
    index = search_index(app)
    index.clear()
    started = []
    monkeypatch.setattr(index, "rebuild_in_background", lambda: started.append(True) or True)
    page = text(client.get("/search?q=steppe"))
    assert "The search index is being built" in page and started == [True]
    index.rebuild()
    assert "Steppe Sound" in text(client.get("/search?q=steppe"))


def test_an_empty_search_explains_what_can_be_found(client):
    assert "Words are found in Russian and English forms" in text(client.get("/search"))


@pytest.mark.parametrize("roles, finds_draft", [((), False), (("member",), True), (("board",), True)])
def test_a_roadmap_draft_is_found_by_members_only_and_marked_so(client, auth, db, search, factories,
                                                               roles, finds_draft):
    from ccan_web.blueprints.roadmap import services as roadmap

    leader = factories.user(roles=("roadmap_editor",))
    roadmap.start_regional("# Roadmap\n\nA fund for incubators.", leader)
    db.session.commit()
    if roles:
        auth.login(factories.user(roles=roles).email)
    page = text(client.get("/search?q=incubators"))
    assert ("/roadmap/regional/rev/1" in page) is finds_draft
    assert ("Members only, not published" in page) is finds_draft
    if not finds_draft:
        assert "0 results" in page


def test_facets_show_most_matches_first_and_keep_a_ticked_value_that_matches_nothing(client, catalog_entries):
    page = text(client.get("/search?q=almaty", headers=HX))
    assert page.index('value="music"') < page.index('value="fashion-design-crafts"')  # 2 before 1
    page = text(client.get("/search?q=almaty&country=TJ", headers=HX))
    assert ('<input type="checkbox" id="facet-country-TJ" name="country" value="TJ" checked> <span>Tajikistan '
            '<span class="count">0</span></span>') in page


def test_a_roadmap_is_named_in_the_readers_language(client, db, search, factories):
    from ccan_web.blueprints.roadmap import services as roadmap
    from ccan_web.documents import services as documents

    leader = factories.user(roles=("roadmap_editor",))
    documents.publish(roadmap.start_regional("# Roadmap\n\nA fund for incubators.", leader), 1, leader)
    db.session.commit()
    assert "Creative economy roadmap for Central Asia" in text(client.get("/search?q=incubators"))
    page = text(client.get("/search?q=incubators", headers={"Accept-Language": "ru"}))
    assert "Дорожная карта креативной экономики Центральной Азии" in page


def test_chosen_kinds_and_facets_are_chips_and_clearing_keeps_the_words(client, catalog_entries):
    page = text(client.get("/search?q=almaty&kind=business&sector=music&country=KZ&country=UZ"))
    assert '<span id="search-filters-label">Filters (4)</span>' in page
    assert '<a class="chip" href="/search?q=almaty&amp;country=KZ&amp;country=UZ&amp;sector=music">' in page  # kind
    assert '<a class="chip" href="/search?q=almaty&amp;kind=business&amp;country=UZ&amp;sector=music">' in page
    assert '<a class="filter-chips__clear" href="/search?q=almaty">Clear filters</a>' in page
    assert page.index('id="search-results"') < page.index('id="search-filters"')


def test_htmx_updates_the_facets_and_the_filter_count_out_of_band(client, catalog_entries):
    fragment = text(client.get("/search?q=music&country=UZ", headers=HX))
    assert '<div id="search-facets" class="search-facets" data-hx-swap-oob="true">' in fragment
    assert '<span id="search-filters-label" data-hx-swap-oob="true">Filters (1)</span>' in fragment


def test_a_search_that_finds_nothing_with_filters_offers_to_clear_them(client, catalog_entries):
    page = text(client.get("/search?q=steppe&country=UZ"))
    assert "Nothing found." in page and '<a href="/search?q=steppe">Clear filters</a>' in page
    assert "See the whole list" not in page

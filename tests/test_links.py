"""Links the platform builds: absolute ones from the public base URL, to a list from known parameters."""
from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.links import known_args, public_url, tel_href


@pytest.mark.no_db
@pytest.mark.parametrize("base, expected", [
    ("http://localhost", "http://localhost/catalog/businesses/7"),
    ("https://ccan.example.org/", "https://ccan.example.org/catalog/businesses/7"),
    ("https://example.org:8443/ccan", "https://example.org:8443/ccan/catalog/businesses/7"),
])
def test_absolute_links_come_from_the_public_base_url_with_or_without_a_request(app, monkeypatch, base, expected):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", base)
    with app.app_context():  # a command or a background job
        assert public_url("catalog.entry_detail", kind="businesses", entry_id=7) == expected
    with app.test_request_context("/", base_url="http://127.0.0.1:5000"):  # a request to another name
        assert public_url("catalog.entry_detail", kind="businesses", entry_id=7) == expected


@pytest.mark.no_db
def test_only_the_known_parameters_are_carried_on_repeated_ones_stay_repeated():
    args = MultiDict([("country", "KZ"), ("country", "UZ"), ("q", ""), ("endpoint", "x"), ("_external", "1"),
                      ("page", "3"), ("sector", "music")])
    assert known_args(args, ("q", "country", "sector")) == {"country": ["KZ", "UZ"], "sector": ["music"]}


def test_a_lists_links_keep_its_filters_and_drop_everything_else(client, db, factories):
    editor = factories.user(roles=("editor",))
    for n in range(31):
        entry = submit_business(BusinessData(name=f"Studio {n:02d}", country="KZ", city="Almaty",
                                             primary_sector="music"), editor).entry
        publish(entry, editor)
    db.session.commit()
    page = client.get("/catalog/businesses?country=KZ&endpoint=x&fmt=x&kind=courses&_method=POST")
    assert page.status_code == 200
    links = re.findall(r'href="(/catalog/[^"]*\?[^"]*)"', page.get_data(as_text=True))
    assert any("page=2" in link for link in links) and any("/catalog/export.xlsx" in link for link in links)
    for link in links:
        assert "country=KZ" in link, link
        assert "endpoint" not in link and "_method" not in link and "fmt=x" not in link, link
    assert all("kind=courses" not in link for link in links)


@pytest.mark.no_db
def test_a_filter_chip_links_to_the_list_without_that_one_choice():
    from ccan_web.links import FilterChoice, active_filters, without

    args = {"q": ["jazz"], "country": ["KZ", "UZ"], "sector": ["music"]}
    assert without(args, "country", "KZ") == {"q": ["jazz"], "country": ["UZ"], "sector": ["music"]}
    assert without(args, "sector") == {"q": ["jazz"], "country": ["KZ", "UZ"]}
    active = active_filters(args, [FilterChoice("country", "KZ", "Country", "Kazakhstan"),
                                   FilterChoice("country", "UZ", "Country", "Uzbekistan"),
                                   FilterChoice("sector", "music", "Sector", "Music")], ("country", "sector", "city"))
    assert active.count == 3
    assert [chip.args for chip in active.chips] == [
        {"q": ["jazz"], "country": ["UZ"], "sector": ["music"]},
        {"q": ["jazz"], "country": ["KZ"], "sector": ["music"]},
        {"q": ["jazz"], "country": ["KZ", "UZ"]},
    ]
    assert active.clear_args == {"q": ["jazz"]}
    assert args == {"q": ["jazz"], "country": ["KZ", "UZ"], "sector": ["music"]}  # left as it was


@pytest.mark.no_db
@pytest.mark.parametrize("typed, href", [
    ("+7 701 555 12 34", "tel:+77015551234"),
    ("+996 (312) 66-01-02", "tel:+996312660102"),
    ("8 701 555 12 34", "tel:87015551234"),
])
def test_a_phone_link_keeps_the_plus_and_the_digits_only(typed, href):
    assert tel_href(typed) == href

"""Links the platform builds: to the same list from known parameters only."""
from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from ccan_web.blueprints.catalog import services as catalog
from ccan_web.links import known_args


@pytest.mark.no_db
def test_only_the_known_parameters_are_carried_on_repeated_ones_stay_repeated():
    args = MultiDict([("country", "KZ"), ("country", "UZ"), ("q", ""), ("endpoint", "x"), ("_external", "1"),
                      ("page", "3"), ("sector", "music")])
    assert known_args(args, ("q", "country", "sector")) == {"country": ["KZ", "UZ"], "sector": ["music"]}


def test_a_lists_links_keep_its_filters_and_drop_everything_else(client, db, factories):
    editor = factories.user(roles=("editor",))
    for n in range(31):
        entry = catalog.submit_business(catalog.BusinessData(name=f"Studio {n:02d}", country="KZ", city="Almaty",
                                                             primary_sector="music"), editor).entry
        catalog.publish(entry, editor)
    db.session.commit()
    page = client.get("/catalog/businesses?country=KZ&endpoint=x&fmt=x&kind=courses&_method=POST")
    assert page.status_code == 200
    links = re.findall(r'href="(/catalog/[^"]*\?[^"]*)"', page.get_data(as_text=True))
    assert any("page=2" in link for link in links) and any("/catalog/export.xlsx" in link for link in links)
    for link in links:
        assert "country=KZ" in link, link
        assert "endpoint" not in link and "_method" not in link and "fmt=x" not in link, link
    assert all("kind=courses" not in link for link in links)

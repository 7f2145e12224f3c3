"""The "in preparation" pages: each says what is coming and links to what is open."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/competitions/"])
def test_a_coming_page_says_what_comes_and_links_to_what_is_open(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "In preparation" in page and "not open yet" in page
    for live in ("/catalog/", "/search", "/roadmap/", "/associations/", "/toolkit/", "/stories/"):
        assert f'href="{live}"' in page, live
    assert 'href="/members/"' not in page  # for members only


def test_a_member_is_offered_the_directory_on_a_coming_page(client, auth, factories):
    factories.member(email="m@example.kz")
    auth.login("m@example.kz")
    assert 'href="/members/"' in client.get("/competitions/").get_data(as_text=True)

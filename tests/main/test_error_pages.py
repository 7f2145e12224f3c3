"""Error pages offer a search and the way home, in the reader's language."""
from __future__ import annotations

import re

import pytest

from ccan_web.errors import words_of_path


@pytest.mark.parametrize("path, status", [("/no-such-page", 404), ("/catalog/businesses/999999", 404),
                                          ("/members/", 302), ("/board/applications", 302)])
def test_an_error_page_offers_search_and_the_way_home(client, factories, path, status):
    response = client.get(path)
    if status == 302:  # a page for members: the 403 a signed-in visitor without the right meets
        factories.applicant(email="a@example.kz")
        client.post("/auth/login", data={"email": "a@example.kz", "password": factories.PASSWORD})
        response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code in (403, 404)
    form = re.search(r'<form method="get" action="/search".*?</form>', page, re.S)
    assert form and 'name="q"' in form.group(0) and "<label" in form.group(0)
    assert 'href="/"' in re.search(r'<article class="error-page">.*?</article>', page, re.S).group(0)


def test_a_missing_page_starts_the_search_with_the_words_of_its_address(client):
    page = client.get("/stories/pamir-frames").get_data(as_text=True)
    assert 'value="pamir frames"' in page


def test_the_404_page_is_translated(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Страница не найдена" in page and "Поиск" in page


@pytest.mark.parametrize("path, words", [("/stories/pamir-frames", "pamir frames"), ("/catalog/businesses/12", ""),
                                         ("/", ""), ("/x/report.csv", ""), ("/roadmap/Ташкент_дизайн/", "Ташкент дизайн")])
def test_words_of_path(path, words):
    assert words_of_path(path) == words

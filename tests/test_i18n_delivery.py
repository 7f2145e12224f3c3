"""A visitor's pages carry no session cookie and say their language; each language has its address."""
from __future__ import annotations

import re

import pytest

PUBLIC_PAGES = ["/", "/catalog/businesses", "/catalog/courses", "/catalog/overview", "/roadmap/", "/search?q=music",
                "/associations/", "/associations/kz", "/catalog/methodology", "/toolkit/"]
LOCALES = ("en", "ru", "kk", "ky", "tg", "tk", "uz")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_visitor_gets_no_cookie_so_a_proxy_may_cache_public_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert 'name="csrf-token"' not in response.get_data(as_text=True)


def test_a_signed_in_member_still_gets_the_token_htmx_sends(client, auth, factories):
    auth.login(factories.member().email)
    page = client.get("/").get_data(as_text=True)
    assert 'name="csrf-token"' in page


def test_a_page_says_its_language_and_what_it_depends_on(client):
    response = client.get("/", headers={"Accept-Language": "kk"})
    assert response.headers["Content-Language"] == "kk"
    vary = {value.strip() for value in response.headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie", "Accept-Encoding"} <= vary


def test_the_address_chooses_the_language_before_cookie_and_browser(client):
    client.set_cookie("ccan_locale", "ky")
    response = client.get("/?lang=ru", headers={"Accept-Language": "uz"})
    assert '<html lang="ru"' in response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "ru"
    # for that response only: the next page is in the cookie's language again
    assert '<html lang="ky"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("value", ["fr", "", "RU-ru", "../../etc", "ru&lang=uz"])
def test_an_unknown_language_in_the_address_is_ignored(client, value):
    response = client.get("/", query_string={"lang": value}, headers={"Accept-Language": "tg"})
    assert response.status_code == 200
    assert '<html lang="tg"' in response.get_data(as_text=True)


def test_every_page_links_its_seven_languages_and_a_default_from_the_public_address(client):
    page = client.get("/catalog/businesses?country=KZ&lang=kk", headers={"Host": "127.0.0.1"}).get_data(as_text=True)
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    assert alternates == [*((code, f"http://localhost/catalog/businesses?lang={code}") for code in LOCALES),
                          ("x-default", "http://localhost/catalog/businesses")]


def test_a_page_has_a_description_and_open_graph_tags(client):
    page = client.get("/?lang=ru").get_data(as_text=True)
    description = re.search(r'<meta name="description" content="([^"]+)">', page)[1]
    assert "Центральн" in description
    assert f'<meta property="og:description" content="{description}">' in page
    assert re.search(r'<meta property="og:title" content="[^"]+">', page)
    assert '<meta property="og:url" content="http://localhost/">' in page
    assert '<meta property="og:locale" content="ru">' in page


def test_a_visitor_chooses_a_language_with_a_plain_get_form_that_sets_only_a_cookie(client):
    page = client.get("/catalog/businesses?lang=uz&country=KZ").get_data(as_text=True)
    assert re.search(r'<form method="get" action="/language">', page)
    # back to the page without the address's own language, or the choice would not show
    assert 'name="next" value="/catalog/businesses?country=KZ"' in page
    response = client.get("/language", query_string={"locale": "tk", "next": "/catalog/businesses?country=KZ"})
    assert response.status_code == 303 and response.headers["Location"] == "/catalog/businesses?country=KZ"
    assert "ccan_locale=tk" in response.headers["Set-Cookie"]
    assert "session=" not in response.headers["Set-Cookie"]


@pytest.mark.parametrize("query", [{"locale": "fr"}, {}, {"locale": "ru", "next": "https://evil.example/"}])
def test_the_get_switcher_refuses_unknown_languages_and_foreign_redirects(client, query):
    response = client.get("/language", query_string=query)
    if query.get("next"):
        assert response.status_code == 303 and response.headers["Location"] == "/"
    else:
        assert response.status_code == 400


def test_a_get_never_changes_a_members_saved_language(client, auth, db, factories):
    user = factories.member(locale="tg")
    auth.login(user.email)
    assert '<form method="post" action="/language">' in client.get("/").get_data(as_text=True)
    client.get("/language", query_string={"locale": "ru", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "tg"


def test_each_main_page_describes_itself(client, factories, db):
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
    from ccan_web.blueprints.catalog.moderation import publish

    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music"), editor).entry
    publish(entry, editor)
    db.session.commit()
    descriptions = {}
    for path in ("/", "/catalog/businesses", "/catalog/courses", "/catalog/overview", "/roadmap/", "/associations/",
                 f"/catalog/businesses/{entry.id}"):
        page = client.get(path).get_data(as_text=True)
        descriptions[path] = re.search(r'<meta name="description" content="([^"]+)">', page)[1]
    assert len(set(descriptions.values())) == len(descriptions)
    assert descriptions[f"/catalog/businesses/{entry.id}"].startswith("Steppe Sound, a creative business in Almaty, Kazakhstan (Music)")

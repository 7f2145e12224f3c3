"""Home, the language switcher, "coming" pages, error pages and CSRF."""
from __future__ import annotations

import re

import pytest

from ccan_web import create_app
from ccan_web.extensions import db as _db
from tests.conftest import make_config


def test_the_home_page_shows_the_mission_and_figures(client, factories):
    factories.member(country="TJ")
    factories.applicant(country="KZ")
    page = client.get("/").get_data(as_text=True)
    assert "creative economy in Central Asia" in page
    assert "Members by country" in page and "Tajikistan" in page


@pytest.mark.parametrize("path", ["/competitions/", "/events/"])
def test_the_last_two_areas_are_open_not_in_preparation(client, path):
    response = client.get(path)
    assert response.status_code == 200 and "In preparation" not in response.get_data(as_text=True)


def test_an_unknown_association_is_not_found(client):
    assert client.get("/associations/xx").status_code == 404
    assert client.get("/associations/KZ").status_code == 404  # the URL map uses lower case


@pytest.mark.parametrize("accept, expected", [("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("uz", "uz"),
                                              ("de-DE", "en"), ("", "en"), ("kk-KZ", "kk")])
def test_the_browser_language_is_used_first(client, accept, expected):
    page = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{expected}"' in page


def test_the_switcher_cookie_beats_the_browser_language(client):
    response = client.post("/language", data={"locale": "ky", "next": "/roadmap/"})
    assert response.status_code == 303 and response.headers["Location"] == "/roadmap/"
    assert "ccan_locale=ky" in response.headers["Set-Cookie"]
    page = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="ky"' in page


def test_the_members_own_setting_beats_the_cookie(client, auth, db, factories):
    user = factories.member(locale="tg")
    client.set_cookie("ccan_locale", "ru")
    auth.login(user.email)
    assert '<html lang="tg"' in client.get("/").get_data(as_text=True)
    client.post("/language", data={"locale": "tk", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "tk"


@pytest.mark.parametrize("data", [{"locale": "fr"}, {"locale": ""}, {"locale": "ru", "next": "https://evil.example/"}])
def test_the_switcher_refuses_unknown_languages_and_foreign_redirects(client, data):
    response = client.post("/language", data=data)
    if data.get("next"):
        assert response.headers["Location"] == "/"
    else:
        assert response.status_code == 400


def test_pages_are_translated(client):
    page = client.get("/auth/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Войти" in page


@pytest.mark.parametrize("path, method, status", [
    ("/no-such-page", "get", 404), ("/robots.txt", "post", 405), ("/members/abc", "get", 404),
])
def test_error_pages_are_helpful_and_translated(client, path, method, status):
    response = getattr(client, method)(path, headers={"Accept-Language": "ru"})
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert '<html lang="ru"' in page and "На главную" in page


def test_an_oversized_request_gets_413(client):
    response = client.post("/auth/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "Too large" in response.get_data(as_text=True)


def test_a_server_error_gets_the_500_page(app, database_url, tmp_path):
    broken = create_app(make_config(database_url, str(tmp_path), PROPAGATE_EXCEPTIONS=False, TESTING=False))

    @broken.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/boom")
    assert response.status_code == 500 and "Something went wrong" in response.get_data(as_text=True)


def test_a_403_page_explains_itself(client, auth, factories):
    auth.login(factories.member().email)
    response = client.get("/board/audit")
    assert response.status_code == 403 and "ask the Board" in response.get_data(as_text=True)


@pytest.fixture
def csrf_client(database_url, tmp_path):
    return create_app(make_config(database_url, str(tmp_path), WTF_CSRF_ENABLED=True)).test_client()


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register", "/auth/reset", "/language",
                                  "/auth/logout", "/board/applications/1/approve", "/account/reapply",
                                  "/roadmap/regional/edit", "/roadmap/regional/preview",
                                  "/roadmap/regional/resolve", "/roadmap/kz/start",
                                  "/roadmap/regional/rev/1/publish", "/roadmap/kz/upstream"])
def test_every_post_needs_the_csrf_token(csrf_client, path):
    response = csrf_client.post(path, data={"locale": "ru"})
    assert response.status_code == 400 and "The form expired" in response.get_data(as_text=True)


def test_htmx_sends_the_csrf_token_in_a_header(csrf_client, factories):
    assert 'name="csrf-token"' not in csrf_client.get("/").get_data(as_text=True)  # a visitor: no session
    member = factories.member()
    _db.session.commit()
    login = csrf_client.get("/auth/login").get_data(as_text=True)
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    csrf_client.post("/auth/login", data={"email": member.email, "password": factories.PASSWORD,
                                          "csrf_token": form_token})
    page = csrf_client.get("/").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = csrf_client.post("/language", data={"locale": "ru"}, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 303


def test_sign_in_is_rate_limited(database_url, tmp_path):
    limited = create_app(make_config(database_url, str(tmp_path), RATELIMIT_ENABLED=True,
                                     LOGIN_RATE_LIMIT="3 per minute"))
    client = limited.test_client()
    statuses = [client.post("/auth/login", data={"email": "a@b.kz", "password": "wrong-password-1"}).status_code
                for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    page = client.post("/auth/login", data={}).get_data(as_text=True)
    assert "Too many attempts" in page


def test_password_reset_is_rate_limited(database_url, tmp_path):
    limited = create_app(make_config(database_url, str(tmp_path), RATELIMIT_ENABLED=True,
                                     RESET_RATE_LIMIT="2 per minute"))
    client = limited.test_client()
    statuses = [client.post("/auth/reset", data={"email": "a@b.kz"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_session_cookies_are_secure_by_default(database_url, tmp_path, factories):
    secure = create_app(make_config(database_url, str(tmp_path), SESSION_COOKIE_SECURE=True))
    user = factories.member()
    response = secure.test_client().post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    cookie = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")][0]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_times_are_shown_in_the_readers_country(client, auth, db, factories):
    from datetime import datetime, timezone

    from ccan_web import audit

    bishkek = factories.board_member(country="KG")
    entry = audit.record("role.granted", "user", bishkek.id, bishkek, role="editor")
    entry.created_at = datetime(2026, 3, 30, 6, 0, tzinfo=timezone.utc)
    db.session.commit()
    auth.login(bishkek.email)
    page = client.get("/board/audit").get_data(as_text=True)
    assert "12:00" in page  # 06:00 UTC is noon in Bishkek (UTC+6)


def test_the_home_page_shows_the_roadmaps_state(client, db, factories):
    from ccan_web.documents import services as documents

    editor = factories.user(roles=("roadmap_editor",))
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", "# Roadmap\n\nText.\n", editor)
    documents.publish(regional, 1, editor)
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    documents.save(regional, 1, "# Roadmap\n\nText, revised.\n", editor)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Published" in page and "Not started" in page
    assert "revision behind" not in page  # the editors' workflow, not the visitors'
    factories.board_member(email="board@example.kz")
    client.post("/auth/login", data={"email": "board@example.kz", "password": factories.PASSWORD})
    assert "1 revision behind" in client.get("/").get_data(as_text=True)
    assert kz.id


def test_the_home_page_shows_the_databases_progress(client, db, factories):
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
    from ccan_web.blueprints.catalog.moderation import publish

    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(name="Steppe Sound", country="KZ", city="Almaty",
                                         primary_sector="music"), editor).entry
    publish(entry, editor)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "1 creative business in 13 sectors" in page and "0 online courses" in page
    assert "balance rules not met yet" not in page  # the Board's figure
    factories.board_member(email="board@example.kz")
    client.post("/auth/login", data={"email": "board@example.kz", "password": factories.PASSWORD})
    assert "balance rules not met yet" in client.get("/").get_data(as_text=True)

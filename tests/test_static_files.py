"""Static files under content-hashed names: kept a year by browsers, never stale after an edit."""
from __future__ import annotations

import re

import pytest

from ccan_web.static_files import StaticDigests

pytestmark = pytest.mark.no_db

STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def test_pages_link_static_files_by_names_that_carry_their_content_hash(client):
    links = STATIC_LINK.findall(client.get("/auth/login").text)
    assert any(re.fullmatch(r"/static/css/ccan\.[0-9a-f]{12}\.css", link) for link in links), links
    assert any(re.fullmatch(r"/static/vendor/htmx-2\.0\.11/htmx\.min\.[0-9a-f]{12}\.js", link) for link in links)
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", link
        response.close()


def test_a_hashed_file_answers_a_conditional_request_with_304(client):
    link = next(link for link in STATIC_LINK.findall(client.get("/auth/login").text) if link.endswith(".css"))
    first = client.get(link, headers={"Accept-Encoding": "br"})
    again = client.get(link, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_plain_names_still_work_with_a_short_cache(client):
    response = client.get("/static/css/ccan.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert "max-age=600" in response.headers["Cache-Control"]
    response.close()


@pytest.mark.parametrize("path", ["/static/css/ccan.0123456789ab.css", "/static/css/nothing.0123456789ab.css",
                                  "/static/css/ccan.CSS", "/static/../wsgi.py", "/static/css/"])
def test_an_unknown_or_outdated_hashed_name_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_edited_file_gets_a_new_hash_at_once_and_its_old_hash_is_gone(tmp_path):
    (tmp_path / "css").mkdir()
    style = tmp_path / "css" / "site.min.css"
    style.write_text("a{color:red}")
    digests = StaticDigests(tmp_path)
    before = digests.hashed_name("css/site.min.css")
    assert re.fullmatch(r"css/site\.min\.[0-9a-f]{12}\.css", before)
    style.write_text("a{color:blue;}")  # another size, so seen even within one clock tick
    after = digests.hashed_name("css/site.min.css")
    assert after != before
    assert digests.hashed_name("css/missing.css") == "css/missing.css"
    assert digests.hashed_name("css") == "css"

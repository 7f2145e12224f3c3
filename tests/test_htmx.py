"""The htmx helpers: fragment or page, redirects and triggers htmx understands."""
from __future__ import annotations

import json

import pytest
from flask import redirect

from ccan_web.htmx import htmx_redirect, is_htmx_fragment_request, trigger

pytestmark = pytest.mark.no_db


@pytest.mark.parametrize("headers, fragment", [
    ({}, False),
    ({"HX-Request": "true"}, True),
    ({"HX-Request": "true", "HX-Boosted": "true"}, False),
    ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
])
def test_a_fragment_only_for_a_plain_htmx_request(app, headers, fragment):
    with app.test_request_context("/", headers=headers):
        assert is_htmx_fragment_request() is fragment


def test_htmx_gets_hx_redirect_and_a_form_post_gets_303(app):
    with app.test_request_context("/", method="POST", headers={"HX-Request": "true"}):
        response = htmx_redirect("/account", redirect("/account", 303))
        assert response.status_code == 204 and response.headers["HX-Redirect"] == "/account"
    with app.test_request_context("/", method="POST"):
        assert htmx_redirect("/account", redirect("/account", 303)).status_code == 303


def test_triggers_accumulate_in_one_header(app):
    with app.test_request_context("/"):
        response = app.make_response("")
        trigger(response, "toast", "Saved")
        trigger(response, "counts-changed")
        assert json.loads(response.headers["HX-Trigger"]) == {"toast": "Saved", "counts-changed": True}


def test_only_pagination_links_are_boosted():
    """data-hx-boost on a region captures every link in it: with hx-select it swapped a profile page's
    link target for the list's region and left the list empty. Only the pagination partial, whose
    links all lead to another page of the same list, may boost."""
    from pathlib import Path
    import re

    templates = Path(__file__).resolve().parent.parent / "ccan_web" / "templates"
    boosting = sorted(str(path.relative_to(templates)) for path in templates.rglob("*.html")
                      if re.search(r'data-hx-boost="true"', path.read_text(encoding="utf-8")))
    assert boosting == ["_partials/pagination.html"]

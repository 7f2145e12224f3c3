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

"""htmx helpers: partial-or-page rendering and the response headers htmx reads."""
from __future__ import annotations

import json

from flask import make_response, render_template, request


def is_htmx_fragment_request() -> bool:
    """A fragment is wanted only for a plain htmx request: not boosted, not a history restore."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_partial(page_template: str, partial_template: str, status: int = 200, **context):
    """Render the partial for htmx, the page (which includes the same partial) otherwise."""
    template = partial_template if is_htmx_fragment_request() else page_template
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def htmx_redirect(location: str, redirect_response):
    """For htmx, an HX-Redirect header; for a plain form post, the usual 303."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect_response


def trigger(response, event: str, detail=None):
    """Attach an HX-Trigger event (a toast, a counter refresh) to `response`."""
    existing = json.loads(response.headers.get("HX-Trigger", "{}") or "{}")
    existing[event] = detail if detail is not None else True
    response.headers["HX-Trigger"] = json.dumps(existing, ensure_ascii=False)
    return response

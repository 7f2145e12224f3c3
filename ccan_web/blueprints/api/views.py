"""Routes of the read-only JSON API (public: it serves published entries only)."""
from __future__ import annotations

from flask import Blueprint, current_app, request

from ccan_web.blueprints.api import services
from ccan_web.blueprints.stories import records as story_records
from ccan_web.domain.errors import Invalid, NotFound
from ccan_web.extensions import csrf
from ccan_web.jsonapi import add_open_data_headers, cacheable, json_error, json_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # GET only; nothing here changes state
bp.after_app_request(add_open_data_headers)  # every answer under /api/, an unknown path's too


@bp.errorhandler(Invalid)
def invalid_parameter(error: Invalid):
    return json_error(400, error.message, error.field, error.problems)


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    return json_error(404, error.message)


@bp.route("/<any(businesses, courses):kind>")
def entries(kind: str):
    return cacheable(json_response(services.page_of(kind, request.args)), services.last_change(kind))


@bp.route("/<any(businesses, courses):kind>/<int:entry_id>")
def entry(kind: str, entry_id: int):
    return cacheable(json_response(services.entry_of(kind, entry_id)), services.last_change(kind, entry_id))


@bp.route("/stories")
def stories():
    return _within_a_minute(cacheable(json_response(story_records.page_of(request.args)),
                                      story_records.last_change()))


@bp.route("/stories/<slug>")
def story(slug: str):
    return _within_a_minute(cacheable(json_response(story_records.one(slug)), story_records.last_change()))


def _within_a_minute(response):
    # A story appears within a minute of its embargo: no cache may keep the answer longer.
    response.cache_control.max_age = 60
    return response


@bp.route("/openapi.json")
def openapi():
    return cacheable(json_response(services.openapi_document(current_app.config["PUBLIC_BASE_URL"])))

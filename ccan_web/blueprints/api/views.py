"""Routes of the read-only JSON API (public: it serves published entries only)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from ccan_web.blueprints.api import services
from ccan_web.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # GET only; nothing here changes state


@bp.route("/<any(businesses, courses):kind>")
def entries(kind: str):
    response = jsonify(services.page_of(kind, request.args))
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data for researchers and the media
    return response


@bp.route("/openapi.json")
def openapi():
    return jsonify(services.openapi_document(current_app.config["PUBLIC_BASE_URL"]))

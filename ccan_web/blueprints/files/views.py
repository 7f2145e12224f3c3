"""Routes of public stored files; private ones are served by their areas' views, which check the
reader first (storage.files.send_private)."""
from __future__ import annotations

from flask import Blueprint, abort

from ccan_web.domain.errors import NotFound
from ccan_web.storage import files
from ccan_web.storage.backends import KEY

bp = Blueprint("files", __name__, url_prefix="/files")


@bp.route("/<path:key>")
def public(key: str):
    if not KEY.match(key):
        abort(404)
    try:
        return files.send_public(key)
    except NotFound:
        abort(404)

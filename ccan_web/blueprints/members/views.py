"""Routes of the member directory (members only)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from ccan_web.blueprints.members import services
from ccan_web.domain.errors import NotFound
from ccan_web.htmx import render_page_or_partial
from ccan_web.links import active_filters, known_args
from ccan_web.pagination import parse_page
from ccan_web.permissions import require

bp = Blueprint("members", __name__, url_prefix="/members")


@bp.route("/")
@require("members.browse")
def directory():
    args = request.args
    filters = services.DirectoryFilter.from_args(args.get("q"), args.get("country"), args.get("sector"))
    page = services.search_members(filters, parse_page(args.get("page")),
                                   current_app.config["MEMBERS_PER_PAGE"])
    link_args = known_args(args, services.PARAMS)
    active = active_filters(link_args, filters.choices(), services.FILTER_PARAMS)
    return render_page_or_partial("members/member_list.html", "members/_results.html",
                                  filters=filters, page=page, link_args=link_args, active=active)


@bp.route("/<int:user_id>")
@require("members.browse")
def member_detail(user_id: int):
    try:
        member = services.get_member(user_id)
    except NotFound:
        abort(404)
    return render_template("members/member_detail.html", member=member)

"""Routes of the research databases: lists, entries, submission, moderation, the overview."""
from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.catalog import entries, exports, moderation
from ccan_web.blueprints.catalog.charts import overview_charts
from ccan_web.blueprints.catalog.forms import BusinessForm, CourseForm, DecisionForm, SuggestionForm
from ccan_web.blueprints.catalog.lists import LISTS, matching
from ccan_web.blueprints.catalog.overview import business_overview, course_overview, overview_rows
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.htmx import render_page_or_partial
from ccan_web.links import active_filters, known_args
from ccan_web.pagination import parse_page
from ccan_web.permissions import require

bp = Blueprint("catalog", __name__, url_prefix="/catalog")
PER_PAGE = 30

FORMS = {"businesses": BusinessForm, "courses": CourseForm}


def _user():
    return current_user._get_current_object()


def _entry_or_404(kind: str, entry_id: int):
    try:
        return entries.get_entry(LISTS[kind].model, entry_id)
    except NotFound:
        abort(404)


@bp.route("/")
def index():
    return redirect(url_for("catalog.entry_list", kind="businesses"))


@bp.route("/<any(businesses, courses):kind>")
def entry_list(kind: str):
    listing = LISTS[kind]
    filters = listing.filters.from_args(request.args)
    found = matching(kind, filters).page(parse_page(request.args.get("page")), PER_PAGE)
    filter_args = known_args(request.args, listing.filters.PARAMS)
    active = active_filters(filter_args, filters.choices(), listing.filters.FILTER_PARAMS)
    return render_page_or_partial(f"catalog/{kind}_list.html", "catalog/_results.html", kind=kind, filters=filters,
                                  page=found.page, corrected=found.corrected, filter_args=filter_args, active=active)


@bp.route("/<any(businesses, courses):kind>/<int:entry_id>")
def entry_detail(kind: str, entry_id: int):
    entry = _entry_or_404(kind, entry_id)
    if not entries.may_see(entry, _user()):
        abort(404)
    return render_entry(kind, entry)


def render_entry(kind: str, entry, status: int = 200, decision_form=None, suggestion_form=None):
    """The entry's page; the moderation routes show it again with a form's errors."""
    user = _user()
    return render_template(
        "catalog/entry_detail.html", kind=kind, entry=entry, decision_form=decision_form or DecisionForm(),
        may_change=entries.may_change(entry, user), may_suggest=moderation.may_suggest(user),
        suggestion_form=suggestion_form or SuggestionForm(),
        own_suggestion=moderation.open_suggestion_of(kind, entry.id, user)), status


def _data(kind: str, form):
    values = {name: value for name, value in form.data.items() if name not in ("csrf_token", "submit")}
    if kind == "businesses":
        values["other_sectors"] = tuple(values.get("other_sectors") or ())
        values["social_links"] = tuple(line.strip() for line in (values.get("social_links") or "").splitlines()
                                       if line.strip())
        values = {k: ("" if v is None and k != "founded_year" else v) for k, v in values.items()}
        return entries.BusinessData(**values)
    values["sectors"] = tuple(values.get("sectors") or ())
    values = {k: ("" if v is None else v) for k, v in values.items()}
    return entries.CourseData(**values)


@bp.route("/<any(businesses, courses):kind>/new", methods=["GET", "POST"])
@require("catalog.submit")
def entry_new(kind: str):
    form = FORMS[kind]()
    if form.validate_on_submit():
        submit = entries.submit_business if kind == "businesses" else entries.submit_course
        saved, submitted = commit_or_show_error(lambda: submit(_data(kind, form), _user()), form)
        if saved:
            flash(_("Thank you. An editor will look at the entry before it is published."), "success")
            if submitted.duplicates:
                flash(_("It looks like an entry already in the catalog; an editor will compare the two."), "info")
            return redirect(url_for("catalog.entry_detail", kind=kind, entry_id=submitted.entry.id), 303)
    return render_template("catalog/entry_form.html", kind=kind, form=form, entry=None), form_status(form)


@bp.route("/<any(businesses, courses):kind>/<int:entry_id>/edit", methods=["GET", "POST"])
@require("catalog.submit")
def entry_edit(kind: str, entry_id: int):
    entry = _entry_or_404(kind, entry_id)
    if not entries.may_change(entry, _user()):
        abort(403)
    form_class = FORMS[kind]
    form = form_class(obj=entry, **_form_extras(kind, entry)) if request.method == "GET" else form_class()
    if form.validate_on_submit():
        update = entries.update_business if kind == "businesses" else entries.update_course
        saved, _entry = commit_or_show_error(lambda: update(entry, _data(kind, form), _user()), form)
        if saved:
            flash(_("The entry is saved."), "success")
            return redirect(url_for("catalog.entry_detail", kind=kind, entry_id=entry.id), 303)
    return render_template("catalog/entry_form.html", kind=kind, form=form, entry=entry), form_status(form)


def _form_extras(kind: str, entry) -> dict:
    """Fields whose stored shape differs from the form's (lists of rows, lines of links)."""
    if kind == "businesses":
        return {"other_sectors": [s.sector for s in entry.other_sectors],
                "social_links": "\n".join(entry.social_links or [])}
    return {"sectors": entry.sector_slugs}


@bp.route("/overview")
def overview():
    businesses, courses = business_overview(), course_overview()
    return render_template("catalog/overview.html", businesses=businesses, courses=courses,
                           charts=overview_charts(businesses, courses))


def csv_response(rows: list[list], filename: str):
    """A CSV download that Excel opens with Cyrillic intact (a BOM) and runs no formula in."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[exports.csv_cell(cell) for cell in row] for row in rows])
    response = make_response("\ufeff" + buffer.getvalue())
    response.mimetype = "text/csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/overview.<any(csv, json):fmt>")
def overview_download(fmt: str):
    rows = overview_rows(business_overview(), course_overview())
    if fmt == "json":
        response = make_response(json.dumps(rows, ensure_ascii=False, indent=1))
        response.mimetype = "application/json"
    else:
        fields = list(rows[0].keys())
        return csv_response([fields] + [[row[f] for f in fields] for row in rows], "ccan-catalog-overview.csv")
    response.headers["Content-Disposition"] = f'attachment; filename="ccan-catalog-overview.{fmt}"'
    return response


@bp.route("/export.<any(csv, json, xlsx):fmt>")
def export(fmt: str):
    """The entries the list with the same filters shows, in its order; in a CSV, cells that look
    like formulas are neutralised."""
    kind = "courses" if request.args.get("kind") == "courses" else "businesses"
    listing = LISTS[kind]
    fields = listing.fields
    records = exports.export_records(kind, listing.filters.from_args(request.args))
    if fmt == "json":
        response = make_response(json.dumps(records, ensure_ascii=False, indent=1))
        response.mimetype = "application/json"
    elif fmt == "xlsx":
        response = make_response(exports.xlsx_bytes(fields, records))
        response.mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        return csv_response([fields] + [[r[f] for f in fields] for r in records], f"ccan-{kind}.csv")
    response.headers["Content-Disposition"] = f'attachment; filename="ccan-{kind}.{fmt}"'
    return response

from ccan_web.blueprints.catalog import import_views  # noqa: E402,F401  (routes on this blueprint)
from ccan_web.blueprints.catalog import moderation_views  # noqa: E402,F401
from ccan_web.blueprints.catalog import methodology_views  # noqa: E402,F401

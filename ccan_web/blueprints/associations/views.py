"""Routes of /associations/: the five compared (a table and a map), each country's association, its
profile and its status."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.associations import services
from ccan_web.blueprints.associations import answers, reports
from ccan_web.blueprints.associations.forms import (AnswerForm, PartnershipForm, ProfileForm, ReportForm,
                                                    ReportYearForm, StatusForm)
from ccan_web.blueprints.toolkit import checklists
from ccan_web.blueprints.toolkit import services as toolkit_services
from ccan_web.htmx import is_htmx_fragment_request
from ccan_web.storage.files import send_private
from ccan_web.domain import associations as rules
from ccan_web.domain.central_asia import shapes, view_box
from ccan_web.domain.toolkit import ANSWER_STATES
from ccan_web.domain.associations import REPORT_KINDS
from ccan_web.documents.forms import ActionForm
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error, form_status, show_version
from ccan_web.markdown import render
from ccan_web.permissions import can, require

bp = Blueprint("associations", __name__, url_prefix="/associations")


@bp.context_processor
def _labels():
    return {"association_status_label": rules.status_label, "ASSOCIATION_STATUSES": rules.STATUSES,
            "FUNDING_SOURCES": rules.FUNDING_SOURCES, "ANSWER_STATES": ANSWER_STATES, "REPORT_KINDS": REPORT_KINDS}


# The language of each country's national name (for the `lang` of the name, read aloud right).
NATIONAL_LANGUAGES = {"KZ": "kk", "KG": "ky", "TJ": "tg", "TM": "tk", "UZ": "uz"}


def _country_or_404(cc: str):
    try:
        return services.country_of(cc)
    except NotFound:
        abort(404)


@bp.route("/")
def index():
    return render_template("associations/association_list.html", associations=services.summaries(),
                           shapes=shapes(), view_box=view_box())


@bp.route("/<cc>")
def detail(cc: str):
    _country_or_404(cc)
    found = services.summary(cc)
    return render_template("associations/association_detail.html", summary=found,
                           association=found.association, history=services.history(found.association),
                           description=render(found.association.description or ""),
                           national_lang=NATIONAL_LANGUAGES[found.country.code],
                           may_edit=services.may_edit(current_user, found.country.code),
                           lag=services.roadmap_lag(found.country.code, drafts=can(current_user, "roadmap.read_drafts")))


@bp.route("/<cc>/edit", methods=["GET", "POST"])
@require("associations.edit", scope_arg="cc")
def edit(cc: str):
    country = _country_or_404(cc)
    association = services.find(country.code)
    form = ProfileForm(obj=None if request.method == "POST" else association)
    if request.method == "GET":
        form.funding_sources.data = list(association.funding_sources or [])
    elif form.validate_on_submit():
        data = services.ProfileData(**form.profile_data())
        upload = form.logo.data
        logo = services.Upload(upload.read(), upload.filename) if upload and upload.filename else None
        saved, _result = commit_or_show_error(lambda: services.update_profile(
            country.code, data, current_user, form.version.data, logo, form.remove_logo.data), form)
        if saved:
            flash(_("The association’s profile is saved."), "success")
            return redirect(url_for(".detail", cc=cc), 303)
        # Asked because someone saved in between: the form now names their version, so saving again keeps this one.
        show_version(form.version, services.find(country.code).version)
    return render_template("associations/association_edit.html", form=form, country=country,
                           association=services.find(country.code)), 422 if form.errors or form.form_errors else 200


@bp.route("/<cc>/status", methods=["GET", "POST"])
@require("associations.edit", scope_arg="cc")
def status(cc: str):
    country = _country_or_404(cc)
    association = services.find(country.code)
    form = StatusForm()
    options = rules.next_statuses(association.status, association.suspended_from,
                                  is_board=services.is_board(current_user), declared=False)
    form.status.choices = [("", _("Choose a status from the list."))] + [(s, rules.status_label(s)) for s in options]
    if request.method == "GET":
        form.version.data = association.version
    elif form.validate_on_submit():
        saved, _result = commit_or_show_error(lambda: services.change_status(
            country.code, form.status.data, form.reason.data or "", current_user, form.version.data), form)
        if saved:
            flash(_("The association’s status is changed."), "success")
            return redirect(url_for(".detail", cc=cc), 303)
        show_version(form.version, services.find(country.code).version)
    return render_template("associations/association_status.html", form=form, country=country,
                           association=services.find(country.code), options=options), form_status(form)


@bp.route("/<cc>/partnership", methods=["GET", "POST"])
@require("associations.edit", scope_arg="cc")
def partnership(cc: str):
    country = _country_or_404(cc)
    form = PartnershipForm()
    terms = toolkit_services.current_terms()
    if request.method == "GET":
        form.mission.data, form.principles.data, form.logo_use.data = (
            terms["mission"], terms["principles"], terms["logo-use"])
    elif form.validate_on_submit():
        saved, _result = commit_or_show_error(lambda: services.declare_partnership(
            country.code, form.accepted(), current_user), form)
        if saved:
            flash(_("The partnership is declared: the association is a CCAN partner."), "success")
            return redirect(url_for(".detail", cc=cc), 303)
    documents = {entry.slug: entry for entry in toolkit_services.terms_documents()}
    return render_template("associations/partnership_declare.html", form=form, country=country, terms=terms,
                           documents=documents, summary=services.summary(cc)), form_status(form)


# Checklists ---------------------------------------------------------------------------------------

def _checklist_or_404(slug: str):
    try:
        return toolkit_services.find_checklist(slug)
    except NotFound:
        abort(404)


def _answer_forms(view, posted_item: int | None = None, posted_form=None) -> dict:
    """A form per item, filled with its answer; the one just posted as it was sent."""
    forms = {}
    for item in view.items:
        if item.id == posted_item:
            forms[item.id] = posted_form
            continue
        found = view.answers.get(item.id)
        forms[item.id] = AnswerForm(prefix=f"item-{item.id}", formdata=None, obj=found)
    return forms


@bp.route("/<cc>/checklist/<slug>")
@require("associations.edit", scope_arg="cc")
def checklist(cc: str, slug: str):
    country = _country_or_404(cc)
    view = answers.view(services.find(country.code), _checklist_or_404(slug))
    return render_template("associations/checklist_answer.html", country=country, view=view,
                           forms=_answer_forms(view))


@bp.route("/<cc>/checklist/<slug>/<int:item_id>", methods=["POST"])
@require("associations.edit", scope_arg="cc")
def answer(cc: str, slug: str, item_id: int):
    country, checklist_document = _country_or_404(cc), _checklist_or_404(slug)
    form = AnswerForm(prefix=f"item-{item_id}")
    if not any(item.id == item_id for item in answers.view(None, checklist_document).items):
        abort(404)
    if form.validate_on_submit():
        upload = form.evidence_file.data
        evidence = services.Upload(upload.read(), upload.filename) if upload and upload.filename else None
        saved, _result = commit_or_show_error(lambda: answers.answer(
            country.code, checklist_document, item_id, form.state.data, form.justification.data or "",
            form.evidence_url.data or "", current_user, evidence, seen_version=form.version.seen()), form)
        if saved and not is_htmx_fragment_request():
            flash(_("The answer is saved."), "success")
            return redirect(url_for(".checklist", cc=cc, slug=slug) + f"#item-{item_id}", 303)
        if saved:
            form = None
    view = answers.view(services.find(country.code), checklist_document)
    if form is not None and item_id in view.answers:
        # Asked because someone answered in between: the form now names their answer, so saving
        # again (having seen it above) replaces it.
        show_version(form.version, view.answers[item_id].version)
    forms = _answer_forms(view, item_id if form is not None else None, form)
    status_code = form_status(form) if form is not None else 200
    if is_htmx_fragment_request():
        item = next(item for item in view.items if item.id == item_id)
        return render_template("associations/_checklist_item.html", country=country, view=view, item=item,
                               form=forms[item_id], answer=view.answers.get(item_id), oob=True), status_code
    return render_template("associations/checklist_answer.html", country=country, view=view,
                           forms=forms), status_code


@bp.route("/<cc>/evidence/<int:answer_id>")
@require("associations.edit", scope_arg="cc")
def evidence(cc: str, answer_id: int):
    country = _country_or_404(cc)
    try:
        found = answers.evidence_of(country.code, answer_id)
    except NotFound:
        abort(404)
    return send_private(found.evidence_file)


def _dashboard(cc: str, report_forms=None, status=200):
    country = _country_or_404(cc)
    found = services.summary(cc)
    views = [answers.view(found.association, checklist) for checklist in checklists.checklists()]
    years = reports.years()
    forms = report_forms or {}
    for year in years:
        for kind in REPORT_KINDS:
            forms.setdefault((year.year, kind), ReportForm(prefix=f"report-{year.year}-{kind}", formdata=None))
    return render_template("associations/association_dashboard.html", summary=found, country=country,
                           association=found.association, checklists=views, years=years,
                           lag=services.roadmap_lag(country.code, drafts=True),
                           reports=reports.reports_of(found.association), report_forms=forms), status


@bp.route("/<cc>/dashboard")
@require("associations.edit", scope_arg="cc")
def dashboard(cc: str):
    return _dashboard(cc)


@bp.route("/<cc>/reports/<int:year>/<kind>", methods=["GET", "POST"])
@require("associations.edit", scope_arg="cc")
def report(cc: str, year: int, kind: str):
    country = _country_or_404(cc)
    if kind not in REPORT_KINDS:
        abort(404)
    if request.method == "GET":
        try:
            return send_private(reports.report_file(country.code, year, kind).file)
        except NotFound:
            abort(404)
    try:
        reports.get_year(year)
    except NotFound:
        abort(404)
    form = ReportForm(prefix=f"report-{year}-{kind}")
    upload = form.file.data
    if form.validate_on_submit() and upload and upload.filename:
        saved, _result = commit_or_show_error(lambda: reports.upload(
            country.code, year, kind, services.Upload(upload.read(), upload.filename), current_user), form)
        if saved:
            flash(_("The report is sent."), "success")
            return redirect(url_for(".dashboard", cc=cc) + "#dash-reports", 303)
    elif not form.errors:
        form.file.errors = [_("Choose a file to send.")]
    return _dashboard(cc, {(year, kind): form}, 422)


@bp.route("/reports", methods=["GET", "POST"])
@require("associations.suspend")
def report_years():
    form = ReportYearForm()
    if form.validate_on_submit():
        saved, _result = commit_or_show_error(lambda: reports.set_year(form.year.data, form.due_date.data,
                                                                        current_user), form)
        if saved:
            flash(_("The reporting year is saved."), "success")
            return redirect(url_for(".report_years"), 303)
    rows = services.by_country()
    return render_template("associations/report_years.html", form=form, years=reports.years(),
                           rows=rows, submitted={code: reports.reports_of(a) for code, a in rows.items()},
                           standings=reports.standings(rows), action_form=ActionForm()), form_status(form)


@bp.route("/reports/<int:year>/close", methods=["POST"])
@require("associations.suspend")
def close_year(year: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        reports.get_year(year)
    except NotFound:
        abort(404)
    saved, _result = commit_or_show_error(lambda: reports.close_year(year, current_user))
    if saved:
        flash(_("The year %(year)d is closed: its reports can no longer change.", year=year), "success")
    return redirect(url_for(".report_years"), 303)

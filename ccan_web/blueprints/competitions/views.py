"""Routes of /competitions/: the calls (open, upcoming, past), a call, applying, the results; the
Board's pages (the call, its questions, criteria and jury, the applications, the ranking,
publishing); the jury's pages (assignments, scores, conflicts)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.competitions import applications, jury, services
from ccan_web.blueprints.competitions.applications import EntryData, Upload
from ccan_web.blueprints.competitions.forms import (CallForm, ConflictForm, CriterionForm, JurorForm, OverrideForm,
                                                    QuestionForm, ReasonForm, entry_form, score_form)
from ccan_web.blueprints.competitions.services import CallData
from ccan_web.blueprints.events import services as events_services
from ccan_web.documents.forms import ActionForm
from ccan_web.domain import competitions as rules
from ccan_web.domain.errors import NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.i18n import current_locale_code, format_when
from ccan_web.markdown import render
from ccan_web.permissions import require
from ccan_web.storage.files import send_private

bp = Blueprint("competitions", __name__, url_prefix="/competitions")


@bp.context_processor
def _labels():
    return {"competition_state_label": lambda s: rules.STATE_LABELS.get(s, s),
            "entry_state_label": lambda s: rules.APPLICATION_LABELS.get(s, s),
            "applicant_kind_label": lambda k: rules.APPLICANT_KIND_NAMES.get(k, k),
            "question_kind_label": lambda k: rules.QUESTION_KINDS.get(k, k)}


def _user():
    return current_user._get_current_object()


def _competition_or_404(slug: str, board: bool = False):
    try:
        competition = services.by_slug(slug)
    except NotFound:
        abort(404)
    if not services.visible_to(competition, _user()) or (board and not services.is_board(_user())):
        abort(404)
    return competition


def _label_of(question) -> str:
    return services.question_label(question, current_locale_code())


def _back(endpoint: str, slug: str, anchor: str = ""):
    return redirect(url_for(endpoint, slug=slug) + anchor, 303)


# Public ----------------------------------------------------------------------------------------

@bp.route("/")
def index():
    return render_template("competitions/competition_list.html", listing=services.listing(_user()),
                           phase=services.phase, is_board=services.is_board(_user()))


@bp.route("/<slug>")
def detail(slug: str):
    competition = _competition_or_404(slug)
    user = _user()
    return render_template("competitions/competition_detail.html", competition=competition,
                           description=render(competition.description), phase=services.phase(competition),
                           entry=applications.entry_of(competition, user), is_board=services.is_board(user),
                           label_of=_label_of, action_form=ActionForm(formdata=None))


@bp.route("/<slug>/results")
def results(slug: str):
    summary = services.results_summary(slug)
    if summary is None:
        abort(404)
    largest = max([count for _code, count in summary.countries + summary.sectors] or [1])
    # The online event that presents the results, when there is one.
    event = events_services.event_presenting_competition(slug)
    event_link = {"url": url_for("events.event_detail", slug=event.slug),
                  "label": _("The results are presented at the online event “%(title)s”, %(when)s.", title=event.title,
                             when=format_when(event.starts_at))} if event is not None else None
    return render_template("competitions/competition_results.html", summary=summary, largest=largest,
                           event_link=event_link)


# Applying ----------------------------------------------------------------------------------------

def _entry_data(form, competition) -> EntryData:
    answers, files = {}, {}
    for question in competition.questions:
        field = form[applications.question_field(question)]
        if question.kind == "file":
            upload = field.data
            if upload is not None and getattr(upload, "filename", None):
                files[question.id] = Upload(upload.read(), upload.filename)
        else:
            answers[question.id] = field.data or ""
    return EntryData(form.applicant_kind.data or "", form.name.data or "", form.country.data or "",
                     form.sector.data or "", answers, files)


def _entry_start(competition, entry, user) -> dict:
    if entry is not None:
        return {"applicant_kind": entry.applicant_kind, "name": entry.name, "country": entry.country,
                "sector": entry.sector, **{f"q{k}": v for k, v in (entry.answers or {}).items()}}
    sectors = [s.sector for s in user.sectors]
    return {"applicant_kind": "organisation" if user.applicant_type == "organisation" else "individual",
            "name": user.organisation_name or user.full_name, "country": user.country,
            "sector": sectors[0] if sectors else ""}


@bp.route("/<slug>/apply", methods=["GET", "POST"])
@require("competitions.apply")
def apply(slug: str):
    competition = _competition_or_404(slug)
    user = _user()
    entry = applications.entry_of(competition, user)
    if request.method == "GET":
        form = entry_form(competition, _label_of, formdata=None, data=_entry_start(competition, entry, user))
    else:
        form = entry_form(competition, _label_of)
        submit = request.form.get("action") == "submit"
        if form.validate_on_submit():
            saved, entry_saved = commit_or_show_error(lambda: applications.save_entry(
                competition, user, _entry_data(form, competition), submit), form)
            if saved:
                flash(_("Your application is submitted. You may change it until the call closes.") if submit
                      else _("Your draft is saved. Submit it before the call closes."), "success")
                return _back("competitions.apply", slug)
        elif "csrf_token" in form.errors:
            abort(400)
        entry = applications.entry_of(competition, user)
    return render_template("competitions/entry_form.html", competition=competition, form=form, entry=entry,
                           open=services.accepts_applications(competition), phase=services.phase(competition),
                           answers=applications.answers_of(entry, competition, current_locale_code()) if entry else [],
                           ), form_status(form)


@bp.route("/<slug>/applications/<int:entry_id>/files/<int:question_id>")
@require("competitions.apply")
def attachment(slug: str, entry_id: int, question_id: int):
    competition = _competition_or_404(slug)
    try:
        found = applications.file_of(competition, entry_id, question_id, _user())
    except NotFound:
        abort(404)
    return send_private(found.file)


# The Board: the call ------------------------------------------------------------------------------

def _call_data(form: CallForm) -> CallData:
    return CallData(form.title.data or "", form.slug.data or "", form.objective.data or "",
                    form.description.data or "", tuple(form.eligible_countries.data or ()),
                    tuple(form.languages.data or ()), form.opens_local.data, form.closes_local.data,
                    form.zone.data or "", form.scale.data, form.min_scores.data, form.prizes.data)


@bp.route("/new", methods=["GET", "POST"])
@require("competitions.run")
def new():
    form = CallForm()
    if request.method == "GET":
        form.eligible_countries.data = [choice.value for choice in form.eligible_countries.choices]
        form.languages.data = ["en", "ru"]
    elif form.validate_on_submit():
        saved, competition = commit_or_show_error(lambda: services.create_call(_call_data(form), _user()), form)
        if saved:
            flash(_("The call is saved as a draft. Add its questions, criteria and jury, then announce it."), "success")
            return _back("competitions.questions", competition.slug)
    return render_template("competitions/call_form.html", form=form, competition=None), form_status(form)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@require("competitions.run")
def edit(slug: str):
    competition = _competition_or_404(slug, board=True)
    form = CallForm(formdata=None, data=services.call_data_of(competition)) if request.method == "GET" else CallForm()
    if request.method == "POST" and form.validate_on_submit():
        saved, _result = commit_or_show_error(lambda: services.update_call(competition, _call_data(form), _user()), form)
        if saved:
            flash(_("The call is saved."), "success")
            return _back("competitions.detail", competition.slug)
    return render_template("competitions/call_form.html", form=form, competition=competition), form_status(form)


def _setup_page(competition, question_form=None, criterion_form=None, juror_form=None, status=200):
    return render_template("competitions/call_setup.html", competition=competition, label_of=_label_of,
                           question_form=question_form or QuestionForm(formdata=None),
                           criterion_form=criterion_form or CriterionForm(formdata=None),
                           juror_form=juror_form or JurorForm(formdata=None), action_form=ActionForm(formdata=None),
                           locales=LOCALES), status


@bp.route("/<slug>/questions", methods=["GET", "POST"])
@require("competitions.run")
def questions(slug: str):
    competition = _competition_or_404(slug, board=True)
    if request.method == "GET":
        return _setup_page(competition)
    form = QuestionForm()
    if form.validate_on_submit():
        labels = {code: form[f"label_{code}"].data or "" for code in LOCALES}
        saved, _q = commit_or_show_error(lambda: services.add_question(
            competition, form.kind.data, labels, (form.options.data or "").splitlines(), form.required.data,
            _user()), form)
        if saved:
            flash(_("The question is added."), "success")
            return _back("competitions.questions", slug, "#competition-questions")
    if "csrf_token" in form.errors:
        abort(400)
    return _setup_page(_competition_or_404(slug, board=True), question_form=form, status=422)


@bp.route("/<slug>/criteria", methods=["POST"])
@require("competitions.run")
def criteria(slug: str):
    competition = _competition_or_404(slug, board=True)
    form = CriterionForm()
    if form.validate_on_submit():
        saved, _c = commit_or_show_error(lambda: services.add_criterion(
            competition, form.name.data, form.description.data or "", form.weight.data, _user()), form)
        if saved:
            flash(_("The criterion is added."), "success")
            return _back("competitions.questions", slug, "#competition-criteria")
    if "csrf_token" in form.errors:
        abort(400)
    return _setup_page(_competition_or_404(slug, board=True), criterion_form=form, status=422)


@bp.route("/<slug>/jurors", methods=["POST"])
@require("competitions.run")
def jurors(slug: str):
    competition = _competition_or_404(slug, board=True)
    form = JurorForm()
    if form.validate_on_submit():
        saved, _j = commit_or_show_error(lambda: services.add_juror(competition, form.email.data, _user()), form)
        if saved:
            flash(_("The juror is added."), "success")
            return _back("competitions.questions", slug, "#competition-jury")
    if "csrf_token" in form.errors:
        abort(400)
    return _setup_page(_competition_or_404(slug, board=True), juror_form=form, status=422)


@bp.route("/<slug>/<any(questions, criteria, jurors):part>/<int:item_id>/remove", methods=["POST"])
@require("competitions.run")
def remove(slug: str, part: str, item_id: int):
    competition = _competition_or_404(slug, board=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    items = {"questions": competition.questions, "criteria": competition.criteria, "jurors": competition.jurors}[part]
    if not any(item.id == item_id for item in items):
        abort(404)
    operation = {"questions": services.remove_question, "criteria": services.remove_criterion,
                 "jurors": services.remove_juror}[part]
    saved, _r = commit_or_show_error(lambda: operation(competition, item_id, _user()))
    if saved:
        flash(_("Removed."), "success")
    return _back("competitions.questions", slug)


@bp.route("/<slug>/<any(announce, close, judge, publish):action>", methods=["POST"])
@require("competitions.run")
def step(slug: str, action: str):
    competition = _competition_or_404(slug, board=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, _r = commit_or_show_error(lambda: services.take_step(competition, action, _user()))
    if not saved:  # the reason is flashed; back to the page the step was taken from
        return _back("competitions.ranking" if action == "publish" else "competitions.detail", slug)
    flash({"announce": _("The call is announced."), "close": _("The call is closed."),
           "judge": _("The judging has begun: the jurors are told."),
           "publish": _("The results are published: every applicant is told.")}[action], "success")
    return _back({"publish": "competitions.results", "judge": "competitions.ranking"}.get(
        action, "competitions.detail"), slug)


# The Board: applications -----------------------------------------------------------------------

@bp.route("/<slug>/applications")
@require("competitions.run")
def applications_list(slug: str):
    competition = _competition_or_404(slug, board=True)
    return render_template("competitions/entry_list.html", competition=competition,
                           overview=applications.overview(competition))


@bp.route("/<slug>/applications.csv")
@require("competitions.run")
def export(slug: str):
    competition = _competition_or_404(slug, board=True)
    response = make_response(applications.export_csv(competition, current_locale_code()))
    response.content_type = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{competition.slug}-applications.csv"'
    return response


@bp.route("/<slug>/attachments.zip")
@require("competitions.run")
def attachments_zip(slug: str):
    competition = _competition_or_404(slug, board=True)
    response = make_response(applications.attachments_zip(competition))
    response.content_type = "application/zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{competition.slug}-attachments.zip"'
    response.cache_control.no_store = True
    return response


def _entry_page(competition, entry, form=None, status=200):
    return render_template("competitions/entry_detail.html", competition=competition, entry=entry,
                           answers=applications.answers_of(entry, competition, current_locale_code()),
                           form=form or ReasonForm(formdata=None)), status


@bp.route("/<slug>/applications/<int:entry_id>")
@require("competitions.run")
def entry_detail(slug: str, entry_id: int):
    competition = _competition_or_404(slug, board=True)
    try:
        return _entry_page(competition, applications.entry_for_board(competition, entry_id))
    except NotFound:
        abort(404)


@bp.route("/<slug>/applications/<int:entry_id>/disqualify", methods=["POST"])
@require("competitions.run")
def disqualify(slug: str, entry_id: int):
    competition = _competition_or_404(slug, board=True)
    try:
        entry = applications.entry_for_board(competition, entry_id)
    except NotFound:
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        saved, _e = commit_or_show_error(lambda: applications.disqualify(competition, entry, form.reason.data, _user()),
                                         form)
        if saved:
            flash(_("The application is disqualified; the applicant is told why."), "success")
            return _back("competitions.applications_list", slug)
    if "csrf_token" in form.errors:
        abort(400)
    return _entry_page(competition, applications.entry_for_board(competition, entry_id), form, 422)


# The Board: ranking and publishing ---------------------------------------------------------------

def _ranking_page(competition, forms=None, status=200):
    rows = jury.preview(competition)
    forms = forms or {}
    for row in rows:
        forms.setdefault(row.entry.id, OverrideForm(formdata=None, prefix=f"o{row.entry.id}", data={
            "place": row.override.place if row.override else None,
            "reason": row.override.reason if row.override else ""}))
    return render_template("competitions/ranking.html", competition=competition, rows=rows, forms=forms,
                           needing=[row for row in rows if row.standing.needs],
                           action_form=ActionForm(formdata=None)), status


@bp.route("/<slug>/ranking")
@require("competitions.run")
def ranking(slug: str):
    return _ranking_page(_competition_or_404(slug, board=True))


@bp.route("/<slug>/ranking/<int:entry_id>", methods=["POST"])
@require("competitions.run")
def override(slug: str, entry_id: int):
    competition = _competition_or_404(slug, board=True)
    if not any(row.entry.id == entry_id for row in jury.preview(competition)):
        abort(404)
    form = OverrideForm(prefix=f"o{entry_id}")
    if form.validate_on_submit():
        saved, _o = commit_or_show_error(lambda: jury.override_place(
            competition, entry_id, form.place.data, form.reason.data, _user()), form)
        if saved:
            flash(_("The place is set; the reason is kept in the audit log."), "success")
            return _back("competitions.ranking", slug)
    if "csrf_token" in form.errors:
        abort(400)
    return _ranking_page(competition, {entry_id: form}, 422)


# The jury ----------------------------------------------------------------------------------------

@bp.route("/jury")
@require("competitions.judge")
def jury_home():
    return render_template("competitions/jury_list.html", assignments=jury.my_assignments(_user()))


def _assignment_or_404(competition, entry_id: int):
    try:
        return jury.assignment_for(competition, entry_id, _user())
    except NotFound:
        abort(404)


def _score_page(competition, assignment, form=None, conflict_form=None, status=200):
    data = {f"c{k}": v for k, v in (assignment.scores or {}).items()}
    data["comment"] = assignment.comment
    return render_template(
        "competitions/score_form.html", competition=competition, assignment=assignment, entry=assignment.entry,
        answers=applications.answers_of(assignment.entry, competition, current_locale_code()),
        form=form or score_form(competition, formdata=None, data=data),
        conflict_form=conflict_form or ConflictForm(formdata=None),
        others=jury.scores_seen_by(competition, assignment)), status


@bp.route("/<slug>/jury/<int:entry_id>", methods=["GET", "POST"])
@require("competitions.judge")
def score(slug: str, entry_id: int):
    competition = _competition_or_404(slug)
    assignment = _assignment_or_404(competition, entry_id)
    if request.method == "GET":
        return _score_page(competition, assignment)
    form = score_form(competition)
    if form.validate_on_submit():
        values = {c.id: form[f"c{c.id}"].data for c in competition.criteria}
        saved, _a = commit_or_show_error(lambda: jury.score(competition, assignment, values, form.comment.data or "",
                                                            _user()), form)
        if saved:
            flash(_("Your scores are saved."), "success")
            return redirect(url_for("competitions.jury_home"), 303)
    if "csrf_token" in form.errors:
        abort(400)
    return _score_page(competition, _assignment_or_404(competition, entry_id), form=form, status=422)


@bp.route("/<slug>/jury/<int:entry_id>/conflict", methods=["POST"])
@require("competitions.judge")
def conflict(slug: str, entry_id: int):
    competition = _competition_or_404(slug)
    assignment = _assignment_or_404(competition, entry_id)
    form = ConflictForm()
    if form.validate_on_submit():
        saved, _a = commit_or_show_error(lambda: jury.declare_conflict(competition, assignment, form.note.data or "",
                                                                       _user()), form)
        if saved:
            flash(_("Your conflict of interest is declared: you do not judge this application."), "success")
            return redirect(url_for("competitions.jury_home"), 303)
    if "csrf_token" in form.errors:
        abort(400)
    return _score_page(competition, _assignment_or_404(competition, entry_id), conflict_form=form, status=422)

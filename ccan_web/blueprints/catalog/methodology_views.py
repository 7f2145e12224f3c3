"""Routes of /catalog/methodology: the text with the sources, and writing it on the document engine.

The editing pages are the roadmap's templates, pointed at these endpoints through doc_endpoints.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.catalog import methodology
from ccan_web.blueprints.catalog.overview import source_counts
from ccan_web.blueprints.catalog.views import bp
from ccan_web.blueprints.roadmap import conflicts
from ccan_web.blueprints.roadmap import services as roadmap_services
from ccan_web.blueprints.roadmap.forms import ActionForm, EditForm, FirstDraftForm, ResolveForm
from ccan_web.documents import services as documents
from ccan_web.documents.diff import DIFF_VIEWS, TEXT_MODES, compare, compare_as
from ccan_web.documents.languages import written_in
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.i18n import current_locale_code
from ccan_web.htmx import htmx_redirect, render_page_or_partial
from ccan_web.markdown import render, render_document
from ccan_web.pagination import paginate, parse_page
from ccan_web.permissions import require
from ccan_web.routing import choice_arg, number_arg, stored_number_or_404

HISTORY_PER_PAGE = 50
ENDPOINTS = {
    "view": "catalog.methodology", "edit": "catalog.methodology_edit", "preview": "catalog.methodology_preview",
    "changes": "catalog.methodology_changes", "history": "catalog.methodology_history",
    "diff": "catalog.methodology_diff", "revision": "catalog.methodology_revision",
    "revision_action": "catalog.methodology_revision_action", "publish": "catalog.methodology_publish",
}


def _user():
    return current_user._get_current_object()


def _pages(may_read_drafts: bool = True) -> dict:
    """What the roadmap's document templates need to serve the methodology instead."""
    return {"doc_endpoints": ENDPOINTS, "doc_endpoint_args": {}, "doc_title": methodology.title(),
            "doc_nav": "catalog/_methodology_nav.html", "may_read_drafts": may_read_drafts, "kind": None}


def _document():
    try:
        return methodology.get_document()
    except NotFound:
        abort(404)


def _revision_or_404(document, number):
    try:
        return documents.get_revision(document, number)
    except NotFound:
        abort(404)


def _read_page(draft_form=None, status=200):
    reading = methodology.reading(_user())
    rendered = render_document(reading.revision.body) if reading.revision else None
    return render_template("catalog/methodology.html", reading=reading, rendered=rendered,
                           sources=source_counts(), may_edit=methodology.may_edit(_user()),
                           draft_form=draft_form or FirstDraftForm(), action_form=ActionForm(),
                           written_in=written_in(reading.document, current_locale_code()),
                           **_pages(methodology.may_read_drafts(_user()))), status


@bp.route("/methodology", endpoint="methodology")
def methodology_page():
    return _read_page()


@bp.route("/methodology/start", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_start():
    form = FirstDraftForm()
    if form.validate_on_submit():
        saved, _document = commit_or_show_error(lambda: methodology.start(form.body.data, _user()), form)
        if saved:
            flash(_("The methodology is started. Publish a revision when it is ready for readers."), "success")
            return redirect(url_for("catalog.methodology"), 303)
    return _read_page(form, 422)


@bp.route("/methodology/edit", methods=["GET", "POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_edit():
    document = methodology.find_document()
    if document is None:
        return redirect(url_for("catalog.methodology"))  # where the first draft is written
    form = EditForm()
    if request.method == "GET":
        form.base_number.data = documents.current_head(document)
        form.body.data = documents.get_revision(document, form.base_number.data).body
    elif form.validate_on_submit():
        return _save(document, form)
    return render_template("roadmap/document_edit.html", document=document, form=form, section=None,
                           **_pages()), form_status(form)


def _save(document, form):
    saved, outcome = commit_or_show_error(
        lambda: documents.save(document, form.base_number.data, form.body.data, _user(), form.summary.data or ""),
        form)
    if not saved:
        return render_template("roadmap/document_edit.html", document=document, form=form, section=None,
                               **_pages()), 422
    if outcome.conflict is not None:
        return _conflict_page(document, outcome.conflict, mine=form.body.data, base_number=outcome.base_number,
                              head_number=outcome.head_number, summary=form.summary.data or "")
    _flash_saved(outcome)
    target = url_for("catalog.methodology")
    return htmx_redirect(target, redirect(target, 303))


def _flash_saved(outcome):
    if outcome.merged_with:
        names = ", ".join(sorted({r.author.full_name for r in outcome.merged_with if r.author}))
        flash(_("Saved as revision %(number)d, merged with the changes of %(names)s saved meanwhile.",
                number=outcome.revision.number, names=names or _("another editor")), "success")
    else:
        flash(_("Saved as revision %(number)d.", number=outcome.revision.number), "success")


def _conflict_page(document, merge, passages=None, status=409, **hidden):
    form = hidden.pop("form", None) or ResolveForm(formdata=None, data=hidden)
    return render_template("roadmap/conflict.html", document=document, merge=merge, form=form,
                           passages=passages or conflicts.offered(merge), notice=None,
                           sides=roadmap_services.conflict_sides(document, form.base_number.data, form.head_number.data),
                           action=url_for("catalog.methodology_resolve"), pull=False, **_pages()), status


@bp.route("/methodology/resolve", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_resolve():
    document = _document()
    form = ResolveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        merge = roadmap_services.merge_for_resolution(document, form.base_number.data, form.head_number.data,
                                                      form.mine.data)
    except NotFound:
        abort(400)
    passages = conflicts.answered(merge, request.form)
    if conflicts.has_errors(passages):  # nothing typed is dropped: the screen asks again
        return _conflict_page(document, merge, passages, 422, form=form)
    saved, outcome = commit_or_show_error(lambda: roadmap_services.save_resolution(
        document, merge, form.head_number.data, [p.chosen_text for p in passages], _user(),
        form.summary.data or ""), form)
    if not saved:
        return _conflict_page(document, merge, passages, 422, form=form)
    if outcome.conflict is not None:  # someone saved again meanwhile
        return _conflict_page(document, outcome.conflict, conflicts.offered(outcome.conflict, passages),
                              mine=form.mine.data, base_number=outcome.base_number,
                              head_number=outcome.head_number, summary=form.summary.data or "")
    _flash_saved(outcome)
    return redirect(url_for("catalog.methodology"), 303)


@bp.route("/methodology/preview", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_preview():
    body = request.form.get("body", "")[: documents.MAX_BODY_CHARS]
    return render_template("roadmap/_preview.html", rendered=render_document(body))


@bp.route("/methodology/changes", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_changes():
    document = _document()
    form = EditForm()
    base = _revision_or_404(document, stored_number_or_404(form.base_number.data or 0))
    rows = compare(base.body, documents.normalise_body(form.body.data or ""))
    # Without script the whole editor comes back with the changes under it, text and all.
    return render_page_or_partial("roadmap/document_edit.html", "roadmap/_changes.html", document=document,
                                  form=form, section=None, rows=rows, error=None, **_pages())


@bp.route("/methodology/history")
@require(methodology.EDIT_PERMISSION)
def methodology_history():
    document = _document()
    page = paginate(documents.history_query(document), parse_page(request.args.get("page")), HISTORY_PER_PAGE)
    return render_template("roadmap/history.html", document=document, page=page,
                           sizes=documents.previous_sizes(document, page.items), may_edit=True,
                           action_form=ActionForm(), **_pages())


@bp.route("/methodology/diff")
@require(methodology.EDIT_PERMISSION)
def methodology_diff():
    document = _document()
    head = documents.current_head(document)
    old = _revision_or_404(document, number_arg(request.args, "from") or max(1, head - 1))
    new = _revision_or_404(document, number_arg(request.args, "to") or head)
    view, text_mode = choice_arg(request.args, "view", DIFF_VIEWS), choice_arg(request.args, "text", TEXT_MODES)
    return render_page_or_partial("roadmap/diff.html", "roadmap/_diff.html", document=document, old=old, new=new,
                                  rows=compare_as(old.body, new.body, text_mode, render), view=view,
                                  text_mode=text_mode, head=head, **_pages())


@bp.route("/methodology/rev/<int:number>")
@require(methodology.EDIT_PERMISSION)
def methodology_revision(number: int):
    document = _document()
    revision = _revision_or_404(document, number)
    return render_template("roadmap/revision_view.html", document=document, revision=revision,
                           rendered=render_document(revision.body), action_form=ActionForm(),
                           may_edit=True, may_publish=True, **_pages())


@bp.route("/methodology/rev/<int:number>/<any(restore, undo):action>", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_revision_action(number: int, action: str):
    document = _document()
    _revision_or_404(document, number)
    if not ActionForm().validate_on_submit():
        abort(400)
    operation = documents.restore if action == "restore" else documents.undo
    saved, outcome = commit_or_show_error(lambda: operation(document, number, _user()))
    if saved and outcome.conflict is not None:
        flash(_("Revision %(number)d cannot be undone automatically: later changes touch the same "
                "lines. Edit the text instead.", number=number), "error")
    elif saved:
        _flash_saved(outcome)
    return redirect(url_for("catalog.methodology"), 303)


@bp.route("/methodology/rev/<int:number>/publish", methods=["POST"])
@require(methodology.EDIT_PERMISSION)
def methodology_publish(number: int):
    document = _document()
    _revision_or_404(document, number)
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, _revision = commit_or_show_error(lambda: documents.publish(document, number, _user()))
    if saved:
        flash(_("Revision %(number)d is published: everyone can read it now.", number=number), "success")
    return redirect(url_for("catalog.methodology"), 303)

"""Routes of the roadmap: read, edit with merge, history, compare, restore, publish, pull upstream."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.roadmap import conflicts, services
from ccan_web.blueprints.roadmap.forms import ActionForm, EditForm, ResolveForm, RoadmapDraftForm, StartForm
from ccan_web.documents import services as documents
from ccan_web.documents.languages import written_in
from ccan_web.documents.diff import DIFF_VIEWS, TEXT_MODES, compare, compare_as
from ccan_web.documents.sections import changed_sections
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.i18n import current_locale_code
from ccan_web.htmx import htmx_redirect, render_page_or_partial
from ccan_web.markdown import render, render_document
from ccan_web.pagination import paginate, parse_page
from ccan_web.routing import choice_arg, number_arg, stored_number_or_404

bp = Blueprint("roadmap", __name__, url_prefix="/roadmap")
HISTORY_PER_PAGE = 50


def _user():
    return current_user._get_current_object()


def _document(key: str, *, edit: bool = False, publish: bool = False):
    """The document of `key` for the current user: 404 if unknown, 403 if not theirs to change."""
    try:
        document = services.find_document(key)
    except NotFound:
        abort(404)
    if (edit and not services.may_edit(_user(), key)) or (publish and not services.may_publish(_user(), key)):
        abort(401 if not current_user.is_authenticated else 403)
    if document is None and (edit or publish):
        abort(404)
    return document


def _revision_or_404(document, number):
    try:
        return documents.get_revision(document, number)
    except NotFound:
        abort(404)


def _readable_number(document, number: int | None = None) -> int:
    try:
        return services.readable_number(document, _user(), number)
    except NotFound:
        abort(404)


@bp.route("/")
def index():
    return render_template("roadmap/index.html", entries=services.overview(),
                           may_read_drafts=services.may_read_drafts(_user()))


@bp.route("/<doc>")
def document_view(doc: str):
    document = _document(doc)
    if document is None:
        return render_template("roadmap/not_started.html", key=doc, title=services.title_for(doc),
                               form=StartForm(), draft_form=RoadmapDraftForm(),
                               may_start=services.may_edit(_user(), doc),
                               regional=services.db_document(services.REGIONAL))
    if document.published_number is None and not services.may_read_drafts(_user()):
        return render_template("roadmap/not_started.html", key=doc, title=document.title, form=None,
                               may_start=False, regional=None, unpublished=True)
    revision = _revision_or_404(document, _readable_number(document))
    behind = documents.upstream_status(document).behind if document.upstream_id else 0
    may_edit = services.may_edit(_user(), doc)
    section_url = (lambda index: url_for("roadmap.edit", doc=doc, section=index)) if may_edit else None
    return render_template("roadmap/document_view.html", key=doc, document=document, revision=revision, behind=behind,
                           rendered=render_document(revision.body, section_url), may_edit=may_edit,
                           written_in=written_in(document, current_locale_code()),
                           may_publish=services.may_publish(_user(), doc), action_form=ActionForm())


@bp.route("/<doc>/start", methods=["POST"])
def start(doc: str):
    if doc not in services.DOCUMENT_KEYS:
        abort(404)
    if not services.may_edit(_user(), doc):
        abort(403 if current_user.is_authenticated else 401)
    if doc == services.REGIONAL:
        return _start_regional()
    form = StartForm()
    if form.validate_on_submit():
        saved, _doc = commit_or_show_error(
            lambda: services.start_adaptation(doc, form.regional_number.data, _user()))
        if saved:
            flash(_("The national adaptation is started. Adapt it to your country."), "success")
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


def _start_regional():
    form = RoadmapDraftForm()
    if form.validate_on_submit():
        saved, _doc = commit_or_show_error(
            lambda: services.start_regional(form.body.data, _user(), form.language.data), form)
        if saved:
            flash(_("The regional roadmap is started. Leaders can now write it together."), "success")
            return redirect(url_for("roadmap.document_view", doc=services.REGIONAL), 303)
    return render_template("roadmap/not_started.html", key=services.REGIONAL, title=services.title_for(services.REGIONAL),
                           form=None, draft_form=form, may_start=True, regional=None), 422


@bp.route("/<doc>/edit", methods=["GET", "POST"])
def edit(doc: str):
    document = _document(doc, edit=True)
    section = number_arg(request.args, "section")
    form = EditForm()
    if request.method == "GET":
        head = documents.current_head(document)
        form.base_number.data, form.section.data = head, section
        try:
            form.body.data = services.section_text(document, head, section)
        except NotFound:
            abort(404)
    elif form.validate_on_submit():
        return _save(doc, document, form)
    return render_template("roadmap/document_edit.html", key=doc, document=document, form=form,
                           section=form.section.data), form_status(form)


def _save(doc, document, form):
    def operation():
        text = services.text_to_save(document, form.base_number.data, form.body.data, form.section.data)
        return text, documents.save(document, form.base_number.data, text, _user(), form.summary.data or "")

    saved, result = commit_or_show_error(operation, form)
    if not saved:
        return render_template("roadmap/document_edit.html", key=doc, document=document, form=form,
                               section=form.section.data), 422
    full_text, outcome = result
    if outcome.conflict is not None:
        return _conflict_page(doc, document, outcome.conflict, url_for("roadmap.resolve", doc=doc),
                              mine=full_text, base_number=outcome.base_number,
                              head_number=outcome.head_number, summary=form.summary.data or "")
    _flash_saved(outcome)
    target = url_for("roadmap.document_view", doc=doc)
    return htmx_redirect(target, redirect(target, 303))


def _flash_saved(outcome):
    if outcome.merged_with:
        names = ", ".join(sorted({r.author.full_name for r in outcome.merged_with if r.author}))
        flash(_("Saved as revision %(number)d, merged with the changes of %(names)s saved meanwhile.",
                number=outcome.revision.number, names=names or _("another editor")), "success")
    else:
        flash(_("Saved as revision %(number)d.", number=outcome.revision.number), "success")


def _conflict_page(doc, document, merge, action, pull=False, passages=None, status=409, notice=None, **hidden):
    """The conflict screen: fresh (nothing chosen), or as submitted with what keeps it from saving."""
    form = hidden.pop("form", None) or ResolveForm(formdata=None, data=hidden)
    return render_template("roadmap/conflict.html", key=doc, document=document, merge=merge, form=form,
                           action=action, pull=pull, passages=passages or conflicts.offered(merge), notice=notice,
                           sides=services.conflict_sides(document, form.base_number.data, form.head_number.data, pull,
                                                         form.synced_number.data)), status


def _resolution_form():
    """The submitted conflict screen; 400 if it is not one."""
    form = ResolveForm()
    if not form.validate_on_submit():
        abort(400)
    return form


@bp.route("/<doc>/resolve", methods=["POST"])
def resolve(doc: str):
    document = _document(doc, edit=True)
    form = _resolution_form()
    merge = _or_400(lambda: services.merge_for_resolution(document, form.base_number.data, form.head_number.data,
                                                           form.mine.data))
    passages = conflicts.answered(merge, request.form)
    action = url_for("roadmap.resolve", doc=doc)
    if conflicts.has_errors(passages):
        return _conflict_page(doc, document, merge, action, passages=passages, status=422, form=form)
    saved, outcome = commit_or_show_error(lambda: services.save_resolution(
        document, merge, form.head_number.data, [p.chosen_text for p in passages], _user(),
        form.summary.data or "", form.upstream_number.data), form)
    if not saved:
        return _conflict_page(doc, document, merge, action, passages=passages, status=422, form=form)
    if outcome.conflict is not None:  # someone saved again meanwhile: what was typed stays in its field
        return _conflict_page(doc, document, outcome.conflict, action,
                              passages=conflicts.offered(outcome.conflict, passages),
                              mine=form.mine.data, base_number=outcome.base_number,
                              head_number=outcome.head_number, summary=form.summary.data or "",
                              upstream_number=form.upstream_number.data)
    if form.upstream_number.data is not None:
        flash(_("The regional changes are in your version."), "success")
    else:
        _flash_saved(outcome)
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


def _or_400(compute):
    try:
        return compute()
    except NotFound:
        abort(400)


@bp.route("/<doc>/preview", methods=["POST"])
def preview(doc: str):
    _document(doc, edit=True)
    body = request.form.get("body", "")[: documents.MAX_BODY_CHARS]
    return render_template("roadmap/_preview.html", rendered=render_document(body))


@bp.route("/<doc>/changes", methods=["POST"])
def changes(doc: str):
    document = _document(doc, edit=True)
    form = EditForm()
    base = _revision_or_404(document, stored_number_or_404(form.base_number.data or 0))
    try:
        text = services.text_to_save(document, base.number, form.body.data or "", form.section.data)
    except DomainError as error:
        rows, error_message = [], error.message
    else:
        rows, error_message = compare(base.body, documents.normalise_body(text)), None
    # Without script the whole editor comes back with the changes under it, text and all.
    return render_page_or_partial("roadmap/document_edit.html", "roadmap/_changes.html", key=doc,
                                  document=document, form=form, section=form.section.data,
                                  rows=rows, error=error_message)


@bp.route("/<doc>/history")
def history(doc: str):
    document = _document(doc)
    if document is None or not services.may_read_drafts(_user()):
        abort(404 if document is None else (401 if not current_user.is_authenticated else 403))
    page = paginate(documents.history_query(document), parse_page(request.args.get("page")), HISTORY_PER_PAGE)
    return render_template("roadmap/history.html", key=doc, document=document, page=page,
                           sizes=documents.previous_sizes(document, page.items),
                           may_edit=services.may_edit(_user(), doc), action_form=ActionForm())


@bp.route("/<doc>/diff")
def diff(doc: str):
    document = _document(doc)
    if document is None:
        abort(404)
    head = documents.current_head(document)
    old_number = number_arg(request.args, "from") or max(1, head - 1)
    new_number = number_arg(request.args, "to") or head
    old = _revision_or_404(document, _readable_number(document, old_number))
    new = _revision_or_404(document, _readable_number(document, new_number))
    view, text_mode = choice_arg(request.args, "view", DIFF_VIEWS), choice_arg(request.args, "text", TEXT_MODES)
    return render_page_or_partial("roadmap/diff.html", "roadmap/_diff.html", key=doc, document=document,
                                  old=old, new=new, rows=compare_as(old.body, new.body, text_mode, render),
                                  view=view, text_mode=text_mode, head=head)


@bp.route("/<doc>/rev/<int:number>")
def revision_view(doc: str, number: int):
    document = _document(doc)
    if document is None:
        abort(404)
    revision = _revision_or_404(document, _readable_number(document, number))
    return render_template("roadmap/revision_view.html", key=doc, document=document, revision=revision,
                           rendered=render_document(revision.body), action_form=ActionForm(),
                           written_in=written_in(document, current_locale_code()),
                           may_edit=services.may_edit(_user(), doc), may_publish=services.may_publish(_user(), doc))


@bp.route("/<doc>/rev/<int:number>/<any(restore, undo):action>", methods=["POST"])
def revision_action(doc: str, number: int, action: str):
    document = _document(doc, edit=True)
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
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


@bp.route("/<doc>/rev/<int:number>/publish", methods=["POST"])
def publish(doc: str, number: int):
    document = _document(doc, publish=True)
    _revision_or_404(document, number)
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, _revision = commit_or_show_error(lambda: services.publish(document, number, _user()))
    if saved:
        flash(_("Revision %(number)d is published: everyone can read it now.", number=number), "success")
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


@bp.route("/<doc>/upstream", methods=["GET", "POST"])
def upstream(doc: str):
    document = _document(doc, edit=request.method == "POST")
    if document is None or document.upstream_id is None:
        abort(404)
    if request.method == "POST":
        return _pull(doc, document)
    if not services.may_read_drafts(_user()):
        abort(401 if not current_user.is_authenticated else 403)
    status = documents.upstream_status(document)
    synced = _revision_or_404(document.upstream, status.synced_number)
    latest = _revision_or_404(document.upstream, status.upstream_head)
    return render_template("roadmap/upstream.html", key=doc, document=document, status=status,
                           sections=changed_sections(synced.body, latest.body),
                           rows=compare(synced.body, latest.body), action_form=ActionForm(),
                           may_edit=services.may_edit(_user(), doc))


def _pull(doc, document):
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, outcome = commit_or_show_error(lambda: documents.pull_upstream(document, _user()))
    if saved and outcome.conflict is not None:
        status = documents.upstream_status(document)
        return _conflict_page(doc, document, outcome.conflict, url_for("roadmap.resolve_pull", doc=doc), pull=True,
                              mine="-", base_number=status.upstream_head, head_number=outcome.head_number,
                              synced_number=status.synced_number)
    if saved:
        flash(_("The regional changes are in your version."), "success")
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


@bp.route("/<doc>/upstream/resolve", methods=["POST"])
def resolve_pull(doc: str):
    """Finish a pull whose merge conflicted: base_number carries the regional revision pulled."""
    document = _document(doc, edit=True)
    form = _resolution_form()
    if document.upstream_id is None:
        abort(400)
    merge = _or_400(lambda: services.pull_merge(document, form.base_number.data, form.head_number.data,
                                                 form.synced_number.data))
    passages = conflicts.answered(merge, request.form)
    action = url_for("roadmap.resolve_pull", doc=doc)
    if conflicts.has_errors(passages):
        return _conflict_page(doc, document, merge, action, pull=True, passages=passages, status=422, form=form)

    def operation():
        text = services.resolve(merge, [p.chosen_text for p in passages])
        return text, documents.finish_pull(document, form.head_number.data, text, form.base_number.data, _user())

    saved, result = commit_or_show_error(operation, form)
    if not saved:
        return _conflict_page(doc, document, merge, action, pull=True, passages=passages, status=422, form=form)
    resolved, outcome = result
    if outcome.conflict is not None:
        # The country's text changed while the pull was resolved (another officer pulled, or
        # someone edited): the resolved text, with everything chosen and written on this screen,
        # is merged with it like any save, and where the two overlap the screen asks again.
        return _conflict_page(doc, document, outcome.conflict, url_for("roadmap.resolve", doc=doc),
                              notice=_("Your version changed while you were resolving; your resolution is "
                                       "compared with it below. Nothing you chose or wrote is lost."),
                              mine=resolved, base_number=outcome.base_number, head_number=outcome.head_number,
                              upstream_number=form.base_number.data)
    flash(_("The regional changes are in your version."), "success")
    return redirect(url_for("roadmap.document_view", doc=doc), 303)


@bp.route("/<doc>/compare-regional")
def compare_regional(doc: str):
    document = _document(doc)
    if document is None or document.upstream_id is None:
        abort(404)
    mine = _revision_or_404(document, _readable_number(document))
    regional = document.upstream
    theirs = _revision_or_404(regional, _readable_number(regional))
    return render_template("roadmap/compare_regional.html", key=doc, document=document,
                           rows=compare(theirs.body, mine.body, context=10_000), regional=theirs, mine=mine)


@bp.route("/<doc>/download.<any(md, html):fmt>")
def download(doc: str, fmt: str):
    document = _document(doc)
    if document is None:
        abort(404)
    revision = _revision_or_404(document, _readable_number(document, number_arg(request.args, "rev")))
    if fmt == "md":
        response = make_response(revision.body)
        response.mimetype = "text/markdown"
    else:
        response = make_response(render_template("roadmap/download.html", document=document, revision=revision,
                                                 rendered=render_document(revision.body)))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="ccan-roadmap-{doc}-r{revision.number}.{fmt}"')
    return response

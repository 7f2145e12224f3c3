"""Routes of the roadmap: the overview, reading, starting, pulling the regional changes, comparing with
the regional text and downloads; editing, history, compare, restore and publish are the document kit's."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ccan_web.blueprints.roadmap import national_map, services
from ccan_web.blueprints.roadmap.forms import RoadmapDraftForm, StartForm
from ccan_web.documents import conflicts
from ccan_web.documents import services as documents
from ccan_web.documents.diff import compare
from ccan_web.documents.forms import ActionForm
from ccan_web.documents.pages import DocumentPages, conflict_page, or_400, resolution_form, written_in_locale
from ccan_web.documents.sections import changed_sections
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error
from ccan_web.markdown import render_document
from ccan_web.routing import choice_arg, number_arg

bp = Blueprint("roadmap", __name__, url_prefix="/roadmap")
PAGES = DocumentPages(
    "roadmap", "/<doc>", lambda doc: services.find_document(doc), services.rights, lambda document, doc: document.title,
    "roadmap/_nav.html", args=("doc",), endpoint_names={"view": "document_view", "revision": "revision_view"},
    public_revisions=True, pulled_message=_l("The regional changes are in your version."), publish=services.publish)
PAGES.mount(bp)


@bp.route("/")
def index():
    return render_template("roadmap/index.html", entries=services.overview(),
                           may_read_drafts=services.may_read_drafts(current_user))


@bp.route("/map", endpoint="map")
def map_view():
    """Sections down the side, countries across: published texts for everyone, the newest drafts on
    request for those who may read them."""
    texts = national_map.texts_for(current_user, choice_arg(request.args, "texts", national_map.TEXTS))
    return render_template("roadmap/map.html", roadmap_map=national_map.national_map(texts),
                           may_read_drafts=services.may_read_drafts(current_user))


@bp.route("/<doc>")
@PAGES.requires("read", missing_ok=True)
def document_view(page):
    document, doc = page.document, page.args["doc"]
    if document is None:
        return page.render("roadmap/not_started.html", title=services.title_for(doc), form=StartForm(),
                           draft_form=RoadmapDraftForm(), may_start=page.may("edit"),
                           regional=services.db_document(services.REGIONAL))
    if document.published_number is None and not page.may("read_drafts"):
        return page.render("roadmap/not_started.html", title=document.title, form=None, may_start=False,
                           regional=None, unpublished=True)
    revision = page.revision()
    behind = documents.upstream_status(document).behind if document.upstream_id else 0
    section_url = (lambda index: page.url("edit", section=index)) if page.may("edit") else None
    return page.render("roadmap/document_view.html", revision=revision, behind=behind,
                       rendered=render_document(revision.body, section_url),
                       written_in=written_in_locale(document), action_form=ActionForm())


@bp.route("/<doc>/start", methods=["POST"])
@PAGES.requires("edit", missing_ok=True)
def start(page):
    doc = page.args["doc"]
    if doc == services.REGIONAL:
        return _start_regional(page)
    form = StartForm()
    if form.validate_on_submit():
        saved, _doc = commit_or_show_error(
            lambda: services.start_adaptation(doc, form.regional_number.data, page.user))
        if saved:
            flash(_("The national adaptation is started. Adapt it to your country."), "success")
    return redirect(page.url("view"), 303)


def _start_regional(page):
    form = RoadmapDraftForm()
    if form.validate_on_submit():
        saved, _doc = commit_or_show_error(
            lambda: services.start_regional(form.body.data, page.user, form.language.data), form)
        if saved:
            flash(_("The regional roadmap is started. Leaders can now write it together."), "success")
            return redirect(page.url("view"), 303)
    return page.render("roadmap/not_started.html", title=services.title_for(services.REGIONAL), form=None,
                       draft_form=form, may_start=True, regional=None), 422


@bp.route("/<doc>/upstream", methods=["GET", "POST"])
@PAGES.requires("read")
def upstream(page):
    document = page.document
    if document.upstream_id is None:
        abort(404)
    if request.method == "POST":
        page.require("edit")
        return _pull(page)
    page.require("read_drafts")
    status = documents.upstream_status(document)
    synced = page.revision(status.synced_number, document.upstream)
    latest = page.revision(status.upstream_head, document.upstream)
    return page.render("roadmap/upstream.html", status=status, sections=changed_sections(synced.body, latest.body),
                       rows=compare(synced.body, latest.body), action_form=ActionForm())


def _pull(page):
    document = page.document
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, outcome = commit_or_show_error(lambda: documents.pull_upstream(document, page.user))
    if saved and outcome.conflict is not None:
        status = documents.upstream_status(document)
        return conflict_page(page, outcome.conflict, page.url("resolve_pull"),
                             sides=services.pull_sides(document, status.upstream_head, status.synced_number),
                             mine="-", base_number=status.upstream_head, head_number=outcome.head_number,
                             synced_number=status.synced_number)
    if saved:
        flash(_("The regional changes are in your version."), "success")
    return redirect(page.url("view"), 303)


@bp.route("/<doc>/upstream/resolve", methods=["POST"])
@PAGES.requires("edit")
def resolve_pull(page):
    """Finish a pull whose merge conflicted: base_number carries the regional revision pulled."""
    document, form = page.document, resolution_form()
    if document.upstream_id is None:
        abort(400)
    merge = or_400(lambda: services.pull_merge(document, form.base_number.data, form.head_number.data,
                                                form.synced_number.data))
    passages = conflicts.answered(merge, request.form)
    action = page.url("resolve_pull")
    sides = services.pull_sides(document, form.base_number.data, form.synced_number.data)
    if conflicts.has_errors(passages):
        return conflict_page(page, merge, action, passages=passages, status=422, form=form, sides=sides)

    def operation():
        text = conflicts.resolve(merge, [p.chosen_text for p in passages])
        return text, documents.finish_pull(document, form.head_number.data, text, form.base_number.data, page.user)

    saved, result = commit_or_show_error(operation, form)
    if not saved:
        return conflict_page(page, merge, action, passages=passages, status=422, form=form, sides=sides)
    resolved, outcome = result
    if outcome.conflict is not None:
        # The country's text changed while the pull was resolved (another officer pulled, or
        # someone edited): the resolved text, with everything chosen and written on this screen,
        # is merged with it like any save, and where the two overlap the screen asks again.
        return conflict_page(page, outcome.conflict, page.url("resolve"),
                             notice=_("Your version changed while you were resolving; your resolution is "
                                      "compared with it below. Nothing you chose or wrote is lost."),
                             mine=resolved, base_number=outcome.base_number, head_number=outcome.head_number,
                             upstream_number=form.base_number.data)
    flash(_("The regional changes are in your version."), "success")
    return redirect(page.url("view"), 303)


@bp.route("/<doc>/compare-regional")
@PAGES.requires("read")
def compare_regional(page):
    document = page.document
    if document.upstream_id is None:
        abort(404)
    mine = page.revision(number_arg(request.args, "rev"))
    theirs = page.revision(number_arg(request.args, "regional"), document.upstream)
    index = number_arg(request.args, "section")
    if index is None:
        return page.render("roadmap/compare_regional.html", rows=compare(theirs.body, mine.body, context=10_000),
                           regional=theirs, mine=mine)
    try:
        section, national = national_map.section_pair(theirs.body, mine.body, index)
    except NotFound:
        abort(404)
    return page.render("roadmap/compare_regional.html", regional=theirs, mine=mine, section=section,
                       national=national, rows=compare(section.text, national.text if national else "", context=10_000))


@bp.route("/<doc>/download.<any(md, html):fmt>")
@PAGES.requires("read")
def download(page, fmt: str):
    revision = page.revision(number_arg(request.args, "rev"))
    if fmt == "md":
        response = make_response(revision.body)
        response.mimetype = "text/markdown"
    else:
        response = make_response(page.render("roadmap/download.html", revision=revision,
                                             rendered=render_document(revision.body)))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="ccan-roadmap-{page.args["doc"]}-r{revision.number}.{fmt}"')
    return response

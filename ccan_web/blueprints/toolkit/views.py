"""Routes of /toolkit/: the documents by kind, the brand, a new document, and each document's page;
editing, history, compare, restore and publish are the document kit's, for roadmap editors and the Board."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ccan_web.blueprints.toolkit import services
from ccan_web.blueprints.toolkit import checklists
from ccan_web.blueprints.toolkit.forms import ItemForm, NewDocumentForm
from ccan_web.documents.forms import ActionForm
from ccan_web.documents.pages import DocumentPages, written_in_locale
from ccan_web.domain import toolkit as toolkit_domain
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error, form_status, show_version
from ccan_web.i18n import current_locale_code
from ccan_web.markdown import render_document
from ccan_web.permissions import require

bp = Blueprint("toolkit", __name__, url_prefix="/toolkit")
PAGES = DocumentPages(
    "toolkit", "/<slug>", services.locate, services.rights, lambda document, slug: document.title,
    "toolkit/_nav.html", args=("slug",), endpoint_names={"view": "document"}, publish=services.publish)
PAGES.mount(bp)


@bp.context_processor
def _labels():
    return {"TOOLKIT_CATEGORIES": toolkit_domain.CATEGORIES, "TOOLKIT_CATEGORY_NAMES": toolkit_domain.CATEGORY_NAMES}


@bp.route("/")
def index():
    return render_template("toolkit/toolkit_list.html", listing=services.listing(current_user),
                           may_edit=services.may_edit(current_user))


@bp.route("/brand")
def brand():
    return render_template("toolkit/brand.html", colours=BRAND_COLOURS, files=BRAND_FILES,
                           terms=services.current_terms())


@bp.route("/new", methods=["GET", "POST"])
@require(services.EDIT)
def new():
    form = NewDocumentForm()
    if form.validate_on_submit():
        saved, entry = commit_or_show_error(lambda: services.create(
            form.slug.data, form.title.data, form.category.data, form.members_only.data, form.body.data,
            current_user, current_locale_code()), form)
        if saved:
            flash(_("The document is started. Publish a revision when it is ready for readers."), "success")
            return redirect(url_for(".document", slug=entry.slug), 303)
    return render_template("toolkit/document_new.html", form=form), form_status(form)


@bp.route("/<slug>")
@PAGES.requires("read")
def document(page):
    entry = services.find(page.args["slug"])
    if not services.may_read(entry, current_user):
        abort(401 if not current_user.is_authenticated else 403)
    number = services.visible_number(entry, current_user)
    if not number:
        abort(404)  # not published yet: only its writers know it exists
    revision = page.revision(number)
    items = checklists.items_of(entry) if entry.category == "checklist" else []
    return page.render("toolkit/document_view.html", entry=entry, revision=revision, items=items,
                       rendered=render_document(revision.body) if revision else None, action_form=ActionForm(),
                       written_in=written_in_locale(page.document))


def _checklist_or_404(slug: str):
    try:
        return services.find_checklist(slug)
    except NotFound:
        abort(404)


def _items_page(entry, add_form=None, edited=None, edited_form=None, status=200):
    items = checklists.items_of(entry)
    forms = {item.id: edited_form if item.id == edited else ItemForm(prefix=f"item-{item.id}", formdata=None, obj=item)
             for item in items}
    return render_template("toolkit/checklist_items.html", entry=entry, items=items, forms=forms,
                           add_form=add_form or ItemForm(prefix="new", formdata=None), action_form=ActionForm()), status


@bp.route("/<slug>/items", methods=["GET", "POST"])
@require("toolkit.edit_checklists")
def checklist_items(slug: str):
    entry = _checklist_or_404(slug)
    if request.method == "GET":
        return _items_page(entry)
    form = ItemForm(prefix="new")
    if form.validate_on_submit():
        saved, _item = commit_or_show_error(lambda: checklists.add_item(
            entry, form.level.data, form.text.data, form.evidence_required.data, current_user), form)
        if saved:
            flash(_("The item is added."), "success")
            return redirect(url_for(".checklist_items", slug=slug), 303)
    return _items_page(entry, add_form=form, status=form_status(form))


@bp.route("/<slug>/items/<int:item_id>", methods=["POST"])
@require("toolkit.edit_checklists")
def checklist_item(slug: str, item_id: int):
    entry = _checklist_or_404(slug)
    try:
        checklists.get_item(entry, item_id)
    except NotFound:
        abort(404)
    if request.form.get("remove"):
        if not ActionForm().validate_on_submit():
            abort(400)
        commit_or_show_error(lambda: checklists.remove_item(entry, item_id, current_user))
        flash(_("The item is removed."), "success")
        return redirect(url_for(".checklist_items", slug=slug), 303)
    form = ItemForm(prefix=f"item-{item_id}")
    if form.validate_on_submit():
        saved, _item = commit_or_show_error(lambda: checklists.update_item(
            entry, item_id, form.level.data, form.position.data or 0, form.text.data, form.evidence_required.data,
            current_user, seen_version=form.version.seen()), form)
        if saved:
            flash(_("The item is saved."), "success")
            return redirect(url_for(".checklist_items", slug=slug) + f"#item-{item_id}", 303)
        # Asked because someone saved in between: the form now names their version, so saving again replaces it.
        show_version(form.version, checklists.get_item(entry, item_id).version)
    return _items_page(entry, edited=item_id, edited_form=form, status=form_status(form))


# The brand: the files under static/brand/ are made by assets/brand/make_brand.py from one geometry.
BRAND_COLOURS = (("#0B5D57", _l("CCAN teal")), ("#F2B705", _l("Saffron")), ("#E86A33", _l("Terracotta")),
                 ("#FFFFFF", _l("White")), ("#1B1B1B", _l("Ink")))
BRAND_FILES = (
    ("ccan-logo.svg", "SVG"), ("ccan-logo-mono.svg", "SVG"),
    ("ccan-logo-64.png", "PNG 64 × 64"), ("ccan-logo-128.png", "PNG 128 × 128"),
    ("ccan-logo-256.png", "PNG 256 × 256"), ("ccan-logo-512.png", "PNG 512 × 512"),
    ("ccan-logo-1024.png", "PNG 1024 × 1024"),
    ("ccan-logo-mono-512.png", "PNG 512 × 512"), ("ccan-logo-white-512.png", "PNG 512 × 512"),
)

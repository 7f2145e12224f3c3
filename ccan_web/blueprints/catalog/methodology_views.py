"""Routes of /catalog/methodology: the text with the sources, and its first draft; editing, history,
compare, restore and publish are the document kit's, for editors and the Board."""
from __future__ import annotations

from flask import flash, redirect
from flask_babel import gettext as _

from ccan_web.blueprints.catalog import methodology
from ccan_web.blueprints.catalog.overview import source_counts
from ccan_web.blueprints.catalog.views import bp
from ccan_web.documents.forms import ActionForm, FirstDraftForm
from ccan_web.documents.pages import DocumentPages, written_in_locale
from ccan_web.forms import commit_or_show_error
from ccan_web.markdown import render_document

PAGES = DocumentPages(
    "catalog", "/methodology", methodology.find_document, methodology.rights,
    lambda document: methodology.title(), "catalog/_methodology_nav.html",
    endpoint_prefix="methodology_", endpoint_names={"view": "methodology"})
PAGES.mount(bp)


def _read_page(page, draft_form=None, status=200):
    reading = methodology.reading(page.user)
    rendered = render_document(reading.revision.body) if reading.revision else None
    return page.render("catalog/methodology.html", reading=reading, rendered=rendered,
                       sources=source_counts(), draft_form=draft_form or FirstDraftForm(),
                       action_form=ActionForm(), written_in=written_in_locale(reading.document)), status


@bp.route("/methodology", endpoint="methodology")
@PAGES.requires("read", missing_ok=True)
def methodology_page(page):
    return _read_page(page)


@bp.route("/methodology/start", methods=["POST"])
@PAGES.requires("edit", missing_ok=True)
def methodology_start(page):
    form = FirstDraftForm()
    if form.validate_on_submit():
        saved, _document = commit_or_show_error(lambda: methodology.start(form.body.data, page.user), form)
        if saved:
            flash(_("The methodology is started. Publish a revision when it is ready for readers."), "success")
            return redirect(page.url("view"), 303)
    return _read_page(page, form, 422)

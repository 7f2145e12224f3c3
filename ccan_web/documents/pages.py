"""The document pages any area mounts on its blueprint: history, compare, edit with preview, the
conflict screen, restore / undo / publish, each with the area's permissions, titles and navigation.

An area describes its document once (`DocumentPages`): how the URL names it, who may read drafts,
edit and publish it, its title and its navigation; `mount` adds the pages' URL rules. Every page,
the area's own pages too, is guarded by one decorator, `DocumentPages.requires`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps
from typing import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.documents import conflicts
from ccan_web.documents import services as documents
from ccan_web.documents.diff import DIFF_VIEWS, TEXT_MODES, compare, compare_as
from ccan_web.documents.forms import ActionForm, EditForm, ResolveForm
from ccan_web.documents.languages import written_in
from ccan_web.documents.models import Document, Revision
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.i18n import current_locale_code
from ccan_web.htmx import htmx_redirect, render_page_or_partial
from ccan_web.markdown import render, render_document
from ccan_web.pagination import paginate, parse_page
from ccan_web.permissions import DocumentRights, can
from ccan_web.routing import choice_arg, number_arg, stored_number_or_404

HISTORY_PER_PAGE = 50
NEEDS = ("read", "read_drafts", "edit", "publish")


@dataclass(frozen=True)
class DocumentPages:
    """One area's settings for the kit. Functions take the URL's arguments that name the document."""

    blueprint: str
    url: str  # the document's URL within the blueprint: "/<doc>", "/methodology"
    locate: Callable[..., Document | None]  # NotFound for a document that cannot exist; None: not started
    rights: Callable[..., DocumentRights]
    title: Callable[..., object]  # (document, **args) -> the heading of every page
    nav: str  # the area's navigation, included at the top of every page
    args: tuple[str, ...] = ()  # the URL's arguments that name the document
    endpoint_prefix: str = ""
    endpoint_names: dict[str, str] = field(default_factory=dict)  # a page's endpoint, where not prefix + page
    layout: str = "base.html"
    public_revisions: bool = False  # readers may open and compare the published revision
    pulled_message: object = None  # flashed when a resolved conflict finishes a pull from upstream
    # Publishing a revision: the engine's, or the area's own that also tells whom it concerns.
    publish: Callable[..., object] = documents.publish

    def endpoint(self, page: str) -> str:
        """The endpoint of a kit page ("edit", "history"...) or of the area's reading page ("view")."""
        return f"{self.blueprint}.{self.endpoint_names.get(page, self.endpoint_prefix + page)}"

    def open(self, args: dict) -> DocumentPage:
        try:
            document = self.locate(**args)
        except NotFound:
            abort(404)
        return DocumentPage(self, document, args, current_user._get_current_object())

    def requires(self, need: str, missing_ok: bool = False):
        """View decorator: finds the document from the URL (404), checks `need` (401 to sign in, 403),
        then calls the view with the `DocumentPage` instead of the URL's arguments that name the document."""
        assert need in NEEDS, need

        def decorator(view):
            @wraps(view)
            def wrapped(**values):
                page = self.open({name: values.pop(name) for name in self.args})
                page.require(need)
                if page.document is None and not missing_ok:
                    abort(404)
                return view(page, **values)

            wrapped.required_permission = f"document.{need}"
            return wrapped

        return decorator

    def mount(self, bp: Blueprint) -> None:
        """Add the kit's pages to `bp` under this area's URL and endpoint names."""
        assert bp.name == self.blueprint, (bp.name, self.blueprint)
        revisions = "read" if self.public_revisions else "read_drafts"
        for path, page, view, need, methods in (
            ("/edit", "edit", edit, "edit", ["GET", "POST"]),
            ("/preview", "preview", preview, "edit", ["POST"]),
            ("/changes", "changes", changes, "edit", ["POST"]),
            ("/resolve", "resolve", resolve, "edit", ["POST"]),
            ("/history", "history", history, "read_drafts", ["GET"]),
            ("/diff", "diff", diff, revisions, ["GET"]),
            ("/rev/<int:number>", "revision", revision, revisions, ["GET"]),
            ("/rev/<int:number>/<any(restore, undo):action>", "revision_action", revision_action, "edit", ["POST"]),
            ("/rev/<int:number>/publish", "publish", publish, "publish", ["POST"]),
        ):
            # The editor of a text not started yet leads to where its first draft is written; a
            # preview needs no text at all.
            missing_ok = page in ("edit", "preview")
            bp.add_url_rule(self.url + path, self.endpoint(page).split(".", 1)[1],
                            self.requires(need, missing_ok)(view), methods=methods)


@dataclass(frozen=True)
class DocumentPage:
    """One document as a request sees it: what templates get as `kit`."""

    pages: DocumentPages
    document: Document | None
    args: dict
    user: object

    @property
    def rights(self) -> DocumentRights:
        return self.pages.rights(**self.args)

    @property
    def title(self):
        return self.pages.title(self.document, **self.args)

    @property
    def nav(self) -> str:
        return self.pages.nav

    @property
    def layout(self) -> str:
        return self.pages.layout

    def may(self, need: str) -> bool:
        return need == "read" or can(self.user, *getattr(self.rights, need))

    def require(self, need: str) -> None:
        if not self.may(need):
            abort(401 if not self.user.is_authenticated else 403)

    def url(self, page: str, **values) -> str:
        return url_for(self.pages.endpoint(page), **self.args, **values)

    def revision(self, number: int | None = None, document: Document | None = None) -> Revision:
        """Revision `number` of the document (or of `document`, its upstream), or the one to show by
        default, if this reader may read it: the newest for those who read drafts, else the published
        one only; 404 otherwise."""
        document = document or self.document
        if self.may("read_drafts"):
            number = number or documents.current_head(document)
        elif document.published_number is None or (number and number != document.published_number):
            abort(404)
        else:
            number = document.published_number
        try:
            return documents.get_revision(document, number)
        except NotFound:
            abort(404)

    def render(self, template: str, **context) -> str:
        return render_template(template, kit=self, document=self.document, **self.args, **context)

    def render_page_or_partial(self, template: str, partial: str, **context):
        return render_page_or_partial(template, partial, kit=self, document=self.document, **self.args, **context)


# The pages -----------------------------------------------------------------------------------

def edit(page: DocumentPage):
    if page.document is None:
        return redirect(page.url("view"))
    section = number_arg(request.args, "section")
    form = EditForm()
    if request.method == "GET":
        head = documents.current_head(page.document)
        form.base_number.data, form.section.data = head, section
        try:
            form.body.data = documents.section_text(page.document, head, section)
        except NotFound:
            abort(404)
    elif form.validate_on_submit():
        return _save(page, form)
    return page.render("documents/edit.html", form=form, section=form.section.data), form_status(form)


def _save(page: DocumentPage, form):
    document = page.document

    def operation():
        text = documents.text_to_save(document, form.base_number.data, form.body.data, form.section.data)
        return text, documents.save(document, form.base_number.data, text, page.user, form.summary.data or "")

    saved, result = commit_or_show_error(operation, form)
    if not saved:
        return page.render("documents/edit.html", form=form, section=form.section.data), 422
    full_text, outcome = result
    if outcome.conflict is not None:
        return conflict_page(page, outcome.conflict, page.url("resolve"), mine=full_text,
                             base_number=outcome.base_number, head_number=outcome.head_number,
                             summary=form.summary.data or "")
    flash_saved(outcome)
    target = page.url("view")
    return htmx_redirect(target, redirect(target, 303))


def flash_saved(outcome) -> None:
    if outcome.merged_with:
        names = ", ".join(sorted({r.author.full_name for r in outcome.merged_with if r.author}))
        flash(_("Saved as revision %(number)d, merged with the changes of %(names)s saved meanwhile.",
                number=outcome.revision.number, names=names or _("another editor")), "success")
    else:
        flash(_("Saved as revision %(number)d.", number=outcome.revision.number), "success")


def conflict_page(page: DocumentPage, merge, action: str, passages=None, status=409, notice=None, sides=None, **hidden):
    """The conflict screen: fresh (nothing chosen), or as submitted with what keeps it from saving."""
    form = hidden.pop("form", None) or ResolveForm(formdata=None, data=hidden)
    sides = sides or conflicts.edit_sides(page.document, form.base_number.data, form.head_number.data)
    return page.render("documents/conflict.html", merge=merge, form=form, action=action, notice=notice,
                       passages=passages or conflicts.offered(merge), sides=sides), status


def resolution_form() -> ResolveForm:
    """The submitted conflict screen; 400 if it is not one."""
    form = ResolveForm()
    if not form.validate_on_submit():
        abort(400)
    return form


def or_400(compute):
    try:
        return compute()
    except NotFound:
        abort(400)


def resolve(page: DocumentPage):
    document, form = page.document, resolution_form()
    merge = or_400(lambda: conflicts.merge_for_resolution(document, form.base_number.data, form.head_number.data,
                                                          form.mine.data))
    passages = conflicts.answered(merge, request.form)
    action = page.url("resolve")
    if conflicts.has_errors(passages):  # nothing typed is dropped: the screen asks again
        return conflict_page(page, merge, action, passages=passages, status=422, form=form)
    # Only a document that follows another one finishes a pull here.
    upstream_number = form.upstream_number.data if document.upstream_id is not None else None
    saved, outcome = commit_or_show_error(lambda: conflicts.save_resolution(
        document, merge, form.head_number.data, [p.chosen_text for p in passages], page.user,
        form.summary.data or "", upstream_number), form)
    if not saved:
        return conflict_page(page, merge, action, passages=passages, status=422, form=form)
    if outcome.conflict is not None:  # someone saved again meanwhile: what was typed stays in its field
        return conflict_page(page, outcome.conflict, action, passages=conflicts.offered(outcome.conflict, passages),
                             mine=form.mine.data, base_number=outcome.base_number,
                             head_number=outcome.head_number, summary=form.summary.data or "",
                             upstream_number=upstream_number)
    if upstream_number is not None and page.pages.pulled_message:
        flash(str(page.pages.pulled_message), "success")
    else:
        flash_saved(outcome)
    return redirect(page.url("view"), 303)


def preview(page: DocumentPage):
    body = request.form.get("body", "")[: documents.MAX_BODY_CHARS]
    return render_template("documents/_preview.html", rendered=render_document(body))


def changes(page: DocumentPage):
    document, form = page.document, EditForm()
    base = _stored(page, stored_number_or_404(form.base_number.data or 0))
    try:
        text = documents.text_to_save(document, base.number, form.body.data or "", form.section.data)
    except DomainError as error:
        rows, error_message = [], error.message
    else:
        rows, error_message = compare(base.body, documents.normalise_body(text)), None
    # Without script the whole editor comes back with the changes under it, text and all.
    return page.render_page_or_partial("documents/edit.html", "documents/_changes.html", form=form,
                                       section=form.section.data, rows=rows, error=error_message)


def history(page: DocumentPage):
    document = page.document
    items = paginate(documents.history_query(document), parse_page(request.args.get("page")), HISTORY_PER_PAGE)
    return page.render("documents/history.html", page=items, sizes=documents.previous_sizes(document, items.items),
                       action_form=ActionForm())


def diff(page: DocumentPage):
    head = documents.current_head(page.document)
    old = page.revision(number_arg(request.args, "from") or max(1, head - 1))
    new = page.revision(number_arg(request.args, "to") or head)
    view, text_mode = choice_arg(request.args, "view", DIFF_VIEWS), choice_arg(request.args, "text", TEXT_MODES)
    return page.render_page_or_partial("documents/diff.html", "documents/_diff.html", old=old, new=new, head=head,
                                       rows=compare_as(old.body, new.body, text_mode, render),
                                       view=view, text_mode=text_mode)


def revision(page: DocumentPage, number: int):
    shown = page.revision(number)
    return page.render("documents/revision.html", revision=shown, rendered=render_document(shown.body),
                       action_form=ActionForm(), written_in=written_in_locale(page.document))


def written_in_locale(document: Document):
    """The language the text is written in, named, for readers of another one (else None)."""
    return written_in(document, current_locale_code())


def _stored(page: DocumentPage, number: int) -> Revision:
    """Revision `number`, which whoever edits the text may use, draft or not; 404 if there is none."""
    try:
        return documents.get_revision(page.document, number)
    except NotFound:
        abort(404)


def _checked_action(page: DocumentPage, number: int) -> None:
    """A button's POST on revision `number`: 404 if there is none, 400 without its CSRF token."""
    _stored(page, number)
    if not ActionForm().validate_on_submit():
        abort(400)


def revision_action(page: DocumentPage, number: int, action: str):
    _checked_action(page, number)
    operation = documents.restore if action == "restore" else documents.undo
    saved, outcome = commit_or_show_error(lambda: operation(page.document, number, page.user))
    if saved and outcome.conflict is not None:
        flash(_("Revision %(number)d cannot be undone automatically: later changes touch the same "
                "lines. Edit the text instead.", number=number), "error")
    elif saved:
        flash_saved(outcome)
    return redirect(page.url("view"), 303)


def publish(page: DocumentPage, number: int):
    _checked_action(page, number)
    saved, _revision = commit_or_show_error(lambda: page.pages.publish(page.document, number, page.user))
    if saved:
        flash(_("Revision %(number)d is published: everyone can read it now.", number=number), "success")
    return redirect(page.url("view"), 303)

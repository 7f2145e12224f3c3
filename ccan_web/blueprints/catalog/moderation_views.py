"""Routes of the editors' moderation: the queue, decisions, duplicates, suggested corrections."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.catalog import moderation
from ccan_web.blueprints.catalog.forms import DecisionForm, SuggestionForm
from ccan_web.blueprints.catalog.views import _entry_or_404, bp, render_entry
from ccan_web.domain.catalog import EntryStatus
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error
from ccan_web.htmx import htmx_redirect, is_htmx_fragment_request, render_page_or_partial
from ccan_web.permissions import require


@bp.app_context_processor
def catalog_queue_size():
    # A callable, so the count is queried only where a page shows it (the editors' Catalog link).
    return {"catalog_waiting_count": moderation.waiting_count}


def _user():
    return current_user._get_current_object()


def _render_queue(status: int = 200, decision_form=None, first=None, notice=None, notice_error=False):
    queue = moderation.moderation_queue()
    current, rest = moderation.current_and_rest(queue, first)
    return render_page_or_partial("catalog/moderation.html", "catalog/_moderation_queue.html", status=status,
                                  queue=queue, current=current, rest=rest, notice=notice, notice_error=notice_error,
                                  decision_form=decision_form or DecisionForm())


@bp.route("/moderation", endpoint="moderation")
@require("catalog.moderate")
def moderation_queue():
    return _render_queue()


@bp.route("/<any(businesses, courses):kind>/<int:entry_id>/<any(publish, return, reject):decision>",
          methods=["POST"])
@require("catalog.moderate")
def entry_decide(kind: str, entry_id: int, decision: str):
    """Decide on an entry. From the queue the next entry comes up (in place with htmx); from the
    entry's own page, that page again. A missing note is shown beside the note, the text kept."""
    entry = _entry_or_404(kind, entry_id)
    form = DecisionForm()
    from_queue = request.form.get("from") == "queue"
    saved = False
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(lambda: moderation.decide(entry, decision, _user(), form.note.data), form)
    if "csrf_token" in form.errors:
        abort(400)
    if not saved:
        if from_queue and form.form_errors:  # decided meanwhile, by someone else: say so, show the next
            return _render_queue(422, notice=form.form_errors[0], notice_error=True)
        if from_queue:
            return _render_queue(422, decision_form=form, first=(kind, entry.id))
        return render_entry(kind, entry, 422, decision_form=form)
    done = str(moderation.DECISION_DONE[decision])
    if from_queue and is_htmx_fragment_request():
        return _render_queue(notice=done)
    flash(done, "success")
    target = url_for("catalog.moderation") if from_queue else \
        url_for("catalog.entry_detail", kind=kind, entry_id=entry.id)
    return htmx_redirect(target, redirect(target, 303))


def _flag_or_404(flag_id: int):
    try:
        return moderation.get_duplicate_flag(flag_id)
    except NotFound:
        abort(404)


def duplicate_merge_confirm(flag_id: int):
    """What a merge keeps and fills in, before the editor confirms it."""
    flag = _flag_or_404(flag_id)
    if flag.status != "open":
        flash(_("This duplicate has already been handled."), "info")
        return redirect(url_for("catalog.moderation"), 303)
    return render_template("catalog/duplicate_merge.html", flag=flag, plan=moderation.merge_plan(flag),
                           form=DecisionForm())


# One rule for both methods: a tampered id is then a 404 whatever the method, never a 405.
@bp.route("/duplicates/<int:flag_id>/<any(merge, dismiss):action>", methods=["GET", "POST"])
@require("catalog.moderate")
def duplicate_decide(flag_id: int, action: str):
    if request.method == "GET":  # a merge is asked first; a dismissal needs no question
        if action != "merge":
            abort(404)
        return duplicate_merge_confirm(flag_id)
    flag = _flag_or_404(flag_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    operation = moderation.merge_duplicate if action == "merge" else moderation.dismiss_duplicate
    saved, _result = commit_or_show_error(lambda: operation(flag, _user()))
    if saved:
        flash(_("The two entries are merged.") if action == "merge" else _("The flag is dismissed."), "success")
    return redirect(url_for("catalog.moderation"), 303)


@bp.route("/<any(businesses, courses):kind>/<int:entry_id>/suggest", methods=["POST"])
@require("catalog.submit")
def entry_suggest(kind: str, entry_id: int):
    """A reader's suggested correction to a published entry, for the editors."""
    entry = _entry_or_404(kind, entry_id)
    if entry.status != EntryStatus.PUBLISHED:
        abort(404)
    form = SuggestionForm()
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(lambda: moderation.suggest_correction(kind, entry, _user(),
                                                                                  form.text.data), form)
        if saved:
            flash(_("Thank you. An editor will check your suggestion and correct the entry."), "success")
            return redirect(url_for("catalog.entry_detail", kind=kind, entry_id=entry.id, _anchor="suggest"), 303)
    if "csrf_token" in form.errors:
        abort(400)
    return render_entry(kind, entry, 422, suggestion_form=form)


@bp.route("/suggestions/<int:suggestion_id>/<any(done, dismissed):outcome>", methods=["POST"])
@require("catalog.moderate")
def suggestion_close(suggestion_id: int, outcome: str):
    try:
        suggestion = moderation.get_suggestion(suggestion_id)
    except NotFound:
        abort(404)
    if not DecisionForm().validate_on_submit():
        abort(400)
    saved, _none = commit_or_show_error(lambda: moderation.close_suggestion(suggestion, _user(), outcome))
    if saved:
        flash(_("The suggestion is marked as dealt with.") if outcome == "done" else _("The suggestion is dismissed."),
              "success")
    return redirect(url_for("catalog.moderation"), 303)


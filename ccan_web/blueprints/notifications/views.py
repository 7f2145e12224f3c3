"""Routes of a person's notifications: the list, the bell's count, email preferences, and the
unsubscribe link that every email carries."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from ccan_web.blueprints.notifications import forms
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.domain.notifications import KINDS
from ccan_web.extensions import csrf, db
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.htmx import is_htmx_fragment_request, render_page_or_partial
from ccan_web.notifications import services
from ccan_web.pagination import parse_page
from ccan_web.permissions import require

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@require("account.view")
def index():
    unread_only = request.args.get("show") == "unread"
    page = services.page_of(current_user, unread_only, parse_page(request.args.get("page")))
    return render_page_or_partial("notifications/index.html", "notifications/_list.html", page=page,
                                  unread_only=unread_only, form=FlaskForm(), title_of=services.title_of,
                                  unread=services.my_unread_count())


@bp.route("/count")
@require("account.view")
def count():
    """The bell, alone: htmx asks for it every minute, so the count follows without a reload. Opened
    as a page (a bookmark, a browser without script), it leads to the list the bell stands for."""
    if not is_htmx_fragment_request():
        return redirect(url_for("notifications.index"), 303)
    response = make_response(render_template("notifications/_bell.html", unread=services.my_unread_count()))
    response.vary.add("HX-Request")
    return response


@bp.route("/<int:notification_id>")
@require("account.view")
def open_notification(notification_id: int):
    """Mark it read and go to the page it speaks of."""
    try:
        link = services.open_link(current_user, notification_id)
    except NotFound:
        abort(404)
    db.session.commit()
    return redirect(link or url_for("notifications.index"), 303)


@bp.route("/<int:notification_id>/read", methods=["POST"])
@require("account.view")
def mark(notification_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        services.mark_read(current_user, notification_id, read=request.form.get("read") != "0")
    except NotFound:
        abort(404)
    db.session.commit()
    return _back_to_list()


@bp.route("/read-all", methods=["POST"])
@require("account.view")
def mark_all():
    if not FlaskForm().validate_on_submit():
        abort(400)
    services.mark_all_read(current_user)
    db.session.commit()
    return _back_to_list()


def _back_to_list():
    unread_only = request.form.get("show") == "unread"
    if request.headers.get("HX-Request") == "true":
        page = services.page_of(current_user, unread_only, parse_page(request.form.get("page")))
        return render_template("notifications/_list.html", page=page, unread_only=unread_only, form=FlaskForm(),
                               title_of=services.title_of, unread=services.my_unread_count.uncached(),
                               refresh_bell=True)
    return redirect(url_for("notifications.index", show="unread" if unread_only else None), 303)


@bp.route("/settings", methods=["GET", "POST"])
@require("account.view")
def settings():
    form = forms.preferences_form(services.settings_of(current_user))
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(lambda: services.save_settings(current_user, forms.choices_of(form)), form)
        if saved:
            flash(_("Your email choices are saved."), "success")
            return redirect(url_for("notifications.settings"), 303)
    return render_template("notifications/settings.html", form=form), form_status(form)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: a mail program posts "List-Unsubscribe=One-Click" without a form of ours
def unsubscribe(token: str):
    """GET asks (a link scanner must not unsubscribe anyone); POST unsubscribes, from the page's
    button or from the mail program's one-click header."""
    try:
        user, kind = services.unsubscribe_target(token)
    except DomainError as error:
        return render_template("notifications/unsubscribe.html", problem=error.message), 400
    if request.method == "POST":
        services.unsubscribe(token)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", done=True, kind=kind, kinds=KINDS)
    return render_template("notifications/unsubscribe.html", user=user, kind=kind, kinds=KINDS)


@bp.app_context_processor
def bell():
    return {"unread_notifications": services.my_unread_count}

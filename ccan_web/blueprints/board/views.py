"""Routes of the Board area: the membership queue, decisions, the audit log and the roster."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web import audit
from ccan_web.blueprints.board import services
from ccan_web.blueprints.board.forms import ApproveForm, RejectForm
from ccan_web.domain.countries import normalise_country_code
from ccan_web.domain.errors import NotFound
from ccan_web.domain.membership import ApplicationStatus
from ccan_web.forms import commit_or_show_error
from ccan_web.htmx import htmx_redirect, render_page_or_partial
from ccan_web.pagination import paginate, parse_page
from ccan_web.permissions import require
from ccan_web.routing import number_arg

bp = Blueprint("board", __name__, url_prefix="/board")


@bp.app_context_processor
def board_queue_size():
    # A callable, so the count is queried only where a page shows it (the Board's own link).
    return {"pending_applications_count": lambda: services.status_counts()["pending"]}


def _filters_from_args(args) -> services.ApplicationFilter:
    status = args.get("status", ApplicationStatus.PENDING.value)
    applicant_type = args.get("type")
    return services.ApplicationFilter(
        country=normalise_country_code(args.get("country")),
        applicant_type=applicant_type if applicant_type in services.applicant_type_values() else None,
        status=status if status in {s.value for s in ApplicationStatus} else None,
    )


def _application_or_404(application_id: int):
    try:
        return services.get_application(application_id)
    except NotFound:
        abort(404)


@bp.route("/")
@require("board.view_applications")
def index():
    return redirect(url_for("board.applications"))


@bp.route("/applications")
@require("board.view_applications")
def applications():
    filters = _filters_from_args(request.args)
    page = paginate(services.applications_query(filters), parse_page(request.args.get("page")),
                    current_app.config["APPLICATIONS_PER_PAGE"])
    return render_page_or_partial("board/applications_list.html", "board/_applications.html",
                                  filters=filters, page=page, counts=services.status_counts())


@bp.route("/applications/<int:application_id>")
@require("board.view_applications")
def application_detail(application_id: int):
    application = _application_or_404(application_id)
    return render_template("board/application_detail.html", application=application,
                           approve_form=ApproveForm(), reject_form=RejectForm(),
                           approvals_required=current_app.config["BOARD_APPROVALS_REQUIRED"])


def application_approve_confirm(application_id: int):
    """Approving asks first: who is admitted, and whether this approval admits them."""
    application = _application_or_404(application_id)
    required = current_app.config["BOARD_APPROVALS_REQUIRED"]
    return render_template("board/application_approve.html", application=application, form=ApproveForm(),
                           approvals_required=required, admits=services.approval_admits(application, required))


# One rule for both methods: a tampered id is then a 404 whatever the method, never a 405.
@bp.route("/applications/<int:application_id>/approve", methods=["GET", "POST"])
@require("board.decide_application")
def application_approve(application_id: int):
    if request.method == "GET":
        return application_approve_confirm(application_id)
    application = _application_or_404(application_id)
    form = ApproveForm()
    # An approval is given on the confirmation page (which sends `confirmed`), never by one stray click.
    if request.form.get("confirmed") != "yes":
        target = url_for("board.application_approve", application_id=application_id)
        return htmx_redirect(target, redirect(target, 303))
    if form.validate_on_submit():
        saved, admitted = commit_or_show_error(lambda: services.approve(
            application, current_user._get_current_object(), current_app.config["BOARD_APPROVALS_REQUIRED"]))
        if saved:
            flash(_("%(name)s is now a member.", name=application.user.full_name) if admitted
                  else _("Your approval is recorded; more Board approvals are needed."), "success")
    target = url_for("board.application_detail", application_id=application_id)
    return htmx_redirect(target, redirect(target, 303))


@bp.route("/applications/<int:application_id>/reject", methods=["POST"])
@require("board.decide_application")
def application_reject(application_id: int):
    application = _application_or_404(application_id)
    form = RejectForm()
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(
            lambda: services.reject(application, current_user._get_current_object(), form.reason.data), form)
        if saved:
            flash(_("The application is rejected and the applicant has been told why."), "success")
            target = url_for("board.application_detail", application_id=application_id)
            return htmx_redirect(target, redirect(target, 303))
    return render_template("board/application_detail.html", application=application,
                           approve_form=ApproveForm(), reject_form=form,
                           approvals_required=current_app.config["BOARD_APPROVALS_REQUIRED"]), 422


@bp.route("/audit")
@require("board.view_audit")
def audit_log():
    # Paged by id, not by page number: a link names the entry it continues from (the keyset).
    action = request.args.get("action") or None
    before, after = number_arg(request.args, "before"), number_arg(request.args, "after")
    window = audit.entries_window(action, before, None if before is not None else after,
                                  current_app.config["AUDIT_PER_PAGE"])
    return render_template("board/audit_list.html", window=window, action=action,
                           moved=before is not None or after is not None)


@bp.route("/roster")
@require("board.view_applications")
def roster():
    return render_template("board/roster_list.html", entries=services.roster())

"""Routes of the administration area: roles in the browser (find a person, grant, revoke, who holds what)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.admin import services
from ccan_web.blueprints.admin.forms import RetryForm, RoleForm
from ccan_web.domain.errors import Conflict, DomainError, NotAllowed, NotFound
from ccan_web.extensions import db
from ccan_web.forms import apply_domain_error
from ccan_web.htmx import htmx_redirect, is_htmx_fragment_request, render_page_or_partial
from ccan_web.links import known_args
from ccan_web.pagination import parse_page
from ccan_web.permissions import require

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _grantor() -> services.Grantor:
    return services.Grantor.person(current_user._get_current_object())


def _person_or_404(user_id: int):
    try:
        return services.get_person(user_id)
    except NotFound:
        abort(404)


@bp.route("/roles")
@require("admin.manage_roles")
def roles():
    q = services.clean_query(request.args.get("q"))
    page = services.find_people(q, parse_page(request.args.get("page")), current_app.config["ROLE_PEOPLE_PER_PAGE"])
    return render_page_or_partial("admin/roles_find.html", "admin/_people.html", q=q, page=page,
                                  link_args=known_args(request.args, ("q",)))


@bp.route("/roles/holders")
@require("admin.manage_roles")
def holders():
    filters = services.HolderFilter.from_args(request.args.get("role"), request.args.get("country"))
    page = services.list_holders(filters, parse_page(request.args.get("page")),
                                 current_app.config["ROLE_HOLDERS_PER_PAGE"])
    link_args = {k: v for k, v in (("role", filters.role), ("country", filters.country)) if v}
    return render_page_or_partial("admin/holders_list.html", "admin/_holders.html", filters=filters, page=page,
                                  groups=services.group_by_role(page.items), link_args=link_args,
                                  role_choices=services.role_choices())


def _person_page(person, form, by, status=200, preview=None):
    """The person's page, or (for htmx) its region of changes, with `preview` asking to confirm."""
    return render_page_or_partial("admin/person_roles.html", "admin/_change.html", status=status, person=person,
                                  form=form, by=by, preview=preview, grants=services.sorted_grants(person),
                                  history=services.role_history(person))


@bp.route("/roles/people/<int:user_id>")
@require("admin.manage_roles")
def person(user_id: int):
    by = _grantor()
    return _person_page(_person_or_404(user_id), RoleForm(meta={"csrf": False}).offer(by.grantable), by)


# One rule for both methods, as the Board's approval: GET asks to confirm, POST (confirmed) acts.
@bp.route("/roles/people/<int:user_id>/grant", methods=["GET", "POST"], defaults={"action": "grant"},
          endpoint="grant")
@bp.route("/roles/people/<int:user_id>/revoke", methods=["GET", "POST"], defaults={"action": "revoke"},
          endpoint="revoke")
@require("admin.manage_roles")
def change(user_id: int, action: str):
    person, by = _person_or_404(user_id), _grantor()
    confirming = request.method == "GET"
    form = (RoleForm(request.args, meta={"csrf": False}) if confirming else RoleForm()).offer(by.grantable)
    if not form.validate():  # an unknown role or country: a tampered or stale link (the choices are all known)
        return _person_page(person, form, by, status=400)
    try:
        preview = services.preview_change(person, form.change(action), by)
    except NotAllowed:
        abort(403)
    except DomainError as error:
        apply_domain_error(form, error)
        return _person_page(person, form, by, status=422)
    if confirming:
        if is_htmx_fragment_request():
            return _person_page(person, form, by, preview=preview)
        return render_template("admin/role_confirm.html", person=person, form=form, preview=preview)
    if request.form.get("confirmed") != "yes":
        target = url_for(f"admin.{action}", user_id=user_id, role=preview.role.value, scope=preview.scope or "")
        return htmx_redirect(target, redirect(target, 303))
    _apply(person, form.change(action), by)
    target = url_for("admin.person", user_id=user_id)
    return htmx_redirect(target, redirect(target, 303))


def _apply(person, change, by) -> None:
    """Make the change as the request's one transaction, and say what happened."""
    try:
        result = services.change_role(person, change, by)
    except NotAllowed:
        db.session.rollback()
        abort(403)
    except Conflict as error:  # the last administrator, revoked meanwhile by someone else
        db.session.rollback()
        flash(str(error.message), "error")
        return
    db.session.commit()
    name, role = person.full_name, result.description
    if result.changed:
        flash(_("%(name)s now holds the role: %(role)s.", name=name, role=role) if result.granted
              else _("%(name)s no longer holds the role: %(role)s.", name=name, role=role), "success")
    else:
        flash(_("%(name)s already holds the role: %(role)s. Nothing changed.", name=name, role=role)
              if result.granted else
              _("%(name)s does not hold the role: %(role)s. Nothing changed.", name=name, role=role), "info")


# Background jobs ---------------------------------------------------------------------------------

JOB_STATES = ("failed", "queued", "running", "done")


@bp.route("/jobs")
@require("admin.jobs")
def jobs():
    """The job queue's records, failed first by default: what ran, what waits, what failed and why."""
    from ccan_web import jobs as job_queue

    state = request.args.get("state", "failed")
    if state not in JOB_STATES + ("all",):
        state = "failed"
    listed = job_queue.recent(None if state == "all" else state, limit=100)
    return render_template("admin/jobs.html", listed=listed, state=state, states=JOB_STATES,
                           counts=job_queue.counts(), form=RetryForm())


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@require("admin.jobs")
def job_retry(job_id: int):
    from ccan_web import jobs as job_queue

    if not RetryForm().validate_on_submit():
        abort(400)
    if job_queue.retry(job_id):
        db.session.commit()
        flash(_("Job %(id)d is queued again.", id=job_id), "success")
    else:
        flash(_("Job %(id)d has not failed, or no longer exists; nothing was changed.", id=job_id), "info")
    return redirect(url_for("admin.jobs", state="failed"), 303)

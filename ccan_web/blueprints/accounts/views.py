"""Routes of the accounts area: registration, sign-in and out, password reset, own account."""
from __future__ import annotations

from dataclasses import asdict, fields

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ccan_web.blueprints.accounts import services
from ccan_web.blueprints.accounts.next_steps import next_steps
from ccan_web.blueprints.accounts.forms import (LoginForm, PasswordChangeForm, ProfileForm, ReapplyForm,
                                                RegistrationForm, ResetForm, ResetRequestForm)
from ccan_web.blueprints.board import services as board_services
from ccan_web.domain.errors import DomainError
from ccan_web.extensions import db, limiter
from ccan_web.forms import commit_or_show_error, form_status, show_problems
from ccan_web.i18n import select_locale
from ccan_web.permissions import is_safe_redirect, require
from ccan_web.submissions import already_done, mark_done, new_submission_id

bp = Blueprint("accounts", __name__)


def _profile_data(form) -> services.ProfileData:
    """The profile fields a form has (the application form has fewer than the account page)."""
    values = form.data
    data = {f.name: values[f.name] for f in fields(services.ProfileData) if f.name in values}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data["sectors"] = tuple(data.get("sectors") or ())
    return services.ProfileData(**data)


def _registration_data(form) -> services.RegistrationData:
    return services.RegistrationData(
        email=form.email.data or "", password=form.password.data or "", profile=_profile_data(form),
        motivation=form.motivation.data or "", accepted_criteria=frozenset(form.criteria.data or ()),
        locale=select_locale(),
    )


@bp.route("/auth/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], methods=["POST"])
def register():
    if current_user.is_authenticated:
        if already_done(request.form.get("submission_id")):
            flash(_("Your application was already received."), "info")
        return redirect(url_for("accounts.account"))
    form = RegistrationForm()
    if form.is_submitted():
        data = _registration_data(form)
        if not form.validate():
            # Every problem at once: the service's own rules (the address in use, the password's
            # strength) beside the fields the form found nothing wrong with.
            show_problems(form, services.registration_problems(data)[1])
        else:
            saved, user = commit_or_show_error(lambda: board_services.register(data), form)
            if saved:
                login_user(user)
                mark_done(form.submission_id.data)
                flash(_("Thank you for applying. The Board will consider your application soon."), "success")
                return redirect(url_for("accounts.account"))
    if not form.submission_id.data:
        form.submission_id.data = new_submission_id()
    status = form_status(form)
    return render_template("accounts/register.html", form=form), status


@bp.route("/auth/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    next_url = request.args.get("next")
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("The email address or password is not right."))
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(_("You are signed in."), "success")
            return redirect(next_url if is_safe_redirect(next_url) else url_for("accounts.account"))
    status = form_status(form)
    return render_template("accounts/login.html", form=form, next_url=next_url), status


@bp.route("/auth/logout", methods=["GET", "POST"])
def logout():
    if request.method == "POST":
        logout_user()
        flash(_("You are signed out."), "info")
        return redirect(url_for("main.home"))
    return render_template("accounts/logout.html")


@bp.route("/auth/reset", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data, current_app.config["SECRET_KEY"])
        db.session.commit()
        flash(_("If an account uses that address, a reset link is on its way. It works for one hour."), "info")
        return redirect(url_for("accounts.login"))
    status = form_status(form)
    return render_template("accounts/reset_request.html", form=form), status


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def reset_password(token: str):
    config = current_app.config
    try:
        services.user_for_reset_token(token, config["SECRET_KEY"], config["PASSWORD_RESET_MAX_AGE"])
    except DomainError as error:
        return render_template("accounts/reset_invalid.html", message=error.message), 400
    form = ResetForm()
    if form.validate_on_submit():
        saved, _user = commit_or_show_error(lambda: services.reset_password(
            token, form.password.data, config["SECRET_KEY"], config["PASSWORD_RESET_MAX_AGE"]), form)
        if saved:
            logout_user()
            flash(_("Your password is changed. Sign in with the new one."), "success")
            return redirect(url_for("accounts.login"))
    status = form_status(form)
    return render_template("accounts/reset_password.html", form=form, token=token), status


@bp.route("/account", methods=["GET", "POST"])
@require("account.view")
def account():
    """Where a person lands after signing in: their membership, and what they can do next."""
    if request.method == "POST":  # the profile form posted here before it had a page of its own
        return profile()
    return _overview_page(current_user._get_current_object())


def _overview_page(user, reapply_form=None):
    if reapply_form is None:
        reapply_form = ReapplyForm(formdata=None)
    return render_template("accounts/account.html", reapply_form=reapply_form, application=user.application,
                           steps=next_steps(user)), form_status(reapply_form)


@bp.route("/account/profile", methods=["GET", "POST"])
@require("account.view")
def profile():
    user = current_user._get_current_object()
    if request.method == "GET":
        form = ProfileForm(data=asdict(services.profile_of(user)), member=user.is_member)
    else:
        form = ProfileForm(member=user.is_member)
    if form.validate_on_submit():
        saved, _user = commit_or_show_error(lambda: services.update_profile(user, _profile_data(form)), form)
        if saved:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    return _profile_page(user, form=form)


def _profile_page(user, form=None, password_form=None):
    """The profile page, with whichever of its forms came back with errors."""
    if form is None:
        form = ProfileForm(formdata=None, data=asdict(services.profile_of(user)), member=user.is_member)
    if password_form is None:
        password_form = PasswordChangeForm(formdata=None)
    status = max(form_status(f) for f in (form, password_form))
    return render_template("accounts/profile.html", form=form, password_form=password_form), status


@bp.route("/account/password", methods=["POST"])
@require("account.view")
def change_password():
    user = current_user._get_current_object()
    form = PasswordChangeForm()
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(
            lambda: services.change_password(user, form.current_password.data, form.password.data), form)
        if saved:
            login_user(user)  # the session token changed; keep this session, end the others
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.profile"))
    return _profile_page(user, password_form=form)


@bp.route("/account/reapply", methods=["POST"])
@require("account.view")
def reapply():
    user = current_user._get_current_object()
    form = ReapplyForm()
    if form.validate_on_submit():
        saved, _application = commit_or_show_error(
            lambda: board_services.reapply(user, form.motivation.data, frozenset(form.criteria.data or ())), form)
        if saved:
            flash(_("Your application is with the Board again."), "success")
            return redirect(url_for("accounts.account"))
    return _overview_page(user, reapply_form=form)

"""Routes of the online events: the list, an event, its calendar file and the feed; registering,
the personal page (the online link, cancelling); the organisers' pages."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.catalog.exports import csv_cell
from ccan_web.blueprints.events import calendar, registrations, services
from ccan_web.blueprints.events.forms import AfterForm, CancelForm, EmptyForm, EventForm, MaterialForm, RegistrationForm
from ccan_web.blueprints.events.registrations import BadLink, RegistrationData
from ccan_web.blueprints.events.services import EventData, Upload
from ccan_web.domain.countries import country_name
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.domain.events import (KIND_LABELS, PRESENTS_LABELS, REGISTRATION_LABELS, STATE_LABELS,
                                    link_shown_from)
from ccan_web.domain.languages import LOCALES
from ccan_web.extensions import db, limiter
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.htmx import htmx_redirect
from ccan_web.i18n import current_locale_code
from ccan_web.markdown import render as render_markdown
from ccan_web.permissions import require

bp = Blueprint("events", __name__, url_prefix="/events")


@bp.app_context_processor
def events_template_helpers():
    return {"event_kind_label": lambda kind: KIND_LABELS.get(kind, kind),
            "event_state_label": lambda state: STATE_LABELS.get(state, state),
            "registration_state_label": lambda state: REGISTRATION_LABELS.get(state, state)}


def _user():
    return current_user._get_current_object()


def _event_or_404(slug: str):
    try:
        event = services.event_by_slug(slug)
    except NotFound:
        abort(404)
    if not services.may_see(event, _user()):
        abort(404)  # a draft is not told of, not even that it exists
    return event


def _rate_limit() -> str:
    return current_app.config.get("EVENT_REGISTRATION_RATE_LIMIT", current_app.config["REGISTER_RATE_LIMIT"])


# Reading -----------------------------------------------------------------------------------------

@bp.route("/")
def event_list():
    return render_template("events/event_list.html", listing=services.listing(_user()))


@bp.route("/calendar.ics")
def calendar_feed():
    return _ics(calendar.feed(services.calendar_events()), "ccan-events.ics", max_age=300)


@bp.route("/<slug>.ics")
def event_ics(slug: str):
    event = _event_or_404(slug)
    if event.published_at is None:
        abort(404)
    return _ics(calendar.event_file(event), f"{event.slug}.ics", max_age=60)


def _ics(body: bytes, filename: str, max_age: int):
    response = make_response(body)
    response.content_type = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response


@bp.route("/<slug>")
def event_detail(slug: str):
    return _render_event(_event_or_404(slug))


def _registration_form():
    """Prefilled for a signed-in person from their profile."""
    user = _user()
    if not user.is_authenticated:
        return RegistrationForm(formdata=None)
    return RegistrationForm(formdata=None, data={"name": user.full_name, "email": user.email,
                                                 "organisation": getattr(user, "organisation", "") or "",
                                                 "country": user.country or ""})


def _render_event(event, status: int = 200, form=None, registration=None, personal_token: str | None = None):
    user = _user()
    registration = registration or registrations.registration_of(event, user)
    if personal_token is None and registration is not None and user.is_authenticated \
            and registration.user_id == user.id:
        personal_token = registrations.token_for(registration)  # their own: cancelled from here too
    return render_template(
        "events/event_detail.html", event=event, form=form or _registration_form(),
        description=render_markdown(event.description) if event.description else None,
        report=render_markdown(event.report) if event.report else None,
        registration=registration, personal_token=personal_token,
        link_shown=registrations.link_shown(event, registration), link_from=link_shown_from(event.starts_at),
        registration_open=services.registration_is_open(event), counts=services.counts(event),
        may_manage=services.may_manage(user), presents_label=PRESENTS_LABELS.get(event.presents, ""),
        competition=services.presented_competition(event),
        languages=[LOCALES[code] for code in event.language_list if code in LOCALES],
    ), status


# Registering -------------------------------------------------------------------------------------

@bp.route("/<slug>/register", methods=["POST"])
@limiter.limit(_rate_limit, methods=["POST"])
def register(slug: str):
    event = _event_or_404(slug)
    form = RegistrationForm()
    if form.validate_on_submit():
        data = RegistrationData(form.name.data or "", form.email.data or "", form.organisation.data or "",
                                form.country.data or "")
        saved, registration = commit_or_show_error(
            lambda: registrations.register(event, data, _user() if _user().is_authenticated else None,
                                           current_locale_code()), form)
        if saved:
            if registration.state == "registered":
                flash(_("You are registered. The confirmation is on its way to %(email)s.", email=registration.email),
                      "success")
            else:
                flash(_("All seats are taken: you are on the waiting list. We write to %(email)s when a seat "
                        "is yours.", email=registration.email), "info")
            target = url_for("events.registration", slug=event.slug, token=registrations.token_for(registration))
            return htmx_redirect(target, redirect(target, 303))
    if "csrf_token" in form.errors:
        abort(400)
    return _render_event(event, 422, form=form)


def _by_token_or_400(event, token: str):
    try:
        return registrations.by_token(event, token)
    except BadLink as error:
        abort(make_response(render_template("events/link_invalid.html", event=event, message=error.message), 400))


@bp.route("/<slug>/r/<token>")
def registration(slug: str, token: str):
    event = _event_or_404(slug)
    return _render_event(event, registration=_by_token_or_400(event, token), personal_token=token)


@bp.route("/<slug>/r/<token>/cancel", methods=["POST"])
def registration_cancel(slug: str, token: str):
    event = _event_or_404(slug)
    found = _by_token_or_400(event, token)
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    saved, _registration = commit_or_show_error(lambda: registrations.cancel(found))
    if saved:
        flash(_("Your registration is cancelled."), "success")
    target = url_for("events.registration", slug=event.slug, token=token)
    return htmx_redirect(target, redirect(target, 303))


# The organisers ----------------------------------------------------------------------------------

def _event_data(form: EventForm) -> EventData:
    return EventData(
        title=form.title.data or "", kind=form.kind.data or "", starts_local=form.starts_local.data,
        ends_local=form.ends_local.data, zone=form.zone.data or "", description=form.description.data or "",
        online_link=form.online_link.data or "", languages=tuple(form.languages.data or ()),
        speakers=form.speakers.data or "", presents=form.presents.data or "", roadmap_doc=form.roadmap_doc.data or "",
        roadmap_revision=form.roadmap_revision.data, competition_slug=form.competition_slug.data or "",
        capacity=form.capacity.data, slug=form.slug.data or "")


@bp.route("/new", methods=["GET", "POST"])
@require("events.manage")
def event_new():
    form = EventForm()
    if form.validate_on_submit():
        saved, event = commit_or_show_error(lambda: services.create_event(_event_data(form), _user()), form)
        if saved:
            flash(_("The draft is saved. Publish it when it is ready."), "success")
            return redirect(url_for("events.manage", slug=event.slug), 303)
    return render_template("events/event_form.html", form=form, event=None), form_status(form)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@require("events.manage")
def event_edit(slug: str):
    event = _event_or_404(slug)
    form = EventForm(data=services.data_of(event) if request.method == "GET" else None)
    if request.method == "POST" and form.validate_on_submit():
        saved, _event = commit_or_show_error(lambda: services.update_event(event, _event_data(form), _user()), form)
        if saved:
            flash(_("The event is saved."), "success")
            return redirect(url_for("events.manage", slug=event.slug), 303)
    return render_template("events/event_form.html", form=form, event=event), form_status(form)


@bp.route("/<slug>/manage")
@require("events.manage")
def manage(slug: str):
    return _render_manage(_event_or_404(slug))


def _render_manage(event, status: int = 200, cancel_form=None, after_form=None, material_form=None):
    return render_template(
        "events/event_manage.html", event=event, counts=services.counts(event), step_form=EmptyForm(formdata=None),
        cancel_form=cancel_form or CancelForm(formdata=None),
        after_form=after_form or AfterForm(formdata=None, data={"recording_url": event.recording_url,
                                                                "report": event.report}),
        material_form=material_form or MaterialForm(formdata=None), started=services.now() >= event.starts_at), status


def _to_manage(event):
    target = url_for("events.manage", slug=event.slug)
    return htmx_redirect(target, redirect(target, 303))


@bp.route("/<slug>/<any(publish, held):action>", methods=["POST"])
@require("events.manage")
def event_step(slug: str, action: str):
    event = _event_or_404(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    saved, _event = commit_or_show_error(lambda: services.take_step(event, action, _user()))
    if saved:
        flash(_("The event is published.") if action == "publish" else _("The event is marked as held."), "success")
    return _to_manage(event)


@bp.route("/<slug>/cancel", methods=["POST"])
@require("events.manage")
def event_cancel(slug: str):
    event = _event_or_404(slug)
    form = CancelForm()
    if form.validate_on_submit():
        saved, _event = commit_or_show_error(lambda: services.take_step(event, "cancel", _user(), form.reason.data),
                                             form)
        if saved:
            flash(_("The event is cancelled; the participants are told."), "success")
            return _to_manage(event)
    if "csrf_token" in form.errors:
        abort(400)
    return _render_manage(event, 422, cancel_form=form)


@bp.route("/<slug>/after", methods=["POST"])
@require("events.manage")
def event_after(slug: str):
    event = _event_or_404(slug)
    form = AfterForm()
    if form.validate_on_submit():
        saved, _event = commit_or_show_error(lambda: services.save_after(
            event, form.recording_url.data or "", form.report.data or "", _user()), form)
        if saved:
            flash(_("The recording and the report are saved."), "success")
            return _to_manage(event)
    if "csrf_token" in form.errors:
        abort(400)
    return _render_manage(event, 422, after_form=form)


@bp.route("/<slug>/materials", methods=["POST"])
@require("events.manage")
def material_add(slug: str):
    event = _event_or_404(slug)
    form = MaterialForm()
    file = form.material_file.data
    if form.validate_on_submit():
        if file is None or not getattr(file, "filename", None):
            form.material_file.errors = [_("Choose a file.")]
        else:
            saved, _material = commit_or_show_error(lambda: services.add_material(
                event, Upload(file.read(), file.filename), form.material_title.data or "", _user()), form)
            if saved:
                flash(_("The file is added."), "success")
                return _to_manage(event)
    if "csrf_token" in form.errors:
        abort(400)
    return _render_manage(event, 422, material_form=form)


@bp.route("/<slug>/materials/<int:material_id>/remove", methods=["POST"])
@require("events.manage")
def material_remove(slug: str, material_id: int):
    event = _event_or_404(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.remove_material(event, material_id, _user())
    except DomainError:
        abort(404)
    db.session.commit()
    flash(_("The file is removed."), "success")
    return _to_manage(event)


@bp.route("/<slug>/participants")
@require("events.manage")
def participants(slug: str):
    event = _event_or_404(slug)
    return render_template("events/participants.html", event=event, people=registrations.participants(event),
                           counts=services.counts(event))


@bp.route("/<slug>/participants.csv")
@require("events.manage")
def participants_csv(slug: str):
    event = _event_or_404(slug)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "organisation", "country", "state", "member", "registered_at", "changed_at"])
    for person in registrations.participants(event):
        writer.writerow([csv_cell(value) for value in (
            person.name, person.email, person.organisation, str(country_name(person.country)) if person.country else "",
            person.state, "yes" if person.user_id else "no", person.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            person.changed_at.strftime("%Y-%m-%d %H:%M UTC"))])
    response = make_response("\ufeff" + out.getvalue())  # the BOM: spreadsheets then read UTF-8 names right
    response.content_type = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.csv"'
    return response

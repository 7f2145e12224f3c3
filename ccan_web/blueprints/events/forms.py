"""Forms of the events: an event (the organisers'), a registration, cancelling with a reason, the
recording and report, a material."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ccan_web.domain.countries import country_choices
from ccan_web.domain.events import KIND_LABELS, MAX_CAPACITY, PRESENTS_LABELS
from ccan_web.domain.languages import LOCALES
from ccan_web.forms import (LONGER_TEXT, NAME, ONE_LINE, WEB_ADDRESS, MultiCheckboxField, choices_of, one_line,
                            stored_number, zone_field)

REQUIRED = _l("This field is required.")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def _too_long(limit: int):
    return Length(max=limit, message=lazy_ngettext("Use at most %(num)d character.",
                                                   "Use at most %(num)d characters.", limit))


def _roadmap_choices():
    from ccan_web.domain.countries import COUNTRIES

    return [("", _l("Choose a roadmap")), ("regional", _l("The regional roadmap")),
            *((c.code.lower(), c.name) for c in COUNTRIES)]


class EventForm(FlaskForm):
    title = StringField(_l("Title"), filters=[one_line], validators=[DataRequired(REQUIRED), _too_long(200), ONE_LINE])
    kind = SelectField(_l("Kind"), choices=choices_of(KIND_LABELS.items()), validate_choice=False)
    starts_local = DateTimeLocalField(_l("Starts"), format=MOMENT_FORMATS, validators=[Optional()],
                                      description=_l("On the clock of the time zone below."))
    ends_local = DateTimeLocalField(_l("Ends"), format=MOMENT_FORMATS, validators=[Optional()])
    zone = zone_field(_l("Time zone of these times"))
    description = TextAreaField(_l("Description"), validators=[_too_long(20000), LONGER_TEXT],
                                description=_l("Markdown: **bold**, *italic*, ## headings, - lists, [links](https://…)."))
    online_link = StringField(_l("Online link"), filters=[one_line], validators=[_too_long(500), WEB_ADDRESS],
                              description=_l("Shown only to registered participants, 30 minutes before the start."))
    languages = MultiCheckboxField(_l("Languages"), choices=choices_of(LOCALES.items()))
    speakers = TextAreaField(_l("Speakers"), validators=[_too_long(2000), LONGER_TEXT],
                             description=_l("One per line, with their role."))
    presents = SelectField(_l("What it presents"), choices=choices_of(PRESENTS_LABELS.items()), validate_choice=False)
    roadmap_doc = SelectField(_l("Roadmap"), choices=choices_of(_roadmap_choices()), validate_choice=False)
    roadmap_revision = IntegerField(_l("Revision number"), validators=[Optional(), stored_number(min=1)])
    competition_slug = StringField(_l("Competition's address"), filters=[one_line],
                                   validators=[_too_long(80), ONE_LINE],
                                   description=_l("Its slug, such as business-database-2026."))
    capacity = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=1, max=MAX_CAPACITY)],
                            description=_l("Leave empty for no limit. Once they are taken, people join a waiting list."))
    slug = StringField(_l("Address"), filters=[one_line], validators=[Optional(), Length(max=80), ONE_LINE],
                       description=_l("Small Latin letters, digits and hyphens; made from the title when left empty."))


class RegistrationForm(FlaskForm):
    name = StringField(_l("Name"), filters=[one_line], validators=[DataRequired(REQUIRED), _too_long(200), NAME],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("Email"), filters=[one_line], validators=[DataRequired(REQUIRED), _too_long(254), ONE_LINE],
                       render_kw={"autocomplete": "email"},
                       description=_l("The confirmation and your personal link are sent here."))
    organisation = StringField(_l("Organisation"), filters=[one_line], validators=[_too_long(200), ONE_LINE],
                               render_kw={"autocomplete": "organization"})
    country = SelectField(_l("Country"), choices=choices_of([("", _l("Elsewhere")), *country_choices()]),
                          validate_choice=False)


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(REQUIRED), _too_long(2000), LONGER_TEXT],
                           description=_l("Registered participants receive it by email."))


class AfterForm(FlaskForm):
    recording_url = StringField(_l("Recording"), filters=[one_line], validators=[_too_long(500), WEB_ADDRESS],
                                description=_l("The address of the recording."))
    report = TextAreaField(_l("Report"), validators=[_too_long(20000), LONGER_TEXT],
                           description=_l("A short report in Markdown."))


class MaterialForm(FlaskForm):
    material_title = StringField(_l("Title of the file"), filters=[one_line],
                                 validators=[DataRequired(REQUIRED), _too_long(200), ONE_LINE])
    material_file = FileField(_l("File"), description=_l("Slides or another document: PDF or an image, at most 20 MB."))


class EmptyForm(FlaskForm):
    """A button that changes something: its CSRF token only."""

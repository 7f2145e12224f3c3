"""Forms of the associations area: the profile, and a change of status."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, EmailField, IntegerField, RadioField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from ccan_web.domain.associations import FUNDING_SOURCES, PROFILE_FIELDS
from ccan_web.domain.toolkit import ANSWER_STATES
from ccan_web.forms import (LONGER_TEXT, NAME, ONE_LINE, WEB_ADDRESS, MultiCheckboxField, VersionField, choices_of,
                            one_line, stored_number)


def _too_long(limit: int):
    return Length(max=limit, message=lazy_ngettext("Use at most %(num)d character.",
                                                   "Use at most %(num)d characters.", limit))


def _text(label, limit: int, rule=ONE_LINE, **kw):
    return StringField(label, filters=[one_line], validators=[_too_long(limit), rule], **kw)


def _count(label):
    return IntegerField(label, validators=[Optional(), NumberRange(min=0, max=1_000_000, message=_l(
        "Enter a whole number from 0 to 1,000,000."))])


class VersionedForm:
    """A form that names the association's version it was filled from (required: these forms always show one)."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired(), stored_number(min=0)])


class ProfileForm(VersionedForm, FlaskForm):
    name_national = _text(_l("Name in the national language"), 200, NAME)
    name_ru = _text(_l("Name in Russian"), 200, NAME)
    name_en = _text(_l("Name in English"), 200, NAME)
    legal_structure = _text(_l("Legal structure"), 200, NAME,
                            description=_l("Chosen by the organisers: public association, union of legal "
                                           "entities, foundation…"))
    registration_number = _text(_l("Registration number"), 80)
    registration_date = DateField(_l("Registration date"), validators=[Optional()])
    funding_sources = MultiCheckboxField(_l("Funding sources"), choices=choices_of(FUNDING_SOURCES.items()))
    members_count = _count(_l("Members of the association"))
    board_count = _count(_l("Members of its board"))
    contact_email = EmailField(_l("Contact email"), filters=[one_line], validators=[
        Optional(), _too_long(200), ONE_LINE, Email(message=_l("Enter an email address such as name@example.org."))])
    contact_phone = _text(_l("Contact phone"), 60)
    address = _text(_l("Address"), 300)
    website = URLField(_l("Website"), filters=[one_line], validators=[Optional(), _too_long(300), WEB_ADDRESS])
    logo = FileField(_l("Logo"), description=_l("A JPEG, PNG or WebP image of at most 2 MB."))
    logo_alt = _text(_l("Logo description"), 200,
                     description=_l("What the logo shows, read to those who cannot see it."))
    remove_logo = BooleanField(_l("Remove the logo"))
    description = TextAreaField(_l("Description (Markdown)"), validators=[_too_long(10_000), LONGER_TEXT])

    def profile_data(self) -> dict:
        """The profile's fields as the service takes them: blanks as empty text, no date or count as None."""
        values = {}
        for name in PROFILE_FIELDS:
            value = self[name].data
            if name == "funding_sources":
                value = tuple(value or ())
            elif value is None and name not in ("registration_date", "members_count", "board_count"):
                value = ""
            values[name] = value
        return values


class StatusForm(VersionedForm, FlaskForm):
    # Offered: the steps open from the current status; any other is refused by the lifecycle's rules,
    # with their message beside the field.
    status = SelectField(_l("New status"), validate_choice=False,
                         validators=[InputRequired(_l("Choose a status from the list."))])
    reason = TextAreaField(_l("Reason"), description=_l("Required to suspend; kept in the history."),
                           validators=[_too_long(2000), LONGER_TEXT])


class PartnershipForm(FlaskForm):
    """The declaration: the revisions of the terms as shown (so a newer one published meanwhile is
    noticed), and the acceptance."""

    mission = IntegerField(widget=HiddenInput(), validators=[InputRequired(), stored_number(min=1)])
    principles = IntegerField(widget=HiddenInput(), validators=[InputRequired(), stored_number(min=1)])
    logo_use = IntegerField(widget=HiddenInput(), validators=[InputRequired(), stored_number(min=1)])
    accept = BooleanField(_l("On behalf of the association, I accept CCAN’s mission, principles and the terms "
                             "of the logo’s use as published above"),
                          validators=[InputRequired(_l("Tick the box to accept the terms."))])

    def accepted(self) -> dict[str, int]:
        return {"mission": self.mission.data, "principles": self.principles.data, "logo-use": self.logo_use.data}


class AnswerForm(FlaskForm):
    """One checklist item's answer (its fields' ids carry the item's, so one page holds many)."""

    state = RadioField(_l("Answer"), choices=choices_of(ANSWER_STATES.items()),
                       validators=[InputRequired(_l("Choose from the options listed."))])
    justification = TextAreaField(_l("Justification"), validators=[_too_long(2000), LONGER_TEXT])
    evidence_url = URLField(_l("Evidence link"), filters=[one_line],
                            validators=[Optional(), _too_long(500), WEB_ADDRESS])
    evidence_file = FileField(_l("Evidence file"), description=_l("A PDF document or an image, at most 20 MB."))
    # The answer's version the form was filled from (empty: it showed no answer yet).
    version = VersionField()


class ReportForm(FlaskForm):
    file = FileField(_l("Report (PDF)"), description=_l("A PDF document of at most 20 MB."))


class ReportYearForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(_l("This field is required.")), NumberRange(
        min=2000, max=2100, message=_l("Enter a year between %(first)d and %(last)d.", first=2000, last=2100))])
    due_date = DateField(_l("Due date"), validators=[InputRequired(_l("This field is required."))])

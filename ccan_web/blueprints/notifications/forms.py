"""The email preferences form: one choice per kind of notification."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from ccan_web.domain.notifications import DELIVERIES, KINDS
from ccan_web.forms import choices_of as select_choices


def field_name(kind: str) -> str:
    return f"kind_{kind}"


def preferences_form(chosen: dict[str, str]) -> FlaskForm:
    """A form with a radio group per kind, each set to the person's current choice."""

    class PreferencesForm(FlaskForm):
        pass

    for kind, delivery in chosen.items():
        setattr(PreferencesForm, field_name(kind), RadioField(KINDS[kind][0], choices=select_choices(DELIVERIES.items()),
                                                             default=delivery, validators=[InputRequired()]))
    return PreferencesForm()


def choices_of(form) -> dict[str, str]:
    return {field.name.removeprefix("kind_"): field.data for field in form if field.name.startswith("kind_")}

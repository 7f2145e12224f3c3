"""Forms of the main area: the language switcher."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired


class LanguageForm(FlaskForm):
    locale = StringField(validators=[DataRequired()])
    next = HiddenField()

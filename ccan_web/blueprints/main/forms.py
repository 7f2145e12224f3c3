"""Forms of the main area: the language switcher."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired

from ccan_web.forms import ONE_LINE


class LanguageForm(FlaskForm):
    locale = StringField(validators=[DataRequired(), ONE_LINE])
    next = HiddenField()

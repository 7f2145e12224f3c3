"""Forms of the toolkit: a new document."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ccan_web.domain.toolkit import CATEGORY_NAMES
from ccan_web.forms import LONGER_TEXT, NAME, ONE_LINE, choices_of, one_line

REQUIRED = _l("This field is required.")


class NewDocumentForm(FlaskForm):
    title = StringField(_l("Title"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=200), NAME])
    slug = StringField(_l("Address"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=60), ONE_LINE],
                       description=_l("The end of the page’s address: lower-case letters, digits and hyphens."))
    category = RadioField(_l("Kind"), choices=choices_of(CATEGORY_NAMES.items()), default="standard",
                          validators=[DataRequired(REQUIRED)])
    members_only = BooleanField(_l("For members only"))
    body = TextAreaField(_l("First draft (Markdown)"), validators=[DataRequired(_l("The text is empty.")), LONGER_TEXT])

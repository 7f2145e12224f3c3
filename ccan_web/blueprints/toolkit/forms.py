"""Forms of the toolkit: a new document."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ccan_web.domain.toolkit import CATEGORY_NAMES
from ccan_web.forms import LONGER_TEXT, NAME, ONE_LINE, VersionField, choices_of, one_line

REQUIRED = _l("This field is required.")


class NewDocumentForm(FlaskForm):
    title = StringField(_l("Title"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=200), NAME])
    slug = StringField(_l("Address"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=60), ONE_LINE],
                       description=_l("The end of the page’s address: lower-case letters, digits and hyphens."))
    category = RadioField(_l("Kind"), choices=choices_of(CATEGORY_NAMES.items()), default="standard",
                          validators=[DataRequired(REQUIRED)])
    members_only = BooleanField(_l("For members only"))
    body = TextAreaField(_l("First draft (Markdown)"), validators=[DataRequired(_l("The text is empty.")), LONGER_TEXT])


class ItemForm(FlaskForm):
    """A checklist item: new, or changed (with its place in its level)."""

    level = IntegerField(_l("Level"), default=1, validators=[InputRequired(REQUIRED), NumberRange(
        min=1, max=9, message=_l("Choose a level from 1 to %(last)d.", last=9))])
    position = IntegerField(_l("Position"), validators=[Optional(), NumberRange(min=0, max=10_000)])
    text = StringField(_l("Item"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=500), ONE_LINE])
    evidence_required = BooleanField(_l("Evidence required"))
    # The item's version the form was filled from (empty on the form that adds one).
    version = VersionField()

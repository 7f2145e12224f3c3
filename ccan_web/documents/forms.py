"""Forms of the document pages: editing (a whole text or a section), resolving conflicts, actions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ccan_web.forms import LONGER_TEXT, ONE_LINE, one_line, stored_number


# The revision numbers a form carries are hidden inputs: a hidden input takes no required, min or max
# (HTML forbids them there); the validators still check what comes back.
HIDDEN = HiddenInput()


class EditForm(FlaskForm):
    body = TextAreaField(_l("Text (Markdown)"), validators=[DataRequired(_l("The text is empty.")), LONGER_TEXT])
    summary = StringField(
        _l("Summary of your changes"),
        description=_l("A few words for the history, e.g. “Added export targets for 2027”."),
        filters=[one_line],
        validators=[Length(max=300, message=lazy_ngettext("Keep the summary under %(num)d character.",
                                                          "Keep the summary under %(num)d characters.", 300)),
                    ONE_LINE],
    )
    base_number = IntegerField(widget=HIDDEN, validators=[InputRequired(), stored_number(min=1)])
    section = IntegerField(widget=HIDDEN, validators=[Optional(), stored_number(min=0)])


class ResolveForm(FlaskForm):
    """Carries what the conflict screen needs to compute the same merge again on submit; the
    passages' choices and texts, numbered by passage, are read by documents.conflicts."""

    mine = HiddenField(validators=[DataRequired()])
    base_number = IntegerField(widget=HIDDEN, validators=[InputRequired(), stored_number(min=0)])
    head_number = IntegerField(widget=HIDDEN, validators=[InputRequired(), stored_number(min=1)])
    summary = HiddenField(validators=[Length(max=300)])
    # A pull's screen: the regional revision last taken in when it was shown, so the same merge is
    # computed again even if someone pulled meanwhile.
    synced_number = IntegerField(widget=HIDDEN, validators=[Optional(), stored_number(min=0)])
    # A screen whose saved text finishes a pull (it records the regional revision taken in).
    upstream_number = IntegerField(widget=HIDDEN, validators=[Optional(), stored_number(min=1)])


class ActionForm(FlaskForm):
    """A button that changes something (restore, undo, publish, pull): CSRF only."""


class FirstDraftForm(FlaskForm):
    body = TextAreaField(_l("First draft (Markdown)"),
                         validators=[DataRequired(_l("The text is empty.")), LONGER_TEXT])

"""Forms of the Board area."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ccan_web.forms import LONGER_TEXT


class ApproveForm(FlaskForm):
    pass


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason, sent to the applicant"),
        validators=[
            DataRequired(_l("Give the applicant a reason.")),
            Length(max=2000, message=_l("Keep the reason under 2,000 characters.")),
            LONGER_TEXT,
        ],
    )

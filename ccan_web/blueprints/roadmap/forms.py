"""Forms of the roadmap: starting the regional text or a national adaptation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired

from ccan_web.documents.forms import FirstDraftForm
from ccan_web.domain.languages import LOCALES
from ccan_web.forms import stored_number
from ccan_web.i18n import current_locale_code


class StartForm(FlaskForm):
    regional_number = IntegerField(_l("Start from regional revision"),
                                   validators=[InputRequired(), stored_number(min=1)])


class RoadmapDraftForm(FirstDraftForm):
    """The regional roadmap's first draft, and the language it is written in (readers of others are told);
    unsent, the language is the one the editor reads the site in."""

    language = SelectField(_l("Language of the text"), choices=list(LOCALES.items()),
                           default=lambda: current_locale_code())

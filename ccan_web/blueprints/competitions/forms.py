"""Forms of the competitions: the Board's call, a question, a criterion, a juror, a disqualification
and an override; an application (its questions are the call's); a juror's scores and conflict."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateTimeLocalField, EmailField, IntegerField, RadioField, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from ccan_web.domain import competitions as rules
from ccan_web.domain.countries import country_choices
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import sector_choices
from ccan_web.forms import (LONGER_TEXT, NAME, ONE_LINE, MultiCheckboxField, choices_of, one_line, stored_number,
                            zone_field)

REQUIRED = _l("This field is required.")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def _choose(label, pairs, blank, **kwargs):
    # The service checks the value; the form only offers the list (and keeps what was sent).
    return SelectField(label, choices=choices_of([("", blank), *pairs]), validate_choice=False, **kwargs)


class CallForm(FlaskForm):
    title = StringField(_l("Title"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=200), ONE_LINE])
    slug = StringField(_l("Address"), filters=[one_line], validators=[Optional(), Length(max=80), ONE_LINE],
                       description=_l("Small Latin letters, digits and hyphens; made from the title when left empty."))
    objective = StringField(_l("Objective"), filters=[one_line], validators=[Length(max=500), ONE_LINE],
                            description=_l("What the competition is for, in one sentence."))
    description = TextAreaField(_l("What is asked"), validators=[Length(max=20000), LONGER_TEXT],
                                description=_l("Markdown: **bold**, *italic*, ## headings, - lists, [links](https://…)."))
    eligible_countries = MultiCheckboxField(_l("Who may apply: applicants from"), choices=choices_of(country_choices()))
    languages = MultiCheckboxField(_l("Languages of the questions"), choices=choices_of(LOCALES.items()))
    opens_local = DateTimeLocalField(_l("Opens at"), format=MOMENT_FORMATS, validators=[InputRequired(REQUIRED)])
    closes_local = DateTimeLocalField(_l("Closes at"), format=MOMENT_FORMATS, validators=[InputRequired(REQUIRED)],
                                      description=_l("Nothing can be sent or changed after this second."))
    zone = zone_field(_l("Time zone of these times"))
    scale = IntegerField(_l("Scale: each criterion is scored from 0 to"), default=10,
                         validators=[InputRequired(REQUIRED), NumberRange(1, rules.MAX_SCALE)])
    min_scores = IntegerField(_l("Scores needed per application"), default=2,
                              validators=[InputRequired(REQUIRED), NumberRange(1, 20)])
    prizes = IntegerField(_l("Number of winners"), default=3, validators=[InputRequired(REQUIRED), NumberRange(1, 50)])


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Kind of answer"), choices=choices_of(rules.QUESTION_KINDS.items()))
    options = TextAreaField(_l("Options (for a choice), one a line"), validators=[Length(max=5000), LONGER_TEXT])
    required = BooleanField(_l("An answer is required"), default=True)


for _code, _name in LOCALES.items():
    setattr(QuestionForm, f"label_{_code}", StringField(
        _l("The question in %(language)s", language=_name), filters=[one_line],
        validators=[Length(max=500), ONE_LINE]))


class CriterionForm(FlaskForm):
    name = StringField(_l("Criterion"), filters=[one_line], validators=[DataRequired(REQUIRED), Length(max=200), ONE_LINE])
    description = TextAreaField(_l("What the jury looks for"), validators=[Length(max=2000), LONGER_TEXT])
    weight = IntegerField(_l("Weight"), default=1, validators=[InputRequired(REQUIRED), NumberRange(1, rules.MAX_WEIGHT)])


class JurorForm(FlaskForm):
    email = EmailField(_l("Email address of the member"), filters=[one_line],
                       validators=[DataRequired(REQUIRED), Email(_l("Enter an email address such as name@example.org.")),
                                   Length(max=254), ONE_LINE])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(REQUIRED), Length(max=5000), LONGER_TEXT])


class OverrideForm(FlaskForm):
    place = IntegerField(_l("Place"), validators=[Optional(), stored_number(1)],
                         description=_l("Leave empty to let the score decide again."))
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(REQUIRED), Length(max=5000), LONGER_TEXT])


class ConflictForm(FlaskForm):
    note = TextAreaField(_l("What links you to this application (for the Board)"),
                         validators=[Length(max=2000), LONGER_TEXT])


def entry_form(competition, label_of, **kwargs) -> FlaskForm:
    """The application form of one call: who applies, from where, in which sector, then the call's
    questions (each named q<id>), labelled in the reader's language by `label_of(question)`."""

    class EntryForm(FlaskForm):
        applicant_kind = RadioField(_l("I apply for"), choices=choices_of(rules.APPLICANT_KINDS.items()),
                                    default="individual", validate_choice=False)
        name = StringField(_l("Name of the applicant, team or organisation"), filters=[one_line],
                           validators=[Length(max=200), NAME])
        country = _choose(_l("Country"), [(c, n) for c, n in country_choices()], _l("Choose a country"))
        sector = _choose(_l("Sector"), sector_choices(), _l("Choose a sector"))

    for question in competition.questions:
        label = label_of(question)
        name = f"q{question.id}"
        if question.kind == "long_text":
            field = TextAreaField(label, validators=[Length(max=5000), LONGER_TEXT])
        elif question.kind == "file":
            field = FileField(label, description=_l("A PDF or a JPEG, PNG or WebP image, at most 10 MB."))
        elif question.kind == "choice":
            field = _choose(label, [(o, o) for o in question.options], _l("Choose an option"))
        elif question.kind == "url":
            field = StringField(label, filters=[one_line], validators=[Length(max=500), ONE_LINE],
                                render_kw={"inputmode": "url"})
        elif question.kind == "number":
            field = StringField(label, filters=[one_line], validators=[Length(max=40), ONE_LINE],
                                render_kw={"inputmode": "decimal"})
        else:
            field = StringField(label, filters=[one_line], validators=[Length(max=300), ONE_LINE])
        setattr(EntryForm, name, field)
    return EntryForm(**kwargs)


def score_form(competition, **kwargs) -> FlaskForm:
    class ScoreForm(FlaskForm):
        comment = TextAreaField(_l("Comment"), validators=[Length(max=5000), LONGER_TEXT])

    for criterion in competition.criteria:
        setattr(ScoreForm, f"c{criterion.id}", IntegerField(
            criterion.name, description=_l("From 0 to %(scale)d; weight %(weight)d.", scale=competition.scale,
                                           weight=criterion.weight),
            validators=[InputRequired(_l("Give a score from 0 to %(scale)d.", scale=competition.scale)),
                        NumberRange(0, competition.scale, _l("Give a score from 0 to %(scale)d.",
                                                             scale=competition.scale))],
            render_kw={"min": 0, "max": competition.scale, "inputmode": "numeric"}))
    return ScoreForm(**kwargs)

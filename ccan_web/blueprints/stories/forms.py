"""Forms of the success stories: a story, an editor's step (with a note or a moment), a further image."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ccan_web.blueprints.stories.services import LIMITS
from ccan_web.documents.services import MAX_BODY_CHARS
from ccan_web.domain.countries import country_choices
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import sector_choices
from ccan_web.domain.stories import CURRENCIES
from ccan_web.forms import LONGER_TEXT, NAME, ONE_LINE, choices_of, one_line, zone_field

REQUIRED = _l("This field is required.")


def _too_long(limit: int):
    return Length(max=limit, message=lazy_ngettext("Use at most %(num)d character.",
                                                   "Use at most %(num)d characters.", limit))


def _text(label, name: str, *validators, rule=ONE_LINE, **kwargs):
    return StringField(label, filters=[one_line], validators=[*validators, _too_long(LIMITS[name]), rule], **kwargs)


def _choose(label, pairs, blank, **kwargs):
    # The service checks the value; the form only offers the list (and keeps what was sent).
    return SelectField(label, choices=choices_of([("", blank), *pairs]), validate_choice=False, **kwargs)


class StoryForm(FlaskForm):
    title = _text(_l("Title"), "title", DataRequired(REQUIRED))
    slug = StringField(_l("Address"), filters=[one_line], validators=[Optional(), Length(max=80), ONE_LINE],
                       description=_l("Small Latin letters, digits and hyphens; made from the title when left empty."))
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(REQUIRED), _too_long(LIMITS["summary"]),
                                                       LONGER_TEXT],
                            description=_l("Two or three sentences; shown in lists, feeds and link previews."))
    body = TextAreaField(_l("The story"), validators=[DataRequired(REQUIRED), _too_long(MAX_BODY_CHARS), LONGER_TEXT],
                         description=_l("Markdown: **bold**, *italic*, ## headings, - lists, [links](https://…)."))
    company_name = _text(_l("Company"), "company_name", DataRequired(REQUIRED), rule=NAME,
                         description=_l("Linked to its catalog entry when the catalog has one of this name."))
    catalog_entry = StringField(_l("Catalog entry"), filters=[one_line], validators=[Optional(), Length(max=300), ONE_LINE],
                                description=_l("The address or number of its entry in the catalog, when the name "
                                               "alone does not find it."))
    country = _choose(_l("Country"), country_choices(), _l("Choose a country"),
                      validators=[DataRequired(_l("Choose one of the five countries."))])
    sector = _choose(_l("Sector"), sector_choices(), _l("Choose a sector"),
                     validators=[DataRequired(_l("Choose a sector."))])
    language = _choose(_l("Language of the story"), LOCALES.items(), _l("Choose a language"),
                       validators=[DataRequired(_l("Choose a language."))])
    adaptation = TextAreaField(_l("What the company changed to adapt"),
                               validators=[_too_long(LIMITS["adaptation"]), LONGER_TEXT])
    revenue_before = StringField(_l("Revenue before"), filters=[one_line], validators=[ONE_LINE],
                                 render_kw={"inputmode": "decimal"})
    revenue_after = StringField(_l("Revenue after"), filters=[one_line], validators=[ONE_LINE],
                                render_kw={"inputmode": "decimal"})
    currency = _choose(_l("Currency"), [(code, f"{code} · {name}") for code, name in CURRENCIES.items()],
                       _l("Choose a currency"))
    period = _text(_l("Period"), "period", description=_l("For example: 2019 and 2021, or the year to March."))
    growth_percent = StringField(_l("Growth in percent"), filters=[one_line], validators=[ONE_LINE],
                                 render_kw={"inputmode": "decimal"},
                                 description=_l("Where the company gives no amounts."))
    figures_source = _text(_l("Source of the figures"), "figures_source")
    press_contact = _text(_l("Contact for the press"), "press_contact")
    tags = _text(_l("Tags"), "tags", description=_l("Separated by commas."))
    lead_image = FileField(_l("Lead image"), description=_l("JPEG, PNG or WebP, at most 10 MB."))
    lead_alt = _text(_l("Alt text of the lead image"), "lead_alt",
                     description=_l("What the image shows, for those who cannot see it."))
    lead_credit = _text(_l("Credit"), "lead_credit")
    lead_licence = _text(_l("Licence"), "lead_licence")
    translation_of = StringField(_l("Translation of"), filters=[one_line],
                                 validators=[Optional(), Length(max=80), ONE_LINE],
                                 description=_l("The address of the story this one translates, if any."))
    version = HiddenField()
    base_number = HiddenField()


class StepForm(FlaskForm):
    """An editor's or author's step: a note (asked for changes, unpublished) or an embargo."""

    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000), LONGER_TEXT])
    publish_at = DateTimeLocalField(_l("Publish at"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                    validators=[Optional()],
                                    description=_l("Leave empty to publish now."))
    publish_zone = zone_field()  # the zone the time above is in (the editor's own, to start with)


class ImageForm(FlaskForm):
    image = FileField(_l("Image"), description=_l("JPEG, PNG or WebP, at most 10 MB."))
    image_alt = _text(_l("Alt text"), "lead_alt")
    image_credit = _text(_l("Credit"), "lead_credit")
    image_licence = _text(_l("Licence"), "lead_licence")

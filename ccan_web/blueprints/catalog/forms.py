"""Forms of the research databases: a business, a course, and an editor's note."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ccan_web.domain.catalog import (BUSINESS_MAX_LENGTHS, BUSINESS_REQUIRED, COURSE_FORMATS, COURSE_REQUIRED, COURSE_IMPROVES, COURSE_LEVELS,
                                     COURSE_MAX_LENGTHS, COURSE_OUTCOMES, SIZE_BANDS, SOURCE_KINDS,
                                     SUGGESTION_MAX_LENGTH)
from ccan_web.domain.countries import country_choices
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import sector_choices
from ccan_web.forms import LONGER_TEXT, NAME, ONE_LINE, WEB_ADDRESS, MultiCheckboxField, choices_of, one_line

REQUIRED = _l("This field is required.")


def _needed(name: str, required: tuple[str, ...], message=REQUIRED) -> list:
    """DataRequired if domain.catalog names `name` among the fields an entry cannot be without."""
    return [DataRequired(message)] if name in required else []


def _too_long(limit: int):
    return Length(max=limit, message=lazy_ngettext("Use at most %(num)d character.",
                                                   "Use at most %(num)d characters.", limit))


def _choose(label, options, blank=None, **kwargs):
    """A select of domain values; the service checks the value, this only offers the list."""
    pairs = ([("", blank)] if blank is not None else []) + list(options.items() if isinstance(options, dict) else options)
    return SelectField(label, choices=choices_of(pairs), validate_choice=False, **kwargs)


# The lengths are the services' (domain.catalog), and so are the text rules (domain.text): a
# form shows a problem beside its field before the service would refuse the same.
LIMITS = BUSINESS_MAX_LENGTHS


def _text(label, limit: int, *validators, rule=ONE_LINE, **kwargs):
    return StringField(label, filters=[one_line], validators=[*validators, _too_long(limit), rule], **kwargs)


class SourceFields:
    source_kind = _choose(_l("Where the information comes from"), SOURCE_KINDS)
    source_detail = _text(_l("Source"), LIMITS["source_detail"],
                          description=_l("The address, survey, registry or publication."))
    description = TextAreaField(_l("Description"), validators=[_too_long(LIMITS["description"]), LONGER_TEXT])


class BusinessForm(SourceFields, FlaskForm):
    name = _text(_l("Name of the business"), LIMITS["name"], *_needed("name", BUSINESS_REQUIRED), rule=NAME)
    legal_form = _text(_l("Legal form"), LIMITS["legal_form"], rule=NAME,
                       description=_l("For example LLC, ТОО, MChJ, ИП."))
    country = _choose(_l("Country"), country_choices(), blank=_l("Choose a country"),
                      validators=_needed("country", BUSINESS_REQUIRED, _l("Choose one of the five countries.")))
    region = _text(_l("Region"), LIMITS["region"], rule=NAME)
    city = _text(_l("City"), LIMITS["city"], *_needed("city", BUSINESS_REQUIRED), rule=NAME)
    primary_sector = _choose(_l("Main sector"), sector_choices(), blank=_l("Choose a sector"),
                             validators=_needed("primary_sector", BUSINESS_REQUIRED, _l("Choose a sector.")))
    other_sectors = MultiCheckboxField(_l("Other sectors"), choices=choices_of(sector_choices()))
    founded_year = IntegerField(_l("Founded in"), validators=[Optional(), NumberRange(
        min=1900, max=2100, message=_l("Enter a year between %(first)d and %(last)d.", first=1900, last=2100))])
    size_band = _choose(_l("Size"), SIZE_BANDS, blank=_l("Not known"))
    website = URLField(_l("Website"), filters=[one_line],
                       validators=[Optional(), _too_long(LIMITS["website"]), WEB_ADDRESS])
    social_links = TextAreaField(_l("Social media links"), description=_l("One address per line."),
                                 validators=[_too_long(LIMITS["social_links"]), LONGER_TEXT])
    contact_email = _text(_l("Contact email"), LIMITS["contact_email"])
    contact_phone = _text(_l("Contact phone"), LIMITS["contact_phone"])
    contact_public = BooleanField(_l("The business agrees to show its contact details publicly"))


class CourseForm(SourceFields, FlaskForm):
    title = _text(_l("Title"), COURSE_MAX_LENGTHS["title"], *_needed("title", COURSE_REQUIRED), rule=NAME)
    provider = _text(_l("Provider"), COURSE_MAX_LENGTHS["provider"], rule=NAME)
    url = URLField(_l("Address of the course"), filters=[one_line],
                   validators=[*_needed("url", COURSE_REQUIRED), _too_long(COURSE_MAX_LENGTHS["url"]), WEB_ADDRESS])
    language = _choose(_l("Language"), LOCALES, blank=_l("Choose a language"),
                       validators=_needed("language", COURSE_REQUIRED, _l("Choose a language from the list.")))
    all_sectors = BooleanField(_l("Useful to every sector"))
    sectors = MultiCheckboxField(_l("Sectors it specialises in"), choices=choices_of(sector_choices()))
    format = RadioField(_l("Format"), choices=choices_of(COURSE_FORMATS.items()), default="video",
                        validators=_needed("format", COURSE_REQUIRED))
    improves = RadioField(_l("It improves"), choices=choices_of(COURSE_IMPROVES.items()), default="professional",
                          validators=_needed("improves", COURSE_REQUIRED))
    outcome = RadioField(_l("Expected outcome"), choices=choices_of(COURSE_OUTCOMES.items()), default="income",
                         validators=_needed("outcome", COURSE_REQUIRED))
    level = RadioField(_l("Level"), choices=choices_of(COURSE_LEVELS.items()), default="beginner")
    is_free = BooleanField(_l("Free of charge"), default=True)
    duration = _text(_l("Duration"), COURSE_MAX_LENGTHS["duration"],
                     description=_l("For example “6 hours” or “4 weeks”."))


class DecisionForm(FlaskForm):
    note = TextAreaField(_l("Note to the submitter"), validators=[_too_long(2000), LONGER_TEXT])


class SuggestionForm(FlaskForm):
    text = TextAreaField(_l("What should be corrected"), validators=[
        DataRequired(_l("Write what should be corrected.")), _too_long(SUGGESTION_MAX_LENGTH), LONGER_TEXT],
        description=_l("For example: the business has moved to Osh; its new website is …. An editor checks "
                       "and corrects the entry."))


class ImportForm(FlaskForm):
    kind = RadioField(_l("The file holds"), choices=choices_of([("businesses", _l("Creative businesses")),
                                                               ("courses", _l("Courses"))]),
                      default="businesses", validators=[DataRequired(REQUIRED)])
    file = FileField(_l("CSV file or Excel workbook"), validators=[FileRequired(REQUIRED)],
                     description=_l("CSV (UTF-8 or Windows-1251, commas or semicolons) or .xlsx; the first row "
                                    "names the columns."))
    source_kind = _choose(_l("Where the information comes from"), SOURCE_KINDS,
                          description=_l("Recorded on rows that do not name their own source."))
    source_detail = _text(_l("Source"), LIMITS["source_detail"],
                          description=_l("For example: Statistics agency registry, 2026."))


class ImportConfirmForm(FlaskForm):
    publish = BooleanField(_l("Publish the entries at once"), default=False,
                           description=_l("Otherwise they wait in the editors' queue."))
    duplicates = RadioField(_l("Rows that repeat an entry"),
                            choices=choices_of([("skip", _l("Leave them out")),
                                                ("flag", _l("Import them and flag them for an editor to compare"))]),
                            default="skip", validators=[DataRequired(REQUIRED)])

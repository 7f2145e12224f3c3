"""Form pieces shared by every area: fields of several checkboxes, stored numbers, domain errors on fields."""
from __future__ import annotations

from flask import flash
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ccan_web.db import LARGEST_INTEGER
from ccan_web.domain.errors import DomainError
from ccan_web.domain.zones import zone_choices
from ccan_web.domain.text import (clean_line, complete_web_address, line_problem, name_problem, text_problem,
                                  web_address_problem)
from ccan_web.extensions import db


def choices_of(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices WTForms expects."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as checkboxes, so the form works on a phone and without script."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        allowed = {choice.value for choice in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(_l("Choose from the options listed."))


class VersionField(HiddenField):
    """The version of the record a form was filled from, sent back with it, so the save can tell
    whether someone saved in between (db.claim_version) and ask rather than overwrite."""

    def seen(self) -> int:
        """The version as sent; 0 when the form showed no record yet, or the value is not a number."""
        value = (self.data or "").strip() if isinstance(self.data, str) else str(self.data or "")
        return int(value) if value.isdigit() and len(value) < 10 else 0


def show_version(field, version: int) -> None:
    """Make a form shown again name the record's current version (after the page asked, saving
    again means "keep mine"): the value sent is replaced too, since inputs render what was sent."""
    field.data = version if not isinstance(field, HiddenField) else str(version)
    field.raw_data = [str(version)]


def zone_field(label=_l("Time zone"), default: str = "Asia/Tashkent") -> SelectField:
    """The zone a moment is entered in: one of the five capitals' zones (anything else is refused
    beside the field). Pair it with a DateTimeLocalField and domain.zones.to_utc."""
    return SelectField(label, choices=choices_of(zone_choices()), default=default)


def stored_number(min: int = 0) -> NumberRange:
    """A validator for a number that names a row (an id, a revision): one larger than any row can
    hold is refused by the form rather than sent to PostgreSQL, which fails on it."""
    return NumberRange(min=min, max=LARGEST_INTEGER)


def apply_domain_error(form, error) -> None:
    """Show a service's DomainError beside its field, or at the top of the form; each of an
    Invalid's problems beside its own."""
    for problem in getattr(error, "problems", None) or [error]:
        field = getattr(form, problem.field, None) if problem.field else None
        if field is not None:
            field.errors = list(field.errors) + [str(problem.message)]
        else:
            form.form_errors.append(str(problem.message))


def show_problems(form, problems) -> None:
    """Add a service's problems to the fields the form's own checks found nothing wrong with, so
    a form sent back shows every problem at once, and each field one message."""
    for problem in problems:
        field = getattr(form, problem.field, None) if problem.field else None
        if field is None or not field.errors:
            apply_domain_error(form, problem)


def form_status(form) -> int:
    """422 for a form shown again with errors (htmx swaps it), 200 otherwise."""
    return 422 if form.errors or form.form_errors else 200


def commit_or_show_error(operation, form=None) -> tuple[bool, object]:
    """Run a service operation as the request's one transaction.

    Success commits and returns (True, result). A DomainError rolls everything back, so nothing
    half-written stays, and is shown beside its field on `form`, or flashed when there is no form.
    """
    try:
        result = operation()
    except DomainError as error:
        db.session.rollback()
        if form is not None:
            apply_domain_error(form, error)
        else:
            flash(str(error.message), "error")
        return False, None
    db.session.commit()
    return True, result


# What people type: the rules of domain.text on every text field ---------------------------------

def one_line(value):
    """A filter: a one-line field's value as the services store it (NFC, no blanks around it)."""
    return clean_line(value) if isinstance(value, str) else value


class TextRule:
    """A validator from one of domain.text's checks; the message goes beside the field."""

    def __init__(self, check):
        self.check = check

    def __call__(self, form, field):
        if isinstance(field.data, str) and field.data:
            problem = self.check(field.data)
            if problem is not None:
                raise ValidationError(problem)


NAME = TextRule(name_problem)  # a person's, organisation's, business's, course's or place's name
ONE_LINE = TextRule(line_problem)  # any other one-line text
LONGER_TEXT = TextRule(text_problem)  # descriptions, notes, Markdown: line breaks kept


class WebAddressRule(TextRule):
    """A web address: one typed without its scheme is completed first (hunar.tj is kept as
    https://hunar.tj), so every web-address field accepts what people copy from a card."""

    def __init__(self):
        super().__init__(web_address_problem)

    def __call__(self, form, field):
        if isinstance(field.data, str) and field.data:
            field.data = complete_web_address(field.data)
        super().__call__(form, field)


WEB_ADDRESS = WebAddressRule()  # websites, course addresses

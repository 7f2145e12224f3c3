"""Forms of the accounts area: "Welcome to CCAN!", sign-in, password reset, profile."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from ccan_web.domain.countries import COUNTRY_CODES, country_choices
from ccan_web.domain.membership import APPLICANT_TYPE_LABELS, MEMBERSHIP_CRITERIA, ApplicantType
from ccan_web.domain.membership import PROFILE_MAX_LENGTHS as LIMITS
from ccan_web.domain.passwords import MAX_PASSWORD_LENGTH
from ccan_web.domain.sectors import sector_choices
from ccan_web.forms import LONGER_TEXT, NAME, ONE_LINE, WEB_ADDRESS, MultiCheckboxField, choices_of, one_line

REQUIRED = _l("This field is required.")


def _too_long(limit: int):
    return Length(max=limit, message=lazy_ngettext("Use at most %(num)d character.",
                                                   "Use at most %(num)d characters.", limit))


def _country_is_listed(form, field):
    if field.data not in COUNTRY_CODES:
        raise ValidationError(_l("Choose one of the five countries."))


class AccountFields:
    """The new account's address and password: defined first, so they come first (as on the
    page) wherever the form's fields are listed, as in the error summary."""

    email = EmailField(
        _l("Email"),
        filters=[one_line],
        validators=[DataRequired(REQUIRED), _too_long(254), ONE_LINE,
                    Email(message=_l("Enter an email address such as name@example.org."))],
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. A few unrelated words make a strong password."),
        validators=[DataRequired(REQUIRED), _too_long(MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "new-password"},
    )


def _every_criterion(form, field):
    if set(field.data or []) != {c.slug for c in MEMBERSHIP_CRITERIA}:
        raise ValidationError(_l("Accept every membership criterion to apply."))


_every_criterion.field_flags = {"required": True}  # marked as required beside its question


class ProfileFields:
    """The profile fields shared by the application form and the account page."""

    full_name = StringField(_l("Full name"), filters=[one_line],
                            validators=[DataRequired(REQUIRED), _too_long(LIMITS["full_name"]), NAME],
                            render_kw={"autocomplete": "name"})
    applicant_type = RadioField(
        _l("I apply as"),
        choices=choices_of((t.value, label) for t, label in APPLICANT_TYPE_LABELS.items()),
        default=ApplicantType.INDIVIDUAL.value,
        validators=[InputRequired(_l("Choose individual or organisation."))],
    )
    organisation_name = StringField(_l("Organisation name"), filters=[one_line],
                                    validators=[_too_long(LIMITS["organisation_name"]), NAME],
                                    render_kw={"autocomplete": "organization"})
    legal_status = StringField(
        _l("Legal status"),
        description=_l("Any form of ownership: LLC, sole proprietor, NGO, public body, informal group…"),
        filters=[one_line],
        validators=[_too_long(LIMITS["legal_status"]), NAME],
    )
    country = SelectField(
        _l("Country"),
        choices=choices_of([("", _l("Choose a country"))] + country_choices()),
        validate_choice=False,
        validators=[DataRequired(_l("Choose one of the five countries.")), _country_is_listed],
    )
    city = StringField(_l("City"), filters=[one_line],
                       validators=[DataRequired(REQUIRED), _too_long(LIMITS["city"]), NAME],
                       render_kw={"autocomplete": "address-level2"})
    sectors = MultiCheckboxField(
        _l("Sectors"),
        choices=choices_of(sector_choices()),
        description=_l("Choose every sector you work in."),
        validators=[DataRequired(_l("Choose at least one sector."))],
    )
    website = URLField(
        _l("Website"),
        filters=[one_line],
        description=_l("For example hunar.tj or https://hunar.tj/about."),
        validators=[Optional(), _too_long(LIMITS["website"]), WEB_ADDRESS],
        render_kw={"autocomplete": "url"},
    )

    def validate_organisation_name(self, field):
        if self.applicant_type.data == ApplicantType.ORGANISATION and not (field.data or "").strip():
            raise ValidationError(_l("Enter the organisation's name."))


class ApplicationFields:
    """What the Board decides on: the motivation and the accepted criteria (also for applying again)."""

    motivation = TextAreaField(
        _l("Why do you want to join CCAN?"),
        description=_l("What you do, and what you would bring to and expect from the network."),
        validators=[DataRequired(REQUIRED), Length(min=20, max=4000, message=lazy_ngettext(
            "Write between %(min)d and %(num)d character.", "Write between %(min)d and %(num)d characters.",
            4000, min=20)), LONGER_TEXT],
    )
    criteria = MultiCheckboxField(
        _l("I confirm that"),
        choices=choices_of((c.slug, c.text) for c in MEMBERSHIP_CRITERIA),
        description=_l("Tick each criterion to confirm that you meet it."),
        validators=[_every_criterion],
    )


class RegistrationForm(AccountFields, ProfileFields, ApplicationFields, FlaskForm):
    submission_id = HiddenField()


class ProfileForm(ProfileFields, FlaskForm):
    def __init__(self, *args, member: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if member:  # admitted: no longer applying
            self.applicant_type.label.text = _l("I am a member as")

    phone = StringField(_l("Phone"), filters=[one_line], validators=[_too_long(LIMITS["phone"]), ONE_LINE],
                        render_kw={"autocomplete": "tel"})
    bio = TextAreaField(_l("About you"), validators=[_too_long(LIMITS["bio"]), LONGER_TEXT])
    show_email = BooleanField(_l("Show my email address to other members"))
    show_phone = BooleanField(_l("Show my phone number to other members"))


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[one_line], validators=[DataRequired(REQUIRED), _too_long(254), ONE_LINE],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), _too_long(MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Remember me on this device"))


class ReapplyForm(ApplicationFields, FlaskForm):
    pass


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        filters=[one_line],
        validators=[DataRequired(REQUIRED), _too_long(254), ONE_LINE,
                    Email(message=_l("Enter an email address such as name@example.org."))],
        render_kw={"autocomplete": "email"},
    )


class ResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED), _too_long(MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "new-password"})


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)],
                                     render_kw={"autocomplete": "current-password"})
    password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED), _too_long(MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "new-password"})

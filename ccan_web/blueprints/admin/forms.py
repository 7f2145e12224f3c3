"""Forms of the administration area: a role and its country, to grant or to revoke."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import AnyOf

from ccan_web.forms import choices_of
from ccan_web.domain.countries import COUNTRY_CODES, country_choices
from ccan_web.domain.roles import ROLE_LABELS, ROLE_ORDER, Role


class RoleForm(FlaskForm):
    """The choices offered are the roles the signed-in person may grant; any role is accepted here
    (a role they may not grant is refused by the service, 403), an unknown one is not (400)."""

    role = SelectField(_l("Role"), default="", validate_choice=False,
                       validators=[AnyOf(["", *(r.value for r in Role)], message=_l("Unknown role."))])
    scope = SelectField(_l("Country"), default="", validate_choice=False,
                        description=_l("Only for an association officer: the country of their association."),
                        validators=[AnyOf(["", *sorted(COUNTRY_CODES)], message=_l("Unknown country."))])

    def offer(self, grantable) -> RoleForm:
        # No role chosen at first: the first in the list would be "Administrator", one click from a grant.
        self.role.choices = choices_of([("", _l("Choose a role")),
                                        *((r.value, ROLE_LABELS[r]) for r in ROLE_ORDER if r in grantable)])
        self.scope.choices = choices_of([("", _l("No country")), *country_choices()])
        return self

    def change(self, action: str):
        from ccan_web.blueprints.admin.services import RoleChange

        return RoleChange(action=action, role=self.role.data or "", scope=self.scope.data or None)


class RetryForm(FlaskForm):
    """Run a failed job once more: nothing to fill in but the CSRF token."""

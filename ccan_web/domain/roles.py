"""The roles of the platform and what they imply."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    MEMBER = "member"
    EDITOR = "editor"
    ASSOCIATION_OFFICER = "association_officer"
    ROADMAP_EDITOR = "roadmap_editor"
    BOARD = "board"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.MEMBER: _l("Member"),
    Role.EDITOR: _l("Editor"),
    Role.ASSOCIATION_OFFICER: _l("Association officer"),
    Role.ROADMAP_EDITOR: _l("Roadmap editor"),
    Role.BOARD: _l("Board member"),
    Role.ADMIN: _l("Administrator"),
}

# Roles that only make sense for one country's association carry that country as their scope.
SCOPED_ROLES = frozenset({Role.ASSOCIATION_OFFICER})

# A role on the left holds every role on the right as well.
IMPLIED_ROLES: dict[Role, frozenset[Role]] = {
    Role.BOARD: frozenset({Role.ROADMAP_EDITOR}),
    Role.ADMIN: frozenset(Role),
}


def expand_roles(roles: set[Role]) -> set[Role]:
    expanded = set(roles)
    for role in roles:
        expanded |= IMPLIED_ROLES.get(role, frozenset())
    return expanded


# Who may grant (and take back) which role. An administrator may grant any role. The Board gives
# the roles of the network's day-to-day work; not membership, which the Board gives by approving
# an application (as many approvals as the settings ask, which one grant would bypass), nor a
# seat on the Board or administration, which only an administrator gives.
BOARD_GRANTS = frozenset({Role.EDITOR, Role.ASSOCIATION_OFFICER, Role.ROADMAP_EDITOR})

# The order roles are listed in: the widest first.
ROLE_ORDER = (Role.ADMIN, Role.BOARD, Role.ROADMAP_EDITOR, Role.ASSOCIATION_OFFICER, Role.EDITOR, Role.MEMBER)


def grantable_roles(held: set[Role]) -> frozenset[Role]:
    """The roles someone holding `held` may grant and revoke."""
    held = expand_roles(set(held))
    if Role.ADMIN in held:
        return frozenset(Role)
    if Role.BOARD in held:
        return BOARD_GRANTS
    return frozenset()

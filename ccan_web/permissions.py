"""Who may do what: the one table of permissions, and the helpers every view uses to read it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_login import current_user

from ccan_web.domain.roles import Role

AUTHENTICATED = "authenticated"  # any signed-in person, an applicant whose application is pending too

# action -> the roles that may do it. Roles are expanded (admin holds all, board holds
# roadmap_editor) before the lookup, so each row lists only the lowest roles that suffice.
PERMISSIONS: dict[str, frozenset[str]] = {
    "account.view": frozenset({AUTHENTICATED}),
    "members.browse": frozenset({Role.MEMBER, Role.BOARD}),
    "board.view_applications": frozenset({Role.BOARD}),
    "board.decide_application": frozenset({Role.BOARD}),
    "board.view_audit": frozenset({Role.BOARD}),
    "roadmap.read_drafts": frozenset({Role.MEMBER, Role.BOARD}),
    "roadmap.edit_regional": frozenset({Role.ROADMAP_EDITOR}),
    "roadmap.publish_regional": frozenset({Role.ROADMAP_EDITOR}),
    "roadmap.edit_adaptation": frozenset({Role.ASSOCIATION_OFFICER, Role.BOARD}),
    "roadmap.publish_adaptation": frozenset({Role.ASSOCIATION_OFFICER, Role.BOARD}),
    # A country's association: its officers and the Board keep it; the Board alone suspends it.
    "associations.edit": frozenset({Role.ASSOCIATION_OFFICER, Role.BOARD}),
    "associations.suspend": frozenset({Role.BOARD}),
    # The regional toolkit: written by roadmap editors and the Board (who holds roadmap_editor).
    "toolkit.edit": frozenset({Role.ROADMAP_EDITOR}),
    "toolkit.edit_checklists": frozenset({Role.BOARD}),
    "catalog.submit": frozenset({Role.MEMBER, Role.EDITOR}),
    "catalog.moderate": frozenset({Role.EDITOR}),
    "catalog.import": frozenset({Role.EDITOR}),
    "catalog.edit_methodology": frozenset({Role.EDITOR, Role.BOARD}),
    "stories.write": frozenset({Role.MEMBER, Role.EDITOR}),
    "stories.moderate": frozenset({Role.EDITOR}),
    "competitions.run": frozenset({Role.BOARD}),
    # Members apply; a juror is a member the Board named to one competition's jury (checked in services).
    "competitions.apply": frozenset({Role.MEMBER}),
    "competitions.judge": frozenset({Role.MEMBER}),
    # Online events: the Board organises them (write, publish, cancel, participants, materials).
    "events.manage": frozenset({Role.BOARD}),
    # What each may grant is narrower: domain.roles.grantable_roles.
    "admin.manage_roles": frozenset({Role.BOARD}),
    "admin.jobs": frozenset({Role.ADMIN}),
}


def can(user, action: str, scope: str | None = None) -> bool:
    """True if `user` may do `action` (for the country `scope`, where the action is scoped)."""
    allowed = PERMISSIONS[action]  # an unknown action is a programming error, not a "no"
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", True):
        return False
    if AUTHENTICATED in allowed:
        return True
    return bool(user.roles(scope) & allowed)


def require(action: str, scope_arg: str | None = None):
    """View decorator: 401 (sign in) for anonymous visitors, 403 for those without the right.

    `scope_arg` names the view argument that holds the country the action is scoped to.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                abort(401)
            scope = kwargs.get(scope_arg) if scope_arg else None
            if not can(current_user, action, scope):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = action
        return wrapped

    return decorator


@dataclass(frozen=True)
class DocumentRights:
    """Who may do what with one versioned document (ccan_web.documents.pages reads it): each right is
    an action of the table above and the country it is scoped to (None where it is not). Reading
    what is published needs no right."""

    read_drafts: tuple[str, str | None]
    edit: tuple[str, str | None]
    publish: tuple[str, str | None]


def template_can(action: str, scope: str | None = None) -> bool:
    """`can()` for the signed-in user, exposed to templates to show or hide links and buttons."""
    return can(current_user, action, scope)


def is_safe_redirect(target: str | None) -> bool:
    """Only same-site paths: never an absolute or protocol-relative URL from a query string."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    return not any(ord(ch) < 32 for ch in target)

"""Roles: who may grant which, every grant and revocation (from the browser and the command line),
finding people and listing who holds what."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from ccan_web import audit
from ccan_web.blueprints.accounts import services as accounts
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.domain.countries import country_name, normalise_country_code
from ccan_web.domain.errors import DomainError, NotAllowed, NotFound
from ccan_web.domain.roles import ROLE_LABELS, ROLE_ORDER, Role, grantable_roles
from ccan_web.extensions import db
from ccan_web.domain.languages import DEFAULT_LOCALE
from ccan_web.domain.messages import Message
from ccan_web.notifications.services import notify, site_path
from ccan_web.pagination import Page, paginate

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class Grantor:
    """Who makes a change: a signed-in person, or the command line, whose user has the server
    (and so every right) already."""

    user: User | None
    roles: frozenset[Role]

    @classmethod
    def person(cls, user: User) -> Grantor:
        return cls(user, frozenset(user.roles()))

    @classmethod
    def command_line(cls) -> Grantor:
        return cls(None, frozenset({Role.ADMIN}))

    @property
    def grantable(self) -> frozenset[Role]:
        return grantable_roles(set(self.roles))

    @property
    def grantable_values(self) -> frozenset[str]:
        return frozenset(role.value for role in self.grantable)

    def may_change(self, role: Role) -> bool:
        return role in self.grantable

    def may_grant_to(self, person: User) -> bool:
        """Only an administrator grants roles to themselves (they hold every role already)."""
        return self.user is None or self.user.id != person.id or Role.ADMIN in self.roles


@dataclass(frozen=True)
class RoleChange:
    action: Literal["grant", "revoke"]
    role: str
    scope: str | None = None


@dataclass(frozen=True)
class RoleChangeResult:
    person: User
    granted: bool  # a grant (True) or a revocation (False)
    role: Role
    scope: str | None
    changed: bool  # False: the person already held the role (grant) or did not (revoke)

    @property
    def description(self):
        return describe_role(self.role, self.scope)


def describe_role(role: Role | str, scope: str | None = None):
    """"Editor", or "Association officer for Tajikistan": lazy, so it reads in whoever's language."""
    label = ROLE_LABELS.get(role, role)
    if scope:
        return _l("%(role)s for %(country)s", role=label, country=country_name(scope))
    return label


def parse_change(change: RoleChange, by: Grantor) -> tuple[Role, str | None]:
    """The role and country of `change`, checked: an unknown role, a role `by` may not change
    (NotAllowed), a missing country or one the role does not take each raise their error."""
    if not change.role:
        raise DomainError(_l("Choose a role."), field="role")
    try:
        role = Role(change.role)
    except ValueError:
        raise DomainError(_l("Unknown role."), field="role")
    if not by.may_change(role):
        raise NotAllowed(_l("You may not grant or revoke this role."), field="role")
    role, scope = accounts.parse_role(role.value, change.scope)
    return role, scope


@dataclass(frozen=True)
class ChangePreview:
    """What a change would do, for the page that asks to confirm it."""

    person: User
    granted: bool
    role: Role
    scope: str | None
    nothing_to_do: bool  # already held (grant) or not held (revoke)
    refusal: object | None = None  # why it cannot be done (the last administrator), or None

    @property
    def description(self):
        return describe_role(self.role, self.scope)


def _check(person: User, change: RoleChange, by: Grantor) -> tuple[Role, str | None]:
    role, scope = parse_change(change, by)
    if change.action == "grant" and not by.may_grant_to(person):
        raise NotAllowed(_l("You may not grant a role to yourself; ask another Board member or an administrator."),
                         field="role")
    return role, scope


def preview_change(person: User, change: RoleChange, by: Grantor) -> ChangePreview:
    """Check `change` as change_role would (raising the same errors), and say what it would do."""
    role, scope = _check(person, change, by)
    granting = change.action == "grant"
    held = any(g.role == role.value and g.scope == scope for g in person.role_grants)
    refusal = None
    if not granting and held and role is Role.ADMIN and person.is_active and accounts.active_admin_count() <= 1:
        refusal = accounts.last_admin_message(person)
    return ChangePreview(person=person, granted=granting, role=role, scope=scope,
                         nothing_to_do=held == granting, refusal=refusal)


def change_role(person: User, change: RoleChange, by: Grantor) -> RoleChangeResult:
    """Grant or revoke one role: the one way every role change made by someone goes (the pages at
    /admin/roles and `flask ccan grant/revoke`). Audited; the person is told. Flushes, never commits.

    Raises DomainError (an unknown role, a missing country), NotAllowed (a role `by` may not
    change) and Conflict (the last administrator's role)."""
    role, scope = _check(person, change, by)
    granting = change.action == "grant"
    if granting:
        changed = accounts.grant_role(person, role.value, scope, actor=by.user)
    else:
        changed = accounts.revoke_role(person, role.value, scope, actor=by.user)
    result = RoleChangeResult(person=person, granted=granting, role=role, scope=scope, changed=changed)
    if changed:
        notify(person, *role_change_notice(result))
    return result


def role_change_notice(result: RoleChangeResult) -> tuple[str, Message, str]:
    """What the person is told of a change: its kind, the message (kept as data, so it reads in
    whichever language it is shown; the role's name is written in the person's own) and the link
    to their account, where their roles are listed."""
    with force_locale(result.person.locale or DEFAULT_LOCALE):
        role = str(result.description)
    if result.granted:
        message = Message("You have been given the role: %(role)s.", role=role)
    else:
        message = Message("You no longer hold the role: %(role)s.", role=role)
    return "role_changed", message, site_path("accounts.account")


# Finding people -------------------------------------------------------------------------------

def clean_query(q: str | None) -> str:
    text = " ".join((q or "").split())[:MAX_QUERY_LENGTH]
    return "".join(ch for ch in text if ch.isprintable())


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def people_query(q: str):
    """Accounts whose name, organisation, city or email holds every word of `q`, applicants too."""
    query = select(User).options(selectinload(User.role_grants)).order_by(func.lower(User.full_name), User.id)
    for word in q.casefold().split():
        pattern = _like(word)
        query = query.where(or_(User.search_text.like(pattern, escape="\\"),
                                User.email.like(pattern, escape="\\")))
    return query


def find_people(q: str, page: int, per_page: int) -> Page:
    return paginate(people_query(q), page, per_page)


def get_person(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_l("There is no account with this number."))
    return user


def role_history(person: User, limit: int = 20) -> list[audit.AuditEntry]:
    """The latest grants and revocations of the person's roles, newest first."""
    query = (audit.entries_query()
             .where(audit.AuditEntry.subject_type == "user", audit.AuditEntry.subject_id == person.id,
                    audit.AuditEntry.action.in_(("role.granted", "role.revoked")))
             .limit(limit))
    return list(db.session.scalars(query))


def sorted_grants(person: User) -> list[RoleGrant]:
    rank = {role.value: index for index, role in enumerate(ROLE_ORDER)}
    return sorted(person.role_grants, key=lambda g: (rank.get(g.role, len(rank)), g.scope or ""))


# Who holds what -------------------------------------------------------------------------------

@dataclass(frozen=True)
class HolderFilter:
    role: Role | None = None
    country: str | None = None

    @classmethod
    def from_args(cls, role: str | None, country: str | None) -> HolderFilter:
        """From untrusted query parameters: values not in the lists are dropped."""
        return cls(role=Role(role) if role in {r.value for r in Role} else None,
                   country=normalise_country_code(country))


def holders_query(filters: HolderFilter):
    """Grants with their holders, the widest role first, then by name. The country is the grant's
    own for a role of one country, the holder's for the others."""
    rank = {role.value: index for index, role in enumerate(ROLE_ORDER)}
    query = (select(RoleGrant).join(User, User.id == RoleGrant.user_id)
             .options(selectinload(RoleGrant.user))
             .order_by(case(rank, value=RoleGrant.role, else_=len(rank)), func.lower(User.full_name),
                       RoleGrant.scope_key, RoleGrant.id))
    if filters.role:
        query = query.where(RoleGrant.role == filters.role.value)
    if filters.country:
        query = query.where(func.coalesce(RoleGrant.scope, User.country) == filters.country)
    return query


def list_holders(filters: HolderFilter, page: int, per_page: int) -> Page:
    return paginate(holders_query(filters), page, per_page)


def group_by_role(grants: list[RoleGrant]) -> list[tuple[str, list[RoleGrant]]]:
    """A page of holders_query's grants, in runs of one role (the query keeps each role together)."""
    return [(role, list(run)) for role, run in groupby(grants, key=lambda g: g.role)]


def role_choices() -> list[tuple[str, object]]:
    return [(role.value, ROLE_LABELS[role]) for role in ROLE_ORDER]

"""The national associations as the public sees them today: each country's officers, members and
national roadmap (the association's own pages, brand and toolkit come later)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.main.services import network_figures
from ccan_web.blueprints.roadmap import services as roadmap_services
from ccan_web.domain.countries import COUNTRIES, Country
from ccan_web.domain.errors import NotFound
from ccan_web.domain.roles import Role
from ccan_web.extensions import db


@dataclass(frozen=True)
class Association:
    country: Country
    officers: list[User]
    members: int
    roadmap: roadmap_services.RoadmapEntry

    @property
    def slug(self) -> str:
        return self.country.code.lower()


def _officers() -> dict[str, list[User]]:
    rows = db.session.execute(
        select(RoleGrant.scope, User)
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.ASSOCIATION_OFFICER.value, User.is_active.is_(True))
        .order_by(User.full_name, User.id)
    ).all()
    officers: dict[str, list[User]] = {c.code: [] for c in COUNTRIES}
    for scope, user in rows:
        if scope in officers:
            officers[scope].append(user)
    return officers


def associations() -> list[Association]:
    """The five countries' associations, in the order of the URL map."""
    officers, members = _officers(), network_figures().members_by_country
    roadmaps = {entry.country: entry for entry in roadmap_services.overview() if entry.country}
    return [Association(c, officers[c.code], members[c.code], roadmaps[c.code]) for c in COUNTRIES]


def association(slug: str) -> Association:
    """One country's association by its lower-case code (the URL's form); NotFound otherwise."""
    for found in associations():
        if found.slug == slug:
            return found
    raise NotFound("No such association.")

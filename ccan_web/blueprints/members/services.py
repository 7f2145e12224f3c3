"""The member directory: who is in the network, found by name, country and sector."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ccan_web.blueprints.accounts.models import User, UserSector
from ccan_web.blueprints.accounts.services import role_holders
from ccan_web.domain.countries import country_name, normalise_country_code
from ccan_web.domain.errors import NotFound
from ccan_web.domain.roles import Role
from ccan_web.domain.sectors import SECTOR_SLUGS, SECTORS
from ccan_web.extensions import db
from ccan_web.links import FilterChoice
from ccan_web.pagination import Page, paginate

MAX_QUERY_LENGTH = 100
PARAMS = ("q", "country", "sector")  # what the directory reads, and so what its links carry on
FILTER_PARAMS = ("country", "sector")  # behind "Filters (n)"


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    country: str | None = None
    sector: str | None = None

    @classmethod
    def from_args(cls, q: str | None, country: str | None, sector: str | None) -> DirectoryFilter:
        """Build a filter from untrusted query parameters; values not in the lists are dropped."""
        clean_q = " ".join((q or "").split())[:MAX_QUERY_LENGTH]
        clean_q = "".join(ch for ch in clean_q if ch.isprintable())
        return cls(
            q=clean_q,
            country=normalise_country_code(country),
            sector=sector if sector in SECTOR_SLUGS else None,
        )

    def choices(self) -> list[FilterChoice]:
        """The filters the directory is narrowed by, in words (the words searched apart)."""
        chosen = [("country", self.country, _l("Country"), country_name(self.country)),
                  ("sector", self.sector, _l("Sector"), SECTORS.get(self.sector))]
        return [FilterChoice(param, value, name, text) for param, value, name, text in chosen if value]


def directory_query(filters: DirectoryFilter):
    query = (
        select(User)
        .where(User.is_active.is_(True), User.id.in_(role_holders(Role.MEMBER)))
        .options(selectinload(User.sectors))  # each card names the member's sectors
        .order_by(func.lower(User.full_name), User.id)
    )
    for word in filters.q.casefold().split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(User.search_text.like(f"%{escaped}%", escape="\\"))
    if filters.country:
        query = query.where(User.country == filters.country)
    if filters.sector:
        query = query.where(
            User.id.in_(select(UserSector.user_id).where(UserSector.sector == filters.sector))
        )
    return query


def search_members(filters: DirectoryFilter, page: int, per_page: int) -> Page:
    return paginate(directory_query(filters), page, per_page)


def get_member(user_id: int) -> User:
    """A member's profile; applicants and deactivated accounts are not in the directory."""
    user = db.session.get(User, user_id)
    if user is None or not user.is_active or not user.has_role(Role.MEMBER):
        raise NotFound(_l("There is no member with this number."))
    return user

"""Figures for the home page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import role_holders
from ccan_web.blueprints.board.services import status_counts
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.roles import Role
from ccan_web.extensions import db


@dataclass(frozen=True)
class NetworkFigures:
    members: int
    members_by_country: dict[str, int]
    pending_applications: int
    board_members: int


def network_figures() -> NetworkFigures:
    rows = db.session.execute(
        select(User.country, func.count(User.id))
        .where(User.is_active.is_(True), User.id.in_(role_holders(Role.MEMBER)))
        .group_by(User.country)
    ).all()
    by_country = {c.code: 0 for c in COUNTRIES}
    by_country.update({country: count for country, count in rows if country in by_country})
    board = db.session.scalar(select(func.count(func.distinct(User.id))).where(User.id.in_(role_holders(Role.BOARD))))
    return NetworkFigures(sum(by_country.values()), by_country, status_counts()["pending"], board or 0)

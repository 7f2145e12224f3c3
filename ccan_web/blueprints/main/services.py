"""Figures for the home page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.board.models import Application
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.membership import ApplicationStatus
from ccan_web.domain.roles import Role
from ccan_web.extensions import db


@dataclass(frozen=True)
class NetworkFigures:
    members: int
    members_by_country: dict[str, int]
    pending_applications: int
    board_members: int


def _holders(role: Role):
    return select(RoleGrant.user_id).where(RoleGrant.role == role.value)


def network_figures() -> NetworkFigures:
    rows = db.session.execute(
        select(User.country, func.count(User.id))
        .where(User.is_active.is_(True), User.id.in_(_holders(Role.MEMBER)))
        .group_by(User.country)
    ).all()
    by_country = {c.code: 0 for c in COUNTRIES}
    by_country.update({country: count for country, count in rows if country in by_country})
    pending = db.session.scalar(
        select(func.count(Application.id)).where(Application.status == ApplicationStatus.PENDING)
    )
    board = db.session.scalar(
        select(func.count(func.distinct(RoleGrant.user_id))).where(RoleGrant.role == Role.BOARD.value)
    )
    return NetworkFigures(sum(by_country.values()), by_country, pending or 0, board or 0)

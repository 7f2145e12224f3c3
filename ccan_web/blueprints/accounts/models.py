"""People: accounts, their sectors and their roles."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin
from ccan_web.domain.roles import Role, expand_roles
from ccan_web.extensions import db


def new_session_token() -> str:
    return secrets.token_hex(16)


class User(TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness holds in any letter case on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # What Flask-Login keeps in the session; replaced on a password change so that every
    # other session and "remember me" cookie of the account stops working.
    session_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_session_token)
    full_name: Mapped[str] = mapped_column(String(120))
    applicant_type: Mapped[str] = mapped_column(String(20))
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    legal_status: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    show_email: Mapped[bool] = mapped_column(Boolean, default=False)
    show_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str | None] = mapped_column(String(5))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    # Name, organisation and city case-folded in Python: SQLite's lower() knows only ASCII,
    # and the directory must find "Айгерим" typed as "айгерим".
    search_text: Mapped[str] = mapped_column(String(500), default="")

    sectors: Mapped[list[UserSector]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserSector.sector"
    )
    role_grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="RoleGrant.user_id"
    )

    # Flask-Login's interface
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.session_token

    @property
    def sector_slugs(self) -> list[str]:
        return [s.sector for s in self.sectors]

    def roles(self, scope: str | None = None) -> set[Role]:
        """Roles held, with implied ones; a scoped role counts only for its scope."""
        held = {
            Role(g.role)
            for g in self.role_grants
            if g.scope is None or scope is None or g.scope == scope.upper()
        }
        return expand_roles(held)

    def has_role(self, role: Role, scope: str | None = None) -> bool:
        return role in self.roles(scope)

    @property
    def is_member(self) -> bool:
        return self.has_role(Role.MEMBER)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


def directory_search_text(user: User) -> str:
    return " ".join(filter(None, [user.full_name, user.organisation_name, user.city])).casefold()[:500]


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _refresh_search_text(mapper, connection, user: User) -> None:
    user.search_text = directory_search_text(user)


class UserSector(db.Model):
    __tablename__ = "user_sectors"
    __table_args__ = (UniqueConstraint("user_id", "sector"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str] = mapped_column(String(40), index=True)

    user: Mapped[User] = relationship(back_populates="sectors")


class RoleGrant(TimestampMixin, db.Model):
    __tablename__ = "role_grants"
    # A NULL scope would not collide in a unique index, so unscoped grants store "" instead.
    __table_args__ = (UniqueConstraint("user_id", "role", "scope_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str | None] = mapped_column(String(2))
    scope_key: Mapped[str] = mapped_column(String(2), default="")
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(back_populates="role_grants", foreign_keys=[user_id])

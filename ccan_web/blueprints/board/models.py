"""Membership applications, the Board's votes on them, and the 2021 Steering Committee roster."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.blueprints.accounts.models import User
from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.extensions import db


class Application(TimestampMixin, db.Model):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    motivation: Mapped[str] = mapped_column(Text, default="")
    # The criteria slugs the applicant accepted, as they were worded at the time.
    accepted_criteria: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), index=True, default="pending")
    submitted_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    # How the application was admitted when no vote was needed ("steering-committee").
    admitted_via: Mapped[str] = mapped_column(String(40), default="")

    user: Mapped[User] = relationship(backref=db.backref("application", uselist=False))
    votes: Mapped[list[ApplicationVote]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationVote.id"
    )

    @property
    def approvals(self) -> int:
        return sum(1 for v in self.votes if v.decision == "approve")


class ApplicationVote(db.Model):
    __tablename__ = "application_votes"
    __table_args__ = (UniqueConstraint("application_id", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    voter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="votes")
    voter: Mapped[User] = relationship()


class SteeringCommitteeMember(TimestampMixin, db.Model):
    """A person on the 2021 Steering Committee roster: admitted to the Board automatically."""

    __tablename__ = "steering_committee_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # One of the five, or empty for the British Council's representatives.
    country: Mapped[str] = mapped_column(String(2), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

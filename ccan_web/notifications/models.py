"""Notifications kept for each person, and how each person wants them by email."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ccan_web.db import AwareDateTime, utcnow
from ccan_web.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"
    # The bell's count: a person's unread notifications, read off this index alone.
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    # Messages as data (domain.messages.Message.as_data): shown in whichever language is read.
    title: Mapped[dict] = mapped_column(JSON)
    body: Mapped[dict | None] = mapped_column(JSON)
    link: Mapped[str] = mapped_column(String(400), default="")  # a path on this site
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    # "now" or "daily" while an email is owed; "" once sent or when none is wanted.
    email_due: Mapped[str] = mapped_column(String(10), default="", index=True)


class NotificationSetting(db.Model):
    """A person's choice for one kind; a kind with no row has its default (domain.notifications)."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(10))

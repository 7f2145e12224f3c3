"""The audit log: who decided what, when. Written by services, read by the Board."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ccan_web.db import AwareDateTime, utcnow
from ccan_web.extensions import db
from ccan_web.pagination import Window, keyset_window


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Indexed with the id, in ix_audit_entries_action_id below: one action's entries, newest first.
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor = relationship("User", foreign_keys=[actor_id])

    __table_args__ = (Index("ix_audit_entries_action_id", "action", "id"),)


def record(action: str, subject_type: str, subject_id: int | None, actor=None, **details) -> AuditEntry:
    entry = AuditEntry(
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_id=actor.id if actor is not None else None,
        details=details,
    )
    db.session.add(entry)
    return entry


def entries_query(action: str | None = None):
    # Each entry shows its actor's name: loaded with the page, not one statement per actor.
    query = select(AuditEntry).options(joinedload(AuditEntry.actor)).order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    return query


def entries_window(action: str | None, before: int | None, after: int | None, per_page: int) -> Window:
    """The entries (of one action, if given) just below id `before`, just above id `after`, or the
    newest: read by id through the primary key or the (action, id) index, so the 500th window
    costs what the first does."""
    return keyset_window(entries_query(action), AuditEntry.id, per_page, before=before, after=after)

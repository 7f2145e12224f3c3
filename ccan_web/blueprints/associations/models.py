"""The national associations: one row per country, its history of changes, and its partnership declarations."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.domain.associations import NOT_STARTED
from ccan_web.extensions import db


class Association(TimestampMixin, db.Model):
    __tablename__ = "associations"

    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(String(2), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=NOT_STARTED)
    # While suspended: the status it had, to go back to, and why it was suspended.
    suspended_from: Mapped[str | None] = mapped_column(String(20))
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    name_national: Mapped[str] = mapped_column(String(200), default="")
    name_ru: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    legal_structure: Mapped[str] = mapped_column(String(200), default="")
    registration_number: Mapped[str] = mapped_column(String(80), default="")
    registration_date: Mapped[date | None] = mapped_column(Date)
    funding_sources: Mapped[list] = mapped_column(JSON, default=list)
    members_count: Mapped[int | None] = mapped_column(Integer)
    board_count: Mapped[int | None] = mapped_column(Integer)
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    logo_alt: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # Moves on with every saved change: a form names the version it was filled from, so an edit
    # made from an outdated page is refused instead of silently undoing another's.
    version: Mapped[int] = mapped_column(Integer, default=1)

    logo = relationship("StoredFile")


class AssociationChange(db.Model):
    """One dated, attributed change of an association: its status, profile or partnership."""

    __tablename__ = "association_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # status, profile, partnership
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)  # the profile fields changed

    actor = relationship("User")


class PartnershipDeclaration(db.Model):
    """An officer's acceptance of the published revisions of the partnership's terms."""

    __tablename__ = "partnership_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    terms: Mapped[dict] = mapped_column(JSON, default=dict)  # toolkit slug -> the revision accepted

    actor = relationship("User")


class ChecklistAnswer(db.Model):
    """An association's answer to one checklist item, with who answered it and when."""

    __tablename__ = "checklist_answers"
    __table_args__ = (UniqueConstraint("association_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_items.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20))  # met, not_met, not_applicable, in_progress
    justification: Mapped[str] = mapped_column(Text, default="")
    evidence_url: Mapped[str] = mapped_column(String(500), default="")
    evidence_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    # Moves on with every saved answer: the form names the version it was filled from (db.claim_version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    evidence_file = relationship("StoredFile")
    answered_by = relationship("User")


class ReportYear(db.Model):
    """A reporting year as the Board sets it: when the reports are due, and whether it is closed."""

    __tablename__ = "report_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    due_date: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())


class AssociationReport(db.Model):
    """A yearly report's file (private: the Board and the association read it)."""

    __tablename__ = "association_reports"
    __table_args__ = (UniqueConstraint("association_id", "year", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(ForeignKey("report_years.year", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # activity, financial
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    file = relationship("StoredFile")
    uploaded_by = relationship("User")

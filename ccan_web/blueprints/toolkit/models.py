"""The regional toolkit: its documents (each a versioned Document) and the items of its checklists."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.extensions import db


class ToolkitDocument(db.Model):
    __tablename__ = "toolkit_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)  # the URL's: /toolkit/<slug>
    category: Mapped[str] = mapped_column(String(20))  # standard, checklist, procedure, process
    members_only: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    document = relationship("Document")


class ChecklistItem(db.Model):
    """One item of a checklist document: ordered within its level, saying whether evidence is required."""

    __tablename__ = "checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    toolkit_document_id: Mapped[int] = mapped_column(ForeignKey("toolkit_documents.id", ondelete="CASCADE"),
                                                     index=True)
    level: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(500))
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Moves on with every saved change: the Board's form names the version it was filled from.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    checklist = relationship("ToolkitDocument")

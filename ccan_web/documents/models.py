"""Documents and their immutable revisions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.extensions import db


class Document(TimestampMixin, db.Model):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # roadmap, adaptation, toolkit, ...
    title: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    # The language the text is written in (an interface locale): readers of another are told.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # The number of the newest revision. Saving moves it on with a compare-and-set, which is
    # what keeps two racing saves from both becoming revision N+1.
    head_number: Mapped[int] = mapped_column(Integer, default=0)
    published_number: Mapped[int | None] = mapped_column(Integer)
    # A fork (a national adaptation) follows its upstream document (the regional roadmap) and
    # remembers which upstream revision it last took in.
    upstream_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    synced_upstream_number: Mapped[int | None] = mapped_column(Integer)

    upstream: Mapped[Document | None] = relationship(remote_side=[id])


class Revision(db.Model):
    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    # The revision the edit started from (None for the first), and for a fork the upstream
    # revision this one is synced with.
    parent_number: Mapped[int | None] = mapped_column(Integer)
    upstream_number: Mapped[int | None] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer, default=0)

    document: Mapped[Document] = relationship()
    author = relationship("User")

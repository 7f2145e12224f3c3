"""Competitions: the call with its questions and criteria, its jurors, the applications with
their files, the jury's assignments and scores, and the Board's overrides of the ranking."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.domain.competitions import APP_DRAFT, DRAFT
from ccan_web.extensions import db


class Competition(TimestampMixin, db.Model):
    __tablename__ = "competitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown
    eligible_countries: Mapped[list] = mapped_column(JSON, default=list)  # ISO codes
    languages: Mapped[list] = mapped_column(JSON, default=list)  # the locales its questions are asked in
    # Instants in UTC, and the zone the Board entered them in (shown beside the reader's own).
    opens_at: Mapped[datetime] = mapped_column(AwareDateTime())
    closes_at: Mapped[datetime] = mapped_column(AwareDateTime())
    zone: Mapped[str] = mapped_column(String(40), default="Asia/Tashkent")
    state: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    scale: Mapped[int] = mapped_column(Integer, default=10)  # each criterion is scored 0..scale
    min_scores: Mapped[int] = mapped_column(Integer, default=2)  # per application before publishing
    prizes: Mapped[int] = mapped_column(Integer, default=3)  # the first places that win
    # When the job announced the opening and the closing (each said once, however often it runs).
    opening_announced_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    closing_announced_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    results_published_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    questions = relationship("Question", order_by="Question.position", cascade="all, delete-orphan",
                             back_populates="competition")
    criteria = relationship("Criterion", order_by="Criterion.position", cascade="all, delete-orphan",
                            back_populates="competition")
    jurors = relationship("Juror", order_by="Juror.id", cascade="all, delete-orphan", back_populates="competition")


class Question(db.Model):
    __tablename__ = "competition_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))  # domain.competitions.QUESTION_KINDS
    labels: Mapped[dict] = mapped_column(JSON, default=dict)  # locale -> the question in that language
    options: Mapped[list] = mapped_column(JSON, default=list)  # a choice's options
    required: Mapped[bool] = mapped_column(Boolean, default=True)

    competition = relationship("Competition", back_populates="questions")


class Criterion(db.Model):
    __tablename__ = "competition_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)

    competition = relationship("Competition", back_populates="criteria")


class Juror(db.Model):
    """A person the Board named to the jury of one competition (a table, not a role)."""

    __tablename__ = "competition_jurors"
    __table_args__ = (UniqueConstraint("competition_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    competition = relationship("Competition", back_populates="jurors")
    user = relationship("User")


class Entry(TimestampMixin, db.Model):
    """An application to a competition (called an entry in the code, so as not to be confused with
    an application for membership): one per applicant per competition."""

    __tablename__ = "competition_entries"
    __table_args__ = (UniqueConstraint("competition_id", "applicant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"), index=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    applicant_kind: Mapped[str] = mapped_column(String(20), default="individual")
    name: Mapped[str] = mapped_column(String(200))  # the person's, team's or organisation's name
    country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question id (as text) -> the answer
    state: Mapped[str] = mapped_column(String(20), default=APP_DRAFT, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    disqualified_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when the results are published: the place and the mean score, as the public reads them.
    place: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))

    competition = relationship("Competition")
    applicant = relationship("User")
    files = relationship("EntryFile", cascade="all, delete-orphan", back_populates="entry")


class EntryFile(db.Model):
    """The file that answers a file question: private (the applicant, the Board, assigned jurors)."""

    __tablename__ = "competition_entry_files"
    __table_args__ = (UniqueConstraint("entry_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("competition_entries.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("competition_questions.id", ondelete="CASCADE"))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))

    entry = relationship("Entry", back_populates="files")
    file = relationship("StoredFile")


class Assignment(db.Model):
    """One juror's task for one application: their scores and comment, or their declared conflict."""

    __tablename__ = "competition_assignments"
    __table_args__ = (UniqueConstraint("entry_id", "juror_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("competition_entries.id", ondelete="CASCADE"), index=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("competition_jurors.id", ondelete="CASCADE"), index=True)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)  # criterion id (as text) -> score
    comment: Mapped[str] = mapped_column(Text, default="")
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_note: Mapped[str] = mapped_column(Text, default="")
    scored_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    entry = relationship("Entry")
    juror = relationship("Juror")


class PlaceOverride(db.Model):
    """The Board's place for an application, against the computed ranking, with its reason."""

    __tablename__ = "competition_overrides"
    __table_args__ = (UniqueConstraint("entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("competition_entries.id", ondelete="CASCADE"))
    place: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    entry = relationship("Entry")

"""Online events: the event, its registrations (with the waiting list), the reminders sent, and
the materials kept after it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.extensions import db


class Event(TimestampMixin, db.Model):
    __tablename__ = "events"
    __table_args__ = (
        # The list and the feed read public events by their start.
        Index("ix_events_state_starts_at", "state", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown
    kind: Mapped[str] = mapped_column(String(20))
    # Naive UTC, with the zone they were entered in (one of the five capitals'): the page shows
    # both the reader's clock and the event's.
    starts_at: Mapped[datetime] = mapped_column(DateTime())
    ends_at: Mapped[datetime] = mapped_column(DateTime())
    zone: Mapped[str] = mapped_column(String(40))
    online_link: Mapped[str] = mapped_column(String(500), default="")
    languages: Mapped[str] = mapped_column(String(60), default="")  # locale codes, comma-separated
    speakers: Mapped[str] = mapped_column(Text, default="")  # one per line
    # What it presents: "", "roadmap" (roadmap_doc + roadmap_revision), "overview", or
    # "competition" (competition_slug: the competitions area's slug, kept as text).
    presents: Mapped[str] = mapped_column(String(20), default="")
    roadmap_doc: Mapped[str] = mapped_column(String(20), default="")
    roadmap_revision: Mapped[int | None] = mapped_column(Integer)
    competition_slug: Mapped[str] = mapped_column(String(80), default="", index=True)
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    # Seats taken by registered participants: changed only by conditional UPDATEs, so the last
    # seat cannot be taken twice.
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    # iCalendar's SEQUENCE: moves on when the time, the place or the state changes.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    recording_url: Mapped[str] = mapped_column(String(500), default="")
    report: Mapped[str] = mapped_column(Text, default="")  # Markdown, after the event
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    materials: Mapped[list[EventMaterial]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                          order_by="EventMaterial.id")

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class Registration(db.Model):
    """One person's place at an event (a seat, or on the waiting list), by email: one per email."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "email", name="uq_event_registrations_event_id_email"),
        Index("ix_event_registrations_event_id_state", "event_id", "state", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    email: Mapped[str] = mapped_column(String(254))  # lower-cased
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2), default="")  # one of the five, or "" (elsewhere)
    locale: Mapped[str] = mapped_column(String(5), default="en")  # the language mail is written in
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    # When the place was last changed: a waiting registration is moved up by its queue order (id).
    changed_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()


class ReminderSent(db.Model):
    """A reminder recorded for one registration: written in the transaction that queues its mail,
    so it is never sent twice and a killed worker leaves it to the next run."""

    __tablename__ = "event_reminders"
    __table_args__ = (UniqueConstraint("registration_id", "kind", name="uq_event_reminders_registration_id_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # day, hour
    mailed: Mapped[bool] = mapped_column(default=True)  # False: passed over (registered after its time)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)


class EventMaterial(db.Model):
    """Slides or another file kept with an event (a public stored file)."""

    __tablename__ = "event_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    event: Mapped[Event] = relationship(back_populates="materials")
    file = relationship("StoredFile")

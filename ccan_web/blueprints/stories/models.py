"""Success stories: the story, its further images, and its history of workflow steps and notes."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.domain.stories import Revenue
from ccan_web.extensions import db


class Story(TimestampMixin, db.Model):
    __tablename__ = "stories"
    __table_args__ = (
        # The public list, the feeds and the goal read visible stories, newest first.
        Index("ix_stories_status_published_at", "status", "published_at"),
        Index("ix_stories_translation_group", "translation_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400))
    # The body is a versioned document: its history, a diff between revisions; the public reads
    # the revision published with the story.
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    company_name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id", ondelete="SET NULL"))
    country: Mapped[str] = mapped_column(String(2), index=True)
    sector: Mapped[str] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(5), index=True)
    adaptation: Mapped[str] = mapped_column(Text, default="")  # what the company changed to adapt
    revenue_before: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    revenue_after: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3), default="")
    period: Mapped[str] = mapped_column(String(100), default="")
    growth_percent: Mapped[Decimal | None] = mapped_column(Numeric(9, 1))
    figures_source: Mapped[str] = mapped_column(String(300), default="")
    press_contact: Mapped[str] = mapped_column(String(300), default="")
    tags: Mapped[str] = mapped_column(String(300), default="")
    lead_image_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    lead_alt: Mapped[str] = mapped_column(String(300), default="")
    lead_credit: Mapped[str] = mapped_column(String(200), default="")
    lead_licence: Mapped[str] = mapped_column(String(200), default="")
    # The lead image cropped to 1200×630 for social cards, made by a job after the upload.
    card_image_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    # Translations of one story share a group: the id of the story they were translated from.
    translation_group: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    publish_at: Mapped[datetime | None] = mapped_column(AwareDateTime())  # the embargo
    published_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Moves on with every change: a form sent from an older version is refused, not applied over.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    document = relationship("Document")
    business = relationship("Business")
    author = relationship("User")
    lead_image = relationship("StoredFile", foreign_keys=[lead_image_id])
    card_image = relationship("StoredFile", foreign_keys=[card_image_id])
    images: Mapped[list[StoryImage]] = relationship(back_populates="story", cascade="all, delete-orphan",
                                                    order_by="StoryImage.position")
    events: Mapped[list[StoryEvent]] = relationship(back_populates="story", cascade="all, delete-orphan",
                                                    order_by="StoryEvent.id")

    @property
    def revenue(self) -> Revenue:
        return Revenue(self.revenue_before, self.revenue_after, self.currency, self.period, self.growth_percent)

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def group(self) -> int:
        return self.translation_group or self.id


class StoryImage(db.Model):
    """A further image of a story, with its alt text, credit and licence."""

    __tablename__ = "story_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    alt: Mapped[str] = mapped_column(String(300))
    credit: Mapped[str] = mapped_column(String(200), default="")
    licence: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    story: Mapped[Story] = relationship(back_populates="images")
    file = relationship("StoredFile")


class StoryEvent(db.Model):
    """A step of a story's workflow, with the editor's note or the reason where there is one: the
    note stays in the story's history after the author has acted on it."""

    __tablename__ = "story_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    story: Mapped[Story] = relationship(back_populates="events")
    actor = relationship("User")

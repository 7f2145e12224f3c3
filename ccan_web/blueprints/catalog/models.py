"""The research databases: creative businesses, educational courses, and duplicate flags."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, deferred, mapped_column, relationship

from ccan_web.db import AwareDateTime, TimestampMixin, utcnow
from ccan_web.extensions import db


class ModeratedEntry(TimestampMixin):
    """What businesses and courses share: who added them, where from, and their moderation."""

    status: Mapped[str] = mapped_column(String(12), index=True, default="pending")
    moderation_note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    source_kind: Mapped[str] = mapped_column(String(20), default="url")
    source_detail: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # Set on entries that came in through an import: which file, by whom, when.
    import_job_id: Mapped[int | None] = mapped_column(ForeignKey("import_jobs.id", ondelete="SET NULL"))

    @declared_attr
    def import_job(cls):
        return relationship("ImportJob")


class Business(ModeratedEntry, db.Model):
    __tablename__ = "businesses"
    # The public lists and the overview read published entries only: each index starts with the
    # status, then holds a list's order (so a page is read in order, not sorted from 100,000
    # rows) or a filter's columns (so counting the matches never reads the table).
    __table_args__ = (
        Index("ix_businesses_status_name_key", "status", "name_key", "id"),
        Index("ix_businesses_status_published_at", "status", "published_at", "id"),
        Index("ix_businesses_status_country_primary_sector", "status", "country", "primary_sector"),
        Index("ix_businesses_status_city_key", "status", "city_key"),
        # The API's Last-Modified: the newest change, read from the index's end, not the table.
        Index("ix_businesses_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # latin_key of the name without legal forms, and of the city: what duplicates are found by
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    legal_form: Mapped[str] = mapped_column(String(60), default="")
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    city_key: Mapped[str] = mapped_column(String(100), default="")
    primary_sector: Mapped[str] = mapped_column(String(40), index=True)
    founded_year: Mapped[int | None] = mapped_column(Integer)
    size_band: Mapped[str] = mapped_column(String(10), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    social_links: Mapped[list] = mapped_column(JSON, default=list)
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_public: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    other_sectors: Mapped[list[BusinessSector]] = relationship(
        back_populates="business", cascade="all, delete-orphan", order_by="BusinessSector.sector")
    added_by = relationship("User")

    @property
    def sector_slugs(self) -> list[str]:
        return [self.primary_sector] + [s.sector for s in self.other_sectors if s.sector != self.primary_sector]


class BusinessSector(db.Model):
    __tablename__ = "business_sectors"
    # (sector, business_id): the sector filter's "which businesses" is read from the index alone.
    __table_args__ = (UniqueConstraint("business_id", "sector"),
                      Index("ix_business_sectors_sector_business_id", "sector", "business_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str] = mapped_column(String(40), index=True)

    business: Mapped[Business] = relationship(back_populates="other_sectors")


class Course(ModeratedEntry, db.Model):
    __tablename__ = "courses"
    # As for businesses: the list's order, the overview's groups and filters, the sector filter.
    __table_args__ = (
        Index("ix_courses_status_title", "status", "title", "id"),
        Index("ix_courses_status_language_format_outcome", "status", "language", "format", "outcome"),
        Index("ix_courses_status_all_sectors", "status", "all_sectors"),
        Index("ix_courses_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    # latin_key of title and provider, so a search in either script finds the course
    search_key: Mapped[str] = mapped_column(String(420), default="")
    url: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(5), index=True)
    all_sectors: Mapped[bool] = mapped_column(Boolean, default=False)
    format: Mapped[str] = mapped_column(String(20), index=True)
    improves: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20), default="beginner")
    is_free: Mapped[bool] = mapped_column(Boolean, default=True)
    duration: Mapped[str] = mapped_column(String(60), default="")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    sectors: Mapped[list[CourseSector]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="CourseSector.sector")
    added_by = relationship("User")

    @property
    def sector_slugs(self) -> list[str]:
        return [s.sector for s in self.sectors]


class CourseSector(db.Model):
    __tablename__ = "course_sectors"
    __table_args__ = (UniqueConstraint("course_id", "sector"),
                      Index("ix_course_sectors_sector_course_id", "sector", "course_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str] = mapped_column(String(40), index=True)

    course: Mapped[Course] = relationship(back_populates="sectors")


class DuplicateFlag(TimestampMixin, db.Model):
    """A business that looks like one already in the catalog, until an editor merges or dismisses it."""

    __tablename__ = "duplicate_flags"
    __table_args__ = (UniqueConstraint("business_id", "duplicate_of_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    duplicate_of_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)  # open, merged, dismissed
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    business: Mapped[Business] = relationship(foreign_keys=[business_id])
    duplicate_of: Mapped[Business] = relationship(foreign_keys=[duplicate_of_id])


class ImportJob(TimestampMixin, db.Model):
    """One uploaded file: checked row by row in the background, then imported in one transaction.

    Whoever runs a job (a thread today, a task queue's worker later) beats `heartbeat_at` as it
    goes and writes only while `attempt` is still its own, so a run that died is found by its
    silence and failed, and a run taken away from it can never finish over another."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # businesses or courses
    filename: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    # The file as read (its table of text cells), so that importing does not read it again.
    parsed: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    heartbeat_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    importer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # checking -> checked -> importing -> imported; or failed / cancelled
    status: Mapped[str] = mapped_column(String(12), default="checking", index=True)
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    # The source recorded on rows that name none.
    source_kind: Mapped[str] = mapped_column(String(20), default="url")
    source_detail: Mapped[str] = mapped_column(String(300), default="")
    publish: Mapped[bool] = mapped_column(Boolean, default=True)
    skip_duplicates: Mapped[bool] = mapped_column(Boolean, default=True)
    report: Mapped[dict] = mapped_column(JSON, default=dict)
    added_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")

    importer = relationship("User")


class CorrectionSuggestion(TimestampMixin, db.Model):
    """A reader's note that an entry is wrong or out of date, until an editor deals with it."""

    __tablename__ = "correction_suggestions"
    __table_args__ = (Index("ix_correction_suggestions_status_created_at", "status", "created_at"),
                      Index("ix_correction_suggestions_author_id_created_at", "author_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_kind: Mapped[str] = mapped_column(String(12))  # businesses or courses
    entry_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, done, dismissed
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author = relationship("User", foreign_keys=[author_id])

"""A job's durable record: what to run, how far it got, and its last error."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ccan_web.db import AwareDateTime, utcnow
from ccan_web.extensions import db

STATES = ("queued", "running", "done", "failed")


class Job(db.Model):
    """One run of a task. The queue (Huey) only carries the record's id: the record says whether
    it still has to run, so a message delivered twice, or lost with a killed worker, does no harm."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_run_after", "state", "run_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    # A periodic run's name and minute, so that two schedulers cannot start it twice.
    unique_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    run_after: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    # While running: the moment after which the worker is taken for dead and the job runs again.
    lease_until: Mapped[datetime | None] = mapped_column(AwareDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

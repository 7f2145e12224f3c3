"""A stored file as the platform knows it: its key in the store, what it was checked to be, and
whether anyone may read it. Records that show or attach a file refer to it by its id; a file no
record refers to any more is removed by `storage.files.remove_orphans`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ccan_web.db import AwareDateTime, utcnow
from ccan_web.extensions import db


class StoredFile(db.Model):
    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # image, pdf
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(200), default="")  # as text only, never a path
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # Public files (a logo, a story's photo) are served to anyone, cached for a year; private ones
    # (an application's attachment, a financial report) only through a view that checks the reader.
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    # The widths of the WebP copies made so far ("320,640"), for srcset.
    variant_widths: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    @property
    def widths(self) -> list[int]:
        return [int(w) for w in self.variant_widths.split(",") if w]

    def variant_key(self, width: int) -> str:
        return f"{self.key.rsplit('.', 1)[0]}-w{width}.webp"

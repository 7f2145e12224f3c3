"""Stored files as records: saving an upload, its web variants, serving it, and removing what no
record refers to any more."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from flask import send_file
from sqlalchemy import delete, select, union

from ccan_web import jobs
from ccan_web.domain.errors import NotFound
from ccan_web.extensions import db
from ccan_web.storage import Use, storage
from ccan_web.storage.models import StoredFile
from ccan_web.storage.uploads import check_upload, new_key, original_name, variants

YEAR = 365 * 24 * 3600


def store(data: bytes, filename: str | None, use: Use, prefix: str, *, public: bool) -> StoredFile:
    """Check and store an upload, and record it (flushed; the caller commits with the record that
    refers to it). A DomainError on the field "file" says why it is refused; nothing is stored then."""
    checked = check_upload(data, use)
    record = StoredFile(key=new_key(prefix, checked.extension), kind=checked.kind, content_type=checked.content_type,
                        size=len(checked.data), original_name=original_name(filename), width=checked.width,
                        height=checked.height, public=public)
    storage().save(record.key, checked.data, checked.content_type)
    db.session.add(record)
    db.session.flush()
    if record.kind == "image":  # its web variants are made by a worker, after the commit
        jobs.enqueue("files.variants", file_id=record.id)
    return record


@jobs.task("files.variants")
def variants_task(file_id: int) -> None:
    """The job behind `store`: a file deleted meanwhile needs nothing."""
    record = db.session.get(StoredFile, file_id)
    if record is not None and not record.variant_widths:
        make_variants(record)


def make_variants(record: StoredFile) -> list[int]:
    """WebP copies of an image at the widths narrower than it (for srcset); run by the background
    worker after the upload, and safe to run again."""
    if record.kind != "image":
        return []
    made = variants(storage().open(record.key).data)
    for width, data in made.items():
        storage().save(record.variant_key(width), data, "image/webp")
    record.variant_widths = ",".join(str(width) for width in sorted(made))
    return record.widths


def public_file(key: str) -> tuple[StoredFile, str]:
    """The public file a key names (the file itself, or one of its variants "<stem>-w320.webp"),
    and the key to read; NotFound for a private file or one that does not exist."""
    record = db.session.scalar(select(StoredFile).where(StoredFile.key == key))
    if record is None and "-w" in key and key.endswith(".webp"):
        stem, width = key[:-len(".webp")].rsplit("-w", 1)
        candidates = db.session.scalars(select(StoredFile).where(StoredFile.key.like(f"{stem}.%")))
        record = next((c for c in candidates if width.isdigit() and int(width) in c.widths), None)
    if record is None or not record.public:
        raise NotFound("no such public file")
    return record, key


def send_public(key: str):
    """A public file: its checked content type, cached for a year (keys are random and never reused)."""
    record, read_key = public_file(key)
    stored = storage().open(read_key)
    response = send_file(io.BytesIO(stored.data), mimetype=stored.content_type, max_age=YEAR, etag=read_key,
                         conditional=True)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def send_private(record: StoredFile):
    """A private file, for a view that has checked the reader's permission: always downloaded,
    under its original name, never kept by a shared cache."""
    stored = storage().open(record.key)
    extension = record.key.rsplit(".", 1)[-1]
    name = record.original_name or f"file.{extension}"
    response = send_file(io.BytesIO(stored.data), mimetype=stored.content_type, as_attachment=True,
                         download_name=name, max_age=0)
    response.cache_control.private = True
    response.cache_control.no_store = True
    return response


def referring_columns(metadata=None):
    """Every column of the schema that refers to a stored file."""
    return [fk.parent for table in (metadata or db.metadata).tables.values() for fk in table.foreign_keys
            if fk.column.table.name == StoredFile.__tablename__]


@jobs.periodic("files.clean", minute="30", hour="2")
def clean_task() -> None:
    remove_orphans()


def remove_orphans(older_than: timedelta = timedelta(days=1), now: datetime | None = None, metadata=None) -> int:
    """Remove the files no record refers to (uploaded over `older_than` ago, so a form being filled
    in keeps its upload), from the store and from the database. Returns how many."""
    cutoff = (now or datetime.now(timezone.utc)) - older_than
    query = select(StoredFile).where(StoredFile.created_at < cutoff)
    columns = referring_columns(metadata)
    if columns:
        used = union(*(select(column).where(column.is_not(None)) for column in columns)).subquery()
        query = query.where(StoredFile.id.not_in(select(used.c[0])))
    orphans = list(db.session.scalars(query))
    for record in orphans:
        for key in (record.key, *(record.variant_key(width) for width in record.widths)):
            storage().delete(key)
    if orphans:
        db.session.execute(delete(StoredFile).where(StoredFile.id.in_([r.id for r in orphans])))
    return len(orphans)

"""Files and images: one storage service behind every upload of the platform.

`storage()` is the configured backend (backends.py: a local directory by default, an S3-compatible
store with STORAGE_BACKEND=s3); `save_upload()` checks an upload from its content (uploads.py) and
stores it under a random key. The areas keep the key, the content type and the original name
(as text) in their own records.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from ccan_web.storage.backends import LocalStorage, S3Storage, Storage, StoredObject  # noqa: F401
from ccan_web.storage.uploads import ATTACHMENT, DOCUMENT, LOGO, PHOTO, Use, check_upload, new_key, original_name  # noqa: F401


def make_storage(config) -> Storage:
    """The backend the settings name: `local` (STORAGE_DIR) or `s3` (S3_BUCKET, S3_ENDPOINT_URL,
    S3_REGION; credentials as boto3 finds them, e.g. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)."""
    if config["STORAGE_BACKEND"] == "s3":
        return S3Storage(config["S3_BUCKET"], config.get("S3_ENDPOINT_URL"), config.get("S3_REGION"))
    return LocalStorage(Path(config["STORAGE_DIR"]))


def storage() -> Storage:
    found = current_app.extensions.get("ccan_storage")
    if found is None:
        found = current_app.extensions["ccan_storage"] = make_storage(current_app.config)
    return found


@dataclass(frozen=True)
class StoredUpload:
    key: str
    content_type: str
    size: int
    original_name: str
    kind: str
    width: int | None = None
    height: int | None = None


def save_upload(data: bytes, filename: str | None, use: Use, prefix: str) -> StoredUpload:
    """Check `data` for `use` and store what is kept of it; a DomainError (on the field "file")
    says why an upload is refused, and then nothing is stored."""
    checked = check_upload(data, use)
    key = new_key(prefix, checked.extension)
    storage().save(key, checked.data, checked.content_type)
    return StoredUpload(key, checked.content_type, len(checked.data), original_name(filename), checked.kind,
                        checked.width, checked.height)

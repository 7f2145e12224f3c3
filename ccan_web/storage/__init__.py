"""Files and images: one storage service behind every upload of the platform.

`storage()` is the configured backend (backends.py: a local directory by default, an S3-compatible
store with STORAGE_BACKEND=s3); files.store() checks an upload from its content (uploads.py),
stores it under a random key and records it (models.StoredFile), which the areas' records refer to.
"""
from __future__ import annotations

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

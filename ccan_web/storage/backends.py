"""Where stored files live: a local directory (the default, nothing to install) or any
S3-compatible object store (for several application servers). One interface, one contract
(tests/storage/test_contract.py runs the same tests against both)."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ccan_web.domain.errors import NotFound

# Keys are made by the platform (uploads.new_key): letters, digits, dashes, dots and slashes
# between parts, never "..": nothing a user typed reaches a path or an object name.
KEY = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9]+)?(?:/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9]+)?)*$")


def checked_key(key: str) -> str:
    if not isinstance(key, str) or len(key) > 200 or not KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


@dataclass(frozen=True)
class StoredObject:
    key: str
    data: bytes
    content_type: str


class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> None: ...
    def open(self, key: str) -> StoredObject: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def keys(self, prefix: str = "") -> list[str]: ...


class LocalStorage:
    """Files under one directory (instance/uploads/ unless configured); the content type is kept in
    a small sidecar file, so a file is served as what it was checked to be, whatever its key."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / checked_key(key)

    def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written to a temporary file and renamed: a reader never sees half a file.
        for target, content in ((path.with_name(path.name + ".type"), content_type.encode()), (path, data)):
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, target)

    def open(self, key: str) -> StoredObject:
        path = self._path(key)
        try:
            data = path.read_bytes()
            content_type = path.with_name(path.name + ".type").read_text()
        except FileNotFoundError:
            raise NotFound(f"no stored file {key}")
        return StoredObject(key, data, content_type)

    def delete(self, key: str) -> None:
        path = self._path(key)
        for target in (path, path.with_name(path.name + ".type")):
            target.unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def keys(self, prefix: str = "") -> list[str]:
        if not self.root.is_dir():
            return []
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                 if p.is_file() and not p.name.endswith(".type") and not p.name.startswith(".upload-"))
        return sorted(key for key in found if key.startswith(prefix))


class S3Storage:
    """Objects in one bucket of an S3-compatible store (AWS S3, MinIO, Ceph, a cloud's own)."""

    def __init__(self, bucket: str, endpoint_url: str | None = None, region: str | None = None, client=None):
        import boto3

        self.bucket = bucket
        self.client = client or boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region or None)

    def save(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=checked_key(key), Body=data, ContentType=content_type)

    def open(self, key: str) -> StoredObject:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=checked_key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise NotFound(f"no stored file {key}")
            raise
        return StoredObject(key, answer["Body"].read(), answer.get("ContentType", "application/octet-stream"))

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=checked_key(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=checked_key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return False
            raise
        return True

    def keys(self, prefix: str = "") -> list[str]:
        found = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            found.extend(item["Key"] for item in page.get("Contents", []))
        return sorted(found)

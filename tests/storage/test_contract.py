"""One contract, two backends: the local directory and an S3-compatible store (the emulator)."""
from __future__ import annotations

import pytest

from ccan_web.domain.errors import NotFound
from ccan_web.storage import LocalStorage, S3Storage, make_storage

pytestmark = pytest.mark.no_db


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalStorage(tmp_path / "uploads")
    endpoint, bucket = request.getfixturevalue("s3_endpoint"), request.getfixturevalue("s3_bucket")
    return S3Storage(bucket, endpoint_url=endpoint, region="us-east-1")


def test_a_saved_file_opens_with_its_bytes_and_content_type(store):
    store.save("logos/abc.png", b"\x89PNG bytes", "image/png")
    stored = store.open("logos/abc.png")
    assert (stored.key, stored.data, stored.content_type) == ("logos/abc.png", b"\x89PNG bytes", "image/png")
    assert store.exists("logos/abc.png")


def test_saving_again_replaces_and_deleting_removes(store):
    store.save("reports/r-1.pdf", b"%PDF-1 first", "application/pdf")
    store.save("reports/r-1.pdf", b"%PDF-1 second", "application/pdf")
    assert store.open("reports/r-1.pdf").data == b"%PDF-1 second"
    store.delete("reports/r-1.pdf")
    assert not store.exists("reports/r-1.pdf")
    store.delete("reports/r-1.pdf")  # deleting what is gone is no error


def test_a_missing_file_is_not_found(store):
    with pytest.raises(NotFound):
        store.open("logos/none.png")
    assert not store.exists("logos/none.png")


def test_keys_are_listed_by_prefix(store):
    for key in ("logos/a.png", "logos/b.png", "reports/c.pdf"):
        store.save(key, b"x", "application/octet-stream")
    assert store.keys("logos/") == ["logos/a.png", "logos/b.png"]
    assert store.keys() == ["logos/a.png", "logos/b.png", "reports/c.pdf"]


@pytest.mark.parametrize("key", ["../secret", "/etc/passwd", "logos/../../x", "logos/a b.png", "logos/\x00.png",
                                 "", "logos//a.png", "a" * 201])
def test_a_key_the_platform_would_not_make_is_refused(store, key):
    with pytest.raises(ValueError):
        store.save(key, b"x", "text/plain")
    with pytest.raises(ValueError):
        store.open(key)


def test_the_settings_choose_the_backend(tmp_path, s3_endpoint, s3_bucket):
    local = make_storage({"STORAGE_BACKEND": "local", "STORAGE_DIR": str(tmp_path)})
    assert isinstance(local, LocalStorage) and local.root == tmp_path
    remote = make_storage({"STORAGE_BACKEND": "s3", "S3_BUCKET": s3_bucket, "S3_ENDPOINT_URL": s3_endpoint,
                           "S3_REGION": "us-east-1"})
    remote.save("logos/x.webp", b"RIFF", "image/webp")
    assert remote.open("logos/x.webp").content_type == "image/webp"

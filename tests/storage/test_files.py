"""Stored files as records: public ones served and cached for a year, private ones only through a
view that checks the reader, web variants for srcset, and orphans removed."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import render_template_string
from PIL import Image

from ccan_web.storage import DOCUMENT, PHOTO, LocalStorage
from ccan_web.storage import files
from ccan_web.storage.models import StoredFile
from tests.storage.test_uploads import photo


@pytest.fixture
def store(app, tmp_path):
    app.extensions["ccan_storage"] = LocalStorage(tmp_path / "uploads")
    yield app.extensions["ccan_storage"]
    del app.extensions["ccan_storage"]


def test_a_public_photo_and_its_variants_are_served_for_a_year(app, client, db, store):
    record = files.store(photo(1000, 500), "IMG_1.jpg", PHOTO, "photos", public=True)
    assert files.make_variants(record) == [320, 640]
    db.session.commit()
    response = client.get(f"/files/{record.key}")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get(f"/files/{record.key}", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    variant = client.get(f"/files/{record.variant_key(320)}")
    assert variant.mimetype == "image/webp" and Image.open(io.BytesIO(variant.data)).size == (320, 160)
    assert client.get(f"/files/{record.variant_key(1280)}").status_code == 404  # never made: wider than it


def test_a_private_file_is_not_public_and_is_sent_as_an_attachment(app, client, db, store):
    pdf = b"%PDF-1.7\n%%EOF\n"
    record = files.store(pdf, "Financial report 2021.pdf", DOCUMENT, "reports", public=False)
    db.session.commit()
    assert client.get(f"/files/{record.key}").status_code == 404
    with app.test_request_context():
        response = files.send_private(record)
        response.direct_passthrough = False
        assert response.get_data() == pdf and response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert "Financial%20report%202021.pdf" in response.headers["Content-Disposition"] or \
            "Financial report 2021.pdf" in response.headers["Content-Disposition"]
        assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("key", ["../instance/secret_key", "photos/none.jpg", "photos/x-w320.webp", "%2e%2e/x"])
def test_unknown_or_hostile_file_addresses_are_not_found(client, store, key):
    assert client.get(f"/files/{key}").status_code == 404


def test_an_image_is_never_shown_without_its_alt_text(app, db, store):
    record = files.store(photo(1000, 500), "x.jpg", PHOTO, "photos", public=True)
    files.make_variants(record)
    page = '{% from "_macros/images.html" import image %}{{ image(file, alt) }}'
    with app.test_request_context():
        html = render_template_string(page, file=record, alt="The studio's team at work")
        assert 'alt="The studio&#39;s team at work"' in html and " 320w" in html and " 1000w" in html
        for missing in (None, "", "   "):
            with pytest.raises(ValueError, match="alt text"):
                render_template_string(page, file=record, alt=missing)


def test_files_no_record_refers_to_are_removed_after_a_day(app, db, store):
    kept = files.store(photo(), "a.jpg", PHOTO, "photos", public=True)
    recent = files.store(photo(), "b.jpg", PHOTO, "photos", public=True)
    files.make_variants(kept)
    db.session.commit()
    later = kept.created_at + timedelta(days=2)
    recent.created_at = later - timedelta(hours=1)
    db.session.commit()
    # No table refers to stored files yet: the areas that do (logos, photos, reports) add the
    # foreign keys that keep theirs; here every old file is an orphan.
    assert files.remove_orphans(now=later) == 1
    db.session.commit()
    assert db.session.scalars(sa.select(StoredFile.key)).all() == [recent.key]
    # The recent one's web variants (made by the job its upload queued) stay with it.
    stem = recent.key.rsplit(".", 1)[0]
    assert recent.key in store.keys() and all(key.startswith(stem) for key in store.keys())


def test_a_file_a_record_refers_to_is_kept(app, db, store):
    """An area's table with a foreign key to stored_files keeps its files; the rest go."""
    schema = sa.MetaData()
    sa.Table("stored_files", schema, sa.Column("id", sa.Integer, primary_key=True))
    logos = sa.Table("test_logos", schema, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("file_id", sa.ForeignKey("stored_files.id")))
    logos.create(db.engine)
    try:
        used = files.store(photo(), "logo.png", PHOTO, "logos", public=True)
        unused = files.store(photo(), "old.png", PHOTO, "logos", public=True)
        db.session.execute(logos.insert().values(file_id=used.id))
        db.session.commit()
        assert files.remove_orphans(now=used.created_at + timedelta(days=2), metadata=schema) == 1
        db.session.commit()
        assert db.session.scalars(sa.select(StoredFile.key)).all() == [used.key]
        assert unused.key not in store.keys()
    finally:
        db.session.rollback()
        logos.drop(db.engine)


def test_the_cli_removes_orphans(app, db, store):
    files.store(photo(), "a.jpg", PHOTO, "photos", public=True)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ccan", "files-clean", "--days", "0"])
    assert result.exit_code == 0 and "Removed 1 stored file" in result.output and store.keys() == []

"""Uploads told from their content: images re-encoded without metadata, PDFs by their signature,
hostile files refused with a clear reason and nothing stored."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from ccan_web.domain.errors import DomainError
from ccan_web.storage import ATTACHMENT, DOCUMENT, LOGO, PHOTO, LocalStorage
from ccan_web.storage.files import store as save_upload
from ccan_web.storage.uploads import check_upload, original_name, variants

GPS_TAG, ORIENTATION_TAG, ARTIST_TAG = 0x8825, 0x0112, 0x013B


def photo(width=800, height=600, image_format="JPEG", orientation=None) -> bytes:
    """A phone photo: EXIF with the GPS position of whoever took it, and its owner's name."""
    image = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    exif[ARTIST_TAG] = "Nigina Sharipova"
    exif.get_ifd(GPS_TAG).update({1: "N", 2: (38.0, 33.0, 36.0), 3: "E", 4: (68.0, 46.0, 48.0)})
    if orientation:
        exif[ORIENTATION_TAG] = orientation
    out = io.BytesIO()
    image.save(out, format=image_format, exif=exif)
    return out.getvalue()


def test_a_photo_is_stored_without_its_metadata():
    sent = photo()
    assert b"Nigina" in sent
    checked = check_upload(sent, PHOTO)
    stored = Image.open(io.BytesIO(checked.data))
    assert checked.content_type == "image/jpeg" and checked.extension == "jpg" and stored.format == "JPEG"
    assert dict(stored.getexif()) == {} and b"Nigina" not in checked.data and b"Exif" not in checked.data
    assert (checked.width, checked.height) == (800, 600)


def test_a_photo_taken_sideways_is_stored_upright():
    checked = check_upload(photo(800, 600, orientation=6), PHOTO)  # 6: the camera was turned right
    assert (checked.width, checked.height) == (600, 800)


@pytest.mark.parametrize("image_format, content_type", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_keep_their_format(image_format, content_type):
    checked = check_upload(photo(image_format=image_format), LOGO)
    assert checked.content_type == content_type and b"Nigina" not in checked.data


def test_a_pdf_is_known_by_its_signature_not_its_name():
    pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    assert check_upload(pdf, DOCUMENT).content_type == "application/pdf"
    assert check_upload(pdf, ATTACHMENT).kind == "pdf"
    with pytest.raises(DomainError, match="PDF document is not accepted"):
        check_upload(pdf, LOGO)
    with pytest.raises(DomainError, match="Only a PDF"):
        check_upload(photo(image_format="PNG"), DOCUMENT)  # a PNG named report.pdf stays a PNG


@pytest.mark.parametrize("content", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"<html><script>alert(1)</script></html>",
    b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    b"MZ\x90\x00 an executable",
])
def test_what_is_not_a_jpeg_png_or_webp_is_refused(content):
    with pytest.raises(DomainError, match="not an image we accept") as refused:
        check_upload(content, PHOTO)
    assert refused.value.field == "file"


def test_a_damaged_image_is_refused():
    with pytest.raises(DomainError, match="damaged"):
        check_upload(photo()[:2000], PHOTO)


def test_size_and_pixel_limits():
    with pytest.raises(DomainError, match="30.0 MB; the largest accepted here is 10 MB"):
        check_upload(b"\xff\xd8" + b"\x00" * (30 * 1024 * 1024), PHOTO)
    with pytest.raises(DomainError, match="empty"):
        check_upload(b"", PHOTO)
    bomb = io.BytesIO()  # 1-bit, compresses to almost nothing; 225 megapixels once decoded
    Image.new("1", (15_000, 15_000)).save(bomb, format="PNG")
    assert len(bomb.getvalue()) < 1024 * 1024
    with pytest.raises(DomainError, match="at most 40 megapixels"):
        check_upload(bomb.getvalue(), PHOTO)
    large = io.BytesIO()  # under Pillow's own alarm, over the platform's limit
    Image.new("1", (8_000, 6_000)).save(large, format="PNG")
    with pytest.raises(DomainError, match="8000 × 6000 pixels"):
        check_upload(large.getvalue(), PHOTO)


@pytest.mark.parametrize("sent, kept", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\Aida\\logo.png", "logo.png"), ("report\x00\x1b[31m.pdf", "report[31m.pdf"),
    ("  Отчёт 2021.pdf ", "Отчёт 2021.pdf"), (None, ""), ("x" * 300, "x" * 200),
])
def test_the_original_name_is_kept_only_as_clean_text(sent, kept):
    assert original_name(sent) == kept


def test_variants_are_webp_at_the_widths_narrower_than_the_image():
    made = variants(check_upload(photo(1000, 500), PHOTO).data)
    assert sorted(made) == [320, 640]
    small = Image.open(io.BytesIO(made[320]))
    assert small.format == "WEBP" and small.size == (320, 160)


def test_save_upload_stores_under_a_random_key_and_stores_nothing_when_refused(app, tmp_path):
    store = LocalStorage(tmp_path / "uploads")
    app.extensions["ccan_storage"] = store
    try:
        with app.app_context():
            first = save_upload(photo(), "../../IMG_2041.JPG", PHOTO, "photos", public=True)
            second = save_upload(photo(), "IMG_2041.JPG", PHOTO, "photos", public=True)
            with pytest.raises(DomainError):
                save_upload(b"<svg/>", "logo.png", PHOTO, "photos", public=True)
    finally:
        del app.extensions["ccan_storage"]
    assert first.key != second.key and first.key.startswith("photos/") and first.key.endswith(".jpg")
    assert "IMG" not in first.key and first.original_name == "IMG_2041.JPG"
    assert store.keys() == sorted([first.key, second.key])
    assert store.open(first.key).content_type == "image/jpeg"

"""What an upload is, told from its content (never from its name or declared type), and what is
stored of it: images re-encoded without their metadata, PDF documents as sent, under a random key.
"""
from __future__ import annotations

import io
import secrets
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from ccan_web.domain.errors import DomainError
from ccan_web.domain.messages import Message as _l  # translated when shown

IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
PDF = ("application/pdf", "pdf")
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger is refused before it is decoded
VARIANT_WIDTHS = (320, 640, 1280)  # phones on slow links, phones, wide screens
MAX_ORIGINAL_NAME = 200


@dataclass(frozen=True)
class Use:
    """What an upload is for: the kinds it may be and its size limit."""

    name: str
    kinds: frozenset[str]  # "image", "pdf"
    max_bytes: int


LOGO = Use("logo", frozenset({"image"}), 2 * 1024 * 1024)
PHOTO = Use("photo", frozenset({"image"}), 10 * 1024 * 1024)
DOCUMENT = Use("document", frozenset({"pdf"}), 20 * 1024 * 1024)
ATTACHMENT = Use("attachment", frozenset({"pdf", "image"}), 20 * 1024 * 1024)


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # "image" or "pdf"
    data: bytes  # what is stored: for an image, re-encoded without metadata
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None


def _refused(message: _l) -> DomainError:
    return DomainError(message, field="file")


def check_upload(data: bytes, use: Use) -> CheckedUpload:
    """The upload as it will be stored, or Invalid saying why not."""
    if not data:
        raise _refused(_l("The file is empty."))
    if len(data) > use.max_bytes:
        raise _refused(_l("The file is %(size)s MB; the largest accepted here is %(limit)s MB.",
                          size=f"{len(data) / 1024 / 1024:.1f}", limit=f"{use.max_bytes / 1024 / 1024:g}"))
    if data.startswith(b"%PDF-"):
        if "pdf" not in use.kinds:
            raise _refused(_l("A PDF document is not accepted here; send a JPEG, PNG or WebP image."))
        return CheckedUpload("pdf", data, *PDF)
    if "image" not in use.kinds:
        raise _refused(_l("Only a PDF document is accepted here."))
    return _checked_image(data)


def _open_image(data: bytes) -> Image.Image:
    """An image's header read (not its pixels), refused if its format or size is not accepted."""
    # Pillow itself raises on twice its own pixel limit, and warns between; the platform's smaller
    # limit below refuses both before any pixel is decoded (no global warning filter needed).
    try:
        image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
    except Image.DecompressionBombError:
        raise _refused(_l("The image has too many pixels; send one of at most 40 megapixels."))
    except (UnidentifiedImageError, OSError):
        raise _refused(_l("This is not an image we accept: send a JPEG, PNG or WebP file."))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refused(_l("The image is %(width)d × %(height)d pixels; send one of at most 40 megapixels.",
                          width=width, height=height))
    return image


def _checked_image(data: bytes) -> CheckedUpload:
    image = _open_image(data)
    image_format = image.format
    try:
        image.load()  # decodes every pixel: a truncated or damaged file fails here, not later
        upright = ImageOps.exif_transpose(image)  # turned as the camera meant, before EXIF goes
    except (OSError, SyntaxError, ValueError):
        raise _refused(_l("The image is damaged and cannot be read; send it again or another one."))
    content_type, extension = IMAGE_FORMATS[image_format]
    return CheckedUpload("image", _encoded(upright, image_format), content_type, extension, *upright.size)


def _encoded(image: Image.Image, image_format: str, **options) -> bytes:
    """The pixels alone: no EXIF (a phone's GPS position, its owner's name), no XMP, no comment."""
    image.info = {}
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    out = io.BytesIO()
    defaults = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True},
                "WEBP": {"quality": 82, "method": 4}}[image_format]
    image.save(out, format=image_format, **{**defaults, **options})
    return out.getvalue()


def variants(data: bytes, widths=VARIANT_WIDTHS) -> dict[int, bytes]:
    """WebP copies of a stored image at each width narrower than it, for `srcset`."""
    image = Image.open(io.BytesIO(data))
    image.load()
    made = {}
    for width in widths:
        if width >= image.width:
            continue
        copy = image.copy()
        copy.thumbnail((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        made[width] = _encoded(copy, "WEBP")
    return made


def new_key(prefix: str, extension: str) -> str:
    """A random key: nothing of the original name reaches the store."""
    return f"{prefix}/{secrets.token_urlsafe(18)}.{extension}"


def original_name(name: str | None) -> str:
    """The name the file had on the sender's computer, kept only as text to show: no folders, no
    control characters, not too long."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip(" .")[:MAX_ORIGINAL_NAME]

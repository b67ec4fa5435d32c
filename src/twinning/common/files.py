"""Uploaded files: checked by content (PDF and images only, within a size limit) and served back."""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
# Beyond this an image is refused: a small file can unpack into gigabytes (a decompression bomb).
MAX_IMAGE_PIXELS = 50_000_000
ALLOWED_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif"}


def check_upload(upload) -> str:
    """The file's type, read from its content; ValidationError if not allowed or too big."""
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s; files up to %(limit)s are accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_ATTACHMENT_SIZE)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted.")
        )
    if kind.mime.startswith("image/"):
        try:
            # Opening reads the header only; the pixels are counted before any is unpacked.
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            # Pillow's own guard: it will not even open images far beyond the limit.
            raise _too_many_pixels() from None
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise ValidationError(_("This image cannot be read: it may be damaged.")) from None
        finally:
            upload.seek(0)
    return kind.mime


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        ngettext(
            "This image has too many pixels: images up to %(limit)d megapixel are accepted.",
            "This image has too many pixels: images up to %(limit)d megapixels are accepted.",
            MAX_IMAGE_PIXELS // 1_000_000,
        )
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000}
    )


def file_response(stored, content_type: str) -> FileResponse:
    """A stored upload as a download, sandboxed so that a file cannot run in the site's name."""
    response = FileResponse(
        stored.open("rb"),
        content_type=content_type,
        as_attachment=content_type == "application/pdf",
        filename=stored.name.rsplit("/", 1)[-1],
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

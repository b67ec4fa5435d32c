"""Checks of uploaded files: PDF and images only, by content, within a size limit."""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
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
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise ValidationError(_("This image cannot be read: it may be damaged.")) from None
        finally:
            upload.seek(0)
    return kind.mime

"""Avatars: what an upload must be, and the sizes made from it.

An upload is accepted as JPEG, PNG or WebP as Pillow detects it from the bytes, never from the file
name or the client's Content-Type. Its width and height, read from the header, must fit the pixel
budget before anything is decoded (a small file can claim a huge image). It is then decoded in full
(a truncated or corrupt file fails here) and re-encoded as PNG: EXIF data, comments and anything
appended after the image are not carried over.
"""

from __future__ import annotations

import hashlib
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from service import messages
from service.errors import ApiError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # of file; the body around it may be up to hardening.MAX_UPLOAD_BODY_BYTES
MAX_PIXELS = 25_000_000  # a 5000x5000 photo; decoded, up to 100 MB of memory
FORMATS = ("JPEG", "PNG", "WEBP")
AVATAR_SIZES = (256, 64)
# Pillow's own guard, for any image opened elsewhere: it refuses twice this outright.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _refuse(message: str) -> ApiError:
    return ApiError(422, message, field="image")


def accept_upload(data: bytes) -> bytes:
    """The upload re-encoded as a clean PNG; 413 or 422 (field `image`) when it cannot be one."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApiError(413, messages.UPLOAD_TOO_LARGE, field="image")
    try:
        with Image.open(BytesIO(data), formats=FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _refuse(messages.IMAGE_TOO_MANY_PIXELS)
            image.load()
            upright = ImageOps.exif_transpose(image)
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            clean = upright.convert("RGBA" if has_alpha else "RGB")
    except Image.DecompressionBombError:
        raise _refuse(messages.IMAGE_TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise _refuse(messages.IMAGE_NOT_SUPPORTED) from None
    except (OSError, SyntaxError, ValueError, EOFError):  # truncated or corrupt: Pillow's decoders raise these
        raise _refuse(messages.IMAGE_CORRUPT) from None
    encoded = BytesIO()
    clean.save(encoded, format="PNG")
    return encoded.getvalue()


def content_name(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def avatar(source: bytes, size: int) -> bytes:
    """A square `size`x`size` WebP of the accepted upload, cropped to its centre."""
    with Image.open(BytesIO(source), formats=("PNG",)) as image:
        square = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    encoded = BytesIO()
    square.save(encoded, format="WEBP", quality=85, method=4)
    return encoded.getvalue()

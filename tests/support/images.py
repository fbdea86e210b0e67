"""Image files for upload tests: real ones made with Pillow, and the malicious or broken kinds."""

from __future__ import annotations

import os
import struct
import zlib
from io import BytesIO

from PIL import Image

MIB = 1024 * 1024


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 480), **save_options: object) -> bytes:
    image = Image.new("RGB", size, (200, 30, 60))
    for x in range(0, size[0], 7):  # some detail, so encoders have something to do
        image.putpixel((x, (x * 3) % size[1]), (10, 200, 90))
    buffer = BytesIO()
    image.save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x0131] = "SecretSoftware"  # Software
    return image_bytes("JPEG", exif=exif.tobytes())


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(width: int = 20000, height: int = 20000) -> bytes:
    """A valid 1-bit PNG of width x height, all black: a few dozen KiB that decode to 400 megapixels."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes((width + 7) // 8)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
TEXT = b"just some text, not an image at all\n" * 10


def truncated_png() -> bytes:
    whole = image_bytes("PNG", (800, 600))
    return whole[: len(whole) // 2]


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress: about 3 * side * side bytes."""
    buffer = BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, format="PNG")
    return buffer.getvalue()

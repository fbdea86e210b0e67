"""Requests as a raw client sends them, for what urllib and the test client cannot: a body sent in
chunks (Transfer-Encoding: chunked, no Content-Length), or bytes that are not JSON at all."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


def send(
    base_url: str, method: str, path: str, body: bytes | Iterable[bytes] = b"", headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    """Send `body` (chunked when it is an iterable of chunks); the status and the parsed JSON answer."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        chunked = not isinstance(body, bytes)
        connection.request(method, path, body=body, headers=dict(headers or {}), encode_chunked=chunked)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        return response.status, json.loads(raw)
    except ValueError:
        return response.status, raw.decode(errors="replace")


def chunks(data: bytes, size: int = 64 * 1024) -> Iterable[bytes]:
    return (data[start : start + size] for start in range(0, len(data), size))

"""Uploading a file over HTTP as a browser form does (multipart/form-data), standard library only."""

from __future__ import annotations

import json
import time
import uuid
from http.client import HTTPConnection
from typing import Any
from urllib.parse import urlsplit

from tests.support.live import LiveServer


def form_with_file(field: str, filename: str, content_type: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def put_file(
    server: LiveServer, path: str, token: str, data: bytes, filename: str, content_type: str
) -> tuple[int, Any]:
    """PUT `data` as the form field `image`; (status, parsed JSON body). A server may answer a body it
    will not take (413) before reading it all, and close: the answer is read all the same."""
    body, form_type = form_with_file("image", filename, content_type, data)
    connection = HTTPConnection(urlsplit(server.url).netloc, timeout=15)
    headers = {"Authorization": f"Token {token}", "Content-Type": form_type, "Content-Length": str(len(body))}
    try:
        connection.putrequest("PUT", path)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        try:
            for start in range(0, len(body), 64 * 1024):
                connection.send(body[start : start + 64 * 1024])
        except (BrokenPipeError, ConnectionResetError):
            time.sleep(0.1)  # the answer is already on its way
        response = connection.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        connection.close()

"""Request bodies parsed once, one way, within bounds: JSON nested at most MAX_DEPTH levels deep,
numbers of at most MAX_NUMBER_LENGTH characters, no NaN or Infinity (not JSON).

Python's parser recurses (a body of `[[[[...` thousands deep raises RecursionError) and refuses
integers of over 4,300 digits with a bare ValueError; both would be a 500. Every parse of a body
goes through `parse_body`: webargs' (`BoundedParser`, every `@blp.arguments`) and Flask's
`request.get_json` (the JSON provider's `loads`). A body with few brackets, as nearly all are, is
checked by counting them; only one with more is measured.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from flask import Request
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import UnsupportedMediaType

from service import messages
from service.errors import ApiError

MAX_DEPTH = 32
MAX_NUMBER_LENGTH = 100
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_INNERMOST_PAIR = re.compile(rb"\[\]|\{\}")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


class BodyOutOfBounds(ValueError):
    """Valid JSON, maybe, but beyond what the service parses; `message` is for the client."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_body(data: bytes | str) -> Any:
    """The JSON value of a body; ValueError (json.JSONDecodeError or BodyOutOfBounds) if refused."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data  # UnicodeDecodeError is a ValueError
    if text.count("[") + text.count("{") > MAX_DEPTH and _deeper_than_allowed(text.encode("utf-8", "surrogatepass")):
        with contextlib.suppress(RecursionError, BodyOutOfBounds):
            _decode(text)  # unpaired brackets are malformed JSON (400 as such); paired ones nest too deep
        raise BodyOutOfBounds(messages.JSON_TOO_DEEP.format(depth=MAX_DEPTH))
    return _decode(text)


def _decode(text: str) -> Any:
    return json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_not_json)


def _deeper_than_allowed(raw: bytes) -> bool:
    """Whether the brackets outside strings nest beyond MAX_DEPTH (or do not pair up). Each round
    removes every innermost pair, so what nests d levels deep is gone after d rounds."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = _INNERMOST_PAIR.sub(b"", brackets)  # one pass: pairs it uncovers wait for the next
    return bool(brackets)


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise BodyOutOfBounds(messages.JSON_NUMBER_TOO_LONG.format(length=MAX_NUMBER_LENGTH))
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_LENGTH:
        raise BodyOutOfBounds(messages.JSON_NUMBER_TOO_LONG.format(length=MAX_NUMBER_LENGTH))
    return float(text)


def _not_json(text: str) -> Any:
    raise json.JSONDecodeError(f"{text} is not JSON", text, 0)


def has_body(request: Request) -> bool:
    """A body sized by Content-Length, or sent in chunks (Transfer-Encoding: chunked) without one."""
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


class BoundedParser(FlaskParser):
    """webargs' Flask parser, reading JSON bodies through `parse_body`; a body that is not JSON
    is a 415 here, after the route's rate limits have counted it."""

    def _raw_load_json(self, req: Request) -> Any:
        if not is_json_request(req):
            if has_body(req):
                raise UnsupportedMediaType(messages.NEEDS_JSON)
            return core.missing
        try:
            return parse_body(req.get_data(cache=True))  # a chunked body over MAX_CONTENT_LENGTH: 413
        except BodyOutOfBounds as error:
            raise ApiError(400, error.message) from None

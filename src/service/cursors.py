"""Cursors: where the next page of a list starts, for `?cursor=` to continue from.

A cursor holds the list it belongs to (its kind and a digest of its filters) and a position in it, signed with
the app's SECRET_KEY (itsdangerous, HMAC): a client can hand it back, but not forge or edit it. It is
not encrypted; what it holds is no secret (a timestamp and an id, or a search's offset). A cursor of
another list, of the same list with other filters, or one that is malformed or forged gets 422.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

from service import messages
from service.errors import ApiError

SALT = "conduit.cursor.v1"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_CURSOR_LENGTH = 200  # what `encode` makes stays far shorter; longer is no cursor of ours


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _digest(query: dict[str, Any]) -> str:
    """The filters a list was asked with, in a few bytes: a cursor stays short however long they are."""
    return hashlib.blake2b(repr(sorted(query.items())).encode(), digest_size=8).hexdigest()


def encode(kind: str, query: dict[str, Any], position: list[Any]) -> str:
    return _serializer().dumps([kind, _digest(query), position])


def decode(cursor: str, kind: str, query: dict[str, Any]) -> list[Any]:
    """The position a cursor holds, when it is ours and for this very list; else 422."""
    try:
        found_kind, found_query, position = _serializer().loads(cursor)
    except (BadData, ValueError, TypeError):
        raise ApiError(422, messages.CURSOR_INVALID, "cursor") from None
    if found_kind != kind or found_query != _digest(query):
        raise ApiError(422, messages.CURSOR_OF_ANOTHER_LIST, "cursor")
    if not isinstance(position, list):
        raise ApiError(422, messages.CURSOR_INVALID, "cursor")
    return position


def timestamp_position(created_at: datetime, row_id: int) -> list[int]:
    """A keyset position: microseconds since the epoch (exact, unlike a float) and the id."""
    return [(created_at - EPOCH) // timedelta(microseconds=1), row_id]


def integers(position: list[Any], count: int) -> list[int]:
    """A position of `count` whole numbers (never negative), or 422."""
    if len(position) != count or not all(type(value) is int and value >= 0 for value in position):
        raise ApiError(422, messages.CURSOR_INVALID, "cursor")
    return position


def timestamp_of(position: list[Any]) -> tuple[datetime, int]:
    """The (created_at, id) a keyset cursor holds."""
    microseconds, row_id = integers(position, 2)
    return EPOCH + timedelta(microseconds=microseconds), row_id

"""Opaque page cursors for the moderation lists: a position signed with the app's secret, so a
cursor the server did not hand out (edited, forged or truncated) is a 422, never a wrong page."""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

from service import messages
from service.errors import ApiError


def _signer(kind: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"moderation-cursor:{kind}")


def encode(kind: str, position: list[Any]) -> str:
    return str(_signer(kind).dumps(position))


def decode(kind: str, cursor: str | None, length: int) -> list[Any] | None:
    """The position a cursor of `kind` names (a list of `length` values), None without one."""
    if cursor is None:
        return None
    try:
        position = _signer(kind).loads(cursor)
    except BadData:
        raise ApiError(422, messages.CURSOR_INVALID, field="cursor") from None
    if not isinstance(position, list) or len(position) != length:
        raise ApiError(422, messages.CURSOR_INVALID, field="cursor")
    return position

"""Rows the tests need to call services directly, without HTTP."""

from __future__ import annotations

from sqlalchemy import select

from service.extensions import db
from service.models import User


def user_id(username: str) -> int:
    """The id of the user named `username` (call inside an app context)."""
    return db.session.scalar(select(User.id).where(User.username == username))

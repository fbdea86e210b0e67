"""Profiles and follows. Also owns "does the viewer follow this author?", which articles
and comments embed in every author they show."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Delete, Insert, Integer, Select, bindparam, delete, exists, false, select

from service import messages
from service.database import read, rows_written, upsert
from service.errors import ApiError
from service.extensions import db
from service.models import User, follows
from service.visibility import active

# The viewer in statements built once and cached (building one costs more than running it);
# bound per request as "viewer_id".
VIEWER_ID = bindparam("viewer_id", type_=Integer)


def following_expr(author_id: Any, *, signed_in: bool) -> ColumnElement[bool]:
    """SQL for "the viewer (VIEWER_ID) follows `author_id`", evaluated inside the caller's query;
    never true for an anonymous viewer."""
    if not signed_in:
        return false()
    return exists().where(follows.c.follower_id == VIEWER_ID, follows.c.followed_id == author_id)


def author_view(username: str, bio: str, image: str, following: bool) -> dict[str, Any]:
    return {"username": username, "bio": bio, "image": image, "following": bool(following)}


@cache
def _profile_query(signed_in: bool) -> Select[Any]:
    following = following_expr(User.id, signed_in=signed_in).label("following")
    return select(User.username, User.bio, User.image, following).where(
        User.username == bindparam("username"), active()
    )


def get_profile(username: str, viewer_id: int | None) -> dict[str, Any]:
    params = {"username": unicodedata.normalize("NFC", username), "viewer_id": viewer_id}
    row = read(_profile_query(viewer_id is not None), params).one_or_none()
    if row is None:
        raise ApiError(404, messages.PROFILE_NOT_FOUND)
    return author_view(*row)


# A suspended user's profile is gone for everyone: 404 to read, follow or unfollow.
_USER_ID_OF_USERNAME = select(User.id).where(User.username == bindparam("username"), active())


def _user_id(username: str) -> int:
    user_id = read(_USER_ID_OF_USERNAME, {"username": unicodedata.normalize("NFC", username)}).scalar()
    if user_id is None:
        raise ApiError(404, messages.PROFILE_NOT_FOUND)
    return user_id


def follow(follower_id: int, username: str) -> tuple[dict[str, Any], bool]:
    """The profile as its new follower sees it, and whether the follow is new."""
    followed_id = _user_id(username)
    if followed_id == follower_id:
        raise ApiError(422, messages.CANNOT_FOLLOW_SELF, field="username")
    changed = _write_follow(_follow_statement(db.engine.dialect.name), follower_id, followed_id)
    return get_profile(username, follower_id), changed


@cache
def _follow_statement(dialect_name: str) -> Insert:
    return upsert(follows, dialect_name).on_conflict_do_nothing()


_UNFOLLOW = delete(follows).where(
    follows.c.follower_id == bindparam("follower_id"), follows.c.followed_id == bindparam("followed_id")
)


def unfollow(follower_id: int, username: str) -> tuple[dict[str, Any], bool]:
    """The profile as its former follower sees it, and whether there was a follow to remove."""
    changed = _write_follow(_UNFOLLOW, follower_id, _user_id(username))
    return get_profile(username, follower_id), changed


def _write_follow(statement: Insert | Delete, follower_id: int, followed_id: int) -> bool:
    """Add or remove a follow, and say whether that changed anything: following twice, or
    unfollowing whom one does not follow, does not."""
    return rows_written(statement, {"follower_id": follower_id, "followed_id": followed_id}) > 0

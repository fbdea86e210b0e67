"""Profiles and follows. Also owns "does the viewer follow this author?", which articles
and comments embed in every author they show."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, exists, false, select

from service import messages
from service.database import insert_ignoring_duplicates
from service.errors import ApiError
from service.extensions import db
from service.models import User, follows


def following_expr(viewer: int | ColumnElement[int] | None, author_id: Any) -> ColumnElement[bool]:
    """SQL for "the viewer follows `author_id`", evaluated inside the caller's query; `viewer` is
    an id or a bound parameter of cached statements (None: anonymous, so never)."""
    if viewer is None:
        return false()
    return exists().where(follows.c.follower_id == viewer, follows.c.followed_id == author_id)


def author_view(username: str, bio: str, image: str, following: bool) -> dict[str, Any]:
    return {"username": username, "bio": bio, "image": image, "following": bool(following)}


def get_profile(username: str, viewer_id: int | None) -> dict[str, Any]:
    query = select(User.username, User.bio, User.image, following_expr(viewer_id, User.id).label("following"))
    row = db.session.execute(query.where(User.username == username)).one_or_none()
    if row is None:
        raise ApiError(404, messages.PROFILE_NOT_FOUND)
    return author_view(*row)


def _user_id(username: str) -> int:
    user_id = db.session.scalar(select(User.id).where(User.username == username))
    if user_id is None:
        raise ApiError(404, messages.PROFILE_NOT_FOUND)
    return user_id


def follow(follower: User, username: str) -> dict[str, Any]:
    followed_id = _user_id(username)
    if followed_id == follower.id:
        raise ApiError(422, messages.CANNOT_FOLLOW_SELF, field="username")
    insert_ignoring_duplicates(follows, [{"follower_id": follower.id, "followed_id": followed_id}])
    db.session.commit()
    return get_profile(username, follower.id)


def unfollow(follower: User, username: str) -> dict[str, Any]:
    followed_id = _user_id(username)
    db.session.execute(
        delete(follows).where(follows.c.follower_id == follower.id, follows.c.followed_id == followed_id)
    )
    db.session.commit()
    return get_profile(username, follower.id)

"""What moderation takes out of every public read, as SQL every domain's statements include.

An article is visible unless hidden or written by a suspended user; a comment likewise, and only
under a visible article. A suspension holds while `suspended_at` is set and `suspended_until` is
unset or still ahead: `NOW` is bound at each execution, so a suspension with an end lifts by
itself, with no job to run; `next_lapse` tells the caches when (`caching.version`). Staff read past
these conditions in the moderation API only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, select

from service.database import read
from service.models import Article, Comment, User, UTCDateTime, utcnow

# One object everywhere, so that a statement holding it twice binds one value.
NOW = bindparam("now", type_=UTCDateTime(), callable_=lambda: utcnow())


def suspended(user: Any = User) -> ColumnElement[bool]:
    """SQL for "this user is suspended now"; never NULL."""
    return user.suspended_at.is_not(None) & (user.suspended_until.is_(None) | (user.suspended_until > NOW))


def active(user: Any = User) -> ColumnElement[bool]:
    return ~suspended(user)


SUSPENDED_USER_IDS: Select[Any] = select(User.id).where(suspended())
# Off the suspended_at index: only suspended users, lifted or not, have one.
_NEXT_LAPSE = select(func.min(User.suspended_until)).where(User.suspended_at.is_not(None), User.suspended_until > NOW)


def next_lapse() -> datetime | None:
    """When the soonest pending suspension with an end lifts: what readers see changes then, with
    no write to say so. None when no suspension is due to lift."""
    lapse: datetime | None = read(_NEXT_LAPSE, {}).scalar()
    return lapse


def visible_author(author_id: Any) -> ColumnElement[bool]:
    return author_id.not_in(SUSPENDED_USER_IDS)


def visible_article(article: Any = Article) -> ColumnElement[bool]:
    return article.hidden_at.is_(None) & visible_author(article.author_id)


def visible_comment(comment: Any = Comment) -> ColumnElement[bool]:
    """The comment itself: hidden or by a suspended author is gone (its article is checked apart)."""
    return comment.hidden_at.is_(None) & visible_author(comment.author_id)

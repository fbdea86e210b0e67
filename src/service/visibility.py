"""What moderation takes out of every public read, as SQL every domain's statements include.

An article is visible unless hidden or written by a suspended user; a comment likewise, and only
under a visible article. A suspension holds while `suspended_at` is set and `suspended_until` is
unset or still ahead: `NOW` is bound at each execution, so a suspension with an end lifts by
itself, with no job to run. Staff read past these conditions in the moderation API only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select

from service.models import Article, Comment, User, UTCDateTime, utcnow

# One object everywhere, so that a statement holding it twice binds one value.
NOW = bindparam("now", type_=UTCDateTime(), callable_=lambda: utcnow())


def suspended(user: Any = User) -> ColumnElement[bool]:
    """SQL for "this user is suspended now"; never NULL."""
    return user.suspended_at.is_not(None) & (user.suspended_until.is_(None) | (user.suspended_until > NOW))


def active(user: Any = User) -> ColumnElement[bool]:
    return ~suspended(user)


SUSPENDED_USER_IDS: Select[Any] = select(User.id).where(suspended())


def visible_author(author_id: Any) -> ColumnElement[bool]:
    return author_id.not_in(SUSPENDED_USER_IDS)


def visible_article(article: Any = Article) -> ColumnElement[bool]:
    return article.hidden_at.is_(None) & visible_author(article.author_id)


def visible_comment(comment: Any = Comment) -> ColumnElement[bool]:
    """The comment itself: hidden or by a suspended author is gone (its article is checked apart)."""
    return comment.hidden_at.is_(None) & visible_author(comment.author_id)

"""Comments on articles: anyone reads them, the signed-in write them, authors delete theirs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from service import messages
from service.articles.services import article_id_by_slug
from service.errors import ApiError
from service.extensions import db
from service.models import Comment, User, utcnow
from service.profiles.services import author_view, following_expr

MAX_COMMENTS = 500


def _comment_rows(viewer_id: int | None) -> Any:
    return select(
        Comment.id,
        Comment.body,
        Comment.created_at,
        Comment.updated_at,
        User.username,
        User.bio,
        User.image,
        following_expr(viewer_id, Comment.author_id).label("following"),
    ).join(User, User.id == Comment.author_id)


def _comment_view(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "body": row.body,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "author": author_view(row.username, row.bio, row.image, row.following),
    }


def list_comments(slug: str, viewer_id: int | None) -> list[dict[str, Any]]:
    """Newest first, authors included, in one query (bounded: a page is all a reader sees)."""
    article_id = article_id_by_slug(slug)
    rows = db.session.execute(
        _comment_rows(viewer_id)
        .where(Comment.article_id == article_id)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(MAX_COMMENTS)
    )
    return [_comment_view(row) for row in rows]


def add_comment(author: User, slug: str, body: str) -> dict[str, Any]:
    now = utcnow()
    comment = Comment(
        article_id=article_id_by_slug(slug), author_id=author.id, body=body, created_at=now, updated_at=now
    )
    db.session.add(comment)
    db.session.commit()
    row = db.session.execute(_comment_rows(author.id).where(Comment.id == comment.id)).one()
    return _comment_view(row)


def delete_comment(user: User, slug: str, comment_id: int) -> None:
    """Only the comment's author may delete it, and only under its own article."""
    author_id = db.session.scalar(
        select(Comment.author_id).where(Comment.id == comment_id, Comment.article_id == article_id_by_slug(slug))
    )
    if author_id is None:
        raise ApiError(404, messages.COMMENT_NOT_FOUND)
    if author_id != user.id:
        raise ApiError(403, messages.NOT_COMMENT_AUTHOR)
    db.session.execute(delete(Comment).where(Comment.id == comment_id))
    db.session.commit()

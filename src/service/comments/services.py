"""Comments on articles: anyone reads them, the signed-in write them, authors delete theirs."""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import FromClause, Insert, Integer, Select, bindparam, delete, func, insert, select, tuple_

from service import messages
from service.articles.services import article_id_by_slug
from service.auth import require_existing_user, user_exists
from service.caching import scopes
from service.caching.version import request_versions
from service.cursors import decode, encode, timestamp_of, timestamp_position
from service.database import read, write_alone, writes_inside_with
from service.errors import ApiError
from service.extensions import db
from service.models import Article, Comment, User, utcnow
from service.profiles.services import author_view, following_expr

MAX_COMMENTS = 500  # the most one answer holds: all of them, for RealWorld clients, up to this
COMMENTS = Comment.__table__
ARTICLE_OF_SLUG = select(Article.id).where(Article.slug == bindparam("slug")).scalar_subquery()
COMMENTS_OF_ARTICLE = select(func.count()).select_from(COMMENTS).where(Comment.article_id == ARTICLE_OF_SLUG)


def _comment_rows(signed_in: bool, comments: FromClause = COMMENTS) -> Select[Any]:
    """Comments with their authors, the viewer bound per request as "viewer_id". `comments` is the
    table, or a new comment returned by the statement that inserts it."""
    return select(
        comments.c.id,
        comments.c.body,
        comments.c.created_at,
        comments.c.updated_at,
        User.username,
        User.bio,
        User.image,
        following_expr(comments.c.author_id, signed_in=signed_in).label("following"),
    ).join_from(comments, User, User.id == comments.c.author_id)


@cache
def _comments_of_article(signed_in: bool, after: bool) -> Select[Any]:
    """A page of the article's comments, newest first, each row also carrying their count; `after`:
    those older than a cursor's (created_at, id)."""
    after_cursor = tuple_(Comment.created_at, Comment.id) < tuple_(
        bindparam("after_created_at", type_=Comment.created_at.type), bindparam("after_id", type_=Integer)
    )
    return (
        _comment_rows(signed_in)
        .add_columns(COMMENTS_OF_ARTICLE.scalar_subquery().label("total"))
        .where(Comment.article_id == ARTICLE_OF_SLUG)
        .where(*([after_cursor] if after else []))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(bindparam("limit", type_=Integer))
    )


# The article and its count of comments: what a page with no comment still says (or 404).
_ARTICLE_AND_COUNT = select(Article.id, COMMENTS_OF_ARTICLE.scalar_subquery().label("total")).where(
    Article.slug == bindparam("slug")
)


_COMMENT_AUTHOR = select(Comment.author_id).where(
    Comment.id == bindparam("comment_id"), Comment.article_id == bindparam("article_id")
)
_DELETE_COMMENT = delete(Comment).where(Comment.id == bindparam("comment_id"))


@cache
def _one_comment() -> Select[Any]:
    return _comment_rows(signed_in=True).where(Comment.id == bindparam("comment_id"))


@cache
def _new_comment(dialect_name: str) -> Insert | Select[Any]:
    """Insert a comment on the article with this slug, found by the statement itself, by an author
    it checks still exists; with no such article or author it inserts nothing and returns no row.
    Where the backend can (`writes_inside_with`), the statement also returns the comment as its
    author sees it: one round trip. Elsewhere it returns the new comment's id."""
    author_id = bindparam("author_id", type_=Integer)
    on_article = select(
        Article.id,
        author_id,
        bindparam("body", type_=Comment.body.type),
        bindparam("created_at", type_=Comment.created_at.type),
        bindparam("updated_at", type_=Comment.updated_at.type),
    ).where(Article.slug == bindparam("slug"), user_exists(author_id))
    columns = ["article_id", "author_id", "body", "created_at", "updated_at"]
    new_comment = insert(COMMENTS).from_select(columns, on_article)
    if not writes_inside_with(dialect_name):
        return new_comment.returning(COMMENTS.c.id)
    c = COMMENTS.c
    returned = new_comment.returning(c.id, c.body, c.created_at, c.updated_at, c.author_id).cte("new_comment")
    return _comment_rows(signed_in=True, comments=returned)


def _comment_view(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "body": row.body,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "author": author_view(row.username, row.bio, row.image, row.following),
    }


class CommentsPage(NamedTuple):
    comments: list[dict[str, Any]]
    total: int
    next_cursor: str | None  # where the next page starts; None on the last page


def list_comments(
    slug: str, viewer_id: int | None, *, limit: int = MAX_COMMENTS, cursor: str | None = None
) -> CommentsPage:
    """Newest first, authors and the count included, in one statement (one row more than the page
    tells whether another follows). Only a page with no comment needs a second one, for the count
    and to tell "no comments" from "no such article" (404)."""
    request_versions([scopes.article_page(slug)])  # before reading them
    params: dict[str, Any] = {"slug": slug, "viewer_id": viewer_id, "limit": limit + 1}
    listed = {"slug": slug}
    if cursor is not None:
        params["after_created_at"], params["after_id"] = timestamp_of(decode(cursor, "comments", listed))
    rows = read(_comments_of_article(viewer_id is not None, cursor is not None), params).all()
    if rows:
        total = rows[0].total
    else:
        article = read(_ARTICLE_AND_COUNT, params).one_or_none()
        if article is None:
            raise ApiError(404, messages.ARTICLE_NOT_FOUND)
        total = article.total
    shown = rows[:limit]
    last = shown[-1] if len(rows) > limit else None
    next_cursor = encode("comments", listed, timestamp_position(last.created_at, last.id)) if last else None
    return CommentsPage([_comment_view(row) for row in shown], total, next_cursor)


def add_comment(author_id: int, slug: str, body: str) -> dict[str, Any]:
    now = utcnow()  # one instant: a new comment's createdAt and updatedAt are equal
    fields = {"slug": slug, "body": body, "created_at": now, "updated_at": now}
    fields |= {"author_id": author_id, "viewer_id": author_id}  # the answer is as its author sees it
    dialect_name = db.engine.dialect.name
    row = write_alone(_new_comment(dialect_name), fields).one_or_none()
    if row is None:
        require_existing_user(author_id)
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    if not writes_inside_with(dialect_name):  # the answer is read after the write
        row = read(_one_comment(), {"comment_id": row.id, "viewer_id": author_id}).one()
    return _comment_view(row)


def delete_comment(user_id: int, slug: str, comment_id: int) -> None:
    """Only the comment's author may delete it, and only under its own article."""
    params = {"comment_id": comment_id, "article_id": article_id_by_slug(slug)}
    author_id = read(_COMMENT_AUTHOR, params).scalar()
    if author_id is None:
        raise ApiError(404, messages.COMMENT_NOT_FOUND)
    if author_id != user_id:
        raise ApiError(403, messages.NOT_COMMENT_AUTHOR)
    write_alone(_DELETE_COMMENT, {"comment_id": comment_id})

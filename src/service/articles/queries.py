"""The articles' SQL: every statement built once with bound parameters (building one costs more
than running it), and the branches between SQLite and PostgreSQL.

A page of articles is one SELECT for the page's ids, the viewer's `favorited` and `following`
flags and the total count (`page_query`), then one SELECT for the summaries the worker does not
keep (`summaries_query`), each with its author, tags and favorites count. A page asked for by
cursor starts after a (created_at, id) position instead of at an offset (keyset).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Delete,
    Insert,
    Integer,
    Select,
    bindparam,
    delete,
    exists,
    false,
    func,
    select,
    true,
    tuple_,
)

from service.auth import user_exists
from service.database import upsert, writes_inside_with
from service.models import Article, Tag, User, article_tags, favorites, follows
from service.profiles.services import VIEWER_ID, following_expr
from service.tags.services import tag_names_of

NEWEST_FIRST = (Article.created_at.desc(), Article.id.desc())
PAGE_LIMIT = bindparam("limit", type_=Integer)
PAGE_OFFSET = bindparam("offset", type_=Integer)
FOLLOWED_BY_VIEWER = select(follows.c.followed_id).where(follows.c.follower_id == VIEWER_ID)
# A cursor's position: the page holds what comes after it, newest first.
AFTER_CREATED_AT = bindparam("after_created_at", type_=Article.created_at.type)
AFTER_ID = bindparam("after_id", type_=Integer)


def after_position(created_at: Any, row_id: Any) -> ColumnElement[bool]:
    """Rows older than the cursor's position, as a row comparison that walks the (created_at, id) index."""
    return tuple_(created_at, row_id) < tuple_(AFTER_CREATED_AT, AFTER_ID)


@cache
def filters() -> dict[str, ColumnElement[bool]]:
    """Each list filter, bound by its own name; feed is "by authors the viewer follows"."""
    return {
        "tag": Article.id.in_(
            select(article_tags.c.article_id)
            .join(Tag, Tag.id == article_tags.c.tag_id)
            .where(Tag.name == bindparam("tag"))
        ),
        "author": Article.author_id.in_(select(User.id).where(User.username == bindparam("author"))),
        "favorited": Article.id.in_(
            select(favorites.c.article_id)
            .join(User, User.id == favorites.c.user_id)
            .where(User.username == bindparam("favorited"))
        ),
        "feed": Article.author_id.in_(FOLLOWED_BY_VIEWER),
    }


def favorited_expr(article_id: Any, *, signed_in: bool) -> ColumnElement[bool]:
    """SQL for "the viewer (VIEWER_ID) favorited `article_id`"; never true for an anonymous viewer."""
    if not signed_in:
        return false()
    return exists().where(favorites.c.article_id == article_id, favorites.c.user_id == VIEWER_ID)


@cache
def article_select(*, with_body: bool, signed_in: bool, favorited_now: bool | None = None) -> Select[Any]:
    """The columns of an article's view. `favorited_now` is set for the answer to the viewer's own
    favorite or unfavorite: the viewer's favorite is then known, and only the others' are counted,
    so the answer holds even when it cannot see the write (see `writes_inside_with`)."""
    count_favorites = select(func.count()).select_from(favorites).where(favorites.c.article_id == Article.id)
    if favorited_now is None:
        favorites_count = count_favorites.scalar_subquery()
        favorited = favorited_expr(Article.id, signed_in=signed_in)
    else:
        others = count_favorites.where(favorites.c.user_id != VIEWER_ID).scalar_subquery()
        favorites_count, favorited = others + int(favorited_now), true() if favorited_now else false()
    columns = [
        Article.slug,
        Article.title,
        Article.description,
        Article.created_at,
        Article.updated_at,
        User.username,
        User.bio,
        User.image,
        favorites_count.label("favorites_count"),
        favorited.label("favorited"),
        following_expr(Article.author_id, signed_in=signed_in).label("following"),
        tag_names_of(Article.id).label("tag_names"),
    ]
    if with_body:
        columns.append(Article.body)
    return select(*columns).join(User, User.id == Article.author_id)


@cache
def feed_page_on_postgresql(after: bool) -> Select[Any]:
    """The feed's page, sought among each followed author's newest (offset + limit) articles, each
    read in order from the (author_id, created_at, id) index by a LATERAL subquery that holds all the
    page needs: the cost stays flat however many articles the followed authors wrote, and no article
    row is read. SQLite has no LATERAL; there the feed is the plain filter."""
    followed = FOLLOWED_BY_VIEWER.subquery("followed")
    newest = (
        select(Article.id, Article.created_at)
        .where(Article.author_id == followed.c.followed_id)
        .where(*([after_position(Article.created_at, Article.id)] if after else []))
        .order_by(*NEWEST_FIRST)
        .limit(PAGE_LIMIT + PAGE_OFFSET)
        .lateral("newest_of_author")
    )
    return (
        select(
            newest.c.id,
            newest.c.created_at,
            favorited_expr(newest.c.id, signed_in=True).label("favorited"),
            true().label("following"),  # the feed shows only followed authors
        )
        .select_from(followed)
        .join(newest, true())
        .order_by(newest.c.created_at.desc(), newest.c.id.desc())
        .limit(PAGE_LIMIT)
        .offset(PAGE_OFFSET)
    )


@cache
def count_query(filter_names: tuple[str, ...]) -> Select[Any]:
    return select(func.count()).select_from(Article).where(*(filters()[name] for name in filter_names))


def limited_in_text(query: Select[Any]) -> Select[Any]:
    """The page's LIMIT and OFFSET written into the statement's text instead of bound. PostgreSQL
    plans a prepared statement once for all (a generic plan) only when that plan looks no worse
    than planning each execution; with the LIMIT a parameter it cannot tell, so it planned every
    signed-in home page again, which was most of that page's database time. Only for the unfiltered
    list, whose best plan no parameter can change: a filter's value can (a rare tag is best found
    from its tag, a common one along the newest articles), so filtered pages stay planned each time."""
    return query.limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(
        bindparam("offset", type_=Integer, literal_execute=True)
    )


@cache
def page_query(
    filter_names: tuple[str, ...], signed_in: bool, with_total: bool, dialect: str, after: bool = False
) -> Select[Any]:
    """One page's article ids, creation times and the viewer's flags, each row also carrying the
    total when asked: the uncorrelated COUNT subquery runs once per statement, which saves a round
    trip over asking for the total separately. `after`: the page starts after a cursor's position."""
    if filter_names == ("feed",) and dialect == "postgresql":
        query = feed_page_on_postgresql(after)
    else:
        query = (
            select(
                Article.id,
                Article.created_at,
                favorited_expr(Article.id, signed_in=signed_in).label("favorited"),
                following_expr(Article.author_id, signed_in=signed_in).label("following"),
            )
            .where(*(filters()[name] for name in filter_names))
            .where(*([after_position(Article.created_at, Article.id)] if after else []))
            .order_by(*NEWEST_FIRST)
        )
        query = query.limit(PAGE_LIMIT).offset(PAGE_OFFSET) if filter_names else limited_in_text(query)
    return query.add_columns(count_query(filter_names).scalar_subquery().label("total")) if with_total else query


@cache
def summaries_query() -> Select[Any]:
    anonymous = article_select(with_body=False, signed_in=False)
    return anonymous.add_columns(Article.id).where(Article.id.in_(bindparam("ids", expanding=True)))


@cache
def single_query(signed_in: bool) -> Select[Any]:
    article = article_select(with_body=True, signed_in=signed_in).add_columns(Article.id)
    return article.where(Article.slug == bindparam("slug"))


ARTICLE_ID_OF_SLUG = select(Article.id).where(Article.slug == bindparam("slug"))


# A favorite finds the article by its slug and checks that its user exists in the statement that
# writes, and on PostgreSQL reads its answer in that statement too: one round trip. With no such
# article or user it changes no row (a user deleted has no favorites left to delete), and the answer
# says 404 or 401.
FAVORITER_ID = bindparam("user_id", type_=Integer)


@cache
def favorite_write(favorited: bool, dialect_name: str) -> Insert | Delete:
    if favorited:
        by_user = select(FAVORITER_ID, Article.id).where(Article.slug == bindparam("slug"), user_exists(FAVORITER_ID))
        return upsert(favorites, dialect_name).from_select(["user_id", "article_id"], by_user).on_conflict_do_nothing()
    of_slug = favorites.c.article_id.in_(ARTICLE_ID_OF_SLUG)
    return delete(favorites).where(favorites.c.user_id == FAVORITER_ID, of_slug)


@cache
def favorite_answer(favorited: bool, dialect_name: str) -> Select[Any]:
    """The article as its favoriter sees it after the write, and whether that user still exists."""
    answer = (
        article_select(with_body=True, signed_in=True, favorited_now=favorited)
        .where(Article.slug == bindparam("slug"))
        .add_columns(Article.id, user_exists(VIEWER_ID).label("viewer_exists"))
    )
    if writes_inside_with(dialect_name):
        written = favorite_write(favorited, dialect_name).returning(favorites.c.article_id).cte("favorite_written")
        changed = exists(written.select())
        answer = answer.add_cte(written).add_columns(changed.label("changed"))
    return answer

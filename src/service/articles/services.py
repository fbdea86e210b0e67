"""Articles, favorites and the feed.

Every read is set-based. A page of articles costs one SELECT for the page's article ids, the
viewer's `favorited` and `following` flags and the total count, then the articles' summaries: those
the worker keeps (see `service.response_cache`), and one SELECT for all the others, bringing each
with its author, tags and favorites count. Neither grows with the page size.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Callable
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
)
from sqlalchemy.exc import IntegrityError

from service import messages
from service.articles.schemas import ArticleSummary
from service.auth import require_existing_user, user_exists
from service.cache import shared_cache
from service.database import (
    insert_ignoring_duplicates,
    read,
    rows_written,
    upsert,
    write_alone,
    writes_inside_with,
)
from service.errors import ApiError
from service.extensions import db
from service.models import Article, Tag, User, article_tags, favorites, follows, utcnow
from service.profiles.services import VIEWER_ID, author_view, following_expr
from service.response_cache import kept, nothing_written
from service.tags.services import TAG_CLOUD, ensure_tag_ids, tag_names_of

MAX_SLUG_LENGTH = 80
SLUG_ATTEMPTS = 3
# Path segments other routes own (/api/articles/feed): an article titled "Feed" gets a suffixed slug.
RESERVED_SLUGS = frozenset({"feed"})


def slugify(title: str) -> str:
    """ "How to Train Your Dragon!" -> "how-to-train-your-dragon"; accents are dropped,
    other scripts kept ("Привет мир" -> "привет-мир")."""
    decomposed = unicodedata.normalize("NFKD", title)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", without_marks.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].strip("-") or "article"


def _slug_for(title: str, article_id: int | None, attempt: int) -> str:
    base = slugify(title)
    if attempt == 0 and base not in RESERVED_SLUGS:
        taken = select(Article.id).where(Article.slug == base, Article.id != (article_id or 0))
        if db.session.scalar(taken) is None:
            return base
    return f"{base}-{secrets.token_hex(3)}"


# --- reading -------------------------------------------------------------------------
# Statements are built once, with bound parameters: building one costs more than running it.

ALL_ARTICLES_COUNT = "articles:count"
COUNT_CACHE_SECONDS = 30
NEWEST_FIRST = (Article.created_at.desc(), Article.id.desc())
PAGE_LIMIT = bindparam("limit", type_=Integer)
PAGE_OFFSET = bindparam("offset", type_=Integer)
FOLLOWED_BY_VIEWER = select(follows.c.followed_id).where(follows.c.follower_id == VIEWER_ID)


@cache
def _filters() -> dict[str, ColumnElement[bool]]:
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


def _favorited_expr(article_id: Any, *, signed_in: bool) -> ColumnElement[bool]:
    """SQL for "the viewer (VIEWER_ID) favorited `article_id`"; never true for an anonymous viewer."""
    if not signed_in:
        return false()
    return exists().where(favorites.c.article_id == article_id, favorites.c.user_id == VIEWER_ID)


@cache
def _article_select(*, with_body: bool, signed_in: bool, favorited_now: bool | None = None) -> Select[Any]:
    """The columns of an article's view. `favorited_now` is set for the answer to the viewer's own
    favorite or unfavorite: the viewer's favorite is then known, and only the others' are counted,
    so the answer holds even when it cannot see the write (see `writes_inside_with`)."""
    count_favorites = select(func.count()).select_from(favorites).where(favorites.c.article_id == Article.id)
    if favorited_now is None:
        favorites_count = count_favorites.scalar_subquery()
        favorited = _favorited_expr(Article.id, signed_in=signed_in)
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
def _feed_page_on_postgresql() -> Select[Any]:
    """The feed's page, sought among each followed author's newest (offset + limit) articles, each
    read in order from the (author_id, created_at, id) index by a LATERAL subquery that holds all the
    page needs: the cost stays flat however many articles the followed authors wrote, and no article
    row is read. SQLite has no LATERAL; there the feed is the plain filter."""
    followed = FOLLOWED_BY_VIEWER.subquery("followed")
    newest = (
        select(Article.id, Article.created_at)
        .where(Article.author_id == followed.c.followed_id)
        .order_by(*NEWEST_FIRST)
        .limit(PAGE_LIMIT + PAGE_OFFSET)
        .lateral("newest_of_author")
    )
    return (
        select(
            newest.c.id,
            _favorited_expr(newest.c.id, signed_in=True).label("favorited"),
            true().label("following"),  # the feed shows only followed authors
        )
        .select_from(followed)
        .join(newest, true())
        .order_by(newest.c.created_at.desc(), newest.c.id.desc())
        .limit(PAGE_LIMIT)
        .offset(PAGE_OFFSET)
    )


@cache
def _count_query(filter_names: tuple[str, ...]) -> Select[Any]:
    return select(func.count()).select_from(Article).where(*(_filters()[name] for name in filter_names))


def _limited_in_text(query: Select[Any]) -> Select[Any]:
    """The page's LIMIT and OFFSET written into the statement's text instead of bound. PostgreSQL
    plans a prepared statement once for all (a generic plan) only when that plan looks no worse
    than planning each execution; with the LIMIT a parameter it cannot tell, so it planned every
    signed-in home page again: 0.21 of its 0.33 ms at 200,000 articles. Only for the unfiltered
    list, whose best plan no parameter can change: a filter's value can (a rare tag is best found
    from its tag, a common one along the newest articles), so filtered pages stay planned each time."""
    return query.limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(
        bindparam("offset", type_=Integer, literal_execute=True)
    )


@cache
def _page_query(filter_names: tuple[str, ...], signed_in: bool, with_total: bool, dialect: str) -> Select[Any]:
    """One page's article ids and the viewer's flags, each row also carrying the total when asked:
    the uncorrelated COUNT subquery runs once per statement, which saves a round trip over asking
    for the total separately."""
    if filter_names == ("feed",) and dialect == "postgresql":
        query = _feed_page_on_postgresql()
    else:
        query = (
            select(
                Article.id,
                _favorited_expr(Article.id, signed_in=signed_in).label("favorited"),
                following_expr(Article.author_id, signed_in=signed_in).label("following"),
            )
            .where(*(_filters()[name] for name in filter_names))
            .order_by(*NEWEST_FIRST)
        )
        query = query.limit(PAGE_LIMIT).offset(PAGE_OFFSET) if filter_names else _limited_in_text(query)
    return query.add_columns(_count_query(filter_names).scalar_subquery().label("total")) if with_total else query


@cache
def _summaries_query() -> Select[Any]:
    anonymous = _article_select(with_body=False, signed_in=False)
    return anonymous.add_columns(Article.id).where(Article.id.in_(bindparam("ids", expanding=True)))


@cache
def _single_query(signed_in: bool) -> Select[Any]:
    return _article_select(with_body=True, signed_in=signed_in).where(Article.slug == bindparam("slug"))


def _article_view(row: Any) -> dict[str, Any]:
    view = {
        "slug": row.slug,
        "title": row.title,
        "description": row.description,
        # Sorted here, not by the database's collation: the same order on every backend.
        "tag_list": sorted(row.tag_names or ()),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "favorited": bool(row.favorited),
        "favorites_count": row.favorites_count,
        "author": author_view(row.username, row.bio, row.image, row.following),
    }
    if "body" in row._fields:
        view["body"] = row.body
    return view


ARTICLE_SUMMARIES = "article-summaries"
ARTICLE_TOTALS = "article-totals"
SUMMARY_SCHEMA = ArticleSummary()


def _summaries(article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each article's summary as an anonymous reader sees it in a list, already dumped by its
    response schema: those this worker keeps, and one SELECT for the others. Kept dumped, a
    summary costs nothing to serialize again (dumping was a third of a page's CPU)."""
    kept_summaries = kept(ARTICLE_SUMMARIES)
    found: dict[int, dict[str, Any]] = {}
    if kept_summaries is not None:
        for article_id in article_ids:
            summary = kept_summaries.get(article_id)
            if summary is not None:
                found[article_id] = summary
    missing = [article_id for article_id in article_ids if article_id not in found]
    if missing:
        for row in read(_summaries_query(), {"ids": missing}):
            summary = SUMMARY_SCHEMA.dump(_article_view(row))
            found[row.id] = summary
            if kept_summaries is not None:
                kept_summaries.put(row.id, summary, len(json.dumps(summary)))
    return found


def _as_seen_by_viewer(summary: dict[str, Any], favorited: bool, following: bool) -> dict[str, Any]:
    """The anonymous summary with the viewer's flags; a kept summary is shared, so never changed."""
    if not (favorited or following):
        return summary
    author = {**summary["author"], "following": bool(following)}
    return {**summary, "favorited": bool(favorited), "author": author}


def _known_total(filters: dict[str, Any]) -> tuple[int | None, Callable[[int], None]]:
    """The total for these filters if known, and how to remember it once counted. The worker
    keeps totals until the next write. Counting every article is also the one count that grows
    with the table (a full index scan at 200,000 articles), so it is shared through the cache for
    a while, across workers and across writes that add or delete no article."""
    totals = kept(ARTICLE_TOTALS)
    key = tuple(sorted(filters.items()))

    def keep(total: int) -> None:
        if totals is not None:
            totals.put(key, total, size=64 + len(repr(key)))

    def remember(total: int) -> None:
        keep(total)
        if not filters:
            shared_cache().set(ALL_ARTICLES_COUNT, total, COUNT_CACHE_SECONDS)

    known: int | None = totals.get(key) if totals is not None else None
    if known is None and not filters:
        known = shared_cache().get(ALL_ARTICLES_COUNT)
        if known is not None:
            keep(known)
    return known, remember


def _page(filters: dict[str, Any], viewer_id: int | None, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """A page of summaries in wire form (dumped), and the total."""
    names = tuple(sorted(filters))
    params = {**filters, "viewer_id": viewer_id, "limit": limit, "offset": offset}
    known_total, remember_total = _known_total(filters)
    query = _page_query(names, viewer_id is not None, known_total is None, db.engine.dialect.name)
    rows = read(query, params).all()
    if known_total is not None:
        total = known_total
    else:
        # Past the last page (or when nothing matches) no row carries the total.
        total = rows[0].total if rows else read(_count_query(names), params).scalar_one()
        remember_total(total)
    summaries = _summaries([row.id for row in rows])
    # An article deleted between the two statements is simply left out.
    page = [_as_seen_by_viewer(summaries[row.id], row.favorited, row.following) for row in rows if row.id in summaries]
    return page, total


def list_articles(
    viewer_id: int | None,
    *,
    limit: int,
    offset: int,
    tag: str | None = None,
    author: str | None = None,
    favorited: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Newest first; filters combine, and an unknown tag or user simply matches nothing."""
    given = {"tag": tag, "author": author, "favorited": favorited}
    return _page({name: value for name, value in given.items() if value is not None}, viewer_id, limit, offset)


def feed(viewer_id: int, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Articles by the authors the viewer follows, newest first."""
    return _page({"feed": viewer_id}, viewer_id, limit, offset)


def get_article(slug: str, viewer_id: int | None) -> dict[str, Any]:
    params = {"slug": slug, "viewer_id": viewer_id}
    row = read(_single_query(viewer_id is not None), params).one_or_none()
    if row is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    return _article_view(row)


# --- writing -------------------------------------------------------------------------


def _own(slug: str, user_id: int) -> Article:
    """The article, when the user wrote it: 404 when it does not exist, 403 when it is not theirs."""
    article = db.session.scalars(select(Article).where(Article.slug == slug)).one_or_none()
    if article is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    if article.author_id != user_id:
        raise ApiError(403, messages.NOT_ARTICLE_AUTHOR)
    return article


_ARTICLE_ID_OF_SLUG = select(Article.id).where(Article.slug == bindparam("slug"))


def article_id_by_slug(slug: str) -> int:
    article_id = read(_ARTICLE_ID_OF_SLUG, {"slug": slug}).scalar()
    if article_id is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    return article_id


def _save(article: Article, tag_names: list[str] | None, *, new_slug: bool) -> None:
    """Commit the article (and replace its tags when given), retrying with a suffixed slug
    when another request took the same slug in the meantime."""
    fields = {
        column: getattr(article, column) for column in ("title", "description", "body", "author_id", "updated_at")
    }
    for attempt in range(SLUG_ATTEMPTS):
        if new_slug:
            article.slug = _slug_for(article.title, article.id, attempt)
        db.session.add(article)
        try:
            db.session.flush()
            if tag_names is not None:
                db.session.execute(delete(article_tags).where(article_tags.c.article_id == article.id))
                links = [{"article_id": article.id, "tag_id": tag_id} for tag_id in ensure_tag_ids(tag_names)]
                insert_ignoring_duplicates(article_tags, links)
            db.session.commit()
            shared_cache().delete(ALL_ARTICLES_COUNT, TAG_CLOUD)
            return
        except IntegrityError:
            db.session.rollback()
            if not new_slug or attempt == SLUG_ATTEMPTS - 1:
                raise
            for column, value in fields.items():  # the rollback expired the pending changes
                setattr(article, column, value)


def create_article(author_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    now = utcnow()  # one instant: a new article's createdAt and updatedAt are equal
    article = Article(
        created_at=now,
        updated_at=now,
        title=fields["title"],
        description=fields["description"],
        body=fields["body"],
        author_id=author_id,
    )
    _save(article, fields.get("tagList", []), new_slug=True)
    return get_article(article.slug, author_id)


def update_article(user_id: int, slug: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Only the author may edit; a new title gives the article a new slug."""
    article = _own(slug, user_id)
    title_changed = "title" in changes and changes["title"] != article.title
    for field in ("title", "description", "body"):
        if field in changes:
            setattr(article, field, changes[field])
    article.updated_at = utcnow()
    _save(article, changes.get("tagList"), new_slug=title_changed)
    return get_article(article.slug, user_id)


def delete_article(user_id: int, slug: str) -> None:
    """Only the author may delete; comments, favorites and tag links go with it (ON DELETE CASCADE)."""
    article = _own(slug, user_id)
    db.session.execute(delete(Article).where(Article.id == article.id))
    db.session.commit()
    shared_cache().delete(ALL_ARTICLES_COUNT, TAG_CLOUD)


# A favorite finds the article by its slug and checks that its user exists in the statement that
# writes, and on PostgreSQL reads its answer in that statement too: one round trip. With no such
# article or user it changes no row (a user deleted has no favorites left to delete), and the answer
# says 404 or 401.
_FAVORITER_ID = bindparam("user_id", type_=Integer)


@cache
def _favorite_write(favorited: bool, dialect_name: str) -> Insert | Delete:
    if favorited:
        by_user = select(_FAVORITER_ID, Article.id).where(Article.slug == bindparam("slug"), user_exists(_FAVORITER_ID))
        return upsert(favorites, dialect_name).from_select(["user_id", "article_id"], by_user).on_conflict_do_nothing()
    of_slug = favorites.c.article_id.in_(_ARTICLE_ID_OF_SLUG)
    return delete(favorites).where(favorites.c.user_id == _FAVORITER_ID, of_slug)


@cache
def _favorite_answer(favorited: bool, dialect_name: str) -> Select[Any]:
    """The article as its favoriter sees it after the write, and whether that user still exists."""
    answer = (
        _article_select(with_body=True, signed_in=True, favorited_now=favorited)
        .where(Article.slug == bindparam("slug"))
        .add_columns(user_exists(VIEWER_ID).label("viewer_exists"))
    )
    if writes_inside_with(dialect_name):
        written = _favorite_write(favorited, dialect_name).returning(favorites.c.article_id).cte("favorite_written")
        changed = exists(written.select())
        answer = answer.add_cte(written).add_columns(changed.label("changed"))
    return answer


def _set_favorite(user_id: int, slug: str, favorited: bool) -> dict[str, Any]:
    """Write the favorite (or remove it) and answer with the article: 401 when the user no longer
    exists, the statement having then written nothing; else 404 when the article does not."""
    params = {"user_id": user_id, "viewer_id": user_id, "slug": slug}
    dialect_name = db.engine.dialect.name
    answer = _favorite_answer(favorited, dialect_name)
    if writes_inside_with(dialect_name):
        row = write_alone(answer, params).one_or_none()
        changed = row is not None and row.changed
    else:
        changed = rows_written(_favorite_write(favorited, dialect_name), params) > 0
        row = read(answer, params).one_or_none()
    if row is None:
        require_existing_user(user_id)
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    if not row.viewer_exists:
        raise ApiError(401, messages.AUTH_USER_GONE)
    if not changed:  # favorited twice, or unfavorited when it was not
        nothing_written()
    return _article_view(row)


def favorite(user_id: int, slug: str) -> dict[str, Any]:
    """Idempotent; the count is derived from the rows, so parallel favorites all count."""
    return _set_favorite(user_id, slug, favorited=True)


def unfavorite(user_id: int, slug: str) -> dict[str, Any]:
    return _set_favorite(user_id, slug, favorited=False)

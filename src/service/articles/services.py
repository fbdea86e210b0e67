"""Articles, favorites and the feed: the rules (who may write what, slugs, what a reader sees).
The statements they run are in `articles.queries`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import orjson
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from service import messages
from service.articles import queries, search_window
from service.articles.search import (
    engine_query,
    search_count_query,
    search_page_query,
    search_words,
    uses_recency_index,
)
from service.articles.slugs import slug_for
from service.auth import require_existing_user
from service.caching import scopes
from service.caching.kept import kept
from service.caching.store import shared_cache
from service.caching.version import request_versions
from service.cursors import decode, encode, integers, timestamp_of, timestamp_position
from service.database import insert_ignoring_duplicates, read, rows_written, write_alone, writes_inside_with
from service.errors import ApiError
from service.extensions import db
from service.models import Article, article_tags, utcnow
from service.profiles.services import author_view
from service.tags.services import TAG_CLOUD, ensure_tag_ids
from service.visibility import visible_article

ALL_ARTICLES_COUNT = "articles:count"
COUNT_CACHE_SECONDS = 30
SLUG_ATTEMPTS = 3


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
    if "id" in row._fields:
        view["id"] = row.id  # what writes name the article by (`record_write`); no schema shows it
    return view


ARTICLE_SUMMARIES = "article-summaries"
ARTICLE_TOTALS = "article-totals"
ARTICLE_LISTINGS = "article-listings"


def _summaries(article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each article's summary as an anonymous reader sees it in a list, with its id: those this
    worker keeps, each under its article's scope, and one SELECT for the others."""
    request_versions([scopes.article(article_id) for article_id in article_ids])  # before reading them
    kept_summaries = kept(ARTICLE_SUMMARIES)
    found: dict[int, dict[str, Any]] = {}
    if kept_summaries is not None:
        for article_id in article_ids:
            summary = kept_summaries.get(article_id)
            if summary is not None:
                found[article_id] = summary
    missing = [article_id for article_id in article_ids if article_id not in found]
    if missing:
        for row in read(queries.summaries_query(), {"ids": missing}):
            summary = _article_view(row)  # with its id: what the response schema keeps its dump by
            found[row.id] = summary
            if kept_summaries is not None:
                kept_summaries.put(row.id, summary, len(orjson.dumps(summary)), (scopes.article(row.id),))
    return found


def _as_seen_by_viewer(summary: dict[str, Any], favorited: bool, following: bool) -> dict[str, Any]:
    """The anonymous summary with the viewer's flags; a kept summary is shared, so never changed."""
    if not (favorited or following):
        return summary
    author = {**summary["author"], "following": bool(following)}
    return {**summary, "favorited": bool(favorited), "author": author}


def _known_total(filters: dict[str, Any], read_under: tuple[str, ...]) -> tuple[int | None, Callable[[int], None]]:
    """The total for these filters if known, and how to remember it once counted. The worker
    keeps totals until the next write. Counting every article is also the one count that grows
    with the table (a full index scan at 200,000 articles), so it is shared through the cache for
    a while, across workers and across writes that add or delete no article."""
    totals = kept(ARTICLE_TOTALS)
    key = tuple(sorted(filters.items()))

    def keep(total: int) -> None:
        if totals is not None:
            totals.put(key, total, 64 + len(repr(key)), read_under)

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


def _scopes_of_list(filters: dict[str, Any]) -> tuple[str, ...]:
    """Which articles a list holds changes with the lists; a feed's also with its reader's follows,
    a `favorited` list's with anyone's favorites. Looked up before the rows are read."""
    read_under = (scopes.LISTS, scopes.FAVORITES) if "favorited" in filters else (scopes.LISTS,)
    if "feed" in filters:
        read_under += (scopes.reader(filters["feed"]),)
    request_versions(read_under)
    return read_under


class Page(NamedTuple):
    articles: list[dict[str, Any]]
    total: int
    next_cursor: str | None  # where the next page starts; None on the last page


class Listing(NamedTuple):
    """Which articles a page holds, in order, each with the viewer's flags; the total; the next cursor."""

    entries: list[tuple[int, bool, bool]]  # id, favorited, following
    total: int
    next_cursor: str | None


def _entries(rows: list[Any]) -> list[tuple[int, bool, bool]]:
    return [(row.id, bool(row.favorited), bool(row.following)) for row in rows]


def _as_seen(listing: Listing) -> Page:
    """The page's summaries as the viewer sees them; an article deleted meanwhile is left out."""
    summaries = _summaries([article_id for article_id, _favorited, _following in listing.entries])
    articles = [
        _as_seen_by_viewer(summaries[article_id], favorited, following)
        for article_id, favorited, following in listing.entries
        if article_id in summaries
    ]
    return Page(articles, listing.total, listing.next_cursor)


def _page(
    kind: str, filters: dict[str, Any], viewer_id: int | None, limit: int, offset: int, cursor: str | None
) -> Page:
    """A page newest first. Which articles an anonymous reader's page holds is kept while the lists
    hold: a favorite then makes the page read again only the summary it changed."""
    read_under = _scopes_of_list(filters)
    listings = kept(ARTICLE_LISTINGS) if viewer_id is None else None
    key = (kind, tuple(sorted(filters.items())), limit, offset, cursor)
    listing: Listing | None = listings.get(key) if listings is not None else None
    if listing is None:
        listing = _listing(kind, filters, viewer_id, limit, offset, cursor, read_under)
        if listings is not None:
            size = 64 + 32 * len(listing.entries) + len(listing.next_cursor or "")
            listings.put(key, listing, size, read_under)
    return _as_seen(listing)


def _listing(
    kind: str,
    filters: dict[str, Any],
    viewer_id: int | None,
    limit: int,
    offset: int,
    cursor: str | None,
    read_under: tuple[str, ...],
) -> Listing:
    """From `offset` or after the cursor's (created_at, id); one row more than the page tells
    whether another page follows."""
    names = tuple(sorted(filters))
    params = {**filters, "viewer_id": viewer_id, "limit": limit + 1, "offset": offset}
    if cursor is not None:
        params["after_created_at"], params["after_id"] = timestamp_of(decode(cursor, kind, filters))
    known_total, remember_total = _known_total(filters, read_under)
    dialect = db.engine.dialect.name
    query = queries.page_query(names, viewer_id is not None, known_total is None, dialect, cursor is not None)
    rows = read(query, params).all()
    if known_total is not None:
        total = known_total
    else:
        # Past the last page (or when nothing matches) no row carries the total.
        total = rows[0].total if rows else read(queries.count_query(names), params).scalar_one()
        remember_total(total)
    shown = rows[:limit]
    last = shown[-1] if len(rows) > limit else None
    next_cursor = encode(kind, filters, timestamp_position(last.created_at, last.id)) if last else None
    return Listing(_entries(shown), total, next_cursor)


def _search_page(
    filters: dict[str, Any], words: list[str], viewer_id: int | None, limit: int, offset: int, cursor: str | None
) -> Page:
    """A page of a search, by relevance. Its cursor holds an offset among the candidates and the
    newest candidate's id when the search began: articles written since do not shift the pages."""
    dialect = db.engine.dialect.name
    names = tuple(sorted(filters))
    listed = {**filters, "search": " ".join(words)}
    params = {**filters, "viewer_id": viewer_id, "limit": limit + 1, "offset": offset}
    params["search"] = engine_query(words, dialect)
    _scopes_of_list(filters)
    if cursor is not None:
        params["newest_id"], params["offset"] = integers(decode(cursor, "articles", listed), 2)
    after, recency = cursor is not None, uses_recency_index(db.engine)
    rows = read(search_page_query(names, viewer_id is not None, after, dialect, recency), params).all()
    total = rows[0].total if rows else read(search_count_query(names, after, dialect, recency), params).scalar_one()
    next_cursor = None
    if len(rows) > limit:
        newest_id = params["newest_id"] if after else rows[0].newest_id
        next_cursor = encode("articles", listed, [newest_id, params["offset"] + limit])
    return _as_seen(Listing(_entries(rows[:limit]), total, next_cursor))


def list_articles(
    viewer_id: int | None,
    *,
    limit: int,
    offset: int,
    cursor: str | None = None,
    search: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    favorited: str | None = None,
) -> Page:
    """Newest first, or by relevance with `search`; filters combine, and an unknown tag or user
    simply matches nothing."""
    given = {"tag": tag, "author": author, "favorited": favorited}
    filters = {name: value for name, value in given.items() if value is not None}
    if search is not None:
        return _search_page(filters, search_words(search), viewer_id, limit, offset, cursor)
    return _page("articles", filters, viewer_id, limit, offset, cursor)


def feed(viewer_id: int, *, limit: int, offset: int, cursor: str | None = None) -> Page:
    """Articles by the authors the viewer follows, newest first."""
    return _page("feed", {"feed": viewer_id}, viewer_id, limit, offset, cursor)


def get_article(slug: str, viewer_id: int | None) -> dict[str, Any]:
    """The article with its body, and its id."""
    request_versions([scopes.article_page(slug)])  # before reading it
    params = {"slug": slug, "viewer_id": viewer_id}
    row = read(queries.single_query(viewer_id is not None), params).one_or_none()
    if row is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    return _article_view(row)


# --- writing -------------------------------------------------------------------------


def _own(slug: str, user_id: int) -> Article:
    """The article, when the user wrote it: 404 when it does not exist, 403 when it is not theirs."""
    article = db.session.scalars(select(Article).where(Article.slug == slug, visible_article())).one_or_none()
    if article is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    if article.author_id != user_id:
        raise ApiError(403, messages.NOT_ARTICLE_AUTHOR)
    return article


def article_id_by_slug(slug: str) -> int:
    article_id = read(queries.ARTICLE_ID_OF_SLUG, {"slug": slug}).scalar()
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
            article.slug = slug_for(article.title, article.id, attempt)
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
    search_window.article_created(article.id)
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


def delete_article(user_id: int, slug: str) -> int:
    """Only the author may delete; comments, favorites and tag links go with it (ON DELETE CASCADE).
    The id of the article deleted."""
    article = _own(slug, user_id)
    article_id = article.id
    db.session.execute(delete(Article).where(Article.id == article_id))
    db.session.commit()
    shared_cache().delete(ALL_ARTICLES_COUNT, TAG_CLOUD)
    return article_id


def _set_favorite(user_id: int, slug: str, favorited: bool) -> tuple[dict[str, Any], bool]:
    """Write the favorite (or remove it); the article as the user then sees it, and whether that
    changed anything (favorited twice, or unfavorited when it was not, does not). 401 when the user
    no longer exists, the statement having then written nothing; else 404 when the article does not."""
    params = {"user_id": user_id, "viewer_id": user_id, "slug": slug}
    dialect_name = db.engine.dialect.name
    answer = queries.favorite_answer(favorited, dialect_name)
    if writes_inside_with(dialect_name):
        row = write_alone(answer, params).one_or_none()
        changed = row is not None and row.changed
    else:
        changed = rows_written(queries.favorite_write(favorited, dialect_name), params) > 0
        row = read(answer, params).one_or_none()
    if row is None:
        require_existing_user(user_id)
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    if not row.viewer_exists:
        raise ApiError(401, messages.AUTH_USER_GONE)
    return _article_view(row), changed


def favorite(user_id: int, slug: str) -> tuple[dict[str, Any], bool]:
    """Idempotent; the count is derived from the rows, so parallel favorites all count."""
    return _set_favorite(user_id, slug, favorited=True)


def unfavorite(user_id: int, slug: str) -> tuple[dict[str, Any], bool]:
    return _set_favorite(user_id, slug, favorited=False)

"""An article as a reader sees it, and its summary as lists show it: kept by each worker under the
article's scope, and shared between workers through the cache under the versions it was read
under, so that after a write one worker reads the changed summary and the others take its copy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from service.articles import queries
from service.caching import scopes
from service.caching.kept import kept, shared_key
from service.caching.store import SHARED_SECONDS, shared_cache
from service.caching.version import request_versions
from service.database import read
from service.profiles.services import author_view

ARTICLE_SUMMARIES = "article-summaries"
_TIMES = ("created_at", "updated_at")


def article_view(row: Any) -> dict[str, Any]:
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


def summaries(article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each article's summary as an anonymous reader sees it in a list, with its id: those this
    worker keeps, those another worker shared, and one SELECT for the others."""
    request_versions([scopes.article(article_id) for article_id in article_ids])  # before reading them
    kept_summaries = kept(ARTICLE_SUMMARIES)
    if kept_summaries is None:
        return {row.id: article_view(row) for row in read(queries.summaries_query(), {"ids": article_ids})}
    found = {article_id: kept_summaries.get(article_id) for article_id in article_ids}
    unread = [article_id for article_id, summary in found.items() if summary is None]
    keys = {article_id: shared_key(f"summary:{article_id}", (scopes.article(article_id),)) for article_id in unread}
    shareable = {article_id: key for article_id, key in keys.items() if key is not None}
    for article_id, raw in zip(shareable, shared_cache().get_raw(list(shareable.values())), strict=True):
        if raw is not None:
            found[article_id] = _loaded(raw)
            kept_summaries.put(article_id, found[article_id], len(raw), (scopes.article(article_id),))
    unread = [article_id for article_id in unread if found[article_id] is None]
    shared: dict[str, bytes] = {}
    for row in read(queries.summaries_query(), {"ids": unread}) if unread else ():
        found[row.id] = article_view(row)
        raw = orjson.dumps(found[row.id])
        kept_summaries.put(row.id, found[row.id], len(raw), (scopes.article(row.id),))
        if row.id in shareable:
            shared[shareable[row.id]] = raw
    shared_cache().set_raw(shared, SHARED_SECONDS)
    return {article_id: summary for article_id, summary in found.items() if summary is not None}


def as_seen_by_viewer(summary: dict[str, Any], favorited: bool, following: bool) -> dict[str, Any]:
    """The anonymous summary with the viewer's flags; a kept summary is shared, so never changed."""
    if not (favorited or following):
        return summary
    author = {**summary["author"], "following": bool(following)}
    return {**summary, "favorited": bool(favorited), "author": author}


def _loaded(raw: bytes) -> dict[str, Any]:
    summary: dict[str, Any] = orjson.loads(raw)
    for name in _TIMES:
        summary[name] = datetime.fromisoformat(summary[name])
    return summary

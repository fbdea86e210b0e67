"""Articles as lists show them: each article's summary, as an anonymous reader sees it, kept by each
worker under its article's scope (`caching.scopes.article`) and shared once a write retired it
(`caching.shared`), and the summary as one reader sees it, with their own flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from service.articles import queries
from service.caching import scopes
from service.caching.kept import kept
from service.caching.shared import share, take_shared
from service.caching.version import request_versions
from service.database import read
from service.profiles.services import author_view

ARTICLE_SUMMARIES = "article-summaries"


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
    """Each article's summary, with its id: those this worker keeps, those another worker shared
    after a write retired them here, and one SELECT for the others."""
    request_versions([scopes.article(article_id) for article_id in article_ids])  # before reading them
    kept_summaries = kept(ARTICLE_SUMMARIES)
    found: dict[int, dict[str, Any]] = {}
    if kept_summaries is None:
        return {row.id: article_view(row) for row in read(queries.summaries_query(), {"ids": article_ids})}
    for article_id in article_ids:
        summary = kept_summaries.get(article_id)
        if summary is not None:
            found[article_id] = summary
    taken, to_share = take_shared(kept_summaries, [article_id for article_id in article_ids if article_id not in found])
    for article_id, encoded in taken.items():
        found[article_id] = summary = _decoded(encoded)
        kept_summaries.put(article_id, summary, len(encoded), (scopes.article(article_id),))
    missing = [article_id for article_id in article_ids if article_id not in found]
    shared = []
    for row in read(queries.summaries_query(), {"ids": missing}) if missing else ():
        found[row.id] = summary = article_view(row)  # with its id: what the response schema keeps its dump by
        encoded, read_under = orjson.dumps(summary), (scopes.article(row.id),)
        kept_summaries.put(row.id, summary, len(encoded), read_under)
        if row.id in to_share:
            shared.append((row.id, encoded, read_under))
    share(kept_summaries, shared)
    return found


def _decoded(encoded: bytes) -> dict[str, Any]:
    summary: dict[str, Any] = orjson.loads(encoded)
    summary["created_at"] = datetime.fromisoformat(summary["created_at"])
    summary["updated_at"] = datetime.fromisoformat(summary["updated_at"])
    return summary


def as_seen_by_viewer(summary: dict[str, Any], favorited: bool, following: bool) -> dict[str, Any]:
    """The anonymous summary with the viewer's flags; a kept summary is shared, so never changed."""
    if not (favorited or following):
        return summary
    author = {**summary["author"], "following": bool(following)}
    return {**summary, "favorited": bool(favorited), "author": author}

"""Tags: stored once each, linked to articles, listed for the tag cloud."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select

from service.cache import shared_cache
from service.database import insert_ignoring_duplicates
from service.extensions import db
from service.models import Tag, article_tags

TAG_CLOUD_SIZE = 100
TAG_CLOUD = "tags:cloud"
# Counting every tag's uses reads the whole link table; a minute-old cloud is fine, and article
# writes drop it anyway (see articles.services).
TAG_CLOUD_SECONDS = 60


def ensure_tag_ids(names: Iterable[str]) -> list[int]:
    """Ids for these tag names, creating the missing ones; concurrent creators of the same
    new tag both succeed and share one row (INSERT ... ON CONFLICT DO NOTHING)."""
    names = sorted(set(names))
    if not names:
        return []
    insert_ignoring_duplicates(Tag.__table__, [{"name": name} for name in names])
    return list(db.session.scalars(select(Tag.id).where(Tag.name.in_(names))))


@cache
def _tags_of_articles() -> Select[Any]:
    """Built once: the page's article ids are bound per request (an expanding IN)."""
    return (
        select(article_tags.c.article_id, Tag.name)
        .join(Tag, Tag.id == article_tags.c.tag_id)
        .where(article_tags.c.article_id.in_(bindparam("article_ids", expanding=True)))
        .order_by(Tag.name)
    )


def tag_names_by_article(article_ids: list[int]) -> dict[int, list[str]]:
    """Every listed article's tags, sorted by name, in one query."""
    names: dict[int, list[str]] = {article_id: [] for article_id in article_ids}
    if not article_ids:
        return names
    for article_id, name in db.session.execute(_tags_of_articles(), {"article_ids": article_ids}):
        names[article_id].append(name)
    return names


def popular_tags() -> list[str]:
    """The most used tags, most used first (ties by name), bounded for the tag cloud."""
    tags: list[str] | None = shared_cache().get(TAG_CLOUD)
    if tags is None:
        usage = func.count(article_tags.c.article_id)
        tags = list(
            db.session.scalars(
                select(Tag.name)
                .join(article_tags, article_tags.c.tag_id == Tag.id)
                .group_by(Tag.id, Tag.name)
                .order_by(usage.desc(), Tag.name)
                .limit(TAG_CLOUD_SIZE)
            )
        )
        shared_cache().set(TAG_CLOUD, tags, TAG_CLOUD_SECONDS)
    return tags

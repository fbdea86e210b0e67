"""Tags: stored once each, linked to articles, listed for the tag cloud."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, func, select

from service.caching import scopes
from service.caching.store import shared_cache
from service.caching.version import request_versions
from service.database import insert_ignoring_duplicates, json_array_agg
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


def tag_names_of(article_id: ColumnElement[int]) -> ScalarSelect[Any]:
    """The article's tag names as a JSON array, for the article query to carry in each row:
    one statement for a whole page, however many tags its articles have."""
    return (
        select(json_array_agg(Tag.name))
        .select_from(article_tags.join(Tag, Tag.id == article_tags.c.tag_id))
        .where(article_tags.c.article_id == article_id)
        .scalar_subquery()
    )


def popular_tags() -> list[str]:
    """The most used tags, most used first (ties by name), bounded for the tag cloud."""
    request_versions([scopes.LISTS])  # before reading them
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

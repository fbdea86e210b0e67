"""A small shared cache for values that are costly to compute and fine to serve a little stale.

Redis when REDIS_URL is set, shared by every worker and instance; writers delete the keys their
changes invalidate, so every worker sees a write at once. Without Redis nothing is kept: a copy in
one worker's memory would outlive a write made on another. A Redis failure is a cache miss
(logged), never an error.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import redis
from flask import Flask, current_app

from service.metrics import count_cache

log = logging.getLogger(__name__)
PREFIX = "conduit:cache:"


class Cache:
    def __init__(self, redis_url: str) -> None:
        self._redis = (
            redis.Redis.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5) if redis_url else None
        )

    def get(self, key: str) -> Any | None:
        if self._redis is None:
            return None
        try:
            raw = self._redis.get(PREFIX + key)
        except redis.RedisError as error:
            log.warning("cache unavailable, computing instead: %s", error.__class__.__name__)
            return None
        count_cache("shared", hit=raw is not None)
        return json.loads(raw) if raw is not None else None

    def get_many(self, keys: list[str]) -> list[Any | None] | None:
        """The values under these keys (None for each absent); None when the cache cannot answer."""
        if self._redis is None:
            return None
        try:
            raw = self._redis.mget([PREFIX + key for key in keys])
        except redis.RedisError as error:
            log.warning("cache unavailable, computing instead: %s", error.__class__.__name__)
            return None
        return [json.loads(value) if value is not None else None for value in raw]

    def set(self, key: str, value: Any, ttl_seconds: int) -> bool:
        """Store `value`; False when the cache could not take it (or there is no Redis)."""
        if self._redis is None:
            return False
        try:
            self._redis.set(PREFIX + key, json.dumps(value), ex=ttl_seconds)
        except redis.RedisError as error:
            log.warning("cache unavailable, not stored: %s", error.__class__.__name__)
            return False
        return True

    def delete(self, *keys: str) -> None:
        if self._redis is None:
            return
        try:
            self._redis.delete(*(PREFIX + key for key in keys))
        except redis.RedisError as error:
            log.warning("cache unavailable, not invalidated: %s", error.__class__.__name__)


def init_cache(app: Flask) -> None:
    app.extensions["conduit_cache"] = Cache(app.config["REDIS_URL"])


def shared_cache() -> Cache:
    cache_: Cache = current_app.extensions["conduit_cache"]
    return cache_

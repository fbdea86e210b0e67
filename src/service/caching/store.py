"""A small shared cache for values that are costly to compute and fine to serve a little stale.

Redis when REDIS_URL is set, shared by every worker and instance; writers delete the keys their
changes invalidate, so every worker sees a write at once, and no value outlives the content version
(`caching.version`), which ends when what readers see changes with no write (a suspension lifting).
Without Redis nothing is kept: a copy in one worker's memory would outlive a write made on another.
A Redis failure is a cache miss (logged), never an error.
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
CONTENT_VERSION = "content-version"
# SET for at most ARGV[2] milliseconds and never beyond the content version (KEYS[2]); nothing while
# there is none, since what is computed then could outlive the next one's end.
_SET_WITHIN_VERSION = """
local left = redis.call('PTTL', KEYS[2])
if left == -2 then return 0 end
local ttl = tonumber(ARGV[2])
if left > 0 and left < ttl then ttl = left end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
return 1
"""


class Cache:
    def __init__(self, redis_url: str) -> None:
        self._redis = (
            redis.Redis.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5) if redis_url else None
        )
        self._set_within_version = self._redis.register_script(_SET_WITHIN_VERSION) if self._redis else None

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

    def set(self, key: str, value: Any, ttl_seconds: float) -> bool:
        """Store `value` for `ttl_seconds` at most, and not past the current content version's end;
        False when the cache could not take it (or there is no Redis, or no version)."""
        if self._set_within_version is None:
            return False
        keys, args = [PREFIX + key, PREFIX + CONTENT_VERSION], [json.dumps(value), _milliseconds(ttl_seconds)]
        try:
            return bool(self._set_within_version(keys=keys, args=args))
        except redis.RedisError as error:
            log.warning("cache unavailable, not stored: %s", error.__class__.__name__)
            return False

    def set_version(self, key: str, value: str, ttl_seconds: float) -> bool:
        """Store a version (`caching.version`) for `ttl_seconds`; False when the cache could not take it."""
        if self._redis is None:
            return False
        try:
            self._redis.set(PREFIX + key, json.dumps(value), px=_milliseconds(ttl_seconds))
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


def _milliseconds(seconds: float) -> int:
    return max(1, int(seconds * 1000))


def init_cache(app: Flask) -> None:
    app.extensions["conduit_cache"] = Cache(app.config["REDIS_URL"])


def shared_cache() -> Cache:
    cache_: Cache = current_app.extensions["conduit_cache"]
    return cache_

"""The content version: a random token in Redis that every write which changed data replaces once
it has committed, on whichever worker or instance. What a worker keeps (`caching.kept`,
`caching.answers`) is tagged with the version it was read under, and served only while it holds.

Each worker holds a copy of the version rather than asking Redis on every request: one connection
per worker turns on Redis's client tracking for the key (RESP3, Redis >= 6), so any change to it
sends that connection an invalidation, read without waiting before the copy is used. The copy is
also rechecked every RECHECK_SECONDS. A writer makes one round trip more after storing a new
version, so that every worker of the host has its invalidation on the way when the write answers.

Without Redis there is no version and nothing is kept. If watching fails, the worker asks Redis on
every request and tries to watch again later; a write whose new version could not be stored is
stored again before anything kept is served. (docs/architecture.md tells the whole design.)
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid

import redis
from flask import Flask, current_app, g

from service.caching.store import PREFIX, shared_cache

log = logging.getLogger(__name__)

CONTENT_VERSION = "content-version"
VERSION_SECONDS = 24 * 3600  # every write renews it; should it expire, a new version simply starts
RECHECK_SECONDS = 1.0  # how long a worker trusts its copy without asking, invalidations or not
RETRY_WATCH_SECONDS = 1.0  # after the watching connection failed, before trying to make it again
_STATE = "conduit_content_version"


class VersionWatch:
    """One worker's copy of the content version, kept current by Redis's invalidations."""

    def __init__(self, redis_url: str, key: str) -> None:
        self._redis_url = redis_url
        self._key = key
        self._pool: redis.ConnectionPool | None = None
        self._connection: redis.connection.AbstractConnection | None = None
        self._pid = 0  # the process that connected: gunicorn forks workers from a master
        self._version: str | None = None
        self._checked_at = 0.0
        self._retry_at = 0.0
        self.failures = 0  # in a row, since it last watched
        self._lock = threading.Lock()  # the development server is threaded

    def version(self) -> str | None:
        """The current version; raises redis.RedisError or OSError when it cannot be watched."""
        with self._lock:
            connection = self._watching()
            changed = False
            while connection.can_read(timeout=0):
                connection.read_response(push_request=True)  # an invalidation: the key changed
                changed = True
            now = time.monotonic()
            if changed or self._version is None or now - self._checked_at > RECHECK_SECONDS:
                # Invalidations that arrive before this answer are consumed with it; it is newer.
                connection.send_command("GET", self._key)
                raw = connection.read_response()
                self._version = json.loads(raw) if raw is not None else None
                self._checked_at = now
            return self._version

    def store(self, version: str, seconds: int) -> None:
        """Store a new version, then make one round trip more, after which Redis has sent every
        other worker its invalidation. Sent on this connection, which is cheaper than the shared
        store's client. The answers may carry this worker's own invalidation, so its copy is dropped.
        Raises redis.ResponseError when Redis refuses the SET (out of memory), redis.RedisError or
        OSError when the connection fails."""
        with self._lock:
            self._version = None
            connection = self._watching()
            connection.send_command("SET", self._key, json.dumps(version), "EX", seconds)
            connection.read_response()
            connection.send_command("PING")
            connection.read_response()

    def can_watch(self) -> bool:
        return self._connection is not None or time.monotonic() >= self._retry_at

    def broken(self) -> None:
        """Stop watching after an error; the caller asks Redis directly until RETRY_WATCH_SECONDS pass."""
        with self._lock:
            self.failures += 1
            self._retry_at = time.monotonic() + RETRY_WATCH_SECONDS
            self._version = None
            if self._pool is not None and self._pid == os.getpid():
                self._pool.disconnect()
            self._pool = self._connection = None

    def _watching(self) -> redis.connection.AbstractConnection:
        if self._connection is not None and self._pid != os.getpid():
            self._pool = self._connection = None  # the parent's socket: never read it from here
        if self._connection is None:
            pool = redis.ConnectionPool.from_url(
                self._redis_url, protocol=3, socket_connect_timeout=0.5, socket_timeout=0.5
            )
            try:
                connection = pool.get_connection()
                connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self._key)
                connection.read_response()
            except BaseException:
                pool.disconnect()
                raise
            self._pool, self._connection, self._pid = pool, connection, os.getpid()
            self._version = None
            self.failures = 0
        return self._connection


class _WorkerState:
    def __init__(self, redis_url: str) -> None:
        self.watch = VersionWatch(redis_url, PREFIX + CONTENT_VERSION)
        self.new_version_owed = False  # a write here committed, but its new version was not stored


def init_content_version(app: Flask) -> bool:
    """Track the content version when Redis is set; False (nothing can be kept) otherwise."""
    if not app.config["REDIS_URL"]:
        return False
    app.extensions[_STATE] = _WorkerState(app.config["REDIS_URL"])
    return True


def start_new_version() -> None:
    """Retire every kept value, on every worker: runs after each successful write in a request;
    call it after committing a write made outside one."""
    state: _WorkerState | None = current_app.extensions.get(_STATE)
    version = uuid.uuid4().hex
    if state is not None and state.watch.can_watch():
        try:
            state.watch.store(version, VERSION_SECONDS)
            state.new_version_owed = False
            return
        except redis.ResponseError as refused:
            log.warning("new content version not stored: %s", refused)
            state.new_version_owed = True
            return
        except (redis.RedisError, OSError) as error:
            _stop_watching(state.watch, error)
    stored = shared_cache().set(CONTENT_VERSION, version, VERSION_SECONDS)
    if state is not None:
        state.new_version_owed = not stored


def _stop_watching(watch: VersionWatch, error: Exception) -> None:
    """Warn once per outage, not on every retry (a Redis without client tracking fails each one)."""
    log_at = logging.WARNING if watch.failures == 0 else logging.DEBUG
    log.log(log_at, "content version not watched, asking Redis each request: %s: %s", type(error).__name__, error)
    watch.broken()


def _current_version(state: _WorkerState) -> str | None:
    if state.new_version_owed:
        start_new_version()
        return None
    version: str | None = None
    if state.watch.can_watch():
        try:
            version = state.watch.version()
        except (redis.RedisError, OSError) as error:
            _stop_watching(state.watch, error)
            version = shared_cache().get(CONTENT_VERSION)
    else:
        version = shared_cache().get(CONTENT_VERSION)
    if version is None:  # first use, or Redis lost it: nothing kept can match a new random version
        start_new_version()
    return version


def request_version() -> str | None:
    """The content version this request reads under, looked up once per request; None when nothing
    can be kept (no Redis, or Redis away)."""
    if "content_version" not in g:
        state: _WorkerState | None = current_app.extensions.get(_STATE)
        g.content_version = _current_version(state) if state is not None else None
    version: str | None = g.content_version
    return version

"""The content version: a random token in Redis that every write which changed data replaces once
it has committed, on whichever worker or instance. What a worker keeps (`caching.kept`,
`caching.answers`) is tagged with the version it was read under, and served only while it holds.

Each worker holds a copy of the version rather than asking Redis on every request: one connection
per worker turns on Redis's client tracking for the key (RESP3, Redis >= 6), so any change to it
sends that connection an invalidation, read without waiting before the copy is used. The copy is
also rechecked every RECHECK_SECONDS, and once the key's time is up. A writer makes one round trip
more after storing a new version, so that every worker of the host has its invalidation on the way.
A version never outlives the next moment what readers see changes with no write (a suspension's
`until`: `init_caching` is told how to ask), expiring then; the next request starts a new one.

Without Redis there is no version and nothing is kept. If watching fails, the worker asks Redis on
every request and tries to watch again later; a write whose new version could not be stored is
stored again before anything kept is served. (docs/architecture.md tells the whole design.)
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import redis
from flask import Flask, current_app, g
from sqlalchemy.exc import SQLAlchemyError

from service.caching.store import CONTENT_VERSION, PREFIX, shared_cache

log = logging.getLogger(__name__)

VERSION_SECONDS = 24 * 3600  # every write renews it; should it expire, a new version simply starts
# A scoped version outlives the content version current when it was stored: once it expires, no
# answer tagged before it was stored can match again, the content version having changed since.
SCOPED_VERSION_SECONDS = 2 * VERSION_SECONDS
ABSENT = "-"  # the version of a scope no write has named yet
MAX_WATCHED_SCOPES = 20_000  # copies of scoped versions per worker; beyond, they are all dropped
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
        self._ends_at = math.inf  # when the key expires: the copy is not trusted past it
        self._retry_at = 0.0
        self.failures = 0  # in a row, since it last watched
        self._scoped: dict[str, str | None] = {}  # key of a scoped version -> its copy (None: absent)
        self._version_changed = False  # an invalidation named the content version
        self._lock = threading.Lock()  # the development server is threaded

    def version(self) -> str | None:
        """The current version; raises redis.RedisError or OSError when it cannot be watched."""
        return self.versions(())[0]

    def versions(self, scoped_keys: Sequence[str]) -> tuple[str | None, list[str | None]]:
        """The content version and the versions under these keys, asking Redis only for those this
        worker holds no copy of, in one round trip; raises as `version` does."""
        with self._lock:
            connection = self._watching()
            while connection.can_read(timeout=0):
                connection.read_response(push_request=True)  # an invalidation, taken by `_invalidated`
            now = time.monotonic()
            recheck = now - self._checked_at > RECHECK_SECONDS
            if len(self._scoped) > MAX_WATCHED_SCOPES:
                self._scoped.clear()
            asked = list(self._scoped) if recheck else []
            asked += [key for key in dict.fromkeys(scoped_keys) if key not in self._scoped]
            ask_version = self._version_changed or self._version is None or recheck or now >= self._ends_at
            # Invalidations that arrive before an answer are taken with it; the answer is newer.
            if ask_version:
                self._version_changed = False
                connection.send_command("GET", self._key)
                connection.send_command("PTTL", self._key)
            if asked:
                connection.send_command("MGET", *asked)
            if ask_version:
                raw, left = connection.read_response(), connection.read_response()
                self._version = json.loads(raw) if raw is not None else None
                self._checked_at = now
                self._ends_at = now + left / 1000 if isinstance(left, int) and left >= 0 else math.inf
            if asked:
                for key, raw in zip(asked, connection.read_response(), strict=True):
                    self._scoped[key] = json.loads(raw) if raw is not None else None
            return self._version, [self._scoped[key] for key in scoped_keys]

    def _invalidated(self, message: list[object]) -> None:
        """An invalidation pushed by Redis (while this worker holds the lock): drop the copies it names."""
        keys = message[1] if len(message) > 1 else None
        if not isinstance(keys, list):  # a FLUSHALL names no key: every copy goes
            self._version_changed = True
            self._scoped.clear()
            return
        for key in keys:
            name = key.decode() if isinstance(key, bytes) else str(key)
            if name == self._key:
                self._version_changed = True
            else:
                self._scoped.pop(name, None)

    def store(self, version: str, seconds: float) -> None:
        """Store a new version, then make one round trip more, after which Redis has sent every
        other worker its invalidation. Sent on this connection, which is cheaper than the shared
        store's client. The answers may carry this worker's own invalidation, so its copy is dropped.
        Raises redis.ResponseError when Redis refuses the SET (out of memory), redis.RedisError or
        OSError when the connection fails."""
        with self._lock:
            self._version = None
            connection = self._watching()
            connection.send_command("SET", self._key, json.dumps(version), "PX", max(1, int(seconds * 1000)))
            connection.read_response()
            connection.send_command("PING")
            connection.read_response()

    def store_scoped(self, keys: Sequence[str]) -> None:
        """Store a new version under each of these keys, then make the same round trip more as
        `store`, in one round trip in all; raises as `store` does, once every answer is read."""
        with self._lock:
            for key in keys:
                self._scoped.pop(key, None)
            connection = self._watching()
            for key in keys:
                connection.send_command("SET", key, json.dumps(uuid.uuid4().hex), "EX", SCOPED_VERSION_SECONDS)
            connection.send_command("PING")
            refused: redis.ResponseError | None = None
            for _key in keys:
                try:
                    connection.read_response()
                except redis.ResponseError as error:
                    refused = refused or error
            connection.read_response()
            if refused is not None:
                raise refused

    def can_watch(self) -> bool:
        return self._connection is not None or time.monotonic() >= self._retry_at

    def broken(self) -> None:
        """Stop watching after an error; the caller asks Redis directly until RETRY_WATCH_SECONDS pass."""
        with self._lock:
            self.failures += 1
            self._retry_at = time.monotonic() + RETRY_WATCH_SECONDS
            self._version = None
            self._scoped.clear()
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
                connection._get_parser().set_invalidation_push_handler(self._invalidated)
                connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self._key)
                connection.read_response()
            except BaseException:
                pool.disconnect()
                raise
            self._pool, self._connection, self._pid = pool, connection, os.getpid()
            self._version = None
            self._scoped.clear()
            self.failures = 0
        return self._connection


NextChange = Callable[[], datetime | None]  # when what readers see next changes with no write


class _WorkerState:
    def __init__(self, redis_url: str, next_change: NextChange) -> None:
        self.watch = VersionWatch(redis_url, PREFIX + CONTENT_VERSION)
        self.new_version_owed = False  # a write here committed, but its new version was not stored
        self.next_change = next_change


def init_content_version(app: Flask, next_change: NextChange) -> bool:
    """Track the content version when Redis is set; False (nothing can be kept) otherwise.
    `next_change` says when the next version must start even if nothing is written."""
    if not app.config["REDIS_URL"]:
        return False
    app.extensions[_STATE] = _WorkerState(app.config["REDIS_URL"], next_change)
    return True


def start_new_version() -> None:
    """Retire every kept value, on every worker: runs after each successful write in a request;
    call it after committing a write made outside one."""
    state: _WorkerState | None = current_app.extensions.get(_STATE)
    version, seconds = uuid.uuid4().hex, _version_seconds(state)
    if state is not None and state.watch.can_watch():
        try:
            state.watch.store(version, seconds)
            state.new_version_owed = False
            return
        except redis.ResponseError as refused:
            log.warning("new content version not stored: %s", refused)
            state.new_version_owed = True
            return
        except (redis.RedisError, OSError) as error:
            _stop_watching(state.watch, error)
    stored = shared_cache().set_version(CONTENT_VERSION, version, seconds)
    if state is not None:
        state.new_version_owed = not stored


def _version_seconds(state: _WorkerState | None) -> float:
    """How long a new version may live: until what readers see next changes by itself (a suspension
    lifting), if sooner than VERSION_SECONDS; briefly when the database cannot say."""
    try:
        change = state.next_change() if state is not None else None
    except SQLAlchemyError as error:
        log.warning("next change unknown, the content version kept briefly: %s", type(error).__name__)
        return RECHECK_SECONDS
    if change is None:
        return VERSION_SECONDS
    return min(VERSION_SECONDS, max((change - datetime.now(UTC)).total_seconds(), 0.001))


def _stop_watching(watch: VersionWatch, error: Exception) -> None:
    """Warn once per outage, not on every retry (a Redis without client tracking fails each one)."""
    log_at = logging.WARNING if watch.failures == 0 else logging.DEBUG
    log.log(log_at, "content version not watched, asking Redis each request: %s: %s", type(error).__name__, error)
    watch.broken()


def start_new_scoped_versions(scopes: Sequence[str]) -> None:
    """Retire, on every worker, what was read under these scopes (`caching.scopes`), and only that;
    should Redis not take them, a new content version is owed, which retires everything."""
    state: _WorkerState | None = current_app.extensions.get(_STATE)
    if state is None:
        return
    if state.watch.can_watch():
        try:
            state.watch.store_scoped([_scoped_key(scope) for scope in scopes])
            return
        except redis.ResponseError as refused:
            log.warning("new scoped versions not stored: %s", refused)
            state.new_version_owed = True
            return
        except (redis.RedisError, OSError) as error:
            _stop_watching(state.watch, error)
    cache = shared_cache()
    stored = all(cache.set_version(_shared_key(scope), uuid.uuid4().hex, SCOPED_VERSION_SECONDS) for scope in scopes)
    state.new_version_owed = state.new_version_owed or not stored


def _scoped_key(scope: str) -> str:
    return f"{PREFIX}{CONTENT_VERSION}:{scope}"


def _shared_key(scope: str) -> str:
    return f"{CONTENT_VERSION}:{scope}"


def _current_version(state: _WorkerState) -> str | None:
    if state.new_version_owed:
        start_new_version()
        return None
    version: str | None = None
    if state.watch.can_watch():
        try:
            version = state.watch.version()
            g.version_watched = True  # the scoped versions too, then (`_scoped_versions`)
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


def request_versions(scopes: Sequence[str], *, reading: bool = True) -> str | None:
    """The content version joined with the versions of `scopes`, as this request reads them; None when
    nothing can be kept. Each is looked up once per request, so a caller asks before it reads the data
    the versions stand for. `reading` records the scopes as read: the answer's tag names them all."""
    version = request_version()
    if version is None or not scopes:
        return version
    known = versions_looked_up()
    missing = [scope for scope in dict.fromkeys(scopes) if scope not in known]
    if missing:
        found = _scoped_versions(current_app.extensions[_STATE], missing)
        if found is None:
            return None
        known.update(zip(missing, (value or ABSENT for value in found), strict=True))
    if reading:
        g.setdefault("read_scopes", {}).update(dict.fromkeys(scopes))
    return joined_versions(version, known, scopes)


def versions_looked_up() -> dict[str, str]:
    """This request's scoped versions, by scope, as far as it looked them up (`request_versions`)."""
    known: dict[str, str] = g.setdefault("scope_versions", {})
    return known


def joined_versions(version: str, known: dict[str, str], scopes: Sequence[str]) -> str:
    """What `request_versions` answers for `scopes`, every one of them in `known`."""
    return "\n".join([version, *(known[scope] for scope in scopes)])


def versions_read(scopes: Sequence[str]) -> str | None:
    """As `request_versions`, but only when this request already read every one of `scopes`: a value
    read before its versions were looked up could be older than they are."""
    known = versions_looked_up()
    if not all(scope in known for scope in scopes):
        return None
    return request_versions(scopes, reading=False)


def read_scopes() -> tuple[str, ...]:
    """The scopes this request read under (`request_versions`), in the order it first read them."""
    return tuple(g.get("read_scopes", ()))


def _scoped_versions(state: _WorkerState, scopes: list[str]) -> list[str | None] | None:
    if g.get("version_watched") and state.watch.can_watch():
        try:
            return state.watch.versions([_scoped_key(scope) for scope in scopes])[1]
        except (redis.RedisError, OSError) as error:
            _stop_watching(state.watch, error)
    return shared_cache().get_many([_shared_key(scope) for scope in scopes])

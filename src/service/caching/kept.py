"""Values a worker keeps in its memory while the content version they were read under holds.

`kept(kind)` gives this request's view of one kind of kept values (kept answers, article
summaries, their dumps, totals, existing users), or None when nothing can be kept: without Redis
there is no shared version, and a worker could not tell that another one wrote. Each value is kept
under the content version and the scopes it was put with (`caching.scopes`), which it names itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable, Sequence
from typing import Any

from flask import Flask, current_app, has_request_context

from service.caching.version import (
    joined_versions,
    request_version,
    request_versions,
    versions_looked_up,
    versions_read,
)

MAX_AGE_SECONDS = 60
MAX_BYTES_PER_KIND = 16 * 1024 * 1024  # per worker, for each kind of kept value
MAX_VALUE_BYTES = 1024 * 1024
_MEMORY = "conduit_worker_memory"


class Kept:
    """One worker's kept values of one kind: bounded in bytes, the oldest dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._size = 0
        # key -> version, until, value, size, scopes
        self._values: dict[Hashable, tuple[str, float, Any, int, tuple[str, ...]]] = {}
        self._lock = threading.Lock()  # the development server is threaded

    def get(self, key: Hashable, version: str) -> Any | None:
        kept = self._values.get(key)
        if kept is None or kept[0] != version or kept[1] < time.monotonic():
            return None
        return kept[2]

    def find(self, key: Hashable) -> tuple[tuple[str, ...], str, Any] | None:
        """The scopes, version and value kept under `key`, unless it is missing or too old."""
        kept = self._values.get(key)
        if kept is None or kept[1] < time.monotonic():
            return None
        return kept[4], kept[0], kept[2]

    def put(self, key: Hashable, version: str, value: Any, size: int, scopes: tuple[str, ...] = ()) -> None:
        """Keep `value`, whose serialized `size` in bytes stands for the memory it takes."""
        if size > MAX_VALUE_BYTES:
            return
        with self._lock:
            self._drop(key)
            while self._values and self._size + size > self._max_bytes:
                self._drop(next(iter(self._values)))
            self._values[key] = (version, time.monotonic() + MAX_AGE_SECONDS, value, size, scopes)
            self._size += size

    def _drop(self, key: Hashable) -> None:
        kept = self._values.pop(key, None)
        if kept is not None:
            self._size -= kept[3]


class KeptAsOf:
    """A worker's kept values of one kind, read and written as of this request's versions."""

    def __init__(self, kept: Kept, version: str) -> None:
        self._kept = kept
        self.version = version  # the content version
        self._known = versions_looked_up()  # filled in as the request looks up more

    def get(self, key: Hashable) -> Any | None:
        found = self.get_as_of(key)
        return found[0] if found is not None else None

    def get_as_of(self, key: Hashable) -> tuple[Any, str] | None:
        """The value kept under `key` and the versions it holds under, while they are current."""
        found = self._kept.find(key)
        if found is None:
            return None
        scopes, version, value = found
        return (value, version) if version == self._current(scopes) else None

    def _current(self, scopes: tuple[str, ...]) -> str | None:
        """The versions a value kept under `scopes` must have; asked of Redis only for scopes this
        request has not looked up (a page checks one per article it shows)."""
        if not scopes:
            return self.version
        known = self._known
        if all(scope in known for scope in scopes):
            return joined_versions(self.version, known, scopes)
        return request_versions(scopes, reading=False)

    def put(self, key: Hashable, value: Any, size: int, scopes: Sequence[str] = ()) -> None:
        """Keep `value` under the content version and `scopes`, as this request read them (before
        it read the value: `request_versions`)."""
        version = versions_read(scopes) if scopes else self.version
        if version is not None:
            self._kept.put(key, version, value, size, tuple(scopes))


def init_kept(app: Flask) -> None:
    app.extensions[_MEMORY] = {}  # kind -> Kept


def kept(kind: str) -> KeptAsOf | None:
    """This worker's kept values of `kind` as of this request's content version; None when nothing
    can be kept (no Redis, Redis away, or outside a request)."""
    if not has_request_context():
        return None
    memory: dict[str, Kept] | None = current_app.extensions.get(_MEMORY)
    if memory is None:
        return None
    version = request_version()
    if version is None:
        return None
    of_kind = memory.get(kind)
    if of_kind is None:
        of_kind = memory.setdefault(kind, Kept(MAX_BYTES_PER_KIND))  # atomic: threads agree on one
    return KeptAsOf(of_kind, version)

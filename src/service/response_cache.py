"""What each worker keeps while nothing has been written since: answers to anonymous reads, and
the parts of answers that are the same for every reader (an article's summary in lists).

Most of a blog's readers send no token, and they all get the same answer: the home page's
article list, an article, its comments, a profile, the tag cloud. A view marked
`@cached_for_anonymous` keeps its 200 answers to token-less GETs in the worker's memory, tagged
with the content version (see `content_version`) they were read under, and serves them only while
the version is unchanged, so whoever writes and then reads, on any worker, sees the write. A hit
costs no database, no token check and no serialization. Signed-in readers get answers of their
own, but a service can still keep what is the same for everyone in them
(`kept("article-summaries")`), under the same version.

Without Redis the workers share no version, so nothing is kept. While Redis is away, reads are
answered from the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, request

from service.content_version import init_content_version, request_version, start_new_version

View = TypeVar("View", bound=Callable[..., Any])

MAX_AGE_SECONDS = 60
MAX_BYTES_PER_KIND = 16 * 1024 * 1024  # per worker, for each kind of kept value
MAX_VALUE_BYTES = 1024 * 1024
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ANSWERS = "answers"
_MARK = "cached_for_anonymous"
_MEMORY = "conduit_worker_memory"


def cached_for_anonymous(view: View) -> View:
    """Mark a GET view whose answer, when no token is sent, depends on its URL alone."""
    setattr(view, _MARK, True)
    return view


class Kept:
    """One worker's kept values of one kind: bounded in bytes, the oldest dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._size = 0
        self._values: dict[Hashable, tuple[str, float, Any, int]] = {}  # key -> version, until, value, size
        self._lock = threading.Lock()  # the development server is threaded

    def get(self, key: Hashable, version: str) -> Any | None:
        kept = self._values.get(key)
        if kept is None or kept[0] != version or kept[1] < time.monotonic():
            return None
        return kept[2]

    def put(self, key: Hashable, version: str, value: Any, size: int) -> None:
        """Keep `value`, whose serialized `size` in bytes stands for the memory it takes."""
        if size > MAX_VALUE_BYTES:
            return
        with self._lock:
            self._drop(key)
            while self._values and self._size + size > self._max_bytes:
                self._drop(next(iter(self._values)))
            self._values[key] = (version, time.monotonic() + MAX_AGE_SECONDS, value, size)
            self._size += size

    def _drop(self, key: Hashable) -> None:
        kept = self._values.pop(key, None)
        if kept is not None:
            self._size -= kept[3]


class KeptAsOf:
    """A worker's kept values of one kind, read and written as of one content version."""

    def __init__(self, kept: Kept, version: str) -> None:
        self._kept = kept
        self._version = version

    def get(self, key: Hashable) -> Any | None:
        return self._kept.get(key, self._version)

    def put(self, key: Hashable, value: Any, size: int) -> None:
        self._kept.put(key, self._version, value, size)


class WorkerMemory:
    """Everything one worker keeps, by kind."""

    def __init__(self) -> None:
        self._kinds: dict[str, Kept] = {}
        self._lock = threading.Lock()

    def of(self, kind: str) -> Kept:
        with self._lock:
            return self._kinds.setdefault(kind, Kept(MAX_BYTES_PER_KIND))


def kept(kind: str) -> KeptAsOf | None:
    """This worker's kept values of `kind` as of this request's content version; None when nothing
    can be kept (no Redis, Redis away, or outside a request)."""
    if not has_request_context() or _MEMORY not in current_app.extensions:
        return None
    version = request_version()
    return KeptAsOf(current_app.extensions[_MEMORY].of(kind), version) if version is not None else None


def _serve_kept_answer() -> Response | None:
    if request.method != "GET" or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, _MARK, False):
        return None
    answers = kept(ANSWERS)
    if answers is None:
        return None
    body = answers.get(request.full_path)
    if body is not None:
        return Response(body, mimetype="application/json")
    g.answer_to_keep = (answers, request.full_path)
    return None


def _keep_answer_or_retire_old_ones(response: Response) -> Response:
    to_keep = g.pop("answer_to_keep", None)
    if to_keep is not None:
        if response.status_code == 200:
            answers, url = to_keep
            body = response.get_data()
            answers.put(url, body, len(body))
    elif request.method in WRITE_METHODS and response.status_code < 400 and not g.get("nothing_written"):
        # Every successful write, unless it said it changed nothing: telling the writes that change
        # what readers see from those that do not would be a list to keep in step with every route.
        start_new_version()
    return response


def nothing_written() -> None:
    """Say that this request's write changed no data (a login, a favorite that was already there):
    what the workers keep stays valid. Any other successful write retires it."""
    g.nothing_written = True


def init_response_cache(app: Flask) -> None:
    """Register the hooks (before any that opens a database connection), when Redis is set."""
    if not init_content_version(app):
        return
    app.extensions[_MEMORY] = WorkerMemory()
    app.before_request(_serve_kept_answer)
    app.after_request(_keep_answer_or_retire_old_ones)

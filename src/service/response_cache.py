"""Answers to anonymous reads, kept by each worker while nothing has been written since.

Most of a blog's readers send no token, and they all get the same answer: the home page's
article list, an article, its comments, a profile, the tag cloud. A view marked
`@cached_for_anonymous` keeps its 200 answers to token-less GETs in the worker's memory, tagged
with the *content version* they were read under. The version is a random token in Redis that every
successful write replaces once it has committed, whichever worker or instance runs it. A kept
answer is served only while the version is unchanged, so whoever writes and then reads, on any
worker, sees the write. A hit costs one small Redis GET instead of the database, the token check
and the serialization.

Without Redis the workers share no version, so nothing is kept. While Redis is away, reads are
answered from the database. A worker whose write could not store a new version stores one as soon
as Redis takes writes again, before it serves anything kept: a Redis that refused the write (out of
memory, say) but kept answering reads would otherwise still hold the version from before it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, request

from service.cache import shared_cache

View = TypeVar("View", bound=Callable[..., Any])

CONTENT_VERSION = "content-version"
VERSION_SECONDS = 24 * 3600  # every write renews it; should it expire, a new version simply starts
MAX_AGE_SECONDS = 60
MAX_BYTES_PER_WORKER = 16 * 1024 * 1024
MAX_ANSWER_BYTES = 1024 * 1024
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_MARK = "cached_for_anonymous"


def cached_for_anonymous(view: View) -> View:
    """Mark a GET view whose answer, when no token is sent, depends on its URL alone."""
    setattr(view, _MARK, True)
    return view


class KeptAnswers:
    """One worker's kept answers: bounded in bytes, the oldest dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self.new_version_owed = False  # a write here committed, but its new version was not stored
        self._max_bytes = max_bytes
        self._size = 0
        self._answers: dict[str, tuple[str, float, bytes]] = {}  # url -> version, kept until, body
        self._lock = threading.Lock()  # the development server is threaded

    def get(self, url: str, version: str) -> bytes | None:
        kept = self._answers.get(url)
        if kept is None or kept[0] != version or kept[1] < time.monotonic():
            return None
        return kept[2]

    def put(self, url: str, version: str, body: bytes) -> None:
        if len(body) > MAX_ANSWER_BYTES:
            return
        with self._lock:
            self._drop(url)
            while self._answers and self._size + len(body) > self._max_bytes:
                self._drop(next(iter(self._answers)))
            self._answers[url] = (version, time.monotonic() + MAX_AGE_SECONDS, body)
            self._size += len(body)

    def _drop(self, url: str) -> None:
        kept = self._answers.pop(url, None)
        if kept is not None:
            self._size -= len(kept[2])


def start_new_version() -> None:
    """Retire every kept answer, on every worker: call after committing a write made outside a request."""
    stored = shared_cache().set(CONTENT_VERSION, uuid.uuid4().hex, VERSION_SECONDS)
    kept_answers = current_app.extensions.get("conduit_kept_answers")
    if kept_answers is not None:
        kept_answers.new_version_owed = not stored


def _current_version() -> str | None:
    if current_app.extensions["conduit_kept_answers"].new_version_owed:
        start_new_version()
        return None
    version: str | None = shared_cache().get(CONTENT_VERSION)
    if version is None:  # first use, or Redis lost it: nothing kept can match a new random version
        start_new_version()
    return version


def _serve_kept_answer() -> Response | None:
    if request.method != "GET" or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, _MARK, False):
        return None
    version = _current_version()
    if version is None:
        return None
    body = current_app.extensions["conduit_kept_answers"].get(request.full_path, version)
    if body is not None:
        return Response(body, mimetype="application/json")
    g.answer_to_keep = (request.full_path, version)
    return None


def _keep_answer_or_retire_old_ones(response: Response) -> Response:
    to_keep = g.pop("answer_to_keep", None)
    if to_keep is not None:
        if response.status_code == 200:
            current_app.extensions["conduit_kept_answers"].put(*to_keep, response.get_data())
    elif request.method in WRITE_METHODS and response.status_code < 400:
        # Every successful write, logins included: telling writes that change what anonymous
        # readers see from those that do not would be a list to keep in step with every route.
        start_new_version()
    return response


def init_response_cache(app: Flask) -> None:
    """Register the hooks (before any that opens a database connection), when Redis is set."""
    if not app.config["REDIS_URL"]:
        return
    app.extensions["conduit_kept_answers"] = KeptAnswers(MAX_BYTES_PER_WORKER)
    app.before_request(_serve_kept_answer)
    app.after_request(_keep_answer_or_retire_old_ones)

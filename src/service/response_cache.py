"""Reads whose answers change only with the content version (see `content_version`): their ETags,
and what each worker keeps while nothing has been written since.

A view marked as a versioned read (`Blueprint.operation(..., versioned=True)`) answers from its URL,
its reader and the stored content alone, so its answer cannot change while the version does not.
Each 200 answer carries an ETag naming the version, the reader and the URL; a client that sends it
back in If-None-Match gets 304 Not Modified before the view reads anything. Browsers revalidate a
stored answer that way on their own: a signed-in reader's home page, asked again while nothing was
written, costs a token check and no database.

Most of a blog's readers send no token, and they all get the same answer: the home page's
article list, an article, its comments, a profile, the tag cloud. A versioned read keeps its 200
answers to token-less GETs in the worker's memory, tagged with the content version they were read
under, and serves them only while the version is unchanged, so whoever writes and then reads, on
any worker, sees the write. A hit costs no database, no token check and no serialization. Signed-in
readers get answers of their own, but a service can still keep what is the same for everyone in
them (`kept("article-summaries")`), under the same version.

Without Redis the workers share no version, so nothing is kept and no answer is tagged. While Redis
is away, reads are answered from the database.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, request
from flask_jwt_extended import get_jwt_identity

from service.content_version import init_content_version, request_version, start_new_version
from service.metrics import count_cache

View = TypeVar("View", bound=Callable[..., Any])

MAX_AGE_SECONDS = 60
MAX_BYTES_PER_KIND = 16 * 1024 * 1024  # per worker, for each kind of kept value
MAX_VALUE_BYTES = 1024 * 1024
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ANSWERS = "answers"
# Stored by clients, and checked with the ETag before each use: the tag is the freshness test.
CACHE_CONTROL = "no-cache"
_MARK = "versioned_read"  # on a versioned read's view: its authentication mode
_MEMORY = "conduit_worker_memory"


def versioned_read(view: View, auth: str | None) -> View:
    """Tag the answers of a GET view whose answer depends only on its URL, its reader (the token's
    identity, when `auth` reads one) and the stored content, and answer 304 to a client that holds
    the current tag, before the view runs. Wrap it inside the token check: a 304 must not answer a
    request that deserves a 401. The mark rides up to the routed view on `functools.wraps`."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        version = request_version()
        if version is not None and "answer_tag" not in g:  # else tagged already, as anonymous reads are
            not_modified = _tag_answer(version, get_jwt_identity() if auth else None)
            if not_modified is not None:
                return not_modified
        return view(*args, **kwargs)

    setattr(wrapper, _MARK, auth or "none")
    return wrapper  # type: ignore[return-value]


def _tag_answer(version: str, reader: str | None) -> Response | None:
    """304 when the client holds this request's tag; else None, the tag kept for the answer."""
    tag = _answer_tag(version, reader)
    if _client_holds(tag):
        return _not_modified(tag)
    g.answer_tag = tag
    return None


def _answer_tag(version: str, reader: str | None) -> str:
    """The ETag of this request's answer: a digest of the content version, the reader and the URL,
    which tells no one the reader or the version."""
    named = f"{version}\n{reader or ''}\n{request.full_path}".encode()
    return hashlib.blake2b(named, digest_size=16).hexdigest()


def _client_holds(tag: str) -> bool:
    """Whether If-None-Match names `tag`. `*` is not taken: it would be a 304 before the view says
    whether there is an answer at all (a 404, a 422)."""
    if "If-None-Match" not in request.headers:
        return False
    held = request.if_none_match
    return not held.star_tag and held.contains_weak(tag)


def _describe_answer(response: Response, tag: str) -> None:
    # Added rather than set, which costs more: nothing else sets these (a CORS `Vary: Origin` stays).
    headers = response.headers
    headers.add("ETag", f'W/"{tag}"')  # weak: the tag stands for what the answer says, not for its bytes
    headers.add("Cache-Control", CACHE_CONTROL)
    headers.add("Vary", "Authorization")


def _not_modified(tag: str) -> Response:
    response = Response(status=304)
    _describe_answer(response, tag)
    return response


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
        self.version = version

    def get(self, key: Hashable) -> Any | None:
        return self._kept.get(key, self.version)

    def put(self, key: Hashable, value: Any, size: int) -> None:
        self._kept.put(key, self.version, value, size)


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
    """An anonymous versioned read: 304 when the client holds its tag, else the kept answer if any."""
    if request.method != "GET" or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    auth = getattr(view, _MARK, None)
    if auth is None or auth == "required":  # not a versioned read, or one that answers only with a token
        return None
    answers = kept(ANSWERS)
    if answers is None:  # no content version: nothing is kept or tagged
        return None
    not_modified = _tag_answer(answers.version, None)
    if not_modified is not None:
        return not_modified
    body = answers.get(request.full_path)
    count_cache(ANSWERS, hit=body is not None)
    if body is not None:
        return Response(body, mimetype="application/json")
    g.answer_to_keep = (answers, request.full_path)
    return None


def _keep_answer_or_retire_old_ones(response: Response) -> Response:
    tag = g.pop("answer_tag", None)
    if tag is not None and response.status_code == 200:
        _describe_answer(response, tag)
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

"""Versioned reads: GETs whose answers change only with the content version (`caching.version`).

A view marked `versioned=True` (`Blueprint.operation`) answers from its URL, its reader and the
stored content alone. Each of its 200 answers carries an ETag naming the versions it read under
(the content version and its scopes), the reader and the URL; a worker remembers which scopes each
answer read (`kept(ANSWER_SCOPES)`), so a client sending the tag back gets 304 before the view reads
anything. Token-less answers are the same for every reader: each worker keeps them (`kept(ANSWERS)`)
and serves them while their versions hold, before authentication, the limiter or the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, current_app, g, request
from flask_jwt_extended import get_jwt_identity

from service.caching import scopes
from service.caching.kept import KeptAsOf, kept
from service.caching.version import read_scopes, request_version, request_versions, versions_read
from service.metrics import count_cache

View = TypeVar("View", bound=Callable[..., Any])

ANSWERS = "answers"
ANSWER_SCOPES = "answer-scopes"  # (reader, URL) -> the scopes its answer read, kept under them
# Stored by clients, and checked with the ETag before each use: the tag is the freshness test.
CACHE_CONTROL = "no-cache"
_MARK = "versioned_read"  # on a versioned read's view: its authentication mode


def versioned_read(view: View, auth: str | None) -> View:
    """Tag the answers of `view` and answer 304 to a client that holds the current tag, before the
    view runs. Wrap it inside the token check: a 304 must not answer a request that deserves a 401.
    The mark rides up to the routed view on `functools.wraps`, for `answer_from_memory` to find."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if request_version() is not None and "answer" not in g:  # else seen already, as anonymous reads are
            reader = get_jwt_identity() if auth else None
            if reader is not None:  # before anything is read: the reader's own flags
                request_versions([scopes.reader(int(reader))])
            tag = _tag_remembered(reader)
            if tag is not None and _client_holds(tag):
                return _not_modified(tag)
            g.answer = (reader, None, None)
        return view(*args, **kwargs)

    setattr(wrapper, _MARK, auth or "none")
    return wrapper  # type: ignore[return-value]


def answer_from_memory() -> Response | None:
    """Before request: an anonymous versioned read is answered with the answer this worker kept, if
    its versions hold (304 when the client holds its tag); otherwise its answer is to be kept."""
    if request.method != "GET" or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    auth = getattr(view, _MARK, None)
    if auth is None or auth == "required":  # not a versioned read, or one that answers only with a token
        return None
    answers = kept(ANSWERS)
    if answers is None:  # no content version: nothing is kept or tagged
        return None
    found = answers.get_as_of(request.full_path)
    count_cache(ANSWERS, hit=found is not None)
    if found is None:
        tag = _tag_remembered(None)
        if tag is not None and _client_holds(tag):
            return _not_modified(tag)
        g.answer = (None, answers, None)  # the after-request hook tags it and keeps it
        return None
    body, version = found
    tag = _answer_tag(version, None)
    if _client_holds(tag):
        return _not_modified(tag)
    g.answer = (None, None, tag)
    return Response(body, mimetype="application/json")


def describe_answer(response: Response) -> Response:
    """After request: a versioned read's 200 gets its ETag (a 304 when the client holds it), and
    is kept when it is to be, under the scopes it read."""
    answer: tuple[str | None, KeptAsOf | None, str | None] | None = g.pop("answer", None)
    if answer is None or response.status_code != 200:
        return response
    reader, keep_in, tag = answer
    if tag is None:
        read = read_scopes()
        version = versions_read(read)
        if version is None:
            return response
        tag = _answer_tag(version, reader)
        remembered = kept(ANSWER_SCOPES)
        if remembered is not None:
            remembered.put((reader, request.full_path), True, 64 + len(request.full_path), read)
        if keep_in is not None:
            body = response.get_data()
            keep_in.put(request.full_path, body, len(body), read)
        if _client_holds(tag):  # a tag another worker gave, for an answer it had not read here
            return _not_modified(tag)
    _describe(response, tag)
    return response


def _tag_remembered(reader: str | None) -> str | None:
    """The tag of this URL's answer to `reader`, when this worker remembers what it read and that
    has not changed since."""
    remembered = kept(ANSWER_SCOPES)
    found = remembered.get_as_of((reader, request.full_path)) if remembered is not None else None
    return _answer_tag(found[1], reader) if found is not None else None


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


def _describe(response: Response, tag: str) -> None:
    # Added rather than set, which costs more: nothing else sets these (a CORS `Vary: Origin` stays).
    headers = response.headers
    headers.add("ETag", f'W/"{tag}"')  # weak: the tag stands for what the answer says, not for its bytes
    headers.add("Cache-Control", CACHE_CONTROL)
    headers.add("Vary", "Authorization")


def _not_modified(tag: str) -> Response:
    response = Response(status=304)
    _describe(response, tag)
    return response

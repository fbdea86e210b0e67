"""Versioned reads: GETs whose answers change only with the content version (`caching.version`).

A view marked `versioned=True` (`Blueprint.operation`) answers from its URL, its reader and the
stored content alone. Each of its 200 answers carries an ETag naming the version, the reader and
the URL; a client sending it back in If-None-Match gets 304 before the view reads anything. The
answers to token-less GETs are the same for every reader: each worker keeps them (`kept(ANSWERS)`)
and serves them while the version holds, before authentication, the limiter or the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, current_app, g, request
from flask_jwt_extended import get_jwt_identity

from service.caching.kept import KeptAsOf, kept
from service.caching.version import request_version

View = TypeVar("View", bound=Callable[..., Any])

ANSWERS = "answers"
# Stored by clients, and checked with the ETag before each use: the tag is the freshness test.
CACHE_CONTROL = "no-cache"
_MARK = "versioned_read"  # on a versioned read's view: its authentication mode


def versioned_read(view: View, auth: str | None) -> View:
    """Tag the answers of `view` and answer 304 to a client that holds the current tag, before the
    view runs. Wrap it inside the token check: a 304 must not answer a request that deserves a 401.
    The mark rides up to the routed view on `functools.wraps`, for `answer_from_memory` to find."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        version = request_version()
        if version is not None and "answer" not in g:  # else tagged already, as anonymous reads are
            tag = _answer_tag(version, get_jwt_identity() if auth else None)
            if _client_holds(tag):
                return _not_modified(tag)
            g.answer = (tag, None)
        return view(*args, **kwargs)

    setattr(wrapper, _MARK, auth or "none")
    return wrapper  # type: ignore[return-value]


def answer_from_memory() -> Response | None:
    """Before request: an anonymous versioned read is answered 304 when the client holds its tag,
    else with the answer this worker kept, if any; otherwise its answer is to be kept."""
    if request.method != "GET" or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    auth = getattr(view, _MARK, None)
    if auth is None or auth == "required":  # not a versioned read, or one that answers only with a token
        return None
    answers = kept(ANSWERS)
    if answers is None:  # no content version: nothing is kept or tagged
        return None
    tag = _answer_tag(answers.version, None)
    if _client_holds(tag):
        return _not_modified(tag)
    body = answers.get(request.full_path)
    g.answer = (tag, None if body is not None else answers)  # the after-request hook tags it
    return Response(body, mimetype="application/json") if body is not None else None


def describe_answer(response: Response) -> Response:
    """After request: a versioned read's 200 gets its ETag, and is kept when it is to be."""
    answer: tuple[str, KeptAsOf | None] | None = g.pop("answer", None)
    if answer is None or response.status_code != 200:
        return response
    tag, keep_in = answer
    _describe(response, tag)
    if keep_in is not None:
        body = response.get_data()
        keep_in.put(request.full_path, body, len(body))
    return response


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

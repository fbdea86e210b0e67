"""Talking to live servers: a small JSON client, requests fired at the same instant, row counts.

Standard library plus SQLAlchemy only; every wait is bounded, so a hung server fails a test instead
of hanging the run.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from email.message import Message
from typing import Any, TypeVar

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.support.backend import BACKEND

T = TypeVar("T")
REQUEST_TIMEOUT = 15  # seconds; far above any healthy answer, well below "hung"

# Live tests start gunicorn on PostgreSQL; running them in both passes of scripts/test would
# only repeat the same thing, so they run once, in the PostgreSQL pass.
live_only = pytest.mark.skipif(
    BACKEND != "postgresql", reason="live backend tests run once, in the PostgreSQL pass (TEST_DATABASE=postgresql)"
)


@dataclass
class Reply:
    status: int
    headers: Message  # case-insensitive lookups
    body: Any  # parsed JSON, or the raw text when the answer is not JSON
    seconds: float


def call(
    base_url: str,
    method: str,
    path: str,
    json_body: Any = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = REQUEST_TIMEOUT,
) -> Reply:
    request = urllib.request.Request(base_url + path, method=method, headers=dict(headers or {}))
    if token:
        request.add_header("Authorization", f"Token {token}")
    if json_body is not None:
        request.data = json.dumps(json_body).encode()
        request.add_header("Content-Type", "application/json")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, answer_headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, raw = error.code, error.headers, error.read()
    seconds = time.monotonic() - started
    text_body = raw.decode(errors="replace")
    is_json = answer_headers.get_content_type() == "application/json"
    return Reply(status, answer_headers, json.loads(text_body) if is_json and text_body else text_body, seconds)


def at_once(calls: list[Callable[[], T]], timeout: float = 60) -> list[T]:
    """Run every callable on its own thread, released together, and return their results in order."""
    barrier = threading.Barrier(len(calls))

    def released(fn: Callable[[], T]) -> T:
        barrier.wait(timeout=timeout)
        return fn()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(released, fn) for fn in calls]
        _done, pending = wait(futures, timeout=timeout)
        assert not pending, f"{len(pending)} of {len(calls)} requests still running after {timeout}s"
        return [future.result() for future in futures]


def eventually(probe: Callable[[], T], *, within: float, interval: float = 0.2) -> T:
    """Call `probe` until it returns something truthy; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = probe()
        if result or time.monotonic() > deadline:
            assert result, f"not true within {within}s: {result!r}"
            return result
        time.sleep(interval)


def scalar(database_url: str, sql: str, **params: Any) -> Any:
    """One value straight from the database, bypassing the service."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar_one()
    finally:
        engine.dispose()

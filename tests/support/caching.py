"""Helpers of the caching tests: reading twice, and telling whether answers were kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient


def read_twice(client: FlaskClient, count_queries: Callable[[], Any], path: str, **kwargs: Any) -> list[str]:
    """Read `path` twice; the statements the second read sent."""
    first = client.get(path, **kwargs)
    with count_queries() as statements:
        second = client.get(path, **kwargs)
    assert second.status_code == first.status_code
    assert second.get_data() == first.get_data()
    return statements


def answers_kept_after(client: FlaskClient, count_queries: Callable[[], Any], write: Callable[[], Any]) -> bool:
    """Whether the home page, read before `write`, is still answered from memory after it."""
    client.get("/api/articles?limit=20")
    assert write().status_code == 200
    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    return statements == []


def path_and_headers(request: pytest.FixtureRequest, article: dict[str, Any], read: tuple[str, str | None]):
    """The path and headers of a versioned read, its reader's token included."""
    path, reader = read
    headers = request.getfixturevalue(reader).headers if reader else {}
    return path.format(slug=article["slug"]), headers

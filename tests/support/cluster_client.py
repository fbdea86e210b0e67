"""Acting on a cluster from outside: users and articles through the proxy, and metrics per instance."""

from __future__ import annotations

import http.client
import itertools
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.backends.support import call

_names = itertools.count(1)


@dataclass
class Writer:
    username: str
    token: str


def new_writer(base_url: str, prefix: str = "writer") -> Writer:
    username = f"{prefix}{next(_names)}"
    user = {"username": username, "email": f"{username}@example.com", "password": "password-1234"}
    reply = call(base_url, "POST", "/api/users", {"user": user})
    assert reply.status == 201, reply.body
    return Writer(username, reply.body["user"]["token"])


def new_article(base_url: str, writer: Writer, title: str) -> dict:
    article = {"title": title, "description": "about it", "body": "the body of it", "tagList": ["cluster"]}
    reply = call(base_url, "POST", "/api/articles", {"article": article}, token=writer.token)
    assert reply.status == 201, reply.body
    return reply.body["article"]


def requests_counted(instance_url: str) -> float:
    """The sum of flask_http_request_total on one instance, over all of its workers."""
    with urllib.request.urlopen(f"{instance_url}/metrics", timeout=10) as response:
        text = response.read().decode()
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith("flask_http_request_total{")
    )


def counter(instance_url: str, name: str, **labels: str) -> float:
    """One labelled sample of a counter on one instance (0 when absent)."""
    with urllib.request.urlopen(f"{instance_url}/metrics", timeout=10) as response:
        text = response.read().decode()
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        series, _, value = line.rpartition(" ")
        if series.startswith(name + "{") and ",".join(sorted(series[len(name) + 1 : -1].split(","))) == wanted:
            return float(value)
    return 0.0


def raw_get(base_url: str, path: str, headers: dict[str, str]) -> tuple[int, http.client.HTTPMessage, bytes]:
    """A GET whose body comes back as sent (urllib would not let a gzipped body through untouched)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()

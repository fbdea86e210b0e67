"""Acting on a cluster from outside: users and articles through the proxy, metrics per instance,
HTTPS with cookies, and the flask CLI on its database."""

from __future__ import annotations

import http.client
import http.cookiejar
import itertools
import ssl
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
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


class HttpsBrowser:
    """A client with a cookie jar that follows no redirect (a console answer is read as it comes);
    over HTTPS it trusts only `certificate`, the cluster's own."""

    def __init__(self, base_url: str, certificate: Path | None = None) -> None:
        self.base_url = base_url
        context = ssl.create_default_context(cafile=str(certificate)) if certificate else None
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.jar),
            _NoRedirects(),
        )

    def open(self, method: str, path: str, form: dict[str, str] | None = None) -> HttpsReply:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if form is not None:
            request.add_header("Origin", self.base_url)
        try:
            with self.opener.open(request, timeout=15) as response:
                return HttpsReply(response.status, response.headers, response.read().decode(errors="replace"))
        except urllib.error.HTTPError as error:
            return HttpsReply(error.code, error.headers, error.read().decode(errors="replace"))


@dataclass
class HttpsReply:
    status: int
    headers: http.client.HTTPMessage
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


def run_flask(env: dict[str, str], workdir: Path, *args: str) -> str:
    """`flask --app service ARGS` against the cluster's database (in `workdir`, not the repo, whose
    .env flask would read); its output, or an AssertionError with it."""
    command = [str(Path(sys.executable).parent / "flask"), "--app", "service", *args]
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout

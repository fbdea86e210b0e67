"""The load scenarios and running them with wrk (bounded in time, connections and threads).

Each scenario is a list of prepared requests; a generated Lua script picks one at random per
request (rotating slugs, users and tokens) and prints wrk's figures as one JSON line.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perf.dataset import PASSWORD, Dataset

WRK = "wrk"
WRK_TIMEOUT = "5s"  # a response slower than this counts as an error (a timeout) instead of a latency
RESULT_MARKER = "WRK_RESULT "
WRITE_SLUGS = 25  # articles each writer favorites, unfavorites and comments on (row contention on purpose)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str | None = None
    body: str | None = None
    if_none_match: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {"Authorization": f"Token {self.token}"} if self.token else {}
        if self.body:
            headers["Content-Type"] = "application/json"
        if self.if_none_match:
            headers["If-None-Match"] = self.if_none_match
        return headers


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    server: str  # "service" or "yardstick"
    requests: list[Request] = field(repr=False)
    revalidates: bool = False  # each request sends the ETag it is answered with (`holding_current_etags`)


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    errors: dict[str, int]
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def scenarios(data: Dataset, tokens: dict[int, str]) -> list[Scenario]:
    """Every scenario of issue 6, in the order they run: reads first, then writes and logins."""
    readers = [tokens[user_id] for user_id in data.reader_ids]
    return [
        Scenario("yardstick", "yardstick (bare Flask, 2 KB JSON)", "yardstick", [Request("GET", "/")]),
        # The service's own floor: every hook, no database, no Redis. No route can beat its share.
        Scenario("floor", "GET /api/health (floor)", "service", [Request("GET", "/api/health")]),
        Scenario("list_anonymous", "GET /api/articles?limit=20", "service", [Request("GET", "/api/articles?limit=20")]),
        Scenario(
            "list_authenticated",
            "GET /api/articles?limit=20 (auth)",
            "service",
            [Request("GET", "/api/articles?limit=20", token) for token in readers],
        ),
        # What a browser sends for a page it holds (answered 304 while nothing was written): no target.
        Scenario(
            "list_revalidated",
            "GET /api/articles?limit=20 (auth 304)",
            "service",
            [Request("GET", "/api/articles?limit=20", token) for token in readers],
            revalidates=True,
        ),
        Scenario(
            "feed",
            "GET /api/articles/feed?limit=20",
            "service",
            [Request("GET", "/api/articles/feed?limit=20", token) for token in readers],
        ),
        Scenario(
            "article",
            "GET /api/articles/<slug>",
            "service",
            [Request("GET", f"/api/articles/{slug}") for slug in data.slugs],
        ),
        Scenario(
            "comments",
            "GET /api/articles/<slug>/comments",
            "service",
            [Request("GET", f"/api/articles/{slug}/comments") for slug in data.slugs],
        ),
        Scenario("tags", "GET /api/tags", "service", [Request("GET", "/api/tags")]),
        Scenario(
            "profile",
            "GET /api/profiles/<username>",
            "service",
            [Request("GET", f"/api/profiles/{username}") for username in data.usernames],
        ),
        Scenario("writes", "write mix (fav/unfav/comment)", "service", _write_mix(data, tokens)),
        Scenario("login", "POST /api/users/login", "service", _logins(data)),
        # Once more at the end: how far apart the two runs are says how steady the machine was.
        Scenario("yardstick_again", "yardstick (again)", "yardstick", [Request("GET", "/")]),
    ]


def _write_mix(data: Dataset, tokens: dict[int, str]) -> list[Request]:
    """Favorite, unfavorite and comment in equal shares, by several users on the same few articles."""
    requests = []
    for user_id in data.writer_ids:
        token = tokens[user_id]
        for slug in data.slugs[:WRITE_SLUGS]:
            comment = json.dumps({"comment": {"body": f"Benchmark comment by user {user_id} on {slug}."}})
            requests += [
                Request("POST", f"/api/articles/{slug}/favorite", token),
                Request("DELETE", f"/api/articles/{slug}/favorite", token),
                Request("POST", f"/api/articles/{slug}/comments", token, comment),
            ]
    return requests


def _logins(data: Dataset) -> list[Request]:
    bodies = (json.dumps({"user": {"email": email, "password": PASSWORD}}) for email in data.login_emails)
    return [Request("POST", "/api/users/login", body=body) for body in bodies]


# --- wrk -------------------------------------------------------------------------------------------------

LUA_TEMPLATE = """\
-- Generated by scripts/perf/load.py for one scenario.
local specs = __SPECS__
local prepared = {}
local threads_started = 0

function setup(thread)
  threads_started = threads_started + 1
  thread:set("thread_number", threads_started)
end

function init(args)
  math.randomseed(thread_number * 7919)
  for i, spec in ipairs(specs) do
    prepared[i] = wrk.format(spec.method, spec.path, spec.headers, spec.body)
  end
end

function request()
  return prepared[math.random(#prepared)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '__MARKER__{"requests": %.0f, "duration_us": %.0f, "connect": %.0f, "read": %.0f, "write": %.0f, ' ..
    '"status": %.0f, "timeout": %.0f, "p50_us": %.0f, "p90_us": %.0f, "p99_us": %.0f, "max_us": %.0f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def _lua_string(value: str) -> str:
    # json.dumps escapes exactly what a Lua 5.1 string literal needs, as long as no \\u escapes appear.
    if not value.isascii():
        raise ValueError(f"not ASCII, cannot go into the Lua script: {value!r}")
    return json.dumps(value)


def _lua_table(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"[{_lua_string(key)}] = {_lua_string(value)}" for key, value in fields.items()) + "}"


def _lua_spec(request: Request) -> str:
    fields = {"method": request.method, "path": request.path, "body": request.body}
    strings = [f"{key} = {_lua_string(value)}" for key, value in fields.items() if value]
    return "{" + ", ".join([*strings, f"headers = {_lua_table(request.headers())}"]) + "}"


def write_lua_script(scenario: Scenario, directory: Path) -> Path:
    specs = "{\n  " + ",\n  ".join(_lua_spec(request) for request in scenario.requests) + "\n}"
    path = directory / f"{scenario.key}.lua"
    path.write_text(LUA_TEMPLATE.replace("__SPECS__", specs).replace("__MARKER__", RESULT_MARKER))
    return path


@dataclass(frozen=True)
class LoadShape:
    duration_s: int
    connections: int
    threads: int


def run_wrk(base_url: str, script: Path, shape: LoadShape) -> LoadResult:
    command = [WRK, "-t", str(shape.threads), "-c", str(shape.connections), "-d", f"{shape.duration_s}s"]
    command += ["--timeout", WRK_TIMEOUT, "-s", str(script), base_url]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=shape.duration_s + 60, check=False)
    if completed.returncode:
        raise RuntimeError(f"wrk failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return _parse(completed.stdout)


def _parse(output: str) -> LoadResult:
    line = next((line for line in output.splitlines() if line.startswith(RESULT_MARKER)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result line:\n{output}")
    raw: dict[str, Any] = json.loads(line.removeprefix(RESULT_MARKER))
    return LoadResult(
        requests=int(raw["requests"]),
        seconds=raw["duration_us"] / 1e6,
        errors={kind: int(raw[kind]) for kind in ("connect", "read", "write", "status", "timeout") if raw[kind]},
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
    )


def _send(base_url: str, request: Request) -> tuple[int, bytes, str | None]:
    """Status, the start of the body (of an error) and the ETag; status 0 when nothing answered."""
    data = request.body.encode() if request.body else None
    prepared = urllib.request.Request(base_url + request.path, data, request.headers(), method=request.method)
    try:
        with urllib.request.urlopen(prepared, timeout=10) as response:
            return response.status, b"", response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, error.read(160), error.headers.get("ETag")
    except OSError as error:
        return 0, str(error).encode(), None


def answers_now(base_url: str, requests: list[Request]) -> list[str]:
    """What these requests answer one at a time, after the load: tells a 429 or a 500 from a timeout."""
    answers = []
    for request in requests:
        status, body, _etag = _send(base_url, request)
        answers.append(f"{request.method} {request.path} -> {status} {body.decode(errors='replace')}".rstrip())
    return answers


def holding_current_etags(scenario: Scenario, base_url: str) -> Scenario:
    """The scenario's requests, each sending the ETag the server answers it with now."""
    requests = []
    for request in scenario.requests:
        status, _body, etag = _send(base_url, request)
        if status != 200 or etag is None:
            raise RuntimeError(
                f"{request.method} {request.path} answered {status} with ETag {etag}: nothing to revalidate"
            )
        requests.append(replace(request, if_none_match=etag))
    return replace(scenario, requests=requests)

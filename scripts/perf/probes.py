"""What the load cannot show, measured in-process against the same PostgreSQL and Redis: SQL
statements and Redis round trips per request, the plans of the list and feed queries, and the
argon2id rate on this machine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from unittest import mock

from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from redis.connection import AbstractConnection
from sqlalchemy import event

from perf.dataset import PASSWORD
from perf.load import Request, Scenario
from service import create_app
from service.auth import issue_token
from service.caching.version import start_new_version
from service.extensions import db
from service.models import User

LIST_LIMITS = (1, 20, 100)
MAX_LIST_STATEMENTS = 4  # issue 6: "<= 4 is the bar to beat", and the same at every page size
Statement = tuple[str, Any]  # SQL text and its parameters, as sent to the driver


def make_app(env: dict[str, str]) -> Flask:
    """The service configured exactly as the gunicorn workers are (production profile, same URLs)."""
    names = ("SECRET_KEY", "JWT_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "LOG_LEVEL")
    overrides: dict[str, Any] = {name: env[name] for name in names}
    overrides.update({name: value for name, value in env.items() if name.startswith("RATELIMIT_")})
    return create_app({"ENV_PROFILE": env["APP_ENV"], **overrides})


def close_app(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def issue_tokens(app: Flask, user_ids: list[int]) -> dict[int, str]:
    with app.app_context():
        return {user_id: issue_token(db.session.get(User, user_id)) for user_id in user_ids}


@contextmanager
def recorded_statements(app: Flask) -> Iterator[list[Statement]]:
    """Every statement sent to the database meanwhile (as tests/conftest.py `count_queries` does)."""
    statements: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        statements.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def counted_redis_round_trips() -> Iterator[list[int]]:
    """How many times anything in this process sent Redis a command (a pipeline counts once)."""
    calls = [0]
    send_packed_command = AbstractConnection.send_packed_command

    def counting(connection: AbstractConnection, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return send_packed_command(connection, *args, **kwargs)

    with mock.patch.object(AbstractConnection, "send_packed_command", counting):
        yield calls


def send(client: FlaskClient, request: Request) -> int:
    response = client.open(request.path, method=request.method, headers=request.headers(), data=request.body)
    return response.status_code


def current_etag(app: Flask, request: Request) -> str:
    response = app.test_client().open(request.path, method=request.method, headers=request.headers())
    if response.status_code != 200 or "ETag" not in response.headers:
        raise RuntimeError(f"{request.method} {request.path} answered {response.status_code} without an ETag")
    return response.headers["ETag"]


@dataclass(frozen=True)
class RequestCost:
    status: int
    statements: list[Statement]
    redis_round_trips: int


def request_cost(app: Flask, request: Request, *, kept: bool = True, warm_up: bool = True) -> RequestCost:
    """One request's status, SQL statements and Redis round trips, after a warm-up request
    (the first connections run extra SQL and load Redis scripts). An anonymous read repeated is
    served from the answers the worker kept (service.caching.answers); `kept=False` retires them
    first, to measure the database's work behind the answer. A write repeated may change nothing
    (a second favorite), so writes warm up beforehand instead (`warm_up=False`)."""
    client = app.test_client()
    if warm_up:
        send(client, request)
    if not kept:
        with app.app_context():
            start_new_version()
    with recorded_statements(app) as statements, counted_redis_round_trips() as redis_calls:
        status = send(client, request)
    return RequestCost(status, statements, redis_calls[0])


def in_process_costs(app: Flask, scenario: Scenario) -> tuple[str, str]:
    """SQL statements and Redis round trips of one request of each kind ("6/6/5" for the write mix).
    The kinds warm up together, then run in order: each write then changes data (a favorite, its
    undoing, a comment), as most of the mix's do."""
    if scenario.server != "service":
        return "-", "-"
    kinds = scenario.requests[:3]
    if scenario.revalidates:
        kinds = [replace(request, if_none_match=current_etag(app, request)) for request in kinds]
    for request in kinds:
        send(app.test_client(), request)
    costs = [request_cost(app, request, warm_up=False) for request in kinds]
    return _joined([len(cost.statements) for cost in costs]), _joined([cost.redis_round_trips for cost in costs])


def _joined(counts: list[int]) -> str:
    return str(counts[0]) if len(set(counts)) == 1 else "/".join(str(count) for count in counts)


# --- statements per list request -------------------------------------------------------------------------


def list_requests(reader_token: str) -> dict[str, dict[int, Request]]:
    """GET /api/articles (anonymous, authenticated) and the feed at every page size worth comparing."""
    return {
        "list anonymous": {limit: Request("GET", f"/api/articles?limit={limit}") for limit in LIST_LIMITS},
        "list authenticated": {
            limit: Request("GET", f"/api/articles?limit={limit}", reader_token) for limit in LIST_LIMITS
        },
        "feed": {limit: Request("GET", f"/api/articles/feed?limit={limit}", reader_token) for limit in LIST_LIMITS},
    }


def list_statement_counts(app: Flask, reader_token: str) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = {}
    for name, by_limit in list_requests(reader_token).items():
        counts[name] = {}
        for limit, request in by_limit.items():
            cost = request_cost(app, request, kept=False)
            if cost.status != 200:
                raise RuntimeError(f"{request.method} {request.path} answered {cost.status} in-process")
            counts[name][limit] = len(cost.statements)
    return counts


def list_counts_pass(counts: dict[int, int]) -> bool:
    return len(set(counts.values())) == 1 and max(counts.values()) <= MAX_LIST_STATEMENTS


# --- query plans ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSummary:
    label: str
    planning_ms: float
    execution_ms: float
    lines: list[str]  # the plan tree, one node a line
    seq_scans: list[str]  # "articles (2000 rows)" for each sequential scan
    indexes: list[str]


def explain(app: Flask, statements: list[Statement]) -> list[PlanSummary]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement, with its own parameters, summarised."""
    summaries = []
    with app.app_context():
        connection = db.session.connection()
        for statement, parameters in statements:
            result = connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters)
            document = result.scalar_one()[0]
            summaries.append(_summarise(_label(statement), document))
        db.session.rollback()
    return summaries


def _label(statement: str) -> str:
    head = " ".join(statement.split())[:200].lower()
    if head.startswith("select count("):
        return "count"
    if "from article_tags" in head:
        return "page tags"
    if "from tags" in head:
        return "tag cloud"
    if "from users" in head and "where users.id =" in " ".join(statement.split()).lower():
        return "user by id"
    return "page"


def _summarise(label: str, document: dict[str, Any]) -> PlanSummary:
    lines: list[str] = []
    seq_scans: list[str] = []
    indexes: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        relation, index = node.get("Relation Name"), node.get("Index Name")
        rows, loops = node.get("Actual Rows", 0), node.get("Actual Loops", 1)
        text = node["Node Type"] + (f" using {index}" if index else "") + (f" on {relation}" if relation else "")
        role = f"[{node['Subplan Name']}] " if node.get("Subplan Name") else ""
        lines.append(f"{'  ' * depth}{role}{text}  rows={rows} loops={loops}")
        if node["Node Type"] == "Seq Scan":
            seq_scans.append(f"{relation} ({rows * loops} rows)")
        if index and index not in indexes:
            indexes.append(index)
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    walk(document["Plan"], 0)
    return PlanSummary(label, document["Planning Time"], document["Execution Time"], lines, seq_scans, indexes)


def list_plans(app: Flask, reader_token: str) -> dict[str, list[PlanSummary]]:
    """The plans behind one page of 20 for each list, and the tag cloud (whose cost grows with the
    data set too); the user lookup by primary key is left out."""
    requests = {name: by_limit[20] for name, by_limit in list_requests(reader_token).items()}
    requests["tags"] = Request("GET", "/api/tags")
    plans = {}
    for name, request in requests.items():
        statements = request_cost(app, request, kept=False).statements
        plans[name] = [plan for plan in explain(app, statements) if plan.label != "user by id"]
    return plans


# --- argon2id ------------------------------------------------------------------------------------------


def argon2_hashes_per_second(time_cost: int, memory_cost: int, seconds: float = 3.0) -> float:
    """Verifications per second in this one process: what a login costs, at the app's parameters."""
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1)
    stored = hasher.hash(PASSWORD)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        hasher.verify(stored, PASSWORD)
        count += 1
    return count / elapsed

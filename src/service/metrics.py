"""Prometheus metrics at `GET /metrics`, summed over every gunicorn worker of the instance.

Under gunicorn each worker writes its values to files in PROMETHEUS_MULTIPROC_DIR (prepared by
`gunicorn_conf`), and a scrape reads them all: prometheus_client's multiprocess mode. Without that
directory (the test client, `flask run`) the values are this process's own. Request metrics carry
the route template (`/api/articles/<slug>`), never the raw path, so their label sets stay bounded;
the names are prometheus-flask-exporter's, so dashboards made for it work. `/metrics` is meant for a
scraper on the private network: the proxy answers it with a 404.
"""

from __future__ import annotations

import os
import re
import time
from functools import cache
from importlib import metadata
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.pool import Pool

METRICS_PATH = "/metrics"
UNMATCHED = "<unmatched>"  # a URL that matches no route: one label value, whatever was asked
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# prometheus-flask-exporter's buckets, in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, float("inf"))

REQUESTS = Counter("flask_http_request_total", "HTTP requests answered", ["method", "status", "url_rule"])
DURATION = Histogram(
    "flask_http_request_duration_seconds",
    "Time from the request's first hook to its answer",
    ["method", "url_rule", "status"],
    buckets=BUCKETS,
)
RATE_LIMITED = Counter("conduit_rate_limit_rejections_total", "Requests refused with 429", ["url_rule"])
CACHE = Counter("conduit_cache_requests_total", "Lookups in what is kept or cached", ["cache", "result"])
DB_IN_USE = Gauge(
    "conduit_db_connections_in_use", "Database connections checked out of the pools", multiprocess_mode="livesum"
)
DB_OPENED = Counter("conduit_db_connections_opened_total", "Database connections opened")
BUILD = Gauge("conduit_build_info", "The running version (always 1)", ["version"], multiprocess_mode="max")


def count_cache(cache: str, hit: bool) -> None:
    """Count one lookup in `cache` ("answers": what a worker keeps; "shared": the Redis cache)."""
    CACHE.labels(cache, "hit" if hit else "miss").inc()


def _start_timer() -> None:
    g.metrics_started = time.perf_counter()


@cache
def _series(method: str, status: int, rule: str) -> tuple[Any, Any]:
    """The counter and histogram of one method, status and route: found once, not on every request."""
    template = _template(rule) if rule != UNMATCHED else rule
    return REQUESTS.labels(method, str(status), template), DURATION.labels(method, template, str(status))


def _template(rule: str) -> str:
    """A route as its docs name it: `/api/articles/<slug>`, without the converters."""
    return _CONVERTER.sub(r"<\1>", rule)


_CONVERTER = re.compile(r"<(?:[^<>:]+:)?([^<>:]+)>")


def _observe(response: Response) -> Response:
    if request.path == METRICS_PATH:  # a scrape does not count itself
        return response
    rule = request.url_rule.rule if request.url_rule is not None else UNMATCHED
    method = request.method if request.method in METHODS else "other"  # clients may send any word
    count, duration = _series(method, response.status_code, rule)
    count.inc()
    started = g.get("metrics_started")
    if started is not None:
        duration.observe(time.perf_counter() - started)
    if response.status_code == 429:
        RATE_LIMITED.labels(rule).inc()
    return response


def _scrape() -> Response:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=directory)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, content_type=CONTENT_TYPE_PLAIN_0_0_4)  # the format every Prometheus reads


@event.listens_for(Pool, "connect")
def _opened(_dbapi_connection: object, _record: object) -> None:
    DB_OPENED.inc()


@event.listens_for(Pool, "checkout")
def _checked_out(_dbapi_connection: object, _record: object, _proxy: object) -> None:
    DB_IN_USE.inc()


@event.listens_for(Pool, "checkin")
def _checked_in(_dbapi_connection: object, _record: object) -> None:
    DB_IN_USE.dec()


def _version() -> str:
    try:
        return metadata.version("conduit-api")
    except metadata.PackageNotFoundError:
        return "unknown"


def init_metrics(app: Flask) -> None:
    """Time every request from its first hook (register this before any hook that may answer)."""
    BUILD.labels(_version()).set(1)
    app.before_request(_start_timer)
    app.after_request(_observe)
    app.add_url_rule(METRICS_PATH, "metrics", _scrape, methods=["GET"])

"""Traces: a span per request, child spans for SQL and Redis, trace ids in log lines; nothing when unset."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator

import pytest
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from service import create_app
from service.logs import JsonFormatter
from tests.support.servers import RedisServer, redis_server


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    yield exporter
    # The SQLAlchemy and Redis instrumentations patch process-wide: undo them for the next tests.
    for instrumentor in (SQLAlchemyInstrumentor(), RedisInstrumentor()):
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()


@pytest.fixture
def traced_client(make_app, spans):
    client = make_app(OTEL_SPAN_EXPORTER=spans, OTEL_SERVICE_NAME="conduit-test").test_client()
    spans.clear()  # creating the tables was traced too
    return client


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


def test_each_request_is_a_server_span_named_by_its_route(traced_client, spans):
    traced_client.get("/api/tags")

    [server] = [span for span in spans.get_finished_spans() if span.kind == SpanKind.SERVER]
    assert server.name == "GET /api/tags"
    assert server.attributes["http.route"] == "/api/tags"
    assert server.attributes["http.status_code"] == 200
    assert server.resource.attributes["service.name"] == "conduit-test"


def test_sql_statements_are_child_spans_of_the_request(traced_client, spans):
    traced_client.get("/api/tags")

    finished = spans.get_finished_spans()
    [server] = [span for span in finished if span.kind == SpanKind.SERVER]
    sql = [span for span in finished if span.kind == SpanKind.CLIENT and "db.statement" in span.attributes]
    assert sql
    assert all(span.parent.span_id == server.context.span_id for span in sql)
    assert {span.context.trace_id for span in sql} == {server.context.trace_id}


def test_redis_commands_are_child_spans_of_the_request(make_app, spans, redis):
    client = make_app(OTEL_SPAN_EXPORTER=spans, REDIS_URL=redis.url).test_client()
    spans.clear()

    client.get("/api/articles")

    finished = spans.get_finished_spans()
    [server] = [span for span in finished if span.kind == SpanKind.SERVER]
    commands = [span for span in finished if span.attributes.get("db.system") == "redis"]
    assert commands
    assert {span.context.trace_id for span in commands} == {server.context.trace_id}


def test_log_lines_carry_the_trace_and_span_ids(traced_client, spans, caplog):
    caplog.set_level(logging.INFO, logger="service.access")

    traced_client.get("/api/tags")

    [server] = [span for span in spans.get_finished_spans() if span.kind == SpanKind.SERVER]
    [record] = [record for record in caplog.records if record.name == "service.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["trace_id"] == format(server.context.trace_id, "032x")
    assert line["span_id"] == format(server.context.span_id, "016x")


def test_metrics_scrapes_are_not_traced(traced_client, spans):
    traced_client.get("/metrics")

    assert not [span for span in spans.get_finished_spans() if span.kind == SpanKind.SERVER]


def test_without_an_otlp_endpoint_no_tracing_is_set_up():
    # redis-py may import the OpenTelemetry API for its own optional metrics; no SDK, exporter or
    # instrumentation may be loaded, and no span recorded.
    program = (
        "import sys\n"
        "from opentelemetry import trace\n"
        "from service import create_app\n"
        "app = create_app({'ENV_PROFILE': 'testing', 'DATABASE_URL': 'sqlite://'})\n"
        "app.test_client().get('/api/health')\n"
        "loaded = [name for name in sys.modules if name.startswith(('opentelemetry.instrumentation',"
        " 'opentelemetry.sdk.trace', 'opentelemetry.exporter'))]\n"
        "print(loaded, 'conduit_tracer_provider' in app.extensions, trace.get_current_span().is_recording())\n"
    )
    env = {"PATH": "", "PYTHONPATH": "src", "OTEL_SERVICE_NAME": "conduit"}  # a name alone turns nothing on
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)

    assert result.stdout.strip() == "[] False False"


def test_an_otlp_endpoint_that_is_not_a_url_stops_the_app_with_one_line(monkeypatch):
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")

    with pytest.raises(SystemExit) as stopped:
        create_app({"ENV_PROFILE": "testing", "DATABASE_URL": "sqlite://"})

    assert "OTEL_EXPORTER_OTLP_ENDPOINT" in str(stopped.value)
    assert "\n" not in str(stopped.value)

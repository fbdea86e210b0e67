"""OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per request, with
child spans for SQL statements and Redis commands, exported over OTLP (HTTP), and `trace_id` and
`span_id` in every JSON log line. Without it nothing here is imported or installed.

The SDK reads the standard variables itself (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS, ...).
Under gunicorn the app is built in the master and forked, so the exporter's thread is started in
each worker (`start_exporting`, from gunicorn's post_fork), never in the master.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from flask import Flask

_pending: list[tuple[Any, Any, bool]] = []  # (provider, exporter, at once?) waiting for a worker to start them
_started: list[Any] = []  # tracer providers exporting in this process
_forked = False  # whether this process is a worker already (the app then is built after the fork)


def tracing_enabled(config: dict[str, Any]) -> bool:
    return bool(config.get("OTEL_EXPORTER_OTLP_ENDPOINT") or config.get("OTEL_SPAN_EXPORTER"))


def init_tracing(app: Flask) -> None:
    """Instrument the app, its database engine and Redis (call once the engine exists)."""
    if not tracing_enabled(app.config):
        return
    from opentelemetry.instrumentation.flask import FlaskInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider

    from service.extensions import db

    service_name = app.config.get("OTEL_SERVICE_NAME") or "conduit-api"
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    handed_in = app.config.get("OTEL_SPAN_EXPORTER")  # the tests' in-memory exporter
    FlaskInstrumentor().instrument_app(app, tracer_provider=provider, excluded_urls=r"/metrics(\?|$)")
    with app.app_context():
        # Its declared range stops before SQLAlchemy 2.1, whose engine events it uses unchanged
        # (test_sql_statements_are_child_spans_of_the_request checks that they still arrive).
        SQLAlchemyInstrumentor().instrument(engine=db.engine, tracer_provider=provider, skip_dep_check=True)
    RedisInstrumentor().instrument(tracer_provider=provider)
    _add_ids_to_log_lines()
    app.extensions["conduit_tracer_provider"] = provider
    _pending.append((provider, handed_in or _otlp_exporter(), handed_in is not None))
    if os.environ.get("CONDUIT_TRACES_AFTER_FORK") != "1" or _forked:
        start_exporting()


def _otlp_exporter() -> Any:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()  # endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables


def start_exporting() -> None:
    """Start exporting the spans of every app built in this process (a no-op without tracing)."""
    global _forked
    _forked = True
    if not _pending:
        return
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    while _pending:
        provider, exporter, at_once = _pending.pop()
        # An exporter handed in (the tests') gets each span as it ends, so it can be read at once.
        provider.add_span_processor(SimpleSpanProcessor(exporter) if at_once else BatchSpanProcessor(exporter))
        _started.append(provider)


def stop_exporting() -> None:
    """Send what is queued and stop (a worker leaving)."""
    while _started:
        _started.pop().shutdown()


def _add_ids_to_log_lines() -> None:
    """Give every log record made from now on the current span's ids (JsonFormatter writes them)."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "adds_trace_ids", False):
        return
    from opentelemetry import trace

    def with_trace_ids(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            record.trace = {"trace_id": format(context.trace_id, "032x"), "span_id": format(context.span_id, "016x")}
        return record

    with_trace_ids.adds_trace_ids = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(with_trace_ids)

"""Under gunicorn, with OTEL_EXPORTER_OTLP_ENDPOINT set, each worker exports its spans over OTLP/HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from tests.backends.support import call, eventually, live_only
from tests.support.live import live_server

pytestmark = [pytest.mark.live, live_only]


class Collector(ThreadingHTTPServer):
    """The receiving end of OTLP/HTTP: keeps the names of the spans posted to /v1/traces."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Receive)
        self.spans: list[tuple[str, str]] = []  # (service name, span name)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Receive(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/v1/traces":
            export = ExportTraceServiceRequest.FromString(body)
            for resource_spans in export.resource_spans:
                attributes = {item.key: item.value.string_value for item in resource_spans.resource.attributes}
                for scope in resource_spans.scope_spans:
                    self.server.spans += [(attributes.get("service.name", ""), span.name) for span in scope.spans]
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[Collector]:
    server = Collector()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_gunicorn_workers_export_request_and_sql_spans(collector):
    otel = {"OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint, "OTEL_SERVICE_NAME": "conduit-live"}
    with live_server(workers=2, OTEL_BSP_SCHEDULE_DELAY="100", **otel) as server:
        for _ in range(4):  # both workers answer some
            assert call(server.url, "GET", "/api/tags").status == 200

        eventually(lambda: ("conduit-live", "GET /api/tags") in collector.spans, within=15)
        names = {name for service, name in collector.spans if service == "conduit-live"}
        assert any(name.startswith(("SELECT", "WITH")) for name in names), names

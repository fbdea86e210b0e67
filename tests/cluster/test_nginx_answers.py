"""What nginx answers on its own keeps the API's error envelope, and what it passes on to another instance."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from service import messages
from tests.backends.support import call, live_only
from tests.support.cluster import PASSIVE_CHECKS, Nginx
from tests.support.servers import free_port

pytestmark = [pytest.mark.live, pytest.mark.cluster, live_only]


@pytest.fixture(scope="module")
def nginx_without_instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), free_port(), [free_port()])  # nothing listens there
    nginx.start(wait=False)
    yield nginx
    nginx.stop()


def test_no_instance_to_answer_is_a_json_503_with_retry_after(nginx_without_instances):
    reply = call(nginx_without_instances.url, "GET", "/api/articles")

    assert reply.status == 503
    assert reply.body == {"errors": {"body": ["no instance could answer, try again shortly"]}}
    assert reply.headers["Retry-After"] == "5"


def test_a_body_over_the_limit_is_a_json_413(nginx_without_instances):
    reply = call(nginx_without_instances.url, "POST", "/api/users", {"user": {"bio": "x" * (2 * 1024 * 1024)}})

    assert reply.status == 413
    assert reply.body == {"errors": {"body": [messages.BODY_TOO_LARGE]}}  # the app's own wording


class Upstream(socketserver.ThreadingTCPServer):
    """A stand-in instance on loopback: `answers` replies 200, otherwise it reads the request and
    hangs up without a word, as an instance killed mid-request does. Counts what it was sent."""

    daemon_threads = True

    def __init__(self, answers: bool) -> None:
        super().__init__(("127.0.0.1", 0), _Handle)
        self.answers, self.methods = answers, []

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handle(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request_line = self.rfile.readline().decode()
        length = 0
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        self.rfile.read(length)
        self.server.methods.append(request_line.split(" ")[0])
        if self.server.answers:
            body = b'{"status": "ok"}'
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            self.wfile.write(head.encode() + b"Connection: close\r\n\r\n" + body)


@contextmanager
def upstream(answers: bool) -> Iterator[Upstream]:
    server = Upstream(answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class NginxWithBackup(Nginx):
    """The template's configuration, with the second instance as a backup: requests go to the first,
    and reach the second only when nginx passes a request on."""

    def write_config(self) -> Path:
        main = super().write_config()
        site = self.base_dir / "conduit.conf"
        last = f"127.0.0.1:{self.upstream_ports[-1]} "
        site.write_text(site.read_text().replace(last + PASSIVE_CHECKS, last + "backup"))
        return main


@pytest.fixture
def crashing_then_healthy(tmp_path) -> Iterator[tuple[Nginx, Upstream, Upstream]]:
    with upstream(answers=False) as crashing, upstream(answers=True) as healthy:
        nginx = NginxWithBackup(tmp_path, free_port(), [crashing.port, healthy.port])
        nginx.start(wait=False)
        try:
            yield nginx, crashing, healthy
        finally:
            nginx.stop()


def test_an_idempotent_request_cut_off_mid_way_is_retried_on_another_instance(crashing_then_healthy):
    nginx, crashing, healthy = crashing_then_healthy

    reply = call(nginx.url, "GET", "/api/articles")

    assert reply.status == 200
    assert (crashing.methods, healthy.methods) == (["GET"], ["GET"])


def test_a_post_cut_off_mid_way_is_not_sent_again(crashing_then_healthy):
    nginx, crashing, healthy = crashing_then_healthy

    reply = call(nginx.url, "POST", "/api/articles", {"article": {"title": "once"}})

    assert reply.status == 503
    assert reply.body == {"errors": {"body": ["no instance could answer, try again shortly"]}}
    assert (crashing.methods, healthy.methods) == (["POST"], [])

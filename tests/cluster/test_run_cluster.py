"""`scripts/run --cluster 2`, as an operator runs it: it serves through nginx, and SIGTERM stops all of it."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends.support import call, live_only
from tests.support.cluster import REPO
from tests.support.cluster_client import HttpsBrowser, raw_get, requests_counted
from tests.support.servers import free_port

pytestmark = [pytest.mark.live, pytest.mark.cluster, live_only]

START_WITHIN = 180  # seconds: a fresh machine migrates, seeds and starts two instances and nginx
STOP_WITHIN = 60


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class RunningCluster:
    def __init__(self, tmp: Path) -> None:
        self.proxy_port, self.tls_port, self.ports = free_port(), free_port(), [free_port(), free_port()]
        self.state_dir, self.log = tmp / "cluster", tmp / "run.log"
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        self.https_url = f"https://127.0.0.1:{self.tls_port}"
        self.certificate = self.state_dir / "nginx" / "tls" / "self-signed.crt"  # made at start
        self.instance_urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "RATELIMIT_", "TLS_"))}
        env.update(
            PROXY_PORT=str(self.proxy_port),
            TLS_PORT=str(self.tls_port),
            INSTANCE_PORTS=",".join(map(str, self.ports)),
            CLUSTER_DIR=str(self.state_dir),
            WEB_CONCURRENCY="2",
            LOG_LEVEL="WARNING",
        )
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(REPO / "scripts" / "run"), "--cluster", "2"], cwd=REPO, env=env, stdout=log, stderr=log
            )

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_WITHIN
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            if "==> serving on" in self.log.read_text():
                return
            time.sleep(0.5)
        raise AssertionError(f"not serving within {START_WITHIN}s:\n{self.log.read_text()}")

    def master_pids(self) -> list[int]:
        return [int((self.state_dir / f"instance-{k}.pid").read_text()) for k in (1, 2)]


@pytest.fixture(scope="module")
def run_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCluster]:
    running = RunningCluster(tmp_path_factory.mktemp("run-cluster"))
    try:
        running.wait_until_serving()
        yield running
    finally:
        if running.process.poll() is None:
            running.process.send_signal(signal.SIGTERM)
            try:
                running.process.wait(timeout=STOP_WITHIN)
            except subprocess.TimeoutExpired:
                running.process.kill()


def test_it_answers_health_through_the_proxy(run_cluster):
    assert call(run_cluster.url, "GET", "/api/health").body == {"status": "ok"}


def test_the_demo_list_comes_back_gzipped_with_vary_when_asked(run_cluster):
    status, headers, body = raw_get(run_cluster.url, "/api/articles", {"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in ", ".join(headers.get_all("Vary"))
    assert json.loads(gzip.decompress(body))["articlesCount"] > 0


def test_its_instances_count_between_them_exactly_what_went_through_the_proxy(run_cluster):
    before = sum(requests_counted(url) for url in run_cluster.instance_urls)
    for _ in range(15):
        assert call(run_cluster.url, "GET", "/api/articles").status == 200
    assert call(run_cluster.url, "GET", "/metrics").status == 404  # nginx answers this one itself

    assert sum(requests_counted(url) for url in run_cluster.instance_urls) - before == 15


def test_it_answers_health_over_https_with_strict_transport_security(run_cluster):
    reply = HttpsBrowser(run_cluster.https_url, run_cluster.certificate).open("GET", "/api/health")

    assert reply.status == 200 and json.loads(reply.text) == {"status": "ok"}
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_console_cookie_over_https_in_production_is_secure_with_the_host_prefix(run_cluster):
    reply = HttpsBrowser(run_cluster.https_url, run_cluster.certificate).open("GET", "/admin/login")

    cookies = [value for value in reply.headers.get_all("Set-Cookie") or [] if "conduit_console=" in value]
    assert len(cookies) == 1 and cookies[0].startswith("__Host-conduit_console=")
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= {part.strip() for part in cookies[0].split(";")}


def test_each_instance_master_pid_is_in_its_pid_file(run_cluster):
    assert all(alive(pid) for pid in run_cluster.master_pids())


def test_sigterm_stops_everything_it_started_leaving_no_port_open(run_cluster):
    masters = run_cluster.master_pids()
    log = run_cluster.log.read_text()
    backends = [int(port) for port in _backend_ports(run_cluster)]
    assert len(backends) == 2

    run_cluster.process.send_signal(signal.SIGTERM)

    assert run_cluster.process.wait(timeout=STOP_WITHIN) == 0, log
    assert not [pid for pid in masters if alive(pid)]
    listening = [run_cluster.proxy_port, run_cluster.tls_port, *run_cluster.ports, *backends]
    open_ports = [port for port in listening if port_open(port)]
    assert open_ports == []


def _backend_ports(run_cluster: RunningCluster) -> list[str]:
    """The throwaway PostgreSQL's and Redis's ports, from the instances' command lines' environment."""
    pid = run_cluster.master_pids()[0]
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    urls = [item.split(b"=", 1)[1].decode() for item in environ if item.startswith((b"DATABASE_URL=", b"REDIS_URL="))]
    return [url.rsplit(":", 1)[1].split("/", 1)[0] for url in urls]

#!/usr/bin/env python3
"""What gzip at nginx costs and saves: `scripts/bench-compression [SECONDS]`.

One instance (4 sync workers) behind nginx on a throwaway PostgreSQL and Redis, 20 articles seeded.
For the article list, anonymous (an answer kept by the worker) and signed in (built for the reader),
it measures the bytes of one answer and, with wrk (2 threads, 8 connections, SECONDS each after a
2 s warm-up), the requests/s, with nginx's gzip on and off. It also times gzip in Python on the same body: what the
app would spend per answer if it compressed instead. Bounded: 8 wrk runs of 2 + SECONDS each (two rounds of off and on).
"""

from __future__ import annotations

import gzip
import http.client
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.cluster import cluster  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

ENV = {"APP_ENV": "testing", "WEB_CONCURRENCY": "4", "LOG_LEVEL": "WARNING"}


def _request(port: int, path: str, headers: dict[str, str], method: str = "GET", body: str | None = None) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers)
        return connection.getresponse().read()
    finally:
        connection.close()


def _seed(port: int) -> str:
    """Register a writer, publish 20 articles of prose-like text; return the writer's token."""
    rng = random.Random(5)
    words = [rng.choice("abcdefghijklmnopqrstuvwxyz") * rng.randint(1, 3) + rng.choice("aeiou") for _ in range(400)]

    def prose(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count))

    user = {"user": {"username": "bench", "email": "bench@example.com", "password": "password-1234"}}
    answer = _request(port, "/api/users", {"Content-Type": "application/json"}, "POST", json.dumps(user))
    token = json.loads(answer)["user"]["token"]
    for n in range(20):
        article = {"article": {"title": f"{prose(5)} {n}", "description": prose(20), "body": prose(80)}}
        headers = {"Content-Type": "application/json", "Authorization": f"Token {token}"}
        _request(port, "/api/articles", headers, "POST", json.dumps(article))
    return token


def _wrk(port: int, headers: dict[str, str], seconds: int) -> float:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, f"http://127.0.0.1:{port}/api/articles"], capture_output=True, text=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return float(match.group(1)) if match else 0.0


def _python_gzip_cost(body: bytes, rounds: int = 2000) -> float:
    started = time.process_time()
    for _ in range(rounds):
        gzip.compress(body, compresslevel=5)
    return (time.process_time() - started) / rounds


def main() -> int:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory(prefix="conduit-compression-") as tmp:
        instance_port = free_port()
        with cluster(Path(tmp), [instance_port], free_port(), **ENV) as running:
            assert running.nginx is not None
            token = _seed(instance_port)
            readers = {"anonymous": {}, "signed in": {"Authorization": f"Token {token}"}}
            plain = _request(instance_port, "/api/articles", {})
            print(f"list answer: {len(plain)} bytes; gzip in Python: {_python_gzip_cost(plain) * 1e6:.0f} us CPU each")
            for gzip_on in (False, True, False, True):  # two rounds, alternating: the machine's load drifts
                running.nginx.stop()  # the same nginx, so that the cluster still stops it at the end
                running.nginx.gzip = gzip_on
                running.nginx.start()
                for reader, headers in readers.items():
                    asking = {**headers, "Accept-Encoding": "gzip"}
                    size = len(_request(running.nginx.port, "/api/articles", asking))
                    _wrk(running.nginx.port, asking, 2)  # warm: every worker keeps its answers, fills its pools
                    rate = _wrk(running.nginx.port, asking, seconds)
                    print(f"nginx gzip {'on ' if gzip_on else 'off'} | {reader:9} | {size:6} bytes | {rate:8.0f} req/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

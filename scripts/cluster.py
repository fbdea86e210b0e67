#!/usr/bin/env python3
"""Serve the production topology in the foreground: `scripts/run --cluster N` (N >= 2).

A throwaway PostgreSQL and Redis, one job worker, N instances on 127.0.0.1:5001..500N (INSTANCE_PORTS,
comma-separated, overrides), nginx on 127.0.0.1:8080 (PROXY_PORT overrides) and with HTTPS on 127.0.0.1:8443
(TLS_PORT overrides; TLS_CERT and TLS_KEY name a certificate and key, else a self-signed pair is made at
start). Pid files, logs and metrics live in instance/cluster (CLUSTER_DIR overrides). Ctrl-C or SIGTERM
stops everything it started.
Other environment variables pass through to the instances.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.cluster import TLS_PORT, cluster, tls_files  # noqa: E402

USAGE = "usage: scripts/run --cluster N   (N >= 2 instances behind nginx)"


def _ports(count: int) -> list[int]:
    raw = os.environ.get("INSTANCE_PORTS", "")
    ports = [int(port) for port in raw.split(",") if port.strip()] if raw else [5001 + k for k in range(count)]
    if len(ports) != count:
        raise SystemExit(f"INSTANCE_PORTS names {len(ports)} ports for {count} instances")
    return ports


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit() or int(argv[0]) < 2:
        print(USAGE, file=sys.stderr)
        return 2
    count = int(argv[0])
    try:
        ports, proxy_port = _ports(count), int(os.environ.get("PROXY_PORT", "8080"))
        tls_port = int(os.environ.get("TLS_PORT", TLS_PORT))
    except ValueError:
        print("INSTANCE_PORTS, PROXY_PORT and TLS_PORT must be port numbers", file=sys.stderr)
        return 2
    try:
        tls = tls_files(dict(os.environ))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    state_dir = Path(os.environ.get("CLUSTER_DIR") or ROOT / "instance" / "cluster")
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        with cluster(state_dir, ports, proxy_port, seed=True, tls_port=tls_port, tls=tls) as running:
            for instance in running.instances:
                print(f"==> instance {instance.index} on {instance.url}  (metrics: {instance.url}/metrics)")
            assert running.worker is not None
            print(f"==> job worker running (pid {running.worker.pid}); `flask --app service jobs` lists failed jobs")
            print(f"==> HTTPS on {running.https_url}  (staff console at /admin/)")
            print(f"==> serving on {running.url}  (Swagger UI at /docs, ReDoc at /redoc); Ctrl-C stops", flush=True)
            while not stop.wait(1):
                pass
            print("==> stopping the cluster", flush=True)
    except RuntimeError as error:
        print(f"cluster failed: {error}", file=sys.stderr)
        return 1
    print("==> cluster stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

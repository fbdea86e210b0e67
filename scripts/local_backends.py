#!/usr/bin/env python3
"""Start or stop a persistent local PostgreSQL and Redis for development: `local_backends.py start|stop`.

`scripts/run --backends` does `eval "$(python scripts/local_backends.py start)"`, so `start` prints only
`export DATABASE_URL=...` / `export REDIS_URL=...` on stdout; progress and errors go to stderr.
State lives in instance/backends/ (git-ignored); the PostgreSQL data dir is reused, so local data survives.
Ports: LOCAL_POSTGRES_PORT (15432) and LOCAL_REDIS_PORT (16379).
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.servers import PostgresServer, RedisServer, redis_ping  # noqa: E402

BACKENDS = ROOT / "instance" / "backends"
PG_PORT = int(os.environ.get("LOCAL_POSTGRES_PORT", "15432"))
REDIS_PORT = int(os.environ.get("LOCAL_REDIS_PORT", "16379"))
REDIS_PIDFILE = BACKENDS / "redis" / "redis.pid"


def log(message: str) -> None:
    print(f"local_backends: {message}", file=sys.stderr)


def start() -> None:
    postgres = PostgresServer(BACKENDS / "postgres", PG_PORT)
    if not (postgres.data_dir / "PG_VERSION").exists():
        log(f"creating PostgreSQL cluster in {postgres.data_dir}")
        postgres.init()
    postgres.start()
    database_url = postgres.create_database("conduit", exist_ok=True)
    log(f"PostgreSQL on 127.0.0.1:{PG_PORT} (log: {postgres.log_file})")

    if redis_ping(REDIS_PORT):
        log(f"Redis already answering on 127.0.0.1:{REDIS_PORT}")
    else:
        redis = RedisServer(BACKENDS / "redis", REDIS_PORT)
        redis.start()  # in its own session, so it outlives this script; `stop` finds it by the pid file
        REDIS_PIDFILE.write_text(f"{redis.pid}\n")
        log(f"Redis on 127.0.0.1:{REDIS_PORT} (log: {redis.log_file})")

    print(f"export DATABASE_URL={shlex.quote(database_url)}")
    print(f"export REDIS_URL={shlex.quote(f'redis://127.0.0.1:{REDIS_PORT}/0')}")


def stop() -> None:
    postgres = PostgresServer(BACKENDS / "postgres", PG_PORT)
    if postgres.is_running():
        postgres.stop()
        log("PostgreSQL stopped")

    pid = int(REDIS_PIDFILE.read_text()) if REDIS_PIDFILE.exists() else None
    if pid is not None and _is_redis(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while _is_redis(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        log("Redis stopped")
    REDIS_PIDFILE.unlink(missing_ok=True)


def _is_redis(pid: int) -> bool:
    """Whether `pid` is still our redis-server (checked by name, so a recycled pid is never signalled)."""
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def main() -> int:
    command = sys.argv[1] if len(sys.argv) == 2 else ""
    if command not in ("start", "stop"):
        print(f"usage: {sys.argv[0]} start|stop", file=sys.stderr)
        return 2
    try:
        start() if command == "start" else stop()
    except RuntimeError as error:
        log(f"{command} failed: {error}")
        if command == "start":
            # The output is eval'd, and `eval ""` succeeds: make the eval itself fail so a `set -e`
            # caller stops instead of silently serving without the backends.
            print("false")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

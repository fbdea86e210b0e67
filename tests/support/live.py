"""The service as users reach it: gunicorn with the production config, on a loopback port.

`live_server()` migrates the database (`flask db upgrade`, as `scripts/run` does), starts
gunicorn from `service.gunicorn_conf`, waits for `/api/health`, and stops it afterwards.
The testing profile keeps hashing cheap and limits high unless `env` sets them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import free_port

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
START_TIMEOUT = 30


class LiveServer:
    def __init__(self, env: dict[str, str], workers: int, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env, self.workers, self.log_path = env, workers, log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            str(BIN / "gunicorn"),
            "-c",
            "python:service.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "service:create_app()",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT}s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RATELIMIT_", "DATABASE_", "REDIS_"))}
    env.update(APP_ENV="testing", DATABASE_URL=database_url, PYTHONPATH=str(REPO / "src"), LOG_LEVEL="WARNING")
    env.update(extra)
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [str(BIN / "flask"), "--app", "service", "db", "upgrade"], cwd=REPO, env=env, check=True, capture_output=True
    )


@contextmanager
def live_server(
    database_url: str | None = None, *, workers: int = 2, migrated: bool = True, **env: str
) -> Iterator[LiveServer]:
    """gunicorn serving the app; `database_url` defaults to a fresh SQLite file, migrated unless
    `migrated` is False (an operator who skipped `flask db upgrade`)."""
    with tempfile.TemporaryDirectory(prefix="conduit-live-") as tmp:
        url = database_url or f"sqlite:///{tmp}/live.sqlite3"
        full_env = server_env(url, **env)
        if migrated:
            migrate(full_env)
        server = LiveServer(full_env, workers, Path(tmp) / "gunicorn.log")
        server.start()
        try:
            yield server
        finally:
            server.stop()

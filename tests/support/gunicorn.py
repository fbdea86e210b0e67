"""gunicorn as production runs it, for the tests and the benchmark alike (standard library only,
since scripts import it): one master with `service.gunicorn_conf` on a free loopback port, started
and stopped for sure, and `migrate`, which readies the database first as `scripts/run` does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.servers import free_port

BIN = Path(sys.executable).parent
START_TIMEOUT = 60
STOP_TIMEOUT = 20
MIGRATE_TIMEOUT = 120


class Gunicorn:
    """One gunicorn master serving `app_spec` with the production config file."""

    def __init__(self, app_spec: str, env: dict[str, str], workers: int, log_path: Path, name: str = "service") -> None:
        self.app_spec, self.env, self.workers, self.log_path, self.name = app_spec, env, workers, log_path, name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_path: str = "/api/health") -> None:
        """Start, and return once every worker runs and `ready_path` answers 200."""
        command = [str(BIN / "gunicorn"), "-c", "python:service.gunicorn_conf"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), self.app_spec]
        with open(self.log_path, "ab") as log:
            # Own session: the master and its workers form one process group that stop() can end for sure.
            self.process = subprocess.Popen(
                command, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            if len(worker_pids(self.process.pid)) == self.workers and _answers(self.url + ready_path):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name}: gunicorn not ready within {START_TIMEOUT}s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM (graceful: workers finish their requests), then SIGKILL to the whole process
        group if it lingers; no-op if not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def worker_pids(self) -> list[int]:
        return worker_pids(self.process.pid) if self.process else []

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def migrate(env: dict[str, str], workdir: Path) -> None:
    """`flask --app service db upgrade`, run in `workdir`: not the repo, whose .env (scripts/run
    writes one) the flask command would read."""
    command = [str(BIN / "flask"), "--app", "service", "db", "upgrade"]
    result = subprocess.run(
        command, env=env, cwd=workdir, capture_output=True, text=True, timeout=MIGRATE_TIMEOUT, check=False
    )
    if result.returncode:
        raise RuntimeError(f"migration failed:\n{result.stdout}{result.stderr}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from the state field on (the command name before it may hold spaces and ")")."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # exited while we looked


def worker_pids(master_pid: int) -> list[int]:
    """The master's children, read from /proc (gunicorn workers are its direct children)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := stat_fields(int(entry.name))) and int(fields[1]) == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)

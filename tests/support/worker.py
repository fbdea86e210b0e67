"""A real RQ worker process (`flask --app service worker`), as operators run it beside gunicorn."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.live import BIN, REPO


@contextmanager
def job_worker(env: dict[str, str], log_path: Path, cwd: Path = REPO) -> Iterator[subprocess.Popen[bytes]]:
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [str(BIN / "flask"), "--app", "service", "worker"], cwd=cwd, env=env, stdout=log, stderr=log
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # RQ's warm shutdown: finishes the job at hand
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

"""`flask --app service ...` as an operator runs it: a process of its own, on the test's database,
started where no .env is read."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.gunicorn import BIN, MIGRATE_TIMEOUT
from tests.support.live import server_env


def flask_command(database_url: str, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "flask"), "--app", "service", *args]
    env = server_env(database_url)
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=MIGRATE_TIMEOUT)

"""The service as users reach it: gunicorn with the production config, on a loopback port.

`live_server()` migrates the database (`flask db upgrade`, as `scripts/run` does), starts
gunicorn from `service.gunicorn_conf`, waits for `/api/health`, and stops it afterwards.
The testing profile keeps hashing cheap and limits high unless `env` sets them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.gunicorn import BIN, Gunicorn, migrate

REPO = Path(__file__).resolve().parents[2]
__all__ = ["BIN", "REPO", "LiveServer", "live_server", "server_env"]


# The service as the tests reach it: the one gunicorn launcher, shared with the benchmark.
LiveServer = Gunicorn


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RATELIMIT_", "DATABASE_", "REDIS_"))}
    env.update(APP_ENV="testing", DATABASE_URL=database_url, PYTHONPATH=str(REPO / "src"), LOG_LEVEL="WARNING")
    env.update(extra)
    return env


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
            migrate(full_env, Path(tmp))
        server = Gunicorn("service:create_app()", full_env, workers, Path(tmp) / "gunicorn.log")
        server.start()
        try:
            yield server
        finally:
            server.stop()

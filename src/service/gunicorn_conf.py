"""gunicorn settings for production: `gunicorn -c python:service.gunicorn_conf 'service:create_app()'`.

Every value can be overridden by the environment (GUNICORN_CMD_ARGS or the variables below),
each checked here: a bad one stops gunicorn with one line, as the app's own settings do.
"""

import gc
import multiprocessing
import os
from typing import Any

from service import settings


def _read_settings() -> dict[str, Any]:
    env = os.environ
    return {
        "bind": settings.bind("BIND", env.get("BIND", "127.0.0.1:5000")),
        "workers": settings.integer(
            "WEB_CONCURRENCY", env.get("WEB_CONCURRENCY", _default_workers()), minimum=1, maximum=256
        ),
        "timeout": settings.integer("GUNICORN_TIMEOUT", env.get("GUNICORN_TIMEOUT", 30), minimum=1, maximum=3600),
        "graceful_timeout": settings.integer(
            "GUNICORN_GRACEFUL_TIMEOUT", env.get("GUNICORN_GRACEFUL_TIMEOUT", 20), minimum=0, maximum=3600
        ),
        "max_requests": settings.integer(
            "GUNICORN_MAX_REQUESTS", env.get("GUNICORN_MAX_REQUESTS", 100_000), minimum=0, maximum=10**9
        ),
        "loglevel": settings.log_level("LOG_LEVEL", env.get("LOG_LEVEL", "info")).lower(),
    }


def _default_workers() -> int:
    # Sync workers: each request holds one database connection; 2 x cores + 1 is gunicorn's advice.
    return multiprocessing.cpu_count() * 2 + 1


try:
    _settings = _read_settings()
except settings.ConfigError as error:  # gunicorn would print a traceback for any Exception; SystemExit prints this line
    raise SystemExit(f"Conduit API will not start: {error}") from None

bind = _settings["bind"]
workers = _settings["workers"]
worker_class = "sync"
timeout = _settings["timeout"]
graceful_timeout = _settings["graceful_timeout"]
keepalive = 5
# Bound request lines and headers; bodies are bounded by the app (MAX_CONTENT_LENGTH).
limit_request_line = 8190
limit_request_fields = 100
# Recycle workers now and then so a slow leak can never grow without bound. Not often: a new
# worker starts with empty pools, no remembered tokens and nothing kept, and at 10,000 requests
# every worker was recycled within seconds under load.
max_requests = _settings["max_requests"]
max_requests_jitter = 10_000
# The app writes one JSON line per request; gunicorn's own access log would duplicate it.
accesslog = None
errorlog = "-"
loglevel = _settings["loglevel"]
# The app is built once, in the master, and forked: a worker starts (and restarts after
# max_requests) at once instead of spending CPU importing and building it, and the
# workers share its memory. Building it opens no connection (the database and Redis pools connect
# lazily, in each worker), so no socket is shared across the fork.
preload_app = True
# gunicorn >= 27 would open a control socket in ~/.gunicorn; nothing here uses it.
control_socket_disable = True


def pre_fork(server: Any, worker: Any) -> None:
    """Move what the preloaded app built into the collector's permanent generation: a worker's full
    collections then skip its objects (a long pause each), and do not write to the
    memory pages the workers share with the master."""
    gc.freeze()

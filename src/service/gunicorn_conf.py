"""gunicorn settings for production: `gunicorn -c python:service.gunicorn_conf 'service:create_app()'`.

Every value can be overridden by the environment (GUNICORN_CMD_ARGS or the variables below).
"""

import gc
import multiprocessing
import os
from typing import Any

bind = os.environ.get("BIND", "127.0.0.1:5000")
# Sync workers: each request holds one database connection; 2 x cores + 1 is gunicorn's advice.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
keepalive = 5
# Bound request lines and headers; bodies are bounded by the app (MAX_CONTENT_LENGTH).
limit_request_line = 8190
limit_request_fields = 100
# Recycle workers now and then so a slow leak can never grow without bound. Not often: a new
# worker starts with empty pools, no remembered tokens and nothing kept, and at 10,000 requests
# every worker was recycled within seconds under load.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = 10_000
# The app writes one JSON line per request; gunicorn's own access log would duplicate it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
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

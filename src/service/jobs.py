"""Work done after the answer: sending mail, making avatars. RQ on the service's Redis, else in-process.

A task is a function registered with `@task`; `enqueue(name, *args)` queues it. With REDIS_URL the
job goes to the RQ queue `conduit`, run by `flask --app service worker` (each job in a fresh app
context), retried with backoff (JOB_RETRY_SECONDS) when the task asks for it, and kept in RQ's
failed registry once its retries are spent: `flask --app service jobs` lists those. Without Redis
(or while it is away) the job runs in this process once the answer has been sent, without retries:
the two-command demo needs no worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import redis
from flask import Flask, Response, current_app, g, has_request_context
from rq import Queue, Retry

log = logging.getLogger(__name__)

QUEUE_NAME = "conduit"
FAILED_JOBS_KEPT_SECONDS = 7 * 24 * 3600
_TASKS: dict[str, tuple[Callable[..., None], bool]] = {}


def task(*, retry: bool = False) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a function as a task by its name; `retry` retries it when it raises."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        _TASKS[function.__name__] = (function, retry)
        return function

    return register


def run_task(name: str, *args: Any) -> None:
    """What RQ runs: the task in a fresh app context, so each job gets its own `g` and connection."""
    function, _retry = _TASKS[name]
    with current_app.app_context():
        function(*args)


def queue(app: Flask) -> Queue | None:
    url = app.config["REDIS_URL"]
    if not url:
        return None
    connection = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
    return Queue(QUEUE_NAME, connection=connection)


def enqueue(name: str, *args: Any) -> None:
    """Run the task `name` after this answer: queued for a worker, or in this process."""
    if name not in _TASKS:
        raise KeyError(f"no task {name!r}")
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs_queue: Queue | None = app.extensions.get("conduit_jobs")
    if jobs_queue is not None:
        retries = app.config["JOB_RETRY_SECONDS"]
        retry = Retry(max=len(retries), interval=retries) if _TASKS[name][1] and retries else None
        try:
            # Described by its task alone: RQ logs the description, and arguments hold addresses.
            jobs_queue.enqueue(
                run_task, name, *args, retry=retry, failure_ttl=FAILED_JOBS_KEPT_SECONDS, description=name
            )
            return
        except redis.RedisError as error:
            log.warning("job queue unavailable, running %s in-process: %s", name, error.__class__.__name__)
    if has_request_context():
        g.setdefault("jobs_after_answer", []).append((name, args))
    else:
        _run_in_process(app, [(name, args)])


def _run_in_process(app: Flask, jobs: list[tuple[str, tuple[Any, ...]]]) -> None:
    for name, args in jobs:
        try:
            with app.app_context():
                _TASKS[name][0](*args)
        except Exception:
            log.exception("job %s failed (run in-process: no retries)", name)


def _run_after_answer(response: Response) -> Response:
    jobs = g.pop("jobs_after_answer", None)
    if jobs:
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        response.call_on_close(lambda: _run_in_process(app, jobs))
    return response


def init_jobs(app: Flask) -> None:
    jobs_queue = queue(app)
    if jobs_queue is not None:
        app.extensions["conduit_jobs"] = jobs_queue
    app.after_request(_run_after_answer)

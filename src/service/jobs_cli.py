"""`flask --app service worker` runs the jobs; `flask --app service jobs` shows what is waiting or failed."""

from __future__ import annotations

import click
import redis
from flask import current_app
from flask.cli import with_appcontext
from rq import Queue, SimpleWorker
from rq.job import Job


def _queue() -> Queue:
    jobs_queue: Queue | None = current_app.extensions.get("conduit_jobs")
    if jobs_queue is None:
        raise click.ClickException("no REDIS_URL: jobs run in the server's own process, no worker is needed")
    return jobs_queue


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run queued jobs (mail, avatars), retrying failed ones when their time comes."""
    jobs_queue = _queue()
    try:
        # In this process (no fork per job): each job gets a fresh app context (`jobs.run_task`).
        SimpleWorker([jobs_queue], connection=jobs_queue.connection).work(burst=burst, with_scheduler=True)
    except redis.RedisError as error:
        raise click.ClickException(f"Redis (REDIS_URL) unavailable: {error}") from None


@click.command("jobs")
@with_appcontext
def jobs_command() -> None:
    """List queued, scheduled (waiting to retry) and failed jobs."""
    if current_app.extensions.get("conduit_jobs") is None:
        click.echo("no REDIS_URL: jobs run in the server's own process after each answer; nothing is queued")
        return
    jobs_queue = _queue()
    try:
        _list_jobs(jobs_queue)
    except redis.RedisError as error:
        raise click.ClickException(f"Redis (REDIS_URL) unavailable: {error}") from None


def _list_jobs(jobs_queue: Queue) -> None:
    failed_ids = jobs_queue.failed_job_registry.get_job_ids()
    scheduled = len(jobs_queue.scheduled_job_registry)
    click.echo(f"queued: {jobs_queue.count}  waiting to retry: {scheduled}  failed: {len(failed_ids)}")
    for job in Job.fetch_many(failed_ids, connection=jobs_queue.connection):
        if job is None:
            continue
        result = job.latest_result()
        error = (result.exc_string or "").strip().splitlines()[-1:] if result is not None else []
        task = job.args[0] if job.args else job.func_name
        ended = f"{job.ended_at:%Y-%m-%d %H:%M:%S}" if job.ended_at else "?"
        click.echo(f"failed  {job.id}  {task}  at {ended}  {error[0] if error else ''}")

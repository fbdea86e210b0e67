"""Jobs on RQ: an SMTP failure is retried, a job out of retries stays visible to `flask jobs`."""

import pytest
from rq import SimpleWorker

from tests.support.servers import free_port
from tests.support.smtp import smtp_server

on_redis = pytest.mark.parametrize("store", ["redis"], indirect=True)


def ask_for_reset(client, email):
    return client.post("/api/users/password-reset", json={"user": {"email": email}}, buffered=True)


def work_off(app):
    with app.app_context():
        jobs_queue = app.extensions["conduit_jobs"]
        SimpleWorker([jobs_queue], connection=jobs_queue.connection).work(burst=True)


@on_redis
def test_a_mail_the_smtp_server_refused_is_sent_again(make_app, app_settings, alice):
    with smtp_server(refuse_first=1) as inbox:
        app = make_app(**app_settings, SMTP_URL=inbox.url, JOB_RETRY_SECONDS="0")
        ask_for_reset(app.test_client(), alice.email)

        work_off(app)

        assert [message["To"] for message in inbox.wait_for(1)] == [alice.email]
        assert inbox.refused == 1


@on_redis
def test_a_job_out_of_retries_is_listed_by_flask_jobs(make_app, app_settings, alice):
    app = make_app(**app_settings, SMTP_URL=f"smtp://127.0.0.1:{free_port()}", JOB_RETRY_SECONDS="0,0")
    ask_for_reset(app.test_client(), alice.email)
    work_off(app)

    listed = app.test_cli_runner().invoke(args=["jobs"])

    assert listed.exit_code == 0
    assert "failed: 1" in listed.output
    assert "send_password_reset" in listed.output and "ConnectionRefusedError" in listed.output
    assert alice.email not in listed.output  # a job's arguments are not shown


def test_without_redis_flask_jobs_says_jobs_run_in_the_server(make_app, shared_database_url):
    listed = make_app(DATABASE_URL=shared_database_url).test_cli_runner().invoke(args=["jobs"])

    assert listed.exit_code == 0
    assert "no REDIS_URL" in listed.output


def test_with_redis_away_flask_jobs_says_so_in_one_line(make_app, shared_database_url):
    app = make_app(DATABASE_URL=shared_database_url, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")

    listed = app.test_cli_runner().invoke(args=["jobs"])

    assert listed.exit_code == 1
    assert "Redis (REDIS_URL) unavailable" in listed.output and "Traceback" not in listed.output

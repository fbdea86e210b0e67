"""Two instances behind nginx, as production runs them: consistent answers, shared limits, and faults survived.

The tests share one cluster and run in this order; those that break a part (Redis, PostgreSQL, an
instance) mend it before they end.
"""

from __future__ import annotations

import gzip
import threading
import time

import pytest

from service import messages
from tests.backends.support import Reply, call, eventually, live_only, scalar
from tests.support.cluster_client import counter, new_article, new_writer, raw_get, requests_counted

pytestmark = [pytest.mark.live, pytest.mark.cluster, live_only]

DATABASE_UNAVAILABLE = {"errors": {"body": [messages.DATABASE_UNAVAILABLE]}}
RECOVERY = 30  # seconds a part gets to come back


def test_every_write_is_read_back_whichever_instance_answers(two_instances):
    url = two_instances.url
    writer = new_writer(url)
    slug = new_article(url, writer, "Written then read")["slug"]
    stale = []
    for pair in range(300):
        written = call(
            url, "POST", f"/api/articles/{slug}/comments", {"comment": {"body": f"#{pair}"}}, token=writer.token
        )
        assert written.status == 200, written.body
        reader = writer.token if pair % 2 else None  # half signed in, half anonymous (answers kept per worker)
        comments = call(url, "GET", f"/api/articles/{slug}/comments", token=reader).body["comments"]
        if written.body["comment"]["id"] not in {comment["id"] for comment in comments}:
            stale.append(pair)

    assert stale == []


def test_an_anonymous_list_shows_a_new_article_on_the_next_request(two_instances):
    url = two_instances.url
    writer = new_writer(url)
    for round_ in range(10):
        call(url, "GET", "/api/articles")  # kept by whichever worker answers
        slug = new_article(url, writer, f"Fresh news {round_}")["slug"]

        assert call(url, "GET", "/api/articles").body["articles"][0]["slug"] == slug


def test_both_instances_count_exactly_the_requests_sent_through_the_proxy(two_instances):
    first, second = (instance.url for instance in two_instances.instances)
    before = [requests_counted(first), requests_counted(second)]
    for _ in range(20):
        call(two_instances.url, "GET", "/api/tags")
        call(two_instances.url, "GET", "/api/articles/no-such-article")
    after = [requests_counted(first), requests_counted(second)]

    served = [after[0] - before[0], after[1] - before[1]]
    assert sum(served) == 40
    assert min(served) > 0  # the proxy spreads them


def test_metrics_are_not_served_through_the_proxy(two_instances):
    reply = call(two_instances.url, "GET", "/metrics")

    assert reply.status == 404
    assert reply.body == {"errors": {"body": [messages.NOT_FOUND]}}  # the app's own 404, word for word


def test_a_large_answer_is_gzipped_when_asked_and_its_etag_holds_for_both_forms(two_instances):
    url = two_instances.url
    writer = new_writer(url)
    for n in range(3):
        new_article(url, writer, f"Long enough to compress {n}")

    status, zipped_headers, zipped = raw_get(url, "/api/articles", {"Accept-Encoding": "gzip"})
    _status, plain_headers, plain = raw_get(url, "/api/articles", {})

    assert status == 200 and len(plain) >= 1024
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in ", ".join(zipped_headers.get_all("Vary"))
    assert gzip.decompress(zipped) == plain
    assert "Content-Encoding" not in plain_headers
    assert zipped_headers["ETag"] == plain_headers["ETag"]
    for encoding in ("gzip", "identity"):
        revalidated = raw_get(
            url, "/api/articles", {"Accept-Encoding": encoding, "If-None-Match": plain_headers["ETag"]}
        )
        assert revalidated[0] == 304


def test_a_small_answer_is_not_compressed(two_instances):
    _status, headers, _body = raw_get(two_instances.url, "/api/health", {"Accept-Encoding": "gzip"})

    assert "Content-Encoding" not in headers


def test_nginx_serves_the_docs_assets_with_a_long_lifetime(two_instances):
    status, headers, body = raw_get(two_instances.url, "/docs/assets/swagger-ui.css", {})

    assert status == 200 and body
    assert "max-age=604800" in headers["Cache-Control"]


def test_the_login_limit_trips_at_the_11th_attempt_whatever_x_forwarded_for_says(two_instances):
    statuses = [
        call(
            two_instances.url,
            "POST",
            "/api/users/login",
            {"user": {"email": f"guess{attempt}@example.com", "password": "wrong-password"}},
            headers={"X-Forwarded-For": f"203.0.113.{attempt}"},
        ).status
        for attempt in range(11)
    ]

    assert statuses == [401] * 10 + [429]


def test_a_client_sent_x_forwarded_proto_changes_nothing(two_instances):
    reply = call(two_instances.url, "GET", "/api/health", headers={"X-Forwarded-Proto": "https"})

    assert reply.status == 200
    assert "Strict-Transport-Security" not in reply.headers  # the app saw plain http, as nginx did


def test_redis_stopped_reads_and_writes_go_on_and_caching_resumes_without_stale_answers(two_instances):
    url, redis = two_instances.url, two_instances.redis
    writer = new_writer(url)
    new_article(url, writer, "Before the outage")
    assert "ETag" in call(url, "GET", "/api/articles").headers

    redis.stop()
    try:
        readiness = [call(url, "GET", "/api/ready") for _ in range(2)]  # one from each instance
        during = new_article(url, writer, "During the outage")["slug"]
        reads = [call(url, "GET", "/api/articles") for _ in range(4)]
    finally:
        redis.start()

    for ready in readiness:
        assert ready.status == 503
        assert ready.body["checks"] == {"database": "ok", "schema": "ok", "redis": "unavailable"}
    for read in reads:
        assert read.status == 200
        assert read.body["articles"][0]["slug"] == during
        assert "ETag" not in read.headers  # answered from the database, nothing kept
    eventually(lambda: all(call(url, "GET", "/api/ready").status == 200 for _ in range(4)), within=RECOVERY)
    # Each worker's first read after the outage starts a new content version and keeps nothing yet.
    eventually(lambda: all("ETag" in call(url, "GET", "/api/articles").headers for _ in range(8)), within=RECOVERY)
    hits_before = kept_answer_hits(two_instances)
    after = [call(url, "GET", "/api/articles") for _ in range(8)]
    assert all(read.body["articles"][0]["slug"] == during for read in after)
    assert kept_answer_hits(two_instances) > hits_before  # kept answers are served again


def kept_answer_hits(running) -> float:
    return sum(
        counter(instance.url, "conduit_cache_requests_total", cache="answers", result="hit")
        for instance in running.instances
    )


def assert_json_503(reply: Reply) -> None:
    assert reply.status == 503, reply.body
    assert reply.headers.get_content_type() == "application/json"
    assert reply.body == DATABASE_UNAVAILABLE


def test_postgresql_restarted_answers_json_503s_and_the_instances_recover_without_a_restart(two_instances):
    url, postgres = two_instances.url, two_instances.postgres
    writer = new_writer(url)
    masters = [instance.master_pid for instance in two_instances.instances]

    postgres.stop()
    try:
        during = [
            call(url, *request, token=writer.token)
            for _ in range(3)  # each worker of each instance meets its now dead connection
            for request in (("GET", "/api/user"), ("GET", "/api/articles"), ("POST", "/api/profiles/nobody/follow"))
        ]
    finally:
        postgres.start()

    for reply in during:
        assert_json_503(reply)
        assert "Traceback" not in str(reply.body)
    eventually(lambda: all(call(url, "GET", "/api/ready").status == 200 for _ in range(4)), within=RECOVERY)
    after = [call(url, "GET", "/api/user", token=writer.token) for _ in range(8)]
    assert [reply.status for reply in after] == [200] * 8
    assert [instance.master_pid for instance in two_instances.instances] == masters
    assert all(instance.process is not None and instance.process.poll() is None for instance in two_instances.instances)


def test_kill_9_of_an_instance_loses_no_acknowledged_write_and_survivors_answer_from_2s_on(two_instances):
    url = two_instances.url
    writers = [new_writer(url, "survivor") for _ in range(3)]
    outcomes: list[tuple[float, int, str]] = []  # (sent at, status, slug)
    killed_at: list[float] = []
    stop_at = time.monotonic() + 8

    def write(writer, thread: int) -> None:
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            title = f"Stream {thread} {n}"
            sent = time.monotonic()
            article = {"title": title, "description": "d", "body": "b"}
            reply = call(url, "POST", "/api/articles", {"article": article}, token=writer.token)
            slug = reply.body["article"]["slug"] if reply.status == 201 else ""
            outcomes.append((sent, reply.status, slug))

    threads = [threading.Thread(target=write, args=(writer, k)) for k, writer in enumerate(writers)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        killed_at.append(time.monotonic())
        two_instances.instances[0].kill()
    finally:
        for thread in threads:
            thread.join(timeout=30)
    try:
        acknowledged = [slug for _sent, status, slug in outcomes if 200 <= status < 300]
        later = [status for sent, status, _slug in outcomes if sent >= killed_at[0] + 2]
        stored = scalar(
            two_instances.database_url, "SELECT count(*) FROM articles WHERE slug = ANY(:slugs)", slugs=acknowledged
        )

        assert len(acknowledged) > 20 and stored == len(acknowledged)
        assert later and set(later) == {201}
    finally:
        two_instances.instances[0].start()

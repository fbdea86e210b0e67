"""What a browser does with the ETags of versioned reads, in headless Chromium against gunicorn with
Redis: it stores an answer, asks again with its tag, and the page reads the stored answer when the
server says 304. The server's access log tells what it answered."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest

from tests.support.live import LiveServer, live_server
from tests.support.servers import redis_server

pytestmark = [pytest.mark.live, pytest.mark.consumer, pytest.mark.http_cache]

READ_TAGS_TWICE = """async () => {
    const answers = [];
    for (const _ of [1, 2]) {
        const response = await fetch("/api/tags");
        answers.push([response.status, await response.text()]);
    }
    return answers;
}"""


@pytest.fixture(scope="module")
def api_with_redis() -> Iterator[LiveServer]:
    with redis_server() as redis, live_server(REDIS_URL=redis.url, LOG_LEVEL="INFO") as server:
        # The first read after Redis starts stores the first content version; it is answered untagged.
        urllib.request.urlopen(f"{server.url}/api/tags", timeout=10).close()
        yield server


def answered(server: LiveServer, path: str) -> list[int]:
    """The statuses the server answered to `path`, from its JSON access log."""
    entries = (json.loads(line) for line in server.log_path.read_text().splitlines() if line.startswith("{"))
    return [entry["status"] for entry in entries if entry.get("logger") == "service.access" and entry["path"] == path]


def test_a_browser_revalidates_a_stored_answer_and_reads_it_on_304(api_with_redis, page) -> None:
    page, watch = page
    page.goto(f"{api_with_redis.url}/docs")  # a page of the API's origin, to fetch from
    answered_before = len(answered(api_with_redis, "/api/tags"))

    answers = page.evaluate(READ_TAGS_TWICE)

    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and json.loads(answers[0][1]) == {"tags": []}
    assert answered(api_with_redis, "/api/tags")[answered_before:] == [200, 304]
    assert not watch.problems(), "\n".join(watch.problems())

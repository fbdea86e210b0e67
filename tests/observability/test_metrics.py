"""`GET /metrics`: Prometheus text, requests by route template, 429s, cache lookups, connections, version."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service import metrics
from tests.support.servers import RedisServer, redis_server


def scrape(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_method_status_and_route_template(client):
    before = scrape(client)
    client.get("/api/articles/first-slug")
    client.get("/api/articles/second-slug")
    after = scrape(client)

    labels = {"method": "GET", "status": "404", "url_rule": "/api/articles/<slug>"}
    assert value(after, "flask_http_request_total", **labels) - value(before, "flask_http_request_total", **labels) == 2


def test_no_label_ever_holds_a_raw_path(client):
    client.get("/api/articles/a-slug-nobody-wrote")
    client.get("/no/such/place")

    text = client.get("/metrics").get_data(as_text=True)

    assert "a-slug-nobody-wrote" not in text
    assert "/no/such/place" not in text
    assert 'url_rule="<unmatched>"' in text


def test_an_unknown_method_is_counted_as_other(client):
    client.open("/api/tags", method="BREW")

    text = client.get("/metrics").get_data(as_text=True)

    assert "BREW" not in text
    assert 'method="other"' in text


def test_request_durations_are_a_histogram_by_route_template(client):
    before = scrape(client)
    client.get("/api/tags")
    after = scrape(client)

    labels = {"method": "GET", "url_rule": "/api/tags", "status": "200"}
    name = "flask_http_request_duration_seconds_count"
    assert value(after, name, **labels) - value(before, name, **labels) == 1
    assert value(after, "flask_http_request_duration_seconds_bucket", **labels, le="+Inf") >= 1


def test_a_scrape_does_not_count_itself(client):
    scrape(client)
    samples = scrape(client)

    assert not [key for key in samples if key[0] == "flask_http_request_total" and ("url_rule", "/metrics") in key[1]]


@pytest.fixture
def limited_client(make_app):
    return make_app(RATELIMIT_LOGIN_PER_IP="1/minute").test_client()


def test_rate_limit_rejections_are_counted_by_route(limited_client):
    before = scrape(limited_client)
    for _ in range(3):
        limited_client.post("/api/users/login", json={"user": {"email": "who@example.com", "password": "nope-nope"}})
    after = scrape(limited_client)

    name, labels = "conduit_rate_limit_rejections_total", {"url_rule": "/api/users/login"}
    assert value(after, name, **labels) - value(before, name, **labels) == 2


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


def test_shared_cache_lookups_are_counted_as_hits_and_misses(make_app, redis):
    client = make_app(REDIS_URL=redis.url).test_client()
    before = scrape(client)
    client.get("/api/articles")  # the article count is computed, then cached
    client.get("/api/articles")
    after = scrape(client)

    def delta(result: str) -> float:
        name = "conduit_cache_requests_total"
        return value(after, name, cache="shared", result=result) - value(before, name, cache="shared", result=result)

    assert (delta("miss"), delta("hit")) == (1, 1)


def test_database_connections_opened_are_counted(client):
    client.get("/api/tags")

    assert value(scrape(client), "conduit_db_connections_opened_total") >= 1


def test_build_info_names_the_running_version(client):
    samples = scrape(client)

    [version] = [dict(labels)["version"] for name, labels in samples if name == "conduit_build_info"]
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", version)


def test_route_templates_drop_their_converters():
    assert metrics._template('/api/articles/<string(reserved="feed"):slug>') == "/api/articles/<slug>"
    assert metrics._template("/api/profiles/<username>/follow") == "/api/profiles/<username>/follow"

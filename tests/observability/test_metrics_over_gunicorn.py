"""A gunicorn started as `scripts/run` starts it (no PROMETHEUS_MULTIPROC_DIR) still sums its workers."""

from __future__ import annotations

import pytest

from tests.backends.support import call, live_only
from tests.support.cluster_client import requests_counted
from tests.support.live import live_server

pytestmark = [pytest.mark.live, live_only]


def test_metrics_count_the_requests_of_every_worker():
    with live_server(workers=3) as server:
        before = requests_counted(server.url)
        for _ in range(30):
            assert call(server.url, "GET", "/api/tags").status == 200

        assert requests_counted(server.url) - before == 30

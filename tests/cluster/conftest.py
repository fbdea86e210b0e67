"""One cluster per module: nginx in front of two gunicorn instances, on a PostgreSQL and a Redis of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cluster import Cluster, cluster
from tests.support.servers import free_port

# The testing profile keeps hashing cheap and limits high; the login limit is the production one.
CLUSTER_ENV = {
    "APP_ENV": "testing",
    "RATELIMIT_LOGIN_PER_IP": "10/minute",
    "RATELIMIT_LOGIN_PER_EMAIL": "10/minute",
    "WEB_CONCURRENCY": "2",
    "LOG_LEVEL": "WARNING",
}


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    state_dir = Path(tmp_path_factory.mktemp("cluster"))
    with cluster(state_dir, [free_port(), free_port()], free_port(), **CLUSTER_ENV) as running:
        yield running

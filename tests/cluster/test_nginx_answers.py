"""What nginx answers on its own keeps the API's error envelope."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service import messages
from tests.backends.support import call, live_only
from tests.support.cluster import Nginx
from tests.support.servers import free_port

pytestmark = [pytest.mark.live, pytest.mark.cluster, live_only]


@pytest.fixture(scope="module")
def nginx_without_instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), free_port(), [free_port()])  # nothing listens there
    nginx.start(wait=False)
    yield nginx
    nginx.stop()


def test_no_instance_to_answer_is_a_json_503_with_retry_after(nginx_without_instances):
    reply = call(nginx_without_instances.url, "GET", "/api/articles")

    assert reply.status == 503
    assert reply.body == {"errors": {"body": ["no instance could answer, try again shortly"]}}
    assert reply.headers["Retry-After"] == "5"


def test_a_body_over_the_limit_is_a_json_413(nginx_without_instances):
    reply = call(nginx_without_instances.url, "POST", "/api/users", {"user": {"bio": "x" * (2 * 1024 * 1024)}})

    assert reply.status == 413
    assert reply.body == {"errors": {"body": [messages.BODY_TOO_LARGE]}}  # the app's own wording

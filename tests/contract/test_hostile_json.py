"""Beyond the schema: hostile JSON bodies and hostile query and path values, for every operation
of the committed spec, against gunicorn. None may answer 5xx; every refusal is our error envelope.
Bounded: EXAMPLES cases per operation, derandomized (`scripts/fuzz` sends more, randomised)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.contract.conftest import register
from tests.support.hostile_json import (
    Operation,
    hostile_body,
    hostile_url,
    is_error_envelope,
    operations,
    send,
)
from tests.support.live import LiveServer

EXAMPLES = 25
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failing case is printed as found
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
WITH_BODIES = [operation for operation in operations() if operation.envelope]

pytestmark = [pytest.mark.live, pytest.mark.consumer]


@pytest.fixture(scope="module")
def token(live_api: LiveServer) -> str:
    return register(live_api.url, "hostile")


@pytest.mark.parametrize("operation", WITH_BODIES, ids=str)
def test_no_hostile_body_gets_a_server_error(live_api: LiveServer, token: str, operation: Operation) -> None:
    @HOSTILE
    @given(body=hostile_body(operation))
    def sends(body: bytes) -> None:
        answer = send(live_api.url, operation.method, operation.path.replace("{slug}", "x"), body, token)
        assert answer.status < 500, (answer.status, answer.body[:300], body[:300])
        if answer.status >= 400:
            assert is_error_envelope(answer), (answer.status, answer.body[:300])

    sends()


@pytest.mark.parametrize("operation", operations(), ids=str)
def test_no_hostile_query_or_path_gets_a_server_error(live_api: LiveServer, token: str, operation: Operation) -> None:
    @HOSTILE
    @given(url=hostile_url(operation))
    def sends(url: str) -> None:
        body = b'{"x": 1}' if operation.envelope else None
        answer = send(live_api.url, operation.method, url, body, token)
        assert answer.status < 500, (answer.status, answer.body[:300], url[:300])
        if answer.status >= 400:
            assert is_error_envelope(answer), (answer.status, answer.body[:300], url[:300])

    sends()

"""Schemathesis against gunicorn: every operation of openapi/openapi.json, with a valid token.

Every default check is on (server errors, status codes, content types, response schemas and headers,
positive and negative data, Allow headers, auth...). The one substitution is RealWorld's 422 for state
conflicts (see realworld_checks.py). Bounded: MAX_EXAMPLES random cases per operation (plus the spec's
examples and the boundary cases of its constraints), STATEFUL_SCENARIOS chains of up to 6 calls, each
request under REQUEST_TIMEOUT seconds; derandomized, so a failure here reproduces on the next run.
`scripts/fuzz` runs the long, randomised campaign.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.contract.conftest import register
from tests.contract.realworld_checks import (
    REJECTION_STATUSES,
    only_valid_headers,
    positive_data_acceptance_realworld,
    token_for,
    valid_token_is_accepted,
)
from tests.support.live import LiveServer

COMMITTED_SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
MAX_EXAMPLES = 50
STATEFUL_SCENARIOS = 30
REQUEST_TIMEOUT = 10

pytestmark = [pytest.mark.live, pytest.mark.consumer]


def load_schema(base_url: str | None = None) -> schemathesis.BaseSchema:
    """The committed spec, its `servers` pointed at `base_url`, sending the registered user's token."""
    spec = json.loads(COMMITTED_SPEC.read_text(encoding="utf-8"))
    if base_url:
        spec["servers"] = [{"url": base_url}]
    config = schemathesis.Config.from_dict(
        {
            **({"base-url": base_url} if base_url else {}),
            "request-timeout": REQUEST_TIMEOUT,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
            "checks": {
                "positive_data_acceptance": {"enabled": False},
                "negative_data_rejection": {"expected-statuses": REJECTION_STATUSES},
            },
        }
    )
    loaded = schemathesis.openapi.from_dict(spec, config=config)
    loaded.hook("filter_headers")(only_valid_headers)
    loaded.auth(refresh_interval=None)(RegisteredUser)  # asked per case: see realworld_checks.ENDS_ITS_TOKEN
    return loaded


class Target:
    """The live server and the token to send, known only once the fixtures ran."""

    url = ""
    token = ""


class RegisteredUser:
    """Schemathesis asks this for the token, so it can still leave it out (or break it) on purpose."""

    def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
        return token_for(case, Target.url, Target.token)

    def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"Token {data}"


# Loaded at import, so pytest gets one test per operation.
schema = load_schema()


@pytest.fixture(scope="module")
def target(live_api: LiveServer) -> type[Target]:
    Target.url, Target.token = live_api.url, register(live_api.url, "schemathesis")
    return Target


def checks(token: str) -> dict[str, Any]:
    return {
        "excluded_checks": [positive_data_acceptance],
        "additional_checks": [positive_data_acceptance_realworld, valid_token_is_accepted(token)],
    }


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True)
def test_every_operation_keeps_the_contract(case: schemathesis.Case, target: type[Target]) -> None:
    case.call_and_validate(base_url=target.url, **checks(target.token))


def test_sequences_of_operations_keep_the_contract(target: type[Target]) -> None:
    """Stateful: follow the links (declared or inferred from the responses: the slug a POST returns
    feeds GET/PUT/DELETE of that article, its comments and favorites...) through chains of calls."""

    api = load_schema(target.url)

    class Workflow(api.as_state_machine()):  # type: ignore[misc]
        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            case.validate_response(response, **checks(target.token))

    Workflow.run(
        settings=settings(
            Workflow.TestCase.settings,
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
        )
    )

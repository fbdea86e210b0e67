"""Schemathesis checks for this API, used by the suite and by `scripts/fuzz` (via fuzz_hooks.py).

`positive_data_acceptance_realworld`: the built-in `positive_data_acceptance`, made to speak RealWorld.

That check fails when a schema-valid request is refused with anything but 401/403/404/409/429: it
takes 409 as the answer to "this conflicts with what is stored". RealWorld answers such conflicts
with 422 naming the field (`{"errors": {"email": ["has already been taken"]}}`), and its front ends
rely on that. So the replacement forgives a 422 whose every message is one of those conflicts, and
hands every other response to the built-in check unchanged. Run it with the built-in excluded.

`REJECTION_STATUSES`: what a refused schema-violating request may answer. Schemathesis's default list
lacks 413, yet a body over MAX_CONTENT_LENGTH is refused exactly so, before its fields are read (413 is
documented on every operation with a body).

`valid_token_is_accepted`: 401 is an allowed answer in every built-in check, so without this a token
that stopped working would turn every authenticated case into a quiet pass.

`token_for`: the token a case sends; see ENDS_ITS_TOKEN.

`only_valid_headers`: a `filter_headers` hook. Schemathesis keeps the header values it generates
within what HTTP allows, but a negative case that drops a required header (the token) draws the
others again without that filter: an `If-None-Match` holding a control character then reaches
gunicorn, which refuses such bytes (RFC 9110) with its own 400 before the app sees the request.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from schemathesis.config._checks import NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES
from schemathesis.openapi.generation.filters import is_valid_header
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service import messages
from service.articles.search import MAX_SEARCH_WORDS
from tests.contract.conftest import register

REJECTION_STATUSES = [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"]
# Refusals that depend on stored state, which no schema can describe: a username or email another
# account holds, following the account the token belongs to, and a reset token not (or no longer) stored.
STATE_CONFLICTS = frozenset({messages.TAKEN, messages.CANNOT_FOLLOW_SELF, messages.RESET_TOKEN_INVALID})
# And what an upload's bytes must be, which a schema's `format: binary` cannot say (an image, whole, of
# a sane size): schemathesis sends random bytes.
STATE_CONFLICTS |= {messages.IMAGE_NOT_SUPPORTED, messages.IMAGE_CORRUPT, messages.IMAGE_TOO_MANY_PIXELS}
# And what a schema cannot say of a query: a cursor is one this service signed, for this very query, and
# not sent with an offset; a search has at least one word and not too many.
STATE_CONFLICTS |= {messages.CURSOR_INVALID, messages.CURSOR_OF_ANOTHER_LIST, messages.CURSOR_WITH_OFFSET}
STATE_CONFLICTS |= {messages.SEARCH_HAS_NO_WORD, messages.SEARCH_TOO_MANY_WORDS.format(count=MAX_SEARCH_WORDS)}
# And moderation's: nobody reports their own article or comment, suspends themselves or changes their
# own role, and a suspension's `until` is ahead of the server's clock.
STATE_CONFLICTS |= {
    messages.CANNOT_REPORT_OWN,
    messages.CANNOT_SUSPEND_SELF,
    messages.CANNOT_CHANGE_OWN_ROLE,
    messages.UNTIL_NOT_AHEAD,
}


def is_state_conflict(status_code: int, body: Any) -> bool:
    errors = body.get("errors") if isinstance(body, dict) else None
    if status_code != 422 or not isinstance(errors, dict) or not errors:
        return False
    return all(isinstance(found, list) and set(found) <= STATE_CONFLICTS for found in errors.values())


def positive_data_acceptance_realworld(ctx: Any, response: Any, case: Any) -> bool | None:
    """`positive_data_acceptance`, except that a RealWorld state conflict (422) is an acceptable refusal."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if is_state_conflict(response.status_code, body):
        return None
    return positive_data_acceptance(ctx, response, case)


def valid_token_is_accepted(token: str) -> Callable[..., None]:
    """A check that fails when an operation taking a token answers 401 to `token`, the registered user's."""

    def valid_token_is_accepted(ctx: Any, response: Any, case: Any) -> None:
        takes_token = {"Token": []} in (case.operation.definition.raw.get("security") or [])
        sent = response.request.headers.get("Authorization")
        if takes_token and response.status_code == 401 and sent == f"Token {token}":
            raise AssertionError(f"{case.operation.label} refused the registered user's valid token: {response.text}")

    return valid_token_is_accepted


# Operations that end the token they are sent with (signing out; a password change): each of their
# cases signs in a user of its own, so the registered user's token stays good for all the others.
ENDS_ITS_TOKEN = frozenset({"Logout", "UpdateCurrentUser"})
_throwaway_users = itertools.count(1)


def token_for(case: Any, base_url: str, token: str) -> str:
    """The token to send with `case`: the registered user's, or a new user's where the case may end it."""
    if base_url and case.operation.definition.raw.get("operationId") in ENDS_ITS_TOKEN:
        return register(base_url, f"throwaway{next(_throwaway_users)}")
    return token


def only_valid_headers(_context: Any, headers: dict[str, Any] | None) -> bool:
    return headers is None or is_valid_header(headers)

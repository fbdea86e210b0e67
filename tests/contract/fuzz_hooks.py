"""Loaded by the schemathesis CLI in `scripts/fuzz` (SCHEMATHESIS_HOOKS=tests.contract.fuzz_hooks):
registers the checks and the header filter of realworld_checks.py; the campaign excludes the built-in
check they refine."""

import os

import schemathesis

from tests.contract.realworld_checks import (
    only_valid_headers,
    positive_data_acceptance_realworld,
    token_for,
    valid_token_is_accepted,
)


class FuzzUser:
    """The campaign's token, or a new user's for the operations that end theirs (see ENDS_ITS_TOKEN)."""

    def get(self, case: schemathesis.Case, _context: schemathesis.AuthContext) -> str:
        return token_for(case, os.environ["CONDUIT_FUZZ_URL"], os.environ["CONDUIT_FUZZ_TOKEN"])

    def set(self, case: schemathesis.Case, data: str, _context: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"Token {data}"


schemathesis.check(positive_data_acceptance_realworld)
schemathesis.check(valid_token_is_accepted(os.environ["CONDUIT_FUZZ_TOKEN"]))
schemathesis.hook("filter_headers")(only_valid_headers)
schemathesis.auth(refresh_interval=None)(FuzzUser)

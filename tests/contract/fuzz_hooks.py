"""Loaded by the schemathesis CLI in `scripts/fuzz` (SCHEMATHESIS_HOOKS=tests.contract.fuzz_hooks):
registers the checks and the header filter of realworld_checks.py; the campaign excludes the built-in
check they refine."""

import os

import schemathesis

from tests.contract.realworld_checks import (
    only_valid_headers,
    positive_data_acceptance_realworld,
    valid_token_is_accepted,
)

schemathesis.check(positive_data_acceptance_realworld)
schemathesis.check(valid_token_is_accepted(os.environ["CONDUIT_FUZZ_TOKEN"]))
schemathesis.hook("filter_headers")(only_valid_headers)

"""Loaded by the schemathesis CLI in `scripts/fuzz` (SCHEMATHESIS_HOOKS=tests.contract.fuzz_hooks):
registers the checks of realworld_checks.py; the campaign excludes the built-in they refine."""

import os

import schemathesis

from tests.contract.realworld_checks import positive_data_acceptance_realworld, valid_token_is_accepted

schemathesis.check(positive_data_acceptance_realworld)
schemathesis.check(valid_token_is_accepted(os.environ["CONDUIT_FUZZ_TOKEN"]))

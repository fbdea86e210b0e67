"""The long schemathesis campaign behind `scripts/fuzz`.

gunicorn on loopback with a fresh SQLite file, a registered user's token, and the schemathesis CLI
with every default check (the RealWorld refinements of realworld_checks.py loaded as hooks), all
phases including stateful, positive and negative (schema-violating) data, randomised, with a cap on
examples per operation and on wall-clock time. Then hostile requests beyond the schema
(tests/support/hostile_json.py) for every operation, randomised, none of which may answer 5xx.
Prints the CLI's report, the hostile failures, then one line of counts. Exits 0 when none failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from tests.contract.conftest import register
from tests.contract.realworld_checks import REJECTION_STATUSES
from tests.support.hostile_json import Operation, hostile_body, hostile_url, is_error_envelope, operations, send
from tests.support.live import BIN, REPO, live_server

SPEC = REPO / "openapi" / "openapi.json"


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=500, help="random cases per operation (default 500)")
    parser.add_argument("--time-limit", type=int, default=1200, help="stop after this many seconds (default 1200)")
    parser.add_argument("--seed", type=int, help="replay a campaign (its seed is printed)")
    parser.add_argument("--hostile-examples", type=int, default=200, help="hostile requests per operation (200)")
    # One worker: Python 3.11's ast module (hypothesis parses sources with it) is not thread-safe.
    parser.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers (default 1)")
    return parser.parse_known_args(argv)  # anything else goes to `schemathesis run`


def counts(report: str) -> tuple[int, int]:
    """(cases generated, failures) from the CLI's summary line: "2750 generated, 13 found 13 unique failures"."""
    match = re.search(r"(\d+) generated(?:, (\d+) found)?", report)
    if not match:
        return 0, 0
    return int(match.group(1)), int(match.group(2) or 0)


def main(argv: list[str] | None = None) -> int:
    args, extra = parse_args(argv)
    started = time.monotonic()
    with live_server(workers=2) as server, tempfile.TemporaryDirectory(prefix="conduit-fuzz-") as tmp:
        token = register(server.url, "fuzzer")
        config = Path(tmp) / "schemathesis.toml"
        statuses = ", ".join(f'"{status}"' for status in REJECTION_STATUSES)
        config.write_text(f"[checks.negative_data_rejection]\nexpected-statuses = [{statuses}]\n")
        command = [
            str(BIN / "schemathesis"), "--config-file", str(config), "run", str(SPEC), "--url", server.url,
            "--max-examples", str(args.max_examples), "--workers", str(args.workers), "--mode", "all",
            "--exclude-checks", "positive_data_acceptance", "--continue-on-failure",
            "--request-timeout", "10", "--generation-database", "none", "--no-color",
            *(["--seed", str(args.seed)] if args.seed is not None else []), *extra,
        ]  # fmt: skip
        env = {
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.contract.fuzz_hooks",
            "CONDUIT_FUZZ_TOKEN": token,  # sent by fuzz_hooks.FuzzUser
            "CONDUIT_FUZZ_URL": server.url,
            "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "src")]),
        }
        try:
            result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=args.time_limit)
            report, status = result.stdout + result.stderr, result.returncode
        except subprocess.TimeoutExpired as expired:
            report = _text(expired.stdout) + _text(expired.stderr) + f"\nstopped at the {args.time_limit}s time limit\n"
            status = 2
        hostile = hostile_failures(server.url, token, args.hostile_examples)
    print(report)
    print("\n".join(hostile) or "hostile requests: no failure")
    generated, failures = counts(report)
    elapsed = time.monotonic() - started
    print(
        f"fuzz: {generated} cases generated, {failures} failures; {len(hostile)} hostile failures;"
        f" {elapsed:.0f}s (exit {status})"
    )
    return 0 if status == 0 and not hostile else 1


def hostile_failures(url: str, token: str, examples: int) -> list[str]:
    """Hostile bodies, queries and paths for every operation: each answer that is a 5xx, or a
    refusal outside the error envelope, described in one line."""
    found: list[str] = []
    rules = settings(
        max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )  # fmt: skip
    for operation in operations():
        _sweep(url, token, operation, rules, found)
    return found


def _sweep(url: str, token: str, operation: Operation, rules: settings, found: list[str]) -> None:
    path = operation.path.replace("{slug}", "x")

    def check(target: str, body: bytes | None) -> None:
        answer = send(url, operation.method, target, body, token)
        if answer.status >= 500 or (answer.status >= 400 and not is_error_envelope(answer)):
            sent = (body or target.encode())[:120]
            found.append(f"hostile: {operation} answered {answer.status} {answer.body[:120]!r} to {sent!r}")

    @rules
    @given(hostile_body(operation))
    def with_body(body: bytes) -> None:
        check(path, body)

    @rules
    @given(hostile_url(operation))
    def at_url(target: str) -> None:
        check(target, b'{"x": 1}' if operation.envelope else None)

    if operation.envelope:
        with_body()
    at_url()


def _text(output: bytes | str | None) -> str:
    return output.decode(errors="replace") if isinstance(output, bytes) else (output or "")


if __name__ == "__main__":
    sys.exit(main())

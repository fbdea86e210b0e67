"""Spectral lints the committed spec: the project's ruleset (.spectral.yaml) finds nothing at all, and
Spectral's own `spectral:oas` finds no error. The project's rules are shown to catch what they name."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.api_tools import REPO, SPEC, ensure_tools, load

pytestmark = pytest.mark.spec_tools
PROJECT_RULESET = REPO / ".spectral.yaml"


def spectral(spec: Path, ruleset: Path) -> list[dict[str, Any]]:
    """Every finding, of any severity (0 error, 1 warning, 2 info, 3 hint)."""
    command = [str(ensure_tools() / "spectral"), "lint", str(spec), "--ruleset", str(ruleset)]
    command += ["--format", "json", "--fail-severity", "error", "--quiet"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    return json.loads(run.stdout or "[]")


def summary(findings: list[dict[str, Any]]) -> list[str]:
    return [f"{f['code']} at {'.'.join(map(str, f['path']))}: {f['message']}" for f in findings]


@pytest.fixture(scope="module")
def plain_ruleset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ruleset = tmp_path_factory.mktemp("spectral") / "plain.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n')
    return ruleset


# One broken spec with a flaw per project rule (one Spectral run): each test finds its rule where it broke.
FLAWS = {
    "conduit-operation-description": ("paths", "/api/tags", "get"),
    "conduit-property-description": ("components", "schemas", "Profile", "properties", "bio"),
    "conduit-property-camel-case": ("components", "schemas", "Profile", "properties", "favorite_color"),
    "conduit-operation-4xx": ("paths", "/api/profiles/{username}", "get"),
}


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[str, ...]]]:
    """Where each rule fired in the committed spec with one flaw per rule (and a query parameter
    added to GET /api/tags, which then takes input and so must document a 4xx)."""
    spec = copy.deepcopy(load(SPEC))
    del spec["paths"]["/api/tags"]["get"]["description"]
    del spec["components"]["schemas"]["Profile"]["properties"]["bio"]["description"]
    spec["components"]["schemas"]["Profile"]["properties"]["favorite_color"] = {"type": "string", "description": "."}
    profile = spec["paths"]["/api/profiles/{username}"]["get"]["responses"]
    for code in [code for code in profile if code.startswith("4")]:
        del profile[code]
    limit = {"in": "query", "name": "limit", "description": "How many.", "schema": {"type": "integer"}}
    spec["paths"]["/api/tags"]["get"]["parameters"].append(limit)
    path = tmp_path_factory.mktemp("flawed") / "openapi.json"
    path.write_text(json.dumps(spec))
    fired: dict[str, set[tuple[str, ...]]] = {}
    for finding in spectral(path, PROJECT_RULESET):
        fired.setdefault(finding["code"], set()).add(tuple(map(str, finding["path"])))
    return fired


def test_the_project_ruleset_finds_no_error_and_no_warning() -> None:
    assert summary(spectral(SPEC, PROJECT_RULESET)) == []


def test_plain_spectral_oas_finds_no_error(plain_ruleset: Path) -> None:
    errors = [finding for finding in spectral(SPEC, plain_ruleset) if finding["severity"] == 0]

    assert summary(errors) == []


def test_an_operation_without_a_description_is_an_error(flawed: dict[str, set[tuple[str, ...]]]) -> None:
    assert FLAWS["conduit-operation-description"] in flawed["conduit-operation-description"]


def test_a_property_without_a_description_is_an_error(flawed: dict[str, set[tuple[str, ...]]]) -> None:
    assert FLAWS["conduit-property-description"] in flawed["conduit-property-description"]


def test_a_snake_case_field_is_an_error(flawed: dict[str, set[tuple[str, ...]]]) -> None:
    assert FLAWS["conduit-property-camel-case"] in flawed["conduit-property-camel-case"]


def test_an_operation_taking_input_without_a_4xx_answer_is_an_error(flawed: dict[str, set[tuple[str, ...]]]) -> None:
    assert FLAWS["conduit-operation-4xx"] in flawed["conduit-operation-4xx"]


def test_an_operation_taking_no_input_needs_no_4xx_until_it_takes_a_parameter(
    flawed: dict[str, set[tuple[str, ...]]],
) -> None:
    assert ("paths", "/api/tags", "get") in flawed["conduit-operation-4xx"]

"""scripts/api-diff classifies what changed between two specs: one small spec per class of change,
each against the same base. Breaking ones exit 1 and say why; additions and no change exit 0."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.support.api_tools import api_diff, api_diff_module, ensure_tools

pytestmark = pytest.mark.spec_tools
Spec = dict[str, Any]


def base_spec() -> Spec:
    """A user resource: read it (token or not), update it with a body; a `role` enum in both directions."""
    user = {
        "type": "object",
        "required": ["username", "role"],
        "properties": {
            "username": {"type": "string", "description": "The name."},
            "bio": {"type": "string", "description": "About."},
            "role": {"type": "string", "enum": ["reader", "author"], "description": "What they do."},
        },
    }
    update = {
        "type": "object",
        "properties": {
            "bio": {"type": ["string", "null"], "maxLength": 200, "description": "About."},
            "role": {"type": "string", "enum": ["reader", "author", "editor"], "description": "What they do."},
        },
    }
    answer = {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/UpdateUser"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Fixture", "version": "1.0.0"},
        "paths": {
            "/users/{name}": {
                "parameters": [{"in": "path", "name": "name", "required": True, "schema": {"type": "string"}}],
                "get": {"operationId": "GetUser", "security": [{"Token": []}, {}], "responses": {"200": answer}},
                "put": {
                    "operationId": "UpdateUser",
                    "security": [{"Token": []}],
                    "requestBody": body,
                    "responses": {"200": answer},
                },
            },
            "/tags": {"get": {"operationId": "GetTags", "security": [], "responses": {"200": {"description": "OK"}}}},
        },
        "components": {
            "schemas": {"User": user, "UpdateUser": update},
            "securitySchemes": {"Token": {"type": "apiKey", "in": "header", "name": "Authorization"}},
        },
    }


def removed_path(spec: Spec) -> None:
    del spec["paths"]["/tags"]


def removed_operation(spec: Spec) -> None:
    del spec["paths"]["/users/{name}"]["put"]


def removed_response_property(spec: Spec) -> None:
    del spec["components"]["schemas"]["User"]["properties"]["bio"]


def newly_required_request_property(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["required"] = ["bio"]


def added_required_request_property(spec: Spec) -> None:
    update = spec["components"]["schemas"]["UpdateUser"]
    update["properties"]["email"] = {"type": "string", "description": "Where."}
    update["required"] = ["email"]


def narrowed_request_type(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["bio"]["type"] = "string"


def changed_response_type(spec: Spec) -> None:
    spec["components"]["schemas"]["User"]["properties"]["bio"]["type"] = "integer"


def narrowed_request_enum(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["role"]["enum"] = ["reader", "author"]


def changed_success_status(spec: Spec) -> None:
    responses = spec["paths"]["/users/{name}"]["put"]["responses"]
    responses["201"] = responses.pop("200")


def token_now_required(spec: Spec) -> None:
    spec["paths"]["/users/{name}"]["get"]["security"] = [{"Token": []}]


def changed_security_scheme(spec: Spec) -> None:
    spec["components"]["securitySchemes"]["Token"]["name"] = "X-Token"


def added_optional_response_property(spec: Spec) -> None:
    spec["components"]["schemas"]["User"]["properties"]["image"] = {"type": "string", "description": "Avatar."}


def added_optional_request_property(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["image"] = {"type": "string", "description": "Avatar."}


def added_operation_and_error_answer(spec: Spec) -> None:
    spec["paths"]["/users/{name}"]["delete"] = {"operationId": "DeleteUser", "responses": {"204": {"description": "."}}}
    spec["paths"]["/users/{name}"]["get"]["responses"]["404"] = {"description": "Not Found"}


def token_now_optional(spec: Spec) -> None:
    spec["paths"]["/users/{name}"]["put"]["security"] = [{"Token": []}, {}]


def lowered_request_max_length(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["bio"]["maxLength"] = 100


def raised_request_max_length(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["bio"]["maxLength"] = 400


def new_request_minimum_length(spec: Spec) -> None:
    spec["components"]["schemas"]["UpdateUser"]["properties"]["bio"]["minLength"] = 1


def new_parameter_pattern(spec: Spec) -> None:
    spec["paths"]["/users/{name}"]["parameters"][0]["schema"]["pattern"] = "^[a-z]+$"


def tightened_response_constraint(spec: Spec) -> None:
    spec["components"]["schemas"]["User"]["properties"]["bio"]["maxLength"] = 10


def unchanged(spec: Spec) -> None:
    pass


# Each of these is judged alone, by scripts/api-diff's exit code.
ALONE: dict[Callable[[Spec], None], int] = {
    removed_path: 1,
    removed_response_property: 1,
    newly_required_request_property: 1,
    added_optional_response_property: 0,
    unchanged: 0,
}
# These are judged in one run (a Node process each costs seconds): each change made to its own copy
# of the base, under its own path prefix and schema names, and Optic's report read per operation.
TOGETHER: dict[Callable[[Spec], None], str | None] = {
    removed_operation: "prevent operation removal",
    added_required_request_property: "prevent changing request property to required",
    narrowed_request_type: "prevent request property type changes",
    changed_response_type: "prevent response property type changes",
    narrowed_request_enum: "request and response property enums",
    changed_success_status: "prevent response status code removal",
    added_optional_request_property: None,
    added_operation_and_error_answer: None,
}
# Optic does not look at security: scripts/api_diff.py does, without Node.
SECURITY: dict[Callable[[Spec], None], str | None] = {
    token_now_required: "x [security changed] GET /users/{name} no longer accepts no credentials",
    changed_security_scheme: "x [security scheme changed] scheme 'Token'",
    token_now_optional: None,
    unchanged: None,
}
# Nor at request constraints: a value valid before that a tighter rule now refuses breaks its senders.
CONSTRAINTS: dict[Callable[[Spec], None], str | None] = {
    lowered_request_max_length: "x [request constraint tightened] PUT /users/{name} application/json body/bio: "
    "maxLength 200 became 100",
    new_request_minimum_length: "x [request constraint tightened] PUT /users/{name} application/json body/bio: "
    "minLength None became 1",
    new_parameter_pattern: "x [request constraint tightened] GET /users/{name} path parameter 'name': pattern",
    raised_request_max_length: None,
    tightened_response_constraint: None,
    unchanged: None,
}
OPERATION_HEADING = re.compile(r"^(?:x|✔) (?:GET|PUT|POST|DELETE|PATCH) /(?P<change>\w+)/")


def namespaced(change: Callable[[Spec], None], *, changed: bool) -> Spec:
    """The base, changed or not, with its paths under /<change name>/ and its schemas suffixed by it."""
    spec = copy.deepcopy(base_spec())
    if changed:
        change(spec)
    text = json.dumps(spec).replace("#/components/schemas/User", f"#/components/schemas/{change.__name__}User")
    spec = json.loads(
        text.replace("#/components/schemas/UpdateUser", f"#/components/schemas/{change.__name__}UpdateUser")
    )
    spec["paths"] = {f"/{change.__name__}{path}": item for path, item in spec["paths"].items()}
    schemas = spec["components"]["schemas"]
    spec["components"]["schemas"] = {f"{change.__name__}{name}": schema for name, schema in schemas.items()}
    return spec


def merged(specs: list[Spec]) -> Spec:
    whole = copy.deepcopy(specs[0])
    for spec in specs[1:]:
        whole["paths"].update(spec["paths"])
        whole["components"]["schemas"].update(spec["components"]["schemas"])
    return whole


def findings_by_change(report: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    change = None
    for line in report.splitlines():
        if heading := OPERATION_HEADING.match(line):
            change = heading["change"]
        elif line.strip().startswith("x [") and change:
            found.setdefault(change, []).append(line.strip())
    return found


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """scripts/api-diff BASE CHANGED for each change judged alone, and once for all those judged
    together ("together"), run side by side."""
    ensure_tools()
    folder = tmp_path_factory.mktemp("api-diff")
    pairs: dict[str, tuple[Spec, Spec]] = {}
    for change in ALONE:
        changed = copy.deepcopy(base_spec())
        change(changed)
        pairs[change.__name__] = (base_spec(), changed)
    pairs["together"] = (
        merged([namespaced(change, changed=False) for change in TOGETHER]),
        merged([namespaced(change, changed=True) for change in TOGETHER]),
    )

    def judge(name: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        old, new = folder / f"{name}.old.json", folder / f"{name}.new.json"
        old.write_text(json.dumps(pairs[name][0]))
        new.write_text(json.dumps(pairs[name][1]))
        return name, api_diff(old, new)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(pool.map(judge, pairs))


@pytest.mark.parametrize("change", list(ALONE), ids=lambda change: change.__name__)
def test_api_diff_exits_1_only_for_a_breaking_change(verdicts: dict[str, Any], change: Callable[[Spec], None]) -> None:
    run = verdicts[change.__name__]

    assert run.returncode == ALONE[change], run.stdout + run.stderr
    assert ("BREAKING" in run.stdout) == (ALONE[change] == 1)


def test_a_removed_response_property_is_named(verdicts: dict[str, Any]) -> None:
    assert "cannot remove response property 'bio'" in verdicts["removed_response_property"].stdout


def test_a_newly_required_request_property_is_named(verdicts: dict[str, Any]) -> None:
    assert "cannot make a request property required" in verdicts["newly_required_request_property"].stdout


def test_an_added_property_is_listed_as_a_difference(verdicts: dict[str, Any]) -> None:
    assert "/properties/image: added" in verdicts["added_optional_response_property"].stdout


@pytest.mark.parametrize("change", list(TOGETHER), ids=lambda change: change.__name__)
def test_each_class_of_change_is_judged_by_its_rule(verdicts: dict[str, Any], change: Callable[[Spec], None]) -> None:
    found = findings_by_change(verdicts["together"].stdout).get(change.__name__, [])

    if TOGETHER[change] is None:
        assert found == []
    else:
        assert any(f"x [{TOGETHER[change]}]" in finding for finding in found), verdicts["together"].stdout


@pytest.mark.parametrize("change", list(SECURITY), ids=lambda change: change.__name__)
def test_security_that_turns_clients_away_is_breaking(change: Callable[[Spec], None]) -> None:
    changed = copy.deepcopy(base_spec())
    change(changed)

    found = api_diff_module().security_findings(base_spec(), changed)

    expected = SECURITY[change]
    assert found == [] if expected is None else any(finding.startswith(expected) for finding in found), found


@pytest.mark.parametrize("change", list(CONSTRAINTS), ids=lambda change: change.__name__)
def test_a_tightened_request_constraint_is_breaking(change: Callable[[Spec], None]) -> None:
    changed = copy.deepcopy(base_spec())
    change(changed)

    found = api_diff_module().constraint_findings(base_spec(), changed)

    expected = CONSTRAINTS[change]
    assert found == [] if expected is None else any(finding.startswith(expected) for finding in found), found


def test_a_spec_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    run = api_diff(tmp_path / "missing.json", tmp_path / "missing.json")

    assert run.returncode == 2 and "missing.json" in run.stderr

"""The committed spec is the contract: it must match the code, and cover the RealWorld reference."""

import difflib
import json
import re
from pathlib import Path

import pytest
import yaml
from flask_limiter.util import get_qualified_name
from openapi_spec_validator import validate

from service.blueprint import Blueprint
from service.cli import spec_json
from service.extensions import api, limiter

REPO = Path(__file__).resolve().parents[2]
COMMITTED_SPEC = REPO / "openapi" / "openapi.json"
REFERENCE_SPEC = REPO.parent / "shared" / "realworld" / "openapi.yml"
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


def spec_drift(app) -> str:
    """A unified diff between the committed spec and the one the code generates ("" when equal)."""
    with app.app_context():
        generated = spec_json(api.spec.to_dict())
    committed = COMMITTED_SPEC.read_text(encoding="utf-8")
    return "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            generated.splitlines(keepends=True),
            "openapi/openapi.json",
            "generated",
        )
    )


@pytest.fixture
def spec(app):
    return json.loads(COMMITTED_SPEC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reference():
    assert REFERENCE_SPEC.exists(), f"the RealWorld reference spec is expected at {REFERENCE_SPEC}"
    return yaml.safe_load(REFERENCE_SPEC.read_text(encoding="utf-8"))


def test_committed_spec_matches_the_code(app):
    drift = spec_drift(app)

    assert not drift, "openapi/openapi.json is stale: run scripts/export-openapi and commit it\n" + drift


def test_a_route_added_without_updating_the_spec_is_drift(make_app):
    app = make_app()
    extra = Blueprint("Extra", __name__, url_prefix="/api/extra")
    extra.route("", methods=["GET"])(extra.operation("GetExtra")(lambda: {}))
    api.register_blueprint(extra)

    assert "/api/extra" in spec_drift(app)


def test_served_spec_is_the_committed_one(client, spec):
    assert client.get("/api/openapi.json").get_json() == spec


def test_spec_is_valid_openapi(spec):
    validate(spec)


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_every_operation_has_id_summary_tag_and_documented_errors(spec):
    for path, method, operation in operations(spec):
        where = f"{method.upper()} {path}"
        assert operation.get("operationId"), where
        assert operation.get("summary"), where
        assert operation.get("tags"), where
        assert "security" in operation, where
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")) and not path.endswith("/ready"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/GenericErrorModel"}, f"{where} {code}"
        if operation["security"] and {"Token": []} in operation["security"]:
            assert "401" in operation["responses"], where


def test_exactly_the_rate_limited_operations_document_429(app, spec):
    limited = set()
    with app.app_context():  # limits are read from the configuration
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith("/api"):  # the staff console is no part of the spec
                continue
            if limiter.limit_manager.decorated_limits(get_qualified_name(app.view_functions[rule.endpoint])):
                path = re.sub(r"<(?:[^<>:]+:)?(\w+)>", r"{\1}", rule.rule)
                limited |= {(method.lower(), path) for method in rule.methods & {"GET", "POST", "PUT", "DELETE"}}
    documenting = {
        (method, path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS and "429" in operation["responses"]
    }

    assert limited == documenting


def test_every_json_request_body_has_an_example(spec):
    for path, method, operation in operations(spec):
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if content is not None:
            assert "example" in content or "examples" in content, f"{method.upper()} {path}"


def test_only_the_avatar_upload_takes_a_multipart_body_of_files(spec):
    multipart = {
        (method, path): operation["requestBody"]["content"]
        for path, method, operation in operations(spec)
        if "multipart/form-data" in operation.get("requestBody", {}).get("content", {})
    }

    assert list(multipart) == [("put", "/api/user/image")]
    schema = resolve(spec, multipart[("put", "/api/user/image")]["multipart/form-data"]["schema"])
    assert schema["required"] == ["image"]
    assert schema["properties"]["image"]["format"] == "binary"


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def shape(document, node, depth=0):
    """The structure clients rely on: property names, required sets and types, refs resolved."""
    node = resolve(document, node)
    if depth > 6 or not isinstance(node, dict):
        return None
    if node.get("type") == "array":
        return [shape(document, node.get("items", {}), depth + 1)]
    if "properties" in node:
        return {
            "required": sorted(node.get("required", [])),
            "properties": {name: shape(document, value, depth + 1) for name, value in node["properties"].items()},
        }
    kind = node.get("type")
    return kind[0] if isinstance(kind, list) else kind


def success(operation):
    code = next(code for code in operation["responses"] if code.startswith("2"))
    return code, operation["responses"][code]


def reference_operations(reference):
    for path, method, operation in operations(reference):
        yield "/api" + path, method, operation


def test_every_reference_operation_exists_with_the_same_success_code(spec, reference):
    for path, method, ref_op in reference_operations(reference):
        assert path in spec["paths"] and method in spec["paths"][path], f"missing {method.upper()} {path}"
        ours = spec["paths"][path][method]
        assert success(ours)[0] == success(ref_op)[0], f"{method.upper()} {path}"
        assert ours["operationId"] == ref_op["operationId"]


def test_auth_requirements_match_the_reference(spec, reference):
    for path, method, ref_op in reference_operations(reference):
        ours = spec["paths"][path][method]
        token_required = ref_op.get("security") == [{"Token": []}]
        if token_required:
            assert ours["security"] == [{"Token": []}], f"{method.upper()} {path} must require a token"
        else:
            assert not ours["security"] or {} in ours["security"], f"{method.upper()} {path} must not require a token"


def covers(ours, ref):
    """Whether our shape holds the reference's: its fields, required ones required, of the same types
    (fields of our own, such as a page's `nextCursor`, are additions a RealWorld client ignores)."""
    if isinstance(ref, dict) and isinstance(ours, dict):
        return all(key in ours and covers(ours[key], value) for key, value in ref.items())
    if isinstance(ref, list) and isinstance(ours, list) and all(isinstance(item, str) for item in ref + ours):
        return set(ref) <= set(ours)
    if isinstance(ref, list) and isinstance(ours, list):
        return len(ref) == len(ours) and all(covers(o, r) for o, r in zip(ours, ref, strict=True))
    return ours == ref


def test_response_envelopes_match_the_reference(spec, reference):
    for path, method, ref_op in reference_operations(reference):
        ref_response = resolve(reference, success(ref_op)[1])
        our_response = success(spec["paths"][path][method])[1]
        ref_content = ref_response.get("content", {}).get("application/json")
        if ref_content is None:  # 204: no body on either side
            assert "content" not in our_response, f"{method.upper()} {path}"
            continue
        ours = shape(spec, our_response["content"]["application/json"]["schema"])
        assert covers(ours, shape(reference, ref_content["schema"])), f"{method.upper()} {path}"


def test_request_envelopes_cover_the_reference(spec, reference):
    for path, method, ref_op in reference_operations(reference):
        if "requestBody" not in ref_op:
            continue
        ref_body = shape(reference, resolve(reference, ref_op["requestBody"])["content"]["application/json"]["schema"])
        ours = shape(spec, spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"])
        assert ours["required"] == ref_body["required"], f"{method.upper()} {path}"
        for envelope, ref_inner in ref_body["properties"].items():
            our_inner = ours["properties"][envelope]
            assert our_inner["required"] == ref_inner["required"], f"{method.upper()} {path}"
            assert set(ref_inner["properties"]) <= set(our_inner["properties"]), f"{method.upper()} {path}"


def test_token_security_scheme_is_the_reference_one(spec, reference):
    ours = spec["components"]["securitySchemes"]["Token"]
    ref = reference["components"]["securitySchemes"]["Token"]

    assert (ours["type"], ours["in"], ours["name"]) == (ref["type"], ref["in"], ref["name"])

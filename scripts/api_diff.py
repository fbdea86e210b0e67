"""Classify the differences between two OpenAPI documents for existing clients (scripts/api-diff OLD NEW).

Optic (`optic diff --check`, pinned in tools/api) lists the changes by operation and flags the breaking
ones: an operation removed, a response property or status code removed, a request property newly
required, a type or enum narrowed. Optic does not look at security, so this script adds that: an
operation that stops accepting a way of authenticating (a token, or none) or a security scheme
changed is breaking too. Nor does it see a request constraint tightened (a lower maxLength, a higher
minimum, a new or changed pattern), which turns away values clients send today: this script flags
those as well. Exit 0 when nothing breaks, 1 when something does, 2 when a run fails.
Standard library only, so it runs without the project's virtualenv.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "api"
OPTIC = TOOLS / "node_modules" / ".bin" / "optic"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# How Optic's report marks a failed check: "x [rule name] what broke".
OPTIC_FINDING = re.compile(r"^\s*x \[(?P<rule>[^\]]+)\] (?P<message>.+)$")


def optic_report(old: Path, new: Path) -> tuple[str, list[str]]:
    """Optic's report and its breaking findings; raises RuntimeError when Optic itself fails."""
    env = {**os.environ, "OPTIC_TELEMETRY_LEVEL": "off", "NO_COLOR": "1"}  # offline, plain text
    command = [str(OPTIC), "diff", str(old.resolve()), str(new.resolve()), "--check"]
    run = subprocess.run(command, cwd=TOOLS, env=env, capture_output=True, text=True, timeout=300)
    # Optic's last line offers a web view (--web), which needs a browser and a network: not ours.
    report = "\n".join(line for line in (run.stdout + run.stderr).splitlines() if "--web flag" not in line)
    findings = [line.strip() for line in report.splitlines() if OPTIC_FINDING.match(line)]
    if run.returncode and not findings:
        raise RuntimeError(f"optic failed (exit {run.returncode}):\n{report}")
    return report, findings


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def _ways_in(spec: dict[str, Any], operation: dict[str, Any]) -> set[frozenset[str]]:
    """Each way a client may authenticate: a set of scheme names; the empty set is "anonymously"."""
    requirements = operation.get("security", spec.get("security", [{}])) or [{}]
    return {frozenset(requirement) for requirement in requirements}


def _describe(way: frozenset[str]) -> str:
    return " + ".join(sorted(way)) or "no credentials"


def security_findings(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Breaking security changes: a way of authenticating an operation accepted no longer is, or a scheme changed."""
    findings = []
    old_schemes = old.get("components", {}).get("securitySchemes", {})
    new_schemes = new.get("components", {}).get("securitySchemes", {})
    for name, scheme in sorted(old_schemes.items()):
        if name not in new_schemes:
            findings.append(f"x [security scheme removed] scheme '{name}' is gone")
        elif new_schemes[name] != scheme:
            findings.append(f"x [security scheme changed] scheme '{name}': {scheme} became {new_schemes[name]}")
    new_operations = _operations(new)
    for where, operation in sorted(_operations(old).items()):
        if where not in new_operations:
            continue  # a removed operation is Optic's finding
        dropped = _ways_in(old, operation) - _ways_in(new, new_operations[where])
        for way in sorted(dropped, key=_describe):
            findings.append(f"x [security changed] {where} no longer accepts {_describe(way)}")
    return findings


# For each keyword bounding a request value: does `new` accept less than `old`? (None: not set.)
UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")
LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")
EXACT_RULES = ("pattern", "multipleOf", "format")
MAX_SCHEMA_DEPTH = 32


def _resolved(spec: dict[str, Any], schema: Any) -> Any:
    """The schema a local `$ref` points to (followed a bounded number of times)."""
    for _ in range(MAX_SCHEMA_DEPTH):
        if not isinstance(schema, dict) or not str(schema.get("$ref", "")).startswith("#/"):
            return schema
        target: Any = spec
        for part in schema["$ref"][2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        schema = target
    return schema


def _tightened(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    changes = []
    for keyword in UPPER_BOUNDS + LOWER_BOUNDS:
        before, after = old.get(keyword), new.get(keyword)
        if after is None or before == after:
            continue
        if before is None or (after < before if keyword in UPPER_BOUNDS else after > before):
            changes.append(f"{keyword} {before} became {after}")
    for keyword in EXACT_RULES:
        if keyword in new and old.get(keyword) != new[keyword]:
            before, after = repr(old.get(keyword)), repr(new[keyword])
            long = len(before) + len(after) > 96  # a long pattern is named, not printed
            changes.append(f"{keyword} changed" if long else f"{keyword} {before} became {after}")
    return changes


def _schema_findings(
    old_spec: dict[str, Any], new_spec: dict[str, Any], old: Any, new: Any, where: str, depth: int = 0
) -> list[str]:
    """Tightened constraints in a request schema and, by property name and `items`, in its parts."""
    old, new = _resolved(old_spec, old), _resolved(new_spec, new)
    if not isinstance(old, dict) or not isinstance(new, dict) or depth > MAX_SCHEMA_DEPTH:
        return []
    findings = [f"x [request constraint tightened] {where}: {change}" for change in _tightened(old, new)]
    new_properties = new.get("properties", {})
    for name, schema in old.get("properties", {}).items():
        if name in new_properties:
            findings += _schema_findings(old_spec, new_spec, schema, new_properties[name], f"{where}/{name}", depth + 1)
    if "items" in old and "items" in new:
        findings += _schema_findings(old_spec, new_spec, old["items"], new["items"], f"{where}[]", depth + 1)
    return findings


def _request_schemas(spec: dict[str, Any], path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """Each value a client sends to an operation, by where it goes: parameters and JSON bodies."""
    item = spec.get("paths", {}).get(path, {})
    schemas = {}
    for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = _resolved(spec, parameter)
        schemas[f"{parameter.get('in')} parameter '{parameter.get('name')}'"] = parameter.get("schema")
    body = _resolved(spec, operation.get("requestBody", {}))
    for media_type, content in body.get("content", {}).items():
        schemas[f"{media_type} body"] = content.get("schema")
    return schemas


def constraint_findings(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Breaking request changes Optic misses: a value valid before that a tightened constraint now refuses."""
    findings = []
    new_operations = _operations(new)
    for where, operation in sorted(_operations(old).items()):
        if where not in new_operations:
            continue
        path = where.split(" ", 1)[1]
        old_values = _request_schemas(old, path, operation)
        new_values = _request_schemas(new, path, new_operations[where])
        for value, schema in old_values.items():
            if value in new_values:
                findings += _schema_findings(old, new, schema, new_values[value], f"{where} {value}")
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/api-diff", description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the spec clients know (e.g. openapi/released/1.1.0.json)")
    parser.add_argument("new", type=Path, help="the spec to ship (e.g. openapi/openapi.json)")
    args = parser.parse_args(argv)
    try:
        old, new = (json.loads(path.read_text(encoding="utf-8")) for path in (args.old, args.new))
        report, findings = optic_report(args.old, args.new)
    except (OSError, ValueError, RuntimeError, subprocess.SubprocessError) as error:
        print(f"scripts/api-diff: {error}", file=sys.stderr)
        return 2
    security, constraints = security_findings(old, new), constraint_findings(old, new)
    findings += security + constraints
    print(report.rstrip())
    print("\nSecurity (checked by scripts/api_diff.py):")
    print("\n".join(f"  {line}" for line in security) or "  no change for existing clients")
    print("\nRequest constraints (checked by scripts/api_diff.py):")
    print("\n".join(f"  {line}" for line in constraints) or "  none tightened")
    if findings:
        print(f"\nBREAKING: {len(findings)} finding(s) would break existing clients of {args.old}")
        return 1
    print(f"\nnot breaking: every difference (if any) is an addition existing clients of {args.old} can ignore")
    return 0


if __name__ == "__main__":
    sys.exit(main())

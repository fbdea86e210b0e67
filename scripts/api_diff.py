"""Classify the differences between two OpenAPI documents for existing clients (scripts/api-diff OLD NEW).

Optic (`optic diff --check`, pinned in tools/api) lists the changes by operation and flags the breaking
ones: an operation removed, a response property or status code removed, a request property newly
required, a type or enum narrowed. Optic does not look at security, so this script adds that: an
operation that stops accepting a way of authenticating (a token, or none) or a security scheme
changed is breaking too. Exit 0 when nothing breaks, 1 when something does, 2 when a run fails.
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
    findings += security_findings(old, new)
    print(report.rstrip())
    print("\nSecurity (checked by scripts/api_diff.py):")
    print("\n".join(f"  {line}" for line in security_findings(old, new)) or "  no change for existing clients")
    if findings:
        print(f"\nBREAKING: {len(findings)} finding(s) would break existing clients of {args.old}")
        return 1
    print(f"\nnot breaking: every difference (if any) is an addition existing clients of {args.old} can ignore")
    return 0


if __name__ == "__main__":
    sys.exit(main())

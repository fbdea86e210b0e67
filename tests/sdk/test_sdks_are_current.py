"""The committed SDKs are what the generators make from the committed spec (scripts/generate-sdks)."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLIENTS = REPO / "clients"
IGNORED = {"__pycache__", "node_modules", "dist"}

pytestmark = pytest.mark.consumer


def generated_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and not IGNORED & set(path.relative_to(root).parts) and ".egg-info" not in str(path)
    }


def drift(committed: dict[str, str], fresh: dict[str, str]) -> str:
    lines = [f"missing from clients/: {name}" for name in sorted(fresh.keys() - committed.keys())]
    lines += [f"no longer generated: {name}" for name in sorted(committed.keys() - fresh.keys())]
    for name in sorted(fresh.keys() & committed.keys()):
        lines += difflib.unified_diff(
            committed[name].splitlines(), fresh[name].splitlines(), f"clients/{name}", "generated", lineterm=""
        )
    return "\n".join(lines[:200])


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("sdks")
    subprocess.run([sys.executable, str(REPO / "scripts" / "generate_sdks.py"), "--output", str(output)], check=True)
    return output


def test_python_sdk_is_current(regenerated: Path) -> None:
    stale = drift(generated_files(CLIENTS / "python"), generated_files(regenerated / "python"))

    assert not stale, "clients/python is stale: run scripts/generate-sdks and commit it\n" + stale


def test_typescript_types_are_current(regenerated: Path) -> None:
    name = "src/schema.d.ts"
    committed = {name: (CLIENTS / "typescript" / name).read_text(encoding="utf-8")}
    fresh = {name: (regenerated / "typescript" / name).read_text(encoding="utf-8")}

    stale = drift(committed, fresh)
    assert not stale, "clients/typescript/src/schema.d.ts is stale: run scripts/generate-sdks and commit it\n" + stale

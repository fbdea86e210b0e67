"""The spec's Node tools (tools/api: Spectral, Prism, Optic) and the scripts around them, for the tests."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "openapi" / "openapi.json"
RELEASED = REPO / "openapi" / "released"
TOOLS = REPO / "tools" / "api"
BIN = TOOLS / "node_modules" / ".bin"


def ensure_tools() -> Path:
    """tools/api/node_modules as its lockfile pins it (scripts/test installs it already)."""
    assert shutil.which("npm"), "Node.js and npm are needed for the spec's tools"
    if not (BIN / "spectral").exists() or not (BIN / "prism").exists() or not (BIN / "optic").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=TOOLS, check=True, timeout=600)
    return BIN


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def api_diff(old: Path, new: Path) -> subprocess.CompletedProcess[str]:
    """scripts/api-diff's classifier, run as the script runs it."""
    command = [sys.executable, str(REPO / "scripts" / "api_diff.py"), str(old), str(new)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def api_diff_module() -> ModuleType:
    """scripts/api_diff.py as a module, for its checks that need no Node."""
    spec = importlib.util.spec_from_file_location("api_diff", REPO / "scripts" / "api_diff.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version_key(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def released_versions() -> list[str]:
    return sorted((path.stem for path in RELEASED.glob("*.json")), key=version_key)

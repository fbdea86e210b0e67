"""The TypeScript SDK (clients/typescript: openapi-typescript types + openapi-fetch) end to end against
gunicorn: tsc type-checks e2e/e2e.ts against the generated types, then Node runs it with the server's URL."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.live import LiveServer

TYPESCRIPT = Path(__file__).resolve().parents[2] / "clients" / "typescript"

pytestmark = [pytest.mark.live, pytest.mark.consumer]


@pytest.fixture(scope="module")
def node_modules() -> Path:
    assert shutil.which("npm"), "Node.js and npm are needed for the TypeScript SDK test"
    if not (TYPESCRIPT / "node_modules" / ".bin" / "tsc").exists():  # scripts/test runs `npm ci` already
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TYPESCRIPT, check=True, timeout=300)
    return TYPESCRIPT / "node_modules"


def test_typescript_sdk_round_trip(live_api: LiveServer, node_modules: Path) -> None:
    compiled = subprocess.run(
        [str(node_modules / ".bin" / "tsc"), "-p", "tsconfig.json"], cwd=TYPESCRIPT, capture_output=True, text=True
    )
    assert compiled.returncode == 0, f"tsc:\n{compiled.stdout}{compiled.stderr}"

    env = {**os.environ, "CONDUIT_API_URL": live_api.url}
    run = subprocess.run(
        ["node", "dist/e2e/e2e.js"], cwd=TYPESCRIPT, env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, f"node:\n{run.stdout}{run.stderr}"
    assert "typescript e2e: ok" in run.stdout

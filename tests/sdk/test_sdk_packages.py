"""The SDK packages scripts/generate-sdks builds into dist/: a wheel and an npm tarball named by the
spec's version, each installed into a fresh environment and making real calls against gunicorn."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

from tests.support.api_tools import REPO, SPEC, load
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live, pytest.mark.consumer]
VERSION = load(SPEC)["info"]["version"]

PYTHON_CALLS = """
import sys
from conduit_api_client import Client
from conduit_api_client.api.tags import get_tags
from conduit_api_client.api.user_and_authentication import create_user
from conduit_api_client.models import NewUser, NewUserRequest, TagsResponse, UserResponse

client = Client(base_url=sys.argv[1], raise_on_unexpected_status=True, timeout=10)
user = NewUserRequest(user=NewUser(username="wheel_user", email="wheel@example.com", password="wheel-password"))
registered = create_user.sync(client=client, body=user)
assert isinstance(registered, UserResponse) and registered.user.username == "wheel_user", registered
tags = get_tags.sync(client=client)
assert isinstance(tags, TagsResponse), tags
print("wheel: ok")
"""

TYPESCRIPT_CALLS = """
import { createConduitClient } from "conduit-api-client";

const client = createConduitClient(process.argv[2]);
const user = { username: "npm_user", email: "npm@example.com", password: "npm-password" };
const registered = await client.POST("/api/users", { body: { user } });
if (registered.response.status !== 201 || registered.data?.user.username !== "npm_user") throw new Error("register");
const tags = await client.GET("/api/tags");
if (tags.response.status !== 200 || !Array.isArray(tags.data?.tags)) throw new Error("tags");
console.log("tarball: ok");
"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, str(REPO / "scripts" / "generate_sdks.py"), "--packages-only", "--dist", str(dist)]
    subprocess.run(command, check=True, timeout=600)
    return dist


def test_the_packages_carry_the_spec_version_in_their_names(packages: Path) -> None:
    names = sorted(path.name for path in packages.iterdir())

    assert names == [f"conduit-api-client-{VERSION}.tgz", f"conduit_api_client-{VERSION}-py3-none-any.whl"]


def test_the_npm_tarball_holds_javascript_and_declarations(packages: Path) -> None:
    with tarfile.open(packages / f"conduit-api-client-{VERSION}.tgz") as tarball:
        names = set(tarball.getnames())
        manifest = json.load(tarball.extractfile("package/package.json"))  # type: ignore[arg-type]

    assert {"package/dist/index.js", "package/dist/index.d.ts", "package/dist/schema.d.ts"} <= names
    assert not any(name.endswith(".ts") and not name.endswith(".d.ts") for name in names)
    assert (manifest["version"], manifest["types"]) == (VERSION, "dist/index.d.ts")


def test_the_wheel_installs_into_a_fresh_virtualenv_and_calls_the_api(
    packages: Path, live_api: LiveServer, tmp_path: Path
) -> None:
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    wheel = packages / f"conduit_api_client-{VERSION}-py3-none-any.whl"
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)]
    subprocess.run(install, check=True, timeout=300)
    script = tmp_path / "calls.py"
    script.write_text(PYTHON_CALLS)

    run = subprocess.run([str(python), str(script), live_api.url], cwd=tmp_path, capture_output=True, text=True)

    assert run.returncode == 0 and "wheel: ok" in run.stdout, run.stdout + run.stderr


def test_the_tarball_installs_into_a_fresh_npm_project_and_calls_the_api(
    packages: Path, live_api: LiveServer, tmp_path: Path
) -> None:
    project = tmp_path / "consumer"
    project.mkdir()
    (project / "package.json").write_text(json.dumps({"name": "consumer", "private": True, "type": "module"}))
    tarball = packages / f"conduit-api-client-{VERSION}.tgz"
    install = ["npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", str(tarball)]
    subprocess.run(install, cwd=project, check=True, timeout=300)
    (project / "calls.mjs").write_text(TYPESCRIPT_CALLS)

    run = subprocess.run(["node", "calls.mjs", live_api.url], cwd=project, capture_output=True, text=True, timeout=60)

    assert run.returncode == 0 and "tarball: ok" in run.stdout, run.stdout + run.stderr

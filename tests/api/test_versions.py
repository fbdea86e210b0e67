"""Versions: `info.version` is semantic and the same everywhere; every released spec is kept, frozen,
under openapi/released/; and no breaking change ships without a new major version."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from tests.support.api_tools import RELEASED, REPO, SPEC, api_diff, ensure_tools, load, released_versions, version_key

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@pytest.fixture(scope="module")
def version() -> str:
    return load(SPEC)["info"]["version"]


def test_the_api_version_is_semantic(version: str) -> None:
    assert SEMVER.match(version), version


def test_the_package_and_the_sdks_carry_the_api_version(version: str) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    python_sdk = (REPO / "clients" / "python" / "setup.py").read_text(encoding="utf-8")
    typescript_sdk = json.loads((REPO / "clients" / "typescript" / "package.json").read_text(encoding="utf-8"))

    assert project["version"] == version
    assert f'version="{version}"' in python_sdk
    assert typescript_sdk["version"] == version


def test_the_current_version_is_released_as_it_is(version: str) -> None:
    released = RELEASED / f"{version}.json"

    assert released.exists(), f"run scripts/export-openapi --release to keep {version}"
    assert released.read_text(encoding="utf-8") == SPEC.read_text(encoding="utf-8"), (
        f"{released.name} was released with another spec: raise API_VERSION (see scripts/api-diff), then "
        "scripts/export-openapi --release"
    )


def test_each_released_spec_is_named_by_its_version() -> None:
    for name in released_versions():
        assert SEMVER.match(name) and load(RELEASED / f"{name}.json")["info"]["version"] == name


def test_the_current_version_is_the_newest(version: str) -> None:
    assert released_versions()[-1] == version


@pytest.mark.spec_tools
def test_no_breaking_change_since_the_previous_release_unless_the_major_version_rose(version: str) -> None:
    older = [name for name in released_versions() if version_key(name) < version_key(version)]
    assert older, "openapi/released/ keeps the releases before this one"
    previous = older[-1]
    ensure_tools()

    run = api_diff(RELEASED / f"{previous}.json", SPEC)

    assert run.returncode in (0, 1), run.stderr
    if run.returncode == 1:
        assert version_key(version)[0] > version_key(previous)[0], (
            f"breaking changes since {previous} need a new major version, not {version}:\n{run.stdout}"
        )

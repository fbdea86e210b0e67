"""Generate the SDKs from the committed spec, openapi/openapi.json (run it through scripts/generate-sdks).

- clients/python: the whole package, by openapi-python-client (pinned in pyproject's test extra),
  with the settings in clients/openapi-python-client.yaml.
- clients/typescript/src/schema.d.ts: the types, by openapi-typescript (pinned in the package-lock);
  the rest of clients/typescript (the openapi-fetch client, the end-to-end script) is written by hand.

Then it builds the installable packages into dist/ (`--dist DIR`), named by the spec's version: a
wheel of clients/python and an npm tarball of clients/typescript compiled to JavaScript with `.d.ts`.

`--output DIR` writes the same files under DIR instead of clients/ (and builds no packages): tests/sdk
regenerates into a temporary directory and fails when anything differs from what is committed.
`--packages-only` builds the packages from clients/ as committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "openapi" / "openapi.json"
CLIENTS = REPO / "clients"
TYPESCRIPT = CLIENTS / "typescript"
PYTHON_CONFIG = CLIENTS / "openapi-python-client.yaml"
OPENAPI_TYPESCRIPT = TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"
TSC = TYPESCRIPT / "node_modules" / ".bin" / "tsc"
DIST = REPO / "dist"
# The npm package's compiler settings: the client library only (no e2e), declarations beside the JavaScript.
PACKAGE_TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "module": "NodeNext",
        "moduleResolution": "NodeNext",
        "strict": True,
        "declaration": True,
        "skipLibCheck": True,
        "outDir": "dist",
        "rootDir": "src",
    },
    "include": ["src"],
}


def ensure_node_modules() -> None:
    """`npm ci` when node_modules is missing or older than the lockfile (offline when npm's cache has it all)."""
    installed = TYPESCRIPT / "node_modules" / ".package-lock.json"
    lockfile = TYPESCRIPT / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lockfile.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=TYPESCRIPT, check=True)


def generate_python(output: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="conduit-sdk-") as tmp:
        # Generated outside the repo: nothing there (a pyproject's ruff settings, say) can change the output.
        generated = Path(tmp) / "python"
        command = [
            str(Path(sys.executable).parent / "openapi-python-client"), "generate", "--path", str(SPEC),
            "--meta", "setup", "--config", str(PYTHON_CONFIG), "--output-path", str(generated),
        ]  # fmt: skip
        subprocess.run(command, cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        target = output / "python"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(generated, target)


def generate_typescript(output: Path) -> None:
    ensure_node_modules()
    target = output / "typescript" / "src" / "schema.d.ts"
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [str(OPENAPI_TYPESCRIPT), str(SPEC), "--output", str(target)]
    subprocess.run(command, cwd=TYPESCRIPT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def spec_version() -> str:
    return json.loads(SPEC.read_text(encoding="utf-8"))["info"]["version"]


def sync_typescript_version(version: str) -> None:
    """clients/typescript/package.json (and its lockfile's own entries) carry the spec's version."""
    for name in ("package.json", "package-lock.json"):
        path = TYPESCRIPT / name
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["version"] = version
        if "packages" in manifest:
            manifest["packages"][""]["version"] = version
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        if path.read_text(encoding="utf-8") != text:  # untouched otherwise: a newer lockfile means `npm ci` again
            path.write_text(text, encoding="utf-8")


def build_wheel(dist: Path) -> Path:
    """A wheel of clients/python, built from a copy so no build/ or .egg-info lands in clients/."""
    with tempfile.TemporaryDirectory(prefix="conduit-wheel-") as tmp:
        source = Path(tmp) / "python"
        shutil.copytree(CLIENTS / "python", source, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(source)]
        subprocess.run(command, check=True)
    return dist / f"conduit_api_client-{spec_version()}-py3-none-any.whl"


def build_npm_tarball(dist: Path) -> Path:
    """An npm package of clients/typescript/src compiled by tsc: JavaScript plus `.d.ts`, and the
    generated schema.d.ts beside them (tsc does not copy declaration files it is given)."""
    ensure_node_modules()
    manifest = json.loads((TYPESCRIPT / "package.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="conduit-npm-") as tmp:
        package = Path(tmp)
        shutil.copytree(TYPESCRIPT / "src", package / "src")
        (package / "node_modules").symlink_to(TYPESCRIPT / "node_modules")
        (package / "tsconfig.json").write_text(json.dumps(PACKAGE_TSCONFIG), encoding="utf-8")
        published = {key: manifest[key] for key in ("name", "version", "description", "license", "type", "engines")}
        published |= {
            "main": "dist/index.js",
            "types": "dist/index.d.ts",
            "exports": {".": {"types": "./dist/index.d.ts", "import": "./dist/index.js"}},
            "files": ["dist"],
            "dependencies": manifest["dependencies"],
        }
        (package / "package.json").write_text(json.dumps(published, indent=2) + "\n", encoding="utf-8")
        # After package.json: its "type": "module" is what makes tsc emit ES modules.
        subprocess.run([str(TSC), "-p", "tsconfig.json"], cwd=package, check=True)
        shutil.copy(package / "src" / "schema.d.ts", package / "dist" / "schema.d.ts")
        (package / "node_modules").unlink()
        dist.mkdir(parents=True, exist_ok=True)
        command = ["npm", "pack", "--quiet", "--pack-destination", str(dist)]
        subprocess.run(command, cwd=package, check=True, stdout=subprocess.DEVNULL)
    return dist / f"{manifest['name']}-{manifest['version']}.tgz"


def build_packages(dist: Path) -> list[Path]:
    built = [build_wheel(dist), build_npm_tarball(dist)]
    missing = [path for path in built if not path.exists()]
    if missing:
        raise SystemExit(f"expected packages not built: {missing}")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/generate-sdks", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=CLIENTS, help="where to write (default: clients/)")
    parser.add_argument("--dist", type=Path, default=DIST, help="where to build the packages (default: dist/)")
    parser.add_argument("--packages-only", action="store_true", help="build the packages from clients/ as it is")
    args = parser.parse_args(argv)
    if not args.packages_only:
        generate_python(args.output)
        generate_typescript(args.output)
        print(f"generated {args.output / 'python'} and {args.output / 'typescript' / 'src' / 'schema.d.ts'}")
        if args.output.resolve() != CLIENTS.resolve():
            return 0
        sync_typescript_version(spec_version())
    for package in build_packages(args.dist):
        print(f"built {package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generate the SDKs from the committed spec, openapi/openapi.json (run it through scripts/generate-sdks).

- clients/python: the whole package, by openapi-python-client (pinned in pyproject's test extra),
  with the settings in clients/openapi-python-client.yaml.
- clients/typescript/src/schema.d.ts: the types, by openapi-typescript (pinned in the package-lock);
  the rest of clients/typescript (the openapi-fetch client, the end-to-end script) is written by hand.

`--output DIR` writes the same files under DIR instead of clients/: tests/sdk regenerates into a
temporary directory and fails when anything differs from what is committed.
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/generate-sdks", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=CLIENTS, help="where to write (default: clients/)")
    args = parser.parse_args(argv)
    generate_python(args.output)
    generate_typescript(args.output)
    print(f"generated {args.output / 'python'} and {args.output / 'typescript' / 'src' / 'schema.d.ts'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The service's source read as data, for the tests of its shape: modules, docstrings, imports."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
DOMAINS = ("users", "profiles", "articles", "comments", "tags", "health", "accounts", "media", "moderation")
# Above the domains: the app factory, and what drives the domains' services from outside a request.
TOP = ("service", "service.cli", "service.demo")
# The staff console: a second front end over the domains' services, beside the API (its routes).
CONSOLE = "service.console"
# Measurements: a number with a unit of time, a rate, or a share.
FIGURE = re.compile(r"\d\s*(ms|us|µs|ns)\b|µs|\breq/s\b|\bwrites/s\b|\d\s*%(?!\()", re.IGNORECASE)


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module
    text: str


def python_files(*roots: Path) -> Iterator[Path]:
    for root in roots:
        yield from sorted(path for path in root.rglob("*.py") if ".venv" not in path.parts)


def service_modules() -> list[Module]:
    modules = []
    for path in python_files(SRC / "service"):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        text = path.read_text(encoding="utf-8")
        modules.append(Module(name, path, ast.parse(text), text))
    return modules


def layer(module_name: str) -> str:
    """ "top", "domain" or "platform": nothing may import a layer above its own."""
    if module_name in TOP or module_name.startswith(CONSOLE):
        return "top"
    parts = module_name.split(".")
    return "domain" if len(parts) > 1 and parts[1] in DOMAINS else "platform"


def docstrings(tree: ast.Module) -> Iterator[tuple[ast.AST, str]]:
    """The module's docstring and every function's and class's, with the node that holds each."""
    for node in [tree, *ast.walk(tree)]:
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring is not None:
                yield node, docstring


def comments_and_docstrings(module: Module) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment and docstring: where a measurement would be a lab note."""
    for number, line in enumerate(module.text.splitlines(), start=1):
        if "#" in line:
            comment = _comment_of(line)
            if comment:
                yield number, comment
    for node, docstring in docstrings(module.tree):
        yield getattr(node, "lineno", 1), docstring


def _comment_of(line: str) -> str:
    """The comment ending `line`, if any: a `#` outside string literals."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[index:]
    return ""


def imports_of(module: Module, known: set[str]) -> set[str]:
    """The service modules `module` imports anywhere in its body (function-level imports too)."""
    imported: set[str] = set()
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                imported.add(submodule if submodule in known else base)
    return {name for name in imported if name in known and name != module.name}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles

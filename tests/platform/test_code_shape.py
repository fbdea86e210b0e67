"""The code's shape, as STYLE.md and issue 20 state it: short modules and docstrings, comments
without measurements, services without HTTP state, and imports that keep one direction."""

from __future__ import annotations

import ast

from tests.support.codebase import (
    FIGURE,
    REPO,
    SRC,
    comments_and_docstrings,
    docstrings,
    import_cycles,
    imports_of,
    layer,
    python_files,
    service_modules,
)

MAX_MODULE_LINES = 400
MAX_MODULE_DOCSTRING_LINES = 15
MAX_DOCSTRING_LINES = 10
MAX_EXTENSIONS_LINES = 80
# What a domain's non-HTTP modules must not reach for: the request, and the response cache.
HTTP_STATE = {("flask", "g"), ("flask", "request"), ("flask", "session")}
RESPONSE_CACHE = {"service.caching.answers", "service.caching.writes"}


def _line_count(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(REPO)): lines
        for path in python_files(SRC, REPO / "tests", REPO / "scripts")
        if (lines := _line_count(path)) > MAX_MODULE_LINES
    }
    assert long == {}


def test_extensions_holds_only_the_extension_instances():
    assert _line_count(SRC / "service" / "extensions.py") <= MAX_EXTENSIONS_LINES


def test_module_docstrings_are_at_most_15_lines_and_others_at_most_10():
    too_long = []
    for module in service_modules():
        for node, docstring in docstrings(module.tree):
            limit = MAX_DOCSTRING_LINES if hasattr(node, "name") else MAX_MODULE_DOCSTRING_LINES
            lines = len(docstring.strip().splitlines())
            if lines > limit:
                too_long.append(f"{module.name}:{getattr(node, 'name', '<module>')} has {lines} lines")
    assert too_long == []


def test_comments_and_docstrings_carry_no_timing_or_throughput_figures():
    figures = [
        f"{module.path.relative_to(REPO)}:{line}: {FIGURE.search(text).group(0)!r}"  # type: ignore[union-attr]
        for module in service_modules()
        for line, text in comments_and_docstrings(module)
        if FIGURE.search(text)
    ]
    assert figures == []


def test_no_domain_service_reads_the_request_or_touches_the_response_cache():
    modules = service_modules()
    known = {module.name for module in modules}
    offending = []
    for module in modules:
        if layer(module.name) != "domain" or module.name.endswith(".routes"):
            continue
        for node in (node for node in ast.walk(module.tree) if isinstance(node, ast.ImportFrom)):
            for alias in node.names:
                if (node.module, alias.name) in HTTP_STATE:
                    offending.append(f"{module.name} imports {alias.name} from flask")
        offending += [f"{module.name} imports {name}" for name in imports_of(module, known) & RESPONSE_CACHE]
    assert offending == []


def test_service_modules_import_one_another_without_cycles():
    modules = service_modules()
    known = {module.name for module in modules}
    graph = {module.name: imports_of(module, known) for module in modules}
    assert import_cycles(graph) == []


def test_no_module_imports_a_layer_above_its_own():
    order = {"platform": 0, "domain": 1, "top": 2}
    modules = service_modules()
    known = {module.name for module in modules}
    upward = [
        f"{module.name} ({layer(module.name)}) imports {name} ({layer(name)})"
        for module in modules
        for name in sorted(imports_of(module, known))
        if order[layer(name)] > order[layer(module.name)]
    ]
    assert upward == []

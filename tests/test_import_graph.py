"""The import rule of the README, checked on the source: packages import only the layers
below them, nothing that serves imports ``training`` or ``evals``, and no two modules import
each other, directly or round a longer circle (lazy imports inside functions included)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What each package may import (besides itself): the README's one-way flow.
ALLOWED: dict[str, set[str]] = {
    "config": set(),
    "prompts": set(),
    "catalog": {"config"},
    "retrieval": {"config", "catalog"},
    "legacy_rank": {"config", "catalog"},
    "llm_server": {"config"},
    "tools": {"config", "catalog", "retrieval", "legacy_rank"},
    "agent": {"config", "catalog", "retrieval", "legacy_rank", "tools", "prompts"},
    "server": {"config", "catalog", "retrieval", "legacy_rank", "tools", "agent", "prompts"},
    "training": {"config", "catalog", "retrieval", "legacy_rank"},
    "cli": {"config", "catalog", "retrieval", "legacy_rank", "tools", "agent", "server", "prompts", "training"},
    "evals": {"config", "catalog", "retrieval", "legacy_rank", "tools", "agent", "server", "prompts", "training"}
    | {"cli", "llm_server"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules a file imports; ``from pkg import name`` counts as ``pkg.name``
    when that is a module, else as ``pkg``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
    return {name for name in found if name in modules}


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for package in ALLOWED for p in (ROOT / package).rglob("*.py")}
    return {name: _imports(path, set(files)) - {name} for name, path in files.items()}


def _wrong_layers(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if (top := target.split(".")[0]) != module.split(".")[0] and top not in ALLOWED[module.split(".")[0]]
    )


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, or []; a package's ``__init__`` re-exporting its own modules is
    not a circle with them."""
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    try:
        tuple(TopologicalSorter(edges).static_order())
    except CycleError as circle:
        return list(circle.args[1])
    return []


def test_packages_import_only_the_layers_below() -> None:
    assert not _wrong_layers(_graph())


def test_no_module_imports_itself_round_a_circle() -> None:
    assert not _circle(_graph())


def test_the_checks_find_a_planted_circle_and_a_wrong_layer() -> None:
    graph = _graph()
    graph["tools.toolkit"] = graph["tools.toolkit"] | {"tools.langchain"}  # langchain imports toolkit
    graph["server.app"] = graph["server.app"] | {"training.rank", "evals.cli"}
    assert set(_circle(graph)) == {"tools.toolkit", "tools.langchain"}
    assert _wrong_layers(graph) == ["server.app imports evals.cli", "server.app imports training.rank"]

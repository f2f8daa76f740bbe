"""No module of the project binds one name twice at its top level. The second binding
silently replaces the first for every function that reads the name at call time, so the
code written against the first (a pattern, a table) runs with the second; ruff's F811 sees
only functions and imports, not assignments."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("agent", "tools", "retrieval", "legacy_rank", "catalog", "server", "cli", "config", "llm_server", "evals")


def _names_bound_twice(source: str) -> dict[str, list[int]]:
    """Top-level names assigned, annotated-assigned, defined or classed more than once."""
    lines: dict[str, list[int]] = defaultdict(list)
    for node in ast.parse(source).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines[node.name].append(node.lineno)
        for target in targets:
            if isinstance(target, ast.Name):
                lines[target.id].append(node.lineno)
    return {name: where for name, where in lines.items() if len(where) > 1}


def test_the_check_sees_a_name_bound_twice() -> None:
    assert _names_bound_twice("A = 1\ndef f():\n    return A\nA = 2\n") == {"A": [1, 4]}
    assert _names_bound_twice("A = 1\nB: int = 2\n") == {}


def test_no_module_binds_a_name_twice() -> None:
    found = {
        str(path.relative_to(ROOT)): twice
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if (twice := _names_bound_twice(path.read_text(encoding="utf-8")))
    }
    assert found == {}

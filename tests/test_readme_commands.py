"""The shell examples of ``README.md`` and ``docs/*.md`` that are marked runnable are tested
commands: each runs, as a shopper or engineer would type it, against the test catalog's
indexed subset and must exit 0 with a real answer.

The convention (``docs/architecture.md``, *Runnable examples*): a fenced block opened with
```` ```bash runnable ```` holds one command a line (``#`` lines and blank lines are
skipped; a trailing ``# comment`` is part of the shell line and ignored by the shell). Only
commands that are cheap on the 1,500-product subset are marked; ``atelier`` resolves to
this checkout's entry point."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval.stores.copying import copy_data_dir

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```bash runnable[ \t]*\n(.*?)^```", re.S | re.M)


def runnable_commands() -> list[tuple[str, str]]:
    """(page, command) for every line of every ```bash runnable block."""
    found = []
    for page in PAGES:
        for block in BLOCK.findall(page.read_text(encoding="utf-8")):
            for line in block.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    found.append((page.relative_to(ROOT).as_posix(), line.strip()))
    return found


COMMANDS = runnable_commands()


def test_the_docs_mark_runnable_commands() -> None:
    assert COMMANDS, "no ```bash runnable block in README.md or docs/*.md"
    assert any(command.startswith("atelier search") for _, command in COMMANDS)
    assert any(command.startswith("atelier chat") for _, command in COMMANDS)


@pytest.fixture(scope="module")
def command_env(subset_index, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment a documented command runs in: the subset's catalog and a copy of its
    built state (the embedded Qdrant shard is locked by the process that opens it, and this
    test session may hold the original open)."""
    data_dir = tmp_path_factory.mktemp("readme-commands") / "atelier"
    copy_data_dir(subset_index.data_dir, data_dir)
    env = dict(os.environ)
    env.update(
        {
            "ATELIER_DATA_DIR": str(data_dir),
            "ATELIER_CATALOG": str(subset_index.catalog),
            "ATELIER_UNDERSTANDING": "fast",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
        }
    )
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "QDRANT_URL", "ATELIER_DATABASE_URL"):
        env.pop(name, None)  # the documented commands run on the embedded store and SQLite
    return env


@pytest.mark.parametrize(("page", "command"), COMMANDS, ids=[f"{p}: {c}" for p, c in COMMANDS])
def test_documented_command_runs(page: str, command: str, command_env: dict[str, str]) -> None:
    done = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=command_env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{page}: `{command}` exited {done.returncode}\n{done.stderr[-2000:]}"
    assert done.stdout.strip(), f"{page}: `{command}` printed nothing"
    if "--json" not in command.split():
        return
    body = json.loads(done.stdout)
    if command.startswith("atelier search"):
        assert body["results"], body
        assert all(r["id"] and r["title"] and r["price"] > 0 for r in body["results"])
        if "under 1500" in command:
            assert body["filters"].get("price_max") == 1500
            assert all(r["price"] <= 1500 for r in body["results"] if not r.get("differs"))
    elif command.startswith("atelier chat"):
        assert body["answer"].strip() and body["session_id"], body
        assert body["products"], body  # every marked chat example is a request for products
        for product in body["products"]:
            assert f"₹{product['price']:.0f}" in body["answer"]  # the answer cites the real price

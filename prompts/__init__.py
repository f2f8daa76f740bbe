"""Versioned prompt files, loaded by name: ``load_prompt("system")`` reads the newest
``system.vN.md`` (or a given version). Prompts are data files, not code."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).parent


@lru_cache(maxsize=32)
def load_prompt(name: str, version: int | None = None) -> str:
    candidates = {
        int(m.group(1)): p
        for p in _DIR.glob(f"{name}.v*.md")
        if (m := re.fullmatch(rf"{re.escape(name)}\.v(\d+)\.md", p.name))
    }
    if not candidates:
        raise FileNotFoundError(f"no prompt named {name!r} in {_DIR}")
    chosen = version if version is not None else max(candidates)
    if chosen not in candidates:
        raise FileNotFoundError(f"prompt {name!r} has no version {chosen}")
    return candidates[chosen].read_text(encoding="utf-8").strip()

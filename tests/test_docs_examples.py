"""The copy-paste examples of ``docs/serving.md`` are tested code: every ``python`` block
runs against the real app over HTTP (its ``BASE`` pointed at the test server) and must
finish without an error."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "serving.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)


def test_the_page_has_examples() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{i + 1}" for i in range(len(EXAMPLES))])
def test_documented_example_runs(code: str, live_server) -> None:
    assert 'BASE = "http://127.0.0.1:8000"' in code  # the documented default, replaced here
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("http://127.0.0.1:8000", live_server.url), str(DOC), "exec"), {})  # noqa: S102
    assert printed.getvalue().strip()  # every example shows its result

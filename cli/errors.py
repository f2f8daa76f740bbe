"""How every ``atelier`` command fails: the error on stderr (the contract's
``{"error": {"code", "message"}}`` with ``--json``), exit code 2 for a usage error (what was
typed must change, as for every Click/Typer command) and 1 for any other failure."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import typer
from rich.console import Console

err = Console(stderr=True)


def fail(code: str, message: str, as_json: bool = False, usage: bool = False) -> NoReturn:
    if as_json:
        print(json.dumps({"error": {"code": code, "message": message}}), file=sys.stderr)
    else:
        err.print(f"[red]error[/red] ({code}): {message}")
    raise typer.Exit(2 if usage else 1)

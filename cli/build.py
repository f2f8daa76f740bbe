"""``atelier build query-encoder``: the model files search needs that are made, not
trained, from local weights (offline). ``atelier ingest`` runs it too when the configured
encoder's file is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.errors import err
from config import Settings

build_app = typer.Typer(help="Build model files from local weights (offline).", no_args_is_help=True)


def query_encoder_folder(settings: Settings) -> Path:
    from retrieval.query_encoder import SHIPPED_DIR

    return settings.query_encoder_dir or SHIPPED_DIR


def ensure_query_encoder(settings: Settings) -> None:
    """Build the int8 query encoder when the settings use it and its files are missing,
    or were exported from another model than the documents'."""
    from retrieval.query_encoder import QueryEncoderError, read_manifest

    if settings.query_encoder != "minilm-int8":
        return
    try:
        read_manifest(query_encoder_folder(settings), settings.text_model)
    except QueryEncoderError as reason:
        err.print(f"{reason.message}: building it now")
        _build(settings, query_encoder_folder(settings))


def _build(settings: Settings, folder: Path) -> None:
    from training.query_encoder import build_query_encoder

    with err.status(f"exporting {settings.text_model} to ONNX and quantising to int8 (under a minute)"):
        manifest = build_query_encoder(settings.text_model, folder)
    err.print(
        f"query encoder written to {folder}: cosine to {settings.text_model} mean "
        f"{manifest.mean_cosine_to_source}, min {manifest.min_cosine_to_source}"
    )


@build_app.command("query-encoder")
def build_query_encoder_command(
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder (default: ATELIER_QUERY_ENCODER_DIR or models/query-encoder).")
    ] = None,
) -> None:
    """Export the text model (ATELIER_TEXT_MODEL) to ONNX with int8 weights, for queries."""
    settings = Settings()
    _build(settings, out or query_encoder_folder(settings))

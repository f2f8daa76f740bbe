"""``atelier train clip``: the catalog-trained image tower (seeded, checkpointed,
resumable); writes the model file and its card. Heavy imports happen inside."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from config import Settings

console = Console(stderr=True)


def _indexed_text(settings: Settings) -> dict:
    """The product index's text vectors when it can be opened (saves embedding every
    caption again); empty when it is absent or held by another process."""
    from retrieval.stores import StoreError, open_store

    try:
        store = open_store(settings)
    except StoreError:
        return {}
    try:
        return store.dense_vectors()
    finally:
        store.close()


class HardTypes(str, Enum):
    any = "any"
    sub_category = "sub_category"


def train_clip_command(
    steps: Annotated[int, typer.Option(min=1, help="Optimiser steps.")] = 4000,
    seed: Annotated[int, typer.Option(help="Seed of the split, initialisation and batches.")] = 13,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: models/clip in the repo).")] = None,
    resume: Annotated[bool, typer.Option(help="Continue from OUT/checkpoint.pt when it exists.")] = False,
    limit: Annotated[int | None, typer.Option(min=50, help="Use only the first N catalog products.")] = None,
    batch_size: Annotated[int, typer.Option(min=8)] = 256,
    height: Annotated[
        int, typer.Option(min=16, help="Photo height the tower sees (the 60x80 photos are 80 high).")
    ] = 64,
    width: Annotated[int, typer.Option(min=16, help="Photo width the tower sees.")] = 48,
    hard_types: Annotated[
        HardTypes,
        typer.Option(
            help="Where a batch's four hard-negative article types come from: one type and its "
            "look-alikes of the same sub-category (measured better), or any four types."
        ),
    ] = HardTypes.sub_category,
) -> None:
    """Train the image tower against the frozen MiniLM text tower (CLIP loss + image-image terms)."""
    from retrieval.vision.encoder import SHIPPED_CHECKPOINT
    from retrieval.vision.model import TowerConfig
    from training.clip.recipe import CARD_NAME, train_clip
    from training.clip.train import TrainConfig

    settings = Settings()
    out_dir = out or SHIPPED_CHECKPOINT.parent
    cfg = TrainConfig(
        seed=seed,
        steps=steps,
        batch_size=batch_size,
        threads=settings.torch_threads,
        hard_types=hard_types.value,
        warmup_steps=min(100, max(1, steps // 10)),
        checkpoint_every=max(1, min(50, steps // 4)),
    )
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[note]}"),
    )
    with Progress(*columns, console=console) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, note="")
            bar.update(tasks[stage], completed=done, total=total)

        def report(step: int, total: int, loss: float) -> None:
            if "train" not in tasks:
                tasks["train"] = bar.add_task("train", total=total, note="")
            bar.update(tasks["train"], completed=step, note=f"loss {loss:.3f}")

        card = train_clip(
            settings.catalog,
            settings.text_model,
            out_dir,
            cfg,
            settings.data_dir / "cache",
            resume,
            limit,
            tower=TowerConfig(height=height, width=width),
            progress=progress,
            report=report,
            indexed=_indexed_text(settings),
        )
    metrics = ", ".join(f"{k} {v}" for k, v in card["metrics"].items())
    console.print(f"held-out: {metrics}\nmodel {out_dir / 'atelier-clip.pt'}, card {out_dir / CARD_NAME}")

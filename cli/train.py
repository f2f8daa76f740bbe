"""``atelier train two-tower|ranker``: train the recommender on the shared interactions and
write the artifacts (model + metadata) under ``Settings.rank_models_dir``. Heavy imports
(torch, lightgbm) happen inside the commands so that ``atelier --help`` stays fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from training.rank import RankData

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from cli.errors import fail
from config import Settings

train_app = typer.Typer(help="Train the two-tower recommender and its ranker (seeded).", no_args_is_help=True)
console = Console()

SeedOption = Annotated[int | None, typer.Option(help="Random seed (default: ATELIER_RANK_SEED).")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Artifact folder (default: ATELIER_RANK_MODELS_DIR).")]
DataOption = Annotated[Path | None, typer.Option("--interactions", help="Folder with interactions.csv and items.csv.")]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
    )


def _load(settings: Settings, interactions: Path | None) -> RankData:
    from retrieval.embedding import TextEmbedder
    from training.rank import load_rank_data

    folder = interactions or settings.interactions_dir
    if not (folder / "interactions.csv").is_file() or not (folder / "items.csv").is_file():
        fail("no_interactions", f"{folder} needs interactions.csv and items.csv (use --interactions)", usage=True)
    embedder = TextEmbedder(settings.text_model, settings.torch_threads, settings.embed_batch_size)
    with console.status("loading interactions and title embeddings (first run embeds every title: minutes)"):
        data = load_rank_data(folder, embedder.embed_documents, settings.rank_cache_dir, settings.text_model)
    console.print(
        f"{len(data.interactions.users):,} events, {data.interactions.n_users:,} users, "
        f"{data.interactions.n_items:,} items; {len(data.interactions.issues)} malformed rows skipped"
    )
    return data


@train_app.command("two-tower")
def train_two_tower_command(
    seed: SeedOption = None,
    out: OutOption = None,
    interactions: DataOption = None,
    epochs: Annotated[int, typer.Option(min=1, help="At most this many epochs (early stopping may end sooner).")] = 12,
) -> None:
    """Two-tower retriever: in-batch softmax with log-Q correction, early-stopped on validation Recall@10."""
    from legacy_rank.two_tower import TwoTowerConfig
    from training.rank import train_two_tower

    settings = Settings()
    data = _load(settings, interactions)
    config = TwoTowerConfig(seed=settings.rank_seed if seed is None else seed, max_epochs=epochs)
    with _progress() as progress:
        task = progress.add_task("epoch 1", total=None, note="")

        def on_step(epoch: int, step: int, steps: int, loss: float) -> None:
            progress.update(task, description=f"epoch {epoch}", completed=step, total=steps, note=f"loss {loss:.3f}")

        def on_epoch(row: dict) -> None:
            progress.console.print(
                f"epoch {row['epoch']}: loss {row['loss']}, validation Recall@10 {row['valid_recall@10']}"
            )

        meta = train_two_tower(data, out or settings.rank_models_dir, config, settings.torch_threads, on_step, on_epoch)
    console.print(
        f"best validation Recall@10 {meta.metrics['valid_recall@10']} (random "
        f"{meta.metrics['random_recall@10']}) in {meta.train_seconds} s -> {out or settings.rank_models_dir}"
    )


@train_app.command("ranker")
def train_ranker_command(
    seed: SeedOption = None,
    out: OutOption = None,
    interactions: DataOption = None,
    users: Annotated[int | None, typer.Option(min=100, help="Validation requests sampled (default: all).")] = None,
) -> None:
    """LightGBM LambdaRank over two-tower + co-occurrence candidates (needs the two-tower artifact)."""
    from legacy_rank.artifacts import TWO_TOWER_FILE
    from training.rank import train_rankers

    settings = Settings()
    folder = out or settings.rank_models_dir
    if not (folder / TWO_TOWER_FILE).is_file():
        fail("no_two_tower", f"no {TWO_TOWER_FILE} in {folder}: run `atelier train two-tower` first")
    data = _load(settings, interactions)
    with _progress() as progress:
        requests = progress.add_task("candidates + features", total=users or len(data.split.valid), note="")
        rounds = progress.add_task("boosting rounds", total=None, note="")
        metas = train_rankers(
            data,
            folder,
            settings.rank_seed if seed is None else seed,
            settings.torch_threads,
            users,
            on_progress=lambda n: progress.update(requests, completed=n),
            on_round=lambda n, total: progress.update(rounds, completed=n, total=total),
        )
    for meta in metas:
        console.print(
            f"{len(meta.config['features'])} features: validation NDCG@10 within candidates "
            f"{meta.metrics['valid_ndcg@10_in_candidates']}, {meta.metrics['best_iteration']} rounds, "
            f"{meta.train_seconds} s"
        )

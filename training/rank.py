"""Training runs that write artifacts: the two-tower model, then the rankers on top of it.
Why separate from the models: the CLI, the evaluation and the tests share one way of
loading the data, building the content matrix and writing models with their metadata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from legacy_rank.artifacts import (
    RANKER_FILE,
    SERVING_RANKER_FILE,
    TWO_TOWER_FILE,
    ArtifactMeta,
    file_hash,
    write_meta,
)
from legacy_rank.baselines import CooccurrenceRecommender
from legacy_rank.content import EmbedFn, embed_titles, load_titles
from legacy_rank.data import Interactions, Split, load_interactions, temporal_split
from legacy_rank.ranker import (
    CONTENT_FEATURES,
    FULL_FEATURES,
    CandidateFeatures,
    build_ranking_set,
    save_ranker,
    train_ranker,
    validation_requests,
)
from legacy_rank.two_tower import (
    StepHook,
    TwoTowerConfig,
    TwoTowerScorer,
    TwoTowerTrainer,
    load_two_tower,
    save_two_tower,
)


@dataclass
class RankData:
    """Interactions, their split and the items' title embeddings (row per item index)."""

    interactions: Interactions
    split: Split
    content: np.ndarray | None  # None when loaded without an embedder (baselines only)
    data_hash: str

    def title_vectors(self) -> np.ndarray:
        """The items' title embeddings, which every learned model needs."""
        if self.content is None:
            raise ValueError("the rank data was loaded without an embedder: no title vectors to train on")
        return self.content


def load_rank_data(interactions_dir: Path, embed: EmbedFn | None, cache_dir: Path, model_name: str) -> RankData:
    """``interactions.csv`` + ``items.csv`` from ``interactions_dir``; titles embedded once
    and cached (skipped when ``embed`` is None)."""
    path = Path(interactions_dir) / "interactions.csv"
    data = load_interactions(path)
    content = None
    if embed is not None:
        titles = load_titles(Path(interactions_dir) / "items.csv")
        content = embed_titles(data.item_ids, titles, embed, cache_dir, model_name)
    return RankData(data, temporal_split(data), content, file_hash(path))


def train_two_tower(
    data: RankData,
    out_dir: Path,
    config: TwoTowerConfig,
    threads: int,
    on_step: StepHook | None = None,
    on_epoch: Callable[[dict], None] | None = None,
) -> ArtifactMeta:
    """Train, keep the best epoch by validation Recall@10, write ``two_tower.pt`` + metadata."""
    trainer = TwoTowerTrainer(data.split, data.title_vectors(), data.interactions.item_ids, config, threads)
    result = trainer.fit(on_step, on_epoch)
    path = Path(out_dir) / TWO_TOWER_FILE
    save_two_tower(result.model, data.title_vectors().shape[1], path)
    meta = ArtifactMeta(
        kind="two_tower",
        seed=config.seed,
        data_hash=data.data_hash,
        config=config.model_dump(),
        train_seconds=result.seconds,
        threads=threads,
        metrics={
            "valid_recall@10": round(result.valid_recall, 4),
            "random_recall@10": round(result.random_recall, 6),
            "epochs": result.epochs,
            "log": str(result.history),
        },
    )
    write_meta(path, meta)
    return meta


def candidate_features(data: RankData, models_dir: Path) -> CandidateFeatures:
    """Recall + features from the saved two-tower model and a fresh co-occurrence model."""
    model = load_two_tower(Path(models_dir) / TWO_TOWER_FILE)
    scorer = TwoTowerScorer(model, data.split, data.title_vectors(), data.interactions.item_ids)
    return CandidateFeatures(data.split, scorer, CooccurrenceRecommender(data.split), data.title_vectors())


def train_rankers(
    data: RankData,
    models_dir: Path,
    seed: int,
    threads: int,
    max_users: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_round: Callable[[int, int], None] | None = None,
) -> list[ArtifactMeta]:
    """LambdaRank on validation targets: the full ranker (evaluation) and the content-feature
    ranker that serving on Atelier's catalog uses; both written with metadata."""
    features = candidate_features(data, models_dir)
    users = sorted(data.split.valid)
    if max_users and len(users) > max_users:
        users = sorted(np.random.default_rng(seed).choice(users, max_users, replace=False).tolist())
    ranking = build_ranking_set(features, validation_requests(data.split, users), False, on_progress)
    metas = []
    for file, names in ((RANKER_FILE, FULL_FEATURES), (SERVING_RANKER_FILE, CONTENT_FEATURES)):
        result = train_ranker(ranking, names, seed, threads, on_round=on_round)
        path = Path(models_dir) / file
        save_ranker(result, path)
        meta = ArtifactMeta(
            kind="ranker",
            seed=seed,
            data_hash=data.data_hash,
            train_seconds=result.seconds,
            threads=threads,
            config={"features": list(names), "requests": len(users)},
            metrics={
                "valid_ndcg@10_in_candidates": round(result.valid_ndcg, 4),
                "best_iteration": result.best_iteration,
                "groups": len(ranking.groups),
            },
        )
        write_meta(path, meta)
        metas.append(meta)
    return metas

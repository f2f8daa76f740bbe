"""``atelier eval rank``: Recall@10, Recall@50, NDCG@10 on the temporal leave-last-out
test items, overall and on the cold-start subset (test items with < 5 training events)."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np

from legacy_rank import (
    CooccurrenceRecommender, PopularityRecommender, RandomRecommender, load_interactions, temporal_split,
)


def _evaluate(model, split, users: list[int], cold: set[int]) -> dict:
    hits10 = hits50 = ndcg = 0.0
    cold_hits10 = cold_hits50 = cold_ndcg = 0.0
    n_cold = 0
    for user in users:
        history = split.history[user]
        scores = model.scores(history).astype(float).copy()
        scores[history] = -np.inf  # never recommend what the user already has
        target = split.test[user]
        rank = int((scores > scores[target]).sum())  # 0-based rank of the held-out item
        h10, h50 = rank < 10, rank < 50
        gain = 1 / math.log2(rank + 2) if h10 else 0.0
        hits10, hits50, ndcg = hits10 + h10, hits50 + h50, ndcg + gain
        if target in cold:
            n_cold += 1
            cold_hits10, cold_hits50, cold_ndcg = cold_hits10 + h10, cold_hits50 + h50, cold_ndcg + gain
    n = len(users)
    return {"recall@10": round(hits10 / n, 4), "recall@50": round(hits50 / n, 4), "ndcg@10": round(ndcg / n, 4),
            "cold_start": {"users": n_cold,
                           "recall@10": round(cold_hits10 / max(n_cold, 1), 4),
                           "recall@50": round(cold_hits50 / max(n_cold, 1), 4),
                           "ndcg@10": round(cold_ndcg / max(n_cold, 1), 4)}}


def run_rank_eval(path: Path, max_users: int | None = 5000, seed: int = 0) -> dict:
    started = time.perf_counter()
    data = load_interactions(path)
    split = temporal_split(data)
    users = sorted(split.test)
    if max_users and len(users) > max_users:
        users = sorted(np.random.default_rng(seed).choice(users, max_users, replace=False).tolist())
    counts = split.train_counts()
    cold = {int(i) for i in np.flatnonzero(counts < 5)}
    systems = {"random": RandomRecommender(split, seed), "popularity": PopularityRecommender(split),
               "cooccurrence": CooccurrenceRecommender(split)}
    return {"suite": "rank", "events": len(data.users), "users": data.n_users, "items": data.n_items,
            "malformed_rows": len(data.issues), "evaluated_users": len(users),
            "systems": {name: _evaluate(model, split, users, cold) for name, model in systems.items()},
            "not_yet": ["two_tower", "two_tower+ranker"], "seconds": round(time.perf_counter() - started, 1)}

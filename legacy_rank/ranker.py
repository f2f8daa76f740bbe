"""The second stage: LightGBM LambdaRank over the union of two-tower and co-occurrence
candidates. Why a learned ranker on top of recall: each recall source is good at a
different thing (the two-tower generalises through content, co-occurrence memorises
pairs, popularity and recency capture trends), and a ranker trained on real held-out
events learns how to weigh them per candidate.

Trained on validation targets (input = training history, target = second-last item) and
evaluated on test targets (input = history + validation item, target = last item), so
neither recall model nor ranker ever sees the item it is scored on. Every feature uses
only events before the request time (no look-ahead).

Two feature sets: ``FULL_FEATURES`` for the interaction data, and ``CONTENT_FEATURES``,
the subset that exists for Atelier's own catalog (no interaction history there), used by
the serving ranker."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from legacy_rank.baselines import CooccurrenceRecommender

if TYPE_CHECKING:
    import lightgbm as lgb
from legacy_rank.data import Split
from legacy_rank.two_tower import TwoTowerScorer

CONTENT_FEATURES = ("tt_score", "tt_rank", "text_sim_last", "text_sim_mean", "tt_sim_last", "history_len")
FULL_FEATURES = (
    *CONTENT_FEATURES,
    "co_score",
    "co_rank",
    "log_popularity",
    "log_recent_90d",
    "days_since_item_event",
    "warm",
)
DAY = 86_400


@dataclass
class RankingSet:
    """Candidates of many requests, one group per request, with features and labels."""

    features: np.ndarray
    labels: np.ndarray
    groups: list[int]
    candidates: list[np.ndarray]
    targets: list[int]
    users: list[int] = field(default_factory=list)


class ItemTimeline:
    """Counts of an item's training events before a time, vectorised over candidates
    (one sorted key array: item * BIG + time), so recency features never look ahead."""

    def __init__(self, split: Split) -> None:
        self.big = np.int64(1) << 40
        keys = split.train_items.astype(np.int64) * self.big + split.train_times.astype(np.int64)
        self.keys = np.sort(keys)

    def count_before(self, items: np.ndarray, when: int) -> np.ndarray:
        base = items.astype(np.int64) * self.big
        return np.searchsorted(self.keys, base + when) - np.searchsorted(self.keys, base)

    def recent_stats(self, items: np.ndarray, when: int, window_days: int = 90) -> tuple[np.ndarray, np.ndarray]:
        """(events in the window before ``when``, days since the last event before ``when``)."""
        base = items.astype(np.int64) * self.big
        before = np.searchsorted(self.keys, base + when)
        first = np.searchsorted(self.keys, base)
        window = before - np.searchsorted(self.keys, base + when - window_days * DAY)
        last_time = np.where(before > first, self.keys[np.maximum(before - 1, 0)] - base, when - 3650 * DAY)
        return window, np.minimum((when - last_time) / DAY, 3650.0)


class CandidateFeatures:
    """Recall (two-tower top-N plus co-occurrence top-M) and features for one request."""

    def __init__(
        self,
        split: Split,
        two_tower: TwoTowerScorer,
        cooccurrence: CooccurrenceRecommender,
        content: np.ndarray,
        n_two_tower: int = 100,
        n_cooccurrence: int = 50,
    ) -> None:
        self.two_tower, self.cooccurrence = two_tower, cooccurrence
        self.content = content
        counts = split.train_counts()
        self.log_popularity = np.log1p(counts)
        self.warm = (counts >= two_tower.model.config.warm_min_count).astype(np.float32)
        self.timeline = ItemTimeline(split)
        self.n_two_tower, self.n_cooccurrence = n_two_tower, n_cooccurrence

    def candidates(self, histories: Sequence[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per history: (candidate items, their two-tower scores, their co-occurrence scores),
        scored for the whole batch at once (one user-tower pass, one sparse product)."""
        tt = self.two_tower.scores_batch(list(histories)).astype(np.float32)
        co = self.cooccurrence.scores_batch(list(histories)).astype(np.float32)
        for row, history in enumerate(histories):
            tt[row, history], co[row, history] = -np.inf, -np.inf
        top_tt = np.argpartition(-tt, self.n_two_tower, axis=1)[:, : self.n_two_tower]
        top_co = np.argpartition(-co, self.n_cooccurrence, axis=1)[:, : self.n_cooccurrence]
        out = []
        for row in range(len(histories)):
            real_co = top_co[row][co[row, top_co[row]] > 1e-6]  # real co-occurrence, not the popularity tie-break
            cands = np.unique(np.concatenate([top_tt[row], real_co]))
            out.append((cands, tt[row, cands], co[row, cands]))
        return out

    def features(self, histories: Sequence[np.ndarray], whens: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per request: (candidate item indices, feature matrix in ``FULL_FEATURES`` order)."""
        return [
            self._matrix(history, when, *found)
            for history, when, found in zip(histories, whens, self.candidates(histories))
        ]

    def _matrix(
        self, history: np.ndarray, when: int, cands: np.ndarray, tt_c: np.ndarray, co_c: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        last = history[-1]
        mean = self.content[history[-10:]].mean(axis=0)
        mean /= max(float(np.linalg.norm(mean)), 1e-9)
        recent, since = self.timeline.recent_stats(cands, when)
        items = self.two_tower.item_matrix
        columns = [
            tt_c,
            _rank_desc(tt_c),
            self.content[cands] @ self.content[last],
            self.content[cands] @ mean,
            items[cands] @ items[last],
            np.full(len(cands), float(len(history))),
            co_c,
            _rank_desc(co_c),
            self.log_popularity[cands],
            np.log1p(recent),
            since,
            self.warm[cands],
        ]
        return cands, np.column_stack(columns).astype(np.float32)


def _rank_desc(values: np.ndarray) -> np.ndarray:
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values))
    return ranks


Requests = Sequence[tuple[int, np.ndarray, int, int]]  # (user, history, target, request time)


def build_ranking_set(
    features: CandidateFeatures,
    requests: Requests,
    keep_unlabelled: bool,
    on_progress: Callable[[int], None] | None = None,
    batch: int = 256,
) -> RankingSet:
    """Features for every request; groups without the target among the candidates are
    dropped for training (LambdaRank learns nothing from them) and kept for evaluation."""
    rows, labels, groups, cands, targets, users = [], [], [], [], [], []
    for start in range(0, len(requests), batch):
        chunk = requests[start : start + batch]
        found = features.features([r[1] for r in chunk], [r[3] for r in chunk])
        for (user, _, target, _), (items, matrix) in zip(chunk, found):
            label = (items == target).astype(np.float32)
            if not keep_unlabelled and not label.any():
                continue
            rows.append(matrix)
            labels.append(label)
            groups.append(len(items))
            cands.append(items)
            targets.append(target)
            users.append(user)
        if on_progress:
            on_progress(start + len(chunk))
    return RankingSet(np.vstack(rows), np.concatenate(labels), groups, cands, targets, users)


def validation_requests(split: Split, users: Sequence[int]) -> list[tuple[int, np.ndarray, int, int]]:
    return [(u, split.history[u], split.valid[u], split.target_times[u][0]) for u in users if len(split.history[u])]


def evaluation_requests(split: Split, users: Sequence[int]) -> list[tuple[int, np.ndarray, int, int]]:
    return [(u, np.append(split.history[u], split.valid[u]), split.test[u], split.target_times[u][1]) for u in users]


@dataclass
class RankerResult:
    booster: lgb.Booster
    feature_names: tuple[str, ...]
    best_iteration: int
    valid_ndcg: float
    seconds: float


def train_ranker(
    data: RankingSet,
    feature_names: Sequence[str],
    seed: int = 0,
    threads: int = 2,
    rounds: int = 400,
    on_round: Callable[[int, int], None] | None = None,
) -> RankerResult:
    """LambdaRank with early stopping on a seeded 10% of the groups."""
    import lightgbm as lgb

    started = time.perf_counter()
    columns = [FULL_FEATURES.index(name) for name in feature_names]
    bounds = np.concatenate([[0], np.cumsum(data.groups)])
    held = np.random.default_rng(seed).random(len(data.groups)) < 0.1
    parts = {}
    for name, pick in (("train", ~held), ("valid", held)):
        index = np.concatenate([np.arange(bounds[g], bounds[g + 1]) for g in np.flatnonzero(pick)])
        parts[name] = lgb.Dataset(
            data.features[index][:, columns],
            data.labels[index],
            group=np.asarray(data.groups)[pick],
            feature_name=list(feature_names),
            free_raw_data=False,
        )
    params = {
        "objective": "lambdarank",
        "metric": "ndcg",
        "eval_at": [10],
        "learning_rate": 0.05,
        "num_leaves": 31,
        "min_data_in_leaf": 50,
        "feature_fraction": 0.9,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambdarank_truncation_level": 20,
        "seed": seed,
        "deterministic": True,
        "num_threads": threads,
        "verbose": -1,
    }
    callbacks: list[Callable[..., Any]] = [lgb.early_stopping(30, verbose=False)]
    if on_round:
        callbacks.append(lambda env: on_round(env.iteration + 1, rounds))
    booster = lgb.train(params, parts["train"], rounds, valid_sets=[parts["valid"]], callbacks=callbacks)
    ndcg = float(booster.best_score["valid_0"]["ndcg@10"])
    return RankerResult(
        booster, tuple(feature_names), booster.best_iteration, ndcg, round(time.perf_counter() - started, 1)
    )


def target_ranks(booster: lgb.Booster, data: RankingSet, feature_names: Sequence[str]) -> np.ndarray:
    """0-based rank of each group's target after re-ranking (a large number when recall missed it)."""
    columns = [FULL_FEATURES.index(name) for name in feature_names]
    scores = booster.predict(data.features[:, columns], num_threads=1)
    ranks, start = [], 0
    for size, items, target in zip(data.groups, data.candidates, data.targets):
        group = scores[start : start + size]
        start += size
        hit = np.flatnonzero(items == target)
        ranks.append(int((group > group[hit[0]]).sum()) if len(hit) else 1_000_000)
    return np.asarray(ranks)


def save_ranker(result: RankerResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    result.booster.save_model(str(path), num_iteration=result.best_iteration)


def load_ranker(path: Path) -> lgb.Booster:
    import lightgbm as lgb

    return lgb.Booster(model_file=str(path))

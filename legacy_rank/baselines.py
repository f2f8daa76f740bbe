"""The baselines every learned recommender must beat, all scoring every item for a
user's history (already-seen items are excluded by the caller)."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from legacy_rank.data import Split


class RandomRecommender:
    def __init__(self, split: Split, seed: int = 0) -> None:
        self.n_items = split.n_items
        self.rng = np.random.default_rng(seed)

    def scores(self, history: np.ndarray) -> np.ndarray:
        return self.rng.random(self.n_items)


class PopularityRecommender:
    def __init__(self, split: Split) -> None:
        self.popularity = split.train_counts().astype(float)

    def scores(self, history: np.ndarray) -> np.ndarray:
        return self.popularity


class CooccurrenceRecommender:
    """Item-item co-occurrence within users' training histories, cosine-normalised
    (count / sqrt(pop_i * pop_j)), summed over the user's most recent items."""

    def __init__(self, split: Split, recent: int = 10) -> None:
        ones = np.ones(len(split.train_items), dtype=np.float32)
        user_item = sparse.csr_matrix(
            (ones, (split.train_users, split.train_items)), shape=(split.n_users, split.n_items)
        )
        user_item.data[:] = 1.0
        co = (user_item.T @ user_item).tocsr()
        co.setdiag(0)
        co.eliminate_zeros()
        norm = np.sqrt(np.maximum(np.asarray(user_item.sum(axis=0)).ravel(), 1.0))
        self.co = sparse.diags(1 / norm) @ co @ sparse.diags(1 / norm)
        self.co = self.co.tocsr()
        self.popularity = split.train_counts().astype(float)
        self.recent = recent

    def scores(self, history: np.ndarray) -> np.ndarray:
        return self.scores_batch([history])[0]

    def scores_batch(self, histories: list[np.ndarray]) -> np.ndarray:
        """Sums over each history's most recent items as one sparse product (fast for many users);
        ties (no co-occurrence) fall back to popularity."""
        rows = [np.asarray(h[-self.recent :], dtype=np.int64) for h in histories]
        indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
        indices = np.concatenate(rows) if indptr[-1] else np.zeros(0, dtype=np.int64)
        recent = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), self.co.shape[0])
        )
        return (recent @ self.co).toarray() + self.popularity * 1e-9

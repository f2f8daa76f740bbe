"""Recommendations on Atelier's own catalog: two-tower recall over every product (one
matrix product), the content-feature ranker, then business re-ranking: no sold-out
products, nothing the shopper already has in the session or cart, one product per title,
and MMR for variety.

Why content-only item vectors here: the store's products never appear in the training
interactions, so each is a cold item to the model; the item tower embeds its title and
attributes (the same MiniLM text the search index holds), and the user tower pools the
session's items, most recent first, so a view or cart add counts on the next request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
from threadpoolctl import ThreadpoolController

from catalog import CatalogDB, ProductRecord
from legacy_rank.artifacts import (
    SERVING_RANKER_FILE,
    TWO_TOWER_FILE,
    TWO_TOWER_METHOD,
    TWO_TOWER_RANKER_METHOD,
    read_meta,
)
from legacy_rank.content import cached_embeddings
from legacy_rank.ranker import CONTENT_FEATURES, load_ranker
from legacy_rank.two_tower import NumpyUserTower, TwoTower, load_two_tower

if TYPE_CHECKING:
    import lightgbm as lgb

CatalogVectors = Callable[[list[str], list[str]], np.ndarray]  # (ids, texts) -> MiniLM rows


def catalog_text(record: ProductRecord) -> str:
    """Title plus attributes, in the same form the search index embeds (``Product.text_for_embedding``)."""
    parts = [record.title, record.gender, record.article_type, record.sub_category]
    parts += [p for p in (record.colour, record.usage, record.season) if p]
    return " | ".join(parts)


@dataclass
class Recommendation:
    record: ProductRecord
    score: float


class CatalogRecommender:
    """Two-tower + ranker + re-ranking over one catalog's products (matrix held in memory)."""

    def __init__(
        self,
        model: TwoTower,
        ranker: lgb.Booster | None,
        ids: Sequence[str],
        titles: Sequence[str],
        content: np.ndarray,
        candidates: int = 200,
        mmr_lambda: float = 0.75,
    ) -> None:
        self.model, self.ranker = model, ranker
        self.ids = list(ids)
        self.row = {pid: n for n, pid in enumerate(self.ids)}
        self.content = content.astype(np.float32)
        self.candidates, self.mmr_lambda = candidates, mmr_lambda
        with torch.no_grad():
            tensor = torch.from_numpy(self.content)
            vectors = model.items(tensor, torch.zeros(len(self.ids), dtype=torch.long), torch.zeros(len(self.ids)))
        self.items = np.ascontiguousarray(vectors.numpy())
        self.user_tower = NumpyUserTower(model.users)
        self.titles = titles
        self.blas = ThreadpoolController()

    @classmethod
    def open(
        cls,
        models_dir: Path,
        db: CatalogDB,
        vectors: CatalogVectors,
        cache_dir: Path,
        model_name: str,
        candidates: int = 200,
        mmr_lambda: float = 0.75,
    ) -> CatalogRecommender | None:
        """The recommender for the catalog in ``db``, or None when no two-tower artifact exists.
        The products' MiniLM matrix is cached on disk, keyed by every product's id and text."""
        model_path = Path(models_dir) / TWO_TOWER_FILE
        if not model_path.is_file():
            return None
        records = list(db.iter_records())
        ids, texts = [r.id for r in records], [catalog_text(r) for r in records]
        keys = [f"{i}\t{t}" for i, t in zip(ids, texts)]
        content = cached_embeddings(keys, lambda: vectors(ids, texts), cache_dir, model_name, "catalog")
        ranker_path = Path(models_dir) / SERVING_RANKER_FILE
        ranker = load_ranker(ranker_path) if ranker_path.is_file() else None
        titles = [r.title.lower() for r in records]
        return cls(load_two_tower(model_path), ranker, ids, titles, content, candidates, mmr_lambda)

    @property
    def method(self) -> str:
        return TWO_TOWER_RANKER_METHOD if self.ranker is not None else TWO_TOWER_METHOD

    def model_info(self, models_dir: Path) -> dict:
        meta = read_meta(Path(models_dir) / TWO_TOWER_FILE)
        return meta.model_dump(mode="json") if meta else {}

    def recommend(
        self,
        db: CatalogDB,
        session_items: Sequence[str],
        k: int,
        exclude: set[str] | None = None,
        mmr_lambda: float | None = None,
        candidates: int | None = None,
        use_ranker: bool = True,
    ) -> list[Recommendation]:
        """Up to ``k`` in-stock products for a session (oldest first, most recent last),
        never one of the session's items or ``exclude`` (the cart), one per title.
        ``mmr_lambda``, ``candidates`` and ``use_ranker`` override the loaded defaults for
        this call (an experiment's variant, ``config/experiments.py``)."""
        ordered = list(dict.fromkeys(reversed(session_items)))[::-1]  # a repeat counts at its latest position
        history = np.asarray([self.row[i] for i in ordered if i in self.row], dtype=np.int64)
        if len(history) == 0:
            return []
        recent = history[::-1][: self.model.config.max_history]
        with self.blas.limit(limits=1, user_api="blas"):  # one matrix-vector product: threads only add waits
            scores = self.items @ self.user_tower(self.items[recent])
        scores[history] = -np.inf
        depth = min(candidates or self.candidates, len(scores) - 1)
        cands = np.argpartition(-scores, depth)[:depth]
        cands = cands[np.isfinite(scores[cands])]
        relevance = self._rank(cands, scores[cands], history) if use_ranker else scores[cands]
        order = np.argsort(-relevance, kind="stable")
        pool = self._pool(cands[order], relevance[order], set(ordered) | (exclude or set()), max(4 * k, 40))
        weight = self.mmr_lambda if mmr_lambda is None else mmr_lambda
        return self._hydrate(db, pool, self._mmr_order(pool, 2 * k + 5, weight), k)

    def _rank(self, cands: np.ndarray, tt: np.ndarray, history: np.ndarray) -> np.ndarray:
        if self.ranker is None:
            return tt
        last = history[-1]
        mean = self.content[history[-10:]].mean(axis=0)
        mean /= max(float(np.linalg.norm(mean)), 1e-9)
        order = np.argsort(-tt, kind="stable")
        rank = np.empty(len(tt), dtype=np.float32)
        rank[order] = np.arange(len(tt))
        columns = {
            "tt_score": tt,
            "tt_rank": rank,
            "text_sim_last": self.content[cands] @ self.content[last],
            "text_sim_mean": self.content[cands] @ mean,
            "tt_sim_last": self.items[cands] @ self.items[last],
            "history_len": np.full(len(cands), float(len(history))),
        }
        matrix = np.column_stack([columns[name] for name in CONTENT_FEATURES]).astype(np.float32)
        return np.asarray(self.ranker.predict(matrix, num_threads=1), dtype=np.float64)

    def _pool(self, ranked: np.ndarray, relevance: np.ndarray, exclude: set[str], want: int) -> list[tuple[int, float]]:
        """The best ``want`` (row, relevance) in ranked order, skipping excluded ids and
        repeated titles (titles from the catalog as loaded; stock is checked at hydration)."""
        pool, titles = [], set()
        for row, rel in zip(ranked.tolist(), relevance.tolist()):
            if self.ids[row] in exclude or self.titles[row] in titles:
                continue
            titles.add(self.titles[row])
            pool.append((row, rel))
            if len(pool) >= want:
                break
        return pool

    def _mmr_order(self, pool: list[tuple[int, float]], n: int, mmr_lambda: float) -> list[int]:
        """Maximal marginal relevance: each pick maximises lambda * relevance - (1 - lambda) *
        its highest similarity to the picks so far (relevance rescaled to [0, 1]); returns
        pool positions, ``n`` picks first, then the rest of the pool in ranked order."""
        if not pool:
            return []
        rows = np.asarray([row for row, _ in pool])
        rel = np.asarray([r for _, r in pool])
        rel = (rel - rel.min()) / max(float(rel.max() - rel.min()), 1e-9)
        sims = self.items[rows] @ self.items[rows].T
        nearest = np.zeros(len(pool))  # dissimilar (negative cosine) counts as 0, not a bonus
        chosen: list[int] = []
        for _ in range(min(n, len(pool))):
            gain = mmr_lambda * rel - (1 - mmr_lambda) * nearest
            gain[chosen] = -np.inf
            pick = int(np.argmax(gain))
            chosen.append(pick)
            nearest = np.maximum(nearest, sims[pick])
        return chosen + [i for i in range(len(pool)) if i not in set(chosen)]

    def _hydrate(self, db: CatalogDB, pool: list[tuple[int, float]], order: list[int], k: int) -> list[Recommendation]:
        """Current records from SQLite for the MMR order, dropping sold-out products (stock
        changes with every checkout), in chunks until ``k`` are found."""
        results: list[Recommendation] = []
        for start in range(0, len(order), 2 * k + 5):
            chunk = order[start : start + 2 * k + 5]
            records = db.get_records([self.ids[pool[i][0]] for i in chunk])
            for i in chunk:
                record = records.get(self.ids[pool[i][0]])
                if record is not None and record.in_stock:
                    results.append(Recommendation(record, round(float(pool[i][1]), 4)))
                if len(results) == k:
                    return results
        return results

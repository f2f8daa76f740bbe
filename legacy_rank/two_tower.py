"""The two-tower retriever (PyTorch).

Item tower: the frozen MiniLM embedding of the item's text through an MLP, plus a hashed
item-id embedding for warm items only. Why both: the id embedding learns what the text
cannot (style, brand pull), while the content path alone still gives a vector to a new
item or to a different catalog (the store's products are all "cold" to this model). Id
embeddings are randomly dropped during training so that the content path carries the
signal on its own.

User tower: attention pooling over the vectors of the user's most recent items, with a
learned per-position embedding (position 0 = the most recent item). Why: an anonymous
shopper's in-session views and cart adds give a user vector at once, no retraining,
and recent items weigh more.

Training: in-batch sampled softmax with the log-Q correction (each in-batch negative's
logit minus the log of its sampling probability, i.e. its share of training targets),
so popular items are not over-penalised for appearing often as negatives; early stopping
on validation Recall@10."""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from pydantic import BaseModel
from torch import nn

from legacy_rank.data import Split


class TwoTowerConfig(BaseModel):
    dim: int = 64
    hidden: int = 256
    id_buckets: int = 16384
    warm_min_count: int = 5
    max_history: int = 10
    batch_size: int = 1024
    lr: float = 2e-3
    max_epochs: int = 12
    patience: int = 2
    temperature: float = 0.05
    id_dropout: float = 0.3
    valid_users: int = 4000
    seed: int = 0


def id_buckets(item_ids: Sequence[str], buckets: int) -> np.ndarray:
    """Stable hash of each item id into ``buckets`` rows (crc32: same in every process)."""
    return np.asarray([zlib.crc32(str(i).encode()) % buckets for i in item_ids], dtype=np.int64)


class ItemTower(nn.Module):
    def __init__(self, content_dim: int, config: TwoTowerConfig) -> None:
        super().__init__()
        self.content = nn.Sequential(
            nn.Linear(content_dim, config.hidden), nn.GELU(), nn.Linear(config.hidden, config.dim)
        )
        self.ids = nn.Embedding(config.id_buckets, config.dim)
        nn.init.normal_(self.ids.weight, std=0.01)

    def forward(self, content: torch.Tensor, buckets: torch.Tensor, use_id: torch.Tensor) -> torch.Tensor:
        vector = self.content(content) + self.ids(buckets) * use_id.unsqueeze(-1)
        return F.normalize(vector, dim=-1)


class UserTower(nn.Module):
    def __init__(self, config: TwoTowerConfig) -> None:
        super().__init__()
        self.positions = nn.Parameter(torch.zeros(config.max_history, config.dim))
        self.attention = nn.Sequential(nn.Linear(config.dim, config.dim), nn.Tanh(), nn.Linear(config.dim, 1))
        self.out = nn.Sequential(nn.Linear(config.dim, config.dim), nn.GELU(), nn.Linear(config.dim, config.dim))

    def forward(self, history: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``history``: [B, L, dim] item vectors, most recent first; ``mask``: [B, L] real items."""
        weights = self.attention(history + self.positions[: history.shape[1]]).squeeze(-1)
        weights = torch.softmax(weights.masked_fill(~mask, -1e9), dim=-1)
        pooled = (weights.unsqueeze(-1) * history).sum(dim=1)
        return F.normalize(pooled + self.out(pooled), dim=-1)


class TwoTower(nn.Module):
    def __init__(self, content_dim: int, config: TwoTowerConfig) -> None:
        super().__init__()
        self.config = config
        self.items = ItemTower(content_dim, config)
        self.users = UserTower(config)


class NumpyUserTower:
    """The user tower's forward pass in numpy, for serving one session at a time: the same
    weights as ``UserTower`` without torch's per-call overhead (tens of microseconds
    instead of milliseconds on a busy 2-core machine)."""

    def __init__(self, tower: UserTower) -> None:
        def w(t: torch.Tensor | torch.nn.Module) -> np.ndarray:
            assert isinstance(t, torch.Tensor), t  # a layer's weight or bias
            return t.detach().numpy().astype(np.float32)

        self.positions = w(tower.positions)
        self.a1, self.a1b = w(tower.attention[0].weight), w(tower.attention[0].bias)
        self.a2, self.a2b = w(tower.attention[2].weight)[0], float(w(tower.attention[2].bias)[0])
        self.o1, self.o1b = w(tower.out[0].weight), w(tower.out[0].bias)
        self.o2, self.o2b = w(tower.out[2].weight), w(tower.out[2].bias)

    def __call__(self, history: np.ndarray) -> np.ndarray:
        """``history``: [L, dim] item vectors of real items only, most recent first."""
        from scipy.special import erf

        hidden = np.tanh((history + self.positions[: len(history)]) @ self.a1.T + self.a1b)
        logits = hidden @ self.a2 + self.a2b
        weights = np.exp(logits - logits.max())
        pooled = (weights / weights.sum()) @ history
        inner = pooled @ self.o1.T + self.o1b
        user = pooled + (0.5 * inner * (1 + erf(inner / np.sqrt(2)))) @ self.o2.T + self.o2b
        return (user / max(float(np.linalg.norm(user)), 1e-12)).astype(np.float32)


@dataclass
class ItemTable:
    """Per-item inputs of the item tower, as tensors (row ``n`` is padding)."""

    content: torch.Tensor
    buckets: torch.Tensor
    warm: torch.Tensor

    @classmethod
    def build(cls, content: np.ndarray, item_ids: Sequence[str], warm: np.ndarray, buckets: int) -> ItemTable:
        pad = np.zeros((1, content.shape[1]), dtype=np.float32)
        return cls(
            torch.from_numpy(np.vstack([content.astype(np.float32), pad])),
            torch.from_numpy(np.append(id_buckets(item_ids, buckets), 0)),
            torch.from_numpy(np.append(warm.astype(np.float32), 0.0)).float(),
        )


def recent_first(history: np.ndarray, length: int, pad: int) -> np.ndarray:
    """The last ``length`` items, most recent first, right-padded with ``pad``."""
    row = np.full(length, pad, dtype=np.int64)
    recent = np.asarray(history[-length:])[::-1]
    row[: len(recent)] = recent
    return row


def training_examples(split: Split, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (recent prefix -> next item) pair inside users' training histories."""
    pad = split.n_items
    rows, targets = [], []
    for history in split.history.values():
        for t in range(1, len(history)):
            rows.append(recent_first(history[:t], length, pad))
            targets.append(history[t])
    return np.asarray(rows, dtype=np.int64), np.asarray(targets, dtype=np.int64)


def all_item_vectors(model: TwoTower, table: ItemTable, batch: int = 8192) -> torch.Tensor:
    """Item-tower output for every real item (eval mode, warm items keep their id vector)."""
    n = table.content.shape[0] - 1
    with torch.no_grad():
        parts = [
            model.items(table.content[s:e], table.buckets[s:e], table.warm[s:e])
            for s, e in ((s, min(s + batch, n)) for s in range(0, n, batch))
        ]
    return torch.cat(parts)


def user_vectors(model: TwoTower, item_vectors: torch.Tensor, rows: np.ndarray) -> torch.Tensor:
    """User-tower output for padded most-recent-first rows of item indices (pad = len(item_vectors))."""
    padded = torch.cat([item_vectors, torch.zeros(1, item_vectors.shape[1])])
    index = torch.from_numpy(rows)
    with torch.no_grad():
        return model.users(padded[index], index < item_vectors.shape[0])


def recall_at(
    model: TwoTower, table: ItemTable, histories: list[np.ndarray], targets: np.ndarray, length: int, k: int = 10
) -> float:
    """Share of targets ranked in the top ``k`` (history items excluded)."""
    items = all_item_vectors(model, table)
    hits = 0
    for start in range(0, len(histories), 1024):
        chunk = histories[start : start + 1024]
        rows = np.stack([recent_first(h, length, len(items)) for h in chunk])
        scores = (user_vectors(model, items, rows) @ items.T).numpy()
        for row, history in enumerate(chunk):
            scores[row, history] = -np.inf
        target = targets[start : start + len(chunk)]
        hits += int(((scores > scores[np.arange(len(chunk)), target][:, None]).sum(axis=1) < k).sum())
    return hits / max(len(histories), 1)


@dataclass
class TrainResult:
    model: TwoTower
    valid_recall: float
    random_recall: float
    epochs: int
    seconds: float
    history: list[dict]


StepHook = Callable[[int, int, int, float], None]  # (epoch, step, steps per epoch, loss)


class TwoTowerTrainer:
    """Trains a ``TwoTower`` on a ``Split``'s training histories, early-stopped on validation."""

    def __init__(
        self, split: Split, content: np.ndarray, item_ids: Sequence[str], config: TwoTowerConfig, threads: int = 2
    ) -> None:
        torch.set_num_threads(threads)
        torch.manual_seed(config.seed)
        self.split, self.config = split, config
        self.rng = np.random.default_rng(config.seed)
        counts = split.train_counts()
        self.table = ItemTable.build(content, item_ids, counts >= config.warm_min_count, config.id_buckets)
        self.rows, self.targets = training_examples(split, config.max_history)
        target_share = np.bincount(self.targets, minlength=split.n_items) + 1.0
        self.log_q = torch.from_numpy(np.log(target_share / target_share.sum())).float()
        self.model = TwoTower(content.shape[1], config)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr)
        users = sorted(split.valid)
        pick = self.rng.choice(len(users), min(config.valid_users, len(users)), replace=False)
        self.valid_users = [users[i] for i in sorted(pick)]

    def _loss(self, rows: np.ndarray, targets: np.ndarray) -> torch.Tensor:
        pad = self.split.n_items
        used = np.unique(np.concatenate([rows.ravel(), targets]))
        keep_id = torch.from_numpy(self.rng.random(len(used)) >= self.config.id_dropout).float()
        index = torch.from_numpy(used)
        vectors = self.model.items(
            self.table.content[index], self.table.buckets[index], self.table.warm[index] * keep_id
        )
        vectors = vectors * torch.from_numpy(used != pad).float().unsqueeze(-1)
        hist = torch.from_numpy(np.searchsorted(used, rows))
        user = self.model.users(vectors[hist], torch.from_numpy(rows != pad))
        target_t = torch.from_numpy(targets)
        item = vectors[torch.from_numpy(np.searchsorted(used, targets))]
        logits = user @ item.T / self.config.temperature - self.log_q[target_t].unsqueeze(0)
        same = target_t.unsqueeze(0) == target_t.unsqueeze(1)
        logits = logits.masked_fill(same & ~torch.eye(len(targets), dtype=torch.bool), -1e9)
        return F.cross_entropy(logits, torch.arange(len(targets)))

    def _epoch(self, epoch: int, on_step: StepHook | None) -> float:
        self.model.train()
        order = self.rng.permutation(len(self.targets))
        size = self.config.batch_size
        steps = len(order) // size
        total = 0.0
        for step in range(steps):
            batch = order[step * size : (step + 1) * size]
            loss = self._loss(self.rows[batch], self.targets[batch])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
            if on_step:
                on_step(epoch, step + 1, steps, loss.item())
        return total / max(steps, 1)

    def validation_recall(self) -> float:
        self.model.eval()
        histories = [self.split.history[u] for u in self.valid_users]
        targets = np.asarray([self.split.valid[u] for u in self.valid_users])
        return recall_at(self.model, self.table, histories, targets, self.config.max_history)

    def random_recall(self, k: int = 10) -> float:
        """Expected Recall@k of a random order (the floor a trained model must clear)."""
        return k / self.split.n_items

    def fit(self, on_step: StepHook | None = None, on_epoch: Callable[[dict], None] | None = None) -> TrainResult:
        started = time.perf_counter()
        best, best_state, stale, log = -1.0, None, 0, []
        initial = self.validation_recall()
        for epoch in range(1, self.config.max_epochs + 1):
            loss = self._epoch(epoch, on_step)
            recall = self.validation_recall()
            log.append({"epoch": epoch, "loss": round(loss, 4), "valid_recall@10": round(recall, 4)})
            if on_epoch:
                on_epoch(log[-1])
            if recall > best:
                best, stale = recall, 0
                best_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            else:
                stale += 1
                if stale >= self.config.patience:
                    break
        if best_state is not None:  # None only when no epoch ran
            self.model.load_state_dict(best_state)
        self.model.eval()
        log.insert(0, {"epoch": 0, "valid_recall@10": round(initial, 4)})
        return TrainResult(
            self.model, best, self.random_recall(), len(log) - 1, round(time.perf_counter() - started, 1), log
        )


def save_two_tower(model: TwoTower, content_dim: int, path: Path) -> None:
    """State dict in float16 (halves the file; scores change in the 4th decimal) + config."""
    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"config": model.config.model_dump(), "content_dim": content_dim, "state": state}, path)


def load_two_tower(path: Path) -> TwoTower:
    blob = torch.load(path, map_location="cpu", weights_only=True)
    model = TwoTower(blob["content_dim"], TwoTowerConfig(**blob["config"]))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in blob["state"].items()})
    return model.eval()


class TwoTowerScorer:
    """Scores every item for a history (the evaluation's interface, like the baselines)."""

    def __init__(self, model: TwoTower, split: Split, content: np.ndarray, item_ids: Sequence[str]) -> None:
        config = model.config
        table = ItemTable.build(content, item_ids, split.train_counts() >= config.warm_min_count, config.id_buckets)
        self.model, self.length = model, config.max_history
        self.items = all_item_vectors(model, table)
        self.item_matrix = self.items.numpy()
        self.padded = torch.cat([self.items, torch.zeros(1, self.items.shape[1])])

    def scores_batch(self, histories: list[np.ndarray]) -> np.ndarray:
        """[len(histories), n_items] scores, one user-tower pass for the whole batch."""
        n = len(self.item_matrix)
        index = torch.from_numpy(np.stack([recent_first(h, self.length, n) for h in histories]))
        with torch.no_grad():
            users = self.model.users(self.padded[index], index < n).numpy()
        return users @ self.item_matrix.T

    def scores(self, history: np.ndarray) -> np.ndarray:
        if len(history) == 0:
            return np.zeros(len(self.item_matrix), dtype=np.float32)
        return self.scores_batch([history])[0]

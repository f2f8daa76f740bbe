"""Item content for the two-tower item tower: the MiniLM embedding of each item's text,
cached on disk. Why a cache keyed by content: embedding 23k titles (or 44k catalog
products) takes minutes on 2 cores, while training, evaluation and serving all need the
same matrix many times; any changed text or model gives a new key, so a stale matrix is
never reused."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

EmbedFn = Callable[[list[str]], np.ndarray]


def load_titles(path: Path) -> dict[str, str]:
    """``items.csv`` (item_id, title) as a dict; a missing title becomes an empty string
    (the item then gets a content vector for "" and leans on its id embedding)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:2]] != ["item_id", "title"]:
            raise ValueError(f"{path}: header {header!r} does not start with ['item_id', 'title']")
        return {row[0].strip(): (row[1].strip() if len(row) > 1 else "") for row in reader if row and row[0].strip()}


def content_key(texts: Sequence[str], model_name: str) -> str:
    """A short hash of the model name and every text, in order."""
    digest = hashlib.sha256(model_name.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()[:16]


def cached_embeddings(
    keys: Sequence[str], compute: Callable[[], np.ndarray], cache_dir: Path, model_name: str, prefix: str = "content"
) -> np.ndarray:
    """One float32 row per key (a text, or an id plus its text), read from
    ``cache_dir/{prefix}-{hash}.npy`` when present, otherwise ``compute()``d and written there."""
    path = Path(cache_dir) / f"{prefix}-{content_key(keys, model_name)}.npy"
    if path.is_file():
        matrix = np.load(path)
        if matrix.shape[0] == len(keys):
            return matrix
    matrix = np.asarray(compute(), dtype=np.float32)
    if matrix.shape[0] != len(keys):
        raise ValueError(f"computed {matrix.shape[0]} rows for {len(keys)} keys")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".partial.npy")
    np.save(tmp, matrix)
    tmp.replace(path)  # atomic: a killed run never leaves a half-written cache
    return matrix


def embed_titles(
    item_ids: Sequence[str], titles: dict[str, str], embed: EmbedFn, cache_dir: Path, model_name: str
) -> np.ndarray:
    """MiniLM rows for the interaction items' titles, in ``item_ids`` order (cached)."""
    texts = [titles.get(i, "") for i in item_ids]
    return cached_embeddings(texts, lambda: embed(texts), cache_dir, model_name, "titles")

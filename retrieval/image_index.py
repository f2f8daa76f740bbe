"""Photo vectors in the product collection: the named ``image`` vector of each point,
embedded by the configured CLIP and cached by photo hash.

Why a cache keyed by photo hash + model tag: a text re-upsert (a changed title) replaces
the whole point, photo vector included; the cache makes putting it back a lookup, and
re-ingesting an unchanged catalog embeds no photo at all. The payload's ``image_key``
says which photo and model produced a point's vector, so an index built before photo
search existed (or with another model) is found and filled in place: no text
re-embedding, no rebuild."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from catalog import CatalogDB
from retrieval.indexer import Progress
from retrieval.stores.base import IMAGE_KEY, StoreError, VectorStore
from retrieval.vision.decode import ImageError, decode_image, image_file_hash
from retrieval.vision.encoder import ClipEncoder


class ImageIndexSummary(BaseModel):
    points: int
    embedded: int
    from_cache: int
    unchanged: int
    unreadable: list[str]
    seconds: float


class ImageVectorCache:
    """(model tag, photo hash) -> vector, in SQLite beside the catalog database."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS image_vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = self._conn.execute(
                    f"SELECT key, vector FROM image_vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO image_vectors VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        self._conn.close()


def ensure_image_vector(store: VectorStore, dim: int) -> None:
    """Give the collection its image vector, or explain a size clash (another model)."""
    current = store.image_dim()
    if current is None:
        store.add_image_vector(dim)
    elif current != dim:
        raise StoreError(
            f"the index holds {current}-d photo vectors but the configured CLIP makes {dim}-d ones: "
            "delete the index and run `atelier ingest` again, or configure the model it was built with"
        )


def _photo_keys(db: CatalogDB, ids: list[int], tag: str) -> tuple[dict[int, str], dict[int, str]]:
    """Point id -> cache key (model tag + photo hash), and point id -> photo path."""
    keys, paths = {}, {}
    for pid in ids:
        path = db.image_path(str(pid))
        if path and Path(path).is_file():
            keys[pid], paths[pid] = f"{tag}:{image_file_hash(path)}", path
    return keys, paths


def _embed_paths(encoder: ClipEncoder, paths: list[str]) -> tuple[list[int], np.ndarray]:
    """Decode with the upload checks; returns the positions that decoded and their vectors."""
    images, good = [], []
    for i, path in enumerate(paths):
        try:
            images.append(decode_image(Path(path).read_bytes(), target=encoder.input_size))
            good.append(i)
        except (OSError, ImageError):
            continue
    return good, encoder.embed_images(images)


def index_images(
    db: CatalogDB,
    store: VectorStore,
    encoder: ClipEncoder,
    cache: ImageVectorCache,
    batch_size: int = 256,
    progress: Progress | None = None,
) -> ImageIndexSummary:
    """Fill or refresh every point's photo vector whose ``image_key`` is not current."""
    started = time.perf_counter()
    ensure_image_vector(store, encoder.dim)
    stored = store.payload_values(IMAGE_KEY)
    keys, paths = _photo_keys(db, sorted(stored), encoder.tag)
    todo = [pid for pid, key in keys.items() if stored.get(pid) != key]
    cached = cache.get_many([keys[pid] for pid in todo])
    embedded, unreadable = 0, []
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        missing = [pid for pid in batch if keys[pid] not in cached]
        good, vectors = _embed_paths(encoder, [paths[pid] for pid in missing])
        fresh = {keys[missing[i]]: vectors[j] for j, i in enumerate(good)}
        unreadable += [str(pid) for i, pid in enumerate(missing) if i not in set(good)]
        cache.put_many(fresh)
        cached.update(fresh)
        embedded += len(fresh)
        store.set_image_vectors([(pid, cached[keys[pid]].tolist(), keys[pid]) for pid in batch if keys[pid] in cached])
        if progress:
            progress("photos", start + len(batch), len(todo))
    return ImageIndexSummary(
        points=len(stored),
        embedded=embedded,
        from_cache=len(todo) - embedded - len(unreadable),
        unchanged=len(keys) - len(todo),
        unreadable=unreadable,
        seconds=round(time.perf_counter() - started, 2),
    )

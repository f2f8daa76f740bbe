"""Photo vectors in the product collection: the named ``image`` vector of each point,
embedded by the configured CLIP, and the named ``lens`` vector (CLIP + colour + layout,
``retrieval.vision.lens``) with the photo's 32x32 thumbnail beside it in the cache (the
exact-product re-rank reads it), all cached by photo hash.

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
import torch
from PIL import Image
from pydantic import BaseModel

from catalog import CatalogDB
from config import Settings
from retrieval.indexer import Progress
from retrieval.stores.base import IMAGE, IMAGE_KEY, LENS, LENS_KEY, StoreError, VectorStore
from retrieval.vision.decode import ImageError, decode_image, image_file_hash
from retrieval.vision.encoder import ClipEncoder
from retrieval.vision.lens import LENS_VERSION, THUMB_SIDE, lens_dim, lens_vectors, thumbnails, tower_pixels


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
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS lens (key TEXT PRIMARY KEY, vector BLOB NOT NULL, thumb BLOB NOT NULL)"
        )

    def _select_in(self, columns: str, table: str, keys: list[str]) -> list[tuple]:
        """``SELECT key, <columns> FROM <table>`` for ``keys``, 500 at a time (SQLite's
        bound-parameter limit). ``columns`` and ``table`` are this class's own names."""
        rows: list[tuple] = []
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._conn.execute(f"SELECT key, {columns} FROM {table} WHERE key IN ({marks})", chunk)
        return rows

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        return {k: np.frombuffer(v, dtype=np.float32) for k, v in self._select_in("vector", "image_vectors", keys)}

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO image_vectors VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def get_lens_many(self, keys: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """key -> (lens vector, uint8 32x32 thumbnail): ingest's cache, and what photo
        search reads of its 50 candidates (the copy rule needs both)."""
        return {
            k: (np.frombuffer(v, dtype=np.float32), _thumb(t))
            for k, v, t in self._select_in("vector, thumb", "lens", keys)
        }

    def put_lens_many(self, items: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO lens VALUES (?, ?, ?)",
                [
                    (k, np.asarray(v, dtype=np.float32).tobytes(), np.asarray(t, dtype=np.uint8).tobytes())
                    for k, (v, t) in items.items()
                ],
            )

    def drop_other_lens_recipes(self) -> int:
        """Delete lens rows made by another lens recipe (keys without the current
        ``LENS_VERSION``): nothing reads them again. Their pages are reused by SQLite;
        the file shrinks only by VACUUM."""
        with self._lock, self._conn:
            return self._conn.execute("DELETE FROM lens WHERE key NOT LIKE ?", (f"{LENS_VERSION}:%",)).rowcount

    def close(self) -> None:
        self._conn.close()


def _thumb(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint8).reshape(THUMB_SIDE, THUMB_SIDE)


def photo_cache_path(settings: Settings) -> Path:
    """Where ingest caches photo vectors and lens thumbnails (search reads the thumbnails)."""
    return settings.data_dir / "image-vectors.sqlite3"


def ensure_image_vector(store: VectorStore, dim: int, name: str = IMAGE) -> None:
    """Give the collection its photo vector ``name``, or explain a size clash (another model)."""
    current = store.image_dim(name)
    if current is None:
        store.add_image_vector(dim, name)
    elif current != dim:
        raise StoreError(
            f"the index holds {current}-d photo vectors but the configured CLIP makes {dim}-d ones: "
            "delete the index and run `atelier ingest` again, or configure the model it was built with"
        )


def ensure_lens_vector(store: VectorStore, dim: int) -> bool:
    """Give the collection its ``lens`` vector of ``dim``: lens vectors are derived from
    the photos, so one of another size (an older lens recipe) is dropped and made again.
    Returns whether the points' lens vectors are gone (their payload keys then say nothing)."""
    current = store.image_dim(LENS)
    dropped = current is not None and current != dim
    if dropped:
        store.drop_image_vector(LENS)
    if current is None or dropped:
        store.add_image_vector(dim, LENS)
    return dropped


def lens_key(photo_key: str) -> str:
    """The lens vector's key: the photo's key and the lens recipe, so that ingest
    recomputes lens vectors (not CLIP ones) when the recipe changes."""
    return f"{LENS_VERSION}:{photo_key}"


def _photo_keys(db: CatalogDB, ids: list[int], tag: str) -> tuple[dict[int, str], dict[int, str]]:
    """Point id -> cache key (model tag + photo hash), and point id -> photo path."""
    keys, paths = {}, {}
    for pid in ids:
        path = db.image_path(str(pid))
        if path and Path(path).is_file():
            keys[pid], paths[pid] = f"{tag}:{image_file_hash(path)}", path
    return keys, paths


def _decode_paths(encoder: ClipEncoder, paths: list[str]) -> tuple[list[int], list[Image.Image]]:
    """Decode with the upload checks; the positions that decoded and their photos."""
    images, good = [], []
    for i, path in enumerate(paths):
        try:
            images.append(decode_image(Path(path).read_bytes(), target=encoder.input_size))
            good.append(i)
        except (OSError, ImageError):
            continue
    return good, images


def _lens_of(clip: np.ndarray, images: list[Image.Image]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(lens vector, thumbnail) of each photo, given its CLIP vector."""
    if not images:
        return []
    pixels = torch.stack([tower_pixels(im) for im in images])
    thumbs = thumbnails(pixels)
    return list(zip(lens_vectors(clip, pixels, thumbs), thumbs))


class _Batch:
    """One batch of points: what is cached, what must be decoded and embedded."""

    def __init__(self, keys: dict[int, str], paths: dict[int, str], pids: list[int]) -> None:
        self.keys, self.paths, self.pids = keys, paths, pids


def _fill_batch(
    batch: _Batch,
    encoder: ClipEncoder,
    cache: ImageVectorCache,
    clip: dict[str, np.ndarray],
    lens: dict[str, tuple[np.ndarray, np.ndarray]],
) -> tuple[int, list[str]]:
    """Embed what the caches miss (CLIP and lens) for ``batch``; returns (CLIP vectors
    embedded, unreadable point ids)."""
    missing = [pid for pid in batch.pids if batch.keys[pid] not in clip or lens_key(batch.keys[pid]) not in lens]
    good, images = _decode_paths(encoder, [batch.paths[pid] for pid in missing])
    decoded = [missing[i] for i in good]
    fresh_rows = [j for j, pid in enumerate(decoded) if batch.keys[pid] not in clip]
    vectors = encoder.embed_images([images[j] for j in fresh_rows])
    fresh = {batch.keys[decoded[j]]: vectors[n] for n, j in enumerate(fresh_rows)}
    cache.put_many(fresh)
    clip.update(fresh)
    clip_rows = np.stack([clip[batch.keys[pid]] for pid in decoded]) if decoded else np.zeros((0, encoder.dim))
    fresh_lens = {lens_key(batch.keys[pid]): item for pid, item in zip(decoded, _lens_of(clip_rows, images))}
    cache.put_lens_many(fresh_lens)
    lens.update(fresh_lens)
    unreadable = [str(pid) for i, pid in enumerate(missing) if i not in set(good)]
    return len(fresh), unreadable


def index_images(
    db: CatalogDB,
    store: VectorStore,
    encoder: ClipEncoder,
    cache: ImageVectorCache,
    batch_size: int = 256,
    progress: Progress | None = None,
) -> ImageIndexSummary:
    """Fill or refresh every point's photo vectors (``image`` and ``lens``) whose payload
    key is not current. An index made before the lens gets its lens vectors here: each
    photo is decoded again, its CLIP vector comes from the cache."""
    started = time.perf_counter()
    ensure_image_vector(store, encoder.dim)
    remade = ensure_lens_vector(store, lens_dim(encoder.dim))
    stored = store.payload_values(IMAGE_KEY)
    stored_lens = {} if remade else store.payload_values(LENS_KEY)  # dropped vectors: every point again
    keys, paths = _photo_keys(db, sorted(stored), encoder.tag)
    todo = [pid for pid, key in keys.items() if stored.get(pid) != key or stored_lens.get(pid) != lens_key(key)]
    clip = cache.get_many([keys[pid] for pid in todo])
    lens = cache.get_lens_many([lens_key(keys[pid]) for pid in todo])
    embedded, unreadable = 0, []
    for start in range(0, len(todo), batch_size):
        batch = _Batch(keys, paths, todo[start : start + batch_size])
        fresh, bad = _fill_batch(batch, encoder, cache, clip, lens)
        embedded += fresh
        unreadable += bad
        ready = [pid for pid in batch.pids if keys[pid] in clip and lens_key(keys[pid]) in lens]
        store.set_image_vectors([(pid, clip[keys[pid]].tolist(), keys[pid]) for pid in ready])
        lens_items = [(pid, lens[lens_key(keys[pid])][0].tolist(), lens_key(keys[pid])) for pid in ready]
        store.set_image_vectors(lens_items, LENS)
        if progress:
            progress("photos", start + len(batch.pids), len(todo))
    cache.drop_other_lens_recipes()
    return ImageIndexSummary(
        points=len(stored),
        embedded=embedded,
        from_cache=len(todo) - embedded - len(unreadable),
        unchanged=len(keys) - len(todo),
        unreadable=unreadable,
        seconds=round(time.perf_counter() - started, 2),
    )

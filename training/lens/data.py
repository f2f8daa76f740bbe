"""The instance descriptor's training photos, packed into one small file.

Why a pack: training runs on a GPU box that receives the repository and little else
(64 MiB in all), not the catalog. Each training product's 60x80 photo is re-encoded as
WebP (~0.9 KB) into one blob with offsets. Held-out products (the split the image
benchmarks query, ``is_held_out`` with the card's seed) are left out, and so is any photo
whose bytes are the same as a held-out product's; photos shared by several products are
packed once, since they are one instance."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

if TYPE_CHECKING:  # the GPU box that unpacks has no catalog package
    from catalog import Product

WEBP_QUALITY = 80


def _photo_path(product: Product, catalog_dir: Path) -> Path | None:
    small = catalog_dir / "images" / f"{product.id}.jpg"
    if small.is_file():
        return small
    return Path(product.image_path) if product.image_path else None


Photo = tuple[str, bytes, str]  # product id, photo bytes, article type


def training_photos(products: list[Product], catalog_dir: Path, seed: int) -> list[Photo]:
    """(product id, photo bytes, article type) for each distinct photo no held-out product has."""
    from training.clip.data import is_held_out

    held: set[str] = set()
    seen: set[str] = set()
    kept: list[Photo] = []
    paths = {p.id: _photo_path(p, catalog_dir) for p in products}
    for product in products:
        path = paths[product.id]
        if path is not None and is_held_out(product.id, seed):
            held.add(hashlib.sha256(path.read_bytes()).hexdigest())
    for product in products:
        path = paths[product.id]
        if path is None or is_held_out(product.id, seed):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in held or digest in seen:
            continue
        seen.add(digest)
        kept.append((product.id, data, product.article_type or ""))
    return kept


def pack(photos: list[Photo], out: Path, limit: int | None = None) -> int:
    """Write ``photos`` (at most ``limit``) as WebP into one .npz; returns how many were packed."""
    blobs, ids, groups = [], [], []
    for product_id, data, group in photos[:limit]:
        try:
            image = Image.open(io.BytesIO(data)).convert("RGB")
        except OSError:
            continue
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=WEBP_QUALITY)
        blobs.append(buffer.getvalue())
        ids.append(product_id)
        groups.append(group)
    offsets = np.cumsum([0] + [len(b) for b in blobs]).astype(np.int64)
    blob = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    np.savez(out, ids=np.array(ids), groups=np.array(groups), offsets=offsets, blob=blob)
    return len(ids)


def unpack_groups(path: Path) -> tuple[list[Image.Image], list[str]]:
    """The packed photos as RGB images, with their groups (article types)."""
    data = np.load(path)
    offsets, blob = data["offsets"], data["blob"]
    images = [
        Image.open(io.BytesIO(blob[offsets[i] : offsets[i + 1]].tobytes())).convert("RGB")
        for i in range(len(offsets) - 1)
    ]
    return images, [str(g) for g in data["groups"]]

"""Training and evaluation data for the image tower: the held-out split, captions,
photos preloaded as uint8 tensors, and cached text vectors.

Why preload: a 2-core machine decodes ~1,000 JPEGs/s, slower than the tower trains,
so every photo is decoded once into one uint8 tensor (~0.4 GB for the full catalog)
and cached on disk; epochs then cost no decoding at all."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from catalog import Product
from retrieval.indexer import Progress
from retrieval.vision.decode import DEFAULT_MAX_PIXELS, ImageError, decode_image
from retrieval.vision.encoder import to_pixels


def is_held_out(product_id: str, seed: int, percent: int = 10) -> bool:
    """A stable, seeded ~``percent``% of products that training never sees."""
    digest = hashlib.sha256(f"{seed}:{product_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def caption(product: Product) -> str:
    """The caption a photo is paired with: title and attributes, the very text the
    product's dense vector embeds, so photos land where their products' text already is."""
    return product.text_for_embedding()


def load_pixels(path: str | Path, height: int, width: int) -> torch.Tensor | None:
    """One catalog photo as pixels; None when the file is unreadable."""
    try:
        return to_pixels(decode_image(Path(path).read_bytes(), DEFAULT_MAX_PIXELS, (width, height)), height, width)
    except (OSError, ImageError):
        return None


def preload(
    paths: Sequence[str], height: int, width: int, cache_dir: Path | None = None, progress: Progress | None = None
) -> tuple[torch.Tensor, list[bool]]:
    """All ``paths`` as one uint8 tensor (N, 3, H, W) plus which ones decoded; cached
    on disk under a key of the path list and size."""
    key = hashlib.sha256(f"{height}x{width}\n".encode() + "\n".join(paths).encode()).hexdigest()[:16]
    cache = cache_dir / f"clip-pixels-{height}x{width}-{key}.pt" if cache_dir else None
    if cache is not None and cache.exists():
        data = torch.load(cache, weights_only=True)
        return data["pixels"], data["ok"].tolist()
    pixels = torch.full((len(paths), 3, height, width), 255, dtype=torch.uint8)
    ok = []
    for i, path in enumerate(paths):
        loaded = load_pixels(path, height, width)
        ok.append(loaded is not None)
        if loaded is not None:
            pixels[i] = loaded
        if progress and (i % 500 == 0 or i == len(paths) - 1):
            progress("decode photos", i + 1, len(paths))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"pixels": pixels, "ok": torch.tensor(ok)}, cache)
    return pixels, ok


@dataclass
class PhotoSet:
    """Products with a photo, their labels and captions; ``alt`` holds each product's
    second photo (the 60x80 one when ``pixels`` came from 224 px), -1 when none."""

    products: list[Product]
    pixels: torch.Tensor
    alt_pixels: torch.Tensor
    alt_index: torch.Tensor
    type_ids: torch.Tensor
    colour_ids: torch.Tensor


def _labels(values: list[str | None]) -> torch.Tensor:
    vocab = {v: i for i, v in enumerate(sorted({v or "" for v in values}))}
    return torch.tensor([vocab[v or ""] for v in values])


def build_photo_set(
    products: list[Product],
    catalog_dir: Path,
    height: int,
    width: int,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> PhotoSet:
    """Every product's best photo (``image_path``: 224 px where present) and, as extra
    training data, its 60x80 photo where the best one was the 224 px version."""
    paths = {p.id: p.image_path for p in products if p.image_path}
    products = [p for p in products if p.id in paths]
    pixels, ok = preload([paths[p.id] for p in products], height, width, cache_dir, progress)
    products = [p for p, good in zip(products, ok) if good]
    pixels = pixels[torch.tensor(ok, dtype=torch.bool)] if not all(ok) else pixels
    small = [
        (i, catalog_dir / "images" / f"{p.id}.jpg")
        for i, p in enumerate(products)
        if "images_224" in str(p.image_path) and (catalog_dir / "images" / f"{p.id}.jpg").is_file()
    ]
    alt, alt_ok = preload([str(path) for _, path in small], height, width, cache_dir, progress)
    alt_index = torch.full((len(products),), -1, dtype=torch.long)
    for j, ((i, _), good) in enumerate(zip(small, alt_ok)):
        if good:
            alt_index[i] = j
    return PhotoSet(
        products,
        pixels,
        alt,
        alt_index,
        _labels([p.article_type for p in products]),
        _labels([p.colour for p in products]),
    )

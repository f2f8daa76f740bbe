"""Does a shopper's photo of a product find that very product, and does a product's
title find its photo? Part of ``atelier eval images``.

- Exact product: held-out products (never trained on, the card's seed), each queried by
  the realistic shopper photos of ``evals.shopper_photos`` made from its own catalog photo
  (the 224 px one where it exists), against the whole catalog's photo vectors (the same
  decode and tower as ingest). A hit at k: the product, or a product with the very same
  photo (774 catalog products share a photo file; their vectors are identical, so no
  system can tell them apart), is among the k best.
- Title -> photo (the KAGL protocol of Marqo's fashion-CLIP benchmark): every distinct
  held-out title is a text query over all catalog photos; relevant = every catalog
  product with that title; R@1, R@10 (at least one relevant in the top k) and MRR (first
  relevant)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from catalog import Product
from evals.shopper_photos import TRANSFORMS, shopper_photo
from retrieval.vision import ClipEncoder
from retrieval.vision.encoder import to_pixels
from retrieval.vision.lens import RERANK_DEPTH, copies, lens_vectors, thumbnails
from retrieval.vision.normalise import normalise_photo
from training.clip.data import is_held_out, preload
from training.clip.quality import histogram_vectors

SAME_PHOTO = 0.99999
QUERY_SEED = 22
Embed = Callable[[torch.Tensor], np.ndarray]  # uint8 (N, 3, H, W) -> unit vectors


def _batched(embed: Embed, pixels: torch.Tensor, batch: int = 512) -> np.ndarray:
    return np.concatenate([embed(pixels[i : i + batch]) for i in range(0, len(pixels), batch)])


def mirror_symmetric(embed: Embed) -> Embed:
    """A photo's vector made blind to left/right: the normalised sum of the vectors of the
    photo and its mirror image."""

    def both(pixels: torch.Tensor) -> np.ndarray:
        summed = embed(pixels) + embed(torch.flip(pixels, dims=[3]))
        return summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-9)

    return both


def query_products(products: Sequence[Product], seed: int, n: int) -> list[Product]:
    """Up to ``n`` held-out products with a photo, spread evenly over the catalog order."""
    held = [p for p in products if p.image_path and is_held_out(p.id, seed)]
    return held[:: max(1, len(held) // n)][:n]


def exact_ranks(queries: np.ndarray, own: np.ndarray, gallery: np.ndarray, batch: int = 256) -> np.ndarray:
    """Rank of each query's own product (row ``own[i]`` of ``gallery``) among the gallery,
    products with the same photo as it not counted against it."""
    ranks = []
    for start in range(0, len(queries), batch):
        rows = own[start : start + batch]
        scores = queries[start : start + batch] @ gallery.T
        twins = (gallery[rows] @ gallery.T) >= SAME_PHOTO
        best_own = np.where(twins, scores, -np.inf).max(axis=1, keepdims=True)
        ranks.append(1 + ((scores > best_own) & ~twins).sum(axis=1))
    return np.concatenate(ranks)


def _shopper_photos(
    products: Sequence[Product], name: str, height: int, width: int
) -> tuple[dict[bool, torch.Tensor], list[Image.Image]]:
    """The ``name`` shopper photo of each product as pixels, as sent (False) and
    normalised (True), and the normalised photos themselves (the lens match reads them)."""
    raw, normalised, photos = [], [], []
    for p in products:
        with Image.open(p.image_path or "") as image:
            shot = shopper_photo(image, p.id, name, QUERY_SEED)
        photos.append(normalise_photo(shot))
        raw.append(to_pixels(shot, height, width))
        normalised.append(to_pixels(photos[-1], height, width))
    return {False: torch.stack(raw), True: torch.stack(normalised)}, photos


@dataclass
class LensGallery:
    """The index's lens vectors and thumbnails of every gallery photo."""

    vectors: np.ndarray
    thumbs: np.ndarray
    clip: np.ndarray


def lens_gallery(encoder: ClipEncoder, pixels: torch.Tensor, clip: np.ndarray) -> LensGallery:
    thumbs = thumbnails(pixels)
    return LensGallery(lens_vectors(clip, pixels, thumbs), thumbs, clip)


def lens_ranks(
    encoder: ClipEncoder, lens: LensGallery, own: np.ndarray, pixels: torch.Tensor, photos: Sequence[Image.Image]
) -> np.ndarray:
    """Ranks as photo search serves them: the copies among the lens vector's 50 nearest
    (``retrieval.vision.lens.copies``) first, then the CLIP vector's order."""
    clip = _batched(encoder.embed_pixels, pixels)
    query_lens = lens_vectors(clip, pixels, thumbnails(pixels))
    first = query_lens @ lens.vectors.T
    ranks = []
    for i, photo in enumerate(photos):
        twins = (lens.clip @ lens.clip[own[i]]) >= SAME_PHOTO
        top = np.argsort(-first[i], kind="stable")[:RERANK_DEPTH]
        found = top[copies(photo, query_lens[i], lens.vectors[top], lens.thumbs[top])]
        if len(found) and twins[found].any():
            ranks.append(1 + int(np.argmax(twins[found])))
            continue
        scores = lens.clip @ clip[i]
        scores[found] = np.inf  # listed first, none of them the product
        best_own = scores[twins].max()
        ranks.append(1 + int(((scores > best_own) & ~twins).sum()))
    return np.array(ranks)


def _summary(ranks: dict[str, np.ndarray]) -> dict:
    every = np.concatenate(list(ranks.values()))
    return {
        "exact_top1": round(float((every == 1).mean()), 4),
        "exact_top3": round(float((every <= 3).mean()), 4),
        "per_transformation": {
            name: {"top1": round(float((r == 1).mean()), 4), "top3": round(float((r <= 3).mean()), 4)}
            for name, r in ranks.items()
        },
    }


@dataclass
class Gallery:
    """The whole catalog's photos at the tower's size (decoded as ingest decodes them)."""

    products: list[Product]
    pixels: torch.Tensor

    def row(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.products)}


def catalog_gallery(catalog: Sequence[Product], height: int, width: int, cache_dir: Path | None) -> Gallery:
    with_photo = [p for p in catalog if p.image_path]
    pixels, ok = preload([p.image_path or "" for p in with_photo], height, width, cache_dir)
    keep = torch.tensor(ok, dtype=torch.bool)
    return Gallery([p for p, good in zip(with_photo, ok) if good], pixels[keep])


def fused(first: Embed, second: Embed, weight: float) -> Embed:
    """Two spaces in one vector: the dot product of the concatenation of sqrt(1-w) x the
    first and sqrt(w) x the second vectors is (1-w) x the first's + w x the second's."""

    def both(pixels: torch.Tensor) -> np.ndarray:
        return np.concatenate([(1 - weight) ** 0.5 * first(pixels), weight**0.5 * second(pixels)], axis=1)

    return both


@dataclass(frozen=True)
class System:
    """How photos become vectors, and whether the query photo is normalised first."""

    embed: Embed
    gallery: str  # systems with the same gallery share its vectors
    normalise_query: bool = False


def exact_product_systems(encoder: ClipEncoder) -> dict[str, System]:
    """The configured CLIP as served (query normalised), as before (raw query), made
    mirror-symmetric on both sides, the colour histogram, and CLIP and histogram fused
    (half each, query normalised: measured, not served)."""
    symmetric = mirror_symmetric(encoder.embed_pixels)
    return {
        "clip": System(encoder.embed_pixels, "clip", normalise_query=True),
        "clip_raw_query": System(encoder.embed_pixels, "clip"),
        "clip_mirror_symmetric": System(symmetric, "clip_mirror_symmetric", normalise_query=True),
        "colour_histogram": System(histogram_vectors, "colour_histogram"),
        "clip+histogram": System(fused(encoder.embed_pixels, histogram_vectors, 0.5), "clip+histogram", True),
    }


def run_exact_product_eval(
    systems: dict[str, System],
    gallery: Gallery,
    split_seed: int,
    products: int = 2000,
    encoder: ClipEncoder | None = None,
) -> tuple[dict, dict[str, np.ndarray]]:
    """Exact-product top-1/top-3 per system, overall and per transformation; also returns
    each system's gallery vectors (the title->photo protocol reuses the CLIP ones). With
    ``encoder``, also ``lens``: what photo search serves (lens vector + match re-rank)."""
    height, width = gallery.pixels.shape[2], gallery.pixels.shape[3]
    row = gallery.row()
    asked = query_products(gallery.products, split_seed, products)
    own = np.array([row[p.id] for p in asked])
    vectors = {s.gallery: _batched(s.embed, gallery.pixels) for s in systems.values()}
    lens = lens_gallery(encoder, gallery.pixels, vectors["clip"]) if encoder is not None else None
    ranks: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
    for name in TRANSFORMS:
        shots, photos = _shopper_photos(asked, name, height, width)
        for system, how in systems.items():
            queries = _batched(how.embed, shots[how.normalise_query])
            ranks[system][name] = exact_ranks(queries, own, vectors[how.gallery])
        if encoder is not None and lens is not None:
            ranks["lens"][name] = lens_ranks(encoder, lens, own, shots[True], photos)
    report = {
        "products": len(asked),
        "gallery_products": len(gallery.products),
        "queries_per_system": len(asked) * len(TRANSFORMS),
        "systems": {system: _summary(r) for system, r in ranks.items()},
    }
    return report, vectors


def title_to_image(
    embed_texts: Callable[[list[str]], np.ndarray],
    gallery: np.ndarray,
    gallery_products: Sequence[Product],
    split_seed: int,
    batch: int = 256,
) -> dict:
    """The KAGL protocol on held-out titles: R@1, R@10 and MRR over all catalog photos."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(gallery_products):
        by_title[p.title.strip().lower()].append(i)
    titles = sorted({p.title.strip().lower() for p in gallery_products if is_held_out(p.id, split_seed)})
    reciprocal, first = [], []
    for start in range(0, len(titles), batch):
        chunk = titles[start : start + batch]
        scores = embed_texts(chunk) @ gallery.T
        for title, row in zip(chunk, scores):
            best_relevant = row[by_title[title]].max()
            rank = 1 + int((row > best_relevant).sum())
            first.append(rank)
            reciprocal.append(1.0 / rank)
    ranks = np.array(first)
    return {
        "queries": len(titles),
        "title2image_recall@1": round(float((ranks <= 1).mean()), 4),
        "title2image_recall@10": round(float((ranks <= 10).mean()), 4),
        "title2image_mrr": round(float(np.mean(reciprocal)), 4),
    }

"""``atelier eval images`` and ``atelier bench images``.

The eval runs the configured CLIP, a random-init tower of the same architecture and a
colour-histogram baseline on the same held-out products (the training split's seed), in
one run, then "like this" for those photos against the whole catalog (what a shopper's
photo search sees: most neighbours are training products). The bench measures photo
embedding throughput, photo-search latency including decoding and preprocessing, and the
time ingest adds for photos."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from catalog import Product, load_catalog
from config import Settings
from config.errors import AtelierError, ErrorCode
from evals.exact_product import (
    QUERY_SEED,
    catalog_gallery,
    exact_product_systems,
    run_exact_product_eval,
    title_to_image,
)
from evals.shopper_photos import TRANSFORMS, shopper_photo
from retrieval import ProductSearch
from retrieval.embedding import resolve_model_path
from retrieval.vision import ClipEncoder, decode_image, load_encoder
from retrieval.vision.encoder import atelier_tokenizer
from retrieval.vision.model import ConvTower, TowerConfig
from training.clip.data import PhotoSet, build_photo_set
from training.clip.quality import (
    evaluate,
    histogram_query_encoder,
    histogram_vectors,
    text_query_encoder,
)
from training.clip.recipe import random_init_metrics, split_products

TARGETS = {
    "text2image_p@10": 0.75,
    "image2image_type_p@10": 0.8,
    "image2image_colour_p@10": 0.6,
    "colour_accuracy": 0.75,
}
SPLIT_SEED = 13  # the seed `atelier train clip` used for the shipped model
# Marqo's KAGL text->image figures (full-size photos; marqo-ai/marqo-FashionCLIP LEADERBOARD.md)
KAGL_ANCHOR = {
    "Marqo-FashionSigLIP": {"recall@1": 0.179, "recall@10": 0.489, "mrr": 0.293},
    "Marqo-FashionCLIP": {"recall@1": 0.159, "recall@10": 0.446, "mrr": 0.265},
    "open_clip ViT-B-16 laion2B": {"recall@1": 0.155, "recall@10": 0.435, "mrr": 0.259},
}


def _clip_vectors(encoder: ClipEncoder, photos: PhotoSet) -> np.ndarray:
    """The shipped model takes the preloaded pixels; another CLIP decodes the files."""
    if encoder.tag.startswith("atelier"):
        return np.concatenate(
            [encoder.embed_pixels(photos.pixels[i : i + 512]) for i in range(0, len(photos.pixels), 512)]
        )
    images = [decode_image(Path(p.image_path or "").read_bytes(), target=encoder.input_size) for p in photos.products]
    return encoder.embed_images(images)


def _baseline_tower(encoder: ClipEncoder) -> TowerConfig:
    """The random-init baseline copies the evaluated tower's architecture and photo size
    (without its anchors); another CLIP is compared with the default tower."""
    visual = encoder.model.visual
    return replace(visual.config, anchors=0) if isinstance(visual, ConvTower) else TowerConfig()


def like_this_in_catalog(
    queries: np.ndarray,
    query_products: Sequence[Product],
    pool: np.ndarray,
    pool_products: Sequence[Product],
    k: int = 10,
    batch: int = 512,
) -> dict[str, float]:
    """ "Like this" as the product answers it: each held-out photo against the whole catalog
    (held-out and training products), same type / same colour among its k nearest others.
    The query's own product and copies of its photo (identical vectors: 774 catalog products
    share a photo file) are skipped, so a hit is another product that looks alike."""
    own = {p.id: i for i, p in enumerate(pool_products)}
    types = np.array([p.article_type for p in pool_products])
    colours = np.array([p.colour or "" for p in pool_products])
    type_hits, colour_hits = [], []
    for start in range(0, len(queries), batch):
        rows = query_products[start : start + batch]
        scores = queries[start : start + batch] @ pool.T
        scores[scores >= 0.99999] = -np.inf  # the same photo (its own product included)
        scores[np.arange(len(rows)), [own[p.id] for p in rows]] = -np.inf
        top = np.argpartition(-scores, k, axis=1)[:, :k]
        type_hits.append(types[top] == np.array([p.article_type for p in rows])[:, None])
        colour_hits.append(colours[top] == np.array([p.colour or "" for p in rows])[:, None])
    return {
        "image2image_type_p@10": round(float(np.concatenate(type_hits).mean()), 4),
        "image2image_colour_p@10": round(float(np.concatenate(colour_hits).mean()), 4),
    }


def exact_and_title_eval(
    encoder: ClipEncoder, products: list[Product], cache: Path | None, exact_products: int = 2000
) -> dict:
    """Exact product from shopper photos (per system and transformation) and the KAGL
    title->photo protocol, both against the whole catalog's photos."""
    visual = encoder.model.visual
    if not isinstance(visual, ConvTower):
        needs = "the exact-product eval reads uint8 pixels: it needs the catalog-trained tower"
        raise AtelierError(ErrorCode.invalid_request, needs)
    gallery = catalog_gallery(products, visual.config.height, visual.config.width, cache)
    exact, vectors = run_exact_product_eval(
        exact_product_systems(encoder), gallery, SPLIT_SEED, exact_products, encoder
    )
    kagl = title_to_image(encoder.embed_texts, vectors["clip"], gallery.products, SPLIT_SEED)
    return {
        "exact_product": exact,
        "title_to_image": {
            **kagl,
            "anchor_published_full_size_photos": KAGL_ANCHOR,
            "our_photo_size": f"{visual.config.width}x{visual.config.height}",
        },
    }


def _exact_metrics(report: dict, system: str) -> dict[str, float]:
    found = report["exact_product"]["systems"][system]
    return {"exact_top1": found["exact_top1"], "exact_top3": found["exact_top3"]}


def run_images_eval(
    settings: Settings,
    limit: int | None = None,
    baseline_sample: int = 8000,
    exact_products: int = 2000,
    exact_only: bool = False,
) -> dict:
    encoder = load_encoder(settings)
    tower = _baseline_tower(encoder)
    products = load_catalog(settings.catalog, limit=limit).products
    cache = settings.data_dir / "cache"
    extra = exact_and_title_eval(encoder, products, cache, exact_products)
    title_metrics = {k: v for k, v in extra["title_to_image"].items() if k.startswith("title2image")}
    if exact_only:
        return {
            "suite": "images",
            "model": encoder.tag,
            "systems": {
                "lens (served)": _exact_metrics(extra, "lens"),
                "clip": {**_exact_metrics(extra, "clip"), **title_metrics},
                "clip_mirror_symmetric": _exact_metrics(extra, "clip_mirror_symmetric"),
                "colour_histogram": _exact_metrics(extra, "colour_histogram"),
            },
            **extra,
        }
    train, held = split_products(products, SPLIT_SEED)
    held_set = build_photo_set(held, settings.catalog, tower.height, tower.width, cache)
    # every training photo: the catalog-wide pool, and (a sample) the histogram's colour prototypes
    train_set = build_photo_set(train, settings.catalog, tower.height, tower.width, cache)
    sampled = {p.id for p in train[:: max(1, len(train) // baseline_sample)]}
    sample_rows = [i for i, p in enumerate(train_set.products) if p.id in sampled]
    clip_held, hist_held = _clip_vectors(encoder, held_set), histogram_vectors(held_set.pixels)
    hist_train = histogram_vectors(train_set.pixels)
    clip = evaluate(clip_held, held_set.products, text_query_encoder(encoder.embed_texts))
    text_path = resolve_model_path(settings.text_model)
    random_init = random_init_metrics(text_path, tower, atelier_tokenizer(text_path), held_set, SPLIT_SEED)
    hist = evaluate(
        hist_held,
        held_set.products,
        histogram_query_encoder(hist_train[sample_rows], [train_set.products[i] for i in sample_rows]),
    )
    # "like this" against the whole catalog: context, not the targets (those rank held-out
    # photos among held-out photos only)
    pool_products = held_set.products + train_set.products
    wide = {
        name: like_this_in_catalog(queries, held_set.products, np.concatenate([queries, rest]), pool_products)
        for name, queries, rest in (
            ("clip", clip_held, _clip_vectors(encoder, train_set)),
            ("colour_histogram", hist_held, hist_train),
        )
    }
    return {
        "suite": "images",
        "held_out_products": len(held_set.products),
        "model": encoder.tag,
        "systems": {
            "clip": {**clip, **_exact_metrics(extra, "clip"), **title_metrics},
            "random_init": random_init,
            "colour_histogram": {**hist, **_exact_metrics(extra, "colour_histogram")},
        },
        **extra,
        "targets": TARGETS,
        "met": {m: clip[m] >= t for m, t in TARGETS.items()},
        "catalog_wide_like_this": {"pool_products": len(pool_products), "systems": wide},
    }


def _percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


def run_images_bench(search: ProductSearch, photos: int = 1024, queries: int = 200) -> dict:
    """Throughput (decode + preprocess + tower) and photo-search latency (decode included)
    on shopper photos of catalog products: as served (lens + match re-rank) and, in the same
    run, with the CLIP vector only."""
    torch.set_num_threads(search.settings.torch_threads)
    clip = search.clip
    records = [r for r in search.db.iter_records() if r.image_url]
    every = max(1, len(records) // photos)
    sampled = [(r.id, p) for r, p in ((r, search.db.image_path(r.id)) for r in records[::every]) if p]
    paths = [p for _, p in sampled]
    started = time.perf_counter()
    images = [decode_image(Path(p).read_bytes(), target=clip.input_size) for p in paths]
    decoded = time.perf_counter()
    clip.embed_images(images)
    done = time.perf_counter()
    per_second = len(paths) / (done - started)
    lens = search.has_lens_vectors()
    latencies: dict[bool, list[float]] = {True: [], False: []}
    texts = [None, "in black", "for women under 1500"]
    names = list(TRANSFORMS)
    for i, (product_id, path) in enumerate(sampled[:queries]):
        with Image.open(path) as image:
            shot = shopper_photo(image, product_id, names[i % len(names)], QUERY_SEED)
        buffer = io.BytesIO()
        shot.save(buffer, "JPEG", quality=90)
        for served in (True, False) if lens else (False,):
            t0 = time.perf_counter()
            photo = decode_image(buffer.getvalue(), search.settings.max_image_pixels, clip.input_size)
            search.search_image(photo, texts[i % 3], 10, lens=served)
            latencies[served].append((time.perf_counter() - t0) * 1e3)
    timed = {
        "served (lens + match re-rank)" if served else "clip only": {
            "p50": _percentile(values, 50),
            "p99": _percentile(values, 99),
            "queries": len(values),
        }
        for served, values in latencies.items()
        if values
    }
    return {
        "suite": "bench-images",
        "model": clip.tag,
        "photos": len(paths),
        "embed_images_per_second": round(per_second, 1),
        "decode_ms_per_photo": round((decoded - started) / len(paths) * 1e3, 3),
        "tower_images_per_second": round(len(paths) / (done - decoded), 1),
        "estimated_ingest_seconds_44k_photos": round(44_072 / per_second, 1),
        "photo_search_ms": timed[next(iter(timed))],
        "photo_search_ms_by_system": timed,
        "photo_search_queries": "shopper photos (the eight transformations in turn, JPEG) of catalog photos",
        "photo_search_target_p50_ms": 50,
    }

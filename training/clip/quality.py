"""Held-out quality of an image space, shared by the model card, ``atelier eval images``
and the regression test, so all three measure the same thing:

- text->image P@10 for "colour + article type" queries (e.g. "Navy Blue Shirts"): a hit
  has both; every pair with at least 10 held-out products is one query;
- image->image P@10 for the same article type and for the same colour (self excluded);
- zero-shot colour accuracy over the 10 commonest colours: the nearest of the prompts
  "a {colour} product" must be the product's colour."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import torch
from torch.nn import functional as F

from catalog import Product
from retrieval.vision.model import colour_features

QueryEncoder = Callable[[Sequence[tuple[str, str | None]]], np.ndarray]  # (colour, type or None) -> vectors
COLOUR_PROMPT = "a {colour} product"
MIN_RELEVANT = 10


def query_text(colour: str, article_type: str | None) -> str:
    return f"{colour} {article_type}" if article_type else COLOUR_PROMPT.format(colour=colour)


def _topk(scores: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-scores, axis=1)[:, :k]


def text_to_image(images: np.ndarray, products: Sequence[Product], encode: QueryEncoder, k: int = 10) -> float:
    pairs = Counter((p.colour, p.article_type) for p in products if p.colour)
    queries = sorted(pair for pair, n in pairs.items() if n >= MIN_RELEVANT)
    if not queries:
        return float("nan")
    top = _topk(encode(queries) @ images.T, k)
    hits = [[(products[j].colour, products[j].article_type) == q for j in row] for q, row in zip(queries, top)]
    return float(np.mean(hits))


def image_to_image(images: np.ndarray, products: Sequence[Product], k: int = 10) -> tuple[float, float]:
    scores = images @ images.T
    np.fill_diagonal(scores, -np.inf)
    top = _topk(scores, k)
    types = np.array([p.article_type for p in products])
    colours = np.array([p.colour or "" for p in products])
    return float((types[top] == types[:, None]).mean()), float((colours[top] == colours[:, None]).mean())


def colour_accuracy(images: np.ndarray, products: Sequence[Product], encode: QueryEncoder, n: int = 10) -> float:
    common = [c for c, _ in Counter(p.colour for p in products if p.colour).most_common(n)]
    rows = [i for i, p in enumerate(products) if p.colour in common]
    prompts = encode([(c, None) for c in common])
    predicted = np.argmax(images[rows] @ prompts.T, axis=1)
    return float(np.mean([common[j] == products[i].colour for i, j in zip(rows, predicted)]))


def evaluate(images: np.ndarray, products: Sequence[Product], encode: QueryEncoder) -> dict[str, float]:
    """All four metrics for normalised image vectors of ``products``."""
    type_p, colour_p = image_to_image(images, products)
    return {
        "text2image_p@10": round(text_to_image(images, products, encode), 4),
        "image2image_type_p@10": round(type_p, 4),
        "image2image_colour_p@10": round(colour_p, 4),
        "colour_accuracy": round(colour_accuracy(images, products, encode), 4),
    }


def text_query_encoder(embed_texts: Callable[[list[str]], np.ndarray]) -> QueryEncoder:
    return lambda pairs: embed_texts([query_text(c, t) for c, t in pairs])


def histogram_vectors(pixels: torch.Tensor, batch: int = 1024) -> np.ndarray:
    """The baseline's image vectors: the foreground colour histogram, normalised."""
    out = [F.normalize(colour_features(pixels[i : i + batch]), dim=1) for i in range(0, len(pixels), batch)]
    return torch.cat(out).numpy()


def histogram_query_encoder(train_vectors: np.ndarray, train_products: Sequence[Product]) -> QueryEncoder:
    """The baseline's "text" side: a colour's mean training histogram (it cannot read
    the article type, which is the point of comparing against it)."""
    by_colour: dict[str, list[int]] = {}
    for i, p in enumerate(train_products):
        by_colour.setdefault(p.colour or "", []).append(i)
    protos = {c: train_vectors[idx].mean(0) for c, idx in by_colour.items()}
    zero = np.zeros(train_vectors.shape[1], dtype=np.float32)

    def encode(pairs: Sequence[tuple[str, str | None]]) -> np.ndarray:
        vecs = np.stack([protos.get(c, zero) for c, _ in pairs])
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)

    return encode

"""Attribute prompts as training targets: short texts built from a product's colour and
article type ("a navy blue shirts", "shirts in navy blue", "something navy blue").

Why: a shopper's look query is short ("red dresses"), but a product's caption is its
long title. The frozen text tower puts short queries somewhere other than the titles
that mention them, so aligning photos to titles alone leaves short queries half-served.
Each photo is therefore also classified against the text vectors of every attribute
prompt class in the training set (a zero-shot classifier used as a training head):
the photo learns to sit nearest the prompts of its own (colour, type) and its own
colour. Several phrasings per class are averaged (a prompt ensemble) so the photo
learns the class, not one template."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F

from catalog import Product

# The held-out evaluation's own phrasings ("{colour} {type}", "a {colour} product") are
# deliberately not among these: the metrics measure phrasings training never saw.
LOOK_TEMPLATES = ("a {colour} {type}", "{type} in {colour}", "{colour} coloured {type}", "{type}, colour {colour}")
COLOUR_TEMPLATES = ("{colour}", "something {colour}", "in {colour}", "{colour} clothing and accessories")

EmbedTexts = Callable[[list[str]], np.ndarray]


@dataclass
class PromptTargets:
    """Class prototypes (normalised text vectors) and each training photo's class index."""

    look_vectors: torch.Tensor  # (K, D): one per (colour, article type) seen in training
    look_of: torch.Tensor  # (N,): each photo's look class
    colour_vectors: torch.Tensor  # (C, D)
    colour_of: torch.Tensor  # (N,): each photo's colour class, -1 when it has none


def _ensemble(embed: EmbedTexts, classes: Sequence[dict[str, str]], templates: Sequence[str]) -> torch.Tensor:
    texts = [t.format(**c) for c in classes for t in templates]
    vectors = torch.from_numpy(np.asarray(embed(texts), dtype=np.float32)).view(len(classes), len(templates), -1)
    return F.normalize(F.normalize(vectors, dim=-1).mean(1), dim=-1)


def build_prompt_targets(products: Sequence[Product], embed: EmbedTexts) -> PromptTargets:
    """Prototypes for every (colour, type) and colour among ``products`` (the training split)."""
    looks = sorted({(p.colour or "", p.article_type or "") for p in products})
    look_index = {k: i for i, k in enumerate(looks)}
    colours = sorted({p.colour for p in products if p.colour})
    colour_index = {c: i for i, c in enumerate(colours)}
    look_vectors = _ensemble(embed, [{"colour": c, "type": t} for c, t in looks], LOOK_TEMPLATES)
    colour_vectors = _ensemble(embed, [{"colour": c} for c in colours], COLOUR_TEMPLATES)
    return PromptTargets(
        look_vectors,
        torch.tensor([look_index[(p.colour or "", p.article_type or "")] for p in products]),
        colour_vectors,
        torch.tensor([colour_index.get(p.colour or "", -1) for p in products]),
    )


def prompt_loss(emb: torch.Tensor, targets: PromptTargets, idx: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of each photo against all look prototypes and all colour prototypes."""
    look = F.cross_entropy(scale * emb @ targets.look_vectors.T, targets.look_of[idx])
    colour_of = targets.colour_of[idx]
    known = colour_of >= 0
    if not known.any():
        return look
    return look + F.cross_entropy(scale * emb[known] @ targets.colour_vectors.T, colour_of[known])

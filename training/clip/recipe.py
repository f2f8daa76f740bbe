"""``atelier train clip`` end to end: catalog -> split -> photos -> train (checkpoints,
resume) -> held-out metrics against a random-init tower -> model file + model card."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from catalog import Product, content_hash, load_catalog
from retrieval.embedding import TextEmbedder, resolve_model_path
from retrieval.vision.model import ClipModel, TowerConfig, build_clip
from retrieval.vision.prompts import build_prompt_targets
from training.clip.data import (
    PhotoSet,
    Progress,
    build_photo_set,
    caption,
    is_held_out,
)
from training.clip.quality import evaluate, text_query_encoder
from training.clip.train import Augmentation, StepReport, TrainConfig, Trainer

CARD_NAME = "MODEL_CARD.md"
# Anchored photo vectors (``ConvTower.anchor``): half raw vector, half the look the
# prompt classifier believes in, at a fixed softmax scale (chosen once, not per run).
ANCHOR_WEIGHT = 0.5
ANCHOR_SCALE = 64.0


@dataclass
class Split:
    train: PhotoSet
    held_out: PhotoSet


def split_products(products: list[Product], seed: int) -> tuple[list[Product], list[Product]]:
    held = [p for p in products if is_held_out(p.id, seed)]
    return [p for p in products if not is_held_out(p.id, seed)], held


def caption_vectors(
    products: list[Product], text_model: str, indexed: dict[int, tuple[str, list[float]]] | None = None
) -> torch.Tensor:
    """The frozen text tower's vector of each product's caption. A caption is exactly the
    text the product index embeds with this MiniLM, so the index's dense vectors are
    reused where the product's content hash matches; the rest are embedded here
    (sentence-transformers: the same weights, padded per batch, so faster)."""
    indexed = indexed or {}
    rows: list[np.ndarray | None] = []
    for p in products:
        known = indexed.get(int(p.id))
        rows.append(np.asarray(known[1], dtype=np.float32) if known and known[0] == content_hash(p) else None)
    missing = [i for i, r in enumerate(rows) if r is None]
    if missing:
        fresh = TextEmbedder(text_model).embed_documents([caption(products[i]) for i in missing])
        for j, i in enumerate(missing):
            rows[i] = fresh[j]
    return torch.from_numpy(np.stack([row for row in rows if row is not None]).astype(np.float32))


def load_split(
    catalog_dir: Path,
    seed: int,
    tower: TowerConfig,
    cache_dir: Path | None,
    limit: int | None = None,
    progress: Progress | None = None,
) -> Split:
    products = load_catalog(catalog_dir, limit=limit).products
    train, held = split_products(products, seed)
    return Split(
        build_photo_set(train, catalog_dir, tower.height, tower.width, cache_dir, progress),
        build_photo_set(held, catalog_dir, tower.height, tower.width, cache_dir, progress),
    )


@torch.inference_mode()
def tower_vectors(model: ClipModel, pixels: torch.Tensor, batch: int = 512) -> np.ndarray:
    model.eval()
    return torch.cat(
        [model.encode_image(pixels[i : i + batch], normalize=True).float() for i in range(0, len(pixels), batch)]
    ).numpy()


def text_encoder_of(model: ClipModel, tokenizer: Callable) -> Callable[[list[str]], np.ndarray]:
    @torch.inference_mode()
    def embed(texts: list[str]) -> np.ndarray:
        return model.encode_text(tokenizer(texts), normalize=True).float().numpy()

    return embed


def held_out_metrics(model: ClipModel, tokenizer: Callable, held_out: PhotoSet) -> dict[str, float]:
    images = tower_vectors(model, held_out.pixels)
    return evaluate(images, held_out.products, text_query_encoder(text_encoder_of(model, tokenizer)))


def random_init_metrics(
    text_model_path: str, tower: TowerConfig, tokenizer: Callable, held_out: PhotoSet, seed: int
) -> dict[str, float]:
    torch.manual_seed(seed)
    return held_out_metrics(build_clip(text_model_path, tower), tokenizer, held_out)


def _augmentation_text(training: dict) -> str:
    """The card's augmentation line, from the config the model was trained with."""
    aug = Augmentation.model_validate(training.get("augmentation", {}))  # older cards: the defaults
    parts = ["flip", f"zoom up to {aug.zoom:.0%}"]
    if aug.rotate:
        parts.append(f"rotation up to {aug.rotate:g} degrees")
    if aug.translate:
        parts.append(f"shift up to {aug.translate:.0%} of the frame")
    if aug.erase:
        parts.append(f"one rectangle erased to white in {aug.erase:.0%} of photos")
    return ", ".join([*parts, "the product's other photo"])


def _flags(training: dict) -> str:
    """Reproduce-line flags for settings away from the command's defaults."""
    hard = training.get("hard_types", "any")  # cards from before the option: any four types
    return f" --hard-types {hard}" if hard != TrainConfig().hard_types else ""


def _hard_types_text(training: dict) -> str:
    if training.get("hard_types") == "sub_category":
        return ", one drawn at random and up to three of its own sub-category"
    return ""


def write_card(path: Path, card: dict) -> None:
    """The model card: how the shipped file was made and what it measured."""
    m, r, t = card["metrics"], card["random_init"], card["training"]
    raw = card.get("metrics_unanchored", m)
    rows = "\n".join(f"| {k} | {m[k]} | {raw[k]} | {r[k]} |" for k in m)
    anchors = card["tower"].get("anchors", 0)
    weight = card["tower"].get("anchor_weight", 1.0) if anchors else 1.0
    text = f"""# Atelier CLIP (catalog-trained image tower)

An open_clip `CustomTextCLIP`: text tower = the pretrained MiniLM from `{card["text_model"]}`
(mean pooling, frozen, no projection: text queries are exactly the product-search vectors);
image tower = a {card["tower_params"]:,}-parameter residual CNN (widths {card["tower"]["widths"]}, blocks per stage {card["tower"].get("depths", [1] * len(card["tower"]["widths"]))}, ResNet stem,
mean+max pooling, a foreground colour histogram joined before a 2-layer head to 384-d) on
{card["tower"]["height"]}x{card["tower"]["width"]} photos, trained from scratch here.
Photo vectors are anchored: {weight} x the head's unit vector + {1 - weight:.2g} x the softmax-weighted
(scale {card["tower"].get("anchor_scale", 0)}) mean of {anchors:,} look-prompt vectors, one per (colour, article type)
seen in training (`ConvTower.anchor`; with 0 anchors the head's vector is served as is).

## Data
- Catalog `{card["catalog"]}`: {card["train_products"]:,} training products, {card["held_out_products"]:,} held out
  (a seeded hash of the product id, seed {t["seed"]}; never trained on). Photo: `images_224/` where the
  product has one, else `images/` (60x80); products with both use the 60x80 photo as a second view.
- Captions: title + gender, article type, sub-category, colour, usage, season.

## Training
- Loss: CLIP InfoNCE with multi-positive targets (same article type + colour), plus supervised
  image-image contrastive terms over article type and colour (weight {t["supcon_weight"]},
  temperature {t["supcon_temperature"]}); half of each batch from four article types{_hard_types_text(t)} (hard negatives);
  attribute-prompt heads (weight {t.get("prompt_weight", 0)}): each photo classified against the MiniLM
  vectors of every (colour, article type) and colour prompt class, four phrasings averaged per
  class, none of them the evaluation's own phrasing (`retrieval/vision/prompts.py`).
- A linear classifier of article type and colour on the pooled features (weight {t.get("class_weight", 0)},
  label smoothing {t.get("label_smoothing", 0)}; training only, not in the model file).
- Augmentation: {_augmentation_text(t)}; no colour jitter.
- {card["steps_done"]} steps x batch {t["batch_size"]}, AdamW lr {t["lr"]} (cosine, {t["warmup_steps"]} warm-up), weight decay
  {t["weight_decay"]}, seed {t["seed"]}, precision {t.get("precision", "bf16")} (fp32 on CPUs without native bf16);
  {card["train_seconds"]:.0f} s at {card["images_per_second"]:.0f} img/s on a shared 2-core CPU machine.
  Loss {card["loss_first"]:.3f} -> {card["loss_last"]:.3f}.

## Held-out metrics (same run)
| metric | this model | same, without anchors | random-init tower |
| --- | --- | --- | --- |
{rows}

Reproduce: `atelier train clip --steps {card["steps_done"]} --batch-size {t["batch_size"]} --seed {t["seed"]}{_flags(t)}`.
"""
    path.write_text(text)


def train_clip(
    catalog_dir: Path,
    text_model: str,
    out_dir: Path,
    cfg: TrainConfig,
    cache_dir: Path | None,
    resume: bool = False,
    limit: int | None = None,
    tower: TowerConfig | None = None,
    progress: Progress | None = None,
    report: StepReport | None = None,
    indexed: dict[int, tuple[str, list[float]]] | None = None,
) -> dict:
    """Train, evaluate on the held-out split, write ``atelier-clip.pt`` and the card.
    ``indexed``: the product index's (content hash, dense vector) per id, when open."""
    from retrieval.vision.encoder import atelier_tokenizer

    tower = tower or TowerConfig()
    split = load_split(catalog_dir, cfg.seed, tower, cache_dir, limit, progress)
    text_path = resolve_model_path(text_model)
    texts = caption_vectors(split.train.products, text_model, indexed)
    prompts = build_prompt_targets(split.train.products, TextEmbedder(text_model).embed_documents)
    trainer = Trainer(text_path, tower, cfg, split.train, texts, prompts)
    checkpoint = out_dir / "checkpoint.pt"
    if resume and checkpoint.exists():
        trainer.load_checkpoint(checkpoint)
    speed = trainer.run(checkpoint, report)
    tokenizer = atelier_tokenizer(text_path)
    unanchored = held_out_metrics(trainer.model, tokenizer, split.held_out)
    trainer.model.visual.set_anchors(prompts.look_vectors, ANCHOR_WEIGHT, ANCHOR_SCALE)
    card = {
        "text_model": text_model,
        "catalog": str(catalog_dir),
        "tower": trainer.model.visual.config.to_dict(),
        "tower_params": sum(p.numel() for p in trainer.model.visual.parameters()),
        "train_products": len(split.train.products),
        "held_out_products": len(split.held_out.products),
        "training": cfg.model_dump(),
        "steps_done": trainer.step,
        "skipped_steps": trainer.skipped_steps,
        "bf16": trainer.bf16,
        "train_seconds": round(trainer.seconds, 1),
        "images_per_second": round(speed, 1),
        "loss_first": float(np.mean(trainer.losses[:20])),
        "loss_last": float(np.mean(trainer.losses[-20:])),
        "metrics": held_out_metrics(trainer.model, tokenizer, split.held_out),
        "metrics_unanchored": unanchored,
        "random_init": random_init_metrics(text_path, tower, tokenizer, split.held_out, cfg.seed),
    }
    trainer.export(out_dir / "atelier-clip.pt", card)
    (out_dir / "card.json").write_text(json.dumps(card, indent=2))
    write_card(out_dir / CARD_NAME, card)
    return card

"""Training the image tower against the frozen MiniLM text tower.

Objective (each term is there for one evaluation target):
- CLIP contrastive loss with *multi-positive* targets: captions of products with the
  same article type and colour are all correct matches, so they are not pushed apart
  as false negatives (text->image for "colour + type" queries);
- supervised image-image contrastive terms (SupCon) over article type and over colour:
  the photo space itself clusters by what shoppers mean by "like this" (image->image);
- half of every batch comes from four article types only: one drawn at random and up to
  three look-alikes from its own sub-category (``hard_types="sub_category"``: Casual next to
  Sports Shoes, Tops next to Tshirts), hard negatives that differ only in details, colour or
  gender (``"any"``, four random types, was the recipe before; measured worse);
- attribute-prompt heads (``prompts.py``): each photo classified against the text vectors
  of every (colour, type) and colour prompt class (short look queries, colour names).
- a linear classifier of article type and colour on the pooled features (training only):
  every class gets a gradient every step, not only the classes a batch happens to hold.
Augmentation: horizontal flip and small zoom, and the 60x80 and 224 px photos of the
same product as two views (no colour jitter: colour is a label)."""

from __future__ import annotations

import contextlib
import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from pydantic import BaseModel
from torch.nn import functional as F

from retrieval.vision.model import ConvTower, TowerConfig, build_clip, tower_parameters
from retrieval.vision.prompts import PromptTargets, prompt_loss
from training.clip.data import PhotoSet

StepReport = Callable[[int, int, float], None]  # (step, total, loss)


class Augmentation(BaseModel):
    """Colour-preserving augmentation (colour is a label, so no colour jitter). Each
    extra draws random numbers only when on, so a recipe without it replays exactly."""

    zoom: float = 0.15  # zoom in by up to this share, around a random point
    rotate: float = 0.0  # rotate by up to this many degrees either way
    translate: float = 0.0  # shift by up to this share of the frame (white fills in)
    erase: float = 0.0  # chance of blanking one rectangle (2-20% of the photo) to white


class TrainConfig(BaseModel):
    seed: int = 13
    steps: int = 4000
    batch_size: int = 256
    lr: float = 2e-3
    weight_decay: float = 0.05
    warmup_steps: int = 100
    grouped_fraction: float = 0.5
    hard_types: Literal["any", "sub_category"] = "sub_category"  # where the grouped half's four types come from
    supcon_weight: float = 0.5
    supcon_temperature: float = 0.1
    prompt_weight: float = 0.5
    class_weight: float = 1.5
    label_smoothing: float = 0.1
    augmentation: Augmentation = Augmentation()
    checkpoint_every: int = 200
    threads: int = 2
    precision: Literal["auto", "fp32", "bf16"] = "auto"


def augment(pixels: torch.Tensor, gen: torch.Generator, aug: Augmentation | None = None) -> torch.Tensor:
    """Flip half the batch, then zoom (and optionally rotate, shift, erase) each photo.
    Out-of-frame pixels become white, the catalog photos' own background."""
    aug = aug or Augmentation()
    n, _, h, w = pixels.shape
    flip = torch.rand(n, generator=gen) < 0.5
    x = torch.where(flip.view(n, 1, 1, 1), pixels.flip(3), pixels).float()
    scale = 1 - aug.zoom * torch.rand(n, generator=gen)
    shift = (torch.rand(n, 2, generator=gen) * 2 - 1) * (1 - scale).unsqueeze(1)
    if aug.translate > 0:
        shift = shift + (torch.rand(n, 2, generator=gen) * 2 - 1) * 2 * aug.translate
    angle = (torch.rand(n, generator=gen) * 2 - 1) * math.radians(aug.rotate) if aug.rotate > 0 else torch.zeros(n)
    theta = torch.zeros(n, 2, 3)
    # the frame is h x w, not square: rotate in pixel units so shapes are not sheared
    theta[:, 0, 0], theta[:, 1, 1] = scale * torch.cos(angle), scale * torch.cos(angle)
    theta[:, 0, 1], theta[:, 1, 0] = -scale * torch.sin(angle) * h / w, scale * torch.sin(angle) * w / h
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, [n, 3, h, w], align_corners=False)
    out = F.grid_sample(x - 255, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + 255
    if aug.erase > 0:
        out = _erase(out, aug.erase, gen)
    return out.round().clamp(0, 255)


def _erase(x: torch.Tensor, chance: float, gen: torch.Generator) -> torch.Tensor:
    """Random erasing (Zhong et al. 2017) to white: the tower must read the rest."""
    n, _, h, w = x.shape
    area = (0.02 + 0.18 * torch.rand(n, generator=gen)) * h * w
    ratio = torch.exp((torch.rand(n, generator=gen) * 2 - 1) * math.log(3))
    eh = (area * ratio).sqrt().clamp(1, h).round()
    ew = (area / ratio).sqrt().clamp(1, w).round()
    top = (torch.rand(n, generator=gen) * (h - eh + 1)).floor()
    left = (torch.rand(n, generator=gen) * (w - ew + 1)).floor()
    on = torch.rand(n, generator=gen) < chance
    rows = torch.arange(h).view(1, h, 1)
    cols = torch.arange(w).view(1, 1, w)
    box = (
        (rows >= top.view(n, 1, 1))
        & (rows < (top + eh).view(n, 1, 1))
        & (cols >= left.view(n, 1, 1))
        & (cols < (left + ew).view(n, 1, 1))
        & on.view(n, 1, 1)
    )
    return torch.where(box.unsqueeze(1), torch.full_like(x, 255.0), x)


def multi_positive_clip_loss(
    img: torch.Tensor, txt: torch.Tensor, scale: torch.Tensor, keys: torch.Tensor
) -> torch.Tensor:
    """Symmetric InfoNCE where every caption with the same (type, colour) key counts."""
    logits = scale * img @ txt.T
    target = (keys.view(-1, 1) == keys.view(1, -1)).float()
    target = target / target.sum(1, keepdim=True)
    return 0.5 * (
        torch.sum(-target * F.log_softmax(logits, 1), 1).mean()
        + torch.sum(-target * F.log_softmax(logits.T, 1), 1).mean()
    )


def supcon_loss(emb: torch.Tensor, labels: torch.Tensor, temperature: float) -> torch.Tensor:
    """Supervised contrastive loss (Khosla et al. 2020) over one batch of image vectors."""
    n = emb.shape[0]
    self_mask = torch.eye(n, dtype=torch.bool)
    logits = (emb @ emb.T / temperature).masked_fill(self_mask, -1e9)
    positives = (labels.view(-1, 1) == labels.view(1, -1)) & ~self_mask
    has = positives.any(1)
    log_prob = F.log_softmax(logits, 1)
    per_anchor = -(log_prob * positives).sum(1) / positives.sum(1).clamp(min=1)
    return per_anchor[has].mean() if has.any() else emb.sum() * 0


class BatchSampler:
    """Half random products, half drawn from four article types (hard negatives).

    With ``families`` (a family id per article type id, e.g. its sub-category), the four
    types are one drawn at random plus up to three of its own family: Casual next to Sports
    Shoes, Tops next to Tshirts, the look-alike types most same-type misses are between."""

    def __init__(
        self,
        type_ids: torch.Tensor,
        batch_size: int,
        grouped_fraction: float,
        seed: int,
        families: list[int] | None = None,
    ) -> None:
        self.rng = random.Random(seed)
        self.n = len(type_ids)
        self.batch_size = min(batch_size, self.n)  # fewer photos than a batch: each once a step
        self.grouped = int(self.batch_size * grouped_fraction)
        by_type: dict[int, list[int]] = {}
        for i, t in enumerate(type_ids.tolist()):
            by_type.setdefault(t, []).append(i)
        kept = [t for t, members in by_type.items() if len(members) >= 16]
        self.types = [by_type[t] for t in kept]
        self.weights = [math.sqrt(len(m)) for m in self.types]
        self.kin: list[list[int]] | None = None
        if families is not None:
            self.kin = [[j for j, u in enumerate(kept) if u != t and families[u] == families[t]] for t in kept]

    def _grouped_types(self) -> list[list[int]]:
        if not self.types:  # a small catalog: no type has 16 photos, the whole batch is random
            return []
        if self.kin is None:
            return self.rng.choices(self.types, self.weights, k=4)
        first = self.rng.choices(range(len(self.types)), self.weights)[0]
        picked = [first, *self.rng.sample(self.kin[first], min(3, len(self.kin[first])))]
        while len(picked) < min(4, len(self.types)):  # a small family: the rest from anywhere, each type once
            other = self.rng.choices(range(len(self.types)), self.weights)[0]
            if other not in picked:
                picked.append(other)
        return [self.types[i] for i in picked]

    def sample(self) -> torch.Tensor:
        chosen: list[int] = []
        for members in self._grouped_types():
            chosen += self.rng.sample(members, min(len(members), self.grouped // 4))
        picked = set(chosen)
        while len(chosen) < self.batch_size:
            i = self.rng.randrange(self.n)
            if i not in picked:
                picked.add(i)
                chosen.append(i)
        return torch.tensor(chosen)


def type_families(data: PhotoSet) -> list[int]:
    """Each article type id's family: the sub-category most of its products are in."""
    votes: dict[int, Counter] = {}
    for t, product in zip(data.type_ids.tolist(), data.products, strict=True):
        votes.setdefault(t, Counter())[product.sub_category] += 1
    names = {t: c.most_common(1)[0][0] for t, c in votes.items()}
    ids = {name: i for i, name in enumerate(sorted(set(names.values())))}
    return [ids[names[t]] if t in names else -1 - t for t in range(int(data.type_ids.max()) + 1)]


def _views(data: PhotoSet, idx: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Each product's best photo, or its other photo (half the time, when it has one)."""
    pixels = data.pixels[idx].clone()
    alt = data.alt_index[idx]
    use_alt = (alt >= 0) & (torch.rand(len(idx), generator=gen) < 0.5)
    if use_alt.any():
        pixels[use_alt] = data.alt_pixels[alt[use_alt]]
    return pixels


def native_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AVX-512 and up). Why it matters: without
    it, bf16 autocast is emulated and a training step on this project's 2-core AVX2
    machines took 7x longer than in fp32 (29 vs 209 img/s)."""
    return torch.backends.cpu.get_cpu_capability().startswith(("AVX512", "AMX"))


def smallest_feature_map(tower: ConvTower) -> int:
    """The shorter side, in pixels, of the tower's last feature map."""
    with torch.no_grad():
        shape = tower.stages(tower.stem(torch.zeros(1, 3, tower.config.height, tower.config.width))).shape
    return min(shape[-2:])


def use_bf16(precision: str, tower: ConvTower) -> bool:
    """``auto``: bf16 where the CPU computes it natively and the tower's maps stay wider
    than one pixel. oneDNN's bf16 convolution returns non-finite values about half the
    time when its output is one pixel wide (95 of 200 calls at 4x2 -> 2x1 on this
    project's AVX-512 machines; 0 of 200 at 6x4 -> 3x2), so small towers train in fp32."""
    if precision == "auto":
        return native_bf16() and smallest_feature_map(tower) > 1
    return precision == "bf16"


def _autocast(bf16: bool) -> contextlib.AbstractContextManager:
    return torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()


def _lr(step: int, cfg: TrainConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps)
    return cfg.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


class Trainer:
    """Owns the model, optimiser, data and RNGs; ``run`` trains with checkpoints."""

    def __init__(
        self,
        text_model_path: str,
        tower: TowerConfig,
        cfg: TrainConfig,
        data: PhotoSet,
        texts: torch.Tensor,
        prompts: PromptTargets | None = None,
    ) -> None:
        """``texts``: the frozen text tower's caption vectors, one row per photo-set product
        (computed once by the caller: the tower never changes, so no text forward passes);
        ``prompts``: attribute-prompt targets (``cfg.prompt_weight`` applies when given)."""
        torch.manual_seed(cfg.seed)
        torch.set_num_threads(cfg.threads)
        self.cfg = cfg
        self.data = data
        self.model = build_clip(text_model_path, tower)
        self.bf16 = use_bf16(cfg.precision, self.model.visual)
        self.texts = texts
        self.prompts = prompts
        n_colours = int(data.colour_ids.max()) + 1
        self.keys = data.type_ids * n_colours + data.colour_ids
        n_types = int(data.type_ids.max()) + 1
        self.classifier = torch.nn.Linear(self.model.visual.feature_dim, n_types + n_colours)
        self.n_types = n_types
        params = tower_parameters(self.model) + (list(self.classifier.parameters()) if cfg.class_weight > 0 else [])
        self.optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
        families = type_families(data) if cfg.hard_types == "sub_category" else None
        self.sampler = BatchSampler(data.type_ids, cfg.batch_size, cfg.grouped_fraction, cfg.seed, families)
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.step = 0
        self.losses: list[float] = []
        self.skipped_steps = 0  # steps whose loss was not finite: no update
        self.seconds = 0.0  # training time over all runs (a resumed run adds to it)

    def train_step(self) -> float:
        idx = self.sampler.sample()
        for group in self.optimizer.param_groups:
            group["lr"] = _lr(self.step, self.cfg)
        self.model.visual.train()
        pixels = augment(_views(self.data, idx, self.gen), self.gen, self.cfg.augmentation)
        with _autocast(self.bf16):
            features = self.model.visual.features(pixels)
            emb = self.model.visual.head(features)
        emb = F.normalize(emb.float(), dim=-1)
        scale = self.model.logit_scale.exp().clamp(max=100)
        loss = multi_positive_clip_loss(emb, self.texts[idx], scale, self.keys[idx])
        w, t = self.cfg.supcon_weight, self.cfg.supcon_temperature
        loss = (
            loss + w * supcon_loss(emb, self.data.type_ids[idx], t) + w * supcon_loss(emb, self.data.colour_ids[idx], t)
        )
        if self.prompts is not None and self.cfg.prompt_weight > 0:
            loss = loss + self.cfg.prompt_weight * prompt_loss(emb, self.prompts, idx, scale)
        if self.cfg.class_weight > 0:
            loss = loss + self.cfg.class_weight * self._class_loss(features.float(), idx)
        self.optimizer.zero_grad(set_to_none=True)
        self.step += 1
        value = float(loss.detach())
        if not math.isfinite(value):  # one bad batch must not poison every weight through Adam's moments
            self.skipped_steps += 1
            return value
        loss.backward()
        self.optimizer.step()
        self.losses.append(value)
        return value

    def _class_loss(self, features: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        """Article type and colour read straight off the pooled features by a linear
        classifier (training only): every class gets a gradient every step, which the
        in-batch contrastive terms give only to the classes a batch happens to hold."""
        logits = self.classifier(features)
        smooth = self.cfg.label_smoothing
        return F.cross_entropy(
            logits[:, : self.n_types], self.data.type_ids[idx], label_smoothing=smooth
        ) + F.cross_entropy(logits[:, self.n_types :], self.data.colour_ids[idx], label_smoothing=smooth)

    def save_checkpoint(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save(
            {
                "visual": self.model.visual.state_dict(),
                "classifier": self.classifier.state_dict(),
                "logit_scale": self.model.logit_scale.detach(),
                "optimizer": self.optimizer.state_dict(),
                "step": self.step,
                "losses": self.losses,
                "seconds": self.seconds,
                "skipped_steps": self.skipped_steps,
                "sampler": self.sampler.rng.getstate(),
                "gen": self.gen.get_state(),
                "torch_rng": torch.get_rng_state(),
                "config": self.cfg.model_dump(),
            },
            tmp,
        )
        tmp.replace(path)  # a crash mid-write never leaves a half checkpoint

    def load_checkpoint(self, path: Path) -> None:
        state = torch.load(path, map_location="cpu", weights_only=False)
        self.model.visual.load_state_dict(state["visual"])
        if "classifier" in state:
            self.classifier.load_state_dict(state["classifier"])
        with torch.no_grad():
            self.model.logit_scale.copy_(state["logit_scale"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.step, self.losses, self.seconds = state["step"], state["losses"], state.get("seconds", 0.0)
        self.skipped_steps = state.get("skipped_steps", 0)
        self.sampler.rng.setstate(state["sampler"])
        self.gen.set_state(state["gen"])
        torch.set_rng_state(state["torch_rng"])

    def run(self, checkpoint: Path | None = None, report: StepReport | None = None) -> float:
        """Train to ``cfg.steps`` (continuing from ``step``); returns images/second."""
        while self.step < self.cfg.steps:
            started = time.perf_counter()
            loss = self.train_step()
            self.seconds += time.perf_counter() - started
            if report:
                report(self.step, self.cfg.steps, loss)
            if checkpoint is not None and self.step % self.cfg.checkpoint_every == 0:
                self.save_checkpoint(checkpoint)
        return self.step * self.cfg.batch_size / max(self.seconds, 1e-9)

    def export(self, path: Path, card: dict) -> None:
        """The shipped model file: tower weights + config (the text tower is the package)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(
            {
                "tower_config": self.model.visual.config.to_dict(),
                "visual": self.model.visual.state_dict(),
                "logit_scale": float(self.model.logit_scale.detach()),
                "context_length": 64,
                "card": json.loads(json.dumps(card)),
            },
            path,
        )


def loss_trend(losses: list[float], window: int = 5) -> tuple[float, float]:
    """Mean loss of the first and last ``window`` steps."""
    return float(np.mean(losses[:window])), float(np.mean(losses[-window:]))

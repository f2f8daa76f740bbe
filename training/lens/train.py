"""Training the instance descriptor: each catalog photo its own class.

Per step, a batch of photos is read three times: as in the catalog (what the index
holds) and as two shopper-like copies (``training.lens.augment``). A multi-positive
contrastive loss pulls the three together and pushes every other photo in the batch
away. Half the batches come from one or two article types at a time, so the negatives
are the look-alikes a shopper's photo is confused with in the catalog, not a random mix.
The schedule runs on wall-clock time (``seconds``) so a run fits the GPU box's lease;
the card records the steps done. The last ``validation`` photos are never trained on:
their top-1 (one shopper-like copy each, against every packed photo as in the catalog)
is printed as training goes."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from retrieval.vision.instance import InstanceConfig, InstanceNet, save_instance_model
from retrieval.vision.normalise import to_pixels
from training.lens.augment import jitter_on_device, view_pixels

HEIGHT, WIDTH = 64, 48


@dataclass
class LensTraining:
    seconds: float = 300.0
    max_steps: int = 100_000
    batch_size: int = 1024
    lr: float = 3e-3
    weight_decay: float = 0.05
    warmup_steps: int = 200
    temperature: float = 0.05
    grouped_fraction: float = 0.5
    validation: int = 1000
    workers: int = 8
    seed: int = 13
    repeats: int = 1  # steps per batch of CPU-made views; each repeat re-jitters them on the device


class _Views(torch.utils.data.Dataset):
    """Two shopper-like copies of photo ``i``; the random state is each worker's own."""

    def __init__(self, images: list[Image.Image]) -> None:
        self.images = images

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[int, torch.Tensor, torch.Tensor]:
        rng = random.Random(random.getrandbits(64))
        image = self.images[i]
        return i, view_pixels(image, rng, HEIGHT, WIDTH), view_pixels(image, rng, HEIGHT, WIDTH)


class _Batches(torch.utils.data.Sampler):
    """Endless batches of photo indices: random ones, or (``grouped`` of the time) drawn
    from one or two groups (article types) so look-alikes meet in the loss."""

    def __init__(self, groups: list[str], size: int, grouped: float, seed: int) -> None:
        self.size, self.grouped, self.rng = size, grouped, random.Random(seed)
        self.all = list(range(len(groups)))
        by_group: dict[str, list[int]] = {}
        for i, group in enumerate(groups):
            by_group.setdefault(group, []).append(i)
        self.groups = [members for members in by_group.values() if len(members) >= 32]

    def __iter__(self) -> Iterator[list[int]]:
        while True:
            pool = self.all
            if self.groups and self.rng.random() < self.grouped:
                pool = [i for members in self.rng.sample(self.groups, min(2, len(self.groups))) for i in members]
            yield self.rng.sample(pool, min(self.size, len(pool)))


def contrastive_loss(vectors: torch.Tensor, labels: torch.Tensor, temperature: float) -> torch.Tensor:
    """Multi-positive InfoNCE: every vector against all others; the positives share its label."""
    similarity = vectors @ vectors.T / temperature
    itself = torch.eye(len(vectors), dtype=torch.bool, device=vectors.device)
    log_prob = similarity.masked_fill(itself, float("-inf")).log_softmax(dim=1).masked_fill(itself, 0.0)
    positive = (labels[:, None] == labels[None, :]) & ~itself
    return -((log_prob * positive).sum(1) / positive.sum(1).clamp_min(1)).mean()


def _step(
    model: InstanceNet, optimiser: torch.optim.Optimizer, batch: torch.Tensor, index: torch.Tensor, config: LensTraining
) -> float:
    """One optimiser step on the catalog photos and their two views; returns the loss."""
    with torch.autocast(batch.device.type, dtype=torch.bfloat16, enabled=batch.device.type == "cuda"):
        vectors = model(batch.contiguous(memory_format=torch.channels_last))
    loss = contrastive_loss(vectors.float(), index.repeat(3), config.temperature)
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    optimiser.step()
    return float(loss.item())


def _lr(step: int, progress: float, config: LensTraining) -> float:
    if step < config.warmup_steps:
        return config.lr * (step + 1) / config.warmup_steps
    return config.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


@torch.inference_mode()
def validation_top1(model: InstanceNet, clean: torch.Tensor, images: list[Image.Image], first: int, seed: int) -> float:
    """Top-1 of one shopper-like copy of each photo from ``first`` on, against all ``clean``."""
    model.eval()
    rng = random.Random(seed)
    queries = torch.stack([view_pixels(image, rng, HEIGHT, WIDTH) for image in images[first:]])
    device = next(model.parameters()).device
    gallery = torch.cat([model(clean[i : i + 2048].to(device)) for i in range(0, len(clean), 2048)])
    found = model(queries.to(device)) @ gallery.T
    model.train()
    own = torch.arange(first, len(images), device=device)
    return float((found.argmax(1) == own).float().mean())


def train(
    images: list[Image.Image],
    groups: list[str],
    out: Path,
    config: LensTraining,
    init: InstanceNet | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Train on ``images`` (the last ``config.validation`` kept apart), from ``init``'s
    weights when given (a second lease continues the first), and save
    ``out/instance.pt``; returns the card."""
    init_card = init.card if init is not None else None
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clean = torch.stack([to_pixels(image, HEIGHT, WIDTH) for image in images])
    first_val = max(1, len(images) - config.validation)
    model = (init or InstanceNet(InstanceConfig())).to(device).to(memory_format=torch.channels_last)
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    loader = torch.utils.data.DataLoader(
        _Views(images[:first_val]),
        batch_sampler=_Batches(groups[:first_val], config.batch_size, config.grouped_fraction, config.seed),
        num_workers=config.workers,
        pin_memory=device.type == "cuda",
        prefetch_factor=4 if config.workers else None,
        persistent_workers=config.workers > 0,
    )
    clean_on_device = clean.to(device)
    generator = torch.Generator(device=device).manual_seed(config.seed)
    start, step, losses = time.monotonic(), 0, []

    def progress() -> float:
        return 1.0 if step >= config.max_steps else (time.monotonic() - start) / config.seconds

    for index, first, second in loader:
        index, first, second = index.to(device), first.to(device), second.to(device)
        for repeat in range(config.repeats):
            if progress() >= 1:
                break
            views = [first, second] if repeat == 0 else [jitter_on_device(v, generator) for v in (first, second)]
            for group in optimiser.param_groups:
                group["lr"] = _lr(step, progress(), config)
            losses.append(_step(model, optimiser, torch.cat([clean_on_device[index], *views]), index, config))
            step += 1
            if step % 200 == 0:
                log(f"step {step} loss {np.mean(losses[-200:]):.4f} {time.monotonic() - start:.0f}s")
        if progress() >= 1:
            break
    top1 = validation_top1(model, clean, images, first_val, config.seed)
    card = {
        "training": asdict(config),
        "steps": step,
        "seconds": round(time.monotonic() - start, 1),
        "photos": first_val,
        "validation_photos": len(images) - first_val,
        "validation_top1": round(top1, 4),
        "final_loss": round(float(np.mean(losses[-200:])), 4) if losses else None,
        "continued_from": init_card,
        "device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu",
    }
    log(f"done: {card}")
    out.mkdir(parents=True, exist_ok=True)
    save_instance_model(model.cpu().float(), out / "instance.pt", card)
    return card


__all__ = ["LensTraining", "contrastive_loss", "train", "validation_top1"]

"""The instance descriptor: a small CNN that maps a photo to a vector close only to
copies of that very photo (cropped, mirrored, re-compressed, framed, tilted, re-lit).

Why a network of its own: the CLIP tower is trained to place look-alikes together, so
a shopper's snapshot of a plain black shirt lands among a hundred plain black shirts.
This one is trained the other way round (``training.lens``): each catalog photo is its
own class, and shopper-like copies of it are the positives, so it learns what survives
those changes in one photo and tells it from the next. It reads the same 64x48 tower
pixels as CLIP (the photo as ``to_pixels`` fits it, after ``normalise_photo`` for a
shopper's upload), and its vector is a part of the ``lens`` named vector.

This module needs only torch and numpy (and the tower's residual block): the GPU box
imports it without the search stack (``python -m training.lens train``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from retrieval.vision.model import ResidualBlock

PIXEL_MEAN, PIXEL_STD = 0.5, 0.25


@dataclass(frozen=True)
class InstanceConfig:
    """The network's shape: four stages of residual blocks, the last three halving the grid."""

    widths: tuple[int, ...] = (32, 64, 128, 256)
    blocks: tuple[int, ...] = (1, 2, 2, 1)
    dim: int = 128

    @classmethod
    def from_dict(cls, data: dict) -> InstanceConfig:
        return cls(tuple(data["widths"]), tuple(data["blocks"]), int(data["dim"]))


class InstanceNet(nn.Module):
    """uint8 pixels (N, 3, 64, 48) -> unit vectors (N, dim). Generalised-mean pooling
    (p = 3) keeps the strongest local evidence, as copy-detection descriptors do."""

    def __init__(self, config: InstanceConfig) -> None:
        super().__init__()
        self.config = config
        self.card: dict = {}
        layers: list[nn.Module] = [
            nn.Conv2d(3, config.widths[0], 3, 1, 1, bias=False),
            nn.BatchNorm2d(config.widths[0]),
            nn.ReLU(),
        ]
        inputs = config.widths[0]
        for stage, (width, blocks) in enumerate(zip(config.widths, config.blocks)):
            for block in range(blocks):
                layers.append(ResidualBlock(inputs, width, 2 if stage > 0 and block == 0 else 1))
                inputs = width
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(inputs, config.dim)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        x = (pixels.float() / 255 - PIXEL_MEAN) / PIXEL_STD
        features = self.body(x).clamp_min(1e-6)
        pooled = features.pow(3).mean(dim=(2, 3)).pow(1 / 3)
        return F.normalize(self.head(pooled), dim=1)


def save_instance_model(model: InstanceNet, path: Path, card: dict) -> None:
    """Weights in half precision (the model file stays a few MB) with the config and a card."""
    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    torch.save({"config": asdict(model.config), "state": state, "card": card}, path)


def load_instance_model(path: Path) -> InstanceNet:
    """The saved descriptor, in float32 and eval mode, for CPU inference (on the threads
    torch is set to: the CLIP encoder sets them per call in the service)."""
    saved = torch.load(path, map_location="cpu", weights_only=True)
    model = InstanceNet(InstanceConfig.from_dict(saved["config"]))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in saved["state"].items()})
    model.card = saved.get("card", {})
    return model.eval()


@torch.inference_mode()
def instance_vectors(model: InstanceNet, pixels: torch.Tensor, batch: int = 512) -> np.ndarray:
    """(N, dim) float32 descriptors of uint8 tower pixels (N, 3, 64, 48)."""
    if len(pixels) == 0:
        return np.zeros((0, model.config.dim), dtype=np.float32)
    parts = [model(pixels[i : i + batch]) for i in range(0, len(pixels), batch)]
    return torch.cat(parts).numpy().astype(np.float32)

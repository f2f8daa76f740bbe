"""Shopper-like copies of a catalog photo, for training the instance descriptor.

A shopper's photo of a product seen elsewhere is a crop, a mirror image, a re-saved
and re-scaled JPEG, a screenshot with an app's frame, a tilted or re-lit snapshot, or the
garment on another background, often several at once. Each view here draws every one of
those with its own probability and range (wider than a shopper's usual photo, so the
descriptor holds up beyond them), then passes the photo through what photo search does to
an upload (``normalise_photo``, then the tower's 64x48 pixels). This recipe is the
training's own: the exact-product benchmark makes its photos with ``evals.shopper_photos``
and its own seeds, and the benchmark's products are never trained on."""

from __future__ import annotations

import io
import random

import numpy as np
import torch
from PIL import Image, ImageEnhance, ImageOps

from retrieval.vision.normalise import normalise_photo, to_pixels

UI_COLOURS = [(0, 0, 0), (18, 18, 18), (40, 44, 52), (128, 128, 128), (240, 240, 245), (255, 255, 255), (33, 150, 243)]


def _crop(image: Image.Image, rng: random.Random) -> Image.Image:
    area = rng.uniform(0.3, 1.0) * image.width * image.height
    aspect = rng.uniform(0.7, 1.4) * image.width / image.height
    width = min(image.width, max(4, round((area * aspect) ** 0.5)))
    height = min(image.height, max(4, round(area / width)))
    left = rng.randint(0, image.width - width)
    top = rng.randint(0, image.height - height)
    return image.crop((left, top, left + width, top + height))


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _rescale(image: Image.Image, rng: random.Random) -> Image.Image:
    shrink = rng.uniform(0.2, 0.8)
    small = image.resize((max(6, round(image.width * shrink)), max(6, round(image.height * shrink))))
    scale = rng.uniform(0.8, 2.0)
    big = _jpeg(small, rng.randint(15, 85)).resize(
        (max(6, round(image.width * scale)), max(6, round(image.height * scale))), Image.Resampling.BICUBIC
    )
    return _jpeg(big, rng.randint(50, 95))


def _frame(image: Image.Image, rng: random.Random) -> Image.Image:
    sides = [round(rng.uniform(0.0, 0.35) * (image.width if i % 2 == 0 else image.height)) for i in range(4)]
    framed = ImageOps.expand(image, border=tuple(sides), fill=rng.choice(UI_COLOURS))
    if rng.random() < 0.5:
        bar = Image.new("RGB", (framed.width, max(2, round(rng.uniform(0.03, 0.1) * framed.height))))
        bar.paste(rng.choice(UI_COLOURS), (0, 0, bar.width, bar.height))
        framed.paste(bar, (0, 0))
    return framed


def _tilt(image: Image.Image, rng: random.Random) -> Image.Image:
    fill = (255, 255, 255) if rng.random() < 0.7 else rng.choice(UI_COLOURS)
    return image.rotate(rng.uniform(-15, 15), Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def _light(image: Image.Image, rng: random.Random) -> Image.Image:
    image = ImageEnhance.Brightness(image).enhance(rng.uniform(0.6, 1.4))
    image = ImageEnhance.Contrast(image).enhance(rng.uniform(0.6, 1.4))
    if rng.random() < 0.3:
        image = ImageEnhance.Color(image).enhance(rng.uniform(0.7, 1.3))
    return image


def _background(image: Image.Image, rng: random.Random) -> Image.Image:
    rgb = np.asarray(image).copy()
    white = (rgb >= rng.randint(220, 245)).all(axis=2)
    rgb[white] = [rng.randint(0, 255) for _ in range(3)]
    return Image.fromarray(rgb)


def shopper_view(image: Image.Image, rng: random.Random) -> Image.Image:
    """One random shopper-like copy of ``image`` (RGB), before photo search's own steps."""
    out = image
    if rng.random() < 0.7:
        out = _crop(out, rng)
    if rng.random() < 0.5:
        out = ImageOps.mirror(out)
    if rng.random() < 0.3:
        out = _background(out, rng)
    if rng.random() < 0.35:
        out = _tilt(out, rng)
    if rng.random() < 0.6:
        out = _rescale(out, rng)
    if rng.random() < 0.3:
        out = _frame(out, rng)
    if rng.random() < 0.7:
        out = _light(out, rng)
    return out


def view_pixels(image: Image.Image, rng: random.Random, height: int = 64, width: int = 48) -> torch.Tensor:
    """uint8 (3, H, W): a shopper-like copy as photo search would read it."""
    return to_pixels(normalise_photo(shopper_view(image, rng)).convert("RGB"), height, width)


def jitter_on_device(pixels: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """A further small shopper-like change of views already made, on their own device:
    mirror half of them, shift, scale and tilt them a little (white fills what comes into
    view), re-light them, and blur a third of them by a shrink and blow-up.

    Why: the views above are made by CPU processes, which bound a GPU run's step rate;
    changed again on the GPU, one batch of views serves several steps, each with new views.
    ``pixels``: uint8 (B, 3, H, W); returns the same shape and type."""
    count, device = len(pixels), pixels.device

    def uniform(low: float, high: float) -> torch.Tensor:
        return low + (high - low) * torch.rand(count, generator=generator, device=device)

    x = pixels.float() / 255
    mirror = torch.where(torch.rand(count, generator=generator, device=device) < 0.5, -1.0, 1.0)
    scale, angle = uniform(0.87, 1.15), uniform(-0.09, 0.09)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        [
            torch.stack([cos * mirror, -sin, uniform(-0.08, 0.08)], dim=1),
            torch.stack([sin * mirror, cos, uniform(-0.08, 0.08)], dim=1),
        ],
        dim=1,
    )
    grid = torch.nn.functional.affine_grid(theta, list(x.shape), align_corners=False)
    x = 1 - torch.nn.functional.grid_sample(1 - x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * uniform(0.8, 1.2)[:, None, None, None] + mean * uniform(0.85, 1.15)[:, None, None, None]
    blurred = torch.rand(count, generator=generator, device=device) < 0.33
    if blurred.any():
        height, width = x.shape[2:]
        small = torch.nn.functional.interpolate(x[blurred], scale_factor=0.6, mode="area")
        x[blurred] = torch.nn.functional.interpolate(small, size=(height, width), mode="bilinear", align_corners=False)
    return (x.clamp(0, 1) * 255).round().to(torch.uint8)

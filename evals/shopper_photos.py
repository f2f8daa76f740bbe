"""Realistic shopper photos made from a catalog photo, for the exact-product benchmark.

A shopper's photo search is a lens: a screenshot or a snapshot of a product seen
elsewhere, cropped, mirrored, rescaled and re-compressed, framed by an app's borders,
slightly rotated, lit differently, or on another background. Each transformation here
makes one of those from the product's own catalog photo; every random choice comes from
a ``random.Random`` seeded per (product, transformation), so a run is reproducible."""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

Transform = Callable[[Image.Image, random.Random], Image.Image]
NEAR_WHITE = 235  # every channel at or above this is the catalog's white background
MIN_AREA, MAX_AREA = 0.4, 0.9


def _garment_centre(image: Image.Image) -> tuple[float, float]:
    """Centre of the non-white pixels (the garment), or the image centre."""
    rgb = np.asarray(image)
    ys, xs = np.nonzero((rgb < NEAR_WHITE).any(axis=2))
    if len(xs) == 0:
        return image.width / 2, image.height / 2
    return (float(xs.min() + xs.max()) / 2, float(ys.min() + ys.max()) / 2)


def crop(image: Image.Image, rng: random.Random) -> Image.Image:
    """A zoom onto the garment: a window keeping 40-90% of the area (aspect jittered)
    that contains the garment's centre."""
    area = rng.uniform(MIN_AREA, MAX_AREA) * image.width * image.height
    aspect = rng.uniform(0.8, 1.25) * image.width / image.height
    width = min(image.width, max(1, round((area * aspect) ** 0.5)))
    height = min(image.height, max(1, round(area / width)))
    cx, cy = _garment_centre(image)
    left = rng.randint(max(0, round(cx) - width + 1), min(image.width - width, round(cx)))
    top = rng.randint(max(0, round(cy) - height + 1), min(image.height - height, round(cy)))
    return image.crop((left, top, left + width, top + height))


def mirror(image: Image.Image, rng: random.Random) -> Image.Image:
    return ImageOps.mirror(image)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def rescale_jpeg(image: Image.Image, rng: random.Random) -> Image.Image:
    """Shrunk to 25-60%, re-compressed at JPEG quality 25-60, and blown up to 100-150%
    of the original size: a forwarded, re-saved photo."""
    shrink = rng.uniform(0.25, 0.6)
    small = image.resize(
        (max(8, round(image.width * shrink)), max(8, round(image.height * shrink))), Image.Resampling.BILINEAR
    )
    scale = rng.uniform(1.0, 1.5)
    big = _jpeg(small, rng.randint(25, 60)).resize(
        (round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC
    )
    return _jpeg(big, rng.randint(60, 90))


def screenshot(image: Image.Image, rng: random.Random) -> Image.Image:
    """Framed as in an app screenshot: uneven padding (5-30% per side) in a dark, grey or
    light UI colour, with a status-bar strip on top."""
    fill = rng.choice([(18, 18, 18), (40, 44, 52), (128, 128, 128), (240, 240, 245), (250, 250, 250)])
    sides = [round(rng.uniform(0.05, 0.3) * (image.width if i % 2 == 0 else image.height)) for i in range(4)]
    framed = ImageOps.expand(image, border=(sides[0], sides[1], sides[2], sides[3]), fill=fill)
    bar = Image.new("RGB", (framed.width, max(4, round(0.06 * framed.height))), rng.choice([(0, 0, 0), (33, 150, 243)]))
    framed.paste(bar, (0, 0))
    return framed


def rotate(image: Image.Image, rng: random.Random) -> Image.Image:
    """Tilted by 3-12 degrees either way, the corners filled with white."""
    angle = rng.uniform(3, 12) * rng.choice([-1, 1])
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255))


def light(image: Image.Image, rng: random.Random) -> Image.Image:
    """Brightness and contrast changed by 0.7-1.3x each (another screen or lamp)."""
    brighter = ImageEnhance.Brightness(image).enhance(rng.uniform(0.7, 1.3))
    return ImageEnhance.Contrast(brighter).enhance(rng.uniform(0.7, 1.3))


def background(image: Image.Image, rng: random.Random) -> Image.Image:
    """The white background replaced by a random colour (near-white pixels only)."""
    rgb = np.asarray(image).copy()
    white = (rgb >= NEAR_WHITE).all(axis=2)
    rgb[white] = [rng.randint(0, 255) for _ in range(3)]
    return Image.fromarray(rgb)


def snapshot(image: Image.Image, rng: random.Random) -> Image.Image:
    """Several at once, as a real photo usually is: crop, maybe mirrored, rescaled with
    re-compression, and changed light."""
    out = crop(image, rng)
    if rng.random() < 0.5:
        out = mirror(out, rng)
    return light(rescale_jpeg(out, rng), rng)


TRANSFORMS: dict[str, Transform] = {
    "crop": crop,
    "mirror": mirror,
    "rescale_jpeg": rescale_jpeg,
    "screenshot": screenshot,
    "rotate": rotate,
    "light": light,
    "background": background,
    "snapshot": snapshot,
}


def shopper_photo(image: Image.Image, product_id: str, name: str, seed: int) -> Image.Image:
    """The ``name`` transformation of one product's photo, the same for the same seed."""
    digest = hashlib.sha256(f"{seed}:{product_id}:{name}".encode()).digest()
    return TRANSFORMS[name](image.convert("RGB"), random.Random(int.from_bytes(digest[:8], "big")))

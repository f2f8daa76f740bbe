"""A shopper's photo made to look like a catalog photo before it is embedded.

Catalog photos are a garment on a white background with no frame; shoppers send
screenshots (flat UI borders and bars around the photo) and snapshots on another
background or in other light. The photo tower reads 48x64 pixels, so a frame or a
coloured background changes most of what it sees. Two cheap steps undo most of it:

1. trim flat edge rows and columns that are not white (UI borders, status bars);
2. when the photo's outer frame is mostly one non-white colour (a coloured background,
   or white turned grey by dim light), paint the pixels of that colour white.

A catalog photo passes through unchanged (its flat edges are white), so the index's
vectors need no rebuild."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image, ImageOps

FLAT_RANGE = 24  # a row whose channels vary less than this is flat (a border)
NEAR_WHITE = 235
BACKGROUND_DISTANCE = 40  # per-channel distance to the background colour
BACKGROUND_SHARE = 0.6  # of the outer frame's pixels


def _keep_span(flat_nonwhite: np.ndarray) -> tuple[int, int]:
    """First and last+1 index that is not a flat non-white border line."""
    keep = np.nonzero(~flat_nonwhite)[0]
    return (int(keep[0]), int(keep[-1]) + 1) if len(keep) else (0, len(flat_nonwhite))


def _border_lines(rgb: np.ndarray, axis: int) -> np.ndarray:
    spread = (rgb.max(axis=axis) - rgb.min(axis=axis)).max(axis=-1)
    mean = rgb.mean(axis=axis).min(axis=-1)
    return (spread < FLAT_RANGE) & (mean < NEAR_WHITE)


def trim_borders(rgb: np.ndarray) -> np.ndarray:
    top, bottom = _keep_span(_border_lines(rgb, 1))
    rgb = rgb[top:bottom]
    left, right = _keep_span(_border_lines(rgb, 0))
    return rgb[:, left:right]


def whiten_background(rgb: np.ndarray) -> np.ndarray:
    frame = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    colour = np.median(frame, axis=0)
    if colour.min() >= NEAR_WHITE:
        return rgb
    if (np.abs(frame - colour).max(axis=1) <= BACKGROUND_DISTANCE).mean() < BACKGROUND_SHARE:
        return rgb
    out = rgb.copy()
    out[np.abs(rgb - colour).max(axis=2) <= BACKGROUND_DISTANCE] = 255
    return out


def normalise_photo(image: Image.Image) -> Image.Image:
    """``image`` without flat non-white borders and with a one-colour background made white."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    if min(rgb.shape[:2]) < 4:
        return image
    trimmed = trim_borders(rgb)
    if min(trimmed.shape[:2]) < 4:
        return image
    return Image.fromarray(whiten_background(trimmed).astype(np.uint8))


def to_pixels(image: Image.Image, height: int, width: int) -> torch.Tensor:
    """An RGB image -> uint8 (3, H, W), aspect kept, padded with white: what the towers read."""
    fitted = ImageOps.pad(image, (width, height), method=Image.Resampling.BOX, color=(255, 255, 255))
    return torch.from_numpy(np.asarray(fitted, dtype=np.uint8).copy()).permute(2, 0, 1)

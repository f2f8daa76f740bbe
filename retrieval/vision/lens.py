"""The lens: finding the very product in a shopper's photo, not just its look.

Photo search is used like a lens: a screenshot, a crop, a mirrored, re-compressed,
tilted or re-lit copy of a catalog photo. The CLIP tower reads 48x64 pixels and places
look-alikes together, so it cannot tell one plain black shirt from the next. Two steps
on top of it find the copy:

1. **The lens vector** (named vector ``lens`` in Qdrant): the photo's *instance
   descriptor* (``retrieval.vision.instance``: a small CNN trained so that shopper-like
   copies of a photo land on it and other photos do not), the CLIP vector, a hue and
   saturation histogram of the foreground and a *layout* vector, concatenated with
   weights so that its cosine is 0.5 instance + 0.1 CLIP + 0.2 hue histogram + 0.2
   layout. Hue and saturation do not move when the light changes, a histogram does not
   move when the photo is cropped or tilted, and the layout is the photo's content (the
   garment's box, so borders, padding and faint JPEG noise do not count) as a 16x16 grey
   image, zero-mean, unit-norm and mirror-symmetric. One query against it gives the first
   50 candidates, filters applied as for any search.
2. **The copies** among those candidates: each is scored by its instance cosine plus
   half its *match* (normalised cross-correlation of the query, grey and trimmed to its
   content, over the candidate's 32x32 content thumbnail, at three scales, three tilts
   and both orientations, the best placement counting). The best candidate, if its
   instance cosine reaches ``COPY_INSTANCE``, is taken as the very product, and up to two
   more whose score is within ``COPY_MARGIN`` of it (a snapshot too blurred to tell two
   near-identical photos apart lists both). They come first, then CLIP's own order, so
   "like this" keeps CLIP's answer: a catalog photo's own copy scores far above its
   look-alikes, so nothing else is promoted.

Both run on the photo as decoded for the tower (the query after ``normalise_photo``), so
ingest, search and the exact-product eval compute the same numbers."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps

from retrieval.vision.instance import InstanceNet, instance_vectors, load_instance_model

THUMB_SIDE = 32  # the stored thumbnail the match reads
LAYOUT_SIDE = 16  # the layout vector's grid
PIXELS_HW = (64, 48)  # the colour histogram's input (the tower's photo size)
NEAR_WHITE = 235
TRIM_BELOW, TRIM_SHARE = 225, 0.03  # garment rows/columns: over 3% of their pixels below 225
WEIGHTS = {"instance": 0.5, "clip": 0.1, "colour": 0.2, "layout": 0.2}
HUE_BINS, SATURATION_BINS, GREY_BINS = 16, 4, 4
GREY_SATURATION = 0.15  # below this a pixel has no hue worth the name: binned by its value
LENS_VERSION = "lens4"  # in the lens key: ingest recomputes lens vectors made by another recipe
MATCH_SCALES = (1.0, 0.83, 0.68)  # a crop keeps 40-90% of the area: 0.63-0.95 of each side
MATCH_TILTS = (-7.0, 0.0, 7.0)
RERANK_DEPTH = 50
MATCH_WEIGHT = 0.5  # a copy's score: instance cosine + this x template match
COPY_INSTANCE = 0.5  # the best candidate is a copy when its instance cosine reaches this
COPY_MARGIN = 0.1  # further copies score within this of the best
MAX_COPIES = 3  # listed ahead of CLIP's order
INSTANCE_CHECKPOINT = Path(__file__).resolve().parents[2] / "models" / "lens" / "instance.pt"


@functools.cache
def instance_model() -> InstanceNet:
    """The shipped instance descriptor (``models/lens/instance.pt``, trained by
    ``python -m training.lens``), loaded once per process."""
    if not INSTANCE_CHECKPOINT.is_file():
        raise FileNotFoundError(f"no instance descriptor at {INSTANCE_CHECKPOINT}: train one with training.lens")
    return load_instance_model(INSTANCE_CHECKPOINT)


def _trim(grey: np.ndarray) -> np.ndarray:
    """The bounding box of the garment: the rows and columns with more than a few
    clearly non-white pixels (JPEG noise and ringing around a re-compressed garment are
    faint and sparse, and would otherwise widen the box); the photo when blank."""
    dark = grey < TRIM_BELOW
    rows = np.nonzero(dark.sum(axis=1) > max(1.0, TRIM_SHARE * grey.shape[1]))[0]
    cols = np.nonzero(dark.sum(axis=0) > max(1.0, TRIM_SHARE * grey.shape[0]))[0]
    if len(rows) < 2 or len(cols) < 2:
        return grey
    return grey[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _grey(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.uint8)


def tower_pixels(image: Image.Image) -> torch.Tensor:
    """uint8 (3, 64, 48): the photo as the tower and the index see it (aspect kept, white pad)."""
    from retrieval.vision.encoder import to_pixels

    return to_pixels(image.convert("RGB"), *PIXELS_HW)


def content_thumbnail(pixels: torch.Tensor) -> np.ndarray:
    """uint8 (32, 32) from tower pixels (3, 64, 48): the content, aspect kept, centred on white."""
    grey = Image.fromarray(pixels.permute(1, 2, 0).numpy()).convert("L")
    content = Image.fromarray(_trim(np.asarray(grey, dtype=np.uint8)))
    fitted = ImageOps.pad(content, (THUMB_SIDE, THUMB_SIDE), method=Image.Resampling.BOX, color=255)
    return np.asarray(fitted, dtype=np.uint8)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)


def layout_vectors(thumbs: np.ndarray) -> np.ndarray:
    """(N, 32, 32) thumbnails -> (N, 256) mirror-symmetric, brightness/contrast-free vectors."""
    grid = F.adaptive_avg_pool2d(torch.from_numpy(thumbs).float().unsqueeze(1), LAYOUT_SIDE).flatten(1)
    both = torch.cat([grid, torch.flip(grid.view(-1, LAYOUT_SIDE, LAYOUT_SIDE), dims=[2]).flatten(1)])
    centred = (both - both.mean(1, keepdim=True)).numpy()
    units = _unit_rows(centred)
    return _unit_rows(units[: len(thumbs)] + units[len(thumbs) :])


def thumbnails(pixels: torch.Tensor) -> np.ndarray:
    """(N, 32, 32) content thumbnails of tower pixels (N, 3, 64, 48)."""
    if len(pixels) == 0:
        return np.zeros((0, THUMB_SIDE, THUMB_SIDE), dtype=np.uint8)
    return np.stack([content_thumbnail(p) for p in pixels])


def _hue_bins(rgb: torch.Tensor) -> torch.Tensor:
    """Bin of each pixel of (N, 3, H, W) floats in [0, 1]: hue x saturation, or for
    greyish pixels one of GREY_BINS value bands."""
    top, low = rgb.max(dim=1).values, rgb.min(dim=1).values
    spread = (top - low).clamp_min(1e-6)
    r, g, b = rgb.unbind(dim=1)
    not_red = torch.where(top == g, (b - r) / spread + 2, (r - g) / spread + 4)
    hue = torch.where(top == r, ((g - b) / spread) % 6, not_red)
    saturation = (top - low) / top.clamp_min(1e-6)
    coloured = (hue / 6 * HUE_BINS).long().clamp(0, HUE_BINS - 1) * SATURATION_BINS
    coloured = coloured + (saturation * SATURATION_BINS).long().clamp(0, SATURATION_BINS - 1)
    grey = HUE_BINS * SATURATION_BINS + (top * GREY_BINS).long().clamp(0, GREY_BINS - 1)
    return torch.where(saturation < GREY_SATURATION, grey, coloured)


def hue_histograms(pixels: torch.Tensor) -> torch.Tensor:
    """(N, 68) unit square-rooted hue x saturation histograms of the foreground (pixels
    not near-white) of uint8 (N, 3, H, W): what colours the garment has, whatever the
    light (brightness and contrast keep a colour's hue; they move RGB bins)."""
    n_bins = HUE_BINS * SATURATION_BINS + GREY_BINS
    foreground = (pixels.amin(dim=1) < NEAR_WHITE).float().flatten(1)
    foreground = torch.where(foreground.sum(1, keepdim=True) > 0, foreground, torch.ones_like(foreground))
    weight = foreground / foreground.sum(1, keepdim=True)
    bins = _hue_bins(pixels.float() / 255).flatten(1) + torch.arange(len(pixels)).view(-1, 1) * n_bins
    hist = torch.bincount(bins.flatten(), weight.flatten(), len(pixels) * n_bins).view(-1, n_bins)
    return F.normalize(hist.sqrt(), dim=1)


def lens_vectors(clip: np.ndarray, pixels: torch.Tensor, thumbs: np.ndarray) -> np.ndarray:
    """(N, instance_dim + clip_dim + 68 + 256) unit vectors whose dot products weigh the
    four parts: ``clip`` the photos' CLIP vectors, ``pixels`` (N, 3, 64, 48) and
    ``thumbs`` theirs. The instance part comes first (``instance_cosines`` reads it)."""
    parts = [
        WEIGHTS["instance"] ** 0.5 * instance_vectors(instance_model(), pixels),
        WEIGHTS["clip"] ** 0.5 * _unit_rows(np.asarray(clip, dtype=np.float32)),
        WEIGHTS["colour"] ** 0.5 * hue_histograms(pixels).numpy(),
        WEIGHTS["layout"] ** 0.5 * layout_vectors(thumbs),
    ]
    return np.concatenate(parts, axis=1).astype(np.float32)


def lens_dim(clip_dim: int) -> int:
    return instance_model().config.dim + clip_dim + HUE_BINS * SATURATION_BINS + GREY_BINS + LAYOUT_SIDE**2


def instance_cosines(query_lens: np.ndarray, lens_rows: np.ndarray) -> np.ndarray:
    """(K,) instance-descriptor cosines of a query's lens vector with K stored lens vectors."""
    dim = instance_model().config.dim
    return np.asarray(lens_rows, dtype=np.float32)[:, :dim] @ np.asarray(query_lens)[:dim] / WEIGHTS["instance"]


def _templates(image: Image.Image) -> list[np.ndarray]:
    """The query's content (grey, trimmed) at every scale and tilt, and each mirrored."""
    content = Image.fromarray(_trim(_grey(image)))
    content.thumbnail((2 * THUMB_SIDE, 2 * THUMB_SIDE), Image.Resampling.BOX)  # tilting a small copy is cheap
    out = []
    for tilt in MATCH_TILTS:
        grey = np.asarray(content)
        if tilt:
            grey = _trim(np.asarray(content.rotate(tilt, Image.Resampling.BILINEAR, expand=True, fillcolor=255)))
        fit = THUMB_SIDE / max(grey.shape)
        for scale in MATCH_SCALES:
            size = (max(6, round(grey.shape[1] * fit * scale)), max(6, round(grey.shape[0] * fit * scale)))
            template = np.asarray(Image.fromarray(grey).resize(size, Image.Resampling.BOX), dtype=np.float32)
            out += [template, np.ascontiguousarray(template[:, ::-1])]
    return out


def match_scores(query: Image.Image, thumbs: np.ndarray) -> np.ndarray:
    """(K,) best normalised cross-correlation of the query's content over each thumbnail
    (any placement, scale, tilt or orientation): 1 for a copy, whatever its brightness.

    The K thumbnails are stacked into one tall image and OpenCV correlates each template
    with all of it at once (by DFT); only placements inside one thumbnail count."""
    import cv2

    if len(thumbs) == 0:
        return np.zeros(0, dtype=np.float32)
    side = thumbs.shape[1]
    mosaic = np.ascontiguousarray(thumbs.reshape(-1, thumbs.shape[2]), dtype=np.float32)
    best = np.full(len(thumbs), -1.0, dtype=np.float32)
    for template in _templates(query):
        h = template.shape[0]
        if float(template.std()) < 1e-3:
            continue
        scores = cv2.matchTemplate(mosaic, template, cv2.TM_CCOEFF_NORMED)
        rows = np.arange(side - h + 1)[None, :] + side * np.arange(len(thumbs))[:, None]
        inside = np.nan_to_num(scores[rows], nan=0.0, posinf=0.0, neginf=0.0)
        best = np.maximum(best, inside.max(axis=(1, 2)))
    return best


def copies(query: Image.Image, query_lens: np.ndarray, lens_rows: np.ndarray, thumbs: np.ndarray) -> np.ndarray:
    """Positions of the candidates taken as the very product in the photo, best first
    among those whose instance cosine reaches ``COPY_INSTANCE``: the best by instance
    cosine + ``MATCH_WEIGHT`` x match, and those within ``COPY_MARGIN`` of it.
    ``lens_rows`` and ``thumbs`` are the candidates' stored lens vectors and thumbnails.
    Photo search lists them first and then the CLIP vector's order (ordering every answer
    by the lens cost "like this" ~0.05 same type and ~0.09 same colour among the ten
    nearest; a fixed three copies cost 0.03 same colour, the margin keeps it under 0.001)."""
    instance = instance_cosines(query_lens, lens_rows)
    score = instance + MATCH_WEIGHT * match_scores(query, thumbs)
    order = np.argsort(-score, kind="stable")
    order = order[instance[order] >= COPY_INSTANCE]
    if len(order) == 0:
        return order
    return order[score[order] >= score[order[0]] - COPY_MARGIN][:MAX_COPIES]

"""``ClipEncoder``: photos and texts -> normalised vectors in one space, for whichever
CLIP is configured: the shipped catalog-trained model (default) or any OpenCLIP model
by name with a checkpoint file (``ATELIER_CLIP_MODEL=ViT-B-32
ATELIER_CLIP_PRETRAINED=/path/to/open_clip_pytorch_model.bin``)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from config import Settings
from retrieval.embedding import resolve_model_path
from retrieval.vision.model import ClipModel, TowerConfig, build_clip
from retrieval.vision.normalise import to_pixels

DEFAULT_MODEL = "atelier"
SHIPPED_CHECKPOINT = Path(__file__).resolve().parents[2] / "models" / "clip" / "atelier-clip.pt"


class ClipEncoder:
    """A loaded CLIP: ``embed_images``/``embed_texts`` return L2-normalised float32 rows.
    ``tag`` names the model's weights: image vectors are cached and indexed per tag."""

    def __init__(
        self,
        model: ClipModel,
        tokenizer: Callable,
        preprocess: Callable[[Image.Image], torch.Tensor],
        tag: str,
        input_size: tuple[int, int],
        threads: int = 2,
    ) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.preprocess = preprocess
        self.tag = tag
        self.input_size = input_size  # (width, height): lets JPEG decoding skip work
        self.threads = threads
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return int(self.model.visual.output_dim)

    @torch.inference_mode()
    def embed_pixels(self, batch: torch.Tensor) -> np.ndarray:
        with self._lock:
            torch.set_num_threads(self.threads)
            return self.model.encode_image(batch, normalize=True).float().numpy()

    def embed_images(self, images: Sequence[Image.Image], batch_size: int = 256) -> np.ndarray:
        out = [
            self.embed_pixels(torch.stack([self.preprocess(im) for im in images[i : i + batch_size]]))
            for i in range(0, len(images), batch_size)
        ]
        return np.concatenate(out) if out else np.zeros((0, self.dim), dtype=np.float32)

    @torch.inference_mode()
    def embed_texts(self, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
        out = []
        with self._lock:
            torch.set_num_threads(self.threads)
            for i in range(0, len(texts), batch_size):
                tokens = self.tokenizer(list(texts[i : i + batch_size]))
                out.append(self.model.encode_text(tokens, normalize=True).float().numpy())
        return np.concatenate(out) if out else np.zeros((0, self.dim), dtype=np.float32)


def _file_tag(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def atelier_tokenizer(text_model_path: str, context_length: int = 64) -> Callable[[list[str]], torch.Tensor]:
    from open_clip.tokenizer import HFTokenizer

    return HFTokenizer(text_model_path, context_length=context_length)


def load_atelier(checkpoint: Path, text_model: str, threads: int = 2) -> ClipEncoder:
    """The catalog-trained model: MiniLM from its local package plus the tower weights."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if not Path(checkpoint).is_file():
        raise FileNotFoundError(
            f"no CLIP model at {checkpoint}: run `atelier train clip` or set ATELIER_CLIP_CHECKPOINT"
        )
    state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    config = TowerConfig.from_dict(state["tower_config"])
    text_path = resolve_model_path(text_model)
    model = build_clip(text_path, config, state.get("context_length", 64))
    model.visual.load_state_dict(state["visual"])
    with torch.no_grad():
        model.logit_scale.fill_(float(state["logit_scale"]))
    tokenizer = atelier_tokenizer(text_path, state.get("context_length", 64))
    return ClipEncoder(
        model,
        tokenizer,
        lambda im: to_pixels(im, config.height, config.width),
        f"atelier-{_file_tag(Path(checkpoint))}",
        (config.width, config.height),
        threads,
    )


def load_open_clip(name: str, pretrained: str | None, threads: int = 2) -> ClipEncoder:
    """Any OpenCLIP architecture by name, with a local checkpoint file (or random weights
    when ``pretrained`` is unset, which only tests want)."""
    import open_clip

    if pretrained and not Path(pretrained).is_file():
        raise FileNotFoundError(f"ATELIER_CLIP_PRETRAINED={pretrained} is not a file")
    model, _, preprocess = open_clip.create_model_and_transforms(name, pretrained=pretrained or None)
    tokenizer = open_clip.get_tokenizer(name)
    size = model.visual.image_size if hasattr(model.visual, "image_size") else (224, 224)
    size = size if isinstance(size, tuple) else (size, size)
    tag = f"{name}-{_file_tag(Path(pretrained)) if pretrained else 'random'}"
    return ClipEncoder(model, tokenizer, preprocess, tag, (size[1], size[0]), threads)


def missing_model_file(settings: Settings) -> str | None:
    """What ``load_encoder`` would not find (None: its file is there), without loading the
    model: lets a capabilities answer say whether photo search works, at the cost of a stat."""
    if settings.clip_model == DEFAULT_MODEL:
        checkpoint = Path(settings.clip_checkpoint or SHIPPED_CHECKPOINT)
        return None if checkpoint.is_file() else f"no CLIP model at {checkpoint}"
    if settings.clip_pretrained and not Path(settings.clip_pretrained).is_file():
        return f"ATELIER_CLIP_PRETRAINED={settings.clip_pretrained} is not a file"
    return None


def load_encoder(settings: Settings) -> ClipEncoder:
    """The configured CLIP (``clip_model``: ``atelier`` or an OpenCLIP model name)."""
    if settings.clip_model == DEFAULT_MODEL:
        return load_atelier(settings.clip_checkpoint or SHIPPED_CHECKPOINT, settings.text_model, settings.torch_threads)
    return load_open_clip(settings.clip_model, settings.clip_pretrained, settings.torch_threads)

"""The catalog-trained CLIP: open_clip's ``CustomTextCLIP`` with the frozen MiniLM as
its Hugging Face text tower and a small residual CNN as its image tower.

Why this shape: no CLIP weights can be installed here, so the image tower learns to map
catalog photos into MiniLM's existing sentence space; text queries then need no new
model at all (the text tower is exactly the MiniLM that embeds product text). The CNN is
sized for 2 CPU cores (~2M parameters, 64x48 input); a foreground colour histogram
computed from the pixels joins the pooled features, because colour is what shoppers
name most and a small CNN learns it slowly."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, TypeAlias

import torch
from torch import nn
from torch.nn import functional as F

TEXT_DIM = 384  # MiniLM-L6 width: the shared embedding space
HIST_BINS = 4  # per channel: 64 colour bins


@dataclass(frozen=True)
class TowerConfig:
    """Everything needed to rebuild the image tower from a checkpoint."""

    height: int = 64
    width: int = 48
    widths: tuple[int, ...] = (32, 64, 128, 256)
    depths: tuple[int, ...] = (1, 1, 1, 1)  # residual blocks per stage
    embed_dim: int = TEXT_DIM
    hidden: int = 512
    anchors: int = 0  # look-prompt anchor vectors held by the tower (0: none, raw vectors)
    anchor_weight: float = 1.0  # share of the raw vector in an anchored one
    anchor_scale: float = 64.0  # softmax temperature over the anchors

    def to_dict(self) -> dict:
        return {**asdict(self), "widths": list(self.widths), "depths": list(self.depths)}

    @classmethod
    def from_dict(cls, data: dict) -> TowerConfig:
        depths = tuple(data.get("depths", (1,) * len(data["widths"])))  # older files: one block a stage
        return cls(**{**data, "widths": tuple(data["widths"]), "depths": depths})


class ResidualBlock(nn.Module):
    """A ResNet basic block (two 3x3 convs, identity or 1x1 shortcut)."""

    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = (
            nn.Identity()
            if stride == 1 and cin == cout
            else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.short(x))


def colour_features(pixels: torch.Tensor) -> torch.Tensor:
    """Foreground colour statistics of uint8-range images (N, 3, H, W): a 64-bin RGB
    histogram and the mean colour of non-background pixels, plus the foreground share.
    Near-white pixels are background (catalog photos are shot on white)."""
    x = pixels.float()
    fg = (x.amin(dim=1) < 235).float().flatten(1)  # (N, HW)
    fg = torch.where(fg.sum(1, keepdim=True) > 0, fg, torch.ones_like(fg))
    weight = fg / fg.sum(1, keepdim=True)
    q = (x * (HIST_BINS / 256)).long().clamp(0, HIST_BINS - 1)
    bins = (q[:, 0] * HIST_BINS * HIST_BINS + q[:, 1] * HIST_BINS + q[:, 2]).flatten(1)
    n_bins = HIST_BINS**3
    offsets = torch.arange(x.shape[0]).view(-1, 1) * n_bins
    hist = torch.bincount((bins + offsets).flatten(), weight.flatten(), x.shape[0] * n_bins).view(-1, n_bins)
    mean = (x.flatten(2) * weight.unsqueeze(1)).sum(2) / 255.0
    share = fg.mean(1, keepdim=True)
    return torch.cat([hist.sqrt(), mean, share], dim=1)


COLOUR_DIMS = HIST_BINS**3 + 4


# open_clip's ``CustomTextCLIP`` (``encode_image``, ``encode_text``, ``visual``): open_clip
# ships no type information, so the model is typed by this name only.
ClipModel: TypeAlias = Any


class ConvTower(nn.Module):
    """Image tower: uint8 pixels in (normalised inside), an unnormalised embedding out.
    Exposes ``output_dim`` and ``lock`` like open_clip's own towers."""

    mean: torch.Tensor  # registered buffers: saved with the weights, moved with the module
    std: torch.Tensor
    anchor_vectors: torch.Tensor

    def __init__(self, config: TowerConfig) -> None:
        super().__init__()
        self.config = config
        self.output_dim = config.embed_dim
        w = config.widths
        # ResNet-style stem (stride 2 + max-pool): 4x fewer pixels for the blocks to pay for
        self.stem = nn.Sequential(
            nn.Conv2d(3, w[0], 3, 2, 1, bias=False), nn.BatchNorm2d(w[0]), nn.ReLU(), nn.MaxPool2d(2)
        )
        stages, cin = [], w[0]
        for i, (cout, depth) in enumerate(zip(w, config.depths, strict=True)):
            for j in range(depth):
                stages.append(ResidualBlock(cin, cout, 2 if i > 0 and j == 0 else 1))
                cin = cout
        self.stages = nn.Sequential(*stages)
        self.head = nn.Sequential(
            nn.Linear(2 * w[-1] + COLOUR_DIMS, config.hidden), nn.GELU(), nn.Linear(config.hidden, config.embed_dim)
        )
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255)
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255)
        if config.anchors:
            self.register_buffer("anchor_vectors", torch.zeros(config.anchors, config.embed_dim))

    @property
    def feature_dim(self) -> int:
        return 2 * self.config.widths[-1] + COLOUR_DIMS

    def features(self, pixels: torch.Tensor) -> torch.Tensor:
        """Pooled CNN features joined with the colour histogram: what the head maps to 384-d."""
        colour = colour_features(pixels)
        x = (pixels.float() - self.mean) / self.std
        x = self.stages(self.stem(x.contiguous(memory_format=torch.channels_last)))
        pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1).float()
        return torch.cat([pooled, colour.to(pooled.dtype)], dim=1)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.anchor(self.head(self.features(pixels)))

    def anchor(self, emb: torch.Tensor) -> torch.Tensor:
        """Pull a photo's vector toward the text vectors of the looks it most likely shows.

        Why: the tower is trained to classify photos against the MiniLM vectors of every
        (colour, article type) prompt seen in training (``prompts.py``). The softmax over
        those anchors is that classifier's belief; mixing the belief-weighted anchor into
        the vector moves a photo to where short look queries ("navy shirts") land and
        groups photos the classifier reads as the same look. Identity without anchors."""
        if not self.config.anchors:
            return emb
        unit = F.normalize(emb.float(), dim=-1)
        belief = F.softmax(self.config.anchor_scale * unit @ self.anchor_vectors.T, dim=-1)
        look = F.normalize(belief @ self.anchor_vectors, dim=-1)
        w = self.config.anchor_weight
        return w * unit + (1 - w) * look

    def set_anchors(self, vectors: torch.Tensor, weight: float, scale: float) -> None:
        """Install anchor vectors (normalised rows in the text space) after training."""
        self.config = replace(self.config, anchors=len(vectors), anchor_weight=weight, anchor_scale=scale)
        self.register_buffer("anchor_vectors", F.normalize(vectors.float(), dim=-1).clone())

    def lock(self, unlocked_groups: int = 0, freeze_bn_stats: bool = False) -> None:
        for p in self.parameters():
            p.requires_grad = False


def build_clip(text_model_path: str, config: TowerConfig, context_length: int = 64) -> ClipModel:
    """An open_clip ``CustomTextCLIP``: the pretrained MiniLM (mean pooling, no
    projection, frozen) as text tower and a fresh ``ConvTower`` as image tower."""
    from open_clip.model import CLIPTextCfg, CLIPVisionCfg, CustomTextCLIP

    text_cfg = CLIPTextCfg(
        context_length=context_length,
        hf_model_name=text_model_path,
        hf_tokenizer_name=text_model_path,
        hf_model_pretrained=True,
        hf_proj_type=None,
        hf_pooler_type="mean_pooler",
    )
    # open_clip needs *a* vision config to build; the placeholder is replaced at once.
    placeholder = CLIPVisionCfg(
        layers=1, width=32, head_width=32, patch_size=16, image_size=(config.height, config.width)
    )
    model = CustomTextCLIP(embed_dim=config.embed_dim, vision_cfg=placeholder, text_cfg=text_cfg)
    model.visual = ConvTower(config)
    model.lock_text_tower(unlocked_layers=0, freeze_layer_norm=True)
    model.text.eval()
    return model


def tower_parameters(model: ClipModel) -> list[nn.Parameter]:
    """What training updates: the image tower and the temperature (the text tower is frozen)."""
    return [p for p in model.visual.parameters() if p.requires_grad] + [model.logit_scale]

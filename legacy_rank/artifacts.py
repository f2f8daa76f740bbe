"""Where trained models live and what is written beside them. Why a metadata file next to
every model: a served or evaluated model must say which data, seed and code version made
it and how well it did, so that a stale or foreign artifact is recognised, not trusted."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

ARTIFACT_VERSION = "1"
TWO_TOWER_FILE = "two_tower.pt"
RANKER_FILE = "ranker.txt"
SERVING_RANKER_FILE = "ranker_content.txt"
# What serves recommendations with the two-tower artifact (and with the serving ranker beside it).
TWO_TOWER_METHOD = "two-tower recall + MMR"
TWO_TOWER_RANKER_METHOD = "two-tower recall + LightGBM ranker + MMR"


class ArtifactMeta(BaseModel):
    """What made a model and how it scored (written as ``<model>.json``)."""

    kind: str = Field(description="two_tower or ranker")
    version: str = ARTIFACT_VERSION
    seed: int
    data_hash: str = Field(description="sha256 prefix of the interactions file it was trained on")
    metrics: dict[str, float | int | str] = Field(default_factory=dict)
    config: dict = Field(default_factory=dict)
    train_seconds: float
    threads: int
    created: datetime = Field(default_factory=lambda: datetime.now(UTC))


def file_hash(path: Path) -> str:
    """sha256 prefix of a file's bytes (identifies the training data)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def meta_path(model_path: Path) -> Path:
    return Path(model_path).with_suffix(".json")


def write_meta(model_path: Path, meta: ArtifactMeta) -> None:
    meta_path(model_path).write_text(meta.model_dump_json(indent=1) + "\n")


def read_meta(model_path: Path) -> ArtifactMeta | None:
    path = meta_path(model_path)
    if not path.is_file():
        return None
    return ArtifactMeta.model_validate(json.loads(path.read_text()))

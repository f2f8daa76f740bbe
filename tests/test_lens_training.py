"""The instance descriptor: its training data keeps the held-out split out, its loss
pulls copies together, a short run on CPU writes a model that loads and makes unit
vectors, the GPU box's entry point imports nothing of the search stack, the shipped
descriptor finds copies of held-out photos that CLIP does not, and a lens vector of an
older size is dropped and made again in both store implementations."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from catalog import load_catalog
from config import Settings
from evals.shopper_photos import shopper_photo
from retrieval.image_index import ensure_lens_vector
from retrieval.stores.base import LENS, LENS_KEY, IndexPoint, SparseVec
from retrieval.stores.edge import EdgeStore
from retrieval.stores.remote import ClientStore
from retrieval.vision import load_encoder
from retrieval.vision.instance import instance_vectors, load_instance_model
from retrieval.vision.lens import instance_model, tower_pixels
from retrieval.vision.normalise import normalise_photo
from training.clip.data import is_held_out
from training.lens.augment import jitter_on_device, view_pixels
from training.lens.data import pack, training_photos, unpack_groups
from training.lens.train import LensTraining, contrastive_loss, train

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def products(catalog_dir: Path) -> list:
    return load_catalog(catalog_dir, limit=600).products


def test_the_pack_leaves_out_held_out_products_and_their_photos(products: list, catalog_dir: Path) -> None:
    photos = training_photos(products, catalog_dir, seed=13)
    ids = {pid for pid, _, _ in photos}
    held = [p for p in products if is_held_out(p.id, 13)]
    assert held and not ids & {p.id for p in held}
    held_hashes = {
        hashlib.sha256((catalog_dir / "images" / f"{p.id}.jpg").read_bytes()).hexdigest()
        for p in held
        if (catalog_dir / "images" / f"{p.id}.jpg").is_file()
    }
    kept_hashes = [hashlib.sha256(data).hexdigest() for _, data, _ in photos]
    assert not held_hashes & set(kept_hashes) and len(kept_hashes) == len(set(kept_hashes))
    assert len(photos) > 0.8 * (len(products) - len(held))


def test_the_loss_is_low_when_copies_agree_and_high_when_they_do_not() -> None:
    labels = torch.arange(8).repeat(3)
    anchors = torch.nn.functional.normalize(torch.randn(8, 16), dim=1)
    agreeing = anchors.repeat(3, 1)
    shuffled = torch.cat([anchors, anchors[torch.randperm(8)], anchors[torch.randperm(8)]])
    assert contrastive_loss(agreeing, labels, 0.05) < 0.5 * contrastive_loss(shuffled, labels, 0.05)


def test_a_shopper_view_is_the_towers_pixels_and_not_the_catalog_photo(
    products: list, catalog_dir: Path, tmp_path: Path
) -> None:
    images, _ = _packed(training_photos(products[:40], catalog_dir, seed=13), tmp_path / "pack.npz")
    rng = random.Random(3)
    views = [view_pixels(image, rng) for image in images]
    assert all(v.shape == (3, 64, 48) and v.dtype == torch.uint8 for v in views)
    clean = torch.stack([tower_pixels(image) for image in images])
    changed = (torch.stack(views).float() - clean.float()).abs().mean(dim=(1, 2, 3))
    assert (changed > 1.0).float().mean() > 0.8


def test_views_jittered_again_on_the_device_stay_views_of_their_photo(
    products: list, catalog_dir: Path, tmp_path: Path
) -> None:
    """The GPU-side re-jitter changes every view, fills what it brings into view with white
    (a shifted catalog photo keeps a white background, not a black edge), and leaves each
    view nearer its own photo than to most other photos."""
    images, _ = _packed(training_photos(products[:64], catalog_dir, seed=13), tmp_path / "pack.npz")
    clean = torch.stack([tower_pixels(image) for image in images])
    jittered = jitter_on_device(clean, torch.Generator().manual_seed(5))
    assert jittered.shape == clean.shape and jittered.dtype == torch.uint8
    assert ((jittered.float() - clean.float()).abs().mean(dim=(1, 2, 3)) > 1.0).float().mean() > 0.9
    white = jitter_on_device(torch.full((16, 3, 64, 48), 255, dtype=torch.uint8), torch.Generator().manual_seed(6))
    assert white.min() >= 200
    distance = torch.cdist(jittered.flatten(1).float(), clean.flatten(1).float())
    own = distance.diagonal()
    assert (own < distance.median(dim=1).values).float().mean() > 0.9


def _packed(photos: list, path: Path) -> tuple[list, list[str]]:
    pack(photos, path)
    try:
        return unpack_groups(path)
    finally:
        path.unlink()


def test_a_short_run_writes_a_descriptor_that_loads(products: list, catalog_dir: Path, tmp_path: Path) -> None:
    images, groups = _packed(training_photos(products, catalog_dir, seed=13)[:200], tmp_path / "pack.npz")
    config = LensTraining(seconds=600, max_steps=6, batch_size=32, warmup_steps=2, validation=40, workers=0)
    card = train(images, groups, tmp_path / "out", config, log=lambda _: None)
    assert card["steps"] == 6 and card["photos"] == 160 and 0 <= card["validation_top1"] <= 1
    model = load_instance_model(tmp_path / "out" / "instance.pt")
    vectors = instance_vectors(model, torch.stack([tower_pixels(image) for image in images[:5]]))
    assert vectors.shape == (5, 128) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert model.card["steps"] == 6
    repeated = LensTraining(
        seconds=600, max_steps=6, batch_size=32, warmup_steps=2, validation=40, workers=0, repeats=3
    )
    assert train(images, groups, tmp_path / "again", repeated, log=lambda _: None)["steps"] == 6


def test_the_gpu_entry_point_needs_none_of_the_search_stack(products: list, catalog_dir: Path, tmp_path: Path) -> None:
    """``python -m training.lens`` runs where only torch, numpy and Pillow exist: it must
    not import pydantic (the settings) or Qdrant."""
    pack(training_photos(products, catalog_dir, seed=13)[:120], tmp_path / "pack.npz")
    probe = (
        "import runpy, sys; "
        f"sys.argv = ['x', 'train', '--data', '{tmp_path / 'pack.npz'}', '--out', '{tmp_path / 'out'}', "
        "'--seconds', '5', '--batch-size', '16', '--workers', '0', '--validation', '20']; "
        "runpy.run_module('training.lens', run_name='__main__'); "
        "assert not [m for m in sys.modules if m.startswith(('pydantic', 'qdrant'))], 'search stack imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "instance.pt").is_file() and (tmp_path / "out" / "card.json").is_file()


def test_the_shipped_descriptor_finds_copies_of_held_out_photos(catalog_dir: Path) -> None:
    """Held-out products (never trained on) among 1,500 catalog photos: a snapshot (crop,
    mirror, re-compression, light) or a rescaled copy finds its own photo first by the
    descriptor for most of them, and far more often than by CLIP."""
    catalog = [p for p in load_catalog(catalog_dir, limit=1500).products if p.image_path]
    pixels = torch.stack([tower_pixels(_open(p.image_path)) for p in catalog])
    held = [i for i, p in enumerate(catalog) if is_held_out(p.id, 13)][:60]
    encoder = load_encoder(Settings(catalog=catalog_dir))
    gallery_instance = instance_vectors(instance_model(), pixels)
    gallery_clip = encoder.embed_pixels(pixels)
    for name in ("snapshot", "rescale_jpeg"):
        shots = torch.stack(
            [
                tower_pixels(normalise_photo(shopper_photo(_open(catalog[i].image_path), catalog[i].id, name, 4)))
                for i in held
            ]
        )
        by_instance = (instance_vectors(instance_model(), shots) @ gallery_instance.T).argmax(axis=1)
        by_clip = (encoder.embed_pixels(shots) @ gallery_clip.T).argmax(axis=1)
        own = np.array(held)
        assert (by_instance == own).mean() >= 0.75 and (by_instance == own).mean() > (by_clip == own).mean() + 0.2


def _open(path: str | None) -> Image.Image:
    with Image.open(path or "") as image:
        return image.convert("RGB")


@pytest.mark.parametrize("kind", ["edge", "client"])
def test_a_lens_vector_of_another_size_is_dropped_and_made_again(kind: str, tmp_path: Path) -> None:
    store = EdgeStore(tmp_path / "shard") if kind == "edge" else ClientStore(":memory:", "products")
    store.ensure_collection(4)
    store.upsert([IndexPoint(i, [1.0, 0.0, 0.0, float(i)], SparseVec((1,), (1.0,)), {"id": str(i)}) for i in (1, 2)])
    ensure_lens_vector(store, 6)
    store.set_image_vectors([(1, [1.0] * 6, "lens2:a")], LENS)
    ensure_lens_vector(store, 6)
    assert store.image_dim(LENS) == 6
    ensure_lens_vector(store, 9)
    assert store.image_dim(LENS) == 9
    store.set_image_vectors([(1, [1.0] * 9, "lens3:a")], LENS)
    assert store.payload_values(LENS_KEY)[1] == "lens3:a"
    kept = np.array(store.vector_of(2) or [0.0])  # the points keep their other vectors (stored unit-length)
    assert np.allclose(kept, np.array([1.0, 0.0, 0.0, 2.0]) / 5**0.5, atol=1e-6)

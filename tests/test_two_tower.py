"""The two-tower model, the LambdaRank ranker and catalog recommendations, on real data:
a subset of the shared Amazon interactions (the 1,000 most-reviewed items and the users
with >= 4 events on them) with real MiniLM title embeddings, and the real catalog subset
(SQLite + embedded Qdrant) of ``conftest.py``."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from config import Settings
from legacy_rank.artifacts import (
    RANKER_FILE,
    SERVING_RANKER_FILE,
    TWO_TOWER_FILE,
    read_meta,
)
from legacy_rank.ranker import (
    CONTENT_FEATURES,
    FULL_FEATURES,
    build_ranking_set,
    evaluation_requests,
    load_ranker,
    target_ranks,
)
from legacy_rank.two_tower import TwoTowerConfig
from tools import Toolkit
from training.rank import (
    candidate_features,
    load_rank_data,
    train_rankers,
    train_two_tower,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "amazon-clothing"
TOP_ITEMS, MIN_EVENTS = 1000, 4


@pytest.fixture(scope="module")
def subset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHARED / "interactions.csv").is_file():
        pytest.skip(f"shared interactions not found at {SHARED}")
    with (SHARED / "interactions.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    popular = {item for item, _ in Counter(r[1] for r in rows).most_common(TOP_ITEMS)}
    kept = [r for r in rows if r[1] in popular]
    active = {user for user, n in Counter(r[0] for r in kept).items() if n >= MIN_EVENTS}
    folder = tmp_path_factory.mktemp("interactions-subset")
    with (folder / "interactions.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([["user_id", "item_id", "timestamp"], *(r for r in kept if r[0] in active)])
    with (SHARED / "items.csv").open(newline="") as source, (folder / "items.csv").open("w", newline="") as target:
        reader, writer = csv.reader(source), csv.writer(target)
        writer.writerow(next(reader))
        writer.writerows(r for r in reader if r[0] in popular)
    return folder


@pytest.fixture(scope="module")
def rank_data(subset_dir: Path, embedder, tmp_path_factory: pytest.TempPathFactory):
    return load_rank_data(
        subset_dir, embedder.embed_documents, tmp_path_factory.mktemp("rank-cache"), embedder.model_name
    )


@pytest.fixture(scope="module")
def trained(rank_data, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rank-models")
    config = TwoTowerConfig(max_epochs=3, batch_size=256, valid_users=1000, seed=3)
    train_two_tower(rank_data, folder, config, threads=2)
    train_rankers(rank_data, folder, seed=3, threads=2)
    return folder


def test_short_training_improves_validation_recall_over_random(trained: Path) -> None:
    meta = read_meta(trained / TWO_TOWER_FILE)
    assert meta is not None and meta.kind == "two_tower" and meta.seed == 3 and len(meta.data_hash) == 16
    recall, random = meta.metrics["valid_recall@10"], meta.metrics["random_recall@10"]
    assert recall >= 3 * random, (recall, random)
    assert recall > float(meta.metrics["log"].split("'valid_recall@10': ")[1].split("}")[0])  # beats epoch 0


def test_ranker_trains_and_ranks_test_candidates(rank_data, trained: Path) -> None:
    for file, names in ((RANKER_FILE, FULL_FEATURES), (SERVING_RANKER_FILE, CONTENT_FEATURES)):
        meta = read_meta(trained / file)
        assert meta.kind == "ranker" and meta.config["features"] == list(names) and meta.metrics["groups"] > 50
    features = candidate_features(rank_data, trained)
    users = sorted(rank_data.split.test)[:400]
    ranking = build_ranking_set(features, evaluation_requests(rank_data.split, users), keep_unlabelled=True)
    ranks = target_ranks(load_ranker(trained / RANKER_FILE), ranking, FULL_FEATURES)
    assert len(ranks) == len(users) and len(ranking.groups) == len(users)
    found = np.asarray([t in c for t, c in zip(ranking.targets, ranking.candidates)])
    assert (ranks[found] < np.asarray(ranking.groups)[found]).all()  # a real position inside the candidates
    assert (ranks[~found] >= 1_000_000).all()
    assert (ranks < 10).sum() > 0.02 * len(users)  # far above random (10 of 1,000 items -> ~1%)


@pytest.fixture(scope="module")
def kit(search, request: pytest.FixtureRequest):
    """The toolkit on the catalog subset, recommending with the committed model when the
    checkout has it, else with the model trained above."""
    committed = Settings().rank_models_dir
    models = committed if (committed / TWO_TOWER_FILE).is_file() else request.getfixturevalue("trained")
    toolkit = Toolkit(search, search.settings.model_copy(update={"rank_models_dir": models}))
    yield toolkit
    toolkit.close()


def _ids(kit: Toolkit, article_type: str, gender: str, n: int) -> list[str]:
    records = [r for r in kit.search.db.iter_records() if r.article_type == article_type and r.gender == gender]
    return [r.id for r in records[:n]]


def test_session_of_shirts_returns_shirts(kit: Toolkit) -> None:
    session = _ids(kit, "Shirts", "Men", 6)
    result = kit.recommend(session, [], 10)
    assert result.method.startswith("two-tower") and len(result.products) == 10
    kinds = [p.article_type for p in result.products]
    assert sum("shirt" in kind.lower() for kind in kinds) >= 7, kinds
    assert not set(session) & {p.id for p in result.products}


def test_sold_out_and_cart_items_are_never_returned(kit: Toolkit) -> None:
    session = _ids(kit, "Tshirts", "Women", 5)
    first = kit.recommend(session, [], 10).products
    cart, sold_out = first[0].id, first[1:4]
    saved = {p.id: dict(kit.search.db.get_record(p.id).stock) for p in sold_out}
    try:
        for product_id, stock in saved.items():
            for size in stock:
                kit.search.db.set_stock(product_id, size, 0)
        again = kit.recommend([*session, cart], [cart], 10).products
    finally:
        for product_id, stock in saved.items():
            for size, units in stock.items():
                kit.search.db.set_stock(product_id, size, units)
    returned = {p.id for p in again}
    assert len(again) == 10 and cart not in returned and not returned & set(saved)
    assert all(p.in_stock for p in again)
    assert len({p.title.lower() for p in again}) == len(again)


def test_unknown_session_falls_back_to_content_based(kit: Toolkit) -> None:
    result = kit.recommend(["99999999"], [], 5)
    assert result.method.startswith("content-based") and result.products == []

"""``atelier bench recommend``: ``Toolkit.recommend`` latency for 10-item sessions over the
whole store catalog (two-tower recall over every product, ranker, stock/cart/title
filters, MMR), against the content-based fallback (a Qdrant nearest-neighbour query) in
the same run, plus the one-off cost of building the catalog matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval import SearchFilters

import time
from collections import defaultdict

import numpy as np

from tools import Toolkit


def _sessions(kit: Toolkit, n: int, length: int, seed: int) -> list[list[str]]:
    """Seeded shopper-like sessions: ``length`` products of one gender and article type."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in kit.search.db.iter_records():
        groups[(record.gender, record.article_type)].append(record.id)
    pools = [ids for ids in groups.values() if len(ids) >= 2 * length]
    rng = np.random.default_rng(seed)
    return [rng.choice(pools[rng.integers(len(pools))], length, replace=False).tolist() for _ in range(n)]


def _percentiles(samples: list[float]) -> dict:
    return {
        "p50_ms": round(float(np.percentile(samples, 50)), 2),
        "p99_ms": round(float(np.percentile(samples, 99)), 2),
        "mean_ms": round(float(np.mean(samples)), 2),
    }


def run_recommend_benchmark(kit: Toolkit, sessions: int = 300, length: int = 10, k: int = 10, seed: int = 0) -> dict:
    started = time.perf_counter()
    recommender = kit.recommender()
    build_s = time.perf_counter() - started
    if recommender is None:
        return {"suite": "bench-recommend", "error": "no two-tower artifact in rank_models_dir"}
    plans = _sessions(kit, sessions, length, seed)
    for plan in plans[:5]:  # warm caches (SQLite pages, LightGBM, torch)
        kit.recommend(plan, [], k)
    timings: dict[str, list[float]] = {"two_tower": [], "content_fallback": []}
    methods = set()
    for plan in plans:
        t0 = time.perf_counter()
        result = kit.recommend(plan, [], k)
        t1 = time.perf_counter()
        kit.search.near_products(plan, _in_stock(), k, exclude=set(plan))
        t2 = time.perf_counter()
        methods.add(result.method)
        timings["two_tower"].append((t1 - t0) * 1000)
        timings["content_fallback"].append((t2 - t1) * 1000)
    return {
        "suite": "bench-recommend",
        "products": len(recommender.ids),
        "sessions": sessions,
        "session_length": length,
        "k": k,
        "methods": sorted(methods),
        "first_use_build_seconds": round(build_s, 2),
        "systems": {name: _percentiles(values) for name, values in timings.items()},
    }


def _in_stock() -> SearchFilters:
    from retrieval import SearchFilters

    return SearchFilters(in_stock_only=True)

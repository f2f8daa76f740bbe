"""``atelier eval retrieval``: BM25-only, dense-only, hybrid and hybrid + parsed filters
on one graded relevance set, in one run, over the ingested catalog."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from catalog import ProductRecord
from evals.metrics import ndcg_at, recall_at, reciprocal_rank
from evals.relevance import RelevanceQuery, build_relevance_set
from retrieval import ProductSearch
from retrieval.stores import FilterSpec, Leg

Ranker = Callable[[RelevanceQuery], list[str]]


def _systems(search: ProductSearch) -> dict[str, Ranker]:
    def leg(kind: Leg, fusion: str = "rrf", rrf_k: int | None = None) -> Ranker:
        def rank(q: RelevanceQuery) -> list[str]:
            return [str(h.id) for h in search.retrieve(q.query, FilterSpec(), 50, kind, fusion, rrf_k)]

        return rank

    def filtered(q: RelevanceQuery) -> list[str]:
        return [r.id for r in search.search(q.query, k=50).results]

    def with_image_leg(q: RelevanceQuery) -> list[str]:
        return [str(h.id) for h in search.retrieve(q.query, FilterSpec(), 50, Leg.hybrid, image_leg=True)]

    def filtered_with_image_leg(q: RelevanceQuery) -> list[str]:
        return [r.id for r in search.search(q.query, k=50, image_leg=True).results]

    systems = {
        "bm25": leg(Leg.sparse),
        "dense": leg(Leg.dense),
        "hybrid": leg(Leg.hybrid),
        "hybrid+filters": filtered,
        "hybrid dbsf": leg(Leg.hybrid, "dbsf"),
        "hybrid rrf k=2": leg(Leg.hybrid, "rrf", 2),
        "hybrid rrf k=20": leg(Leg.hybrid, "rrf", 20),
    }
    if search.has_image_vectors():  # text->image: measured as a third leg and alone
        systems |= {
            "hybrid+image": with_image_leg,
            "hybrid+filters+image": filtered_with_image_leg,
            "image": leg(Leg.image),
        }
    return systems


def _by_type(records: list[ProductRecord]) -> dict[str, list[ProductRecord]]:
    groups: dict[str, list[ProductRecord]] = defaultdict(list)
    for r in records:
        groups[r.article_type].append(r)
    return groups


def run_retrieval_eval(search: ProductSearch, n_queries: int = 240) -> dict:
    """Metrics per system (means over queries) plus per-system query latency."""
    records = list(search.db.iter_records())
    queries = build_relevance_set(records, n=n_queries)
    by_type = _by_type(records)
    systems = _systems(search)
    search.embedder.warm()
    sums: dict[str, dict[str, float]] = {name: defaultdict(float) for name in systems}
    seconds: dict[str, float] = defaultdict(float)
    for q in queries:
        grades = {r.id: q.grade(r) for r in by_type[q.article_type]}
        all_grades = [g for g in grades.values() if g > 0]
        n_top = sum(g == q.top_grade for g in all_grades)
        for name, rank in systems.items():
            started = time.perf_counter()
            ranked = rank(q)
            seconds[name] += time.perf_counter() - started
            ranked_grades = [grades.get(pid, 0) for pid in ranked]
            top = [g == q.top_grade for g in ranked_grades]
            sums[name]["ndcg@10"] += ndcg_at(ranked_grades, all_grades, 10)
            sums[name]["recall@50"] += recall_at(top, n_top, 50)
            sums[name]["mrr"] += reciprocal_rank(top)
    n = len(queries)
    table = {
        name: {metric: round(total / n, 4) for metric, total in metrics.items()}
        | {"mean_latency_ms": round(seconds[name] / n * 1e3, 2)}
        for name, metrics in sums.items()
    }
    core = ("bm25", "dense", "hybrid", "hybrid+filters")
    best_leg = max(("bm25", "dense"), key=lambda s: table[s]["ndcg@10"])
    return {
        "suite": "retrieval",
        "queries": n,
        "catalog_products": len(records),
        "systems": {name: table[name] for name in core},
        "ablations": {name: table[name] for name in table if name not in core},
        "hybrid_vs_best_leg": {
            "best_leg": best_leg,
            "ndcg@10_gain": round(table["hybrid"]["ndcg@10"] - table[best_leg]["ndcg@10"], 4),
            "hybrid+filters_ndcg@10_gain": round(table["hybrid+filters"]["ndcg@10"] - table[best_leg]["ndcg@10"], 4),
        },
        "examples": [q.query for q in queries[:12]],
    }

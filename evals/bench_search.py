"""``atelier bench search``: whole-search latency on the ingested catalog, in-process,
against a plain BM25 baseline (``bm25s``) over the same documents, in the same run."""

from __future__ import annotations

import resource
import time
from pathlib import Path

from catalog import ProductRecord
from evals.metrics import percentile
from evals.relevance import build_relevance_set
from retrieval import ProductSearch
from retrieval.filters import to_filter_spec
from retrieval.query_parser import parse_query
from retrieval.stores import Leg

EXTRA_QUERIES = [
    "200元以内的红色连衣裙",
    "男士黑色运动鞋",
    "女士手表 不超过3000元",
    "red dress not black",
    "formal shoes size 9 under 3000",
    "watch no leather",
    "kurti between 500 and 1000",
    "sneakers below Rs 2k for my husband",
    "black tee ₹999 or less",
    "something for a beach holiday",
]


def _doc(r: ProductRecord) -> str:
    parts = [r.title, r.gender, r.article_type, r.sub_category] + [p for p in (r.colour, r.usage, r.season) if p]
    return " | ".join(parts)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 50), 3),
        "p99_ms": round(percentile(samples, 99), 3),
        "mean_ms": round(sum(samples) / len(samples), 3),
    }


def run_search_benchmark(search: ProductSearch, rounds: int = 2) -> dict:
    import bm25s

    records = list(search.db.iter_records())
    queries = [q.query for q in build_relevance_set(records, n=240)] + EXTRA_QUERIES
    search.embedder.warm()
    search.search("warm up the store", k=10)

    total, embed, engine, cached = [], [], [], []
    for _ in range(rounds):
        for text in queries:
            search.embedder.embed_query.cache_clear()  # distinct shoppers' queries: no cache hit
            response = search.search(text, k=10)
            total.append(response.timings_ms["total"])
            embed.append(response.timings_ms["embed"])
    for text in queries:  # fill the query-embedding LRU cache ...
        search.search(text, k=10)
    for text in queries:  # ... so that this pass measures everything but the model
        cached.append(search.search(text, k=10).timings_ms["total"])
    for text in queries:  # the Qdrant query alone, vectors and filter precomputed
        parsed = parse_query(text)
        dense = list(search.embedder.embed_query(parsed.semantic_text or text))
        sparse = search.sparse.query(parsed.semantic_text or text)
        flt = to_filter_spec(parsed.filters)
        started = time.perf_counter()
        search.store.query(dense, sparse, flt, 30, leg=Leg.hybrid, rrf_k=search.settings.rrf_k)
        engine.append((time.perf_counter() - started) * 1e3)

    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([_doc(r) for r in records], stopwords="en", show_progress=False), show_progress=False
    )
    bm25s_index_s = time.perf_counter() - started
    baseline = []
    for _ in range(rounds):
        for text in queries:
            started = time.perf_counter()
            retriever.retrieve(bm25s.tokenize([text], stopwords="en", show_progress=False), k=10, show_progress=False)
            baseline.append((time.perf_counter() - started) * 1e3)

    result = {
        "suite": "bench-search",
        "catalog_products": len(records),
        "queries": len(queries),
        "rounds": rounds,
        "systems": {
            "atelier_hybrid+filters (parse+embed+query+hydrate)": _stats(total),
            "  of which query embedding (MiniLM, uncached)": _stats(embed),
            "atelier_hybrid+filters, embedding cached": _stats(cached),
            "qdrant-edge hybrid query alone": _stats(engine),
            "bm25s baseline (tokenize+retrieve)": _stats(baseline),
        },
        "bm25s_index_seconds": round(bm25s_index_s, 2),
        "rss_mb": round(_rss_mb(), 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    base = percentile(baseline, 50)
    result["ratios_vs_bm25s_p50"] = {
        "hybrid+filters": round(percentile(total, 50) / base, 2),
        "hybrid+filters, embedding cached": round(percentile(cached, 50) / base, 2),
        "qdrant-edge query alone": round(percentile(engine, 50) / base, 2),
    }
    return result

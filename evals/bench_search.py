"""``atelier bench search``: whole-search latency on the ingested catalog, in-process,
against a plain BM25 baseline (``bm25s``) over the same documents, in the same run.

Every query embeds a text no other query embeds, so the query-embedding cache never hides the encoder."""

from __future__ import annotations

import os
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path

from catalog import ProductRecord
from evals.metrics import percentile
from evals.relevance import build_relevance_set
from retrieval import ProductSearch
from retrieval.embedding import TextEmbedder
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


def unique_queries(records: list[ProductRecord], n: int) -> list[str]:
    """``n`` shoppers' queries, none repeated (generated with successive seeds, deduplicated),
    so that no query-embedding cache can answer one: every search pays for its encoder."""
    queries = list(dict.fromkeys(EXTRA_QUERIES))
    for seed in range(13, 13 + 64):
        if len(queries) >= n:
            break
        queries = list(dict.fromkeys(queries + [q.query for q in build_relevance_set(records, n=240, seed=seed)]))
    return queries[:n]


# Ways shoppers name a product they have seen (its title, with or without a budget).
TITLE_PHRASINGS = (
    "{title}",
    "show me {title}",
    "looking for {title}",
    "{title} under {price}",
    "{title} below Rs {price}",
    "do you have {title}",
)


def distinct_embedding_queries(records: list[ProductRecord], n: int, seed: int = 7) -> list[str]:
    """``n`` shoppers' queries whose embedded text never repeats. Why: search embeds the
    parser's ``semantic_text`` (what is left of "navy shirt for men under 1500" after the
    filters), and shoppers' phrasings of one kind of product share it: 8,000 distinct
    generated queries have only ~1,600 distinct embedded texts, so a query-embedding cache
    would answer four in five. First the generated phrasings (``unique_queries``) with an
    embedded text not seen yet, then product titles in shoppers' words, until ``n``."""
    seen: set[str] = set()
    queries: list[str] = []

    def add(query: str) -> None:
        embedded = parse_query(query).semantic_text or query
        if embedded not in seen:
            seen.add(embedded)
            queries.append(query)

    for query in unique_queries(records, n):
        add(query)
    rng = random.Random(seed)
    for record in rng.sample(records, len(records)):
        if len(queries) >= n:
            break
        price = int(record.price // 100 * 100 + 100 * rng.randint(1, 5))
        add(rng.choice(TITLE_PHRASINGS).format(title=record.title.lower(), price=price))
    return queries[:n]


def _timed(call: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    call(text)
    return (time.perf_counter() - started) * 1e3


def run_search_benchmark(search: ProductSearch, n_queries: int = 1000, torch_every: int = 10) -> dict:
    """Whole search with the configured query encoder and with torch's MiniLM, the encoders
    alone, the cached and engine-only paths, and bm25s, over the same never-repeating
    queries in one run. The systems are interleaved query by query (not run one after the
    other), so that a busy machine slows them alike and the ratios still hold."""
    import bm25s

    records = list(search.db.iter_records())
    queries = distinct_embedding_queries(records, n_queries)  # no embedded text twice: no cache hit
    torch_embedder = TextEmbedder(search.settings.text_model, search.settings.torch_threads)
    torch_search = ProductSearch(search.settings, search.db, search.store, torch_embedder, search.sparse)
    for service in (search, torch_search):
        service.embedder.warm()
        service.search("warm up the store", k=10)
    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([_doc(r) for r in records], stopwords="en", show_progress=False), show_progress=False
    )
    bm25s_index_s = time.perf_counter() - started

    def bm25s_search(text: str) -> None:
        retriever.retrieve(bm25s.tokenize([text], stopwords="en", show_progress=False), k=10, show_progress=False)

    load_before = os.getloadavg()[0]
    total, embed, baseline, encoder_alone, torch_total, torch_alone = [], [], [], [], [], []
    search.embedder.embed_query.cache_clear()
    for i, text in enumerate(queries):
        if i % torch_every == 0:  # torch's MiniLM (the encoder before this one) on a sample
            torch_total.append(torch_search.search(text, k=10).timings_ms["total"])
            torch_alone.append(_timed(torch_embedder._embed_query, text))
        response = search.search(text, k=10)  # a query this process has never embedded
        total.append(response.timings_ms["total"])
        embed.append(response.timings_ms["embed"])
        baseline.append(_timed(bm25s_search, text))
        encoder_alone.append(_timed(search.embedder._embed_query, text))  # the model, not its cache
    load_after = os.getloadavg()[0]
    half = len(queries) // 2
    cached, engine = [], []
    for text in queries[:half]:  # the embedding now cached: everything but the model
        cached.append(search.search(text, k=10).timings_ms["total"])
    for text in queries[:half]:  # the Qdrant query alone, vectors and filter precomputed
        parsed = parse_query(text)
        dense = list(search.embedder.embed_query(parsed.semantic_text or text))
        sparse = search.sparse.query(parsed.semantic_text or text)
        flt = to_filter_spec(parsed.filters)
        started = time.perf_counter()
        search.store.query(dense, sparse, flt, 30, leg=Leg.hybrid, rrf_k=search.settings.rrf_k)
        engine.append((time.perf_counter() - started) * 1e3)

    name = search.embedder.query_encoder_name
    threads = search.settings.query_encoder_threads if name != "minilm" else search.settings.torch_threads
    result = {
        "suite": "bench-search",
        "catalog_products": len(records),
        "queries": len(queries),
        "queries_repeat": len(set(queries)) != len(queries),
        "query_encoder": name,
        "torch_sampled_every": torch_every,
        "load_average_1min": {"before": round(load_before, 2), "after": round(load_after, 2), "cores": os.cpu_count()},
        "systems": {
            f"whole search uncached, queries by {name} (parse+embed+query+hydrate)": _stats(total),
            f"  of which query embedding ({name}, {threads} thread(s))": _stats(embed),
            f"whole search uncached, queries by minilm in torch (before; every {torch_every}th query)": _stats(
                torch_total
            ),
            f"query encoder alone: {name}": _stats(encoder_alone),
            f"query encoder alone: minilm in torch ({search.settings.torch_threads} threads, every {torch_every}th)": (
                _stats(torch_alone)
            ),
            "whole search, embedding cached": _stats(cached),
            "qdrant-edge hybrid query alone": _stats(engine),
            "bm25s baseline (tokenize+retrieve)": _stats(baseline),
        },
        "bm25s_index_seconds": round(bm25s_index_s, 2),
        "rss_mb": round(_rss_mb(), 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    base50, base99 = percentile(baseline, 50), percentile(baseline, 99)
    result["ratios_vs_bm25s"] = {
        "whole search uncached p50": round(percentile(total, 50) / base50, 2),
        "whole search uncached p99": round(percentile(total, 99) / base99, 2),
        "whole search uncached p50, torch minilm": round(percentile(torch_total, 50) / base50, 2),
        "whole search, embedding cached p50": round(percentile(cached, 50) / base50, 2),
        "qdrant-edge query alone p50": round(percentile(engine, 50) / base50, 2),
    }
    result["targets"] = {
        "p50 <= 3x bm25s": percentile(total, 50) <= 3 * base50,
        "p50 <= 5 ms": percentile(total, 50) <= 5.0,
        "p99 <= 12 ms": percentile(total, 99) <= 12.0,
        "encoder p50 <= 2 ms": percentile(encoder_alone, 50) <= 2.0,
    }
    return result

"""``atelier bench scale``: the cost curve of search as the catalog grows (10k, 44k, 200k,
1M products): whole-search p50/p99, memory (RSS, on-disk index) and ingest time.

Beyond the real catalog, products are **synthetic**: a real product's stored dense vector
plus small Gaussian noise, re-normalised; its BM25 vector and payload copied with a new id
and a perturbed price; its SQLite row copied the same way, so that the real ``ProductSearch``
path (parse, query encoder, hybrid query with filters, hydration) runs unchanged. No text
is re-embedded: ingest time here is SQLite + index build from stored vectors, not MiniLM.

Each size is built in one fresh process and searched in another, so that each process's
RSS is that size's alone; queries never repeat (the query-embedding cache hides nothing)."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from catalog import CatalogDB
from config import Settings
from evals.bench_search import unique_queries
from evals.metrics import percentile
from retrieval import ProductSearch
from retrieval.embedding import text_embedder
from retrieval.filters import to_filter_spec
from retrieval.query_parser import parse_query
from retrieval.stores import IndexPoint, Leg, SparseVec, StoreError, open_store
from retrieval.stores.edge import EdgeStore

DEFAULT_SIZES = (10_000, 44_446, 200_000, 1_000_000)
NOISE_SIGMA = 0.01  # per dimension of a unit 384-d vector: cosine to its source ~0.98
PRICE_JITTER = 0.2  # synthetic price = source price x U(0.8, 1.2)
BATCH = 1000
SYNTHETIC_TAG = "synthetic"


@dataclass
class SourceIndex:
    """The real ingested index, read once: vectors as stored, payloads, and the id order."""

    ids: np.ndarray
    dense: np.ndarray
    sparse: list[SparseVec]
    payloads: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.ids)


def read_source(path: Path) -> SourceIndex:
    store = EdgeStore(path)
    try:
        if store.count() == 0:
            raise StoreError(f"no ingested index at {path}: run `atelier ingest` (embedded store) first")
        ids, rows, sparse, payloads = [], [], [], []
        for p in store.points():  # one float32 row at a time: Python floats would take ~6x the memory
            ids.append(p.id)
            rows.append(np.asarray(p.dense, dtype=np.float32))
            sparse.append(p.sparse)
            payloads.append(p.payload)
    finally:
        store.close()
    return SourceIndex(np.array(ids, dtype=np.int64), np.stack(rows), sparse, payloads)


@dataclass(frozen=True)
class Synthetic:
    """One synthetic product: its new id, the real product it copies, its price factor."""

    id: int
    source: int  # row in SourceIndex
    price_factor: float


def synthetic_plan(source: SourceIndex, size: int, seed: int) -> tuple[int, list[Synthetic]]:
    """(real products kept, synthetic products): the first ``size`` real ones, then copies
    of random real ones with ids above every real id."""
    real = min(size, len(source))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(source), size=size - real)
    factors = np.round(rng.uniform(1 - PRICE_JITTER, 1 + PRICE_JITTER, size=size - real), 2)
    first_id = int(source.ids.max()) + 1
    return real, [Synthetic(first_id + j, int(p), float(f)) for j, (p, f) in enumerate(zip(picks, factors))]


def _batches(source: SourceIndex, real: int, synthetic: list[Synthetic], seed: int) -> Iterator[list[IndexPoint]]:
    for start in range(0, real, BATCH):
        rows = range(start, min(real, start + BATCH))
        yield [
            IndexPoint(int(source.ids[i]), source.dense[i].tolist(), source.sparse[i], source.payloads[i]) for i in rows
        ]
    rng = np.random.default_rng(seed + 1)
    for start in range(0, len(synthetic), BATCH):
        chunk = synthetic[start : start + BATCH]
        vectors = source.dense[[s.source for s in chunk]]
        vectors = vectors + rng.normal(0.0, NOISE_SIGMA, vectors.shape).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        points = []
        for s, vector in zip(chunk, vectors):
            payload = dict(source.payloads[s.source])
            payload.update(
                id=str(s.id), price=payload["price"] * s.price_factor, content_hash=SYNTHETIC_TAG, synthetic=True
            )
            payload.pop("image_key", None)
            points.append(IndexPoint(s.id, vector.tolist(), source.sparse[s.source], payload))
        yield points


def _copy_catalog(src: Path, dst: Path, source: SourceIndex, real: int, synthetic: list[Synthetic]) -> None:
    """The real SQLite catalog cut to the kept real products, plus one row (and stock) per
    synthetic product copied from its source with the same perturbed price."""
    with sqlite3.connect(src) as from_db, sqlite3.connect(dst) as to_db:
        from_db.backup(to_db)
    conn = sqlite3.connect(dst)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("CREATE TEMP TABLE keep (id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO keep VALUES (?)", ((str(i),) for i in source.ids[:real]))
        conn.execute("DELETE FROM stock WHERE product_id NOT IN (SELECT id FROM keep)")
        conn.execute("DELETE FROM products WHERE id NOT IN (SELECT id FROM keep)")
        rows = [(str(s.id), s.price_factor, s.price_factor, str(source.ids[s.source])) for s in synthetic]
        conn.executemany(
            "INSERT INTO products SELECT ?, title, gender, master_category, sub_category, article_type, colour, "
            f"season, year, usage, image_path, '{SYNTHETIC_TAG}', list_price * ?, price * ?, currency, rating, "
            "rating_count FROM products WHERE id = ?",
            rows,
        )
        conn.executemany(
            "INSERT INTO stock SELECT ?, size, position, units FROM stock WHERE product_id = ?",
            ((r[0], r[3]) for r in rows),
        )
        conn.commit()
    finally:
        conn.close()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _disk_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _collection(size: int, remote: bool) -> str:
    return f"atelier_scale_{size}" if remote else "products"


def build_size(source: SourceIndex, source_sqlite: str, data_dir: str, size: int, seed: int) -> dict[str, Any]:
    """In a fresh process: the catalog copy and the index of ``size`` products, timed."""
    settings = Settings(data_dir=Path(data_dir))
    remote = bool(settings.qdrant_url)
    real, synthetic = synthetic_plan(source, size, seed)
    rss_before = _rss_mb()
    started = time.perf_counter()
    _copy_catalog(Path(source_sqlite), settings.sqlite_path, source, real, synthetic)
    sqlite_s = time.perf_counter() - started
    store = open_store(settings, _collection(size, remote))
    try:
        started = time.perf_counter()
        store.ensure_collection(source.dense.shape[1])
        for points in _batches(source, real, synthetic, seed):
            store.upsert(points)
        upsert_s = time.perf_counter() - started
        store.finish_indexing()
        index_s = time.perf_counter() - started
        count = store.count()
    finally:
        store.close()
    return {
        "products": count,
        "real_products": real,
        "synthetic_products": len(synthetic),
        "ingest_seconds": round(sqlite_s + index_s, 2),
        "sqlite_seconds": round(sqlite_s, 2),
        "index_upsert_seconds": round(upsert_s, 2),
        "index_optimize_seconds": round(index_s - upsert_s, 2),
        "ingest_peak_rss_mb": round(_peak_rss_mb(), 1),
        "ingest_rss_over_source_mb": round(_peak_rss_mb() - rss_before, 1),
        "disk_index_mb": None if remote else round(_disk_mb(settings.qdrant_path), 1),
        "disk_sqlite_mb": round(_disk_mb(settings.sqlite_path), 1),
    }


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples, 50), 3), "p99_ms": round(percentile(samples, 99), 3)}


def search_size(data_dir: str, size: int, queries: list[str]) -> dict[str, Any]:
    """In a fresh process: the real ``ProductSearch`` over the built catalog, each query new."""
    settings = Settings(data_dir=Path(data_dir), collection=_collection(size, bool(Settings().qdrant_url)))
    embedder = text_embedder(settings)
    embedder.warm()
    rss_model = _rss_mb()
    search = ProductSearch.from_settings(settings, embedder=embedder)
    try:
        rss_open = _rss_mb()
        for text in ("warm up the store", "red dress", "men's shoes under 2000"):
            search.search(text, k=10)
        total, embed, engine = [], [], []
        for text in queries:
            response = search.search(text, k=10)
            total.append(response.timings_ms["total"])
            embed.append(response.timings_ms["embed"])
            parsed = parse_query(text)  # the engine alone: vectors (now cached) and filter ready
            semantic = parsed.semantic_text or text
            dense, sparse = list(embedder.embed_query(semantic)), search.sparse.query(semantic)
            flt = to_filter_spec(parsed.filters)
            started = time.perf_counter()
            search.store.query(dense, sparse, flt, 30, leg=Leg.hybrid, rrf_k=settings.rrf_k)
            engine.append((time.perf_counter() - started) * 1e3)
        rss_after = _rss_mb()
    finally:
        search.close()
    return {
        "whole_search": _stats(total),
        "query_embedding": _stats(embed),
        "engine_hybrid_query": _stats(engine),
        "search_rss_mb": round(rss_after, 1),
        "search_rss_over_model_mb": round(rss_after - rss_model, 1),
        "open_rss_over_model_mb": round(rss_open - rss_model, 1),
        "query_encoder": embedder.query_encoder_name,
    }


def _in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


@dataclass(frozen=True)
class Limits:
    """What counts as "hitting a limit" (defaults: the issue's latency targets, a memory
    share of this 24 GB machine, an hour of ingest)."""

    p50_ms: float = 5.0
    p99_ms: float = 12.0
    rss_mb: float = 8192.0
    ingest_s: float = 3600.0

    def broken(self, row: dict[str, Any]) -> list[str]:
        whole = row["whole_search"]
        checks = {
            f"latency: whole-search p50 > {self.p50_ms} ms": whole["p50_ms"] > self.p50_ms,
            f"latency: whole-search p99 > {self.p99_ms} ms": whole["p99_ms"] > self.p99_ms,
            f"memory: RSS > {self.rss_mb:.0f} MB": max(row["search_rss_mb"], row["ingest_peak_rss_mb"]) > self.rss_mb,
            f"ingest time > {self.ingest_s:.0f} s": row["ingest_seconds"] > self.ingest_s,
        }
        return [name for name, hit in checks.items() if hit]


def run_scale_benchmark(
    settings: Settings,
    sizes: list[int],
    n_queries: int = 300,
    seed: int = 7,
    limits: Limits | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """The cost curve over ``sizes`` (each built and searched in fresh processes); the
    source is the ingested embedded index and SQLite catalog of ``settings``."""
    limits = limits or Limits()
    # read here, not in the child: this process may already hold the shard (its lock is per process)
    source = read_source(settings.qdrant_path / settings.collection)
    db = CatalogDB(settings.sqlite_path)
    try:
        records = list(db.iter_records())
    finally:
        db.close()
    queries = unique_queries(records, n_queries * len(sizes))
    rows = []
    for n, size in enumerate(sorted(sizes)):
        tmp = Path(tempfile.mkdtemp(prefix=f"atelier-bench-scale-{size}-"))
        try:
            load_before = os.getloadavg()
            progress(f"{size:,} products: building")
            row: dict[str, Any] = {"size": size}
            row |= _in_fresh_process(build_size, source, str(settings.sqlite_path), str(tmp), size, seed)
            progress(f"{size:,} products: searching")
            batch = queries[n * n_queries : (n + 1) * n_queries]  # no query repeats across sizes either
            row |= _in_fresh_process(search_size, str(tmp), size, batch)
            load_after = os.getloadavg()
            row["load_average_1min"] = {"before": round(load_before[0], 2), "after": round(load_after[0], 2)}
            row["limits_hit"] = limits.broken(row)
            rows.append(row)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    first = next((r for r in rows if r["limits_hit"]), None)
    return {
        "suite": "bench-scale",
        "store": "qdrant server" if settings.qdrant_url else "qdrant-edge (embedded)",
        "real_catalog_products": len(records),
        "synthetic": (
            f"products beyond the real {len(records):,} are synthetic: a real product's stored dense vector + "
            f"N(0, {NOISE_SIGMA}) noise per dimension, re-normalised; its BM25 vector, payload and SQLite row "
            f"copied with a new id and price x U({1 - PRICE_JITTER:.1f}, {1 + PRICE_JITTER:.1f}); no text re-embedded"
        ),
        "ingest_means": "SQLite copy + index upsert + optimize from stored vectors (no MiniLM embedding)",
        "queries_per_size": n_queries,
        "queries_repeat": len(set(queries)) != len(queries),
        "cores": os.cpu_count(),
        "limits": limits.__dict__,
        "first_limit": {"size": first["size"], "hit": first["limits_hit"]} if first else None,
        "sizes": rows,
    }


def plot_curve(result: dict[str, Any], path: Path) -> None:
    """The curve as a PNG: latency, memory and ingest time against catalog size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result["sizes"]
    sizes = [r["size"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    lat, mem, ing = axes
    for key, label, style in (
        ("whole_search", "whole search", "-o"),
        ("engine_hybrid_query", "engine (hybrid query) alone", "-s"),
    ):
        lat.plot(sizes, [r[key]["p50_ms"] for r in rows], style, label=f"{label} p50")
        lat.plot(sizes, [r[key]["p99_ms"] for r in rows], style, alpha=0.5, label=f"{label} p99")
    lat.set(title="search latency", ylabel="ms")
    mem.plot(sizes, [r["search_rss_mb"] for r in rows], "-o", label="search process RSS")
    mem.plot(sizes, [r["ingest_peak_rss_mb"] for r in rows], "-s", label="ingest peak RSS")
    if all(r["disk_index_mb"] is not None for r in rows):
        mem.plot(sizes, [r["disk_index_mb"] for r in rows], "-^", label="index on disk")
    mem.set(title="memory and disk", ylabel="MB")
    ing.plot(sizes, [r["ingest_seconds"] for r in rows], "-o", label="ingest (from stored vectors)")
    ing.set(title="ingest time", ylabel="s")
    real = result["real_catalog_products"]
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("products (beyond the real catalog: synthetic)")
        ax.axvline(real, color="grey", linestyle=":", linewidth=1)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    title = f"atelier bench scale: {result['store']}; dotted line = real catalog ({real:,}), right of it synthetic"
    fig.suptitle(title)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)

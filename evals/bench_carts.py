"""``atelier bench carts``: cart add + checkout throughput and latency on the SQLite file
vs PostgreSQL, in one run, on private copies (the catalog's real stock is never touched).

Each shopper thread repeats "add one unit of a product to a fresh cart, check out",
sharing one store per backend as the threads of one API worker do. Products are given
ample stock first so that every checkout succeeds and both backends do the same work."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

from catalog import CatalogDB
from catalog.database import PostgresDatabase
from evals.metrics import percentile
from tools.cart import CartStore, new_session_id

PRODUCTS = 200
STOCK = 1_000_000


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples, 50), 2), "p99_ms": round(percentile(samples, 99), 2),
            "mean_ms": round(sum(samples) / len(samples), 2)}


def _shop(store: CartStore, items: list[tuple[str, str]], stop_at: float, seed: int,
          adds: list[float], checkouts: list[float]) -> None:
    rng = random.Random(seed)
    while time.perf_counter() < stop_at:
        product_id, size = rng.choice(items)
        session = new_session_id()
        started = time.perf_counter()
        store.add(session, product_id, size)
        added = time.perf_counter()
        store.checkout(session)
        adds.append(1000 * (added - started))
        checkouts.append(1000 * (time.perf_counter() - added))


def _measure(store: CartStore, items: list[tuple[str, str]], threads: int, seconds: float) -> dict:
    adds: list[float] = []
    checkouts: list[float] = []
    stop_at = time.perf_counter() + seconds
    workers = [threading.Thread(target=_shop, args=(store, items, stop_at, i, adds, checkouts))
               for i in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return {"threads": threads, "orders": len(checkouts), "orders_per_s": round(len(checkouts) / elapsed, 1),
            "add": _stats(adds), "checkout": _stats(checkouts)}


def _open(backend: str, catalog_copy: Path, database_url: str | None) -> tuple[CatalogDB, CartStore]:
    if backend == "sqlite":
        catalog = CatalogDB(catalog_copy)
        return catalog, CartStore(catalog_copy, catalog)
    catalog = CatalogDB(catalog_copy, PostgresDatabase(database_url, max_size=16), owns_commerce=True)
    return catalog, CartStore(catalog.commerce, catalog)


def _items(catalog: CatalogDB) -> list[tuple[str, str]]:
    """The first PRODUCTS in-stock products, one size each, restocked so nothing sells out."""
    items = []
    for record in catalog.iter_records():
        if record.sizes_in_stock:
            items.append((record.id, record.sizes_in_stock[0]))
        if len(items) == PRODUCTS:
            break
    for product_id, size in items:
        catalog.set_stock(product_id, size, STOCK)
    return items


def _durability(store: CartStore) -> str:
    """Both backends sync each commit to disk by default; the report says so."""
    if store.db.dialect == "sqlite":
        levels = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
        return f"journal_mode=WAL synchronous={levels[store.db.fetchone('PRAGMA synchronous')[0]]}"
    settings = [f"{name}={store.db.fetchone(f'SHOW {name}')[0]}" for name in ("fsync", "synchronous_commit")]
    return " ".join(settings)


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while another process writes."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def run_cart_bench(catalog_path: Path, database_url: str | None, threads: list[int], seconds: float) -> dict:
    """Both backends (PostgreSQL only with a URL), each on its own copy of the catalog file."""
    results: dict = {"suite": "carts", "seconds_per_run": seconds, "products": PRODUCTS, "backends": {},
                     "durability": {}}
    with tempfile.TemporaryDirectory(prefix="atelier-bench-carts-") as tmp:
        for backend in ("sqlite", "postgresql"):
            if backend == "postgresql" and not database_url:
                results["backends"][backend] = "not measured: pass --database-url postgresql://..."
                continue
            copy = Path(tmp) / f"{backend}.sqlite3"
            _copy_sqlite(catalog_path, copy)
            catalog, store = _open(backend, copy, database_url)
            try:
                items = _items(catalog)
                results["durability"][backend] = _durability(store)
                results["backends"][backend] = [_measure(store, items, n, seconds) for n in threads]
            finally:
                store.close()
                catalog.close()
    return results

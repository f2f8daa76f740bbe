"""``atelier bench carts``: cart add + checkout throughput and latency on the SQLite file
vs PostgreSQL, in one run, on private copies (the catalog's real stock is never touched).

Each shopper thread repeats "add one unit of a product to a fresh cart, check out",
sharing one store per backend as the threads of one API worker do. Products are given
ample stock first so that every checkout succeeds and both backends do the same work."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import tempfile
import threading
import time
from contextlib import closing
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from catalog import CatalogDB
from catalog.state_database import PostgresDatabase
from evals.metrics import percentile
from tools.cart import CartStore
from tools.sessions import new_session_id

PRODUCTS = 200
STOCK = 1_000_000


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "mean_ms": round(sum(samples) / len(samples), 2),
    }


def _shop(
    store: CartStore, items: list[tuple[str, str]], stop_at: float, seed: int, adds: list[float], checkouts: list[float]
) -> None:
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


def _shop_threads(
    store: CartStore, items: list[tuple[str, str]], threads: int, seconds: float, seed: int = 0
) -> tuple[list[float], list[float], float]:
    """Add and checkout latencies (ms) of ``threads`` shoppers, and the seconds they took."""
    adds: list[float] = []
    checkouts: list[float] = []
    stop_at = time.perf_counter() + seconds
    workers = [
        threading.Thread(target=_shop, args=(store, items, stop_at, seed + i, adds, checkouts)) for i in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return adds, checkouts, time.perf_counter() - started


def _report(processes: int, threads: int, adds: list[float], checkouts: list[float], elapsed: float) -> dict:
    return {
        "processes": processes,
        "threads": threads,
        "orders": len(checkouts),
        "orders_per_s": round(len(checkouts) / elapsed, 1),
        "add": _stats(adds),
        "checkout": _stats(checkouts),
    }


def _measure(store: CartStore, items: list[tuple[str, str]], threads: int, seconds: float) -> dict:
    return _report(1, threads, *_shop_threads(store, items, threads, seconds))


def _worker_process(
    backend: str,
    copy: Path,
    url: str | None,
    items: list[tuple[str, str]],
    seconds: float,
    seed: int,
    ready: Queue,
    start: Event,
    results: Queue,
) -> None:
    """One API worker stand-in: its own connection(s), one shopper thread."""
    catalog, store = _open(backend, copy, url)
    ready.put(seed)
    start.wait()
    results.put(_shop_threads(store, items, 1, seconds, seed))
    store.close()
    catalog.close()


def _measure_processes(
    backend: str, copy: Path, url: str | None, items: list[tuple[str, str]], processes: int, seconds: float
) -> dict:
    """``processes`` separate worker processes on the same database: SQLite serialises their
    writes on the file lock, PostgreSQL only on the rows they share."""
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding a connection pool
    ready, results, start = ctx.Queue(), ctx.Queue(), ctx.Event()
    workers = [
        ctx.Process(target=_worker_process, args=(backend, copy, url, items, seconds, 1000 * i, ready, start, results))
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=300)
    start.set()
    outcomes = [results.get(timeout=seconds + 300) for _ in workers]
    for worker in workers:
        worker.join()
    adds = [ms for outcome in outcomes for ms in outcome[0]]
    checkouts = [ms for outcome in outcomes for ms in outcome[1]]
    return _report(processes, 1, adds, checkouts, max(outcome[2] for outcome in outcomes))


def _open(backend: str, catalog_copy: Path, database_url: str | None) -> tuple[CatalogDB, CartStore]:
    if backend == "sqlite":
        catalog = CatalogDB(catalog_copy)
        return catalog, CartStore(catalog_copy, catalog)
    if database_url is None:
        raise ValueError("the PostgreSQL backend needs --database-url")
    commerce = PostgresDatabase(database_url, max_size=16)
    catalog = CatalogDB(catalog_copy, commerce, owns_commerce=True)
    return catalog, CartStore(commerce, catalog)


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


def _setting(store: CartStore, sql: str) -> object:
    row = store.db.fetchone(sql)
    return row[0] if row else None


def _durability(store: CartStore) -> str:
    """Both backends sync each commit to disk by default; the report says so."""
    if store.db.dialect == "sqlite":
        levels = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
        return f"journal_mode=WAL synchronous={levels.get(int(str(_setting(store, 'PRAGMA synchronous'))))}"
    settings = [f"{name}={_setting(store, f'SHOW {name}')}" for name in ("fsync", "synchronous_commit")]
    return " ".join(settings)


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while another process writes."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def run_cart_bench(
    catalog_path: Path, database_url: str | None, threads: list[int], seconds: float, processes: int = 0
) -> dict:
    """Both backends (PostgreSQL only with a URL), each on its own copy of the catalog file:
    one process with each number of ``threads``, then ``processes`` worker processes."""
    results: dict = {
        "suite": "carts",
        "seconds_per_run": seconds,
        "products": PRODUCTS,
        "backends": {},
        "durability": {},
    }
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
                runs = [_measure(store, items, n, seconds) for n in threads]
                if processes > 1:
                    runs.append(_measure_processes(backend, copy, database_url, items, processes, seconds))
                results["backends"][backend] = runs
            finally:
                store.close()
                catalog.close()
    return results

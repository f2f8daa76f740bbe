"""Crash and fault behaviour with real processes: kill -9 during ingest and during
checkouts loses nothing and duplicates nothing; a locked or corrupted store is a clear
error naming the fix."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from catalog import CatalogDB
from retrieval.stores.edge import EdgeStore
from tests.buyer import buy_then_kill


def _env(tmp: Path, catalog: Path) -> dict:
    return {**os.environ, "ATELIER_DATA_DIR": str(tmp / "state"), "ATELIER_CATALOG": str(catalog)}


def _catalog(src: Path, dst: Path, rows: int) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    lines = (src / "styles.csv").read_text(encoding="utf-8").splitlines()[: rows + 1]
    (dst / "styles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dst


def _atelier(*args: str, env: dict, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw
    )


def test_kill_9_during_ingest_then_rerun_completes_without_duplicates(tmp_path: Path, catalog_dir: Path) -> None:
    cat = _catalog(catalog_dir, tmp_path / "cat", 1200)
    env = _env(tmp_path, cat)
    proc = _atelier("ingest", "--limit", "1200", env=env)
    for line in proc.stdout:  # "embed 512/1200": a good part of the vectors is stored
        if line.startswith("embed ") and int(line.split()[1].split("/")[0]) >= 512:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rerun = _atelier("ingest", "--limit", "1200", env=env)
    out, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, out
    assert "ingested 1200 products, rejected 0 rows" in out
    embedded = int(out.split("embedded ")[1].split(",")[0])
    assert embedded < 1200, "the re-run should only embed what the killed run had not stored"
    store, db = EdgeStore(tmp_path / "state" / "qdrant" / "products"), CatalogDB(tmp_path / "state" / "atelier.sqlite3")
    try:
        assert store.count() == db.count() == 1200  # stable ids: no duplicates
        assert len(store.payload_hashes()) == 1200
    finally:
        store.close()
        db.close()


def test_kill_9_during_checkouts_loses_no_stock_or_orders(search, tmp_path: Path) -> None:
    """Two buyer processes hammer checkouts on one SQLite file and are killed; afterwards
    units sold (initial - now) equal the units in the order lines they recorded, exactly,
    product by product, and every line belongs to an order."""
    db_path = search.settings.sqlite_path
    ids = [r.id for r in search.find("watch", search_filters(), 6) if r.sizes_in_stock == ["One Size"]][:4]
    assert ids
    before = {pid: search.db.get_record(pid).stock["One Size"] for pid in ids}
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS order_lines (order_id TEXT, product_id TEXT, size TEXT, "
            "quantity INTEGER, unit_price REAL)"
        )
        sold_before = dict(
            conn.execute(
                f"SELECT product_id, COALESCE(SUM(quantity), 0) FROM order_lines WHERE product_id IN "
                f"({','.join('?' * len(ids))}) GROUP BY product_id",
                ids,
            ).fetchall()
        )
    buy_then_kill(db_path, ids, seconds=3)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sold = dict(
            conn.execute(
                f"SELECT product_id, SUM(quantity) FROM order_lines WHERE product_id IN ({','.join('?' * len(ids))}) "
                "GROUP BY product_id",
                ids,
            ).fetchall()
        )
        orphans = conn.execute(
            "SELECT COUNT(*) FROM order_lines WHERE order_id NOT IN (SELECT order_id FROM orders)"
        ).fetchone()[0]
    after = {pid: search.db.get_record(pid).stock["One Size"] for pid in ids}
    assert orphans == 0
    units_in_lines = {pid: sold.get(pid, 0) - sold_before.get(pid, 0) for pid in ids}
    assert sum(units_in_lines.values()) > 0  # the buyers really bought
    assert {pid: before[pid] - after[pid] for pid in ids} == units_in_lines
    for pid in ids:  # leave the shared subset as it was
        search.db.set_stock(pid, "One Size", before[pid])


def search_filters():
    from retrieval import SearchFilters

    return SearchFilters(article_type="Watches", in_stock_only=True)


def test_locked_and_corrupted_store_are_clear_errors(tmp_path: Path, catalog_dir: Path) -> None:
    cat = _catalog(catalog_dir, tmp_path / "cat", 30)
    env = _env(tmp_path, cat)
    assert _atelier("ingest", env=env).wait(timeout=600) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        from retrieval.stores.edge import EdgeStore
        store = EdgeStore({str(tmp_path / "state" / "qdrant" / "products")!r})
        print("holding", flush=True)
        import time; time.sleep(120)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        locked = _atelier("search", "shirt", "--json", env=env)
        out, _ = locked.communicate(timeout=120)
        assert locked.returncode == 1  # a runtime failure; 2 is for usage errors
        error = json.loads(out.strip().splitlines()[-1])["error"]
        assert error["code"] == "store_unavailable" and "stop that process" in error["message"]
    finally:
        holder.kill()
        holder.wait()
    (tmp_path / "state" / "qdrant" / "products" / "edge_config.json").write_text("{ not json")
    broken = _atelier("search", "shirt", "--json", env=env)
    out, _ = broken.communicate(timeout=120)
    assert broken.returncode == 1
    message = json.loads(out.strip().splitlines()[-1])["error"]["message"]
    assert "delete" in message and "atelier ingest" in message

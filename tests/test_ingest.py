"""Ingest: incremental by content hash, the CLI's summary, and `atelier search --json`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from catalog import CatalogDB
from retrieval import ingest
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.stores.copying import copy_data_dir, copy_sparse
from retrieval.stores.edge import EdgeStore


def _small_catalog(src: Path, dst: Path, rows: int) -> Path:
    """A small catalog in a temp dir: the first rows of the real file plus a bad row."""
    dst.mkdir(parents=True, exist_ok=True)
    with (src / "styles.csv").open(encoding="utf-8") as handle:
        lines = handle.readlines()[: rows + 1]
    lines.append("999999999,Men,Apparel\n")
    (dst / "styles.csv").write_text("".join(lines), encoding="utf-8")
    return dst


def test_reingest_embeds_only_changed_products(tmp_path: Path, catalog_dir: Path, embedder: TextEmbedder) -> None:
    cat = _small_catalog(catalog_dir, tmp_path / "cat", 60)
    db, store = CatalogDB(tmp_path / "db.sqlite3"), EdgeStore(tmp_path / "qdrant")
    first = ingest(cat, db, store, embedder, SparseEncoder(), seed=7)
    assert (first.ingested, first.embedded, first.rejected) == (60, 60, 1)
    price_before = db.get_record("15970").price
    second = ingest(cat, db, store, embedder, SparseEncoder(), seed=7)
    assert (second.embedded, second.unchanged) == (0, 60)
    # edit one title and drop one product
    rows = list(csv.reader((cat / "styles.csv").open(encoding="utf-8")))
    rows[1][9] = rows[1][9] + " Slim Fit"
    del rows[2]
    with (cat / "styles.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    third = ingest(cat, db, store, embedder, SparseEncoder(), seed=7)
    assert (third.embedded, third.deleted, third.ingested) == (1, 1, 59)
    assert store.count() == 59 and db.count() == 59
    assert db.get_record("15970").title.endswith("Slim Fit")
    assert db.get_record("15970").price == price_before  # commerce data owned by SQLite is kept
    store.close()
    db.close()


def _atelier(*args: str, env: dict) -> subprocess.CompletedProcess:
    exe = shutil.which("atelier") or ""
    cmd = [exe, *args] if exe else [sys.executable, "-m", "cli.main", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, check=False)


def test_cli_ingest_and_search_json(tmp_path: Path, catalog_dir: Path) -> None:
    cat = _small_catalog(catalog_dir, tmp_path / "cat", 200)
    env = {**os.environ, "ATELIER_DATA_DIR": str(tmp_path / "state"), "ATELIER_CATALOG": str(cat)}
    done = _atelier("ingest", env=env)
    assert done.returncode == 0, done.stderr
    assert "ingested 200 products, rejected 1 rows" in done.stdout
    assert "rejected line 202 (id 999999999): 3 fields, expected 10" in done.stdout
    again = _atelier("ingest", env=env)
    assert "embedded 0, unchanged 200" in again.stdout
    found = _atelier("search", "navy shirt for men under 1500", "--json", "--k", "3", env=env)
    assert found.returncode == 0, found.stderr
    body = json.loads(found.stdout)
    assert body["filters"] == {"gender": "Men", "article_type": "Shirts", "colour": "Navy Blue", "price_max": 1500}
    assert "15970" in [r["id"] for r in body["results"]]  # the contract's example product
    for r in body["results"]:
        assert (r["gender"], r["article_type"], r["colour"]) == ("Men", "Shirts", "Navy Blue") and r["price"] <= 1500
    bad = _atelier("search", "   ", "--json", env=env)
    assert bad.returncode == 2 and json.loads(bad.stderr)["error"]["code"] == "empty_query"  # usage error
    assert not bad.stdout  # errors go to stderr, as the contract's error object with --json
    kinds = _atelier(
        "eval",
        "grounded",
        "--kind",
        "refinement",
        "--limit",
        "2",
        "--no-llm-judge",
        "--json",
        "--out-dir",
        str(tmp_path / "report"),
        "--baseline",
        str(tmp_path / "none.json"),
        env=env,
    )
    assert kinds.returncode in (0, 1), kinds.stderr  # 1: the gate may fail on a 200-product catalog
    report = json.loads(kinds.stdout)
    assert report["scenarios"] == 2 and set(report["by_kind"]) == {"refinement"}
    unknown = _atelier("eval", "grounded", "--kind", "laptops", env=env)
    assert unknown.returncode == 2 and "refinement" in unknown.stderr  # the error lists the kinds there are


def _disk_bytes(folder: Path) -> tuple[int, int]:
    """Bytes a folder's own files take on disk (holes not counted), and their length."""
    files = [entry.lstat() for entry in folder.rglob("*") if entry.is_file() and not entry.is_symlink()]
    return sum(file.st_blocks * 512 for file in files), sum(file.st_size for file in files)


def test_a_data_dir_copied_while_open_keeps_its_points_and_not_its_empty_space(
    tmp_path: Path, catalog_dir: Path, embedder: TextEmbedder
) -> None:
    """Tests and evals copy a data directory whose shard is open and written to: the copy opens
    with every point, and the shard's mostly empty chunks take no more disk in it than in the
    source (a plain copy wrote out every zero: ~630 MB for the test index)."""
    source = tmp_path / "data"
    db, store = CatalogDB(source / "atelier.sqlite3"), EdgeStore(source / "qdrant" / "products")
    ingest(_small_catalog(catalog_dir, tmp_path / "cat", 40), db, store, embedder, SparseEncoder(), seed=7)
    target = tmp_path / "copy"
    try:
        copy_data_dir(source, target, linked={"atelier.sqlite3"})
        (source_bytes, _), (copy_bytes, copy_length) = _disk_bytes(source), _disk_bytes(target)
    finally:
        store.close()
        db.close()
    assert copy_bytes <= source_bytes and copy_bytes < copy_length / 10
    assert (target / "atelier.sqlite3").resolve() == (source / "atelier.sqlite3").resolve()
    copied = EdgeStore(target / "qdrant" / "products")
    try:
        assert copied.count() == 40
    finally:
        copied.close()


def test_a_file_gone_since_the_listing_is_not_copied(tmp_path: Path) -> None:
    """SQLite removes its -wal file when another process closes the database: a copy made
    meanwhile skips it (an eval's scratch copy failed with FileNotFoundError)."""
    copy_sparse(tmp_path / "atelier.sqlite3-wal", tmp_path / "copied-wal")
    assert not (tmp_path / "copied-wal").exists()

"""``atelier bench scale`` at a tiny size: real products of the test subset plus synthetic
ones made from their stored vectors, searched through the real ``ProductSearch``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cli.main import app
from config import Settings
from evals.bench_scale import SYNTHETIC_TAG, _batches, read_source, synthetic_plan

SIZE = 2000


def test_synthetic_products_perturb_real_ones(subset_index: Settings) -> None:
    source = read_source(subset_index.qdrant_path / subset_index.collection)
    real, synthetic = synthetic_plan(source, SIZE, seed=7)
    assert real == len(source) < SIZE and len(synthetic) == SIZE - real
    points = [p for batch in _batches(source, real, synthetic, seed=7) for p in batch]
    assert len({p.id for p in points}) == SIZE
    for s, point in zip(synthetic, points[real:]):
        original = source.payloads[s.source]
        vector = np.array(point.dense)
        assert point.id > source.ids.max() and point.payload["synthetic"] is True
        assert point.payload["content_hash"] == SYNTHETIC_TAG and point.sparse == source.sparse[s.source]
        assert abs(np.linalg.norm(vector) - 1) < 1e-4
        assert 0.9 < float(vector @ source.dense[s.source]) < 1 - 1e-6  # near its source, not equal to it
        assert 0.8 * original["price"] - 0.01 <= point.payload["price"] <= 1.2 * original["price"] + 0.01
        assert point.payload["title"] == original["title"]


def test_bench_scale_command_reports_the_curve_at_a_tiny_size(
    subset_index: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATELIER_DATA_DIR", str(subset_index.data_dir))
    monkeypatch.setenv("ATELIER_CATALOG", str(subset_index.catalog))
    out = tmp_path / "scale.json"
    args = ["bench", "scale", "--sizes", str(SIZE), "--queries", "20", "--out", str(out)]
    invoked = CliRunner().invoke(app, args)
    assert invoked.exit_code == 0, invoked.output
    assert "first limit hit" in invoked.output
    result = json.loads(out.read_text())
    assert result["suite"] == "bench-scale" and "synthetic" in result["synthetic"]
    assert result["queries_repeat"] is False
    (row,) = result["sizes"]
    assert row["products"] == SIZE and row["synthetic_products"] == SIZE - row["real_products"] > 0
    for key in ("whole_search", "engine_hybrid_query", "query_embedding"):
        assert 0 < row[key]["p50_ms"] <= row[key]["p99_ms"]
    assert row["search_rss_mb"] > 0 and row["ingest_peak_rss_mb"] > 0
    assert row["disk_index_mb"] > 0 and row["disk_sqlite_mb"] > 0 and row["ingest_seconds"] > 0
    assert set(row["load_average_1min"]) == {"before", "after"} and isinstance(row["limits_hit"], list)
    assert Path(result["plot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

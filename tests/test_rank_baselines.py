"""legacy_rank's data loading, temporal split and baselines on the real interactions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evals.rank import run_rank_eval
from legacy_rank import load_interactions, temporal_split

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "amazon-clothing" / "interactions.csv"


def test_malformed_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "interactions.csv"
    path.write_text(
        "user_id,item_id,timestamp\n"
        "u1,a,10\nu1,b,20\nu1,c,30\nu1,d,40\n"
        "u2,a,5\n"
        "u2,,7\n"  # missing item
        "u2,b,yesterday\n"  # bad timestamp
        "u1,a,10\n"  # duplicate
        "u3,x,1,extra\n"  # too many fields
        "u2,c,9\nu2,d,11\n"
    )
    data = load_interactions(path)
    assert [i.line for i in data.issues] == [7, 8, 9, 10]
    assert len(data.users) == 7
    split = temporal_split(data)
    item = {name: i for i, name in enumerate(data.item_ids)}
    user = {name: i for i, name in enumerate(data.user_ids)}
    assert split.test[user["u1"]] == item["d"] and split.valid[user["u1"]] == item["c"]
    assert split.history[user["u1"]].tolist() == [item["a"], item["b"]]
    assert split.test[user["u2"]] == item["d"] and split.history[user["u2"]].tolist() == [item["a"]]


@pytest.mark.skipif(not SHARED.is_file(), reason="shared interactions not found")
def test_baselines_on_real_interactions_order_as_expected() -> None:
    report = run_rank_eval(SHARED.parent, max_users=1500)
    systems = report["systems"]
    assert report["events"] == 277_534 and report["malformed_rows"] == 0
    assert systems["cooccurrence"]["recall@50"] > systems["popularity"]["recall@50"] > systems["random"]["recall@50"]
    assert np.isclose(systems["random"]["recall@10"], 0, atol=0.01)

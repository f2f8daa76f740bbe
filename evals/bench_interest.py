"""``atelier bench interest``: does a session's recommendation follow what it just did?

Seeded simulated sessions on the ingested catalog (labelled simulated): each starts new
(cold start: popular and trending), then clicks three products of one article type, one
at a time, asking for recommendations after each click as the widget's "For you" would.
Reported, in one run:

- ``share_of_clicked_type``: the share of the 10 recommendations that are of the clicked
  type: for the new session (baseline, no events), after the three clicks with session
  interest (what serves), and from the recommender alone seeded by the same clicks
  (``recommender_only``, no interest re-ranking), with the fraction of sessions >= 50%;
- freshness: milliseconds from sending a click (``Toolkit.record_events``) to the next
  recommendation answered (``Toolkit.recommend_for_session``), p50/p99, and how often that
  very next answer changed.

The sessions' events are deleted afterwards, so the bench leaves no trace in what the
store counts as trending."""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np

from tools import Toolkit
from tools.events import EventType, ShopperEvent


def _types(kit: Toolkit, minimum: int) -> dict[str, list[str]]:
    """In-stock products (distinct titles) per article type, types with at least ``minimum``."""
    groups: dict[str, dict[str, str]] = defaultdict(dict)
    for record in kit.search.db.iter_records():
        if record.in_stock:
            groups[record.article_type].setdefault(record.title.lower(), record.id)
    return {t: list(titles.values()) for t, titles in groups.items() if len(titles) >= minimum}


def _share(products: list, kind: str) -> float:
    return sum(p.article_type == kind for p in products) / max(len(products), 1)


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p99_ms": round(float(np.percentile(values, 99)), 2),
        "mean_ms": round(float(np.mean(values)), 2),
    }


def run_interest_benchmark(kit: Toolkit, sessions: int = 100, k: int = 10, clicks: int = 3, seed: int = 0) -> dict:
    started = time.perf_counter()
    warm = kit.start_session().session_id
    cold = kit.recommend_for_session(warm, k)  # first use: catalog popularity and the recommender load
    first_use_s = time.perf_counter() - started
    types = _types(kit, minimum=30)
    names = sorted(types)
    if not names:
        return {"suite": "bench-interest", "error": "no article type has 30 in-stock titles in this catalog"}
    rng = np.random.default_rng(seed)
    shares: dict[str, list[float]] = {"new_session": [], "after_clicks": [], "recommender_only": []}
    freshness, changed, issued, empty = [], [], [warm], 0
    for _ in range(sessions):
        kind = names[int(rng.integers(len(names)))]
        clicked = rng.choice(types[kind], clicks, replace=False).tolist()
        session = kit.start_session().session_id
        issued.append(session)
        shown = kit.recommend_for_session(session, k).products
        empty += not shown
        shares["new_session"].append(_share(shown, kind))
        for position, product in enumerate(clicked, 1):
            t0 = time.perf_counter()
            kit.record_events(
                [ShopperEvent(session_id=session, type=EventType.click, product_id=product, position=position)]
            )
            answer = kit.recommend_for_session(session, k).products
            freshness.append((time.perf_counter() - t0) * 1000)
            changed.append([p.id for p in answer] != [p.id for p in shown])
            shown = answer
        shares["after_clicks"].append(_share(shown, kind))
        shares["recommender_only"].append(_share(kit.recommend(clicked, [], k).products, kind))
    kit.events.forget(issued)
    return {
        "suite": "bench-interest",
        "simulated": True,
        "sessions": sessions,
        "clicks": clicks,
        "k": k,
        "article_types": len(names),
        "cold_start_method": cold.method,
        "first_use_seconds": round(first_use_s, 2),
        "share_of_clicked_type": {
            name: {
                "mean": round(float(np.mean(values)), 3),
                "sessions_at_least_half": round(float(np.mean([v >= 0.5 for v in values])), 3),
            }
            for name, values in shares.items()
        },
        "freshness": {**_stats(freshness), "changed_on_next_request": round(float(np.mean(changed)), 3)},
        "new_sessions_with_no_recommendations": empty,
    }

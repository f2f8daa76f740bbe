"""What a new session sees first: what is popular and trending in the store.

Trending comes from what shoppers did recently (orders, purchases, cart adds and clicks in
the last ``window_s``, the last day counting double); when the store has too little of
that (a new store, a test catalog) the list is filled from the catalog's own popularity
(its rating weighted by how many ratings it has, the simulated commerce data), so a new
session's recommendations are never empty while anything is in stock. Both are read by
gender when the shopper's is known (their gender or Unisex)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence

from catalog import CatalogDB, ProductRecord
from catalog.state_database import Database

# how much one action says about a product's popularity
_EVENT_SCORE = "CASE type WHEN 'purchase' THEN 5 WHEN 'add_to_cart' THEN 3 WHEN 'click' THEN 1 ELSE 0 END"
PER_TYPE = 2  # at most this many of one article type in a cold-start list (variety)


def catalog_popularity(record: ProductRecord) -> float:
    """Rating shrunk towards 3 by few ratings (a Bayesian mean with a prior of 20 ratings)."""
    return (record.rating * record.rating_count + 3.0 * 20) / (record.rating_count + 20) + 0.05 * math.log1p(
        record.rating_count
    )


class Popularity:
    """Store trending (events + orders in the state database) over catalog popularity."""

    def __init__(self, state: Database, catalog: CatalogDB, window_s: float) -> None:
        self._state, self._catalog, self.window_s = state, catalog, window_s
        self._lock = threading.Lock()
        self._by_catalog: list[tuple[str, str]] | None = None  # (id, gender), most popular first

    def trending(self, limit: int = 200, now: float | None = None) -> list[tuple[str, float]]:
        """(product id, score) from recent orders and shopper events, best first."""
        now = time.time() if now is None else now
        since, recent = now - self.window_s, now - 86400.0
        scores: dict[str, float] = {}
        rows = self._state.fetchall(
            f"SELECT product_id, SUM(({_EVENT_SCORE}) * (CASE WHEN created_at >= ? THEN 2 ELSE 1 END)) "
            "FROM shopper_events WHERE created_at >= ? AND type IN ('purchase','add_to_cart','click') "
            "GROUP BY product_id",
            (recent, since),
        )
        rows += self._state.fetchall(
            "SELECT l.product_id, SUM(5 * l.quantity * (CASE WHEN o.created_at >= ? THEN 2 ELSE 1 END)) "
            "FROM order_lines l JOIN orders o ON o.order_id = l.order_id WHERE o.created_at >= ? "
            "GROUP BY l.product_id",
            (recent, since),
        )
        for product_id, score in rows:
            scores[product_id] = scores.get(product_id, 0.0) + float(score or 0)
        ranked = sorted(((p, s) for p, s in scores.items() if s > 0), key=lambda ps: (-ps[1], ps[0]))
        return ranked[:limit]

    def catalog_ranked(self) -> list[tuple[str, str]]:
        """Every product (id, gender), most popular first; read once per process."""
        with self._lock:
            if self._by_catalog is None:
                records = sorted(self._catalog.iter_records(), key=lambda r: (-catalog_popularity(r), r.id))
                self._by_catalog = [(r.id, r.gender) for r in records]
            return self._by_catalog

    def candidates(self, gender: str | None, want: int, now: float | None = None) -> list[tuple[ProductRecord, float]]:
        """Up to ``want`` in-stock (record, score) for a new session: trending first, then
        catalog popularity, at most ``PER_TYPE`` per article type; scores fall from 1."""
        genders = {gender, "Unisex"} if gender else None
        trending = [pid for pid, _ in self.trending(now=now)]
        ids = list(dict.fromkeys(trending + [pid for pid, g in self.catalog_ranked() if not genders or g in genders]))
        picked: list[ProductRecord] = []
        per_type: dict[str, int] = {}
        for start in range(0, len(ids), 4 * want):
            records = self._catalog.get_records(ids[start : start + 4 * want])
            for pid in ids[start : start + 4 * want]:
                record = records.get(pid)
                if record is None or not _fits(record, genders) or per_type.get(record.article_type, 0) >= PER_TYPE:
                    continue
                per_type[record.article_type] = per_type.get(record.article_type, 0) + 1
                picked.append(record)
                if len(picked) == want:
                    return _scored(picked)
        return _scored(picked)


def _fits(record: ProductRecord, genders: set[str] | None) -> bool:
    return record.in_stock and (genders is None or record.gender in genders)


def _scored(records: Sequence[ProductRecord]) -> list[tuple[ProductRecord, float]]:
    return [(r, round(1.0 - n / max(len(records), 1), 4)) for n, r in enumerate(records)]

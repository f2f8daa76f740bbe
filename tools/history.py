"""SIMULATED 90-day price and sales history of a product (the catalog has none).

Deterministic in (seed, product id): a promotion calendar moves the price between
discount levels, and daily units follow a constant-elasticity demand curve with a
weekly pattern and Poisson noise. The true elasticity per article type is known
(``true_elasticity``) so the fitted one can be checked against it. The last day's
price is the product's current price in SQLite."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
from pydantic import BaseModel

from catalog import ProductRecord

DAYS = 90
WEEKLY = np.array([0.9, 0.85, 0.9, 0.95, 1.1, 1.3, 1.2])  # Mon..Sun demand multipliers


class History(BaseModel):
    product_id: str
    dates: list[date]
    prices: list[float]
    units: list[int]

    @property
    def price_array(self) -> np.ndarray:
        return np.asarray(self.prices, dtype=float)

    @property
    def unit_array(self) -> np.ndarray:
        return np.asarray(self.units, dtype=float)


def stable_int(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256(":".join(map(str, parts)).encode()).digest()[:8], "little")


def true_elasticity(article_type: str) -> float:
    """The simulation's own price elasticity for an article type, in [-2.6, -0.8]."""
    return -0.8 - (stable_int("elasticity", article_type) % 1000) / 1000 * 1.8


def base_demand(record: ProductRecord, seed: int) -> float:
    rng = np.random.default_rng(stable_int(seed, "base", record.id))
    return float(rng.lognormal(mean=0.6, sigma=0.6) * (record.rating / 4.0))


def simulate_history(record: ProductRecord, seed: int, as_of: date | None = None) -> History:
    as_of = as_of or date.today()
    rng = np.random.default_rng(stable_int(seed, "history", record.id))
    discounts, day = np.zeros(DAYS), 0
    while day < DAYS:
        span = int(rng.integers(5, 15))
        discounts[day : day + span] = rng.choice([0.0, 0.1, 0.2, 0.3, 0.4], p=[0.35, 0.2, 0.2, 0.15, 0.1])
        day += span
    prices = np.round(record.list_price * (1 - discounts))
    prices[-1] = record.price
    dates = [as_of - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    weekly = WEEKLY[[d.weekday() for d in dates]]
    rate = base_demand(record, seed) * (prices / record.list_price) ** true_elasticity(record.article_type) * weekly
    units = rng.poisson(rate)
    return History(product_id=record.id, dates=dates, prices=prices.tolist(), units=units.astype(int).tolist())

"""A session's interest, from its own recent events: which products and article types it
leans towards, so that the very next recommendation and search follow a click or a cart
add ("just viewed, recommended at once").

Why a weighted, decayed count rather than a learned model: every number can be read back
("2 clicks on T-shirts, 1 ignored pair of jeans") and it changes on the next request with
no training. Each event adds its type's weight to its product, halved every
``half_life_s`` seconds; a product shown (an impression) and never acted on counts slightly
against; a product's article type collects its products' weights."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, Field

from catalog import ProductRecord
from tools.events import IMPRESSION, EventType, StoredEvent

WEIGHTS: dict[str, float] = {
    EventType.view: 1.0,
    EventType.click: 3.0,
    EventType.add_to_cart: 5.0,
    EventType.purchase: 5.0,
    EventType.remove_from_cart: -2.0,
    EventType.dismiss: -4.0,
}
IGNORED = -0.3  # an impression the shopper never acted on
# soft boosts, on relevance rescaled to [0, 1] within the candidate pool
TYPE_BOOST = 0.5  # in search: times the article type's share of the interest, in [-1, 1]
RECOMMEND_TYPE_BOOST = 0.8  # in recommendations, where no words of the shopper's compete with it
PRODUCT_PENALTY = 0.3  # a product with a negative weight (ignored, removed, dismissed)


class Interest(BaseModel):
    """The session's interest, explainable: decayed weights per product and per type."""

    products: dict[str, float] = Field(default_factory=dict, description="Decayed weight per product id.")
    article_types: dict[str, float] = Field(
        default_factory=dict, description="Each type's share of the absolute weight, in [-1, 1]."
    )
    events: int = Field(default=0, description="Shopper events read (impressions not counted).")

    def liked(self) -> list[str]:
        """Products with a positive weight, weakest first (the strongest last, as recommenders
        read a history: the most recent weighs most)."""
        return [p for p, w in sorted(self.products.items(), key=lambda kv: kv[1]) if w > 0]

    def dismissed(self) -> set[str]:
        return {p for p, w in self.products.items() if w <= WEIGHTS[EventType.dismiss] / 2}

    def boost(self, record: ProductRecord, type_boost: float = TYPE_BOOST) -> float:
        """The soft re-ranking term for one candidate: its type's share, minus a penalty if
        the shopper ignored or turned down this very product."""
        penalty = PRODUCT_PENALTY if self.products.get(record.id, 0.0) < 0 else 0.0
        return type_boost * self.article_types.get(record.article_type, 0.0) - penalty


def session_interest(
    events: Sequence[StoredEvent], records: Mapping[str, ProductRecord], now: float, half_life_s: float
) -> Interest:
    """The interest of one session's ``events`` (oldest first); ``records`` gives the article
    type of each product (products no longer in the catalog are skipped)."""
    acted = {e.product_id for e in events if e.type != IMPRESSION}
    weights: dict[str, float] = {}
    for event in events:
        if event.type == IMPRESSION:
            if event.product_id in acted:
                continue  # shown and then acted on: the action counts, not the impression
            weight = IGNORED
        else:
            weight = WEIGHTS.get(event.type, 0.0)
        decay = math.pow(0.5, max(now - event.at, 0.0) / half_life_s)
        weights[event.product_id] = weights.get(event.product_id, 0.0) + weight * decay
    by_type: dict[str, float] = {}
    for product_id, weight in weights.items():
        record = records.get(product_id)
        if record is not None:
            by_type[record.article_type] = by_type.get(record.article_type, 0.0) + weight
    total = sum(abs(w) for w in by_type.values()) or 1.0
    return Interest(
        products={p: round(w, 4) for p, w in weights.items()},
        article_types={t: round(w / total, 4) for t, w in by_type.items()},
        events=sum(1 for e in events if e.type != IMPRESSION),
    )


def rerank(
    candidates: Sequence[tuple[ProductRecord, float]],
    interest: Interest,
    preferences: Preferences | None = None,
    type_boost: float = TYPE_BOOST,
) -> list[tuple[ProductRecord, float]]:
    """Candidates (record, relevance) re-ordered by relevance rescaled to [0, 1] plus the
    interest and preference boosts; dismissed products are dropped. Returns (record, new score)."""
    if not candidates:
        return []
    scores = [s for _, s in candidates]
    low, span = min(scores), max(max(scores) - min(scores), 1e-9)
    dismissed = interest.dismissed()
    prefer = preferences or Preferences()
    scored = [
        (record, round((score - low) / span + interest.boost(record, type_boost) + prefer.boost(record), 4))
        for record, score in candidates
        if record.id not in dismissed
    ]
    return sorted(scored, key=lambda rs: -rs[1])


class Preferences(BaseModel):
    """What the shopper told the assistant (agent/state.py's ``Profile``), used here as soft
    preferences: a mismatch lowers a product, never hides it."""

    gender: str | None = None
    apparel_size: str | None = None
    shoe_size: str | None = None
    liked_colours: list[str] = Field(default_factory=list)
    budget_max: float | None = None
    budget_min: float | None = None

    def boost(self, record: ProductRecord) -> float:
        score = 0.0
        if self.gender and record.gender not in (self.gender, "Unisex"):
            score -= 0.3
        size = {"Apparel": self.apparel_size, "Footwear": self.shoe_size}.get(record.category)
        if size and record.sizes_in_stock and size not in record.sizes_in_stock:
            score -= 0.2
        if record.colour and record.colour in self.liked_colours:
            score += 0.1
        if self.budget_max is not None and record.price > self.budget_max:
            score -= 0.2
        if self.budget_min is not None and record.price < 0.7 * self.budget_min:
            score -= 0.1
        return score

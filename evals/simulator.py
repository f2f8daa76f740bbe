"""SIMULATED shoppers: synthetic sessions that search, click, cart and buy through the real
HTTP API (``atelier serve``) so that an experiment's whole loop (assignment, exposures,
events, orders, ``atelier experiments report``) runs end to end. Nothing here is real
shopper behaviour; every result it produces is labelled simulated.

Each simulated shopper has hidden preferences (gender, an article type, a colour, a budget
and a price sensitivity). It searches for what it wants, clicks each shown product with a
probability that grows with how well the product matches and falls with list position and
with price over budget, asks for recommendations, and then adds its best clicked product
to the cart with probability ``q`` and buys with ``buy_rate``. A planted effect: when a
list it was shown came from ``planted_variant`` (the ``X-Atelier-Experiments`` response
header), ``q`` is multiplied by ``1 + planted_lift``; with no planted variant (an A/A
test) the variants' shoppers behave the same. Each session's ``q`` is kept, so the
statistics-level runs (``evals/experiment_power.py``) draw cart decisions from the very
same model."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx
from pydantic import BaseModel, Field

SIMULATED = "simulated"
EXPERIMENTS_HEADER = "X-Atelier-Experiments"
TYPES = {
    "Men": ["Tshirts", "Shirts", "Jeans", "Casual Shoes", "Sports Shoes", "Watches", "Trousers", "Jackets"],
    "Women": ["Tops", "Kurtas", "Handbags", "Heels", "Dresses", "Tshirts", "Flats", "Sarees"],
}
COLOURS = ["Black", "Blue", "White", "Red", "Grey", "Green", "Navy Blue", "Brown", "Pink"]


class SimulationConfig(BaseModel):
    """How many simulated shoppers, and how they behave."""

    sessions: int = Field(default=200, ge=1)
    seed: int = 0
    experiment: str = Field(description="The experiment whose header marks a treated list.")
    planted_variant: str | None = Field(default=None, description="Its shoppers cart more; None: an A/A run.")
    planted_lift: float = Field(default=0.10, ge=0, description="Relative lift of the cart probability q.")
    click_rate: float = Field(default=0.3, gt=0, le=1, description="Click probability of a plain product at rank 1.")
    cart_rate: float = Field(default=0.9, gt=0, le=1, description="q of a shopper who clicked a perfect match.")
    buy_rate: float = Field(default=0.5, ge=0, le=1, description="Checkout probability once something is carted.")
    concurrency: int = Field(default=4, ge=1, le=32)


class ShopperPreferences(BaseModel):
    gender: str
    article_type: str
    colour: str
    budget: float
    price_sensitivity: float


class SimulatedSession(BaseModel):
    """One simulated shopper's session, as the simulator saw it."""

    label: str = SIMULATED
    session_id: str
    preferences: ShopperPreferences
    variant: str | None = Field(description="The experiment's variant named by the response header, if any.")
    shown: int
    clicks: int
    base_cart_probability: float = Field(description="q before any planted lift (0 when nothing was clicked).")
    cart_probability: float = Field(description="q after the planted lift.")
    carted: bool
    ordered: bool
    errors: list[str] = Field(default_factory=list)


def draw_preferences(rng: random.Random) -> ShopperPreferences:
    gender = rng.choice(["Men", "Women"])
    return ShopperPreferences(
        gender=gender,
        article_type=rng.choice(TYPES[gender]),
        colour=rng.choice(COLOURS),
        budget=round(rng.lognormvariate(math.log(1500), 0.5), 0),
        price_sensitivity=rng.uniform(0.5, 3.0),
    )


def affinity(product: dict, prefs: ShopperPreferences) -> float:
    """How much the shopper likes a product, in (0, 1]: type and colour matches, price over
    budget penalised by the shopper's sensitivity."""
    match = 0.25 + 0.5 * (product.get("article_type") == prefs.article_type)
    match += 0.25 * (product.get("colour") == prefs.colour)
    over = max(0.0, float(product.get("price", 0.0)) / prefs.budget - 1.0)
    return match * math.exp(-prefs.price_sensitivity * over)


def click_probability(product: dict, position: int, prefs: ShopperPreferences, config: SimulationConfig) -> float:
    return min(0.95, config.click_rate * 4 * affinity(product, prefs) / (1 + 0.2 * (position - 1)))


def cart_probability(best_affinity: float, treated: bool, config: SimulationConfig) -> float:
    """q: the session's probability of adding its best clicked product to the cart."""
    q = config.cart_rate * best_affinity
    return min(0.99, q * (1 + config.planted_lift) if treated else q)


class ShopperSimulator:
    """Runs simulated sessions against ``base_url`` (a running ``atelier serve``)."""

    def __init__(self, base_url: str, config: SimulationConfig) -> None:
        self.base_url = base_url.rstrip("/")
        self.config = config

    def run(self) -> list[SimulatedSession]:
        seeds = random.Random(self.config.seed)
        session_seeds = [seeds.getrandbits(64) for _ in range(self.config.sessions)]
        with (
            httpx.Client(base_url=self.base_url, timeout=60) as client,
            ThreadPoolExecutor(self.config.concurrency) as pool,
        ):
            return list(pool.map(lambda s: self.session(client, random.Random(s)), session_seeds))

    def session(self, client: httpx.Client, rng: random.Random) -> SimulatedSession:
        prefs = draw_preferences(rng)
        session_id = _ok(client.post("/v1/sessions")).json()["session_id"]
        variant: str | None = None
        shown = clicks = 0
        clicked: list[tuple[float, dict, int, str]] = []  # affinity, product, position, source

        def browse(response: httpx.Response, products: Sequence[dict], source: str) -> None:
            nonlocal variant, shown, clicks
            variant = variant or _variant(response, self.config.experiment)
            events = []
            for position, product in enumerate(products, 1):
                shown += 1
                if rng.random() < click_probability(product, position, prefs, self.config):
                    clicks += 1
                    clicked.append((affinity(product, prefs), product, position, source))
                    events.append(_event(session_id, "click", product["id"], position, source))
            if events:
                _ok(client.post("/v1/events", json={"events": events}))

        query = f"{prefs.colour} {prefs.article_type} for {prefs.gender.lower()}"
        found = _ok(client.post("/v1/search", json={"query": query, "k": 10, "session_id": session_id}))
        browse(found, found.json()["results"], "search")
        recs = _ok(client.get("/v1/recommendations", params={"session_id": session_id, "k": 10}))
        browse(recs, recs.json()["products"], "recommendation")
        treated = variant is not None and variant == self.config.planted_variant
        best = max(clicked, key=lambda c: c[0]) if clicked else None
        base_q = cart_probability(best[0], False, self.config) if best else 0.0
        q = cart_probability(best[0], treated, self.config) if best else 0.0
        carted = ordered = False
        errors: list[str] = []
        if best is not None and rng.random() < q:
            carted, ordered = self._buy(client, rng, session_id, best[1], best[2], best[3], errors)
        return SimulatedSession(
            session_id=session_id,
            preferences=prefs,
            variant=variant,
            shown=shown,
            clicks=clicks,
            base_cart_probability=base_q,
            cart_probability=q,
            carted=carted,
            ordered=ordered,
            errors=errors,
        )

    def _buy(
        self,
        client: httpx.Client,
        rng: random.Random,
        session_id: str,
        product: dict,
        position: int,
        source: str,
        errors: list[str],
    ) -> tuple[bool, bool]:
        """Cart the product (a size in stock) and maybe check out; the store's answers decide
        (a size sold out meanwhile is an error recorded, not a crash)."""
        sizes = product.get("sizes_in_stock") or [None]
        added = client.post(
            f"/v1/cart/{session_id}/items", json={"product_id": product["id"], "size": rng.choice(sizes), "quantity": 1}
        )
        if added.status_code != 200:
            errors.append(f"cart: {added.status_code}")
            return False, False
        _ok(client.post("/v1/events", json=_event(session_id, "add_to_cart", product["id"], position, source)))
        if rng.random() >= self.config.buy_rate:
            return True, False
        review = client.get(f"/v1/cart/{session_id}/checkout")
        if review.status_code != 200:
            errors.append(f"review: {review.status_code}")
            return True, False
        order = client.post(
            f"/v1/cart/{session_id}/checkout",
            json={"confirmation": review.json().get("confirmation")},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if order.status_code != 200:
            errors.append(f"checkout: {order.status_code}")
            return True, False
        _ok(client.post("/v1/events", json=_event(session_id, "purchase", product["id"], position, source)))
        return True, True


def _event(session_id: str, kind: str, product_id: str, position: int, source: str) -> dict:
    return {"session_id": session_id, "type": kind, "product_id": product_id, "position": position, "source": source}


def _variant(response: httpx.Response, experiment: str) -> str | None:
    for pair in response.headers.get(EXPERIMENTS_HEADER, "").split(","):
        name, _, variant = pair.partition("=")
        if name == experiment and variant:
            return variant
    return None


def _ok(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise RuntimeError(
            f"simulated shopper: {response.request.method} {response.request.url.path} -> "
            f"{response.status_code} {response.text[:200]}"
        )
    return response


def summarise(sessions: Sequence[SimulatedSession]) -> dict:
    """Counts by the variant the shoppers saw (labelled simulated)."""
    by: dict[str, dict[str, float]] = {}
    for s in sessions:
        row = by.setdefault(s.variant or "not exposed", {"sessions": 0, "carted": 0, "ordered": 0, "mean_q": 0.0})
        row["sessions"] += 1
        row["carted"] += s.carted
        row["ordered"] += s.ordered
        row["mean_q"] += s.cart_probability
    for row in by.values():
        row["mean_q"] = round(row["mean_q"] / row["sessions"], 4)
    return {"label": SIMULATED, "by_variant": by, "errors": sum(len(s.errors) for s in sessions)}

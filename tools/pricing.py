"""Pricing tools: the current price and discount, "is this a good deal" against the
product's own (simulated) 90-day history and its category, and for merchants a price
suggestion from a constant-elasticity demand model fitted per article type."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from catalog import CatalogDB
from config import ErrorCode
from tools.errors import ToolError, require_record
from tools.history import simulate_history, true_elasticity

UNIT_COST_SHARE = 0.45  # SIMULATED unit cost: 45% of the list price


class PriceInfo(BaseModel):
    product_id: str
    title: str
    price: float
    list_price: float
    discount_pct: int
    currency: str = "INR"
    lowest_90d: float
    median_90d: float
    highest_90d: float
    category_median: float = Field(description="Median current price of the same article type.")
    good_deal: bool
    verdict: str


class ElasticityFit(BaseModel):
    article_type: str
    elasticity: float
    r2: float = Field(description="Poisson deviance explained by price beyond per-product levels.")
    observations: int
    products: int
    simulated_true_elasticity: float


class PriceSuggestion(BaseModel):
    product_id: str
    objective: str
    current_price: float
    suggested_price: float
    expected_units: float
    expected_revenue: float
    expected_margin: float
    stock_units: int
    horizon_days: int
    fit: ElasticityFit


def _category_median(db: CatalogDB, article_type: str) -> float:
    prices = db.prices_of_type(article_type)
    return float(np.median(prices)) if prices else float("nan")


def price_info(db: CatalogDB, product_id: str, seed: int = 7) -> PriceInfo:
    """Current price with its context; a good deal = at or below its 90-day median and
    at least 10% under its list price, or at least 15% under the category median."""
    record = require_record(db, product_id)
    prices = simulate_history(record, seed).price_array
    low, median, high = float(prices.min()), float(np.median(prices)), float(prices.max())
    category = _category_median(db, record.article_type)
    vs_history = record.price <= median and record.discount_pct >= 10
    vs_category = record.price <= 0.85 * category
    kind = f"{record.article_type} typically cost ₹{category:.0f} here"
    good = vs_history or vs_category
    if record.price <= low or vs_history:
        said = (
            "is its lowest price in 90 days"
            if record.price <= low
            else f"is at or below its 90-day median of ₹{median:.0f}"
        )
        verdict = f"{'Good deal' if good else 'Not a special deal'}: ₹{record.price:.0f} {said}; {kind}."
    elif good:  # cheap for its kind, not for itself: both said, so "good deal" does not hide a lower price
        verdict = f"Good deal for its kind: {kind}, though it has sold for as little as ₹{low:.0f} in the last 90 days."
    else:
        verdict = f"Not a special deal: it has sold for as little as ₹{low:.0f} in the last 90 days; {kind}."
    return PriceInfo(
        product_id=record.id,
        title=record.title,
        price=record.price,
        list_price=record.list_price,
        discount_pct=record.discount_pct,
        lowest_90d=low,
        median_90d=median,
        highest_90d=high,
        category_median=category,
        good_deal=good,
        verdict=verdict,
    )


def _profile_loglik(e: float, xs: list[np.ndarray], qs: list[np.ndarray]) -> float:
    """Poisson log-likelihood of log E[q_it] = a_i + e * x_it with each product's a_i
    concentrated out (a_i = log(sum q / sum exp(e x))), up to a constant."""
    total = 0.0
    for x, q in zip(xs, qs):
        total += e * float(q @ x) - q.sum() * np.log(np.exp(e * x).sum())
    return total


def fit_elasticity(
    db: CatalogDB, article_type: str, seed: int = 7, products: int = 150, train_days: int | None = None
) -> ElasticityFit:
    """Constant-elasticity demand per article type: Poisson maximum likelihood with
    product fixed effects (profile likelihood over the elasticity), on the first
    ``train_days`` of every history (all days when None). Poisson, not OLS on
    log(units + 1): daily counts are small and the log transform biases the slope to 0."""
    from scipy.optimize import minimize_scalar

    records = db.get_records(db.ids_of_type(article_type, products))
    if len(records) < 3:
        raise ToolError(ErrorCode.too_few_products, f"Not enough {article_type} products to fit a demand model.")
    xs, qs = [], []
    for record in records.values():
        history = simulate_history(record, seed)
        x, q = np.log(history.price_array[:train_days] / record.list_price), history.unit_array[:train_days]
        if np.ptp(x) > 0 and q.sum() > 0:
            xs.append(x)
            qs.append(q)
    if not xs:
        raise ToolError(ErrorCode.too_few_products, f"No {article_type} price variation to fit a demand model.")
    best = minimize_scalar(lambda e: -_profile_loglik(e, xs, qs), bounds=(-6.0, 1.0), method="bounded")
    elasticity = float(best.x)
    return ElasticityFit(
        article_type=article_type,
        elasticity=round(elasticity, 3),
        r2=round(_pseudo_r2(elasticity, xs, qs), 3),
        observations=sum(len(x) for x in xs),
        products=len(xs),
        simulated_true_elasticity=round(true_elasticity(article_type), 3),
    )


def _pseudo_r2(e: float, xs: list[np.ndarray], qs: list[np.ndarray]) -> float:
    """Deviance explained by price beyond the product effects alone (1 - D_model / D_null)."""

    def deviance(slope: float) -> float:
        dev = 0.0
        for x, q in zip(xs, qs):
            mu = np.exp(slope * x) * q.sum() / np.exp(slope * x).sum()
            ratio = np.where(q > 0, q / mu, 1.0)
            dev += 2 * float(np.sum(q * np.log(ratio) - (q - mu)))
        return dev

    null = deviance(0.0)
    return 1 - deviance(e) / null if null > 0 else 0.0


def predict_units(level: float, elasticity: float, prices: np.ndarray, list_price: float) -> np.ndarray:
    """Expected daily units at ``prices`` for a product with demand ``level`` at list price."""
    return level * np.power(prices / list_price, elasticity)


def demand_level(history_prices: np.ndarray, history_units: np.ndarray, list_price: float, elasticity: float) -> float:
    """The product's own expected daily units at list price (Poisson MLE given the elasticity)."""
    return float(history_units.sum() / np.power(history_prices / list_price, elasticity).sum())


def suggest_price(
    db: CatalogDB, product_id: str, objective: str = "revenue", horizon_days: int = 30, seed: int = 7
) -> PriceSuggestion:
    """Best price on a grid of 50-100% of list price for ``objective`` (revenue or margin)
    over ``horizon_days``, with expected sales capped by the stock on hand."""
    if objective not in ("revenue", "margin"):
        raise ToolError(ErrorCode.invalid_objective, "objective must be 'revenue' or 'margin'.")
    if not 1 <= horizon_days <= 365:
        raise ToolError(ErrorCode.invalid_horizon, "horizon_days must be between 1 and 365.")
    record = require_record(db, product_id)
    fit = fit_elasticity(db, record.article_type, seed)
    history = simulate_history(record, seed)
    # the product's own demand level at list price, from its history and the fitted curve
    level = demand_level(history.price_array, history.unit_array, record.list_price, fit.elasticity)
    stock = sum(record.stock.values())
    grid = np.round(record.list_price * np.linspace(0.5, 1.0, 51))
    units = np.minimum(predict_units(level, fit.elasticity, grid, record.list_price) * horizon_days, stock)
    revenue = grid * units
    margin = (grid - UNIT_COST_SHARE * record.list_price) * units
    best = int(np.argmax(revenue if objective == "revenue" else margin))
    return PriceSuggestion(
        product_id=record.id,
        objective=objective,
        current_price=record.price,
        suggested_price=float(grid[best]),
        expected_units=round(float(units[best]), 1),
        expected_revenue=round(float(revenue[best]), 2),
        expected_margin=round(float(margin[best]), 2),
        stock_units=stock,
        horizon_days=horizon_days,
        fit=fit,
    )

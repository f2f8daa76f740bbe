"""``atelier eval tools``: the outfit builder over generated requests against random
valid outfits, and the pricing / forecasting backtests against naive baselines."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence

import numpy as np

from catalog import ProductRecord
from evals.metrics import percentile
from retrieval import ProductSearch, SearchFilters
from tools import OutfitRequest, ToolError, Toolkit
from tools.colours import harmony
from tools.history import simulate_history
from tools.outfit import COMPATIBLE_USAGES, TEMPLATES, USAGES, Outfit, OutfitResult
from tools.pricing import demand_level, fit_elasticity, predict_units
from tools.stock import holt_winters, price_adjusted_forecast, seasonal_naive

OCCASIONS = {
    "Casual": ["casual", "weekend"],
    "Formal": ["office", "interview"],
    "Ethnic": ["wedding", "festive"],
    "Sports": ["gym", "running"],
    "Party": ["party", "clubbing"],
}


def generate_outfit_requests(search: ProductSearch, n: int = 200, seed: int = 5) -> list[OutfitRequest]:
    rng = random.Random(seed)
    anchors = [r.id for r in search.find("casual shirt tshirt top kurta dress", SearchFilters(in_stock_only=True), 60)]
    requests = []
    for i in range(n):
        if i % 5 == 4:
            requests.append(OutfitRequest(product_id=rng.choice(anchors), budget=rng.choice([None, 6000, 9000])))
            continue
        gender = rng.choice(["Men", "Men", "Women", "Women", "Boys", "Girls"])
        usage = rng.choice(USAGES if gender in ("Men", "Women") else ("Casual",))
        requests.append(
            OutfitRequest(
                occasion=rng.choice(OCCASIONS[usage]),
                gender=gender,
                budget=rng.choice([None, 1500, 3000, 5000, 8000]),
                size=rng.choice([None, None, "S", "M", "L"]),
            )
        )
    return requests


def _violations(outfit: Outfit, result: OutfitResult, req: OutfitRequest) -> list[str]:
    broken = []
    if req.budget is not None and outfit.within_budget and outfit.total_price > req.budget:
        broken.append("budget")
    if any(not p.in_stock for p in outfit.products):
        broken.append("stock")
    if any(p.gender not in (result.gender, "Unisex") for p in outfit.products):
        broken.append("gender")
    if any(p.usage not in COMPATIBLE_USAGES[result.usage] for p in outfit.products if p.id != req.product_id):
        broken.append("usage")
    if len(set(outfit.slots)) != len(outfit.items) or len(set(outfit.items)) != len(outfit.items):
        broken.append("one_item_per_slot")
    if req.size and any(
        req.size not in p.sizes_in_stock for p in outfit.products if p.category == "Apparel" and p.id != req.product_id
    ):
        broken.append("size")
    if harmony([p.colour for p in outfit.products]) is None:
        broken.append("colour_clash")
    return broken


def _random_outfit(
    rng: random.Random, pools: Mapping[str, Sequence[ProductRecord]], budget: float | None
) -> list[ProductRecord] | None:
    for _ in range(50):
        combo = [rng.choice(pool) for pool in pools.values() if pool]
        if budget is None or sum(p.price for p in combo) <= budget:
            return combo
    return None


def _coherence(search: ProductSearch, usage: str, gender: str, products: list[ProductRecord]) -> float:
    """Cosine between the occasion and the outfit's mean item text vector (MiniLM)."""
    occasion = np.asarray(search.embedder.embed_query(f"{usage} outfit for {gender}"))
    items = np.asarray([search.embedder.embed_query(p.title) for p in products])
    mean = items.mean(axis=0)
    return float(occasion @ mean / (np.linalg.norm(mean) or 1.0))


def run_outfit_eval(kit: Toolkit, n: int = 200) -> dict:
    search = kit.search
    requests = generate_outfit_requests(search, n)
    rng = random.Random(11)
    latencies: list[float] = []
    broken: dict[str, int] = {}
    failures: dict[str, int] = {}
    cheapest_notes = built = random_clash = random_total = 0
    coherent = random_coherent = 0.0
    for req in requests:
        started = time.perf_counter()
        try:
            result = kit.build_outfit(req)
        except ToolError as exc:
            failures[exc.code] = failures.get(exc.code, 0) + 1
            continue
        latencies.append((time.perf_counter() - started) * 1e3)
        built += 1
        cheapest_notes += result.message is not None
        outfit = result.outfits[0]
        for issue in _violations(outfit, result, req):
            broken[issue] = broken.get(issue, 0) + 1
        coherent += _coherence(search, result.usage, result.gender, outfit.products)
        template = next(iter(TEMPLATES[result.gender].get(result.usage) or TEMPLATES[result.gender]["Casual"]))
        pools = {
            s.name: search.find(
                " ".join(s.article_types),
                SearchFilters(gender=result.gender, article_type=s.article_types, in_stock_only=True),
                30,
            )
            for s in template
        }
        baseline = _random_outfit(rng, pools, req.budget)
        if baseline:
            random_total += 1
            random_coherent += _coherence(search, result.usage, result.gender, baseline)
            random_clash += harmony([p.colour for p in baseline]) is None
    checked = built * 7
    return {
        "requests": len(requests),
        "built": built,
        "not_built": failures,
        "budget_below_cheapest_reported": cheapest_notes,
        "constraint_violations": broken,
        "constraint_satisfaction": round(1 - sum(broken.values()) / checked, 4) if checked else None,
        "systems": {
            "outfit_builder": {
                "coherence": round(coherent / built, 4),
                "colour_clash_rate": broken.get("colour_clash", 0) / built,
                "latency_p50_ms": round(percentile(latencies, 50), 1),
                "latency_p99_ms": round(percentile(latencies, 99), 1),
            },
            "random_valid_outfit": {
                "coherence": round(random_coherent / max(random_total, 1), 4),
                "colour_clash_rate": round(random_clash / max(random_total, 1), 4),
            },
        },
    }


def run_pricing_backtest(kit: Toolkit, per_type: int = 40, test_days: int = 14) -> dict:
    """Fit elasticity on the first 76 days; predict the last 14 days' units from their
    prices. Baseline: the product's mean daily units over the training days."""
    db, seed = kit.search.db, kit.settings.commerce_seed
    types = [
        "Tshirts",
        "Shirts",
        "Casual Shoes",
        "Watches",
        "Sports Shoes",
        "Kurtas",
        "Tops",
        "Handbags",
        "Heels",
        "Sunglasses",
    ]
    model_err, naive_err, fits = [], [], {}
    train_days = 90 - test_days
    for atype in types:
        fit = fit_elasticity(db, atype, seed, products=150, train_days=train_days)
        fits[atype] = {"fitted": fit.elasticity, "simulated_true": fit.simulated_true_elasticity, "pseudo_r2": fit.r2}
        for record in db.get_records(db.ids_of_type(atype, 1000)[-per_type:]).values():  # not the fitting sample
            h = simulate_history(record, seed)
            p, q = h.price_array, h.unit_array
            level = demand_level(p[:train_days], q[:train_days], record.list_price, fit.elasticity)
            predicted = predict_units(level, fit.elasticity, p[train_days:], record.list_price)
            model_err.append(np.abs(predicted - q[train_days:]).mean())
            naive_err.append(np.abs(q[:train_days].mean() - q[train_days:]).mean())
    return {
        "products": len(model_err),
        "test_days": test_days,
        "systems": {
            "elasticity_model": {"mae_units_per_day": round(float(np.mean(model_err)), 4)},
            "naive_mean": {"mae_units_per_day": round(float(np.mean(naive_err)), 4)},
        },
        "elasticity_by_type": fits,
    }


def run_forecast_backtest(kit: Toolkit, products: int = 200) -> dict:
    """Last 14 days of each sampled product's history, every method fitted on the 76 before."""
    db, seed = kit.search.db, kit.settings.commerce_seed
    all_ids = sorted(db.all_ids(), key=int)
    ids = all_ids[:: max(1, len(all_ids) // products)][:products]
    errors: dict[str, list[float]] = {
        "price_adjusted_holt_winters": [],
        "holt_winters": [],
        "seasonal_naive": [],
        "mean": [],
    }
    elasticities: dict[str, float] = {}
    for record in db.get_records(ids).values():
        h = simulate_history(record, seed)
        p, q = h.price_array, h.unit_array
        if record.article_type not in elasticities:
            try:
                elasticities[record.article_type] = fit_elasticity(
                    db, record.article_type, seed, train_days=76
                ).elasticity
            except ToolError:
                elasticities[record.article_type] = -1.0
        e = elasticities[record.article_type]
        test = q[-14:]
        errors["price_adjusted_holt_winters"].append(
            np.abs(price_adjusted_forecast(p[:-14], q[:-14], p[-14:], record.list_price, e) - test).mean()
        )
        errors["holt_winters"].append(np.abs(holt_winters(q[:-14], 14) - test).mean())
        errors["seasonal_naive"].append(np.abs(seasonal_naive(q[:-14], 14) - test).mean())
        errors["mean"].append(np.abs(q[:-14].mean() - test).mean())
    return {
        "products": len(ids),
        "horizon_days": 14,
        "systems": {name: {"mae_units_per_day": round(float(np.mean(e)), 4)} for name, e in errors.items()},
    }


def run_tools_eval(kit: Toolkit, outfit_requests: int = 200) -> dict:
    return {
        "suite": "tools",
        "outfits": run_outfit_eval(kit, outfit_requests),
        "pricing_backtest": run_pricing_backtest(kit),
        "forecast_backtest": run_forecast_backtest(kit),
    }

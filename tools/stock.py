"""Stock tools: per-size availability with "only N left" and (SIMULATED) restock dates
for shoppers; for merchants a demand forecast (Holt-Winters exponential smoothing with a
weekly season, statsmodels) with its backtest error, a reorder point and days of cover."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import numpy as np
from pydantic import BaseModel, Field

from catalog import CatalogDB, ProductRecord
from config import ErrorCode
from tools.errors import ToolError, require_record
from tools.history import simulate_history, stable_int

LOW_STOCK = 3
LEAD_TIME_DAYS = 7
SERVICE_Z = 1.65  # ~95% cycle service level


class SizeStock(BaseModel):
    size: str
    units: int
    status: str = Field(description="in_stock, low_stock or sold_out")
    restock_date: date | None = None


class Availability(BaseModel):
    product_id: str
    title: str
    sizes: list[SizeStock]
    sizes_in_stock: list[str]
    in_stock: bool
    message: str


class Forecast(BaseModel):
    product_id: str
    horizon_days: int
    daily_forecast: list[float]
    method: str
    backtest_mae: float = Field(description="MAE on the last 14 days, model fitted on the days before.")
    naive_mae: float = Field(description="Same backtest for the seasonal-naive forecast (same weekday last week).")
    stock_units: int
    days_of_cover: float
    reorder_point: float
    reorder_now: bool


def _restock_date(product_id: str, size: str, seed: int, today: date) -> date:
    return today + timedelta(days=3 + stable_int(seed, "restock", product_id, size) % 19)


def availability(
    db: CatalogDB, product_id: str, size: str | None = None, seed: int = 7, today: date | None = None
) -> Availability:
    """Stock per size (or for one size), with a sentence a shopper can read."""
    today = today or date.today()
    record = require_record(db, product_id)
    if size is not None and size not in record.stock:
        raise ToolError(
            ErrorCode.size_not_carried,
            f"{record.title} does not come in size {size}; sizes: {', '.join(record.stock)}.",
            {"sizes": list(record.stock)},
        )
    sizes = []
    for name, units in record.stock.items():
        status = "sold_out" if units == 0 else "low_stock" if units <= LOW_STOCK else "in_stock"
        restock = _restock_date(record.id, name, seed, today) if units == 0 else None
        sizes.append(SizeStock(size=name, units=units, status=status, restock_date=restock))
    shown = [s for s in sizes if size is None or s.size == size]
    return Availability(
        product_id=record.id,
        title=record.title,
        sizes=shown,
        sizes_in_stock=record.sizes_in_stock,
        in_stock=record.in_stock,
        message=_availability_message(record, shown, size),
    )


def _availability_message(record: ProductRecord, sizes: list[SizeStock], size: str | None) -> str:
    if size is not None:
        s = sizes[0]
        if s.status == "sold_out":
            others = ", ".join(record.sizes_in_stock) or "no other size"
            return (
                f"{record.title} is sold out in {size} (restock expected {s.restock_date:%d %b}); in stock: {others}."
            )
        if s.status == "low_stock":
            return f"Yes, {record.title} is available in {size}, but only {s.units} left."
        return f"Yes, {record.title} is in stock in {size}."
    if not record.in_stock:
        return f"{record.title} is sold out in every size."
    low = [f"{s.size} (only {s.units} left)" for s in sizes if s.status == "low_stock"]
    if record.one_size:  # a saree, a bag: no sizes to list
        return f"{record.title} is made in one size and is in stock" + (
            f", only {sizes[0].units} left." if low else "."
        )
    text = f"{record.title} is in stock in {', '.join(record.sizes_in_stock)}."
    return text + (f" Running low: {', '.join(low)}." if low else "")


def holt_winters(series: np.ndarray, horizon: int) -> np.ndarray:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            series + 1.0, trend=None, seasonal="mul", seasonal_periods=7, initialization_method="estimated"
        ).fit()
    return np.maximum(model.forecast(horizon) - 1.0, 0.0)


def seasonal_naive(series: np.ndarray, horizon: int) -> np.ndarray:
    return np.array([series[len(series) - 7 + (i % 7)] for i in range(horizon)], dtype=float)


def price_adjusted_forecast(
    prices: np.ndarray, units: np.ndarray, future_prices: np.ndarray, list_price: float, elasticity: float
) -> np.ndarray:
    """Holt-Winters on demand normalised to the list price (units / (p/list)^e), scaled
    back by the planned prices: promotions drive this demand, which plain smoothing
    cannot see."""
    normalised = units / np.power(prices / list_price, elasticity)
    return holt_winters(normalised, len(future_prices)) * np.power(future_prices / list_price, elasticity)


def forecast_demand(db: CatalogDB, product_id: str, horizon_days: int = 14, seed: int = 7) -> Forecast:
    """Forecast daily units at the current price from the 90-day history (price-adjusted
    Holt-Winters, elasticity fitted for the article type); backtest on the last 14 days."""
    from tools.pricing import fit_elasticity

    if not 1 <= horizon_days <= 90:
        raise ToolError(ErrorCode.invalid_horizon, "horizon_days must be between 1 and 90.")
    record = require_record(db, product_id)
    history = simulate_history(record, seed)
    prices, units = history.price_array, history.unit_array
    e = fit_elasticity(db, record.article_type, seed, train_days=76).elasticity
    backtest = price_adjusted_forecast(prices[:-14], units[:-14], prices[-14:], record.list_price, e)
    mae = float(np.mean(np.abs(backtest - units[-14:])))
    naive = float(np.mean(np.abs(seasonal_naive(units[:-14], 14) - units[-14:])))
    future = price_adjusted_forecast(prices, units, np.full(horizon_days, record.price), record.list_price, e)
    daily = float(future.mean())
    sigma = float(np.std(units[-28:]))
    reorder_point = daily * LEAD_TIME_DAYS + SERVICE_Z * sigma * np.sqrt(LEAD_TIME_DAYS)
    stock = sum(record.stock.values())
    return Forecast(
        product_id=record.id,
        horizon_days=horizon_days,
        daily_forecast=[round(float(v), 2) for v in future],
        method="Holt-Winters on price-normalised demand (weekly season) x fitted elasticity",
        backtest_mae=round(mae, 3),
        naive_mae=round(naive, 3),
        stock_units=stock,
        days_of_cover=round(stock / daily, 1) if daily > 0 else float("inf"),
        reorder_point=round(reorder_point, 1),
        reorder_now=stock <= reorder_point,
    )

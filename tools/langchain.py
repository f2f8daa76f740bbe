"""LangChain ``StructuredTool`` wrappers around ``Toolkit`` methods.

Each tool validates its arguments with the pydantic schema, calls the same plain
function the API uses, and returns JSON-ready data; a ``ToolError`` comes back as
``{"error": {"code", "message"}}`` so the LLM can relay it (e.g. ask for a size)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import BaseModel

from tools.errors import ToolError
from tools.outfit import OutfitRequest
from tools.toolkit import (
    CartArgs, CartItemArgs, ForecastArgs, ProductArgs, QuestionArgs, RecommendArgs, RemoveArgs, SearchArgs, SimilarArgs, StockArgs, SuggestArgs,
    Toolkit,
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
    def call(**kwargs: Any) -> Any:
        try:
            return _jsonable(fn(**kwargs))
        except ToolError as exc:
            return {"error": exc.to_dict()}
    return call


def _tool(name: str, fn: Callable[..., Any], schema: type[BaseModel], description: str) -> StructuredTool:
    return StructuredTool.from_function(func=_wrap(fn), name=name, description=description, args_schema=schema)


def make_tools(kit: Toolkit, merchant: bool = False) -> list[StructuredTool]:
    tools = [
        _tool("search_products", kit.search_products, SearchArgs,
              "Search the store's catalog. Use for any request for products. Returns products with id, title, "
              "price (INR), colour, sizes in stock; and 'relaxation' when nothing matched every constraint."),
        _tool("get_product", kit.get_product, ProductArgs,
              "Get one product's current details (price, discount, sizes, stock) by id."),
        _tool("find_similar", kit.find_similar, SimilarArgs,
              "Find in-stock products similar to a given product (same article type)."),
        _tool("recommend", lambda seed_ids, k=5: kit.recommend(seed_ids, [], k), RecommendArgs,
              "Recommend in-stock products for this shopper from products they viewed or carted (a model "
              "trained on real shopping sessions); never returns the seeds themselves."),
        _tool("check_stock", kit.check_stock, StockArgs,
              "Per-size availability of a product, 'only N left', and restock dates for sold-out sizes."),
        _tool("price_info", kit.price_info, ProductArgs,
              "Current price, list price, discount and whether it is a good deal versus its 90-day history "
              "and its category. Never state a discount that this tool did not return."),
        _tool("add_to_cart", kit.add_to_cart, CartItemArgs,
              "Add a product to the shopper's cart. A size is required; if the shopper gave none, ask."),
        _tool("remove_from_cart", kit.remove_from_cart, RemoveArgs, "Remove a product from the cart."),
        _tool("view_cart", kit.view_cart, CartArgs, "Show the cart with current prices and its total."),
        _tool("checkout", kit.checkout, CartArgs,
              "Place the order for everything in the cart (stock is reserved atomically)."),
        _tool("build_outfit", lambda **kw: kit.build_outfit(OutfitRequest(**kw)), OutfitRequest,
              "Complete the look: from a product id, or an occasion + gender + budget, return 1-3 outfits "
              "(one item per slot, colour-matched, in stock, within budget) with explanations."),
        _tool("store_info", kit.store_info, QuestionArgs,
              "Answer questions about the store's policies and help pages (returns, exchanges, delivery, payment, "
              "size charts, fit, care) from its own documents; quote the passage it returns."),
    ]
    if merchant:
        tools += [
            _tool("suggest_price", kit.suggest_price, SuggestArgs,
                  "Merchant: revenue- or margin-maximising price from the fitted demand curve, capped by stock."),
            _tool("forecast_demand", kit.forecast_demand, ForecastArgs,
                  "Merchant: daily demand forecast, backtest error, days of cover and reorder point."),
        ]
    return tools

"""Every tool the agent, an LLM or an MCP client can call, declared once: its name, its
argument model, what it is for (written for a model), how it is called on a ``Toolkit``,
and whether only merchants get it. The LangChain tools (``tools/langchain.py``) and the
model's function schemas are derived from this registry, and the ``Toolkit`` methods are
the functions behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from retrieval import PriceOrder, SearchFilters
from tools.outfit import OutfitRequest

if TYPE_CHECKING:
    from tools.toolkit import Toolkit


class SearchArgs(BaseModel):
    query: str = Field(
        description="The shopper's words, e.g. 'navy casual shirt for men under 1500'. "
        "Price, colour, gender, type, size and occasion are understood from the text."
    )
    k: int = Field(default=5, ge=1, le=20, description="How many products to return.")
    filters: SearchFilters | None = Field(default=None, description="Explicit constraints overriding the text.")
    sort: PriceOrder | None = Field(
        default=None,
        description="'price_asc' for the cheapest that fit, 'price_desc' for the most expensive, in that order.",
    )


class ProductArgs(BaseModel):
    product_id: str = Field(description="A product id from an earlier tool result.")


class PhotoArgs(BaseModel):
    image_base64: str = Field(max_length=14_000_000, description="The photo, base64 or a data: URL (JPEG/PNG).")
    query: str | None = Field(
        default=None, max_length=500, description="Words that add filters, e.g. 'in black, under 2000'."
    )
    k: int = Field(default=5, ge=1, le=20)


class SimilarArgs(BaseModel):
    product_id: str = Field(description="Find products like this one (same article type).")
    k: int = Field(default=5, ge=1, le=20)
    price_max: float | None = Field(default=None, ge=0, description="Only products at or under this price.")
    price_min: float | None = Field(
        default=None, ge=0, description="Only products at or over this price (the range the shopper searched)."
    )
    usage: str | None = Field(default=None, description="Only products of this usage (Casual, Formal, Ethnic, ...).")
    colours: list[str] = Field(
        default_factory=list, description="Only in these colours, for the same gender ('does it come in black?')."
    )
    other_colours: bool = Field(
        default=False, description="Only in colours other than its own, for the same gender ('in other colours?')."
    )
    gender: str | None = Field(
        default=None, description="Only for this gender ('something like this for my wife': Women)."
    )
    size: str | None = Field(default=None, description="Only products in stock in this size (the shopper's).")


class RecommendArgs(BaseModel):
    seed_ids: list[str] = Field(
        min_length=1, max_length=10, description="Ids of products the shopper viewed, liked or carted, oldest first."
    )
    k: int = Field(default=5, ge=1, le=20)


class StockArgs(BaseModel):
    product_id: str
    size: str | None = Field(default=None, description="A size such as M or UK9; omit for every size.")


class CartArgs(BaseModel):
    session_id: str


class NoArgs(BaseModel):
    pass


class CheckoutArgs(BaseModel):
    session_id: str
    confirmation: str = Field(
        description="The code review_order returned, once the shopper said yes to exactly that summary."
    )


class OrderArgs(BaseModel):
    session_id: str
    order_id: str


class CartItemArgs(BaseModel):
    session_id: str
    product_id: str
    size: str | None = Field(default=None, description="Required: ask the shopper if they did not say.")
    quantity: int = Field(default=1, ge=1, le=10)


class RemoveArgs(BaseModel):
    session_id: str
    product_id: str
    size: str | None = None


class SuggestArgs(BaseModel):
    product_id: str
    objective: str = Field(default="revenue", description="revenue or margin")
    horizon_days: int = Field(default=30, ge=1, le=365)


class QuestionArgs(BaseModel):
    question: str = Field(
        description="A question about the store: returns, exchanges, delivery, payment, size charts, fit or care."
    )
    earlier: str | None = Field(
        default=None,
        description="The store question this one follows up ('and for innerwear?' after a question about returns).",
    )


class ForecastArgs(BaseModel):
    product_id: str
    horizon_days: int = Field(default=14, ge=1, le=90)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    args: type[BaseModel]
    description: str
    call: Callable[..., Any] | None = None  # (kit, **validated arguments) -> result; default: the method of the name
    merchant: bool = False

    def run(self, kit: Toolkit, arguments: dict[str, Any]) -> Any:
        """Validate ``arguments`` with the argument model (``pydantic.ValidationError`` when
        they are wrong), call the tool, and return JSON-ready data; a ``ToolError`` (a
        size to ask for, an unknown product) propagates for the caller to relay."""
        args = self.args.model_validate(arguments)
        return jsonable(self.bind(kit)(**{name: getattr(args, name) for name in type(args).model_fields}))

    def bind(self, kit: Toolkit) -> Callable[..., Any]:
        """The function a tool call runs: the ``Toolkit`` method, with the arguments as validated."""
        if self.call is None:
            return getattr(kit, self.name)
        call = self.call
        return lambda **kwargs: call(kit, **kwargs)


REGISTRY: tuple[ToolSpec, ...] = (
    ToolSpec(
        "search_products",
        SearchArgs,
        "Search the store's catalog. Use for any request for products. Returns products with id, title, "
        "price (INR), colour, sizes in stock; and 'relaxation' when nothing matched every constraint.",
    ),
    ToolSpec(
        "search_by_photo",
        PhotoArgs,
        "Find products that look like a photo (same kind, colour, pattern), optionally under filters stated in words.",
    ),
    ToolSpec("get_product", ProductArgs, "Get one product's current details (price, discount, sizes, stock) by id."),
    ToolSpec("find_similar", SimilarArgs, "Find in-stock products similar to a given product (same article type)."),
    ToolSpec(
        "recommend",
        RecommendArgs,
        "Recommend in-stock products for this shopper from products they viewed or carted (a model "
        "trained on real shopping sessions); never returns the seeds themselves.",
        call=lambda kit, seed_ids, k=5: kit.recommend(seed_ids, [], k),
    ),
    ToolSpec(
        "check_stock",
        StockArgs,
        "Per-size availability of a product, 'only N left', and restock dates for sold-out sizes.",
    ),
    ToolSpec(
        "price_info",
        ProductArgs,
        "Current price, list price, discount and whether it is a good deal versus its 90-day history "
        "and its category. Never state a discount that this tool did not return.",
    ),
    ToolSpec(
        "start_session",
        NoArgs,
        "Start a shopper session: its id (issued by the store) keys the cart; cart tools refuse other ids.",
    ),
    ToolSpec(
        "add_to_cart",
        CartItemArgs,
        "Add a product to the shopper's cart. A size is required; if the shopper gave none, ask.",
    ),
    ToolSpec("remove_from_cart", RemoveArgs, "Remove a product from the cart."),
    ToolSpec("view_cart", CartArgs, "Show the cart with current prices and its total."),
    ToolSpec(
        "review_order",
        CartArgs,
        "The order summary (items, sizes, delivery, total) to show the shopper before checkout, with the "
        "confirmation code that places exactly that order.",
    ),
    ToolSpec(
        "checkout",
        CheckoutArgs,
        "Place the order the shopper confirmed: only after they said yes to review_order's summary "
        "(stock is reserved atomically; a changed cart is refused with cart_changed).",
    ),
    ToolSpec("cancel_order", OrderArgs, "Cancel one of the session's orders within the cancellation window."),
    ToolSpec(
        "build_outfit",
        OutfitRequest,
        "Complete the look: from a product id, or an occasion + gender + budget, return 1-3 outfits "
        "(one item per slot, colour-matched, in stock, within budget) with explanations.",
        call=lambda kit, **kwargs: kit.build_outfit(OutfitRequest(**kwargs)),
    ),
    ToolSpec(
        "store_info",
        QuestionArgs,
        "Answer questions about the store's policies and help pages (returns, exchanges, delivery, payment, "
        "size charts, fit, care) from its own documents; quote the passage it returns.",
    ),
    ToolSpec(
        "suggest_price",
        SuggestArgs,
        "Merchant: revenue- or margin-maximising price from the fitted demand curve, capped by stock.",
        merchant=True,
    ),
    ToolSpec(
        "forecast_demand",
        ForecastArgs,
        "Merchant: daily demand forecast, backtest error, days of cover and reorder point.",
        merchant=True,
    ),
)


def jsonable(value: Any) -> Any:
    """A tool result as JSON-ready data (models dumped, lists of them too)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def tool_specs(merchant: bool = False) -> list[ToolSpec]:
    """The shopper-facing tools, plus the merchant ones when asked."""
    return [spec for spec in REGISTRY if merchant or not spec.merchant]

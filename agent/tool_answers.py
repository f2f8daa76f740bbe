"""Answers written from tool results alone, for an LLM planner in ``facts`` answer mode:
the model chooses the tools and their arguments, and the answer text is composed here
from what the tools returned, in the rule planner's wording.

Why: a small local model on 2 CPU cores reads a tool result at ~60 tokens/s and writes
at ~15, so letting it phrase the answer costs 10-30 s a turn; the facts are in the
result already, and text composed from them is grounded by construction."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from agent import answers
from catalog import ProductRecord


class ComposedAnswer(BaseModel):
    text: str
    products: list[ProductRecord] = Field(default_factory=list)


def _records(rows: list[dict]) -> list[ProductRecord]:
    return [ProductRecord.model_validate({k: r[k] for k in ProductRecord.model_fields if k in r})
            for r in rows if isinstance(r, dict) and "id" in r and "price" in r]


def _listing(intro: str, products: list[ProductRecord], empty: str, size: str | None = None) -> ComposedAnswer:
    if not products:
        return ComposedAnswer(text=empty)
    return ComposedAnswer(text=intro + "\n" + answers.product_list(products, size), products=products)


def _search(output: dict) -> ComposedAnswer:
    products = _records(output.get("results", [])[:5])
    filters = output.get("filters") or {}
    relaxation = (output.get("relaxation") or {}).get("message")
    if not products:
        return ComposedAnswer(text=relaxation or "I couldn't find anything matching that in the catalog.")
    described = answers.describe_filters(filters) or "products"  # never echo the shopper's own words
    intro = relaxation or f"Here {'is' if len(products) == 1 else 'are'} {len(products)} {described} I found:"
    return _listing(intro, products, "", filters.get("size"))


def _cart(output: dict, lead: str) -> ComposedAnswer:
    items = output.get("items", [])
    if not items:
        return ComposedAnswer(text=(lead + " " if lead else "") + "Your cart is empty.")
    lines = [f"{i + 1}. {line['title']} — size {line['size']} × {line['quantity']} — ₹{line['line_total']:.0f}"
             for i, line in enumerate(items)]
    return ComposedAnswer(text=(lead + "\n" if lead else "Your cart:\n") + "\n".join(lines)
                          + f"\nTotal: ₹{output['total']:.0f}")


def _outfits(output: dict) -> ComposedAnswer:
    outfits = output.get("outfits", [])
    products: dict[str, ProductRecord] = {}
    for outfit in outfits:
        products.update({p.id: p for p in _records(outfit.get("products", []))})
    lines = [f"Option {i + 1}: {o['explanation']}" for i, o in enumerate(outfits)]
    text = "\n".join(filter(None, [output.get("message"), *lines])) or "I couldn't put a complete look together."
    return ComposedAnswer(text=text, products=list(products.values()))


def compose(name: str, args: dict[str, Any], output: Any) -> ComposedAnswer:
    """The answer to a turn whose (last) tool call was ``name(args)`` returning ``output``."""
    if isinstance(output, dict) and "error" in output:
        return ComposedAnswer(text=str(output["error"].get("message", "That didn't work.")))
    if name == "search_products":
        return _search(output)
    if name in ("find_similar", "recommend"):
        rows = output.get("products", []) if isinstance(output, dict) else output
        intro = "Similar products in stock:" if name == "find_similar" else "You might like:"
        return _listing(intro, _records(rows)[:5], "I couldn't find anything in stock like that.")
    if name == "get_product":
        return _listing("Here it is:", _records([output]), "I couldn't find that product.")
    if name == "check_stock":
        return ComposedAnswer(text=output["message"])
    if name == "price_info":
        discount = f" ({output['discount_pct']}% off ₹{output['list_price']:.0f})" if output["discount_pct"] else ""
        return ComposedAnswer(text=f"{output['title']} is ₹{output['price']:.0f}{discount}. {output['verdict']}")
    if name == "add_to_cart":
        return _cart(output, "Added to your cart. Your cart now:")
    if name == "remove_from_cart":
        return _cart(output, "Removed. Your cart now:")
    if name == "view_cart":
        return _cart(output, "")
    if name == "checkout":
        return ComposedAnswer(text=f"Order {output['order_id']} is placed: {len(output['lines'])} item(s), "
                                   f"total ₹{output['total']:.0f}.")
    if name == "build_outfit":
        return _outfits(output)
    if name == "store_info":
        return ComposedAnswer(text=output["answer"])
    return ComposedAnswer(text="Done.")

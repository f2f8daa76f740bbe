"""SIMULATED commerce data: prices, sizes, stock and ratings.

The real catalog has none of these. Each product's values are drawn from a
``random.Random`` seeded with ``f"{seed}:{product_id}"``, so they are the same on every
machine and every run for the same seed, and independent of catalog order or
``--limit``. They are written to SQLite once; after that SQLite is the source of truth
(other parts change prices and stock there).
"""

from __future__ import annotations

import random

from catalog.models import Commerce, Product

APPAREL_SIZES = ("XS", "S", "M", "L", "XL", "XXL")
FOOTWEAR_SIZES = tuple(f"UK{n}" for n in range(5, 13))
ONE_SIZE = ("One Size",)

# Plausible list-price ranges in INR (min, max) for common article types.
_PRICE_RANGES: dict[str, tuple[int, int]] = {
    "Tshirts": (399, 1499),
    "Shirts": (699, 2999),
    "Tops": (399, 1799),
    "Kurtas": (599, 2999),
    "Kurtis": (499, 1999),
    "Jeans": (999, 3499),
    "Trousers": (799, 2999),
    "Shorts": (399, 1499),
    "Track Pants": (599, 2499),
    "Dresses": (799, 3999),
    "Sarees": (999, 7999),
    "Skirts": (499, 1999),
    "Jackets": (1499, 5999),
    "Blazers": (2999, 8999),
    "Suits": (5999, 14999),
    "Sweaters": (899, 3499),
    "Sweatshirts": (899, 2999),
    "Casual Shoes": (999, 4999),
    "Sports Shoes": (1499, 7999),
    "Formal Shoes": (1499, 5999),
    "Heels": (899, 3999),
    "Flats": (499, 1999),
    "Sandals": (499, 2499),
    "Flip Flops": (199, 999),
    "Watches": (999, 14999),
    "Sunglasses": (599, 6999),
    "Handbags": (799, 4999),
    "Wallets": (299, 1999),
    "Belts": (299, 1499),
    "Backpacks": (699, 3499),
    "Socks": (99, 499),
    "Briefs": (199, 799),
    "Bra": (299, 1299),
    "Perfume and Body Mist": (299, 2999),
    "Earrings": (149, 1999),
    "Ties": (299, 1299),
    "Caps": (199, 999),
    "Clutches": (499, 2499),
}
_MASTER_RANGES: dict[str, tuple[int, int]] = {
    "Apparel": (399, 2499),
    "Footwear": (499, 3999),
    "Accessories": (199, 2499),
    "Personal Care": (99, 1499),
    "Free Items": (99, 499),
    "Sporting Goods": (299, 2999),
    "Home": (299, 1999),
}


# Apparel that is draped or adjusted rather than fitted: sold in one size, as stores sell them.
ONE_SIZE_APPAREL = frozenset({"Sarees", "Dupatta", "Belts", "Suspenders"})
# The sub-categories of apparel and footwear, the only products sold in sizes (socks are also
# filed under accessories, in one size).
# The footwear sub-categories, sold in UK sizes.
FOOTWEAR_SUB_CATEGORIES = frozenset({"Shoes", "Sandal", "Flip Flops"})
SIZED_SUB_CATEGORIES = (
    frozenset({"Apparel Set", "Bottomwear", "Dress", "Innerwear", "Loungewear and Nightwear", "Topwear", "Socks"})
    | FOOTWEAR_SUB_CATEGORIES
)


def sold_in_sizes(sub_category: str | None, article_type: str | None = None) -> bool:
    """Whether a kind of product comes in sizes (a size asked of a bag or a saree means nothing)."""
    return sub_category in SIZED_SUB_CATEGORIES and article_type not in ONE_SIZE_APPAREL


def sizes_for(product: Product) -> tuple[str, ...]:
    """Apparel XS-XXL (but sarees, dupattas, belts and suspenders), footwear UK 5-12,
    everything else one size."""
    if product.master_category == "Apparel" and product.article_type not in ONE_SIZE_APPAREL:
        return APPAREL_SIZES
    if product.master_category == "Footwear" and product.sub_category != "Shoe Accessories":
        return FOOTWEAR_SIZES
    return ONE_SIZE


def _price_pair(rng: random.Random, article_type: str, master: str) -> tuple[float, float]:
    low, high = _PRICE_RANGES.get(article_type) or _MASTER_RANGES.get(master, (199, 2499))
    list_price = round(rng.uniform(low, high) / 100) * 100 - 1  # ends in 99, like real stores
    list_price = max(list_price, 99)
    discount = rng.choices((0, 10, 20, 30, 40, 50, 60), weights=(40, 12, 14, 14, 10, 7, 3))[0]
    price = float(round(list_price * (100 - discount) / 100))
    return float(list_price), price


def _stock(rng: random.Random, sizes: tuple[str, ...]) -> dict[str, int]:
    if rng.random() < 0.05:  # ~5% of products entirely sold out
        return {size: 0 for size in sizes}
    stock = {}
    for size in sizes:
        roll = rng.random()
        stock[size] = 0 if roll < 0.15 else rng.randint(1, 3) if roll < 0.30 else rng.randint(4, 40)
    return stock


def simulate_commerce(product: Product, seed: int) -> Commerce:
    """The simulated commerce record of one product (deterministic in ``seed`` and id)."""
    rng = random.Random(f"{seed}:{product.id}")
    list_price, price = _price_pair(rng, product.article_type, product.master_category)
    return Commerce(
        list_price=list_price,
        price=price,
        stock=_stock(rng, sizes_for(product)),
        rating=round(rng.triangular(2.5, 5.0, 4.3), 1),
        rating_count=int(rng.paretovariate(1.2) * 5),
    )

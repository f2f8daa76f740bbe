"""Simulated commerce data: deterministic, plausible, with sold-out and low-stock sizes."""

from __future__ import annotations

from pathlib import Path

from catalog import load_catalog, simulate_commerce
from catalog.simulate import APPAREL_SIZES, FOOTWEAR_SIZES, ONE_SIZE_APPAREL


def test_deterministic_and_seeded(catalog_dir: Path) -> None:
    products = load_catalog(catalog_dir, limit=300, check_images=False).products
    first = [simulate_commerce(p, seed=7) for p in products]
    again = [simulate_commerce(p, seed=7) for p in products]
    other = [simulate_commerce(p, seed=8) for p in products]
    assert first == again
    assert sum(a.price != b.price for a, b in zip(first, other)) > 200


def test_plausible_prices_sizes_and_stock(catalog_dir: Path) -> None:
    products = load_catalog(catalog_dir, limit=2000, check_images=False).products
    sims = [(p, simulate_commerce(p, seed=7)) for p in products]
    for product, c in sims:
        assert 0 < c.price <= c.list_price
        assert 0 <= c.discount_pct <= 60
        assert 1 <= c.rating <= 5
        if product.master_category == "Apparel" and product.article_type not in ONE_SIZE_APPAREL:
            assert tuple(c.stock) == APPAREL_SIZES
        elif product.master_category == "Footwear" and product.sub_category != "Shoe Accessories":
            assert tuple(c.stock) == FOOTWEAR_SIZES
        else:
            assert tuple(c.stock) == ("One Size",)
    draped = [tuple(c.stock) for p, c in sims if p.article_type in ("Sarees", "Dupatta")]
    assert draped and set(draped) == {("One Size",)}  # sarees and dupattas are sold in one size
    shirts = [c.list_price for p, c in sims if p.article_type == "Shirts"]
    assert min(shirts) >= 699 - 100 and max(shirts) <= 2999 + 100
    units = [u for _, c in sims for u in c.stock.values()]
    assert any(u == 0 for u in units) and any(1 <= u <= 3 for u in units) and any(u > 10 for u in units)
    assert any(not c.sizes_in_stock for _, c in sims)  # some products are entirely sold out
    assert any(c.discount_pct > 0 for _, c in sims) and any(c.discount_pct == 0 for _, c in sims)

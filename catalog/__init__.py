"""The catalog: products from ``styles.csv``, simulated commerce data, and SQLite as
the source of truth for prices and stock.

Public API::

    from catalog import load_catalog, CatalogDB, Product, ProductRecord, simulate_commerce
"""

from catalog.loader import CatalogError, load_catalog
from catalog.models import Commerce, IssueKind, LoadReport, Product, ProductRecord, RowIssue
from catalog.product_db import CatalogDB, content_hash
from catalog.simulate import FOOTWEAR_SUB_CATEGORIES, simulate_commerce, sizes_for, sold_in_sizes

__all__ = [
    "FOOTWEAR_SUB_CATEGORIES",
    "CatalogDB",
    "CatalogError",
    "Commerce",
    "IssueKind",
    "LoadReport",
    "Product",
    "ProductRecord",
    "RowIssue",
    "content_hash",
    "load_catalog",
    "simulate_commerce",
    "sizes_for",
    "sold_in_sizes",
]

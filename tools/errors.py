"""Errors every tool raises for bad input: a machine-readable code and a sentence a
shopper (or an LLM relaying it) can act on. The code's status is the HTTP answer."""

from __future__ import annotations

from catalog import CatalogDB, ProductRecord
from config import AtelierError, ErrorCode


class ToolError(AtelierError, ValueError):
    """A tool's refusal: the message is a sentence the shopper (or an LLM relaying it) can act on."""


def require_record(db: CatalogDB, product_id: str) -> ProductRecord:
    """The product's current record, or the one error every tool gives for an unknown id."""
    record = db.get_record(product_id)
    if record is None:
        raise ToolError(ErrorCode.unknown_product, f"There is no product with id {product_id!r}.")
    return record

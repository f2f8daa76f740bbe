"""Errors every tool raises for bad input: a machine-readable code and a sentence a
shopper (or an LLM relaying it) can act on. The HTTP layer maps them to 4xx."""

from __future__ import annotations

from catalog import CatalogDB, ProductRecord


class ToolError(ValueError):
    def __init__(self, code: str, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, **({"details": self.details} if self.details else {})}


def require_record(db: CatalogDB, product_id: str) -> ProductRecord:
    """The product's current record, or the one error every tool gives for an unknown id."""
    record = db.get_record(product_id)
    if record is None:
        raise ToolError("unknown_product", f"There is no product with id {product_id!r}.")
    return record

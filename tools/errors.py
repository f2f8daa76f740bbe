"""Errors every tool raises for bad input: a machine-readable code and a sentence a
shopper (or an LLM relaying it) can act on. The HTTP layer maps them to 4xx."""

from __future__ import annotations


class ToolError(ValueError):
    def __init__(self, code: str, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, **({"details": self.details} if self.details else {})}

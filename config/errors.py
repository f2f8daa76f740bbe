"""Atelier's one error model: every error is an ``AtelierError`` carrying an ``ErrorCode``.

The code is the contract (``{"error": {"code", "message"}}``, CONTRACT.md): its value is
what API and CLI clients match on, so values never change. The code also says which HTTP
status answers it and whether its message may reach a shopper, so the server and the CLI
each need one handler instead of a table per error class. It lives in ``config``, the
bottom layer, because every package raises these errors."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """A machine-readable error code, its HTTP status, and whether its message is shown.

    ``shown`` is False for failures whose message is for operators (a database host, a
    stack's internals): the API answers ``public_message`` instead and logs the real one."""

    def __new__(cls, value: str, status: int = 400, shown: bool = True) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.status = status
        member.shown = shown
        return member

    status: int
    shown: bool

    # bad input: a query, a message, a session id, a tool's arguments (400)
    empty_query = "empty_query"
    query_too_long = "query_too_long"
    invalid_characters = "invalid_characters"
    unreadable_query = "unreadable_query"
    invalid_k = "invalid_k"
    empty_message = "empty_message"
    message_too_long = "message_too_long"
    no_user_message = "no_user_message"
    invalid_session = "invalid_session"
    invalid_request = "invalid_request", 422
    gender_required = "gender_required"
    invalid_gender = "invalid_gender"
    invalid_budget = "invalid_budget"
    invalid_horizon = "invalid_horizon"
    invalid_objective = "invalid_objective"
    invalid_quantity = "invalid_quantity"
    invalid_question = "invalid_question"
    invalid_size = "invalid_size"
    size_required = "size_required"
    size_not_carried = "size_not_carried"
    no_answer = "no_answer"
    no_outfit = "no_outfit"
    no_reference = "no_reference"
    too_few_products = "too_few_products"
    invalid_experiments = "invalid_experiments"
    # photos
    invalid_image = "invalid_image"
    empty_image = "empty_image"
    not_an_image = "not_an_image"
    corrupt_image = "corrupt_image"
    image_too_large = "image_too_large", 413
    model_unavailable = "model_unavailable", 503
    # who the shopper is (401)
    invalid_customer_token = "invalid_customer_token", 401
    # things that do not exist (404)
    unknown_product = "unknown_product", 404
    unknown_session = "unknown_session", 404
    unknown_order = "unknown_order", 404
    not_in_cart = "not_in_cart", 404
    no_image = "no_image", 404
    not_found = "not_found", 404
    method_not_allowed = "method_not_allowed", 405
    # conflicts with the store's state (409)
    out_of_stock = "out_of_stock", 409
    empty_cart = "empty_cart", 409
    cart_changed = "cart_changed", 409
    order_cancelled = "order_cancelled", 409
    cancel_window_passed = "cancel_window_passed", 409
    # access
    unauthorized = "unauthorized", 401
    merchant_api_disabled = "merchant_api_disabled", 403
    # limits
    payload_too_large = "payload_too_large", 413
    rate_limited = "rate_limited", 429
    overloaded = "overloaded", 503
    # backends and the system itself
    store_unavailable = "store_unavailable", 503
    state_unavailable = "state_unavailable", 503, False
    not_ready = "not_ready", 503
    catalog_unreadable = "catalog_unreadable", 500, False
    llm_artifact = "llm_artifact", 500, False
    http_error = "http_error"
    internal_error = "internal_error", 500, False

    @property
    def public_message(self) -> str:
        """The sentence a client gets when this code's own message is not ``shown``."""
        return _PUBLIC_MESSAGES.get(self, "Something went wrong on our side; please try again.")


_PUBLIC_MESSAGES = {
    ErrorCode.state_unavailable: "Carts and conversations are briefly unavailable; please try again in a moment.",
}


class AtelierError(Exception):
    """The base of every error Atelier raises on purpose: a code and a sentence that says
    what to change, plus optional ``details`` (e.g. the sizes in stock)."""

    def __init__(self, code: ErrorCode, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers: dict[str, str] = {}  # HTTP headers its answer carries (e.g. Retry-After)

    @property
    def status(self) -> int:
        return self.code.status

    def to_dict(self) -> dict:
        """The contract's error object (``details`` only when there are some)."""
        return {"code": self.code.value, "message": self.message, **({"details": self.details} if self.details else {})}


__all__ = ["AtelierError", "ErrorCode"]

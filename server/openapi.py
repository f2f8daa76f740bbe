"""The OpenAPI document as the API really behaves, for clients generated from it and for the
schemathesis test that checks every answer against it (``tests/test_openapi.py``).

- Errors: every error is ``{"error": {"code", "message", ...}}`` (``ErrorResponse``), so
  each route declares the statuses it can answer with that model (``error_responses``);
  FastAPI's default 422 (``HTTPValidationError``, ``{"detail": ...}``, a shape this API
  never sends) is replaced by it, and 429 (the rate limit: every route but the health
  checks) is added.
- Tags per resource, and the merchant ``X-API-Key`` as a security scheme."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field

from server.middleware import HEALTH_PATHS

REF = "#/components/schemas/"

TAGS = [
    {"name": "search", "description": "Hybrid text search and photo search over the catalog."},
    {"name": "chat", "description": "The shopping assistant: one turn as JSON, or streamed as server-sent events."},
    {
        "name": "openai",
        "description": "OpenAI-compatible chat completions (stateless: the conversation is "
        "`messages`) and the model list.",
    },
    {"name": "products", "description": "One product, as the catalog holds it now."},
    {"name": "recommendations", "description": "Products for a session, from what it viewed and carted."},
    {
        "name": "events",
        "description": "What shoppers do (view, click, cart, purchase, dismiss): the next recommendation "
        "and search of that session follow it.",
    },
    {"name": "outfits", "description": "Complete looks around a product, an occasion or a budget."},
    {"name": "cart", "description": "A session's cart and checkout."},
    {
        "name": "sessions",
        "description": "Sessions the server issues (they key carts, conversations and orders); a session's orders.",
    },
    {"name": "store", "description": "What the store sells and the API understands; its policies."},
    {"name": "merchant", "description": "Pricing and demand for the store's staff (`X-API-Key`)."},
    {"name": "health", "description": "Liveness and readiness for load balancers."},
]

MERCHANT_API_KEY = APIKeyHeader(
    name="X-API-Key",
    scheme_name="MerchantApiKey",
    auto_error=False,
    description="ATELIER_ADMIN_API_KEY. Merchant routes answer 403 `merchant_api_disabled` while it is unset on the "
    "server, and 401 `unauthorized` for a missing or wrong key.",
)


class ErrorDetail(BaseModel):
    """What went wrong: a stable ``code`` for programs, a ``message`` for people."""

    model_config = ConfigDict(extra="allow")

    code: str = Field(
        description="Machine-readable, e.g. `empty_query`, `unknown_product`, `invalid_request`.",
        examples=["unknown_product"],
    )
    message: str = Field(
        description="A sentence that says what to change.", examples=["There is no product with id '99999999'."]
    )
    details: dict[str, Any] | None = Field(
        default=None, description="More about a tool's refusal (e.g. the sizes in stock when a size is needed)."
    )
    type: str | None = Field(
        default=None, description="OpenAI's error type (only on /v1/chat/completions and /v1/models)."
    )
    param: str | None = Field(default=None, description="OpenAI's `param` (those routes only).")


class ErrorResponse(BaseModel):
    """Every error of this API (CONTRACT.md)."""

    error: ErrorDetail


ERROR_STATUS = {
    400: "Bad input the schema cannot express: an empty query or message, an invalid session id, a photo that is "
    "not an image, a tool's refusal (e.g. `size_required`).",
    401: "A missing or wrong `X-API-Key` (`unauthorized`), or a customer token that is not valid: badly signed, "
    "expired, or none accepted (`invalid_customer_token`).",
    403: "Merchant endpoints are disabled: no ATELIER_ADMIN_API_KEY is set (`merchant_api_disabled`).",
    404: "No such product, session, order or cart line (`unknown_product`, `unknown_session`, ...).",
    409: "Conflicts with the store's state: out of stock, an empty cart, a cart changed since its summary.",
    413: "The body is over the limit (`payload_too_large`: ATELIER_MAX_BODY_BYTES, or ATELIER_MAX_IMAGE_BYTES for "
    "photos).",
    422: "The body or a parameter does not fit this schema (`invalid_request`; the message names the field).",
    429: "Over the per-client rate limit (`rate_limited`); `Retry-After` says when to try again.",
    503: "Briefly unavailable: a backend (the vector store, the state database, the image model: "
    "`store_unavailable`, `state_unavailable`, `model_unavailable`, `not_ready`), or too many chats or photo "
    "searches at once (`overloaded`, with Retry-After).",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status it can answer, with the error model."""
    return {status: {"model": ErrorResponse, "description": ERROR_STATUS[status]} for status in statuses}


def event_stream(description: str, data: str, events: list[str] | None = None) -> dict[str, Any]:
    """The ``text/event-stream`` alternative of a route's 200 (``stream: true``): each event's
    shape (``itemSchema``, as FastAPI documents its own event streams)."""
    event = {"type": "string", "enum": events} if events else {"type": "string"}
    item = {
        "type": "object",
        "required": ["data", *(["event"] if events else [])],
        "properties": {
            "event": event,
            "data": {"type": "string", "description": data},
            "id": {"type": "string"},
            "retry": {"type": "integer", "minimum": 0},
        },
    }
    return {"content": {"text/event-stream": {"itemSchema": item}}, "description": description}


def _error_content(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERROR_STATUS[status],
        "content": {"application/json": {"schema": {"$ref": REF + "ErrorResponse"}}},
    }
    if status == 429:
        response["headers"] = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}}
    return response


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``, ``/docs``) describe the real errors and tags."""
    app.openapi_tags = TAGS
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()  # FastAPI keeps it as app.openapi_schema: described once
            _describe_errors(schema)
            return schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _describe_errors(schema: dict[str, Any]) -> None:
    """In place: the error model in the components, FastAPI's 422 replaced, 429 added."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorResponse.model_json_schema(ref_template=REF + "{model}")
    for name, definition in error_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault("ErrorResponse", error_schema)
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            default_422 = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if default_422.get("$ref") == REF + "HTTPValidationError":
                responses["422"] = _error_content(422)
            if path not in HEALTH_PATHS:  # the rate limit answers everywhere but the health checks
                responses.setdefault("429", _error_content(429))
            operation["responses"] = dict(sorted(responses.items()))
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)

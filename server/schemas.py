"""Request bodies of the HTTP API (responses reuse the agent/tools/retrieval models)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from retrieval import SearchFilters
from tools.events import EventBatch, ShopperEvent


class SearchBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"query": "navy shirt for men under 1500", "k": 5},
                {
                    "query": "kurta",
                    "k": 10,
                    "filters": {"gender": "Women", "colour": ["Red", "Maroon"], "price_max": 1500},
                },
            ]
        }
    )

    query: str = Field(max_length=500)
    k: int | None = Field(default=None, ge=1, le=100)
    filters: SearchFilters | None = None
    session_id: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="A session the server issued: results are re-ranked by what it clicked and carted "
        "(a soft boost) and recorded as shown to it.",
    )


def _event_body_kind(value: Any) -> str:
    """``{"events": [...]}`` is a batch; anything else is read as one event."""
    has_events = isinstance(value, dict) and "events" in value
    return "batch" if has_events or isinstance(value, EventBatch) else "event"


EventsBody = Annotated[
    Annotated[ShopperEvent, Tag("event")] | Annotated[EventBatch, Tag("batch")],
    Discriminator(_event_body_kind),
]


class ChatBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"message": "black jeans for men under 2000"},
                {"message": "cheaper ones please", "session_id": "Qm9vdHMgYW5kIGhhdHM", "stream": True},
            ]
        }
    )

    message: str = Field(max_length=2000)
    session_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    image: str | None = Field(default=None, description="Base64 photo (needs the image model).")
    stream: bool = False


class OutfitBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"occasion": "office", "gender": "Men", "budget": 5000},
                {"product_id": "15970", "size": "M", "shoe_size": "UK9"},
            ]
        }
    )

    product_id: str | None = None
    occasion: str | None = Field(default=None, max_length=100)
    gender: str | None = None
    budget: float | None = None
    size: str | None = None
    shoe_size: str | None = None


class CartItemBody(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"product_id": "15970", "size": "M", "quantity": 1}]})

    product_id: str = Field(max_length=20)
    size: str | None = Field(default=None, max_length=20)
    quantity: int = Field(default=1, ge=1, le=10)


class CheckoutBody(BaseModel):
    confirmation: str | None = Field(
        default=None,
        max_length=64,
        description="The `confirmation` of the summary "
        "(GET .../checkout) the shopper accepted: the order is placed only if the cart "
        "is still exactly that.",
    )


class CompletionMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    include_usage: bool = False


class CompletionBody(BaseModel):
    """OpenAI's chat-completion request; fields Atelier has no use for (temperature,
    max_tokens, ...) are accepted and ignored, as a client sends them by default."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"model": "atelier", "messages": [{"role": "user", "content": "black jeans for men"}]},
                {
                    "model": "atelier",
                    "stream": True,
                    "stream_options": {"include_usage": True},
                    "messages": [
                        {"role": "user", "content": "black jeans for men"},
                        {
                            "role": "assistant",
                            "content": "Here are black jeans for men:\n1. Levis Men Black Jeans — ₹1,999",
                        },
                        {"role": "user", "content": "cheaper ones please"},
                    ],
                },
            ]
        }
    )

    model: str = "atelier"
    messages: list[CompletionMessage] = Field(min_length=1, max_length=100)
    stream: bool = False
    stream_options: StreamOptions | None = None
    user: str | None = Field(
        default=None, max_length=256, description="Accepted, as OpenAI's API does; it names no session or cart here."
    )
    session_id: str | None = Field(
        default=None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="An Atelier session (from an earlier answer's `atelier.session_id` or "
        "POST /v1/sessions) whose cart the last message may change; sent with the "
        "openai client as `extra_body`.",
    )


class SessionBody(BaseModel):
    customer_token: str | None = Field(
        default=None,
        max_length=4096,
        description="A JWT (HS256) the store signed with ATELIER_CUSTOMER_TOKEN_SECRET: `sub` = its opaque "
        "customer id, `exp` required. Omit it for an anonymous session.",
    )

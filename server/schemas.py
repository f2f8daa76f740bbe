"""Request bodies of the HTTP API (responses reuse the agent/tools/retrieval models)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from retrieval import SearchFilters


class SearchBody(BaseModel):
    query: str = Field(max_length=500)
    k: int | None = Field(default=None, ge=1, le=100)
    filters: SearchFilters | None = None


class ChatBody(BaseModel):
    message: str = Field(max_length=2000)
    session_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    image: str | None = Field(default=None, description="Base64 photo (needs the image model).")
    stream: bool = False


class OutfitBody(BaseModel):
    product_id: str | None = None
    occasion: str | None = Field(default=None, max_length=100)
    gender: str | None = None
    budget: float | None = None
    size: str | None = None
    shoe_size: str | None = None


class CartItemBody(BaseModel):
    product_id: str = Field(max_length=20)
    size: str | None = Field(default=None, max_length=20)
    quantity: int = Field(default=1, ge=1, le=10)


class CompletionMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    include_usage: bool = False


class CompletionBody(BaseModel):
    """OpenAI's chat-completion request; fields Atelier has no use for (temperature,
    max_tokens, ...) are accepted and ignored, as a client sends them by default."""

    model: str = "atelier"
    messages: list[CompletionMessage] = Field(min_length=1, max_length=100)
    stream: bool = False
    stream_options: StreamOptions | None = None
    user: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                             description="Names the shopper's cart (the conversation itself is `messages`).")

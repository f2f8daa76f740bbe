"""Data crossing the agent's boundary: the chat response (CONTRACT.md's shape) and the
typed events a streaming client consumes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from agent.request import ShopperRequest
from catalog import ProductRecord


class OutfitBundle(BaseModel):
    items: list[str]
    total_price: float
    explanation: str


class Citation(BaseModel):
    product_id: str
    fields: list[str]


class ChatResponse(BaseModel):
    session_id: str
    answer: str
    products: list[ProductRecord] = Field(default_factory=list)
    outfits: list[OutfitBundle] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    planner: Literal["rules", "llm"] = "rules"
    fallback: str | None = Field(default=None, description="Why the rule planner answered although an LLM is set.")
    intent: str
    understood: ShopperRequest | None = Field(
        default=None, description="What the message was understood to ask for (the typed request, with confidences)."
    )
    tool_calls: list[dict[str, Any]] = Field(default_factory=list)
    grounding: dict[str, int] = Field(default_factory=dict, description="Claims checked / repaired this turn.")
    timings_ms: dict[str, float] = Field(default_factory=dict)


class ChatEvent(BaseModel):
    """``products`` (what was found), ``delta`` (a piece of the answer), ``done`` (the full response)."""

    type: Literal["products", "delta", "done"]
    data: Any

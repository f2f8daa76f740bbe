"""Models of the answers that routes build as plain dicts (health, the OpenAI shapes,
recommendations, outfits): documented in the OpenAPI document so that clients generated
from it see the real fields, and checked against every answer by ``tests/test_openapi.py``.
Routes answering an agent/tools/retrieval model use that model directly."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent import ChatResponse
from catalog import ProductRecord
from tools.toolkit import Recommendations


class Health(BaseModel):
    status: Literal["ok"]
    products: int = Field(description="Products in the catalog.")


class Readiness(BaseModel):
    status: Literal["ready"]
    indexed: int = Field(description="Products in the vector store.")
    state: str = Field(description="Where carts and sessions live: `sqlite` or `postgresql`.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"]
    data: list[ModelCard]


class CompletionReply(BaseModel):
    role: Literal["assistant"]
    content: str
    refusal: None = None


class CompletionChoice(BaseModel):
    index: int
    finish_reason: Literal["stop"]
    logprobs: None = None
    message: CompletionReply


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """OpenAI's chat completion, plus ``atelier``: the whole chat answer (products to draw as cards)."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[CompletionChoice]
    usage: Usage
    atelier: ChatResponse


class SessionRecommendations(Recommendations):
    session_id: str


class OutfitAnswer(BaseModel):
    items: list[str] = Field(description="Product ids, one per slot.")
    total_price: float
    explanation: str
    slots: dict[str, str] = Field(description="Slot name -> product id.")
    within_budget: bool
    products: list[ProductRecord]


class Outfits(BaseModel):
    outfits: list[OutfitAnswer]
    message: str | None = None
    gender: str
    usage: str

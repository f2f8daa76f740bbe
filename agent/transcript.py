"""A conversation sent whole, as OpenAI-style clients send it (every earlier user and
assistant message, no server state), read back into the session state a live session
would have had: each earlier user message is read and run again without side effects,
and the products each assistant message listed (its numbered lines, "1. <title> — ₹<price>")
become what "the second one" refers to, as the shopper saw them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import BaseModel

from catalog import CatalogDB

# A listed product in an answer: "2. Levis Men Check Navy Blue Shirts — ₹1259 (10% off ₹1399) · …"
_LISTED = re.compile(r"^\s*\d+\.\s+(?P<title>.+?)\s+—\s+₹(?P<price>\d+)", re.M)


class Exchange(BaseModel):
    """One earlier turn: what the shopper wrote and what the assistant answered."""

    user: str
    assistant: str = ""


class MessageLike(Protocol):
    """An OpenAI chat message as the API receives it (role and content), read only."""

    @property
    def role(self) -> str: ...

    @property
    def content(self) -> str | list[Any] | None: ...


def text_of(content: str | list | None) -> str:
    """A message's text: a string, or the text parts of OpenAI's content-part list."""
    if isinstance(content, str):
        return content
    parts = content or []
    return " ".join(p.get("text", "") for p in parts if isinstance(p, dict) and p.get("type") == "text")


def split_conversation(messages: Sequence[MessageLike]) -> tuple[list[Exchange], str]:
    """The earlier exchanges and the last user message (system and tool messages carry no
    shopper words; consecutive user messages are one turn each)."""
    exchanges: list[Exchange] = []
    for message in messages:
        text = text_of(message.content).strip()
        if message.role == "user" and text:
            exchanges.append(Exchange(user=text))
        elif message.role == "assistant" and exchanges:
            exchanges[-1].assistant = (exchanges[-1].assistant + "\n" + text).strip()
    if not exchanges or exchanges[-1].assistant:
        return exchanges, ""
    return exchanges[:-1], exchanges[-1].user


def listed_products(answer: str, db: CatalogDB) -> list[str]:
    """The ids of the products an answer listed, in its order (a title the catalog no
    longer has is skipped; of several products with one title, the one at the price shown)."""
    lines = [(m.group("title"), float(m.group("price"))) for m in _LISTED.finditer(answer)]
    by_title = db.ids_by_title(list(dict.fromkeys(t for t, _ in lines)))
    ids: list[str] = []
    for title, price in lines:
        candidates = by_title.get(title, [])
        if candidates:
            best = min(candidates, key=lambda c: abs(c[1] - price))
            if best[0] not in ids:
                ids.append(best[0])
    return ids


_SUMMARY = re.compile(r"\(summary ([0-9a-f]{16})\)")


def summary_code(answer: str) -> str | None:
    """The confirmation code of an order summary the answer showed (``agent.rules``
    writes it as "(summary <code>)"), so that a yes sent with the conversation confirms
    exactly what the shopper saw."""
    match = _SUMMARY.search(answer)
    return match.group(1) if match else None

"""The LLM as an understanding implementation: any OpenAI-compatible endpoint writes the
shopper's message as JSON under a schema (``response_format``; ``atelier llm serve`` turns
the schema into a grammar, so a small local model cannot write anything else), which
becomes the same ``ShopperRequest`` the fast layer produces, run by the same executor.

Two policies (``ATELIER_UNDERSTANDING``): ``llm`` asks the model on every turn;
``llm_when_unsure`` only when the fast layer's confidence is under ``UNSURE_BELOW`` and its
reading holds nothing but the message's words (``nothing_read``). The
fast layer answers when the model fails, writes nothing usable, or runs past the turn
budget, and after repeated failures a circuit breaker skips the model for a while.
Greetings and prompt injections are always the fast layer's: a guardrail is not the
model's call."""

from __future__ import annotations

import json
import re
import threading
import time
from typing import Any, Literal

from pydantic import BaseModel, Field

from agent.fast_understanding import Context, FastUnderstanding, occasion_of
from agent.request import Intent, OutfitAsk, PriceRange, ProductNeed, Reference, ShopperRequest
from config import Settings
from prompts import load_prompt
from retrieval.query_parser import SearchFilters, parse_query

UNSURE_BELOW = 0.75
_LLM_INTENTS = [i.value for i in Intent if i is not Intent.guardrail]


class CircuitBreaker:
    """After ``failures`` failures in a row, ``allow()`` is false for ``cooldown_s``: a dead
    endpoint then costs a turn nothing instead of a timeout each."""

    def __init__(self, failures: int, cooldown_s: float) -> None:
        self.threshold, self.cooldown = failures, cooldown_s
        self.failures, self.opened_at = 0, 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            return self.failures < self.threshold or time.monotonic() - self.opened_at >= self.cooldown

    def record(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.failures = 0
                return
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = time.monotonic()


class LLMItem(BaseModel):
    """One product wanted, as the model writes it (plain words; the catalog's values are
    found by the same parser the fast layer uses)."""

    type: str | None = None
    colour: str | None = None
    not_colour: str | None = None
    gender: Literal["Men", "Women", "Boys", "Girls"] | None = None
    min_price: float | None = Field(default=None, ge=0)
    max_price: float | None = Field(default=None, ge=0)
    size: str | None = None
    brand: str | None = None
    occasion: str | None = None


class LLMReading(BaseModel):
    """The JSON the model must write (its schema is the decoding grammar)."""

    intent: Literal[tuple(_LLM_INTENTS)]  # type: ignore[valid-type]
    items: list[LLMItem] = Field(default_factory=list, max_length=4)
    sort: Literal["price_asc", "price_desc", "rating_desc"] | None = None
    ref: int | None = Field(default=None, ge=-1, le=20)
    which: Literal["cheapest", "priciest", "best_rated"] | None = None
    not_sold: str | None = None
    quantity: int | None = Field(default=None, ge=1, le=10)


class LLMUnderstanding:
    """``understand(message, context)`` -> (request, why the fast layer answered or None)."""

    def __init__(self, settings: Settings, fast: FastUnderstanding) -> None:
        from openai import OpenAI

        self.settings = settings
        self.fast = fast
        self.policy = settings.reader
        self.client = OpenAI(base_url=settings.llm_base_url, api_key=settings.llm_api_key, max_retries=0)
        self.system = load_prompt("understand")
        self.schema = reading_schema()
        self.breaker = CircuitBreaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown_s)

    def understand(self, message: str, context: Context) -> tuple[ShopperRequest, str | None]:
        fast = self.fast.understand(message, context)
        if fast.intent in (Intent.guardrail, Intent.greeting):
            return fast, None
        if self.policy == "llm_when_unsure" and (fast.confidence >= UNSURE_BELOW or not nothing_read(fast)):
            return fast, None
        if not self.breaker.allow():
            return fast, "circuit_open"
        try:
            reading = self.grounded(self._read(message, context), message, fast, context)
            request = _what_it_adds(self.to_request(reading, fast, context), fast)
        except Exception as exc:  # noqa: BLE001 - any failure of the endpoint or its output -> the fast layer
            self.breaker.record(False)
            return fast, f"{type(exc).__name__}: {str(exc)[:120]}"
        self.breaker.record(True)
        return request, None

    def _read(self, message: str, context: Context) -> LLMReading:
        reply = self.client.chat.completions.create(
            model=self.settings.llm_model,
            temperature=0,
            max_tokens=200,
            timeout=self.settings.llm_turn_budget_s,
            messages=[
                {"role": "system", "content": self.system},
                {"role": "user", "content": _with_context(message, context)},
            ],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "shopper_request", "schema": self.schema, "strict": True},
            },
        )
        return LLMReading.model_validate_json(reply.choices[0].message.content or "")

    def grounded(self, reading: LLMReading, message: str, fast: ShopperRequest, context: Context) -> LLMReading:
        """The model's reading less what the message does not say: a small model fills
        fields from its own guesses (a budget, a size or a brand never written, a sort never
        asked, "phones" not sold when a sister's gift was asked, a cart change from a question,
        "the first one" when nothing was shown), as the grounding checker keeps an answer to
        what the catalog says. An order the fast layer read from its words is kept ("从便宜到贵"
        is cheapest first, whatever the model wrote)."""
        said = message.lower()
        parsed = parse_query(message).filters if any(c.isalnum() for c in message) else SearchFilters()
        priced = parsed.price_min is not None or parsed.price_max is not None
        items = [_item_said(item, said, priced) for item in reading.items]
        not_sold = reading.not_sold if reading.not_sold and self._not_sold_said(reading.not_sold, said) else None
        intent = reading.intent
        if intent == Intent.out_of_catalog.value and not_sold is None:
            intent = fast.intent.value if fast.intent is not Intent.out_of_catalog else Intent.search.value
        if intent in _CART_INTENTS and not (_CART_WORDS.search(said) or fast.intent.value in _CART_INTENTS):
            intent = fast.intent.value  # "ok and a steel tiffin box?" changes no cart
        ordered, shown = bool(_ORDER_WORDS.search(said)), bool(context.shown or context.focus)
        return reading.model_copy(
            update={
                "intent": intent,
                "items": items,
                "not_sold": not_sold,
                "sort": fast.sort or (reading.sort if ordered else None),
                "which": reading.which if ordered and shown else None,
                "ref": reading.ref if shown and _PLACE_WORDS.search(said) else None,
                "quantity": reading.quantity if reading.quantity in (None, 1) or _NUMBER.search(said) else None,
            }
        )

    def _not_sold_said(self, thing: str, said: str) -> bool:
        """A thing not sold that the message names, and that is no kind of product the store
        has ("a jacket" is not "we don't sell jackets")."""
        words = [w for w in re.findall(r"\w+", thing.lower()) if len(w) > 2 or not w.isascii()]
        named = bool(words) and all(w.rstrip("s") in said for w in words)
        return named and not self.fast.read_need(thing).has_product()

    def to_request(self, reading: LLMReading, fast: ShopperRequest, context: Context) -> ShopperRequest:
        """The model's reading as a ``ShopperRequest``: its words mapped to catalog values
        by the fast layer's own parser, so both implementations speak one vocabulary."""
        needs = [self._need(item) for item in reading.items]
        needs = [n for n in needs if n.has_product() or n.colours or n.price or n.gender or n.text]
        self.fast.imply_gender(needs)
        reference = None
        if reading.which:
            reference = Reference(superlative=reading.which)
        elif reading.ref is not None and reading.ref != 0:
            reference = Reference(position=reading.ref)
        elif fast.reference is not None:
            reference = fast.reference
        request = ShopperRequest(
            intent=Intent(reading.intent),
            text=fast.text,
            confidence=1.0,
            needs=needs,
            sort=reading.sort,
            reference=reference,
            size=next((n.size for n in needs if n.size), None) or fast.size,
            quantity=reading.quantity,
            out_of_catalog=reading.not_sold,
            corrections=fast.corrections,
            cheaper=fast.cheaper,
            pricier=fast.pricier,
            other_brand=fast.other_brand,
            brand_not_carried=fast.brand_not_carried,
            positions=fast.positions,
            implementation="llm",
        )
        if request.intent is Intent.outfit:
            anchored = reference is not None and bool(context.shown or context.focus)
            budget = next((n.price.max for n in needs if n.price and n.price.max), None)
            pieces = [n for n in needs if n.has_product()]
            usage = next((n.usage for n in needs if n.usage), None)
            request.outfit = OutfitAsk(
                around_reference=anchored,
                pieces=pieces,
                budget=budget,
                budget_for_pieces=anchored and bool(pieces) and budget is not None,
                usage=usage,
                occasion=next((n.occasion for n in needs if n.occasion), None),
                gender=next((n.gender for n in needs if n.gender), None),
            )
            request.needs = []
        if request.intent is Intent.compare and reference is None:
            request.intent = Intent.search
        if request.intent is Intent.refine and not context.has_search:
            request.intent = Intent.search  # nothing to refine yet: the model's "refine" is a first search
        return request

    def _need(self, item: LLMItem) -> ProductNeed:
        words = " ".join(w for w in (item.colour, item.brand, item.type) if w)
        need = self.fast.read_need(words) if words.strip() else ProductNeed(text="")
        if item.not_colour:
            excluded = self.fast.read_need(f"not {item.not_colour}").exclude_colours
            need.exclude_colours = list(dict.fromkeys(need.exclude_colours + excluded))
        need.gender = item.gender or need.gender
        if item.min_price is not None or item.max_price is not None:
            need.price = PriceRange(min=item.min_price, max=item.max_price)
        if item.size:
            need.size = self.fast.read_need(f"size {item.size}").size or need.size
        if item.occasion:
            occasion, usage, _ = occasion_of(item.occasion)
            need.occasion, need.usage = occasion or item.occasion, usage or need.usage
        return need


_CART_INTENTS = {Intent.cart_add.value, Intent.cart_remove.value, Intent.checkout.value}
_CART_WORDS = re.compile(
    r"\b(cart|basket|bag it|add|remove|delete|take (it|this|that|the)|buy|checkout|check out|order)\b|"
    r"购物车|加购|加上|加进|删|去掉|下单",  # not 买 or 加 alone: "想买一条裙子", "加起来" change no cart
    re.I,
)
# Words that ask for an order or for one shown product by its price or rating
_ORDER_WORDS = re.compile(
    r"cheap|expensive|costl|pric|budget|afford|rated|rating|review|top[- ]rated|on top|the best|popular|lowest|"
    r"highest|sort|order by|low to high|high to low|"
    r"便宜|贵|评分|评价|最|排",
    re.I,
)
_PLACE_WORDS = re.compile(
    r"\b(first|second|third|fourth|fifth|last|[1-9](st|nd|rd|th)|(no\.?|number|option|item) ?\d)\b|#\d|"
    r"(?<![\d.,])\d(?![\d.,k])|第|[\d一二三四五]号|最后",
    re.I,
)
_NUMBER = re.compile(r"\d|\b(two|three|four|five|six|pair|couple|both)\b|[两二三四五六]", re.I)


def nothing_read(request: ShopperRequest) -> bool:
    """Whether a search or refine holds nothing but its words: no kind, colour, price, size,
    person, brand, use, order, reference, look or thing not sold in it or in any need. Only
    then does the when-unsure policy ask the model: on the dev part the 1.5B model made 23
    conversations fail that the fast layer gets right when it was asked of every unsure turn
    (a gift's structure, a sort, a price or a person lost), and 3 pass ("dont like any,
    something else?") (`docs/agent.md`, "With the local LLM")."""
    if request.intent not in (Intent.search, Intent.refine):
        return False
    quiet = {"intent", "text", "confidence", "needs", "implementation", "corrections"}
    if request.model_dump(exclude_defaults=True, exclude=quiet):
        return False
    return not any(need.model_dump(exclude_defaults=True, exclude={"text", "confidence"}) for need in request.needs)


def _what_it_adds(request: ShopperRequest, fast: ShopperRequest) -> ShopperRequest:
    """The model's request, unless it names no kind of product where the fast layer read one
    or refused a thing not sold: then the fast layer's things ("a gift for my mum, 1000"
    read as a search for nothing; "ps5 controller" read as a search)."""
    searching = request.intent in (Intent.search, Intent.refine, Intent.recommend)
    if not searching or any(need.has_product() for need in request.needs):
        return request
    if fast.intent is Intent.out_of_catalog:
        return fast
    if any(need.has_product() for need in fast.needs):
        return request.model_copy(update={"needs": fast.needs})
    return request


def _item_said(item: LLMItem, said: str, priced: bool) -> LLMItem:
    """One item less the values the message does not hold: a price when it names none, a
    size or a brand it does not write."""
    token = re.sub(r"[^a-z0-9]", "", (item.size or "").lower()).removeprefix("uk")
    size_said = bool(token) and bool(re.search(rf"(?<![a-z0-9]){token}(?![a-z0-9])|{token}码", said))
    return item.model_copy(
        update={
            "min_price": item.min_price if priced else None,
            "max_price": item.max_price if priced else None,
            "size": item.size if size_said else None,
            "brand": item.brand if item.brand and item.brand.lower() in said else None,
        }
    )


def _with_context(message: str, context: Context) -> str:
    """The message after what it can refer to: the list shown (position, title, price)."""
    lines = [f"{i + 1}. {p.title} — ₹{p.price:.0f}" for i, p in enumerate(context.shown[:5])]
    shown = ("Shown to the shopper:\n" + "\n".join(lines) + "\n") if lines else ""
    return f"{shown}Message: {message}"


def reading_schema() -> dict[str, Any]:
    """The JSON schema the model decodes under: ``LLMReading``'s, with every optional field
    left out unless written instead of written as null. Why: a 1.5B model on 2 cores writes
    ~10 tokens/s, and a reading that spells out every null costs 100+ tokens (10 s)."""
    schema = json.loads(json.dumps(LLMReading.model_json_schema()))
    for model in [schema, *schema.get("$defs", {}).values()]:
        for prop in model.get("properties", {}).values():
            options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
            if "anyOf" in prop and len(options) == 1:
                prop.pop("anyOf")
                prop.update(options[0])
            prop.pop("default", None)
        model["required"] = [r for r in model.get("required", []) if r == "intent"]
    return schema

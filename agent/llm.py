"""The LLM planner: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint,
with the same tools as the rule planner bound as real tool calls.

Tool calls are validated (unknown tool, bad arguments -> the error goes back to the
model once; a repeated identical call ends the loop). The whole turn has a time budget;
on an error, a timeout, garbage, or too many invalid calls, the turn is answered by the
rule planner instead, and a circuit breaker stops trying the LLM for a while after
repeated failures, so a dead endpoint costs nothing per turn.

Three settings shape a turn for a small local model (each measured in docs/agent.md):
- ``llm_require_tool``: the first call of a turn is made with ``tool_choice="required"``
  (the local server enforces it with a grammar), so a shopping request always gets a
  tool call instead of a prose reply from memory;
- ``llm_route_guardrails``: greetings, out-of-catalog requests and prompt injections are
  answered by the rules before the model sees them (a deterministic input guardrail);
- ``llm_answer="facts"``: the answer is composed from the tool results
  (``agent/tool_answers.py``) instead of being written by the model.

The shopper's constraints are never left to the model's paraphrase: a search call gets
the gender and price bounds the shopper's own words state (parsed as the rules parse
them) where the model's query dropped them, a refinement ("cheaper", "in red instead")
is a search whose filters are the last search's changed as asked (``refined_filters``,
shared with the rules), a stated size is passed in the catalog's spelling, an outfit for
someone gets the stated gender and budget, and a product id that is no product ("3") is
replaced by the product the reference resolves to. "Show more" is the next page of the
last search and is served by the rules. (``Stated`` holds these facts for a turn.)"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from agent.models import OutfitBundle
from agent.rules import PlannedTurn, RulePlanner, refined_filters
from agent.state import SessionState
from agent.tool_answers import compose
from agent.understanding import Intent, detect_intent, resolve_reference, size_in
from catalog import ProductRecord
from config import Settings
from prompts import load_prompt
from retrieval import SearchFilters, parse_query
from tools import ToolError, Toolkit


class LLMFailure(RuntimeError):
    """The LLM could not produce a usable turn (the caller falls back to the rules)."""


class CircuitBreaker:
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


def _products_in(result: Any) -> list[dict]:
    """Product records inside a tool result (search results, a product, outfits)."""
    if isinstance(result, dict):
        if "results" in result:
            return [r for r in result["results"] if "id" in r and "price" in r]
        if "outfits" in result:
            return [p for o in result["outfits"] for p in o.get("products", [])]
        if "id" in result and "price" in result and "title" in result:
            return [result]
    if isinstance(result, list):
        return [r for r in result if isinstance(r, dict) and "id" in r and "price" in r]
    return []


_DIGEST_FIELDS = ("id", "title", "price", "list_price", "discount_pct", "colour", "sizes_in_stock")
_DIGEST_PRODUCTS = 5
_DIGEST_CHARS = 1500


def _digest(output: Any) -> str:
    """What the model reads of a tool result. Why not all of it: a small local model
    reads ~60 prompt tokens/s on 2 cores, so a full search result (~2k tokens) would cost
    half a minute; the facts an answer may state are kept, the rest is dropped."""
    if isinstance(output, dict) and "results" in output:
        slim = {"results": [{k: p.get(k) for k in _DIGEST_FIELDS} for p in output["results"][:_DIGEST_PRODUCTS]]}
        if output.get("relaxation"):
            slim["relaxation"] = output["relaxation"]
        output = slim
    elif isinstance(output, dict) and "outfits" in output:
        output = {"outfits": [{"total_price": o["total_price"], "explanation": o["explanation"],
                               "products": [{k: p.get(k) for k in _DIGEST_FIELDS} for p in o.get("products", [])]}
                              for o in output["outfits"][:2]]}
    return json.dumps(output, ensure_ascii=False, default=str)[:_DIGEST_CHARS]


# Arguments the model never sees: ``filters`` (~600 prompt tokens that a small model only
# uses to invent constraints; the query text carries them and retrieval parses it),
# ``session_id`` (injected: the model cannot touch another cart), ``k`` and
# ``alternatives`` (the defaults suit a chat answer). Every token a 1.5B model on 2 cores
# does not write saves ~70 ms.
_HIDDEN_ARGUMENTS = ("filters", "session_id", "k", "alternatives")


def _schema_for_model(tool: Any) -> dict:
    """The tool as the model sees it; the tool itself still validates the full schema."""
    from langchain_core.utils.function_calling import convert_to_openai_tool

    spec = convert_to_openai_tool(tool)
    parameters = spec["function"]["parameters"]
    for name in _HIDDEN_ARGUMENTS:
        parameters["properties"].pop(name, None)
    if "required" in parameters:
        parameters["required"] = [r for r in parameters["required"] if r in parameters["properties"]]
    return spec


def _with_context(message: str, state: SessionState, kit: Toolkit, look: LookBack | None = None) -> str:
    """The shopper's message, preceded by the last search, the products shown last turn
    (so "the second one" can be resolved to an id) and the remembered profile.

    When the message refers to one product ("the second one", "that watch", "it") and the
    shared understanding resolves it, only that product is named: the model cannot pick a
    neighbour's id, and the prompt is ~100 tokens shorter (the model reads ~60 prompt
    tokens/s on 2 cores, and a turn has an 8 s budget). ``look``: the turn's look back,
    when the caller already has it."""
    look = look or look_back(message, state, kit)
    lines = [f"Last search: {state.last_query}"] if state.last_query else []
    if look.meant is not None:
        lines.append(f"The shopper means: {look.meant.title} (id {look.meant.id})")
    elif look.shown:
        lines.append("Products shown last turn: " + "; ".join(
            f"{n}. {p.title} (id {p.id})" for n, p in enumerate(look.shown, 1)))
    profile = state.profile.model_dump(exclude_defaults=True)
    if profile:
        lines.append(f"Shopper profile: {json.dumps(profile, ensure_ascii=False)}")
    return "\n".join([*(f"[context] {line}" for line in lines), message])


@dataclass
class LookBack:
    """What a message can refer to, read once per turn: the products shown last turn, the
    product in focus, the one product the message points at, and the rules' answer when it
    points past the shown list ("the fifth one" when three were shown)."""

    shown: list[ProductRecord]
    focus: ProductRecord | None
    meant: ProductRecord | None
    past_the_list: str | None


_PLURAL_REFERENCE = re.compile(r"\b(them|these|those|they|any of|which of|all of)\b", re.IGNORECASE)


def look_back(message: str, state: SessionState, kit: Toolkit) -> LookBack:
    """The turn's ``LookBack``, from the rules' reference resolver. No single product for
    "these", "which of them": those are about the whole list."""
    records = kit.search.db.get_records(state.shown[:_DIGEST_PRODUCTS]) if state.shown else {}
    shown = [records[pid] for pid in state.shown[:_DIGEST_PRODUCTS] if pid in records]
    focus = kit.search.db.get_record(state.focus) if state.focus else None
    try:
        product = resolve_reference(message, shown, focus) if shown or focus else None
    except ToolError as exc:
        return LookBack(shown, focus, None, exc.message)
    return LookBack(shown, focus, None if _PLURAL_REFERENCE.search(message) else product, None)


# Answered by the rules even with an LLM configured (``llm_route_guardrails``).
_RULE_INTENTS = {Intent.greeting, Intent.guardrail, Intent.out_of_catalog}
# Constraints that hold for everything a message asks for ("for my wife", "under 2000"),
# unlike colour or type, which may belong to one item of several.
_REQUEST_WIDE = ("gender", "price_min", "price_max")
_INTENT_OF = {"search_products": Intent.search, "check_stock": Intent.stock, "price_info": Intent.price,
              "get_product": Intent.price, "add_to_cart": Intent.cart_add, "remove_from_cart": Intent.cart_remove,
              "view_cart": Intent.cart_view, "checkout": Intent.checkout, "build_outfit": Intent.outfit,
              "find_similar": Intent.similar, "recommend": Intent.recommend, "store_info": Intent.store_info}
# Tools whose products become "the first one", "the second one" of the next turn. Not
# build_outfit: as with the rule planner, "the first one" after "what goes with it?"
# still means the first product of the last list, not the first item of an outfit.
_LISTING_TOOLS = {"search_products", "find_similar", "recommend"}
# Tool errors that answer the shopper ("which size?", "sold out in M"); any other error is
# the model's (an invented id, a bad argument) and goes back to it.
_SHOPPER_FACING = {"cart_changed", "empty_cart", "gender_required", "no_answer", "no_outfit", "not_in_cart",
                   "out_of_stock", "size_not_carried", "size_required", "too_few_products"}


def _stated_values(message: str, state: SessionState) -> tuple[set[str], set[float]]:
    """Words and numbers the shopper has given: this message, its parsed filters, the
    remembered profile, and the ids of products shown or seen in the session."""
    from retrieval import parse_query

    words: set[str] = set()
    filters = parse_query(message).filters.public() if any(c.isalnum() for c in message) else {}
    profile = state.profile.model_dump(exclude_defaults=True)
    for value in [*filters.values(), *profile.values()]:
        words.update(str(v).lower() for v in (value if isinstance(value, list) else [value]))
    words.update(state.shown + state.seen + ([state.focus] if state.focus else []))
    words.update(size.lower() for footwear in (False, True) if (size := size_in(message, footwear)))
    words.update(w.replace(" ", "") for w in list(words))  # "UK 8" as the model may space it
    numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", message.replace(",", ""))}
    numbers.update(float(v) for v in [*filters.values(), *profile.values()] if isinstance(v, int | float))
    return words, numbers


def ground_arguments(args: dict[str, Any], required: set[str], message: str, state: SessionState) -> dict[str, Any]:
    """The call's arguments without the optional ones the shopper never gave.

    Why: a small model fills every optional field it sees (an outfit for "what goes with
    the first one?" came with budget 1500, size XS and occasion "office"; "anything
    similar?" with k=1), and each invented value silently narrows the result. Required
    arguments stay (a wrong one fails validation and goes back to the model); an optional
    string stays when the shopper's words, parsed filters or profile contain it, or it is
    a product id of this session; an optional number when the shopper wrote it."""
    words, numbers = _stated_values(message, state)
    text = message.lower()
    kept = {}
    for name, value in args.items():
        if name in required or value is None or isinstance(value, bool):
            kept[name] = value
        elif isinstance(value, int | float):
            if float(value) in numbers:
                kept[name] = value
        elif isinstance(value, str):
            if value.lower() in words or re.search(rf"(?<!\w){re.escape(value.lower())}(?!\w)", text):
                kept[name] = value
        else:
            kept[name] = value
    return kept


class Stated(BaseModel):
    """What the shopper's words fix for this turn, whatever the model writes.

    ``filters``: for searches. ``replace``: a refinement's complete filter set (the model's
    query adds nothing to it); otherwise only the fields the model's query leaves unset are
    filled, so a paraphrase that drops "for women" or "under 2000" does not drop the
    constraint. ``meant_id``: the product a reference resolves to ("the third one"), used
    when the model's product id is not a product at all (it once wrote "3")."""

    filters: SearchFilters
    replace: bool = False
    note: str = ""  # what the answer must say about them ("Leaving out Nike. ")
    meant_id: str | None = None
    no_such_reference: str | None = None  # "I only showed 2 products just now — which one do you mean?"

    def for_query(self, query: str) -> SearchFilters | None:
        """The ``filters`` argument for a search with the model's ``query`` (None: none)."""
        if self.replace:
            return self.filters
        own = parse_query(query).filters if any(c.isalnum() for c in query) else SearchFilters()
        missing = {name: value for name, value in self.filters.model_dump(exclude_defaults=True).items()
                   if getattr(own, name) in (None, [], False)}
        return SearchFilters(**missing) if missing else None


class LLMPlanner:
    name = "llm"

    def __init__(self, kit: Toolkit, settings: Settings, fallback: RulePlanner) -> None:
        from langchain_openai import ChatOpenAI

        self.kit, self.settings, self.fallback = kit, settings, fallback
        self.tools = {t.name: t for t in kit.langchain_tools()}
        self.required_args = {name: set(t.args_schema.model_json_schema().get("required", []))
                              for name, t in self.tools.items()}
        self.breaker = CircuitBreaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown_s)
        self.model = ChatOpenAI(base_url=settings.llm_base_url, api_key=settings.llm_api_key, model=settings.llm_model,
                                temperature=0, max_retries=0, timeout=settings.llm_turn_budget_s,
                                max_tokens=settings.llm_max_answer_tokens)
        specs = [_schema_for_model(t) for t in self.tools.values()]
        self.bound = self.model.bind_tools(specs)
        self.required = self.model.bind_tools(specs, tool_choice="required") if settings.llm_require_tool else self.bound
        self.searching = self.model.bind_tools(specs, tool_choice="search_products")
        self.system = load_prompt("system")

    def first_reply(self, messages: list[Any], timeout: float, intent: Intent | None = None) -> Any:
        """The turn's first model call: a search for a refinement (the model writes the
        query), else a tool call is required when so configured; ``evals/toolcalls.py``
        judges exactly this call."""
        return (self.searching if intent is Intent.refine else self.required).invoke(messages, timeout=timeout)

    def plan(self, message: str, state: SessionState) -> tuple[PlannedTurn, str, str | None]:
        """(turn, planner that served it, fallback reason or None)."""
        intent = detect_intent(message, bool(state.last_query))
        if self.settings.llm_route_guardrails and intent in _RULE_INTENTS:
            return self.fallback.plan(message, state), "rules", None
        if intent is Intent.more and state.last_query:  # the next page of the last search
            return self.fallback.plan(message, state), "rules", None
        if not self.breaker.allow():
            return self.fallback.plan(message, state), "rules", "circuit_open"
        try:
            turn = self._plan(message, state, intent)
        except Exception as exc:  # noqa: BLE001 - any failure of the endpoint or its output -> the rules answer
            self.breaker.record(False)
            return self.fallback.plan(message, state), "rules", f"{type(exc).__name__}: {str(exc)[:120]}"
        self.breaker.record(True)
        return turn, "llm", None

    def _plan(self, message: str, state: SessionState, intent: Intent) -> PlannedTurn:
        from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

        deadline = time.monotonic() + self.settings.llm_turn_budget_s
        # The system message is the same for every turn and session, so a local server
        # re-uses its evaluated prefix (prompt + tool schemas); per-turn context goes last.
        look = look_back(message, state, self.kit)
        messages: list[Any] = [SystemMessage(self.system), HumanMessage(_with_context(message, state, self.kit, look))]
        turn = PlannedTurn(intent=Intent.search, answer="")
        stated = self._stated(message, state, intent, look)
        products: dict[str, ProductRecord] = {}
        seen_calls: set[str] = set()
        invalid = 0
        for step in range(self.settings.llm_max_steps):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LLMFailure("turn budget exhausted")
            reply = (self.first_reply(messages, remaining, intent) if step == 0
                     else self.bound.invoke(messages, timeout=remaining))
            messages.append(reply)
            if not reply.tool_calls:
                text = reply.content if isinstance(reply.content, str) else ""
                if not text.strip() or "<tool" in text:  # e.g. a bare "<tools></tools>" from the 1.5B model
                    raise LLMFailure("empty or garbled answer")
                turn.answer = text.strip()
                break
            composed, invalid_before = [], invalid
            for call in reply.tool_calls:
                key = json.dumps([call["name"], call["args"]], sort_keys=True, default=str)
                if key in seen_calls:
                    raise LLMFailure(f"repeated tool call {call['name']}")
                seen_calls.add(key)
                output, ok = self._run_tool(call, state, message, stated)
                invalid += not ok
                if invalid > 2:
                    raise LLMFailure("too many invalid tool calls")
                turn.tool_calls.append({"name": call["name"], "args": call["args"]})
                turn.intent = _INTENT_OF.get(call["name"], turn.intent)
                self._collect(call, output, ok, turn, products, state)
                messages.append(ToolMessage(_digest(output), tool_call_id=call["id"]))
                composed.append(compose(call["name"], call["args"], output))
            if self.settings.llm_answer == "facts" and invalid == invalid_before:  # this step's calls all ran
                searched = any(c["name"] == "search_products" for c in turn.tool_calls)
                turn.answer = (stated.note if searched else "") + "\n\n".join(c.text for c in composed)
                turn.products = list({p.id: p for c in composed for p in c.products}.values()) or list(
                    products.values())[:5]
                break
        else:
            raise LLMFailure("no answer within the step limit")
        if not turn.products:
            turn.products = [p for p in products.values() if p.title in turn.answer] or list(products.values())[:5]
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]
        listed = any(c["name"] in _LISTING_TOOLS for c in turn.tool_calls)
        if listed:
            state.shown = [p.id for p in turn.products] or state.shown
            state.seen = list(dict.fromkeys(state.seen + state.shown))[-200:]
        about = next((c["args"]["product_id"] for c in turn.tool_calls if c["args"].get("product_id")), None)
        state.focus = about or (turn.products[0].id if listed and turn.products else None) or state.focus
        return turn

    def _collect(self, call: dict, output: Any, ok: bool, turn: PlannedTurn, products: dict[str, ProductRecord],
                 state: SessionState) -> None:
        """What a tool call adds to the turn: its products (and the product it was about,
        so an answer naming it is grounded), outfits, and the search it ran."""
        for p in _products_in(output):
            products[p["id"]] = ProductRecord.model_validate({k: p[k] for k in ProductRecord.model_fields if k in p})
        about = [call["args"].get("product_id")]
        if isinstance(output, dict):  # a cart or an order names its lines' products
            about += [line.get("product_id") for line in output.get("items", output.get("lines", []))]
        wanted = [pid for pid in about if ok and isinstance(pid, str) and pid not in products]
        products.update(self.kit.search.db.get_records(wanted) if wanted else {})
        if isinstance(output, dict) and "outfits" in output:
            turn.outfits += [OutfitBundle(items=o["items"], total_price=o["total_price"],
                                          explanation=o["explanation"]) for o in output["outfits"]]
        if ok and call["name"] == "search_products" and isinstance(output, dict):
            state.last_query, state.last_filters = call["args"].get("query", ""), output.get("filters") or {}
            state.last_k = int(call["args"].get("k") or 5)

    def _stated(self, message: str, state: SessionState, intent: Intent, look: LookBack) -> Stated:
        """What the shopper's own words fix for this turn (see the module doc)."""
        reference = {"meant_id": look.meant.id if look.meant else None, "no_such_reference": look.past_the_list}
        if intent is Intent.refine:
            filters, note = refined_filters(message, state, look.shown, look.focus)
            return Stated(filters=filters, replace=True, note=note, **reference)
        words = parse_query(message).filters if any(c.isalnum() for c in message) else SearchFilters()
        return Stated(filters=SearchFilters(**{f: getattr(words, f) for f in _REQUEST_WIDE}), **reference)

    def _run_tool(self, call: dict, state: SessionState, message: str,
                  stated: Stated | None = None) -> tuple[Any, bool]:
        tool = self.tools.get(call["name"])
        if tool is None:
            return {"error": {"code": "unknown_tool", "message": f"No tool named {call['name']!r}; "
                              f"tools: {', '.join(self.tools)}"}}, False
        call["args"] = args = ground_arguments(call["args"], self.required_args[call["name"]], message, state)
        if "session_id" in tool.args:  # the cart is this session's, whatever the model wrote
            args["session_id"] = state.session_id
        stated = stated or Stated(filters=SearchFilters())
        self._apply_stated(call["name"], set(tool.args), args, message, stated)
        if "product_id" in tool.args and stated.no_such_reference and not self._is_product(args.get("product_id")):
            # "the third one" when two were shown, and the model wrote "3": say so, as the rules do
            return {"error": {"code": "no_reference", "message": stated.no_such_reference}}, True
        try:
            output = tool.invoke(args)
        except (ValidationError, ValueError, TypeError) as exc:
            return {"error": {"code": "invalid_arguments", "message": str(exc)[:300]}}, False
        error = output.get("error") if isinstance(output, dict) else None
        return output, error is None or error.get("code") in _SHOPPER_FACING

    def _apply_stated(self, name: str, params: set[str], args: dict[str, Any], message: str, stated: Stated) -> None:
        """The shopper's stated facts over the model's arguments (see ``Stated``)."""
        if "product_id" in params and stated.meant_id and not self._is_product(args.get("product_id")):
            args["product_id"] = stated.meant_id
        if "size" in params and (size := self._stated_size(message, args.get("product_id"))):
            args["size"] = size  # the shopper's size in the catalog's spelling ("8" -> "UK8")
        if name == "search_products":
            filters = stated.for_query(str(args.get("query") or ""))
            if filters is not None:  # recorded in the turn's tool calls as the search ran
                args["filters"] = filters.model_dump(exclude_defaults=True)
        elif name == "build_outfit" and not args.get("product_id"):  # an outfit for someone, within a budget
            if not args.get("gender") and stated.filters.gender:
                args["gender"] = stated.filters.gender
            if args.get("budget") is None and stated.filters.price_max is not None:
                args["budget"] = stated.filters.price_max

    def _is_product(self, product_id: Any) -> bool:
        return isinstance(product_id, str) and self.kit.search.db.get_record(product_id) is not None

    def _stated_size(self, message: str, product_id: Any) -> str | None:
        """The size the shopper's message names, spelt as the product's sizes are."""
        record = self.kit.search.db.get_record(product_id) if isinstance(product_id, str) else None
        footwear = record is not None and record.category == "Footwear"
        return size_in(message, footwear)

"""The LLM planner: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint,
with the same tools as the rule planner bound as real tool calls.

Tool calls are validated (unknown tool, bad arguments -> the error goes back to the
model once; a repeated identical call ends the loop). The whole turn has a time budget;
on an error, a timeout, garbage, or too many invalid calls, the turn is answered by the
rule planner instead, and a circuit breaker stops trying the LLM for a while after
repeated failures, so a dead endpoint costs nothing per turn."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from pydantic import ValidationError

from agent.models import OutfitBundle
from agent.rules import PlannedTurn, RulePlanner
from agent.state import SessionState
from agent.understanding import Intent
from catalog import ProductRecord
from config import Settings
from prompts import load_prompt
from tools import Toolkit


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


class LLMPlanner:
    name = "llm"

    def __init__(self, kit: Toolkit, settings: Settings, fallback: RulePlanner) -> None:
        from langchain_openai import ChatOpenAI

        self.kit, self.settings, self.fallback = kit, settings, fallback
        self.tools = {t.name: t for t in kit.langchain_tools()}
        self.breaker = CircuitBreaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown_s)
        self.model = ChatOpenAI(base_url=settings.llm_base_url, api_key=settings.llm_api_key, model=settings.llm_model,
                                temperature=0, max_retries=0, timeout=settings.llm_turn_budget_s)
        self.bound = self.model.bind_tools(list(self.tools.values()))
        self.system = load_prompt("system")

    def plan(self, message: str, state: SessionState) -> tuple[PlannedTurn, str, str | None]:
        """(turn, planner that served it, fallback reason or None)."""
        if not self.breaker.allow():
            return self.fallback.plan(message, state), "rules", "circuit_open"
        try:
            turn = self._plan(message, state)
        except Exception as exc:  # any failure of the endpoint or of its output -> the rules answer
            self.breaker.record(False)
            return self.fallback.plan(message, state), "rules", f"{type(exc).__name__}: {str(exc)[:120]}"
        self.breaker.record(True)
        return turn, "llm", None

    def _plan(self, message: str, state: SessionState) -> PlannedTurn:
        from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

        deadline = time.monotonic() + self.settings.llm_turn_budget_s
        session_note = f"(session id for cart tools: {state.session_id})"
        messages: list[Any] = [SystemMessage(f"{self.system}\n{session_note}"), HumanMessage(message)]
        turn = PlannedTurn(intent=Intent.search, answer="")
        products: dict[str, ProductRecord] = {}
        seen_calls: set[str] = set()
        invalid = 0
        for _ in range(self.settings.llm_max_steps):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LLMFailure("turn budget exhausted")
            reply = self.bound.invoke(messages, timeout=remaining)
            messages.append(reply)
            if not reply.tool_calls:
                text = reply.content if isinstance(reply.content, str) else ""
                if not text.strip():
                    raise LLMFailure("empty answer")
                turn.answer = text.strip()
                break
            for call in reply.tool_calls:
                key = json.dumps([call["name"], call["args"]], sort_keys=True, default=str)
                if key in seen_calls:
                    raise LLMFailure(f"repeated tool call {call['name']}")
                seen_calls.add(key)
                output, ok = self._run_tool(call)
                invalid += not ok
                if invalid > 2:
                    raise LLMFailure("too many invalid tool calls")
                turn.tool_calls.append({"name": call["name"], "args": call["args"]})
                for p in _products_in(output):
                    products[p["id"]] = ProductRecord.model_validate({k: p[k] for k in ProductRecord.model_fields
                                                                      if k in p})
                if isinstance(output, dict) and "outfits" in output:
                    turn.outfits += [OutfitBundle(items=o["items"], total_price=o["total_price"],
                                                  explanation=o["explanation"]) for o in output["outfits"]]
                messages.append(ToolMessage(json.dumps(output, ensure_ascii=False, default=str)[:6000],
                                            tool_call_id=call["id"]))
        else:
            raise LLMFailure("no answer within the step limit")
        turn.products = [p for p in products.values() if p.title in turn.answer] or list(products.values())[:5]
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]
        state.shown = [p.id for p in turn.products] or state.shown
        state.focus = state.shown[0] if state.shown else state.focus
        return turn

    def _run_tool(self, call: dict) -> tuple[Any, bool]:
        tool = self.tools.get(call["name"])
        if tool is None:
            return {"error": {"code": "unknown_tool", "message": f"No tool named {call['name']!r}; "
                              f"tools: {', '.join(self.tools)}"}}, False
        try:
            output = tool.invoke(call["args"])
        except (ValidationError, ValueError, TypeError) as exc:
            return {"error": {"code": "invalid_arguments", "message": str(exc)[:300]}}, False
        return output, not (isinstance(output, dict) and "error" in output)

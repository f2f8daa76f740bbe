"""``atelier eval toolcalls``: tool-call accuracy and turn latency of the LLM planner
against an OpenAI-compatible endpoint (e.g. ``atelier llm serve``).

Each case is a shopper message (with, for references, the products "shown last turn"
taken from a real search) and the call a correct planner makes: the tool, and the key
arguments (a product id from the shown list, a size, words the search query must
contain). The first model reply is judged exactly as ``agent.llm.LLMPlanner`` sends it
(same system prompt, tools, and context line). Then whole turns through the assistant
measure latency (cold and warm), the planner that answered, and time to first event."""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from evals.metrics import percentile


class ToolCase(BaseModel):
    message: str
    tools: list[str] = Field(description="Acceptable tools (the first is the expected one).")
    args: dict[str, Any] = Field(default_factory=dict, description="Key arguments: '$shown[i]' is the i-th shown "
                                 "product id; a list of strings = the value must contain one of them.")
    context: bool = Field(default=False, description="Products were shown last turn.")


def _case(message: str, tools: str, context: bool = False, **args: Any) -> ToolCase:
    return ToolCase(message=message, tools=tools.split("|"), args=args, context=context)


CASES: list[ToolCase] = [
    _case("navy shirt for men under 1500", "search_products", query=["shirt"]),
    _case("I'm looking for a red dress for a party", "search_products", query=["dress"]),
    _case("black running shoes in UK9", "search_products", query=["shoe"]),
    _case("show me watches for men", "search_products", query=["watch"]),
    _case("I need a handbag for my wife, budget 3000", "search_products", query=["bag"]),
    _case("white sneakers for women", "search_products", query=["sneaker", "shoe"]),
    _case("jeans under 2000 for men", "search_products", query=["jean"]),
    _case("blue kurta for women", "search_products", query=["kurta"]),
    _case("do you have sunglasses?", "search_products", query=["sunglass"]),
    _case("sports t-shirt for boys", "search_products", query=["shirt", "tshirt", "t-shirt"]),
    _case("brown formal shoes for men", "search_products", query=["shoe"]),
    _case("silver earrings", "search_products", query=["earring"]),
    _case("女士黑色手表", "search_products", query=["手表", "watch", "黑"]),
    _case("a green backpack", "search_products", query=["backpack", "bag"]),
    _case("is the second one available in M?", "check_stock", True, product_id="$shown[1]", size=["M"]),
    _case("do you have the first one in size L?", "check_stock", True, product_id="$shown[0]", size=["L"]),
    _case("which sizes of the third one are in stock?", "check_stock|get_product", True, product_id="$shown[2]"),
    _case("is the first one still in stock?", "check_stock|get_product", True, product_id="$shown[0]"),
    _case("is the second one a good deal?", "price_info", True, product_id="$shown[1]"),
    _case("what's the discount on the first one?", "price_info|get_product", True, product_id="$shown[0]"),
    _case("how much is the third one?", "price_info|get_product", True, product_id="$shown[2]"),
    _case("add the first one in M to my cart", "add_to_cart", True, product_id="$shown[0]", size=["M"]),
    _case("put the second one in my cart, size L", "add_to_cart", True, product_id="$shown[1]", size=["L"]),
    _case("show my cart", "view_cart"),
    _case("what's in my cart?", "view_cart"),
    _case("please check out and place my order", "checkout"),
    _case("remove the first one from my cart", "remove_from_cart", True, product_id="$shown[0]"),
    _case("what goes with the first one?", "build_outfit", True, product_id="$shown[0]"),
    _case("build me an outfit for a wedding, for women, under 5000", "build_outfit", occasion=["wedding"]),
    _case("complete the look around the second one", "build_outfit", True, product_id="$shown[1]"),
    _case("show me more like the second one", "find_similar", True, product_id="$shown[1]"),
    _case("anything similar to the first one?", "find_similar", True, product_id="$shown[0]"),
    _case("tell me more about the third one", "get_product|price_info|check_stock", True, product_id="$shown[2]"),
    _case("what is your return policy?", "store_info", question=["return"]),
    _case("how long does delivery take?", "store_info", question=["deliver"]),
    _case("do you accept cash on delivery?", "store_info", question=["cash", "cod", "payment"]),
    _case("how should I wash a cotton shirt?", "store_info", question=["wash", "care"]),
]


def _arg_ok(expected: Any, actual: Any, shown: list[str]) -> bool:
    if isinstance(expected, str) and expected.startswith("$shown["):
        return actual == shown[int(expected[7:-1])]
    if isinstance(expected, list):
        return isinstance(actual, str) and any(e.lower() in actual.lower() for e in expected)
    return actual == expected


def judge_call(case: ToolCase, calls: list[dict], shown: list[str]) -> dict[str, Any]:
    """Tool right (any acceptable one), arguments right (for the expected tool's keys)."""
    call = calls[0] if calls else None
    tool_ok = call is not None and call["name"] in case.tools
    args_ok = tool_ok and all(_arg_ok(v, call["args"].get(k), shown) for k, v in case.args.items()
                              if k in call["args"] or call["name"] == case.tools[0])
    return {"message": case.message, "expected": case.tools[0], "called": call["name"] if call else None,
            "args": call["args"] if call else None, "tool_ok": tool_ok, "args_ok": bool(args_ok)}


def run_toolcall_eval(assistant, context_query: str = "shirts for men") -> dict[str, Any]:
    """Accuracy over ``CASES`` plus turn latency through ``assistant`` (whose LLM
    planner must be configured)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from agent.llm import _with_context
    from agent.state import SessionState
    from agent.understanding import detect_intent

    planner = assistant.llm
    if planner is None:
        raise ValueError("no LLM endpoint configured (set OPENAI_BASE_URL or pass --url)")
    shown = [p.id for p in assistant.kit.search_products(context_query, k=5).results]
    started = time.perf_counter()  # the first request evaluates the shared prefix (prompt + tool schemas)
    planner.first_reply([SystemMessage(planner.system), HumanMessage("hello")], timeout=900)
    cold_prefix_s = round(time.perf_counter() - started, 2)
    rows, seconds = [], []
    for case in CASES:
        state = SessionState(session_id="eval-toolcalls", shown=shown if case.context else [])
        messages = [SystemMessage(planner.system), HumanMessage(_with_context(case.message, state, assistant.kit))]
        started = time.perf_counter()
        try:
            intent = detect_intent(case.message, bool(state.last_query))
            calls = planner.first_reply(messages, timeout=300, intent=intent).tool_calls
        except Exception as exc:  # noqa: BLE001 - an endpoint error is a wrong answer for this case, not the end
            calls = [{"name": f"error: {type(exc).__name__}", "args": {}}]
        seconds.append(time.perf_counter() - started)
        rows.append(judge_call(case, calls, shown))
    tool_acc = sum(r["tool_ok"] for r in rows) / len(rows)
    full_acc = sum(r["args_ok"] for r in rows) / len(rows)
    return {"suite": "toolcalls", "cases": len(rows),
            "systems": {planner.settings.llm_model: {
                "tool_accuracy": round(tool_acc, 4), "tool_and_args_accuracy": round(full_acc, 4),
                "cold_prefix_s": cold_prefix_s, "first_call_p50_s": round(percentile(seconds, 50), 2),
                "first_call_p95_s": round(percentile(seconds, 95), 2)}},
            "server_first_token_s": first_token_seconds(planner), "turns": run_turn_latency(assistant), "rows": rows}


def first_token_seconds(planner, message: str = "Hi! What can you help me with?") -> float:
    """Time to the first streamed text chunk from the endpoint, tools bound (a greeting
    is answered in text, so the server streams it token by token). The request is raw
    HTTP so that leaving it hangs up at once: the server then stops generating (an
    unclosed LangChain stream kept the connection, and so the model, busy for the rest
    of the greeting, and the next turns waited behind it)."""
    import httpx

    settings = planner.settings
    body = {"model": settings.llm_model, "stream": True, "max_tokens": 32,
            "messages": [{"role": "system", "content": planner.system}, {"role": "user", "content": message}],
            "tools": planner.bound.kwargs.get("tools", [])}  # already in OpenAI's shape (bind_tools)
    started = time.perf_counter()
    with httpx.stream("POST", f"{settings.llm_base_url.rstrip('/')}/chat/completions", json=body, timeout=300,
                      headers={"Authorization": f"Bearer {settings.llm_api_key}"}) as response:
        for line in response.iter_lines():
            if line.startswith("data: ") and '"content": "' in line and '"content": ""' not in line:
                break
    return round(time.perf_counter() - started, 2)


TURN_SCRIPT = [
    "black tshirt for men", "is the first one available in M?", "what goes with it?",
    "white sneakers for women under 3000", "show me more like the second one", "what is your return policy?",
    "navy shirt for men under 1500", "cheaper", "in white instead", "add the first one in L to my cart", "show my cart",
    "red dress for women",
]


def run_turn_latency(assistant, script: list[str] = TURN_SCRIPT) -> dict[str, Any]:
    """Whole turns (plan + tools + grounding) in one session: first turn = cold for the
    conversation, the rest warm; time to first streamed event; planner that answered."""
    session, turns = None, []
    for message in script:
        started = time.perf_counter()
        first_event = None
        for event in assistant.stream(message, session):
            first_event = first_event or time.perf_counter() - started
            if event.type == "done":
                response = event.data
        total = time.perf_counter() - started
        session = response.session_id
        turns.append({"message": message, "seconds": round(total, 2), "first_event_s": round(first_event, 2),
                      "planner": response.planner, "fallback": response.fallback,
                      "tools": [c["name"] for c in response.tool_calls],
                      "repairs": response.grounding.get("violations_repaired", 0), "answer": response.answer[:200]})
    warm = [t["seconds"] for t in turns[1:]]
    return {"turns": turns, "cold_s": turns[0]["seconds"], "warm_p50_s": round(percentile(warm, 50), 2),
            "warm_p95_s": round(percentile(warm, 95), 2), "warm_max_s": max(warm),
            "first_event_p50_s": round(percentile([t["first_event_s"] for t in turns], 50), 2),
            "answered_by_llm": sum(t["planner"] == "llm" for t in turns), "fallbacks": [
                t["fallback"] for t in turns if t["fallback"]]}

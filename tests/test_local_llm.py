"""The real local LLM: llama.cpp with the Qwen2.5-Coder-1.5B GGUF behind our
OpenAI-compatible server (a subprocess, as in production), driven by the agent's
LangChain planner over the real tools, embedded store and SQLite of the test subset.

Opt-in with ``ATELIER_RUN_LLM_TESTS=1`` (``scripts/test.sh`` then prepares the wheel and
model from the cache: ``atelier llm build`` / ``fetch``); skips with the reason otherwise,
or when the llama-cpp-python build or the model is not prepared.
Each test is time-bounded: the model decodes ~10 tokens/s on 2 cores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from agent import Assistant, ChatResponse, GroundingChecker
from config import Settings
from retrieval import ProductSearch
from tests.server_helpers import free_port
from tools import Toolkit

pytestmark = [pytest.mark.llm, pytest.mark.timeout(900)]
ROOT = Path(__file__).resolve().parents[1]
TURN_BUDGET_S = 120.0  # generous: the machine running CI is shared; latency is measured by `atelier eval toolcalls`


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from llm_server.artifacts import (
        LLAMA_CPP_VERSION,
        ArtifactError,
        fetch_model,
        installed_llama_version,
    )

    if os.environ.get("ATELIER_RUN_LLM_TESTS") != "1":
        pytest.skip("opt-in (ATELIER_RUN_LLM_TESTS=1): with the 1.5B model on 2 busy cores these conversations "
                    "do not pass reliably yet (docs/agent.md)")
    if installed_llama_version() != LLAMA_CPP_VERSION:
        pytest.skip(f"llama-cpp-python {LLAMA_CPP_VERSION} is not installed (run `atelier llm build`)")
    try:
        fetch_model(Settings(), log=lambda _: None)
    except ArtifactError as exc:
        pytest.skip(f"the model could not be prepared: {exc}")
    port = free_port()
    log = tmp_path_factory.mktemp("llm") / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "llm_server", "--port", str(port)], cwd=ROOT,
                                  stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield f"{url}/v1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the LLM server exited ({server.returncode}):\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the LLM server did not start in 180 s:\n{log.read_text()[-2000:]}")


SEARCH_TOOL = {"type": "function", "function": {
    "name": "search_products", "description": "Search the store's catalog for products.",
    "parameters": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}}}


def test_server_turns_qwen_replies_into_openai_tool_calls(llm_url: str) -> None:
    """A tool call comes back as ``tool_calls``; after the result (sent with
    ``content: null``, as LangChain does, and the tools still bound) the model answers
    in text instead of repeating the call; streaming yields the same as chunks."""
    client = httpx.Client(base_url=llm_url, timeout=TURN_BUDGET_S)
    messages = [{"role": "system", "content": "You are a shop assistant. Use the tools."},
                {"role": "user", "content": "Find me a red dress"}]
    first = client.post("/chat/completions", json={"messages": messages, "tools": [SEARCH_TOOL]}).json()
    choice = first["choices"][0]
    assert choice["finish_reason"] == "tool_calls", first
    call = choice["message"]["tool_calls"][0]
    assert call["function"]["name"] == "search_products"
    assert "dress" in json.loads(call["function"]["arguments"])["query"].lower()
    messages += [{"role": "assistant", "content": None, "tool_calls": [call]},
                 {"role": "tool", "tool_call_id": call["id"], "content": json.dumps(
                     {"results": [{"id": "1163", "title": "Nike Red Dress", "price": 1299}]})}]
    events = []
    with client.stream("POST", "/chat/completions",
                       json={"messages": messages, "tools": [SEARCH_TOOL], "stream": True}) as stream:
        events = [json.loads(line[6:]) for line in stream.iter_lines()
                  if line.startswith("data: ") and line != "data: [DONE]"]
    text = "".join(e["choices"][0]["delta"].get("content") or "" for e in events)
    assert events[-1]["choices"][0]["finish_reason"] == "stop"
    assert not any("tool_calls" in e["choices"][0]["delta"] for e in events)
    assert "Red Dress" in text or "1299" in text, text


@pytest.fixture(scope="module")
def llm_assistant(llm_url: str, search: ProductSearch) -> Assistant:
    settings = search.settings.model_copy(update={"llm_base_url": llm_url, "llm_turn_budget_s": TURN_BUDGET_S,
                                                  "llm_breaker_failures": 100})
    kit = Toolkit(search, settings=settings)
    assistant = Assistant(kit)
    _warm(assistant)
    yield assistant
    assistant.close()
    kit.close()


def _warm(assistant: Assistant) -> None:
    """Evaluate the prompt prefix every turn shares (system prompt + tool schemas, ~1.7k
    tokens) once, so the turns below measure warm behaviour within their budget."""
    from langchain_core.messages import HumanMessage, SystemMessage

    assistant.llm.bound.invoke([SystemMessage(assistant.llm.system), HumanMessage("hello")], timeout=600)


def _assert_grounded(response: ChatResponse, checker: GroundingChecker) -> None:
    """Served by the LLM through real tool calls; every product shown is a current catalog
    record, and the final answer passes an independent grounding check."""
    assert response.planner == "llm", response.fallback
    assert response.tool_calls, response.answer
    report = checker.check(response.answer, response.products, [o.total_price for o in response.outfits])
    assert not report.violations, (response.answer, report.violations)


def test_multi_turn_conversation_through_langchain(llm_assistant: Assistant) -> None:
    checker = GroundingChecker(llm_assistant.kit.search.db)
    first = llm_assistant.chat("black tshirt for men")
    _assert_grounded(first, checker)
    assert first.tool_calls[0]["name"] == "search_products"
    assert first.products and all(p.article_type == "Tshirts" for p in first.products)
    assert [c.product_id for c in first.citations] == [p.id for p in first.products]

    second = llm_assistant.chat("is the first one available in M?", first.session_id)
    _assert_grounded(second, checker)
    stock_calls = [c for c in second.tool_calls if c["name"] in ("check_stock", "get_product")]
    assert stock_calls and stock_calls[0]["args"]["product_id"] == first.products[0].id, second.tool_calls


def test_store_question_is_answered_from_the_store_documents(llm_assistant: Assistant) -> None:
    response = llm_assistant.chat("what is your return policy?")
    assert response.planner == "llm", response.fallback
    assert [c["name"] for c in response.tool_calls] == ["store_info"]
    assert "return" in response.answer.lower()

"""The LLM reading degrades to the fast layer's reading within the turn budget when its
OpenAI-compatible endpoint is down, hangs or returns garbage, and a circuit breaker
stops paying for a dead endpoint. (The endpoints here are real sockets misbehaving on
purpose: what is under test is the agent's handling of them.)"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent import Assistant
from retrieval import ProductSearch
from tests.server_helpers import free_port
from tools import Toolkit

BUDGET = 2.0


def _assistant(search: ProductSearch, url: str) -> tuple[Assistant, Toolkit]:
    settings = search.settings.model_copy(
        update={
            "llm_base_url": url,
            "understanding": "llm",
            "llm_turn_budget_s": BUDGET,
            "llm_breaker_failures": 2,
            "llm_breaker_cooldown_s": 60,
        }
    )
    kit = Toolkit(search, settings=settings)
    return Assistant(kit), kit


@pytest.fixture()
def hanging_endpoint():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture()
def garbage_endpoint():
    class Garbage(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = b"<html>502 Bad Gateway, or whatever a broken proxy sends</html>"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def _turn(assistant: Assistant, message: str = "black tshirt for men"):
    started = time.perf_counter()
    response = assistant.chat(message)
    return response, time.perf_counter() - started


@pytest.mark.parametrize("endpoint", ["down", "hanging", "garbage"])
def test_failing_llm_degrades_to_rules_within_budget(search: ProductSearch, endpoint: str, request) -> None:
    url = (
        f"http://127.0.0.1:{free_port()}/v1" if endpoint == "down" else request.getfixturevalue(f"{endpoint}_endpoint")
    )
    assistant, kit = _assistant(search, url)
    try:
        response, seconds = _turn(assistant)
        assert response.planner == "rules" and response.fallback
        assert response.products and all(p.article_type == "Tshirts" for p in response.products)
        assert seconds < BUDGET + 1.5, seconds
    finally:
        assistant.close()
        kit.close()


def test_circuit_breaker_skips_a_dead_llm(search: ProductSearch, hanging_endpoint: str) -> None:
    assistant, kit = _assistant(search, hanging_endpoint)
    try:
        for _ in range(2):  # two failures open the breaker
            assert _turn(assistant)[0].fallback != "circuit_open"
        response, seconds = _turn(assistant, "white shirt for men")
        assert response.fallback == "circuit_open" and response.planner == "rules"
        assert seconds < 1.0
    finally:
        assistant.close()
        kit.close()

"""Sessions only the server issues, and orders only a shopper's clear yes places: the
attacks of issue 19 (a chosen session id adopted, a user id naming a cart, "check out this
red dress" placing an order, a retried checkout ordering twice) through the real app over
HTTP, the official openai client and the assistant."""

from __future__ import annotations

import threading

import httpx
import pytest
from openai import OpenAI

from agent import Assistant
from retrieval import ProductSearch
from tests.server_helpers import expect_error
from tools import ToolError, Toolkit
from tools.langchain import langchain_tools


def _one_size(http: httpx.Client, query: str = "watch for women") -> dict:
    found = http.post("/v1/search", json={"query": query, "k": 20}).json()["results"]
    return next(p for p in found if p["sizes_in_stock"] == ["One Size"])


def _units(http: httpx.Client, product_id: str) -> int:
    return http.get(f"/v1/products/{product_id}").json()["stock"]["One Size"]


# ---- server-issued sessions ----------------------------------------------------------


def test_a_session_id_the_server_never_issued_is_refused_everywhere(http: httpx.Client) -> None:
    chosen = "alice-session"
    expect_error(
        http.post("/v1/chat", json={"message": "black jeans for men", "session_id": chosen}), 404, "unknown_session"
    )
    expect_error(http.get(f"/v1/cart/{chosen}"), 404, "unknown_session")
    expect_error(
        http.post(f"/v1/cart/{chosen}/items", json={"product_id": "15970", "size": "M"}), 404, "unknown_session"
    )
    expect_error(http.post(f"/v1/cart/{chosen}/checkout"), 404, "unknown_session")
    expect_error(http.get("/v1/recommendations", params={"session_id": chosen}), 404, "unknown_session")
    expect_error(http.get(f"/v1/sessions/{chosen}/orders"), 404, "unknown_session")
    # nothing was created under the chosen name by those attempts
    expect_error(http.get(f"/v1/cart/{chosen}"), 404, "unknown_session")


def test_issued_sessions_are_unguessable_and_continue(http: httpx.Client) -> None:
    first = http.post("/v1/chat", json={"message": "black jeans for men"}).json()
    issued = http.post("/v1/sessions")
    assert issued.status_code == 201
    ids = {first["session_id"], issued.json()["session_id"]}
    assert len(ids) == 2 and all(len(i) >= 22 for i in ids)  # 128 random bits, URL-safe
    again = http.post("/v1/chat", json={"message": "cheaper ones", "session_id": first["session_id"]})
    assert again.status_code == 200 and again.json()["session_id"] == first["session_id"]
    assert http.get(f"/v1/cart/{issued.json()['session_id']}").json()["items"] == []


def test_the_openai_user_field_names_no_cart(live_server, http: httpx.Client) -> None:
    """Whoever knows a customer's user id must not reach their cart or conversation."""
    product = _one_size(http)
    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused")
    victim = client.chat.completions.create(
        model="atelier", user="customer-42", messages=[{"role": "user", "content": "a watch for women"}]
    )
    session = victim.model_extra["atelier"]["session_id"]
    assert session != "customer-42"
    http.post(f"/v1/cart/{session}/items", json={"product_id": product["id"], "size": "One Size"})
    intruder = client.chat.completions.create(
        model="atelier", user="customer-42", messages=[{"role": "user", "content": "show my cart"}]
    )
    assert intruder.model_extra["atelier"]["session_id"] not in (session, "customer-42")
    assert product["title"] not in intruder.choices[0].message.content
    expect_error(http.get("/v1/cart/customer-42"), 404, "unknown_session")


def test_logs_never_print_a_session_id_whole(http: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    session = http.post("/v1/sessions").json()["session_id"]
    with caplog.at_level("INFO", logger="atelier.access"):
        assert http.get(f"/v1/cart/{session}").status_code == 200
    logged = [r.getMessage() for r in caplog.records if r.name == "atelier.access"]
    assert any("/v1/cart/" in line for line in logged)
    assert not any(session in line for line in logged)


# ---- an order needs an explicit yes --------------------------------------------------


def _chat(http: httpx.Client, message: str, session: str) -> dict:
    response = http.post("/v1/chat", json={"message": message, "session_id": session})
    assert response.status_code == 200, response.text
    return response.json()


def _carted_session(http: httpx.Client, product: dict) -> str:
    session = http.post("/v1/sessions").json()["session_id"]
    added = http.post(f"/v1/cart/{session}/items", json={"product_id": product["id"], "size": "One Size"})
    assert added.status_code == 200, added.text
    return session


def test_check_out_this_dress_looks_at_a_dress_and_orders_nothing(http: httpx.Client) -> None:
    product = _one_size(http)
    session = _carted_session(http, product)
    turn = _chat(http, "check out this red dress", session)
    assert turn["intent"] != "checkout" and "Order" not in turn["answer"]
    assert http.get(f"/v1/sessions/{session}/orders").json() == []
    assert [i["product_id"] for i in http.get(f"/v1/cart/{session}").json()["items"]] == [product["id"]]


def test_checkout_in_chat_shows_a_summary_and_only_a_clear_yes_orders(http: httpx.Client) -> None:
    product = _one_size(http)
    before = _units(http, product["id"])
    session = _carted_session(http, product)
    summary = _chat(http, "checkout please", session)
    assert product["title"] in summary["answer"] and "Shall I place it?" in summary["answer"]
    assert f"₹{product['price']:.0f}" in summary["answer"] and "delivery" in summary["answer"]
    assert http.get(f"/v1/sessions/{session}/orders").json() == []  # a summary is not an order
    declined = _chat(http, "no, not yet", session)
    assert "haven't placed" in declined["answer"] and http.get(f"/v1/sessions/{session}/orders").json() == []
    _chat(http, "checkout", session)
    moved_on = _chat(http, "red heels for women", session)  # not an answer to the summary
    assert "Order" not in moved_on["answer"]
    assert "Order" not in _chat(http, "yes", session)["answer"]  # that summary is no longer pending
    _chat(http, "checkout", session)
    placed = _chat(http, "yes, place the order", session)
    orders = http.get(f"/v1/sessions/{session}/orders").json()
    assert len(orders) == 1 and orders[0]["order_id"] in placed["answer"]
    assert _units(http, product["id"]) == before - 1
    cancelled = _chat(http, "actually, cancel my order", session)
    assert "cancelled" in cancelled["answer"] and _units(http, product["id"]) == before


def test_a_yes_to_a_summary_the_cart_has_outgrown_places_nothing(http: httpx.Client) -> None:
    product = _one_size(http)
    session = _carted_session(http, product)
    _chat(http, "check out", session)
    other = _one_size(http, "watch for men")
    http.post(f"/v1/cart/{session}/items", json={"product_id": other["id"], "size": "One Size"})
    answer = _chat(http, "yes", session)["answer"]
    assert "changed" in answer and http.get(f"/v1/sessions/{session}/orders").json() == []


def test_a_stateless_conversation_confirms_the_summary_it_carries(live_server, http: httpx.Client) -> None:
    """The OpenAI endpoint keeps no state: the summary's code travels in the assistant
    message, and the yes places exactly that order in the session named by session_id."""
    product = _one_size(http)
    session = _carted_session(http, product)
    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused")
    history = [{"role": "user", "content": "I'd like to check out"}]
    summary = client.chat.completions.create(model="atelier", messages=history, extra_body={"session_id": session})
    history += [
        {"role": "assistant", "content": summary.choices[0].message.content},
        {"role": "user", "content": "yes"},
    ]
    assert http.get(f"/v1/sessions/{session}/orders").json() == []
    placed = client.chat.completions.create(model="atelier", messages=history, extra_body={"session_id": session})
    orders = http.get(f"/v1/sessions/{session}/orders").json()
    assert len(orders) == 1 and orders[0]["order_id"] in placed.choices[0].message.content


# ---- the HTTP checkout: idempotency, confirmation, cancellation -----------------------


def test_a_retried_checkout_with_the_same_key_returns_the_same_order(http: httpx.Client) -> None:
    product = _one_size(http)
    before = _units(http, product["id"])
    session = _carted_session(http, product)
    key = {"Idempotency-Key": "retry-7f3a"}
    results: list[httpx.Response] = []
    barrier = threading.Barrier(3)

    def buy() -> None:
        barrier.wait()
        results.append(http.post(f"/v1/cart/{session}/checkout", headers=key))

    threads = [threading.Thread(target=buy) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [200, 200, 200], [r.text for r in results]
    assert len({r.json()["order_id"] for r in results}) == 1
    assert http.post(f"/v1/cart/{session}/checkout", headers=key).json()["order_id"] == results[0].json()["order_id"]
    assert _units(http, product["id"]) == before - 1
    expect_error(http.post(f"/v1/cart/{session}/checkout", headers={"Idempotency-Key": "another"}), 409, "empty_cart")


def test_a_reviewed_checkout_is_refused_when_the_cart_changed(http: httpx.Client) -> None:
    product = _one_size(http)
    session = _carted_session(http, product)
    review = http.get(f"/v1/cart/{session}/checkout").json()
    assert review["total"] == review["subtotal"] + review["delivery"] and review["confirmation"]
    http.post(f"/v1/cart/{session}/items", json={"product_id": product["id"], "size": "One Size"})
    expect_error(
        http.post(f"/v1/cart/{session}/checkout", json={"confirmation": review["confirmation"]}), 409, "cart_changed"
    )
    fresh = http.get(f"/v1/cart/{session}/checkout").json()
    order = http.post(f"/v1/cart/{session}/checkout", json={"confirmation": fresh["confirmation"]})
    assert order.status_code == 200 and order.json()["lines"][0]["quantity"] == 2


def test_orders_are_cancelled_once_within_the_window_and_only_by_their_session(http: httpx.Client) -> None:
    product = _one_size(http)
    before = _units(http, product["id"])
    session = _carted_session(http, product)
    order = http.post(f"/v1/cart/{session}/checkout").json()
    assert order["status"] == "placed" and order["cancellable_until"] > order["created_at"]
    stranger = http.post("/v1/sessions").json()["session_id"]
    expect_error(http.get(f"/v1/sessions/{stranger}/orders/{order['order_id']}"), 404, "unknown_order")
    expect_error(http.post(f"/v1/sessions/{stranger}/orders/{order['order_id']}/cancel"), 404, "unknown_order")
    cancelled = http.post(f"/v1/sessions/{session}/orders/{order['order_id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and _units(http, product["id"]) == before
    expect_error(http.post(f"/v1/sessions/{session}/orders/{order['order_id']}/cancel"), 409, "order_cancelled")
    assert _units(http, product["id"]) == before  # stock restored once


def test_past_the_window_an_order_stays_placed(search: ProductSearch) -> None:
    kit = Toolkit(search, settings=search.settings.model_copy(update={"order_cancel_window_s": 0}))
    try:
        session = kit.start_session().session_id
        product = next(r for r in kit.search.db.iter_records() if r.sizes_in_stock == ["One Size"])
        kit.add_to_cart(session, product.id, "One Size")
        order = kit.checkout(session)
        with pytest.raises(ToolError) as late:
            kit.cancel_order(session, order.order_id)
        assert late.value.code == "cancel_window_passed"
        assert kit.get_order(session, order.order_id).status == "placed"
    finally:
        kit.close()


def test_the_checkout_tool_needs_the_confirmation_of_a_summary(search: ProductSearch) -> None:
    """The LangChain/registry checkout goes through the same confirmation as the chat."""
    kit = Toolkit(search)
    try:
        tools = {t.name: t for t in langchain_tools(kit)}
        assert "confirmation" in tools["checkout"].args_schema.model_json_schema()["required"]
        session = tools["start_session"].invoke({})["session_id"]
        product = next(r for r in kit.search.db.iter_records() if r.sizes_in_stock == ["One Size"])
        tools["add_to_cart"].invoke({"session_id": session, "product_id": product.id, "size": "One Size"})
        refused = tools["checkout"].invoke({"session_id": session, "confirmation": "0" * 16})
        assert refused["error"]["code"] == "cart_changed"
        review = tools["review_order"].invoke({"session_id": session})
        placed = tools["checkout"].invoke({"session_id": session, "confirmation": review["confirmation"]})
        assert placed["order_id"].startswith("ord_") and placed["total"] == review["total"]
    finally:
        kit.close()


def test_an_unknown_session_fails_before_any_answer(assistant: Assistant) -> None:
    with pytest.raises(ToolError) as unknown:
        assistant.chat("black jeans", "made-up-session-1")
    assert unknown.value.code == "unknown_session"

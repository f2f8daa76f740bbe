"""Every endpoint of the contract through the real app over HTTP, the official openai
client against /v1/chat/completions, bad inputs in the contract's error shape."""

from __future__ import annotations

import json

import httpx
import pytest
from openai import OpenAI

from server import create_app
from tests.server_helpers import LiveServer, expect_error


def test_health_docs_and_metrics(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok", "products": 1500}
    assert http.get("/docs").status_code == 200
    assert "/v1/search" in http.get("/openapi.json").json()["paths"]
    http.get("/healthz")
    metrics = http.get("/metrics").text
    assert 'atelier_http_requests_total{method="GET",route="/healthz",status="200"}' in metrics
    assert http.get("/healthz").headers["x-request-id"]


def test_search_contract_and_errors(http: httpx.Client) -> None:
    body = http.post("/v1/search", json={"query": "navy shirt for men under 1500", "k": 3}).json()
    assert body["filters"] == {"gender": "Men", "article_type": "Shirts", "colour": "Navy Blue", "price_max": 1500}
    assert 1 <= len(body["results"]) <= 3 and body["timings_ms"]["total"] > 0
    explicit = http.post("/v1/search", json={"query": "shirt", "filters": {"colour": "White"}}).json()
    assert all(r["colour"] == "White" for r in explicit["results"])
    expect_error(http.post("/v1/search", json={"query": "   "}), 400, "empty_query")
    expect_error(http.post("/v1/search", json={"query": "shirt", "k": 0}), 422, "invalid_request")
    expect_error(
        http.post("/v1/search", content=b"{not json", headers={"content-type": "application/json"}),
        422,
        "invalid_request",
    )
    expect_error(http.post("/v1/search", json={"query": "x" * 2_000_000}), 413, "payload_too_large")


def test_products_and_photos(http: httpx.Client) -> None:
    product = http.get("/v1/products/15970").json()
    assert product["id"] == "15970" and product["currency"] == "INR"
    photo = http.get("/v1/products/15970/image")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert "max-age" in photo.headers["cache-control"] and photo.content[:2] == b"\xff\xd8"
    expect_error(http.get("/v1/products/99999999"), 404, "unknown_product")
    for attempt in (
        "/v1/products/..%2F..%2Fetc%2Fpasswd/image",
        "/v1/products/%2e%2e/image",
        "/v1/products/15970%00/image",
    ):
        traversal = http.get(attempt)
        assert traversal.status_code == 404 and "root:" not in traversal.text
        assert traversal.json()["error"]["code"] in ("not_found", "unknown_product")
    expect_error(http.get("/v1/products/abc"), 404, "unknown_product")


def test_chat_json_and_sse(http: httpx.Client) -> None:
    body = http.post("/v1/chat", json={"message": "black heels for women"}).json()
    assert body["planner"] == "rules" and body["products"] and body["session_id"]
    with http.stream(
        "POST", "/v1/chat", json={"message": "cheaper", "session_id": body["session_id"], "stream": True}
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line.split(":", 1)[1].strip() for line in response.iter_lines() if line.startswith("event:")]
    assert events[0] == "products" and events[-1] == "done" and set(events[1:-1]) == {"delta"}
    expect_error(http.post("/v1/chat", json={"message": ""}), 400, "empty_message")
    expect_error(http.post("/v1/chat", json={"message": "hi", "session_id": "../../etc"}), 422, "invalid_request")


def test_openai_client_non_stream_and_stream(live_server) -> None:
    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused")
    reply = client.chat.completions.create(
        model="atelier", messages=[{"role": "user", "content": "navy shirt for men under 1500"}]
    )
    assert "Navy Blue" in reply.choices[0].message.content
    assert reply.model_extra["atelier"]["products"]
    stream = client.chat.completions.create(
        model="atelier",
        stream=True,
        messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": "do you sell laptops?"}],
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert "don't sell laptops" in text


def test_openai_conversation_is_stateless_and_matches_a_live_session(live_server, http: httpx.Client) -> None:
    """The issue's 3-turn conversation sent whole each time, as OpenAI clients do, gives
    the products a live ``/v1/chat`` session gives; nothing of it is kept on the server."""
    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused")
    assert "atelier" in [m.id for m in client.models.list()]
    live = http.post("/v1/chat", json={"message": "black jeans for men"}).json()
    session = live["session_id"]
    live_turns = [live] + [
        http.post("/v1/chat", json={"message": m, "session_id": session}).json()
        for m in ("cheaper ones please", "is the second one in 32?")
    ]
    messages: list[dict] = []
    for message, expected in zip(
        ("black jeans for men", "cheaper ones please", "is the second one in 32?"), live_turns, strict=True
    ):
        messages.append({"role": "user", "content": message})
        reply = client.chat.completions.create(model="atelier", messages=messages)
        got = [p["id"] for p in reply.model_extra["atelier"]["products"]]
        assert got == [p["id"] for p in expected["products"]], message
        assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
        assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
        messages.append({"role": "assistant", "content": reply.choices[0].message.content})
    searched = live_turns[1]["tool_calls"][0]["args"]["filters"]  # "cheaper" is read as the live session reads it
    assert searched["price_max"] < min(p["price"] for p in live_turns[0]["products"])
    stream = client.chat.completions.create(
        model="atelier", messages=messages[:3], stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert chunks[-1].usage and chunks[-1].usage.completion_tokens > 0 and not chunks[-1].choices
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == messages[3]["content"]


def test_an_openai_conversation_adds_to_the_cart_once(live_server, http: httpx.Client) -> None:
    """Earlier turns are read again for what they showed, never to repeat a cart change;
    the first answer's ``atelier.session_id``, sent back as ``session_id``, names the cart."""
    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused")
    messages = [{"role": "user", "content": "white tshirt for men"}]
    first = client.chat.completions.create(model="atelier", messages=messages)
    product = first.model_extra["atelier"]["products"][0]
    cart_id = {"session_id": first.model_extra["atelier"]["session_id"]}
    messages += [
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": f"add the first one in {product['sizes_in_stock'][0]}"},
    ]
    added = client.chat.completions.create(model="atelier", messages=messages, extra_body=cart_id)
    messages += [
        {"role": "assistant", "content": added.choices[0].message.content},
        {"role": "user", "content": "show me my cart"},
    ]
    client.chat.completions.create(model="atelier", messages=messages, extra_body=cart_id)
    cart = http.get(f"/v1/cart/{cart_id['session_id']}").json()
    assert [(line["product_id"], line["quantity"]) for line in cart["items"]] == [(product["id"], 1)]


def test_openai_errors_are_openai_shaped(live_server) -> None:
    import openai

    client = OpenAI(base_url=f"{live_server.url}/v1", api_key="unused", max_retries=0)
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model="atelier", messages=[{"role": "assistant", "content": "hello"}])
    error = raised.value.body
    assert error["code"] == "no_user_message" and error["type"] == "invalid_request_error" and "param" in error
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="atelier", messages=[])


def test_outfits_cart_and_recommendations(http: httpx.Client) -> None:
    outfits = http.post("/v1/outfits", json={"occasion": "office", "gender": "Men", "budget": 8000}).json()["outfits"]
    assert outfits and all(o["total_price"] <= 8000 and o["explanation"] for o in outfits)
    expect_error(http.post("/v1/outfits", json={"gender": "Men", "budget": -1}), 400, "invalid_budget")
    chat = http.post("/v1/chat", json={"message": "white tshirt for men"}).json()
    session, product = chat["session_id"], chat["products"][0]
    expect_error(http.post(f"/v1/cart/{session}/items", json={"product_id": product["id"]}), 400, "size_required")
    expect_error(
        http.post(f"/v1/cart/{session}/items", json={"product_id": "99999999", "size": "M"}), 404, "unknown_product"
    )
    added = http.post(
        f"/v1/cart/{session}/items", json={"product_id": product["id"], "size": product["sizes_in_stock"][0]}
    )
    assert added.status_code == 200 and added.json()["total"] == product["price"]
    assert http.get(f"/v1/cart/{session}").json()["items"][0]["product_id"] == product["id"]
    recs = http.get("/v1/recommendations", params={"session_id": session, "k": 5}).json()
    assert recs["products"] and product["id"] not in [p["id"] for p in recs["products"]]
    assert http.delete(f"/v1/cart/{session}/items/{product['id']}").json()["items"] == []
    expect_error(http.post(f"/v1/cart/{session}/checkout"), 409, "empty_cart")
    expect_error(http.get("/v1/cart/short"), 400, "invalid_session")


def test_store_info_and_photo_search_answer_honestly(http: httpx.Client) -> None:
    assert "store credit" in http.get("/v1/store-info", params={"q": "can I return sale items?"}).json()["answer"]
    expect_error(
        http.post("/v1/search/image", files={"file": ("x.txt", b"not an image", "text/plain")}), 400, "not_an_image"
    )  # photo search itself: tests/test_images.py


def test_merchant_endpoints_need_the_api_key(http: httpx.Client) -> None:
    expect_error(http.get("/v1/merchant/pricing/15970"), 401, "unauthorized")
    expect_error(http.get("/v1/merchant/pricing/15970", headers={"X-API-Key": "wrong"}), 401, "unauthorized")
    ok = http.get("/v1/merchant/pricing/15970", headers={"X-API-Key": "test-admin-key"})
    assert ok.status_code == 200 and ok.json()["fit"]["article_type"] == "Shirts"


def test_rate_limit_and_cors(subset_index, search) -> None:
    settings = subset_index.model_copy(update={"rate_limit": "3/minute", "cors_origins": ["https://shop.example"]})
    with LiveServer(create_app(settings, search=search)) as server, httpx.Client(base_url=server.url) as client:
        codes = [client.get("/v1/store-info", params={"q": "returns"}).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        expect_error(client.get("/v1/store-info", params={"q": "returns"}), 429, "rate_limited")
        assert client.get("/healthz").status_code == 200  # health checks are never rate limited
        preflight = client.options(
            "/v1/search", headers={"Origin": "https://shop.example", "Access-Control-Request-Method": "POST"}
        )
        assert preflight.headers.get("access-control-allow-origin") == "https://shop.example"
        evil = client.options(
            "/v1/search", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
        )
        assert "access-control-allow-origin" not in evil.headers


def test_sse_done_event_carries_the_contract_body(http: httpx.Client) -> None:
    with http.stream(
        "POST", "/v1/chat", json={"message": "watch for women"}, headers={"Accept": "text/event-stream"}
    ) as response:
        lines = list(response.iter_lines())
    done_index = lines.index("event: done")
    done = json.loads(lines[done_index + 1].removeprefix("data:").strip())
    assert {"session_id", "answer", "products", "outfits", "citations", "planner", "timings_ms"} <= set(done)

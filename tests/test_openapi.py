"""The OpenAPI document is the API's: schemathesis generates requests for every operation
from it (valid and invalid ones) against the real app over HTTP and checks that no answer is
a server error and that every answer's status, content type and body are the documented
ones (errors included: ``{"error": {...}}``, never FastAPI's ``{"detail": ...}``). Plus the
document's own promises: tags, the merchant key as a security scheme (with the behaviour it
describes: 403 while disabled, 401 for a bad key), request examples."""

from __future__ import annotations

import itertools

import httpx
import jsonschema
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import checks

from config import Settings
from server import create_app
from server.middleware import HEALTH_PATHS
from server.openapi import TAGS

ADMIN_KEY = "test-admin-key"  # the live_server fixture's (tests/conftest.py)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
# Per operation and phase; the whole run stays well under a minute on 2 cores.
MAX_EXAMPLES = 6
PRODUCT = "15970"  # a shirt in the test catalog subset
_turn = itertools.count()


# The document as the app builds it (no services needed); test_the_served_document_is_this_one
# checks that the live server serves exactly this.
DOCUMENT = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(
    DOCUMENT,
    config=schemathesis.Config.from_dict(
        {
            "seed": 20,  # the same requests on every run (a failure reproduces)
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
            "phases": {"stateful": {"enabled": False}},
            "auth": {"openapi": {"MerchantApiKey": {"api_key": ADMIN_KEY}}},
        }
    ),
)


@pytest.fixture(scope="module")
def real_ids(live_server) -> dict[str, str]:
    """An issued session with a product in its cart, and that product."""
    session_id = httpx.post(f"{live_server.url}/v1/sessions", timeout=30).json()["session_id"]
    product = httpx.get(f"{live_server.url}/v1/products/{PRODUCT}", timeout=30).json()
    added = httpx.post(
        f"{live_server.url}/v1/cart/{session_id}/items",
        timeout=30,
        json={"product_id": PRODUCT, "size": product["sizes_in_stock"][0]},
    )
    assert added.status_code == 200, added.text
    return {"session_id": session_id, "product_id": PRODUCT}


def _sometimes_real(case: schemathesis.Case, real: dict[str, str]) -> None:
    """Every other case names a real session and product: random ids only ever reach the
    4xx answers, and the 200 ones (a cart, an order summary, a price) must be checked too."""
    if next(_turn) % 2:
        return
    for values in (case.path_parameters, case.query, case.body):
        if isinstance(values, dict):
            values.update({name: value for name, value in real.items() if name in values})


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_the_documented_one(case: schemathesis.Case, live_server, real_ids) -> None:
    _sometimes_real(case, real_ids)
    case.call_and_validate(base_url=live_server.url, checks=CHECKS, timeout=60)


@pytest.fixture(scope="module")
def document(live_server) -> dict:
    return httpx.get(f"{live_server.url}/openapi.json", timeout=30).json()


def test_the_served_document_is_this_one(document: dict) -> None:
    assert document == DOCUMENT


def _operations(document: dict) -> list[tuple[str, str, dict]]:
    return [(method.upper(), path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_errors_are_documented_as_sent(document: dict, live_server) -> None:
    text = str(document)
    assert "HTTPValidationError" not in text and "'detail'" not in text
    error_ref = "#/components/schemas/ErrorResponse"
    for method, path, op in _operations(document):
        errors = {status: r for status, r in op["responses"].items() if int(status) >= 400}
        assert ("429" in errors) == (path not in HEALTH_PATHS), (method, path)  # the rate limit's routes
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == {"$ref": error_ref}, (method, path, status)
    # real errors validate against the documented schema, under a status their route documents
    error_schema = {"$ref": error_ref, "components": document["components"]}
    for method, path, response in (
        ("post", "/v1/search", httpx.post(f"{live_server.url}/v1/search", json={"query": "shirt", "k": 0})),
        ("post", "/v1/search", httpx.post(f"{live_server.url}/v1/search", json={"query": "  "})),
        ("get", "/v1/products/{product_id}", httpx.get(f"{live_server.url}/v1/products/99999999")),
    ):
        assert str(response.status_code) in document["paths"][path][method]["responses"]
        jsonschema.validate(response.json(), error_schema)
        assert response.status_code in (400, 404, 422)


def test_tags_security_and_examples(document: dict) -> None:
    known = {tag["name"] for tag in TAGS}
    assert {tag["name"] for tag in document["tags"]} == known
    for method, path, op in _operations(document):
        assert len(op["tags"]) == 1 and op["tags"][0] in known, (method, path)
    tag_of = {(m, p): op["tags"][0] for m, p, op in _operations(document)}
    assert tag_of[("POST", "/v1/search")] == "search" and tag_of[("GET", "/healthz")] == "health"
    assert tag_of[("POST", "/v1/cart/{session_id}/items")] == "cart"
    scheme = document["components"]["securitySchemes"]["MerchantApiKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-API-Key")
    secured = {(m, p) for m, p, op in _operations(document) if op.get("security")}
    assert secured == {(m, p) for m, p, op in _operations(document) if op["tags"] == ["merchant"]} and secured
    schemas = document["components"]["schemas"]
    for body in ("SearchBody", "ChatBody", "CartItemBody", "OutfitBody", "CompletionBody"):
        assert schemas[body]["examples"], body
    # routes that build plain dicts document their real fields
    health = document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert health == {"$ref": "#/components/schemas/Health"}
    chat = document["paths"]["/v1/chat"]["post"]["responses"]["200"]["content"]
    assert set(chat) == {"application/json", "text/event-stream"}


def test_merchant_key_keeps_its_behaviour(subset_index, search, live_server) -> None:
    # configured (the live server): a missing or wrong key is 401, the right one 200
    url = f"{live_server.url}/v1/merchant/forecast/15970"
    assert httpx.get(url, timeout=30).json()["error"]["code"] == "unauthorized"
    assert httpx.get(url, headers={"X-API-Key": "nope"}, timeout=30).status_code == 401
    assert httpx.get(url, headers={"X-API-Key": ADMIN_KEY}, timeout=60).status_code == 200
    # not configured: 403 whatever the key
    with TestClient(create_app(subset_index.model_copy(update={"admin_api_key": None}), search=search)) as client:
        for headers in ({}, {"X-API-Key": ADMIN_KEY}):
            response = client.get("/v1/merchant/forecast/15970", headers=headers)
            assert response.status_code == 403 and response.json()["error"]["code"] == "merchant_api_disabled"

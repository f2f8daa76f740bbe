"""The one error model: each code's status (the wire contract), one server handler that
answers every ``AtelierError`` at its code's status, and one CLI handler with the exit codes."""

from __future__ import annotations

import json

import pytest
import typer
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from agent import MessageError
from catalog import CatalogError
from catalog.state_database import StateUnavailable
from cli.errors import reports_errors
from config import AtelierError, ErrorCode
from retrieval import QueryError
from retrieval.stores import StoreError
from retrieval.vision import ImageError
from server.errors import ApiError, install_error_handlers
from server.middleware import LimitExceeded
from tools import ToolError

STATUSES = {
    404: {"unknown_product", "not_in_cart", "unknown_session", "unknown_order", "no_image", "not_found"},
    409: {"out_of_stock", "empty_cart", "cart_changed", "order_cancelled", "cancel_window_passed"},
    503: {"store_unavailable", "state_unavailable", "overloaded", "model_unavailable", "not_ready"},
    413: {"image_too_large", "payload_too_large"},
    429: {"rate_limited"},
    401: {"unauthorized", "invalid_customer_token"},
    403: {"merchant_api_disabled"},
    405: {"method_not_allowed"},
    422: {"invalid_request"},
    500: {"internal_error", "catalog_unreadable", "llm_artifact"},
}


def test_each_code_keeps_its_wire_value_and_status() -> None:
    for code in ErrorCode:
        expected = next((status for status, codes in STATUSES.items() if code.value in codes), 400)
        assert code.status == expected, code
        assert str(code) == code.value and json.dumps(code) == f'"{code.value}"'


@pytest.mark.parametrize(
    "error",
    [
        QueryError(ErrorCode.empty_query, "q"),
        ImageError(ErrorCode.corrupt_image, "i"),
        MessageError(ErrorCode.empty_message, "m"),
        ToolError(ErrorCode.out_of_stock, "t"),
        ApiError(ErrorCode.unauthorized, "a"),
        StoreError("s"),
        StateUnavailable("db"),
        CatalogError("c"),
        LimitExceeded(ErrorCode.overloaded, "l", 1, "test"),
    ],
)
def test_every_error_type_is_an_atelier_error(error: AtelierError) -> None:
    assert isinstance(error, AtelierError) and isinstance(error.code, ErrorCode) and error.message == str(error)


def _app(error: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/v1/thing")
    @app.get("/v1/models")
    def fail() -> None:
        raise error

    return TestClient(app, raise_server_exceptions=False)


def test_one_handler_answers_each_error_at_its_codes_status() -> None:
    answer = _app(ToolError(ErrorCode.size_required, "Which size?", {"sizes": ["M"]})).get("/v1/thing")
    assert answer.status_code == 400
    assert answer.json() == {"error": {"code": "size_required", "message": "Which size?", "details": {"sizes": ["M"]}}}
    assert _app(ToolError(ErrorCode.cart_changed, "changed")).get("/v1/thing").status_code == 409
    store = _app(StoreError("run `atelier ingest` first")).get("/v1/thing")
    assert store.status_code == 503 and store.json()["error"]["message"] == "run `atelier ingest` first"


def test_messages_not_shown_to_shoppers_are_replaced() -> None:
    answer = _app(StateUnavailable("cannot reach PostgreSQL at db.internal:5432")).get("/v1/thing")
    assert answer.status_code == 503 and "db.internal" not in answer.text
    assert answer.json()["error"] == {
        "code": "state_unavailable",
        "message": ErrorCode.state_unavailable.public_message,
    }
    crash = _app(RuntimeError("secret")).get("/v1/thing")
    assert crash.status_code == 500 and crash.json()["error"]["code"] == "internal_error" and "secret" not in crash.text


def test_limits_carry_retry_after_and_openai_routes_their_type() -> None:
    limited = _app(LimitExceeded(ErrorCode.rate_limited, "slow down", 7, "test")).get("/v1/models")
    assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
    assert limited.json()["error"] == {
        "code": "rate_limited",
        "message": "slow down",
        "type": "rate_limit_error",
        "param": None,
    }


@pytest.mark.parametrize(
    ("error", "exit_code"),
    [
        (QueryError(ErrorCode.empty_query, "Type something."), 2),
        (ToolError(ErrorCode.unknown_session, "No such session."), 2),
        (ToolError(ErrorCode.unknown_product, "No such product."), 1),
        (StoreError("run `atelier ingest` first"), 1),
    ],
)
def test_one_cli_handler_prints_the_error_and_exits(error: AtelierError, exit_code: int) -> None:
    app = typer.Typer()

    @app.command()
    @reports_errors
    def command(as_json: bool = typer.Option(False, "--json")) -> None:
        raise error

    result = CliRunner().invoke(app, ["--json"])
    assert result.exit_code == exit_code
    assert json.loads(result.stderr) == {"error": {"code": error.code.value, "message": error.message}}

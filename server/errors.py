"""Every error leaves the API as ``{"error": {"code", "message"}}`` (CONTRACT.md) with a
4xx status for bad input; unexpected failures are a 500 with no stack trace. On the
OpenAI-compatible routes the same object also carries OpenAI's ``type`` and ``param``, so
OpenAI clients raise their own typed errors."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent import MessageError
from catalog.database import StateUnavailable
from retrieval import QueryError
from retrieval.stores import StoreError
from tools import ToolError

log = logging.getLogger("atelier.server")

_TOOL_STATUS = {"unknown_product": 404, "not_in_cart": 404, "unknown_session": 404, "unknown_order": 404,
                "out_of_stock": 409, "empty_cart": 409, "cart_changed": 409, "order_cancelled": 409,
                "cancel_window_passed": 409}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


OPENAI_ROUTES = ("/v1/chat/completions", "/v1/models")


def error_body(code: str, message: str, **extra: object) -> dict:
    return {"error": {"code": code, "message": message, **extra}}


def openai_error_type(status: int) -> str:
    """OpenAI's error ``type`` for a status (its clients map these to exception classes)."""
    return {401: "authentication_error", 403: "permission_error", 404: "not_found_error",
            429: "rate_limit_error"}.get(status, "invalid_request_error" if status < 500 else "server_error")


def install_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, code: str, message: str, **extra: object) -> JSONResponse:
        if request.url.path.startswith(OPENAI_ROUTES):
            extra = {"type": openai_error_type(status), "param": None, **extra}
        return JSONResponse(error_body(code, message, **extra), status_code=status)

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return respond(request, exc.status, exc.code, exc.message)

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> JSONResponse:
        return respond(request, 400, exc.code, exc.message)

    @app.exception_handler(MessageError)
    async def _message(request: Request, exc: MessageError) -> JSONResponse:
        return respond(request, 400, exc.code, exc.message)

    @app.exception_handler(ToolError)
    async def _tool(request: Request, exc: ToolError) -> JSONResponse:
        return respond(request, _TOOL_STATUS.get(exc.code, 400), exc.code, exc.message, **({"details": exc.details}
                                                                                  if exc.details else {}))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return respond(request, 503, "store_unavailable", str(exc))

    @app.exception_handler(StateUnavailable)
    async def _state(request: Request, exc: StateUnavailable) -> JSONResponse:
        log.warning("state database unavailable: %s", exc.__cause__)
        return respond(request, 503, "state_unavailable", "Carts and conversations are briefly unavailable; "
                                                 "please try again in a moment.")

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", []) if p != "body")
        return respond(request, 422, "invalid_request", f"{where}: {first.get('msg')}" if where else str(first.get("msg")))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(exc.status_code, "http_error")
        return respond(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error", "Something went wrong on our side; please try again.")

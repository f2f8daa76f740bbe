"""Every error leaves the API as ``{"error": {"code", "message"}}`` (CONTRACT.md) with a
4xx status for bad input; unexpected failures are a 500 with no stack trace."""

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

_TOOL_STATUS = {"unknown_product": 404, "not_in_cart": 404, "out_of_stock": 409, "empty_cart": 409}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str, **extra: object) -> dict:
    return {"error": {"code": code, "message": message, **extra}}


def install_error_handlers(app: FastAPI) -> None:
    def respond(status: int, code: str, message: str, **extra: object) -> JSONResponse:
        return JSONResponse(error_body(code, message, **extra), status_code=status)

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return respond(exc.status, exc.code, exc.message)

    @app.exception_handler(QueryError)
    async def _query(_: Request, exc: QueryError) -> JSONResponse:
        return respond(400, exc.code, exc.message)

    @app.exception_handler(MessageError)
    async def _message(_: Request, exc: MessageError) -> JSONResponse:
        return respond(400, exc.code, exc.message)

    @app.exception_handler(ToolError)
    async def _tool(_: Request, exc: ToolError) -> JSONResponse:
        return respond(_TOOL_STATUS.get(exc.code, 400), exc.code, exc.message, **({"details": exc.details}
                                                                                  if exc.details else {}))

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        return respond(503, "store_unavailable", str(exc))

    @app.exception_handler(StateUnavailable)
    async def _state(_: Request, exc: StateUnavailable) -> JSONResponse:
        log.warning("state database unavailable: %s", exc.__cause__)
        return respond(503, "state_unavailable", "Carts and conversations are briefly unavailable; "
                                                 "please try again in a moment.")

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", []) if p != "body")
        return respond(422, "invalid_request", f"{where}: {first.get('msg')}" if where else str(first.get("msg")))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(exc.status_code, "http_error")
        return respond(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(500, "internal_error", "Something went wrong on our side; please try again.")

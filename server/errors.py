"""Every error leaves the API as ``{"error": {"code", "message"}}`` (CONTRACT.md) with a
4xx status for bad input; unexpected failures are a 500 with no stack trace. Every
deliberate error is an ``AtelierError`` whose ``ErrorCode`` gives the status, so one handler
answers them all. On the OpenAI-compatible routes the same object also carries OpenAI's
``type`` and ``param``, so OpenAI clients raise their own typed errors."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from config import AtelierError, ErrorCode

log = logging.getLogger("atelier.server")


class ApiError(AtelierError):
    """An error only the HTTP layer knows about (a missing API key, a malformed session id)."""


OPENAI_ROUTES = ("/v1/chat/completions", "/v1/models")
_HTTP_CODES = {404: ErrorCode.not_found, 405: ErrorCode.method_not_allowed, 413: ErrorCode.payload_too_large}


def error_body(code: str, message: str, **extra: object) -> dict:
    """The contract's error object; ``extra`` adds ``details`` or OpenAI's ``type``/``param``."""
    return {"error": {"code": str(code), "message": message, **extra}}


def openai_error_type(status: int) -> str:
    """OpenAI's error ``type`` for a status (its clients map these to exception classes)."""
    return {401: "authentication_error", 403: "permission_error", 404: "not_found_error", 429: "rate_limit_error"}.get(
        status, "invalid_request_error" if status < 500 else "server_error"
    )


def respond(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    """An error answer; on the OpenAI-compatible routes with OpenAI's ``type`` and ``param``."""
    if request.url.path.startswith(OPENAI_ROUTES):
        extra = {"type": openai_error_type(status), "param": None, **extra}
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def answer_error(request: Request, exc: AtelierError) -> JSONResponse:
    """Any ``AtelierError`` at its code's status. A code whose message is not ``shown``
    (it names hosts and internals) answers the code's public sentence; the real one is logged."""
    code = exc.code
    if not code.shown:
        log.warning(
            "%s on %s %s: %s (cause: %s)", code.value, request.method, request.url.path, exc.message, exc.__cause__
        )
    message = exc.message if code.shown else code.public_message
    return respond(
        request, code.status, code, message, exc.headers or None, **({"details": exc.details} if exc.details else {})
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AtelierError)
    async def _atelier(request: Request, exc: AtelierError) -> JSONResponse:
        return answer_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", []) if p != "body")
        message = f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
        return respond(request, ErrorCode.invalid_request.status, ErrorCode.invalid_request, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, ErrorCode.http_error)
        return respond(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        code = ErrorCode.internal_error
        return respond(request, code.status, code, code.public_message)

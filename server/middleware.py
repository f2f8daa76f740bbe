"""ASGI middleware: request ids + structured access logs + Prometheus metrics, a
request-body size limit that also holds for chunked bodies without Content-Length, and
the load limits (per-client rates that fail open, expensive requests in flight) that keep
a flood, a slow or dead rate-limit store, or one greedy client from taking the service
down with them."""

from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import anyio
import anyio.from_thread
from limits.aio.storage import Storage as AsyncStorage
from prometheus_client import Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config import AtelierError, ErrorCode, Settings
from server.errors import OPENAI_ROUTES, error_body, openai_error_type
from tools.sessions import redacted

log = logging.getLogger("atelier.access")
REQUESTS = Counter("atelier_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "atelier_http_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
)
REJECTED = Counter("atelier_limit_rejections_total", "Requests refused by a load limit", ["limit"])
UNCHECKED = Counter(
    "atelier_rate_limit_unchecked_total",
    "Requests let through without a rate-limit check because the limit's store failed or was slow (fail open)",
    ["reason"],
)
IN_FLIGHT = Gauge(
    "atelier_expensive_in_flight",
    "Chat, completion and photo-search requests being served",
    multiprocess_mode="livesum",  # with `serve --workers N`: the sum over the live workers
)
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
HEALTH_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def _route(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


def _logged_path(scope: Scope) -> str:
    """The path with any session id cut short: a logged id must not be a usable one."""
    session_id = scope.get("path_params", {}).get("session_id")
    return scope["path"].replace(session_id, redacted(session_id)) if session_id else scope["path"]


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(elapsed)
            log.info(
                json.dumps(
                    {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": _logged_path(scope),
                        "route": route,
                        "status": status,
                        "ms": round(elapsed * 1e3, 2),
                        "pid": os.getpid(),  # which worker of `atelier serve --workers N`
                    }
                )
            )


def request_id_of(scope: Scope) -> str:
    """The client's ``X-Request-ID`` when it is a plain token (1-64 letters, digits, ``._:-``),
    else a new one: the header is any bytes a client sends (not UTF-8, 8 KB long), and the id
    goes into every log line and back out as a response header."""
    sent = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")  # never fails; checked below
    return sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex[:16]


class BodyLimitMiddleware:
    """413 for bodies over the limit (uploads get ``image_limit``), counted as they arrive."""

    def __init__(self, app: ASGIApp, limit: int, image_limit: int) -> None:
        self.app, self.limit, self.image_limit = app, limit, image_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.image_limit if scope["path"].startswith("/v1/search/image") else self.limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send, limit)
        seen, started, refused = 0, False, False

        async def counted() -> Message:
            # Past the limit the 413 is sent from here, at once: the app is still reading the
            # body, and FastAPI would turn the error below into a 400 "error parsing the body".
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                refused = True
                if not started:
                    await _too_large(send, limit)
                raise _TooLarge()
            return message

        async def answer(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the app's own answer to the aborted read: the 413 went out already
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, answer)
        except Exception:
            if not refused:
                raise


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    code = ErrorCode.payload_too_large
    body = json.dumps(error_body(code, f"The request body is over the {limit} byte limit.")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": code.status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class LimitExceeded(AtelierError):
    """A load limit reached inside a route (the photo decode pool, the photo rate of a chat
    message): answered like every ``AtelierError``, with ``Retry-After``, and counted as a
    refusal of that limit when raised."""

    def __init__(self, code: ErrorCode, message: str, retry_after: int, limit: str) -> None:
        super().__init__(code, message)
        self.retry_after, self.limit = retry_after, limit
        self.headers = {"Retry-After": str(retry_after)}
        REJECTED.labels(limit).inc()


def expensive_kind(scope: Scope) -> str | None:
    """``chat`` or ``photo`` for the requests that cost real CPU and memory, else None."""
    if scope.get("method") != "POST":
        return None
    path = scope["path"]
    if path in ("/v1/chat", "/v1/chat/completions"):
        return "chat"
    return "photo" if path == "/v1/search/image" else None


@contextmanager
def slot_or_503(
    slots: threading.BoundedSemaphore, wait_s: float, message: str, retry_after: int, limit: str
) -> Iterator[None]:
    """Hold one of ``slots`` for the block; 503 ``overloaded`` (``LimitExceeded``, counted as
    ``limit``) when none frees up within ``wait_s``. Runs in a worker thread: the wait blocks."""
    if not slots.acquire(timeout=wait_s):
        raise LimitExceeded(ErrorCode.overloaded, message, retry_after, limit)
    try:
        yield
    finally:
        slots.release()


async def _reject(scope: Scope, send: Send, code: ErrorCode, message: str, retry_after: int, limit: str) -> None:
    """A refusal in the contract's error shape (OpenAI's ``type`` too on its routes), with Retry-After."""
    REJECTED.labels(limit).inc()
    status = code.status
    extra = {"type": openai_error_type(status), "param": None} if scope["path"].startswith(OPENAI_ROUTES) else {}
    body = json.dumps(error_body(code, message, **extra)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(retry_after).encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_PhotoCharge = Callable[[], Coroutine[object, object, None]]
_PHOTO_CHARGE: ContextVar[_PhotoCharge | None] = ContextVar("atelier_photo_charge", default=None)


def charge_photo() -> None:
    """Counts a photo in a chat message against its client's photo limit (``LimitExceeded``
    past it). Called from the route's worker thread before the photo is decoded: only the
    parsed body says whether a chat turn carries one. A no-op outside such a request."""
    charge = _PHOTO_CHARGE.get()
    if charge is None:
        return
    try:
        anyio.from_thread.run(charge)
    except RuntimeError as exc:  # not in a route's worker thread: counting is not worth a 500
        log.warning(json.dumps({"event": "photo_not_counted", "error": str(exc)[:200]}))


def _async_storage(uri: str, timeout: float) -> AsyncStorage:
    """``limits``' asyncio storage for a storage URI (``redis://...`` -> ``async+redis://...``,
    through redis-py's asyncio client), with socket timeouts no longer than ``timeout``."""
    from limits.storage import storage_from_string

    scheme = uri.split("://", 1)[0]
    if not scheme.startswith("async+"):
        uri, scheme = f"async+{uri}", f"async+{scheme}"
    options: dict = {}
    if "redis" in scheme or "valkey" in scheme:
        options = {
            "implementation": "redispy" if "redis" in scheme else "valkey",
            "wrap_exceptions": True,
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
        }
    storage = storage_from_string(uri, **options)
    assert isinstance(storage, AsyncStorage), storage  # an async+ scheme gives the asyncio implementation
    return storage


class RateLimitMiddleware:
    """Per-client request limits (moving window, the ``limits`` library), answered with 429
    and Retry-After in the contract's error shape: ``rate_limit`` on every route but the
    health checks, and on top of it ``chat_rate_limit`` for chat turns and
    ``photo_rate_limit`` for photos (photo search, and chat messages with an image, counted
    by ``charge_photo``). Keyed by client address. The store (``rate_limit_storage``:
    ``memory://`` per process, ``redis://host:6379`` shared by workers) is used through
    ``limits.aio``, so a slow store never blocks the event loop; when it fails or takes
    longer than ``rate_limit_timeout_s`` the request goes through unchecked (fail open),
    logged and counted in ``atelier_rate_limit_unchecked_total``, and the store is left
    alone for a few seconds: a limiter outage must not become a service outage."""

    COOLDOWN_S = 5.0  # after a store failure: requests go through unchecked without waiting on it
    LOG_EVERY_S = 30.0

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        from limits import parse
        from limits.aio.strategies import MovingWindowRateLimiter

        self.app = app
        self.limiter = MovingWindowRateLimiter(
            _async_storage(settings.rate_limit_storage, settings.rate_limit_timeout_s)
        )
        self.items = {
            "all": parse(settings.rate_limit),
            "chat": parse(settings.chat_rate_limit),
            "photo": parse(settings.photo_rate_limit),
        }
        self.rates = {"all": settings.rate_limit, "chat": settings.chat_rate_limit, "photo": settings.photo_rate_limit}
        self.timeout = settings.rate_limit_timeout_s
        self._skip_until = self._logged_at = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in HEALTH_PATHS:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        kind = expensive_kind(scope)
        for name in ("all", kind) if kind else ("all",):
            retry_after = await self._over(name, client)
            if retry_after is not None:
                return await _reject(
                    scope, send, ErrorCode.rate_limited, self._message(name), retry_after, f"rate_{name}"
                )
        token = _PHOTO_CHARGE.set(lambda: self._charge_photo(client)) if kind == "chat" else None
        try:
            await self.app(scope, receive, send)
        finally:
            if token is not None:
                _PHOTO_CHARGE.reset(token)

    def _message(self, name: str) -> str:
        what = {"all": "requests", "chat": "chat turns", "photo": "photos"}[name]
        return f"Too many {what}: the limit is {self.rates[name]} per client."

    async def _charge_photo(self, client: str) -> None:
        retry_after = await self._over("photo", client)
        if retry_after is not None:
            raise LimitExceeded(ErrorCode.rate_limited, self._message("photo"), retry_after, "rate_photo")

    async def _over(self, name: str, client: str) -> int | None:
        """Seconds to wait when ``client`` is over limit ``name``; None to go on (also when
        the store cannot say)."""
        if time.monotonic() < self._skip_until:
            UNCHECKED.labels("cooldown").inc()
            return None
        item = self.items[name]
        try:
            with anyio.fail_after(self.timeout):
                if await self.limiter.hit(item, name, client):
                    return None
                stats = await self.limiter.get_window_stats(item, name, client)
        except Exception as exc:  # noqa: BLE001 - any store failure (down, slow, broken) fails open
            self._store_failed(exc)
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))

    def _store_failed(self, exc: Exception) -> None:
        cause = getattr(exc, "storage_error", None) or exc  # limits wraps the client's own error
        reason = "timeout" if isinstance(cause, TimeoutError) else type(cause).__name__
        UNCHECKED.labels(reason).inc()
        now = time.monotonic()
        self._skip_until = now + self.COOLDOWN_S
        if now - self._logged_at >= self.LOG_EVERY_S:
            self._logged_at = now
            log.warning(
                json.dumps(
                    {
                        "event": "rate_limit_store_failed",
                        "reason": reason,
                        "error": str(cause)[:200] or f"no answer within {self.timeout} s",
                        "fail_open_s": self.COOLDOWN_S,
                    }
                )
            )


class ConcurrencyLimitMiddleware:
    """At most ``max_expensive_in_flight`` chat, completion and photo-search requests served
    at once (per process); past that a 503 ``overloaded`` with Retry-After, at once. Shedding
    costs microseconds, while queueing would let every answer's latency (and the health
    checks', which share the thread pool) collapse under a flood."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.limit, self.retry_after = app, settings.max_expensive_in_flight, settings.overload_retry_after_s
        self._slots: anyio.CapacityLimiter | None = None  # made on the event loop, on first use

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or expensive_kind(scope) is None:
            return await self.app(scope, receive, send)
        if self._slots is None:
            self._slots = anyio.CapacityLimiter(self.limit)
        borrower = object()
        try:
            self._slots.acquire_on_behalf_of_nowait(borrower)
        except anyio.WouldBlock:
            return await _reject(
                scope,
                send,
                ErrorCode.overloaded,
                "The assistant is busy with other shoppers right now; please try again in a moment.",
                self.retry_after,
                "in_flight",
            )
        IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            IN_FLIGHT.dec()
            self._slots.release_on_behalf_of(borrower)

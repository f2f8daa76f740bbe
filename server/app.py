"""The HTTP API (CONTRACT.md) and the web widget, on FastAPI.

One ``AssistantStack`` per process holds the search service, the tools and the
assistant; endpoints are plain ``def`` so blocking work runs in the thread pool."""

from __future__ import annotations

import hmac
import json
import logging
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Form, Header, Query, Request, Security, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from pydantic import BaseModel
from sse_starlette.sse import EventSourceResponse

from agent import AssistantStack, ChatResponse
from agent.transcript import split_conversation, text_of
from catalog import ProductRecord
from config import ErrorCode, Settings
from config.experiments import Serving
from retrieval import ProductSearch, SearchResponse
from server.capabilities import Capabilities, capabilities
from server.errors import ApiError, install_error_handlers
from server.loop_latency import freeze_startup_objects, runs_at_work
from server.mcp_tools import mcp_server
from server.middleware import (
    BodyLimitMiddleware,
    ConcurrencyLimitMiddleware,
    ObservabilityMiddleware,
    RateLimitMiddleware,
)
from server.openapi import MERCHANT_API_KEY, error_responses, event_stream, install_openapi
from server.photos import decode_base64_image, read_upload
from server.responses import ChatCompletion, Health, ModelList, Outfits, Readiness, SessionRecommendations
from server.schemas import (
    CartItemBody,
    ChatBody,
    CheckoutBody,
    CompletionBody,
    EventsBody,
    OutfitBody,
    SearchBody,
    SessionBody,
)
from tools import OutfitRequest
from tools.cart import Cart, Order, OrderReview
from tools.events import EventBatch, EventsAccepted
from tools.pricing import PriceSuggestion
from tools.stock import Forecast
from tools.store_info import StoreAnswer
from tools.toolkit import SessionInfo

OPENAI_MODEL = "atelier"

STATIC = Path(__file__).with_name("static")


def create_app(settings: Settings | None = None, search: ProductSearch | None = None) -> FastAPI:
    """The app; ``search`` lets one process share an already open search service
    (the embedded store admits one opener per process)."""
    settings = settings or Settings()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    mcp = mcp_server(lambda: app.state.services.kit)
    mcp_app = mcp.streamable_http_app(streamable_http_path="/mcp", host=settings.host)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with AssistantStack(settings, search) as stack:
            stack.search.embedder.warm()
            stack.assistant.rules.understanding  # noqa: B018 - built now (lexicon, meanings), not on a first turn
            freeze_startup_objects()
            app.state.services = stack
            async with mcp.session_manager.run():
                yield

    app = FastAPI(
        title="Atelier",
        version="0.1.0",
        lifespan=lifespan,
        description="A conversational shopping assistant for a fashion store. Errors are "
        '`{"error": {"code", "message"}}` with a 4xx status for bad input.',
    )
    app.add_middleware(ConcurrencyLimitMiddleware, settings=settings)  # inside the rate limit: counted first
    app.add_middleware(RateLimitMiddleware, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["content-type", "x-request-id"],
        )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes, image_limit=settings.max_image_bytes)
    app.add_middleware(ObservabilityMiddleware)
    install_error_handlers(app)
    app.mount("/widget", StaticFiles(directory=STATIC), name="widget")
    app.router.routes.extend(mcp_app.routes)  # POST/GET/DELETE /mcp: the MCP streamable HTTP transport
    _routes(app, settings)
    install_openapi(app)
    return app


def metrics_text() -> bytes:
    """This process's metrics; with ``atelier serve --workers N`` (which sets
    ``PROMETHEUS_MULTIPROC_DIR``) those of every worker, whichever worker is asked."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest()


def services(request: Request) -> AssistantStack:
    return request.app.state.services


def _merchant(settings: Settings) -> Callable[[str | None], None]:
    def check(x_api_key: str | None = Security(MERCHANT_API_KEY)) -> None:
        if not settings.admin_api_key:
            raise ApiError(
                ErrorCode.merchant_api_disabled, "Merchant endpoints are disabled: set ATELIER_ADMIN_API_KEY."
            )
        if not x_api_key or not hmac.compare_digest(x_api_key, settings.admin_api_key):
            raise ApiError(ErrorCode.unauthorized, "A valid X-API-Key header is required.")

    return check


def _routes(app: FastAPI, settings: Settings) -> None:  # noqa: C901 - a flat list of small endpoints
    merchant = Depends(_merchant(settings))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo_page() -> HTMLResponse:
        return HTMLResponse((STATIC / "demo.html").read_text(encoding="utf-8"))

    @app.get("/healthz", tags=["health"], response_model=None, responses={200: {"model": Health}})
    def healthz(s: AssistantStack = Depends(services)) -> dict:
        return {"status": "ok", "products": s.search.db.count()}

    @app.get(
        "/readyz", tags=["health"], response_model=None, responses={200: {"model": Readiness}, **error_responses(503)}
    )
    def readyz(s: AssistantStack = Depends(services)) -> dict:
        """For a load balancer: 503 unless the vector store and the state database answer
        (a worker whose Qdrant cluster or PostgreSQL is unreachable takes no traffic)."""
        commerce = s.search.db.commerce
        try:
            indexed = s.search.store.count()
            if commerce is not None:
                commerce.fetchone("SELECT 1")
        except Exception as exc:  # any backend failure means "not ready", never a 500
            raise ApiError(ErrorCode.not_ready, f"A backend is unavailable: {type(exc).__name__}.") from exc
        return {"status": "ready", "indexed": indexed, "state": commerce.dialect if commerce else "sqlite"}

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(metrics_text(), media_type=CONTENT_TYPE_LATEST)

    @app.post(
        "/v1/search",
        response_model=SearchResponse,
        tags=["search"],
        responses=error_responses(400, 404, 413, 422, 503),
    )
    def search(body: SearchBody, s: AssistantStack = Depends(services)) -> Response:
        # serialised once by the model itself, not validated again by FastAPI (hot path)
        if body.session_id:  # re-ranked by what the session clicked and carted; recorded as shown
            session_id = _session_id(body.session_id)
            with s.kit.experiments.serving(session_id, "search") as served:
                found = s.kit.search_for_session(session_id, body.query, body.k, body.filters)
            return _json(found, served)
        return _json(s.search.search(body.query, k=body.k, filters=body.filters))

    @app.post(
        "/v1/search/image",
        response_model=SearchResponse,
        tags=["search"],
        responses=error_responses(400, 413, 422, 503),
    )
    @runs_at_work(settings)
    def search_image(
        file: UploadFile,
        query: str | None = Form(default=None),
        k: int | None = Form(default=None),
        s: AssistantStack = Depends(services),
    ) -> Response:
        """Products that look like the photo; ``query`` adds filters and words ("in black")."""
        photo = read_upload(file.file.read(settings.max_image_bytes + 1), s.search)
        return _json(s.search.search_image(photo, query, k))

    @app.get(
        "/v1/products/{product_id}",
        response_model=ProductRecord,
        tags=["products"],
        responses=error_responses(404, 503),
    )
    def product(product_id: str, s: AssistantStack = Depends(services)) -> ProductRecord:
        return s.kit.get_product(_product_id(product_id))

    @app.get("/v1/products/{product_id}/image", include_in_schema=False)
    def product_image(product_id: str, s: AssistantStack = Depends(services)) -> FileResponse:
        path = s.search.db.image_path(_product_id(product_id))
        if path is None or not Path(path).is_file():
            raise ApiError(ErrorCode.no_image, f"Product {product_id} has no photo.")
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "public, max-age=86400"})

    @app.post(
        "/v1/chat",
        response_model=ChatResponse,
        tags=["chat"],
        responses={
            200: event_stream(
                "The answer; with `stream: true` (or Accept: text/event-stream) "
                "the events `products`, `delta` (text pieces), `done` (the whole "
                "answer).",
                "JSON text: the products, a text piece, the whole answer.",
                ["products", "delta", "done"],
            ),
            **error_responses(400, 404, 413, 422, 503),
        },
    )
    @runs_at_work(settings)
    def chat(body: ChatBody, request: Request, s: AssistantStack = Depends(services)) -> Response:
        photo = read_upload(decode_base64_image(body.image), s.search) if body.image else None
        wants_stream = body.stream or "text/event-stream" in request.headers.get("accept", "")
        session_id = body.session_id  # checked by the assistant (an unknown one: 404, nothing logged)
        if not wants_stream:
            if session_id is None:  # a new session: not yet in any experiment
                return _json(s.assistant.chat(body.message, None, photo))
            with s.kit.experiments.serving(session_id, "chat") as shaped:
                answer = s.assistant.chat(body.message, session_id, photo)
            return _json(answer, shaped)
        served: Serving | None = None
        if session_id:
            served, events = s.kit.experiments.stream(
                session_id, "chat", lambda: s.assistant.stream(body.message, session_id, photo)
            )
        else:
            events = s.assistant.stream(body.message, None, photo)
        first = next(events)  # plan now: bad input fails as a 4xx, not mid-stream

        def sse() -> Iterator[dict[str, str]]:
            for event in (first, *events):
                data = (
                    event.data.model_dump_json() if event.type == "done" else json.dumps(event.data, ensure_ascii=False)
                )
                yield {"event": event.type, "data": data}

        return EventSourceResponse(sse(), headers=_experiment_headers(served))

    @app.get("/v1/models", tags=["openai"], response_model=None, responses={200: {"model": ModelList}})
    def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": OPENAI_MODEL, "object": "model", "created": 0, "owned_by": "atelier"}],
        }

    @app.post(
        "/v1/chat/completions",
        tags=["openai"],
        response_model=None,
        responses={
            200: {
                "model": ChatCompletion,
                **event_stream(
                    "The completion; with `stream: true`, OpenAI's `chat.completion.chunk` events, then `[DONE]`.",
                    "A `chat.completion.chunk` as JSON text, or `[DONE]`.",
                ),
            },
            **error_responses(400, 404, 413, 422, 503),
        },
    )
    @runs_at_work(settings)
    def completions(body: CompletionBody, s: AssistantStack = Depends(services)) -> dict[str, Any] | Response:
        """Stateless, as OpenAI's API is: the conversation is ``messages``. Earlier turns
        are read again (``Assistant.replayed``); ``session_id`` (sent as an extra body field)
        names the cart, and ``user`` names nothing."""
        earlier, text = split_conversation(body.messages)
        if not text:
            raise ApiError(ErrorCode.no_user_message, "The last message must be the shopper's (role user, with text).")
        state = s.assistant.replayed(earlier, body.session_id)
        created, completion_id = int(time.time()), f"chatcmpl-{uuid.uuid4().hex[:24]}"
        prompt_tokens = sum(s.search.embedder.count_tokens(text_of(m.content)) for m in body.messages)
        events = s.assistant.stream(text, state=state)
        first = next(events)  # plan now: bad input fails as a 4xx, not mid-stream

        def usage(answer: str) -> dict:
            completion_tokens = s.search.embedder.count_tokens(answer)
            return {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            }

        if not body.stream:
            done = next(e for e in (first, *events) if e.type == "done").data
            return {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": body.model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "logprobs": None,
                        "message": {"role": "assistant", "content": done.answer, "refusal": None},
                    }
                ],
                "usage": usage(done.answer),
                "atelier": json.loads(done.model_dump_json()),
            }
        with_usage = bool(body.stream_options and body.stream_options.include_usage)

        def chunks() -> Iterator[dict[str, str]]:
            base = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": body.model}
            yield {
                "data": json.dumps(
                    {**base, "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}
                )
            }
            for event in (first, *events):
                if event.type == "delta":
                    yield {
                        "data": json.dumps(
                            {
                                **base,
                                "choices": [{"index": 0, "delta": {"content": event.data}, "finish_reason": None}],
                            },
                            ensure_ascii=False,
                        )
                    }
                elif event.type == "done":
                    yield {
                        "data": json.dumps(
                            {
                                **base,
                                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                                "atelier": json.loads(event.data.model_dump_json()),
                            },
                            ensure_ascii=False,
                        )
                    }
                    if with_usage:  # OpenAI's convention: one last chunk, no choices, the usage
                        yield {"data": json.dumps({**base, "choices": [], "usage": usage(event.data.answer)})}
            yield {"data": "[DONE]"}

        return EventSourceResponse(chunks())

    @app.get(
        "/v1/recommendations",
        tags=["recommendations"],
        response_model=None,
        responses={200: {"model": SessionRecommendations}, **error_responses(400, 404, 422, 503)},
    )
    def recommendations(
        response: Response,
        session_id: str = Query(max_length=64),
        k: int = Query(default=10, ge=1, le=50),
        s: AssistantStack = Depends(services),
    ) -> dict:
        """A new session gets what is popular and trending (by gender once the shopper has
        said it); after a click or cart add (``POST /v1/events``) the very next answer
        follows it. ``method`` says which served; ``interest`` what the session leans to."""
        state = s.assistant.load_state(_session_id(session_id))
        with s.kit.experiments.serving(session_id, "recommendations") as served:
            recs = s.kit.recommend_for_session(session_id, k, seen=state.seen, preferences=state.profile.preferences())
        response.headers.update(_experiment_headers(served))
        return {"session_id": session_id, **recs.model_dump()}

    @app.post(
        "/v1/events",
        response_model=EventsAccepted,
        tags=["events"],
        responses=error_responses(400, 404, 413, 422, 503),
    )
    def events(body: EventsBody, s: AssistantStack = Depends(services)) -> EventsAccepted:
        """What shoppers did: one event (CONTRACT.md's object) or ``{"events": [...]}`` (up to
        100). Every event is checked before any is stored: a bad one refuses the whole
        request (422 `invalid_request` naming it, e.g. `batch.events.3.type`, or 404
        `unknown_session` / `unknown_product` with `details.index`), and nothing is stored.
        Each session keeps its newest `kept_per_session` events (impressions included);
        older ones are dropped, so a long session never fails. Products the server shows a
        session (search with `session_id`, chat, recommendations) are recorded by the server
        itself as impressions; clients send only what the shopper did."""
        return s.kit.record_events(body.events if isinstance(body, EventBatch) else [body])

    @app.post(
        "/v1/outfits",
        tags=["outfits"],
        response_model=None,
        responses={200: {"model": Outfits}, **error_responses(400, 404, 413, 422, 503)},
    )
    def outfits(body: OutfitBody, s: AssistantStack = Depends(services)) -> dict:
        result = s.kit.build_outfit(OutfitRequest(**body.model_dump()))
        return {
            "outfits": [
                {
                    "items": o.items,
                    "total_price": o.total_price,
                    "explanation": o.explanation,
                    "slots": o.slots,
                    "within_budget": o.within_budget,
                    "products": [p.model_dump() for p in o.products],
                }
                for o in result.outfits
            ],
            "message": result.message,
            "gender": result.gender,
            "usage": result.usage,
        }

    @app.get("/v1/cart/{session_id}", response_model=Cart, tags=["cart"], responses=error_responses(400, 404, 503))
    def cart(session_id: str, s: AssistantStack = Depends(services)) -> Cart:
        return s.kit.view_cart(_session_id(session_id))

    @app.post(
        "/v1/cart/{session_id}/items",
        response_model=Cart,
        tags=["cart"],
        responses=error_responses(400, 404, 409, 413, 422, 503),
    )
    def add_item(session_id: str, body: CartItemBody, s: AssistantStack = Depends(services)) -> Cart:
        return s.kit.add_to_cart(_session_id(session_id), _product_id(body.product_id), body.size, body.quantity)

    @app.delete(
        "/v1/cart/{session_id}/items/{product_id}",
        response_model=Cart,
        tags=["cart"],
        responses=error_responses(400, 404, 503),
    )
    def remove_item(
        session_id: str, product_id: str, size: str | None = None, s: AssistantStack = Depends(services)
    ) -> Cart:
        return s.kit.remove_from_cart(_session_id(session_id), _product_id(product_id), size)

    @app.get(
        "/v1/cart/{session_id}/checkout",
        response_model=OrderReview,
        tags=["cart"],
        responses=error_responses(400, 404, 409, 503),
    )
    def review_order(session_id: str, s: AssistantStack = Depends(services)) -> OrderReview:
        """The summary to show before checkout; its ``confirmation`` places exactly that order."""
        return s.kit.review_order(_session_id(session_id))

    @app.post(
        "/v1/cart/{session_id}/checkout",
        response_model=Order,
        tags=["cart"],
        responses=error_responses(400, 404, 409, 413, 422, 503),
    )
    def checkout(
        session_id: str,
        body: CheckoutBody | None = None,
        idempotency_key: str | None = Header(default=None, max_length=255),
        s: AssistantStack = Depends(services),
    ) -> Order:
        """Places the order. ``Idempotency-Key``: a retry with the same key returns the same
        order; ``confirmation`` (from the summary): refused with 409 ``cart_changed`` if the
        cart is no longer what was reviewed."""
        confirmation = body.confirmation if body else None
        return s.kit.checkout(_session_id(session_id), confirmation, idempotency_key)

    @app.post(
        "/v1/sessions",
        response_model=SessionInfo,
        status_code=201,
        tags=["sessions"],
        responses=error_responses(400, 401, 422, 503),
    )
    def start_session(body: SessionBody | None = None, s: AssistantStack = Depends(services)) -> SessionInfo:
        """A new session (a chat without ``session_id`` also starts one): its id keys the
        cart, the conversation and orders, and is the only way to reach them. With the
        store's signed ``customer_token`` the session belongs to that customer: the profile
        the shopper built in earlier sessions (sizes, budget, liked colours) carries over."""
        return s.kit.start_session(body.customer_token if body else None)

    @app.get(
        "/v1/sessions/{session_id}/orders",
        response_model=list[Order],
        tags=["sessions"],
        responses=error_responses(400, 404, 503),
    )
    def orders(session_id: str, s: AssistantStack = Depends(services)) -> list[Order]:
        return s.kit.list_orders(_session_id(session_id))

    @app.get(
        "/v1/sessions/{session_id}/orders/{order_id}",
        response_model=Order,
        tags=["sessions"],
        responses=error_responses(400, 404, 503),
    )
    def order(session_id: str, order_id: str, s: AssistantStack = Depends(services)) -> Order:
        return s.kit.get_order(_session_id(session_id), order_id[:64])

    @app.post(
        "/v1/sessions/{session_id}/orders/{order_id}/cancel",
        response_model=Order,
        tags=["sessions"],
        responses=error_responses(400, 404, 409, 503),
    )
    def cancel_order(session_id: str, order_id: str, s: AssistantStack = Depends(services)) -> Order:
        """Within the cancellation window: the order is cancelled and its units go back in stock."""
        return s.kit.cancel_order(_session_id(session_id), order_id[:64])

    @app.get("/v1/capabilities", response_model=Capabilities, tags=["store"])
    def store_capabilities(s: AssistantStack = Depends(services)) -> Capabilities:
        """What the store sells (facet values as `filters` expects them, the price range, the
        size systems) and which features answer here, so that a client or an LLM composes
        valid queries. The facets are read once per process; the features on every call."""
        return capabilities(s.kit)

    @app.get(
        "/v1/store-info",
        tags=["store"],
        response_model=None,
        responses={200: {"model": StoreAnswer}, **error_responses(400, 422, 503)},
    )
    def store_info(q: str = Query(max_length=500), s: AssistantStack = Depends(services)) -> dict:
        return s.kit.store_info(q).model_dump()

    @app.get(
        "/v1/merchant/pricing/{product_id}",
        dependencies=[merchant],
        tags=["merchant"],
        response_model=None,
        responses={200: {"model": PriceSuggestion}, **error_responses(400, 401, 403, 404, 422, 503)},
    )
    def pricing(
        product_id: str,
        objective: str = "revenue",
        horizon_days: int = Query(default=30, ge=1, le=365),
        s: AssistantStack = Depends(services),
    ) -> dict:
        return s.kit.suggest_price(_product_id(product_id), objective, horizon_days).model_dump()

    @app.get(
        "/v1/merchant/forecast/{product_id}",
        dependencies=[merchant],
        tags=["merchant"],
        response_model=None,
        responses={200: {"model": Forecast}, **error_responses(401, 403, 404, 422, 503)},
    )
    def forecast(
        product_id: str, horizon_days: int = Query(default=14, ge=1, le=90), s: AssistantStack = Depends(services)
    ) -> dict:
        return s.kit.forecast_demand(_product_id(product_id), horizon_days).model_dump()


def _json(model: BaseModel, served: Serving | None = None) -> Response:
    return Response(model.model_dump_json(), media_type="application/json", headers=_experiment_headers(served))


EXPERIMENTS_HEADER = "X-Atelier-Experiments"


def _experiment_headers(served: Serving | None) -> dict[str, str]:
    """``X-Atelier-Experiments: name=variant,...`` for the experiments that shaped this
    response (a client's analytics, and the simulated shoppers, read it)."""
    header = served.header() if served else ""
    return {EXPERIMENTS_HEADER: header} if header else {}


def _product_id(value: str) -> str:
    if not value.isdigit() or len(value) > 12:
        raise ApiError(ErrorCode.unknown_product, f"There is no product with id {value[:40]!r}.")
    return value


def _session_id(value: str) -> str:
    if not 8 <= len(value) <= 64 or not all(c.isalnum() or c in "-_" for c in value):
        raise ApiError(ErrorCode.invalid_session, "Session ids are 8-64 letters, digits, '-' or '_'.")
    return value

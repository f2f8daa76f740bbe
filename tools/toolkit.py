"""The agent's hands: one object whose methods are the plain, typed tool functions. The
tools are declared once in ``tools/registry.py`` (name, argument model, description);
``tools.langchain.langchain_tools(kit)`` derives the LangChain tools from it. The agent, the HTTP API and the
tests all call these same functions."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, Field

from catalog import ProductRecord
from config import ErrorCode, Settings
from retrieval import (
    ProductSearch,
    QueryError,
    SearchFilters,
    SearchResponse,
    SearchResult,
    sync_payloads,
)
from retrieval.stores import open_store
from tools.cart import Cart, CartStore, Order, OrderReview
from tools.errors import ToolError, require_record
from tools.outfit import OutfitBuilder, OutfitRequest, OutfitResult
from tools.pricing import PriceInfo, PriceSuggestion, price_info, suggest_price
from tools.sessions import SessionRegistry
from tools.stock import Availability, Forecast, availability, forecast_demand
from tools.store_info import StoreAnswer, StoreInfo

if TYPE_CHECKING:
    from legacy_rank.serving import CatalogRecommender


CONTENT_BASED = "content-based: nearest to the session's viewed and carted items"


class Recommendations(BaseModel):
    products: list[SearchResult]
    method: str = Field(description="Which recommender served: two-tower (+ ranker) or the content-based fallback.")
    based_on: list[str] = Field(description="The session items used, oldest first (last 10).")


class SessionInfo(BaseModel):
    session_id: str = Field(description="Issued by the server; send it back to continue this session.")


class Toolkit:
    """Tool functions over one set of services (search, SQLite, carts)."""

    def __init__(self, search: ProductSearch, settings: Settings | None = None) -> None:
        self.search = search
        self.settings = settings or search.settings
        # PostgreSQL when the catalog's stock lives there (ATELIER_DATABASE_URL), else the SQLite file
        self.carts = CartStore(
            search.db.commerce or self.settings.sqlite_path,
            catalog=search.db,
            cancel_window_s=self.settings.order_cancel_window_s,
        )
        self.sessions = SessionRegistry(search.db.commerce or self.settings.sqlite_path)
        self.outfits = OutfitBuilder(search)
        self._recommender_lock = threading.Lock()
        self._catalog_recommender: CatalogRecommender | Literal[False] | None = None  # False: none to load
        self.info = StoreInfo(
            open_store(self.settings, f"{self.settings.collection}_store_info"), search.embedder, search.sparse
        )

    def close(self) -> None:
        self.carts.close()
        self.sessions.close()
        self.info.store.close()

    # search
    def search_products(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> SearchResponse:
        try:
            return self.search.search(query, k=k, filters=filters)
        except QueryError as exc:
            raise ToolError(exc.code, exc.message) from exc

    def search_by_photo(self, image_base64: str, query: str | None = None, k: int = 5) -> SearchResponse:
        """Products that look like a photo (base64 or a ``data:`` URL), under the filters
        ``query`` states ("in black")."""
        from retrieval.vision import ImageError, base64_bytes  # torch, on the first photo only

        try:
            image = self.search.read_photo(base64_bytes(image_base64))
        except ImageError as exc:
            raise ToolError(exc.code, exc.message) from exc
        return self.search.search_image(image, query, k=k)

    def get_product(self, product_id: str) -> ProductRecord:
        return require_record(self.search.db, product_id)

    def find_similar(self, product_id: str, k: int = 5) -> list[SearchResult]:
        anchor = self.get_product(product_id)
        filters = SearchFilters(article_type=anchor.article_type, in_stock_only=True)
        return self.search.similar(product_id, filters, k)

    def recommend(self, seed_ids: list[str], exclude_ids: list[str], k: int = 10) -> Recommendations:
        """ "For you" from the session's items in order (views, then cart adds; the most recent
        weigh most): the two-tower + ranker + MMR of ``legacy_rank`` when its model artifact
        exists, else content-based (nearest to the mean vector of the last 10 items). Never
        a seed or an excluded (carted) product, never a sold-out one, one per title."""
        if not 1 <= k <= 50:
            raise ToolError(ErrorCode.invalid_k, "k must be between 1 and 50.")
        recommender = self.recommender()
        if recommender is not None and any(i in recommender.row for i in seed_ids):
            picks = recommender.recommend(self.search.db, seed_ids, k, set(exclude_ids))
            return Recommendations(
                products=[SearchResult(**p.record.model_dump(), score=p.score) for p in picks],
                method=recommender.method,
                based_on=seed_ids[-10:],
            )
        products = self.search.near_products(
            seed_ids[-10:], SearchFilters(in_stock_only=True), k, exclude=set(exclude_ids) | set(seed_ids)
        )
        return Recommendations(products=products, method=CONTENT_BASED, based_on=seed_ids[-10:])

    def recommender(self) -> CatalogRecommender | None:
        """Loaded on first use: the catalog's MiniLM matrix comes from the vector store (cached
        on disk by catalog content), so the first call takes seconds and later ones milliseconds."""
        # torch is imported on the first recommendation, not with the toolkit
        from legacy_rank.serving import CatalogRecommender

        with self._recommender_lock:
            if self._catalog_recommender is None:
                s = self.settings
                self._catalog_recommender = (
                    CatalogRecommender.open(
                        s.rank_models_dir,
                        self.search.db,
                        self._catalog_vectors,
                        s.rank_cache_dir,
                        s.text_model,
                        s.recommend_candidates,
                        s.recommend_mmr_lambda,
                    )
                    or False
                )
            return self._catalog_recommender or None

    def recommendation_method(self) -> str:
        """Which recommender ``recommend`` uses, without loading it (a capabilities answer
        must be cheap): the loaded one's, else what the artifacts on disk will give."""
        from legacy_rank.artifacts import (
            SERVING_RANKER_FILE,
            TWO_TOWER_FILE,
            TWO_TOWER_METHOD,
            TWO_TOWER_RANKER_METHOD,
        )

        loaded = self._catalog_recommender
        if loaded is False:
            return CONTENT_BASED
        if loaded is not None:
            return loaded.method
        models = self.settings.rank_models_dir
        if not (models / TWO_TOWER_FILE).is_file():
            return CONTENT_BASED
        return TWO_TOWER_RANKER_METHOD if (models / SERVING_RANKER_FILE).is_file() else TWO_TOWER_METHOD

    def _catalog_vectors(self, ids: list[str], texts: list[str]) -> np.ndarray:
        """The products' MiniLM vectors as indexed (same text), embedding any the index lacks."""
        indexed = self.search.store.dense_vectors()  # one paginated scroll, not a lookup per product
        vectors = [indexed[int(i)][1] if int(i) in indexed else None for i in ids]
        missing = [n for n, v in enumerate(vectors) if v is None]
        if missing:
            embedded = self.search.embedder.embed_documents([texts[n] for n in missing])
            for n, vector in zip(missing, embedded):
                vectors[n] = vector
        return np.asarray(vectors, dtype=np.float32)

    # pricing and stock
    def price_info(self, product_id: str) -> PriceInfo:
        return price_info(self.search.db, product_id, self.settings.commerce_seed)

    def suggest_price(self, product_id: str, objective: str = "revenue", horizon_days: int = 30) -> PriceSuggestion:
        return suggest_price(self.search.db, product_id, objective, horizon_days, self.settings.commerce_seed)

    def check_stock(self, product_id: str, size: str | None = None) -> Availability:
        return availability(self.search.db, product_id, size, self.settings.commerce_seed)

    def forecast_demand(self, product_id: str, horizon_days: int = 14) -> Forecast:
        return forecast_demand(self.search.db, product_id, horizon_days, self.settings.commerce_seed)

    # sessions, carts and orders: only for a session this server issued
    def start_session(self) -> SessionInfo:
        """A new session: its id keys a cart, a conversation and orders."""
        return SessionInfo(session_id=self.sessions.issue())

    def add_to_cart(self, session_id: str, product_id: str, size: str | None, quantity: int = 1) -> Cart:
        return self.carts.add(self.sessions.require(session_id), product_id, size, quantity)

    def remove_from_cart(self, session_id: str, product_id: str, size: str | None = None) -> Cart:
        return self.carts.remove(self.sessions.require(session_id), product_id, size)

    def view_cart(self, session_id: str) -> Cart:
        return self.carts.view(self.sessions.require(session_id))

    def review_order(self, session_id: str) -> OrderReview:
        """The summary the shopper confirms; its ``confirmation`` code places that order."""
        return self.carts.review(self.sessions.require(session_id))

    def checkout(self, session_id: str, confirmation: str | None = None, idempotency_key: str | None = None) -> Order:
        order = self.carts.checkout(self.sessions.require(session_id), confirmation, idempotency_key)
        sync_payloads(self.search.db, self.search.store, [line.product_id for line in order.lines])
        return order

    def get_order(self, session_id: str, order_id: str) -> Order:
        return self.carts.order(self.sessions.require(session_id), order_id)

    def list_orders(self, session_id: str) -> list[Order]:
        return self.carts.orders(self.sessions.require(session_id))

    def cancel_order(self, session_id: str, order_id: str) -> Order:
        order = self.carts.cancel(self.sessions.require(session_id), order_id)
        sync_payloads(self.search.db, self.search.store, [line.product_id for line in order.lines])
        return order

    # store knowledge
    def store_info(self, question: str) -> StoreAnswer:
        return self.info.ask(question)

    # outfits
    def build_outfit(self, request: OutfitRequest) -> OutfitResult:
        return self.outfits.build(request)


__all__ = ["OutfitRequest", "Recommendations", "SessionInfo", "ToolError", "Toolkit"]

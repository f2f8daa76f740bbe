"""The agent's hands: one object whose methods are the plain, typed tool functions. The
tools are declared once in ``tools/registry.py`` (name, argument model, description);
``tools.langchain.langchain_tools(kit)`` derives the LangChain tools from it. The agent, the HTTP API and the
tests all call these same functions."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, Field

from catalog import ProductRecord
from config import ErrorCode, Settings
from config.experiments import ExperimentPlan, per_request
from retrieval import (
    PriceOrder,
    ProductSearch,
    QueryError,
    SearchFilters,
    SearchResponse,
    SearchResult,
    sync_payloads,
)
from retrieval.stores import open_store
from tools.cart import Cart, CartStore, Order, OrderReview
from tools.customers import CustomerProfiles, customer_of_token
from tools.errors import ToolError, require_record
from tools.events import EventsAccepted, EventSource, EventStore, ShopperEvent
from tools.experiments import Experiments
from tools.interest import RECOMMEND_TYPE_BOOST, Interest, Preferences, rerank, session_interest
from tools.outfit import OutfitBuilder, OutfitRequest, OutfitResult
from tools.popularity import Popularity
from tools.pricing import PriceInfo, PriceSuggestion, price_info, suggest_price
from tools.sessions import SessionRegistry
from tools.stock import Availability, Forecast, availability, forecast_demand
from tools.store_info import StoreAnswer, StoreInfo

if TYPE_CHECKING:
    from legacy_rank.serving import CatalogRecommender


CONTENT_BASED = "content-based: nearest to the session's viewed and carted items"
COLD_START = "popular: trending in the store (orders and shopper events), then the catalog's best rated"


class Recommendations(BaseModel):
    products: list[SearchResult]
    method: str = Field(description="Which recommender served: two-tower (+ ranker) or the content-based fallback.")
    based_on: list[str] = Field(description="The session items used, oldest first (last 10).")
    interest: dict[str, float] = Field(
        default_factory=dict,
        description="The session's interest by article type (share of its decayed event weight, "
        "negative for types it ignored or dismissed), used as a soft boost.",
    )


class SessionInfo(BaseModel):
    session_id: str = Field(description="Issued by the server; send it back to continue this session.")
    identified: bool = Field(
        default=False,
        description="True when started with a valid customer token: the shopper's profile (sizes, budget, "
        "liked colours) carries over from their earlier sessions and into their next.",
    )


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
        self.customers = CustomerProfiles(search.db.commerce or self.settings.sqlite_path)
        self.events = EventStore(search.db.commerce or self.settings.sqlite_path, self.settings.events_per_session)
        self.popularity = Popularity(self.carts.db, search.db, self.settings.trending_window_s)
        self.experiments = Experiments(
            ExperimentPlan.from_settings(self.settings), search.db.commerce or self.settings.sqlite_path
        )
        self.outfits = OutfitBuilder(search)
        self._recommender_lock = threading.Lock()
        self._catalog_recommender: CatalogRecommender | Literal[False] | None = None  # False: none to load
        self.info = StoreInfo(
            open_store(self.settings, f"{self.settings.collection}_store_info"), search.embedder, search.sparse
        )

    def close(self) -> None:
        self.carts.close()
        self.sessions.close()
        self.customers.close()
        self.events.close()
        self.experiments.close()
        self.info.store.close()

    # search
    def search_products(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, sort: PriceOrder | None = None
    ) -> SearchResponse:
        try:
            return self.search.search(query, k=k, filters=filters, sort=sort)
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

    def find_similar(
        self,
        product_id: str,
        k: int = 5,
        price_max: float | None = None,
        colours: list[str] | None = None,
        other_colours: bool = False,
        gender: str | None = None,
        size: str | None = None,
        price_min: float | None = None,
        usage: str | None = None,
    ) -> list[SearchResult]:
        """In-stock products of the same type nearest to ``product_id`` ("anything similar
        under 5k": at or under ``price_max``; "more like the 3rd" of sarees 4-5k: within
        ``price_min`` too, and of the searched ``usage``). With ``colours`` or ``other_colours``, the
        same thing in another colour: each colour is a product of its own in the catalog,
        so these are the nearest ones of the same type and gender in those colours. With
        ``gender``, the nearest ones for that gender ("something like this for my wife");
        with ``size``, only those in stock in the shopper's size."""
        anchor = self.get_product(product_id)
        recoloured = bool(colours) or other_colours
        filters = SearchFilters(
            article_type=anchor.article_type,
            in_stock_only=True,
            price_max=price_max,
            price_min=price_min,
            usage=usage,
            colour=list(colours) if colours else None,
            exclude_colours=[anchor.colour] if other_colours and anchor.colour and not colours else [],
            gender=gender or (anchor.gender if recoloured else None),
            size=size,
        )
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
            from legacy_rank.artifacts import TWO_TOWER_METHOD

            use_ranker = per_request(self.settings, "recommend_ranker")
            picks = recommender.recommend(
                self.search.db,
                seed_ids,
                k,
                set(exclude_ids),
                mmr_lambda=per_request(self.settings, "recommend_mmr_lambda"),
                candidates=per_request(self.settings, "recommend_candidates"),
                use_ranker=use_ranker,
            )
            return Recommendations(
                products=[SearchResult(**p.record.model_dump(), score=p.score) for p in picks],
                method=recommender.method if use_ranker else TWO_TOWER_METHOD,
                based_on=seed_ids[-10:],
            )
        products = self.search.near_products(
            seed_ids[-10:], SearchFilters(in_stock_only=True), k, exclude=set(exclude_ids) | set(seed_ids)
        )
        return Recommendations(products=products, method=CONTENT_BASED, based_on=seed_ids[-10:])

    def recommend_for_session(
        self,
        session_id: str,
        k: int = 10,
        seen: Sequence[str] = (),
        preferences: Preferences | None = None,
        record: bool = True,
    ) -> Recommendations:
        """ "For you" for one session, as ``GET /v1/recommendations`` serves it: seeded by
        what the session clicked, carted and viewed (its events, strongest last) and its cart,
        else by ``seen`` (what chat showed it), else, for a new session, by what is popular
        and trending (by gender when known); then re-ranked by the session's interest and the
        shopper's ``preferences``. What it returns is recorded as shown (impressions) unless
        ``record`` is off (chat records what its answer shows itself)."""
        if not 1 <= k <= 50:
            raise ToolError(ErrorCode.invalid_k, "k must be between 1 and 50.")
        self.sessions.require(session_id)
        cart = [line.product_id for line in self.carts.view(session_id).items]
        interest = self.interest(session_id)
        seeds = list(dict.fromkeys([p for p in interest.liked() if p not in cart] + cart)) or list(dict.fromkeys(seen))
        want = min(50, max(3 * k, 30))
        candidates: list[tuple[ProductRecord, float]] = []
        method, based_on = COLD_START, seeds[-10:]
        if seeds:
            found = self.recommend(seeds, cart, want)
            candidates = [(r, r.score) for r in found.products]
            method = found.method
        candidates += self._near_liked_types(interest, candidates, set(seeds) | set(cart), k)
        if len(candidates) < k:  # a new session, or too little near its items: fill from the popular
            taken = {r.id for r, _ in candidates} | set(seeds) | set(cart)
            gender = preferences.gender if preferences else None
            popular = [(r, s - 1.0) for r, s in self.popularity.candidates(gender, want) if r.id not in taken]
            candidates += popular
        ranked = rerank(candidates, interest, preferences, RECOMMEND_TYPE_BOOST)[:k]
        products = [_scored(record, score) for record, score in ranked]
        if record:
            self.events.record_impressions(session_id, [p.id for p in products], EventSource.recommendation)
        return Recommendations(products=products, method=method, based_on=based_on, interest=interest.article_types)

    def _near_liked_types(
        self, interest: Interest, candidates: list[tuple[ProductRecord, float]], exclude: set[str], k: int
    ) -> list[tuple[ProductRecord, float]]:
        """More candidates of the types the session leans to (share >= 0.3): nearest to its
        liked products of that type, entered at the pool's lowest relevance so that only the
        interest boost lifts them (the recommender's own pool may hold few of a small type)."""
        taken = exclude | {r.id for r, _ in candidates}
        floor = min((s for _, s in candidates), default=0.0)
        liked = interest.liked()
        records = self.search.db.get_records(liked)
        extra: list[tuple[ProductRecord, float]] = []
        for kind, share in interest.article_types.items():
            anchors = [p for p in liked if p in records and records[p].article_type == kind]
            if share < 0.3 or not anchors:
                continue
            filters = SearchFilters(article_type=kind, in_stock_only=True)
            for result in self.search.near_products(anchors[-10:], filters, k, exclude=taken):
                taken.add(result.id)
                extra.append((result, floor))
        return extra

    def search_for_session(
        self,
        session_id: str,
        query: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        record: bool = True,
    ) -> SearchResponse:
        """A search re-ranked by the session's interest (a soft boost: the shopper's words
        still decide what matches) from a deeper pool, recorded as shown unless ``record``
        is off (chat records what its answer shows itself)."""
        self.sessions.require(session_id)
        k = k or per_request(self.settings, "default_k")
        response = self.search_products(query, k=min(max(3 * k, 20), self.settings.max_k), filters=filters)
        interest = self.interest(session_id)
        results = response.results
        if interest.events:  # what the shopper did; impressions alone do not reorder a search
            results = [_scored(record, score) for record, score in rerank([(r, r.score) for r in results], interest)]
        results = results[:k]
        if record:
            self.events.record_impressions(session_id, [r.id for r in results], EventSource.search)
        return response.model_copy(update={"results": results})

    def record_events(self, events: Sequence[ShopperEvent]) -> EventsAccepted:
        """Store a batch of shopper events: every session must be one this server issued and
        every product must exist, checked before anything is stored (all or nothing)."""
        known: set[str] = set()
        for n, event in enumerate(events):
            if event.session_id not in known and not self.sessions.exists(event.session_id):
                raise ToolError(
                    ErrorCode.unknown_session,
                    f"Event {n}: there is no such session; create one with POST /v1/sessions.",
                    {"index": n},
                )
            known.add(event.session_id)
        records = self.search.db.get_records(list({e.product_id for e in events}))
        for n, event in enumerate(events):
            if event.product_id not in records:
                message = f"Event {n}: there is no product with id {event.product_id!r}."
                raise ToolError(ErrorCode.unknown_product, message, {"index": n})
        return self.events.record(events)

    def record_shown(self, session_id: str, product_ids: Sequence[str], source: EventSource) -> None:
        """Impressions: what the server showed a session, in order."""
        self.events.record_impressions(session_id, product_ids, source)

    def interest(self, session_id: str) -> Interest:
        """The session's interest from its recent events (read on every request: a click
        counts on the very next one)."""
        events = self.events.recent(session_id)
        records = self.search.db.get_records(list({e.product_id for e in events}))
        return session_interest(events, records, time.time(), per_request(self.settings, "interest_half_life_s"))

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
    def start_session(self, customer_token: str | None = None) -> SessionInfo:
        """A new session: its id keys a cart, a conversation and orders. With the store's
        signed ``customer_token`` it is linked to that customer (``tools/customers.py``);
        a bad token is refused before any session is issued."""
        customer = customer_of_token(customer_token, self.settings.customer_token_secret) if customer_token else None
        session_id = self.sessions.issue()
        if customer is not None:
            self.customers.link(session_id, customer)
        return SessionInfo(session_id=session_id, identified=customer is not None)

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
    def store_info(self, question: str, earlier: str | None = None) -> StoreAnswer:
        return self.info.ask(question, earlier=earlier)

    # outfits
    def build_outfit(self, request: OutfitRequest) -> OutfitResult:
        return self.outfits.build(request)


def _scored(record: ProductRecord, score: float) -> SearchResult:
    """``record`` as a result with ``score`` (a search result keeps its other fields)."""
    if isinstance(record, SearchResult):
        return record.model_copy(update={"score": score})
    return SearchResult(**record.model_dump(), score=score)


__all__ = ["OutfitRequest", "Recommendations", "SessionInfo", "ToolError", "Toolkit"]

"""``GET /v1/capabilities``: what the store sells and what the API understands, so that a
client (or an LLM composing calls) sends filter values the catalog has and knows which
features answer here.

The facets are read from the real catalog (SQLite: one grouped scan, a price range and one
stock lookup per kind of product) once per process; the features are looked up on every
call, each a setting or a file check, because an ingest in another process may add photo
vectors while this one serves."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from catalog import CatalogDB
from tools import Toolkit
from tools.toolkit import CONTENT_BASED


class Facet(BaseModel):
    value: str = Field(description="A value as the catalog spells it (and `filters` expects it).")
    products: int = Field(description="Products with this value.")


class PriceRange(BaseModel):
    currency: str = "INR"
    min: float = Field(description="Lowest current price.")
    max: float = Field(description="Highest current price.")


class SizeSystem(BaseModel):
    sizes: list[str] = Field(description="In shelf order; `size` in filters, cart lines and outfits is one of these.")
    categories: list[str] = Field(description="Master categories whose products (some or all) come in these sizes.")
    sub_categories: list[str] = Field(description="The sub-categories that do (some or all of their products).")
    article_types: list[str] = Field(description="The article types that do (all of their products).")
    products: int


class CatalogFacets(BaseModel):
    """The values a search can filter on, with how many products have each, most common first."""

    products: int
    categories: list[Facet] = Field(description="Master categories (`filters.category`).")
    sub_categories: list[Facet] = Field(description="`filters.sub_category`.")
    article_types: list[Facet] = Field(description="`filters.article_type` (one or a list).")
    colours: list[Facet] = Field(description="`filters.colour` (one or a list), `filters.exclude_colours`.")
    genders: list[Facet] = Field(description="`filters.gender`.")
    usages: list[Facet] = Field(description="`filters.usage`.")
    seasons: list[Facet] = Field(description="`filters.season`.")
    price: PriceRange | None = Field(description="`filters.price_min` / `price_max` (null for an empty catalog).")
    size_systems: list[SizeSystem]


class LlmFeature(BaseModel):
    configured: bool = Field(description="An OpenAI-compatible LLM is set (OPENAI_BASE_URL).")
    model: str | None = Field(description="Its model name; null when none is configured.")
    understanding: Literal["fast", "llm", "llm_when_unsure"] = Field(
        description="Who reads a shopper's message: the catalog-trained fast layer, the LLM every turn, or the LLM "
        "only when the fast layer is unsure."
    )


class PhotoSearchFeature(BaseModel):
    available: bool = Field(description="`POST /v1/search/image` and chat messages with an `image` are answered.")
    reason: str | None = Field(default=None, description="Why not, when not.")


class RecommendationsFeature(BaseModel):
    method: str = Field(
        description="What serves `GET /v1/recommendations`: the trained two-tower (+ ranker), or the "
        "content-based fallback when its artifact is absent."
    )
    trained_model: bool


class Features(BaseModel):
    llm: LlmFeature
    photo_search: PhotoSearchFeature
    recommendations: RecommendationsFeature
    merchant_api: bool = Field(description="Merchant endpoints are on (an X-API-Key is configured).")


class Limits(BaseModel):
    search_max_k: int
    max_query_chars: int
    max_body_bytes: int
    max_image_bytes: int
    rate_limit: str = Field(description="Requests per client, e.g. 600/minute.")
    chat_rate_limit: str = Field(description="Chat turns per client (/v1/chat, /v1/chat/completions), besides.")
    photo_rate_limit: str = Field(description="Photos per client (photo search, chat with an image), besides.")


class Capabilities(BaseModel):
    """What the store offers and the API understands (``GET /v1/capabilities``)."""

    catalog: CatalogFacets
    features: Features
    limits: Limits


def catalog_facets(db: CatalogDB) -> CatalogFacets:
    """The catalog's facets, read from SQLite (its source of truth)."""
    counts = db.facet_counts()
    facets = {column: [Facet(value=v, products=n) for v, n in values] for column, values in counts.items()}
    systems: dict[tuple[str, ...], SizeSystem] = {}
    for master, sub, kind, sizes, products in db.sizes_by_kind():
        system = systems.setdefault(
            tuple(sizes), SizeSystem(sizes=sizes, categories=[], sub_categories=[], article_types=[], products=0)
        )
        if master not in system.categories:
            system.categories.append(master)
        if sub not in system.sub_categories:
            system.sub_categories.append(sub)
        system.article_types.append(kind)
        system.products += products
    prices = db.price_range()
    return CatalogFacets(
        products=sum(f.products for f in facets["master_category"]),
        categories=facets["master_category"],
        sub_categories=facets["sub_category"],
        article_types=facets["article_type"],
        colours=facets["colour"],
        genders=facets["gender"],
        usages=facets["usage"],
        seasons=facets["season"],
        price=PriceRange(min=prices[0], max=prices[1]) if prices else None,
        size_systems=sorted(systems.values(), key=lambda s: -s.products),
    )


_FACETS: dict[Path, CatalogFacets] = {}
_FACETS_LOCK = threading.Lock()


def facets_of(db: CatalogDB) -> CatalogFacets:
    """The catalog's facets, read once per process and catalog file (the HTTP route and the
    MCP resource share them)."""
    with _FACETS_LOCK:
        if db.path not in _FACETS:
            _FACETS[db.path] = catalog_facets(db)
        return _FACETS[db.path]


def capabilities(kit: Toolkit) -> Capabilities:
    """What the store offers and the API understands: the cached facets, the features now."""
    settings = kit.settings
    photo_problem = kit.search.photo_search_unavailable()
    method = kit.recommendation_method()
    features = Features(
        llm=LlmFeature(
            configured=bool(settings.llm_base_url),
            model=settings.llm_model if settings.llm_base_url else None,
            understanding=settings.reader,
        ),
        photo_search=PhotoSearchFeature(available=photo_problem is None, reason=photo_problem),
        recommendations=RecommendationsFeature(method=method, trained_model=method != CONTENT_BASED),
        merchant_api=bool(settings.admin_api_key),
    )
    limits = Limits(
        search_max_k=kit.search.settings.max_k,
        max_query_chars=kit.search.settings.max_query_chars,
        max_body_bytes=settings.max_body_bytes,
        max_image_bytes=settings.max_image_bytes,
        rate_limit=settings.rate_limit,
        chat_rate_limit=settings.chat_rate_limit,
        photo_rate_limit=settings.photo_rate_limit,
    )
    return Capabilities(catalog=facets_of(kit.search.db), features=features, limits=limits)

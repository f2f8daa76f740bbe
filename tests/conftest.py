"""Shared fixtures: the real shared catalog, the real MiniLM model, a real embedded
Qdrant (qdrant-edge) and a real SQLite file, built once per test session on a subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import CatalogDB
from config import Settings
from retrieval import ProductSearch, ingest
from retrieval.embedding import SparseEncoder, TextEmbedder, text_embedder
from retrieval.stores import open_store

SHARED_CATALOG = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fashion"
SUBSET = 1500  # products: enough for every common type/colour, ~15 s to embed on 2 cores


@pytest.fixture(scope="session")
def catalog_dir() -> Path:
    if not (SHARED_CATALOG / "styles.csv").is_file():
        pytest.skip(f"shared catalog not found at {SHARED_CATALOG}")
    return SHARED_CATALOG


@pytest.fixture(scope="session")
def embedder() -> TextEmbedder:
    """The configured embedder (by default: queries by the int8 ONNX MiniLM, documents by torch's)."""
    model = text_embedder(Settings())
    model.warm()
    return model


@pytest.fixture(scope="session")
def subset_settings(tmp_path_factory: pytest.TempPathFactory, catalog_dir: Path) -> Settings:
    return Settings(catalog=catalog_dir, data_dir=tmp_path_factory.mktemp("atelier-subset"))


@pytest.fixture(scope="session")
def subset_index(subset_settings: Settings, embedder: TextEmbedder) -> Settings:
    """The first SUBSET products ingested into a real embedded store + SQLite."""
    db = CatalogDB(subset_settings.sqlite_path)
    store = open_store(subset_settings)
    ingest(subset_settings.catalog, db, store, embedder, SparseEncoder(), subset_settings.commerce_seed, limit=SUBSET)
    store.close()
    db.close()
    return subset_settings


@pytest.fixture(scope="session")
def search(subset_index: Settings, embedder: TextEmbedder) -> ProductSearch:
    service = ProductSearch.from_settings(subset_index, embedder=embedder)
    yield service
    service.close()


@pytest.fixture(scope="session")
def live_server(subset_index: Settings, search: ProductSearch):
    """The real app over HTTP (uvicorn on loopback), sharing the session's search service."""
    from server import create_app
    from tests.server_helpers import LiveServer

    # Every test shares this server from one client address, so the per-client quota
    # (600/minute) counts the whole session's traffic, and a burst from one test file can
    # make the next file's requests answer 429 (the likely cause of a store-info reply
    # without `answer`, seen once). The quotas (and the chat and photo ones) are tested on
    # their own servers (`test_rate_limit_and_cors`, `tests/test_limits.py`).
    settings = subset_index.model_copy(
        update={
            "admin_api_key": "test-admin-key",
            "rate_limit": "100000/minute",
            "chat_rate_limit": "100000/minute",
            "photo_rate_limit": "100000/minute",
        }
    )
    with LiveServer(create_app(settings, search=search)) as server:
        yield server


@pytest.fixture(scope="module")
def http(live_server):
    """A client of the shared live server."""
    import httpx

    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for this test session (skipped, with the reason, when the
    machine has no server binaries)."""
    from tests.pg_server import TemporaryPostgres, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with TemporaryPostgres() as server:
        yield server


@pytest.fixture(scope="session")
def photo_vectors(search: ProductSearch):
    """Photo vectors added in place to the session's subset index (as `atelier ingest` does),
    indexed twice: the second pass must find everything unchanged. Returns both summaries."""
    from retrieval.image_index import ImageVectorCache, index_images, photo_cache_path

    cache = ImageVectorCache(photo_cache_path(search.settings))
    try:
        first = index_images(search.db, search.store, search.clip, cache)
        again = index_images(search.db, search.store, search.clip, cache)
    finally:
        cache.close()
    return first, again


@pytest.fixture(scope="module")
def assistant(search: ProductSearch):
    """The assistant with the rule planner over the session's real tools (one per module:
    its sessions and carts start empty)."""
    from agent import Assistant
    from tools import Toolkit

    kit = Toolkit(search)
    bot = Assistant(kit)
    yield bot
    bot.close()
    kit.close()

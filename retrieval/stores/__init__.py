"""Vector stores: ``open_store`` picks the implementation from the settings."""

from __future__ import annotations

from config import Settings
from retrieval.stores.base import (
    FilterSpec, Hit, IndexPoint, Leg, MatchAny, IsEmpty, Range, SparseVec, StoreError, TextMatch, VectorStore,
)


def open_store(settings: Settings) -> VectorStore:
    """A Qdrant server when ``QDRANT_URL`` is set, else the embedded qdrant-edge shard."""
    if settings.qdrant_url:
        from retrieval.stores.remote import ClientStore

        return ClientStore(settings.qdrant_url, settings.collection, settings.qdrant_api_key)
    from retrieval.stores.edge import EdgeStore

    return EdgeStore(settings.qdrant_path / settings.collection)


__all__ = [
    "FilterSpec", "Hit", "IndexPoint", "IsEmpty", "Leg", "MatchAny", "Range", "SparseVec", "StoreError",
    "TextMatch", "VectorStore", "open_store",
]

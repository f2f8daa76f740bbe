"""Vector stores: ``open_store`` picks the implementation from the settings."""

from __future__ import annotations

from config import Settings
from retrieval.stores.base import (
    FilterSpec,
    Hit,
    IndexPoint,
    IsEmpty,
    Leg,
    MatchAny,
    Range,
    SparseVec,
    StoreError,
    TextMatch,
    TextMatchAny,
    VectorStore,
)


def open_store(settings: Settings, collection: str | None = None) -> VectorStore:
    """A Qdrant server when ``QDRANT_URL`` is set; else the embedded qdrant-edge shard,
    through the process that holds it when one does (``atelier serve --workers N``: its
    workers, and any other command on the same data dir meanwhile), or opened here.
    ``collection`` defaults to the products collection."""
    name = collection or settings.collection
    if settings.qdrant_url:
        from retrieval.stores.remote import ClientStore

        return ClientStore(
            settings.qdrant_url,
            name,
            settings.qdrant_api_key,
            settings.qdrant_shard_number,
            settings.qdrant_replication_factor,
        )
    from retrieval.stores.hosted import HostedStore, HostGone, HostInfo

    host = HostInfo.read(settings.store_host_file)
    if host is not None:
        try:
            return HostedStore(host, name)
        except HostGone:  # a stale file whose pid now belongs to another process
            pass
    from retrieval.stores.edge import EdgeStore

    return EdgeStore(settings.qdrant_path / name)


__all__ = [
    "FilterSpec",
    "Hit",
    "IndexPoint",
    "IsEmpty",
    "Leg",
    "MatchAny",
    "Range",
    "SparseVec",
    "StoreError",
    "TextMatch",
    "TextMatchAny",
    "VectorStore",
    "open_store",
]

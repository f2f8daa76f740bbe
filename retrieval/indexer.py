"""``atelier ingest``: catalog -> SQLite -> vectors in Qdrant, incrementally.

A product is re-embedded only when its content hash (its catalog attributes) differs
from the hash stored in its index payload; so a re-run after a crash or a catalog
edit embeds only what is missing or changed, and never duplicates (ids are stable)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from catalog import CatalogDB, RowIssue, content_hash, load_catalog, simulate_commerce
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.filters import payload_for
from retrieval.stores.base import IndexPoint, VectorStore

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class IngestSummary(BaseModel):
    ingested: int
    embedded: int
    unchanged: int
    deleted: int
    rejected: int
    repaired: int
    rows_read: int
    issues: list[RowIssue]
    seconds: float

    def line(self) -> str:
        return f"ingested {self.ingested} products, rejected {self.rejected} rows"


def _noop(stage: str, done: int, total: int) -> None:
    return None


def ingest(
    catalog_dir: Path,
    db: CatalogDB,
    store: VectorStore,
    embedder: TextEmbedder,
    sparse: SparseEncoder,
    seed: int,
    limit: int | None = None,
    batch_size: int = 256,
    progress: Progress = _noop,
) -> IngestSummary:
    """Load, validate, store and index the catalog. ``limit`` indexes the first N products
    and leaves others alone; a full run also removes products gone from the catalog."""
    started = time.perf_counter()
    report = load_catalog(catalog_dir, limit=limit)
    products = report.products
    db.upsert_products((p, simulate_commerce(p, seed)) for p in products)

    indexed = store.payload_hashes()
    todo = [p for p in products if indexed.get(int(p.id)) != content_hash(p)]
    if todo:  # only now load the model (seconds): an unchanged catalog needs none
        store.ensure_collection(embedder.dim)
    progress("embed", 0, len(todo))
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        texts = [p.text_for_embedding() for p in batch]
        dense = embedder.embed_documents(texts)
        records = db.get_records([p.id for p in batch])
        store.upsert(
            [
                IndexPoint(
                    int(p.id), dense[i].tolist(), sparse.document(texts[i]), payload_for(records[p.id], content_hash(p))
                )
                for i, p in enumerate(batch)
            ]
        )
        progress("embed", start + len(batch), len(todo))

    deleted = 0
    if limit is None:
        current = {int(p.id) for p in products}
        stale = [pid for pid in indexed if pid not in current]
        store.delete(stale)
        db.delete_products([str(pid) for pid in stale] + [i for i in db.all_ids() if int(i) not in current])
        deleted = len(stale)
    if todo or deleted:
        progress("optimize", 0, 1)
        store.finish_indexing()
        progress("optimize", 1, 1)
    return IngestSummary(
        ingested=len(products),
        embedded=len(todo),
        unchanged=len(products) - len(todo),
        deleted=deleted,
        rejected=len(report.rejected),
        repaired=len(report.repaired),
        rows_read=report.rows_read,
        issues=report.issues,
        seconds=round(time.perf_counter() - started, 2),
    )


def sync_payloads(db: CatalogDB, store: VectorStore, product_ids: list[str]) -> None:
    """Mirror changed prices/stock from SQLite into the index payload (no re-embedding)."""
    for pid, record in db.get_records(product_ids).items():
        payload = payload_for(record, "")
        payload.pop("content_hash")
        store.set_payload(int(pid), payload)

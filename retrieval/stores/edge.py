"""Embedded store on ``qdrant-edge-py``: the real Qdrant engine in-process (HNSW,
payload indexes, IDF-modified sparse vectors, server-side fusion, persistence)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import qdrant_edge as qe

from retrieval.stores.base import (
    DENSE,
    FLOAT_FIELDS,
    IMAGE,
    KEYWORD_FIELDS,
    LENS,
    PHOTO_KEYS,
    SPARSE,
    TEXT_FIELDS,
    Condition,
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
    by_value,
    named_dense,
    ranked,
)


def _condition(c: Condition) -> qe.FieldCondition | qe.IsEmptyCondition:
    if isinstance(c, MatchAny):
        return qe.FieldCondition(key=c.key, match=qe.MatchAny(any=list(c.values)))
    if isinstance(c, Range):
        return qe.FieldCondition(key=c.key, range=qe.RangeFloat(gte=c.gte, lte=c.lte))
    if isinstance(c, IsEmpty):
        return qe.IsEmptyCondition(c.key)
    if isinstance(c, TextMatch):
        return qe.FieldCondition(key=c.key, match=qe.MatchText(c.text))
    if isinstance(c, TextMatchAny):
        return qe.FieldCondition(key=c.key, match=qe.MatchTextAny(" ".join(c.words)))
    raise TypeError(f"unsupported condition {c!r}")


def to_edge_filter(flt: FilterSpec) -> qe.Filter | None:
    if not flt:
        return None
    return qe.Filter(
        must=[_condition(c) for c in flt.must] or None,
        must_not=[_condition(c) for c in flt.must_not] or None,
    )


class _OpenShards:
    """qdrant-edge locks a shard's WAL per process; parts of one process that open the
    same path (search, tools, a second app in tests) share one shard, refcounted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[Path, list] = {}

    def acquire(self, path: Path, opener: Callable[[], qe.EdgeShard]) -> qe.EdgeShard:
        key = path.resolve()
        with self._lock:
            if key not in self._open:
                self._open[key] = [opener(), 0]
            self._open[key][1] += 1
            return self._open[key][0]

    def release(self, path: Path) -> None:
        key = path.resolve()
        with self._lock:
            entry = self._open.get(key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                entry[0].close()
                del self._open[key]


_SHARDS = _OpenShards()


class EdgeStore:
    """One qdrant-edge shard per collection under ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._shard: qe.EdgeShard | None = None
        if self._on_disk():
            self._shard = _SHARDS.acquire(self.path, self._load)

    def _on_disk(self) -> bool:
        return (self.path / "edge_config.json").exists() or any(self.path.glob("segments*"))

    def _load(self) -> qe.EdgeShard:
        try:
            return qe.EdgeShard.load(str(self.path))
        except Exception as exc:  # the engine raises plain exceptions with its own message
            raise StoreError(
                f"cannot open the vector store at {self.path}: {exc}. If another atelier process holds it, "
                f"stop that process; if it is corrupted, delete {self.path} and run `atelier ingest` again."
            ) from exc

    @property
    def shard(self) -> qe.EdgeShard:
        if self._shard is None:
            raise StoreError(f"no vector store at {self.path}: run `atelier ingest` first")
        return self._shard

    def ensure_collection(self, dense_dim: int, image_dim: int | None = None) -> None:
        if self._shard is not None:
            return
        if self._on_disk():  # created since this store was opened (another store object on the same path)
            self._shard = _SHARDS.acquire(self.path, self._load)
            return
        vectors = {DENSE: qe.EdgeVectorParams(size=dense_dim, distance=qe.Distance.Cosine)}
        if image_dim:
            vectors[IMAGE] = qe.EdgeVectorParams(size=image_dim, distance=qe.Distance.Cosine)
        config = qe.EdgeConfig(
            vectors=vectors,
            sparse_vectors={SPARSE: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
        )
        if self.path.exists() and not any(self.path.iterdir()):
            shutil.rmtree(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._shard = _SHARDS.acquire(self.path, lambda: qe.EdgeShard.create(str(self.path), config))
        self._create_indexes()

    def _create_indexes(self) -> None:
        ops = [qe.UpdateOperation.create_field_index(f, qe.PayloadSchemaType.Keyword) for f in KEYWORD_FIELDS]
        ops += [qe.UpdateOperation.create_field_index(f, qe.PayloadSchemaType.Float) for f in FLOAT_FIELDS]
        ops += [qe.UpdateOperation.create_field_index(f, qe.TextIndexParams(lowercase=True)) for f in TEXT_FIELDS]
        for op in ops:
            self.shard.update(op)

    def image_dim(self, name: str = IMAGE) -> int | None:
        """From the shard's own config file (qdrant-edge keeps it current)."""
        config = self.path / "edge_config.json"
        if self._shard is None or not config.exists():
            return None
        vectors = json.loads(config.read_text()).get("vectors") or {}
        return int(vectors[name]["size"]) if name in vectors else None

    def add_image_vector(self, dim: int, name: str = IMAGE) -> None:
        self.shard.update(qe.UpdateOperation.create_dense_vector(name, dim, qe.Distance.Cosine))

    def drop_image_vector(self, name: str) -> None:
        self.shard.update(qe.UpdateOperation.delete_vector_name(name))

    def set_image_vectors(self, items: list[tuple[int, list[float], str]], name: str = IMAGE) -> None:
        if not items:
            return
        self.shard.update(
            qe.UpdateOperation.update_vectors([qe.PointVectors(pid, {name: vec}) for pid, vec, _ in items])
        )
        for pid, _, key in items:
            self.shard.update(qe.UpdateOperation.set_payload([pid], {PHOTO_KEYS[name]: key}))

    def upsert(self, points: list[IndexPoint]) -> None:
        if not points:
            return
        edge_points = [
            qe.Point(
                p.id,
                {DENSE: p.dense, SPARSE: qe.SparseVector(list(p.sparse.indices), list(p.sparse.values))},
                p.payload,
            )
            for p in points
        ]
        self.shard.update(qe.UpdateOperation.upsert_points(edge_points))

    def delete(self, ids: list[int]) -> None:
        if ids:
            self.shard.update(qe.UpdateOperation.delete_points(list[int | UUID | str](ids)))

    def set_payload(self, point_id: int, payload: dict[str, Any]) -> None:
        self.shard.update(qe.UpdateOperation.set_payload([point_id], payload))

    def payload_hashes(self) -> dict[int, str]:
        return self.payload_values("content_hash")

    def _scroll(self, limit: int, payload: list[str] | bool, vector: list[str] | bool) -> Iterator[Any]:
        """Every point, page by page (nothing when the shard does not exist yet)."""
        offset = None
        while self._shard is not None:
            records, offset = self.shard.scroll(
                qe.ScrollRequest(offset=offset, limit=limit, with_payload=payload, with_vector=vector)
            )
            yield from records
            if offset is None:
                return

    def payload_values(self, key: str) -> dict[int, str]:
        return {int(r.id): (r.payload or {}).get(key, "") for r in self._scroll(5000, [key], False)}

    def dense_vectors(self) -> dict[int, tuple[str, list[float]]]:
        """Every point's (content hash, dense vector): reused where the same text is needed."""
        return {
            int(r.id): ((r.payload or {}).get("content_hash", ""), list(r.vector[DENSE]))
            for r in self._scroll(2000, ["content_hash"], [DENSE])
            if r.vector
        }

    def points(self, batch: int = 2000) -> Iterator[IndexPoint]:
        """Every point as stored (dense and BM25 vectors, payload), in id order: the cost-curve
        benchmark builds larger catalogs from them without re-embedding any text."""
        for r in self._scroll(batch, True, [DENSE, SPARSE]):
            vectors = r.vector or {}
            dense, sparse = vectors.get(DENSE), vectors.get(SPARSE)
            if dense is None or sparse is None:
                continue
            yield IndexPoint(
                int(r.id),
                [float(x) for x in dense],
                SparseVec(tuple(sparse.indices), tuple(float(v) for v in sparse.values)),
                dict(r.payload or {}),
            )

    def vector_of(self, point_id: int) -> list[float] | None:
        records = self.shard.retrieve([point_id], with_payload=False, with_vector=[DENSE])
        return named_dense(records[0].vector, DENSE) if records else None

    def count(self) -> int:
        return 0 if self._shard is None else self.shard.count(qe.CountRequest(exact=True))

    def query(
        self,
        dense: list[float] | None,
        sparse: SparseVec | None,
        flt: FilterSpec,
        limit: int,
        leg: Leg = Leg.hybrid,
        fusion: str = "rrf",
        prefetch_limit: int = 100,
        rrf_k: int = 60,
        with_payload: bool = True,
        image: list[float] | None = None,
    ) -> list[Hit]:
        edge_filter = to_edge_filter(flt)
        dense_q = qe.Query.Nearest(dense, using=DENSE) if dense is not None else None
        sparse_q = (
            qe.Query.Nearest(qe.SparseVector(list(sparse.indices), list(sparse.values)), using=SPARSE)
            if sparse is not None and sparse.indices
            else None
        )
        using = LENS if leg is Leg.lens else IMAGE
        image_q = qe.Query.Nearest(image, using=using) if image is not None else None
        if leg in (Leg.image, Leg.lens):
            if image_q is None:
                return []
            request = qe.QueryRequest(limit=limit, query=image_q, filter=edge_filter, with_payload=with_payload)
            return ranked(self.shard.query(request))
        if leg is Leg.hybrid and dense_q and sparse_q:
            legs = [q for q in (dense_q, sparse_q, image_q) if q is not None]
            prefetches = [qe.Prefetch(limit=prefetch_limit, query=q, filter=edge_filter) for q in legs]
            fuse = qe.Fusion.Rrf(k=rrf_k) if fusion == "rrf" else qe.Fusion.Dbsf()
            request = qe.QueryRequest(
                limit=limit,
                query=fuse,  # type: ignore[arg-type]  # the stub names Fusion, the engine takes its Rrf and Dbsf
                prefetches=prefetches,
                filter=edge_filter,
                with_payload=with_payload,
            )
        else:
            query = sparse_q if leg is Leg.sparse else dense_q or sparse_q
            if query is None:
                return []
            request = qe.QueryRequest(limit=limit, query=query, filter=edge_filter, with_payload=with_payload)
        return ranked(self.shard.query(request))

    def ordered(self, flt: FilterSpec, key: str, descending: bool, limit: int) -> list[int]:
        direction = qe.Direction.Desc if descending else qe.Direction.Asc
        records, _ = self.shard.scroll(
            qe.ScrollRequest(
                limit=limit,
                filter=to_edge_filter(flt),
                with_payload=[key],
                with_vector=False,
                order_by=qe.OrderBy(key, direction=direction),
            )
        )
        return by_value(((int(r.id), (r.payload or {}).get(key)) for r in records), descending)

    def finish_indexing(self) -> None:
        self.shard.flush()
        self.shard.optimize()

    def close(self) -> None:
        if self._shard is not None:
            _SHARDS.release(self.path)
            self._shard = None

"""The same interface on ``qdrant-client``: a Qdrant server or cluster (``QDRANT_URL``),
or qdrant-client's local mode (``:memory:`` or a path) for small congruence tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import UnexpectedResponse

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
    TextMatch,
    TextMatchAny,
    by_value,
    named_dense,
    ranked,
)


def _condition(c: Condition) -> models.FieldCondition | models.IsEmptyCondition:
    if isinstance(c, MatchAny):
        return models.FieldCondition(key=c.key, match=models.MatchAny(any=list(c.values)))
    if isinstance(c, Range):
        return models.FieldCondition(key=c.key, range=models.Range(gte=c.gte, lte=c.lte))
    if isinstance(c, IsEmpty):
        return models.IsEmptyCondition(is_empty=models.PayloadField(key=c.key))
    if isinstance(c, TextMatch):
        return models.FieldCondition(key=c.key, match=models.MatchText(text=c.text))
    if isinstance(c, TextMatchAny):
        return models.FieldCondition(key=c.key, match=models.MatchTextAny(text_any=" ".join(c.words)))
    raise TypeError(f"unsupported condition {c!r}")


def to_client_filter(flt: FilterSpec) -> models.Filter | None:
    if not flt:
        return None
    return models.Filter(
        must=[_condition(c) for c in flt.must] or None,
        must_not=[_condition(c) for c in flt.must_not] or None,
    )


class ClientStore:
    """Qdrant through qdrant-client. ``location`` is a URL, ``:memory:`` or a local path.
    ``shard_number`` and ``replication_factor`` shape a collection this store creates on a
    cluster (None: the server's defaults); an existing collection keeps its layout."""

    def __init__(
        self,
        location: str,
        collection: str,
        api_key: str | None = None,
        shard_number: int | None = None,
        replication_factor: int | None = None,
    ) -> None:
        self.shard_number, self.replication_factor = shard_number, replication_factor
        if location.startswith(("http://", "https://")):
            self.client = QdrantClient(url=location, api_key=api_key)
        elif location == ":memory:":
            self.client = QdrantClient(location=":memory:")
        else:
            self.client = QdrantClient(path=location)
        self.collection = collection

    def ensure_collection(self, dense_dim: int, image_dim: int | None = None) -> None:
        if self.client.collection_exists(self.collection):
            return
        vectors = {DENSE: models.VectorParams(size=dense_dim, distance=models.Distance.COSINE)}
        if image_dim:
            vectors[IMAGE] = models.VectorParams(size=image_dim, distance=models.Distance.COSINE)
        try:
            self.client.create_collection(
                self.collection,
                vectors_config=vectors,
                sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
                shard_number=self.shard_number,
                replication_factor=self.replication_factor,
            )
        except UnexpectedResponse as exc:
            # 409: another worker created it between the check and here (not atomic on a
            # cluster); the payload indexes below are idempotent, so both may create them
            if exc.status_code != 409:
                raise
        schemas: list[tuple[str, models.PayloadSchemaType | models.TextIndexParams]]
        schemas = [(f, models.PayloadSchemaType.KEYWORD) for f in KEYWORD_FIELDS]
        schemas += [(f, models.PayloadSchemaType.FLOAT) for f in FLOAT_FIELDS]
        schemas += [(f, models.TextIndexParams(type=models.TextIndexType.TEXT, lowercase=True)) for f in TEXT_FIELDS]
        for name, schema in schemas:
            self.client.create_payload_index(self.collection, name, field_schema=schema)

    def image_dim(self, name: str = IMAGE) -> int | None:
        if not self.client.collection_exists(self.collection):
            return None
        vectors = self.client.get_collection(self.collection).config.params.vectors
        params = vectors.get(name) if isinstance(vectors, dict) else None
        return int(params.size) if params else None

    def add_image_vector(self, dim: int, name: str = IMAGE) -> None:
        self.client.create_vector_name(
            self.collection,
            name,
            models.DenseVectorNameConfig(dense=models.DenseVectorConfig(size=dim, distance=models.Distance.COSINE)),
        )

    def drop_image_vector(self, name: str) -> None:
        self.client.delete_vector_name(self.collection, name)

    def set_image_vectors(self, items: list[tuple[int, list[float], str]], name: str = IMAGE) -> None:
        if not items:
            return
        self.client.update_vectors(
            self.collection, points=[models.PointVectors(id=pid, vector={name: vec}) for pid, vec, _ in items]
        )
        for pid, _, key in items:
            self.client.set_payload(self.collection, payload={PHOTO_KEYS[name]: key}, points=[pid])

    def upsert(self, points: list[IndexPoint]) -> None:
        if not points:
            return
        self.client.upsert(
            self.collection,
            points=[
                models.PointStruct(
                    id=p.id,
                    payload=p.payload,
                    vector={
                        DENSE: p.dense,
                        SPARSE: models.SparseVector(indices=list(p.sparse.indices), values=list(p.sparse.values)),
                    },
                )
                for p in points
            ],
        )

    def delete(self, ids: list[int]) -> None:
        if ids:
            self.client.delete(self.collection, points_selector=models.PointIdsList(points=ids))

    def set_payload(self, point_id: int, payload: dict[str, Any]) -> None:
        self.client.set_payload(self.collection, payload=payload, points=[point_id])

    def payload_hashes(self) -> dict[int, str]:
        return self.payload_values("content_hash")

    def _scroll(self, limit: int, payload: list[str], vectors: list[str] | bool) -> Iterator[Any]:
        """Every point, page by page (nothing when the collection does not exist yet)."""
        if not self.client.collection_exists(self.collection):
            return
        offset = None
        while True:
            records, offset = self.client.scroll(
                self.collection, limit=limit, offset=offset, with_payload=payload, with_vectors=vectors
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

    def vector_of(self, point_id: int) -> list[float] | None:
        records = self.client.retrieve(self.collection, [point_id], with_payload=False, with_vectors=[DENSE])
        return named_dense(records[0].vector, DENSE) if records else None

    def count(self) -> int:
        if not self.client.collection_exists(self.collection):
            return 0
        return self.client.count(self.collection, exact=True).count

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
        qfilter = to_client_filter(flt)
        sparse_q = (
            models.SparseVector(indices=list(sparse.indices), values=list(sparse.values))
            if sparse is not None and sparse.indices
            else None
        )
        if leg in (Leg.image, Leg.lens):
            if image is None:
                return []
            response = self.client.query_points(
                self.collection,
                query=image,
                using=LENS if leg is Leg.lens else IMAGE,
                query_filter=qfilter,
                limit=limit,
                with_payload=with_payload,
            )
            return ranked(response.points)
        if leg is Leg.hybrid and dense is not None and sparse_q is not None:
            legs = [(dense, DENSE), (sparse_q, SPARSE)] + ([(image, IMAGE)] if image is not None else [])
            response = self.client.query_points(
                self.collection,
                prefetch=[
                    models.Prefetch(query=q, using=name, limit=prefetch_limit, filter=qfilter) for q, name in legs
                ],
                query=(
                    models.RrfQuery(rrf=models.Rrf(k=rrf_k))
                    if fusion == "rrf"
                    else models.FusionQuery(fusion=models.Fusion.DBSF)
                ),
                query_filter=qfilter,
                limit=limit,
                with_payload=with_payload,
            )
        else:
            use_sparse = leg is Leg.sparse or dense is None
            if use_sparse and sparse_q is None:
                return []
            response = self.client.query_points(
                self.collection,
                query=sparse_q if use_sparse else dense,
                using=SPARSE if use_sparse else DENSE,
                query_filter=qfilter,
                limit=limit,
                with_payload=with_payload,
            )
        return ranked(response.points)

    def ordered(self, flt: FilterSpec, key: str, descending: bool, limit: int) -> list[int]:
        direction = models.Direction.DESC if descending else models.Direction.ASC
        records, _ = self.client.scroll(
            self.collection,
            scroll_filter=to_client_filter(flt),
            limit=limit,
            with_payload=[key],
            with_vectors=False,
            order_by=models.OrderBy(key=key, direction=direction),
        )
        return by_value(((int(r.id), (r.payload or {}).get(key)) for r in records), descending)

    def finish_indexing(self) -> None:
        """A server builds its indexes itself; local mode has none to build."""

    def close(self) -> None:
        self.client.close()

"""The vector-store interface: one protocol, two implementations (embedded qdrant-edge
and qdrant-client for a server), like qdrant-client's own local/remote split.

Filters and points use small store-neutral types so that callers never build a
backend's objects and the congruence tests can run the same case on both."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from config import AtelierError, ErrorCode

DENSE = "dense"
SPARSE = "bm25"
IMAGE = "image"  # photo vectors (CLIP image tower), absent on points without a photo
IMAGE_KEY = "image_key"  # payload: photo hash + model tag of the stored image vector
LENS = "lens"  # exact-product vectors (retrieval.vision.lens), absent on points without a photo
LENS_KEY = "lens_key"  # payload: lens recipe + model tag + photo hash of the stored lens vector
PHOTO_KEYS = {IMAGE: IMAGE_KEY, LENS: LENS_KEY}  # each photo vector's payload key

# Payload fields that filters use; each gets a payload index.
KEYWORD_FIELDS = (
    "gender",
    "article_type",
    "sub_category",
    "category",
    "colour",
    "season",
    "usage",
    "sizes_in_stock",
    "content_hash",
)
FLOAT_FIELDS = ("price",)
TEXT_FIELDS = ("title",)


@dataclass(frozen=True)
class MatchAny:
    """Payload ``key`` equals one of ``values`` (for array payloads: contains one)."""

    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Range:
    key: str
    gte: float | None = None
    lte: float | None = None


@dataclass(frozen=True)
class IsEmpty:
    """The payload field is missing, null or an empty list (use in ``must_not`` for "has
    any"). In-stock filtering uses this on ``sizes_in_stock``: qdrant-edge 0.9.0 matches
    no point for a bool ``MatchValue``, so the store keeps no bool filter field."""

    key: str


@dataclass(frozen=True)
class TextMatch:
    """Full-text match on a text-indexed field (all tokens of ``text`` present)."""

    key: str
    text: str


@dataclass(frozen=True)
class TextMatchAny:
    """Full-text match: at least one of ``words`` is a token of the text-indexed field
    (the titles name one garment "hoodie", "hoody" or "hooded")."""

    key: str
    words: tuple[str, ...]


Condition = MatchAny | Range | IsEmpty | TextMatch | TextMatchAny


@dataclass(frozen=True)
class FilterSpec:
    must: tuple[Condition, ...] = ()
    must_not: tuple[Condition, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.must or self.must_not)


@dataclass(frozen=True)
class SparseVec:
    indices: tuple[int, ...]
    values: tuple[float, ...]


@dataclass
class IndexPoint:
    id: int
    dense: list[float]
    sparse: SparseVec
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    payload: dict[str, Any]


def ranked(points: Any) -> list[Hit]:
    """Scored points as hits, best first and equal scores by id. Why: RRF gives equal
    scores whenever two products' leg ranks mirror each other, and the engine returns
    those in any order, even for one query asked twice in one process; ordered by id, a
    query has one answer in every process and every worker."""
    hits = [Hit(int(p.id), float(p.score), dict(p.payload or {})) for p in points]
    return sorted(hits, key=lambda hit: (-hit.score, hit.id))


def by_value(points: Iterable[tuple[int, Any]], descending: bool) -> list[int]:
    """Point ids by their value, equal values by id: the engines return ties in any order,
    and one request should have one answer on every backend and in every process."""
    valued = [(pid, float(value)) for pid, value in points if isinstance(value, int | float)]
    return [pid for pid, _ in sorted(valued, key=lambda p: (-p[1] if descending else p[1], p[0]))]


class Leg(str, Enum):
    """Which retrieval legs a query uses: the eval compares them in one run."""

    dense = "dense"
    sparse = "sparse"
    hybrid = "hybrid"
    image = "image"
    lens = "lens"  # the ``image`` argument is a lens vector (retrieval.vision.lens)


class StoreError(AtelierError, RuntimeError):
    """The vector store cannot be opened or used; the message names the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.store_unavailable, message)


def named_dense(vectors: object, name: str) -> list[float] | None:
    """A retrieved point's named dense vector (both engines return named vectors as a dict);
    None when the point has none by that name."""
    vector = vectors.get(name) if isinstance(vectors, dict) else None
    if not isinstance(vector, list) or not all(isinstance(x, int | float) for x in vector):
        return None
    return [float(x) for x in vector]


class VectorStore(Protocol):
    """What retrieval needs from Qdrant, whichever Qdrant it is."""

    def ensure_collection(self, dense_dim: int, image_dim: int | None = None) -> None: ...

    def image_dim(self, name: str = IMAGE) -> int | None:
        """Size of the collection's photo vector ``name`` (``image`` or ``lens``); None when
        it has none (yet)."""
        ...

    def add_image_vector(self, dim: int, name: str = IMAGE) -> None:
        """Add the named photo vector to an existing collection (points keep everything)."""
        ...

    def drop_image_vector(self, name: str) -> None:
        """Remove the named photo vector from every point (a derived vector whose recipe
        changed size is dropped and made again; points keep everything else)."""
        ...

    def set_image_vectors(self, items: list[tuple[int, list[float], str]], name: str = IMAGE) -> None:
        """(point id, photo vector, key) for existing points: the named vector and its
        payload key (``PHOTO_KEYS[name]``)."""
        ...

    def payload_values(self, key: str) -> dict[int, str]:
        """One payload field of every point ('' when absent)."""
        ...

    def upsert(self, points: list[IndexPoint]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def set_payload(self, point_id: int, payload: dict[str, Any]) -> None: ...

    def payload_hashes(self) -> dict[int, str]: ...

    def dense_vectors(self) -> dict[int, tuple[str, list[float]]]:
        """Every point's (content hash, dense vector)."""
        ...

    def vector_of(self, point_id: int) -> list[float] | None:
        """The stored dense vector of a point (None when absent): "more like this"."""
        ...

    def count(self) -> int: ...

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
        """``image`` is a vector in the photo space: with ``Leg.image`` the only leg, with
        ``Leg.hybrid`` a third fused leg (text->image)."""
        ...

    def ordered(self, flt: FilterSpec, key: str, descending: bool, limit: int) -> list[int]:
        """Ids of the points under ``flt`` by a float payload field (one of ``FLOAT_FIELDS``),
        lowest first or highest first, equal values by id: "the cheapest jeans" is the
        cheapest under the filters, not the cheapest of the most relevant few."""
        ...

    def finish_indexing(self) -> None:
        """Build indexes after a bulk load (optimize); a no-op where the server does it."""
        ...

    def close(self) -> None: ...

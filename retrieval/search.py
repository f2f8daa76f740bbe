"""Hybrid product search: parse -> embed (dense + BM25) -> one Qdrant query with both
legs fused server-side and the filters pushed into every leg -> hydrate from SQLite
-> dedupe, in-stock first; when the filters leave nothing, relax one and say so."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from catalog import CatalogDB, ProductRecord
from config import ErrorCode, Settings
from config.experiments import per_request
from retrieval.embedding import SparseEncoder, TextEmbedder, text_embedder
from retrieval.filters import to_filter_spec, violations
from retrieval.lexicon import CatalogLexicon, lexicon_for
from retrieval.query_parser import ParsedQuery, QueryError, SearchFilters, as_list, parse_query
from retrieval.stores import FilterSpec, Hit, Leg, StoreError, VectorStore, open_store
from retrieval.stores.base import SparseVec
from retrieval.vocabulary import EXCLUDED_FAMILY

if TYPE_CHECKING:
    from PIL import Image

    from retrieval.image_index import ImageVectorCache
    from retrieval.vision import ClipEncoder

PriceOrder = Literal["price_asc", "price_desc"]
Copies = Callable[[FilterSpec], list[Hit]]  # a photo query's copies in the catalog under a filter

# When filters leave nothing, try dropping these one at a time, least essential first.
_RELAX_ORDER = (
    "size",
    "include_terms",
    "exclude_terms",
    "season",
    "usage",
    "price",
    "colour",
    "gender",
    "sub_category",
    "article_type",
)
_FIELDS_OF = {"price": ("price_min", "price_max"), "colour": ("colour", "exclude_colours")}


class SearchResult(ProductRecord):
    score: float
    differs: dict[str, Any] | None = Field(default=None, description="Where a relaxed result misses the request.")


class Relaxation(BaseModel):
    dropped: list[str] = Field(description="Constraints removed to find these results, in order.")
    message: str


class SearchResponse(BaseModel):
    query: str
    filters: dict[str, Any]
    results: list[SearchResult]
    relaxation: Relaxation | None = None
    timings_ms: dict[str, float]


def _other_shades(filters: SearchFilters) -> SearchFilters | None:
    """``filters`` with each colour widened to its family ("mustard" -> mustard or yellow,
    "navy blue" -> the blues): tried before any constraint is dropped, because a near shade
    keeps every other constraint the shopper set (a "kurti in that colour under 1000")."""
    wanted = as_list(filters.colour)
    wider = list(dict.fromkeys(shade for colour in wanted for shade in _family_of(colour)))
    return filters.model_copy(update={"colour": wider}) if len(wider) > len(wanted) else None


def _family_of(colour: str) -> list[str]:
    for base, shades in EXCLUDED_FAMILY.items():
        if colour == base or colour in shades:
            return [colour, base, *shades]
    return [colour]


def _without(filters: SearchFilters, name: str) -> SearchFilters:
    update: dict[str, object] = {f: None for f in _FIELDS_OF.get(name, (name,))}
    for key in ("exclude_colours", "exclude_terms", "include_terms"):
        if key in update:
            update[key] = []
    return filters.model_copy(update=update)


# Words that refer to the photo itself ("something like this but ..."), not to a product.
_PHOTO_FILLER = {
    "like",
    "this",
    "these",
    "that",
    "but",
    "in",
    "similar",
    "something",
    "same",
    "one",
    "ones",
    "to",
    "a",
    "an",
    "the",
    "with",
    "and",
    "or",
    "find",
    "me",
    "show",
    "for",
    "of",
    "as",
    "looks",
    "look",
    "it",
    "please",
    "i",
    "want",
    "need",
}


# Words of a query that ask for low or high prices (a sort says them, no title does) or
# only ask ("pls", "some").
_PRICE_WORDS = frozenset(
    "cheap cheaper cheapest affordable inexpensive economical budget low lowest priced price prices expensive "
    "pricey pricier priciest costly costliest dearest premium high highest first pls plz please some any".split()
)


def _content_words(text: str) -> str:
    return " ".join(w for w in text.split() if w.lower().strip(",.!?") not in _PHOTO_FILLER)


def _describe(name: str, filters: SearchFilters) -> str:
    if name == "price":
        bounds = [
            f"from ₹{filters.price_min:.0f}" if filters.price_min is not None else "",
            f"up to ₹{filters.price_max:.0f}" if filters.price_max is not None else "",
        ]
        return "price " + " ".join(b for b in bounds if b)
    value = getattr(filters, name)
    if name in ("include_terms", "exclude_terms") and value:
        words = " or ".join(f'"{w}"' for w in value)
        return f"{words} in the name" if name == "include_terms" else f"without {words} in the name"
    shown = value if isinstance(value, str) else ", ".join(value) if value else name
    return f"{name.replace('_', ' ')} {shown}"


class ProductSearch:
    """The search service shared by the CLI, tools, agent and HTTP API."""

    def __init__(
        self, settings: Settings, db: CatalogDB, store: VectorStore, embedder: TextEmbedder, sparse: SparseEncoder
    ) -> None:
        self.settings = settings
        self.db = db
        self.store = store
        self.embedder = embedder
        self.sparse = sparse
        self._clip: ClipEncoder | None = None
        self._clip_lock = threading.Lock()
        self._photo_tags: tuple[float, set[str]] | None = None  # (checked at, model tags of the photo vectors)
        self._lexicon: CatalogLexicon | None = None
        self._lens_cache: ImageVectorCache | None = None  # the lens thumbnails, opened on first use

    @classmethod
    def from_settings(cls, settings: Settings, embedder: TextEmbedder | None = None) -> ProductSearch:
        store = open_store(settings)
        if store.count() == 0:
            store.close()
            raise StoreError(f"the product index for {settings.collection!r} is empty: run `atelier ingest` first")
        embedder = embedder or text_embedder(settings)
        return cls(settings, CatalogDB.from_settings(settings), store, embedder, SparseEncoder())

    def close(self) -> None:
        self.store.close()
        self.db.close()
        if self._lens_cache is not None:
            self._lens_cache.close()

    @property
    def clip(self) -> ClipEncoder:
        """The configured CLIP, loaded on first use (photo search only pays then)."""
        with self._clip_lock:
            if self._clip is None:
                from retrieval.vision import load_encoder

                self._clip = load_encoder(self.settings)
            return self._clip

    def read_photo(self, data: bytes) -> Image.Image:
        """A shopper's photo, checked (size, pixels, a readable image) and decoded at the
        CLIP input size, with the model loaded; ``ImageError`` says what is wrong
        (``model_unavailable`` when the image tower's file is missing)."""
        from retrieval.vision.decode import ImageError, decode_image

        if len(data) > self.settings.max_image_bytes:
            raise ImageError(
                ErrorCode.image_too_large, f"The photo is over {self.settings.max_image_bytes / 1e6:.0f} MB."
            )
        try:
            clip = self.clip
        except FileNotFoundError as exc:
            raise ImageError(ErrorCode.model_unavailable, str(exc)) from exc
        return decode_image(
            data, self.settings.max_image_pixels, clip.input_size, self.settings.max_image_decoded_bytes
        )

    @property
    def lexicon(self) -> CatalogLexicon:
        """The catalog's own vocabulary (spelling, which words name which types), learnt
        from its titles on first use."""
        with self._clip_lock:
            if self._lexicon is None:
                self._lexicon = lexicon_for(self.db.title_rows())
            return self._lexicon

    def photo_search_unavailable(self) -> str | None:
        """Why a photo query would be refused now (None: it would be answered): the index has
        no photo vectors, or the image model's file is missing. A file check, no model load."""
        try:
            vectors = self.has_image_vectors()
        except Exception as exc:  # noqa: BLE001 - a store server that does not answer: no photo search now
            return f"the vector store did not answer ({type(exc).__name__})"
        if not vectors:
            return "the index has no photo vectors yet: run `atelier ingest` (it adds them)"
        if self._clip is None:
            from retrieval.vision.encoder import missing_model_file

            return missing_model_file(self.settings)
        return None

    def has_image_vectors(self) -> bool:
        """Asked per photo query (a file read, or one call to a server): an ingest in
        another process may add photo vectors while this one serves."""
        return self.store.image_dim() is not None

    def _check_photo_model(self, ttl_s: float = 60.0) -> None:
        """Refuse photo queries against photo vectors made by another image model.

        Why: after a model change (a retrained tower, ``ATELIER_CLIP_MODEL``), the old
        vectors still answer, just badly and silently (held-out same-type share 0.44
        instead of 0.73). The stored keys carry the model tag; they are read at most once
        a minute, since an ingest in another process may be refreshing them."""
        now = time.monotonic()
        if self._photo_tags is None or now - self._photo_tags[0] > ttl_s:
            from retrieval.stores.base import IMAGE_KEY

            tags = {key.split(":", 1)[0] for key in self.store.payload_values(IMAGE_KEY).values() if key}
            self._photo_tags = (now, tags)
        tags = self._photo_tags[1]
        if tags and self.clip.tag not in tags:
            raise StoreError(
                f"the index's photo vectors were made by {', '.join(sorted(tags))}, but this server "
                f"embeds photos with {self.clip.tag}: run `atelier ingest` to refresh them"
            )

    def text_image_vector(self, text: str) -> list[float]:
        """``text`` in the photo space. The shipped model's text tower *is* the search
        MiniLM, so its query vector is reused (no second encoding)."""
        if self.settings.clip_model == "atelier":
            return list(self.embedder.embed_query(text))
        return self.clip.embed_texts([text])[0].tolist()

    def _image_leg(self, text: str, wanted: bool | None = None) -> list[float] | None:
        use = (self.settings.image_search_leg if wanted is None else wanted) and self.has_image_vectors()
        return self.text_image_vector(text) if use else None

    def photo_vector(self, image: Image.Image, text: str | None = None) -> list[float]:
        """A shopper photo's CLIP vector (normalised to look like a catalog photo first: no
        screenshot borders, a white background), nudged towards ``text`` (what remains of
        the shopper's words after the filters were parsed out) when there is any."""
        from retrieval.vision.normalise import normalise_photo

        return self._clip_vector(normalise_photo(image), text).tolist()

    def _clip_vector(self, normalised: Image.Image, text: str | None) -> np.ndarray:
        vector = self.clip.embed_images([normalised])[0]
        if text and text.strip():
            vector = vector + self.settings.photo_text_weight * np.asarray(self.text_image_vector(text))
        return vector / max(float(np.linalg.norm(vector)), 1e-9)

    def has_lens_vectors(self) -> bool:
        """Whether the index holds lens vectors of this recipe's size (``atelier ingest``
        adds them, and remakes those of an older size: until then, CLIP's order alone)."""
        from retrieval.stores.base import LENS
        from retrieval.vision.lens import lens_dim

        clip_dim, stored = self.store.image_dim(), self.store.image_dim(LENS)
        return clip_dim is not None and stored == lens_dim(clip_dim)

    def _copy_finder(self, normalised: Image.Image, clip: np.ndarray) -> Copies:
        """The lens step of a photo query (``clip``: its CLIP vector): under a query's
        filters, the catalog products taken as copies of the (normalised) photo, if any
        (``retrieval.vision.lens``); the query's lens vector is made once for every
        relaxation step."""
        from retrieval.vision.lens import RERANK_DEPTH, lens_vectors, thumbnails, tower_pixels

        pixels = tower_pixels(normalised).unsqueeze(0)
        query_lens = lens_vectors(clip[None, :], pixels, thumbnails(pixels))[0]
        vector = query_lens.tolist()

        def find(flt: FilterSpec) -> list[Hit]:
            hits = self.store.query(None, None, flt, RERANK_DEPTH, leg=Leg.lens, image=vector)
            return self._copies_among(normalised, query_lens, hits)

        return find

    def _copies_among(self, normalised: Image.Image, query_lens: np.ndarray, hits: list[Hit]) -> list[Hit]:
        """The hits taken as copies of the photo (``retrieval.vision.lens.copies``: their
        stored lens vectors and thumbnails), best first; a hit without a stored lens row
        is never one, nor one whose lens vector another lens recipe
        made (an index not yet re-ingested: its lens vectors and the query's disagree, so
        photo search answers in CLIP's order until `atelier ingest` remakes them)."""
        from retrieval.image_index import ImageVectorCache, photo_cache_path
        from retrieval.stores.base import LENS_KEY
        from retrieval.vision.lens import LENS_VERSION, copies

        with self._clip_lock:
            if self._lens_cache is None:
                self._lens_cache = ImageVectorCache(photo_cache_path(self.settings))
        current = f"{LENS_VERSION}:"
        keys = [key if key.startswith(current) else "" for key in (str(h.payload.get(LENS_KEY) or "") for h in hits)]
        found = self._lens_cache.get_lens_many([k for k in keys if k]) if any(keys) else {}
        known = [i for i, key in enumerate(keys) if key in found]
        if not known:
            return []
        rows = np.stack([found[keys[i]][0] for i in known])
        thumbs = np.stack([found[keys[i]][1] for i in known])
        order = copies(normalised, query_lens, rows, thumbs)
        return [hits[known[i]] for i in order]

    def search_image(
        self,
        image: Image.Image,
        query: str | None = None,
        k: int | None = None,
        filters: SearchFilters | None = None,
        lens: bool = True,
    ) -> SearchResponse:
        """Products that look like ``image``, under the filters parsed from ``query``
        (e.g. "in black" -> colour Black), relaxed like text search when nothing fits.
        With lens vectors in the index, the very product in the photo (a copy found by the
        lens vector and the template match) comes first, then the CLIP vector's order;
        without them, or with ``lens=False`` (the bench's comparison), CLIP's order alone."""
        from retrieval.vision.normalise import normalise_photo

        t0 = time.perf_counter()
        k = self._check_k(k)
        if not self.has_image_vectors():
            raise StoreError("the index has no photo vectors yet: run `atelier ingest` (it adds them)")
        self._check_photo_model()
        parsed = parse_query(query, self.settings.max_query_chars) if query and query.strip() else None
        base = parsed.filters if parsed else SearchFilters()
        merged = base.merged(filters) if filters is not None else base
        t1 = time.perf_counter()
        words = _content_words(parsed.text) if parsed else None
        normalised = normalise_photo(image)
        clip = self._clip_vector(normalised, words)
        copies = self._copy_finder(normalised, clip) if lens and self.has_lens_vectors() else None
        vector = clip.tolist()
        t2 = time.perf_counter()
        parsed_like = ParsedQuery(query=query or "", filters=merged, text="", semantic_text="")
        results, relaxation = self._search_with_relaxation(
            parsed_like, None, None, k, image=vector, leg=Leg.image, copies=copies
        )
        t3 = time.perf_counter()
        timings = {
            "parse": (t1 - t0) * 1e3,
            "embed": (t2 - t1) * 1e3,
            "search": (t3 - t2) * 1e3,
            "total": (t3 - t0) * 1e3,
        }
        return SearchResponse(
            query=query or "",
            filters=merged.public(),
            results=results,
            relaxation=relaxation,
            timings_ms={k_: round(v, 2) for k_, v in timings.items()},
        )

    def retrieve(
        self,
        text: str,
        flt: FilterSpec,
        limit: int,
        leg: Leg = Leg.hybrid,
        fusion: str | None = None,
        rrf_k: int | None = None,
        image_leg: bool | None = None,
    ) -> list[Hit]:
        """One raw Qdrant query for ``text``: the eval compares legs and fusions with it
        (``image_leg``: add text->image as a third fused leg; default from the settings)."""
        dense = list(self.embedder.embed_query(text)) if leg not in (Leg.sparse, Leg.image) else None
        sparse = self.sparse.query(text) if leg in (Leg.sparse, Leg.hybrid) else None
        use_image = leg is Leg.image or (
            leg is Leg.hybrid and (self.settings.image_search_leg if image_leg is None else image_leg)
        )
        image = self.text_image_vector(text) if use_image else None
        return self.store.query(
            dense,
            sparse,
            flt,
            limit,
            leg=leg,
            fusion=fusion or per_request(self.settings, "fusion"),
            prefetch_limit=per_request(self.settings, "prefetch_limit"),
            rrf_k=rrf_k or per_request(self.settings, "rrf_k"),
            image=image,
        )

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        image_leg: bool | None = None,
        sort: PriceOrder | None = None,
    ) -> SearchResponse:
        """Search with the filters parsed from ``query``, overridden by explicit ``filters``
        (``image_leg``: fuse text->image as a third leg; default from the settings).
        ``sort`` by price: when the filters say everything the query says ("the cheapest black
        jeans for men"), the cheapest (or priciest) of all that fit, in that order; when the
        query says more than its filters ("cheapest jeans that look vintage"), the most
        relevant, for the caller to order."""
        t0 = time.perf_counter()
        k = self._check_k(k)
        parsed = parse_query(query, self.settings.max_query_chars)
        if filters is not None:
            parsed = parsed.model_copy(update={"filters": parsed.filters.merged(filters)})
        t1 = time.perf_counter()
        leftover = {w.lower().strip(",.!?") for w in _content_words(parsed.text).split()}
        ordered = sort is not None and parsed.filters.public() and not leftover - _PRICE_WORDS
        if ordered and (results := self._by_price(parsed.filters, k, descending=sort == "price_desc")):
            return SearchResponse(
                query=parsed.query,
                filters=parsed.filters.public(),
                results=results,
                timings_ms={"parse": round((t1 - t0) * 1e3, 2), "total": round((time.perf_counter() - t0) * 1e3, 2)},
            )
        text = parsed.semantic_text or parsed.query
        dense = list(self.embedder.embed_query(text))
        sparse = self.sparse.query(text)
        image = self._image_leg(text, image_leg)
        t2 = time.perf_counter()
        results, relaxation = self._search_with_relaxation(parsed, dense, sparse, k, image=image)
        t3 = time.perf_counter()
        timings = {
            "parse": (t1 - t0) * 1e3,
            "embed": (t2 - t1) * 1e3,
            "search": (t3 - t2) * 1e3,
            "total": (t3 - t0) * 1e3,
        }
        return SearchResponse(
            query=parsed.query,
            filters=parsed.filters.public(),
            results=results,
            relaxation=relaxation,
            timings_ms={k_: round(v, 2) for k_, v in timings.items()},
        )

    def _check_k(self, k: int | None) -> int:
        k = per_request(self.settings, "default_k") if k is None else k
        if not 1 <= k <= self.settings.max_k:
            raise QueryError(ErrorCode.invalid_k, f"k must be between 1 and {self.settings.max_k}, got {k}.")
        return k

    def _search_with_relaxation(
        self,
        parsed: ParsedQuery,
        dense: list[float] | None,
        sparse: SparseVec | None,
        k: int,
        image: list[float] | None = None,
        leg: Leg = Leg.hybrid,
        copies: Copies | None = None,
    ) -> tuple[list[SearchResult], Relaxation | None]:
        """When nothing fits every constraint: first try dropping a single constraint
        (least essential first), then drop them cumulatively; every relaxed result says
        where it differs from the request."""
        filters = parsed.filters
        results = self._run(filters, dense, sparse, k, image, leg, copies)
        if len(results) == 1 and k >= 3 and filters.include_terms:
            return self._topped_up(results, filters, dense, sparse, k, image, leg, copies)
        if results or not filters.public():
            return results, None
        wider = _other_shades(filters)
        if wider is not None and (results := self._run(wider, dense, sparse, k, image, leg, copies)):
            if len(results) == 1 and k >= 3 and wider.include_terms:  # "tan loafers": the one, then the nearest
                results, _ = self._topped_up(results, wider, dense, sparse, k, image, leg, copies)
            for r in results:
                r.differs = violations(r, filters) or None
            named = " or ".join(as_list(filters.colour))
            message = f"Nothing matches in exactly {named}; showing its nearest shades. Each says what differs."
            return results, Relaxation(dropped=["colour"], message=message)
        for term in self._droppable_terms(filters.include_terms):
            fewer = filters.model_copy(update={"include_terms": [t for t in filters.include_terms if t != term]})
            if results := self._run(fewer, dense, sparse, k, image, leg, copies):  # "analog, leather strap": one word
                for r in results:
                    r.differs = violations(r, filters) or None
                message = (
                    f'No product matches all of your constraints ("{term}" in the name). Showing the nearest '
                    "items without it; each says what differs."
                )
                return results, Relaxation(dropped=["include_terms"], message=message)
        droppable = [n for n in _RELAX_ORDER if _without(filters, n) != filters]
        attempts = [[n] for n in droppable] + [droppable[:i] for i in range(2, len(droppable) + 1)]
        for dropped in attempts:
            relaxed = filters
            for name in dropped:
                relaxed = _without(relaxed, name)
            results = self._run(relaxed, dense, sparse, k, image, leg, copies)
            if results:
                for r in results:
                    r.differs = violations(r, filters) or None
                wanted = "; ".join(_describe(n, filters) for n in dropped)
                message = (
                    f"No product matches all of your constraints ({wanted}). Showing the nearest items "
                    f"without {'it' if len(dropped) == 1 else 'them'}; each says what differs."
                )
                return results, Relaxation(dropped=dropped, message=message)
        return [], Relaxation(dropped=droppable, message="Nothing in the catalog matches this request.")

    def _by_price(self, filters: SearchFilters, k: int, descending: bool) -> list[SearchResult]:
        """The ``k`` cheapest (or priciest) products under ``filters``, one per title and colour,
        those in stock first: a sold-out one at the top of "cheapest first" is one nobody can
        buy."""
        results: list[SearchResult] = []
        for stocked in (True, False):
            flt = to_filter_spec(filters.model_copy(update={"in_stock_only": stocked or filters.in_stock_only}))
            ids = [str(i) for i in self.store.ordered(flt, "price", descending, 4 * k)]
            records = self.db.get_records(ids)
            seen = {(r.title.lower(), r.colour) for r in results}
            for pid in ids:
                record = records.get(pid)
                if record is None or violations(record, filters) or (record.title.lower(), record.colour) in seen:
                    continue
                seen.add((record.title.lower(), record.colour))
                results.append(SearchResult(**record.model_dump(), score=0.0))
            if len(results) >= k or filters.in_stock_only:
                break
        return results[:k]

    def _droppable_terms(self, terms: list[str]) -> list[str]:
        """The words a name must have, in the order to try without each: the last said first
        ("analog, leather strap": the strap), a brand last ("leather wallets" then "any from
        fossil?": Fossil's wallets, leather or not)."""
        if len(terms) < 2:
            return []
        return sorted(reversed(terms), key=lambda term: term.lower() in self.lexicon.brands)

    def _topped_up(
        self,
        exact: list[SearchResult],
        filters: SearchFilters,
        dense: list[float] | None,
        sparse: SparseVec | None,
        k: int,
        image: list[float] | None,
        leg: Leg,
        copies: Copies | None,
    ) -> tuple[list[SearchResult], Relaxation | None]:
        """One product alone has the words named ("olive cargo pants"): it first, then the
        nearest of the same kind without those words, each saying what differs, so the
        shopper has a list to choose from and "the 2nd one" means something."""
        wider = _without(filters, "include_terms")
        seen = {r.id for r in exact}
        nearest = [r for r in self._run(wider, dense, sparse, k, image, leg, copies) if r.id not in seen]
        if not nearest:
            return exact, None
        for r in nearest:
            r.differs = violations(r, filters) or None
        message = (
            f"Only 1 product matches all of your constraints; the rest are the nearest without "
            f"{_describe('include_terms', filters)}, each saying what differs."
        )
        listed = sorted([*exact, *nearest], key=lambda r: not r.in_stock)  # one that can be bought first
        return listed[:k], Relaxation(dropped=["include_terms"], message=message)

    def find(self, text: str, filters: SearchFilters, k: int) -> list[SearchResult]:
        """Products for ``text`` under exactly ``filters`` (no parsing, no relaxation):
        the building block for tools that compose their own constraints."""
        dense = list(self.embedder.embed_query(text))
        return self._run(filters, dense, self.sparse.query(text), k)

    def similar(self, product_id: str, filters: SearchFilters, k: int) -> list[SearchResult]:
        """Products nearest to ``product_id``'s own vector under ``filters`` (itself excluded)."""
        vector = self.store.vector_of(int(product_id))
        if vector is None:
            return []
        hits = self.store.query(vector, None, to_filter_spec(filters), k + 1, leg=Leg.dense, with_payload=False)
        records = self.db.get_records([str(h.id) for h in hits if str(h.id) != product_id])
        results = [
            SearchResult(**records[str(h.id)].model_dump(), score=round(h.score, 4))
            for h in hits
            if str(h.id) in records and not violations(records[str(h.id)], filters)
        ]
        return results[:k]

    def near_products(
        self, product_ids: list[str], filters: SearchFilters, k: int, exclude: set[str] | None = None
    ) -> list[SearchResult]:
        """Products nearest to the mean vector of ``product_ids`` (e.g. a session's views)."""
        vectors = [v for v in (self.store.vector_of(int(pid)) for pid in product_ids) if v is not None]
        if not vectors:
            return []
        mean = [sum(col) / len(vectors) for col in zip(*vectors)]
        exclude = exclude or set()
        hits = self.store.query(
            mean, None, to_filter_spec(filters), k * 4 + len(exclude), leg=Leg.dense, with_payload=False
        )
        records = self.db.get_records([str(h.id) for h in hits if str(h.id) not in exclude])
        results, titles = [], set()
        for h in hits:
            record = records.get(str(h.id))
            if record is None or record.title.lower() in titles or violations(record, filters):
                continue
            titles.add(record.title.lower())
            results.append(SearchResult(**record.model_dump(), score=round(h.score, 4)))
        return results[:k]

    def _run(
        self,
        filters: SearchFilters,
        dense: list[float] | None,
        sparse: SparseVec | None,
        k: int,
        image: list[float] | None = None,
        leg: Leg = Leg.hybrid,
        copies: Copies | None = None,
    ) -> list[SearchResult]:
        """One store query, hydrated; ``copies`` (a photo query's lens step) puts the copies
        of the photo it finds under the same filters first."""
        flt = to_filter_spec(filters)
        hits = self.store.query(
            dense,
            sparse,
            flt,
            min(max(k * 6, 30), 300),
            leg=leg,
            fusion=per_request(self.settings, "fusion"),
            prefetch_limit=max(per_request(self.settings, "prefetch_limit"), k * 3),
            rrf_k=per_request(self.settings, "rrf_k"),
            with_payload=False,  # hydrated from SQLite below
            image=image,
        )
        if copies is not None:
            found = copies(flt)
            ids = {h.id for h in found}
            hits = found + [h for h in hits if h.id not in ids]
        seen: set[tuple[str, str | None]] = set()
        in_stock: list[SearchResult] = []
        sold_out: list[SearchResult] = []
        # hydrate in chunks and stop once k in-stock results are known: the same top k as
        # hydrating every hit (sold-out items only ever fill in after in-stock ones)
        for start in range(0, len(hits), 2 * k):
            chunk = hits[start : start + 2 * k]
            records = self.db.get_records([str(h.id) for h in chunk])
            for hit in chunk:
                record = records.get(str(hit.id))
                if record is None or violations(record, filters):
                    continue  # gone from SQLite, or its price/stock changed after indexing
                key = (record.title.lower(), record.colour)
                if key in seen:
                    continue
                seen.add(key)
                result = SearchResult(**record.model_dump(), score=round(hit.score, 4))
                (in_stock if record.in_stock else sold_out).append(result)
            if len(in_stock) >= k:
                break
        return (in_stock + sold_out)[:k]

"""The same retrieval cases on both store implementations (as qdrant-client's own
congruence tests): embedded qdrant-edge vs qdrant-client, in local mode always and against
a real Qdrant server or cluster when ``QDRANT_URL`` (and ``QDRANT_API_KEY`` if it needs
one) is set. Same points in, same results out.

With 400 points a server searches them by full scan (under its default
``full_scan_threshold``), so its results are exact, as the embedded shard's are; each run
writes to its own uniquely named collection and deletes it afterwards."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from catalog import CatalogDB, content_hash, load_catalog, simulate_commerce
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.filters import payload_for, to_filter_spec
from retrieval.query_parser import SearchFilters, parse_query
from retrieval.stores import IndexPoint, Leg, VectorStore
from retrieval.stores.edge import EdgeStore
from retrieval.stores.remote import ClientStore
from retrieval.vocabulary import title_word_forms

CASES = [
    "navy shirt for men",
    "black watch for women under 3000",
    "casual shoes size UK9",
    "red tops not black",
    "sports shoes no leather",
    "kurta",
    "white tshirt for men between 300 and 900",
    "女士手提包",
]
N = 400


@pytest.fixture(scope="module")
def points(tmp_path_factory: pytest.TempPathFactory, catalog_dir: Path, embedder: TextEmbedder) -> list[IndexPoint]:
    tmp = tmp_path_factory.mktemp("congruence")
    products = load_catalog(catalog_dir, limit=N, check_images=False).products
    db = CatalogDB(tmp / "db.sqlite3")
    db.upsert_products((p, simulate_commerce(p, 7)) for p in products)
    records = db.get_records([p.id for p in products])
    sparse = SparseEncoder()
    texts = [p.text_for_embedding() for p in products]
    dense = embedder.embed_documents(texts)
    db.close()
    return [
        IndexPoint(int(p.id), dense[i].tolist(), sparse.document(texts[i]), payload_for(records[p.id], content_hash(p)))
        for i, p in enumerate(products)
    ]


def _filled(store: VectorStore, points: list[IndexPoint], dim: int) -> VectorStore:
    store.ensure_collection(dim)
    store.upsert(points)
    store.finish_indexing()
    return store


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory, points: list[IndexPoint], embedder: TextEmbedder) -> EdgeStore:
    store = _filled(EdgeStore(tmp_path_factory.mktemp("congruence-edge") / "edge"), points, embedder.dim)
    yield store
    store.close()


@pytest.fixture(scope="module", params=["local", "server"])
def stores(request: pytest.FixtureRequest, edge: EdgeStore, points: list[IndexPoint], embedder: TextEmbedder):
    """(embedded, client) pairs: qdrant-client's local mode, then a server when QDRANT_URL is set."""
    url = os.environ.get("QDRANT_URL")
    if request.param == "server" and not url:
        pytest.skip("no Qdrant server: set QDRANT_URL (and QDRANT_API_KEY) to run the congruence suite against one")
    location = url if request.param == "server" else ":memory:"
    client = ClientStore(location, f"congruence-{uuid.uuid4().hex[:8]}", api_key=os.environ.get("QDRANT_API_KEY"))
    try:
        yield edge, _filled(client, points, embedder.dim)
    finally:
        if request.param == "server":
            client.client.delete_collection(client.collection)
        client.close()


def _run_both(stores, embedder: TextEmbedder, query: str, leg: Leg):
    edge, client = stores
    parsed = parse_query(query)
    flt = to_filter_spec(parsed.filters)
    text = parsed.semantic_text or query
    dense = list(embedder.embed_query(text))
    sparse = SparseEncoder().query(text)
    return edge.query(dense, sparse, flt, 10, leg=leg), client.query(dense, sparse, flt, 10, leg=leg)


@pytest.mark.parametrize("query", CASES)
@pytest.mark.parametrize("leg", [Leg.dense, Leg.sparse])
def test_single_legs_score_identically(stores, embedder: TextEmbedder, query: str, leg: Leg) -> None:
    a, b = _run_both(stores, embedder, query, leg)
    assert len(a) == len(b)
    assert [h.score for h in a] == pytest.approx([h.score for h in b], rel=1e-3, abs=1e-5)
    # equal scores may come in either order; every point scored above the last tie agrees
    if a:
        cut = a[-1].score + 1e-5
        assert {h.id: round(h.score, 4) for h in a if h.score > cut} == {
            h.id: round(h.score, 4) for h in b if h.score > cut
        }


@pytest.mark.parametrize("query", CASES)
def test_fused_results_agree(stores, embedder: TextEmbedder, query: str) -> None:
    """RRF fuses ranks, and the two engines order a leg's tied scores (common in BM25)
    differently, so fused scores can shift by a rank; the result sets must still agree."""
    a, b = _run_both(stores, embedder, query, Leg.hybrid)
    assert len(a) == len(b)
    if a:
        overlap = len({h.id for h in a} & {h.id for h in b}) / len(a)
        # queries like "女士手提包" -> "Handbags Women" give many exactly tied BM25 scores,
        # so up to half of the fused top 10 may legitimately differ
        assert overlap >= 0.5, (query, [h.id for h in a], [h.id for h in b])


def test_counts_and_hashes_agree(stores) -> None:
    edge, client = stores
    assert edge.count() == client.count() == N
    assert edge.payload_hashes() == client.payload_hashes()


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(in_stock_only=True),
        SearchFilters(in_stock_only=True, gender="Women", price_max=1500),
        SearchFilters(size="M", colour=["Black", "White"]),
        SearchFilters(exclude_colours=["Black"], category="Footwear"),
    ],
)
def test_filters_select_the_same_points(stores, embedder: TextEmbedder, filters: SearchFilters) -> None:
    """Exact (dense, brute-force-sized) results under each filter kind are equal sets."""
    edge, client = stores
    dense = list(embedder.embed_query("something nice"))
    a = edge.query(dense, None, to_filter_spec(filters), N, leg=Leg.dense)
    b = client.query(dense, None, to_filter_spec(filters), N, leg=Leg.dense)
    assert a and {h.id for h in a} == {h.id for h in b}


@pytest.mark.parametrize("term", ["hoodie", "sandals", "stripes"])
def test_a_title_word_finds_every_spelling_the_titles_use(stores, points, embedder: TextEmbedder, term: str) -> None:
    """A word the name must have matches the ways the titles spell it ("hoodie": the
    titles say "hood", "hooded" or "hoody"; "sandals" or "sandal"; "stripe" or "stripes"),
    on both stores, and its exclusion leaves them all out."""
    forms = set(title_word_forms(term))
    said = {p.id for p in points if forms & set(re.findall(r"[a-z]+", p.payload["title"].lower()))}
    as_written = {p.id for p in points if term in re.findall(r"[a-z]+", p.payload["title"].lower())}
    assert len(said) > len(as_written)  # the case this test is about is in these 400 products
    dense = list(embedder.embed_query(term))
    for store in stores:
        found = store.query(dense, None, to_filter_spec(SearchFilters(include_terms=[term])), N, leg=Leg.dense)
        left = store.query(dense, None, to_filter_spec(SearchFilters(exclude_terms=[term])), N, leg=Leg.dense)
        assert {h.id for h in found} == said
        assert not {h.id for h in left} & said and len(left) == N - len(said)


@pytest.mark.parametrize(
    ("filters", "descending"),
    [
        (SearchFilters(in_stock_only=True), False),
        (SearchFilters(gender="Women", price_min=500), True),
        (SearchFilters(category="Footwear", exclude_colours=["Black"]), False),
    ],
)
def test_ordering_by_price_gives_the_same_points_in_the_same_order(
    stores, points, embedder: TextEmbedder, filters: SearchFilters, descending: bool
) -> None:
    """Both stores order every point under the filters (the same set an exact search under
    them finds) by its price payload, ties by id; a short limit is the head of that order."""
    flt = to_filter_spec(filters)
    every = [store.ordered(flt, "price", descending, N) for store in stores]
    assert len(every[0]) > 20 and every[0] == every[1]
    under = stores[0].query(list(embedder.embed_query("something nice")), None, flt, N, leg=Leg.dense)
    assert set(every[0]) == {h.id for h in under}
    prices = {p.id: p.payload["price"] for p in points}
    assert every[0] == sorted(every[0], key=lambda i: (-prices[i] if descending else prices[i], i))
    for store in stores:
        assert [prices[i] for i in store.ordered(flt, "price", descending, 10)] == [prices[i] for i in every[0][:10]]

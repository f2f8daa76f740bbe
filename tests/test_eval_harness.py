"""The grounded eval harness: each metric catches a deliberately broken answer and
passes a correct one; photo-search scenarios run in-process and over HTTP, and a store
without photo vectors is reported, not crashed on; and the CI gate (50 scenarios, rule
planner, thresholds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent import Assistant, ChatResponse, GroundingChecker
from agent.models import OutfitBundle
from catalog import CatalogDB
from config import Settings
from evals.grounded import (
    HttpClient,
    InProcessClient,
    build_suite,
    check_turn,
    compare,
    gate,
    markdown,
    photo_file,
    run_grounded_eval,
)
from evals.scenarios import Expect, Scenario
from retrieval import ProductSearch, ingest
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.stores import open_store
from tools import Toolkit


@pytest.fixture(scope="module")
def bot(search: ProductSearch):
    kit = Toolkit(search)
    assistant = Assistant(kit)
    yield assistant, kit
    assistant.close()
    kit.close()


def _good(bot) -> ChatResponse:
    assistant, _ = bot
    return assistant.chat("black watch for women under 5000")


def test_correct_answer_passes_every_metric(bot, search: ProductSearch) -> None:
    response = _good(bot)
    result = check_turn(
        response,
        Expect(constraints={"article_type": "Watches", "price_max": 5000}),
        None,
        search.db,
        GroundingChecker(search.db),
    )
    assert result.hallucinated == 0 and result.unfaithful == 0 and result.claims > 0
    assert result.products_ok == result.products_shown > 0


def test_wrong_price_is_unfaithful(bot, search: ProductSearch) -> None:
    response = _good(bot)
    p = response.products[0]
    broken = response.model_copy(
        update={"answer": response.answer.replace(f"₹{p.price:.0f}", f"₹{p.price - 100:.0f}", 1)}
    )
    result = check_turn(broken, Expect(), None, search.db, GroundingChecker(search.db))
    assert result.unfaithful == 1


def test_unknown_product_is_a_hallucination(bot, search: ProductSearch) -> None:
    response = _good(bot)
    broken = response.model_copy(update={"answer": response.answer + "\nAlso try the Rolex Women Oyster Gold Watch."})
    assert check_turn(broken, Expect(), None, search.db, GroundingChecker(search.db)).hallucinated == 1
    ghost = response.products[0].model_copy(update={"id": "999999999"})
    with_ghost = response.model_copy(update={"products": [*response.products, ghost]})
    assert check_turn(with_ghost, Expect(), None, search.db, GroundingChecker(search.db)).hallucinated == 1


def test_violated_budget_and_constraints_are_caught(bot, search: ProductSearch) -> None:
    assistant, _ = bot
    response = assistant.chat("outfit for office for men under 9000")
    over = response.model_copy(
        update={
            "outfits": [
                OutfitBundle(items=o.items, total_price=o.total_price, explanation=o.explanation)
                for o in response.outfits
            ]
        }
    )
    ok = check_turn(over, Expect(outfit_budget=9000), None, search.db, GroundingChecker(search.db))
    assert ok.checks["outfit_budget"]
    tight = check_turn(over, Expect(outfit_budget=100), None, search.db, GroundingChecker(search.db))
    assert not tight.checks["outfit_budget"]
    watches = _good(bot)
    wrong = check_turn(
        watches,
        Expect(constraints={"article_type": "Watches", "price_max": 10}),
        None,
        search.db,
        GroundingChecker(search.db),
    )
    assert wrong.products_ok < wrong.products_shown


def test_refusal_metric(bot, search: ProductSearch) -> None:
    assistant, _ = bot
    honest = assistant.chat("do you sell laptops?")
    assert check_turn(honest, Expect(refusal=True), None, search.db, GroundingChecker(search.db)).checks["refusal"]
    pretend = _good(bot)
    assert not check_turn(pretend, Expect(refusal=True), None, search.db, GroundingChecker(search.db)).checks["refusal"]


def _photo_scenarios(db: CatalogDB, count: int) -> list[Scenario]:
    """The first ``count`` photo scenarios the suite builds from this catalog."""
    return [s for s in build_suite(db) if s.kind == "photo_search"][:count]


def test_photo_scenarios_run_in_process_and_over_http(bot, search: ProductSearch, photo_vectors, live_server) -> None:
    """A catalog photo as the query, through the assistant and through POST /v1/chat with
    a base64 ``image`` (the same photo must give the same verdicts both ways): a "like
    this" scenario passes, and "like this but in <colour>" shows only that colour. Not
    every "like this" turn reaches the same-type bar on this subset (that is the model's
    quality, reported by the full suite), so the bar is not asserted for all of them."""
    assistant, _ = bot
    scenarios = _photo_scenarios(search.db, 3)
    assert len(scenarios) == 3 and all(photo_file(search.db, t.photo) for s in scenarios for t in s.turns)
    kinds = []
    for client in (InProcessClient(assistant), HttpClient(live_server.url)):
        report = run_grounded_eval(scenarios, client, search.db)
        kind = report["by_kind"]["photo_search"]
        assert kind["turns"] == 6 and report["photo_unavailable"]["turns"] == 0, markdown(report)
        assert kind["hallucinated_products"] == 0 and kind["constraint_satisfaction"] == 1.0, markdown(report)
        failed = {(f["scenario"], f["turn"]): f["failed"] for f in report["failures"]}
        assert all(names == ["same_type"] for names in failed.values()), markdown(report)  # colour turns all pass
        assert any((s.id, 0) not in failed for s in scenarios), markdown(report)  # a photo scenario passes whole
        assert not gate(report), markdown(report)
        kinds.append({k: v for k, v in kind.items() if not k.startswith("latency")})
    assert kinds[0] == kinds[1]


def test_wrong_type_and_wrong_colour_photo_answers_are_caught(bot, search: ProductSearch, photo_vectors) -> None:
    assistant, _ = bot
    scenario = _photo_scenarios(search.db, 1)[0]
    like, in_colour = scenario.turns
    photo = photo_file(search.db, like.photo)
    client = InProcessClient(assistant)
    checker = GroundingChecker(search.db)
    honest = client.chat(like.message, None, photo)
    assert check_turn(honest, like.expect, None, search.db, checker).checks["same_type"]
    wanted = search.db.get_record(like.photo).article_type
    other_type = "Watches" if wanted != "Watches" else "Handbags"
    elsewhere = assistant.chat(f"{_TYPE_WORDS[other_type]} for women")
    assert elsewhere.products and all(p.article_type == other_type for p in elsewhere.products)
    wrong_type = honest.model_copy(update={"products": elsewhere.products})
    result = check_turn(wrong_type, like.expect, None, search.db, checker)
    assert not result.checks["same_type"] and result.same_type_share == 0.0
    assert not check_turn(honest.model_copy(update={"products": []}), like.expect, None, search.db, checker).checks[
        "same_type"
    ]  # "like this" with nothing shown fails too

    colour = in_colour.expect.colour
    honest = client.chat(in_colour.message, None, photo)
    ok = check_turn(honest, in_colour.expect, None, search.db, checker)
    assert ok.checks["colour"] and ok.products_ok == ok.products_shown > 0
    other_colour = next(
        p
        for p in (assistant.chat(f"{_TYPE_WORDS[wanted]}").products + assistant.chat("watch for men").products)
        if p.colour != colour
    )
    wrong_colour = honest.model_copy(update={"products": [*honest.products, other_colour]})
    bad = check_turn(wrong_colour, in_colour.expect, None, search.db, checker)
    assert not bad.checks["colour"] and bad.products_ok == bad.products_shown - 1


_TYPE_WORDS = {
    "Watches": "watch",
    "Handbags": "handbag",
    "Tshirts": "t-shirt",
    "Shirts": "shirt",
    "Tops": "top",
    "Casual Shoes": "sneakers",
    "Sports Shoes": "running shoes",
    "Kurtas": "kurta",
    "Heels": "heels",
    "Jeans": "jeans",
    "Flip Flops": "flip flops",
    "Sandals": "sandals",
    "Dresses": "dress",
    "Kurtis": "kurti",
    "Trousers": "trousers",
    "Sunglasses": "sunglasses",
    "Backpacks": "backpack",
    "Wallets": "wallet",
}


def test_photo_turns_without_photo_vectors_are_reported_not_crashed(
    catalog_dir: Path, embedder: TextEmbedder, tmp_path: Path
) -> None:
    """An index ingested without photos: every photo turn is a failed ``photo_search``
    expectation with the reason (in-process, and over HTTP where the server answers 503),
    and the gate fails on it; text scenarios still run."""
    from server import create_app
    from tests.server_helpers import LiveServer

    settings = Settings(catalog=catalog_dir, data_dir=tmp_path)
    db = CatalogDB(settings.sqlite_path)
    store = open_store(settings)
    ingest(settings.catalog, db, store, embedder, SparseEncoder(), settings.commerce_seed, limit=120)
    store.close()
    db.close()
    search = ProductSearch.from_settings(settings, embedder=embedder)
    kit = Toolkit(search)
    assistant = Assistant(kit)
    try:
        assert not search.has_image_vectors()
        suite = build_suite(search.db)
        scenarios = [s for s in suite if s.kind == "photo_search"][:1] + [
            s for s in suite if s.kind == "search_constraints"
        ][:1]
        report = run_grounded_eval(scenarios, InProcessClient(assistant), search.db)
        with LiveServer(create_app(settings, search=search)) as server:
            over_http = run_grounded_eval(scenarios, HttpClient(server.url), search.db)
    finally:
        assistant.close()
        kit.close()
        search.close()
    for result in (report, over_http):
        assert result["photo_unavailable"]["turns"] == 2
        assert "no photo vectors" in result["photo_unavailable"]["reasons"][0]
        assert result["by_kind"]["photo_search"]["expectations_passed"] == 0.0
        assert result["by_kind"]["search_constraints"]["turns"] == 1
        assert any("2 photo turns could not run" in problem for problem in gate(result))
        assert "could not run" in markdown(result)
    assert "503 store_unavailable" in over_http["photo_unavailable"]["reasons"][0]


def test_ci_gate_fast_subset(bot, search: ProductSearch, photo_vectors) -> None:
    """50 text scenarios plus their 5 photo ones with the rule planner must meet the
    thresholds (a failure prints them)."""
    assistant, _ = bot
    scenarios = build_suite(search.db, n=50)
    assert sum(s.kind == "photo_search" for s in scenarios) == 5
    report = run_grounded_eval(scenarios, InProcessClient(assistant), search.db)
    problems = gate(report)
    assert not problems, "\n".join(problems) + "\n" + markdown(report)
    worse = {"systems": {"rules": {**report["systems"]["rules"], "claim_faithfulness": 0.9}}}
    assert compare(worse, report) == [
        f"rules.claim_faithfulness: {report['systems']['rules']['claim_faithfulness']} -> 0.9"
    ]


def test_leaving_a_session_cancels_the_orders_it_placed(bot, live_server) -> None:
    """`leave` (called by the language eval after each conversation) cancels what the session
    ordered, through the assistant and over HTTP alike, so its units are back in stock."""
    import httpx

    assistant, _ = bot
    for client, statuses in (
        (InProcessClient(assistant), lambda s: [o.status for o in assistant.kit.list_orders(s)]),
        (
            HttpClient(live_server.url),
            lambda s: [o["status"] for o in httpx.get(f"{live_server.url}/v1/sessions/{s}/orders").json()],
        ),
    ):
        session: str | None = None
        for message in ("wallets for men", "add the first one", "checkout", "yes, place the order"):
            session = client.chat(message, session).session_id
        assert session is not None and statuses(session) == ["placed"]
        client.leave(session)
        assert statuses(session) == ["cancelled"]

"""The language benchmark's data and checks: the hand-written suite loads with every
conversation's split fixed, and the checks pass a right answer and catch planted wrong
ones (through the real assistant on the catalog subset)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from agent import Assistant
from config import Settings
from evals.language import DATA_DIR, Expect, Need, check_turn, load_suite
from retrieval.embedding import TextEmbedder


def test_the_suite_loads_with_fixed_splits() -> None:
    suite = load_suite()
    assert len(suite) >= 150 and sum(len(c.turns) for c in suite) >= 400
    assert {c.lang for c in suite} == {"en", "zh"} and {c.split for c in suite} == {"dev", "test"}
    for path in DATA_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["split"] in ("dev", "test"), path.name  # never computed from the suite


def test_checks_pass_a_right_answer_and_catch_wrong_ones(assistant: Assistant) -> None:
    db = assistant.kit.search.db
    response = assistant.chat("cheapest watches")
    expect = Expect(shows="products", each=Need(article_type="Watches"), sort="price_asc")
    right = check_turn(response, expect, [], [], None, db)
    assert right.ok, right.checks
    reversed_order = response.model_copy(update={"products": list(reversed(response.products))})
    assert not check_turn(reversed_order, expect, [], [], None, db).checks["sort"]
    wrong_type = check_turn(response, Expect(each=Need(article_type="Shirts")), [], [], None, db)
    assert wrong_type.shown_ok == 0 and not wrong_type.ok
    assert wrong_type.broken == {"article_type": wrong_type.shown}  # the failure says what was missed
    two_needs = Expect(needs=[Need(article_type="Shirts", price_max=1), Need(article_type="Watches", price_max=1)])
    closest = check_turn(response, two_needs, [], [], None, db)
    assert closest.shown_ok == 0 and closest.broken == {"price_max": closest.shown}
    listed = list(db.get_records([p.id for p in response.products]).values())
    question = assistant.chat("how much is the second one?", response.session_id)
    by_position = [p for p in response.products if p.id in {q.id for q in listed}]
    reference = check_turn(question, Expect(refers_to=2, states_price=True), by_position, by_position, None, db)
    assert reference.ok, (question.answer, reference.checks)
    wrong_reference = check_turn(question, Expect(refers_to=3), by_position, by_position, None, db)
    assert not wrong_reference.checks["reference"]


def test_a_round_of_paraphrases_keeps_its_originals_expectations() -> None:
    """Every paraphrase (`<original>-pN`) is dev and has its original's turns, each with the
    original turn's expectation unchanged: only the words differ."""
    suite = {c.id: c for c in load_suite()}
    paraphrases = [c for c in suite.values() if "-p" in c.id]
    assert len(paraphrases) >= 600 and all(c.split == "dev" for c in paraphrases)
    for paraphrase in paraphrases:
        original = suite[paraphrase.id.rsplit("-p", 1)[0]]
        assert [t.expect for t in paraphrase.turns] == [t.expect for t in original.turns], paraphrase.id
        assert [t.message for t in paraphrase.turns] != [t.message for t in original.turns], paraphrase.id


def test_the_cli_runs_one_round_or_rejects_a_bad_pattern() -> None:
    """`--ids` picks conversations by id; a pattern that is no regular expression is a
    clear usage error, not a traceback."""
    from typer.testing import CliRunner

    from cli.main import app

    invoked = CliRunner().invoke(app, ["eval", "language", "--ids", "(", "--validate"])
    assert invoked.exit_code == 2 and "regular expression" in invoked.output, invoked.output


def test_an_eval_shops_on_a_copy_of_the_data_directory(subset_index: Settings, embedder: TextEmbedder) -> None:
    """The language eval places orders through the real assistant: on a scratch copy of the
    data directory (`evals.scratch`), so the directory it was given keeps no order, no cart
    and all its stock, and the copy is gone afterwards."""
    from agent import AssistantStack
    from evals.scratch import scratch_data_dir
    from retrieval import ProductSearch

    def shop_state(settings: Settings) -> tuple[int, int, int]:
        with sqlite3.connect(settings.sqlite_path) as db:
            orders = db.execute("select count(*) from orders").fetchone()[0]
            carts = db.execute("select count(*) from cart_items").fetchone()[0]
            units = db.execute("select sum(units) from stock").fetchone()[0]
        return orders, carts, units

    before = shop_state(subset_index)
    with scratch_data_dir(subset_index) as scratch:
        assert scratch.data_dir != subset_index.data_dir
        search = ProductSearch.from_settings(scratch, embedder=embedder)
        with AssistantStack(scratch, search=search) as stack:
            socks = stack.assistant.chat("socks for men")
            stack.assistant.chat("add the first one", socks.session_id)
            stack.assistant.chat("checkout", socks.session_id)
            placed = stack.assistant.chat("yes", socks.session_id)
            assert "placed" in placed.answer.lower(), placed.answer
        search.close()
        assert shop_state(scratch)[0] == before[0] + 1  # the order is in the copy
        copy = scratch.data_dir
    assert shop_state(subset_index) == before and not copy.exists()


def test_validation_catches_an_outfit_no_catalog_look_can_meet(assistant: Assistant) -> None:
    """`--validate` checks an outfit's pieces and budget too: a piece no product meets, or a
    budget under its cheapest pieces together, is reported; a look the catalog can make is not."""
    from evals.language import Conversation, LangTurn, OutfitExpect, satisfiable

    def conversation(outfit: OutfitExpect) -> Conversation:
        turn = LangTurn(message="a kurta and juttis, under 2000", expect=Expect(outfit=outfit))
        return Conversation(id="V-001", category="outfit_piece", lang="en", turns=[turn], split="dev")

    db = assistant.kit.search.db
    pieces = [Need(article_type="Watches", gender="Men"), Need(article_type="Belts", gender="Men")]
    assert satisfiable([conversation(OutfitExpect(includes=pieces, budget=100000))], db) == []
    too_cheap = satisfiable([conversation(OutfitExpect(includes=pieces, budget=10))], db)
    assert len(too_cheap) == 1 and "over its ₹10 budget" in too_cheap[0], too_cheap
    unsold = satisfiable([conversation(OutfitExpect(includes=[Need(article_type="Watches", colour="Nope")]))], db)
    assert len(unsold) == 1 and "only 0 products" in unsold[0], unsold


def test_an_order_placed_in_one_conversation_takes_no_stock_from_the_next(assistant: Assistant) -> None:
    """Each conversation starts from the same stock: an order a conversation places is cancelled
    when it ends (its units back), so a later conversation sees the catalog as the first did and
    the report does not depend on the order conversations run in."""
    from pathlib import Path

    from agent.models import ChatResponse
    from evals.grounded import InProcessClient
    from evals.language import Conversation, LangTurn, run_language_eval

    db = assistant.kit.search.db
    first = assistant.chat("wallets for men").products[0]
    before = dict(db.get_record(first.id).stock)
    said = ["wallets for men", "add the first one", "checkout", "yes, place the order"]
    turns = [LangTurn(message=m, expect=Expect(shows="any")) for m in said]
    buyer = Conversation(id="V-002", category="cart", lang="en", turns=turns, split="dev")
    placed: list[str] = []

    class Watching(InProcessClient):
        def chat(self, message: str, session_id: str | None, photo: Path | None = None) -> ChatResponse:
            response = super().chat(message, session_id, photo)
            placed.extend(["placed"] if "is placed" in response.answer else [])
            return response

    run_language_eval([buyer], Watching(assistant), db)
    assert placed, "the conversation placed no order to take back"
    assert dict(db.get_record(first.id).stock) == before


def test_a_writers_brief_holds_the_schema_dev_examples_and_the_catalog(assistant: Assistant, tmp_path) -> None:
    from evals.language_brief import build_brief

    suite = load_suite()
    brief = build_brief(
        "ZZ",
        "Shoppers who ask for socks.",
        "English",
        tmp_path / "ZZ" / "ZZ.jsonl",
        suite,
        assistant.kit.search.db,
        seed=3,
    )
    assert "__" not in brief.replace("__init__", "")  # every placeholder filled
    assert "ZZ-001" in brief and "Shoppers who ask for socks." in brief and str(tmp_path / "ZZ") in brief
    assert "`cart_count`" in brief and "`title_lacks`" in brief and "`anchor`" in brief  # schema from the models
    test_ids = {c.id for c in suite if c.split == "test"}
    shown = set(re.findall(r'"id":"([A-Z]+-\d+(?:-p\d+)?)"', brief))
    assert shown and not shown & test_ids  # examples are dev conversations only
    kinds = {kind for _, _, kind, _, _ in assistant.kit.search.db.sizes_by_kind()}
    assert all(f"**{kind}**" in brief for kind in kinds)
    assert "#### Delivery times" in brief  # the help pages' headings sit under the brief's own
    try:
        build_brief("zz", "x", "English", tmp_path / "x.jsonl", suite, assistant.kit.search.db)
    except ValueError:
        pass
    else:
        raise AssertionError("a lower-case prefix was accepted")
    from catalog import CatalogDB

    empty = CatalogDB(tmp_path / "empty" / "atelier.sqlite3")  # run from a folder with no ingested catalog
    with pytest.raises(ValueError, match="atelier ingest"):
        build_brief("ZZ", "x", "English", tmp_path / "x.jsonl", suite, empty)
    empty.close()


def test_an_edit_of_a_look_keeps_the_piece_it_was_built_around(assistant: Assistant) -> None:
    """After "what jeans and tee go with the 1st pair? 2500 for both", "tee in black pls"
    edits that look: the pair it was built around is neither a piece asked for (``only``) nor
    part of the 2500 (``budget``), though the turn's expectation cannot name it again, and it
    may be named among the pieces kept (``includes``); a new list ends that (the pair is then
    one more piece)."""
    from agent.models import ChatResponse, OutfitBundle
    from evals.language import Conversation, LangTurn, OutfitExpect, run_language_eval

    shoes = assistant.chat("white casual shoes for men").products
    jeans = assistant.chat("jeans for men").products[0]
    tee = assistant.chat("black tshirts for men").products[0]
    pair = shoes[0]
    look = OutfitBundle(
        items=[pair.id, jeans.id, tee.id], total_price=pair.price + jeans.price + tee.price, explanation=""
    )
    budget = jeans.price + tee.price + 1
    edit = OutfitExpect(includes=[Need(article_type="Jeans"), Need(article_type="Tshirts")], only=True, budget=budget)
    script = [
        ("white casual shoes for men", ChatResponse(session_id="s", answer="", products=shoes, intent="search")),
        (
            "what jeans and tee go with the 1st pair?",
            ChatResponse(session_id="s", answer="", outfits=[look], intent="outfit"),
        ),
        ("tee in black pls", ChatResponse(session_id="s", answer="", outfits=[look], intent="outfit")),
        ("white casual shoes for men", ChatResponse(session_id="s", answer="", products=shoes, intent="search")),
        ("tee in black pls", ChatResponse(session_id="s", answer="", outfits=[look], intent="outfit")),
    ]
    kept = edit.model_copy(update={"includes": [*edit.includes, Need(article_type=pair.article_type)]})
    expects = [
        Expect(shows="products"),
        Expect(outfit=edit.model_copy(update={"anchor": 1})),
        Expect(outfit=kept),  # the edit may name the pair among the pieces the look keeps
        Expect(shows="products"),
        Expect(outfit=edit),  # no look was asked of this list: the pair is a piece of its own
    ]

    class Scripted:
        def __init__(self) -> None:
            self.turns = iter(script)

        def chat(self, message: str, session_id: str | None, photo: object = None) -> ChatResponse:
            said, response = next(self.turns)
            assert said == message
            return response

        def cart_ids(self, session_id: str) -> list[str]:
            return []

        def leave(self, session_id: str) -> None:
            pass

    turns = [LangTurn(message=m, expect=e) for (m, _), e in zip(script, expects, strict=True)]
    conversation = Conversation(id="V-003", category="outfit_piece", lang="en", turns=turns, split="dev")
    report = run_language_eval([conversation], Scripted(), assistant.kit.search.db)
    failed = {(f["turn"], tuple(f["failed"])) for f in report["failures"]["dev"]}
    assert failed == {(4, ("outfit_budget", "outfit_only"))}, failed

"""The grounded eval harness: each metric catches a deliberately broken answer and
passes a correct one; and the CI gate (50 scenarios, rule planner, thresholds)."""

from __future__ import annotations

import pytest

from agent import Assistant, ChatResponse, GroundingChecker
from agent.models import OutfitBundle
from evals.grounded import InProcessClient, check_turn, compare, gate, markdown, run_grounded_eval
from evals.scenarios import Expect, build_scenarios
from retrieval import ProductSearch
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
    result = check_turn(response, Expect(constraints={"article_type": "Watches", "price_max": 5000}), None,
                        search.db, GroundingChecker(search.db))
    assert result.hallucinated == 0 and result.unfaithful == 0 and result.claims > 0
    assert result.products_ok == result.products_shown > 0


def test_wrong_price_is_unfaithful(bot, search: ProductSearch) -> None:
    response = _good(bot)
    p = response.products[0]
    broken = response.model_copy(update={"answer": response.answer.replace(f"₹{p.price:.0f}", f"₹{p.price - 100:.0f}", 1)})
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
    over = response.model_copy(update={"outfits": [OutfitBundle(items=o.items, total_price=o.total_price,
                                                                explanation=o.explanation) for o in response.outfits]})
    ok = check_turn(over, Expect(outfit_budget=9000), None, search.db, GroundingChecker(search.db))
    assert ok.checks["outfit_budget"]
    tight = check_turn(over, Expect(outfit_budget=100), None, search.db, GroundingChecker(search.db))
    assert not tight.checks["outfit_budget"]
    watches = _good(bot)
    wrong = check_turn(watches, Expect(constraints={"article_type": "Watches", "price_max": 10}), None, search.db,
                       GroundingChecker(search.db))
    assert wrong.products_ok < wrong.products_shown


def test_refusal_metric(bot, search: ProductSearch) -> None:
    assistant, _ = bot
    honest = assistant.chat("do you sell laptops?")
    assert check_turn(honest, Expect(refusal=True), None, search.db, GroundingChecker(search.db)).checks["refusal"]
    pretend = _good(bot)
    assert not check_turn(pretend, Expect(refusal=True), None, search.db, GroundingChecker(search.db)).checks["refusal"]


def test_ci_gate_fast_subset(bot, search: ProductSearch) -> None:
    """50 scenarios with the rule planner must meet the thresholds (a failure prints them)."""
    assistant, _ = bot
    scenarios = build_scenarios(list(search.db.iter_records()), n=50)
    report = run_grounded_eval(scenarios, InProcessClient(assistant), search.db)
    problems = gate(report)
    assert not problems, "\n".join(problems) + "\n" + markdown(report)
    worse = {"systems": {"rules": {**report["systems"]["rules"], "claim_faithfulness": 0.9}}}
    assert compare(worse, report) == [f"rules.claim_faithfulness: {report['systems']['rules']['claim_faithfulness']} -> 0.9"]

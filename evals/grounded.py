"""``atelier eval grounded``: run the scenario suite through the assistant (in-process
or a live server), check every turn, and report per scenario kind and overall:

- hallucinated_products: products named in an answer that are not in the catalog or not
  among this turn's results (the grounding checker's unknown-product findings on the
  final answer, plus returned product ids unknown to the catalog);
- claim_faithfulness: share of checked price/discount/size/stock/colour claims that
  matched the catalog before any repair (1 - repaired / checked, from the assistant's
  own checker, re-checked independently on the final answer);
- constraint_satisfaction: shown products meeting the turn's constraints (products shown
  after the answer said nothing matches count as satisfied: they are labelled nearest);
- refusal_accuracy: out-of-catalog and impossible requests answered as such;
- same_type_share: on photo turns ("like this" with a catalog product's photo), the share
  of shown products of the photo product's article type (the product itself included:
  the shopper sees it too);
- expectation pass rate, latency p50/p95, planner used.

A photo turn that cannot run (no photo vectors in the index, no image model) does not
stop the run: it counts as a failed ``photo_search`` expectation with the reason, in
``photo_unavailable``, and ``gate`` fails on it (a suite that skipped them is no pass)."""

from __future__ import annotations

import base64
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Protocol

import httpx
from PIL import Image

from agent import Assistant, ChatResponse, GroundingChecker
from catalog import CatalogDB
from evals.judge import FaithfulnessJudge
from evals.metrics import percentile
from evals.scenarios import SUITE_VERSION, Expect, Scenario, Turn, build_scenarios
from retrieval import SearchFilters
from retrieval.filters import violations
from retrieval.stores import StoreError

_REFUSAL_MARKERS = ("don't sell", "do not sell", "No product matches", "Nothing in the catalog", "couldn't find")


class PhotoSearchUnavailable(Exception):
    """A photo turn the system under test cannot serve (no photo vectors, no image
    model): reported with this reason instead of ending the run."""


def photo_file(db: CatalogDB, product_id: str) -> Path | None:
    """A catalog product's own photo on disk, or None when it has no photo file."""
    path = db.image_path(product_id)
    return Path(path) if path and Path(path).is_file() else None


def build_suite(db: CatalogDB, n: int = 320) -> list[Scenario]:
    """The scenario suite (``n`` text scenarios and their photo ones) over the ingested
    catalog; photo queries only from products whose photo file is on this machine."""
    return build_scenarios(list(db.iter_records()), n=n, has_photo=lambda r: photo_file(db, r.id) is not None)


class ChatClient(Protocol):
    def chat(self, message: str, session_id: str | None, photo: Path | None = None) -> ChatResponse: ...

    def cart_ids(self, session_id: str) -> list[str]: ...

    def leave(self, session_id: str) -> None: ...


class InProcessClient:
    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def chat(self, message: str, session_id: str | None, photo: Path | None = None) -> ChatResponse:
        """``photo``: sent as a decoded RGB image, as the server hands it to the assistant."""
        if photo is None:
            return self.assistant.chat(message, session_id)
        with Image.open(photo) as image:
            picture = image.convert("RGB")
        try:
            return self.assistant.chat(message, session_id, photo=picture)
        except (StoreError, FileNotFoundError) as exc:  # no photo vectors / no image model
            raise PhotoSearchUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def cart_ids(self, session_id: str) -> list[str]:
        """One id per unit in the cart (a line of quantity 2 counts twice)."""
        return [
            line.product_id for line in self.assistant.kit.view_cart(session_id).items for _ in range(line.quantity)
        ]

    def leave(self, session_id: str) -> None:
        """The session's orders cancelled, their units back in stock: the next conversation
        starts from the same stock, whichever conversations came before it."""
        kit = self.assistant.kit
        for order in kit.list_orders(session_id):
            if order.status == "placed":
                kit.cancel_order(session_id, order.order_id)


class HttpClient:
    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url.rstrip("/"), timeout=60)

    def chat(self, message: str, session_id: str | None, photo: Path | None = None) -> ChatResponse:
        """``photo``: the file's bytes, base64, in the request's ``image`` field."""
        body: dict = {"message": message, "session_id": session_id}
        if photo is not None:
            body["image"] = base64.b64encode(photo.read_bytes()).decode("ascii")
        response = self.client.post("/v1/chat", json=body)
        if photo is not None and response.status_code == 503:  # store_unavailable / model_unavailable
            error = response.json().get("error", {})
            raise PhotoSearchUnavailable(f"HTTP 503 {error.get('code')}: {error.get('message')}")
        response.raise_for_status()
        return ChatResponse.model_validate(response.json())

    def cart_ids(self, session_id: str) -> list[str]:
        """One id per unit in the cart (a line of quantity 2 counts twice)."""
        return [
            item["product_id"]
            for item in self.client.get(f"/v1/cart/{session_id}").json()["items"]
            for _ in range(item.get("quantity", 1))
        ]

    def leave(self, session_id: str) -> None:
        """The session's orders cancelled (their units back in stock), as ``InProcessClient.leave``."""
        listed = self.client.get(f"/v1/sessions/{session_id}/orders")
        for order in listed.json() if listed.status_code == 200 else []:
            if order.get("status") == "placed":
                self.client.post(f"/v1/sessions/{session_id}/orders/{order['order_id']}/cancel")


class TurnResult:
    def __init__(self) -> None:
        self.checks: dict[str, bool] = {}
        self.hallucinated = 0
        self.claims = 0
        self.unfaithful = 0
        self.products_shown = 0
        self.products_ok = 0
        self.refusal: bool | None = None
        self.latency_ms = 0.0
        self.planner = "rules"
        self.fallback = False
        self.judged: tuple[int, int] | None = None  # LLM judge: (supported, total) claims
        self.same_type_share: float | None = None  # photo "like this" turns
        self.photo_unavailable = False


def check_turn(
    response: ChatResponse,
    expect: Expect,
    previous: ChatResponse | None,
    db: CatalogDB,
    checker: GroundingChecker,
    cart_ids: list[str] | None = None,
) -> TurnResult:
    """All metrics of one turn (pure: usable on any response, e.g. a planted broken one)."""
    result = TurnResult()
    result.planner = response.planner
    result.fallback = response.fallback is not None
    known = db.get_records([p.id for p in response.products])
    result.hallucinated = sum(1 for p in response.products if p.id not in known)
    report = checker.check(response.answer, response.products, [o.total_price for o in response.outfits])
    # names in the text that are no turn product (ids unknown to the catalog are counted above)
    result.hallucinated += sum(1 for v in report.violations if v.kind == "unknown_product" and v.product_id is None)
    result.claims = report.claims_checked + response.grounding.get("claims_checked", 0)
    result.unfaithful = sum(1 for v in report.violations if v.kind != "unknown_product") + response.grounding.get(
        "violations_repaired", 0
    )
    said_none = any(m in response.answer for m in _REFUSAL_MARKERS)
    if expect.constraints:
        filters = SearchFilters.model_validate(expect.constraints)
        for p in response.products:
            result.products_shown += 1
            result.products_ok += said_none or not violations(known.get(p.id, p), filters)
    if expect.refusal:
        claims_match = expect.constraints is None or not response.products
        result.refusal = said_none and (not response.products or "No product matches" in response.answer)
        result.checks["refusal"] = bool(result.refusal and claims_match)
    if expect.cheaper_than_previous and previous is not None and previous.products:
        result.checks["cheaper"] = said_none or (
            bool(response.products)
            and max(p.price for p in response.products) < min(p.price for p in previous.products)
        )
    if expect.colour:
        result.checks["colour"] = said_none or (
            bool(response.products) and all(p.colour == expect.colour for p in response.products)
        )
    if expect.outfit_budget is not None:
        result.checks["outfit_budget"] = (
            bool(response.outfits) and all(o.total_price <= expect.outfit_budget for o in response.outfits)
        ) or "cheapest" in response.answer
    if expect.mentions_previous and previous is not None:
        index = expect.mentions_previous - 1
        result.checks["reference"] = (
            previous.products[index].title in response.answer
            if index < len(previous.products)
            else "only showed" in response.answer
        )
    if expect.in_cart_previous and previous is not None and cart_ids is not None:
        index = expect.in_cart_previous - 1
        result.checks["cart"] = index < len(previous.products) and previous.products[index].id in cart_ids
    if expect.intent:
        result.checks["intent"] = response.intent == expect.intent
    if expect.forbidden:
        lowered = response.answer.lower()
        result.checks["no_forbidden_text"] = not any(f.lower() in lowered for f in expect.forbidden)
    if expect.contains:
        result.checks["contains"] = all(c in response.answer for c in expect.contains)
    if expect.same_type_as:
        wanted = db.get_record(expect.same_type_as)
        wanted_type = wanted.article_type if wanted else None
        types = [known[p.id].article_type if p.id in known else p.article_type for p in response.products]
        result.same_type_share = sum(t == wanted_type for t in types) / len(types) if types else 0.0
        result.checks["same_type"] = bool(types) and result.same_type_share >= expect.min_same_type_share
    return result


def run_grounded_eval(
    scenarios: list[Scenario],
    client: ChatClient,
    db: CatalogDB,
    judge: FaithfulnessJudge | None = None,
    judge_every: int = 1,
) -> dict:
    """Every scenario's turns, checked; with a ``judge``, every ``judge_every``-th turn
    that shows products is also scored by the LLM judge (``llm_judge_faithfulness``)."""
    checker = GroundingChecker(db)
    by_kind: dict[str, list[TurnResult]] = defaultdict(list)
    failures: list[dict] = []
    showing = 0  # turns that showed products so far (the judge samples them)
    unavailable: list[str] = []  # reasons photo turns could not run
    for scenario in scenarios:
        session, previous = None, None
        for number, turn in enumerate(scenario.turns):
            started = time.perf_counter()
            try:
                response = client.chat(turn.message, session, _photo_of(turn, db))
            except PhotoSearchUnavailable as exc:
                by_kind[scenario.kind].append(_unavailable_result())
                unavailable.append(str(exc))
                failures.append(
                    {
                        "scenario": scenario.id,
                        "kind": scenario.kind,
                        "turn": number,
                        "message": turn.message,
                        "failed": ["photo_search"],
                        "hallucinated": 0,
                        "unfaithful_claims": 0,
                        "answer": f"(photo search unavailable: {exc})",
                    }
                )
                continue
            elapsed = (time.perf_counter() - started) * 1e3
            session = response.session_id
            cart_ids = client.cart_ids(session) if turn.expect.in_cart_previous else None
            result = check_turn(response, turn.expect, previous, db, checker, cart_ids)
            result.latency_ms = elapsed
            showing += bool(response.products)
            if judge is not None and response.products and (showing - 1) % judge_every == 0:
                result.judged = judge.judge(
                    response.answer, list(db.get_records([p.id for p in response.products]).values())
                )
            by_kind[scenario.kind].append(result)
            failed = [name for name, ok in result.checks.items() if not ok]
            if failed or result.hallucinated or result.unfaithful or result.products_ok < result.products_shown:
                failures.append(
                    {
                        "scenario": scenario.id,
                        "kind": scenario.kind,
                        "turn": number,
                        "message": turn.message,
                        "failed": failed,
                        "hallucinated": result.hallucinated,
                        "unfaithful_claims": result.unfaithful,
                        "answer": response.answer[:300],
                    }
                )
            previous = response
    kinds = {kind: _summarise(results) for kind, results in sorted(by_kind.items())}
    overall = _summarise([r for results in by_kind.values() for r in results])
    planner = overall.pop("planner")
    return {
        "suite": "grounded",
        "suite_version": SUITE_VERSION,
        "scenarios": len(scenarios),
        "systems": {planner: {"scenarios": len(scenarios), **overall}},
        "by_kind": kinds,
        "failures": failures[:50],
        "failure_count": len(failures),
        "photo_unavailable": {"turns": len(unavailable), "reasons": sorted(set(unavailable))[:5]},
    }


def _photo_of(turn: Turn, db: CatalogDB) -> Path | None:
    """The turn's photo file; a missing one is reported like a photo search that cannot run."""
    if turn.photo is None:
        return None
    path = photo_file(db, turn.photo)
    if path is None:
        raise PhotoSearchUnavailable(f"product {turn.photo} has no photo file")
    return path


def _unavailable_result() -> TurnResult:
    result = TurnResult()
    result.photo_unavailable = True
    result.checks["photo_search"] = False
    return result


def _summarise(results: list[TurnResult]) -> dict:
    checks = [ok for r in results for ok in r.checks.values()]
    refusals = [r.refusal for r in results if r.refusal is not None]
    shown = sum(r.products_shown for r in results)
    claims = sum(r.claims for r in results)
    ran = [r for r in results if not r.photo_unavailable] or results  # skipped turns have no latency
    latencies = [r.latency_ms for r in ran]
    planners = {r.planner for r in ran}
    return {
        "turns": len(results),
        "hallucinated_products": sum(r.hallucinated for r in results),
        "claim_faithfulness": round(1 - sum(r.unfaithful for r in results) / claims, 4) if claims else 1.0,
        "constraint_satisfaction": round(sum(r.products_ok for r in results) / shown, 4) if shown else 1.0,
        "refusal_accuracy": round(sum(refusals) / len(refusals), 4) if refusals else 1.0,
        "expectations_passed": round(sum(checks) / len(checks), 4) if checks else 1.0,
        "latency_p50_ms": round(percentile(latencies, 50), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
        "fallbacks_to_rules": sum(r.fallback for r in results),
        "planner": "+".join(sorted(planners)),
        **_photo_summary(results),
        **_judge_summary(results),
    }


def _photo_summary(results: list[TurnResult]) -> dict:
    shares = [r.same_type_share for r in results if r.same_type_share is not None]
    skipped = sum(r.photo_unavailable for r in results)
    return ({"same_type_share": round(sum(shares) / len(shares), 4)} if shares else {}) | (
        {"photo_turns_unavailable": skipped} if skipped else {}
    )


def _judge_summary(results: list[TurnResult]) -> dict:
    judged = [r.judged for r in results if r.judged is not None]
    if not judged:
        return {}
    claims = sum(total for _, total in judged)
    return {
        "llm_judge_faithfulness": round(sum(s for s, _ in judged) / claims, 4) if claims else 1.0,
        "llm_judge_turns": len(judged),
        "llm_judge_claims": claims,
    }


THRESHOLDS = {
    "hallucinated_products": ("max", 0),
    "claim_faithfulness": ("min", 0.995),
    "constraint_satisfaction": ("min", 0.98),
    "refusal_accuracy": ("min", 0.95),
}


def gate(report: dict) -> list[str]:
    """Readable threshold failures (empty when the report passes)."""
    problems = []
    missing = report.get("photo_unavailable", {})
    if missing.get("turns"):
        problems.append(f"{missing['turns']} photo turns could not run: {'; '.join(missing['reasons'])}")
    for system, metrics in report["systems"].items():
        for name, (kind, bound) in THRESHOLDS.items():
            value = metrics[name]
            if (kind == "max" and value > bound) or (kind == "min" and value < bound):
                problems.append(f"{system}.{name} = {value} (must be {'<=' if kind == 'max' else '>='} {bound})")
    return problems


def compare(report: dict, baseline: dict) -> list[str]:
    """Metrics that got worse than the saved baseline (beyond noise for latency)."""
    regressions = []
    for system, metrics in report["systems"].items():
        old = baseline.get("systems", {}).get(system, {})
        for name, value in metrics.items():
            if name not in old or not isinstance(value, (int, float)):
                continue
            worse = (
                value > old[name]
                if name == "hallucinated_products"
                else value > old[name] * 1.5 + 5
                if name.startswith("latency")
                else value < old[name] - 1e-9
                if name != "scenarios"
                else False
            )
            if worse:
                regressions.append(f"{system}.{name}: {old[name]} -> {value}")
    return regressions


def markdown(report: dict) -> str:
    lines = [
        f"# Grounded eval ({report['suite_version']}, {report['scenarios']} scenarios)",
        "",
        "| kind | turns | hallucinated | faithfulness | constraints | refusals | expectations | p50 ms | p95 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    rows = list(report["by_kind"].items()) + [(f"**all ({s})**", m) for s, m in report["systems"].items()]
    for kind, m in rows:
        lines.append(
            f"| {kind} | {m['turns']} | {m['hallucinated_products']} | {m['claim_faithfulness']} | "
            f"{m['constraint_satisfaction']} | {m['refusal_accuracy']} | {m['expectations_passed']} | "
            f"{m['latency_p50_ms']} | {m['latency_p95_ms']} |"
        )
    for system, m in report["systems"].items():
        if "same_type_share" in m:
            lines += [
                "",
                (
                    f"Photo search ({system}): {m['same_type_share']} of the products shown for a "
                    'catalog photo ("like this") share its article type (mean over those turns).'
                ),
            ]
        if "llm_judge_faithfulness" in m:
            lines += [
                "",
                f"LLM-judge faithfulness ({system}): {m['llm_judge_faithfulness']} over "
                f"{m['llm_judge_claims']} claims in {m['llm_judge_turns']} turns that showed products.",
            ]
    missing = report.get("photo_unavailable", {})
    if missing.get("turns"):
        lines += [
            "",
            (f"**{missing['turns']} photo turns could not run** (counted as failed): {'; '.join(missing['reasons'])}"),
        ]
    if report["failure_count"]:
        lines += ["", f"{report['failure_count']} turns with a failed expectation; first ones:", ""]
        lines += [
            f'- {f["scenario"]} ({f["kind"]}) "{f["message"]}": {", ".join(f["failed"]) or "constraints"}'
            for f in report["failures"][:15]
        ]
    return "\n".join(lines) + "\n"


def save(report: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "grounded.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (out_dir / "grounded.md").write_text(markdown(report))

"""``atelier eval language``: shoppers' own language, judged by machine-checked
expectations on what the assistant shows and says.

The conversations live in ``evals/data/language/*.jsonl``, written by hand (never
generated from the parser's word lists or patterns). Each turn's ``expect`` states what
must hold, in catalog terms: the constraints of every shown product, sort order, the
product and price a reference means, refusals, outfits, cart contents. The suite is
split into a ``dev`` part (look at its failures, tune on it) and a ``test`` part (only
ever measured); each conversation's split is fixed in its line (see ``load_suite``).

Metrics, per split and per category: ``conversation_success`` (every check of every
turn right), ``turn_success``, ``constraint_satisfaction`` (shown products meeting the
turn's constraints), ``reference_accuracy``, ``refusal_accuracy``, ``sort_accuracy``,
latency p50/p95, and errors (a turn that raised or answered 5xx)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent import ChatResponse
from catalog import CatalogDB, ProductRecord
from evals.grounded import ChatClient
from evals.metrics import percentile
from retrieval.query_parser import as_list

# Answers about products of the list shown ("compare the 1st and the 3rd", "add 1 and 3"):
# they show those products under their list numbers, so the list a position counts in stays.
_ABOUT_THE_LIST = frozenset(
    {"compare", "cart_add", "cart_remove", "cart_view", "checkout", "price", "stock", "details"}
)

DATA_DIR = Path(__file__).parent / "data" / "language"
SUITE_VERSION = "language-v1"
REFUSAL_MARKERS = (
    "don't sell",
    "don't carry",
    "do not sell",
    "do not carry",
    "not something we sell",
    "do not rent",  # "can I rent a sherwani": a refusal of renting, from the help pages
    "don't offer",  # "do you do alterations?": a service refused
    "do not offer",
    "不销售",
    "不提供",
    "没有销售",
)


class Need(BaseModel):
    """What one shown product must be (catalog values; a list means any of them)."""

    model_config = ConfigDict(extra="forbid")
    article_type: str | list[str] | None = None
    not_article_type: list[str] = Field(default_factory=list)
    sub_category: str | list[str] | None = None
    category: str | list[str] | None = Field(default=None, description="The catalog's master category.")
    colour: str | list[str] | None = None
    not_colour: list[str] = Field(default_factory=list)
    gender: str | None = Field(default=None, description="Men/Women/Boys/Girls: that gender or Unisex.")
    usage: str | list[str] | None = None
    price_min: float | None = None
    price_max: float | None = None
    size: str | None = Field(default=None, description="This size in stock (catalog label: M, UK9, ...).")
    title_has: list[str] = Field(default_factory=list, description="The title contains one of these words.")
    title_lacks: list[str] = Field(default_factory=list, description="The title contains none of these words.")

    def misses(self, p: ProductRecord) -> list[str]:
        """The fields ``p`` breaks (empty when it fits)."""
        broken = []
        for field, actual in (
            ("article_type", p.article_type),
            ("sub_category", p.sub_category),
            ("category", p.category),
            ("colour", p.colour),
            ("usage", p.usage),
        ):
            wanted = getattr(self, field)
            if wanted is not None and actual not in as_list(wanted):
                broken.append(field)
        if p.article_type in self.not_article_type:
            broken.append("not_article_type")
        if p.colour in self.not_colour:
            broken.append("not_colour")
        if self.gender and p.gender not in (self.gender, "Unisex"):
            broken.append("gender")
        if self.price_min is not None and p.price < self.price_min:
            broken.append("price_min")
        if self.price_max is not None and p.price > self.price_max:
            broken.append("price_max")
        if self.size and self.size not in p.sizes_in_stock:
            broken.append("size")
        title = f" {p.title.lower()} "
        if self.title_has and not any(w.lower() in title for w in self.title_has):
            broken.append("title_has")
        if any(w.lower() in title for w in self.title_lacks):
            broken.append("title_lacks")
        return broken


class OutfitExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    budget: float | None = Field(
        default=None, description="Every outfit's total, the anchor's price left out, at most this."
    )
    includes: list[Need] = Field(default_factory=list, description="Every outfit has an item meeting each.")
    only: bool = Field(
        default=False,
        description="Every item of every outfit is the anchor or meets one of "
        "``includes`` (the pieces asked for, nothing else).",
    )
    anchor: int | None = Field(
        default=None,
        description="Every outfit contains this product of the list (1-based), the piece it is built around; "
        "later turns that edit the look keep it as their anchor (for ``budget`` and ``only``) until a new list.",
    )
    excludes: list[str] = Field(
        default_factory=list, description="No item of any outfit is of these article types ('no heels')."
    )
    replaced: list[str] = Field(
        default_factory=list,
        description="No item of these kinds (article type, sub-category or master category) was shown in the "
        "turn before ('the shoes are kinda mid': other shoes).",
    )
    cheaper_than_previous: bool = Field(
        default=False, description="Every outfit costs less than the cheapest outfit of the turn before."
    )


Reference = int | Literal["cheapest", "priciest", "best_rated"]


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shows: Literal["products", "none", "any"] = "any"
    each: Need | None = Field(default=None, description="Every shown product meets this.")
    needs: list[Need] = Field(
        default_factory=list,
        description="Several needs in one message: each met by at "
        "least one shown product, every shown product meeting one of them.",
    )
    sort: Literal["price_asc", "price_desc", "rating_desc"] | None = None
    cheaper_than_previous: bool = Field(
        default=False, description="Every shown product cheaper than the cheapest of the list shown before."
    )
    other_colours: bool = Field(
        default=False,
        description="No shown product is of a colour of the products shown the turn before "
        "('i dont like any of these colours').",
    )
    refers_to: Reference | None = Field(
        default=None,
        description="The product of the last list shown (1-based, "
        "or by superlative) the answer is about: shown first, or named.",
    )
    states_price: bool = Field(default=False, description="The answer states ``refers_to``'s price.")
    refusal: bool = Field(default=False, description="Not sold here: no products, and the answer says so.")
    outfit: OutfitExpect | None = None
    cart_count: int | None = Field(default=None, description="Items (quantities summed) in the cart after the turn.")
    cart_has: list[int] = Field(default_factory=list, description="List positions (1-based) that are in the cart.")
    answer_any: list[str] = Field(default_factory=list, description="The answer contains one of these (any case).")
    answer_none: list[str] = Field(default_factory=list, description="The answer contains none of these.")


class LangTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    message: str
    expect: Expect = Field(default_factory=Expect)


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    category: str
    lang: Literal["en", "zh"] = "en"
    note: str = ""
    turns: list[LangTurn]
    split: Literal["dev", "test"] | None = Field(
        default=None, description="Fixed when the conversation was added; unset: the parity of the id's hash decides."
    )


def load_suite(data_dir: Path = DATA_DIR) -> list[Conversation]:
    """Every conversation, with its split: the one written in its line, else the parity
    of its id's hash. Why written: a split computed from the whole suite would move
    conversations between dev and test when others are added, and a test conversation
    must never have been looked at."""
    conversations: list[Conversation] = []
    for path in sorted(data_dir.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    conversations.append(Conversation.model_validate_json(line))
                except ValueError as exc:
                    raise ValueError(f"{path.name}:{number}: {exc}") from exc
    ids = [c.id for c in conversations]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate conversation ids: {sorted(duplicates)}")
    for conversation in conversations:
        if conversation.split is None:
            conversation.split = "dev" if int(hashlib.sha1(conversation.id.encode()).hexdigest(), 16) % 2 else "test"
    return conversations


class TurnCheck(BaseModel):
    checks: dict[str, bool] = Field(default_factory=dict)
    shown: int = 0
    shown_ok: int = 0
    broken: dict[str, int] = Field(default_factory=dict)  # field -> shown products breaking it
    latency_ms: float = 0.0
    error: str | None = None
    read_by: str = "fast"  # which implementation produced the request: fast or llm
    fallback: bool = False  # an LLM reading was wanted and the fast layer answered

    @property
    def ok(self) -> bool:
        return self.error is None and all(self.checks.values()) and self.shown_ok == self.shown


def _target(reference: Reference, listed: list[ProductRecord]) -> ProductRecord | None:
    if not listed:
        return None
    if reference == "cheapest":
        return min(listed, key=lambda p: p.price)
    if reference == "priciest":
        return max(listed, key=lambda p: p.price)
    if reference == "best_rated":
        return max(listed, key=lambda p: (p.rating or 0, p.rating_count))  # ties: the more often rated
    return listed[reference - 1] if 0 < reference <= len(listed) else None


def _count_shown(result: TurnCheck, misses: list[list[str]]) -> None:
    """One shown product counted: it fits when it breaks nothing of some wanted need; when
    it fits none, the fields of the need it comes closest to are counted as broken, so a
    failure says which constraint the answer missed."""
    result.shown += 1
    closest = min(misses, key=len)
    if not closest:
        result.shown_ok += 1
    for field in closest:
        result.broken[field] = result.broken.get(field, 0) + 1


def check_turn(  # noqa: C901 - one check per field of the expectation
    response: ChatResponse,
    expect: Expect,
    listed: list[ProductRecord],
    previous: list[ProductRecord],
    cart: list[str] | None,
    db: CatalogDB,
    previous_totals: list[float] | None = None,
    look_anchor: ProductRecord | None = None,
) -> TurnCheck:
    """Every expectation of one turn. ``listed``: the last list of 2+ products shown
    before this turn (what "the third one" means); ``previous``: the last products shown;
    ``previous_totals``: the totals of the outfits the turn before showed; ``look_anchor``:
    the product an earlier turn's look was built around, which an edit of that look keeps
    ("tee in black pls" after "what jeans and tee go with the 1st pair? 2500 for both": the
    pair is neither a piece asked for nor part of the 2500)."""
    result = TurnCheck()
    products = list(db.get_records([p.id for p in response.products]).values())
    products.sort(key=lambda p: [q.id for q in response.products].index(p.id))
    answer = response.answer.lower()
    refused = not response.products and any(m in answer for m in REFUSAL_MARKERS)
    if expect.shows == "products":
        result.checks["shows_products"] = bool(products)
    elif expect.shows == "none":
        result.checks["shows_none"] = not products
    if expect.each is not None:
        for p in products:
            _count_shown(result, [expect.each.misses(p)])
    if expect.needs:
        for p in products:
            _count_shown(result, [need.misses(p) for need in expect.needs])
        result.checks["every_need_met"] = all(any(not need.misses(p) for p in products) for need in expect.needs)
    if expect.sort:
        key = {
            "price_asc": lambda p: p.price,
            "price_desc": lambda p: -p.price,
            "rating_desc": lambda p: -(p.rating or 0),
        }[expect.sort]
        values = [key(p) for p in products]
        result.checks["sort"] = len(values) >= 2 and values == sorted(values)
    if expect.cheaper_than_previous:
        result.checks["cheaper"] = (
            bool(products) and bool(previous) and max(p.price for p in products) < min(p.price for p in previous)
        )
    if expect.other_colours:
        before = {p.colour for p in previous}
        result.checks["other_colours"] = bool(products) and not any(p.colour in before for p in products)
    if expect.refers_to is not None:
        target = _target(expect.refers_to, listed)
        result.checks["reference"] = target is not None and (
            (bool(products) and products[0].id == target.id) or target.title.lower() in answer
        )
        if expect.states_price:
            current = db.get_record(target.id) if target else None
            result.checks["price_stated"] = current is not None and f"₹{current.price:.0f}" in response.answer
    if expect.refusal:
        result.checks["refusal"] = refused
    elif expect.shows == "products":
        result.checks["no_false_refusal"] = not refused
    if expect.outfit is not None:
        result.checks.update(_check_outfits(response, expect.outfit, listed, db, look_anchor))
        result.checks.update(_check_outfit_changes(response, expect.outfit, previous, previous_totals or [], db))
    if expect.cart_count is not None:
        result.checks["cart_count"] = cart is not None and len(cart) == expect.cart_count
    if expect.cart_has:
        wanted = [_target(i, listed) for i in expect.cart_has]
        result.checks["cart_has"] = cart is not None and all(w is not None and w.id in cart for w in wanted)
    if expect.answer_any:
        result.checks["answer_any"] = any(a.lower() in answer for a in expect.answer_any)
    if expect.answer_none:
        result.checks["answer_none"] = not any(a.lower() in answer for a in expect.answer_none)
    return result


def _check_outfits(
    response: ChatResponse,
    expect: OutfitExpect,
    listed: list[ProductRecord],
    db: CatalogDB,
    look_anchor: ProductRecord | None = None,
) -> dict[str, bool]:
    checks = {"outfits": bool(response.outfits)}
    if not response.outfits:
        return checks
    anchor = _target(expect.anchor, listed) if expect.anchor is not None else look_anchor
    if expect.anchor is not None:
        checks["outfit_anchor"] = anchor is not None and all(anchor.id in o.items for o in response.outfits)
    budget_ok = includes_ok = only_ok = True
    kinds = {p.article_type for o in response.outfits for p in db.get_records(o.items).values()}
    if expect.excludes:
        checks["outfit_excludes"] = kinds.isdisjoint(expect.excludes)
    for outfit in response.outfits:
        records = list(db.get_records(outfit.items).values())
        items = [p for p in records if anchor is None or p.id != anchor.id]
        # an edit of a look may name the piece it was built around among the pieces it keeps
        kept = records if expect.anchor is None else items
        budget_ok &= expect.budget is None or sum(p.price for p in items) <= expect.budget + 0.5
        includes_ok &= all(any(not need.misses(p) for p in kept) for need in expect.includes)
        only_ok &= all(any(not need.misses(p) for need in expect.includes) for p in items)
    if expect.budget is not None:
        checks["outfit_budget"] = budget_ok
    if expect.includes:
        checks["outfit_includes"] = includes_ok
    if expect.only:
        checks["outfit_only"] = only_ok
    return checks


def _check_outfit_changes(
    response: ChatResponse,
    expect: OutfitExpect,
    previous: list[ProductRecord],
    previous_totals: list[float],
    db: CatalogDB,
) -> dict[str, bool]:
    """What an edit of the last looks asked: other pieces of a kind, or cheaper looks."""
    checks: dict[str, bool] = {}
    if expect.replaced:
        before = {p.id for p in previous}
        items = [p for o in response.outfits for p in db.get_records(o.items).values()]
        kinds = set(expect.replaced)
        checks["outfit_replaced"] = bool(response.outfits) and not any(
            p.id in before for p in items if kinds & {p.article_type, p.sub_category, p.category}
        )
    if expect.cheaper_than_previous:
        checks["outfit_cheaper"] = (
            bool(response.outfits)
            and bool(previous_totals)
            and max(o.total_price for o in response.outfits) < min(previous_totals)
        )
    return checks


def run_language_eval(conversations: Iterable[Conversation], client: ChatClient, db: CatalogDB) -> dict:
    """Every conversation through ``client``; the report per split and per category."""
    results: list[tuple[Conversation, list[TurnCheck]]] = []
    failures: list[dict] = []
    for conversation in conversations:
        checks, session = _run_conversation(conversation, client, db, failures)
        if session is not None:  # an order placed here takes no stock from the conversations after it
            client.leave(session)
        results.append((conversation, checks))
    report: dict = {"suite": "language", "suite_version": SUITE_VERSION, "splits": {}}
    for split in ("dev", "test"):
        chosen = [(c, t) for c, t in results if c.split == split]
        if not chosen:
            continue
        categories = sorted({c.category for c, _ in chosen})
        report["splits"][split] = {
            "overall": _summarise(chosen),
            "by_category": {k: _summarise([(c, t) for c, t in chosen if c.category == k]) for k in categories},
            "by_lang": {
                k: _summarise([(c, t) for c, t in chosen if c.lang == k])
                for k in ("en", "zh")
                if any(c.lang == k for c, _ in chosen)
            },
        }
    report["failures"] = {split: [f for f in failures if f["split"] == split] for split in ("dev", "test")}
    return report


def _run_conversation(
    conversation: Conversation, client: ChatClient, db: CatalogDB, failures: list[dict]
) -> tuple[list[TurnCheck], str | None]:
    """Each turn sent and checked; the checks and the session the conversation ran in."""
    session: str | None = None
    listed: list[ProductRecord] = []
    previous: list[ProductRecord] = []
    previous_totals: list[float] = []
    look_anchor: ProductRecord | None = None  # what the last look asked of the list was built around
    checks: list[TurnCheck] = []
    for number, turn in enumerate(conversation.turns):
        look = turn.expect.outfit
        if look is not None and look.anchor is not None:
            look_anchor = _target(look.anchor, listed)
        started = time.perf_counter()
        try:
            response = client.chat(turn.message, session)
        except Exception as exc:  # noqa: BLE001 - a turn that fails is a measured failure
            result = TurnCheck(error=f"{type(exc).__name__}: {exc}"[:300])
            checks.append(result)
            failures.append(
                {
                    "split": conversation.split,
                    "conversation": conversation.id,
                    "category": conversation.category,
                    "turn": number,
                    "message": turn.message,
                    "failed": ["error"],
                    "answer": result.error,
                }
            )
            continue
        elapsed = (time.perf_counter() - started) * 1e3
        session = response.session_id
        needs_cart = turn.expect.cart_count is not None or bool(turn.expect.cart_has)
        cart = client.cart_ids(session) if needs_cart else None
        result = check_turn(response, turn.expect, listed, previous, cart, db, previous_totals, look_anchor)
        result.latency_ms = elapsed
        result.read_by = "llm" if response.planner == "llm" else "fast"
        result.fallback = response.fallback is not None
        checks.append(result)
        if not result.ok:
            failed = [name for name, ok in result.checks.items() if not ok]
            if result.shown_ok < result.shown:
                fields = ", ".join(f"{k} {v}" for k, v in sorted(result.broken.items(), key=lambda kv: -kv[1]))
                failed.append(f"constraints {result.shown_ok}/{result.shown} ({fields})")
            failures.append(
                {
                    "split": conversation.split,
                    "conversation": conversation.id,
                    "category": conversation.category,
                    "turn": number,
                    "message": turn.message,
                    "failed": failed,
                    "intent": response.intent,
                    "answer": response.answer[:400],
                    "understood": getattr(response, "understood", None)
                    and _compact(response.model_dump(mode="json").get("understood")),
                }
            )
        shown = list(db.get_records([p.id for p in response.products]).values())
        shown.sort(key=lambda p: [q.id for q in response.products].index(p.id))
        if shown:
            previous = shown
        previous_totals = [o.total_price for o in response.outfits]
        of_the_list = response.intent in _ABOUT_THE_LIST and {p.id for p in shown} <= {p.id for p in listed}
        if len(shown) >= 2 and not response.outfits and not of_the_list:
            listed, look_anchor = shown, None
    return checks, session


def _compact(value: object) -> object:
    """The understood request without empty fields (failures stay readable)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, [], {}, "", False)}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _summarise(results: list[tuple[Conversation, list[TurnCheck]]]) -> dict:
    turns = [t for _, checks in results for t in checks]
    latencies = [t.latency_ms for t in turns if t.error is None]

    def rate(name: str) -> float | None:
        values = [t.checks[name] for t in turns if name in t.checks]
        return round(sum(values) / len(values), 4) if values else None

    shown = sum(t.shown for t in turns)
    return {
        "conversations": len(results),
        "turns": len(turns),
        "conversation_success": round(sum(all(t.ok for t in c) for _, c in results) / max(len(results), 1), 4),
        "turn_success": round(sum(t.ok for t in turns) / max(len(turns), 1), 4),
        "constraint_satisfaction": round(sum(t.shown_ok for t in turns) / shown, 4) if shown else None,
        "reference_accuracy": rate("reference"),
        "refusal_accuracy": rate("refusal"),
        "sort_accuracy": rate("sort"),
        "errors": sum(t.error is not None for t in turns),
        "llm_read_share": round(sum(t.read_by == "llm" for t in turns) / max(len(turns), 1), 4),
        "fallback_share": round(sum(t.fallback for t in turns) / max(len(turns), 1), 4),
        "latency_ms_p50": round(percentile(latencies, 50), 1) if latencies else None,
        "latency_ms_p95": round(percentile(latencies, 95), 1) if latencies else None,
    }


def satisfiable(conversations: Iterable[Conversation], db: CatalogDB, minimum: int = 3) -> list[str]:
    """Expectations no catalog product can meet (a typo in a catalog value, a budget no
    product fits): each ``each``/``needs`` and each piece an outfit includes must be met by
    ``minimum`` in-stock products, or by every one of a type the catalog holds fewer of (its
    one cushion cover); an outfit's budget must fit its cheapest pieces together."""
    records = [r for r in db.iter_records() if r.in_stock]
    problems = []
    for conversation in conversations:
        for number, turn in enumerate(conversation.turns):
            outfit = turn.expect.outfit
            needs = (
                ([turn.expect.each] if turn.expect.each and turn.expect.shows == "products" else [])
                + turn.expect.needs
                + (outfit.includes if outfit else [])
            )
            for need in needs:
                count = sum(1 for r in records if not need.misses(r))
                if count < minimum and not (count and count == _of_kind(need, records)):
                    problems.append(
                        f"{conversation.id} turn {number}: only {count} products meet "
                        f"{need.model_dump(exclude_defaults=True)}"
                    )
            cheapest = _cheapest_look(outfit.includes, records) if outfit and outfit.budget else None
            if outfit and outfit.budget and cheapest is not None and cheapest > outfit.budget:
                problems.append(
                    f"{conversation.id} turn {number}: the cheapest look of its pieces costs ₹{cheapest:.0f}, "
                    f"over its ₹{outfit.budget:.0f} budget"
                )
    return problems


def _cheapest_look(pieces: list[Need], records: list[ProductRecord]) -> float | None:
    """The least a look of ``pieces`` can cost (None when a piece has no product)."""
    prices = [min((r.price for r in records if not piece.misses(r)), default=None) for piece in pieces]
    return None if any(p is None for p in prices) else sum(p for p in prices if p is not None)


def _of_kind(need: Need, records: list[ProductRecord]) -> int | None:
    """How many in-stock products are of the need's type (None when it names none)."""
    if not need.article_type:
        return None
    kind = Need(article_type=need.article_type)
    return sum(1 for r in records if not kind.misses(r))


def save(report: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False))

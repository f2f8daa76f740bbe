"""Tools through their plain functions and their LangChain interface, on the real
subset index (real Qdrant, real MiniLM, real SQLite)."""

from __future__ import annotations

import re
import threading

import pytest
from pydantic import ValidationError

from retrieval import ProductSearch, SearchFilters
from tools import OutfitRequest, ToolError, Toolkit
from tools.cart import CartStore
from tools.colours import harmony
from tools.langchain import langchain_tools
from tools.outfit import COMPATIBLE_USAGES
from tools.sessions import new_session_id


@pytest.fixture(scope="module")
def kit(search: ProductSearch) -> Toolkit:
    toolkit = Toolkit(search)
    yield toolkit
    toolkit.close()


def _in_stock_product(kit: Toolkit, query: str = "shirt for men"):
    return next(r for r in kit.search_products(query, k=20).results if r.in_stock)


# ---- search tools -------------------------------------------------------------------


def test_search_and_get_product_agree(kit: Toolkit) -> None:
    found = kit.search_products("navy shirt for men", k=3).results[0]
    assert kit.get_product(found.id).price == found.price


def test_find_similar_returns_same_type_in_stock_without_itself(kit: Toolkit) -> None:
    anchor = _in_stock_product(kit)
    similar = kit.find_similar(anchor.id, k=5)
    assert similar and anchor.id not in [s.id for s in similar]
    assert all(s.article_type == anchor.article_type and s.in_stock for s in similar)


def test_find_similar_in_other_colours_keeps_type_and_gender(kit: Toolkit) -> None:
    anchor = _in_stock_product(kit)
    others = kit.find_similar(anchor.id, k=5, other_colours=True)
    assert others and all(s.colour != anchor.colour for s in others)
    assert all(s.article_type == anchor.article_type and s.gender == anchor.gender for s in others)
    wanted = others[0].colour
    named = kit.find_similar(anchor.id, k=5, colours=[wanted])
    assert named and all(s.colour == wanted and s.gender == anchor.gender for s in named)


def test_find_similar_in_the_shoppers_size(kit: Toolkit) -> None:
    """Only products in stock in the size asked; without one, some are not."""
    tee = next(r for r in kit.search_products("tshirts for men", k=10).results if "M" in r.sizes_in_stock)
    sized = kit.find_similar(tee.id, k=10, size="M")
    assert sized and all("M" in s.sizes_in_stock for s in sized)
    assert not all("M" in s.sizes_in_stock for s in kit.find_similar(tee.id, k=20))


def test_unknown_ids_are_clear_errors(kit: Toolkit) -> None:
    for call in (
        lambda: kit.get_product("0"),
        lambda: kit.check_stock("0"),
        lambda: kit.price_info("0"),
        lambda: kit.find_similar("0"),
    ):
        with pytest.raises(ToolError) as info:
            call()
        assert info.value.code == "unknown_product"


# ---- stock and pricing --------------------------------------------------------------


def test_stock_per_size_and_messages(kit: Toolkit) -> None:
    product = _in_stock_product(kit)
    info = kit.check_stock(product.id)
    assert [s.size for s in info.sizes] == list(product.stock)
    assert all((s.units == 0) == (s.restock_date is not None) for s in info.sizes)
    size = product.sizes_in_stock[0]
    one = kit.check_stock(product.id, size)
    assert one.sizes[0].units == product.stock[size] and size in one.message
    with pytest.raises(ToolError) as info_err:
        kit.check_stock(product.id, "XXXL")
    assert info_err.value.code == "size_not_carried"


def test_price_info_is_grounded_in_sqlite(kit: Toolkit) -> None:
    product = _in_stock_product(kit)
    info = kit.price_info(product.id)
    assert (info.price, info.list_price, info.discount_pct) == (product.price, product.list_price, product.discount_pct)
    assert info.lowest_90d <= info.price <= info.highest_90d or info.price == info.lowest_90d
    assert ("Good deal" in info.verdict) == info.good_deal


def test_price_suggestion_recovers_elasticity_and_respects_bounds(kit: Toolkit) -> None:
    product = _in_stock_product(kit, "tshirt")
    suggestion = kit.suggest_price(product.id, "margin", 30)
    assert 0.5 * product.list_price - 1 <= suggestion.suggested_price <= product.list_price + 1
    assert suggestion.expected_units <= suggestion.stock_units
    fit = suggestion.fit
    assert fit.elasticity == pytest.approx(fit.simulated_true_elasticity, abs=0.35)
    with pytest.raises(ToolError):
        kit.suggest_price(product.id, "world-domination")


def test_forecast_beats_or_matches_naive_and_gives_reorder_point(kit: Toolkit) -> None:
    product = _in_stock_product(kit, "tshirt")
    forecast = kit.forecast_demand(product.id, 14)
    assert len(forecast.daily_forecast) == 14 and all(v >= 0 for v in forecast.daily_forecast)
    assert forecast.reorder_point > 0 and forecast.backtest_mae >= 0


# ---- cart ---------------------------------------------------------------------------


def test_a_one_size_product_needs_no_size(kit: Toolkit) -> None:
    session = kit.start_session().session_id
    watch = next(r for r in kit.search.db.iter_records() if list(r.stock) == ["One Size"] and r.sizes_in_stock)
    cart = kit.add_to_cart(session, watch.id, None)
    assert [(line.product_id, line.size, line.quantity) for line in cart.items] == [(watch.id, "One Size", 1)]


def test_cart_add_requires_a_carried_size_in_stock(kit: Toolkit) -> None:
    session = kit.start_session().session_id
    product = _in_stock_product(kit)
    with pytest.raises(ToolError) as missing:
        kit.add_to_cart(session, product.id, None)
    assert missing.value.code == "size_required" and product.sizes_in_stock[0] in missing.value.message
    with pytest.raises(ToolError) as not_carried:
        kit.add_to_cart(session, product.id, "UK42")
    assert not_carried.value.code == "size_not_carried"
    sold_out = [s for s, u in product.stock.items() if u == 0]
    if sold_out:
        with pytest.raises(ToolError) as out:
            kit.add_to_cart(session, product.id, sold_out[0])
        assert out.value.code == "out_of_stock"
        assert f"sold out in size {sold_out[0]}" in out.value.message and "Only 0" not in out.value.message
    cart = kit.add_to_cart(session, product.id, product.sizes_in_stock[0])
    assert cart.total == product.price and cart.items[0].size == product.sizes_in_stock[0]
    assert kit.remove_from_cart(session, product.id).items == []
    with pytest.raises(ToolError):
        kit.remove_from_cart(session, product.id)


def test_carts_survive_a_restart(kit: Toolkit, search: ProductSearch) -> None:
    session = kit.start_session().session_id
    product = _in_stock_product(kit)
    kit.add_to_cart(session, product.id, product.sizes_in_stock[0])
    reopened = CartStore(search.settings.sqlite_path)
    try:
        assert [i.product_id for i in reopened.view(session).items] == [product.id]
    finally:
        reopened.close()


def test_concurrent_checkouts_of_the_last_unit_exactly_one_wins(kit: Toolkit, search: ProductSearch) -> None:
    product = _in_stock_product(kit, "watch for women")
    size = product.sizes_in_stock[0]
    original = product.stock[size]
    search.db.set_stock(product.id, size, 1)
    sessions = [new_session_id(), new_session_id()]
    stores = [CartStore(search.settings.sqlite_path) for _ in sessions]
    try:
        for store, session in zip(stores, sessions):
            store.add(session, product.id, size)
        barrier, outcomes = threading.Barrier(2), []

        def buy(store: CartStore, session: str) -> None:
            barrier.wait()
            try:
                outcomes.append(store.checkout(session).order_id)
            except ToolError as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=buy, args=pair) for pair in zip(stores, sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(o.startswith("ord_") for o in outcomes) == [False, True]
        assert "out_of_stock" in outcomes
        assert search.db.get_record(product.id).stock[size] == 0
    finally:
        for store in stores:
            store.close()
        search.db.set_stock(product.id, size, original)


# ---- outfits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_",
    [
        OutfitRequest(occasion="office", gender="Men", budget=8000),
        OutfitRequest(occasion="casual", gender="Women", budget=6000, size="M"),
        OutfitRequest(occasion="gym", gender="Men"),
    ],
)
def test_outfits_satisfy_every_constraint(kit: Toolkit, request_: OutfitRequest) -> None:
    result = kit.build_outfit(request_)
    assert 1 <= len(result.outfits) <= 3
    for outfit in result.outfits:
        assert len(outfit.slots) == len(set(outfit.slots)) == len(outfit.items)
        assert outfit.total_price == pytest.approx(sum(p.price for p in outfit.products))
        if request_.budget and outfit.within_budget:
            assert outfit.total_price <= request_.budget
        for p in outfit.products:
            assert p.in_stock and p.gender in (result.gender, "Unisex") and p.usage in COMPATIBLE_USAGES[result.usage]
            if p.usage != result.usage:
                assert f"{p.title} is {p.usage.lower()}" in outfit.explanation
            if request_.size and p.category == "Apparel":
                assert request_.size in p.sizes_in_stock
            assert p.title in outfit.explanation and f"₹{p.price:.0f}" in outfit.explanation
        assert harmony([p.colour for p in outfit.products]) is not None
    items = [set(o.items) for o in result.outfits]
    assert all(len(a ^ b) >= 2 for i, a in enumerate(items) for b in items[i + 1 :])


def test_outfit_around_an_anchor_product(kit: Toolkit) -> None:
    anchor = _in_stock_product(kit, "casual shirt for men")
    result = kit.build_outfit(OutfitRequest(product_id=anchor.id))
    assert all(anchor.id in o.items for o in result.outfits)


def test_budget_below_cheapest_outfit_says_so(kit: Toolkit) -> None:
    result = kit.build_outfit(OutfitRequest(occasion="office", gender="Men", budget=50))
    assert result.message and "cheapest" in result.message
    assert len(result.outfits) == 1 and not result.outfits[0].within_budget


def test_outfit_pieces_keep_their_own_words_and_prices(kit: Toolkit) -> None:
    """Only the pieces asked for: shoes are shoes (no sandals), a piece named more narrowly
    than its type keeps that word in its title, and a price said with one piece holds for it."""
    result = kit.build_outfit(
        OutfitRequest(
            gender="Men",
            pieces=["Shirts", "Shoes"],
            piece_terms={"Shirts": ["check"]},
            piece_price_max={"Shirts": 1500},
        )
    )
    assert result.outfits
    for outfit in result.outfits:
        shirts = [p for p in outfit.products if p.article_type == "Shirts"]
        shoes = [p for p in outfit.products if p.sub_category == "Shoes"]
        assert len(shirts) == len(shoes) == 1 and len(outfit.products) == 2, [p.title for p in outfit.products]
        assert "check" in shirts[0].title.lower() and shirts[0].price <= 1500


def test_outfit_of_named_pieces_takes_their_usage_and_says_a_missing_colour(kit: Toolkit) -> None:
    """Pieces named without an occasion make a look of their own usage (formal shoes: formal);
    a colour asked of a piece none of which is in stock gives the look in another colour,
    said, rather than no look at all."""
    formal = kit.build_outfit(OutfitRequest(gender="Men", pieces=["Formal Shoes", "Trousers"]))
    assert formal.usage == kit.search.db.usual_usage("Formal Shoes") == "Formal"
    result = kit.build_outfit(
        OutfitRequest(gender="Men", pieces=["Shirts", "Trousers"], piece_colours={"Shirts": ["Nonexistent"]})
    )
    assert result.outfits and result.message and "nonexistent shirts" in result.message
    assert all({p.article_type for p in o.products} == {"Shirts", "Trousers"} for o in result.outfits)


def test_outfit_pieces_are_distinct_sized_and_a_turned_down_slot_is_left_out(kit: Toolkit) -> None:
    """Two slots that may hold one kind never get the same product; the apparel size holds
    for a slot named after a piece (a dress asked with heels and a clutch), not for a
    dupatta sold in one size; a slot whose every kind is turned down ("he has formal shoes")
    is left out rather than leaving no look."""
    twice = kit.build_outfit(OutfitRequest(gender="Men", pieces=["Trousers", "Bottomwear"], occasion="casual"))
    assert twice.outfits and all(len(set(o.items)) == len(o.items) for o in twice.outfits), twice
    dress = kit.build_outfit(OutfitRequest(gender="Women", pieces=["Dresses", "Heels", "Clutches"], size="S"))
    assert dress.outfits, dress
    for outfit in dress.outfits:
        assert all("S" in p.sizes_in_stock for p in outfit.products if p.article_type == "Dresses"), outfit
    dupatta = kit.build_outfit(OutfitRequest(gender="Women", pieces=["Leggings", "Dupatta"], size="M"))
    assert dupatta.outfits and all(any(p.article_type == "Dupatta" for p in o.products) for o in dupatta.outfits), (
        dupatta
    )
    office = kit.build_outfit(OutfitRequest(occasion="office", gender="Men", exclude_types=["Formal Shoes"]))
    assert office.outfits and all(p.category != "Footwear" for o in office.outfits for p in o.products), office


def test_an_outfit_of_pieces_all_turned_down_is_no_look_not_a_crash(kit: Toolkit) -> None:
    """Every piece asked turned down too ("墨镜帽子都不要" of a look of sunglasses and a cap): no
    look, said as such (a division by zero in the scoring made the turn fall back)."""
    with pytest.raises(ToolError) as raised:
        kit.build_outfit(
            OutfitRequest(gender="Men", pieces=["Sunglasses", "Caps"], exclude_types=["Sunglasses", "Caps"])
        )
    assert raised.value.code == "no_outfit", raised.value


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        (OutfitRequest(occasion="office"), "gender_required"),
        (OutfitRequest(gender="Men", budget=-5), "invalid_budget"),
        (OutfitRequest(gender="Men", budget=1e12), "invalid_budget"),
        (OutfitRequest(gender="Aliens"), "invalid_gender"),
        (OutfitRequest(gender="Men", size="XXXXL"), "invalid_size"),
        (OutfitRequest(product_id="0"), "unknown_product"),
    ],
)
def test_bad_outfit_requests(kit: Toolkit, request_: OutfitRequest, code: str) -> None:
    with pytest.raises(ToolError) as info:
        kit.build_outfit(request_)
    assert info.value.code == code


# ---- the LangChain interface --------------------------------------------------------


def test_langchain_tools_validate_and_call_the_same_functions(kit: Toolkit) -> None:
    tools = {t.name: t for t in langchain_tools(kit)}
    assert {"search_products", "get_product", "check_stock", "price_info", "add_to_cart", "build_outfit"} <= set(tools)
    found = tools["search_products"].invoke({"query": "navy shirt for men under 1500", "k": 2})
    assert found["filters"]["price_max"] == 1500 and len(found["results"]) <= 2
    pid = found["results"][0]["id"]
    assert tools["get_product"].invoke({"product_id": pid})["price"] == kit.get_product(pid).price
    asked = tools["add_to_cart"].invoke({"session_id": kit.start_session().session_id, "product_id": pid})
    assert asked["error"]["code"] == "size_required"
    outfit = tools["build_outfit"].invoke({"occasion": "office", "gender": "Men", "budget": 8000})
    assert outfit["outfits"] and outfit["outfits"][0]["explanation"]
    with pytest.raises(ValidationError) as invalid:
        tools["search_products"].invoke({"query": "shirt", "k": 500})
    [error] = invalid.value.errors()
    assert error["loc"] == ("k",) and error["type"] == "less_than_equal" and error["ctx"] == {"le": 20}
    merchant = {t.name for t in langchain_tools(kit, merchant=True)}
    assert {"suggest_price", "forecast_demand"} <= merchant


def test_explicit_filters_in_search_tool(kit: Toolkit) -> None:
    response = kit.search_products("shirt", k=5, filters=SearchFilters(colour="White", gender="Men"))
    assert all(r.colour == "White" for r in response.results)


# ---- store knowledge (RAG over the store's own documents) ----------------------------


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("can I return sale items?", "Sale items"),
        ("how do your kurtas run?", "Kurtas"),
        ("is delivery free?", "Delivery charges"),
        ("how should I wash my jeans", "Denim"),
    ],
)
def test_store_info_answers_from_the_right_passage(kit: Toolkit, question: str, section: str) -> None:
    answer = kit.store_info(question)
    assert answer.passages[0].section == section
    assert answer.passages[0].text in answer.answer and section in answer.answer


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("do you deliver abroad", "International shipping"),
        ("how do I follow my shipment", "Tracking"),
        ("can I pay in monthly instalments", "EMI"),
        ("my parcel hasnt arrived yet, its been a week", "Late or missing parcels"),
        ("is it original?", "Genuine products"),
        ("do you have sarees for rent", "Renting, second-hand and tailoring"),
        ("do you have a store in delhi", "Where we sell"),
        ("do you deliver to Kochi by friday?", "Delivery times"),  # a city in India: no shipping abroad
        ("do you deliver to pune", "Delivery times"),
        ("how long does delivery take to bangalore", "Delivery times"),
        ("ship to my aunt in london", "International shipping"),
        ("do you ship to us in surat", "Delivery times"),  # "us" is no country
        ("do you deliver to Indore?", "Delivery times"),
        ("can you ship to dubai?", "International shipping"),
        ("can I pay using paytm", "Payment methods"),  # a way to pay, not EMI
        ("can i pay with my credit card", "Payment methods"),
    ],
)
def test_store_info_reads_the_questions_a_section_answers(kit: Toolkit, question: str, section: str) -> None:
    """Questions listed in a section's ``asked`` comment are indexed with it, and the comment
    is never part of the passage quoted."""
    answer = kit.store_info(question)
    assert answer.passages[0].section == section
    assert "asked:" not in answer.answer and "<!--" not in answer.answer


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("退货要几天", "Return window"),
        ("退了货钱多久能退回来啊", "Refund timing"),
        ("多久能到", "Delivery times"),
        ("一般几天能到？我在孟买", "Delivery times"),
        ("你们卖的是正品吗？不会是高仿吧", "Genuine products"),
        ("手表有保修吗", "Warranty"),
        ("能不能加急，后天就要用", "Delivery times"),
        ("寄到班加罗尔要几天", "Delivery times"),  # a city in India
        ("衣服尺寸不合的話可以換嗎", "Size exchanges"),
    ],
)
def test_store_info_reads_chinese_questions_by_their_key_words(kit: Toolkit, question: str, section: str) -> None:
    """The help pages are English: a Chinese question is read with the pages' words for its
    key words ("退货要几天" asks how long a return may wait, not how long delivery takes)."""
    assert kit.store_info(question).passages[0].section == section


def test_store_info_answers_a_chinese_question_in_chinese_then_the_pages_english(kit: Toolkit) -> None:
    """A question asked in Chinese is answered from the Chinese rendition of the section
    first, then in the page's own English (the page that holds), named as the original; an
    English question gets the English alone."""
    earrings = kit.store_info("耳环买了能退吗")
    chinese, english = earrings.answer.split("\n", 1)
    assert "耳环不可退货" in chinese and "出自「退货 — 不可退货的商品」" in chinese, earrings.answer
    assert english.startswith("英文原文：Innerwear") and '(from "Returns — Items that cannot be returned")' in english
    assert "\n" not in kit.store_info("can I return earrings?").answer


def test_every_help_section_has_its_chinese_rendition() -> None:
    """Each section of the English help pages has a Chinese rendition under the same English
    heading, holding every figure the English one gives (a day count, a fee, a size)."""
    from tools.store_info import load_passages, load_renditions

    english = {(p["doc"], p["section"]): p["text"] for p in load_passages()}
    chinese = load_renditions()
    assert set(chinese) == set(english)
    for key, text in english.items():
        missing = set(re.findall(r"\d+", text)) - set(re.findall(r"\d+", chinese[key].text))
        assert not missing, (key, missing)


def test_store_info_reads_a_follow_up_with_the_question_before(kit: Toolkit) -> None:
    """ "and for innerwear?" after a returns question is about the items that cannot be
    returned; a follow-up with its own topic is not pulled back to the earlier one."""
    returns = "what's your return policy"
    assert kit.store_info("and for innerwear?", earlier=returns).passages[0].section == "Items that cannot be returned"
    kurtas = kit.store_info("and kurtas?", earlier="how do i wash jeans")
    assert kurtas.passages[0].section == "Kurtas, sarees and ethnic wear"
    assert kit.store_info("what if the size doesnt fit", earlier=returns).passages[0].section == "Size exchanges"


def test_store_info_rejects_empty_questions(kit: Toolkit) -> None:
    with pytest.raises(ToolError):
        kit.store_info("  ")


def test_store_info_answers_for_the_kind_asked_about(kit: Toolkit) -> None:
    """A kind named in a return question decides the rule: bras are among the items that
    cannot be returned, though a size question is nearer in meaning; shoes are not, so the
    list of those items is not the answer for them."""
    bra = kit.store_info("can i return the bra if it doesn't fit?")
    assert bra.answer.startswith("Innerwear"), bra.answer
    assert "Items that cannot be returned" not in kit.store_info("can i return shoes?").answer.split(")")[0]

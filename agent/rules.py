"""The executor: the one turn pipeline. A message's typed request (read by the fast layer,
or by an LLM through ``agent.llm_understanding``) is run against the registry's tools, and
the answer is written from their results only, whoever read the message."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

from agent import answers
from agent.chinese_frames import wrote_in_chinese
from agent.fast_understanding import Context, FastUnderstanding, asks_price
from agent.meaning import UNSOLD
from agent.models import OutfitBundle
from agent.request import CartPick, Intent, PieceSize, PriceRange, ProductNeed, ShopperRequest, Superlative
from agent.state import SessionState
from agent.understanding import (
    ASKS_WHAT_WE_SELL,
    FAREWELL,
    asks_cheaper,
    asks_other_brand,
    asks_pricier,
    asks_to_cancel_order,
    brand_of,
    clears_cart,
    names_position,
    order_reply,
    out_of_catalog_thing,
    resolve_reference,
    shopper_gender_said,
    size_in,
    stated_sizes,
    superlative_of,
    unrecorded_quality,
)
from catalog import FOOTWEAR_SUB_CATEGORIES, ProductRecord, sold_in_sizes
from config import ErrorCode
from retrieval import ParsedQuery, SearchFilters, SearchResponse, parse_query
from retrieval.lexicon import CatalogLexicon
from retrieval.query_parser import AROUND_TOLERANCE, as_list
from retrieval.stores import StoreError
from retrieval.vocabulary import ARTICLE_TYPES, SUBTYPES
from tools import OutfitRequest, ToolError, Toolkit, colours, size_chart
from tools.cart import Cart, CartLine
from tools.outfit import COMPATIBLE_USAGES, USAGES
from tools.pricing import PriceInfo
from tools.toolkit import COLD_START

# Kinds outside Personal Care and Innerwear that the returns page lists as not returnable
_NOT_RETURNABLE_APPAREL = frozenset({"Swimwear", "Socks", "Earrings"})


class PlannedTurn(BaseModel):
    intent: Intent
    answer: str
    products: list[ProductRecord] = Field(default_factory=list)
    outfits: list[OutfitBundle] = Field(default_factory=list)
    tool_calls: list[dict[str, Any]] = Field(default_factory=list)
    cited_fields: dict[str, list[str]] = Field(default_factory=dict)
    understood: ShopperRequest | None = None
    fallback: str | None = Field(
        default=None, description="Why the fast layer read the message although an LLM understanding is configured."
    )
    amounts: list[float] = Field(
        default_factory=list,
        description="Sums a tool returned (line totals, an order's total) that the answer may state beside a product.",
    )
    named: list[ProductRecord] = Field(
        default_factory=list,
        description="Products the answer names without listing them (the one asked about): checked as the listed ones.",
    )


_log = logging.getLogger(__name__)
_SIDE_EFFECTS = {Intent.cart_add, Intent.cart_remove, Intent.checkout}
_WHOSE = {"Men", "Women", "Boys", "Girls"}  # a look's template is one of theirs; "Unisex" is none
_SEARCHING = {Intent.search, Intent.refine, Intent.more, Intent.recommend}  # about a new list, not a piece shown
_ABOUT_ONE = {Intent.cart_add, Intent.stock, Intent.price, Intent.details}
_SAME_BUDGET = re.compile(r"\bsame (budget|range|price range|price)\b", re.I)

# How many candidates a sorted search ranks by price or rating (the most relevant first).
SORT_POOL = 40
_ORDER_SAID = {
    "price_asc": "cheapest first",
    "price_desc": "most expensive first",
    "rating_desc": "best rated first",
    "newest": "newest first",
}
# A store question asked at an order's summary leaves the summary waiting (the checkout
# tool places it only while the cart is as summarised).
_STILL_WAITING = "\nYour order summary is still waiting: reply yes to place it, or no to keep shopping."
_SORT_KEYS = {
    "price_asc": lambda p: p.price,
    "price_desc": lambda p: -p.price,
    "rating_desc": lambda p: (-p.rating, -p.rating_count),
    "newest": lambda p: -(p.year or 0),  # the year the catalog lists it in
}


# A care question ("is that one machine washable?"): the care guides are by kind of product.
_CARE_QUESTION = re.compile(r"wash|clean|iron|dry|waterproof|water resistant|swim|shower|洗|熨|防水", re.I)
# "does the fit run tight?", "are they narrow?": how that kind sizes, from its size chart
_FIT_QUESTION = re.compile(
    r"\b(?:run|runs|fit|fits|come|comes)\b.{0,12}\b(?:small|big|large|tight|loose|narrow)\b|"
    r"\bnarrow\b|\bwide feet\b|\bsize up\b|偏小|偏大|挤脚|偏窄",
    re.I,
)


# "is the 2nd one waterproof?": the help pages say it of watches only; of anything else, its listing
_WATERPROOF_ASKED = re.compile(r"waterproof|water[- ]?proof|water[- ]?resistant|rain[- ]?proof|防水", re.I)
_MADE_FOR_RAIN = re.compile(r"\b(rain\w*|waterproof|water resistant|windcheater)\b", re.I)


def _waterproof_by_listing(product: ProductRecord) -> str:
    """Whether a product (not a watch) keeps water out, as far as its listing says."""
    made_for_rain = _MADE_FOR_RAIN.search(product.title)
    if made_for_rain:
        return f'{product.title} is made for rain: its name says "{made_for_rain.group(0)}".'
    return (
        f"{product.title}'s listing does not say it is waterproof or water resistant, so I would not "
        f"count on it in heavy rain."
    )


# Another unit of what is in the cart: "one more of the same", "another one, same size", "再来一件"
_ONE_MORE = re.compile(r"\b(?:same|one more|1 more|another)\b|再来|再要|再加|ek aur", re.I)


def _shoe_search(filters: SearchFilters) -> bool:
    """Whether the filters are of footwear (a UK size said there is a shoe size)."""
    kinds = as_list(filters.article_type)
    return filters.sub_category == "Shoes" or any(
        "Shoes" in t or t in ("Heels", "Flats", "Sandals", "Flip Flops") for t in kinds
    )


def _cart_summary(cart: Cart) -> str:
    return f"Your cart has {sum(i.quantity for i in cart.items)} item(s), total ₹{cart.total:.0f}."


def _record(p: Any) -> ProductRecord:
    return ProductRecord(**p.model_dump(include=set(ProductRecord.model_fields)))


class RulePlanner:
    name = "rules"

    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self._understanding: FastUnderstanding | None = None
        self._llm_understanding: Any = None  # agent.llm_understanding.LLMUnderstanding, when configured
        self._wants_llm = kit.settings.reader != "fast"

    @property
    def understanding(self) -> FastUnderstanding:
        """Built on first use from the catalog's titles (a few seconds, once per catalog)."""
        if self._understanding is None:
            from agent.meaning import CatalogMeaning

            lexicon = self.kit.search.lexicon
            meaning = CatalogMeaning.of_catalog(self.kit.search.embedder.embed_documents, lexicon)
            self._understanding = FastUnderstanding(lexicon, meaning)
        return self._understanding

    def understand(
        self, message: str, state: SessionState, shown: list[ProductRecord], focus: ProductRecord | None
    ) -> tuple[ShopperRequest, str | None]:
        """The typed request, and why the fast layer read it when an LLM reading was wanted."""
        last = ShopperRequest.model_validate(state.last_request) if state.last_request else None
        state.shopper_gender = shopper_gender_said(message) or state.shopper_gender
        context = Context(
            shown=shown,
            focus=focus,
            has_search=bool(state.last_query),
            last_request=last,
            before_aside=ShopperRequest.model_validate(state.before_aside) if state.before_aside else None,
            gender=state.profile.gender,
            size_asked=state.size_asked is not None,
            searched_size=state.last_filters.get("size"),
            shopper_gender=state.shopper_gender,
            carted=lambda: bool(self.kit.view_cart(state.session_id).items),
        )
        if not self._wants_llm:
            return self.understanding.understand(message, context), None
        if self._llm_understanding is None:
            from agent.llm_understanding import LLMUnderstanding

            self._llm_understanding = LLMUnderstanding(self.kit.settings, self.understanding)
        return self._llm_understanding.understand(message, context)

    def _look_named(self, message: str, shown: list[ProductRecord], look: list[str]) -> list[ProductRecord]:
        """ "Add the first shoes in 9" after a look and then a list of pants: the shoes of
        the look (or of the lists shown before, ``look`` being every product seen), when
        the message names a kind the list has none of and the look has."""
        if _of_kind_named(message, shown) is not shown:
            return shown
        pieces = self.kit.search.db.get_records(look)
        in_look = [pieces[i] for i in look if i in pieces]
        named = _of_kind_named(message, in_look)
        return named if named is not in_look else shown

    def _call(self, turn: PlannedTurn, name: str, **args: Any) -> Any:
        turn.tool_calls.append(
            {
                "name": name,
                "args": {
                    k: (v.model_dump(exclude_none=True) if hasattr(v, "model_dump") else v) for k, v in args.items()
                },
            }
        )
        return getattr(self.kit, name)(**args)

    def plan(self, message: str, state: SessionState, replay: bool = False) -> PlannedTurn:
        """One turn. ``replay``: an earlier turn of a conversation sent whole, run again
        only for the state it leaves (what was searched and shown); cart changes and
        orders are not made again."""
        pending, state.pending_order = state.pending_order, None  # a summary is answered next turn or not at all
        reply = order_reply(message) if pending else None
        if reply and not replay:
            return self._order_reply(reply, pending or "", message, state)
        if asks_to_cancel_order(message) and state.last_order and not replay:
            return self._cancel_order(message, state)
        shown = list(self.kit.search.db.get_records(state.shown).values())
        shown.sort(key=lambda p: state.shown.index(p.id))
        focus = self.kit.search.db.get_record(state.focus) if state.focus else None
        request, fallback = self.understand(message, state, shown, focus)
        if (
            not pending
            and order_reply(message) == "yes"
            and request.intent in _SEARCHING
            and not _asks_anything(request)
        ):
            return self._nothing_to_confirm(message, request, fallback)  # "yes" with nothing asked: no search
        after_looks = state.last_request.get("intent") == Intent.outfit.value and bool(_TOTAL_ASKED.search(message))
        asks_total = bool(_LOOK_TOTAL.search(message)) or after_looks  # "so whats the total" right after looks
        reads = (*_SEARCHING, *_LOOK_TOTAL_READS, *((Intent.outfit,) if _ASKS_HOW_MUCH.match(message) else ()))
        if state.look_totals and asks_total and request.intent in reads:
            return _looks_totalled(state.look_totals, request, fallback)  # "what's the total for the look?"
        message = request.text if request.then else message  # the first of two cart actions: its words only
        self._learn_profile(request.text or message, state, request)
        turn = PlannedTurn(intent=request.intent, answer="", understood=request, fallback=fallback)
        if request.intent is Intent.compare and (state.last_request.get("outfit") or {}).get("around_reference"):
            shown = [p for p in shown if p.id in state.look and p.id != state.focus] or shown  # the pieces added
        before, state.last_request = state.last_request, request.model_dump(mode="json", exclude_defaults=True)
        _remember_the_aside(state, before, request)
        if replay and request.intent in _SIDE_EFFECTS:
            return turn
        if request.reference is not None and state.look and request.intent not in _SEARCHING:
            shown = self._look_named(message, shown, state.look)
        if request.reference is None and state.look and request.intent in (Intent.cart_add, Intent.stock):
            named = self._look_named(message, shown, state.look)  # "add the kurta in L" after its look
            shown = named if len(named) == 1 else shown
        if request.reference and request.reference.position and request.intent in _ABOUT_ONE:
            shown = self._look_named(message, shown, state.seen)  # "the first shoes" of a list before
        position = request.reference.position if request.reference else None
        superlative = bool(request.reference and request.reference.superlative)
        if (position and position > len(shown) and len(state.listed) >= position) or (
            superlative and len(shown) < 2 and len(state.listed) >= 2
        ):  # "2nd one?", "throw in the cheapest one" after one shown: of the list before it
            shown = [p for p in (self.kit.search.db.get_record(i) for i in state.listed) if p is not None]
        try:
            handler = getattr(self, f"_{request.intent.value}")
            handler(turn, request.text or message, state, shown, focus)
        except ToolError as exc:
            turn.answer = exc.message
            state.last_request = _kept_after_failure(request, state.last_request, before)
        except StoreError:
            raise  # the index itself is down: the API answers 503 store_unavailable
        except Exception:  # noqa: BLE001 - a broken tool: answer from what still works, never a 500
            _log.exception("the %s tools failed for %r; answering with a plain search", request.intent.value, message)
            self._degraded(turn, message, state)
        state.listed = list(state.shown) if len(state.shown) >= 2 else state.listed
        _summary_kept(turn, state, pending if not replay else None)
        _size_advised(turn, request)
        _brand_not_carried_said(turn, request)
        if request.then and not replay:  # "add the 4th belt. and remove the watch": the second on the cart left
            _and_then(turn, self.plan(request.then, state))
        return turn

    def _degraded(self, turn: PlannedTurn, message: str, state: SessionState) -> None:
        """A plain search of the message, the one tool least likely to be the broken one."""
        turn.outfits, turn.products, turn.cited_fields = [], [], {}
        try:
            self._show(
                turn,
                state,
                message,
                SearchFilters(),
                5,
                lead="I couldn't do exactly that just now, so here is a plain search. ",
            )
        except Exception:  # noqa: BLE001 - search is broken too: say so, in words
            _log.exception("the fallback search failed too")
            turn.answer = (
                "Sorry, I couldn't look that up just now. Please try again in a moment, or ask about something else."
            )

    # ---- profile -------------------------------------------------------------------
    @staticmethod
    def _learn_profile(message: str, state: SessionState, request: ShopperRequest | None = None) -> None:
        """Sizes, gender, budget and colours said, kept for later searches; a budget for the
        pieces added to a look ("juttis to go with it, 1500 for those") is that look's only."""
        profile = state.profile
        for key, value in stated_sizes(message).items():
            setattr(profile, key, value)
        filters = parse_query(message).filters if any(c.isalnum() for c in message) else SearchFilters()
        if filters.gender and filters.gender != "Unisex":
            profile.gender = filters.gender
        if filters.size and filters.size.startswith("UK") and _shoe_search(filters):  # "chappals for men uk9"
            profile.shoe_size = filters.size  # the feet shopped for
        # a budget for the pieces around one shown, or a set's total ("a wallet and a belt, 2500 total"):
        # no budget for each thing searched later
        for_pieces = bool(
            request and request.outfit and (request.outfit.budget_for_pieces or len(request.outfit.pieces) > 1)
        )
        understood = [n.price for n in (request.needs if request else []) if n.price and n.price.max is not None]
        if filters.price_max is None and len(understood) == 1:  # "gift for hubby, 2k": an amount read as a budget
            filters = filters.model_copy(update={"price_max": understood[0].max, "price_min": understood[0].min})
        if filters.price_max is not None and not for_pieces:
            profile.budget_max, profile.budget_min = filters.price_max, filters.price_min
        colours = as_list(filters.colour)
        profile.liked_colours = list(dict.fromkeys(colours + profile.liked_colours))[:5]

    # ---- searches ------------------------------------------------------------------
    def _show(
        self,
        turn: PlannedTurn,
        state: SessionState,
        query: str,
        filters: SearchFilters,
        k: int,
        skip: list[str] | None = None,
        lead: str = "",
    ) -> None:
        whoever = _for_anyone(query, filters)
        kinds = filters.article_type if isinstance(filters.article_type, list) else []
        said = turn.understood.text if turn.understood else ""
        kinds = kinds if _named_as_alternatives(kinds, said) else []  # "a wallet or a belt": both kinds
        response = self._call(  # re-ranked by what this session clicked and carted (POST /v1/events)
            turn,
            "search_for_session",
            session_id=state.session_id,
            query=query,
            k=(2 * k if whoever else 3 * k if len(kinds) > 1 else k) + len(skip or []),
            filters=filters,
            record=False,  # the chat answer records what it shows
        )
        if whoever:
            response.results = _adults_first(response.results)
        if len(kinds) > 1:
            kept = [r for r in response.results if r.id not in (skip or [])]
            for kind in [t for t in kinds if t not in {r.article_type for r in kept}]:  # ranked below the rest
                alone = filters.model_copy(update={"article_type": kind})
                found = self._call(turn, "search_products", query=query, k=k, filters=alone).results
                kept += [r for r in found if not r.differs][:1]  # none of that kind fits: none added
            response.results = _each_kind_shown(kept, k)
        self._present(turn, state, response, query, k, skip, lead)

    def plan_photo(self, photo: Any, message: str, state: SessionState) -> PlannedTurn:
        """A photo message ("like this but in black"): products that look like the photo
        (a ``PIL.Image``) under the filters its words give, presented like a search."""
        self._learn_profile(message, state)
        turn = PlannedTurn(intent=Intent.similar, answer="")
        turn.tool_calls.append({"name": "search_by_photo", "args": {"query": message, "k": 5}})
        response = self.kit.search.search_image(photo, message, k=5)
        self._present(turn, state, response, message, 5, lead="Going by your photo: ")
        return turn

    def _present(
        self,
        turn: PlannedTurn,
        state: SessionState,
        response: Any,
        query: str,
        k: int,
        skip: list[str] | None = None,
        lead: str = "",
        heading: dict[str, Any] | None = None,
    ) -> None:
        """Show the results and remember the search; ``heading``: the constraints the list's
        heading names, when not all of the search's hold for it."""
        results = [r for r in response.results if r.id not in (skip or [])][:k]
        turn.products = [_record(r) for r in results]
        state.last_query, state.last_filters, state.last_k = query, _words_kept(response), k
        state.last_sort = None
        searched = {"query": query, "filters": response.filters}
        state.searches = [*[s for s in state.searches if s != searched], searched][-_SEARCHES_KEPT:]
        state.last_needs = []
        state.show([p.id for p in turn.products])
        state.focus = state.shown[0] if state.shown else state.focus
        if not results:
            turn.answer = (
                response.relaxation.message
                if response.relaxation
                else "I couldn't find anything matching that in the catalog."
            )
            return
        heading, lead = _unisex_for_a_child(heading or response.filters, results, lead)
        described = answers.describe_filters(heading) or "products"  # never echo the shopper's text
        intro = lead + (
            f"{response.relaxation.message}\n"
            if response.relaxation
            else f"Here {'is' if len(results) == 1 else 'are'} {len(results)} {described} I found:\n"
        )
        turn.answer = intro + answers.product_list(turn.products, response.filters.get("size"))
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"] + (
                ["discount_pct", "list_price"] if p.discount_pct else []
            )

    @staticmethod
    def _for_someone_else(message: str, filters: SearchFilters, state: SessionState) -> bool:
        """Whether a message names another person than the last search was for ("tshirts for
        my son" after a dress for the sister): the budget said for her is not his. A pronoun
        ("he's football crazy") is the same person; "same budget" keeps it."""
        last_gender = state.last_filters.get("gender")
        if not (filters.gender and last_gender and filters.gender != last_gender) or _SAME_BUDGET.search(message):
            return False
        return any(kind == "gender" for kind, _, _ in parse_query(message).recognised)

    def _soft_preferences(self, message: str, filters: SearchFilters, state: SessionState) -> tuple[SearchFilters, str]:
        """Apply the remembered profile where this message is silent, and say so."""
        profile, notes = state.profile, []
        update: dict[str, Any] = {}
        if _FRESH_START.search(message):  # "ok forget it. something for me, grey hoodie L": nothing carried
            return filters, ""
        # whose the last search was for ("earrings" after a boy's kurta), else whose the profile says; "for me"
        # after running shoes for a wife is not hers
        gender = (None if _FOR_ME.search(message) else state.last_filters.get("gender")) or profile.gender
        if not filters.gender and gender:
            update["gender"] = gender
            notes.append(f"for {gender}")
        category = self._category_of(filters)
        if not filters.size and not self._for_someone_else(message, filters, state):  # a size is one person's
            if category == "Apparel" and profile.apparel_size:
                update["size"] = profile.apparel_size
                notes.append(f"in size {profile.apparel_size}")
            elif category == "Footwear" and profile.shoe_size:
                update["size"] = profile.shoe_size
                notes.append(f"in size {profile.shoe_size}")
            elif look_size := _size_of_the_look(category, state):
                update["size"] = look_size
                notes.append(f"in size {look_size}")
        budget = profile.budget_max
        # the conversation is under a budget: the last search's, or one every need had ("jeans under
        # 2000 and a belt": 2000 was the jeans', not the belt's)
        thread = state.last_filters.get("price_max") is not None or (
            bool(state.last_needs) and all(f.get("price_max") is not None for f in state.last_needs)
        )
        unpriced = filters.price_max is None and filters.price_min is None
        if unpriced and budget is not None and thread and not self._for_someone_else(message, filters, state):
            update["price_max"], update["price_min"] = budget, profile.budget_min
            notes.append(
                f"between ₹{profile.budget_min:.0f} and ₹{budget:.0f}" if profile.budget_min else f"under ₹{budget:.0f}"
            )
        # "something traditional, red obviously" then "saree pls": the colour was said of what is wanted,
        # no kind yet, so the kind named now is wanted in it
        last = state.last_filters
        kindless = not (last.get("article_type") or last.get("sub_category") or last.get("category"))
        named = filters.article_type or filters.sub_category
        coloured = last.get("colour") and not (filters.colour or filters.exclude_colours)
        if kindless and named and coloured and not self._for_someone_else(message, filters, state):
            update["colour"] = last["colour"]
            notes.append("in " + " or ".join(as_list(last["colour"])))
        if not update:
            return filters, ""
        return filters.model_copy(update=update), f"Showing {' '.join(notes)}, as you said earlier. "

    def _category_of(self, filters: SearchFilters) -> str | None:
        types = as_list(filters.article_type)
        if _shoe_search(filters):
            return "Footwear"
        apparel = {
            "Tshirts",
            "Shirts",
            "Tops",
            "Kurtas",
            "Kurtis",
            "Jeans",
            "Trousers",
            "Track Pants",
            "Shorts",
            "Dresses",
            "Skirts",
            "Jackets",
            "Sweaters",
            "Sweatshirts",
            "Leggings",
            "Capris",
            "Tunics",
        }
        return "Apparel" if any(t in apparel for t in types) or filters.sub_category == "Bottomwear" else None

    def _need_filters(self, message: str, need: ProductNeed, state: SessionState) -> SearchFilters:
        """One of several needs' filters, the profile filling what it leaves open, but only for
        the shopper's own or no one's: a son's need takes no size of the shopper's, and the
        shopper's own no child's gender ("for me and my son, i'm XL")."""
        filters = _sold_for_gender(need.filters(), self.kit.search.lexicon)
        filled = self._soft_preferences(message, filters, state)[0]
        if need.whose not in (None, "self") and not filters.size:
            filled = filled.model_copy(update={"size": None})
        if need.whose == "self" and not filters.gender and filled.gender in ("Boys", "Girls"):
            filled = filled.model_copy(update={"gender": None})
        return filled

    def _search(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        request = turn.understood
        if request and request.brand_not_carried and not _asks_anything(request):
            turn.answer = (  # "do you have zara?": no list of other brands' anything
                f"We don't carry {request.brand_not_carried}. Tell me what you're looking for "
                "and I'll show you what the brands we carry have."
            )
            return None
        needs = request.needs if request and request.needs else [ProductNeed(text=message)]
        lexicon = self.kit.search.lexicon
        if len(needs) > 1:
            searches = [(n.text or message, self._need_filters(message, n, state)) for n in needs]
            self._search_several(turn, message, state, searches, [n.whose for n in needs])
            return self._say_unsold(turn)
        need = needs[0]
        own = _sold_for_gender(need.filters() if request else parse_query(message).filters, lexicon)
        filters, note = self._soft_preferences(message, _one_of_last(own, message, state, lexicon), state)
        if request and request.colour_question:  # "what colour shoes go with navy trousers?": the rules' answer first
            asked = request.colour_question
            note = f"{colours.advice(asked.asked, asked.goes_with)}\n{note}"
        query = need.text or message
        k = request.count if request and request.count else 5  # "just show me 3 brown belts"
        filters, widened = self._around_widened(turn, query, filters, need)
        note = f"{widened}{note}"
        if request and request.sort in _SORT_KEYS:
            self._show_sorted(turn, state, query, filters, request.sort, note, k)
        elif need.occasion and filters.usage:  # an occasion's usage fills the list first, then by meaning
            self._show_occasion(turn, state, query, filters, note, k)
        else:
            self._show(turn, state, query, filters, k, lead=note)
        self._say_unsold(turn)

    def _around_widened(
        self, turn: PlannedTurn, query: str, filters: SearchFilters, need: ProductNeed
    ) -> tuple[SearchFilters, str]:
        """A budget said roughly ("围巾 五百左右", "around 800") that fewer than three products in
        stock meet: cheaper ones too (the floor twice as far down, the ceiling as said), and
        said so, rather than one product (or none in stock) at about that price."""
        price = need.price
        if price is None or not price.around or filters.price_min is None or filters.price_max is None:
            return filters, ""

        def in_stock(band: SearchFilters) -> int:
            found = self._call(turn, "search_products", query=query, k=_AROUND_ENOUGH, filters=band).results
            return sum(1 for r in found if not r.differs and r.sizes_in_stock)

        narrow = in_stock(filters)
        if narrow >= _AROUND_ENOUGH:
            return filters, ""
        spread = min(2 * (price.tolerance or AROUND_TOLERANCE), _AROUND_WIDEST) * price.around
        wider = filters.model_copy(update={"price_min": max(price.around - spread, 0)})
        if in_stock(wider) <= narrow:  # no more in the wider band: the range as asked
            return filters, ""
        note = (
            f"Few in stock at about ₹{price.around:.0f}, so here are cheaper ones too, "
            f"₹{wider.price_min:.0f}-₹{wider.price_max:.0f}.\n"
        )
        return wider, note

    def _say_unsold(self, turn: PlannedTurn) -> None:
        """One of several things asked for is not sold here ("a yoga mat and gym shorts"):
        the answer says so before what was found for the rest."""
        thing = turn.understood.out_of_catalog if turn.understood else None
        if thing and turn.understood and turn.understood.intent in (Intent.search, Intent.outfit):
            turn.answer = f"We don't sell {self._unsold_named(thing)}.\n{turn.answer}"

    def _unsold_named(self, thing: str) -> str:
        """A thing not sold as the answer names it; a brand of a kind of shop ("dolo", a
        brand of tablets) by that kind, as the shopper may not know the store's word for it."""
        if not self.kit.search.lexicon.is_english(thing):
            thing = _kind_of_brand(thing)
        return _unsold_named(thing)

    def _show_occasion(
        self, turn: PlannedTurn, state: SessionState, query: str, filters: SearchFilters, lead: str, k: int = 5
    ) -> None:
        """What is worn for the occasion first; when the shelf of its own usage is short, the
        usages that stand in for it (men's shoes for a sangeet: casual ones, never sports
        shoes), and only then anything of the kind, by meaning."""
        kinds = set(filters.article_type) if isinstance(filters.article_type, list) else set()
        said = turn.understood.text if turn.understood else ""
        kinds = kinds if _named_as_alternatives(list(kinds), said) else set()  # "earrings or a bracelet": both
        pool = 3 * k if len(kinds) > 1 else k  # "earrings or a bracelet": room for each kind
        response = self._call(turn, "search_products", query=query, k=pool, filters=filters)
        fitting = [r for r in response.results if not r.differs]
        for wider_usage in [*COMPATIBLE_USAGES.get(filters.usage or "", [])[1:], None]:
            missing = kinds - {r.article_type for r in fitting}
            if len(fitting) >= k and not missing:
                break
            wider = self._call(
                turn, "search_products", query=query, k=pool, filters=filters.model_copy(update={"usage": wider_usage})
            )
            known = {r.id for r in fitting}
            fresh = [r for r in wider.results if r.id not in known and not r.differs]
            fitting += fresh[: max(k - len(fitting), 0)] + [r for r in fresh if r.article_type in missing][:1]
        if len(kinds) > 1:
            fitting = _each_kind_shown(fitting, k)
        relaxed = (
            response.relaxation if response.relaxation and response.relaxation.dropped == ["include_terms"] else None
        )
        if fitting and len(fitting) < k and relaxed:  # "an anarkali for a sangeet": the one, then the nearest
            known = {r.id for r in fitting}
            fitting += [r for r in response.results if r.differs and r.id not in known][: k - len(fitting)]
        heading = None
        if fitting:  # else the nearest items, each saying what differs
            response.results, response.relaxation = fitting, relaxed if any(r.differs for r in fitting) else None
            lead += _stand_ins_note(fitting[:k], filters.usage)
            if not all(r.usage == filters.usage for r in fitting[:k]):  # the heading claims only what all are
                heading = {f: v for f, v in response.filters.items() if f != "usage"}
        self._present(turn, state, response, query, k, lead=lead, heading=heading)

    def _show_sorted(
        self,
        turn: PlannedTurn,
        state: SessionState,
        query: str,
        filters: SearchFilters,
        sort: str,
        lead: str,
        k: int = 5,
        skip: list[str] | None = None,
    ) -> None:
        """The products under the filters, ordered by price or rating: by price, the cheapest
        (or priciest) of all that fit when the filters say all the query says, else the most
        relevant in that order; by rating or year, the most relevant. Sold-out ones only when none is
        in stock (one at the top of "cheapest first" is one nobody can buy, and one after them
        would break the order asked). ``skip``: those already shown, for the next page in the
        same order ("show more" after "cheapest first")."""
        by_price = sort if sort in ("price_asc", "price_desc") else None
        pool = SORT_POOL + len(skip or ())
        response = self._call(turn, "search_products", query=query, k=min(pool, 100), filters=filters, sort=by_price)
        response.results.sort(key=lambda p: (not p.sizes_in_stock, _SORT_KEYS[sort](p)))
        shown = set(skip or ())
        response.results = [p for p in response.results if p.id not in shown]
        in_stock = sum(1 for p in response.results if p.sizes_in_stock)
        response.results = response.results[: in_stock or k]
        order = _ORDER_SAID[sort]
        self._present(turn, state, response, query, k, lead=lead)
        state.last_sort = sort
        if turn.products and not response.relaxation:
            turn.answer = turn.answer.replace(" I found:\n", f" I found, {order}:\n", 1)

    def _search_several(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        searches: list[tuple[str, SearchFilters]],
        whose: Sequence[str | None] = (),
    ) -> None:
        """Several needs in one message: a search for each, shown together, each under its heading
        (and whom each is for, when named, kept for a change to one person's things)."""
        per_need = max(2, 6 // len(searches))
        products: list[ProductRecord] = []
        sections: list[str] = []
        sort = turn.understood.sort if turn.understood and turn.understood.sort in _SORT_KEYS else None
        for query, filters in searches[:4]:
            whoever = _for_anyone(query, filters)
            k = 3 * per_need if whoever else per_need
            if sort:  # "best rated first" of each list: each ordered as asked
                k = SORT_POOL
            by_price = sort if sort in ("price_asc", "price_desc") else None
            response = self._call(turn, "search_products", query=query, k=k, filters=filters, sort=by_price)
            ranked = _adults_first(response.results) if whoever else response.results
            if sort:
                ranked = sorted(ranked, key=lambda p: (not p.sizes_in_stock, _SORT_KEYS[sort](p)))
            found = [_record(r) for r in ranked][:per_need]
            brands = [t for t in filters.include_terms if t.lower() in self.kit.search.lexicon.brands]
            relaxation = response.relaxation
            # "wildcraft or nike ones?": no other brand (those found have all the search asked, unless
            # more than the brand was dropped: a price or a colour, which the heading says)
            if len(searches) > 1 and relaxation and brands and relaxation.dropped == ["include_terms"]:
                found = [p for p in found if any(b.lower() in p.title.lower() for b in brands)]
                relaxation = None
            described = answers.describe_filters(filters.public() if brands else response.filters) or query
            if not found:
                sections.append(f"No {_described_apart(response.filters, query)} in the catalog right now.")
                continue
            start = len(products)
            products += found
            order = f", {_ORDER_SAID[sort]}" if sort else ""
            heading = (
                relaxation.message
                if relaxation and relaxation.message
                else f"{described[:1].upper()}{described[1:]}{order}:"
            )
            sections.append(
                heading
                + "\n"
                + "\n".join(answers.product_line(start + i + 1, p, filters.size) for i, p in enumerate(found))
            )
        turn.products = products
        state.last_query, state.last_filters, state.last_k = message, {}, 5
        state.last_needs = [filters.public() for _, filters in searches[:4]]
        state.needs_whose = list(whose)[:4] if len(whose) >= len(state.last_needs) else []
        state.needs_queries = [query for query, _ in searches[:4]]
        for query, filters in searches[:4]:  # "ok now back to the shoes": each need's search, to go back to
            searched = {"query": query, "filters": filters.public(), "one_of_several": True}
            state.searches = [*[s for s in state.searches if s != searched], searched][-_SEARCHES_KEPT:]
        state.several_needs = state.last_needs
        state.last_sort = sort
        state.show([p.id for p in products])
        state.focus = state.shown[0] if state.shown else state.focus
        turn.answer = "\n".join(sections) if products else "I couldn't find any of those in the catalog."
        for p in products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]

    def _compare(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """ "Which of these is the cheapest / best rated?": answered from the list shown;
        "compare the first two": those products side by side."""
        reference = turn.understood.reference if turn.understood else None
        positions = turn.understood.positions if turn.understood else []
        numbered = [(i, shown[i - 1]) for i in positions if 0 < i <= len(shown)]
        if len(numbered) >= 2:
            self._side_by_side(turn, state, numbered)
            if turn.understood and turn.understood.together:
                turn.answer = _their_total(numbered, message) + turn.answer
            if reference and reference.superlative:  # "which is cheaper, 1 or 3?": that one named, and in hand
                self._one_of_those_compared(turn, state, numbered, reference.superlative)
            quality = unrecorded_quality(message)
            if quality:  # "which one is the lightest?": said plainly, then what the catalog does record
                turn.answer = (
                    f"The catalog does not record {quality}: it has each product's type, colour, "
                    f"price, sizes in stock and rating. {turn.answer}"
                )
            return None
        if positions and shown:  # "compare the first two" with one product shown: no new search
            turn.products = shown[:1]
            turn.answer = f"I showed only one product just now:\n{answers.product_list(turn.products)}"
            turn.cited_fields[shown[0].id] = ["title", "price", "colour", "sizes_in_stock"]
            return None
        if not shown or reference is None or reference.superlative is None:
            return self._search(turn, message, state, shown, focus)
        target = superlative_of(_of_kind_named(message, shown), reference.superlative)  # "which kurta is cheapest"
        why = {"cheapest": "the cheapest", "priciest": "the most expensive"}.get(
            reference.superlative, "the best rated"
        )
        position = [p.id for p in shown].index(target.id) + 1
        detail = (
            f"rated {target.rating:.1f} by {target.rating_count} shoppers"
            if reference.superlative == "best_rated"
            else f"at ₹{target.price:.0f}"
        )
        turn.products, state.focus = [target], target.id
        turn.answer = f"Of these, {why} is number {position}, {target.title}, {detail}.\n" + answers.product_line(
            position, target
        )
        turn.cited_fields[target.id] = ["title", "price", "colour", "sizes_in_stock", "rating"]

    @staticmethod
    def _one_of_those_compared(
        turn: PlannedTurn, state: SessionState, numbered: list[tuple[int, ProductRecord]], superlative: Superlative
    ) -> None:
        """ "which is cheaper, 1 or 3?": the one asked for named first, and made the product in
        hand, so "ok add it" next adds that one."""
        target = superlative_of([p for _, p in numbered], superlative)
        position = next(i for i, p in numbered if p.id == target.id)
        which = {"cheapest": "cheaper", "priciest": "pricier"}.get(superlative, "better rated")
        detail = f"rated {target.rating:.1f}" if superlative == "best_rated" else f"₹{target.price:.0f}"
        state.focus = target.id
        turn.answer = f"The {which} is number {position}, {target.title} ({detail}).\n{turn.answer}"

    def _side_by_side(self, turn: PlannedTurn, state: SessionState, numbered: list[tuple[int, ProductRecord]]) -> None:
        """Each product's price, colour, rating and sizes in stock (numbered as in the list,
        which stays the list), then which is cheapest and which best rated."""
        lines = [answers.product_line(i, p) + f" · rated {p.rating:.1f}" for i, p in numbered]
        compared = [p for _, p in numbered]
        cheapest = min(compared, key=lambda p: p.price)
        rated = max(compared, key=lambda p: (p.rating, p.rating_count))
        summary = f"{cheapest.title} is the cheapest at ₹{cheapest.price:.0f}"
        summary += (
            f" and also the best rated ({rated.rating:.1f})."
            if rated.id == cheapest.id
            else f"; {rated.title} is the best rated ({rated.rating:.1f})."
        )
        turn.products = compared
        state.focus = cheapest.id if rated.id == cheapest.id else state.focus  # "add it" next: that one
        turn.answer = "Side by side:\n" + "\n".join(lines) + "\n" + summary
        for p in compared:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock", "rating"] + (
                ["discount_pct", "list_price"] if p.discount_pct else []
            )

    def _refine(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        kept = _several_less_one(turn.understood, state.last_needs, self.kit.search.lexicon)
        if kept:  # "skip the clutch, just the kurta n saree then": the other needs, as asked before
            shopping_list = _list_after_swap(turn.understood, state.several_needs, kept, self.kit.search.lexicon)
            self._search_several(turn, message, state, kept)
            state.several_needs = shopping_list or state.several_needs
            return None
        need = turn.understood.needs[0] if turn.understood and turn.understood.needs else None
        named = need.whose if need is not None else None
        one_of_them = bool(state.last_needs) and named is not None and named in state.needs_whose
        if not state.last_filters and need is not None and need.has_product() and not one_of_them:
            if turn.understood and turn.understood.cheaper:
                _cheaper_than_shown(need, shown)
            return self._search(turn, message, state, shown, focus)
        dropped = turn.understood.dropped if turn.understood else []
        let_go = _let_go_of(dropped)
        theirs = _other_persons_need(need, state)
        if need is not None and theirs is not None:  # "ok now hers, under 1500" after his shirts: her dress
            state.last_filters, state.last_query, state.last_needs = theirs, _query_of(theirs), []
            need = need.model_copy(update={"gender": None})
        if state.last_needs and not state.last_filters:  # "any in yellow?" after several needs: each of them
            lexicon = self.kit.search.lexicon
            whose = (
                state.needs_whose if len(state.needs_whose) == len(state.last_needs) else [None] * len(state.last_needs)
            )
            change_of = _each_persons_change(state.last_needs, turn.understood.needs if turn.understood else [], whose)
            changed = list(change_of) if change_of else _needs_of_whom(state.last_needs, need, whose)
            change_of = change_of or {i: need for i in changed if need is not None}  # else each as it was
            others_kept = bool(turn.understood and turn.understood.others_kept) and len(changed) < len(state.last_needs)
            chosen = [i for i in range(len(state.last_needs)) if others_kept or i in changed]
            searches = [  # "papa's are fine, mummy wants red": hers changed, his shown again as they were
                (
                    state.needs_queries[i]
                    if i not in changed and len(state.needs_queries) == len(state.last_needs)
                    else _query_of(state.last_needs[i]),
                    _sold_for_gender(
                        _refined(
                            _another_kind_for(_filters_of(state.last_needs[i], let_go), change_of.get(i, need)),
                            change_of.get(i, need),
                        ),
                        lexicon,
                    )
                    if i in changed
                    else _filters_of(state.last_needs[i], {}),
                )
                for i in chosen
            ]
            sort = turn.understood.sort if turn.understood else None
            if len(searches) == 1 and sort in _SORT_KEYS:  # "cheapest to most expensive" of a look's shoes
                return self._show_sorted(turn, state, searches[0][0], searches[0][1], sort, "", state.last_k)
            shopping_list, shopping_whose = state.several_needs, list(whose)
            self._search_several(turn, message, state, searches, [whose[i] for i in chosen])
            if len(searches) < len(shopping_list):  # "show only his first": hers is still to come
                state.several_needs, state.needs_whose = shopping_list, shopping_whose
            return None
        brands = [n for n in turn.understood.needs if n.brand] if turn.understood else []
        if len(brands) > 1 and state.last_filters:  # "wildcraft or nike ones?": the last search, once per brand
            lexicon = self.kit.search.lexicon
            searches = [
                (
                    _with_new_words(state.last_query or message, each),
                    _sold_for_gender(_refined(refined_filters(message, state, shown, focus, each)[0], each), lexicon),
                )
                for each in brands
            ]
            return self._search_several(turn, message, state, searches)
        earlier = (
            _earlier_search(state, need, message, self.kit.search.lexicon.sub_category_of)
            if turn.understood and turn.understood.earlier
            else None
        )
        if earlier is not None:  # "nah the yellow ones were better, bring them back"
            filters = SearchFilters.model_validate(earlier["filters"])
            if need is not None and (need.colours or need.size or need.price or need.brand or need.exclude_colours):
                # "... but only white ones, XL"; a colour that found the search is its own, kept ("the yellow
                # ones were better"), another is a change ("back to the jeans, same thing but black")
                found_by_colour = bool(set(as_list(filters.colour)) & set(need.colours))
                said = need.model_copy(update={"colours": []}) if found_by_colour else need
                filters = _refined(filters, said)
            return self._show(turn, state, earlier["query"], filters, state.last_k, lead="Here they are again. ")
        filters, brand_note = refined_filters(message, state, shown, focus, need, dropped)
        between = _price_between(state) if turn.understood and turn.understood.in_between else None
        if between is not None:  # "under 700", "1500 and up", then "anything in between?"
            filters = filters.model_copy(update={"price_min": between[0], "price_max": between[1]})
            state.profile.budget_min, state.profile.budget_max = between  # "titan ones in that range" next
        asked = _with_the_floor_said(_refined(filters, need), state)
        filters = _sold_for_gender(asked, self.kit.search.lexicon)
        brand_note = _not_sold_for_note(asked, filters) + brand_note
        query = _with_new_words(state.last_query or message, need)
        order = (turn.understood.sort if turn.understood else None) or _sort_kept(state, need)
        k = turn.understood.count if turn.understood and turn.understood.count else state.last_k  # "just 3"
        if order in _SORT_KEYS:
            return self._show_sorted(turn, state, query, filters, order, brand_note, k)
        before = (state.last_query, SearchFilters.model_validate(state.last_filters))
        if need is not None and need.occasion and filters.usage == need.usage:
            self._show_occasion(turn, state, query, filters, brand_note, k)
        else:
            self._show(turn, state, query, filters, k, lead=brand_note)
        self._none_cheaper(turn, state, shown, before, k)

    def _none_cheaper(
        self,
        turn: PlannedTurn,
        state: SessionState,
        shown: list[ProductRecord],
        before: tuple[str | None, SearchFilters],
        k: int,
    ) -> None:
        """ "cheaper?" when the list shown holds the cheapest there is: said so, and the same
        search from the cheapest up (the nearest matches without the price were all dearer)."""
        if not (turn.understood and turn.understood.cheaper and shown and turn.products):
            return
        if any(n.price for n in turn.understood.needs):  # "cheaper ones please, below 1200": that limit's search
            return
        floor = min(p.price for p in shown)
        if any(p.price < floor for p in turn.products):
            return
        query, filters = before
        lead = f"Nothing cheaper than ₹{floor:.0f} matches this search. "
        turn.products, turn.answer = [], ""
        self._show_sorted(turn, state, query or "", filters, "price_asc", lead, k)

    def _more(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        if not state.last_query:
            return self._search(turn, message, state, shown, focus)
        already = list(state.shown)
        filters = SearchFilters.model_validate(state.last_filters)
        k = turn.understood.count if turn.understood and turn.understood.count else state.last_k  # "10 options pls"
        if state.last_sort in _SORT_KEYS:  # "show more" after "cheapest first": the next ones in that order
            self._show_sorted(turn, state, state.last_query, filters, state.last_sort, "", k, skip=already + state.seen)
        else:
            self._show(turn, state, state.last_query, filters, k, skip=already + state.seen)
        if not turn.products:
            turn.answer = "That's everything I have for this search. Try changing a filter, e.g. another colour."

    def _similar(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        target = self._referent(turn, message, shown, focus)
        if target is None:
            return self._search(turn, message, state, shown, focus)
        need = turn.understood.needs[0] if turn.understood and turn.understood.needs else None
        if (need and need.colours) or (turn.understood and turn.understood.other_colours):
            return self._in_other_colours(turn, state, target, need.colours if need else [])
        searched = SearchFilters.model_validate(state.last_filters) if target in shown else SearchFilters()
        # "anything similar under 5k"; "more like the 5th" of heels under 2500: still under 2500
        price_max = need.price.max if need and need.price else searched.price_max
        cheaper = bool(turn.understood and turn.understood.cheaper and target.price)  # "any cheaper ones like it"
        if cheaper:
            price_max = min(price_max if price_max is not None else target.price, target.price - 1)
        gender = need.gender if need and need.gender not in (None, target.gender) else None  # "... for my wife"
        own = target.gender if target.gender in ("Men", "Women", "Boys", "Girls") else None
        colours = [c for c in as_list(searched.colour) if c == target.colour]  # "more like the 3rd" of white ones
        results = self._call(
            turn,
            "find_similar",
            product_id=target.id,
            k=5,
            price_max=price_max,
            gender=gender or (searched.gender if isinstance(searched.gender, str) else None) or own,
            colours=colours,
            size=(need.size if need and need.size else None) or searched.size,  # "but in M"; else the size kept
            # "show me more like that" of sarees 4-5k: still 4-5k (unless a price or cheaper was said)
            price_min=searched.price_min if not cheaper and not (need and need.price) else None,
            usage=searched.usage if isinstance(searched.usage, str) and searched.usage == target.usage else None,
        )
        turn.products = [_record(r) for r in results]
        state.show([p.id for p in turn.products])
        if gender:  # "any in red?" next: this kind, for her
            state.last_query = f"{target.article_type} for {gender}"
            state.last_filters = {"article_type": target.article_type, "gender": gender}
        limit = f" under ₹{price_max:.0f}" if price_max is not None else ""
        under = (f", for {gender}" if gender else "") + (
            f" and cheaper than its ₹{target.price:.0f}" if cheaper else limit
        )
        turn.named = [target]
        turn.amounts += [price_max] if price_max is not None and not cheaper else []  # the shopper's limit, said back
        turn.answer = (
            f"Similar to {target.title}{under}:\n" + answers.product_list(turn.products)
            if turn.products
            else f"I couldn't find in-stock items similar to {target.title}{under}."
        )
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]

    def _in_other_colours(
        self, turn: PlannedTurn, state: SessionState, target: ProductRecord, wanted: list[str]
    ) -> None:
        """ "does it come in black?": each colour is a product of its own in the catalog, so
        the answer says which colour this one is and lists the nearest ones in the colours
        asked for (any other than its own when none was named)."""
        own = target.colour or "one colour"
        stock = f"in stock in {', '.join(target.sizes_in_stock)}" if target.sizes_in_stock else "sold out"
        if wanted and target.colour in wanted:
            turn.products = [target]
            turn.answer = f"Yes — {target.title} is {own}, {stock}:\n" + answers.product_list(turn.products)
        else:
            budget = state.last_filters.get("price_max")  # "男士白色运动鞋 3000以内" ... "第二双有黑色的吗"
            results = self._call(
                turn,
                "find_similar",
                product_id=target.id,
                k=5,
                price_max=budget,
                colours=wanted,
                other_colours=not wanted,
                size=state.last_filters.get("size"),  # the shopper's size still holds
            )
            turn.products = [_record(r) for r in results]
            asked = " or ".join(wanted) if wanted else "other colours"
            said = f"{target.title} comes in {own} only ({stock}); each colour is a product of its own here."
            turn.answer = (
                f"{said}\nThe nearest ones in {asked}:\n" + answers.product_list(turn.products)
                if turn.products
                else f"{said}\nI found nothing like it in {asked} in stock."
            )
        turn.cited_fields[target.id] = ["title", "colour", "sizes_in_stock"]
        turn.named, state.focus = [target], target.id
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]
        if turn.products:  # nothing found: the list before stays the one "the second" means
            state.show([p.id for p in turn.products])
        if wanted and state.last_filters:  # "under 2k pls" next: still in the colour asked
            state.last_filters = {**state.last_filters, "colour": wanted[0] if len(wanted) == 1 else wanted}

    def _recommend(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """ "For you", exactly as ``GET /v1/recommendations`` serves it: seeded by what this
        session clicked, carted and was shown, re-ranked by its interest and the shopper's
        profile; for a new session, what is popular and trending in the store."""
        picks = self._call(
            turn,
            "recommend_for_session",
            session_id=state.session_id,
            k=5,
            seen=state.seen,
            preferences=state.profile.preferences(),
            record=False,  # the chat answer records what it shows
        )
        turn.products = [_record(r) for r in picks.products]
        state.show([p.id for p in turn.products])
        lead = (
            "Popular in the store right now:\n"
            if picks.method == COLD_START
            else "Based on what you've looked at and your cart, you might like:\n"
        )
        turn.answer = (
            lead + answers.product_list(turn.products) if turn.products else "Tell me what you're looking for."
        )
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "sizes_in_stock"]

    # ---- about one product ---------------------------------------------------------
    @staticmethod
    def _referent(
        turn: PlannedTurn, message: str, shown: list[ProductRecord], focus: ProductRecord | None
    ) -> ProductRecord | None:
        """The product the understood reference means: a position in the list shown, the
        cheapest / priciest / best rated of it, or the product in focus."""
        reference = turn.understood.reference if turn.understood else None
        if turn.understood and turn.understood.intent in (Intent.cart_add, Intent.stock, Intent.price):
            _check_kind_shown(message, shown, focus)
        if reference is None or not (shown or focus):
            return resolve_reference(message, shown, focus) if (shown or focus) else None
        among = [(i, shown[i - 1]) for i in reference.among if 0 < i <= len(shown)]
        if among:  # "add it" right after two were compared: which of them is asked
            named = " or ".join(f"number {i} ({p.title})" for i, p in among)
            turn.named += [p for _, p in among]  # the titles the question names are grounded
            raise ToolError(ErrorCode.no_reference, f"Which one do you mean: {named}?")
        if reference.position is not None:
            index = -1 if reference.position == -1 else reference.position - 1
            shown = _of_kind_named(message, shown)  # "the second tshirt" of looks: of the tshirts shown
            if shown and -len(shown) <= index < len(shown):
                return shown[index]
            raise ToolError(
                ErrorCode.no_reference,
                f"I only showed {len(shown)} product{'s' if len(shown) != 1 else ''} just now — which one do you mean?",
            )
        if reference.superlative and shown:
            return superlative_of(_of_kind_named(message, shown), reference.superlative)  # "the cheapest shoe"
        return resolve_reference(message, shown, focus) or (focus if reference.pronoun else None)

    def _target(
        self, turn: PlannedTurn, message: str, shown: list[ProductRecord], focus: ProductRecord | None
    ) -> ProductRecord:
        target = self._referent(turn, message, shown, focus)
        if target is None:
            raise ToolError(
                ErrorCode.no_reference,
                'Which of the products shown do you mean? Say e.g. "the second one".'
                if shown
                else 'Which product do you mean? Search for something first, then say e.g. "the second one".',
            )
        return target

    def _stock(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        target = self._target(turn, message, shown, focus)
        size = size_in(message, footwear=target.category == "Footwear") or (
            turn.understood.size if turn.understood else None
        )
        measured = _inches_said(size, target)
        inches, measure = measured or (0, "Waist")
        letter = size_chart.size_for(inches, measure) if measured else None
        if letter and letter in target.stock:  # "got it in 32?" of jeans sized XS-XXL: the chart's size
            info = self._call(turn, "check_stock", product_id=target.id, size=letter)
            turn.answer = (
                f"{target.title} is sized by letter, not {measure.lower()}: a {inches}-inch {measure.lower()} "
                f"is {letter} on our size chart. {info.message}"
            )
        elif measured:
            info = self._call(turn, "check_stock", product_id=target.id, size=None)
            turn.answer = (
                f"{target.title} is sized {', '.join(target.stock)}, not by {measure.lower()}, and our size chart "
                f"has no size for a {inches}-inch {measure.lower()}. {info.message}"
            )
        else:
            info = self._call(turn, "check_stock", product_id=target.id, size=size if size in target.stock else None)
            turn.answer = (
                f"{target.title} doesn't come in size {size}. {info.message}"
                if size and size not in target.stock
                else info.message
            )
            counts = [f"{target.stock[s]} in {s}" for s in target.sizes_in_stock if not size or s == size]
            asks_count = r"\bhow many\b|\bquantity\b|\bunits\b|how much stock|stock (is )?(left|remaining)|几件|多少件"
            if counts and re.search(asks_count, message, re.I):
                turn.answer += f" Left now: {', '.join(counts)}."
        turn.products, state.focus = [target], target.id
        turn.cited_fields[target.id] = ["title", "sizes_in_stock", "stock"]
        if asks_price(message):  # "whats the price n is it in stock": both answered
            turn.answer += f" It is {_priced(self._call(turn, 'price_info', product_id=target.id))}."
            turn.cited_fields[target.id] += ["price", "list_price", "discount_pct"]

    def _price(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        target = self._target(turn, message, shown, focus)
        info = self._call(turn, "price_info", product_id=target.id)
        turn.products, state.focus = [target], target.id
        turn.answer = f"{target.title} is {_priced(info)}. {info.verdict}"
        turn.cited_fields[target.id] = ["title", "price", "list_price", "discount_pct"]

    def _details(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """A question about one shown product ("is the 3rd one leather?"): what the catalog
        says of it, never a guess about what it does not record."""
        target = self._target(turn, message, shown, focus)
        turn.products, state.focus = [target], target.id
        usage = (
            target.usage
            if target.usage and target.usage != "NA" and target.usage.lower() not in target.article_type.lower()
            else None
        )  # not "sports sports shoes"
        kind = " ".join(x for x in (target.colour, usage, target.article_type) if x).lower()
        turn.answer = (
            f"{target.title}: listed as {kind} for "
            f"{target.gender.lower()}, rated {target.rating:.1f} by {target.rating_count} shoppers. "
            f"The catalog records its type, colour, price and sizes, so its title is all it says about "
            f"the material or cut.\n" + answers.product_line(1, target)
        )
        turn.cited_fields[target.id] = ["title", "price", "colour", "sizes_in_stock", "rating"]

    def _build_look(self, turn: PlannedTurn, request: OutfitRequest, changed: list[ProductNeed]) -> Any:
        """The looks asked; a piece asked cheaper than any that goes with the look ("the
        shoes are too pricey" of the cheapest shoes there are) is said as such."""
        try:
            return self._call(turn, "build_outfit", request=request)
        except ToolError as exc:
            capped = [(n.price.max, k) for n in changed if n.price and n.price.max for k in _kinds_of(n)]
            if exc.code != ErrorCode.no_outfit or not capped:
                raise
            cap, kind = capped[0]
            raise ToolError(
                exc.code, f"I found no {_plural(kind).lower()} under ₹{cap + 1:.0f} that go with this look in stock."
            ) from exc

    def _outfit(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """The looks asked for, after a word on a thing asked beside them that is not sold ("do u
        also do cakes?? anyway he needs a kurta and sandals to go with it")."""
        self._looks(turn, message, state, shown, focus)
        self._say_unsold(turn)

    def _looks(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        read = parse_query(message)
        parsed = read.filters
        ask = turn.understood.outfit if turn.understood else None
        # an edit of the last look keeps its anchor, whatever piece it names ("keep the shirt under 1500")
        target = focus if ask and ask.edits_last and ask.around_reference and focus else None
        target = target or self._referent(turn, message, shown, focus)
        stand_in = ""
        if ask and ask.around_need and not ask.around_reference:  # "what goes with a denim jacket"
            whole_budget = ask.budget if not ask.budget_for_pieces else None
            target = self._best_match(turn, ask.around_need, whole_budget)
            ask = ask.model_copy(update={"around_reference": target is not None})
            # the shopper's own piece is left out of the looks, each of which says it goes with it
            stand_in = (
                f"Built around {target.title}, our nearest match for the piece you describe.\n"
                if target is not None and not ask.around_owned
                else ""
            )
        usage = (ask.usage if ask and ask.usage else None) or parsed.usage
        occasion = usage.lower() if usage in USAGES else None
        if occasion and ask and ask.occasion and ask.occasion.lower() != occasion:
            occasion = f"{occasion} ({ask.occasion})"[:100]  # "casual (beach)": the builder picks the beach's kinds
        mentions_it = any(w in message.lower() for w in (" it", "this", "that", "the ", "one"))
        anchored = bool(target) and (ask.around_reference if ask else (mentions_it or not occasion))
        # the understood ask decides: a price said with one piece is that piece's, not the look's
        piece_priced = bool(ask and any(c.price and c.price.max for c in ask.changes))  # "cheaper shoes, below 2k"
        budget = ask.budget if ask and (ask.budget is not None or ask.pieces or piece_priced) else parsed.price_max
        below = min(state.look_totals) if turn.understood and turn.understood.cheaper and state.look_totals else None
        if below is not None:  # "something cheaper": below every look shown
            for_pieces = bool(ask and ask.budget_for_pieces and target)  # the budget leaves the anchor out
            budget = min(budget or math.inf, below - 1 - (target.price if target and for_pieces else 0))
        kinds_asked = [
            [
                t
                for t in (need.article_types or ([need.sub_category] if need.sub_category else []))
                if not (target and anchored and t == target.article_type)
            ]
            for need in (ask.pieces if ask else [])
        ]
        # the understood ask's person first: "he'll outgrow it" of a boy's look is still the boy's
        # an edit keeps the look's wearer: "she's gifting me one" names the giver, not whose it is
        told = parsed.gender if not (ask and ask.edits_last) else _gender_said_outright(read)
        whose = target.gender if target and anchored else ((ask.gender if ask else None) or told)
        widened = {t: _kind_sold_for(t, whose, self.kit.search.lexicon) for kinds in kinds_asked for t in kinds}
        # a piece named with alternatives ("palazzo or leggings", "裙子"): one slot of those kinds
        kinds_asked = [list(dict.fromkeys(widened[t] for t in kinds)) for kinds in kinds_asked if kinds]
        pieces = list(dict.fromkeys(kinds[0] for kinds in kinds_asked))
        alternatives = {kinds[0]: kinds[1:] for kinds in kinds_asked if len(kinds) > 1}
        said = {t: n.title_terms[0] for n in (ask.pieces if ask else []) for t in n.article_types if n.title_terms}
        note = "".join(
            f"We have no {_whose(whose)} {_plural(said.get(t, t)).lower()}, so these looks have "
            f"{_whose(whose)} {kind.lower()}.\n"
            for t, kind in widened.items()
            if kind != t and whose
        )
        asked = ask.pieces if ask else []
        said_sizes = [n.size for n in asked if n.size] + (ask.sizes if ask else [])
        changed = ask.changes if ask else []

        lexicon = self.kit.search.lexicon

        def sold(kind: str) -> list[str]:  # "上衣换成白色的" in a men's look: each men's topwear kind, in white
            widest = widened.get(kind) or _kind_sold_for(kind, whose, lexicon)
            return [kind] if widest == kind else _kinds_in(widest, lexicon)

        colours = {k: n.colours for n in [*asked, *changed] for t in self._types_of(n) for k in sold(t) if n.colours}
        turned_down = {  # "what shirt goes with it? not a white shirt": that piece in any other colour
            k: n.exclude_colours
            for n in [*asked, *changed]
            for t in self._types_of(n)
            for k in sold(t)
            if n.exclude_colours
        }
        terms = {  # "can the shoes be nike": the brand in the shoes' titles
            k: [*([n.brand] if n.brand else []), *n.title_terms]
            for n in [*asked, *changed]
            for t in dict.fromkeys([*_kinds_of(n), *self._types_of(n)])
            for k in sold(t)
            if n.title_terms or n.brand
        }

        # a price said with a piece: "cheaper shoes, below 2k" (every kind of shoe the look's slot may
        # hold), "a leather jacket around 5k" (not one of 1,300)
        priced = [
            (k, n.price)
            for n in [*asked, *changed]
            if n.price
            for t in dict.fromkeys([*_kinds_of(n), *self._types_of(n)])
            for k in sold(t)
        ]
        request = OutfitRequest(
            product_id=target.id if anchored and target else None,
            occasion=occasion,
            gender=((ask.gender if ask else None) or parsed.gender or state.profile.gender)
            if not (target and anchored and target.gender in _WHOSE)
            else None,  # a unisex anchor: the look is for whom the shopper said
            budget=budget,
            size=next((s for s in said_sizes if not s.startswith("UK")), state.profile.apparel_size),
            shoe_size=next((s for s in said_sizes if s.startswith("UK")), state.profile.shoe_size),
            pieces=pieces[:5],
            piece_alternatives=alternatives,
            piece_colours=colours,
            piece_exclude_colours=turned_down,
            colours=ask.colours if ask else [],
            main_colours=ask.main_colours if ask else [],
            piece_terms=terms,
            piece_price_max=_price_bounds(priced, "max"),
            piece_price_min=_price_bounds(priced, "min"),
            exclude_types=ask.excluded if ask else [],
            preferred_types=list(dict.fromkeys(t for need in changed for t in need.article_types)),
            exclude_ids=ask.avoid if ask else [],
            budget_for_pieces=bool(ask and (ask.budget_for_pieces or ask.around_owned) and anchored),
            anchor_owned=bool(ask and ask.around_owned and anchored),
            for_the_cold=bool(ask and ask.for_the_cold),
        )
        if request.product_id is None and request.gender is None:
            main_gender = self.kit.search.lexicon.main_gender_of_type
            assumed = _mostly_whose(pieces, main_gender) or _whose_by_feet_or_refusals(
                request.shoe_size, request.exclude_types, self.kit.search.lexicon.any_genders_of_type
            )
            if assumed is None:
                raise ToolError(ErrorCode.gender_required, "Who is the outfit for — men, women, boys or girls?")
            request = request.model_copy(update={"gender": assumed})
            note = f"These are {_whose(assumed)} looks; say if they are for someone else.\n" + note
        result = self._build_look(turn, request, changed)
        products: dict[str, ProductRecord] = {}
        for outfit in result.outfits:
            products.update({p.id: p for p in outfit.products})
        turn.products = list(products.values())
        turn.outfits = [
            OutfitBundle(items=o.items, total_price=o.total_price, explanation=o.explanation) for o in result.outfits
        ]
        lines = [f"Option {i + 1}: {o.explanation}" for i, o in enumerate(result.outfits)]
        if below is not None and budget is not None:
            turn.amounts.append(below)  # a total shown before, stated beside this turn's looks
            within = f"within your ₹{budget:.0f} budget"
            lines = [
                line.replace(within, f"cheaper than the ₹{below:.0f} of the cheapest look before") for line in lines
            ]
        turn.answer = stand_in + note + ((result.message + "\n") if result.message else "") + "\n".join(lines)
        pieces = [p.id for p in turn.products]
        state.look_totals = [o.total_price for o in result.outfits]
        state.looks = [list(o.items) for o in result.outfits]
        state.look_sizes = [s for s in (request.size, request.shoe_size) if s]
        if target and request.product_id:  # the list stays as numbered; this turn's looks' pieces follow it
            state.focus = target.id  # ("the second tshirt": the second tshirt of the looks)
            listed = [i for i in state.shown if i not in state.look]
            state.shown, state.look = list(dict.fromkeys([*listed, *pieces])), pieces
        elif turn.products:  # looks built from scratch: "the cheapest one" next means one of these
            state.shown, state.look = pieces, pieces
        if ask and ask.pieces:  # "just the sarees, under 3k" next: that piece, as asked here
            state.last_query, state.last_filters = message, {}
            gender = request.gender or (target.gender if target and anchored else None)
            subs = set(self.kit.search.lexicon.sub_category_of.values())
            state.last_needs = [_as_shown(need.filters(), gender, widened, subs) for need in ask.pieces]
            if ask.budget and (ask.budget_for_pieces or not anchored):  # "..., under 2000": the piece's; of
                for need in state.last_needs:  # several, none costs more than all ("5k max total", then "the saree")
                    need.setdefault("price_max", ask.budget)
            self._sizes_kept(state.last_needs, request)  # "gym stuff for me (M, guy)", then "just the tees"
        for p in turn.products:
            turn.cited_fields[p.id] = ["title", "price", "colour", "usage"]

    def _sizes_kept(self, needs: list[dict[str, Any]], request: OutfitRequest) -> None:
        """The sizes a look was asked in, on each of its pieces kept for a follow-up: the
        apparel size on clothes, the shoe size on footwear, none on what has no size."""
        of = self.kit.search.lexicon.sub_category_of
        for need in needs:
            kinds: list[tuple[str | None, str | None]] = [(of.get(t), t) for t in as_list(need.get("article_type"))]
            kinds = kinds or [(need.get("sub_category"), None)]
            footwear = all(sub in FOOTWEAR_SUB_CATEGORIES for sub, _ in kinds)
            size = request.shoe_size if footwear else request.size
            if size and all(sold_in_sizes(sub, kind) for sub, kind in kinds):
                need.setdefault("size", size)

    def _best_match(self, turn: PlannedTurn, need: ProductNeed, budget: float | None = None) -> ProductRecord | None:
        """The catalog's in-stock product nearest a piece described, for a look around it;
        under a budget for the whole look, one that leaves half of it for the rest."""
        filters = _sold_for_gender(need.filters().model_copy(update={"in_stock_only": True}), self.kit.search.lexicon)
        response = self._call(turn, "search_products", query=need.text or "", k=10, filters=filters)
        affordable = [
            r
            for r in response.results
            if budget and r.price <= budget / 2 and (not need.article_types or r.article_type in need.article_types)
        ]
        if affordable and not need.price:
            response = response.model_copy(update={"results": affordable})
        grown_up = [r for r in response.results if r.gender not in ("Boys", "Girls")]  # no one said a child's
        if need.gender is None and not grown_up and filters.colour:  # "a navy blazer" only a boy's: a grown-up's
            wider = self._call(
                turn, "search_products", query=need.text or "", k=5, filters=filters.model_copy(update={"colour": None})
            )
            grown_up = [r for r in wider.results if r.gender not in ("Boys", "Girls")]
        best = (grown_up if need.gender is None and grown_up else response.results)[:1]
        return _record(best[0]) if best else None

    def _types_of(self, need: ProductNeed) -> list[str]:
        """The article types a need names, or those of the kind it names ("the shoes")."""
        if need.article_types:
            return need.article_types
        of = self.kit.search.lexicon.sub_category_of
        return [t for t, sub in of.items() if sub == need.sub_category] if need.sub_category else []

    # ---- cart ----------------------------------------------------------------------
    def _cart_add(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        positions = turn.understood.positions if turn.understood else []
        look = turn.understood.look_added if turn.understood else None
        if look:  # "add the first look to my cart": each of its pieces, by its place among those shown
            positions = self._look_positions(look, state, shown)
            if turn.understood and turn.understood.look_sizes:  # "上衣M 裤子M 鞋38码 都加上": each in its size
                sizes, only = turn.understood.look_sizes, turn.understood.sized_only
                named = [i for i in positions if not only or _piece_said(shown[i - 1], sizes) is not None]
                picks = [CartPick(position=i, size=_size_of_piece(shown[i - 1], sizes)) for i in named]
                return self._add_picks(turn, message, state, shown, focus, picks)
        chosen = [i for i in dict.fromkeys(positions) if -1 <= i <= len(shown) and i]  # -1: the last one shown
        several = len(chosen) > 1 and len({shown[i - 1 if i > 0 else -1].id for i in chosen}) > 1
        quantity = turn.understood.quantity if turn.understood else None
        each = several and quantity and quantity <= 10 and _OF_EACH.search(message)
        if each and turn.understood:  # "第一个和第三个各来两双": so many of each
            picks = [CartPick(position=i, quantity=quantity, size=turn.understood.size) for i in chosen]
            return self._add_picks(turn, message, state, shown, focus, picks)
        if quantity:
            return self._set_quantity(turn, message, state, shown, focus, quantity)
        if turn.understood and turn.understood.resize:
            return self._resize(turn, message, state, self._referent(turn, message, shown, focus))
        if turn.understood and turn.understood.swap_out:
            return self._swap_in(turn, message, state, self._target(turn, message, shown, focus), focus)
        if turn.understood and turn.understood.picks:
            return self._add_picks(turn, message, state, shown, focus, turn.understood.picks)
        if several:
            return self._add_picks(turn, message, state, shown, focus, [CartPick(position=i) for i in chosen])
        target = self._target(turn, message, shown, focus)
        turn.products = [target]  # before adding: a refusal ("only 0 left in M") names it too
        turn.answer = self._add_one(turn, message, state, target)

    @staticmethod
    def _look_positions(look: int, state: SessionState, shown: list[ProductRecord]) -> list[int]:
        """The places among ``shown`` of look number ``look``'s pieces; a look not shown is asked about."""
        if not 0 < look <= len(state.looks):
            raise ToolError(
                ErrorCode.no_reference,
                f"I showed {len(state.looks)} look{'s' if len(state.looks) != 1 else ''} just now — "
                "which one do you mean?"
                if state.looks
                else 'I haven\'t shown you a look yet. Ask for one, then say e.g. "add the first look".',
            )
        ids = [p.id for p in shown]
        return [ids.index(piece) + 1 for piece in state.looks[look - 1] if piece in ids]

    def _add_picks(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
        picks: list[CartPick],
    ) -> None:
        """ "the 1st in S and the 3rd in M", "one in M and two in L": each line in its own size
        and quantity; one that cannot be added (sold out in that size) leaves the others added."""
        said: list[str] = []
        products: dict[str, ProductRecord] = {}
        asked: str | None = None  # the first line that waits for its size
        for pick in picks:
            if pick.position and not -1 <= pick.position <= len(shown):
                said.append(f"I only showed {len(shown)} products, so there is no number {pick.position}.")
                continue
            target = shown[pick.position - 1 if pick.position > 0 else -1] if pick.position else None
            target = target or self._target(turn, message, shown, focus)
            products[target.id] = target
            turn.products = list(products.values())
            try:
                said.append(self._add_one(turn, message, state, target, pick.quantity, several=True, size=pick.size))
            except ToolError as exc:
                said.append(exc.message)
            asked = asked or state.size_asked
        if asked and turn.understood and turn.understood.look_added:  # "uk 6" next: the size of the piece asked
            state.size_asked, state.focus = asked, asked
        summary = _cart_summary(self.kit.view_cart(state.session_id))  # once, after every line
        turn.answer = " ".join(said) + f" {summary}"

    def _swap_in(
        self, turn: PlannedTurn, message: str, state: SessionState, target: ProductRecord, focus: ProductRecord | None
    ) -> None:
        """ "nvm remove it, add no. 5 instead": ``target`` goes in first (so one that cannot
        be added, or still needs a size, leaves the cart as it was), then the item in focus,
        else the cart's last, comes out."""
        cart = self.kit.view_cart(state.session_id)
        carted = [line.product_id for line in cart.items]
        leaving_id = focus.id if focus and focus.id in carted else (carted[-1] if carted else None)
        replacing = next((line for line in cart.items if line.product_id == leaving_id), None)
        turn.products = [target]
        if leaving_id == target.id:  # "take the cheapest one instead" when it is the one in the cart
            turn.answer = f"{target.title} is already in your cart. {_cart_summary(cart)}"
            return
        added = self._add_one(turn, message, state, target, replacing=replacing)
        grown = self.kit.view_cart(state.session_id)
        leaving = self.kit.search.db.get_record(leaving_id) if leaving_id and leaving_id != target.id else None
        if leaving is None or sum(i.quantity for i in grown.items) == sum(i.quantity for i in cart.items):
            turn.answer = added
            return
        after = grown
        for line in [line for line in grown.items if line.product_id == leaving.id]:
            after = self._call(
                turn, "remove_from_cart", session_id=state.session_id, product_id=leaving.id, size=line.size
            )
        turn.named = [leaving]
        turn.answer = (
            f"Removed {leaving.title} from your cart. {added.removesuffix(_cart_summary(grown)).strip()} "
            f"{_cart_summary(after)}"
        )

    def _resize(self, turn: PlannedTurn, message: str, state: SessionState, meant: ProductRecord | None) -> None:
        """ "change the size to 34": an item in the cart, in that size instead (added first,
        so a size out of stock leaves the cart as it was). The item meant is the one in focus
        if it is in the cart, else the cart's last; nothing outside the cart is added."""
        cart = self.kit.view_cart(state.session_id)
        in_cart = {line.product_id for line in cart.items}
        product_id = meant.id if meant and meant.id in in_cart else (cart.items[-1].product_id if cart.items else None)
        target = self.kit.search.db.get_record(product_id) if product_id else None
        if target is None:
            turn.answer = "Your cart is empty, so there is no size to change. Add something first."
            return
        lines = [line for line in cart.items if line.product_id == target.id]
        turn.products = [target]
        asked = turn.understood.size if turn.understood else None
        if asked and lines and all(line.size == asked for line in lines):  # nothing to change, nothing added
            turn.answer = f"{target.title} is already in your cart in size {asked}. {_cart_summary(cart)}"
            return
        if asked is None and lines and target.sizes_in_stock:  # a size not understood: asked, not guessed
            sizes = ", ".join(target.sizes_in_stock)
            turn.answer = f"Which size would you like instead? {target.title} is in stock in {sizes}."
            return
        before = sum(i.quantity for i in cart.items)
        turn.answer = self._add_one(turn, message, state, target, lines[0].quantity if lines else 1)
        after = self.kit.view_cart(state.session_id)
        if sum(i.quantity for i in after.items) == before:  # not added: the answer says why
            return
        size = next((i.size for i in after.items if i.product_id == target.id and i not in cart.items), None)
        for line in lines:
            if line.size != size:
                after = self._call(
                    turn, "remove_from_cart", session_id=state.session_id, product_id=line.product_id, size=line.size
                )
        turn.answer = f"Changed {target.title} to size {size}. Cart total: ₹{after.total:.0f}."

    def _more_in_another_size(
        self, turn: PlannedTurn, message: str, state: SessionState, product_id: str, size: str | None, quantity: int
    ) -> bool:
        """ "同一款再加两件XL码的" after two in L: that many more of the line's product, in the
        other size said (a line of its own); whether it was."""
        said = turn.understood.size if turn.understood else None
        if not (turn.understood and turn.understood.quantity_more and said and said != size):
            return False
        record = self.kit.search.db.get_record(product_id)
        if record is None:
            return False
        turn.products = [record]
        turn.answer = self._add_one(turn, message, state, record, quantity)
        return True

    def _set_quantity(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
        quantity: int,
    ) -> None:
        """ "make it 2 of those": the cart holds that many of the item in focus; "change the
        qty to 2" without naming one: of the item in focus when it is in the cart, else of
        the cart's last item."""
        cart = self.kit.view_cart(state.session_id)
        named = bool(turn.understood and turn.understood.reference)
        lines = self._line_named(message, cart.items)  # "reduce the white ones to 2": that line
        if not lines and (named or not cart.items):
            target = self._target(turn, message, shown, focus)
            lines = [line for line in cart.items if line.product_id == target.id]
            if not lines:
                turn.products = [target]  # "add 2 of those": that many of an item not in the cart yet
                turn.answer = self._add_one(turn, message, state, target, quantity)
                return
        elif not lines:
            lines = [line for line in cart.items if focus and line.product_id == focus.id] or cart.items[-1:]
        line = lines[0]
        if self._more_in_another_size(turn, message, state, line.product_id, line.size, quantity):
            return
        if turn.understood and turn.understood.quantity_more:  # "add 2 more of that": on top of the line's
            quantity = min(line.quantity + quantity, 10)
        record = self.kit.search.db.get_record(line.product_id)
        turn.products = [record] if record else []  # set first: a refusal ("only 1 left") speaks of it
        if quantity > line.quantity:
            cart = self._call(
                turn,
                "add_to_cart",
                session_id=state.session_id,
                product_id=line.product_id,
                size=line.size,
                quantity=quantity - line.quantity,
            )
        elif quantity < line.quantity:
            self._call(
                turn, "remove_from_cart", session_id=state.session_id, product_id=line.product_id, size=line.size
            )
            cart = self._call(
                turn,
                "add_to_cart",
                session_id=state.session_id,
                product_id=line.product_id,
                size=line.size,
                quantity=quantity,
            )
        turn.answer = (
            f"Your cart now has {quantity} × {line.title}{answers.in_size(line.size)}. Total ₹{cart.total:.0f}."
        )
        if record:
            turn.cited_fields[record.id] = ["title", "price"]

    def _line_named(self, message: str, lines: list[CartLine]) -> list[CartLine]:
        """ "reduce the white ones to 2" with several items in the cart: the one line of the
        colour or kind the message names (none when it names none, when several fit, or when
        it names a place in the list shown: "2 of the 3rd tshirt" is that tshirt)."""
        if len(lines) < 2 or not any(c.isalnum() for c in message) or names_position(message):
            return []
        named = _one_of_the_kind_named(
            parse_query(message).filters, self._records([line.product_id for line in lines]), self.kit.search.lexicon
        )
        return [line for line in lines if named and line.product_id == named.id]

    def _add_one(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        target: ProductRecord,
        quantity: int = 1,
        several: bool = False,
        replacing: CartLine | None = None,
        size: str | None = None,
    ) -> str:
        """``several``: one of several products added at once ("add both, shoes in 9"), so a
        size said in another kind's sizing (UK9 of a belt) is not this product's.
        ``replacing``: the cart line this one takes the place of; its size, unless another
        is said. ``size``: the size said for this product alone ("the 3rd in M")."""
        said = (
            size
            or size_in(message, footwear=target.category == "Footwear")
            or (turn.understood.size if turn.understood else None)
        )
        kept = replacing.size if replacing and replacing.size in target.sizes_in_stock else None
        size = said or kept
        measured = _inches_said(size, target)
        letter = size_chart.size_for(*measured) if measured else None
        chart = (
            f"A {measured[0]}-inch {measured[1].lower()} is {letter} on our size chart. "
            if measured and letter in target.stock
            else ""
        )
        size = letter if chart else size  # "add the jeans in 32" of jeans sized XS-XXL: the chart's size
        if several and size and (size.startswith("UK") != (target.category == "Footwear") or size not in target.stock):
            size = None
        if target.one_size:  # "2 of those in size L" of socks sold in one size: that size
            size = "One Size"
        if size is None:
            remembered = state.profile.shoe_size if target.category == "Footwear" else state.profile.apparel_size
            searched = _searched_size_for(state, target)  # "running shoes, size 10" ... "add it to my bag"
            # the size the list was searched in first: "我穿M 他穿XL", then the first of his list is his XL
            size = next((s for s in (searched, remembered) if s and s in target.sizes_in_stock), None)
        if size is None and _ONE_MORE.search(message):  # "one more of the same, same size": the size in the cart
            carted = {line.size for line in self.kit.view_cart(state.session_id).items if line.product_id == target.id}
            size = carted.pop() if len(carted) == 1 else None
        state.focus = target.id
        turn.cited_fields[target.id] = ["title", "price", "sizes_in_stock"]
        state.size_asked = target.id if size is None and target.sizes_in_stock else None
        if size is None:
            return (
                f"Which size would you like? {target.title} is in stock in {', '.join(target.sizes_in_stock)}."
                if target.sizes_in_stock
                else f"Sorry, {target.title} is sold out in every size."
            )
        cart = self._call(
            turn, "add_to_cart", session_id=state.session_id, product_id=target.id, size=size, quantity=quantity
        )
        return chart + (
            f"Added {'' if quantity == 1 else f'{quantity} × '}{target.title}{answers.in_size(size)} "
            f"(₹{target.price:.0f}{' each' if quantity > 1 else ''}) to your cart."
            + ("" if several else f" {_cart_summary(cart)}")  # several lines: one summary after them all
        )

    def _keep_only(self, turn: PlannedTurn, message: str, state: SessionState, kept: ProductRecord | None) -> None:
        """ "just keep the first, bin the other": every line of another product comes out; when
        the one named is not in the cart, nothing does (it asks)."""
        cart = self.kit.view_cart(state.session_id)
        if kept is None or kept.id not in {line.product_id for line in cart.items}:
            turn.answer = "That one is not in your cart. Which item should I keep?"
            return
        gone = [line for line in cart.items if line.product_id != kept.id]
        for line in gone:
            cart = self._call(
                turn, "remove_from_cart", session_id=state.session_id, product_id=line.product_id, size=line.size
            )
        turn.products = [kept]
        removed = self.kit.search.db.get_records([line.product_id for line in gone])
        turn.named = list(removed.values())
        said = "".join(f"Removed {p.title} from your cart. " for p in turn.named)
        turn.answer = f"{said}Kept {kept.title}. {_cart_summary(cart)}"

    def _cart_remove(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        cart = self.kit.view_cart(state.session_id)
        if clears_cart(message):
            for line in cart.items:
                cart = self._call(
                    turn, "remove_from_cart", session_id=state.session_id, product_id=line.product_id, size=line.size
                )
            turn.answer = "Your cart is empty now."
            return
        in_cart = self._records([i.product_id for i in cart.items])  # in the order they were added
        carted = {p.id for p in in_cart}
        target = None
        reference = turn.understood.reference if turn.understood else None
        if turn.understood and turn.understood.keep_only and shown:
            return self._keep_only(turn, message, state, self._referent(turn, message, shown, focus))
        when = _ADDED_WHEN.search(message)
        if when and in_cart:  # "remove the first thing i added", "把刚加的删掉"
            first = when.group("first") or when.group("first2") or when.group("first3")
            target = in_cart[0] if first else in_cart[-1]
        elif reference and reference.position and shown:
            picked = self._referent(turn, message, shown, focus)
            target = picked if picked and picked.id in carted else None
        if target is None and reference and reference.superlative and len(in_cart) > 1:
            target = superlative_of(in_cart, reference.superlative)  # "remove the cheap one" of two in the cart
        if target is None:
            target = resolve_reference(message, in_cart, focus if focus and focus.id in carted else None)
        if target is None and reference and reference.pronoun and focus and focus.id in carted:
            target = focus  # "算了 删掉吧" right after adding it
        if target is None and len(in_cart) == 1:
            target = in_cart[0]
        if target is None:  # "remove the juttis" of the casual shoes added to a kurta: the one pair of shoes
            target = _one_of_the_kind_named(parse_query(message).filters, in_cart, self.kit.search.lexicon)
        if target is None:  # "remove the kajal, found one at home": a kind only the catalog's words name
            named = self.understanding.read_need(message)
            kinds = SearchFilters(article_type=named.article_types or None, sub_category=named.sub_category)
            target = _one_of_the_kind_named(kinds, in_cart, self.kit.search.lexicon) if named.has_product() else None
        if target is None:
            raise ToolError(ErrorCode.no_reference, "Which item should I remove from your cart?")
        several = [line for line in cart.items if line.product_id == target.id and line.quantity > 1]
        kept = _units_kept(several[0], message, turn.understood) if len(several) == 1 else None
        if kept is not None:
            line = several[0]
            self._call(turn, "remove_from_cart", session_id=state.session_id, product_id=target.id, size=line.size)
            cart = self._call(
                turn, "add_to_cart", session_id=state.session_id, product_id=target.id, size=line.size, quantity=kept
            )
            turn.products = [target]
            turn.answer = (
                f"Your cart now has {kept} × {target.title}{answers.in_size(line.size)}. Total ₹{cart.total:.0f}."
            )
            return
        cart = self._call(turn, "remove_from_cart", session_id=state.session_id, product_id=target.id)
        turn.products = [target]
        turn.answer = f"Removed {target.title} from your cart. Cart total: ₹{cart.total:.0f}."

    def _cart_view(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        cart = self._call(turn, "view_cart", session_id=state.session_id)
        if not cart.items:
            turn.answer = "Your cart is empty."
            return
        turn.products = self._records([line.product_id for line in cart.items])
        turn.amounts = [line.line_total for line in cart.items]
        turn.answer = "Your cart:\n" + _lines(cart.items) + f"\nTotal: ₹{cart.total:.0f}"

    def _checkout(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """A summary to confirm, never an order: only a clear yes to it, next turn, places one."""
        try:
            review = self._call(turn, "review_order", session_id=state.session_id)
        except ToolError as exc:
            if exc.code != ErrorCode.empty_cart:
                raise
            turn.answer = "Your cart is empty, so there is nothing to check out yet."
            return
        turn.products = self._records([line.product_id for line in review.lines])
        turn.amounts = [line.line_total for line in review.lines]
        delivery = "free delivery" if not review.delivery else f"delivery ₹{review.delivery:.0f}"
        turn.answer = (
            "Here is your order:\n"
            + _lines(review.lines)
            + f"\nItems ₹{review.subtotal:.0f} + {delivery} = total ₹{review.total:.0f}, delivered in "
            f"{review.delivery_time}.\nShall I place it? Reply yes to confirm, or no to keep shopping "
            f"(summary {review.confirmation})."
        )  # agent.transcript.summary_code reads it back
        state.pending_order = review.confirmation

    @staticmethod
    def _nothing_to_confirm(message: str, request: ShopperRequest, fallback: str | None) -> PlannedTurn:
        """A bare "yes" or "ok" when no order summary waits for one: said so, nothing searched."""
        answer = (
            "There's nothing waiting for a yes or no just now. Tell me what you'd like to see, "
            "or ask about anything I've shown."
        )
        return PlannedTurn(intent=Intent.greeting, answer=answer, understood=request, fallback=fallback)

    def _order_reply(self, reply: str, confirmation: str, message: str, state: SessionState) -> PlannedTurn:
        """The shopper's yes or no to the summary shown last turn."""
        understood = ShopperRequest(intent=Intent.checkout, text=message, order_reply=reply)
        turn = PlannedTurn(intent=Intent.checkout, answer="", understood=understood)
        state.last_request = understood.model_dump(mode="json", exclude_defaults=True)
        if reply == "no":
            turn.answer = "OK, I haven't placed the order. Your cart is kept as it is."
            return turn
        try:
            order = self._call(turn, "checkout", session_id=state.session_id, confirmation=confirmation)
        except ToolError as exc:
            turn.answer = exc.message
            return turn
        state.last_order = order.order_id
        turn.products = self._records([line.product_id for line in order.lines])
        turn.amounts = [line.line_total for line in order.lines]
        minutes = round((order.cancellable_until - order.created_at) / 60) if order.cancellable_until else 0
        turn.answer = (
            f"Order {order.order_id} is placed: {sum(line.quantity for line in order.lines)} item(s), "
            f"total ₹{order.total:.0f}." + (f" You can cancel it within {minutes} minutes." if minutes else "")
        )
        return turn

    def _cancel_order(self, message: str, state: SessionState) -> PlannedTurn:
        turn = PlannedTurn(
            intent=Intent.checkout, answer="", understood=ShopperRequest(intent=Intent.checkout, text=message)
        )
        try:
            order = self._call(turn, "cancel_order", session_id=state.session_id, order_id=state.last_order)
        except ToolError as exc:
            turn.answer = exc.message
            return turn
        turn.answer = f"Order {order.order_id} is cancelled; nothing will be charged for it."
        return turn

    def _records(self, ids: list[str]) -> list[ProductRecord]:
        records = self.kit.search.db.get_records(ids)
        return [records[i] for i in dict.fromkeys(ids) if i in records]

    # ---- everything else -----------------------------------------------------------
    def _store_info(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        advice = turn.understood.size_advice if turn.understood else None
        if advice is not None:  # "32腰对应你们的什么码": the chart's letter for it
            turn.answer = size_chart.advice(advice.number, advice.measure, advice.in_cm)
            return
        earlier = turn.understood.follows if turn.understood else None
        reference = turn.understood.reference if turn.understood else None
        if reference and (reference.pronoun or reference.position or reference.superlative) and not earlier:
            asked_of = self._store_question_of(turn, message, state, shown, focus)  # ("the cheapest one, ...")
        else:  # a follow-up is of what the question before was about; else maybe of what was just added
            asked_of = None if earlier else _just_added(message, state, focus)
        if asked_of is not None and asked_of.article_type != "Watches" and _WATERPROOF_ASKED.search(message):
            turn.answer, turn.named, state.focus = _waterproof_by_listing(asked_of), [asked_of], asked_of.id
            return
        price_asked = asks_price(message)  # "how much is the 2nd one and can i return it": both answered
        hygienic = asked_of is not None and _hygienic(asked_of)
        kinds = {p.article_type for p in shown}
        # "can i return it?" of earrings: the rule for its kind ("if it doesn't fit" is the size exchange, any kind)
        returning = bool(re.search(r"\b(return|refund|send (it|them) back)|退", message, re.I)) and not re.search(
            r"\b(fit|fits|size|sizes)\b|尺码|码数|合适|合身|大了|小了", message, re.I
        )
        sending_back = bool(
            re.search(r"\b(return|refund|send (it|them|these) back)|(能|可以)退|退货|退掉", message, re.I)
        )
        if (
            asked_of is not None and hygienic and sending_back
        ):  # "can I return these if they don't fit?" of boxers: they can't be ("耳环能退吗": in Chinese)
            kind = f"{asked_of.article_type.lower()} ({asked_of.sub_category.lower()})"
            message = f"{message}（{kind}, hygiene）" if wrote_in_chinese(message) else f"can I return {kind}?"
        elif asked_of is not None and (hygienic or returning or _CARE_QUESTION.search(message)):
            message = f"{message} ({asked_of.article_type.lower()})"  # the hygiene rule, its kind's care guide
        elif asked_of is None and len(kinds) == 1 and not earlier and _CARE_QUESTION.search(message):
            message = f"{message} ({kinds.pop().lower()})"  # "are any of these waterproof?" of sandals
        elif asked_of is None and shown and not earlier and _FIT_QUESTION.search(message):
            message = f"{message} ({shown[0].article_type.lower()})"  # "does the fit run tight?" of kurtas
        elif asked_of is None and len(kinds) == 1 and not earlier and sending_back and _hygienic(shown[0]):
            # "if i dont like them can i return?" with only briefs shown: they can't be (asked in Chinese,
            # answered in Chinese: the kind beside the question as the help pages name it)
            kind = f"{shown[0].article_type.lower()} ({shown[0].sub_category.lower()})"
            message = f"{message}（{kind}, hygiene）" if wrote_in_chinese(message) else f"can I return {kind}?"
        answer = self._call(turn, "store_info", question=message, earlier=earlier)
        turn.answer = answer.answer
        if asked_of is not None:  # "and is it under warranty?" next: of the same one
            priced = f" (₹{asked_of.price:.0f})" if price_asked else ""  # "第四条多少钱 包邮吗": both answered
            turn.answer = f"About {asked_of.title}{priced}:\n{answer.answer}"
            turn.named, state.focus = [asked_of], asked_of.id
            if priced:
                turn.cited_fields[asked_of.id] = ["title", "price"]

    def _store_question_of(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> ProductRecord | None:
        """The product a store question is about; none when the place named is not in the list
        ("the third one, can you gift wrap it?" after one product): the store's answer holds
        anyway. A kind named that one item in the cart is of is that item ("can i return the
        kurta if it doesnt fit?" after adding a kurta and shoes), not the first kurta shown."""
        reference = turn.understood.reference if turn.understood else None
        said = parse_query(message).filters
        if said.article_type and not (reference and reference.position):
            carted = self._records([line.product_id for line in self.kit.view_cart(state.session_id).items])
            named = _one_of_the_kind_named(said, carted, self.kit.search.lexicon)
            if named is not None:
                return named
        try:
            referent = self._referent(turn, message, shown, focus)
        except ToolError:
            return None
        kinds = {*as_list(said.article_type), *([said.sub_category] if said.sub_category else [])}
        if (
            referent is not None
            and kinds
            and not kinds & {referent.article_type, referent.sub_category}
            and not (reference and reference.position)
        ):
            return None  # "my leather shoes got soaked, how do i save them" after a raincoat: their own shoes
        return referent

    def _out_of_catalog(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        thing = (turn.understood.out_of_catalog if turn.understood else None) or out_of_catalog_thing(message) or "that"
        if thing in answers.SERVICES:  # "do you do alterations?": not offered, the sizes as listed
            said = answers.NO_SERVICE_ZH if wrote_in_chinese(message) else answers.NO_SERVICE
            turn.answer = said.format(thing=thing)
            return
        if thing in answers.PRINTING:  # "a jersey with my name on the back": not offered either
            said = answers.NO_PRINTING_ZH if wrote_in_chinese(message) else answers.NO_PRINTING
            turn.answer = said.format(thing=thing)
            return
        if wrote_in_chinese(message):  # asked in Chinese: said in Chinese
            named = answers.UNSOLD_IN_CHINESE.get(_kind_of_brand(thing), thing)
            turn.answer = answers.OUT_OF_CATALOG_ZH.format(thing="这类商品" if thing == "that" else named)
            return
        turn.answer = answers.OUT_OF_CATALOG.format(thing=self._unsold_named(thing))

    def _greeting(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        turn.answer = (
            answers.RANGE
            if ASKS_WHAT_WE_SELL.search(message)
            else answers.FAREWELL
            if FAREWELL.search(message)
            else answers.GREETING
        )

    def _guardrail(
        self,
        turn: PlannedTurn,
        message: str,
        state: SessionState,
        shown: list[ProductRecord],
        focus: ProductRecord | None,
    ) -> None:
        """Instructions, prompt extraction and self-granted discounts are declined."""
        turn.answer = answers.GUARDRAIL


def _size_advised(turn: PlannedTurn, request: ShopperRequest) -> None:
    """The chart's letter for a body measure asked beside a search ("jeans, 腰围82 穿什么码"),
    said before the list (a store question alone is answered by ``_store_info``)."""
    advice = request.size_advice
    if advice is not None and request.intent is not Intent.store_info:
        turn.answer = f"{size_chart.advice(advice.number, advice.measure, advice.in_cm)}\n{turn.answer}"


def _piece_said(piece: ProductRecord, sizes: list[PieceSize]) -> PieceSize | None:
    """What was said of a look's piece by its kind ("鞋38码": the shoes, heels or sandals), if anything."""
    for said in sizes:
        footwear = said.kinds == ["Shoes"] and piece.category == "Footwear"  # "鞋" names every kind of shoe
        if footwear or piece.article_type in said.kinds or piece.sub_category in said.kinds:
            return said
    return None


def _size_of_piece(piece: ProductRecord, sizes: list[PieceSize]) -> str | None:
    """The size said for a look's piece by its kind ("鞋38码": UK5 for the shoes); none said, none."""
    said = _piece_said(piece, sizes)
    return said.size if said else None


def _brand_not_carried_said(turn: PlannedTurn, request: ShopperRequest) -> None:
    """A brand asked for that the store does not carry ("gucci handbags"), said before the
    other brands' products shown for it, so they are not taken for that brand's."""
    if request.brand_not_carried and (turn.products or turn.outfits):
        turn.answer = f"We don't carry {request.brand_not_carried}; these are from brands we do.\n{turn.answer}"


def _priced(info: PriceInfo) -> str:
    """A price as the tools return it, with its discount: "₹719 (10% off ₹799)"."""
    discount = f" ({info.discount_pct}% off ₹{info.list_price:.0f})" if info.discount_pct else ""
    return f"₹{info.price:.0f}{discount}"


def _mostly_whose(pieces: list[str], main_gender_of_type: dict[str, str]) -> str | None:
    """Whose a look of these kinds is when the shopper did not say: the gender most of the
    catalog's products of each kind are for ("shirt, trousers, shoes": men's), when they
    agree and hold for at least half the kinds (shoes or flip flops are anyone's); else
    nobody's (a skirt and a shirt: ask)."""
    said = [main_gender_of_type[kind] for kind in pieces if kind in main_gender_of_type]
    return said[0] if said and len(set(said)) == 1 and 2 * len(said) >= len(pieces) else None


def _size_of_the_look(category: str | None, state: SessionState) -> str | None:
    """The size the looks just shown were built in, for a piece of that category asked next
    ("jeans, under 1500" after a college look in S): the same wearer, the same size."""
    if category not in ("Apparel", "Footwear") or not state.look or state.shown != state.look:
        return None
    return next((s for s in state.look_sizes if s.startswith("UK") == (category == "Footwear")), None)


def _remember_the_aside(state: SessionState, before: dict[str, Any], request: ShopperRequest) -> None:
    """A store question is an aside: the product talk before it goes on after it ("can she
    swap the size?" then "make the clutch gold" edits the look). Any other turn ends it."""
    if request.intent is not Intent.store_info:
        state.before_aside = {}
    elif before.get("intent") != Intent.store_info.value:
        state.before_aside = before


def _whose_by_feet_or_refusals(
    shoe_size: str | None, refused: list[str], genders_of_type: Mapping[str, Collection[str]]
) -> str | None:
    """Whose a look is when neither the shopper nor its kinds say: a shoe size of UK 3-5 is
    most often a woman's ("a formal look, size M, shoes uk5"), and kinds turned down that
    only women and girls wear say a woman asks ("not a lehenga", "no heels"). Else nobody's
    (the assistant asks)."""
    size = int(shoe_size[2:]) if shoe_size and shoe_size[2:].isdigit() else None
    if size is not None and 3 <= size <= 5:
        return "Women"
    worn_by = [set(genders_of_type[kind]) for kind in refused if kind in genders_of_type]
    return "Women" if worn_by and all(g <= {"Women", "Girls"} for g in worn_by) else None


def _gender_said_outright(read: ParsedQuery) -> str | None:
    """The gender a message names by a word for it ("for women", "my son"), not by a pronoun."""
    return read.filters.gender if any(kind == "gender" for kind, _, _ in read.recognised) else None


def _inches_said(size: str | None, target: ProductRecord) -> tuple[int, size_chart.Measure] | None:
    """A number asked of a garment sized by letter ("jeans in 32", "the shirt in 40"): the
    inches, and the waist, chest or bust its size chart reads them as."""
    if not size or target.category == "Footwear" or size in target.stock or not size.startswith("UK"):
        return None
    number = int(size[2:]) if size[2:].isdigit() else 0
    if not 24 <= number <= 48 or any(s.startswith("UK") for s in target.stock):
        return None
    return number, size_chart.measure_of({target.sub_category}, target.gender) or "Waist"


def _lines(lines: list[CartLine]) -> str:
    return "\n".join(
        f"{i + 1}. {line.title}{answers.in_size(line.size, ' — size ')} × {line.quantity} — ₹{line.line_total:.0f}"
        for i, line in enumerate(lines)
    )


def _price_bounds(priced: list[tuple[str, PriceRange]], bound: str) -> dict[str, float]:
    """Each kind's upper (``max``) or lower (``min``) price bound, where one was said."""
    return {kind: getattr(price, bound) for kind, price in priced if getattr(price, bound)}


def _cheaper_than_shown(need: ProductNeed, shown: list[ProductRecord]) -> None:
    """ "Something cheaper for the pants" after a look: below the cheapest pants shown."""
    prices = [p.price for p in shown if p.article_type in need.article_types]
    if prices and not (need.price and need.price.max is not None):
        need.price = PriceRange(max=min(prices) - 1)


_SEARCHES_KEPT = 6
# An "around" budget that fewer products in stock than this meet is widened downwards: twice its
# spread (the parser's tolerance when none was set), at most this share of the figure
_AROUND_ENOUGH = 3
_AROUND_WIDEST = 0.25


def _price_between(state: SessionState) -> tuple[float, float] | None:
    """The prices between the last two price ranges searched: above the lower one's top (or
    floor) and below the higher one's floor (or top); None when fewer than two were asked."""
    ranges = [
        (s["filters"].get("price_min"), s["filters"].get("price_max"))
        for s in state.searches
        if s["filters"].get("price_min") is not None or s["filters"].get("price_max") is not None
    ][-2:]
    if len(ranges) < 2:
        return None
    tops = sorted(ranges, key=lambda r: r[1] if r[1] is not None else r[0])
    low = tops[0][1] if tops[0][1] is not None else tops[0][0]
    high = tops[1][0] if tops[1][0] is not None else tops[1][1]
    return (low, high) if low is not None and high is not None and low < high else None


def _earlier_search(
    state: SessionState, need: ProductNeed | None, message: str, sub_category_of: Mapping[str, str]
) -> dict | None:
    """The search an "again" means: the latest before the last of the colour, price, brand or
    kind the shopper names ("the yellow ones", "the 1500 wale", "the track pants"), else the
    one before the last."""
    before = [s for s in state.searches if s["filters"] != state.last_filters]
    if not before:
        return None
    figure = re.search(r"(?<![\d.])(\d{3,6})(?![\d.])", message)
    price = need.price.max if need and need.price else (float(figure.group(1)) if figure else None)

    def _subs_of(filters: dict) -> set[str]:  # "go back to the shoes": a search of running shoes too
        kinds = as_list(filters.get("article_type"))
        return {filters.get("sub_category") or ""} | {sub_category_of.get(t, "") for t in kinds}

    def named(search: dict) -> bool:
        filters = search["filters"]
        colours = set(as_list(filters.get("colour")))
        return bool(
            (need and need.colours and colours & set(need.colours))
            or (
                price is not None
                and filters.get("price_max") is not None
                and (filters.get("price_min") or 0) <= price <= filters["price_max"]
            )
            or (need and need.brand and need.brand in (filters.get("include_terms") or []))
            or (need and set(need.article_types) & set(as_list(filters.get("article_type"))))
            or (need and not need.article_types and need.sub_category and need.sub_category in _subs_of(filters))
        )

    said = bool(need and (need.colours or need.brand or need.article_types or need.sub_category)) or price is not None
    if said:
        return next((s for s in reversed(before) if named(s)), None)
    # "show those again": a whole list shown, not one need of several
    return next((s for s in reversed(before) if not s.get("one_of_several")), None)


def _filters_of(need_filters: dict, let_go: dict[str, Any]) -> SearchFilters:
    """A need's filters kept from the last turn, less the constraints the shopper let go of."""
    return SearchFilters.model_validate(need_filters).model_copy(update=let_go)


def _words_kept(response: SearchResponse) -> dict[str, Any]:
    """The search's filters to build on next: a word no product's name had ("any with
    lights?" answered with the nearest without it) is not asked of the next list too."""
    dropped = response.relaxation.dropped if response.relaxation else []
    terms = response.filters.get("include_terms") or []
    if "include_terms" not in dropped or not terms:
        return response.filters
    titles = [r.title.lower() for r in response.results]
    had = [t for t in terms if any(t.lower() in title for title in titles)]
    return {**response.filters, "include_terms": had}


def _let_go_of(dropped: Sequence[str]) -> dict[str, Any]:
    """The filter fields a search loses when the shopper lets go of them ("forget the budget")."""
    fields: dict[str, dict[str, Any]] = {
        "price": {"price_min": None, "price_max": None},
        "colour": {"colour": None, "exclude_colours": []},
        "brand": {"include_terms": []},
        "size": {"size": None},
        "usage": {"usage": None},
        "terms": {"include_terms": []},  # "forget the slim part", "cotton isnt a must"
    }
    return {k: v for kind in dropped for k, v in fields.get(kind, {}).items()}


def _described_apart(filters: dict, query: str) -> str:
    """What a search found nothing of, its title words quoted apart ('backpacks ... with
    "wildcraft" in the name'), so a brand and a kind never read as a product's name."""
    terms = filters.get("include_terms") or []
    described = answers.describe_filters({**filters, "include_terms": []}) or query
    return described + "".join(f' with "{t}" in the name' for t in terms)


def _and_then(turn: PlannedTurn, then: PlannedTurn) -> None:
    """The turn of what a message asks next (``ShopperRequest.then``: after a cart action,
    another, the order, a store question or a product; after a search, a store question),
    told after the first."""
    turn.answer = f"{turn.answer}\n{then.answer}"
    # a list the second shows comes first, so its numbers are the products' places ("the 2nd pair")
    turn.products = then.products + [p for p in turn.products if p.id not in {q.id for q in then.products}]
    turn.named += then.named
    turn.tool_calls += then.tool_calls
    turn.amounts += then.amounts
    turn.cited_fields = {**then.cited_fields, **turn.cited_fields}


def refined_filters(
    message: str,
    state: SessionState,
    shown: list[ProductRecord],
    focus: ProductRecord | None,
    need: ProductNeed | None = None,
    dropped: Sequence[str] = (),
) -> tuple[SearchFilters, str]:
    """The last search's filters changed as a refinement asks ("cheaper", "in red instead",
    "not that brand"), and a note when a brand is left out. What "cheaper" means is a fact
    of the session (the prices just shown), not a guess. For whom, what for and which
    season come from the typed ``need`` when there is one: the raw message also holds the
    shopper's reasons ("actually L, he's been hitting the gym" is not a sports search)."""
    base = SearchFilters.model_validate(state.last_filters).model_copy(update=_let_go_of(dropped))
    new = parse_query(message).filters if any(c.isalnum() for c in message) else SearchFilters()
    update = new.model_dump(exclude_defaults=True)
    if need is not None:
        for field in _TYPED_FIELDS:
            update.pop(field, None)
            if getattr(need, field):
                update[field] = getattr(need, field)
        named = [t for t in as_list(update.get("article_type")) if t not in need.exclude_types]
        if len(named) < len(as_list(update.get("article_type"))):  # "他不戴手表 别的呢": watches turned down
            update["article_type"] = (named[0] if len(named) == 1 else named) or base.article_type
    if asks_cheaper(message) and shown:
        update["price_max"] = min(p.price for p in shown) - 1
        if new.price_min is None:
            update["price_min"] = None  # "around 1200" then "cheaper": the lower bound goes
    if asks_pricier(message) and shown:
        update["price_min"] = max(p.price for p in shown) + 1
    update |= _bound_left_out(base, update)
    if base.category and (update.get("article_type") or update.get("sub_category")):
        update["category"] = None  # "n trainers, uk 6" after clothes in M: the kind named, not clothing
    brand_note = ""
    if asks_other_brand(message) and (focus or shown):
        brand = brand_of((focus or shown[0]).title)
        # "puma or adidas" then "diff brand": the brands asked for before, as the titles shown open
        asked = [t for t in base.include_terms if any(p.title.lower().startswith(t.lower()) for p in shown)]
        left_out = [brand.split()[0].lower(), *(t.lower() for t in asked)]
        update["exclude_terms"] = list(dict.fromkeys([*base.exclude_terms, *left_out]))
        update["include_terms"] = [t for t in update.get("include_terms", base.include_terms) if t not in asked]
        brands_out = ", ".join(dict.fromkeys(t.title() for t in left_out)) if asked else brand.rstrip(".")
        brand_note = f"Leaving out {brands_out}. "
    if need is not None and any(" " in term for term in need.exclude_terms):  # "nothing from red tape": no red
        new.exclude_colours = [c for c in new.exclude_colours if c in need.exclude_colours]
        update.pop("exclude_colours", None)
    if new.exclude_colours:  # "white isn't wanted either": added to what was left out before
        update["exclude_colours"] = list(dict.fromkeys(base.exclude_colours + new.exclude_colours))
    if new.exclude_terms:
        update["exclude_terms"] = list(dict.fromkeys(base.exclude_terms + new.exclude_terms))
        # "let's lose the florals" after floral dresses: the word asked for before is now turned down
        update["include_terms"] = [t for t in base.include_terms if t.lower() not in new.exclude_terms]
    # A colour named brings back one turned down before; a family ("something brighter" after
    # "nothing pink") does not: pink stays out of the bright colours.
    if new.colour and len(as_list(new.colour)) < _A_COLOUR_FAMILY:
        update["exclude_colours"] = [
            c
            for c in update.get("exclude_colours", base.exclude_colours)
            if c not in as_list(new.colour) or c in new.exclude_colours  # "黑色的也不要了 他鞋柜里全是黑的"
        ]
    update |= _colours_left_out(base, update)
    return base.model_copy(update=update), brand_note


_A_COLOUR_FAMILY = 4  # colours asked at once that are a family ("bright", "pastel"), not a choice


def _colours_left_out(base: SearchFilters, update: dict[str, Any]) -> dict[str, Any]:
    """A colour asked before and now turned down goes ("black dress" then "everyone will be
    in black, other colours"): the search keeps only the colours still wanted."""
    excluded = update.get("exclude_colours", base.exclude_colours)
    carried = as_list(update.get("colour", base.colour))
    if not excluded or not any(c in excluded for c in carried):
        return {}
    kept = [c for c in carried if c not in excluded]
    return {"colour": (kept[0] if len(kept) == 1 else kept) or None}


def _hygienic(product: ProductRecord) -> bool:
    """Whether the help pages' hygiene rule keeps ``product`` from being returned."""
    return (
        product.category == "Personal Care"
        or product.sub_category == "Innerwear"
        or product.article_type in _NOT_RETURNABLE_APPAREL
    )


_TYPED_FIELDS = ("gender", "usage", "season")
# ("forget it. show me watches instead, same silver vibe": another kind for the same person)
_FRESH_START = re.compile(
    r"\b(?:forget (?:it|that|this|those|them|about it)|start (?:over|again)|from scratch)\b"
    r"(?![^?]*\b(?:instead|same (?:\w+ )?(?:vibe|colou?r|style|budget|size))\b)",
    re.I,
)
_FOR_ME = re.compile(r"\b(?:for|4) (?:me|myself)\b", re.I)
# "2 of each", "第一个和第三个各来两双": the quantity is each place's ("pehla wala 2 piece": one place, two)
_OF_EACH = re.compile(r"各|\beach\b|\bboth\b|\bapiece\b", re.I)


def _bound_left_out(base: SearchFilters, update: dict[str, Any]) -> dict[str, Any]:
    """A new bound that the old range's other bound contradicts replaces the range:
    "6-7k" then "ok not more than 3500" is under 3500, not between 6000 and 3500."""
    new_max, new_min = update.get("price_max"), update.get("price_min")
    if new_max is not None and "price_min" not in update and (base.price_min or 0) >= new_max:
        return {"price_min": None}
    if new_min is not None and "price_max" not in update and base.price_max is not None and base.price_max <= new_min:
        return {"price_max": None}
    return {}


def _as_shown(filters: SearchFilters, gender: str | None, widened: dict[str, str], subs: set[str]) -> dict:
    """A piece of a look as the look showed it, for "no brown ones" next: for whom the look
    was, and the kind that stood in when none of the kind asked is sold for them (men's
    shoes for "juttis"), without the name words that found nothing."""
    asked = as_list(filters.article_type)
    kinds = list(dict.fromkeys(widened.get(t, t) for t in asked))
    update: dict = {"gender": gender or filters.gender}
    if kinds != asked:
        broader = [k for k in kinds if k in subs]
        types = [k for k in kinds if k not in subs]
        update |= {"article_type": types or None, "sub_category": broader[0] if broader else None, "include_terms": []}
    return filters.model_copy(update=update).public()


def _kept_after_failure(request: ShopperRequest, now: dict, before: dict) -> dict:
    """The request to read the next message against after this one failed: a look edit that
    found no look leaves the look shown the one to edit ("cheaper shoes", none, then "swap
    the sunglasses for a hat")."""
    return before if request.outfit is not None and request.outfit.edits_last else now


def _unisex_for_a_child(heading: dict[str, Any], results: list[Any], lead: str) -> tuple[dict[str, Any], str]:
    """The heading and lead of a child's search that found only unisex products (a "rain
    jacket for a 10 yr old boy": the store's are adult unisex ones): the heading must not
    call them boys', and the shopper is told none is made for a child."""
    child = heading.get("gender")
    if child not in ("Boys", "Girls") or not results or any(r.gender != "Unisex" for r in results):
        return heading, lead
    kinds = as_list(heading.get("article_type"))
    kind = _plural(kinds[0]).lower() if len(kinds) == 1 else "products like these"
    note = f"None of our {kind} is made for {child.lower()}; these unisex ones are the nearest, in adult sizes.\n"
    return heading | {"gender": None}, lead + note


def _kind_sold_for(kind: str, gender: str | None, lexicon: CatalogLexicon) -> str:
    """``kind``, or its sub-category when none of it is sold for ``gender`` ("mojaris" for a
    men's kurta: the store's mojaris are women's flats, so men's shoes). A kind too rare to
    say whose it is stays as asked."""
    sold_for = lexicon.genders_of_type.get(kind)
    if gender is None or sold_for is None or {gender, "Unisex"} & sold_for:
        return kind
    return lexicon.namesake_sold_for(kind, gender) or lexicon.sub_category_of.get(kind, kind)


def _their_total(numbered: list[tuple[int, ProductRecord]], message: str) -> str:
    """What the places asked about cost together, and against the budget the message says
    ("would the 1st and 2nd together fit in 2500?"), as the answer's first line."""
    total = sum(p.price for _, p in numbered)
    places = " and ".join(f"number {i}" for i, _ in numbered)
    line = f"Together, {places} come to ₹{total:.0f}."
    said = parse_query(message).filters if any(c.isalnum() for c in message) else None
    budget = said.price_max if said else None
    if budget:
        line += (
            f" That is within your ₹{budget:.0f}."
            if total <= budget
            else f" That is ₹{total - budget:.0f} over your ₹{budget:.0f}."
        )
    return line + "\n"


def _kinds_in(kind_or_sub: str, lexicon: CatalogLexicon) -> list[str]:
    """The kinds a piece of a look may be: the kind itself, or each kind of a sub-category
    (men's shoes for the store's mojaris, which are women's flats)."""
    if kind_or_sub in lexicon.sub_category_of:
        return [kind_or_sub]
    return [t for t, sub in lexicon.sub_category_of.items() if sub == kind_or_sub]


def _sort_kept(state: SessionState, need: ProductNeed | None) -> str | None:
    """The order the last list was shown in, kept for a narrowing of it ("cheapest first",
    then "in black"); none when the need names another kind ("now the belts")."""
    kinds = need.article_types if need is not None else []
    return state.last_sort if set(kinds) <= set(as_list(state.last_filters.get("article_type"))) else None


def _not_sold_for_note(asked: SearchFilters, sold: SearchFilters) -> str:
    """What the answer says first when a kind asked is not sold for the gender carried
    ("actually kurta sets instead" after men's kurtas: the store's kurta sets are women's)."""
    missing = [t for t in as_list(asked.article_type) if t not in as_list(sold.article_type)]
    if not missing or not asked.gender:
        return ""
    return f"We have no {_whose(asked.gender)} {_plural(missing[0]).lower()}. "


def _whose(gender: str) -> str:
    """ "men's", "women's", "boys'", "girls'": whose, as English writes it."""
    word = gender.lower()
    return f"{word}'" if word.endswith("s") and not word.endswith("men") else f"{word}'s"


def _sold_for_gender(filters: SearchFilters, lexicon: CatalogLexicon) -> SearchFilters:
    """The carried kind widened to its sub-category when none of it is sold for the gender
    now asked ("pink tops for girls" -> "same but for boys": boys' topwear, not women's tops)."""
    types = as_list(filters.article_type)
    if not filters.gender or not types:
        return filters
    sold = [t for t in types if _kind_sold_for(t, filters.gender, lexicon) == t]
    if sold:
        return filters.model_copy(update={"article_type": sold[0] if len(sold) == 1 else sold})
    if namesake := lexicon.namesake_sold_for(types[0], filters.gender):
        return filters.model_copy(update={"article_type": namesake})
    return filters.model_copy(update={"article_type": None, "sub_category": lexicon.sub_category_of.get(types[0])})


def _unsold_named(thing: str) -> str:
    """A thing not sold as the answer names it: a kind of shop as it is ("electronics"),
    anything else in the plural ("yoga mats")."""
    return thing if thing in UNSOLD or thing == "that" else _plural(thing)


def _kind_of_brand(thing: str) -> str:
    """The kind of shop a brand name belongs to, where a kind's description names it
    ("crocin": medicines), else the name itself."""
    return next((kind for kind, words in UNSOLD.items() if thing in words.split()), thing)


def _plural(word: str) -> str:
    """ "mojari" -> "mojaris", "smartwatch" -> "smartwatches"; a plural stays as it is, and
    Chinese has none ("耳机")."""
    if word.endswith("s") or re.search(r"[\u4e00-\u9fff]", word):
        return word
    return f"{word}es" if word.endswith(("ch", "sh", "x", "z")) else f"{word}s"


def _with_new_words(query: str, need: ProductNeed | None) -> str:
    """The last search's text plus what this refinement says that it did not ("smth with a
    leather strap?"): the words rank the same filtered search, so they only reorder it."""
    if need is None:
        return query
    if need.gender:  # "now same for his sister" after a boy's tees: the query's "Boys" would rank unisex first
        query = re.sub(r"\b(?:Men|Women|Boys|Girls|Unisex)\b", " ", query).strip()
    known = set(re.findall(r"\w+", query.lower()))
    new = [w for w in re.findall(r"\w+", f"{need.brand or ''} {need.text}") if w.lower() not in known]
    return f"{query} {' '.join(new)}".strip()[-400:]


def _of_kind_named(message: str, shown: list[ProductRecord]) -> list[ProductRecord]:
    """The products shown of the kind a message names ("the second tshirt" after looks of
    jeans and tshirts: the second of the tshirts), or all of them when it names none or
    none shown is of it."""
    filters = parse_query(message).filters if any(c.isalnum() for c in message) else None
    kinds = set(as_list(filters.article_type)) if filters else set()
    sub_category = filters.sub_category if filters else None
    of_kind = [p for p in shown if p.article_type in kinds or (sub_category and p.sub_category == sub_category)]
    of_kind = of_kind or [p for p in shown if _of_a_kind_named(p.article_type, kinds)]
    if not of_kind and not kinds and not sub_category and _A_PAIR.search(message):  # "the cheapest pair", "uk 9"
        of_kind = [p for p in shown if p.category == "Footwear"]
    return of_kind or shown


# Footwear named by how it is counted or sized: "add the cheapest pair in uk 8", "pehla wala uk 9"
_A_PAIR = re.compile(r"\bpairs?\b|\buk\s*\d{1,2}\b|\d{2}\s*码|双", re.I)


def _of_a_kind_named(article_type: str, kinds: set[str]) -> bool:
    """A narrower kind of the one-word kind named: "Nehru Jackets" and "Rain Jacket" are
    jackets, so "the first jacket" after a look with a Nehru jacket means it (casual shoes
    are no sports shoes)."""
    last = article_type.lower().split()[-1].rstrip("s")
    return " " in article_type and any(" " not in kind and kind.lower().rstrip("s") == last for kind in kinds)


def _query_of(filters: dict) -> str:
    """A query for one of several needs, refined: its colour and kind (the message that
    named them all would pull every need's words into each search; a title word the filters
    require may name another kind, "juttis" of men's shoes)."""
    words = as_list(filters.get("colour")) + (
        as_list(filters.get("article_type")) or as_list(filters.get("sub_category"))
    )
    return " ".join([*words, *([f"for {filters['gender']}"] if filters.get("gender") else [])])


def _check_kind_shown(message: str, shown: list[ProductRecord], focus: ProductRecord | None) -> None:
    """A kind named that nothing in hand is ("the shoes ... add them size 10" after a list of
    jackets): ask, rather than act on another product."""
    if not shown or not any(c.isalnum() for c in message):
        return
    words = re.sub(r"\b(to|in|into|from) (the |my |your )?(bag|cart|basket|trolley)\b", " ", message, flags=re.I)
    words = re.sub(r"\b(come|comes|coming) with (a |an |the |its )?[\w-]+( piece)?\b", " ", words, flags=re.I)
    words = re.sub(r"自己包(?![包袋])|包装", " ", words)  # "那我自己包 第三对加进购物车": wrapped, no bag named
    filters = parse_query(words).filters if any(c.isalnum() for c in words) else SearchFilters()
    kinds = set(as_list(filters.article_type))
    sub_category = filters.sub_category
    if not kinds and not sub_category:
        return
    in_hand = [*shown, *([focus] if focus else [])]
    shoes = sub_category == "Shoes"  # "鞋", "shoes" of sandals or flip flops: footwear all the same
    if any(
        p.article_type in kinds
        or p.sub_category == sub_category
        or (shoes and p.category == "Footwear")
        or _of_a_kind_named(p.article_type, kinds)
        for p in in_hand
    ):
        return
    named = " or ".join(sorted(kinds)) if kinds else str(sub_category)
    raise ToolError(
        ErrorCode.no_reference,
        f"I don't see {named.lower()} in what I just showed. Ask for them again and then say which one "
        'you mean, e.g. "the second one".',
    )


_CHILD_WORDS = re.compile(
    r"\b(kids?|child(ren)?|baby|babies|toddlers?|infants?|boys?|girls?|school)\b|孩子|儿童|宝宝", re.I
)


def _for_anyone(query: str, filters: SearchFilters) -> bool:
    """No one named and no child in the words: a grown-up's search, whose kids' products
    come after the adults' ("2 shirts, shorts" are not boys' shirts first)."""
    return filters.gender is None and not _CHILD_WORDS.search(query)


def _adults_first(results: list[Any]) -> list[Any]:
    """The same results, adults' and unisex products before boys' and girls' (stable)."""
    return sorted(results, key=lambda r: r.gender in ("Boys", "Girls"))


def _stand_ins_note(results: list[Any], usage: str | None) -> str:
    """Says which of an occasion's products are not listed under its usage ("Only the first
    2 are listed as ethnic wear; the rest are casual."), so the heading claims no more."""
    own = sum(1 for r in results if r.usage == usage)
    others = sorted({str(r.usage).lower() for r in results if r.usage != usage and r.usage})
    if not usage or own == len(results):
        return ""
    rest = f"the {'rest are' if own else 'nearest are'} {' or '.join(others) or 'of other kinds'}"
    if own == 0:
        return f"None of these is listed as {usage.lower()} wear; {rest}.\n"
    first = "Only the first is" if own == 1 else f"Only the first {own} are"
    return f"{first} listed as {usage.lower()} wear; {rest}.\n"


def _another_kind_for(filters: SearchFilters, need: ProductNeed | None) -> SearchFilters:
    """One person's need with the kind named for them now ("didi ke liye sirf jhumkas" after a
    watch for her): that kind, the rest of what was asked for her kept."""
    if need is None or need.whose is None or not need.article_types:
        return filters
    kinds = need.article_types
    return filters.model_copy(update={"article_type": kinds[0] if len(kinds) == 1 else kinds, "sub_category": None})


def _refined(filters: SearchFilters, need: ProductNeed | None) -> SearchFilters:
    """``filters`` with what this message adds: colours (with their shades), excluded
    colours, a brand or a narrower kind named."""
    if need is None:
        return filters
    update: dict[str, Any] = {}
    if need.category and not need.has_kind():  # "not clothing, maybe an accessory": that whole category
        update.update(article_type=None, sub_category=None, category=need.category)
    if need.exclude_types:  # "flat ones instead, cant walk in heels": another kind, the rest kept
        kept = [t for t in as_list(filters.article_type) if t not in need.exclude_types]
        types = need.article_types or kept
        update["article_type"] = (types[0] if len(types) == 1 else types) or None
        if need.article_types:  # "not earrings, more like a watch" after jewellery: watches, whatever family
            update["sub_category"] = None
        if not types and need.sub_category:
            update["sub_category"] = need.sub_category
        update["exclude_article_types"] = list(dict.fromkeys(filters.exclude_article_types + need.exclude_types))
    shown_kinds = as_list(filters.article_type)
    if need.article_types and not shown_kinds and not filters.sub_category:  # "他冬天特别怕冷" after clothes for dad
        update["article_type"] = need.article_types[0] if len(need.article_types) == 1 else need.article_types
    narrower = [t for t in need.article_types if t in shown_kinds]
    if narrower and len(narrower) < len(shown_kinds) and not need.exclude_types:  # "a wrist watch" after gift ideas
        update["article_type"] = narrower[0] if len(narrower) == 1 else narrower
    if need.colours:
        update["colour"] = need.colours[0] if len(need.colours) == 1 else need.colours
        update["exclude_colours"] = [c for c in filters.exclude_colours if c not in need.colours]
    if need.exclude_colours:
        update["exclude_colours"] = list(dict.fromkeys(filters.exclude_colours + need.exclude_colours))
        update |= _colours_left_out(filters, update)
    if need.exclude_terms:  # "no checks, only plain ones": no pattern at all
        update["exclude_terms"] = list(dict.fromkeys(filters.exclude_terms + need.exclude_terms))
    terms = ([need.brand] if need.brand else []) + need.title_terms
    if terms:
        kept = [t for t in filters.include_terms if t in SUBTYPES or not need.brand]  # a new brand replaces the old
        update["include_terms"] = list(dict.fromkeys(kept + terms))
    if need.size:
        update["size"] = need.size
    if need.price:
        update["price_min"], update["price_max"] = need.price.min, need.price.max
    shoes = _SHOES_FOR_USAGE.get(need.usage or "")
    kinds = as_list(update.get("article_type", filters.article_type))
    other_shoes = len(kinds) == 1 and kinds[0] in _SHOES_FOR_USAGE.values() and kinds[0] != shoes
    if shoes and not need.article_types and other_shoes:  # "something more formal" after loafers: formal shoes
        update["article_type"], update["include_terms"] = shoes, list(need.title_terms)
    return filters.model_copy(update=update)


# The shoes worn for each usage: asking for another usage of shoes asks for that kind
_SHOES_FOR_USAGE = {"Formal": "Formal Shoes", "Sports": "Sports Shoes", "Casual": "Casual Shoes"}


def _with_the_floor_said(filters: SearchFilters, state: SessionState) -> SearchFilters:
    """ "nothing under 1000" then "keep it below 2500": between the two, the floor said first
    kept (a floor alone, not the lower end of an "around" range, which a new cap replaces)."""
    floor, cap = state.last_filters.get("price_min"), state.last_filters.get("price_max")
    if floor is None or cap is not None or filters.price_min is not None or filters.price_max is None:
        return filters
    return filters.model_copy(update={"price_min": floor}) if floor < filters.price_max else filters


_BROADER = re.compile(r"\b(?:other|any|all|different|every|kinds?|types?|varieties|range)\b", re.IGNORECASE)


# "what's the total for the look?", "how much is the whole outfit", "这套一共多少钱": the looks' totals
_LOOK_TOTAL = re.compile(
    r"\b(?:total|how much|price|cost)\b.{0,30}\b(?:looks?|outfits?|the whole thing|whole set|everything together)\b|"
    r"\b(?:looks?|outfits?)\b.{0,20}\b(?:total|come to|add up)\b|"
    r"(?:这套|这身|搭配|整套).{0,6}(?:一共|总共|多少钱)",
    re.I,
)


# "so whats the total", "ab total kya hai", "现在一共多少钱": a total asked with nothing named
_TOTAL_ASKED = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|now|ab|then|hmm)\W+)*(?:(?:what'?s|whats|what is)\s+)?(?:the\s+)?total\b(?![^.?!]*\d)|"
    r"\btotal (?:kya|kitna|kitne)\b|^\W*(?:现在|那)?(?:一共|总共|合计)(?:是)?多少(?:钱)?",
    re.I,
)
_ASKS_HOW_MUCH = re.compile(r"^\W*(?:(?:so|ok|okay|and|hmm)\W+)*(?:how much|what'?s the total|total)\b", re.I)
_LOOK_TOTAL_READS = (Intent.price, Intent.cart_view)  # how a look's total can be read ("这套一共多少钱": a cart's)


def _looks_totalled(totals: list[float], request: ShopperRequest, fallback: str | None) -> PlannedTurn:
    """The total of each look shown last, as numbered then."""
    lines = [f"Option {i}: ₹{total:.0f} in all." for i, total in enumerate(totals, 1)]
    turn = PlannedTurn(intent=Intent.price, answer="\n".join(lines), understood=request, fallback=fallback)
    turn.amounts += totals
    return turn


def _asks_anything(request: ShopperRequest) -> bool:
    """Whether a search request holds anything to search for (a kind, colour, price, brand...)."""
    return any(n.has_product() or n.colours or n.price or n.brand or n.size or n.usage for n in request.needs) or bool(
        request.sort or request.outfit or request.reference
    )


def _one_of_the_kind_named(
    said: SearchFilters, in_cart: list[ProductRecord], lexicon: CatalogLexicon
) -> ProductRecord | None:
    """The one cart item of the kind a message names (``said``: its parsed filters), or of
    its family when none is of the kind itself (juttis named, casual shoes in the cart);
    with a colour named, among the items of that colour ("the white ones": the one white
    item, when no kind is named); None when no one item is."""
    kinds = as_list(said.article_type)
    coloured = [p for p in in_cart if p.colour in as_list(said.colour)]
    if coloured and not kinds:
        return coloured[0] if len(coloured) == 1 else None
    in_cart = coloured or in_cart
    families = {lexicon.sub_category_of.get(k) for k in kinds} | ({said.sub_category} if said.sub_category else set())
    for matches in (lambda p: p.article_type in kinds, lambda p: p.sub_category in families):
        found = [p for p in in_cart if matches(p)]
        if len(found) == 1:
            return found[0]
    return None


def _just_added(message: str, state: SessionState, focus: ProductRecord | None) -> ProductRecord | None:
    """ "return kar sakte agar shade match nahi hua?" right after a lipstick went into the
    cart, naming no other kind: a question of that product (its kind's rule answers)."""
    if focus is None or state.last_request.get("intent") != "cart_add":
        return None
    if not re.search(r"\b(return|refund|send (it|them|these) back|exchange)", message, re.I):
        return None
    return None if parse_query(message).filters.article_type else focus


def _searched_size_for(state: SessionState, target: ProductRecord) -> str | None:
    """The size the list ``target`` came from was searched in: the last search's, or after
    several needs (dad's shoes in UK9, mom's in UK6) the one size of the needs it is of: of its
    kind, else of its sizing (a letter for clothes, a UK size for footwear)."""
    if state.last_filters.get("size"):
        return str(state.last_filters["size"])
    sized = [
        f
        for f in state.last_needs
        if f.get("size") and (target.gender == "Unisex" or f.get("gender") in (None, target.gender))
    ]
    own = {f["size"] for f in sized if target.article_type in as_list(f.get("article_type"))}
    footwear = target.category == "Footwear"
    # a look's shirt in M and flats in UK5: the shirt added in M
    sizing = {f["size"] for f in sized if str(f["size"]).startswith("UK") == footwear}
    sizes = own or sizing
    if not sizes and target.id in state.look:  # "add the 1st kurta" of a look built in L: in L
        sizes = {s for s in state.look_sizes if s.startswith("UK") == footwear}
    return sizes.pop() if len(sizes) == 1 else None


def _several_less_one(
    request: ShopperRequest | None, earlier: list[dict[str, Any]], lexicon: CatalogLexicon
) -> list[tuple[str, SearchFilters]]:
    """ "skip the clutch, mom has like 10. just the kurta n saree then" after a kurta, a saree
    and a clutch: the needs asked before but the one turned down, with their own constraints
    (those named, when the message names some); a kind named again takes this message's
    colour, price or size for it ("shoes + tees again but only black" changes the tees). A new
    kind named takes the place of the one turned down ("swap the flip flops for a dress").
    Empty when no earlier need is turned down, or one is left: that one is narrowed as before."""
    if request is None or len(earlier) < 2:
        return []
    turned_down = {t for n in request.needs for t in n.exclude_types} | set(request.replaces)

    left = [f for f in earlier if not (_need_kinds(f, lexicon) & turned_down)]
    gone = [f for f in earlier if _need_kinds(f, lexicon) & turned_down]
    if not turned_down or not gone or not left:
        return []
    known = set().union(*(_need_kinds(f, lexicon) for f in earlier))
    new = [n for n in request.needs if n.has_product() and not (set(_kinds_of(n)) & known)]
    named = [f for f in left if any(set(_kinds_of(n)) & _need_kinds(f, lexicon) for n in request.needs)]
    if new:  # "皮带改成领带": the others and the new kind; "show me just watches": what is named
        kept = named if request.just_these else left
        searches = _kept_searches(kept, request, lexicon)
        return searches + [_search_of(_in_place_of(n, gone[0], lexicon)) for n in new]
    if any(n.has_product() for n in request.needs):  # "forget the watch. more belts pls": the kinds named
        left = named
        if len(left) < 2:
            return []  # one kind named: narrowed as before ("only shirts under 1500")
    return _kept_searches(left, request, lexicon)


def _list_after_swap(
    request: ShopperRequest | None,
    several: list[dict[str, Any]],
    shown: list[tuple[str, SearchFilters]],
    lexicon: CatalogLexicon,
) -> list[dict[str, Any]]:
    """Everything still wanted after "洋装换成连身裤, 先看这个就好": the needs asked for
    together, the one swapped out replaced by what is shown now, so that "老公的短裤要深蓝色的"
    next still finds his shorts in M. Empty when no swap shows just the new kind."""
    if request is None or not request.replaces or not request.just_these:
        return []
    kept = [f for f in several if not _need_kinds(f, lexicon) & set(request.replaces)]
    return kept + [filters.public() for _, filters in shown]


def _need_kinds(f: dict[str, Any], lexicon: CatalogLexicon) -> set[str]:
    """An earlier need's kinds: its types, their sub-categories and its own sub-category."""
    types = as_list(f.get("article_type"))
    return (set(types) | {lexicon.sub_category_of.get(t, "") for t in types} | {f.get("sub_category") or ""}) - {""}


def _kept_searches(
    needs: list[dict[str, Any]], request: ShopperRequest, lexicon: CatalogLexicon
) -> list[tuple[str, SearchFilters]]:
    """Earlier needs searched again, each with the colour, price or size this message says
    for its kind (its types and their sub-categories: "鞋" for the sports shoes)."""
    searches = []
    for f in needs:
        filters = SearchFilters.model_validate(f)
        said = next((n for n in request.needs if set(_kinds_of(n)) & _need_kinds(f, lexicon)), None)
        if said is not None:
            change = said.filters().model_dump(exclude_defaults=True, include={"colour", "price_max", "size"})
            filters = filters.model_copy(update=change)
        searches.append(_search_of(filters))
    return searches


# Two kinds named as alternatives ("a wallet or a belt", "耳环或者项链"), not one word read as two
# kinds ("polo shirts": polo tees and shirts)
_EITHER = re.compile(r"\b(?:or|ya|either|both)\b|或者|还是|或|/", re.I)


def _named_as_alternatives(kinds: list[str], said: str) -> bool:
    """Whether the shopper named two kinds as alternatives ("a wallet or a belt", "耳环或者项链"),
    each by a word of its own, rather than one word read as two kinds ("polo shirts") or a
    kind guessed beside the one named ("jeans, no skinny or slim fit, i like them loose")."""
    if len(kinds) != 2 or not _EITHER.search(said):
        return False
    words = said.lower()
    return all(
        any(
            value == kind and re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", words)
            for phrase, (_, value) in ARTICLE_TYPES.items()
        )
        for kind in kinds
    )


def _each_kind_shown(results: list[Any], k: int) -> list[Any]:
    """The best of each kind asked for, then the rest by rank, kept in rank order: "a wallet
    or a belt" shows both, not five belts that happened to rank first."""
    firsts: dict[str, Any] = {}
    for r in results:
        firsts.setdefault(r.article_type, r)
    chosen = {r.id for r in list(firsts.values())[:k]}
    for r in results:
        if len(chosen) >= k:
            break
        chosen.add(r.id)
    return [r for r in results if r.id in chosen]


def _search_of(filters: SearchFilters) -> tuple[str, SearchFilters]:
    return _query_of(filters.model_dump(exclude_defaults=True)), filters


def _in_place_of(need: ProductNeed, gone: dict[str, Any], lexicon: CatalogLexicon) -> SearchFilters:
    """A new kind in place of one given up: what the message says for it, else that need's
    person and budget, and its size when both kinds are sized alike (a dress's M for a
    jumpsuit, not flip flops' UK6 for a dress)."""
    filters = need.filters()
    update: dict[str, Any] = {}
    if not filters.gender and gone.get("gender"):
        update["gender"] = gone["gender"]
    if filters.price_max is None and filters.price_min is None:
        update.update({k: gone[k] for k in ("price_min", "price_max") if gone.get(k) is not None})
    size = gone.get("size")
    system = _size_system(need.article_types, lexicon)
    if not filters.size and size and system and system == _size_system(as_list(gone.get("article_type")), lexicon):
        update["size"] = size
    return filters.model_copy(update=update)


def _size_system(types: list[str], lexicon: CatalogLexicon) -> str | None:
    """The sizes a kind is sold in: footwear's UK sizes, apparel's letters, or none."""
    if not types:
        return None
    sub = lexicon.sub_category_of.get(types[0])
    return "footwear" if sub in FOOTWEAR_SUB_CATEGORIES else "apparel" if sold_in_sizes(sub, types[0]) else None


def _each_persons_change(
    needs: list[dict[str, Any]], changes: list[ProductNeed], whose: Sequence[str | None]
) -> dict[int, ProductNeed]:
    """ "mine in black, hers in pink" after one kind for a couple: each change for the need of
    the person it names (empty unless every change names one person's need, and no two the same)."""
    if len(changes) < 2 or not all(c.whose or c.gender for c in changes):
        return {}
    change_of: dict[int, ProductNeed] = {}
    for change in changes:
        theirs = _needs_of_whom([dict(n) for n in needs], change.model_copy(update={"article_types": []}), whose)
        if len(theirs) != 1 or theirs[0] in change_of:
            return {}
        change_of[theirs[0]] = change
    return change_of


def _summary_kept(turn: PlannedTurn, state: SessionState, pending: str | None) -> None:
    """A store question asked at an order's summary ("is delivery free on this?") leaves the
    summary waiting for its yes or no (the checkout tool places it only while the cart is as
    summarised); anything else lets it go."""
    if pending and turn.intent is Intent.store_info:
        state.pending_order = pending
        if turn.answer.startswith("About ") and "\n" in turn.answer:  # "on this" is the order, no one product
            turn.answer, turn.named = turn.answer.split("\n", 1)[1], []
        turn.answer += _STILL_WAITING


def _needs_of_whom(needs: list[dict[str, Any]], change: ProductNeed | None, whose: Sequence[str | None]) -> list[int]:
    """Which needs a change is for: "mumma wale under 800" after chappals for papa, mumma and
    the shopper, the one named for her; "his in navy or black" after track pants for a couple,
    his (by gender); a change for no one in particular holds for every need, and one for
    someone none of them was for ("oh wait these are for my wife actually") makes them all
    theirs (their gender is set on each)."""
    every = list(range(len(needs)))
    if change is not None and change.whose is not None and change.whose in whose:
        return [i for i in every if whose[i] == change.whose]
    if change is None or change.gender is None or change.has_product():
        return every
    theirs = [i for i in every if needs[i] in _theirs(needs, change.gender)]
    if theirs:
        return theirs
    for need in needs:
        need["gender"] = change.gender
    return every


def _other_persons_need(need: ProductNeed | None, state: SessionState) -> dict[str, Any] | None:
    """After one person's things were shown from a list for several people, a change for
    another of them ("ok now hers, under 1500") starts from that person's need."""
    if need is None or need.gender is None or need.has_product() or len(state.several_needs) < 2:
        return None
    theirs = _theirs(state.several_needs, need.gender)
    shown_for = {f.get("gender") for f in state.last_needs} if state.last_needs else {state.last_filters.get("gender")}
    if len(theirs) != 1 or theirs[0].get("gender") in shown_for:
        return None
    return dict(theirs[0])


# "hers in pink?" after shorts for a niece and a nephew: "her" is the girl (a girl named is never a woman)
_THE_CHILD_OF_A_PRONOUN = {"Women": "Girls", "Men": "Boys"}


def _theirs(needs: list[dict[str, Any]], gender: str) -> list[dict[str, Any]]:
    """The needs asked for the person of ``gender``: of that gender, else, for a pronoun read as
    a woman's or a man's ("hers"), the need of a girl or a boy."""
    return [f for f in needs if f.get("gender") == gender] or [
        f for f in needs if f.get("gender") == _THE_CHILD_OF_A_PRONOUN.get(gender)
    ]


# A removal of some of the units of one line: "remove one", "just one piece please, remove the other"
_A_UNIT_ZH = r"(?:一|1)\s*(?:双|件|个|条|只|副|块|顶|套|瓶|支)"
_ONE_KEPT = re.compile(
    rf"\b(?:just|only|keep) (?:one|1)\b|\bone is enough\b|(?:只要|只留|留|就要){_A_UNIT_ZH}|{_A_UNIT_ZH}就(?:够|行|好)",
    re.I,
)
# "the first thing i added", "先加的那个": a cart line by when it was added, not by a place in a list
_ADDED_WHEN = re.compile(
    r"\b(?:the )?(?:(?P<first>first|1st|earliest)|last|latest|most recent)(?: thing| one| item| pair| piece)?"
    r" (?:i|we|you) (?:added|put in|carted)\b|\b(?:i|we) added (?:(?P<first2>first)|last)\b|"
    r"\bjust added\b|(?:(?P<first3>先|最早|最先|第一个)|后|刚|刚才|最后)(?:加|放)(?:进去|进来|入)?的",
    re.I,
)
# "remove one", "删掉一双", "减一件": one unit of a line of several comes out, the rest stay
_ONE_LESS = re.compile(
    r"\b(?:remove|take out|drop|minus|cancel) (?:one|1|the other(?: one)?|the extra(?: one)?)\b|\bone less\b|"
    rf"\b(?:just|only|keep) (?:one|1)(?: piece| pc| unit)?\b|(?:删掉?|去掉|拿掉|减掉?|少要?|退掉?){_A_UNIT_ZH}|"
    + _ONE_KEPT.pattern,
    re.I,
)


def _one_of_last(filters: SearchFilters, message: str, state: SessionState, lexicon: CatalogLexicon) -> SearchFilters:
    """ "just the heels, under 2k" after several needs: that need's constraints, changed as
    this message says ("the shoes" also finds the formal shoes asked for before). After one
    need, only the general word for it keeps it: "fine, just the bag" after laptop bags,
    "the cheapest pouch" after mobile pouches; "any other bags" asks for more."""
    earlier_needs = state.last_needs
    if not earlier_needs and state.last_filters and filters.sub_category and not filters.article_type:
        earlier_needs = [] if _BROADER.search(message) else [state.last_filters]
    found = _narrowed_need(filters, message, earlier_needs, lexicon)
    if found is None and not state.last_needs and _ONE_OF_THOSE_ASKED.search(message):
        found = _narrowed_need(filters, message, state.several_needs, lexicon)  # "and now the jeans, under 1500"
    if found is None and filters.gender:  # "老公的短裤要深蓝色的": his shorts, as asked for with the other things
        theirs = [f for f in state.several_needs if f.get("gender") == filters.gender]
        found = _narrowed_need(filters, message, theirs, lexicon)
        unnamed = not (filters.article_type or filters.sub_category or filters.category)
        if found is None and unnamed and len(theirs) == 1 and len(state.several_needs) > 1:
            said = filters.model_dump(exclude_defaults=True)  # "ok now hers, under 1500": her need, under 1500
            said.pop("gender", None)
            found = SearchFilters.model_validate(theirs[0]).model_copy(update=said)
    return found or filters


# "and now the jeans", "ok now the bag": one of the things asked for together before, by name
_ONE_OF_THOSE_ASKED = re.compile(r"\b(?:the|those|these)\b(?!.*\bfor (?:my|his|her|our|a|an)\b)", re.I)


def _narrowed_need(
    filters: SearchFilters, message: str, earlier_needs: list[dict[str, Any]], lexicon: CatalogLexicon
) -> SearchFilters | None:
    """The earlier need of the kind ``filters`` names, with this message's changes."""
    wanted = set(as_list(filters.article_type)) | ({filters.sub_category} if filters.sub_category else set())
    # "妈妈那双要平底的" after shoes for dad and for mom: mom's need first, flats a kind of her shoes
    whose_first = sorted(earlier_needs, key=lambda f: f.get("gender") != filters.gender)
    for earlier in whose_first:
        types = as_list(earlier.get("article_type"))
        kinds = (
            set(types)
            | {lexicon.sub_category_of.get(t, "") for t in types}
            | ({earlier["sub_category"]} if earlier.get("sub_category") else set())
        )
        within = not types and {lexicon.sub_category_of.get(t) for t in as_list(filters.article_type)} <= kinds
        if wanted and (wanted <= kinds or (within and filters.article_type)):
            said = filters.model_dump(exclude_defaults=True)
            if earlier.get("gender") and not parse_query(message).filters.gender:  # the frocks asked for the girl
                said.pop("gender", None)
            narrower = filters.sub_category and not filters.article_type  # "the shoes" -> the formal shoes
            base = (
                SearchFilters.model_validate(earlier)
                if narrower
                else SearchFilters.model_validate(earlier).model_copy(
                    update={"article_type": filters.article_type, "sub_category": filters.sub_category}
                )
            )
            if narrower:
                said.pop("sub_category", None)
                # "首饰类的吧" after a gift shelf of bags, watches and earrings: any jewellery, the shelf's
                # other kinds left out
                kept = [t for t in types if lexicon.sub_category_of.get(t) == filters.sub_category]
                if types and len(kept) < len(types):
                    said["article_type"] = None
                    said["sub_category"] = filters.sub_category
            return base.model_copy(update=said)
    return None


def _kinds_of(need: ProductNeed) -> list[str]:
    """The article types a need names, else its sub-category (an outfit piece's key)."""
    return need.article_types or ([need.sub_category] if need.sub_category else [])


def _units_kept(line: CartLine, message: str, understood: ShopperRequest | None) -> int | None:
    """How many of a line of several stay when some come out: "take out 2 of those" of five
    leaves three, "just one piece please, remove the other" one; None when the line goes
    ("remove 2 of those" of two, or no count said)."""
    fewer = understood.quantity if understood and understood.quantity else None
    if fewer and fewer < line.quantity:
        return line.quantity - fewer
    if _ONE_LESS.search(message):
        return 1 if _ONE_KEPT.search(message) else line.quantity - 1
    return None

"""What a shopper's message asks for, as one typed request (``ShopperRequest``).

Every understanding implementation (the fast catalog-trained layer in
``agent.understanding``, or an LLM through constrained decoding) produces this; one
executor runs it against the tools. It is returned to API clients as ``understood``, so
each decision carries the confidence it was made with."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field

from retrieval import SearchFilters


class Intent(str, Enum):
    greeting = "greeting"
    guardrail = "guardrail"
    store_info = "store_info"
    out_of_catalog = "out_of_catalog"
    cart_add = "cart_add"
    cart_remove = "cart_remove"
    cart_view = "cart_view"
    checkout = "checkout"
    stock = "stock"
    price = "price"
    details = "details"
    compare = "compare"
    outfit = "outfit"
    similar = "similar"
    more = "more"
    refine = "refine"
    recommend = "recommend"
    search = "search"


Sort = Literal["price_asc", "price_desc", "rating_desc", "popular", "newest"]
# A constraint of the last search a shopper can let go of ("forget the budget")
Constraint = Literal["price", "colour", "brand", "size", "usage", "terms"]
Superlative = Literal["cheapest", "priciest", "best_rated"]


class PriceRange(BaseModel):
    """A budget: ``min``/``max`` as searched; ``around`` when the shopper gave an
    approximate figure ("around 3000", "1000左右"), widened by ``tolerance``."""

    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    around: float | None = Field(default=None, ge=0)
    tolerance: float = Field(default=0.0, ge=0, le=1, description="Share of ``around`` accepted either side.")


class ProductNeed(BaseModel):
    """One thing the shopper wants (a message may hold several)."""

    text: str = Field(description="What is searched for (spelling corrected, constraints removed).")
    article_types: list[str] = Field(default_factory=list)
    sub_category: str | None = None
    category: str | None = Field(default=None, description="Only a whole category named ('an accessory').")
    colours: list[str] = Field(default_factory=list)
    exclude_colours: list[str] = Field(default_factory=list)
    exclude_terms: list[str] = Field(default_factory=list)
    exclude_types: list[str] = Field(
        default_factory=list, description="Types turned down ('no flip flops', 'cant walk in heels')."
    )
    brand: str | None = None
    title_terms: list[str] = Field(
        default_factory=list, description="Words the title must have: a narrower kind than the type ('polo')."
    )
    gender: str | None = None
    usage: str | None = None
    occasion: str | None = Field(default=None, description="The shopper's occasion words, e.g. 'date night'.")
    season: str | None = None
    size: str | None = None
    price: PriceRange | None = None
    whose: str | None = Field(
        default=None,
        description="The person it is for, as named ('father', 'didi', 'self'): a later change said of "
        "that person ('didi ka same rehne do', 'mumma wale under 800') finds this need.",
    )
    confidence: float = Field(default=1.0, ge=0, le=1, description="How sure the product type is.")

    def filters(self) -> SearchFilters:
        """The hard constraints this need pushes into search."""
        price = self.price or PriceRange()
        types = self.article_types
        return SearchFilters(
            gender=self.gender,
            article_type=(types[0] if len(types) == 1 else types) or None,
            sub_category=self.sub_category if not types else None,
            category=(self.category or self._worn_in_a_letter_size()) if not (types or self.sub_category) else None,
            colour=(self.colours[0] if len(self.colours) == 1 else self.colours) or None,
            exclude_colours=self.exclude_colours,
            exclude_terms=self.exclude_terms,
            exclude_article_types=self.exclude_types,
            usage=self.usage,
            include_terms=([self.brand] if self.brand else []) + self.title_terms,
            season=self.season,
            size=self.size,
            price_min=price.min,
            price_max=price.max,
        )

    def _worn_in_a_letter_size(self) -> str | None:
        """ "something not too formal, guy, size L": what is worn in a letter size is clothing (the
        search had no kind, and shoes came, the size dropped)."""
        letter = self.size is not None and not self.size.upper().startswith("UK")
        return "Apparel" if letter and not (self.article_types or self.sub_category or self.category) else None

    def has_product(self) -> bool:
        return bool(self.has_kind() or self.category)

    def has_kind(self) -> bool:
        """A type or a sub-category named, narrower than a whole category."""
        return bool(self.article_types or self.sub_category)


class Reference(BaseModel):
    """Which shown product the message is about."""

    position: int | None = Field(default=None, description="1-based position in the list shown; -1 the last.")
    superlative: Superlative | None = None
    pronoun: bool = Field(default=False, description="'it', 'this one': the product in focus.")
    among: list[int] = Field(
        default_factory=list,
        description="'add it' right after two were compared: one of these places, not yet said which, so asked back.",
    )
    confidence: float = Field(default=1.0, ge=0, le=1)


class CartPick(BaseModel):
    """One of several cart lines asked for in one message, each with its own size or
    quantity ("the 1st in S and the 3rd in M", "one in M and two in L")."""

    position: int | None = Field(
        default=None, description="1-based position in the list shown; -1 the last; none: the product in hand."
    )
    size: str | None = Field(default=None, description="The size said for this line, in the catalog's labels.")
    quantity: int = Field(default=1, ge=1, le=10)


class OutfitAsk(BaseModel):
    """A look: around a product (``around_reference``) or a need, with only the pieces
    asked for when the shopper named them ("trousers and shoes to go with it")."""

    around_reference: bool = False
    pieces: list[ProductNeed] = Field(default_factory=list)
    budget: float | None = Field(default=None, ge=0)
    budget_for_pieces: bool = Field(
        default=False,
        description="The budget covers the added pieces, not the "
        "piece it is built around ('I can spend 4000 on both').",
    )
    occasion: str | None = None
    usage: str | None = None
    gender: str | None = None
    changes: list[ProductNeed] = Field(
        default_factory=list,
        description="Pieces of the last look to change, the rest of the ask kept ('swap the shoes for brown ones').",
    )
    around_need: ProductNeed | None = Field(
        default=None,
        description="The piece the look goes with, described but not shown ('what goes with a denim jacket'): "
        "the look is built around the catalog's best match for it.",
    )
    around_owned: bool = Field(
        default=False,
        description="The piece described is the shopper's own ('i have the chinos already'): the looks go with "
        "it and leave it out.",
    )
    for_the_cold: bool = Field(
        default=False, description="A look for cold weather ('a warm look for manali in december', 'winter look')."
    )
    edits_last: bool = Field(
        default=False, description="The last look edited ('no heels'): built around the same product, if any."
    )
    excluded: list[str] = Field(
        default_factory=list, description="Article types the look must not have ('no heels', 'without a belt')."
    )
    avoid: list[str] = Field(
        default_factory=list,
        description="Product ids the shopper turned down in the last looks ('the shoes are kinda mid'): "
        "not used again.",
    )
    sizes: list[str] = Field(
        default_factory=list,
        description="Sizes said for the whole look ('a formal outfit, shoes size 9'): a letter for its apparel, "
        "a UK size for its footwear.",
    )
    colours: list[str] = Field(
        default_factory=list,
        description="One colour for every piece of the look ('make it all black'): a piece of which none is "
        "in stock in it keeps its own colours.",
    )
    main_colours: list[str] = Field(
        default_factory=list,
        description="Colours asked of the look without naming a piece ('a garba outfit, something colourful'): "
        "its main piece in them.",
    )


class ColourQuestion(BaseModel):
    """A question of which colours go together ("what colour shoes go with navy trousers?",
    "does a mustard kurta go with a white churidar?"): answered by the colour rules, beside
    a list of the piece asked about."""

    asked: list[str] = Field(default_factory=list, description="The colours asked about; none: which colours go.")
    goes_with: list[str] = Field(description="The colours of the piece they are to go with.")


class PieceSize(BaseModel):
    """The size said for one kind of piece of a look put in the cart whole ("上衣M 裤子M 鞋38码 都加上",
    "top in M and the flats in 5, add all")."""

    kinds: list[str] = Field(description="The article types, or the one sub-category, the piece may be.")
    size: str | None = Field(
        default=None, description="The size, in the catalog's labels; none: the piece named without one."
    )


class SizeAdvice(BaseModel):
    """A body measure the shopper asks the size of ("what size is a 32 waist", "腰围82穿什么码"):
    answered with the size chart's letter, since apparel here is sized XS-XXL."""

    measure: Literal["Waist", "Chest", "Bust"]
    number: int = Field(ge=1, le=250, description="The measure as said.")
    in_cm: bool = Field(default=False, description="Said in centimetres, else inches.")
    size: str | None = Field(default=None, description="The chart's letter for it; none when it is off the chart.")


class ShopperRequest(BaseModel):
    intent: Intent
    text: str = Field(default="", description="The message as read: spelling corrected, shorthand expanded.")
    confidence: float = Field(default=1.0, ge=0, le=1)
    needs: list[ProductNeed] = Field(default_factory=list)
    sort: Sort | None = None
    reference: Reference | None = None
    outfit: OutfitAsk | None = None
    cheaper: bool = Field(default=False, description="Cheaper than what was shown.")
    pricier: bool = False
    other_brand: bool = False
    brand_not_carried: str | None = Field(
        default=None,
        description="A brand asked for that the store does not carry ('any gucci bags?'): said, before others'.",
    )
    other_colours: bool = Field(
        default=False,
        description="The product asked about, in colours other than its own ('does it come in other colours?').",
    )
    size: str | None = Field(default=None, description="A size named for a cart add or stock question.")
    quantity: int | None = Field(
        default=None, ge=1, le=10, description="How many of the item in focus the cart should hold ('make it 2')."
    )
    quantity_more: bool = Field(
        default=False, description="``quantity`` is added to what the cart holds ('add 2 more of that')."
    )
    positions: list[int] = Field(
        default_factory=list, description="Several list positions at once ('add 2 and 5'); -1 is the last one shown."
    )
    together: bool = Field(
        default=False,
        description="The places in ``positions`` are priced together ('how much for the 1st and 3rd together').",
    )
    count: int | None = Field(
        default=None, ge=1, le=10, description="How many products the shopper asked to see ('just show me 3 belts')."
    )
    picks: list[CartPick] = Field(
        default_factory=list,
        description="Several cart lines each with its own size or quantity ('the 1st in S and the 3rd in M').",
    )
    swap_out: bool = Field(
        default=False,
        description="A cart add that replaces the item in focus ('nvm remove it, add no. 5 instead').",
    )
    look_added: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="Every piece of one look shown put in the cart, by its option number ('add the first look to "
        "my cart', '第一套整套加购物车': 1).",
    )
    look_sizes: list[PieceSize] = Field(
        default_factory=list, description="With ``look_added``: the size said for each kind of piece."
    )
    sized_only: bool = Field(
        default=False, description="With ``look_sizes``: only the pieces a size was said for ('就裙子M码和凉鞋38码')."
    )
    keep_only: bool = Field(
        default=False,
        description="A cart removal of every line but the one named ('just keep the first, bin the other').",
    )
    resize: bool = Field(
        default=False, description="The item in the cart wanted in another size ('change the size to 34')."
    )
    replaces: list[str] = Field(
        default_factory=list,
        description="Kinds asked for before (article types or a sub-category) whose place this message's new "
        "kind takes, with their budget, person and size where it fits ('swap the flip flops for a dress').",
    )
    just_these: bool = Field(
        default=False,
        description="Only the kinds this message names are to be shown now ('show me just watches', '先只看鞋').",
    )
    out_of_catalog: str | None = Field(default=None, description="The thing asked for that the store does not sell.")
    corrections: dict[str, str] = Field(default_factory=dict, description="Misspelt word -> the catalog word used.")
    follows: str | None = Field(
        default=None, description="The store question this one follows up, when it reads as a follow-up."
    )
    order_reply: Literal["yes", "no"] | None = Field(
        default=None, description="The answer to the order summary shown last turn: only a yes places the order."
    )
    in_between: bool = Field(
        default=False,
        description="A price between the last two asked ('under 700', then '1500 and up', then 'anything in "
        "between?': 700 to 1500).",
    )
    others_kept: bool = Field(
        default=False,
        description="After a search for several people, the change is one person's and the others' needs "
        "stay as they were ('papa's are fine, mummy wants red'): every need is shown again.",
    )
    earlier: bool = Field(
        default=False,
        description="An earlier list asked for again ('the yellow ones were better, bring them back'): the "
        "latest search of the colour, price or brand named, else the one before the last.",
    )
    dropped: list[Constraint] = Field(
        default_factory=list,
        description="Constraints of the last search the shopper lets go of ('forget the budget', "
        "'any colour is fine').",
    )
    then: str | None = Field(
        default=None,
        description="What the message asks next, read and done after the rest: after a cart action another "
        "cart action, the order, a store question or a product named ('add the 4th belt. and remove the "
        "watch': 'remove the watch'); after a search a store question ('need a black shirt. and if it doesnt "
        "fit can i exchange it?').",
    )
    colour_question: ColourQuestion | None = None
    size_advice: SizeAdvice | None = Field(
        default=None, description="The size chart's letter for a body measure the shopper asked about."
    )
    implementation: Literal["fast", "llm"] = "fast"

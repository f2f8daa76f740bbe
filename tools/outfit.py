"""``build_outfit``: complete the look from an anchor product, or from an occasion +
gender + budget.

Slots come from templates by gender and usage; each slot's candidates come from hybrid
retrieval with the gender/usage consistent, in stock (in the shopper's size when given)
and under the budget; then an exact search over all slot combinations picks the outfit
that maximises retrieval relevance + colour harmony within the budget (the candidate
sets are small, so enumeration is exact, not a heuristic). Alternatives must differ
from every earlier pick in at least two slots."""

from __future__ import annotations

import itertools
import re
import time

from pydantic import BaseModel, Field

from catalog import ProductRecord
from config import ErrorCode
from retrieval import ProductSearch, SearchFilters
from retrieval.query_parser import parse_query
from retrieval.search import SearchResult
from tools.colours import describe, harmony
from tools.errors import ToolError, require_record

USAGES = ("Casual", "Formal", "Ethnic", "Sports", "Party")
APPAREL_SIZES = {"XS", "S", "M", "L", "XL", "XXL"}


# A scored combination: (score, total price, colour harmony, the chosen (slot, product) pairs).
Look = tuple[float, float, float, list[tuple["Slot", SearchResult]]]


class Slot(BaseModel):
    name: str
    article_types: list[str]
    optional: bool = False
    piece: str | None = None  # the piece asked for that this slot fills ("Shoes", "Trousers")


# In ``OutfitRequest.exclude_types``: no accessory slot at all ("skip the accessories").
ACCESSORIES = "Accessories"


def _around_other_piece(
    anchor: ProductRecord, template: list[Slot], by_usage: dict[str, list[list[Slot]]]
) -> list[Slot]:
    """A template for a piece none of the usage's templates holds (black chinos for a party
    of dresses): the piece, then the template's slots it does not take, with a top from the
    casual looks when it is a bottom and the template has none."""
    slots = [_s("anchor", anchor.article_type)] + [s for s in template if s.name not in _slots_taken_by(anchor)]
    if anchor.sub_category == "Bottomwear" and not any(s.name == "top" for s in slots):
        top = next((s for t in by_usage.get("Casual", []) for s in t if s.name == "top"), None)
        slots[1:1] = [top] if top else []
    return slots


_ALWAYS_PLURAL = ("trousers", "jeans", "shorts", "pants", "capris", "leggings", "sunglasses", "jeggings", "tights")


def _one_of(kind: str) -> str:
    """A catalog kind said of one piece ("Watches": watch, "Casual Shoes": casual shoes)."""
    word = kind.lower()
    if word.endswith(_ALWAYS_PLURAL) or word.endswith("shoes"):
        return word
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _holds(templates: list[list[Slot]], kind: str) -> bool:
    """Whether any of the templates has a slot for that kind."""
    return any(kind in slot.article_types for template in templates for slot in template)


def _slots_taken_by(anchor: ProductRecord) -> set[str]:
    """The template slots a piece worn in none of the usage's templates takes the place of
    (black chinos in a look of dresses: the dress and any other bottom)."""
    if anchor.sub_category == "Bottomwear":
        return {"bottom", "dress"}
    if anchor.sub_category in ("Dress", "Saree", "Apparel Set"):
        return {"top", "bottom", "dress"}
    if anchor.category == "Footwear":
        return {"footwear"}
    return {"top"} if anchor.category == "Apparel" else {"accessory"}


def _main_piece_turned_down(template: list[Slot], excluded: list[str]) -> bool:
    """Whether every kind of the template's main garment (its dress or its top) was turned down."""
    return any(
        slot.name in ("dress", "top") and all(kind in excluded for kind in slot.article_types) for slot in template
    )


def _s(name: str, *types: str, optional: bool = False) -> Slot:
    return Slot(name=name, article_types=list(types), optional=optional)


_MEN = {
    "Casual": [
        [
            _s("top", "Tshirts", "Shirts"),
            _s("bottom", "Jeans", "Trousers", "Shorts"),
            _s("footwear", "Casual Shoes", "Sandals", "Flip Flops"),
            _s("accessory", "Watches", "Belts", "Sunglasses", "Caps", optional=True),
        ]
    ],
    "Formal": [
        [
            _s("top", "Shirts"),
            _s("bottom", "Trousers"),
            _s("footwear", "Formal Shoes"),
            _s("accessory", "Belts", "Ties", "Watches", optional=True),
        ]
    ],
    "Ethnic": [
        [
            _s("top", "Kurtas"),
            _s("bottom", "Churidar", "Trousers", "Jeans", "Salwar"),
            _s("footwear", "Sandals", "Formal Shoes", "Casual Shoes"),
            _s("accessory", "Watches", optional=True),
        ]
    ],
    "Sports": [
        [
            _s("top", "Tshirts"),
            _s("bottom", "Track Pants", "Shorts"),
            _s("footwear", "Sports Shoes"),
            _s("accessory", "Caps", "Socks", "Watches", optional=True),
        ]
    ],
    "Party": [
        [
            _s("top", "Shirts", "Tshirts"),
            _s("bottom", "Jeans", "Trousers"),
            _s("footwear", "Casual Shoes", "Formal Shoes"),
            _s("accessory", "Watches", "Belts", optional=True),
        ]
    ],
}
_WOMEN = {
    "Casual": [
        [
            _s("top", "Tops", "Tshirts", "Shirts"),
            _s("bottom", "Jeans", "Trousers", "Skirts", "Shorts", "Capris"),
            _s("footwear", "Flats", "Casual Shoes", "Sandals", "Heels"),
            _s("accessory", "Handbags", "Sunglasses", "Earrings", "Watches", optional=True),
        ],
        [
            _s("dress", "Dresses"),
            _s("footwear", "Flats", "Heels", "Sandals"),
            _s("accessory", "Handbags", "Clutches", "Earrings", optional=True),
        ],
    ],
    "Formal": [
        [
            _s("top", "Shirts", "Tops"),
            _s("bottom", "Trousers", "Skirts"),
            _s("footwear", "Heels", "Flats", "Formal Shoes"),
            _s("accessory", "Handbags", "Watches", optional=True),
        ]
    ],
    "Ethnic": [
        [
            _s("top", "Kurtas", "Kurtis"),
            _s("bottom", "Leggings", "Churidar", "Salwar", "Patiala"),
            _s("footwear", "Sandals", "Flats", "Heels"),
            _s("accessory", "Earrings", "Bangle", "Necklace and Chains", "Clutches", optional=True),
        ],
        [  # a saree or a lehenga is the whole garment
            _s("dress", "Sarees", "Lehenga Choli"),
            _s("footwear", "Sandals", "Flats", "Heels"),
            _s("accessory", "Earrings", "Bangle", "Necklace and Chains", "Clutches", optional=True),
        ],
    ],
    "Sports": [
        [
            _s("top", "Tshirts", "Tops"),
            _s("bottom", "Track Pants", "Capris", "Leggings", "Shorts"),
            _s("footwear", "Sports Shoes"),
            _s("accessory", "Caps", "Socks", optional=True),
        ]
    ],
    "Party": [
        [
            _s("dress", "Dresses"),
            _s("footwear", "Heels", "Flats"),
            _s("accessory", "Clutches", "Earrings", "Handbags", optional=True),
        ],
        [  # "a party look, but no dresses"
            _s("top", "Tops", "Shirts"),
            _s("bottom", "Jeans", "Skirts", "Trousers"),
            _s("footwear", "Heels", "Flats"),
            _s("accessory", "Clutches", "Earrings", "Handbags", optional=True),
        ],
    ],
}
_KIDS = [
    [
        _s("top", "Tshirts", "Shirts", "Tops"),
        _s("bottom", "Shorts", "Jeans", "Trousers", "Capris", "Skirts"),
        _s("footwear", "Casual Shoes", "Sandals", "Flip Flops", "Sports Shoes", optional=True),
    ],
    [_s("dress", "Dresses"), _s("footwear", "Casual Shoes", "Sandals", "Flats", optional=True)],
]
# a boy's kurta set is the whole garment (the catalog's girls' ethnic wear is two lehengas)
_BOYS_ETHNIC = [_s("dress", "Kurta Sets", "Kurtas"), _s("footwear", "Sandals", "Casual Shoes", optional=True)]
TEMPLATES: dict[str, dict[str, list[list[Slot]]]] = {
    "Men": _MEN,
    "Women": _WOMEN,
    "Boys": {u: [_BOYS_ETHNIC, *_KIDS[:1]] if u == "Ethnic" else _KIDS[:1] for u in USAGES},
    "Girls": {u: _KIDS for u in USAGES},
}
CANDIDATES_PER_SLOT = 6
# With a tight budget, each required slot's candidates are searched again under this many
# times its even share of the budget (an optional accessory may take what is left).
_SLOT_SHARE = 1.5
# When no in-stock item of a slot has the occasion's own usage, these may stand in (in order).
COMPATIBLE_USAGES = {
    "Casual": ["Casual", "Smart Casual"],
    "Formal": ["Formal", "Smart Casual"],
    "Ethnic": ["Ethnic", "Casual"],
    "Sports": ["Sports", "Casual"],
    "Party": ["Party", "Smart Casual", "Casual", "Formal"],
}


class OutfitRequest(BaseModel):
    product_id: str | None = Field(default=None, description="Anchor product to build the look around.")
    occasion: str | None = Field(default=None, max_length=100, description="e.g. office, wedding, party, gym, casual")
    gender: str | None = Field(default=None, description="Men, Women, Boys or Girls")
    budget: float | None = Field(default=None, description="Maximum total price in INR.")
    size: str | None = Field(default=None, description="Apparel size (XS-XXL) the items must be in stock in.")
    shoe_size: str | None = Field(default=None, description="Footwear size, e.g. UK9.")
    pieces: list[str] = Field(
        default_factory=list,
        max_length=5,
        description="Only these pieces besides the "
        "anchor: article types (Trousers) or sub-categories (Shoes, Bottomwear).",
    )
    piece_alternatives: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Other kinds a piece may be ('palazzo or leggings', '裙子' a dress or a skirt): piece -> kinds.",
    )
    piece_colours: dict[str, list[str]] = Field(
        default_factory=dict, description="Colours asked for a piece ('a pink saree'): article type -> colours."
    )
    colours: list[str] = Field(
        default_factory=list,
        description="Colours every piece is asked in ('make it all black'); a colour asked of a piece comes first.",
    )
    anchor_owned: bool = Field(
        default=False,
        description="The anchor stands for a piece the shopper owns: it sets the look's colours and slot, "
        "and is left out of the items and the total.",
    )
    for_the_cold: bool = Field(
        default=False,
        description="A look for cold weather ('a warm look for manali in december'): a jacket, sweater or "
        "sweatshirt over the top, and no shorts, sandals or flip flops.",
    )
    main_colours: list[str] = Field(
        default_factory=list,
        description="Colours asked of the look without naming a piece ('a garba outfit, something colourful'): "
        "its main piece (the first slot: top, dress or kurta) in them where one is in stock.",
    )
    piece_exclude_colours: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Colours turned down for a piece ('a shirt, not a white one'): article type -> colours.",
    )
    piece_terms: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Words a piece's title must have when the shopper named it more narrowly than its type "
        "('boots', 'polo'): article type or sub-category -> words.",
    )
    exclude_types: list[str] = Field(
        default_factory=list,
        description="Article types no look may have ('no heels'): a slot takes its other kinds; "
        f"'{ACCESSORIES}' leaves the accessory out.",
    )
    preferred_types: list[str] = Field(
        default_factory=list,
        description="Kinds asked for in place of others ('no sarees, a kurta set'): a slot holding any of them "
        "takes only those.",
    )
    piece_price_max: dict[str, float] = Field(
        default_factory=dict,
        description="A price said with one piece ('a shirt under 1500 and shoes to go with it'): type -> maximum.",
    )
    piece_price_min: dict[str, float] = Field(
        default_factory=dict,
        description="The lower end of a price said with one piece ('a leather jacket around 5k and aviators "
        "to go with it'): type -> minimum.",
    )
    budget_for_pieces: bool = Field(
        default=False,
        description="The budget covers the pieces added to the anchor, "
        "not the anchor itself ('I can spend 4000 on both').",
    )
    pieces_budget: float | None = Field(
        default=None,
        exclude=True,
        description="Set by the builder: the shopper's budget for the added pieces, for the explanation.",
    )
    exclude_ids: list[str] = Field(
        default_factory=list, max_length=200, description="Products no look may have (pieces the shopper turned down)."
    )
    alternatives: int = Field(default=3, ge=1, le=3)


class Outfit(BaseModel):
    items: list[str]
    slots: dict[str, str]
    products: list[ProductRecord]
    total_price: float
    within_budget: bool
    harmony: float
    explanation: str


class OutfitResult(BaseModel):
    outfits: list[Outfit]
    gender: str
    usage: str
    message: str | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)


def _usage_of(occasion: str | None) -> str:
    """The usage an occasion names; "casual (beach)": the usage before the occasion's own words."""
    occasion = (occasion or "").split("(")[0]
    if not occasion:
        return "Casual"
    parsed = parse_query(occasion).filters.usage if any(c.isalnum() for c in occasion) else None
    return parsed if parsed in USAGES else "Casual"


def _without_colours(req: OutfitRequest, kinds: list[str]) -> OutfitRequest:
    return req.model_copy(update={"piece_colours": {k: v for k, v in req.piece_colours.items() if k not in kinds}})


def _validate(req: OutfitRequest) -> None:
    if req.product_id is None and req.gender is None:
        raise ToolError(
            ErrorCode.gender_required, "Say who the outfit is for (Men, Women, Boys or Girls) or give a product."
        )
    if req.gender is not None and req.gender not in TEMPLATES:
        raise ToolError(ErrorCode.invalid_gender, "gender must be one of Men, Women, Boys, Girls.")
    if req.budget is not None and not 0 < req.budget <= 1_000_000:
        raise ToolError(ErrorCode.invalid_budget, "The budget must be a positive amount up to ₹10,00,000.")
    if req.size is not None and req.size not in APPAREL_SIZES:
        raise ToolError(ErrorCode.invalid_size, f"Apparel sizes are {', '.join(sorted(APPAREL_SIZES))}.")
    if req.shoe_size is not None and req.shoe_size not in {f"UK{n}" for n in range(5, 13)}:
        raise ToolError(ErrorCode.invalid_size, "Footwear sizes are UK5 to UK12.")


# Sub-categories a shopper names as a piece -> the slot (by name) or article types that fill it.
_PIECE_SLOTS = {
    "Shoes": "footwear",
    "Sandal": "footwear",
    "Flip Flops": "footwear",
    "Bottomwear": "bottom",
    "Topwear": "top",
    ACCESSORIES: "accessory",
}
_ONE_SIZE_KINDS = {"Dupatta", "Belts", "Suspenders"}  # filed under topwear, sold in one size
_SIZED_SUB_CATEGORIES = {"Topwear", "Bottomwear", "Dress", "Apparel Set", "Loungewear and Nightwear"}
# The footwear types of each footwear sub-category: "shoes" asked for are no sandals.
_SUB_CATEGORY_TYPES = {
    "Shoes": {"Casual Shoes", "Formal Shoes", "Sports Shoes", "Heels", "Flats"},
    "Sandal": {"Sandals", "Sports Sandals"},
    "Flip Flops": {"Flip Flops"},
}
_PIECE_TYPES = {
    "Bags": ["Handbags", "Backpacks", "Clutches"],
    "Jewellery": ["Earrings", "Necklace and Chains", "Bangle", "Pendant"],
    "Eyewear": ["Sunglasses"],
    "Watches": ["Watches"],
    "Belts": ["Belts"],
    "Wallets": ["Wallets"],
    "Headwear": ["Caps"],
    "Socks": ["Socks"],
    "Ties": ["Ties"],
}


# A look for the sea or a pool: its slots' warm-weather kinds, not corduroys and heels
BY_THE_SEA = re.compile(r"\b(beach|sea ?side|pool|goa|island|cruise|swim\w*)\b|海边|沙滩", re.I)
SEASIDE_KINDS = frozenset(
    {"Shorts", "Skirts", "Capris", "Dresses", "Flip Flops", "Sandals", "Sunglasses", "Caps", "Tshirts", "Tops"}
)
# Kinds that can take an accessory slot when asked for ("swap the watch for a bracelet")
_ACCESSORY_KINDS = frozenset(t for kinds in _PIECE_TYPES.values() for t in kinds) | {
    "Bracelet",
    "Ring",
    "Cufflinks",
    "Scarves",
    "Stoles",
    "Mufflers",
    "Hat",
    "Umbrellas",
    "Jewellery Set",
    "Wristbands",
    "Duffel Bag",
    "Laptop Bag",
    "Messenger Bag",
    "Rucksacks",
    "Waist Pouch",
}


def _with_kinds_asked(
    template: list[Slot], preferred: list[str], sub_category_of: dict[str, str] | None = None
) -> list[Slot]:
    """The template with a kind asked in place of another that none of its slots holds: an
    accessory ("swap the sunglasses for a hat") in its accessory slot, or in one of its own;
    footwear, a bottom or a top ("trainers instead of those shoes", "joggers for the jeans")
    in the slot of its kind."""
    held = {t for slot in template for t in slot.article_types}
    of = sub_category_of or {}
    by_slot = {
        name: [t for t in preferred if t not in held and _PIECE_SLOTS.get(of.get(t, "")) == name]
        for name in ("footwear", "bottom", "top")
    }
    template = [
        slot.model_copy(update={"article_types": [*by_slot[slot.name], *slot.article_types]})
        if by_slot.get(slot.name)
        else slot
        for slot in template
    ]
    asked = [t for t in preferred if t in _ACCESSORY_KINDS and t not in held]
    if not asked:
        return template
    if not any(slot.name == "accessory" for slot in template):
        return [*template, _s("accessory", *asked, optional=True)]
    return [
        slot.model_copy(update={"article_types": [*slot.article_types, *asked]}) if slot.name == "accessory" else slot
        for slot in template
    ]


def _only_pieces(
    template: list[Slot],
    pieces: list[str],
    anchor: ProductRecord | None,
    alternatives: dict[str, list[str]] | None = None,
) -> list[Slot]:
    """The anchor's slot plus one required slot per piece asked for ("trousers and shoes
    to go with it"), each filled from the template's slot for it where there is one; a
    piece asked with alternatives ("palazzo or leggings") is one slot of any of them."""
    slots = [s for s in template if anchor and anchor.article_type in s.article_types]
    for piece in pieces:
        by_name = next((s for s in template if s.name == _PIECE_SLOTS.get(piece)), None)
        by_type = next((s for s in template if piece in s.article_types), None)
        slot = by_type or by_name
        if slot is not None:
            within = _SUB_CATEGORY_TYPES.get(piece)
            kinds = [piece, *(alternatives or {}).get(piece, [])]
            types = kinds if by_type else [t for t in slot.article_types if not within or t in within]
            # flip flops asked where the slot holds none of them: the flip flops, not the slot's flats
            types = types or (kinds if within and piece in within else sorted(within or ())) or slot.article_types
            slots.append(Slot(name=slot.name, article_types=types, piece=piece))
        else:
            kinds = [*_PIECE_TYPES.get(piece, [piece]), *(alternatives or {}).get(piece, [])]
            slots.append(Slot(name=piece.lower(), article_types=list(dict.fromkeys(kinds)), piece=piece))
    named: dict[str, Slot] = {}
    for slot in slots:  # two pieces of one slot ("bangles and a clutch"): a slot each
        name = slot.name if slot.name not in named else f"{slot.name}-{slot.article_types[0].lower()}"
        named[name] = Slot(name=name, article_types=slot.article_types, piece=slot.piece)
    return list(named.values())


WARM_LAYERS = ("Jackets", "Sweaters", "Sweatshirts")  # what a look for the cold is layered with
_WARM_WEATHER_KINDS = {"Shorts", "Capris", "Sandals", "Flip Flops", "Sports Sandals", "Lounge Shorts"}


def _for_the_cold(template: list[Slot]) -> list[Slot]:
    """The template for cold weather: a warm layer after the first slot (unless it has one)
    and its slots without the kinds worn in the heat (a slot left empty keeps its kinds)."""
    slots = [
        Slot(
            name=s.name,
            article_types=[t for t in s.article_types if t not in _WARM_WEATHER_KINDS] or s.article_types,
            optional=s.optional,
            piece=s.piece,
        )
        for s in template
    ]
    if not any(set(s.article_types) & set(WARM_LAYERS) for s in slots):
        slots.insert(1, _s("layer", *WARM_LAYERS))
    return slots


def _led_by(template: list[Slot], piece: str) -> list[Slot] | None:
    """The whole template with the slot of the one piece asked for narrowed to it (a look
    "with a kurta": kurta, bottom, shoes); None when the template has no slot for it. A
    look of that piece alone would be a list of it, not a look."""
    slot = next((s for s in template if piece in s.article_types), None) or next(
        (s for s in template if s.name == _PIECE_SLOTS.get(piece)), None
    )
    if slot is None:
        return None
    within = _SUB_CATEGORY_TYPES.get(piece)
    types = [piece] if piece in slot.article_types else [t for t in slot.article_types if not within or t in within]
    types = types or ([piece] if within and piece in within else sorted(within or ()))
    led = Slot(name=slot.name, article_types=types or slot.article_types, piece=piece)
    return [led if s is slot else s for s in template]


class OutfitBuilder:
    def __init__(self, search: ProductSearch) -> None:
        self.search = search

    def build(self, req: OutfitRequest) -> OutfitResult:
        started = time.perf_counter()
        _validate(req)
        anchor = self._anchor(req.product_id)
        if req.budget_for_pieces and anchor is not None and req.budget is not None:
            req = req.model_copy(
                update={"budget": req.budget + anchor.price, "budget_for_pieces": False, "pieces_budget": req.budget}
            )
        gender = self._gender(req, anchor)
        usage = anchor.usage if anchor and anchor.usage in USAGES and not req.occasion else _usage_of(req.occasion)
        if anchor and anchor.usage in USAGES and not _holds(TEMPLATES[gender].get(usage, []), anchor.article_type):
            # white sneakers owned, for a commute said to be formal: a look of the sneakers' own kind, if it has one
            usage = anchor.usage if _holds(TEMPLATES[gender].get(anchor.usage, []), anchor.article_type) else usage
        if anchor is None and not req.occasion and req.pieces:  # "a saree and a clutch to go with it": ethnic
            usual = self.search.db.usual_usage(req.pieces[0])
            usage = usual if usual in TEMPLATES[gender] else usage
        templates = TEMPLATES[gender].get(usage) or TEMPLATES[gender]["Casual"]
        if anchor:
            templates = [t for t in templates if any(anchor.article_type in s.article_types for s in t)] or [
                _around_other_piece(anchor, templates[0], TEMPLATES[gender])
            ]
        if req.for_the_cold and not req.pieces:
            templates = [_for_the_cold(t) for t in templates]
        of = self.search.lexicon.sub_category_of
        templates = [_with_kinds_asked(t, req.preferred_types, of) for t in templates]
        led = [_led_by(t, req.pieces[0]) for t in templates] if anchor is None and len(req.pieces) == 1 else []
        if led and not any(led):  # "a kurta look for a diwali party": whole looks of the kurta's own usage
            usual = self.search.db.usual_usage(req.pieces[0])
            own = [_led_by(t, req.pieces[0]) for t in TEMPLATES[gender].get(usual or "", [])]
            if any(own):
                led, usage = own, usual or usage
        if any(led):  # "a party outfit with a dress": whole looks, each with a dress
            templates = [t for t in led if t]
        elif req.pieces:
            templates = [_only_pieces(t, req.pieces, anchor, req.piece_alternatives) for t in templates]
        # "a party look, no dresses": the looks whose main garment was not turned down
        templates = [t for t in templates if not _main_piece_turned_down(t, req.exclude_types)] or templates
        best: OutfitResult | None = None
        for template in templates:
            result = self._build_from(template, req, anchor, gender, usage)
            if result.outfits and (
                best is None or (result.outfits[0].within_budget and not best.outfits[0].within_budget)
            ):
                best = result
            if best and best.outfits[0].within_budget:
                break
        if best is None:
            raise ToolError(
                ErrorCode.no_outfit, f"No complete {usage.lower()} look for {gender} is in stock right now."
            )
        best.timings_ms = {"total": round((time.perf_counter() - started) * 1e3, 2)}
        return best

    def _anchor(self, product_id: str | None) -> ProductRecord | None:
        if product_id is None:
            return None
        return require_record(self.search.db, product_id)

    @staticmethod
    def _gender(req: OutfitRequest, anchor: ProductRecord | None) -> str:
        if req.gender:
            return req.gender
        if anchor and anchor.gender in TEMPLATES:
            return anchor.gender
        return "Men"

    def _candidates(
        self, slot: Slot, gender: str, usage: str, req: OutfitRequest, budget_left: float | None
    ) -> list[SearchResult]:
        """In-stock candidates for a slot with the occasion's usage, else a compatible one."""
        footwear = slot.name == "footwear"
        size = req.shoe_size if footwear else (req.size if self._worn_in_a_size(slot) else None)
        # a colour asked of some of the slot's kinds ("white shoes" of a footwear slot that
        # also holds sandals) narrows the slot to those kinds: the others are not what was named
        if slot.name == "accessory" and ACCESSORIES in req.exclude_types:  # "skip the accessories"
            return []
        allowed = [t for t in slot.article_types if t not in req.exclude_types]
        coloured = [t for t in allowed if req.piece_colours.get(t)]
        preferred = [t for t in allowed if t in req.preferred_types]
        seaside = [t for t in allowed if t in SEASIDE_KINDS] if BY_THE_SEA.search(req.occasion or "") else []
        kinds = coloured or preferred or allowed
        if not kinds:
            return []
        colours = list(dict.fromkeys(c for t in coloured for c in req.piece_colours[t])) or req.colours or None
        # a beach look's own kinds first (shorts, flip flops), the slot's others when none is in stock
        tries = [seaside, kinds] if seaside and kinds is allowed else [kinds]
        # within the budget in any compatible usage first ("a top under 1000 for the formal skirt":
        # a smart casual one), then over it, so the slot stays fillable and the caller reports the overrun
        for within in (True, False) if budget_left is not None else (True,):
            for some in tries:
                left = budget_left if within else None
                found = self._candidates_of(slot, some, colours, size, gender, usage, req, left)
                if found:
                    return found
        return []

    def _worn_in_a_size(self, slot: Slot) -> bool:
        """Whether the apparel size said holds for the slot: tops, bottoms and dresses, also
        a slot named for a piece asked ("a dress + heels + clutch": the dress)."""
        if slot.name in ("top", "bottom", "dress"):
            return True
        subs = {self.search.lexicon.sub_category_of.get(t) for t in slot.article_types}
        return bool(subs) and subs <= _SIZED_SUB_CATEGORIES and not set(slot.article_types) & _ONE_SIZE_KINDS

    def _candidates_of(
        self,
        slot: Slot,
        kinds: list[str],
        colours: list[str] | None,
        size: str | None,
        gender: str,
        usage: str,
        req: OutfitRequest,
        budget_left: float | None,
    ) -> list[SearchResult]:
        # a piece the shopper named is found whatever its usage ("a kurti and leggings" are ethnic wear)
        for fit_usage in [*COMPATIBLE_USAGES[usage], *([None] if req.pieces else [])]:
            keys = [*([slot.piece] if slot.piece else []), *slot.article_types]
            terms = next((req.piece_terms[k] for k in keys if k in req.piece_terms), [])
            own_max = [req.piece_price_max[k] for k in keys if k in req.piece_price_max]
            own_min = [req.piece_price_min[k] for k in keys if k in req.piece_price_min]
            turned_down = list(dict.fromkeys(c for k in keys for c in req.piece_exclude_colours.get(k, [])))
            filters = SearchFilters(
                gender=gender,
                article_type=kinds,
                usage=fit_usage,
                in_stock_only=True,
                size=size,
                price_max=min([*own_max, *([budget_left] if budget_left is not None else [])], default=None),
                price_min=max(own_min, default=None),
                colour=[c for c in colours if c not in turned_down] or None if colours else None,
                exclude_colours=turned_down,
                include_terms=terms,
            )
            text = f"{fit_usage or ''} {' '.join(kinds[:2])} for {gender}".strip()
            found = self._find(text, filters, req)
            if terms:  # the word the shopper used comes first, the piece's type still counts within the budget
                wider = self._find(text, filters.model_copy(update={"include_terms": []}), req)
                found = [*found, *(r for r in wider if r.id not in {f.id for f in found})][:CANDIDATES_PER_SLOT]
            if found:
                return found
        return []

    def _find(self, text: str, filters: SearchFilters, req: OutfitRequest) -> list[SearchResult]:
        """A slot's candidates, less the products the shopper turned down."""
        if not req.exclude_ids:
            return self.search.find(text, filters, CANDIDATES_PER_SLOT)
        found = self.search.find(text, filters, CANDIDATES_PER_SLOT + len(req.exclude_ids))
        return [r for r in found if r.id not in req.exclude_ids][:CANDIDATES_PER_SLOT]

    def _build_from(
        self, template: list[Slot], req: OutfitRequest, anchor: ProductRecord | None, gender: str, usage: str
    ) -> OutfitResult:
        anchor_slot = next((s.name for s in template if anchor and anchor.article_type in s.article_types), None)
        result = self._build_within(template, req, anchor, anchor_slot, gender, usage, share=None)
        if req.budget is not None and result.outfits and not result.outfits[0].within_budget:
            # the most relevant pieces of each slot add up to more than the budget: each slot's
            # candidates again under its share of it, so cheaper pieces can make a look that fits
            cheaper = self._build_within(template, req, anchor, anchor_slot, gender, usage, share=_SLOT_SHARE)
            if cheaper.outfits and cheaper.outfits[0].within_budget:
                return cheaper
        return result

    def _build_within(
        self,
        template: list[Slot],
        req: OutfitRequest,
        anchor: ProductRecord | None,
        anchor_slot: str | None,
        gender: str,
        usage: str,
        share: float | None,
    ) -> OutfitResult:
        """Looks from the template's slots, each slot's candidates priced within what the
        budget leaves (with ``share``: within that share of it per required slot)."""
        pools: list[tuple[Slot, list]] = []
        uncoloured: list[str] = []
        required = sum(1 for s in template if not s.optional and s.name != anchor_slot) or 1
        main = template[0] if template and template[0].name != anchor_slot and req.main_colours else None
        if main and not any(req.piece_colours.get(t) for t in main.article_types):
            main_req = req.model_copy(
                update={"piece_colours": {**req.piece_colours, **{t: req.main_colours for t in main.article_types}}}
            )
        else:
            main_req, main = req, None
        for slot in template:
            if slot.name == anchor_slot:
                pools.append((slot, [anchor]))
                continue
            if all(t in req.exclude_types for t in slot.article_types):  # "he has formal shoes, drop those"
                continue
            # an anchor over the whole budget leaves nothing: the slot is filled anyway and the overrun reported
            left = None if req.budget is None else max(0.0, req.budget - (anchor.price if anchor else 0))
            if left is not None and share is not None:
                left = left * min(1.0, share / required)
            if slot is main:  # the look's main piece in the colours asked of the look, where any is in stock
                candidates = self._candidates(slot, gender, usage, main_req, left)
                candidates = candidates or self._candidates(slot, gender, usage, req, left)
            else:
                candidates = self._candidates(slot, gender, usage, req, left)
            asked = [t for t in slot.article_types if req.piece_colours.get(t)]
            if not candidates and asked:  # "a navy blazer" where none is in stock: the look, in another colour
                candidates = self._candidates(slot, gender, usage, _without_colours(req, asked), left)
                uncoloured += [f"{' or '.join(req.piece_colours[t]).lower()} {t.lower()}" for t in asked]
            elif not candidates and req.colours:  # "all black" where the slot has no black piece in stock
                candidates = self._candidates(slot, gender, usage, req.model_copy(update={"colours": []}), left)
                uncoloured.append(f"{' or '.join(req.colours).lower()} {slot.name}")
            if candidates:
                # an optional slot may stay empty, so a tight budget drops the accessory first
                pools.append((slot, [None, *candidates] if slot.optional else candidates))
            elif not slot.optional:
                return OutfitResult(outfits=[], gender=gender, usage=usage)
        result = self._optimise(pools, req, gender, usage)
        if uncoloured and result.outfits:
            said = f"We have no {', '.join(uncoloured)} for {gender} in stock, so these looks have other colours."
            result.message = f"{said} {result.message}" if result.message else said
        return result

    def _optimise(self, pools: list[tuple[Slot, list]], req: OutfitRequest, gender: str, usage: str) -> OutfitResult:
        """Exact: every combination of the slot candidates is scored; clashing colours
        are excluded, then the best within the budget wins (or the cheapest overall)."""
        scored: list[Look] = []
        for combo in itertools.product(*(pool for _, pool in pools)):
            chosen = [(slot, p) for (slot, _), p in zip(pools, combo) if p is not None]
            if not chosen:  # every slot left empty (all optional, or every piece turned down): no look
                continue
            if len({p.id for _, p in chosen}) < len(chosen):  # one product fills one slot of a look
                continue
            harmony_score = harmony([p.colour for _, p in chosen])
            if harmony_score is None:
                continue
            ranks = [
                1 - [q for q in pool if q is not None].index(p) / len(pool)
                for (_, pool), p in zip(pools, combo)
                if p is not None
            ]
            completeness = len(chosen) / len(pools)
            score = 0.4 * sum(ranks) / len(ranks) + 0.4 * harmony_score + 0.2 * completeness
            scored.append((score, round(sum(p.price for _, p in chosen), 2), harmony_score, chosen))
        if not scored:
            return OutfitResult(outfits=[], gender=gender, usage=usage)
        feasible = [s for s in scored if req.budget is None or s[1] <= req.budget]
        message = None
        if not feasible:
            cheapest = min(scored, key=lambda s: s[1])
            feasible = [cheapest]
            message = (
                f"No complete {usage.lower()} look fits ₹{req.budget:.0f}; the cheapest one costs ₹{cheapest[1]:.0f}."
            )
        feasible.sort(key=lambda s: (-s[0], s[1]))
        picked: list[Look] = []
        for candidate in feasible:
            ids = {p.id for _, p in candidate[3]}
            if all(len(ids ^ {p.id for _, p in c[3]}) >= 2 for c in picked):
                picked.append(candidate)
            if len(picked) == req.alternatives:
                break
        return OutfitResult(
            outfits=[self._outfit(c, req, gender, usage) for c in picked], gender=gender, usage=usage, message=message
        )

    @staticmethod
    def _outfit(choice: Look, req: OutfitRequest, gender: str, usage: str) -> Outfit:
        _, total, harmony_score, chosen = choice
        worn = [ProductRecord(**p.model_dump(include=set(ProductRecord.model_fields))) for _, p in chosen]
        owned = [r for r in worn if req.anchor_owned and r.id == req.product_id]  # the shopper's own piece
        records = [r for r in worn if r not in owned]
        chosen = [(slot, p) for slot, p in chosen if not (owned and p.id == req.product_id)]
        total = round(total - sum(r.price for r in owned), 2)
        limit = req.pieces_budget if owned else req.budget  # the shopper's own piece costs them nothing now
        within = limit is None or total <= limit
        pieces = ", ".join(f"{r.title} (₹{r.price:.0f})" for r in records)
        if owned:
            pieces = f"{pieces}, to wear with your own {_one_of(owned[0].article_type)}"
        budget = (
            ""
            if limit is None
            else (f", within your ₹{limit:.0f} budget" if within else f", over your ₹{limit:.0f} budget")
        )
        if req.pieces_budget is not None and req.product_id and not owned:
            added = sum(r.price for r in records if r.id != req.product_id)
            budget = (
                f"; the pieces added cost ₹{added:.0f}, "
                f"{'within' if added <= req.pieces_budget else 'over'} your ₹{req.pieces_budget:.0f} for them"
            )
        stand_ins = [
            f"{r.title} is listed as {r.usage.lower()}"
            for r in records
            if r.usage != usage and r.usage and r.id != req.product_id
        ]
        note = f" No {usage.lower()} piece was in stock for every slot: {'; '.join(stand_ins)}." if stand_ins else ""
        sizes = " ".join(
            s
            for s in (
                f"Apparel in stock in {req.size}." if req.size else "",
                f"Footwear in stock in {req.shoe_size}." if req.shoe_size else "",
            )
            if s
        )
        article = "An" if usage[0] in "AEIOU" else "A"
        explanation = (
            f"{article} {usage.lower()} look for {gender}: {pieces}. Colours: {describe([r.colour for r in worn])}. "
            f"Total ₹{total:.0f}{budget}.{note} {sizes}"
        ).strip()
        return Outfit(
            items=[r.id for r in records],
            slots={slot.name: r.id for (slot, _), r in zip(chosen, records)},
            products=records,
            total_price=total,
            within_budget=within,
            harmony=round(harmony_score, 3),
            explanation=explanation,
        )

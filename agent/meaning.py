"""Whether a message asks for something this store sells, decided by meaning.

A word list of things not sold is always short of the next one ("crocin", "airdopes", "a
wall clock"). Instead, the message is embedded with the search's own MiniLM and compared
with two sets of descriptions: the catalog's own product types (read from the catalog)
and the kinds of shop the store is not (electronics, medicine, furniture, ...). It is
asked only when no word of the message names a product type."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import numpy as np

from retrieval.lexicon import CatalogLexicon

# Kinds of product a fashion store does not sell, each described the way shoppers ask for it.
UNSOLD: dict[str, str] = {
    "phones": "mobile phone smartphone iphone android handset",
    "computers": "laptop computer tablet ipad monitor keyboard mouse printer",
    "electronics": "electronics gadget earbuds earphones headphones bluetooth speaker charger power bank camera",
    "games and consoles": "video game console playstation xbox controller gaming",
    "televisions": "television tv smart tv set top box",
    "appliances": "home appliance air fryer microwave fridge washing machine mixer grinder vacuum cleaner kettle",
    "furniture": "furniture sofa bed table chair wardrobe mattress",
    "home furnishings": "bedsheet pillow curtains blanket sofa cover",
    "home decor": "wall clock home decor lamp vase photo frame",
    "towels": "towel bath towel hand towel beach towel",
    "kitchenware": "kitchen utensils cookware pressure cooker pan plates",
    "groceries": "groceries food rice flour vegetables fruit snacks drinks",
    "cakes and sweets": "cake bakery sweets chocolates mithai",
    "medicines": "medicine tablets pharmacy thermometer fever cold cough syrup first aid",
    "medical supplies": "n95 mask surgical mask sanitizer gloves for hospital",
    "baby care": "diapers nappies baby wipes baby food feeding bottle",
    "baby gear": "baby stroller pram baby carrier crib cradle",
    "hair care": "shampoo conditioner hair oil coconut oil hair serum",
    "puja and festive items": "bindi sindoor mehendi cone puja items diya rangoli",
    "books": "books novels textbooks stationery pens notebooks",
    "toys": "toys dolls teddy bear soft toys lego board games for kids",
    "vehicles": "car bike scooter bicycle tyres vehicle spare parts car accessories car freshener car seat covers",
    "tools": "hardware tools drill screwdriver paint",
    "pet supplies": "pet food dog collar leash cat litter pet supplies",
    "sports equipment": "cricket bat ball racket football helmet dumbbells yoga mat gym equipment",
    "travel bookings": "flight tickets hotel booking train tickets holiday package",
    "services": "insurance loan recharge bill payment repair service",
    "gift cards": "gift card gift voucher e-gift card store voucher",
    "plants": "plants seeds garden pots fertiliser",
    "trimmers": "grooming appliance trimmer",
    "grooming appliances": "beard trimmer, electric shaver, electric toothbrush",
    "hair styling appliances": "hair straightener, hair dryer, hair curler, curling iron, hair styler",
    "wigs": "wig",
    "spectacles": "spectacles eyeglasses frames prescription lenses",
    "contact lenses": "contact lenses prescription glasses spectacles eye test",
    "camping gear": "tent sleeping bag camping stove",
}
# How much nearer an unsold kind must be than every catalog type (cosine), and how near at least.
MARGIN = 0.04
MIN_SIMILARITY = 0.3
# A type of one or two products ("Cushion Covers") is a stray label more than a shelf: it
# counts as that much less near, so "sofa covers" is not sold for one cushion cover.
RARE_TYPE_PENALTY = 0.1
# A thing not sold is called by the shopper's words when they are at most this many.
MAX_NAME_WORDS = 3
_NOISE = re.compile(
    r"\b(do|you|u|ur|have|has|sell|selling|sold|any|got|i|want|need|looking|for|a|an|the|some|me|"
    r"my|pls|please|plz|buy|can|get|is|are|there|too|also|ok|hey|hi|or|and|what|about|then|"
    r"stock|available|in)\b",
    re.I,
)


class CatalogMeaning:
    """Nearest catalog type vs nearest kind of thing not sold, for one message."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        catalog_types: Sequence[str],
        rare_types: Collection[str] = (),
    ) -> None:
        self._embed = embed
        self._sold = embed([f"{name} fashion" for name in catalog_types])
        self._penalty = np.array([RARE_TYPE_PENALTY if name in rare_types else 0.0 for name in catalog_types])
        self._unsold_names = list(UNSOLD)
        self._unsold = embed(list(UNSOLD.values()))

    @classmethod
    def of_catalog(cls, embed: Callable[[list[str]], np.ndarray], lexicon: CatalogLexicon) -> CatalogMeaning:
        """Every type the catalog has, those of one or two products counted as rare."""
        rare = set(lexicon.article_types) - set(lexicon.common_types)
        return cls(embed, lexicon.article_types, rare)

    def scores(self, text: str) -> tuple[float, float, str] | None:
        """(best catalog similarity, best unsold similarity, that unsold kind); None when
        the message has no content words left to judge."""
        content = " ".join(_NOISE.sub(" ", text).split())
        if len(re.sub(r"[^\w]", "", content)) < 3:
            return None
        vector = self._embed([content])[0]
        sold, unsold = self._sold @ vector - self._penalty, self._unsold @ vector
        best = int(np.argmax(unsold))
        return float(sold.max()), float(unsold[best]), self._unsold_names[best]

    def unsold(self, text: str) -> bool:
        scores = self.scores(text)
        if scores is None:
            return False
        sold, unsold, _ = scores
        return unsold >= MIN_SIMILARITY and unsold - sold >= MARGIN

    def nearest_unsold(self, text: str) -> str | None:
        scores = self.scores(text)
        return scores[2] if scores else None

    def unsold_name(self, text: str) -> str | None:
        """What to call the thing not sold: the shopper's own words when they are few
        ("paracetamol", "boat rockerz"), else the nearest kind of shop ("medicines"):
        a kind named for a thing it only resembles reads as a misunderstanding."""
        content = _NOISE.sub(" ", text).split()
        if 0 < len(content) <= MAX_NAME_WORDS:
            return " ".join(w.strip(".,!?") for w in content).lower() or None
        return self.nearest_unsold(text)

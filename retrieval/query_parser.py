"""Shopper's words -> hard filters + the remaining text, for English and Chinese.

"a navy casual shirt for men under 1500" ->
filters {gender: Men, article_type: Shirts, colour: Navy Blue, usage: Casual, price_max: 1500},
text "a shirt"-ish remainder. Each recognised span is blanked out of a working copy so
later rules never see it twice (prices first, then negations, sizes, article types,
colours, gender, usage, season)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from pydantic import BaseModel, Field, model_validator
from text_to_num import alpha2digit

from config import AtelierError, ErrorCode
from retrieval.vocabulary import (
    ALSO_MEANT,
    ARTICLE_TYPES,
    COLOUR_FAMILIES,
    COLOUR_FAMILY_WORDS,
    COLOURS,
    GENDERS,
    PRONOUN_GENDERS,
    SEASONS,
    SIZE_WORDS,
    USAGES,
)

MAX_QUERY_CHARS = 500


class QueryError(AtelierError, ValueError):
    """A query that cannot be searched; ``code`` is machine-readable, the message is for people."""


def as_list(value: str | list[str] | None) -> list[str]:
    """A filter field that holds one value or several (``article_type``, ``colour``), as a list."""
    return [] if value is None else [value] if isinstance(value, str) else list(value)


class SearchFilters(BaseModel):
    """Hard constraints pushed into the vector query. A single value or a list (any of)."""

    gender: str | None = None
    article_type: str | list[str] | None = None
    sub_category: str | None = None
    category: str | None = None
    colour: str | list[str] | None = None
    exclude_colours: list[str] = Field(default_factory=list)
    exclude_terms: list[str] = Field(default_factory=list, description="Words the title must not contain.")
    exclude_article_types: list[str] = Field(
        default_factory=list, description="Product types the shopper turned down ('no flip flops')."
    )
    include_terms: list[str] = Field(
        default_factory=list,
        description="Words the title must contain: a brand or "
        "a narrower kind than the article type ('woodland', 'polo').",
    )
    usage: str | None = None
    season: str | None = None
    price_min: float | None = Field(default=None, ge=0)
    price_max: float | None = Field(default=None, ge=0)
    size: str | None = Field(default=None, description="Only products with this size in stock.")
    in_stock_only: bool = False

    @model_validator(mode="after")
    def _ordered_prices(self) -> SearchFilters:
        if self.price_min is not None and self.price_max is not None and self.price_min > self.price_max:
            self.price_min, self.price_max = self.price_max, self.price_min
        return self

    def public(self) -> dict:
        """The contract's ``filters`` object: only what is set."""
        return self.model_dump(exclude_none=True, exclude_defaults=True)

    def merged(self, other: SearchFilters) -> SearchFilters:
        """``other``'s explicitly set fields override this one's; a colour this one names and
        ``other`` leaves out is not asked for (a query's "black" after "no black")."""
        merged = self.model_copy(update=other.model_dump(exclude_unset=True))
        wanted = as_list(merged.colour)
        if "colour" not in other.model_fields_set and any(c in merged.exclude_colours for c in wanted):
            kept = [c for c in wanted if c not in merged.exclude_colours]
            merged.colour = (kept[0] if len(kept) == 1 else kept) or None
        return merged


class ParsedQuery(BaseModel):
    query: str
    filters: SearchFilters
    text: str = Field(description="What is left after the recognised constraints are removed.")
    semantic_text: str = Field(description="What the dense and BM25 legs embed (English, canonical terms).")
    recognised: list[tuple[str, str, str]] = Field(default_factory=list, description="(kind, phrase, value)")


_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = r"(?<![a-z0-9]){}(?![a-z0-9])"
# "2k", "1k以内" (not "1kg"); "11, under 600": no comma; a whole number ("uk 10 all in": no "0 all in")
# "超过30分钟", "more than 2 days": a time, no price
_NUM = (
    r"(?<!\d)(\d(?:[\d,]*\d)?(?:\.\d+)?)(?!\d|\s*(?:分钟|小时|个小时|天|日|周|个月|mins?\b|minutes?\b|hours?\b|hrs?\b|"
    r"days?\b|weeks?\b|months?\b))\s*(k(?![a-z]))?"
)
_CUR = r"(?:(?<![a-z])rs\.?|(?<![a-z])inr|₹|(?<![a-z])rupees?|\$)?\s*"  # "trousers 1500": no "rs" of trousers
_CUR_AFTER = r"\s*(?:rs\.?|inr|rupees?|元|块|卢比)?"
_FILLER = {
    "a",
    "proper",  # "not a tote, a proper handbag"
    "an",
    "the",
    "for",
    "me",
    "my",
    "some",
    "i",
    "want",
    "need",
    "show",
    "looking",
    "find",
    "please",
    "with",
    "to",
    "in",
    "of",
    "and",
    "or",
    "that",
    "which",
    "is",
    "are",
    "something",
    "any",
    "go",
    "it",
    "get",
    "buy",
    "like",
    "would",
    "i'm",
    "im",
    "pair",
    "options",
    "one",
}


# A Chinese word inside another that means something else: 其他 is "other", 他们 "them" (any gender).
_CJK_NOT_INSIDE = {"他": r"(?<![其吉])他(?!们)"}


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        escaped = re.escape(phrase)
        parts.append(_CJK_NOT_INSIDE.get(phrase, escaped) if _CJK.search(phrase) else _WORD.format(escaped))
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[re.Pattern[str], dict]]:
    return {
        "article": (_phrase_regex(list(ARTICLE_TYPES)), ARTICLE_TYPES),
        "colour": (_phrase_regex(list(COLOURS)), COLOURS),
        "gender": (_phrase_regex(list(GENDERS)), GENDERS),
        "pronoun": (_phrase_regex(list(PRONOUN_GENDERS)), PRONOUN_GENDERS),
        "usage": (_phrase_regex(list(USAGES)), USAGES),
        "season": (_phrase_regex(list(SEASONS)), SEASONS),
    }


def _amount(number: str, k: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * 1000 if k else value


# "around 3000" / "1000左右": an approximate budget, searched this share either side (2550-3450).
AROUND_TOLERANCE = 0.15
_AROUND_BEFORE = (
    r"(?:around|about|abt|arnd|approx(?:imately)?\.?|roughly|clos(?:e|er) to|near(?:ly|er(?: to)?| to)?|"
    r"somewhere around|in the range of|ballpark|~|≈)"
)
_PRICE_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(rf"(?:between|from|b/w|btw)\s+{_CUR}{_NUM}{_CUR_AFTER}\s*(?:and|to|-|–)\s*{_CUR}{_NUM}{_CUR_AFTER}"),
        "range",
    ),
    (
        re.compile(
            rf"{_CUR}{_NUM}{_CUR_AFTER}\s*(?:-|to|–|到|至|(?<!\s)~|~(?=\s))\s*{_CUR}{_NUM}{_CUR_AFTER}"
            rf"(?:\s*-?ish\b)?(?=\s|$|[,.!?，。的之吧啊呀哈呢]|元|块)(?!\s*(?:years|yrs|yr|kg|岁))"
        ),
        "range",
    ),
    (
        re.compile(
            rf"(?:budget|spend|spending)?\s*(?:of|is|'s|:|around|about)?\s*{_AROUND_BEFORE}\s*{_CUR}{_NUM}"
            rf"{_CUR_AFTER}(?!\s*(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|mins?|minutes?|km|kms|kg|people|"
            rf"friends|times|am|pm)\b)"
        ),
        "around",
    ),
    (
        re.compile(
            rf"{_CUR}{_NUM}{_CUR_AFTER}\s*(?:-?ish|or so|or thereabouts|thereabouts|or around (?:that|there)|"
            r"give or take|(?:price )?range)(?![a-z])"
        ),
        "around",
    ),
    (  # "bit less, like 2k": an amount with "like" is one said roughly (never "like 2 of them")
        re.compile(
            rf"\blike\s+(?=(?:rs\.?|₹|inr)\s*\d|\d[\d,]*(?:\.\d+)?\s*k\b|\d{{3,}}(?!\s+(?:of|pairs?|pieces?)\b))"
            rf"{_CUR}{_NUM}(?![\d,.]){_CUR_AFTER}"
            # "like 3k max", "like 2000 each max": at most
            r"(?![a-z])(?!\s*(?:each\s+)?(?:max|maximum|or less|or under|tops|limit|at most)\b)"
        ),
        "around",
    ),
    # "1000左右"; "胸围88左右" is a bust measure, no price
    (
        re.compile(
            rf"(?<!胸围)(?<!腰围)(?<!臀围)(?<!身高)(?<!体重)(?<!\d){_NUM}\s*(?:元|块钱|块|卢比)?\s*(?:左右|上下)"
        ),
        "around",
    ),
    (re.compile(rf"(?<!\d){_NUM}\s*来\s*(?:元|块钱|块)"), "around"),  # "三千来块": about three thousand
    # "大概五百块", "差不多两千": about that much
    (
        re.compile(
            rf"(?:大概|大约|差不多|约)\s*{_NUM}(?![\d,.])\s*(?:元|块钱|块|卢比)?(?!\s*(?:以内|以下|之内|以上|码|号|岁|cm|厘米))"
        ),
        "around",
    ),
    # "nothing under 1000 pls", "no less than 1500": the least to spend, not the most
    (
        re.compile(
            rf"(?:nothing|none|not|no)\s+(?:under|below|less than|cheaper than|lower than)\s+{_CUR}{_NUM}{_CUR_AFTER}"
        ),
        "min",
    ),
    (
        re.compile(
            rf"(?:under|below|less than|less then|cheaper than|lower than|up to|upto|within|max(?:imum)?|"
            rf"at most|not more than|no more than|not over|not above|nothing over|nothing above|<|≤|"
            # "filter out anything over 500", "remove everything above 1k": what is left is under it
            rf"(?:filter out|remove|exclude|hide|drop|skip|cut|lose|get rid of) (?:anything|everything|all|the ones|"
            rf"ones|those|items|stuff)(?: that(?:'s| is| are|s))? "
            rf"(?:over|above|more than|costing more than|pricier than)|"
            rf"not exceeding|not to exceed|(?:does ?n'?t|should ?n'?t|must ?n'?t) exceed|"
            rf"(?:do ?n'?t|do not|won'?t|will not|can'?t|cannot|not) "
            rf"(?:want to |wanna |going to |planning to |like to |wish to )?"
            rf"(?:really |quite |even )?(?:spend|pay|go|stretch) (?:more than|over|above|beyond|past)|"
            rf"(?:not|never) (?:spending|paying|going) (?:more than|over|above|beyond|past)|"
            rf"(?:my |a |the |total |max |overall )?budget(?: of| is|'s| is about| of about| around| =| -|:)?|"
            rf"\btotal(?: of| is| =| -|:)?(?=\s*{_CUR}\d+(?:\s*k\b|\d\d))|"  # "shorts, tshirt aur chappal. total 3k"
            rf"can spend|can only spend|could spend|spend(?: up to)?|under a budget of|limit(?: is| of|'s|s)?|"
            rf"(?:amount|sum|money) (?:collected|pooled|raised)(?: is| of)?|pooled|chipped in|"  # a team's gift
            rf"keep it (?:to|at|within)|fit (?:in|into|within|under)|(?:both|all) together|"
            rf"(?:should|must|can|will|does|do)? ?(?:not|n'?t) (?:cross|exceed|go over|go above|go beyond)|"
            rf"(?:total|budget|whole thing|whole look|everything|all)(?: for [a-z ]{{1,20}})? "
            rf"(?:should|must|will|can|has to|needs to) be(?: around| about| within| under)?)\s*"
            # "budget 3k+", "budget 2000 or more": a floor (and no shorter number read out of it)
            rf"{_CUR}{_NUM}{_CUR_AFTER}(?!\d|k\b|\s*(?:\+|or more|and above|or above|and up)(?![a-z]))"
        ),
        "max",
    ),
    (
        re.compile(
            rf"(?<!uk)(?<!uk )(?<!size)(?<!size )(?<!sz)(?<!sz )"  # "heels uk 6 total budget 5k": 6 is the size
            rf"(?!\s*\d{{1,2}}\s+tops\b)"  # "2 tops and trousers": two tops, no price
            rf"(?!\s*\d\s+(?:each|apiece|a piece)\b)"  # "add the 1st and 2nd, 2 each": two of each, no price
            # (never across words another rule took: "8 11 under 600 each" is no 11 each)
            rf"{_CUR}{_NUM}{_CUR_AFTER}\s+(?<!\s\s\s\s)"
            rf"(?:or less|or below|or under|and under|and below|max|maximum|tops|"
            rf"each|apiece|a piece|per piece|per item|"
            rf"or cheaper|budget|limit|for everything|for all|in total|total|all in|altogether|for both|on both|"
            rf"extra(?= budget| max|\W*$| for| on| more)|more(?= for (?:those|these|them|the pieces|the rest))|"
            rf"for the two|for the lot|in all|overall|for (?:those|these|them|the pieces|the rest|the others)|"
            rf"for the (?:whole|entire|full|complete) (?:thing|look|outfit|lot|fit)|"
            rf"is (?:my|the|our) (?:whole |total |entire |max |maximum |overall |full )?(?:budget|limit|max)|"
            rf"is (?:what|all) (?:i|we) (?:can|could|want to|wanna) (?:spend|afford|pay))"
            rf"(?![a-z])"
        ),
        "max",
    ),
    (  # "I have exactly 4500 for a watch + wallet", "I've got 6000 to spend on", "got 2k for a kurta"
        re.compile(
            rf"\b(?:i (?:have|got|'ve got|have got)|i'?ve(?: got)?|(?<!\w )got|have)\s+"
            rf"(?:exactly |only |just |about |around )?"
            rf"{_CUR}(?=\d{{3}}|\d{{1,3}},\d{{3}}|\d+(?:\.\d+)?\s*k\b){_NUM}{_CUR_AFTER}\s+"
            rf"(?:in total\s+|total\s+|all in\s+)?(?:to spend\b|for (?:a|an|the|my|his|her|some|this)\b)"
        ),
        "max",
    ),
    (  # "eh 2500 is fine if it gets me something nicer": a budget let out to that
        re.compile(
            rf"{_CUR}(\d{{3,}}|\d+(?:\.\d+)?(?=\s*k\b))\s*(k\b)?{_CUR_AFTER}\s+(?:is|'s|would be|will be|should be)\s+"
            rf"(?:fine|ok|okay|alright|good|my max|the max)\b"
        ),
        "max",
    ),
    (
        re.compile(
            rf"(?:above|over|more than|at least|min(?:imum)?|starting(?: at| from)?|>)\s*{_CUR}{_NUM}{_CUR_AFTER}"
        ),
        "min",
    ),
    (re.compile(rf"{_CUR}{_NUM}{_CUR_AFTER}\s*(?:\+|or more|and above|or above|and up)"), "min"),
    (re.compile(rf"{_NUM}\s*(?:元|块|卢比)?\s*(?:到|至|-)\s*{_NUM}\s*(?:元|块|卢比)"), "range"),
    # (not "UK9 total 5000以内" once "total 5000" is read: the size's 9 is no budget)
    (re.compile(rf"(?<![a-z\d.]){_NUM}\s{{0,2}}(?:元|块钱|块|卢比)?\s{{0,2}}(?:以内|以下|之内|内)"), "max"),
    (re.compile(rf"(?<![a-z\d.]){_NUM}\s{{0,2}}(?:元|块钱|块|卢比)?\s{{0,2}}(?:搞定|拿下)"), "max"),  # "一千五搞定"
    (re.compile(rf"^\W*{_NUM}\s{{0,2}}(?:元|块钱|块|蚊)\s{{0,2}}(?=给|帮|买|想)"), "max"),  # "三千块给我爸买手表和钱包"
    (re.compile(rf"(?:超过|高于|大于){_NUM}\s*(?:元|块钱|块|卢比)?\s*的?\s*(?:也)?\s*(?:不要|别|不行|不考虑)"), "max"),
    (
        re.compile(
            rf"(?:低于|不超过|不超|别超过?|不要超过?|不能超过?|不想(?:花)?超过?|不要贵过|别贵过|少于|不到|预算|最多|"
            rf"(?:预算)?(?:一共|总共|总预算)(?:就|只有|大概|才)?(?=\s*[\d一二两三四五六七八九十百千万]))(?:改成|改为|换成|调到|变成|是|加到|提到|提高到|涨到|放宽到|降到|减到|降低到|压到|只有|就|才|有|可以到|能到|可以提到)?\s*{_NUM}\s*(?:元|块钱|块|卢比)?"
        ),
        "max",
    ),
    (re.compile(rf"{_NUM}\s*多\s*(?:元|块钱|块|卢比)"), "odd"),  # "一百多块": a hundred and some
    (re.compile(r"(?<![\d.])(\d{3,})()\s*多\s*的"), "odd"),  # "一百多的就行" (no "二十多的": an age)
    # "一千出头": a little over a thousand ("五十出头了" is an age)
    (
        re.compile(r"(?<![\d.])(\d{3,}|\d+(?:\.\d+)?(?=\s*k))\s*(k(?![a-z]))?\s*(?:元|块钱|块|卢比)?\s*出头(?![了岁])"),
        "just_over",
    ),
    (
        re.compile(rf"{_NUM}\s*(?:元|块|卢比)?\s*以上的?\s*(?:也)?\s*(?:别|不要|不用|不考虑|就算了)"),
        "max",
    ),  # "两千以上的也别推"
    (re.compile(rf"{_NUM}\s*(?:元|块|卢比)?\s*以上"), "min"),
    (re.compile(rf"(?<![不别要能花])(?:高于|超过)\s*{_NUM}\s*(?:元|块|卢比)?"), "min"),
    # an amount on its own at the end ("an outfit for a wedding, women, 5000"): the budget
    (
        re.compile(
            rf"(?:^|(?<!\d),|,(?=\s)|[.;]\s)\s*{_CUR}(\d{{1,3}}(?:,\d{{3}})+|\d{{3,6}}|\d+(?:\.\d+)?(?=\s*k\b))\s*(k\b)?"
            rf"{_CUR_AFTER}\s*[.!?]*\s*$"
        ),
        "max",
    ),
]
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_ZH_NUMBER = re.compile(r"[零一二两三四五六七八九十百千万]{2,}|[一二两三四五六七八九][十百千万]")


def _zh_value(text: str) -> int:
    """Chinese numerals -> int: "两千" 2000, "一千五" 1500, "三百" 300, "八百五十" 850."""
    total, digit, last_unit = 0, 0, 1
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        else:
            unit = _ZH_UNITS[ch]
            total += (digit or 1) * unit
            digit, last_unit = 0, unit
    return total + (digit * last_unit // 10 if digit and last_unit >= 100 else digit)


# "两三千", "五六百": two neighbouring digits before one unit, a range ("2000到3000")
_ZH_TWO_DIGITS = re.compile(
    r"(?<![零一二两三四五六七八九十百千万])([一二两三四五六七八])([二两三四五六七八九])([十百千万])"
)


# "1千5", "2千", "3百5": digits with a Chinese unit, as typed on a phone
_DIGITS_WITH_UNIT = re.compile(r"(?<![\d.])(\d{1,3})\s*([千万百])\s*(\d)?(?![\d.])")


def _with_unit(match: re.Match[str]) -> str:
    unit = _ZH_UNITS[match.group(2)]
    return str(int(match.group(1)) * unit + (int(match.group(3)) * unit // 10 if match.group(3) else 0))


# "五白以内" typed for 五百 (the same sound): a hundred, where an amount is said
_HUNDRED_MISTYPED = re.compile(r"([一二两三四五六七八九])白(?=以内|以下|之内|块|元|左右|上下)")
# "一千五一下的" typed for 以下 (the same sound), after an amount
_BELOW_MISTYPED = re.compile(r"(?<=[\d十百千万两三四五六七八九])\s*一下(?=的|吧|$|\s|[，,。!！])")
# "三位数以内" (within three digits): under 1000, "三位数的" (three digits): 100 to 999
_ZH_DIGIT_COUNT = re.compile(r"([两三四五])位数\s*(以内|以下|之内)?")


def _digit_count(match: re.Match[str]) -> str:
    digits = _ZH_DIGITS[match.group(1)]
    return f"{10**digits}以内" if match.group(2) else f"{10 ** (digits - 1)}到{10**digits - 1}元"


# "千把块", "两千把块钱": a thousand or so (把 after a unit makes it approximate)
_UNIT_OR_SO = re.compile(r"([一二两三四五六七八九]?)([百千万])把(?:块钱?|元)?")


# "500米以上": 米 is shoppers' slang for yuan (money), where an amount is bounded
_MI_AS_MONEY = re.compile(r"(\d)\s*米(?=\s*(?:以上|以内|以下|之内|左右|上下|到|的))")


def _zh_numbers(text: str) -> str:
    text = _MI_AS_MONEY.sub(r"\1元", text)
    text = _UNIT_OR_SO.sub(lambda m: f"{m.group(1) or '一'}{m.group(2)}左右", text)
    text = _ZH_DIGIT_COUNT.sub(_digit_count, _BELOW_MISTYPED.sub("以下", _HUNDRED_MISTYPED.sub(r"\1百", text)))
    text = _DIGITS_WITH_UNIT.sub(_with_unit, text)
    text = _ZH_TWO_DIGITS.sub(
        lambda m: f"{_ZH_DIGITS[m.group(1)] * _ZH_UNITS[m.group(3)]}到{_ZH_DIGITS[m.group(2)] * _ZH_UNITS[m.group(3)]}",
        text,
    )
    return _ZH_NUMBER.sub(lambda m: str(_zh_value(m.group(0))), text)


_SIZE_RULES = [
    # "i'm an L", "a size 14 back home, which I believe is an L here": a size said as what someone is
    re.compile(
        r"(?<![a-z])(?:i'?m|i am|she'?s|she is|he'?s|he is|is|wears?|takes?)\s+(?:usually\s+|normally\s+|always\s+)?"
        r"an?\s+(xxl|2xl|xl|xs|s|m|l)(?![a-z0-9'’])"
    ),
    re.compile(
        # never "sizes"; "码数改L吧": the size changed to
        r"(?:(?:size|sz)(?=[\s:=\d])|(?:尺码|码数|码子|尺寸)(?:\s*(?:改|换)(?:成|为|到)?)?)\s*(?::|is|=)?\s*(?:uk\s*)?"
        r"(xxl|2xl|xl|xs|extra large|extra small|small|medium|large|s|m|l|\d{1,2})(?![a-z0-9])"
    ),
    re.compile(r"(?<![a-z0-9])(?:uk|英码|英国码)\s*(\d{1,2})(?![0-9])"),  # "英码6": UK 6
    re.compile(r"(?<![a-z0-9'’])(xxl|2xl|xl|xs|s|m|l)\s*(?:size|码|号)"),
    re.compile(r"(?<![0-9.])(1[0-2]|[3-9])\s*(?:码|号)"),  # "9码": the store's shoe sizes are UK
    re.compile(
        r"(?:(?<![a-z0-9])eu\s*|(?<![0-9]))(3[5-9]|4[0-8])\s*(?:码|号|eu\b|euro\b)?(?=\s*(?:码|号))|"
        r"(?<![a-z0-9])eu\s*(3[5-9]|4[0-8])(?![0-9])|穿\s*(3[5-9]|4[0-8])(?![0-9])"  # "他穿43的": wears a 43
    ),
    # "也是L", "要M的": a size said in a Chinese clause
    re.compile(r"(?:是|要|穿|买|都)\s*(xxl|2xl|xl|xs|s|m|l)(?![a-z0-9])|(?<![a-z0-9])(xxl|2xl|xl|xs|s|m|l)的"),
    re.compile(r"(?<![a-z0-9'])(xxl|2xl|xl|xs)(?![a-z0-9])"),
    re.compile(r"\(\s*(s|m|l)\s*(?:\)|[,/]\s*[a-z])"),  # "a denim jacket (S)", "gym stuff for me (M, guy)"
    # "show them all in L then", "same in M pls"
    re.compile(r"\bin\s+(xxl|xl|xs|s|m|l)\b(?=\s*(?:then|too|also|pls|please|plz|instead|only|now|[.!?,]|$))"),
    re.compile(r"\b(?:show|try|get)\s+(?:me\s+|us\s+)?(xxl|xl|xs|s|m|l)\s+(?:instead|then|now)\b"),  # "show M instead"
    re.compile(r",\s*(s|m|l)\s*(?=[,;]|\.\s)"),  # "white or light blue, L, men's", "guy, L. need"
    # "women's medium", "a men's large": a size word after whose size it is
    re.compile(
        r"(?:(?<=men's )|(?<=mens )|(?<=women's )|(?<=womens )|(?<=ladies )|(?<=boys )|(?<=girls ))"
        r"(extra large|extra small|small|medium|large)(?![a-z])"
    ),
    # "Men's, medium, red or green": a size word said alone between commas
    re.compile(r"(?:^|,)\s*(extra large|extra small|small|medium|large)\s*(?=,|[.;!]?\s*$)"),
    re.compile(r"(?<=[a-z]{3})\s+(m|l)\s*[.!?]*\s*$"),  # "formal shirts men light blue L"
    re.compile(r"(?<=[女男生士款])\s*(xxl|xl|xs|s|m|l)\s*[.!?。！？]*\s*$"),  # "绿色的kurti有吗 女 M"
    # "男士卫衣 灰色 L", "卫衣 L 灰色": a size letter standing alone among Chinese words
    re.compile(r"(?<=[\u4e00-\u9fff])\s+(xxl|xl|xs|s|m|l)(?=\s*[.!?。！？]*\s*$|\s+[\u4e00-\u9fff])"),
    re.compile(r"(?:,|\bmens|\bwomens|\bmen|\bwomen)\s+(s|m|l|[3-9]|1[0-3])\s*(?:[.!?]*\s*$|[.;,](?=\s))"),
]
# European (and Chinese 码) shoe sizes as the catalog's UK sizes.
EU_TO_UK = {35: 3, 36: 4, 37: 4, 38: 5, 39: 6, 40: 7, 41: 7, 42: 8, 43: 9, 44: 10, 45: 11, 46: 12, 47: 12, 48: 12}
_NEGATION = re.compile(
    r"(?<![a-z])(?<!\sa\s)"  # "red is a no": that no is said of what comes before
    r"(?:not a (?:big |huge )?fan of|not (?:really )?(?:feeling|loving|liking)|none of (?:that|those|these|the)|"
    r"no more|nothing in|not (?:be |gonna |going to )?wear(?:ing)?|"  # "i am NOT wearing a bikini"
    r"(?<!have )(?<!got )(?<!own )nothing|none(?= (?:from|by) )|not|no|without|except|"  # "i have nothing green"
    r"excluding|exclude|excl\.?|"
    r"anything but|avoid|"
    r"non(?![\s-]*(?:marking|slip|skid|woven|stick)\b)|hates?|dislikes?|aren'?t|isn'?t|other than|apart from|"
    r"but not|don'?t like|doesn'?t like|(?:doesn'?t|does not) want|skip|lose the|ditch the|(?:doesn'?t|don'?t) do|"
    r"(?:won'?t|wont|will not|doesn'?t|does not|don'?t|never) wear(?= any)|"  # "he wont wear anything pink"
    r"(?:she'?s|he'?s|i'?m) not into|can'?t stand|(?:bored|tired|sick) of|fed up (?:of|with)|"
    r"colou?rs? but(?! not\b)|anything but(?! not\b)|(?:do not|don'?t) (?:wish|want) to (?:see|get|buy)|"
    r"do not (?:want|like)|"
    r"don'?t (?:show|want|give)(?: me)?|不要是|不要|不想要|不喜欢|除了|别是|别)[\s-]+"
    r"(?:(?:in|any|anything|something|from|a|an|the|by|with|those|these|another|more|one more|"
    r"(?:too\s+|so\s+|very\s+)?(?:dark|bright|loud|flashy|light|heavy|fancy)\s+(?:like|such as|say))\s+)*"
    r"([a-z]+(?:[ -](?!(?:no|not|or|and|nor|nothing|none)\b)[a-z]+)?)"
)
# "red is a no", "black's a no-go": a colour turned down after it is named.
_NEGATED_COLOUR_AFTER = re.compile(
    r"(?<![a-z])([a-z]+(?: [a-z]+)?)\s+(?:(?:is|are|'s)\s+(?:a\s+)?(?:no|nope|no[- ]go|not ok|out|not for me)\b|"
    # "brown wont work at night", "pink doesn't suit me"
    r"(?:won'?t|wouldn'?t|doesn'?t|does not|don'?t|will not|would not)\s+(?:work|go|suit|look good)\b)"
)
# "no the brown ones were nicer", "no, black is better": a colour praised after a "no"
_PRAISED_AFTER = re.compile(
    r"\s+(?:ones?\s+|pairs?\s+)?(?:were|was|are|is|'s|looked|looks?)\s+(?:way\s+|much\s+|so\s+)?"
    r"(?:nicer|better|prettier|cuter|good|great|best|fine)\b|"
    r"\s+(?:is|are|'s)\s+(?:more\s+)?(?:his|her|my|their|our)\s+(?:style|thing|vibe|type|colou?r)\b"
)
# "no logos or graphics": the words listed after a negated one are left out too.
_MORE_TERMS = re.compile(
    r"\s*(?:,|/|\bor\b|\bnor\b|和|跟|或者?|、)\s*(?<=\s|和|跟|者|或|、)(?:no\s+|any\s+|nothing\s+|not\s+)?(?:an?\s+)?"
    r"(?!nothing\b|not\b)([a-z]{3,})"
)

# What is wanted after a kind turned down: "..., flats instead", "..., kurta set?"
_WANTED_INSTEAD = re.compile(
    r"(?:\s+(?!or\b|and\b|nor\b)[a-z]+)?\s*(?:(?:instead|rather|only|then)\b|(?:pls|please)?\s*\?)"
)


# "no black, brown show", "not red, blue instead pls": the colour after the comma is the one asked for
_ASKED_FOR_AFTER = re.compile(
    r"\s*(?:ones?\s+)?(?:show|pls show|please show|instead|only|then|wala|wale|wali|pls|please)\b"
)


def _wanted_instead(more: re.Match[str], text: str) -> bool:
    """Whether the word after a comma names what is wanted instead of the one turned down
    ("no heels, flats instead", "no sarees, kurta set?"), not one more turned down ("no
    nike, puma or adidas?")."""
    wanted = _WANTED_INSTEAD.match(text, more.end(1))
    return wanted is not None and ("?" not in wanted.group(0) or "," in more.group(0))


# Patterns and finishes named in Chinese, as the titles say them.
ZH_PATTERNS = {
    "飞行员": "aviator",  # "太阳镜 飞行员款"
    "印花": "print",
    "碎花": "print",  # small floral prints
    "真皮": "leather",
    "条纹": "stripe",
    "格子": "check",
    "格仔": "check",  # Cantonese
    "间条": "stripe",  # Cantonese 間條
    "坡跟": "wedge",
    "亮片": "sequin",
    "蕾丝": "lace",
    "破洞": "distress",
}
# A Chinese clause turns down what follows a negator ("不要红色", "别给我看黑的和白的") or what
# comes before one said after it ("粉色的就算了", "白的也排除掉", "黑白两色都不要").
_ZH_NEGATED_AFTER = re.compile(
    r"不想要|不要|不喜欢|讨厌|受不了|不考虑|别给我看|别给我|别要|(?<!特)别(?![的人])|除了|排除|不是|非|"  # 别的: other
    r"不想穿|不想戴|"
    r"不怎么穿|不爱穿|不常穿|很少穿|从不穿|不穿|"  # "她不怎么穿裙子": no skirts
    r"不怎么戴|不爱戴|不常戴|很少戴|从不戴|不戴"  # "他不戴手表": no watches
)
_ZH_NEGATED_BEFORE = re.compile(
    r"(?:也|都|就)?\s*(?:先?不看了|不要了?|不想要|不喜欢|不考虑|算了|不行|排除掉?|除外|免了|不用了?|不需要|pass掉?|"
    # "高跟鞋实在穿不动了😭", "耐克阿迪的也别推了"
    r"穿不动了?|穿不了|别来了?|别再?推(?:荐)?了?|"
    # "红的太扎眼", "白色好易脏" (read from "白色好易污糟"): a colour turned down for how it looks or keeps
    r"(?:太|好|很|有点|容易|好易|太容易)(?:扎眼|显眼|艳了?|花了?|亮了?|跳了?|脏|显脏|招摇)|"
    # "蓝的他柜子里一堆了": a colour had already, plenty of it
    r"[他她我]?(?:的)?(?:柜子|衣柜|家)?里?(?:已经)?(?:有)?(?:一堆|一大堆|好多|很多|太多|够多)了?|"
    r"(?:以外|之外)的?(?:都|也)?(?:行|可以|好|ok|OK)?)(?:吧|啦|了|哈|呀|哦|喔|啊|呢|嘛|哟|噢)*[^\w\u4e00-\u9fff]*$"
)
_NOT_TOO_FORMAL = re.compile(
    r"(?:\bnot (?:too|very|overly|that|so|super)|\bnothing (?:too|very|overly)|\bnot|\bless|\btoo(?: much)?|"
    r"不要太|别太|不用太|不太|不能太|不要|别)"
    r"\s*(?:formal(?:ly)?\b|正式)"
)
# "less sporty", "too sporty": casual; "too casual": formal (the shown list's usage, turned down)
_TOO_SPORTY = re.compile(
    r"(?:\bnot (?:too|very|overly|that|so|super)|\bnothing (?:too|very|overly)|\bless|\btoo(?: much)?)\s+"
    r"(?:sporty|sporting|athletic|gymmy)\b",
    re.I,
)
_USAGE_NAMED = re.compile(r"\b(formal|formals|party|ethnic|smart)\b")
_TOO_CASUAL = re.compile(r"(?:\bless|\btoo(?: much)?|\bnot (?:so|that))\s+casual\b", re.I)
_NOT_TOO_ZH = re.compile(r"不要太|别太|不太|不用太|不能太")
_ZH_CLAUSE = re.compile(r"[^，,。；;！!？?\s]+")
# One-character colours as shoppers shorten them ("黑的", "黑白两色"), beside the full names.
_ZH_SHORT_COLOURS = {"粉": "Pink", "灰": "Grey", "绿": "Green", "紫": "Purple", "黄": "Yellow", "棕": "Brown"}


def zh_negated_spans(text: str) -> list[str]:
    """The parts of a Chinese message its negators turn down, one per clause: what follows
    the negator, or what comes before it when nothing does ("白的也别给我推")."""
    if not _CJK.search(text):
        return []  # "... and boarding pass, below 1000": an English "pass" turns nothing down
    spans = []
    clauses = _ZH_CLAUSE.findall(text)
    for i, clause in enumerate(clauses):
        if _NOT_TOO_ZH.search(clause):
            continue
        clause = _ZH_ASKING.sub("", clause)  # "有没有不是黑色的": the question's own 没 turns nothing down
        before = _ZH_NEGATED_BEFORE.search(clause)
        if before and i and clauses[i - 1].isascii() and not clause[: before.start()].strip("的也都就衫款鞋裤"):
            first = i - 1  # "nike 的就算了": the brand, a word of its own before the negator
            while first and (clauses[first - 1].isascii() or re.search(r"[和跟或、及]$", clauses[first - 1])):
                first -= 1  # "耐克阿迪的也别推了" (read "nike adidas"), "黑色和 navy 就算了": all of them
            spans.extend(clauses[first:i])
        elif before and before.start() > 0:
            spans.append(clause[: before.start()])
        elif after := _ZH_NEGATED_AFTER.search(clause):
            rest = _ZH_SHOWING.sub("", clause[after.end() :])
            named = _latin_words_after(clauses[i + 1 :]) if not rest else []
            spans.extend(named)  # "不要 nike 和 adidas": both brands (the words apart from the negator)
            spans.append("" if named else rest or re.sub(r"[也都就]$", "", clause[: after.start()]))
    return [s for s in spans if s]


def _latin_words_after(clauses: list[str]) -> list[str]:
    """The Latin words that follow a negator said alone, joined by 和/跟/或/、 ("不要 nike 和
    adidas" -> nike, adidas), up to the first Chinese clause."""
    named = []
    for clause in clauses:
        if clause.isascii():
            named.append(clause)
        elif clause not in ("和", "跟", "或", "或者", "、", "及", "还有"):
            break
    return named


# A question asked as "A not A" ("送围巾行不行", "有没有"): no negation.
_ZH_ASKING = re.compile(r"(.)[不没]\1|可不可以|能不能")
# Verbs of showing and offering after a negator ("别给我推", "不要推荐"): what is turned down is before them.
_ZH_SHOWING = re.compile(r"^(给我|给)?(推荐?|看|发|显示|出现)了?[吧啦了]?$")


# Chinese colour names, longest first ("酒红色" before "红").
_ZH_COLOUR_NAMES = sorted(
    {**_ZH_SHORT_COLOURS, **{k: v for k, v in COLOURS.items() if not k.isascii()}}.items(), key=lambda kv: -len(kv[0])
)


def _zh_colours(span: str) -> list[tuple[str, str]]:
    """Every colour a Chinese span names, as (the words, the colour)."""
    found = []
    for name, colour in _ZH_COLOUR_NAMES:
        if name in span:
            found.append((name, colour))
            span = span.replace(name, " ")
    return found


# "not black or grey": the colours listed after a negated one are excluded too.
_MORE_COLOURS = re.compile(r"\s*(?:[,/]\s*|(?:or|and|nor|n)\s+)(?:no\s+|not\s+)?([a-z]+(?: [a-z]+)?)")


# Words after "no"/"nothing" that name no product feature to leave out ("nothing crazy
# expensive", "nothing flashy"): intensifiers and judgements of price or looks.
_NOT_A_THING = frozenset(
    "more less than too very else over above crazy super really that so overly expensive pricey costly "
    "flashy fancy loud big allowed permitted okay ok problem problems worries issue rush hurry mind idea clue "
    "need matter only just got have has had own already bought "  # "none from catwalk, got a pair already"
    "they them these those she her his it its".split()  # "no aviators, they dont suit my face": why, no more things
)


class _Work:
    """A lower-cased working copy of the query in which recognised spans are blanked."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self, match: re.Match[str]) -> None:
        start, end = match.span()
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]


_NUMBER_WORD = re.compile(
    r"\b(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)",
    re.IGNORECASE,
)
# "two and a half k", "3 and half thousand": 2.5k, 3.5k (text2num reads no fractions)
_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_SMALL_NUMBERS = {w: n for n, w in enumerate(_UNITS + _TEENS, 1)}  # "one" .. "nineteen"
_AND_A_HALF = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|\d)\s+and\s+(?:a\s+)?half\s*(?:k|thousand|grand)\b", re.I
)
_THREE_FOURTH = re.compile(r"\bthree[\s-](?:fourths?|quarters?)\b", re.I)
_SMALL_GRAND = re.compile(r"\b(a|one|two)\s+grand\b|\b(one|two)\s+k\b", re.I)
# "around three thousand maybe three and a half tops": the half of a thousand said before
_AND_A_HALF_MORE = re.compile(
    r"(?P<between>\b(?:thousand|grand)\b.{0,30}?\b)(?P<n>one|two|three|four|five|six|seven|eight|nine)\s+and\s+"
    r"(?:a\s+)?half\b(?=\s+(?:tops|max|maximum|at most|or less)\b)",
    re.I,
)
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
# "around seven fifty", "under twelve ninety nine": hundreds said the way prices are read out
_PRICE_READ_OUT = re.compile(
    r"\b(?P<cue>around|about|under|below|upto|up to|within|max|budget(?: is)?|for|at|near|like|~)\s+"
    rf"(?P<h>{'|'.join(_UNITS + _TEENS)})\s+(?P<t>{'|'.join(_TENS)})(?:[\s-](?P<u>{'|'.join(_UNITS)}))?\b",
    re.I,
)


def _read_out(match: re.Match[str]) -> str:
    """ "around seven fifty" -> "around 750"."""
    hundreds = _SMALL_NUMBERS[match.group("h").lower()]
    units = _SMALL_NUMBERS[match.group("u").lower()] if match.group("u") else 0
    return f"{match.group('cue')} {hundreds * 100 + _TENS[match.group('t').lower()] + units}"


_A_THOUSAND = re.compile(r"\ba\s+(\d+00)\b", re.IGNORECASE)
_RANGE_OF_THOUSANDS = re.compile(r"\b(\d{1,2})(\s*(?:and|to|-|or)\s*)(\d{1,2})000\b")


_BETWEEN_SCRIPTS = re.compile(
    r"(?<=[A-Za-z]{3})(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=(?!pass)[A-Za-z]{3})"  # "白的也pass": one clause
)


@lru_cache(maxsize=1)
def _to_simplified() -> Callable[[str], str]:
    """OpenCC's Traditional -> Simplified conversion, made once (it loads its dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified(text: str) -> str:
    """Traditional Chinese in Simplified characters ("這幾個裡面最便宜的是多少錢" -> "这几个里面最便宜的
    是多少钱"): shoppers in Taiwan and Hong Kong type Traditional, the store's Chinese words
    are Simplified. Text without Chinese is returned as it is."""
    return _to_simplified()(text) if _CJK.search(text) else text


def spaced_scripts(text: str) -> str:
    """A space where a Latin word meets Chinese ("woodland的徒步鞋" -> "woodland 的徒步鞋"):
    both are word characters, so without it no word boundary finds the brand. One or two
    letters stay joined: they are part of the Chinese word ("T恤", "M码", "XL号")."""
    return _BETWEEN_SCRIPTS.sub(" ", text)


def spelled_numbers(text: str) -> str:
    """English numbers written as words in digits: "under four thousand" -> "under 4000",
    "twelve hundred" -> "1200", "uk size nine" -> "uk size 9", "the third one" -> "the 3rd
    one" (text2num's parser; "one" and "two" standing alone stay words: "the first one",
    "two or so"). Shoppers who dictate or type formally spell their budgets and sizes."""
    if _CJK.search(text):
        return text
    text = _THREE_FOURTH.sub("3/4", text)  # "three fourth length": a length, no third or fourth one
    text = _AND_A_HALF.sub(lambda m: f"{_SMALL_NUMBERS.get(m.group(1).lower(), m.group(1))}.5k", text)
    text = _SMALL_GRAND.sub(lambda m: "2k" if "two" in m.group(0).lower() else "1k", text)  # "two grand", "two k"
    text = _AND_A_HALF_MORE.sub(lambda m: f"{m.group('between')}{_SMALL_NUMBERS[m.group('n').lower()]}.5k", text)
    text = _PRICE_READ_OUT.sub(_read_out, text)
    if not _NUMBER_WORD.search(text):
        return text
    digits = alpha2digit(_thousands(text), "en")  # "1 and 2 thousand" stays a range in thousands: "1 and 2k"
    digits = _RANGE_OF_THOUSANDS.sub(r"\1k\2\3k", digits)  # "one and two thousand" -> "1 and 2000" -> "1k and 2k"
    return _A_THOUSAND.sub(r"\1", digits)  # "under a thousand" -> "under a 1000" -> "under 1000"


_THOUSAND = re.compile(r"(\d+(?:\.\d+)?)\s*(?:thousand|grand|thou)\b")
_K_AND_HUNDREDS = re.compile(r"(?<![\d.])(\d{1,2})k(\d)(?![\d.])")  # "1k5", "2k5以内": 1.5k, 2.5k


def _thousands(text: str) -> str:
    """ "2 thousand", "3 grand", "1k5" -> "2k", "3k", "1.5k": one spelling for the price rules
    (the text is a working copy, so no span of the original is lost)."""
    return _K_AND_HUNDREDS.sub(r"\1.\2k", _THOUSAND.sub(lambda m: f"{m.group(1)}k", text))


_CURRENCY = re.compile(r"₹|\brs\.?|\binr\b|rupees?|元|块|卢比", re.I)


def _parse_prices(work: _Work, filters: SearchFilters, seen: list) -> None:
    for pattern, kind in _PRICE_RULES:
        for match in list(pattern.finditer(work.text)):
            groups = match.groups()
            if kind == "range":
                low, high = _amount(groups[0], groups[1]), _amount(groups[2], groups[3])
                if groups[3] and not groups[1] and low < 100:  # "2-3k": both in thousands
                    low *= 1000
                if high < 50 and not _CURRENCY.search(match.group(0)):  # "2-3 tees": how many, no price
                    continue
                filters.price_min, filters.price_max = min(low, high), max(low, high)
            elif kind == "around":
                value = _amount(groups[0], groups[1])
                if value < 50 and not _CURRENCY.search(match.group(0)):  # "about 6 of them": how many
                    continue
                filters.price_min = round(value * (1 - AROUND_TOLERANCE))
                filters.price_max = round(value * (1 + AROUND_TOLERANCE))
            elif kind == "max":
                filters.price_max = _amount(groups[0], groups[1])
            elif kind == "just_over":
                value = _amount(groups[0], groups[1])
                filters.price_min, filters.price_max = value, round(value * (1 + AROUND_TOLERANCE))
            elif kind == "odd":
                value = _amount(groups[0], groups[1])
                step = 10 ** (len(str(int(value))) - 1)
                filters.price_min, filters.price_max = value, value + step - 1
            else:
                filters.price_min = _amount(groups[0], groups[1])
            seen.append(("price", match.group(0).strip(), kind))
            work.take(match)
            cap = _CAP_AFTER.match(work.text, match.end())
            if cap and kind == "max":
                work.take(cap)  # "budget 1000 max": no "max" left to search (Air Max shoes)


# A cap word said after an amount a rule already read as the most to spend
_CAP_AFTER = re.compile(r"\s*(?:max|maximum|tops|at most|or less|only)\b")


def _title_word(word: str) -> str:
    """A plural as titles spell it: "logos" -> "logo" ("dress" stays)."""
    return word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word


def _not_a_kind_asked_for(terms: list[str], seen: list, kinds: list[str]) -> list[str]:
    """The words left out, less those added after a comma that name a kind the same message
    asks for: in "no sarees, kurta/kurta set?" the comma ends what is turned down, and
    kurtas are wanted ("no logos, stripes or prints" still leaves out all three)."""
    wanted = [kind.lower() for kind in kinds]
    listed = {value for what, _, value in seen if what == "exclude_more"}
    names = [t for t in listed if any(k == t or k.startswith(f"{t}s") or k.startswith(f"{t} ") for k in wanted)]
    return [t for t in terms if t not in names]


# Words of size or degree before the thing turned down ("not a massive tote", "no huge logos")
_DEGREE = frozenset("massive huge giant bulky big large tiny heavy chunky thick high".split())


def _term_turned_down(words: list[str]) -> tuple[str, int] | None:
    """The title word a negation turns down and how many of its words it takes: "no logos"
    (titles say "logo"), "no v-necks" ("v neck"), "not a massive tote" (totes, whatever size)."""
    if len(words) > 1 and words[0] in _DEGREE and words[1] not in _DEGREE | _FILLER and len(words[1]) >= 3:
        return _title_word(words[1]), 2
    if len(words) > 1 and len(words[0]) == 1 and words[0].isalpha():
        return _title_word(" ".join(words[:2])), 2
    if words[0] not in _FILLER and len(words[0]) >= 3 and words[0] not in _NOT_A_THING:
        return _title_word(words[0]), 1
    return None


_SHADES = frozenset("light dark pale bright deep dusty pastel".split())
# Words that dismiss the colour they come before: "not the boring black or white ones"
_DISMISSIVE = frozenset("boring usual plain basic typical regular standard common dull same".split())


def _colour_turned_down(words: list[str]) -> tuple[str | None, int]:
    """The colour the words after a negator name, and how many words name it ("not the boring
    black", "no light blue": two words); none, one word, when they name no colour."""
    if " ".join(words) in COLOURS:
        return COLOURS[" ".join(words)], len(words)
    if words[:2] == ["rose", "gold"]:  # "no rose gold": the pinkish metal (Rose), gold itself still fine
        return "Rose", 2
    if words[0] in COLOURS:
        return COLOURS[words[0]], 1
    if words[0] in _DISMISSIVE | _SHADES and len(words) > 1 and words[1] in COLOURS:  # "no light blue"
        return COLOURS[words[1]], 2
    return None, 1


def _more_colours_turned_down(work: _Work, filters: SearchFilters, end: int) -> int:
    """The colours listed after one turned down ("no red, pink or orange"), each left out;
    where the list ends (a colour asked for or praised after a comma ends it)."""
    while more := _MORE_COLOURS.match(work.text, end):
        words = more.group(1).split()
        phrase = " ".join(words) if " ".join(words) in COLOURS else words[0]
        if phrase not in COLOURS and len(words) > 1 and words[0] in _SHADES:  # "or light blue"
            phrase = " ".join(words)
        named = COLOURS.get(phrase) or COLOURS.get(phrase.split()[-1])
        asked = "," in more.group(0) and _ASKED_FOR_AFTER.match(work.text, more.start(1) + len(phrase))
        if named is None or asked or _PRAISED_AFTER.match(work.text, more.start(1) + len(phrase)):
            break  # "no black, brown show" (Hinglish "black nahi, brown dikhao"): brown is wanted
        filters.exclude_colours.append(named)
        end = more.start(1) + len(phrase)
    return end


def _parse_negations(work: _Work, filters: SearchFilters, seen: list) -> None:
    for match in list(_NEGATION.finditer(work.text)):
        words = match.group(1).replace("-", " ").split()
        value, used = _colour_turned_down(words)
        end = match.start(1) + len(" ".join(match.group(1).split()[:used]))
        if value and _PRAISED_AFTER.match(work.text, end):
            continue  # "hmm no the brown ones were nicer": that "no" turns down what came between
        if value:
            filters.exclude_colours.append(value)
            end = _more_colours_turned_down(work, filters, end)
            seen.append(("exclude", match.group(0), value))
            work.text = work.text[: match.start()] + " " * (end - match.start()) + work.text[end:]
            continue
        term = _term_turned_down(words)
        if term is None:
            continue
        filters.exclude_terms.append(term[0])
        used = term[1]
        seen.append(("exclude", match.group(0), value or words[0]))
        end = match.start(1) + len(" ".join(match.group(1).split()[:used]))
        while (
            (more := _MORE_TERMS.match(work.text, end))
            and more.group(1) not in _FILLER | _NOT_A_THING
            and not _wanted_instead(more, work.text)
        ):
            filters.exclude_terms.append(_title_word(more.group(1)))
            seen.append(("exclude_more", more.group(0), _title_word(more.group(1))))
            end = more.end(1)
        work.text = work.text[: match.start()] + " " * (end - match.start()) + work.text[end:]
    _parse_colours_turned_down(work, filters, seen)
    _parse_names_turned_down(work, filters, seen)
    for span in zh_negated_spans(work.text):  # "印花的也不要": no prints; "黑白两色都不要": neither colour
        words = [word for word in ZH_PATTERNS if word in span]
        for word in words:
            filters.exclude_terms.append(ZH_PATTERNS[word])
            seen.append(("exclude", span, ZH_PATTERNS[word]))
        smart = re.search(r"智能手?[表环]", span)  # "不要智能手表": no smartwatch, a watch still wanted
        if smart:
            filters.exclude_terms.append("smart")
            seen.append(("exclude", span, "smart"))
            words.append(smart.group(0))
        for word in [w for w in re.findall(r"[a-z]{3,}", span) if w in COLOURS]:  # "黑色和 navy 就算了"
            filters.exclude_colours.append(COLOURS[word])
            seen.append(("exclude", span, COLOURS[word]))
            words.append(word)
        brands = [w for w in re.findall(r"[a-z]{3,}", span) if w not in _NOT_A_BRAND and w not in COLOURS]
        for brand in brands:  # "耐克的就算了" (nike, by its Chinese name): not that brand
            filters.exclude_terms.append(brand)
            seen.append(("exclude", span, brand))
            words.append(brand)
        for name, colour in _zh_colours(span):
            filters.exclude_colours.append(colour)
            seen.append(("exclude", span, colour))
            words.append(name)
        start = work.text.find(span)
        blanked = span
        for word in words:  # the colours and patterns only: "不要红色的裙子" still names the skirt
            blanked = blanked.replace(word, " " * len(word))
        work.text = work.text[:start] + blanked + work.text[start + len(span) :]


_NOT_A_BRAND = frozenset("size the and with for pls please".split())


# "puma is also too common tbh, skip that too": a name turned down for being everywhere
_TOO_COMMON = re.compile(
    r"(?<![a-z'])([a-z][a-z.&]{2,}(?: [a-z][a-z.&]+)?)\s+(?:is|are|'s)\s+(?:also\s+)?(?:too|so|way too|very)\s+"
    r"(?:common|mainstream|basic|overrated|generic)\b"
)
_NOT_A_NAME = frozenset(
    "this that it these those the colour color one ones design style look pattern print it's".split()
)


def _parse_names_turned_down(work: _Work, filters: SearchFilters, seen: list) -> None:
    """ "puma is too common": that name's products left out."""
    for match in list(_TOO_COMMON.finditer(work.text)):
        words = match.group(1).split()
        if set(words) & (_NOT_A_NAME | _FILLER) or " ".join(words) in COLOURS:
            continue
        filters.exclude_terms.append(" ".join(words))
        seen.append(("exclude", match.group(0), " ".join(words)))
        work.text = work.text[: match.start()] + " " * (match.end() - match.start()) + work.text[match.end() :]


def _parse_colours_turned_down(work: _Work, filters: SearchFilters, seen: list) -> None:
    """ "red is a no": the colour named before the no."""
    for match in list(_NEGATED_COLOUR_AFTER.finditer(work.text)):
        words = match.group(1).split()
        phrase = " ".join(words) if " ".join(words) in COLOURS else words[-1]
        if phrase in COLOURS:
            filters.exclude_colours.append(COLOURS[phrase])
            seen.append(("exclude", match.group(0), COLOURS[phrase]))
            work.text = work.text[: match.start()] + " " * (match.end() - match.start()) + work.text[match.end() :]


# Numbers too large for a UK shoe size and too small for a European one: a waist in inches
WAISTS = range(16, 35)


def _parse_size(work: _Work, filters: SearchFilters, seen: list) -> None:
    # "sneakers, size 32, uk9": a waist (16-34) gives way to another size said beside it
    for waists in (False, True):
        if _take_size(work, filters, seen, waists):
            return


def _take_size(work: _Work, filters: SearchFilters, seen: list, waists: bool) -> bool:
    for pattern in _SIZE_RULES:
        for match in pattern.finditer(work.text):
            raw = next(g for g in match.groups() if g)
            if raw.isdigit() and int(raw) >= 35 and int(raw) not in EU_TO_UK:
                continue  # "a waist of 86 centimetres": no shoe size, European or UK
            if raw.isdigit() and int(raw) in WAISTS and not waists:
                continue
            if raw.isdigit() and int(raw) >= 35:
                raw = str(EU_TO_UK[int(raw)])
            filters.size = f"UK{int(raw)}" if raw.isdigit() else SIZE_WORDS.get(raw, raw.upper())
            seen.append(("size", match.group(0), filters.size))
            if pattern is _SIZE_RULES[-1]:  # "mens M": the gender word stays for the gender rule
                start, end = match.span(1)
                work.text = work.text[:start] + " " * (end - start) + work.text[end:]
            else:
                work.take(match)
            return True
    return False


AGE_SAID = re.compile(
    r"\b(?:turn(?:s|ing)|(?:he|she|who|son|daughter|kid|boy|girl|nephew|niece|child|brother|sister|bro|sis|"
    r"grandson|granddaughter)(?:'s| is| just turned)|hes|shes|aged?)\s+(\d{1,2})\b"
    r"(?!\s*(?:k|rs|inr|₹|%|ft|feet|foot|'|\"|inch|months?|weeks?|days?|mos?)\b)|"  # "who is 7 months pregnant"
    r"\b(\d{1,2})\s*(?:-|\s)?(?:yrs?|years?)\s*-?\s*old\b|(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[岁歲]|"
    r"\b(?:son|daughter|kid|boy|girl|nephew|niece|child|brother|sister|bro|sis|grandson|granddaughter)\s+"
    r"(\d{1,2})\s*(?:yrs?|years?|yo)\b|"  # "a frock for his sister 3 yrs"
    # "my lad (14)", "little brother (hes 10)": the age in brackets after the person
    r"\b(?:son|daughter|kid|boy|girl|nephew|niece|child|brother|sister|bro|sis|grandson|granddaughter|lad|lass)\s*"
    r"\((?:he'?s |she'?s |aged? )?(\d{1,2})\s*(?:yrs?|years?|yo)?\)|"
    # "she is in 11th std", "in class 3": a school year, about five years less than the age
    r"\b(?:is |s )?in (?:(\d{1,2})(?:st|nd|rd|th) (?:std|standard|class|grade)|(?:class|std|grade) (\d{1,2}))\b|"
    # "my boy's 21st", "her 16th birthday": the birthday an age is
    r"\b(?:son|daughter|boy|girl|kid|nephew|niece|brother|sister|bro|sis|he|she|his|her)(?:'s|s)? "
    r"(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:std|standard|class|grade|floor))|"
    # "my teenage son", "a teen girl": a teenager, in grown-ups' sizes
    r"\b(teenage|teen|teenager)\b(?=\s+(?:son|daughter|boy|girl|nephew|niece|brother|sister|kid|grandson|granddaughter)\b)"
)
SCHOOL_YEAR = re.compile(r"\b(?:std|standard|class|grade)\b")
_CHILD_OF = {"Men": "Boys", "Women": "Girls"}
_ADULT_OF = {"Boys": "Men", "Girls": "Women"}


# The person an age belongs to, named right after it ("my 9 yr old son") or before it ("bro is 9").
_AGED_PERSON = re.compile(r"^\s*(?P<after>[a-z]+)|(?P<before>[a-z]+)(?:'s| is| just turned)?\s*$")


# Kin who may be children or grown-ups: "boys' ones, for her brother" is a boy's.
_SIBLINGS = frozenset({"brother", "sister", "bro", "sis", "弟弟", "妹妹", "哥哥", "姐姐"})


# Kin named only as whose someone else is ("my son's teacher", "wifes best friend").
_OFFICE_PEOPLE = re.compile(
    r"\b(?:office|work) (?=(?:gang|friends|buddies|colleagues|crowd|people|folks|team|mates|group)\b)", re.IGNORECASE
)
# "taking her out for our anniversary", "want to impress him": the one met, not who wears the things
_SOMEONE_MET = re.compile(
    r"\b(?:taking|take|took|meeting|meet|seeing|impress|impressing|surprise|surprising|dating|date with|"
    r"propose to|proposing to|pick(?:ing)? up)\s+(?:her|him)\b",
    re.IGNORECASE,
)
# "a kurta for my father, for my grandmother's chautha": whose the occasion is, not who wears
# the thing (left out only when someone else is named)
_KIN_AT_AN_EVENT = re.compile(
    r"\b(?:(?:grand)?(?:mother|father|mom|mum|mummy|dad|daddy|papa|mama|ma|pa)|"
    r"sister|brother|sis|bro|son|daughter|wife|husband|hubby|nani|nana|dadi|dada|grandma|grandpa|granny|nan|"
    r"aunt|aunty|auntie|uncle|cousin|niece|nephew|friend|boss|colleague|bff)(?:'s|’s)"
    r"(?=\s+(?:\w+\s+)?(?:wedding|shaadi|birthday|bday|chautha|funeral|anniversary|party|sangeet|mehendi|mehndi|"
    r"haldi|engagement|reception|retirement|farewell|graduation|convocation|baby shower|housewarming|puja|pooja|"
    r"prayer meet|tehrvi|terahvi|barsi|\d+(?:st|nd|rd|th))\b)",
    re.IGNORECASE,
)
_KIN_OF_ANOTHER = re.compile(
    r"\b(?:son|daughter|wife|husband|hubby|mom|mum|mother|dad|father|sister|brother|sis|bro|kid|kids|child|"
    r"boyfriend|girlfriend|gf|bf|fiance|fiancee|fiancé)(?:'s|s|’s)(?=\s+(?:class\s+|school\s+|best\s+|college\s+|new\s+)?"
    r"(?:teacher|friend|coach|tutor|principal|classmate|nanny|boss|colleague|mentor|bff|teachers|friends|"
    # "meeting my gf's parents ... im a guy": her family, not her
    r"parents|family|folks|relatives|grandparents)\b)"
)
# Words that say a gender outright, not a person whose age is unknown ("he's a men's medium").
_GENDER_WORDS = frozenset(
    "men mens men's man male gents women womens women's woman ladies lady female boys boy boy's girls girl girl's "
    "男士 男式 男款 男装 女士 女式 女款 女装 男孩 女孩 男童 女童".split()
)


def _gender_of_several(seen: list) -> str | None:
    """Several people's words: the one gender said outright ("jumper for my son's interview,
    he's a men's medium": men's), else a sibling beside a child's word is that child."""
    said = [(phrase, value) for kind, phrase, value in seen if kind == "gender"]
    outright = {value for phrase, value in said if phrase in _GENDER_WORDS}
    sides = {_ADULT_OF.get(value, value) for _, value in said}
    if len(outright) == 1 and len(sides) == 1:  # a man and a boy named: the one said outright
        return next(iter(outright))
    if len(sides) == 1 and outright == {next(iter(sides)), _CHILD_OF.get(next(iter(sides)))}:
        return next(iter(sides))  # "its for a girl btw, any womens ones?": a young woman, the women's asked
    return _sibling_is_a_child(said)


_FOR_WHOM = re.compile(r"\bfor (?:my |our |the |his |her )?([a-z]+)\b", re.I)
# "tops for my son sorry my daughter": the person said first taken back
_CORRECTED = re.compile(r"\b(?:sorry|i mean|i meant|oops|no wait|correction)\b", re.I)


def _gender_of_whom_for(text: str, seen: list) -> str | None:
    """Several people named, one of them after "for" ("mummy papa ki anniversary, for mummy
    something"): that one's gender, when "for" names one side only."""
    said = {phrase.lower(): value for kind, phrase, value in seen if kind == "gender"}
    whom = {said[w.lower()] for w in _FOR_WHOM.findall(text) if w.lower() in said}
    return whom.pop() if len(whom) == 1 else None


def _sibling_is_a_child(said: list[tuple[str, str]]) -> str | None:
    """A child's gender said beside a sibling's word of the same side: the sibling is that child."""
    children = {v for p, v in said if p not in _SIBLINGS and v in _ADULT_OF}
    adults = {v for p, v in said if v not in _ADULT_OF}
    if len(children) == 1 and adults <= {_ADULT_OF[next(iter(children))]}:
        adult_words = {p for p, v in said if v in adults}
        return next(iter(children)) if adult_words <= _SIBLINGS else None
    return None


def _aged_gender(text: str, match: re.Match[str] | None) -> str | None:
    """Whose age a message gives, when a person is named beside it: of several people named
    ("my 9 yr old son ... from his grandmother"), the one the age is of."""
    if match is None:
        return None
    after = _AGED_PERSON.match(text[match.end() :])
    before = _AGED_PERSON.search(text[: match.start()] + match.group(0).split()[0])
    for word in (after and after.group("after"), before and before.group("before")):
        if word in GENDERS:
            return GENDERS[word]
    return None


def age_of(match: re.Match[str]) -> int:
    """The age an ``AGE_SAID`` match gives ("in 11th std": about 16; "teenage": 16)."""
    said = next(g for g in match.groups() if g)
    if said.lower().startswith("teen"):
        return 16
    age = int(said) if said.isdigit() else _chinese_number(said)
    return age + 5 if SCHOOL_YEAR.search(match.group(0)) else age


def _chinese_number(said: str) -> int:
    """ "三" 3, "十二" 12, "二十五" 25: the numbers ages are said in."""
    if "十" not in said:
        return _ZH_DIGITS.get(said, 0)
    tens, _, ones = said.partition("十")
    return _ZH_DIGITS.get(tens, 1) * 10 + _ZH_DIGITS.get(ones, 0)


ADULT_AGE = 15  # "my son, he's 15": men's sizes; at 14 the word for the person decides


def _by_age(work: _Work, gender: str | None, match: re.Match[str] | None) -> str | None:
    """ "my niece, she's turning 10" is a girl's; "my son, he is 25" a man's. The age is
    no word of the product ("他10岁" finds no "Force 10" shoes). ``match``: the age, found
    before the people's words are taken from the text."""
    if match is not None:
        work.take(match)
    if gender is None or match is None:
        return gender
    age = age_of(match)
    if age <= 13:
        return _CHILD_OF.get(gender, gender)
    return _ADULT_OF.get(gender, gender) if age >= ADULT_AGE else gender


def _parse_table(work: _Work, name: str, seen: list) -> list:
    pattern, table = _tables()[name]
    values = []
    for match in list(pattern.finditer(work.text)):
        value = table[match.group(0)]
        if value not in values:
            values.append(value)
        seen.append((name, match.group(0), value if isinstance(value, str) else value[1]))
        work.take(match)
    return values


_SHORT_ZH_COLOUR = re.compile(r"([" + "".join(_ZH_SHORT_COLOURS) + r"])(?=[的色])")
# "几双灰袜子": a colour's first character right before the kind, read as the colour
_SHORT_ZH_COLOUR_BEFORE_A_KIND = re.compile(
    r"([" + "".join(_ZH_SHORT_COLOURS) + r"])(?=袜|裤|衬衫|外套|卫衣|毛衣|t恤|鞋|包|帽|裙|围巾)"
)


def _parse_short_zh_colours(work: _Work, seen: list) -> list[str]:
    """ "书包要粉的": a colour said by its first character, before 的 or 色."""
    values = []
    for match in list(_SHORT_ZH_COLOUR.finditer(work.text)):
        values.append(_ZH_SHORT_COLOURS[match.group(1)])
        seen.append(("colour", match.group(0), values[-1]))
        work.take(match)
    return values


_COLOUR_FAMILY = _phrase_regex(list(COLOUR_FAMILY_WORDS))
_FAMILY_TURNED_DOWN = re.compile(
    r"(?:\b(?:no|not|nothing|avoid|without|hates?|dislikes?|dont want|don'?t want|doesn'?t want|anything but|"
    r"won'?t wear|wont wear|doesn'?t wear|don'?t wear|can'?t stand|not into)\b"
    r"(?:\s+(?:too|so|very|that|in|of|any|anything|something))*\s*|(?:不要|别|不喜欢|不想要?|不能)\s*(?:太|那么|很|特别)?\s*)$"
)


def _parse_colour_families(work: _Work, filters: SearchFilters, seen: list) -> list[str]:
    """ "pastel shades", "earthy tones", "深色": every colour of the family; turned down
    ("nothing too bright") they are excluded instead."""
    wanted: list[str] = []
    negated = " ".join(zh_negated_spans(work.text))  # "要浅色的 深色的别推": the dark ones turned down
    for match in list(_COLOUR_FAMILY.finditer(work.text)):
        family = COLOUR_FAMILY_WORDS[match.group(0)]
        colours = COLOUR_FAMILIES[family]
        before = max(0, match.start() - 30)
        turned_down = _FAMILY_TURNED_DOWN.search(work.text[before : match.start()])
        if turned_down is None and _CJK.match(match.group(0)) and match.group(0) in negated:
            filters.exclude_colours.extend(c for c in colours if c not in filters.exclude_colours)
            seen.append(("exclude", match.group(0), family))
        elif turned_down:
            filters.exclude_colours.extend(c for c in colours if c not in filters.exclude_colours)
            seen.append(("exclude", match.group(0), family))
            start = before + turned_down.start()
            work.text = work.text[:start] + " " * (match.start() - start) + work.text[match.start() :]
        else:
            wanted.extend(colours)
            seen.append(("colour_family", match.group(0), family))
        work.take(match)
    return wanted


def _widen_words_of_several_kinds(filters: SearchFilters, seen: list) -> None:
    """ "裙子" is a dress or a skirt, unless the message names which ("红色连衣裙 ... 裙子S码": the dress)."""
    said = [(phrase, value) for kind, phrase, value in seen if kind == "article"]
    for word, also in ALSO_MEANT.items():
        own = next((value for phrase, value in said if phrase == word), None)
        if own is None:
            continue
        kinds = {own, *also}
        named = [value for phrase, value in said if phrase != word and value in kinds]
        types = as_list(filters.article_type)
        # the kind named elsewhere is the one meant, else any of them
        types = [t for t in types if t not in kinds or t in named] if named else [*also, *types]
        filters.article_type = _one_or_many(list(dict.fromkeys(types)))


def _one_or_many(values: list[str]) -> str | list[str] | None:
    return None if not values else values[0] if len(values) == 1 else values


# "maybe an accessory", "配饰": the catalog's whole Accessories category, when no narrower kind is named
_ACCESSORY_WORDS = re.compile(r"\baccessor(?:y|ies)\b|配饰|饰品")


def _parse_category(work: _Work, filters: SearchFilters, seen: list) -> None:
    """The master category when only it is named ("a gift, maybe an accessory")."""
    match = _ACCESSORY_WORDS.search(work.text)
    if match and not filters.article_type and not filters.sub_category:
        filters.category = "Accessories"
        seen.append(("category", match.group(0), "Accessories"))
        work.take(match)


def _apply_articles(filters: SearchFilters, found: list[tuple[str, str]]) -> None:
    types = [v for f, v in found if f == "article_type"]
    subs = [v for f, v in found if f == "sub_category"]
    filters.article_type = _one_or_many(types)
    if subs and not types:
        filters.sub_category = subs[0]


def validate_query(query: str, max_chars: int = MAX_QUERY_CHARS) -> str:
    """Reject what cannot be a shopping query, with a reason the shopper can act on."""
    if query is None or not query.strip():
        raise QueryError(ErrorCode.empty_query, "The query is empty: describe what you are looking for.")
    if len(query) > max_chars:
        raise QueryError(ErrorCode.query_too_long, f"The query has {len(query)} characters; the limit is {max_chars}.")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in query):
        raise QueryError(ErrorCode.invalid_characters, "The query contains control characters.")
    if not any(ch.isalnum() for ch in query):
        raise QueryError(ErrorCode.unreadable_query, "The query has no letters or digits to search for.")
    return query.strip()


_FAMILY_HYPHENATED = re.compile(
    r"\b(light|lighter|dark|darker|bright|pastel|neutral)-(colou?r(?:ed|s)?|shades?|tones?)\b"
)


# One kind's word describing another, the head noun last: "a silver chain watch", "a shirt dress",
# "sneaker socks", "a saree blouse" ask for the watch, the dress, the socks and the blouse alone
# (never "shirt pant", "jeans top": two pieces said side by side)
_KIND_BEFORE_ITS_HEAD = re.compile(
    r"\b(?:chain|bracelet)\s+(watch(?:es)?)\b|"
    r"\b(?:t-?shirt|shirt|tee|sweater|sweatshirt|hoodie)\s+(dress(?:es)?)\b|"
    r"\b(?:sneaker|trainer|shoe)\s+(socks?)\b|"
    r"\b(?:saree|sari)\s+(blouses?)\b"
)


def parse_query(query: str, max_chars: int = MAX_QUERY_CHARS) -> ParsedQuery:
    """Split a shopper's query into hard filters and remaining text (never raises for
    any valid string; ``validate_query`` raises ``QueryError`` for unusable ones)."""
    query = validate_query(query, max_chars)
    normal = spaced_scripts(spelled_numbers(simplified(unicodedata.normalize("NFKC", query).lower())))
    normal = _NOT_TOO_FORMAL.sub(" casual ", normal)  # "not too formal", "别太正式": casual, never formal
    normal = _SHORT_ZH_COLOUR_BEFORE_A_KIND.sub(r"\1色", normal)
    normal = _FAMILY_HYPHENATED.sub(r"\1 \2", normal)  # "a light-coloured shirt": the light colours
    normal = _KIND_BEFORE_ITS_HEAD.sub(lambda m: next(g for g in m.groups() if g), normal)  # "chain watch": a watch
    # "too sporty, something more formal": the usage named wins over the one implied
    implied = " " if _USAGE_NAMED.search(_TOO_SPORTY.sub(" ", normal)) else " casual "
    normal = _TOO_CASUAL.sub(" formal ", _TOO_SPORTY.sub(implied, normal))
    work = _Work(_thousands(_zh_numbers(normal)))
    filters = SearchFilters()
    seen: list[tuple[str, str, str]] = []
    _parse_prices(work, filters, seen)
    family = _parse_colour_families(work, filters, seen)  # before "no": "no bright colours" is no term
    _parse_negations(work, filters, seen)
    filters.exclude_terms = list(dict.fromkeys(filters.exclude_terms))
    _parse_size(work, filters, seen)
    _apply_articles(filters, _parse_table(work, "article", seen))
    _parse_category(work, filters, seen)
    _widen_words_of_several_kinds(filters, seen)
    filters.exclude_terms = _not_a_kind_asked_for(filters.exclude_terms, seen, as_list(filters.article_type))
    colours = _parse_table(work, "colour", seen) + _parse_short_zh_colours(work, seen)
    colours = colours or family  # "dark colours such as navy or maroon", "pastel pink": the colours named
    filters.colour = _one_or_many([c for c in dict.fromkeys(colours) if c not in filters.exclude_colours])
    age = AGE_SAID.search(work.text)
    aged = _aged_gender(work.text, age)
    for match in list(_KIN_OF_ANOTHER.finditer(work.text)):  # "my sons class teacher": the teacher's, not his
        work.take(match)
    for match in list(_SOMEONE_MET.finditer(work.text)):  # "taking her out for dinner": not whose the clothes are
        work.take(match)
    for match in list(_OFFICE_PEOPLE.finditer(work.text)):  # "cricket with the office gang": no office wear
        work.take(match)
    gender_words = _tables()["gender"][0]
    for match in list(_KIN_AT_AN_EVENT.finditer(work.text)):  # "for my father, for my grandmother's chautha"
        if gender_words.search(work.text[: match.start()] + " " * len(match.group(0)) + work.text[match.end() :]):
            work.take(match)
    genders = _parse_table(work, "gender", seen)
    filters.gender = genders[0] if len(genders) == 1 else aged if aged in genders else _gender_of_several(seen)
    if len(genders) > 1 and filters.gender is None and not _CORRECTED.search(query):
        filters.gender = _gender_of_whom_for(query, seen)  # "mother father ki anniversary, for mother something"
    if not genders:
        pronouns = set(_parse_table(work, "pronoun", seen))
        filters.gender = pronouns.pop() if len(pronouns) == 1 else None
    # "she's 12 but the academy said adult small, show me some ladies ones": women's, as said
    outright = {v for k, p, v in seen if k == "gender" and p in _GENDER_WORDS and v in _ADULT_OF.values()}
    if len(outright) == 1 and age is not None:
        work.take(age)
        filters.gender = outright.pop()
    else:
        filters.gender = _by_age(work, filters.gender, age)
    usages = _parse_table(work, "usage", seen)
    if turned_down := " ".join(zh_negated_spans(query)):  # "不要运动风的 平时上班穿": not sporty, for work
        said = {v for k, p, v in seen if k == "usage" and p not in turned_down}
        usages = [u for u in usages if u in said]
    filters.usage = (usages or [None])[0]
    filters.season = (_parse_table(work, "season", seen) or [None])[0]
    remaining = " ".join(work.text.split())
    return ParsedQuery(
        query=query,
        filters=filters,
        text=remaining,
        semantic_text=_semantic_text(remaining, filters, [v for k, _, v in seen if k == "colour_family"]),
        recognised=seen,
    )


def _semantic_text(remaining: str, filters: SearchFilters, families: list[str]) -> str:
    """English words left over plus canonical names of what was recognised, so BM25
    and MiniLM see "Tshirts" for "tee" and English terms for a Chinese query."""
    words = [w for w in _CJK.sub(" ", remaining).split() if w not in _FILLER and any(c.isalnum() for c in w)]
    canon: list[str] = []
    colours = as_list(filters.colour)
    canon += colours if len(colours) <= 3 else families  # a family by its name, not its ten colours
    for value in (
        filters.article_type,
        filters.sub_category,
        filters.gender,
        filters.usage,
        filters.season,
    ):
        canon += as_list(value)
    return " ".join(words + canon).strip()

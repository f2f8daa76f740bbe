"""The fast understanding layer: a shopper's message -> ``ShopperRequest`` in a few
milliseconds, without an LLM.

It reads the message the way the catalog speaks: misspellings are corrected against the
catalog's own titles (``retrieval.lexicon``), a product named by a word only the titles
use ("polo", "chinos", "titan") gets the type those titles have, budgets in English and
Chinese are ranges (approximate ones widened), superlatives are sorts or questions about
the list shown, occasions are usages (never product words: a "date night" is not night
wear), and a message with several needs ("a black belt and brown formal shoes") is
several needs. The store's word lists stay as one signal among these."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from agent.hinglish import BENGALI_TAMIL_WORDS, HINDI_WORDS, to_english
from agent.meaning import MAX_NAME_WORDS, UNSOLD
from agent.request import (
    CartPick,
    ColourQuestion,
    Constraint,
    Intent,
    OutfitAsk,
    PieceSize,
    PriceRange,
    ProductNeed,
    Reference,
    ShopperRequest,
    SizeAdvice,
    Sort,
    Superlative,
)
from agent.understanding import (
    CARRIED_BEFORE,
    CARRYING,
    CARRYING_ZH,
    LAST_AS_A_PLACE,
    NUMBER_DROPPED,
    RENTING,
    RENTING_ZH,
    SETS_ASKED_ZH,
    TURNED_DOWN_BEFORE,
    asks_cheaper,
    asks_other_brand,
    asks_pricier,
    detect_intent,
    out_of_catalog_thing,
    shopper_gender_said,
    size_in,
    superlative_of,
    unrecorded_quality,
)
from catalog import FOOTWEAR_SUB_CATEGORIES, ProductRecord, sold_in_sizes
from retrieval import parse_query
from retrieval.chinese_spelling import PINYIN_WORDS, SHOPPING_PHRASES, ChineseSpelling, PinyinReader
from retrieval.lexicon import CatalogLexicon
from retrieval.query_parser import (
    ADULT_AGE,
    AGE_SAID,
    AROUND_TOLERANCE,
    EU_TO_UK,
    SCHOOL_YEAR,
    ZH_PATTERNS,
    ParsedQuery,
    age_of,
    as_list,
    simplified,
    spaced_scripts,
    spelled_numbers,
    zh_negated_spans,
)
from retrieval.vocabulary import (
    ARTICLE_TYPES,
    COLOURS,
    EXCLUDED_FAMILY,
    GENDERS,
    SHADES,
    SIZE_WORDS,
    SUBTYPES,
    USAGES,
)
from tools.colours import clashes_with
from tools.outfit import ACCESSORIES, BY_THE_SEA, SEASIDE_KINDS, WARM_LAYERS
from tools.size_chart import CM_PER_INCH, Measure, letter_for, measure_of, size_for, uk_for_foot
from tools.store_info import sends_abroad

if TYPE_CHECKING:
    from agent.meaning import CatalogMeaning


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Everyday shorthand for who a gift is for, and slang for products: normalised before parsing.
_SHORTHAND = {
    "teh": "the",  # typed fast: too short for the spelling corrector
    "sportier": "sports",  # "something a bit sportier?": sports wear, not a "porter"
    "hte": "the",
    "3rs": "3rd",  # "the 3rs one": the key beside d
    "hiw": "how",  # "hiw much": the key beside o
    "adn": "and",
    "nd": "and",  # "a shirt for him nd a top for me"
    "bellow": "below",  # "bellow 1000 pls": a price limit, never the sound
    "sandle": "sandal",  # spelt by sound, two edits away from "sandal(s)"
    "forth": "fourth",  # voice typing: "add the forth one"
    "bak": "back",  # "go bak to the shrts"
    "sweat pants": "track pants",  # the catalog's name for them
    "sweatpants": "track pants",
    "mny": "many",  # "how mny days to pune": too short for the corrector ("y" reads as a vowel)
    "mor": "more",  # "not mor than 1k"
    "chekd": "checked",  # "blak n wite chekd shrt": two edits away, and "check" alone is a verb
    "checkd": "checked",
    "chked": "checked",
    "pricy": "pricey",  # a spelling of its own, not "price"
    "matt": "matte",  # "matt red lipstick": the finish the titles call matte
    # typed in a hurry without vowels, too short for the consonant reader ("shw me grn shrt fr mn sz L")
    "fr": "for",
    "mn": "men",
    "sz": "size",
    "hv": "have",
    "cn": "can",
    "nicky": "nike",  # the brand as voice typing hears it
    "wats": "what's",  # "and wats its price"
    "prise": "price",
    "neckless": "necklace",  # spelt as it sounds; a word of its own, so no spelling corrector touches it
    **{f"{kin} in law": f"{kin}-in-law" for kin in ("daughter", "son", "mother", "father", "sister", "brother")},
    "kart": "cart",  # "3rd one is nice add to kart": the cart as it sounds
    "tite": "tight",  # "M is tite now": the fit, never a tie
    "sun glases": "sunglasses",
    "sun glasses": "sunglasses",
    "round about": "around",  # "round about 2000 rs": no round frames asked for
    # words a phone's autocorrect puts for the store word: real words, so no spelling corrector touches them
    "true to sighs": "true to size",
    "half a sighs": "half a size",
    "walled": "wallet",  # ("a brown walled for my dad"; no shopper asks for a walled city)
    "in bilge": "in beige",
    "bin the": "remove the",  # British: "actually bin the 2nd one"
    "bin it": "remove it",
    "brolly": "umbrella",  # British
    "brollies": "umbrellas",
    "laptop sleeve": "laptop bag",  # the catalog files a laptop's sleeve with its bags
    "laptop sleeves": "laptop bags",
    "wat else": "what else",
    "wat abt": "what about",  # (not "wat" alone: "dont no wat to wear ... mayb a top?" asks for a top)
    "gf": "girlfriend",
    "bf": "boyfriend",
    "hubby": "husband",
    "missus": "wife",
    "wifey": "wife",
    "bro": "brother",
    "sis": "sister",
    "mom": "mother",
    "mum": "mother",
    "mummy": "mother",
    "mommy": "mother",
    "maa": "mother",
    "papa": "father",
    "appa": "father",
    "amma": "mother",
    "sasur ji": "father-in-law",
    "sasurji": "father-in-law",
    "sasur": "father-in-law",
    "saasu maa": "mother-in-law",
    "saasu ma": "mother-in-law",
    "saas": "mother-in-law",
    "dadaji": "grandfather",
    "dada ji": "grandfather",
    "nanaji": "grandfather",
    "nana ji": "grandfather",
    "dadiji": "grandmother",
    "dadi ji": "grandmother",
    "naniji": "grandmother",
    "nani ji": "grandmother",
    "wich": "which",
    "tryna": "trying to",
    "dauters": "daughters",
    "wanna": "want to",
    "gonna": "going to",
    "yelo": "yellow",
    "yello": "yellow",
    "something compact": "something small",  # a small wallet or bag, no powder compact
    "dat": "that",
    "dis one": "this one",
    "crt": "cart",
    "wats in": "what's in",
    "k add": "ok add",
    **{f"{place} 1": f"{place} one" for place in ("1st", "2nd", "3rd", "4th", "5th", "last")},
    "ad the": "add the",
    "ad it": "add it",
    "ad to cart": "add to cart",
    "with the girls": "for women",
    "with the boys": "for men",
    "with my girls": "for women",
    "with my boys": "for men",
    "boys trip": "trip for men",
    "hw": "how",
    "tmrw": "tomorrow",
    "tmrrw": "tomorrow",
    "exchng": "exchange",
    **{f"bag the {place}": f"add the {place}" for place in ("1st", "2nd", "3rd", "first", "second", "third")},
    **{f"ad {place}": f"add {place}" for place in ("1st", "2nd", "3rd", "4th", "5th", "this", "that", "first")},
    "more then": "more than",
    "less then": "less than",
    "cheaper then": "cheaper than",
    "mins": "minutes",
    "dress code": "code",  # "the dress code is indo-western": no dresses
    "goes w": "goes with",
    "fast track": "fastrack",
    "rayban": "ray-ban sunglasses",
    "ray ban": "ray-ban sunglasses",
    "rolex": "rolex watch",
    "sportshoe": "sports shoe",
    "sportshoes": "sports shoes",
    "sportsshoe": "sports shoe",
    "sportsshoes": "sports shoes",
    "sze": "size",
    "lip stick": "lipstick",
    "lip sticks": "lipsticks",
    "floaters": "sandals",
    "floater": "sandal",
    "college bag": "backpack",  # "college bag, anything but black"
    "college bags": "backpacks",
    "school bag": "backpack",
    "school bags": "backpacks",
    "schoolbag": "backpack",
    "oh no wait": "wait",
    "no wait": "wait",
    "own nothing warm": "need warm clothes",
    "streetwear": "casual",  # a style, no word of a title
    "stocking up on": "buying more",  # buying in bulk, no stockings
    "stocking up for": "buying for",
    "stocking up": "buying more",
    "have nothing warm": "need warm clothes",
    "pops": "father",
    "dad": "father",
    "daddy": "father",
    "kicks": "sneakers",
    "levies": "levis",
    "sholder": "shoulder",
    "sholders": "shoulders",
    "fiting": "fitting",
    "sneaks": "sneakers",
    "runners": "running shoes",
    "jammies": "pyjamas",
    "pjs": "pyjamas",
    "pyjama and top set": "pyjama set",
    "pajama and top set": "pyjama set",
    "top and pyjama set": "pyjama set",
    "sliders": "flip flops",
    "slides": "flip flops",
    "hoody": "hoodie",
    "tee-shirt": "tshirt",
    "tshirt's": "tshirts",
    "shades": "sunglasses",
    "sunnies": "sunglasses",
    "sandles": "sandals",
    "heals": "heels",
    "bagpack": "backpack",
    "bagpacks": "backpacks",
    "sandels": "sandals",
    "wifes": "wife",
    "hubbys": "husband",
    "moms": "mother",
    "mums": "mother",
    "dads": "father",
    "sisters": "sister",
    "brothers": "brother",
    "trackies": "track pants",
    "bruh": "",
    "lmao": "",
    "bodycon": "bodycon dress",
    "bodycon dress": "bodycon dress",  # named in full: one dress
    "palazzo": "women's trousers",  # wide-leg trousers: the catalog names them trousers
    "palazzos": "women's trousers",
    "palazzo pants": "women's trousers",
    "trackie": "track pants",
    "sum": "some",
    "drip": "outfit",
    "fit check": "outfit",
    "ootd": "outfit",
    "baddie look": "party look for women",  # slang: a glamorous woman's look
    "baddie outfit": "party outfit for women",
    "n bottom": "n bottoms",  # "what kurta n bottom": the bottom half of the look
    "and bottom": "and bottoms",
    "& bottom": "& bottoms",
    "kurta pajama": "kurta",
    "kurta pyjama": "kurta",
    "bday": "birthday",
    "nite": "night",
    "girls nite out": "night out for women",
    "us girls": "us women",
    "go w": "go with",
    "i even wear": "i wear",  # "what do i even wear??"
    # "the 1st one — what should i wear under it": the top of a look around the jacket shown
    "what should i wear under it": "what should i wear with a top under it",
    "what do i wear under it": "what do i wear with a top under it",
    "what can i wear under it": "what can i wear with a top under it",
    "what to wear under it": "what to wear with a top under it",
    "i have nothing to wear": "i need something to wear",  # no title word "nothing"
    "i've nothing to wear": "i need something to wear",
    "i have nothing decent to wear": "i need something to wear",
    "pootle round": "lounge around",  # British: potter about the house (no "round" in a title)
    "pootle around": "lounge around",
    "potter round": "lounge around",
    "potter around": "lounge around",
    "wher": "where",
    "smthing": "something",
    "smthin": "something",
    "les than": "less than",
    "retrunable": "returnable",
    "retrun": "return",
    "less short": "longer",  # of a dress: no shorts asked
    "not so short": "longer",
    "flat feet": "fallen arches",  # the shopper's feet, no flats asked
    "flat foot": "fallen arches",
    "flat footed": "fallen arches",
    "flat-footed": "fallen arches",
    "for the treadmill": "for running",  # shoes for the treadmill: running shoes, no treadmill sold
    "for treadmill": "for running",
    "on the treadmill": "for running",
    "first day of college": "college",  # the occasion; "day" is no word of a product
    "first day at college": "college",
    "first day of school": "school",
    "first day at school": "school",
    "first day at work": "office",
    "first day of work": "office",
    "first day at the office": "office",
    "blk": "black",
    "arnd": "around",
    "ard": "around",  # "party wear dress ard 2k"
    "add d": "add the",  # "add d first one in L"
    "abt": "about",
    "hav": "have",
    "blu": "blue",
    "whit": "white",
    "wmen": "women",
    "wmn": "women",
    "womn": "women",
    "womns": "women",
    "shrt": "shirt",
    "shrts": "shirts",
    "dauter": "daughter",
    "doter": "daughter",
    "daugter": "daughter",
    # British names of kinds the catalog calls otherwise
    "dressing gown": "robe",
    "dressing gowns": "robes",
    "smart shoes": "formal shoes",
    # words a phone's dictation or autocorrect puts for the one said
    "genes": "jeans",
    "scandals": "sandals",
    "scandal": "sandal",
    "tea shirt": "tshirt",
    "tea shirts": "tshirts",
    "courta": "kurta",
    "curtis": "kurtis",  # a voice-typed "kurtis"
    "curti": "kurti",
    "courtas": "kurtas",
    "for mean": "for men",
    "ok by": "ok buy",
    "i'll by": "i'll buy",
    "ill by": "ill buy",
    "will by": "will buy",
    "by the cheapest": "buy the cheapest",
    "sweatbands": "wristbands",
    "sweatband": "wristband",
    "hve": "have",
    "gud wid": "good with",
    "wid": "with",
    "wit the": "with the",
    "da cheapest": "the cheapest",  # "da" for "the", in front of a place or a superlative
    "da first": "the first",
    "da 1st": "the 1st",
    "da 2nd": "the 2nd",
    "da 3rd": "the 3rd",
    "da last": "the last",
    "da best": "the best",
    "cheapest 1": "cheapest one",
    "of em": "of them",  # "ok add 2 of em"
    "both em": "both of them",
    "add em": "add them",
    "witch one": "which one",
    "shud": "should",
    "shd": "should",
    "shld": "should",
    "wmns": "women",
    "nani": "grandmother",
    "dadi": "grandmother",
    "nana": "grandfather",
    "nanu": "grandfather",
    "dadu": "grandfather",
    "something for the feet": "footwear",
    "ad teh": "add the",
    "enuf": "enough",
    "enuff": "enough",
    "sagai": "engagement",
    "roka": "engagement",  # the ceremony that seals an engagement
    "rokka": "engagement",
    "something for his feet": "footwear",
    "something for her feet": "footwear",
    "something for my feet": "footwear",
    "bua": "aunt",  # a father's sister
    "bua ji": "aunt",
    "mausi": "aunt",  # a mother's sister
    "chachi": "aunt",
    "chacha": "uncle",
    "chachu": "uncle",
    "mamaji": "uncle",
    "mama ji": "uncle",
    "fufa": "uncle",
    "mausa": "uncle",
    "bhai": "brother",
    "bhaiya": "brother",
    "didi": "sister",
    "dudes": "guys",
    "fellas": "guys",
    "b'day": "birthday",
    "ladies": "women",
    "gents": "men",
    "womens": "women",
    "mens": "men",
    "handbag": "handbag",
    "hand bag": "handbag",
    "purse": "handbag",
    "lappy": "laptop",
    "lappys": "laptops",
    "cod": "cash on delivery",
    "top one": "first one",
    "top pick": "first one",
    "atleast": "at least",
    "smthng": "something",
    "mayb": "maybe",
    # the catalog's own names for kinds shoppers call otherwise
    "onesie": "romper",
    "onesies": "rompers",
    "dungarees": "jumpsuit",
    "tiara": "headband",
    "tiaras": "headbands",
    "kolhapuri": "flat sandals",
    "kolhapuris": "flat sandals",
    "yyds": "",
    "smth": "something",
    "pnk": "pink",
    "wht": "white",
    "wht abt": "what about",  # "wht" is "what" before a question's words
    "wht about": "what about",
    "wht is": "what is",
    "wht r": "what are",
    "wht are": "what are",
    "wht do": "what do",
    "gry": "grey",
    "grn": "green",
    "ylw": "yellow",
    "brwn": "brown",
    "nvy": "navy",
    "mom jeans": "jeans",
    "sundress": "dress",
    "sundresses": "dresses",
    "non-marking shoes": "non-marking sports shoes",  # soles for indoor courts
    "non marking shoes": "non-marking sports shoes",
    "light wash": "light blue",
    "light-wash": "light blue",
    "frnds": "friends",
    "frnd": "friend",
    "itll": "it will",
    "sth": "something",
    "sumthing": "something",
    "tees": "tshirts",
    "jkt": "jacket",
    "jkts": "jackets",
    "tee": "tshirt",
    "i'm a girl": "for women",
    "im a girl": "for women",
    "girl here": "for women",
    "for me girl": "for women",
    "for me guy": "for men",
    "for me boy": "for men",
    "me girl": "me, for women",
    "me guy": "me, for men",
    "me, a girl": "me, for women",
    "me, a guy": "me, for men",
    "me a girl": "me, for women",
    "me a guy": "me, for men",
    "guy here": "for men",
    "i'm a guy": "for men",
    "im a guy": "for men",
    "i'm a boy": "for men",  # a shopper who says so is a young man, not a child
    "im a boy": "for men",
    "i am a boy": "for men",
    "boy here": "for men",
    "dude here": "for men",
    "for me (guy)": "for men",
    "for me (f)": "for women",
    "(f)": "for women",
    "send it back": "return it",
    "send back": "return",
    "send them back": "return them",
    "w/o": "without",
    "w/": "with",
    "pair them w": "pair them with",  # "what do i pair them w for a casual day out"
    "pair it w": "pair it with",
    "wear it w": "wear it with",
    "wear them w": "wear them with",
    "wknd": "weekend",
    "girls trip": "trip for women",
    "girls' trip": "trip for women",
    "girls night out": "night out for women",
    "girls night": "night out for women",
    "girls' night": "night out for women",
    "u guys": "you",
    "you guys": "you",
    "ya'll": "you",
    "y'all": "you",
    "thoda sasta": "a bit cheaper",
    "thoda saste": "a bit cheaper",
    "sasta": "cheaper",
    "saste": "cheaper",
    "thoda mehenga": "pricier",
    "dikhao": "show me",
    "batao": "tell me",
}
# Chinese shorthand (no word boundaries in Chinese, so replaced as substrings).
_SPORT_BOOTS = _rx(r"\b(football|soccer|hik\w*|trek\w*|sports?|running|gym|cricket|studs?)\b")
_HAVE_ONE_TO_MATCH = re.compile(r"^\s*有[件条双个套顶副块][^，,。吗么?？]+(?=[，,].*配)")
_PINYIN_SPOUSE = re.compile(r"(?<![a-z])(?:lg|lp)(?![a-z])", re.I)
# Chat words typed as pinyin initials among characters: "jms求推口红" (姐妹们, sisters: a greeting)
_PINYIN_INITIALS = {"jms": "姐妹们", "xdm": "兄弟们", "yyds": "最棒", "nsdd": "说得对"}
_PINYIN_INITIALS_RX = re.compile(r"(?<![a-z])(" + "|".join(_PINYIN_INITIALS) + r")(?![a-z])", re.I)
_ZH_SHORTHAND = {
    "蓝瘦香菇": "难受想哭",  # a meme: "feeling down", no blue
    "物留": "物流",  # typed by sound: the parcel's tracking
    "有跟的": "高跟的",  # "不要有跟的 走路會痛": no heels
    "有道划痕": "有划痕破损",  # "收到的包上面有道划痕": a damaged item received
    "换成平底的": "换成平底鞋",  # "鞋子不要高跟了 换成平底的": flats
    "要平底的": "要平底鞋",
    "显白的": "",  # "显白的红色": a red that flatters the skin, no white
    "显白": "",
    "带帽子的": " hooded ",  # "要带帽子的那种" of a sweatshirt: a hood, no cap
    "连帽": " hooded ",  # "男士连帽卫衣"
    "带帽的": " hooded ",
    "小白鞋": "白色休闲鞋",
    "T血": "T恤",  # typed by sound
    "T桖": "T恤",
    "t血": "T恤",
    "t桖": "T恤",
    "整块表": "买块手表",  # "想给他整块表": get him a watch ("这块表" is the one shown)
    "买块表": "买块手表",
    "送块表": "送块手表",
    "一块表": "一块手表",
    "小黑裙": "黑色连衣裙",
    "小白裙": "白色连衣裙",
    "真丝": " silk ",  # "真丝的最便宜多少": silk ones
    "丝绸": " silk ",
    "化妆品": " makeup ",  # "她超爱化妆 送点啥好": makeup as a gift
    "化妆": " makeup ",
    # Cantonese as typed in Hong Kong: "五百蚊左右 有冇", "啡色嘅"
    "蚊": "元",
    "啡色": "棕色",
    "有冇": "有没有",
    "嘅": "的",
    "凉托": "凉拖",  # typed by sound (pinyin input): the same word
    "便已": "便宜",
    "连衣群": "连衣裙",
    "衬杉": "衬衫",
    "牛子裤": "牛仔裤",
    "西库": "西裤",
    "领代": "领带",
    "良鞋": "凉鞋",
    "墨境": "墨镜",
    "袜纸": "袜子",
    "公主裙": "连衣裙",
    "伴娘裙": "伴娘连衣裙",  # a bridesmaid's dress
    "小礼服裙": "连衣裙",  # a little cocktail dress
    "小礼服": "连衣裙",
    "白T": "白色T恤",
    "帽T": "卫衣",
    "姐妹们": "女生",  # the shopper asks other women: a woman's
    "平替": "便宜点的",  # a cheaper stand-in
    "特别怕冷": "需要保暖",
    "很怕冷": "需要保暖",
    "怕冷": "需要保暖",
    "黑T": "黑色T恤",
    "一内": "以内",  # typed by sound: "1500一内的"
    "别太花哨": " plain ",  # "素一点 别太花": no prints, no florals
    "不要太花哨": " plain ",
    "别太花": " plain ",
    "不要太花": " plain ",
    "素一点": " plain ",
    "太花了": " plain ",  # "这些都太花了 要纯色的": too busy, a plain one
    "纯色": " plain ",
    "素一些": " plain ",
    "有莫": "有没有",  # typed by sound: "一千以内的有莫"
    "有木有": "有没有",
    "大礼包": "礼品",  # "零食大礼包": a hamper, no bag
    "礼包": "礼品",
    "能放笔记本电脑": "电脑包",  # a bag a laptop fits in
    "能装笔记本电脑": "电脑包",
    "放笔记本电脑": "电脑包",
    "装笔记本电脑": "电脑包",
    "能放电脑": "电脑包",
    "能装电脑": "电脑包",
    "长裙": "连衣裙或半身裙",
    "游戏机": " game console ",
    "凉拖": "拖鞋",
    "涩": "色",  # "棕涩": 棕色, typed by sound
    "老爹鞋": "休闲鞋",
    "太阳眼镜": "太阳镜",  # as written in Taiwan and Hong Kong (太陽眼鏡)
    "沙法": "沙发",
    "购物扯": "购物车",
    "从底到高": "从低到高",  # 低 typed as 底
    "由底到高": "由低到高",
    "丢进": "加入",  # "第一件丢进cart"
    "扔进": "加入",
    "篮球": " basketball ",
    "足球": " football ",
    "靴子": " boots ",
    "帆布鞋": "休闲鞋 canvas ",
    "帆布": " canvas ",
    "玫瑰金": " rose gold ",  # a watch's colour: rose and gold
    "乐福鞋": " loafers ",
    "九分裤": " capris trousers ",  # ankle-length trousers
    "男表": "男士手表",
    "女表": "女士手表",
    "指针": " analog ",
    "皮表带": " leather strap ",
    "一加": " oneplus ",
    # brands by their Chinese names
    "耐克": " nike ",
    "奈克": " nike ",  # a common misspelling of 耐克
    "耐客": " nike ",  # typed by sound
    "露华浓": " revlon ",
    "蓝牙": " bluetooth ",  # "蓝牙耳机": Bluetooth earphones, nothing blue
    "阿迪达斯": " adidas ",
    "阿迪": " adidas ",
    "彪马": " puma ",
    "锐步": " reebok ",
    "李维斯": " levis ",
    "卡西欧": " casio ",
    "天美时": " timex ",
    "花花公子": " playboy ",
    "斯凯奇": " skechers ",
    "匡威": " converse ",
    "万斯": " vans ",
    "雷朋": " ray-ban ",
    "劳力士": " rolex watch ",
}


# The longer names above (brands), as a pinyin keyboard may spell them: the same sounds
def _a_slip_of(short: str, meant: str) -> bool:
    """Whether a shorthand entry mends a slip ("购物扯" for 购物车): one character off a word."""
    return len(short) == len(meant) and sum(a != b for a, b in zip(short, meant)) == 1


# names read by their sound, never the slips the shorthand mends ("购物车" stays, no "购物扯" put in)
_ZH_NAMES_BY_SOUND = ChineseSpelling(
    short for short, meant in _ZH_SHORTHAND.items() if len(short) >= 3 and not _a_slip_of(short, meant)
)


@cache
def pinyin_reader() -> PinyinReader:
    """The reader of a message typed wholly in pinyin letters ("lianyiqun you mei you, S ma"):
    the store's words first, then the words of shopping, then the names above ("a di da si":
    阿迪达斯). Built once per process, when an understanding is made (not at import)."""
    return PinyinReader(
        [*COLOURS, *ARTICLE_TYPES, *GENDERS, *USAGES, *SHOPPING_PHRASES, *PINYIN_WORDS, *_ZH_NAMES_BY_SOUND.known]
    )


# What the catalog calls a phone's or a tablet's cover ("iphone cases" are mobile pouches)
_COVERS = _rx(r"\b(i?phone|mobile|ipad|tablet) (?:cover|case)(s)?\b")
_POUCH, _SLEEVE = ("mobile pouch", "mobile pouches"), ("tablet sleeve", "tablet sleeves")  # (one, several)
_COVERED_BY = {"phone": _POUCH, "iphone": _POUCH, "mobile": _POUCH, "ipad": _SLEEVE, "tablet": _SLEEVE}
# Slang praise and greetings that say nothing of the product: "some fire kicks" are sneakers,
# not ones with "fire" in the name.
_PRAISE = _rx(
    r"^\s*(yo|ayy|oi)\b|"
    r"\b(fire|lit|dope|sick|bussin|drippy|swaggy|snazzy|killer|banging)\b(?=\s+(?!(at|in|for|on|to|with|and|af)\b)[a-z])"
)
_SPOUSE = _rx(r"\bmy (husband|hubby|wife|wifey)\b")
_ME_AND_SPOUSE = _rx(r"\b(?:me|i) (?:and|&|n) my (husband|hubby|wife|wifey)\b")
_I_NEED = _rx(r"\bi (?:need|want|'m looking for|am looking for|wanna buy)\b")
_FOR_THE_SPOUSE = _rx(r"\bfor (?:him|her|them|us|both|my (?:husband|hubby|wife|wifey))\b|\b(?:he|she) needs\b")


_KURTA_PYJAMA = _rx(r"\bkurt[ae][\s-]*(?:p[ay]j[ae]m[ae]s?|pyjamas?)\b")
_A_WOMAN_SAID = _rx(
    r"\b(?:women|woman|womens|ladies|lady|girls?|gal|wife|mom|mum|mother|mummy|sister|didi|behen|she|her|f)\b"
)


def _kurta_pyjama_is_his(request: ShopperRequest, message: str) -> None:
    """A kurta pyjama is a man's (or a boy's) dress: said with no woman named, the kurtas
    asked are men's, though most kurtas the store sells are women's."""
    if not _KURTA_PYJAMA.search(message) or _A_WOMAN_SAID.search(message):
        return
    ask = request.outfit
    for need in [*request.needs, *(ask.pieces if ask else [])]:
        if need.gender == "Women" and "Kurtas" in need.article_types:
            need.gender = "Men"
    if ask is not None and ask.gender == "Women":
        ask.gender = "Men"


def _spouse_of_the_shopper(needs: list[ProductNeed], text: str) -> None:
    """One thing "for myself" in a message about the shopper's husband (or wife): the
    shopper is his wife ("my husband says I'll freeze ... a warm jacket for myself")."""
    spouse = _SPOUSE.search(text) if len(needs) == 1 and _FOR_MYSELF.search(text) else None
    if spouse:
        needs[0].gender = "Women" if spouse.group(1).lower() in ("husband", "hubby") else "Men"
    both = _ME_AND_SPOUSE.search(text)
    if both and _I_NEED.search(text) and not _FOR_THE_SPOUSE.search(text):
        # "me and my husband going Goa ... i need shorts size S and flip flops UK5": hers
        theirs, mine = ("Men", "Women") if both.group(1).lower() in ("husband", "hubby") else ("Women", "Men")
        for need in needs:
            need.gender = mine if need.gender in (None, theirs) else need.gender


_SIZE_WORD = r"(?:uk\s*\d{1,2}|\d{1,2}|xxl|xl|xs|s|m|l)"
_NOT_AN_AGE = r"(?!\s*(?:years?|yrs?|yo\b|y/o|months?|岁))"
# "both of us need trainers. me UK 5, him UK 9", "he's UK 11 and im UK 6", "im M hes XXL": the
# shopper's size and one other's, in either order
_MY_SIZE = _rx(
    r"(?:\b(?:me|mine|myself)\b|\bi'?m\b(?: in)?|\bim\b|\bi am\b|\bi wear\b|\bmy size(?: is)?\b)\s*"
    rf"(?:a\s+)?(?:size\s+)?(?P<size>{_SIZE_WORD})\b{_NOT_AN_AGE}(?!\s*(?:waist|inch|in\b|cm|\"))"
)
_OTHERS_SIZE = _rx(
    r"\b(?P<who>him|his|he|her|hers|she|hes|shes|husband|hubby|wife)(?:'s|s)?\s*(?:wears\s+|is\s+)?(?:a\s+)?"
    rf"(?:size\s+)?(?P<uk>uk\s*)?(?P<size>{_SIZE_WORD})\b(?P<age>\s*(?:years?|yrs?|yo\b|y/o|months?|岁))?"
)
# "we're both girls", "我们俩都是女生": the shopper is a woman (or a man) too
_BOTH_OF_A_GENDER = _rx(
    r"\b(?:we(?:'re| are)? both|both of us are) (?P<w>girls|women|ladies)|\b(?:we(?:'re| are)? both|both of us are) "
    r"(?:boys|men|guys)\b|我们(?:俩|两个)?都是(?:(?P<wz>女生|女的|女孩)|男生|男的)|\bgroomsm[ae]n\b|\b(?P<wb>bridesmaids?)\b|"
    r"\bas a (?:guy|man|boy)\b|\bas a (?P<wg>girl|woman|lady)\b"
)
_HIM = {"him", "his", "he", "husband", "hubby"}
# "dad is UK 8, mom UK 5", "爸爸42码 妈妈38码": two people named, each with a size
_MEN_NAMED = {
    **dict.fromkeys(("dad", "daddy", "papa", "father", "husband", "hubby", "boyfriend", "bf", "brother", "bro"), "Men"),
    **dict.fromkeys(("爸爸", "老爸", "爸", "父亲", "老公", "男朋友", "男友", "哥哥", "弟弟", "哥", "弟"), "Men"),
    **dict.fromkeys(("grandpa", "grandfather", "爷爷", "外公", "姥爷"), "Men"),  # "爷爷穿L 奶奶穿M"
}
_WOMEN_NAMED = {
    **dict.fromkeys(("mom", "mum", "mommy", "mummy", "mama", "mother", "wife", "girlfriend", "gf", "sister"), "Women"),
    **dict.fromkeys(("妈妈", "老妈", "妈", "母亲", "老婆", "女朋友", "女友", "姐姐", "妹妹", "姐", "妹"), "Women"),
    **dict.fromkeys(("grandma", "grandmother", "奶奶", "外婆", "姥姥"), "Women"),
}
# "老公43码 儿子38码", "husband uk 9, son uk 5": a child named beside a grown-up, each with a size
_CHILDREN_NAMED = {
    **dict.fromkeys(("son", "儿子"), "Boys"),
    **dict.fromkeys(("daughter", "女儿"), "Girls"),
}
_PERSON_NAMED = {**_MEN_NAMED, **_WOMEN_NAMED, **_CHILDREN_NAMED}
_PERSON_WITH_SIZE = re.compile(
    r"(?<![a-z])(?P<who>"
    + "|".join(sorted(map(re.escape, _PERSON_NAMED), key=len, reverse=True))
    + r")(?:'s|s)?(?:(?<![a-z])|(?![a-z]))\s*(?:wears?\s+|is\s+|:\s*|-\s*|穿|是)?(?:a\s+)?(?:size\s+)?"
    r"(?P<size>uk\s*\d{1,2}|\d{1,2}|xxl|xl|xs|s|m|l)(?:\s*码|\s*号)?(?![a-z0-9])"
    r"(?!\s*(?:years?|yrs?|yo\b|y/o|岁|months?))",  # "son 8 years old": an age
    re.I,
)


def _each_in_their_size(needs: list[ProductNeed], text: str) -> list[ProductNeed]:
    """One kind asked for two people, each in their own size ("me UK 5, him UK 9", "he's UK
    11 and im UK 6"): a need each. The other is the person the message names ("my mum and I
    ... I'm a 6 and she's a 5": the mother), else a partner by the pronoun; the shopper is a
    partner's other half, else of the gender said ("we're both girls"), else not known. A
    child's bare number is an age ("me n my son ... im L, he's 8"), not a size."""
    one_kind = bool(needs) and needs[0].has_product() and all(_kinds(n) == _kinds(needs[0]) for n in needs)
    mine = _MY_SIZE.search(text) if one_kind and len(needs) <= 2 else None
    theirs = _OTHERS_SIZE.search(text) if mine else None
    if mine is None or theirs is None or mine.start("size") == theirs.start("size"):
        return _each_person_named_in_their_size(needs, text) if one_kind else needs
    other = _other_person(text, theirs.group("who").lower())
    both = _BOTH_OF_A_GENDER.search(text)
    if other in _PARTNER_GENDERS:
        my_gender: str | None = "Women" if _PARTNER_GENDERS[other] == "Men" else "Men"
    else:
        my_gender = (
            ("Women" if both.group("w") or both.group("wz") or both.group("wb") or both.group("wg") else "Men")
            if both
            else None
        )
    their_gender = _GENDER_OF_PERSON.get(other) or ("Men" if theirs.group("who").lower() in _HIM else "Women")
    footwear = _is_footwear(needs[0])
    child_age = their_gender in ("Boys", "Girls") and theirs.group("size").isdigit() and not theirs.group("uk")
    if theirs.group("age") and not child_age:  # "he's 30": an age, no size of his said
        return _each_person_named_in_their_size(needs, text)
    their_size = None if child_age else size_in(f"size {theirs.group('size')}", footwear=footwear)
    base = needs[0]
    kin_named = bool(_KIN_SAID.search(text))
    named = other if kin_named else None
    base = base.model_copy(update={"text": _ONE_PERSONS_WORDS.sub(" ", base.text).strip()})
    return [
        base.model_copy(
            update={
                "gender": my_gender,
                "size": size_in(f"size {mine.group('size')}", footwear=footwear),
                "whose": "self" if kin_named else None,  # the shopper's, beside someone named
            }
        ),
        base.model_copy(update={"gender": their_gender, "size": their_size, "whose": named}),
    ]


def _other_person(text: str, pronoun: str) -> str:
    """Whom a two-person message is also for: the person it names ("my mum and I"), else the
    partner its pronoun points to."""
    return _kin_named(text) or ("husband" if pronoun in _HIM or pronoun == "hes" else "wife")


def _kin_named(text: str) -> str | None:
    """The person other than the shopper a message names (``whose_named`` without "self")."""
    named = whose_named(text)
    return None if named == "self" else named


_PARTNER_GENDERS = {"husband": "Men", "boyfriend": "Men", "wife": "Women", "girlfriend": "Women"}
# the words of one person in a need's text, dropped when the need is split for two ("Shorts Boys": no boys' for me)
_ONE_PERSONS_WORDS = re.compile(r"\b(?:Men|Women|Boys|Girls|Unisex|years?|yrs?)\b|\b\d{1,2}\b")
_GENDER_OF_PERSON = {
    **dict.fromkeys(("father", "husband", "boyfriend", "brother", "younger brother", "uncle", "grandfather"), "Men"),
    **dict.fromkeys(("father-in-law", "nephew"), "Men"),
    **dict.fromkeys(("mother", "wife", "girlfriend", "sister", "younger sister", "aunt", "grandmother"), "Women"),
    **dict.fromkeys(("mother-in-law", "niece", "sister-in-law"), "Women"),
    "son": "Boys",
    "daughter": "Girls",
}


_LET_GO_BEFORE = _rx(r"\b(?:forget|skip|drop|cancel|never ?mind|not|no|leave)\s+$|(?:不要|算了|不用)\s*$")


def _changes_something(need: ProductNeed) -> bool:
    """Whether a person's clause of a change asks for something ("hers in pink"), not only names them."""
    return bool(
        need.colours
        or need.exclude_colours
        or need.price
        or need.size
        or need.brand
        or need.article_types
        or need.title_terms
        or need.exclude_terms
    )


# where each person's part of a change begins: "mine in black, hers in pink", "我的要黑色 她的要粉色"
_PERSON_CLAUSE = _rx(
    r"\b(?:mine|my ones?|for me|hers|her ones?|for her|his(?: ones?)?|for him)\b|"
    r"(?:我的|我那[件条双个]|我要|她的|她那[件条双个]|她要|他的|他那[件条双个]|他要)"
)
# the clauses of one sentence: "a kurta for diwali, and my old one needs fitting", "saree and fall pico too"
_CLAUSES = _rx(r"\s*[,;，；]\s*|\s+(?:and|aur|also|plus|n)\s+|顺便|还要|另外")
# "he only wears Arrow", "she only buys Lavie": the brand a story says someone keeps to
_BRAND_WORN_ONLY = _rx(
    r"\b(?:only|always|just)\s+(?:wears?|buys?|uses?|trusts?|likes?|goes for)\s+"
    r"(?P<brand>[a-z][\w&'-]*(?:\s+[a-z][\w&'-]*)?)"
)
# "couple watches", "matching hoodies for hubby and me", "情侣表", "母女装": one of the kind for each of two
_A_PAIR = _rx(
    r"\b(?:(?<!a )couple(?! of\b)|couples|matching|his and hers|his n hers|his & hers|twinning)\b|"
    r"(?P<zh>情侣|母女|父子|母子|父女|亲子)"
)
_PAIR_ZH = {
    "情侣": ("Men", "Women"),
    "母女": ("Women", "Girls"),
    "父子": ("Men", "Boys"),
    "母子": ("Women", "Boys"),
    "父女": ("Men", "Girls"),
}
_TWO_OF_US = _rx(
    r"\b(?:me|myself)\s+(?:and|n|&)\s+(?:my\s+)?[a-z]+|\b[a-z]+\s+(?:and|n|&)\s+(?:me|myself|i)\b|"
    r"\b(?:both of us|the two of us|us both|us two|for us)\b"
)
_A_COUPLE = _rx(r"\b(?<!a )couples?\b(?! of\b)")  # two partners ("a couple of jeans" is two jeans)
_PARTNER_SAID = _rx(
    r"\b(hubby|husband|wife|wifey|bf|boyfriend|gf|girlfriend|fiance|fiancee)\b|(老公|老婆|男朋友|女朋友)"
)


def _one_for_each_of_a_pair(needs: list[ProductNeed], text: str) -> list[ProductNeed]:
    """One kind asked for a pair of people, no size said for either ("matching watches for hubby
    and me", "情侣表", "母女装连衣裙 女儿6岁"): one need each, a couple's a man's and a woman's,
    a parent's and a child's the grown-up's and the child's."""
    pair = _A_PAIR.search(text)
    if pair is None or len(needs) != 1 or not needs[0].has_product():
        return needs
    zh = pair.group("zh")
    if not zh and not _TWO_OF_US.search(text) and not _A_COUPLE.search(text):
        return needs  # "a matching belt for these shoes": matching a thing, not two people
    if zh and zh in _PAIR_ZH:
        genders: tuple[str | None, str | None] = _PAIR_ZH[zh]
    elif zh == "亲子" or re.search(r"\b(?:son|daughter)\b|儿子|女儿|仔|囡", text):
        child = "Girls" if re.search(r"\bdaughter\b|女儿|囡", text) else "Boys"
        genders = (None, child)
    elif zh == "情侣" or _A_COUPLE.search(text) or _PARTNER_SAID.search(text):
        genders = ("Men", "Women")
    else:
        return needs
    both = _BOTH_OF_A_GENDER.search(text)  # "as a guy i'm L" (read from "main L pehenta hu")
    if genders[0] is None and both:
        genders = (
            "Women" if both.group("w") or both.group("wz") or both.group("wb") or both.group("wg") else "Men",
            genders[1],
        )
    size = needs[0].size
    if size and genders[1] not in ("Boys", "Girls"):
        return needs  # a couple, one size said: whose is not known
    other = _kin_named(text)
    needs = [needs[0].model_copy(update={"text": _ONE_PERSONS_WORDS.sub(" ", needs[0].text).strip()})]
    return [  # a size said beside a child's age is the grown-up's ("女儿6岁 我穿M码")
        needs[0].model_copy(update={"gender": genders[0], "size": size, "whose": "self" if other else None}),
        needs[0].model_copy(update={"gender": genders[1], "size": None, "whose": other}),
    ]


def _sized_per_person(needs: list[ProductNeed], message: str, read: str) -> list[ProductNeed]:
    """``_each_in_their_size`` of the message, else of it as read ("情侣人字拖 我39码 男朋友44码" is
    read "for me and my boyfriend, i'm 39 he's 44")."""
    sized = _each_in_their_size(needs, message)
    return _each_in_their_size(needs, read) if sized is needs and read != message else sized


def _each_person_named_in_their_size(needs: list[ProductNeed], text: str) -> list[ProductNeed]:
    """One kind for a man and a woman named with a size each ("shoes for my parents, dad
    UK 8, mom UK 5", "爸爸42码 妈妈38码"): a need each, in that person's size."""
    sized: dict[str, str] = {}
    for said in _PERSON_WITH_SIZE.finditer(text):
        sized.setdefault(_PERSON_NAMED[said.group("who").lower()], said.group("size"))
    if len(sized) < 2 or len(needs) > 2 or (len(needs) == 2 and {n.gender for n in needs} != set(sized)):
        return needs
    footwear = _is_footwear(needs[0])
    pair = needs if len(needs) == 2 else [needs[0].model_copy(update={"gender": g}) for g in sized]
    return [  # the sizes said are no words to search for ("dad wears 9": no "Air 9" shoes)
        n.model_copy(
            update={
                "size": size_in(f"size {sized[n.gender or '']}", footwear=footwear),
                "text": re.sub(r"\b\d{1,2}\b", " ", n.text).strip(),
            }
        )
        for n in pair
    ]


_FOR_MYSELF = _rx(r"\b(for me|for myself|myself|i'?ll wear|i can wear)\b|(给|为)?我自己")
_SUIT_VERB = _rx(
    r"\b(would|will|could|should|that|to|may|might|does|doesn'?t|it|this|which|what|really) suits?\b(?! (for|in)\b)"
)
_SUITS_SOMEONE = _rx(r"\bsuits? (?=(?:me|her|him|you|u|us|them|my|his|their|your)\b)")  # "dont suit my face"
# "which t shirt suits the 1st jeans": a piece asked for that goes with one shown, no suits
_WHICH_SUITS = _rx(
    r"\b((?:which|what|wat) (?:[\w-]+ ){1,3})suits?\b(?= (?:the|it|this|that|them|these|those|my|no\.?|#)\b)"
)
# "add the first pair of jhumkas too", "put #2 in": one shown, by its place, to the cart
_ADDS_A_NUMBERED_ONE = _rx(
    r"^\W*((ok|okay|and|also|pls|please|now|then)\s+)*(add|put|throw in|pop in) (the )?"
    r"(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last|#\d|no\.? ?\d|number \d)\b"
)
# "men's black jeans, 32 size": the size said before the word
# "32 size": size 32; "no 2 size 28" is a list position, then its size
# "9 size", not "he is 16 size uk 7" (an age, then the size)
_NUMBER_THEN_SIZE = _rx(
    r"(?<!no )(?<!no\.)(?<!no\. )(?<!#)\b(\d{1,2})\s+size\b(?!s)(?!\s*(?:uk\s*)?\d)(?!\s*(?:xxl|xl|xs|s|m|l)\b)"
)
# "M size mein dikhao" (read "M in size show"), "XL size": the size said before the word
_LETTER_THEN_SIZE = _rx(r"(?<![\w'’])(xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl)\s+(?:in\s+)?size\b(?!s)")
_SHOE_SIZE_SAID = _rx(r"\b(?:shoe|foot|feet)\s+size\b(?=\s*(?:is\s+|of\s+|=\s*)?(?:uk\s*)?\d)")
_FOOTWEAR_WORD = _rx(
    r"\b(sneakers?|shoes|boots?|heels|flats|sandals?|slippers?|loafers?|chappals?|juttis?|mojaris?|kicks|"
    r"trainers|flip ?flops?|floaters|crocs)\b"
)


# "my cousin is wearing pink", "everyone will be in black": a colour someone else wears, to stand apart from;
# "owns like 5 pairs of blue jeans": a colour had plenty of
_WORN_BY_OTHERS = _rx(
    r"\b(?:(?:my|her|his|our|the) [a-z]+(?: [a-z]+)?|everyone|everybody|all of them|they|the others)"
    r"(?:'s|'re|'ll be| is| are| will be| would be)(?: all| also)? (?:wearing|in)\b|"
    # "hubby owns like 5 pairs of blue jeans, want to get him a black one": a colour owned plenty of
    r"\b(?:owns?|has|have|got)\s+(?:like |about |already |maybe )?(?:\d+|two|three|four|five|many|enough|plenty|"
    r"lots|loads|so many|too many)\b|"
    # "black frames i already have, other colours pls": a colour the shopper has already
    r"^\W*[a-z]+(?: [a-z]+)? (?:i|we) (?:already |alr )?(?:have|own|got)\b(?=\s*(?:[,.;!?]|$))|"
    # "all my shirts are white or light blue. want some colour": the colours of what is owned
    r"\b(?:all|most|half) (?:of )?my [a-z]+(?: [a-z]+)? (?:are|r|is)(?: (?:either|just|only|all))?\b"
)


def _colours_worn_by_others(message: str) -> set[str]:
    """Colours named only in clauses saying someone else wears them ("hmm no wait, my cousin
    is wearing pink, show blue ones": blue, and not pink)."""
    if not _WORN_BY_OTHERS.search(message):  # most messages: no clause to parse
        return set()
    worn: set[str] = set()
    wanted: set[str] = set()
    for clause in re.split(r"[,.;!?\U0001F300-\U0001FAFF]+|\bso\b|\bbut\b|\b(?:want|need)\b", message):
        if any(ch.isalnum() for ch in clause):
            colours = as_list(parse_query(clause).filters.colour)
            (worn if _WORN_BY_OTHERS.search(clause) else wanted).update(colours)
    return worn - wanted


def _colours_owned_zh(message: str) -> set[str]:
    """Colours named only in clauses saying the shopper has them already ("黑色的我已经有好几个了,
    有没有棕色的": brown, not black)."""
    if not _CJK.search(message):
        return set()
    had: set[str] = set()
    wanted: set[str] = set()
    for clause in re.split(r"[，,。；;！!？?\s]+", message):
        if any(ch.isalnum() for ch in clause):
            colours = as_list(parse_query(clause).filters.colour)
            (had if _ZH_HAVE_ALREADY.search(clause) else wanted).update(colours)
    return had - wanted


def _bare_gift_budget(needs: list[ProductNeed], text: str) -> None:
    """ "gift for sis 1500 helppp", "something nice, maybe 3k?": a bare sum beside a gift,
    or hedged, is what it may cost."""
    said = re.search(
        r"(?<![\w.,₹-])(?:([1-9]\d{2,4})|(\d{1,2}(?:\.\d)?)\s*k)(?![\w%-]|[.,]\d)"
        r"(?!\s*(?:ml|g|gm|cm|mm|kg|years?|yrs?|yo)\b)",
        text,
        re.I,
    )
    hedged = said is not None and re.search(
        r"\b(?:maybe|perhaps|say|roughly|approx\w*)\s*$", text[: said.start()], re.I
    )
    if said is None or not (_GIFT.search(text) or hedged) or any(n.price for n in needs):
        return  # "something nice to mark it, maybe 3k?": a sum hedged is a budget too
    amount = float(said.group(1)) if said.group(1) else float(said.group(2)) * 1000
    for need in needs:
        need.price = PriceRange(max=amount)


def _bare_shoe_size(text: str) -> str | None:
    """ "black formal shoes 9": a number from 5 to 12 ending what is said of footwear, its UK size."""
    said = re.search(r"(?<![\d.,₹])\b([5-9]|1[0-2])\s*[?.!]*$", text) or _SIZE_ASKED_ABOUT.search(text)
    if said and _AN_AGE_SAID.search(text[: said.start()]):  # "trainers for my lad, he's 10": his age
        return None
    return f"UK{said.group(1)}" if said else None


# "wat abt 7, sum brands r smal": another size of the shoes shown
_SIZE_ASKED_ABOUT = _rx(
    r"^\W*(?:(?:and|hmm+|ok|okay|then)\W+)?(?:what about|wat abt|what abt|how about|and|in)\s+([5-9]|1[0-2])\b"
    r"(?!\s*(?:k\b|rs|₹|%))"
)
# "he's 10", "she is 8": a child's age right before a bare number
_AN_AGE_SAID = _rx(r"\b(?:he'?s|she'?s|he is|she is|hes|shes|turning|turns|aged?)\s*$")
_A_CHILDS_AGE = _rx(r"\b(?:he'?s|she'?s|he is|she is|hes|shes|turning|turns|aged?)\s*\d{1,2}\b(?!\s*(?:uk|size|no\b))")


def _sized_footwear(text: str) -> str:
    """ "shoe size 9, want sneakers": a size for the sneakers, no shoes of its own; with no
    other footwear named ("a formal outfit, shoe size 9") the shoes stay a piece."""
    sized = _SHOE_SIZE_SAID.sub("size", text)
    return sized if sized != text and _FOOTWEAR_WORD.search(sized) else text


_AT_THE_TOP = _rx(r"\b(?:at|on) (?:the )?top\b")
# "黑色的我已经有好几个了": a colour the shopper already has, in its own clause
_ZH_HAVE_ALREADY = re.compile(r"已经有|有好几|有很多|有不少|有太多|都有了")
_INSTEAD = _rx(r"\b(instead|rather)\b")
_SECOND_THOUGHT = _rx(r"\b(?:on )?(?:a )?second thoughts?\b")
# "a plain white tshirt", "solid colour kurta": no pattern ("too plain", "plainer" ask for one)
_PLAIN = _rx(r"(?<!too )(?<!so )(?<!very )(?<!bit )\b(plain|solid)\b(?!\s*(?:one|ones)?\s*(?:is|are|r)\b)")
_PATTERN_WORDS = ("print", "graphic", "logo", "typography", "stripe", "check", "floral", "polka")
# "my wife calls it my uniform": what the partner says of the shopper (a man), no wife's shirts
_PARTNER_SAYS = _rx(
    r"\bmy (wife|husband|gf|bf|girlfriend|boyfriend) (calls|says|said|thinks|keeps saying|told me|tells me|"
    r"complains|jokes|laughs|teases)\b(?![^,.!?;]*\b(she|her|he|him)\b)"
    r"(?:\s+(?!(?:need|needs|want|wants|show|looking|get|so|but|and)\b)[\w']+){0,4}"
)


def _partner_said(match: re.Match[str]) -> str:
    """ "my husband says a gown would be best": the shopper is the partner's partner, and the
    kind or colour the partner named is still asked for (the gown was lost)."""
    named = [said for kind, said, _ in parse_query(match.group(0)).recognised if kind in ("article", "colour")]
    return f" for {_PARTNER_OF[match.group(1).lower()]} {' '.join(named)}".rstrip()


# "my mom keeps teasing me about it": someone who talks, not whose things these are
_KIN_SAYS = _rx(
    r"\bmy (mother|father|sister|brother|grandmother|grandfather|aunt|uncle|cousin|friend|roommate) "
    r"(?=(?:always |keeps |kept )?(?:calls|says|said|thinks|keeps saying|told me|tells me|complains|jokes|laughs|"
    r"teases|teasing|keeps teasing|kept teasing|makes fun|judges|roasts)\b(?![^,.!?;]*\b(she|her|he|him)\b))"
)
# "cardigans for myself ... my daughter lives in Bangalore": where family lives, not whose it is
_KIN_LIVES = _rx(
    r"\b(?:my|our) (?:daughter|son|sister|brother|mother|father|mom|mum|dad|kids?|children|grandson|granddaughter) "
    r"(?=(?:lives|is living|stays|is staying|works|is working|studies|is studying|moved|has moved) (?:in|at|near|to)\b)"
)
# "my husband needs a kurta ... his mother will be so happy": she is not whose the kurta is
_THEIR_KIN = _rx(
    r"(?<!for )(?<!to )\b(?:his|her|their) "
    r"(?:mother|father|grandmother|grandfather|sister|brother|parents|aunt|uncle)\b"
)
_MY_PERSON = _rx(r"\bmy (husband|wife|son|daughter|boyfriend|girlfriend|brother|sister|father|mother)\b")
# "女朋友让我穿正式点": the shopper wears it, the partner asked
_PARTNER_SAYS_ZH = _rx(
    r"(?:我)?(?:(?P<she>女朋友|女友|老婆|媳妇|太太)|(?:男朋友|男友|老公))(?:让|叫|要我|非要|说|嫌|逼)我"
)
# "my bestie (shes a girl)": a woman or a man, whatever the word's age
_SEX_SAID_APART = _rx(r"\(\s*(?:she'?s|shes|he'?s|hes|she is|he is)\s+a\s+(girl|guy|boy|woman|man)\s*\)")
# "groom here", "i'm the bride": whose wedding things these are
_GROOM_OR_BRIDE = _rx(r"\b(?:(groom)|bride) here\b|\b(?:i'?m|im|i am) (?:the |a )?(?:(groom)|bride)(?:[- ]to[- ]be)?\b")
_PARTNER_OF = {"wife": "men", "gf": "men", "girlfriend": "men", "husband": "women", "bf": "women", "boyfriend": "women"}
# "what should i wear with white sneakers, girl": who the shopper is, said at the end
_WHO_I_AM = _rx(
    r"[,(]\s*(girl|gal|lady|woman|guy)\s*\)?\s*(?=[.!?]*\s*$)|\(\s*(f|girl|gal|lady|woman|guy|man|boy)\s*(?=[,)])"
)
_SHE = {"girl", "gal", "lady", "woman", "f"}
# "My son is getting his degree ... I am his mother and I want to look nice also": the shopper's sex
_I_AM_THEIR = _rx(
    r"\bi(?:'m| am)\s+(?:his|her|their|the)\s+(?P<kin>mother|mom|mum|mummy|father|dad|papa|aunt|aunty|auntie|"
    r"uncle|sister|brother|grandmother|grandfather|grandma|grandpa|wife|husband)\b"
)
_SHE_KIN = {"mother", "mom", "mum", "mummy", "aunt", "aunty", "auntie", "sister", "grandmother", "grandma", "wife"}
_RESIZE = _rx(
    r"\b(change|switch|swap|make)\b.{0,20}(?<!same )(?<!that )\bsize\b.{0,12}\b(to|into|for)\b|"  # not "same size"
    r"\b(change|switch|swap) (it|that|this|them|(that|this) (one|pair)|the (?!(qty|quantity)\b)\w+( one| pair)?) "
    r"to (size |a size )?(uk ?)?\w+\b|"
    r"^\W*(in|make it|get it in) (size |a size )?(xxs|xs|s|m|l|xl|xxl|[23]xl|uk ?\d{1,2}|\d{1,2})\s+instead\b|"
    # "那先把M换成L吧", "尺码改成XL": the size of the one in the cart
    r"(?:把\s*(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})\s*码?|(?<![a-z])(?:xxl|xl|xs|s|m|l)\s*码?|尺码|码数)\s*(?:换成|改成)\s*"
    r"(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})(?![a-z])"
)
# "32 waist", "chest is 40 inches", "bust 91 cm", "胸围88左右": a body measure, read as a size
_BODY_MEASURE = _rx(
    r"\b(?:size\s*)?(?P<a>\d{2,3})\s*(?P<unit_a>cm|cms|centimet(?:er|re)s?|inch(?:es)?|in|\")?\s*"
    r"(?:waist|chest|bust)\b|"
    r"\b(?:waist|chest|bust)(?:\s*size)?(?:\s*(?:is|of|:|=|around|about))*\s*(?P<b>\d{2,3})\b"
    r"(?:\s*(?P<unit_b>cm|cms|centimet(?:er|re)s?|inch(?:es)?|in\b|\"))?|"
    r"(?:胸围|腰围)\s*(?:是|有|大概|大约)*\s*(?P<c>\d{2,3})\s*(?P<unit_c>cm|厘米|公分)?\s*(?:左右|上下)?|"
    r"(?<!\d)(?P<d>\d{2})\s*(?:寸|英寸)?的?腰(?![带包])"  # "我穿32腰": a 32-inch waist
)
# "34 waist so L", "32 waist (M)", "shrt size 40 (L)": a measure with the letter it makes, said after it
_MEASURE_SO_A_SIZE = _rx(
    r"\b(?:size\s*)?\d{2,3}\s*(?:inch(?:es)?|in|\")?\s*(?:waist|chest|bust)?\s*"
    r"(?:,?\s*(?:so|i\.?e\.?|which is|that'?s|means|=|->)\s*|\(\s*)(?P<size>xxl|xl|xs|s|m|l)\b\s*\)?"
)
# "what size is a 32 waist", "腰围82该穿什么码": the size chart asked, for a body measure
_SIZE_ASKED = _rx(
    r"\b(?:what|which|wat|wht|wich)\s+(?:size|sz)\b|\bmy size\b|\bsize (?:should|shud|shld|do|would|will) i\b|"
    r"(?:什么|几|多大的?|哪个|啥)(?:码|尺码|号)|穿多大|对应.{0,6}码"
)


_TOGETHER = _rx(r"\b(together|both|combined|for the two|those two|the pair)\b|一共|加起来|总共")


def _look_price(text: str) -> float | None:
    """A price said in a look edit ("keep the shirt under 1500", "keep the extra stuff under 3k");
    an amount said roughly is the most the look may cost ("the same thing in like 3k total")."""
    said = _KEEP_UNDER.search(text) or _ONLY_A_PRICE.match(text)
    said = said or _PIECE_UNDER.match(text) or _LOOKS_UNDER.search(text) or _PRICE_SAID_LAST.match(text)
    # "her look shud be 4k max for everything", "total 4k ke under ho sakta hai?", "整套控制在2000以内"
    said = said or (_WHOLE_LOOK_PRICED.search(text) and _AN_AMOUNT.search(text))
    if not said:
        return None
    centre = _said_centre(parse_query(text))
    # "5k is a lot actually, can u do it in 3k?", "could you do the pair for 1500 instead?": the
    # amount said after, the one asked for
    asked = (_DO_IT_IN.search(text) or _BARE_AMOUNT.search(text)) if centre is None else None
    return _said_centre(parse_query(f"under {asked.group('amount')}")) if asked else centre


_BARE_AMOUNT = _rx(r"(?<![\w.])(?P<amount>\d{3,6}|\d+(?:\.\d+)?\s*k)\b(?!\s*(?:%|yrs?|years?|pcs|pieces))")


# "the clothes u picked": every garment of the look
_EVERY_GARMENT = _rx(r"\s*(?:clothes|clothing|garments|outfit pieces|apparel|outfits?)\s*")


# "the shoes are too formal, something sporty instead": the footwear of the tone asked
_FOOTWEAR_OF_A_TONE = _rx(r"\b(?:something|smth|sth|more|bit|a bit|go|instead)\s+(sporty|casual|formal|dressy|smart)\b")
_FOOTWEAR_TONES = {
    "sporty": ("Sports Shoes", "Casual Shoes"),
    "casual": ("Casual Shoes", "Sports Shoes"),
    "formal": ("Formal Shoes",),
    "dressy": ("Formal Shoes",),
    "smart": ("Formal Shoes", "Casual Shoes"),
}


_OWN_LIST = _rx(r"^\W*(?:i\s+)?(?:own|have|got)\s*:\s*(?P<list>[^.?!]+)")


def _owned_list(said: re.Match[str]) -> str:
    """ "own: grey chinos, white oxford shirt, brown belt": the pieces owned, said as a sentence."""
    return "i already have " + re.sub(r"\s*,\s*(?:and\s+)?|\s*&\s*", " and ", said.group("list").strip())


_ONE_MORE_TOO = _rx(r"\b(?:something|smth|sth|one|a look|an outfit|a fit)\b[^.?!]*\b(?:too|also|as well)\b")


_STYLE_USAGE = {"sporty": "Sports", "traditional": "Ethnic", "festive": "Ethnic", "desi": "Ethnic", "partyish": "Party"}


def _made_more(ask: OutfitAsk, text: str) -> bool:
    """ "hmm make it more formal, they're strict about dress code" after a look: the same
    pieces, of that usage; whether it was asked."""
    said = _MAKE_IT_FOR.search(text)
    style = (said.group("style") or said.group("zh") or "").lower() if said else ""
    usage = _STYLE_USAGE.get(style) or USAGES.get(style) or style.capitalize()
    if not usage or usage == ask.usage:
        return False
    ask.usage, ask.changes = usage, []
    for piece in ask.pieces:
        piece.usage = usage
    return True


def _another_occasion_too(ask: OutfitAsk, text: str) -> bool:
    """ "something weekend-y too for after the meetings, more relaxed" after a formal look:
    another look for that occasion, for the same person ("oh wait its a puja actually, make it
    ethnic": the look for that occasion instead); whether it was asked."""
    if not (_ONE_MORE_TOO.search(text) or _MAKE_IT_FOR.search(text)):
        return False
    # "... weekend-y too for after the meetings": the occasion of a usage other than the look's
    said = (
        (m.group(0), usage)
        for pattern, usage in _OCCASION_RX
        if usage != ask.usage
        for m in [pattern.search(text)]
        if m
    )
    occasion, usage = next(said, (None, None))
    if usage is None:
        return _made_more(ask, text)
    ask.occasion, ask.usage = occasion, usage
    ask.pieces, ask.changes, ask.avoid, ask.main_colours = [], [], [], []
    return True


# "oh wait its a puja actually, make it ethnic", "make it more formal": the look for another occasion
_MAKE_IT_FOR = _rx(
    r"\bmake it (?:more |a bit |bit |a little )?"
    r"(?P<style>ethnic|formal|casual|sporty|traditional|festive|desi|partyish)\b|"
    r"(?:再|更|更加)(?P<zh>正式|休闲|运动|传统)(?:一)?(?:点|些)|"
    r"\b(?:it'?s|its) (?:a|an) [a-z]+ actually\b|\bactually (?:it'?s|its) (?:a|an) [a-z]+\b"
)


def _slots_shown(shown: list[ProductRecord], for_the_cold: bool) -> dict[str, str]:
    """The first look's kind of each slot of the looks shown (the options share slots):
    footwear is one slot whichever kind each option has there, a warm layer one of its own."""
    slots: dict[str, str] = {}
    for product in shown:
        slot = "Footwear" if product.category == "Footwear" else product.sub_category
        slot = "layer" if product.article_type in WARM_LAYERS and for_the_cold else slot
        slots.setdefault(slot or product.article_type, product.article_type)
    return slots


# "flats instead", "ok then trainers instead pls": a kind for the look's piece of its slot
_KIND_INSTEAD = _rx(
    r"^\W*(?:(?:ok|okay|then|so|maybe|nah|and|pls|please|just)\W+)*(?:some |a |an |the )?"
    r"(?P<kind>[a-z][a-z ]{2,30}?)\s+instead(?:\s+(?:pls|please|plz))?\W*$"
)


def _added_before_a_reason(text: str) -> re.Match[str] | None:
    """ "and shoes? i only own sneakers": a piece added to the look, then why."""
    first, stop, rest = text.partition("? ") if "? " in text else text.partition(". ")
    return _ADDED_PIECE.match(first + stop.strip()) if rest and _OWNED.search(rest) else None


def _disliked_piece(disliked: re.Match[str] | None) -> str | None:
    """The piece a look edit turns down ("the shoes are kinda mid": the shoes)."""
    if disliked is None:
        return None
    groups = ("piece", "other", "also", "bare", "swapped", "another", "bare_other", "hinglish", "cheaper")
    return next((disliked.group(g) for g in groups if disliked.group(g)), None)


def _measure_said(said: re.Match[str]) -> tuple[int, bool]:
    """A body measure's number and whether it is in centimetres (a number over 60 is: no
    chest or waist is 60 inches)."""
    number = int(said.group("a") or said.group("b") or said.group("c") or said.group("d"))
    unit = (said.group("unit_a") or said.group("unit_b") or said.group("unit_c") or "").lower()
    return number, unit.startswith(("c", "厘", "公")) or number > 60


def _measure_as_size(said: re.Match[str]) -> str:
    """ "size N" in inches for a body measure said in inches, the chart's letter for one said
    in centimetres ("腰围80厘米" is M, 79-84 cm; rounded to 31 inches it read as S)."""
    number, in_cm = _measure_said(said)
    words = said.group(0).lower()
    measure: Measure = "Waist" if "waist" in words or "腰" in words else "Bust" if "bust" in words else "Chest"
    letter = letter_for(number, measure, in_cm) if in_cm else None
    return f" size {letter or (round(number / CM_PER_INCH) if in_cm else number)} "


# "再看看皮带 棕色的 跟钱包配", "想买条裙子 跟我的高跟鞋配": the wallet shown, the heels owned, are
# what the piece asked for is to match, no need of their own
_MATCHES_ONE_SHOWN = re.compile(
    r"[，,\s]*(?:跟|和|与)(?:刚才的|那个|那款|(?P<mine>我的|我那[双条件个]))?(?P<kind>[\u4e00-\u9fff]{1,4}?)(?:相?配|搭配?)(?:的|一下)?(?=[，,。！!？?\s]|$)"
)


def _kind_shown(words: str, context: Context) -> bool:
    """Whether ``words`` name the kind of a product in the list shown ("包" of handbags: its
    sub-category)."""
    said = parse_query(words).filters if words.strip() else None
    if said is None:
        return False
    kinds, sub = as_list(said.article_type), said.sub_category
    return any(p.article_type in kinds or (sub is not None and p.sub_category == sub) for p in context.shown)


def _size_advice(read: str, needs: list[ProductNeed], context: Context) -> SizeAdvice | None:
    """The size chart's letter for a body measure the message asks the size of ("what size
    is a 32 waist", "我腰围82 该穿什么码"): a chest is a bust for a woman's garment."""
    said = _BODY_MEASURE.search(read)
    if said is None or not _SIZE_ASKED.search(read):
        return None
    number, in_cm = _measure_said(said)
    words = said.group(0).lower()
    measure: Measure = "Waist" if ("waist" in words or "腰" in words) else "Bust" if "bust" in words else "Chest"
    earlier = context.last_request.needs if context.last_request else []
    if measure == "Chest" and any(n.gender in ("Women", "Girls") for n in [*needs, *earlier]):
        measure = "Bust"
    return SizeAdvice(measure=measure, number=number, in_cm=in_cm, size=letter_for(number, measure, in_cm))


# "do u have sherwanis on rent?": renting, which the store does not do, whether or not it sells the thing
_RENTING = _rx(rf"\b(?:{RENTING})\b|{RENTING_ZH}")
# "dress sorted actually. just show sarees": a kind taken care of is turned down
_KIND_SORTED = _rx(
    r"\b(?:the\s+)?(?P<kind>[a-z]+)\s+(?:is\s+|'s\s+|are\s+|r\s+)?(?:already\s+)?(?:sorted|taken care of)\b"
    r"(?=\s*(?:[,.;!]|$|actually|now|already|so|thanks|thx|tho)\b)"
)
# "now a black belt to match", "and a tie to go with, navy or black", "matching tie bhi, under 700":
# one more piece beside the one shown, asked for rather than asked about
_TO_GO_WITH = _rx(r"\b(?:to (?:go with|match)|matching)\b")
_HOW_HEAVY = _rx(
    r"\b(?:not too|nothing too|not very|not so) \w+|\b(?:light ?weight|lightweight|dainty|minimal|subtle)\b"
)
_ASKS_WHAT_GOES = _rx(r"\?|？|\b(?:what|which|wat|wht|would|could|should|suggest|any ideas?|outfit|look|fit)\b")


def _one_more_piece(request: ShopperRequest, read: str, context: Context) -> ShopperRequest:
    """Pieces asked for to go with the product in focus, said as a wish and described by their
    own colour, size or budget ("now a black belt to match", "matching tie bhi, under 700"),
    are lists of those pieces: they are being shopped for, and a look would show the product
    again beside them. A bare piece ("also need jhumkas to go with it"), a question ("what
    belt goes with it?"), a product named by its place ("a tie to go with the first one") or
    one budget for several pieces still builds a look around it."""
    ask, reference = request.outfit, request.reference
    if request.intent is not Intent.outfit or ask is None or not ask.around_reference or not ask.pieces:
        return request
    if len(ask.pieces) > 1 and ask.budget is not None:  # "earrings and a clutch to match, 2000 for both": a look
        return request
    if reference is None or reference.position is not None or not _TO_GO_WITH.search(read):
        return request
    if _ASKS_WHAT_GOES.search(read):
        return request
    described = ask.budget is not None or any(p.colours or p.size or p.price or p.brand for p in ask.pieces)
    described = described or bool(_HOW_HEAVY.search(read))  # "and earrings to match, not too heavy"
    if not described:  # "also need jhumkas to go with it": what goes with it, shown as a look
        return request
    if not all(p.has_product() for p in ask.pieces):
        return request
    shown = context.focus or (context.shown[0] if context.shown else None)
    whose = (shown.gender if shown is not None and shown.gender != "Unisex" else None) or ask.gender
    if whose and any(p.gender and p.gender != whose for p in ask.pieces):
        return request  # "matching juttis, under 2000" of a man's kurta: the look finds a man's kind
    pieces = [p.model_copy() for p in ask.pieces]
    for piece in pieces:
        piece.gender = piece.gender or whose
        if ask.budget is not None and not (piece.price and piece.price.max is not None):
            piece.price = PriceRange(max=ask.budget)
    return ShopperRequest(intent=Intent.search, text=request.text, needs=pieces, corrections=request.corrections)


def _with_size_advice(request: ShopperRequest, read: str, context: Context) -> ShopperRequest:
    """A size asked for a body measure: answered from the chart beside the search of a kind
    named ("男士牛仔裤 我腰围82 该穿什么码"), or alone ("32腰对应你们的什么码"), keeping the list shown."""
    advice = _size_advice(read, request.needs, context)
    if advice is None:
        return request
    if request.intent in (Intent.search, Intent.refine) and any(n.has_product() for n in request.needs):
        request.size_advice = advice
        return request
    return ShopperRequest(intent=Intent.store_info, text=read, confidence=0.8, size_advice=advice)


# "a formal fit", "the fit for tonight": an outfit; "a slim fit", "a good fit", "a fit shirt" are not
_A_FIT = _rx(
    r"(?:\b(?P<article>a|an|the|my|ur|your|this|that|some)\s+(?:(?P<what>[a-z]+)\s+)?|"
    r"\b(?P<occasion>casual|party|date|night|gym|wedding|office|work|festive|college|airport|brunch|club|vacation|"
    r"beach|travel|diwali|eid|sangeet|mehendi|haldi|interview|ethnic|formal|summer|winter)\s+|"
    r"^\W*(?:need |want |a |some )?(?P<bare>)(?=fit for\b))fit\b(?!-)"
    r"(?!\s+(shirts?|jeans|trousers|t-?shirts?|tees?|tshirts?|kurtas?|kurtis?|dress(es)?|pants|chinos|blazers?|"
    r"jackets?|tops?|suits?|joggers?|shorts|sweaters?|hoodies?|me|you|him|her|us|them|well|perfectly|true|"
    r"properly|nicely|fine|right|ok|okay|of|runs?|is (?:tight|loose|snug|small|big|slim)|feels?)\b)"
    # "whats the fit of the 1st", "does the fit run tight?": how it sits
)
_FIT_WORDS = frozenset(
    "slim regular skinny relaxed loose tight comfort straight tapered athletic classic bootcut dry dri perfect good "
    "great better bad poor true oversized muscle custom narrow wide easy modern super proper right correct "
    "nice snug shorter longer looser tighter slimmer baggier roomier smaller bigger".split()  # "a shorter fit": a cut
)


_CAN_WORDS = frozenset("can could will would should must may might cant cannot wont doesnt dont to also".split())
# "some fits for college", "gym fits", "fits for a wedding": outfits (never "it fits me").
_FITS = _rx(
    r"\b(?:(?P<lead>some|cute|nice|new|cool|good|fire|decent|casual|party|date|gym|college|office|work|festive|"
    r"wedding|summer|winter|vacation|travel|beach|club)\s+fits|^\W*(?:(?:i )?(?:need|want) )?fits(?=\s+for\b))\b"
)


def _with_friends(match: re.Match[str]) -> str:
    """ "w the girls", "with my bros": the shopper's own friends, so the shopper is one of them
    (as the shorthand reads "with the girls"); a gang or a crew says nothing of whom."""
    crew = match.group(3).lower()
    return "for women" if crew in _WOMEN_FRIENDS else "for men" if crew in _MEN_FRIENDS else "with friends"


def _crew(match: re.Match[str]) -> str:
    return "women" if (match.group("a") or match.group("b")).lower() in _WOMEN_FRIENDS else "men"


def _as_outfit(match: re.Match[str]) -> str:
    if re.search(
        r"\b(?:throw|throws|threw|thrown|throwing|pitch|have|having|has)\s+$", match.string[: match.start()], re.I
    ):
        return match.group(0)  # "she'll throw a fit": a tantrum
    if match.group("occasion"):  # "casual fit for a guy": a casual outfit
        return f"{match.group('occasion')} outfit"
    if match.group("bare") is not None:  # "fit for a concert": an outfit
        return match.group(0)[: match.start("bare") - match.start()] + "outfit"
    what = match.group("what")
    if what and what.lower() in _FIT_WORDS:
        return match.group(0)
    if what and re.fullmatch(r"[a-z]+[^s]s", what.lower()):  # "where my books fit": the verb
        return match.group(0)
    if what and what.lower() in _CAN_WORDS:  # "a backpack that can fit a laptop": the verb
        return match.group(0)
    article = "an" if match.group("article").lower() == "a" and not what else match.group("article")
    return f"{article} {what + ' ' if what else ''}outfit"


# "my grandfathers funeral", "her husbands bday": a person's possessive, apostrophe dropped
_SHORTHAND |= {
    f"{person}s": person
    for person, gender in GENDERS.items()
    if person.isalpha()
    and person.isascii()
    and not person.endswith("s")
    and gender in ("Men", "Women")
    and f"{person}s" not in GENDERS
    and f"{person}s" not in _SHORTHAND
}
# "need some drip for college fest, tees under 1k", "drip check, need a jacket": a style word
# beside the piece named (that piece is searched); alone ("need drip for the fest") a look.
_STYLE_SLANG = _rx(r"\b(?:(?:that |this )?(?:kinda |kind of |type of )?drip(?: check)?|fit check)\b\W*")


def _style_slang_beside_a_piece(text: str) -> str:
    rest = _STYLE_SLANG.sub(" ", text)
    named = parse_query(rest).filters
    return rest if named.article_type or named.sub_category or named.colour else text  # "black maroon navy drip"


_SHORTHAND_RX = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True)) + r")(?!\w|'(?!s\b))",
    re.I,
)
# "light shades", "shades of blue": colours, where "shades" alone are sunglasses.
_SHADES_OF_COLOUR = _rx(
    r"\b(light(?:er)?|dark(?:er)?|pastel|bright(?:er)?|neutral|muted|earthy|earth|warm|cool|soft|bold|other|"
    r"different|similar|same|more|which|what|these|those|nice|subtle|subdued|dull|calm|quiet|"
    r"(?:red|green|teal|blue|pink|purple|yellow|orange|brown|grey|gray|white|black|beige|maroon|gold|silver|nude|"
    r"peach|navy|olive|tan|cream|khaki|mauve)(?:ish|y)?(?:\s+(?:or|and|n|&)\s+[a-z]+)?|"
    r"(?:reddish|bluish|purplish|orangish)(?:\s+(?:or|and|n|&)\s+[a-z]+)?)\s+shades?\b|"
    r"\bshades?(?=\s+of\s+[a-z]|\s+(?:like|such as)\s+(?:red|green|teal|blue|navy|pink|purple|yellow|orange|"
    r"brown|tan|grey|gray|white|black|beige|cream|maroon|olive|khaki|gold|silver)\b)"
)

# Occasions -> the catalog's usage; blanked before parsing so their words never name a product.
_OCCASIONS: list[tuple[str, str | None]] = [
    (
        r"date night|dinner date|a date|(first|second|coffee|lunch|movie|our|my) date|date (tonight|tomorrow|today)|"
        r"night out|clubbing|club|"
        r"cocktail|new year'?s? (eve|party)|prom|party|concert|(?<!first )(?<!new )gig|dj night|"
        r"约会|聚会|派对|晚宴|年会|婚礼|喜酒|喜宴|"
        r"(birthday|anniversary) (dinner|bash|night)|dinner|"
        r"(christmas|xmas|office|work|works|leaving|farewell|team|company|staff|college|uni) do",  # a party (British)
        "Party",
    ),
    (
        r"sangeet|mehendi|mehndi|haldi|weddings?|shaadi|reception|engagement|puja|pooja|"
        r"diwali|eid|navratri|garba|"
        r"festivals?|festive|karva chauth|karwa chauth|raksha bandhan|rakhi|holi|onam|pongal|mandir|temple|gurudwara|"
        r"griha ?pravesh|grih ?pravesh|godh bharai|mundan",
        "Ethnic",
    ),
    (
        r"gym|work ?out|workouts|run(ning)?|jog(ging)?|marathon|trek(king)?|hik(e|ing)|yoga|training|sports?|"
        r"football|cricket|tennis|badminton|basketball|hoops|volleyball|zumba|aerobics|pilates|crossfit|kickboxing|"
        r"boxing|karate|martial arts|(?:can|to) play in(?!\s+the\b)|for playing(?! with\b)|"
        r"(dance|dancing|swimming|spin|cycling) (class|classes|lessons|sessions)|健身|跑步|爬山|登山|徒步|瑜伽",
        "Sports",
    ),
    (
        r"(job )?interviews?|office|(for|to|at) work|work ?wear|workplace|meetings?|presentations?|board ?room|"
        r"conferences?|"
        r"corporate|court( hearing)?|hearing|convocation|graduation|面试|上班|通勤|毕业典礼",
        "Formal",
    ),
    (
        r"beach|holidays?|vacation|brunch|college|campus|weekend|picnic|(road )?"
        r"trips?(?! (?:on|over) (?:it|them|that|this|those|these|my|the hem|the pallu)\b)|"
        r"travel(l?ing)?|movie|mall|"
        r"(?:my|our) (?:own )?baby shower|"
        r"casual|everyday|daily wear|度假|海边|旅行|旅游|逛街|日常",
        "Casual",
    ),
]
# bounded by Latin letters only: Chinese runs its words together ("参加婚礼穿什么")
_OCCASION_RX = [(_rx(rf"(?<![a-z0-9_])(?:{pattern})(?![a-z0-9_])"), usage) for pattern, usage in _OCCASIONS]
# Words the understanding reads, which win a tie of spelling ("remov": remove, not the catalog's "remo")
_UNDERSTANDING_WORDS = frozenset(
    "first second third fourth fifth last cheapest cheaper budget weekend remove delete compare similar cancel "
    # "mony back", "borde of blue denim", "evry day", "sneekrs": not "Jony", "border", "very", none
    "money bored every sneakers sneaker".split()
)
# Usages a search can filter on without emptying the shelf (Party has a few dozen products:
# a party is shown by meaning instead).
_HARD_USAGES = {"Formal", "Ethnic", "Sports"}
# "casual shirts for a beach wedding": the casual said beats the occasion's usage
_SOFT_USAGE_SAID = _rx(r"\b(?:casual|smart casual)\b")

# "排前面", "放在最前": first in the list (Chinese)
_ZH_ON_TOP = r"(排|放)?(在)?(最)?前(面|边)?"
# "sorry not cheapest, i meant the best rated ones": an order turned down is not asked for
_ORDER_TURNED_DOWN = _rx(r"\b(not|no|instead of|rather than|don'?t want|dont want)\s+(the\s+)?$")


def _asks_order(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` asks for the order ``pattern`` names, anywhere it is not turned down."""
    return any(not _ORDER_TURNED_DOWN.search(text[: m.start()]) for m in pattern.finditer(text))


_SORTS: list[tuple[re.Pattern[str], Sort]] = [
    (
        _rx(
            r"\b(cheapest( ones?)?( first| 1st| on top)?|lowest[- ]priced?|least (expensive|pricey|costly|dear)|"
            r"(which|what)( one)? is (the )?(more|most) cheap|"  # "which is more cheap in this list?"
            r"most affordable|low(est)?\s*(to|-|→|->|>)\s*high(est)?|cheap(er)?\s*(to|-|→|->|>)\s*"
            r"(expensive|exp|costly|pricey|pricier|dear)|(cheap|cheaper|budget|affordable|low[- ]?priced?|lowest)"
            r"( ones?| stuff| options?)? (first|1st|on top|at the top)|budget[- ]friendly first|"
            r"(sort(ed)?( (them|em|these|those|it|this|the list|results))? by (the )?price|by price|"
            r"price[- ]?wise (?=sort|order|arrange|kar|dikha|laga|pls|please)|(?<=sort )price[- ]?wise|"
            r"price (?:se|ke hisaab se|ke hisab se) (?=sort|order|arrange|laga|dikha))"
            r"(?!,?\s*(from\s+)?(high|highest|descending|desc|most))"
            r"(?!.*\b(costliest|priciest|dearest|most expensive|reversed?|mehe?nga|mehngi|mehenge|mehnge)\b)|"
            r"(sasta|saste|sasti|sabse sasta) (pehle|pehele|upar)|"
            r"(price )?ascending( price| order)?|price asc|(costs?|priced) (the )?least|lowest (price|rate|cost)|"
            r"least (price|rate|cost)|(minimum|min|lowest) (rate|price)|"
            r"sort(ed)?( (them|em|these|those|it))?( by)? low(est)?( price)?|price low)\b|"
            r"最便宜|最\s*cheap|价格最低|(从|由)?低到高|(从|由)?便宜到贵|(从|由)平(到|至)贵|便宜的"
            + _ZH_ON_TOP
            + r"|(价格)?升序|"
            r"(从|由)(最)?便宜的?(开始|起)|"  # "從便宜的開始排"
            r"[按照]价格?(?:排|来|排序)(?!.*(?:高到低|贵到便宜|降序|贵的))"  # "按价格排一下": cheapest first
        ),
        "price_asc",
    ),
    (
        _rx(
            r"\b(most (expensive|pricey|costly|dear|bougie|boujee|boogie|luxurious|high[- ]end)|priciest|costliest|"
            r"dearest|fanciest|poshest|"
            r"high(est)?\s*(to|-|→|->|>)\s*low(est)?|money no bar|"
            r"(expensive|costly|pricey)\s*(to|-|→|->|>)\s*cheap(er|est)?|"
            r"(expensive|exp|costly|pricey|premium|pricier)( ones?| stuff| options?)? (first|1st|on top)|"
            r"costs? (the )?most|(highest|biggest|max) price|"
            r"most premium|highest[- ]priced?|(price )?descending( price| order)?|price desc)\b|"
            r"\bmost ex(p)?\b|最贵|价格最高|(?<!评分)(?<!评价)(?<!好评)(?<!口碑)(?<!星级)从高到低|(价格)?降序|"
            r"贵的" + _ZH_ON_TOP + r"|(从|由)?贵到便宜|(从|由)贵(到|至)平|(从|由)(最)?贵的?(开始|起)|"
            r"\b(mehe?nga|mehngi|mehenge|mehnge|mehnga wala|expensive wale?) (pehle|pehele|upar)\b"
        ),
        "price_desc",
    ),
    (
        _rx(
            r"\b(best|top|highest|most)[- ]?(rated|reviewed|ratings?)\b|\bmost (loved|liked|popular)\b|"
            r"\b(best|top)[- ]?sell(ers?|ing)\b|\bbestsell(ers?|ing)\b|\bmost bought\b|"
            r"\b(rated|reviewed) (the )?(highest|best)\b|"
            r"\b(people|ppl|folks|shoppers|customers|buyers|others|everyone|parents|users|reviewers) "
            r"(rate|rated|like|liked|love|loved) (the )?(highest|best|most)\b|"
            r"\b(?:other|most) (?:people|ppl|parents|shoppers|customers|buyers|users) (?:rate|rated) "
            r"(?:the )?(?:highest|best)\b|"
            r"\b(best|top|highest|most|great(est)?|good) (reviews?|ratings?|stars)\b|"
            # "which of these has better reviews": of the list, the best rated ("2nd vs 4th which one has better
            # ratings" compares the two)
            r"^(?!.*\b(?:vs|versus|or|and|between)\b).*\b(better|higher|more) (reviews?|ratings?|rated|stars)\b|"
            r"\bmost (hyped|raved|wanted|trending)\b|"
            r"\b(crowd|fan|customer|people'?s?|shopper'?s?) (fav(ou?rite)?|pick)\b|"
            r"\b(sort(ed)? |show |order(ed)? )?(by|on) (the )?(ratings?|reviews?)\b|"
            r"\b(ratings?|reviews?|stars?)[- ]?wise\b|"
            r"\bthe best (?:one|1)\b(?!\s+(?:for|to|with)\b)|"  # "the best one, how much": the best rated
            r"\b(everyone|everybody|people) (is |are )?(raving|talking|buying)\b|"
            r"\b(best|top|highest rated|popular) ones first\b|评分最高|rating\s*最(?:高|好)|好评最多|评价最好|最受好评|"
            r"口碑最好|评价最高|评分最好|(?:review|reviews|rating|ratings)\s*最(?:高|好)|"
            r"哪[个双件条款副支块顶](?:的)?(?:评分|评价|口碑|好评|review|rating)\s*(?:更|比较)?(?:高|好)(?:一点|一些|些|点)?|"
            r"[按照](评分|评价|好评|口碑)(高低)?(排|来)|(评分|评价|好评|口碑|星级)(从|由)?高到低|"
            r"(评分|评价|好评|口碑)(高|好|最高|最好|多)的?" + _ZH_ON_TOP + r"|最受欢迎|最火|卖得最好|销量最高|最热门|"
            r"(?:大家|买家|别人|用户)(?:买了)?都说好|大家都(?:说好|夸|推荐)|"
            r"(?:评分|评价|好评|口碑)(?:高|好)的(?=\s|$|[，,])|"  # "莎丽 评分高的 3000以内"
            r"(?:评分|评价|好评|口碑)(?:高|好|最高|最好)的?先"  # "评分高的先给我看"
        ),
        "rating_desc",
    ),
    (  # "show me the newest arrivals", "latest ones first", "最新款": by the year the catalog lists each in
        _rx(
            r"\b(newest|latest (?:arrivals?|ones?|collection|stuff|designs?|styles?|first)|new(?:est)? arrivals?|"
            r"just arrived|recently added|new(?:er)? ones first)\b|最新|新到的|新品|新上架"
        ),
        "newest",
    ),
]
# The list shown, named as the first clause of a message ("these but under 2k, also a clutch")
_SHOWN_ONES = _rx(
    r"^\W*(?:ok |so |and |also |hmm )?(?:show me |i want |i like |get me )?(?:only )?"
    r"(?:these|those|them|the (?:\w+ )?ones|same ones)\b"
)
# Words that describe how a product looks, never a kind of product ("stripes", "a collar").
_DESCRIBING_TERMS = frozenset(
    [*ZH_PATTERNS.values(), "collar", "polo", "hood", "hooded", "pocket", "zip", "stripes", "striped", "checked"]
)
# "no bags or jewellery", "but not jewellery": a family of kinds turned down by its name
_FAMILY_DOWN = _rx(
    r"^\W*(?:(?:and|but|also|pls|please)\s+)*(?:no|not|without|except|skip|nothing|minus|dont want|don'?t want|"
    r"do not want|anything but)\b"
)
# "long ones only", "do u have velcro ones?", "any leather ones": the list shown, of that description
_WORD_ONES = _rx(
    r"^\W*(?:(?:ok|okay|hmm+|and|but|do (?:u|you|y'?all) (?:have|got)|have (?:u|you) got|got|any|only|just|"
    r"show(?: me)?|pls|please|plz|maybe|what about|how about)\s+)*(?:some\s+|the\s+)?(?P<word>[a-z]{3,15})\s+ones?\b"
    r"(?:\s+(?:only|pls|please|plz|too|available|instead|maybe))*\W*$"
)
_NOT_A_DESCRIPTION = frozenset(
    "cheaper cheap cheapest pricier expensive other different same new more better similar nicer nice good bigger "
    "smaller these those which what best top first last both all any some few latest cool cute pretty fancy simple "
    "bright dark light plain lighter darker longer shorter big small other diff another older newer popular the "
    "show see get give them this that rated least most lowest highest low high only just".split()
)
# "only the ones with a collar", "有没有皮表带的" (any with a leather strap?): the list shown, narrowed
_THE_ONES_WITH = _rx(
    r"\b(?:the )?ones? (?:with|that ha(?:ve|s)|having)\b|"
    r"^\s*(?:有没有|有没|有木有)\s*[^，,。]{1,30}的\s*(?:吗|呢|么)?\s*[?？]?\s*$"
)
_ABOUT_SHOWN = _rx(
    # "one of those dehumidifier machines": a kind of thing, named after "those"
    r"\b(of (these|those|them|the above|the lot|all|them all)(?! (?!(?:in|with|but|for|too|also|as|pls|please|and|or|"
    r"is|are|was|were|r|one|ones|pairs?|colou?rs?|sizes?)\b)[a-z]{4,}(?: [a-z]+)? "
    r"(?:machines?|things?|gadgets?|devices?))|"
    r"amongs?t? (these|them|those|all)|"
    r"which (one|of|pair|watch|bag|shoe|shirt)|which is|from (these|the list|your list|the ones)|"
    r"out of (these|them|those|all)|these ones|the lot|which ones?'?s? (is )?the|"
    r"ones? (here|there|in (the|this|that|your) list|on (the|this|that|your) list|you showed)|"
    # "whats the cheapest thing in this list", "the priciest item here"
    r"(?:thing|item|product|piece)s? (?:in (?:the|this|that|your|these) lists?|in (?:there|here)|here|there|"
    r"you showed))\b|"
    r"这几[个款件条双只块副对套顶瓶支]|哪[一]?[个款件条双只块副对套顶瓶支]|"
    r"的?那[个款件条双只]|类似的|相似的|类似款|相似款"  # "再给我看几个类似的": more like it
)
_PRICE_QUESTION = _rx(
    r"\b(how much|hw much|how mch|what'?s? (is )?(the|its|it'?s) (price|cost)|price of|cost of|"
    r"what does .{0,30} cost|what'?s (it|this|that|the \w+( one| pair)?) cost|how expensive|"
    # "and the cheapest, what's that one going for?"
    r"what'?s (it|this|that|that one|this one|the \w+( one| pair)?) going for|"
    r"kitne ka|kitne ki|kitna|rate of|"
    r"mrp|price\?|cost\?|what'?s the damage|(?:'s|s) (?:price|cost)\b|"
    r"(?:price|cost|rate) (?:pls|please|plz|batao|bata do)\b)|"
    r"多少钱|(?<![太很好么])多钱|价格是|价格多少|价钱多少|什么价|几块钱|的价格|的价钱|啥价|(?:price|cost)\s*(?:是)?多少"
)


def asks_price(text: str) -> bool:
    """Whether a message asks what something costs ("whats the price n is it in stock")."""
    return bool(_PRICE_QUESTION.search(text))


# a gift for someone (a gift card is a thing not sold)
_GIFT = _rx(
    r"\b(gifts?(?! ?(cards?|vouchers?|certificates?))|present|surprise|"
    r"(?<!my )(birthday|anniversary)(?! (dinner|party|bash|night))|"
    r"for (my|a) \w+ (who|turning)|valentine'?s?|secret santa|(?:my|our|a) \w+ (?:is )?turning \d|"
    r"(?:some|any|gift) ideas|"
    r"(teacher|mother|father)'?s'? day|return gifts?|gift hampers?|(?<!my )(?<!my own )(?<!our own )baby shower|"
    r"give (?:(?:her|him|his|my|our|their|the|a)\s+)?(?:\w+\s+){0,2}(?:something|smthng|smth|sth|anything)|"
    r"what (can|could|should|do) i (give|gift)|what i (can|could|should) give)\b|礼物|送|"
    # "男朋友生日 ... 预算1000", "我爸六十大寿": a gift for his birthday
    r"(?<!我)(?<!我的)(?:生日|纪念日|大寿|过寿|寿辰)(?!派对|聚会|宴)"
)
# Where one need may end and another begin (a comma inside a number, "2,500", is none).
# A colour named after "and"/"n"/"&" that ends its clause lists colours, not needs ("except black n grey").
_A_COLOUR = "|".join(re.escape(c) for c in sorted((k for k in COLOURS if k.isascii()), key=len, reverse=True))
# "a white, no wait actually blue kurta", "blue, no actually black": the colour said last
# ("blue ones no wait black", "red one maybe no actually grey", "brown actually make that tan")
_COLOUR_CORRECTED = _rx(
    rf"\b(?:{_A_COLOUR})(?:\s*(?:or|/)\s*(?:{_A_COLOUR}))*(?:\s+ones?)?\s*[,.]?\s*(?:maybe\W+)?"
    r"(?:(?:no|nah|wait|sorry|hmm|oops)\W+)*"
    rf"(?:(?:actually|i mean|make (?:that|it)|rather|wait)\W+)+(?:no\W+)?(?P<new>(?:{_A_COLOUR}))\b"
)
# "these r all for women, im a guy", "我说的是男款 怎么全是女生的": a complaint of the list's gender
_ALL_FOR_OTHERS = _rx(
    r"\b(?:these|they|those|all of (?:these|them|em)|everything(?: here)?|it'?s all)\s+(?:r|are|is|'re|were)\s+"
    r"(?:all\s+)?(?:for\s+)?(?:women|men|girls|boys|ladies|guys|kids|females?|males?)(?:'?s)?"
    r"(?:\s+(?:ones|stuff|products|items))?\b[\s,.!]*|"
    r"(?:怎么|为啥|为什么)(?:全|都)是(?:女|男)(?:生|士|款|人|孩)?的?(?:啊|呀|呢)?|我说的是(?=男|女)"
)
_ONLY_IN_A_SIZE = _rx(
    r"\bonly\s+(?P<size>xxl|xl|xs|s|m|l)\b(?=\s+(?:then|pls|please|plz|ones|size)\b|\s*[.!?]*$)|"
    r"\bonly\s+(?:show\s+(?:me\s+)?)?(?:the\s+)?(?:ones|those|them|pairs?)\s+(?:that\s+are\s+|which\s+are\s+)?"
    r"(?:available|in stock|there)\s+in\s+(?:size\s+)?(?P<size2>(?:uk\s*)?\d{1,2}|xxl|xl|xs|s|m|l)\b"
)
# "white gets dirty so fast in mumbai rains": that colour turned down, for the reason said (and no
# city's name read as a brand)
# "hmm forget navy, show me black ones instead": the colour before, let go
_COLOUR_LET_GO = _rx(
    rf"\b(?:forget|scrap|skip|ditch|drop|leave)\s+(?:the\s+)?(?P<colour>{_A_COLOUR})(?:\s+ones?)?(?=\s*[,.;!]|\s+(?:and|show|give|get|let'?s|try|go|how|what)\b)"
)
_COLOUR_GETS_DIRTY = _rx(
    rf"\b(?P<colour>{_A_COLOUR})(?:\s+ones?)?\s+(?:gets?|will get|shows?|picks? up)\s+"
    r"(?:dirty|stained|stains|marks|dirt)\b"
    r"(?:\s+(?:so|too|very|really)\s+(?:fast|quickly|easily|soon))?"
    r"(?:\s+(?:in|during)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:rains?|monsoons?|summers?|heat|humidity|winters?))?"
)
# "白的容易脏": that colour turned down
_ZH_COLOUR_GETS_DIRTY = re.compile(
    r"(?P<colour>[白黑灰蓝红粉黄绿紫棕米])色?的?(?:也)?(?:太|很|特别|超)?(?:容易|不耐)脏"
)
# "only adidas ones sorry i mean puma": the brand said last
_BRAND_CORRECTED = _rx(
    r"\b(?P<old>[a-z]+)(?:\s+ones?)?\W+(?:(?:sorry|oops|no|wait)\W+)*(?:i\s+mean|i\s+meant|make\s+(?:it|that))\W+"
    r"(?P<new>[a-z]+)\b"
)
_A_COLOUR_ONLY = _rx(rf"\b(?:{_A_COLOUR})\s+only\b|\bonly\s+(?:in\s+)?(?:{_A_COLOUR})\b")
_NOT_THESE_KIND = _rx(
    r"^\W*(?:(?:no|nah|nope)\W+)?not\s+(?:these|those)\s+(?:[a-z]+\s+)?(?P<kind>[a-z]+)(?=\s*(?:yaar|pls|please)?\s*,)"
)
_WORN_TO_WORK = _rx(
    r"\b(?:coz |cuz |because |since |as )?i\s+(?:usually\s+|mostly\s+|always\s+|only\s+)?wear\s+(?:a\s+)?[a-z]+\s+"
    r"(?:to|at|for)\s+(?:work|office|college|school)\b"
)
# "wait wrong colour, mummy wants maroon not red": the colour meant follows, no wrong item delivered
_WRONG_COLOUR = _rx(rf"\b(?:(?:wait|oops|no|nah|sorry)\W+)*wrong colou?r\b\W*(?=.*\b(?:{_A_COLOUR})\b)")
# "brown actually make that tan it goes with my shoes": why the colour, no look around the shoes
_IT_GOES_WITH_MINE = _rx(
    r"(?<=[a-z])\s*,?\s+(?:(?:as|coz|cuz|since|because|cause)\s+)?it(?:'ll| will| would)?\s+(?:goes|go|matches|match)"
    r"\s+(?:better\s+)?with\s+(?:my|his|her)\s+[a-z]{3,20}\b"
)
# "a kurta in blue no wait green", "navy no wait grey": the colour said after "no wait"
_COLOUR_SAID_AGAIN = _rx(
    rf"\b(?:{_A_COLOUR})\s*[,.]?\s*(?:(?:(?:no|nah|nope),?\s*)?wait(?:,?\s*no)?|no no|nope)\W+(?P<new>{_A_COLOUR})\b"
)
# "tan or brown ... Actually scratch that, ... maybe black": the colours before it are taken back
# "a black and a brown formal shoe": one of the kind in each colour, two needs
_ONE_OF_EACH_COLOUR = _rx(
    rf"\b(?:a|an|one)\s+(?P<a>{_A_COLOUR})\s+(?:and|&|n|\+)\s+(?:a|an|one)\s+(?P<b>{_A_COLOUR})\s+"
    r"(?P<kind>[a-z]+(?:\s+(?!for\b|in\b|under\b|with\b|size\b|to\b|and\b)[a-z]+)?)"
)
# "his and hers watches": one for each, a need each
_HIS_AND_HERS = _rx(r"\bhis\s*(?:and|&|n|-and-)\s*hers\s+(?P<kind>[a-z]+)")
_LOOK_LIKE_A = _rx(
    r"\b(?:(?:i'?m |im )?not )?(?:trying to |want to |going to )?"
    r"(?:look|looks|looking|dress|dressed)\s+like\s+(?:a|an|some)\s+[a-z]+"
)
_COLOUR_SAID = _rx(rf"\b(?:{_A_COLOUR})\b")
_SCRATCH_THAT = _rx(
    r"\b(?:scratch|forget|ignore) that\b|\bactually no\b|\bno wait\b|\bwait no\b|\bno no\b|\bsorry i mean\b|\bwait\b"
)
_COLOUR_ENDS_CLAUSE = r"(?!\s*(?:" + _A_COLOUR + r")(?:\s+ones?)?\s*(?:$|[,.!?;]))"
# "a black and white striped tshirt", "blak n wite chekd shrt": two colours of one piece
_TWO_COLOURS_ONE_PIECE = re.compile(
    # (not "a belt in tan or brown and brown formal shoes": the first colour ends the belt's clause)
    rf"(?<!\bin )(?<!\bor )(?<!,)(?<!, )\b(?P<a>{_A_COLOUR})\s+(?:and|n|&)\s+(?!(?P=a)\b)(?P<b>{_A_COLOUR})\b"
    r"(?=\s+[a-z])(?!\s+(?:one|ones|and|or|n|for|pls)\b)",
    re.IGNORECASE,
)
_SEVERAL = re.compile(
    r"\s*(?:(?<!\d),\s*(?:and|plus|also)?|,(?!\d)\s*(?:and|plus|also)?|\band also\b|\bplus\b|"
    r"\balong with\b|\bas well as\b|\band\b" + _COLOUR_ENDS_CLAUSE + r"|\bn\b" + _COLOUR_ENDS_CLAUSE + r"|"
    r"\baur\b|\bwith\b|&"
    + _COLOUR_ENDS_CLAUSE
    + r"|(?<!\d)(?<!\dk)\+|;|\.\s|\?\s|!{2,}\s|"  # "5k+ budget": a floor; "heels pls!! gold or silver"
    r"(?<!\w)(?<!uk )(?<!size )(?<!eu )\d\)\s*|"
    r"\s[\u2014\u2013-]\s(?=(?:which|what|any|how|can|could|would|do|does|pls|please)\b)|"
    # "黑的和白的": one need; "不要 nike 和 adidas 的": two brands of one need
    r"和(?![黑白红粉蓝绿灰紫黄棕金银][色的]{0,2}(?:[，,。\s]|$))(?!\s*[a-z][a-z&' ]*\s*的)|"
    r"还有|以及|同埋|再来|再要|再买|再配|再搭配?|再加|另外|(?<!高)跟|，|。|、|：|"  # a preamble ends at a colon
    r"(?<=[裙衣裤鞋包帽表镜链子环衫恤巾带服袜靴])加(?![绒厚长大肥宽])|"  # "连衣裙加高跟鞋", "耳环加口红" (加绒: fleece)
    r"(?<=[裙衣裤鞋包帽表镜链子环衫恤巾带服袜靴])(?=[一两][件条双个顶款块副])|"  # "一件T恤一条短裤"
    r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|"  # the 跟 of 高跟鞋 joins nothing
    r"(?<=[a-z0-9])\s+(?=不要|不想要)|"  # "裤子 size L 不要牛仔裤": a size in Latin letters, then a kind down
    r"(?<=[\u4e00-\u9fff])\s+(?=(?:UK|EU|US)\s*\d)|(?:(?<=UK\d)|(?<=UK\d\d)|(?<=EU\d\d))\s+(?=[\u4e00-\u9fff])|"
    # "除了运动鞋啥都行 UK9", "UK9 除了运动鞋啥都行": a size of its own, the shoes' asked for
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]+)\s*",  # an emoji ends a sentence as a full stop does
    re.I,
)
# A piece said to go with "it" in the same message: the piece named before it.
_WITH_IT = _rx(
    r"\b(go(es)? (well |along |nicely )?with|to match|match(es)?|pair(s|ed)? (well |nicely )?with|to wear with|"
    r"suits?|pair|style|complements?|(to )?(wear |go |goes )?(under|over|underneath)|"
    r"(a |the )?(look|outfit) (with|around)|complete|finish)\s+"
    r"(it|that|this|them|em|this one|that one|hers|his|theirs)\b|"
    r"\b(to match|to go with)(?=\s*(?:[.!?,;]|$))|"  # "+ flat sandals and sunglasses to match."
    r"\bwhat (?!go\b|goes\b)[a-z]+ (?:with|w) (?:it|this|that)\b"  # "1st one what earrings with it"
)
# "need matching mojaris and a stole", "trousers to match" after a product shown: pieces for a
# look around it, though no word points at it
_MATCHING_SHOWN = _rx(
    r"\bmatching\b(?!\s+(with\s+)?(my|his|her|our|a|an|one|ones|set|sets|pair)\b)|"
    r"\b(to|that|which|would|will|could) (match|go with|go well|pair)\s*([?.!,]|$)|"
    r"\b(complete|finish|build|make) (the|a|an|my) (\w+ )?(look|outfit|fit)\b|\bthe rest of the (look|outfit)\b"
)
# "mojaris and a stole that match it": every piece named goes with "it", the product shown
_THAT_MATCH_IT = _rx(
    r"\b(that|which) (would |will )?(match|matches|go|goes|go well|goes well|suit|suits|pair|pairs|complement)"
    r"( with)? (it|this|that|this one|that one)\b"
)
# "what goes well with a denim jacket": a look around a piece described after "with"
# "she already has a watch", "he's got plenty of belts": what the one it is for owns, so not that kind
_THEIRS_ALREADY = _rx(
    r"\b(he|she|they|him|her|them|[a-z]+ji|friend|bestie|bff|sis|sister|bro|brother|dad|papa|mom|mum|hubby|"
    r"husband|wife|bf|gf)\b[^,.;!?]{0,12}\b(already (has|have|owns?|got)|(has|have|'s|'ve) "
    r"(already )?got|(has|have|owns?|got) (enough|plenty|loads|too many|lots)|(has|owns?) like \d|"
    r"owns? (every|all the)\b)\b"  # "my best friend literally owns every sneaker": no sneakers for her
)
# "我有一双小白鞋", "我刚买了一条黑色半身裙": a piece the shopper owns, in Chinese
_ZH_OWNED_PIECE = _rx(
    r"我(?:已经|本来|刚)?(?:有|买了)(?:一|两)?[双条件个套块只顶](?P<piece>[^\s，,。！!？?]{1,12}|"
    r"[^，,。！!？?]{1,30}?(?=\s*(?:想|要|配|搭|[，,。！!？?]|$)))"  # "我有条 white 的 linen trousers 想配一件 shirt"
)
_AROUND_PIECE = _rx(
    r"\b(go(es|ing)? (well |best |nicely |great )?with|wear with|pair(ed)? with|match(es)? with|"
    r"look(s)? (good|great|nice) with|"
    r"to match|(something|outfit|look|fit) around|together around|built? around|complements?|suits?)\s+"
    r"(?!(it|that|this|them|these|those|the (first|second|third|fourth|fifth|last))\b)"
)
# "my order is around 6200 tho", "the cart total will be ~8000": the order's amount, said of a policy
_ORDER_AMOUNT = _rx(
    r"\b(?:my|the|our) (?:order|cart|bill|total)(?: total| value| amount)? (?:is|will be|would be|comes to|'s)\b"
)
# A topic of the help pages named outright: a question of its own, not more of the last one
_STORE_TOPIC = _rx(
    r"\b(returns?|refunds?|exchanges?|deliver(y|ies)|shipping|cod|cash on delivery|emi|cancel\w*|gift ?wrap\w*|"
    r"warranty)\b|退货|退款|换货|运费|配送|货到付款|分期|取消"
)
# "need a laptop", "a new phone": the thing itself asked for, not what a bag holds
_A_THING_ASKED = _rx(r"\b(?:need|want|buy|get|getting|a|an)\s+(?:new\s+|good\s+)?[a-z]+\s*$")
# "no clothes pls", "nothing to wear, i don't know his size": no garment
_NO_CLOTHES = _rx(
    r"\b(?:no|not|nothing|without|except|avoid|skip)\s+(?:any\s+)?(?:clothes|clothing|garments|apparel)\b"
)
# "these r a bit loud for her", "they look too plain": the list shown judged
_LIST_JUDGED = _rx(
    r"\b(?:these|those|they|them)\s+(?:r|are|look|looks|seem|feel)\s+"
    r"(?:(?:a bit|bit|kinda|too|so|very|a little|little|way too|rather|quite)\s+)*"
    r"(?:loud|flashy|bright|bold|shiny|fancy|heavy|blingy|busy|plain|boring|dull|simple|young|old|much)\b"
    r"(?:\s+for\s+(?:her|him|me|them|my \w+))?"
)
# "M top" beside a shirt named: the size of the upper half, no women's top asked
_SIZE_OF_THE_TOP = _rx(r"\b(?P<size>xxl|xl|xs|s|m|l)\s+top\b(?!\s*(?:wear|s\b))|\btop\s+(?P<size2>xxl|xl|xs|s|m|l)\b")
_A_TOP_NAMED = _rx(r"\b(?:shirts?|polos?|t-?shirts?|tees?|kurtas?|kurtis?|sweaters?|sweatshirts?|hoodies?)\b")
# "no tank tops pls", "not those polo ones": a message that only turns something down
_ONLY_REFUSES = _rx(
    r"^\W*(?:(?:and|but|also|pls|please|ok|okay|hmm|nah)\W+)*(?:no|not|nothing|without|skip|avoid)\b"
    r"(?!.*\b(?:but|instead|rather|only|just|want|show|need|more like)\b)"
)
# A piece taken out of the look just shown, with no cart named: "nah remove the watch, she's gifting me one",
# "scrap the backpack, got one already", "clutch hata do" (read "clutch remove it")
_OUT_OF_LOOK = _rx(
    r"^(?:[^.?!,;]{3,60}[,.;!?]\s*)?"  # "can't stretch that far honestly, drop the jeans": why, then the piece
    r"\W*(?:(?:nah|no|ok|okay|pls|please|hmm|and|also|then|actually)\W+)*"
    r"(?:(?:remove|scrap|take out|take off|get rid of|bin|ditch|drop)\s+(?:the\s+)?(?P<piece>[a-z]+(?: [a-z]+)?)|"
    r"(?:i have\s+)?(?P<before>[a-z]+(?: [a-z]+)?)\s+(?:remove it|hata do|hatao|hata de|nikal do|nikalo)|"
    # "belt dont need he hav one", "the watch is not needed", "no need for the belt"
    r"(?:the\s+)?(?P<needless>[a-z]+(?: [a-z]+)?)\s+(?:(?:is\s+|are\s+)?not needed|(?:i |we |he |she )?"
    r"(?:dont|don'?t|do not|doesn'?t|no) need(?: it| one| that| them)?)|"
    r"no need (?:for|of) (?:the\s+|a\s+)?(?P<needless_after>[a-z]+(?: [a-z]+)?))\b"
    r"(?![^.?!]*\b(?:cart|bag|basket|trolley)\b)"
)
# "a black belt to go with the shirt", "a tie to match that kurta": a piece pointed at by its kind
_WITH_THE_SHOWN = _rx(
    r"\b(?:go(?:es)? (?:well )?with|to match|match(?:es)?|pair(?:s|ed)? with|to wear with)\s+(?:the|that|this)\s+"
    r"(?P<piece>[a-z][a-z -]{1,30}?)(?=\s*(?:[,.;!?]|$|\b(?:pls|please|plz|under|below|within|in size)\b))"
)
# "what colour shoes go with navy trousers?", "does a mustard kurta go with a white churidar?"
_WHICH_COLOUR = _rx(r"\b(what|which) colou?rs?\b")
_GOES_TOGETHER = _rx(
    r"^\s*(does|do|will|would|can|could|is|are)\b[^?]*?\b(go|goes|match|matches|look good|work|suit)s?\b"
)
_ASKING_WORDS = _rx(r"\b(does|do|will|would|can|could|what|which|colou?rs?)\b")
_GOES_WITH_WHAT = _rx(r"\b(go|goes|match|matches|look good|work|suit)s? (well |nicely )?with (?P<piece>[^?.!,;]+)")
# "i have a black leather jacket, what else do i need": the look around the piece owned
_WHAT_ELSE = _rx(
    r"\bwhat else (do|should|would|can|could) i (need|wear|get|buy|add|pair)|\bwhat else (goes|would go)\b"
)
# "what shirt, trousers n shoes go with it": a question of which pieces (not "need a churidar to go with it")
_WHICH_PIECES = _rx(r"\b(what|which|wat|wht)\b(?!\s+(?:i|we|he|she|they|you|u)\b)|\?|\b(?:suggest|recommend)\b")
# "i have a red lehenga ..., need everything else - jewellery, clutch, footwear": the rest of a look
_EVERYTHING_ELSE = _rx(r"\b(?:everything else|all the rest|the rest of (?:the|my) (?:look|outfit))\b|其他的?都")
_STYLE_MINE = _rx(r"\bstyle (?:my|his|her)\b")
# a piece worn only formally: a suit (not a salwar, track, night or swim suit), a blazer, a tuxedo
_A_FORMAL_PIECE = _rx(
    r"(?<!salwar )(?<!kurta )(?<!track )(?<!night )(?<!swim )(?<!jump )(?<!boiler )(?<!co-ord )"
    r"\b(?:suit|blazer|tux|tuxedo|three[- ]piece|3[- ]piece)s?\b"
)
_WOULD_GO = _rx(r"\b(?:would|will|could|might|should)\s+go\b")  # "what shoes and belt would go?"
# "我有一条黑色半身裙 配什么上衣和鞋子好", "我买了条红色半身裙 帮我配件毛衣和一双鞋"
# A Chinese look edit that asks for a piece ("来件夹克", "换坡跟吧", "还是穿长的运动裤吧", "再加顶帽子"),
# not one that asks about one ("鞋子多少钱", "有M码吗")
_ZH_WANTS_A_PIECE = re.compile(r"来[个件条双顶副点只]|换|要|穿|加|配|吧$|就行|就好")
_ZH_ASKS_OF_A_PIECE = re.compile(r"多少钱|几块|有货|有没有|吗|[?？]|加购|购物车|不要|别|算了|不用|只看|只要|先看|就看")
# "西装外套太正式了 来件夹克就行": the reason said first, then the piece wanted
_ZH_REASON_BEFORE = re.compile(
    r"^[^，,。！!\s]{2,12}(?:太|有点|不够|不方便|会)[^，,。！!\s]{0,8}[了的啊呀]?[，,。！!\s]+"
)
# "绿色的库尔蒂配什么裤子好": the piece owned or chosen, before what goes with it
_PIECE_TO_GO_WITH_ZH = _rx(
    r"^\W*(?:我有)?(?:一[件条双个])?(?P<piece>[^，,。？?！!]{1,12}?)(?:要)?[配搭](?:什么|啥|哪种|哪个|哪款)"
)
_ZH_WHAT_GOES = _rx(r"[配搭](?:什么|啥|哪)|怎么[配搭]|帮[我他她]?[配搭](?![一]?[身套])")
_GO_WITH = _rx(
    r"\b(go(es|ing)? (nicely |well |best |great )?with|to match|matching|"
    r"(would|will|could|might|that|which) match|match(es)? (it|this|that|the)|"
    r"(look|outfit|fit) around|"
    r"pair(s|ed)? (well |nicely )?with|to wear with|goes well|(complete|finish) the look|"
    r"look(s)? (good|great|nice) with|work(s)? with|team (it|them|this|that)( up)? with|"
    r"style (\w+ )?(number |no\.? ?|#)\d|"
    r"(put|add) [\w ]{2,40} with (it|this|that)|go w (the|it|this|that)\b|"
    r"(suggest|recommend|pick) [\w +&,]{2,40} for (it|this|that)\b|"  # "the 4th. suggest shoes + a bag for it"
    r"what (?!go\b|goes\b)[a-z]+ (with|w) (it|this|that)|"
    r"(what|which) [a-z]+ (and|n|&|\+) [a-z]+ (with|w) (it|this|that|the (first|second|third|fourth|fifth|last|"
    r"1st|2nd|3rd|[45]th))|"
    r"(are|r|is|would be|will be) (good|nice|great|best|ok|fine) with|"
    r"(go(es)?|wear|layer|pair) (under|over|on top of|inside)|accessori[sz]e|style (it|this|that|them|the)|"
    r"配(?:它|他|她|这[条件双个])的|"  # "一条裙子和一双配它的鞋": the shoes go with the dress
    r"pair (it|this|that|them|the \w+( one| pair)?) with|"
    r"for (the )?(first|second|third|fourth|fifth|last|1st|2nd|3rd|[45]th|([a-z]+ )?(no\.? ?\d|#\d|number \d)))\b|"
    r"搭配|配|搭"
)
# A piece the shopper (or whoever it is for) already has, named after what is wanted.
# The words that describe it stay with the wanted piece only when it is to match ("a dupatta
# to match her lehenga which is mustard yellow": a mustard one); else they are the piece's.
# A piece listed right after one owned, joined by "and" with no word of wanting ("... and blue jeans, what shoes")
_AND_JOINED = _rx(r"^\W*(?:and|n|&|\+)\W*$")
_WANTING_WORD = _rx(r"\b(?:needs?|wants?|what|which|show|looking|get|buy|suggest|for|that|go|like|likes)\b|\?")
_BARE_PIECE = _rx(r"^\s*(?:(?:a|an|some|my|the|pair of)\s+)?(?!i\b|i'|we\b|he\b|she\b)(?:[a-z-]+\s+){0,3}[a-z]+\s*$")
_OWN_PIECE = _rx(
    r"\b(?P<verb>for|with|to go with|to match|match(?:es)?|to wear with|over|under)\s+"
    # "tops for black pencil skirt, not black": a piece named bare before a comma is one in hand too
    r"(?:(?:my|her|his|our|their)\s+|(?!(?:the|a|an|some|any|him|her|me|us|them|it|this|that|father|mother|dad|mom|mum|"
    r"son|daughter|wife|husband|brother|sister|friend|boyfriend|girlfriend|kids?|baby|family)\b)"
    r"(?=[a-z]+(?: [a-z]+){0,2}\s*,))"
    r"(?P<piece>[a-z]+(?: [a-z]+){0,2}?)(?:\s*[?.!]*$|(?=\s*,)|(?=\s*,?\s*(?:which|that|thats|its|it's)\b)"
    r"(?P<clause>\s*,?\s*(?:which|that|thats|its|it's)\b[^,.?!]*))"
)
_PAIR_IT = _rx(r"\b(?:pair|team|style|match)(?:\s+(?:it|this|that|them|these|those|her|him))?(?:\s+up)?\s*$")
# What the shopper (or whom they shop for) will have on, said as a clause of its own: owned, no need.
_WEARING_MINE = _rx(r"\b(?:wearing|wear|in) (?:my|her|his|our) (?!size\b)[a-z]|我穿我的|穿我的")
_WEARING_CLAUSE = _rx(
    r"(?:[,;.]|\b(?:as|since|because|coz|cuz|bcoz)\b)?\s*\b(?:i'?m|im|i am|i'?ll be|ill be|i will be|she'?s|she is|"
    r"he'?s|he is|she'?ll be|he'?ll be) wearing (?:a|an|my|her|his|the)\b"
    r"(?:\s+(?!(?:and|but|so|with|to|for|i|need|want|and)\b)[\w'-]+){1,5}|"
    r"^\W*wearing (?:my|her|his)\b(?:\s+(?!(?:and|but|so|with|to|for|i|need|want)\b)[\w'-]+){1,5}"  # "wearing my ..."
)
# The product shown that pieces go with, named by its place ("for the 3rd kurta", "with no. 2").
_ANCHOR_PHRASE = _rx(
    r"\b(?:for|with|to match|to go with|go(?:es)? with|inside|under|over)\s+(?:the\s+)?(?:first|second|third|fourth|"
    r"fifth|last|1st|2nd|3rd|[45]th|(?:[a-z]+\s+)?(?:no\.? ?\d|#\d|number \d))\b(?:\s+(?!under|below|in|size)[a-z]+)?"
)
_QUESTION = _rx(r"^\s*(what|which|any|suggest|recommend|can you|could you|show me (what|some)|help me)\b")
# "show me the priciest one", "the top rated one pls": one of the list shown, not the list re-sorted
_THE_SUPERLATIVE_ONE = _rx(
    r"^\W*(?:(?:ok|okay|so|and|now|pls|please|hmm|then)\W+)*(?:show|gimme|give)(?: me| us)? the "
    r"(?:cheapest|priciest|most expensive|dearest|costliest|best[- ]rated|top[- ]rated|highest[- ]rated) "
    r"(?:one|pair|piece)\W*(?:pls|please|plz)?\W*$"
)
# "take out 2 of those", "remove 2 of the first one": units out of a line, not the line
_UNITS_OUT = _rx(r"\b(?:take out|takeout|remove|rmv|minus|reduce by|knock off)\b")
# "take out 2 of those, 3 is plenty": the number kept, whatever number came before it
_NUMBER_KEPT = _rx(
    r"(?<=[,.;])\s*(?:just |only )?(\d|one|two|three|four|five) (?:is|are|will be|would be|should be) "
    r"(?:plenty|enough|sufficient)\b"  # ("9 is fine for my brother" is a size)
)
_REFINE_MARKERS = _rx(
    r"\b(instead|same (range|budget|price|thing|one|style|kind)|the same (ones )?in|rather|but in|but from|"
    r"something like (that|this|those))\b|换成|换个"
)
_QUANTITY = _rx(
    r"\b(?:make (?:it|that|them)(?: just| only)?|"
    r"(?:change|set|update|increase) (?:it|that|the (?:quantity|qty)|quantity|qty) to|"
    r"(?:reduce|decrease|lower|cut|bring)(?: (?:it|that|them|the (?:quantity|qty)|quantity|qty|"
    r"the (?:[a-z]+ ){0,2}(?:ones?|pairs?)))?(?: down| back)? to|"  # "reduce the white ones to 2"
    r"(?:quantity|qty)(?: to)?)\s+"
    r"(\d|one|two|three|four|five)\b|\b(\d|two|three|four|five) (?:(?:pairs?|pieces?|pcs|units?|nos|packs?) )?of "
    r"(?:those|these|them|that|it|this|"
    r"(?:the )?(?:1st|2nd|3rd|[45]th|first|second|third|fourth|fifth|last|cheapest|priciest|best rated)"
    r"(?: one| pair)?)\b|"
    r"(?<!if i order )(?<!if i buy )(?<!if i get )"  # "delivery charge if i order just 1 pair": a question
    r"\b(?:just|only) (one|1)\b(?:\s+(?:pair|piece|unit))?(?= ?(?:of (?:those|these|them|it|the (?:1st|2nd|3rd|[45]th|"
    r"first|second|third|fourth|fifth|last)(?: one| pair)?)|please|pls|then|is enough)?(?:,? not (?:2|two|3|three))?"
    r"\s*(?:[.!]*$|,\s*(?:will|i'?ll|we'?ll|to)\b))|"  # "ok just 1 then, will try it first"
    r"\b(one|two|three|four|1|2|3|4) (?:is|are|will be|would be|should be) (?:enough|plenty|fine|sufficient)\b|"
    # "hmm actually just one of those is enough"
    r"\b(?:just|only) (one|1|two|2)(?: of (?:those|these|them|it))? (?:is|are|will be|would be) "
    r"(?:enough|plenty|fine)\b|"
    r"\b(?:take|add|want|need|order)\b[^.?!]*?,?\s+(two|three|four|five|10|[2-9]) (?:pieces|pcs|units|nos|pairs)\b|"
    r"\b(?:add|get me|order|i'?ll take|(?<!should i )(?<!shall i )(?<!do i )take) (\d|two|three|four|five)"
    r"(?: (?:pairs?|pieces?|units?))?"  # "should i take 9": a size asked about, not nine
    r"(?= of\b| more\b|\s*$)(?! ?(?:k\b|rs|₹|inr|rupees|%))|"
    r"(?:改成|改为|改回|改到|换成|改|数量改?成?|只要)\s*(?:买|要)?\s*(\d|一|两|二|三|四|五)\s*(?:件|个|条|双|只|份|套)|"
    r"第[一二三四五\d][个件双条款只套号]\s+(两|二|三|四|五|[2-5])\s*(?:件|个|条|双|只|份|套|包)\W*$|"  # "第一款 四双"
    # "删掉一双 两双够了": that many is enough
    r"(?<![\d一二三四五六七八九十])(\d|一|两|二|三)\s*(?:件|个|条|双|只|份|套|包)\s*就?(?:够了|足够了|可以了|行了|就行|就好)|"
    # "第三个要两份": two of the third
    r"第?[一二三四五\d][个件双条款只套号]\s*(?:(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{1,2})\s*码?\s*)?"
    r"(?:我|给我|帮我)?(?:要|买|来|拍|拿|加)\s*(?:(两|二|三|四|五|[2-9])\s*(?:件|个|条|双|对|只|份|套|包)|(俩|仨))|"
    # "行 来两件 XL", "就它了 要两条": that many of the one in hand
    r"^\W*(?:行|好|好的|那就?|嗯|ok|就它了|就这个|就这件)?[，,\s]*(?:我?要|买|来|拍|拿)\s*(两|二|三|[2-5])\s*"
    r"(?:件|个|条|双|只|份|套|支|瓶)\s*(?:(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})\s*码?)?\W*$|"
    # "M码, 要三条": a size and how many, after "which size?"
    r"^\W*(?:xxl|xl|xs|s|m|l|\d{2})\s*码?\s*[，,]?\s*(?:我?要|买|来)\s*(两|二|三|[2-5])\s*(?:件|个|条|双|只|份|套)\W*$|"
    # "the second one, two piece, size L", "2 piece of number 1": how many, said as a clause of its own
    r"(?:^|,)\s*(one|two|three|four|five|10|[1-9]) ?(?:pieces?|pcs?|units?|nos|pairs)\s*(?=,|$|of\b)|"
    # "再来两双一样的": that many more of the same
    r"再(?:来|加|要|买)\s*(两|二|三|四|五|[2-5])\s*(?:件|个|条|双|只|份|套|支|瓶)\s*(?:一样的|同样的|同款)|"
    r"^\W*同一[个件双条款只套支块副瓶顶]\s*再(?:来|加|要|买)\s*(两|二|三|四|五|[2-5])\s*(?:件|个|条|双|只|份|套|支|瓶)|"
    r"数量(?:改成|改为|换成|改到|改回|设为|设成)\s*(\d(?!\d)|一|两|二|三)|加(两|二|三|[2-5])(?:件|个|条|双|只|份|套|瓶)(?:到|进|入)购物车|"
    r"\bmake (?:the )?(?:1st|2nd|3rd|[45]th|first|second|third|fourth|fifth|last)(?: one| pair)? (?:to )?"
    r"(\d|two|three|four|five)\b|\b(\d|two|three|four|five) ?(?:qty|quantity|pcs|nos)\b|"
    r"(?<![a-z0-9])[x×] ?([2-5])\b(?=\s*[.!]*$)|"  # "add 3rd to cart x2"
    # "actually just 1, mum has too many perfumes": the count first, the reason after
    r"^\W*(?:(?:actually|ok|okay|hmm|no|nah|sorry|wait|oh)\W+)+(?:just|only) (one|1|two|2)(?: pair| piece)?\s*[,.;!—–-]"
)
# How many of the product added, said beside the add ("要两条", "2 piece", "three pairs")
_HOW_MANY = _rx(
    r"(?:要|买|来|加|放|拿)\s*(两|二|三|[2-5])\s*(?:件|个|条|双|只|份|套|瓶|支|副|块|顶)|"
    r"\b(two|three|four|five|[2-5]) ?(?:pieces?|pcs?|units?|nos|pairs?|qty)\b(?! of (?:them|those|these|each))|"
    r"\b(twice)\b|"  # "add the first one twice"
    r"\b([2-5]|two|three|four|five) (?:each|of each|apiece)\b|"  # "add 1st and 2nd, 2 each"
    r"\bone\s+([2-9]|two|three|four|five)\s+add\b|"  # "1st wala 5 daal do" (read "1st one 5 add it"): five of it
    # "3rd wali XL mein 2 daal do" (read "3rd one in XL 2 add it"): two of it
    r"(?<!uk )(?<!size )(?<!in )(?<!first )(?<!top )(?<!last )(?<!the )\b([2-9]|two|three|four|five)\s+add it\b"
)
# "..., so make it 2" right after an add: the story before it tells why, the count is the ask
_MAKE_IT_SO_MANY = _rx(
    r"(?:^|[,.;!)]\s*|\bso\s+|\bthen\s+)(?P<ask>make (?:it|that|them) (?:\d|two|three|four|five))\W*$"
)
# "add it in XL, and one more of the same for my bro": two of the one added
_AND_ONE_MORE = _rx(
    r"\b(?:and|plus|\+|n)\s+(?:one|1|another) more\b(?! (?:thing|question)\b)|\band another (?:one )?for\b"
)
# "if i buy just 2 of them will i pay delivery?": how many, said in a question of what follows
_IF_I_BUY = _rx(r"^\W*(?:and |so |but )?(?:if|when) (?:i|we) (?:buy|order|get|take)\b[^?]*\?")
# "she has like 5 of those": how many the shopper (or the one it is for) owns, no quantity to add
_OWNS_SOME = _rx(r"\b(?:has|have|got|owns?)\s+(?:like |about |around |already |maybe )?(?:\d|two|three|four|five) of\b")
_NUMBER_WORDS = {
    **{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "twice": 2},
    **{"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "俩": 2, "仨": 3},
}
# "Vishudh I don't want", "puma we dont like": a brand said, then turned down
_BRAND_NOT_WANTED = _rx(
    r"(?:^|(?<=[\s,.!]))(?P<brand>[a-z][\w&'-]+)[,.]?\s+(?:i|we)\s+"
    r"(?:don'?t|do not|dont|doesn'?t)\s+(?:want|like|need)\b"
)
# "3 pairs of the cheapest", "add two of the best rated": how many of which one shown
_SO_MANY_OF_THE_MOST = _rx(
    r"^\W*(?:(?:ok|okay|k|kk|then|so|and|also|plus|pls|please|add|get|i'?ll take|take|put|give me)\s+)*"
    r"(?P<n>[1-5]|two|three|four|five)\s+(?:(?:pairs?|pieces?|pcs|units?|packs?)\s+)?of\s+the\s+"
    r"(?P<which>cheapest|priciest|most expensive|best rated|top rated|highest rated)(?:\s+(?:one|ones|pair))?\b"
)
# "cheepest 1?", "the priciest 1": "1" typed for "one" after a superlative (not "under 1k")
_MOST_ONE_TYPED = _rx(
    r"\b(?P<most>che+a?pe?st|cheapst|priciest|pricest|most expensive|best rated|top rated)\s+1(?![\d.,:%]|\s*k\b)"
)
# "n the priciest one in these?": "n" typed for "and" at the start
_LEADING_N = _rx(r"^\W*n\s+(?=(?:the (?:cheapest|priciest|most|best|top)|what|how|which|wat|wht)\b)")
_SUPERLATIVES_SAID: dict[str, Superlative] = {
    "cheapest": "cheapest",
    "priciest": "priciest",
    "most expensive": "priciest",
    "best rated": "best_rated",
    "top rated": "best_rated",
    "highest rated": "best_rated",
}
# "slim?", "any skinny ones?": one word of how it is made, about the search just shown
_ONE_WORD_MORE = _rx(
    r"(?:and |any |maybe |what about |how about |only |just )?(?P<word>[a-z]{4,})(?: ones?| pls| please| pair)?\s*\?*"
)
# What a shopper says of a list, not of the product wanted ("cool", "perfect")
_REACTIONS = frozenset(
    "cool perfect love lovely super good great nice cute awesome fine wow sure okay yeah yes hmm amazing "
    "beautiful pretty gorgeous stunning classy".split()
)
_BUDGET_TIMES = _rx(
    r"\b(?P<how>double|twice|2x|half|halve)\s+(?:that|the|my|this|your|of (?:that|the|my))?\s*"
    r"(?:budget|price|amount|limit)\b|预算(?:翻倍|加倍)"
)
_A_FEW_HUNDRED_ZH = re.compile(r"(?<![\d一二三四五六七八九十两])几百(?:块钱|块|元|rmb)?")
# "jeans and casual shoes with it?", "a belt with the 2nd?": pieces asked for with one shown
_PIECES_WITH_ONE = _rx(
    r"(?<!\bgo)(?<!goes)(?<!pair)(?<!along)\s+with\s+(?P<one>it|this|that|this one|that one|the (?:1st|2nd|3rd|[45]th|"
    r"first|second|third|fourth|fifth|last)(?: one| pair)?)(?=\s*\?)"
)
_BUDGET_RAISED = _rx(
    r"\b(?:bump|raise|increase|push|stretch|move|take|extend|widen|(?:i |we )?can go)\s+"
    r"(?:it|the budget|my budget|budget|that|the limit)?"
    r"\s*(?:up\s+)?to\s+(?P<to>(?:rs\.?\s*|₹\s*)?\d[\d,]*(?:\.\d+)?\s*k?)\b"
)
_SIZE_SAFER = _rx(
    r"^\W*(?:(?:actually|maybe|hmm+|ok|okay|or|nah|wait)\W+)*(?P<size>xxl|xl|xs|s|m|l)\s+"
    r"(?:might|would|will|should|could|may)?\s*(?:be|is)\s+(?:safer|better|fine|good|ok|okay|best)\b"
)
_BUDGET_RAISED_ZH = re.compile(  # "预算可以加到2000", "要是加到两千五呢"
    r"(?:预算|^\W*(?:要是|如果|那)?(?=(?:再)?(?:加|提|涨)到))(?:可以|能|也可以)?(?:再)?(?:加|提|涨|放|调|升|加高|提高)到\s*(?P<to>[\d一二两三四五六七八九十百千万.kK]+)"
    r"(?![\d一二两三四五六七八九十百千万.kK])\s*(?:块|元)?(?!\s*(?:左右|上下|以内|以下|之内))"
)
# A budget for every piece together ("800 for both together", "一共不超过1000")
_FOR_THEM_ALL = _rx(
    r"\bfor (?:both|all|the (?:two|three|four|pair|lot))\b(?:(?: of)? (?:them|those|together|combined|in total))?|"
    r"\b(?:in total|altogether|combined|total)\b|一共|总共|加起来|合计|总价"
)
_FOR_ALL_SO_MANY = _rx(r"\b(?P<all>for all)(?: of the)? (?:[2-5]|two|three|four|five)\b(?! ?(?:k\b|rs|₹|inr|%))")
_BOTH = _rx(r"\bboth\b")
_EACH_SAID = _rx(r"\b(?:each|apiece|a piece|per (?:piece|item|pair|head|person|one|pc))\b|每[件个条双套只人]|各")
# How many of the thing: "2 identical plain white tees", "3 pairs of socks", "两件一样的白T"
_PIECES_COUNTED = _rx(
    r"(?<![\d,.₹])\b(?P<n>[2-5]|two|three|four|five)\s+(?=(?:pairs?|pieces?|packs?|sets?|identical|same|matching|"
    r"similar|plain|[a-z]+s)\b)(?! ?(?:k\b|rs|₹|inr|%|yrs?|years?))|"
    r"(?P<z>[两二三四五])\s*[件双条个套只](?!码)"
)
# "just show me 3 brown belts", "给我看三个钱包": how many products to show, not to buy
_SHOW_SO_MANY = _rx(
    r"\b(?:show|suggest|recommend|list|send)(?: me| us)?(?: (?:just|only|like|maybe|some|any|the top|the best))? "
    r"(?P<n>[2-9]|10|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?: (?:pairs? of|options?|choices|of (?:your|the) (?:best|top)))?\b"
    r"(?! ?(?:k\b|rs|₹|inr|%|yrs?|years?|pcs|pieces|x\b))|"
    r"\btop (?P<t>[2-9]|10|three|five|ten)\b(?! ?(?:k\b|rs|₹|inr|%))|"
    r"\b(?P<o>[2-9]|10|five|six|seven|eight|ten) (?:more )?(?:options|choices|results)\b|"  # "10 options pls"
    r"(?:给我|帮我)?(?:看看?|推荐|推|挑|选)(?:一下)?(?P<z>[两二三四五六七八九十]|[2-9])(?:个|款|件|条|双|只|套|副|块|顶|对)"
)
_COUNT_WORDS = {
    **{w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)},
    **{w: i for i, w in enumerate("二三四五六七八九十", 2)},
    "两": 2,
}


_MATCHING = _rx(r"\bmatching\b|\bthat matches\b|\bto match\W*$")  # "got a belt to match?"


def _in_matching_colours(request: ShopperRequest, text: str, context: Context) -> None:
    """ "and a matching wallet for her too" after beige or cream handbags: the new kind in
    the colours asked for before."""
    last = context.last_request
    if request.intent not in (Intent.search, Intent.refine) or len(request.needs) != 1 or last is None:
        return
    need, before = request.needs[0], [c for n in last.needs for c in n.colours]
    if not before and context.focus is not None and last.intent is Intent.cart_add:  # "got a belt to match?" after
        before = [context.focus.colour] if context.focus.colour else []  # adding a brown wallet: a brown belt
    if _MATCHING.search(text) and before and need.has_product() and not need.colours and not need.exclude_colours:
        need.colours = list(dict.fromkeys(before))


def _so_many_of_the_most(text: str, context: Context) -> ShopperRequest | None:
    """ "3 pairs of the cheapest": that many of the cheapest shown, into the cart."""
    said = _SO_MANY_OF_THE_MOST.search(text) if context.shown else None
    if said is None:
        return None
    number, which = said.group("n").lower(), said.group("which").lower()
    return ShopperRequest(
        intent=Intent.cart_add,
        text=text,
        reference=Reference(superlative=_SUPERLATIVES_SAID[which], confidence=0.9),
        quantity=_NUMBER_WORDS.get(number) or int(number),
        confidence=0.8,
    )


def _asks_something(request: ShopperRequest) -> bool:
    """Whether a need of the request names a product or any constraint ("slim?" and "show me
    just 3" name neither: they are about the search shown)."""
    return any(n.has_product() or n.filters().model_dump(exclude_defaults=True) for n in request.needs)


def _only_a_count(request: ShopperRequest, text: str, context: Context) -> ShopperRequest:
    """ "show me just 3" after a search, nothing else said: the same search, three of it."""
    count = _count_asked(text) if context.has_search else None
    if count is None or request.intent not in (Intent.search, Intent.refine):
        return request
    if _asks_something(request):
        return request
    return ShopperRequest(  # "top 3 cheapest only": three of it, in that order (no Tops)
        intent=Intent.refine,
        text=_TOP_SO_MANY.sub("", text),
        needs=[ProductNeed(text="")],
        count=count,
        sort=request.sort,
    )


def _one_search(request: ShopperRequest) -> bool:
    """A search or refinement of one need: a list whose length the shopper may set."""
    return request.intent in (Intent.search, Intent.refine) and len(request.needs) <= 1


def _each_of_a_total(needs: list[ProductNeed], text: str) -> None:
    """ "2 identical white tees, 800 for both together", "三双袜子 一共不超过600": one need of
    several pieces with a budget for them all: each piece costs at most its share."""
    price = needs[0].price if len(needs) == 1 else None
    if price is None or price.max is None or not _FOR_THEM_ALL.search(text):
        return
    if _EACH_SAID.search(text):  # "around 2k each, for both of them": the amount is each one's already
        return
    counted = _PIECES_COUNTED.search(text)
    word = (counted.group("n") or counted.group("z")).lower() if counted else "two" if _BOTH.search(text) else ""
    pieces = _NUMBER_WORDS.get(word) or _COUNT_WORDS.get(word) or (int(word) if word.isdigit() else 0)
    if pieces >= 2:
        needs[0].price = price.model_copy(
            update={
                "max": round(price.max / pieces),
                "min": round(price.min / pieces) if price.min else price.min,
                "around": round(price.around / pieces) if price.around else price.around,
            }
        )


def _budget_scaled(text: str, context: Context) -> str:
    """ "these all look cheap lol. double that budget": the cap asked before, doubled (or
    halved), said as a cap."""
    said = _BUDGET_TIMES.search(text)
    last = context.last_request
    caps = [n.price.max for n in (last.needs if last else []) if n.price and n.price.max]
    if said is None or not caps:
        return text
    factor = 0.5 if (said.group("how") or "").lower() in ("half", "halve") else 2.0
    return f"{text[: said.start()]} under {caps[0] * factor:.0f} {text[said.end() :]}"


def _count_asked(text: str) -> int | None:
    """How many products the shopper asked to see, if a number of them was said."""
    said = _SHOW_SO_MANY.search(text)
    if said is None:
        return None
    word = (said.group("n") or said.group("t") or said.group("o") or said.group("z")).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


_EACH_NEED = _rx(
    r"\b(both|one of each|each of (them|those|these)|them all|all of (them|those)|the two|the pair|everything|"
    r"all (three|four|of it|the (items|pieces|things)))\b|"
    r"两个都|两件都|两样都|都加|都要|都买"
)
_LOOK = _rx(
    r"\b(outfit|look(?!\s+(?:good|great|nice|better|best|cool|ok|okay|fine|decent|smart|cute|amazing)\b)|"
    r"ensemble|get-?up|(?<!\bi )wear(?! with (it|them|this|that)\b)(?! (it|them)\b)|wearing|dress me|style me|"
    r"(?:whole|full|complete|entire|gym|workout|training|trekking|hiking) kit|"
    r"put (?:(?:something|smth|sth|a look|an outfit|a fit|one|it all|the two|the three|both|them|these|those)\s+)?"
    r"together|"
    r"put together (?:something|smth|sth|a look|an outfit|a fit|one))\b|"
    # "college fest ka fit", "a full gym fit": a look, in young shoppers' words (never "slim fit")
    r"\b(?:full|whole|complete|gym|office|college|fest|party|date|concert|diwali|warm|chill|travel|trip|"
    r"airport|brunch|vacay|vacation|ka|wala|wali|sick|fire|cute|comfy|festive|workout|training|running|yoga|"
    r"wedding|sangeet|mehendi|haldi|beach|holiday|winter|summer|weekend|casual|formal|ethnic)\s+fit\b"
    r"(?!\s+(?:me|properly|well|true))|"
    r"\b(?:full|whole|complete)\s+[a-z]+\s+fit\b(?!\s+(?:me|properly|well|true))|"
    r"穿什么(?![码号])|穿啥(?!都|码)|搭配一身|配一[身套]|一整?套|整套|穿的一套|穿搭|帮我搭|顺便搭|搭一[件双条套身]"
)
# "heels i can wear to a party": the one piece named is what is wanted, worn there (no other look word)
_ONE_TO_WEAR = _rx(
    r"^(?!.*\b(outfit|look|ensemble|head to toe)\b)"
    r".*\b(?:(i|she|he|we|you|u|they) (can|could|would|will|'ll|might|to) wear|"
    # "a maroon saree to wear to a wedding" (not "something to wear", "what to wear")
    r"(?!something|anything|smth|sth|what|wat|clothes|stuff)[a-z]{3,} to wear)\b"
)
_LOOK_GOOD_WITH = _rx(
    r"\blooks? (good|great|nice|better|best|cool|smart|decent) (with|together)\b|"
    r"\bgo(es)? (well|nicely|best)( with (it|that|this|them)| together)?\s*[?.!]"
)
_TOTAL_BUDGET = _rx(
    r"\b(for both|for the (two|lot|whole)|total|altogether|all together|both together|combined|in all|"
    # "<5k both" (but "both under 2k": each)
    r"for everything|overall|all in|to spend|for all of (?:it|them|that|this)|"
    r"on (?:everything|both|all of (?:it|them))|(?:for )?(?:the )?whole (?:thing|kit|lot|set|look|outfit|fit|vibe))\b|"
    r"\d\s*(?:k|rs\.?|inr|/-)?\s+both\s*[.!]*$|"
    # "一起两千以内", "成套唔好超过四千": the pieces together
    r"一共|总共|总价|加起来|加一起|加在一起|成套|整套|一起(?=[^，,。]{0,6}(?:以内|之内|内|左右|不超过|搞定))|(?:两样|两件|三样)(?=[^，,。]{0,6}(?:以内|之内|内|搞定|左右|不超过|块|元))|全部(?=[^，,。]{0,6}(?:以内|之内|内|搞定|左右))|总预算|"
    # "一千五搞定": all of it for that
    r"(?<![\d一二两三四五六七八九十千百])[\d一二两三四五六七八九十千百.kK]+\s*(?:块|元)?\s*搞定"
)
# "都是L码", "both in XL": words said after several needs that hold for all of them
_EVERY_ONE = _rx(
    r"\b(all|both|all of them|for all|every one|everything)\b|都(?!行|可以|好|ok|成)|全部"
)  # "金色银色都行": either
_SAID_OF_A_COLOUR = _rx(r"\b(?:makes?|looks?|is|are|was|were|doesn'?t|don'?t|never|hate|suits?)\b|显|不适合|不好看")
_ONLY_WORD = _rx(r"\b(?:only|just)\b|只要|只看")
# "under 800 each": a price for every piece, not one for them all
_PRICE_EACH = _rx(r"\b(each|per piece|apiece|per item|separately|alag se)\b|各|每(件|样|个)")
_DROP = _rx(
    r"^\s*((ok|okay|actually|hmm+|so|but|and|nah|pls|please|then)\W+)*"
    r"(forget|skip|not|no(?!\s*,|\s+(actually|actualy|wait|sorry|show|give|i|instead|pls|please|thanks|need)\b)|"
    r"without|except|don'?t|dont|never ?mind|minus|drop|ditch|scratch|leave out|leave the|lose|park(?= the\b)|"
    r"anything (?:but|except|other than|apart from))\b"  # "shoes, anything but sports shoes"
)
# "add the 4th belt. and pls remove the watch": a second cart action after the first
_SECOND_CART_ACTION = _rx(
    r"(?<=\S)(?:\s*[.,;!，。；！]+\s*|\s+)(?:(?:and|also|n|&|then|plus|aur|phir|oh)\s+|(?:然后|接着|顺便|再)\s*)*"
    r"(?:(?:pls|please|plz)\s+)*"
    r"(?:(?<=\balso )(?=(?:some|a|an|need|i need|want|show me)\b)|"  # "add the first one. oh and also some earrings"
    # "add the 2nd in S. is delivery free on that?": a question of its own after the add
    r"(?:(?<=[.!?,]\s)|(?<=\balso\s)|(?<=\band\s))(?=(?:is|are|do|does|can|could|will|would|how|when)\b[^.!?]*\??\s*$)|"
    r"(?=(?:tell me|let me know|confirm)\s+(?:if|whether)\b)|"  # "pop the 2nd in and tell me whether i can pay COD"
    r"(?=(?:remove|delete|take out|drop|add|put|throw in|chuck in|toss in|change|"
    r"make (?:it|that|the (?:1st|2nd|3rd|[45]th|first|second|third|fourth|fifth|last)\b)|"
    r"(?:what'?s |show )?(?:my )?total|"
    r"what'?s in (?:my|the) cart|check ?out|place (?:the |my )?order|how much (?:for|is) (?:the )?delivery|"
    r"(?:how|hw) many (?:things|items|pieces)?\b[^.?!]*\bcart)\b)|"  # "also hw many things in my cart now"
    r"(?=(?:帮我)?去?(?:结账|下单|买单))|"  # "第四件也加上 一样S码 然后结账"
    # "购物车一共多少钱 包邮吗": the cart, then a delivery or payment question
    r"(?<=[\s,，。?？])(?=(?:包邮|要运费|运费|免运费|能货到付款|可以货到付款)(?:吗|么|嘛|多少|不)?\W*$)|"
    # "第二个加购 可以帮忙包装成礼物吗", "头带第二个加一个 现在总共几件": a last clause that asks
    r"(?<=[\s,，。!！])(?:顺便问一?下\s*)?(?=[\u4e00-\u9fff][^,，。]{1,24}?(?:吗|么|嘛|不|呢|来着|几件了?|[?？])\W*$)|"
    # "kitna hua total? delivery free hai?"
    r"(?<=[?.!,]\s)(?=(?:delivery|shipping)\s+(?:free|charges?|fees?|kitna|kitne|lagega|cost)\b)|"
    # "2nd hata do, 4th wala daalo" (read "2nd remove it, 4th one add it"): a place, then its own verb
    r"(?<=[,;]\s)(?=(?:the )?(?:[1-9](?:st|nd|rd|th)|first|second|third|fourth|fifth|last)(?: one| pair)?\s+"
    r"(?:add|put|remove)\b)|"
    r"(?P<same_verb>(?<=\band )(?=the (?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last) [a-z]+\s*[.!]*$)|"
    # "I'll take the first one. And the third as a spare": a sentence of its own
    r"(?<=[.!] and )(?=the (?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)"
    r"(?: one| pair| piece)? (?:as|for|too|also)\b)))"
)
_CART_ACTIONS = {Intent.cart_add, Intent.cart_remove, Intent.cart_view}
# what may follow a cart action in the same message: the order placed, a question of the store
# (or a search for a product named, "oh and also some earrings")
_AFTER_A_CART_ACTION = _CART_ACTIONS | {Intent.checkout, Intent.store_info}
# "make it all black", "full white fit", "一身黑": one colour for every piece of the look
_ALL_ONE_COLOUR = _rx(
    r"\b(?:all|full|total|head to toe|monochrome|everything)[\s-]+(?:in\s+)?[a-z]+\b|全身|一身|全(?=[黑白红蓝灰])"
)
# "and a sports bra in 34B?": a band and cup size (the catalog sizes bras by letter), a product wanted
_BRA_SIZE = _rx(r"\b(?:in|size)\s+(?:2[8-9]|3\d|4[0-4])\s?(?:aa|a|b|c|d|dd|e|f)\b")
_FOLLOW_UP = _rx(
    r"^\s*((thanks?|thank you|ok(ay)?|oh|ah|hmm+|great|cool|alright|got it)\W+)*"
    r"(what about|how about|and|n|also|same for|what if|(within )?how (much time|long|many days|soon))\b|"
    r"\b(the|that|this|my) request\b|"
    r"\b(too|as well|also|for (that|this|it))\s*[?.!]*\s*$|^\s*那|"
    # "they were 50% off in the sale btw, same thing?"
    r"\b(same thing|same rule|same deal|same policy|does (that|this|it) (also |still )?apply)\s*[?.!]*\s*$|"
    r"^\W*[a-z]+( [a-z]+)? (possible|available|allowed|an option|free|extra)\s*\?+\s*$"  # "express possible?"
)
_SWAP = _rx(
    r"^\W*(?:(?:ok|okay|hmm|nah|na|nope|actually|ya|yeah|can you|could you|pls|please|maybe|and|but)\s+)*"
    r"(?:swap|change|replace|switch)\s+"
    r"(?:the|those|that|these|my)\s+(?P<piece>[a-z ]{2,30}?)\s+(?:for|with|to|into)\s+(?P<into>.+)$"
)
# "mojari hata do, sandals dikhao" (read "mojari remove it, sandals show"), "drop the cap, show me a
# hat instead": one kind out, another shown in its place
_DROP_THEN_SHOW = _rx(
    r"^\W*(?:(?:ok|okay|nah|actually|pls|please)\W+)*(?:(?:remove|drop|skip|ditch|forget)\s+(?:the\s+)?"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)|(?P<before>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:remove it|hata do|hatao|"
    r"nikal do|nikalo))\s*(?:[,;.]+\s*(?:and\s+)?|\s+and\s+)"
    r"(?:(?:show(?: me)?|get me|give me)\s+(?:some\s+|a\s+|an\s+)?(?P<into>[a-z]{3,20}(?: (?!instead\b)[a-z]{3,20})?)"
    r"(?:\s+instead)?|(?P<into2>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:show|dikhao|instead))(?:\s+(?:pls|please))?\W*$"
)
# "衬衫想要格子的", "鞋子要皮鞋": a piece of a look wanted otherwise, said as a wish (read as its swap)
_PIECE_WANTED_ZH = _rx(
    r"^\W*(?P<piece>[\u4e00-\u9fff]{1,4}?)(?:就|的话|呢)?\s*(?:想要|要)(?=[\u4e00-\u9fff]{1,6}的?\W*$)"
)
# Patterns said in English, as the titles spell them ("a checked one": Check Shirts)
_EN_PATTERNS = (
    (_rx(r"\b(?:checked|checks|checkered|chequered|plaid|plaids|tartan|chekd|checkd|chked|chex)\b"), "check"),
    (_rx(r"\b(?:striped|stripes|stripy|stripey|pinstriped?)\b"), "stripe"),
    (_rx(r"\b(?:printed|prints)\b"), "print"),
    (_rx(r"\b(?:floral|flowery)\b"), "floral"),
)
_SWAP_ZH = _rx(
    r"^\W*(?:能不能|可以|请)?把?\s*(?P<piece>[\u4e00-\u9fff]{1,6}?|[a-z]+(?: [a-z]+)?)\s*"  # "heels 换成 flats 吧"
    r"(?:换成|改成|换个|换一个|换一双)(?P<into>.+)$"
)


def _kind_for_kind(
    ask: OutfitAsk, gone: ProductNeed, into: ProductNeed, slot_of: Callable[[ProductNeed], str | None]
) -> None:
    """One kind of piece in the look for another ("cant do heels, flats instead"): the
    first kept out of every look, the second asked for in its place; a piece the shopper
    named is replaced, one the look chose (the heels of a look asked with trousers) is
    preferred in its slot, the look's other pieces kept."""
    ask.excluded = list(dict.fromkeys([*ask.excluded, *gone.article_types]))
    # "those shoes will get soaked, swap for flip flops": the flats go; "white churidar pls, not jeans" of a
    # look with some bottoms: those bottoms go (one piece to a slot)
    slot = slot_of(gone) if slot_of(gone) in ("Footwear", slot_of(into)) else None
    kept = [p for p in ask.pieces if _kinds(p).isdisjoint(_kinds(gone)) and not (slot and slot_of(p) == slot)]
    # a look of only the pieces named (two or more): the new kind joins them even where the look held none of
    # the other; a whole look led by one piece keeps it, the new kind preferred in the slot it fills
    ask.pieces = [*kept, into] if len(kept) < len(ask.pieces) or len(ask.pieces) >= 2 else ask.pieces
    ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(gone))], into]


# "cant do heels honestly, flats instead?": one kind of piece for another
_INSTEAD_OF = _rx(
    r"^\W*(?:(?:i|ok|okay|but|sorry|honestly|actually|she|he|they)\s+)*"
    r"(?:can'?t|cannot|cant|won'?t|wont|don'?t|dont|doesn'?t|doesnt|does not)\s+"
    r"(?:do|wear|walk in|manage|carry|like|want)\s+(?:the\s+)?(?P<piece>[a-z]{3,20})\b[^,.;!?]{0,20}[,.;!?]+\s*"
    r"(?:(?:maybe|some|give me|show me|get me|how about|what about)\s+)?(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s+"
    r"instead\b"
)
# The assistant told it showed the wrong person's things ("why r u showing mens stuff"): no
# one to search for, only a correction (the person said beside it is the one).
_SHOWN_THE_WRONG_ONES = _rx(
    r"\b(?:why (?:r|are|did) (?:u|you) (?:showing|show|giving|give)|(?:u|you) (?:showed|are showing|r showing))"
    r"(?: me)?\s+(?:mens?|men'?s|womens?|women'?s|ladies|boys'?|girls'?|kids'?)\s+"
    r"(?:stuff|things|ones|items|products|clothes|shoes)\b"
)
# "track pants instead of shorts": the second kind out of the look, the first in (also as the
# last sentence: "make it more casual actually, it's for a team lunch. jeans instead of the trousers")
# "instead of earrings maybe a pendant?": the piece first, then what takes its place
_INSTEAD_OF_X_Y = _rx(
    r"^\W*(?:(?:ok|okay|but|and|hmm|pls|please)\s+)*(?:instead of|rather than)\s+(?:the\s+|those\s+|that\s+)?"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)\s*,?\s+(?:(?:maybe|how about|what about|perhaps|try|show me|get me)\s+)?"
    r"(?:a\s+|an\s+|some\s+)?(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s*(?:pls|please|plz)?\s*[?.!]*$"
)
_X_INSTEAD_OF_Y = _rx(
    r"^(?:[^?]*[.!]\s+)?\W*(?:(?:ok|okay|but|and|maybe|actually|pls|please)\s+)*(?:some\s+|a\s+)?"
    r"(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:instead of|rather than)\s+(?:the\s+|those\s+|these\s+|that\s+|my\s+)?"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)"
    r"\s*(?:pls|please|plz)?\s*(?:[?.!,]+\s*(?:i'?m|im) (?:a |an )?(?:size )?(?:uk ?\d{1,2}|xs|s|m|l|xl|xxl))?[?.!]*$"
)
# "the heels are too high for me, do it with flats instead", "hmm the heels look too high, swap for something
# flat", "heels r too high for me swap them for flats": a piece of the look found wanting, and what to put in
# its place
_WANTING_THEN_SWAP = _rx(
    r"^\W*(?:(?:hmm+|ok|okay|but|and|actually|sorry|honestly)\W+)*(?:(?:the|those|these|that)\s+)?"
    r"(?P<piece>[a-z]{3,20})\s+(?:(?:with (?:it|this|that|them)|will|would|might|'?ll)\s+)?"
    r"(?:are|is|look|looks|seem|seems|r|feel|feels|get|gets|be)\b[^,.;!?]{0,30}(?:[,.;!?]+\s*|\s+)"
    r"(?:(?:so|pls|please|can you|could you)\s+)*(?:do it|make it|go|swap(?: them| it)?|switch(?: them| it)?|"
    r"change(?: them| it)?|replace(?: them| it)?|try)\s+(?:with|for|to)\s+(?:something\s+|some\s+|a\s+pair of\s+|"
    r"a\s+|an\s+)?(?!(?:others?|another|different|new|better|nicer)\b)"
    r"(?P<into>[a-z]{3,20}(?:\s+(?:or|and|/)\s+[a-z]{3,20}(?: [a-z]{3,20})?)?)"
    r"(?:\s+ones)?(?:\s+instead)?(?:\s+(?:pls|please))?\W*$"
)
# "heals r too high prob, flats instead": a piece of the look found wanting, then the kind in its place
_WANTING_THEN_INSTEAD = _rx(
    r"^\W*(?:(?:hmm+|ok|okay|but|and|actually|sorry|honestly)\W+)*(?:(?:the|those|these|that)\s+)?"
    r"(?P<piece>[a-z]{3,20})\s+(?:are|is|r|look|looks|seem|seems|feel|feels|too)\b(?:[^,.;!?]{0,40}[,.;!?]+\s*){1,3}"
    r"(?:(?:so|maybe|pls|please|some)\s+)*(?!(?:something|smth|sth|anything|one|ones)\b)"
    r"(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s+instead(?:\s+(?:pls|please))?\W*$"
)
# "actually i cant walk in heels to save my life 😂 flats instead?": the kind one cannot wear, another in its place
_CANT_THEN_INSTEAD = _rx(
    r"^\W*(?:(?:hmm+|ok|okay|but|and|actually|sorry|honestly)\W+)*(?:i\s+)?(?:cant|can'?t|cannot|can not|never)\s+"
    r"(?:walk|do|wear|manage|stand|handle|carry off)\s+(?:in\s+)?(?P<piece>[a-z]{3,20})\b[^?!.]{0,40}?[,.;!?\s]+"
    r"(?:[^\w\s]+\s*)*(?:(?:so|maybe|pls|please|some)\s+)*(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s+instead\b"
    r"(?:\s+(?:pls|please))?(?:\W+(?:same|still|keep|within|under)\b[^?!.]{0,25})?\W*$"  # "..., same 6k"
)
# "no sarees, kurta/kurta set?", "no heels, flats pls": one kind turned down, another named after the comma
_NO_THIS_THAT = _rx(
    r"^\W*(?:(?:wait|actually|ok|okay|hmm+|oh|nah|sorry)\W+)*(?:no|not|skip|(?:i\s+)?(?:dont|don't|do not) want)\s+"
    r"(?:the\s+|that\s+)?(?P<piece>[a-z]{3,20})\s*(?:pls|please|plz)?\s*[,;]\s*(?:(?:maybe|rather|just|only|some)\s+)?"
    # "skip the watch, put a belt in instead"
    r"(?:(?:put|get|add|use|throw|try)\s+)?(?:(?:a|an|some)\s+)?"
    r"(?P<into>[a-z]{3,20}(?:[ /][a-z]{2,20}){0,3}?)\s*(?:in\s+)?(?:instead|maybe|then|pls|please|only)?\s*"
    # "..., rest same"; "no heels pls, flats only.. my feet die by 9pm lol": a reason after
    r"(?:[?.!]*\s*(?:rest|everything else|all else|the rest)\s+(?:same|is fine|as is|ok|stays)\W*"
    # "heels nahi yaar, flats better rahenge, pura din khade rehna hai" (read "no heels , flats better ...")
    r"|(?:would be |will be |are |r |is )?better(?:\s+(?:rahenge|rahega|rahegi|hain|hai|hoga|hogi))?(?:[,.!]+\s*[^?]*)?"
    r"|[.!]+\s+[^?]*|[?.!]*)$"
)
# "white churidar pls, not jeans": the kind wanted, then the one it replaces
_THIS_NOT_THAT = _rx(
    r"^\W*(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s*(?:pls|please|plz)?\s*[,;]?\s*(?:not|no)\s+(?:the\s+)?"
    r"(?P<piece>[a-z]{3,20})\W*$"
)

# "actually no heels, I'll be on my feet all evening. flats instead": the kind for it said last
_NO_THIS_LATER_THAT = _rx(
    r"^\W*(?:(?:actually|ok|okay|hmm+|nah|wait|oh|ugh)\W+)*(?:no|not|skip|drop|ditch|lose)\s+(?:the\s+)?"
    r"(?P<piece>[a-z]{3,20})\b[^?]*(?:[,.;!]|[^\w\s])\s*"
    # "skip the sweater, give him a jacket instead", "skip the footwear, suggest a nehru jacket instead"
    r"(?:(?:give|get|suggest|show|add|try|put in|do)\s+(?:him|her|me|us|them\s+)?\s*(?:a|an|some)?\s*)?"
    r"(?P<into>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:instead|then)\s*(?:pls|please)?\s*[.!]*$"
)


# "Instead of the bag let's do a watch for her": the kind turned down first, then the one in its place
_INSTEAD_OF_THE = _rx(
    r"^\W*(?:(?:ok|okay|actually|hmm+|so|and)\W+)*(?:instead of|rather than)\s+(?:the|that|those|a|an)?\s*"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)\s*[,;]?\s*"
    r"(?:(?:let'?s|lets|we'?ll|i'?ll|can you|could you|pls|please)\s+)?"
    r"(?:do|get|go with|try|show me|have|take|buy)?\s*(?:a|an|some)?\s*(?P<into>[a-z].*)$"
)
# "围巾不要了,换成毛衣": one kind given up, then the one in its place
_NO_MORE_THEN_ZH = _rx(
    r"^\W*(?P<piece>[\u4e00-\u9fff]{1,6}?)(?:就)?(?:不要了|不用了|算了|不买了)[，,。 ]*(?:还是)?(?:换成|改成|换|改)"
    r"(?:买|要)?(?P<into>.+)$"
)
# Where the thing swapped in is named: its first clause ("a cute summer dress, i'll take slippers from home")
_FIRST_CLAUSE = re.compile(r"[,，.。;；!！?？]")
# "show me just watches", "先只看鞋", "先看这个就好": only what this message names, for now
_JUST_THESE = _rx(
    r"\b(?:show me|see|look at|let me see)\s+(?:just|only)\b|\b(?:just|only)\s+(?:show|see)\b|"
    r"\b(?:just|only)\s+(?:that|this|those|these|them)\b|只看|先看这个|只要这个|先看[^，,。]{0,4}就好"
)


def _swapped(text: str) -> tuple[str, str] | None:
    """The piece a message swaps and what for: "swap the shoes for something brown",
    "鞋子换成棕色的", "cant do heels, flats instead"."""
    swap = (
        _SWAP.match(text)
        or _SWAP_ZH.match(text)
        or _MAKE_IT.match(text)
        or _CAN_IT_BE.match(text)
        or _INSTEAD_OF.match(text)
        or _X_INSTEAD_OF_Y.match(text)
        or _INSTEAD_OF_X_Y.match(text)
        or _WANTING_THEN_SWAP.match(text)
    )
    if swap and re.match(r"^[\W吧啦呗哈嘛]*(不要|别|$)", swap.group("into")):
        return None  # "鞋换一双吧, 不要运动鞋": other shoes, and not sports shoes, not a swap into them
    if swap and re.match(
        r"^\W*(?:[一两二三四五\d]|one|two|three)\s*(?:[个件双条只套份]|pairs?\b|pieces?\b)", swap.group("into")
    ):
        return None  # "短裤改成一条就行了": how many, not another kind
    if swap is None:
        return None
    return (swap.group("piece"), _without_the_reason(swap.group("into"), swap.group("piece")))


def _dropped_then_shown(text: str) -> tuple[str, str] | None:
    """ "mojari hata do, sandals dikhao", "drop the belt, show me a wallet instead": the kind
    dropped and the one shown in its place (of a look, or of several needs)."""
    shown = _DROP_THEN_SHOW.match(text)
    if shown is None:
        return None
    return shown.group("piece") or shown.group("before"), shown.group("into") or shown.group("into2")


def _without_the_reason(into: str, piece: str) -> str:
    """What a piece is swapped for, without the reason said after it ("flats, i genuinely
    cannot walk in heels", "joggers, shorts r not my thing"); a size said after it stays."""
    # (and "flats 吧 那天要走很多路": the reason after the particle that closes the ask)
    head = re.split(r"[,;.!]|\s+(?=(?:because|coz|cuz|since|bc)\b)|(?<=[吧啦呗])", into, maxsplit=1)[0]
    rest = into[len(head) :]
    if not rest:
        return into
    reason = re.match(r"\W*(?:because|coz|cuz|since|bc|i|i'?m|im|they|those|these|it|that|my)\b", rest, re.I)
    piece_again = re.search(rf"\b{re.escape(piece.split()[-1])}", rest, re.I) if piece.strip() else None
    return head if reason or piece_again else into


# "show me a stole": a new thing asked for, named with an article
_SHOW_ME_A = _rx(r"\b(show|find|get|give) me (a|an|some|any) (?P<what>.+)$")
# "make the shoes white instead", "get the kurta in blue": one piece of the look changed
_MAKE_THE_LOOK = _rx(r"^\W*(?:(?:ok|okay|pls|please|can you|could you|and|but)\s+)*make (?:it|the look|everything)\b")
_MAKE_IT = _rx(
    r"^\W*(?:(?:ok|okay|pls|please|can you|could you|and|but)\s+)*(?:make|get|want|need)\s+(?:the|those|that|my)\s+"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?P<into>(?:in\s+)?[a-z]+(?: [a-z]+)?(?: not [a-z]+)?)(?:\s+instead)?"
    r"\s*[?.!]*$"
)

# "can the tee be in grey instead", "the shoes in brown instead?", "can the shoes be nike or puma": one
# piece of the look in another colour or brand
_CAN_IT_BE = _rx(
    r"^\W*(?:(?:ok|okay|hmm|pls|please|and|but|also)\s+)*(?:(?:can|could|would|will)\s+)?(?:the|those|that|his|her)\s+"
    r"(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:be\s+)?"
    # "can the shoes be nike or puma", "can the shirt be a checked one?"
    r"(?P<into>in\s+[a-z]+(?: [a-z]+)?|(?<=be\s)(?:an?\s+)?[a-z]+(?:\s+(?:or|and|/)\s+[a-z]+|\s+one)?)"
    r"(?:\s+instead)?(?:\s+(?:pls|please))?\s*[?.!]*$"
)

# "under 3000 total", "and 5k max": a message that only sets a price
_ONLY_A_PRICE = _rx(
    r"^\W*(?:(?:and|but|ok|okay|now|maybe|pls|please)\s+)*(?:under|below|within|max|upto|up to|less than)?\s*"
    r"(?:rs\.?|inr|₹)?\s*\d[\d,.]*\s*k?\s*(?:rs|inr|rupees)?\s*"
    r"(?:total|in total|max|for everything|for all|overall|tops)?\s*(?:pls|please)?\W*$"
)
# "bit pricey, cheaper pls, under 1500", "有点贵 便宜点的 一千五以内": a price said last, after a few words
_PRICE_SAID_LAST = _rx(
    r"^(?=[^.,!?]{0,30}\b(?:pricey|pricy|expensive|costly|steep|too much|a lot|cheaper|mehenga|mehnga)\b)"
    r"(?:[^.,!?]{0,30}[.,!?]+\s*){1,3}(?:under|below|within|max|upto|up to|less than)\s*(?:rs\.?|₹|inr)?\s*"
    r"\d[\d,.]*\s*k?\W*$|"
    r"^(?:[^\d]{0,6}(?:贵|便宜)[^\d]{0,8}?)?(?:控制在|在)?\s*[\d一二两三四五六七八九十百千万.]+\s*(?:块钱|块|元)?\s*"
    r"(?:以内|以下|之内)\W*$"
)
_KEEP_UNDER = _rx(
    r"^(?:[^.,!?]{0,25}[.,!?]+\s+){0,2}\W*(?:(?:ok|okay|but|and|pls|please|can you|could you|ugh|actually|hmm+|wait|"
    r"nah|oh)\s+)*(?:keep|make|get|want|(?:can|could) (?:u|you) do (?:it|that|this|the look))\b|"
    r"^\W*(?:the\s+)?[a-z]{3,20}(?: [a-z]{3,20})?\s+(?:should|must|has to|needs to|to)\s+be\s+"
    r"(?:under|below|within|max)"
)
# After a look, a piece and a price ("earrings under 500 pls", "耳环要500块以内的"): that piece's price
# "those are a bit much, show me looks under 2500": a new budget for the looks
_LOOKS_UNDER = _rx(
    r"\b(?:looks?|outfits?|options?|combos?|sets?|something|anything)\s+(?:under|below|within|upto|up to|less than)"
    r"\s*(?:rs\.?|₹|inr)?\s*\d|"
    r"\b(?:the )?same (?:thing|look|outfit|combo|set|stuff)\b[^.?!\d]{0,25}\d"  # "the same thing in like 3k total"
)
_PER_LOOK = _rx(
    r"\b(?:under\s+|below\s+|max\s+|upto\s+)?(?P<amount>(?:rs\.?\s*|₹\s*)?\d[\d,.]*\s*k?)\s*"
    r"(?:per|a|each|for each|every)\s+(?:look|outfit|fit|set)\b(?:\s+max(?:imum)?\b)?"
)
_LOOK_PRICE_SAID = _rx(r"\b(?:under|below|within|max|budget|upto|up to|less than)\b")
_STRETCHED_TO = _rx(r"\bcan (?:go|stretch|do)(?: up)? ?(?:to|till|upto)\b")
_WHOLE_LOOK_PRICED = _rx(
    r"\b(?:total|in total|altogether|all together|for everything|everything|overall|all in|the lot|"
    r"(?:for )?all (?:three|four|five|3|4|5|of them|of it)|budget for all\b|"  # "budget for all three is 5k max"
    r"whole (?:thing|look|outfit|lot|set|kit)|(?:her|his|my|the|this|that|each) (?:look|outfit|fit)s?|"
    r"both|the (?:pair|two|three|set|kit)|all of (?:it|them)|"  # "can we get both under 3.5k", "the pair for 1500"
    r"bring (?:it|the whole thing|everything) down)\b|一共|总共|总价|加起来|整套|全套|一套"
)
_AN_AMOUNT = _rx(r"\d|[一二两三四五六七八九十]\s*[千万]")
_DO_IT_IN = _rx(
    r"\bdo (?:it|that|this|the look) (?:in|for|at|under)\s+(?P<amount>(?:rs\.?\s*|₹\s*)?\d[\d,]*(?:\.\d+)?\s*k?)\b"
)
_PIECE_UNDER = _rx(
    r"^\W*(?!(?:just|only)\b)(?:the\s+)?[a-z]{3,20}(?: [a-z]{3,20})?\s+(?:under|below|within|upto|up to|less than|<)\s*"
    r"(?:rs\.?|₹|inr)?\s*\d|"
    r"^\s*(?!只|就|光)[\u4e00-\u9fff]{1,6}要\s*\d[\d,]*\s*(?:块钱|块|元|卢比)?\s*(?:以内|以下|之内)"
)
_ADDED_PIECE = _rx(
    r"^(?:\s*\+|\W*(?:and|also|plus|n)\s)\s*(?:also\s+)?(?!(?:no|not|without)\s)(?:some|a|an|the)?\s*"
    r"(?P<pieces>[a-z ]{3,40}?)\s*"
    r"(?:too|as well|also)?\s*[?.!]*$|"
    r"^\W*(?:(?:some|a|an|the)\s+)?(?!add\s)(?P<later>[a-z ]{3,40}?)\s+(?:too|as well|also|bhi)"
    r"(?:\s+(?:pls|please|suggest karo))?"
    r"(?P<extra>(?:\s*[,.]\s*(?:uk\s*\d{1,2}|size\s*\w{1,3}|same (?:total|budget)|pls|please|"
    r"(?:nothing|no|not) (?:too |very |so )?[a-z]{3,15}|"
    # "n some earrings too, can go upto 3500 now"
    r"(?:i )?can (?:go|stretch|do)(?: up)? ?(?:to|till|upto)?\s*\d[\d,.]*k?(?: now| total)?|"
    r"(?:still |but |keep it )?(?:under|upto|up to|within|below|max)\s*\d[\d,.]*k?(?: now| total)?))*)\s*[?.!]*$|"
    r"^\W*(?:(?:and|ok|okay|now|pls|please)\s+)*add\s+(?:(?:a|an|some|the)\s+)?"
    # "add a stole or shawl too"
    r"(?P<add_also>[a-z]{3,20}(?:\s+or\s+(?:a\s+|an\s+)?[a-z]{3,20}|(?:\s+[a-z]{3,20}){1,2})?)"
    r"\s+(?:also|too|as well)\b|"
    # "ok throw in a nehru jacket as well, I can stretch to 5k for everything": a piece, and the budget said
    r"^\W*(?:(?:and|ok|okay|now|pls|please|maybe)\s+)*(?:throw in|chuck in|add in|add on)\s+(?:a|an|some|the)?\s*"
    r"(?P<throw_in>[a-z ]{3,30}?)\s+(?:also|too|as well)\b(?=\s*(?:[,.;]|$))|"
    # "add some earrings to the look too, same budget"
    r"^\W*(?:(?:ok|okay|now|pls|please|can you|could you)\s+)*(?:add|put|include|throw in)\s+(?:some|a|an|the)?\s*"
    r"(?P<into_look>[a-z ]{3,40}?)\s+(?:to|in|into|with)\s+(?:(?:the|this|that|my|these|those)\s+"
    r"(?:looks?|outfits?|fits?)\b|(?:it|this|that)\s*(?:too|also|as well|pls|please)?(?:\s*[,;]\s*[^?]*)?\W*$)|"
    # "add a rain jacket or umbrella" after a look: a kind, never one shown ("add the 2nd" is the cart's)
    r"^\W*(?:(?:i'?m|im|i am)\s+(?:a\s+)?(?:size\s+)?(?:uk\s*\d{1,2}|xxl|xl|xs|s|m|l)(?:\s+in\s+[a-z]+)?\s*[,.;]?\s+)?"
    # "i'm UK5 in shoes, add some flats", "can u add a muffler or smth for her neck"
    r"(?:(?:and|ok|okay|now|pls|please|can you|could you|can u|could u|maybe|perfect|great|nice|cool|lovely|awesome|"
    r"also|then|n)\W+)*(?:add|throw in|chuck in|toss in|include)\s+(?:a|an|some)\s+"
    r"(?P<add_bare>[a-z][a-z ]{2,40}?)\s*(?:pls|please|plz)?\s*"
    # "a cap for the sun"
    r"(?:for (?:the |a |my )?(?:sun|rain|cold|evening|night|trip|trek|walk|beach|office|party)\s*)?"
    # "..., and keep it all under 5k", "a tie, still under 4k", "a sling bag, can stretch to 4000"
    r"(?:(?:,|and|but)\s+(?:keep|make|stay|all|everything|still|can|i can|under|upto|up to|max|budget)\b[^?]*)?[?.!]*$"
)
# "whole thing under 2500 possible?": one budget for everything asked together
_WHOLE_THING = _rx(r"\b(whole|entire|complete) (thing|lot|look|outfit|fit|kit)\b|\ball of (it|them) together\b")


def _needs_as_a_look(text: str, context: Context) -> ShopperRequest | None:
    """After a search of several pieces ("top + jeans"), "whole thing under 2500" asks for
    those pieces together within one budget: a look of them."""
    last = context.last_request
    if last is None or last.intent is not Intent.search or len(last.needs) < 2 or not _WHOLE_THING.search(text):
        return None
    budget = parse_query(text).filters.price_max
    if budget is None:
        return None
    pieces = [n.model_copy(deep=True, update={"price": None}) for n in last.needs if n.has_product()]
    gender = next((n.gender for n in pieces if n.gender), None)
    ask = OutfitAsk(pieces=pieces, budget=budget, gender=gender, usage=next((n.usage for n in pieces if n.usage), None))
    return ShopperRequest(intent=Intent.outfit, text=text, outfit=ask, confidence=0.8)


_ONLY_PIECES = _rx(r"\b(?:only|just)\s+(?:want|need|get)?\s*(?:the\s+)?(?P<pieces>[a-z +&/]{3,60}?)\s*[?.!]*$")
_ONLY_PIECES_ZH = re.compile(
    # "墨镜太贵了 不要了 就裙子和拖鞋", "皮帶唔使喇 淨係恤衫同西褲" (淨係: only)
    r"(?:只要|只留|就要|只看|只想看|(?<=[\s，,。！!])(?:就|只|淨係|净系|净係)(?![要想看留]))"
    r"(?P<pieces>[\u4e00-\u9fffA-Za-z+和跟同、]{2,20}?)(?:吧|就行|就好|了|得喇|就得)?\W*$"
)
_FOR_SOMEONE = _rx(
    r"\bfor (my|his|her|our) (little |elder |younger |)(mother|father|wife|husband|son|daughter|brother|sister|"
    r"boyfriend|girlfriend|friend|nephew|niece|grand\w+|nani|dadi|boss|colleague|kids?|baby|parents)\b"
)
# "want something useful not showy", "想送她点实用的": something asked for, whatever the person is described doing
_ASKS_SOMETHING = _rx(
    r"\b(?:want|need|get|looking for|suggest|gift)\b[^.?!]{0,20}\b(?:something|smth|sth|anything)\b|"
    # "... feels cold once the sun goes down. something comfy for him?": the ask, after the story
    r"(?:^|[.!?,]\s*)(?:something|anything|smth|sth)\s+[a-z]+(?:\s+[a-z]+)?\s+for\s+(?:him|her|them|me|my\s+\w+)\b|"
    r"送(?:她|他|你|点|个|些)[^，,。]{0,4}(?:实用|好看|特别|有意义)"
)
# "something classy for my wife", "for my dad, anything nice": no kind named, for someone known
# (not "something for my dad, he only wears formals": his wear, searched as such)
_SOMETHING_FOR_SOMEONE = _rx(
    rf"^(?!.*\b(wears?|wearing|to wear|formals?|casuals?|ethnic|office|work)\b)(?:.*?)(?:"
    rf"\b(something|smth|smthng|sth|anything|stuff)\b(?:\s+\w+){{0,3}}\s+{_FOR_SOMEONE.pattern[2:]}|"
    rf"{_FOR_SOMEONE.pattern}\W+(something|smth|smthng|sth|anything)\b)"
)
_SAME = _rx(r"\b(same|similar|those|these|them|one|too|also|as well)\b")
# The shopper's partner, named beside "for me": the shopper is the other half of the couple.
_PARTNERS = {"husband": "Men", "boyfriend": "Men", "fiance": "Men", "wife": "Women", "girlfriend": "Women"}
_PARTNERS |= {"老公": "Men", "丈夫": "Men", "男朋友": "Men", "老婆": "Women", "媳妇": "Women", "妻子": "Women"}
_PARTNERS |= {"女朋友": "Women", "gf": "Women", "fiancee": "Women", "fiancée": "Women", "bf": "Men", "hubby": "Men"}
# "a trip with hubby", "给老婆买条连衣裙 顺便给我自己买条牛仔裤"
_PARTNER = _rx(
    r"\b(?:my|the|with) (husband|boyfriend|fiance|wife|girlfriend)\b|(老公|丈夫|男朋友|老婆|媳妇|妻子|女朋友)"
)
_FOR_ME = _rx(
    r"(?<!steep )(?<!pricey )(?<!costly )(?<!expensive )(?<!much )(?<!dear )(?<!big )(?<!small )(?<!tight )"
    r"(?<!loose )(?<!long )(?<!short )(?<!high )\bfor (?:me|myself)\b|给我自己|我自己(?:也)?(?:买|要)"
)  # "bit steep for me, cheaper ones?": what it costs the shopper, not whose it is
# "a watch for myself", "mere liye bhi", "给我自己也看看", "我也想换个钱包了": the shopper's own
_FOR_ME_TOO = _rx(
    rf"{_FOR_ME.pattern}|\bmere liye\b|\bfor my ?self\b|"
    r"\b(?:me|myself|mine) (?:now|too|also|next)\b|\bnow (?:me|mine|myself)\b|给我自己|我自己|我也想|我也要|轮到我|"
    r"\b(?:something|smth|sth|anything)(?: \w+)? for (?:me|myself)\b"  # "something small for me"
)
# "w hubby ... warm stuff for both of us", "for me and hubby, jackets jumpers whatever"
_BOTH_OF_US = _rx(
    r"\bfor (?:both of us|us both|the two of us|(?:me|myself) (?:and|n|&) (?:my )?(?:husband|hubby|wife|wifey))\b"
)
_ONES_FIRST = _rx(r"\b(?:ones?|pairs?|stuff) first\b")
_SPOUSE_SAID = _rx(r"\b(?:husband|hubby|wife|wifey)\b")


def _each_for_both_of_us(needs: list[ProductNeed], text: str, lexicon: CatalogLexicon) -> list[ProductNeed]:
    """Kinds asked "for both of us" (the shopper and a husband or wife named) read as the
    partner's only: each kind once more for the shopper, the other adult, where it is sold for them
    ("manali trip w hubby, warm stuff for both of us, jackets jumpers": his and hers)."""
    spouse = _SPOUSE_SAID.search(text)
    if not (spouse and _BOTH_OF_US.search(text)) or not needs or _ONES_FIRST.search(text):
        return needs  # "night suits for me and hubby, show the ladies ones first": one at a time
    theirs = "Women" if spouse.group(0).lower().startswith("wife") else "Men"
    mine = "Men" if theirs == "Women" else "Women"
    if any(n.gender not in (theirs, None) for n in needs) or not all(n.article_types for n in needs):
        return needs
    for need in needs:
        need.gender = theirs
    sold = [n for n in needs if any(mine in lexicon.any_genders_of_type.get(t, ()) for t in n.article_types)]
    return [*(n.model_copy(deep=True, update={"gender": mine}) for n in sold), *needs]


# "track pants for me and my husband": one kind for two people, a need each
_A_PERSON = (
    r"me|myself|(?:my|the|our) (?:\d{1,2}\s*(?:yr|yrs|year|years)[ -]old|[a-z]+)|"
    r"an? (?:boy|girl|man|woman|guy|lady|kid|child|teen|teenager)"  # "gifts for a boy and a girl"
)
# the second of two people, "my" said once ("for my mother and father")
_THE_OTHER = rf"{_A_PERSON}|(?:mother|father|mom|dad|mum|wife|husband|son|daughter|brother|sister|boy|girl)"
_THEIR_SIZE = r"(?P<size>\s*\(size [^)]{1,8}\))?"  # "for me (size M) and my 5 yr old": the first one's size
_TWO_PEOPLE = _rx(rf"\bfor (?P<a>{_A_PERSON}){_THEIR_SIZE} (?:and|n|&|\+) (?:for )?(?P<b>{_THE_OTHER})(?![a-z])")
_BOTH_PEOPLE = _rx(rf"\bfor (?P<a>{_A_PERSON}){_THEIR_SIZE} alongwith (?P<b>{_THE_OTHER})(?![a-z])")
# "he's L, uk 9", "she wears an M": a letter size said of the wearer
_THEIR_LETTER_SIZE = _rx(
    r"\b(?:he'?s|she'?s|he is|she is|he wears|she wears|hes|shes|"
    r"(?:wife|husband|hubby|son|daughter|dad|father|mom|mum|mother|sister|brother|bro|gf|bf)(?:'s| is| wears))"
    r"\s+(?:an? |size )?(?P<size>xxl|xl|xs|s|m|l)\b(?!')"
)


def _their_size(size_said: re.Match[str]) -> str:
    """ "she's a M": size M, and for her (the mehendi she wears it to may be her sister's)."""
    whose = re.match(r"(s?he)\b|(s?he)'?s", size_said.group(0), re.I)
    pronoun = (whose.group(1) or whose.group(2) or "").lower() if whose else ""
    return f"size {size_said.group('size')}" + {"she": " for her", "he": " for him"}.get(pronoun, "")


# a pastime said of the one it is for ("he loves cricket", "she's really into yoga")
_LOVES_IT = _rx(
    r"\b(?:he|she|they|him|her|i)(?:'s| is| are|'re)? (?:really |totally |super |so )?"
    r"(?:loves?|likes?|into|crazy about|mad about|obsessed with|plays?|big on)\b"
)
_TOO_PRICEY = _rx(r"\btoo (?:pricey|expensive|costly|steep|much(?=\s*[.,!?]|\s*$))\b|\bover ?priced\b")
# "a gift for my boss", "men gift, boss 50s": the person; the brand when a product follows ("boss perfume")
_MY_BOSS = _rx(
    r"(?<!hugo )\bboss\b(?!'?s? (?:bottled|perfumes?|fragrances?|deos?|deodorants?|watch|watches|shirts?|"
    r"tshirts?|t-shirts?|belts?|wallets?|sunglasses|shoes|men|women|or|and|ones?)\b)"
)
_MY_LETTER_SIZE = _rx(r"\b(?:i'?m|i am|me)\s+(?:an? |size )?(?:xxl|xl|xs|s|m|l)\b")
# "send the lipstick back", "send trainers back if they pinch": a return
_SEND_IT_BACK = _rx(r"\bsend\s+(?P<what>(?:(?:the|this|that|these|those|my|her|his)\s+)?[a-z]{2,20})\s+back\b")
# "no nike or adidas pls, literally everyone in office has them", "NOT a kurta, every1 wears kurta lol":
# what everyone else has is the reason, no ask (no office wear, no kurta)
_WHAT_OTHERS_HAVE = _rx(
    r"[,;]?\s*\b(?:literally |like |coz |cause |because |bcoz |since )?"
    r"(?:every ?(?:one|1|body)|every1|everybody|they all|all of them|all my (?:friends|cousins))"
    r"(?:\s+(?:in|at)\s+(?:the\s+|my\s+)?[a-z]+)?\s+(?:wears?|has|have|owns?)\b[^,.;!?\U0001F300-\U0001FAFF]*"
)
# "the sneakers r fine, only show me dresses now": a kind settled, no need any more
_SETTLED = _rx(
    r"^\W*(?:ok\W+)?(?:the|those|these|my)\s+[a-z ]{3,25}?\s+(?:are|r|is|'re)\s+(?:fine|ok|okay|sorted|done|good)\b"
    r"(?!\s+(?:but|except|if)\b)\W*$"
)
# "something to throw over it", "a cover up": a light layer worn over another piece
_A_COVER_UP = _rx(
    r"\b(?:something|smth|sth|anything)\s+(?:light\s+)?to\s+(?:throw|put|wear|layer)\s+(?:on\s+)?over\b|"
    r"\bcover[- ]?ups?\b"
)
# "something cute for her to wear": clothes of any kind
_SOMETHING_TO_WEAR = _rx(r"\b(?:something|smth|sth|smthg|anything)\b(?:\s+[a-z]+){0,3}?\s+to\s+wear\b")


def _occasion_kept(request: ShopperRequest, context: Context) -> None:
    """A refine of a search for an occasion keeps the occasion, so its own shelf comes first
    and the others stand in ("a party shirt", then "black or dark blue": party shirts first,
    then casual ones in those colours, not only the two party shirts in near shades)."""
    last = context.last_request
    if request.intent is not Intent.refine or len(request.needs) != 1 or last is None or len(last.needs) != 1:
        return
    need, before = request.needs[0], last.needs[0]
    if before.occasion and before.has_product() and not (need.occasion or need.usage or need.has_product()):
        need.occasion, need.usage = before.occasion, before.usage


_SOMETHING_FOR_ANOTHER_TOO = _rx(
    r"^\W*(?:and\s+|n\s+)?(?:something|smth|sth|smthg)\s+"
    r"(?=for\s+(?:her|him|me|my\s+[a-z]+)\s+(?:too|as well|also)\W*$)"
)
_ZH_FOR_ANOTHER_TOO = re.compile(
    r"^\W*(?:那)?(?:也)?给(?P<who>[\u4e00-\u9fff]{1,5}?)也?(?:看看|看一下|瞧瞧|挑挑|选选|找找)"
)
_PIECE_IS_SO = _rx(
    r"^\W*(?P<piece>[a-z]{3,20})'s\s+(?=(?:a bit|a little|kinda|sorta|so|too|very|bit|really|pretty|lowkey|way)\b)"
)
# "same 2k", "same 1500 budget": the budget said before, said again
_SAME_AMOUNT = _rx(
    r"(?<![a-z] )\bsame\s+(?:budget\s+(?:of\s+)?)?(?P<amount>(?:rs\.?\s*|₹\s*)?\d+(?:\.\d+)?\s*k?)\b(?:\s+budget\b)?"
)
# "a watch for me n one for my wife": the same kind again, for another person
_ONE_FOR_ANOTHER = _rx(
    r"(?P<head>\b(?:a|an)\s+(?P<kind>[a-z]+(?: [a-z]+)?)\s+for\s+(?:me|myself|him|her|my [a-z]+|[a-z]+)\b)"
    r"\s*(?:,\s*)?(?:and|n|&|,|\+)\s+(?:also\s+)?one\s+for\b"
)
# "im F", "F, S", "(F, M)": the shopper's sex said in one letter, beside a size or alone
_FEMALE_SHORT = _rx(
    r"(?:(?<=^)|(?<=[\s,(]))(?:i'?m |im |i am )?f(?=\s*(?:[,.;:!?)]|$|\s+(?:size |uk ?)?(?:xxl|xl|xs|s|m|l|\d{1,2})\b))"
)
# "跟女朋友约会", "陪老婆去逛街": the one the shopper goes with, not whom the look is for
_ZH_COMPANION = _rx(
    r"(?<=[跟和陪带])(?:我的?)?(?:女朋友|男朋友|女友|男友|对象|老婆|老公)(?=\s*(?:去|约会|出去|一起|吃饭|见面|旅行|度假|逛))"
)
# "去女朋友家见家长": the shopper visits the partner's family, so the shopper is the partner's partner
_PARTNERS_HOME_ZH = _rx(r"(?:去|到|见)(?:我的?)?(?:(?P<she>女朋友|女友)|男朋友|男友)(?:家|的?(?:家长|父母|爸妈))")
# "my friend's dad's funeral", "朋友父亲的葬礼": whose occasion it is says nothing of who wears the look
# (a retirement's is whom the gift is for: "a watch + wallet combo for my dad's retirement")
_WHOSE_OCCASION = _rx(
    r"\b(?:(?:my|our|a)\s+)?(?:[a-z]+'s\s+)?(?:dad|father|papa|mom|mum|mother|grandfather|grandpa|grandma|"
    r"grandmother|uncle|aunt|boss|colleague|friend)'s\s+(?=funeral|cremation|memorial|prayer meet)|"
    r"(?:朋友|同事|邻居|老板)?的?(?:父亲|爸爸|母亲|妈妈|爷爷|奶奶|外公|外婆)的(?=葬礼|追悼会|丧礼)"
)
# "twins turning 7, one boy one girl": a boy and a girl
_ONE_BOY_ONE_GIRL = _rx(r"\b(?:,\s*)?(?:one|1) (boy|girl)\s*(?:,|and|n|&)?\s*(?:one|1) (boy|girl)\b")
# "beta 7 saal ka aur beti 5 ki, dono ke liye shorts": two children, then the kind for both
_TWO_CHILDREN_BOTH = _rx(
    r"\b(?:my |our )?(?P<a>son|daughter|boy|girl)\b[^,.;]{0,20}?\s(?:and|n|&)\s(?:my |our )?"
    r"(?P<b>son|daughter|boy|girl)\b[^,.;]{0,20}?[,;]?\s*both\b(?: of them)?(?: for\b)?"
)
# "mother daughter matching dresses ... for me and my 5 yr old": whose child it is
_PAIR_CHILD = _rx(r"\b(?:mother|mom|mum|father|dad)[ -](?P<child>daughter|son)\b")
# "top 3 cheapest only", "which r the cheapest 2", "最便宜的三件": several, so the list re-sorted
_SO_MANY_OF_A_SORT = _rx(
    r"\b(?:top|first)?\s*(?:[2-9]|two|three|four|five)\s+(?:cheapest|lowest priced|priciest|costliest|most expensive|"
    r"best[- ]rated|top[- ]rated|highest[- ]rated)\b|"
    r"\b(?:cheapest|priciest|costliest|best[- ]rated|top[- ]rated|highest[- ]rated)\s+(?:[2-9]|two|three|four|five)\b"
    r"(?!\s*(?:k\b|000|rs\b|inr\b|₹|stars?\b|\+))|"
    r"(?:最便宜|最贵|评分最高|口碑最好)的[两三四五2-5](?:件|个|条|双|款|只|块)"
)
_TOP_SO_MANY = _rx(r"\b(?:top|first)\s+(?=(?:[2-9]|two|three|four|five)\b)")
# "is the most expensive one genuine leather?" (its superlative read): a yes-or-no question about that one
_IS_THE_ONE = _rx(r"^\W*(?:is|does|has|will|would|can)\s+(?:the|that|this)\s+(?:one|1)\b\s*\w")
# "the 2nd cheapest?", "2nd most expensive": a place in the shown list, counted in that order
_NTH_OF_A_SORT = _rx(
    r"\b(?P<nth>2nd|second|3rd|third|4th|fourth|5th|fifth)\s+(?:(?P<asc>cheapest|lowest priced|least expensive)|"
    r"(?P<desc>priciest|costliest|most expensive|highest priced)|"
    r"(?P<rated>best[- ]rated|top[- ]rated|highest[- ]rated))\b"
)
_NTH = {"2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4, "5th": 5, "fifth": 5}
_ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", 6: "6th", 7: "7th", 8: "8th", 9: "9th", 10: "10th"}


# "show only the kid ones", "anything similar for her?", "只看我的吧": the things shown, for one of them
_OF_THE_LIST_FOR_SOMEONE = _rx(
    r"\bonly (?:the )?(?:kid|kids|kid'?s|kids'|his|hers|mine)\b|\bthe kids?'?s? ones\b|"
    r"\b(?:anything|something|smth|sth) similar\b|"
    r"(?:先|只|就|光)看(?:看)?(?:我|他|她|我们|孩子|儿子|女儿|老公|老婆)(?:自己)?的"
)
# "只看我的吧", "先看他的": that person's things (the shopper's own as "我老公" earlier implied)
_WHOSE_LIST_ZH = re.compile(r"(?:先|只|就|光)看(?:看)?(?P<who>我|他|她)(?:自己)?的")


# "now mine, under 400", "mine in black only", "我的要大一码": the shopper's own things
_MINE = _rx(  # (not "scratch mine", "forget mine": mine turned down)
    r"(?<!\bof )(?<!forget )(?<!skip )(?<!scratch )(?<!scrach )(?<!drop )(?<!ditch )(?<!cancel )(?<!remove )"
    r"(?<!not )(?<!no )\bmine\b(?!\s+(?:is|are|was|were|r|has|have)\b)"
)
_MINE_ZH = re.compile(r"^\W*(?:那|再看看?|先看看?)?我(?:自己)?的(?=\s*(?:呢|吧|要|也|只|[一二两三四五六七八九十\d]|$))")


def _the_shoppers_own(read: str, context: Context) -> str:
    """ "mine" and "我的" as the shopper's gender, when earlier words ("my wife") implied it."""
    if context.shopper_gender not in ("Men", "Women") or not context.has_search:
        return read
    english, chinese = ("for men", "男士的") if context.shopper_gender == "Men" else ("for women", "女士的")
    return _MINE_ZH.sub(chinese, _MINE.sub(english, read))


def _whose_list_zh(read: str, context: Context) -> str:
    """ "只看他的吧" as "只看男士的" (his need of a list for several), "我的" as the shopper's gender."""
    said = _WHOSE_LIST_ZH.search(read)
    who = said.group("who") if said else ""
    gender = {"他": "男士", "她": "女士"}.get(who) or {"Men": "男士", "Women": "女士"}.get(context.shopper_gender or "")
    return f"{read[: said.start()]}只看{gender}的{read[said.end() :]}" if said and gender else read


_ISH = _rx(r"\b([a-z]{3,})-ish\b")
_WHOSE_FIRST = _rx(
    r"\b(?P<whose>(?:his|hers|her|mine|theirs|(?:dad|mom|mum|hubby|wife|bro|sis)'?s)"
    r"(?: ones?| stuff| things)?)\s+first\b"
)


def _nth_of_a_sort(read: str, context: Context) -> str:
    """ "the 2nd cheapest?" under a list: that place in the list as shown ("the 4th one?"),
    counted by price or rating (a list sorted cheapest first: the 2nd)."""
    said = _NTH_OF_A_SORT.search(read) if context.shown else None
    nth = _NTH[said.group("nth").lower()] if said else 0
    if said is None or nth > len(context.shown):
        return read
    places = list(range(len(context.shown)))
    if said.group("rated"):
        places.sort(key=lambda i: (-context.shown[i].rating, -context.shown[i].rating_count))
    else:
        places.sort(key=lambda i: context.shown[i].price, reverse=bool(said.group("desc")))
    place = places[nth - 1] + 1
    return f"{read[: said.start()]}{_ORDINAL_WORDS.get(place, str(place))} one{read[said.end() :]}"


# "它是纯棉的吗", "这支是哑光的吗": a yes-or-no question about the one in hand
_IS_IT_ZH = re.compile(
    r"^\W*(?:那|请问)?(?:它|这个|那个|这件|那件|这款|那款|这支|那支|这双|那双|这条|那条|这只|那只|这块|那块)\s*"
    r"(?:是不是|是)\s*(?P<what>[^，,。？?\s\d]{1,8}?)的?\s*(?:吗|么|嘛|呀)?\s*[?？]*$"
)


def _is_it_zh(read: str, context: Context) -> ShopperRequest | None:
    """ "它是纯棉的吗" of the one in hand: its details (a search of 纯棉 came)."""
    said = _IS_IT_ZH.match(read) if context.focus is not None or context.shown else None
    if said is None or re.search(r"码|尺|号", said.group("what")):
        return None
    return ShopperRequest(intent=Intent.details, text=read, reference=Reference(pronoun=True), confidence=0.8)


_ZH_RESORT = re.compile(r"^\W*(?:那|再)?按.{1,10}(?:排|来)")
_COMPARE = _rx(
    r"\b(compare|comparison|difference between|differences|vs\.?|versus|which (one )?is better|"
    r"(diff|difference) (btw|b/w|bw|between|betwn))\b|对比|哪[个双件条款]更?好|"
    # "第一件和第三件比一下", "第一件跟第三件哪个便宜点": those two side by side
    r"比一下|比比看?|比较一下|哪[个双件条款副支块顶](?:更|比较)?(?:便宜|贵|划算|实惠|好看)(?!的)|"
    # 比较 compares, unless it says "rather" ("比较喜欢连衣裙": rather likes dresses, "穿红的比较喜庆")
    r"比较(?!好|合适|适合|便宜|贵|配|瘦|胖|高|矮|小|大|壮|怕|喜欢|爱|偏|常|习惯|想|正式|休闲|显|喜庆|漂亮|好看|流行|大气|"
    r"保暖|舒服|百搭|经典|时尚|洋气|素|亮|深|浅|长|短|薄|厚|宽|窄|紧|松|重|轻|软|硬|红|\s*[a-z]|[\u4e00-\u9fff]色)"
)
_ANY_OF_THESE = _rx(r"\b(any|do any|does any|are any|is any|one) of (these|those|them)\b|这些.{0,4}有没有")
# "are any of these velcro?", "do any of them have a hood": the list shown, with that word
_DESCRIBED_OF_THESE = _rx(
    r"\b(?:any|one) of (?:these|those|them)\s+(?:(?:are|is|have|has|got|with|come with|made of)\s+)?"
    r"(?:a |an |the )?(?P<what>[a-z][a-z-]{2,})\s*[?.!]*\s*$"
)
# The list shown turned down as a whole ("none of these", "nah not these"): other products,
# or what the rest of the message asks instead.
_NONE_LIKED = _rx(
    r"\b(none of (these|those|them|the above|em)|(i )?(don'?t|dont|do not) (really )?(like|love|want) "
    r"(any of )?(these|those|them|em)|not (these|those)( ones)?|nothing (here|i like)|"
    r"(these|those|they) (are|r) (all )?(meh|mid|boring|ugly|not it))\b[\s,.!]*(?:tbh|honestly)?[\s,.!]*|"
    r"(这些|这几个|这几款|^\W*)都不(太)?(喜欢|好看|行|要|满意)[，,。！!]*"  # "红色粉色都不要" turns down colours
)
_OTHER_COLOURS = _rx(
    r"\b(don'?t|dont|do not) (really )?(like|love|want) (any of )?(these|those|the|them|this|that|their)"
    r"( \w+)? colou?rs?\b|"
    r"\b(hate|not a fan of|none of|not liking|not loving|not feeling) (any of )?(these|those|the|them|their) "
    r"colou?rs?\b|"
    r"\b(other|different|diff|diffrent) colou?rs?\b|"
    # "these r all kinda same colour, show diff ones"
    r"\b(these|those|they|them)\s+(are|r|'re|look)\s+(all\s+)?(kinda\s+|pretty much\s+|basically\s+)?"
    r"(the\s+)?same\s+colou?r\b|"
    r"(这几个|这些|这几款)?颜色都不(太)?(喜欢|好看|行)|(这几个|这些|这几款)?颜色都(好|太|有点)?(土|丑|难看|一般)|"
    r"换(个|点|些)?(别的|其他的?)颜色|"  # "这些颜色都好土啊 换点别的颜色"
    r"^\W*(那)?换(个|种|一个|一种)颜色(吧|看看|呢)?\W*$"  # "换个颜色": any other colour
)
# "Smth less flashy", "a bit more colourful": the same search, toned down or up.
_LOUD = {
    *"flashy loud bright bold shiny fancy colourful colorful busy funky blingy heavy sparkly glittery".split(),
    "embellished",
}
_TONED_DOWN_WAYS = ("less", "not so", "not as", "not too", "nothing too", "none too")
_TONE = _rx(
    r"^\W*(?:.{0,40}[,.]\s*)?(?:(?:something|smth|sth|anything|one|ones|maybe|ok|hmm|but|a bit|bit|a little|little|"
    r"slightly)\s+)*(?P<way>less|more|not so|not as)\s+(?P<what>"
    r"flashy|loud|bright|bold|shiny|fancy|colou?rful|busy|funky|blingy|heavy|sparkly|glittery|embellished|"
    r"simple|plain|subtle|basic|sober|minimal|understated|muted)\b"
)
# "nothing too heavy, I'll be dancing" opening the message (after "ok shoes. UK10, black or grey,
# nothing too flashy" the shoes are the ask, and "nothing too flashy" only describes them)
_NOTHING_TOO = _rx(
    r"^\W*(?:(?:ok|okay|hmm|but|and|maybe)\s+)*(?P<way>not too|nothing too|none too)\s+"
    r"(?P<what>flashy|loud|bright|bold|shiny|fancy|colou?rful|busy|funky|blingy|heavy|sparkly|glittery|embellished)\b"
)
_PLAINER = _rx(
    r"^\W*(?:.{0,40}[,.]\s*)?(?:(?:nah|no|nope|hmm+|ok|okay)\W+)*"
    r"(?:something|smth|sth|anything|one|ones|maybe|but|a bit|bit)?\s*"
    r"(cleaner|simpler|sleeker|plainer|subtler|more minimal|more basic|less busy)\s*[?.!]*$"
)
# Slang that says nothing of the product: "ngl", "tbh", "lowkey"; "mid" said of what was shown is "meh"
_SLANG_FILLER = _rx(
    r"\b(ngl|tbh|lowkey|highkey|no cap|imo|imho|fr|(ha){2,}h?|(he){2,}|lol+|lmao|rofl|xd|cringe|cringy)\b|"
    r"\b(kinda|sorta|so|r|are|is|bit) mid\b|"
    r"\b(girlie|girly|girl|boy|villain|main character|soft girl|clean girl|that girl|hot girl)\s+era\b"  # a phase
)
# An outfit that is one kind of piece: "a kurta type outfit", "something kurta style", "kurta jaisa".
_WHOLE_LOOK = _rx(r"\b(?:full|whole|complete|entire|head to toe|poora|pura|poori|puri)\b|全套|一整套|一身")
_KIND_TYPE_LOOK = _rx(r"\b[a-z]+[\s-]+(?:type|style|wala|wali)\s+look\b")
_OUTFIT_OF_A_KIND = _rx(
    r"\b[a-z]+[\s-]+(type|style|types|styles|jaisa|jaisi|jaise)\b(?!\s+of\b)|"
    r"\b[a-z]+\s+(kind|sort) of\s+(outfit|look|fit|thing)\b"
)
_TO_WATCH = _rx(
    r"\b(to|gonna|wanna|will|we'?ll|i'?ll|let'?s|lets)\s+watch\b"
    r"(?=\s+(a|an|the|my|our|some|\w+ing|cricket|football|ipl|movies?|films?|matches|games?|\w+\s+(?:vs|v|versus))\b)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# "3号", "1号和2号": in Chinese a list place as often as a shoe size; a place when a list is shown
_ZH_PLACE = re.compile(
    r"(?<![\d.一二三四五六七八九十])([1-9]|[一二三四五六])\s*号(?=[是有多能加要和都各的好怎还呢吗啥几，,。\s\d]|$)"
)
_SHOE_SIZE_TALK = _rx(r"\d\s*码|\buk\b|鞋|size")
# How a piece should sit, which no filter holds: "not too short", "a bit loose"
_HOW_IT_SITS = _rx(
    r"\b(not |nothing )?(too|so|very|super|really|a bit|bit|that|overly) (short|long|tight|loose|revealing)\b"
)
# What others wear, said against what the shopper wants: "everyone's doing suits but i ..."
_OTHERS_WEAR = _rx(
    r"\b(everyone|everybody|people|others|they|all my friends)('s| is| are| r|'re)? "
    r"(doing|wearing|going for|getting|in)\s+[a-z ]{2,30}?\s+(?=but\s+i\b)"
)
# what someone wears every day, said to describe them ("she always wears suits"), after what is asked
_ALWAYS_WEARS = _rx(
    r"(?<=[?!] )\s*(?:the \w+|she|he|they|her \w+|his \w+|my \w+) (?:always|usually|mostly|only|mainly|normally) "
    r"(?:wears?|dresses in|goes for|lives in) [a-z ]{2,25}?\s*(?=[.,!?;]|$)"
)
_THE_OTHERS = _rx(
    r"\b(all )?the (boys|girls|guys|ladies|men|women)\b(?=\s+(are|r|is|will be)\s+(wearing|doing|in|going)\b)"
)
_WHOSE_EVENT = _rx(
    r"\b(my|his|her|our) (best )?(?:[a-z-]+'s |(?:sister|brother|friend|cousin|mother|father|son|daughter|niece|"
    r"nephew|aunt|uncle|colleague|boss|bestie|wife|husband)s? ){1,2}"  # "my sisters engagment", said without the '
    r"(?P<event>wedding|engagement|birthday|bday|reception|sangeet|"
    r"mehendi|mehndi|haldi|anniversary|farewell|graduation|convocation|baby shower|housewarming|party)\b"
)
# "a cocktail thing at my bf's office": a place of someone else's, who the shopper is not
_WHOSE_PLACE = _rx(
    r"\b(?:at|in) (?:my|his|her|our) (?:best )?(?:[a-z-]+'s ){1,2}(?P<place>office|place|house|home|college|company)\b"
)
# Whom a message is for, said apart from any event ("for him", "I'm a guy")
_SAID_WHO = _rx(r"\bfor (him|her|me|myself|them|us)\b|\b(i'?m|im|i am) an? \w+")
_A_FLAT_TO_LIVE_IN = _rx(
    r"\s(?:(?:bought|buying|moved into|moving into|rented|renting)\s+)?(?:a|her|his|my|their|our)\s+"
    r"(?:first\s+|new\s+)?flat\b(?=\s+(?:in|at|near)\b|[.,!]|\s+(?:and|so|this|last|next)\b)|"
    r"(?:^|\s)(?:naye|naya|nayi|new)\s+flat\b(?=\s+(?:ka|ki|ke|mein|me|for)\b)"  # "naye flat ka griha pravesh"
)
# A dress code named for its tie: "a black-tie do" asks for formal wear, not for a tie
_DRESS_CODE = _rx(
    r"\b(?:black|white)-tie\b(?!s)|"  # "a black tie" alone is a tie
    r"\b(?:black|white) tie(?=\s+(?:do|event|dinner|party|gala|wedding|affair|function|night|dress|theme|ball)\b)"
)
_DRESS_VERB = _rx(
    r"\bdress(ed)? (?:(?:him|her|me|them|myself|himself|herself|you) )?(?P<how>formal|formally|casual|casually|smart|"
    r"smartly|up|down|sober|nicely|well|conservatively|modestly|appropriately|sharp)\b"
)
_WITH_FRIENDS = _rx(
    r"\b(with|w/|w)\s+(the|my|our|ma)\s+(girls|boys|gals|guys|ladies|lads|bros|boiz|girlies|gang|squad|crew)\b"
)
# "my girls and I have planned a night out": the shopper is one of the girls, a woman
_CREW_AND_I = _rx(
    r"\b(?:my|ma|our) (?P<a>girls|gals|girlies|ladies|boys|guys|lads|bros|boiz) (?:and|&|n|nd) (?:i|me)\b|"
    r"\b(?:i|me) (?:and|&|n|nd) (?:my|ma) (?P<b>girls|gals|girlies|ladies|boys|guys|lads|bros|boiz)\b"
)
_WOMEN_FRIENDS = frozenset({"girls", "gals", "girlies", "ladies"})
_MEN_FRIENDS = frozenset({"boys", "guys", "lads", "bros", "boiz"})
# "the shoes are kinda mid", "dont like the belt": after a look, that piece swapped for another of its kind
_DISLIKED = _rx(
    r"\b(?:the|those|that|these)\s+(?P<piece>[a-z ]{2,25}?)(?:'s|\s+(?:are|is|r|look|looks|seem|seems|feel|feels))\s+"
    r"(?:kinda |sorta |so |a bit |a little |bit |really |too much |too |very |pretty |lowkey |way ){0,2}"
    r"(?:mid|meh|ugly|boring|bad|lame|basic|trash|weird|dated|tacky|cheap looking|drab|dull|bland|dreary|"
    r"baggy|saggy|shabby|plain|ordinary|"  # "the bottoms look kinda baggy", "the top is a bit plain"
    # "the shoes are too pricey": cheaper
    r"old[- ]fashioned|(?<=too )(?:pricey|expensive|costly|steep|much(?=\s*[.,!?]|\s*$))|"
    r"(?<=bit )much\b(?=\s*[.,!?]|\s*$)|"
    r"not (?:it|great|nice|good|my style)|(?<=too )(?:formal|casual|flashy|loud|fancy|sporty|short|long|tight|"
    r"loose|revealing|bright|dark|plain|big|small|heavy|shiny|simple|bold|old)|"
    r"(?<=too much )(?:formal|casual|flashy|loud|fancy|sporty))\b|"
    r"\b(?:the\s+)?(?P<also>[a-z]{3,20})\s+(?:also|too|bhi)\s+(?:not|no|nahi)\s+(?:good|nice|great|accha|acha)\b|"
    r"\b(?:do ?n'?t|do not|did ?n'?t|not a fan of|not feeling|not loving|hate)\s+(?:really\s+)?(?:like\s+|love\s+)?"
    r"(?:the|those|that|these)\s+(?P<other>[a-z ]{2,25}?)\s*(?:(?:u|you) (?:picked|chose|showed|suggested|gave)\s*)?"
    r"(?:$|[.,!?]|\b(?:much|at all|tbh|tho|though)\b)|"
    # "shirts r boring", "jeans too plain..", "heels r not my type": the piece named bare, first
    r"^\W*(?P<bare>[a-z]{3,20})\s+(?:are|is|r|look|looks|seem|seems|feel|feels)?\s*"
    r"(?:kinda |sorta |so |a bit |bit |really |way too |too |very |pretty |lowkey )?"
    r"(?:mid|meh|ugly|boring|lame|basic|trash|weird|dated|tacky|plain|dull|lazy|generic|predictable|outdated|"
    r"old[- ]school|giving (?:aunty|aunties|auntie|grandma|nani|boomer|old)|"  # "jhumkas are giving aunty"
    r"not (?:my type|my style|my thing|it|great|nice|good)|"
    r"(?<=too )(?:formal|casual|flashy|loud|simple|fancy|sporty|pricey|expensive|costly|steep)|"
    r"(?<=bit )much(?=\s*[.,!?]|\s*$))\b|"
    # "show the same look with cheaper shoes", "鞋有冇平啲嘅" aside: that piece, below the one shown
    r"\b(?:with|in|get|some|show(?: me)?|try)\s+(?:a\s+|some\s+)?cheaper\s+(?P<cheaper>[a-z]{3,20})\b|"
    # "swap the clutch, not feeling it", "change the bag pls": that piece, another of its kind
    r"^\W*(?:(?:pls|please|can you|could you|maybe|and|but|ok|okay)\s+)*(?:swap|change|replace)\s+"
    r"(?:the|that|this)\s+(?P<swapped>[a-z]{3,20})\s*(?:pls|please)?\s*(?:$|[.,!?;]|(?:\bn\b|\band\b)\s+(?:no|not)\b)|"
    # "the bag's too big, try another bag": another of that kind
    r"\b(?:try|show(?: me)?|give(?: me)?|suggest|need|want)\s+(?:an ?other|a different|some other|other)\s+"
    r"(?P<another>[a-z]{3,20})\s*(?:pls|please|instead)?\s*(?:$|[.,!?;])|"
    # "diff top pls", "another bag?": another of that kind, said bare
    r"^\W*(?:(?:ok|okay|hmm+|and|but)\s+)*(?:diff|different|another|other)\s+(?P<bare_other>[a-z]{3,20})"
    r"\s*(?:pls|please|plz|instead|then)?(?:\W*$|\W*(?:,|\bn\b|\band\b)\s*(?:no|not|without|something|in)\b)|"
    # "kurta thoda zyada shiny hai", "ye dupatta bahut simple lag raha": that piece, in Hinglish
    r"^\W*(?:ye |yeh |woh |wo |yaar )?(?P<hinglish>[a-z]{3,20})\s+"
    r"(?:(?:thoda|thodi|bahut|bohot|bht|zyada|jyada|kaafi|bilkul|kuch|too|a bit)\s+){0,2}"
    r"(?:shiny|dull|boring|bekar|bakwas|ganda|gandi|simple|loud|heavy|fancy|mehenga|mehnga|mehengi|costly|"
    r"chamkila|chamkili|formal|casual|purana|old)(?:\s+(?:hai|h|he|lag raha|lag rahi|lagta|lagti|lag rha))?"
    r"\s*(?:[,.!?]|$)"
)
# "and remove the sneakers from it, ill wear my own" after a look: that piece out of the look
_OUT_OF_THE_LOOK = _rx(
    r"\b(?:remove|drop|take out|take off|skip|lose)\s+(?:the\s+)?(?P<piece>[a-z]{3,20}(?: [a-z]{3,20})?)\s+"
    r"from (?:it|the look|the outfit|this look|this outfit|that look|them)\b|"
    # "no need for the belt, dad's giving me one of his": that piece out
    r"^\W*(?:(?:ok|okay|actually|hmm+|oh)\W+)*(?:no need (?:for|of)|(?:i |we )?(?:don'?t|dont|do not) need)\s+"
    r"(?:the|a|any)\s+(?P<needless>[a-z]{3,20})\b|"
    # "drop the shoes actually, he'll borrow his dad's": that piece out, and why
    r"^\W*(?:(?:ok|okay|actually|hmm+|oh|nah)\W+)*(?:drop|skip|lose|ditch)\s+the\s+(?P<dropped>[a-z]{3,20})\b"
    # (the reason after it: not "..., track pants instead", "... keep the rest under 3k")
    r"\s*(?:actually|pls|please)?\s*[,.;!]\s*(?:he|she|they|i|we|coz|cuz|because|since|as)\b[^\d]*$"
)
_TO_THE_LOOK = _rx(r"\b(?:to|in|into) (?:the look|the outfit|this look|this outfit|that|it|this|them|these)\b")
# After a look, requests in the words of a question or a remark, as the edits they are
_SWAP_THEIRS = _rx(r"\b(?P<verb>swap|switch|change|replace) (?:his|her|my)\b")  # "swap his shoes for flip flops"
# After a look, pieces put forward in its place: "maybe shirt + chinos?", "kurta wala dikhao"
_PIECES_SUGGESTED = _rx(r"\b(?:maybe|how about|what about|instead|rather|prefer|try)\b")
_PIECE_OF_A_KIND = _rx(
    r"^\W*(?:(?:ok|okay|nah|no|hmm+)\W+)*[a-z]{3,20} (?:wala|wali|vala|type|one)\s+(?:show|dikhao)\W*$"
)
_PLACE_THEN_REMOVED_ZH = _rx(
    r"(?P<place>第[一二三四五六七八九十\d]{1,2}[个件双条款只套])[^，,。!！?？]{0,10}?[\s，,。!！]+(?:那就|就|还是)?"
    r"(?P<verb>删掉|删了|去掉|拿掉|不要了)吧?"
)
_CHANGE_COUNT_TO = _rx(
    r"\b(?:change|reduce|make)\s+(?:it\s+|them\s+|that\s+)?(?:to|into)\s+(?P<n>\d|two|three|four|five)\b"
    r"(?:\s+(?:pairs?|pcs|pieces|only))?"
)
_ALL_FOR_NOW = _rx(r"\b(?P<verb>remove|delete|clear)\s+(?:all|everything)\s+(?:first|for now|now)\b")
_BRAND_INSTEAD = _rx(
    r"^\W*(?:(?:ok|okay|maybe|how about|what about|try|show|show me|any)\s+)*(?:from\s+)?"
    r"(?P<word>[a-z][\w&'-]{1,20})\s+"
    r"(?:instead|ones instead|ones|then)\s*(?:pls|please)?\W*$|"
    r"^\W*(?:那)?换成\s*(?P<zh>[a-z][\w&'-]{1,20})\s*(?:的|牌子的)?\s*(?:看看|吧|呢|试试)?\W*$"
)
_NEVER_MIND_ZH = _rx(r"^\W*(?:算了|哎呀|唉)[\s，,。!！]*(?=删|去掉|拿掉)")
_BUY_LATER = _rx(
    r"\s*[,.;]?\s*\b(?:i|we)\s*(?:will\s+|'ll\s+)?buy\s+(?:it\s+|them\s+)?(?:next time|later|another time)\b"
)
_OR_NOT = _rx(r"\s+or\s+not\b(?=\s*[?.!,]+\s*\S)")  # said before more of the ask ("or not? below 1500")
_SOMETHING_ELSE = _rx(r"^\W*(?:something|smth|sth|another|a different|different|other|some other)\b")
_PIECE_REMOVED = _rx(
    r"^\W*(?:the\s+)?(?!(?:actually|ok|okay|pls|please|just|and|so|then|nah|hmm|also|now)\b)"
    r"(?P<piece>[a-z]{3,20})\s+remove(?:\s+(?:it|them))?\b"
)
_PIECE_THEN_CHANGE = _rx(
    r"^\W*(?:the\s+)?(?P<piece>[a-z]{3,20})\b(?P<why>[^.!?]{0,40}?)[,.;]?\s*(?:pls\s+)?"
    r"change\s+(?:it|them|that|karo|kar do|kardo|krdo)\W*$"
)


def _piece_to_change(said: re.Match[str]) -> str:
    """ "earrings thode heavy chahiye, change karo" (read "earrings a bit heavy want, change it"):
    that piece of the look, another one; with a colour said it stays an edit of that colour."""
    if any(word in COLOURS for word in said.group("why").lower().split()):
        return said.group(0)
    return f"the {said.group('piece')} are meh"


_ZH_ADD_A_PIECE = _rx(
    r"^\W*(?:再|还要|顺便|也)?(?:加|搭|配)(?:一?[副件双条个顶块只套支])?(?P<piece>[\u4e00-\u9fff]{1,4}?|白t|t恤|t)"
    r"(?=吧|呢|啊|\s|$)"
)


def _zh_piece_added(said: re.Match[str]) -> str:
    """ "再加一副墨镜吧" after a look: "add sunglasses too" (the kind's catalog name); as said when
    the word names no kind."""
    piece = said.group("piece").lower()
    colour = "white " if piece == "白t" else ""
    # "再配双黑色皮鞋": the colour said before the kind
    said_colour = next((c for c in sorted(_ZH_COLOURS, key=len, reverse=True) if piece.startswith(c)), None)
    if said_colour and len(piece) > len(said_colour):
        piece, colour = piece[len(said_colour) :], f"{COLOURS[said_colour].lower()} "
    kind = ARTICLE_TYPES.get("t恤" if piece in ("白t", "t") else piece)
    return f"add {colour}{kind[1].lower()} too " if kind else said.group(0)


_ZH_COLOURS = [c for c in COLOURS if _CJK.match(c)]
# "n the shoes too, uk5" right after an add: those added too
_ZH_ONLY_SO_MANY = re.compile(r"^\W*(?:还是|那就|算了)?\s*只要\s*(?P<n>[一两二三1-3])\s*[支件个双条瓶副块只顶]")
_THEIR_SIBLING = _rx(r"\bfor (?:his|her) (sister|brother|sis|bro)\b")


def _only_so_many(said: re.Match[str]) -> str:
    """ "还是只要一支吧" right after an add: "make it 1"."""
    return f"make it {_NUMBER_WORDS.get(said.group('n'), said.group('n'))} "


_AND_THE_KIND_TOO = _rx(r"^\W*(?:and|n|&|plus|also)\s+(?=the\s+[a-z]+(?:\s+[a-z]+)?\s+(?:too|as well|also)\b)")
_INTO_THE_CART = _rx(r"\b(?:to|in|into)\s+(?:the\s+|my\s+)?(?:cart|basket|trolley|bag)\b|购物车|加购")
# ("墨镜算了 我有了 换成帽子吧", "纱丽我不会穿 换成库尔塔套装那种吧": the why said between)
_ZH_DROPPED_THEN_SWAPPED = re.compile(
    r"(?P<piece>[\u4e00-\u9fff]{1,4}?)(?:就)?(?:不要了|不要|算了|不用了|我?不会穿|我?不喜欢|我?穿不惯)"
    r"(?:[^，,。换]{0,8}?[，,。\s]+[^，,。换\s]{0,8})?[，,。\s]*(?:那就)?(?=换成)"  # "鞋子不要高跟了 换成平底的"
)
_ZH_BRIGHTER = re.compile(
    r"^\W*不要(?P<colour>[\u4e00-\u9fff]{1,3}?色?)的?[，,\s]*(?:都|全)?(?:换成?|来|要)?"
    r"(?:亮一点|鲜艳一点|亮一些|鲜艳些|亮色)的?(?:颜色)?(?:吧|呀|啊)?\W*$"
)


def _brighter_said(said: re.Match[str]) -> str:
    """ "不要黑色的 都换亮一点的颜色": "no black pls, something brighter"."""
    colour = COLOURS.get(said.group("colour")) or COLOURS.get(said.group("colour").rstrip("色"))
    return f"no {colour.lower()} pls, something brighter" if colour else "something brighter"


_ZH_SAME_ONE = re.compile(r"一样|同款|这个|那个|这款|那款|这双|那双|这件|那件")
# "再加个双肩包", "再来一个帽子": one more thing, of a kind
_ZH_ADD_ANOTHER = re.compile(r"^\W*(?:再|还要|顺便|也)(?:加|来|买)(?:一?[个件双条顶块只副套])?[\u4e00-\u9fff]")


_LOOK_EDITS_SAID = (
    (_rx(r"^\W*(?:can|could|would|shall)\s+(?:we|you|u|i)\s+(?=(?:swap|switch|change|replace)\b)"), ""),
    (
        _rx(
            r"^\W*(?:can|could|would)\s+(?:you|u)\s+(?:pls\s+|please\s+)?add\s+(?P<piece>.+?)\s+to\s+(?:that|it|this)\b"
        ),
        r"add \g<piece> to the look",
    ),
    (
        _rx(
            r"\b(?:can|could) (?:it|this|that|the look|the whole thing) (?:come in|be|come to|come)\s+"
            r"(?=under|below|within)"
        ),
        "keep everything ",
    ),
    (
        _rx(
            r"^\W*(?:the\s+)?(?P<piece>[a-z]{3,20})\s+(?:is\s+|isn'?t\s+|not\s+)?(?:not\s+)?needed\b(?:\W+(?:drop|remove|skip)\s+it)?"
        ),
        r"no \g<piece>",
    ),
    # "iske saath ek watch bhi daal do look mein" (read "with it ek watch add it in look"), "heels bhi daal do
    # look mein", "upar ek nehru jacket add karo": a piece added to the look
    (
        _rx(
            r"^\W*(?:[^.!?]{0,20}[.!?]\s+)?(?:with it\s+)?(?:ek\s+|a\s+|an\s+|some\s+)?(?P<piece>[a-z][a-z ]{2,30}?)\s+"
            r"(?:too\s+|also\s+)?add it (?:in|to|into) (?:the )?look\b"
        ),
        r"add \g<piece> to the look",
    ),
    (
        _rx(r"^\W*(?:upar|on top)\s+(?:ek\s+|a\s+|an\s+)?(?P<piece>[a-z][a-z ]{2,30}?)\s+add(?:\s+it)?\W*$"),
        r"add a \g<piece> to the look",
    ),
    # "hmm thats a lot actually, can we do like 2.5k max", "all three under 5k pls", "总价别超过4000":
    # the whole look's budget
    (
        _rx(
            r"\b(?:can|could)\s+(?:we|you|u)\s+(?:do|make it|keep it|get it|go)\s+(?:for\s+)?"
            r"(?:like\s+|around\s+|about\s+)?"
            r"(?=(?:rs\.?\s*|₹\s*)?\d[\d,.]*\s*k?\s*(?:max|total|tops|or less|or under)?\W*$)"
        ),
        "keep everything under ",
    ),
    (
        _rx(
            r"^\W*(?:all|everything|the lot)(?:\s+(?:three|four|five|3|4|5|of (?:it|them|these)))?\s+"
            r"(?=under|below|within)"
        ),
        "keep everything ",
    ),
    # "it needs proper trainers in it tho, uk 6": that piece in the look
    (
        _rx(
            r"^\W*(?:it|the look|this|the outfit)\s+(?:needs|should have|must have)\s+"
            r"(?P<piece>[a-z][a-z ]{2,30}?)\s+in it\b"
        ),
        r"add \g<piece> to the look",
    ),
    # "the tie's a bit dull tbh, can you swap it for a different one": that piece, another (no exchange)
    (
        _rx(
            r"[,.]?\s*(?:tbh\s*)?[,.]?\s*(?:can|could)\s+(?:you|u)\s+(?:swap|change|replace)\s+(?:it|them)\s+"
            r"(?:for|with)\s+(?:a\s+)?(?:different|another|other|new)(?:\s+(?:one|ones|pair))?\W*$"
        ),
        "",
    ),
    # "he already has black formal shoes so drop those": that kind out of the look
    (
        _rx(
            r"^\W*(?:he|she|i|they|we)\s+(?:already\s+)?(?:has|have|own|owns|got)\s+(?:a\s+|an\s+|some\s+)?"
            r"(?P<piece>[a-z][a-z ]{2,30}?)\s*(?:already\s*)?[,.;]?\s*(?:so\s+)?(?:pls\s+)?"
            r"(?:drop|skip|remove|leave out)"
            r"\s+(?:those|them|it|that|these)\W*$"
        ),
        r"no \g<piece>",
    ),
    # "she doesn't wear sarees anymore": that kind out of the look
    (
        _rx(
            r"^\W*(?:she|he|i|they)\s+(?:doesn'?t|does not|don'?t|do not|won'?t|never|can'?t)\s+(?:wear|do)\s+"
            r"(?P<piece>[a-z][a-z ]{2,20}?)\s*(?:anymore|any more|now|these days|tbh)?\W*$"
        ),
        r"no \g<piece>",
    ),
    # "shoes should be brown to match the belt": why, of a piece of the look (no look around the belt)
    (
        _rx(
            r"(?<=[a-z])\s+(?:to|so (?:it|they))\s+(?:match|matches|go with|goes with)\s+"
            r"(?:the|my|his|her)\s+[a-z]{3,20}\b"
        ),
        "",
    ),
    (_ZH_ADD_A_PIECE, _zh_piece_added),  # "再加一副墨镜吧", "再搭一件白T": that piece added to the look
    (_PIECE_THEN_CHANGE, _piece_to_change),  # "earrings thode heavy chahiye, change karo": other earrings
    (
        _rx(r"(?:总价|总共|一共|整套|全部|加起来)\s*(?:别|不要|不能|不)\s*超过\s*(?=[\d一二两三四五六七八九十])"),
        "keep everything under ",
    ),
    # "有点贵 两千以内能搭出来吗": the whole look under that
    (
        _rx(
            r"(?P<amount>[\d一二两三四五六七八九十][\d千百万.]*)\s*(?:块|元)?\s*(?:以内|以下|之内)\s*(?=能|可以|搭|配)"
        ),
        r"keep everything under \g<amount> ",
    ),
    (
        _rx(r"(?:预算)?(?:可以|能|也可以)(?:再)?(?:加|提|涨|放)到\s*(?=[\d一二两三四五六七八九十])"),
        "keep everything under ",
    ),  # "可以加到3000"
)
# "cheaper shoes pls" after a look: that piece, cheaper ("the shoes are too pricey")
_CHEAPER_PIECE = _rx(
    r"^\W*(?:(?:ok|okay|and|but|hmm+|maybe|pls|please|any|got any|show(?: me)?|can (?:i|you) (?:get|see|show))\s+)*"
    r"(?:a |some )?(?:cheaper|less expensive|more affordable)\s+"
    r"(?P<piece>[a-z]{3,20}(?: (?!pls|please|plz)[a-z]{3,20})?)"
    r"\s*(?:pls|please|plz|options?|ones?|instead|maybe)?\W*$"
)
# "首饰只要耳环就行" after a look: of the jewellery, earrings only (that piece for the kind named)
_ZH_ONLY_THIS_KIND = re.compile(
    r"(?P<family>[\u4e00-\u9fff]{1,3}?)(?:只要|就要|只需要)(?P<kind>[\u4e00-\u9fff]{1,4}?)(?:就行|就好|就可以|吧|$)"
)
# "再搭双鞋", "再配个包" after a look: a piece added
_ZH_ADD_MORE = re.compile(r"再(?:搭|配)(?=一?[双条件个顶副只块]|[\u4e00-\u9fff]{1,3}(?:吧|$|\s))")
# "diff heels pls, not feeling these" after a look: that piece changed
_OTHER_PIECE = _rx(
    r"^\W*(?:(?:ok|okay|hmm+|nah|but|pls|please|can i get|can you show|show me)\s+)*(?:a |some )?"
    r"(?:different|other|another)\s+(?!(?:colou?rs?|brands?|ones?|options?|looks?|outfits?|styles?)\b)"
    r"(?P<piece>[a-z]{3,20})\b"
)
# "iske saath heels aur earrings bhi" (read "with it heels and earrings") after a look: those pieces added
_WITH_IT_TOO = _rx(r"^\W*with it\s+(?P<pieces>[a-z][a-z ]*?)\s*(?:\btoo\b|\balso\b)?\s*(?=,|$)")
# "Could you swap them?" said apart after a piece of a look turned down: the swap asked of the look
_SWAP_IT_ALONE = _rx(
    r"^\W*(?:(?:so|pls|please|can|could|would|will)\s+(?:you\s+|u\s+)?)*(?:swap|change|replace)\s+"
    r"(?:them|it|those|these|that)(?:\s+(?:out|pls|please|plz))*\W*$"
)


def _a_piece_swapped(whole: ShopperRequest, store: list[str], context: Context) -> bool:
    """Whether the store question beside a look edit only asks for that edit ("Not keen on
    the shoes, bit plain. Could you swap them?"): no exchange of an order."""
    last = context.last_request
    looked = whole.intent is Intent.outfit and last is not None and last.intent is Intent.outfit
    return looked and all(_SWAP_IT_ALONE.match(part) for part in store)


# "shoes look too flimsy for a trek, swap them pls", "the top is meh.. change it" after a look: another of
# that piece (not "the shoes are too small, can i swap them": an exchange of a size)
_PIECE_THEN_SWAP_IT = _rx(
    r"^\W*(?:(?:(?:i'?m\s+)?not (?:keen on|a fan of|feeling|loving|sure about)|do ?n'?t like|hate)\s+"
    r"(?:the\s+|those\s+)?(?P<disliked>[a-z]{3,20})|(?:the\s+|those\s+|that\s+)?(?P<piece>[a-z]{3,20})\s+"
    r"(?:look|looks|are|is|r|seem|seems|feel|feels)\b)"
    r"(?![^?!]*\b(?:small|big|tight|loose|fit|fits|fitting)\b)[^.?!,;]{0,40}(?:[,.;!]+\s*[^.?!,;]{1,30}){0,2}[,.;!]*\s*"
    r"(?:(?:so|pls|please|can (?:you|u)|could (?:you|u)|just|maybe)\s+)*(?:swap|change|replace)\s+"
    r"(?:them|it|those|these|that)(?:\s+(?:out|pls|please|plz))*\W*$"
)
# "cheaper shoes pls, below 2k" after a look: that piece's price ("shoes under 2k")
_CHEAPER_PIECE_PRICED = _rx(
    r"^\W*(?:(?:ok|okay|and|but|hmm+|maybe|pls|please|any|got any)\s+)*(?:a |some )?"
    r"(?:cheaper|less expensive|more affordable)\s+(?P<piece>[a-z]{3,20}(?: (?!pls|please|plz)[a-z]{3,20})?)"
    r"\s*(?:pls|please|plz)?\W*"
    r"(?:below|under|within|upto|up to|less than|<|max)\s*(?P<amount>(?:rs\.?|₹|inr)?\s*\d[\d,.]*\s*k?)\W*$"
)
# "i meant jeggings not leggings", "wanted sandals, not flip flops": one kind for another
_KIND_NOT_KIND = _rx(
    r"\b(?:i\s+)?(?:meant|mean|want(?:ed)?|said|asked for)\s+(?:the\s+|some\s+)?(?P<kind>[a-z][a-z ]{1,25}?)\s*,?\s+"
    r"not\s+(?:the\s+)?(?P<not>[a-z][a-z ]{1,25}?)(?=\s*(?:$|[,.!?]|\s(?:sorry|pls|please|lol|oops)\b))"
)
# "换成T恤看看", "算了 不看运动鞋了 给我看看凉鞋吧": that kind instead, in the same search
_KIND_INSTEAD_ZH = re.compile(
    r"^\W*(?:算了|那)?\s*(?:不(?:看|要)[^，,。\s]{1,6}?了[，,。\s]*(?:给我|帮我)?(?:看看|换成|来点|找找)|换成|改成|换)"
    r"(?P<kind>[^，,。！!？?\s]{1,8}?)(?:看看|吧|试试|瞧瞧|呢)*\W*$"
)
# "sorry 2 not 3" after an add of three: two
_COUNT_CORRECTED = _rx(
    r"^\W*(?:(?:sorry|oops|no|nah|wait|actually|i meant|i mean|my bad)\W+)*(?P<n>[1-9])\s*,?\s*not\s*[1-9]\W*$"
)
# "socks r so boring, something else": that kind turned down (after a look, the piece is swapped)
_KIND_TIRED_OF = _rx(
    r"^\W*(?P<kind>[a-z]{3,20})\s+(?:are|r|is|feel|feels|seem|seems)\s+(?:so |too |kinda |a bit |really |very )?"
    r"(?:boring|meh|lame|basic|overrated|cliche|clich[eé]d|done to death|predictable)\b"
)
# "鞋子不太喜欢 换一双", "换个包吧": after a look, that piece swapped (read as "change the shoes")
# "鞋子不用了 他自己有" after a look: that piece is not needed
_ZH_NOT_NEEDED = re.compile(r"(?P<piece>[\u4e00-\u9fff]{1,4}?)(?:就|也)?(?:不用了|不需要了|不用买了|不要了)")
_PIECES_ZH = {
    "凉鞋": "sandals",  # "这双凉鞋不太好看 换一双别的": the sandals, not "鞋" out of 凉鞋
    "拖鞋": "slippers",
    "高跟鞋": "heels",
    "皮鞋": "shoes",
    "运动鞋": "shoes",
    "休闲鞋": "shoes",
    "鞋子": "shoes",
    "鞋": "shoes",
    "裤子": "trousers",
    "上衣": "top",
    "衬衫": "shirt",
    "包": "bag",
    "包包": "bag",
    "皮带": "belt",
    "腰带": "belt",
    "外套": "jacket",
    "手表": "watch",
    "表": "watch",
    "T恤": "tshirt",
}
_PIECE_TOO_DEAR_ZH = re.compile(
    rf"^\W*(?:这[双条件个只块])?(?P<a>{'|'.join(sorted(_PIECES_ZH, key=len, reverse=True))})\s*(?:有点|太|好)贵了?"
    r"(?:[，,\s]*(?:换|来|要)?(?:一|个)?[双条件个只块款]?便宜(?:点|一点|些)?的?(?:吧|呢)?)?\W*$"
)
_PIECE_DISLIKED_ZH = re.compile(
    rf"(?:这[双条件个只块])?(?P<a>{'|'.join(sorted(_PIECES_ZH, key=len, reverse=True))})\s*(?:也|就|还是|有点)?\s*"
    r"(?:不太喜欢|不喜欢|不太好看|不好看|一般般?|不行|不太行|太丑了?|丑|不搭|有点土|太土了?|土气|老气|过时)(?:吧|啊|呢|哦|了)?"
    r"(?:[，,\s]*换一?[双条件个只块款](?:别的|其他的?)?(?:吧|呢)?)?|"  # "鞋子不太好看 换一双别的": the same swap
    r"^\W*(?:帮我|那就|那|再)?换(?:一|个)?[双条件个只块]?(?P<b>鞋子|鞋|裤子|上衣|衬衫|包|皮带|腰带|外套|手表|表|T恤)(?:吧|呢)?\W*$",
    re.I,
)
_TONE_WORDS = {True: "solid plain", False: "printed graphic colourful"}  # toned down: True
# "which of these is best (for running)?", "which one's the best": of the list shown, the best rated
_WHICH_BEST = _rx(
    r"^\W*(那)?(这几[个款件条双只]里?)?哪[一]?[个款件条双只].{0,3}(最)?(适合|好)|"  # "哪个适合旅行": of the list
    r"^\W*(which|what)( one| ones| of (these|those|them|the \w+))?\s*(is|are|would be|'s|s)?\s*(the )?best\b"
    r"(?!\s*(rated|reviewed|sell))|"
    r"^\W*(which|what)( one| ones| of (these|those|them))?\s+(do|did)\s+(people|ppl|shoppers|customers|buyers|folks)\s+"
    r"(rate|like|love|review)\s+(the )?(highest|best|most)\b|"
    r"^\W*(which|what)( one| ones| of (these|those|them))?\s+(has|have|got)\s+(the )?(best|highest|top)\s+"
    r"(ratings?|reviews?|stars)\b|"
    # "which one of them the customers are liking most?"
    r"^\W*which\b.{0,25}\b(people|ppl|shoppers|customers|buyers|folks)\b.{0,12}\b(lik|lov|rat|prefer)\w*\s+"
    r"(the )?most\b"
)
# "a few more in a similar style": more products, not the one named
_MORE_OF_THEM = _rx(r"\b(show|see|find|get)\b.{0,15}\b(more|others?)\b|\b(a few|some) more\b")
# "the one in the middle": the middle one of a list of odd length
_MIDDLE = _rx(
    r"\b(?:the )?(?:one |pair )?in the (?:middle|centre|center)\b|\bthe (?:middle|centre|center) (?:one|pair)\b|"
    r"中间(?:那|的|这)?(?:一)?(?:个|款|件|双|条|只|副|块)?"
)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# What was shown, asked for in a colour: "do these come in white", "the 2nd one in black?"
_IN_A_COLOUR = _rx(
    r"换成.{0,3}色的?\s*[?？!！。]*$|有.{0,3}色的吗|"  # "第一个换成蓝色的", "有蓝色的吗"
    # "the 2nd one in black?", "like the 4th one but in green or olive?", "does the 2nd come in white?"
    r"\b(these|those|they|them|it|this|that|one|ones|[1-5](?:st|nd|rd|th))\b.{0,25}\bin\s+[a-z]+"
    r"((?: (?:or|and|n|/))? [a-z]+){0,2}\s*[?.!]*$|"
    r"^\W*(available|comes?|any|got|have)( it| them| these| those| one| ones)?\s+in\s+[a-z]+( [a-z]+)?\s*[?.!]*$|"
    r"^\W*(any\s+)?[a-z]+(\s+(or|and|n|/)\s+[a-z]+)?(\s+ones?|\s+colou?rs?|\s+shades?)?\s+"  # "navy available?"
    r"(available|in stock|there)\s*(too|also|as well)?\s*[?.!]*$"
)
# "is it ok for a wedding?", "这个适合约会吗": whether the product in hand suits an occasion
_FITS_OCCASION = _rx(
    r"适合.{1,8}[吗嘛么]\s*[?？]?\s*$|能.{0,4}穿[吗嘛么]|"
    r"^\W*(is|are|would|will|can|does|do)\s+(it|this|that|these|they|this one|that one)\b.{0,12}"
    r"\b(ok|okay|good|fine|suitable|right|appropriate|work)\b.{0,6}\bfor\b"
)
_NUMBER_OF = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_NOT_TOO = _rx(r"^\s*not (too|so|very|that|overly)\b|不要太|别太|不太|不用太|不能太")
# A kind of product turned down inside its clause: negated ("cant walk in heels", "instead of
# a saree", "不要高跟鞋"), or judged unfit ("sarees r too much work", "boots are way too hot").
_REJECT = _rx(
    r"\b(can'?t|cannot|won'?t|wont|(?:(?:don|doesn|didn)'?t|dosent) (want|like|need|wear|use)|"
    r"do not|does not|"
    r"never (wears?|uses?)|(has|have|got) (enough|plenty of|loads of|too many)|"
    r"not (a fan of|into|comfortable in|keen on)|hate|no more|tired of|sick of|fed up with|"
    r"(?:i'?m|im|i am) (?:so |really |just )?(?:terrible|bad|hopeless|awful|rubbish|useless|clumsy) (?:in|with)|"
    r"instead of|rather than|other than|anything but|apart from)\b|"
    r"\b(r|are|is|s|feel|feels|look|looks|get|gets|seem|seems)\s+(way\s+|much\s+|just\s+|a bit\s+|kinda\s+)?"
    r"too\s+[a-z]|\b(r|are|is|s|will be|would be|gonna be|'?ll be)\s+(such\s+)?(a\s+)?"
    r"(nightmare|pain|torture|no[ -]go|uncomfortable|impossible|bad idea|terrible idea|mistake)\b|"
    r"\b(kill|kills|hurt|hurts) my (feet|back|legs?)\b|"
    r"\b(feel|feels|seem|seems|look|looks)\s+(a bit\s+|bit\s+|kinda\s+|so\s+|really\s+)?"
    r"(lazy|boring|basic|generic|predictable|lame)\b|"
    r"不要|不想要|别|不喜欢"
)
_RESORT = _rx(
    r"\b(sort|order|arrange|rank|(?<!this )(?<!the )(?<!that )(?<!your )list)\b|"  # "from this list": no verb
    r"\b(first|(?:on|at) (?:the )?top)( again| pls| please)?\s*[?.!]*\s*$|排序|排一下|"
    r"\bcheapest (?:to|-|→|->) (?:the )?(?:most expensive|priciest|costliest|dearest)\b|"
    r"\b(?:cheap|cheaper) (?:to|-|→|->) (?:expensive|costly|pricey|pricier|dear)\b|"
    r"\b(?:expensive|costly|pricey) (?:to|-|→|->) cheap(?:er|est)?\b|"
    r"低到高|高到低|便宜到贵|贵到便宜|(排|放)(在)?(最)?前(面|边)?|排在?上面|升序|降序"
)
_ACCESSORIES = _rx(r"\baccessor(y|ies|ise|ize)\b")
# "the red one", "the black pair": a shown product named by its colour
_COLOUR_ONE = _rx(r"\bthe ([a-z]+(?: [a-z]+)?) (?:one|pair|piece)\b")
_COLOUR_KIND = _rx(r"\bthe ((?:dark |light |navy )?[a-z]+) [a-z]{3,}\b")
# "size?", "sizes?": a question about the sizes of what is shown
_BARE_SIZE = _rx(r"^\W*(what |which )?(size|sizes|sizing)\W*$")
_ONLY_A_SIZE = _rx(r"^\W*(in )?(size )?(xxs|xs|s|m|l|xl|xxl|[23]xl|uk ?\d{1,2})( only| pls| please)?\W*$")
# Words that name a kind alone ("denims") but a material beside another kind ("a denim jacket").
_MATERIALS = {"denim": "Jeans"}
# Something to keep warm, no kind named ("something for the cold", "winter wear"): the warm layers.
_FOR_THE_COLD = _rx(
    r"\b(for the cold|cold (weather|days|nights|evenings)|(it'?s|its|getting|gets|so|very|too|bit) (cold|chilly)|"
    r"chilly|freezing|keep (me |him |her |them |you )?warm|warm (clothes|clothing|stuff|wear|things|layers?)|"
    r"winter ?wear|for (the )?winters?|woollens?|woolens?|(something|smth|sth|anything) warm( to (layer|wear))?|"
    r"warm (to|for) layer\w*|"
    # "what could i get him that's warm?", "moaning about the cold"
    r"(what|anything|something|smth) (\w+ ){0,5}(that'?s|thats|that is|which is) warm|"
    r"(moan|complain)\w* about the cold)\b|"
    r"保暖|冬天穿|御寒"
)
# The shopper's reason, not the ask ("she's always feeling cold, maybe a shawl"): warm layers
# only when nothing else is named.
_FEELS_COLD = _rx(r"\b(always|often|easily|gets?|feels?|feeling) (so |very |really |the )?cold\b")
_MOST_PIECES = 5  # pieces a look is built of (OutfitRequest.pieces)
_WORN_SUB_CATEGORIES = frozenset(
    {"Topwear", "Bottomwear", "Dress", "Saree", "Apparel Set", "Innerwear", "Loungewear and Nightwear", "Socks"}
)
# Words that only ask ("i want", "show me something else"): a message of only these asks for more.
_ASKING_ONLY = _rx(
    r"\b(i|me|show|want|wanna|need|pls|please|plz|some|something|smth|sth|else|other|others|different|nah|nope|no|meh|"
    r"ones?|anything|any|more|options?|got|u|you|have|do|can|could|give|let|see|again)\b|"
    r"(给我|看看|别的|其他的?|换一批|还有|吗|呢|的)"
)
# Words that ask for low prices without naming one: the search is shown cheapest first.
_AFFORDABLE = _rx(
    # (not "the shoes look cheap", "cheap looking": a verdict on how they look)
    r"\b((?<!look )(?<!looks )(?<!looking )(?<!so )(?<!too )cheap(?![- ]look)|"
    r"affordable|inexpensive|economical|budget[- ]friendly|pocket[- ]friendly|low[- ]budget|"
    # "budget watches for my dad" (not "my budget is", "budget 2k", "budget for both")
    r"(?<!my )(?<!the )(?<!our )(?<!your )(?<!his )(?<!her )(?<!a )(?<!total )(?<!within )(?<!over )(?<!in )"
    r"(?<!same )(?<!that )(?<!this )(?<!no )(?<!of )(?<!\d )(?<!k )(?<!rs )(?<!max )(?<![:=] )(?<![\d:=])"
    r"budget (?!(is|was|of|for|around|under|upto|up|to|max|limit|abt|about|approx|rs|inr|between|within|range|no|"
    r"hai|tak|kitna|should|can|not|mein|me|se|ka|ki|k|sorted|issue|constraint|wise|pe|par|allows?|'s)\b)(?=[a-z])|"
    r"on a (tight |small )?budget|not (too |very |so )?(expensive|pricey|pricy|costly)|won'?t break the bank)\b|"
    r"便宜的|实惠"
)
# Asking about the store's offers, not a product's price ("any discount running?").
_OFFERS = _rx(r"\b(discounts?|offers?|sales?|deals?|coupons?|promo)\b")
# A message about an order already placed: a swap there is an exchange, not a new search.
_PLACED = _rx(r"\b(bought|ordered|received|delivered|purchased|my order|arrived)\b")
# Words that ask for an order, not one product: "low-high", "ascending", "by price", "cheap ones first"
_ORDERING = _rx(
    r"\b(first|1st|on top|ascending|descending|by (the )?(price|ratings?|reviews?|stars|popularity)|ones first)\b|"
    r"\b(low|high)\w*\s*(to|-|→|->|>)\s*\w+"
)
_ORDER_WORDS = _rx(r"\b(first|sort|order|low to high|high to low)\b")
_SIZE_QUESTION = _rx(
    r"\b(size|sizes|sizing|xs|s|m|l|xl|xxl|uk ?\d+|fit|fits|in stock|available|left)\b|"
    r"\bin \d{2}\b(?!\s*(k|rs|inr|₹|rupees|%))|码|尺码|有货"
)
_GENERIC = frozenset(
    "one ones lot thing things stuff item items something anything nice good best cool great new latest "
    "look looking loved liked most more less very really only just also too pls please kind type sort "
    "options option range same different other another which what whats there here take make get got "
    "least costs cost price cheap complete finish".split()
)
# Words of taste that some titles happen to hold ("Classy" heels): "something classy" names no kind
_TASTE = frozenset(
    "classy elegant stylish sophisticated decent premium trendy chic sober subtle luxurious luxury "
    "graceful timeless".split()
)
# Things not sold named with a word of a kind that is ("apple watch": a smartwatch, not a watch)
_UNSOLD_OF_A_KIND = _rx(
    r"\b(apple|galaxy|samsung|noise|boat|fire-?boltt|amazfit|fitbit|garmin|smart) ?watch(es)?\b|"
    r"智能手表|智能手环|手环|\b(saree|sari) falls?\b|\bshoe (racks?|stands?|cabinets?|organi[sz]ers?|cupboards?)\b|"
    r"\bsleeping bags?\b|\b(?:spectacle|specs|glasses|eyeglass|optical) frames?\b|\bframes? for my (?:specs|glasses)\b|"
    # "do u have dog sweaters?", "a raincoat for my puppy": clothes for a pet
    r"\b(?:dog|cat|puppy|kitten|pet)(?:'?s)? (?:sweaters?|jackets?|clothes|coats?|raincoats?|t-?shirts?|costumes?|"
    r"harness(?:es)?|bandanas?)\b"
)
# A pet's clothes, as the rewrites leave them: "dog sweaters", "宠物衣服"
_PET_WEAR = _rx(
    r"宠物衣服|\b(?:dog|cat|puppy|kitten|pet)(?:'?s)? (?:sweaters?|jackets?|clothes|coats?|raincoats?|costumes?)\b"
)
_OOC_EXTRA = _rx(
    r"\b((?:cricket |willow |kashmir willow |english willow )bats?|(?:computer |wireless )?mouse|car seat covers?|"
    r"dog collars?|dog leash(?:es)?|pet (?:food|supplies|beds?)|walking sticks?|wheelchairs?|"
    r"(?:study|dining|coffee|side|computer|centre|center) tables?|"
    r"oneplus|samsung|xiaomi|redmi|iphone|ipad|macbook|android|airpods|ps[345]|playstation|xbox|"
    r"nintendo|air ?fryer|mixer|grinder|blender|fridge|refrigerator|mattress|pillow|bedsheet|curtains?|"
    r"sofa|couch|dining table|chair|desk|furniture|rice|atta|groceries|vegetables|fruits?|pizza|burger|"
    r"medicines?|tablets? for|vitamins|dolo|crocin|paracetamol|protein powder|dog food|cat food|car(?!es\b)|scooter|"
    r"bike|bicycle|fire ?crackers?|fireworks|sparklers|patakh?e|patake|phuljhadi|"
    r"helmet|tyres?|laptop|computer|monitor|printer|television|tv|speaker|earbuds|headphones|"
    r"power ?bank|charger|camera|drone|smartwatch|fitness bands?|fitbits?|microwave|washing machine|"
    r"vacuum|kettle|pressure cooker|cookware|utensils|novel|toys?|lego|flight|hotel|taxi|"
    r"books?(?!\s+(?:(?:me|us|my|our)\s+)?(?:an?\s+|the\s+)?(?:tickets?|flights?|hotels?|cabs?|taxis?|trains?)\b)|"
    r"(?<=book a )cab|(?<=book me a )cab|"
    r"insurance|phone|mobile|smartphone|tablet|bindi|sindoor|diaper|(?:mi|smart|activity) band|"
    r"game console|home decor|scented candles?|showpiece|\d[- ]?seater|(?:split|window|inverter) ac|air ?conditioner|"
    r"whisk(?:e)?y|vodka|beer|liquor|alcohol|scotch|flower delivery|pens?(?! eyeliner)|"
    r"(?<!who )(?<!he )(?<!she )(?<!they )(?<!i )cycle(?!\s*(?:shorts|print|tee|t-?shirt))|"  # "who cycles": a verb
    r"hearing aid|dumbbell|seat cover|wall clock|alarm clock|cake|"
    r"mehe?n?di cones?|henna cones?|(?:dog |pet |cat )?(?:harness|leash)|(?:cat|dog|pet) beds?|"
    r"airdopes|earphones|neckband|(?:beard |hair )?trimmer|shaver|razor|epilator|hair ?dryer|hair straightener|"
    r"curling iron|airwrap|measuring tape|tape measure|inch tape|badminton racket|racket|racquet|"
    r"shuttlecock|reading (?:glasses|spectacles)|spectacles|eyeglasses|prescription glasses|contact lens|"
    r"(?:room )?heater|aprons?|knife|knives|knife sets?|chopping board|dinner ?sets?|dinnerware|crockery|"
    r"table lamp|cricket bat|sleeping bag|tent|rice cooker|skipping ropes?|jump ropes?|kindle|e-?readers?|"
    r"massage chairs?|massagers?|hockey sticks?|shin (?:guards?|pads?)|ring lights?|(?:ball|air|bicycle|cycle) pumps?|"
    r"pumps? for (?:the |a |my )?(?:ball|football|basketball|cycle|bike|bicycle|tyres?)|"
    r"shaving (?:cream|foam|gel)|(?:uv |gel )?nail lamps?|uv lamps?|garment steamers?|"
    r"(?:clothes |travel |steam )irons?|"
    r"bp (?:machine|monitor)|blood pressure (?:machine|monitor)|(?:laundry|washing) (?:detergent|liquid|powder)|"
    r"detergent|travel adapters?|plug adapters?|selfie sticks?|tripods?|toothbrush(?:es)?|"
    r"diyas|diya (?:lamps?|sets?)|rangoli|(?:halloween |fancy dress )?costumes?|face paints?|"
    r"(?:mosquito |insect )repellents?|repellents?|odomos|spa (?:vouchers?|days?|packages?)|(?:gift )?vouchers?|"
    r"jewell?ery (?:box|boxes|organi[sz]ers?)|perfume refills?|"
    r"(?:print|printing) (?:our|my|the|a|your|company)? ?(?:company )?logos?|"
    r"(?:(?:yoga|exercise|gym|workout|bath|door) )?mat(?!te|\s+finish)|"
    r"fall (?:n|and|&) pico|pico|tailoring|alterations?|hemming|"
    r"(?:back|silicone) cover|screen guard|"
    r"tempered glass|(?<!my )(?<!his )(?<!with )(?<!with a )sherwani|tuxedo|bow ?tie|cummerbund|"
    r"fresh flowers?|bouquet|garland|"
    r"(?:(?<=send )|(?<=him )|(?<=her )|(?<=them )|(?<=some )|(?<=buy )|(?<=order ))flowers|"  # "send him flowers"
    r"marigolds?|(?<!her )(?<!his )(?<!my )(?<!of )school uniforms?)(?:e?s)?\b|"
    r"手机(?!付|支付|扫码|转账)|(?<!背)(?<!装)(?<!放)(?<!带)电脑(?!包)|按摩椅|按摩仪|按摩器|冰箱|沙发|床垫|电视|药|玩具|遥控车|遥控飞机|乐高|积木|大米|鱼竿|音箱|窗帘|耳机|充电宝|电饭煲|狗粮|猫粮|零食|坚果|年货|蛋糕|家具|(?<!排)灯(?!节)|"
    r"裁缝|改短|改长|改裤脚|改腰|洗衣机|微波炉|空调|自行车|汽车|相机|打印机|枕头|床单|被子|瑜伽垫|瑜珈垫|哑铃|白酒|啤酒|四件套|床上用品|被套|家纺|音响|围裙|月饼|"
    r"电饭锅|刀具|烟花|鞭炮|炮竹|自拍杆|芭比|娃娃|绘本|童书|图书|课本|蛋白粉|球拍|羽毛球|剃须刀|吹风机|卷发棒|直发器|卷尺|软尺|茶叶|好茶|咖啡豆|老花镜|近视眼镜|"
    r"春联|利是|对联|福字|宠物衣服|宠物|猫咪|狗狗|柯基|鲜花|花束|游泳圈|泳圈|救生圈|婴儿床|婴儿车|推车|奶瓶|尿不湿|纸尿裤|"
    r"鼠标|键盘|眼镜框|镜框|一束花|送花|电动牙刷|牙刷|香薰|蜡烛|智能手环|手环|美容仪|洗衣液|洗衣粉|洗洁精|充电器|台灯|"
    r"剃须膏|剃须泡沫|美甲灯|挂烫机|熨斗|血压计|巧克力|礼品卡|购物卡|京东卡|星巴克|空气炸锅|炸锅|文具盒|铅笔盒|笔袋|文具|汉服|校服"
)
# Words that keep a non-fashion word inside a fashion product ("laptop bag", "phone pouch").
# What a holder holds ("a bag my laptop fits in"): named beside the holder, never a thing asked for
_HELD_THINGS = r"laptops?|phones?|mobiles?|iphones?|ipads?|tablets?|macbooks?|keys"
_HELD = _rx(_HELD_THINGS)
_HOLDERS = _rx(
    r"\b(bag|bags|backpack|totes?|handbags?|slings?|briefcases?|sleeves?|pouch|pouches|covers?|cases?|holders?|"
    r"print|printed|graphic|strap|band|"
    rf"stand|(?:{CARRYING}|put) (?:my |the |a |her |his |their )?"
    rf"(?:{_HELD_THINGS})(?: in| around)?)\b|[套壳包袋]|{CARRYING_ZH}"
)
# A piece the shopper already owns ("to go with my kurta", "I already have a blazer"): not a need.
_OWNED = _rx(
    # "my 9 yr old son got a navy blazer from his nani": what the one named already has
    r"\b(?:son|daughter|kid|child|wife|husband|hubby|brother|sister|bro|sis|dad|mom|mum|father|mother|he|she)\s+"
    r"(?:already\s+)?(?:got|has|owns)\s+(?:a|an|this|these|that)\s+"
    r"(?!(?:wedding|party|function|interview|exam|trip|date|birthday|bday|meeting|event|match|game|big)\b)|"
    r"^\s*(my|his|her|our)\b(?! (two |three |twin |\d{1,2}[- ](?:(?:year|yr)s?[- ]old |)|)"
    r"(little |elder |younger |baby |teenage |)"
    r"(son|daughter|kids?|child|children|wife|husband|hubby|bro|sis|mom|mum|dad|mummy|papa|bhai|"
    r"mother|father|brother|sister|boyfriend|girlfriend|friend|nephew|niece|grand\w+|nani|dadi|boss|colleague|"
    r"partner|fianc\w*|baby|cousin|family|uncle|aunt|in-?laws|parents|teacher)s?\b)|"
    r"\bi (already |only |just |mostly |basically )?(have|own|got|bought|possess)\b(?! (?:nothing|no)\b)|"
    # "I've a navy blazer that goes with everything" (not "I've a wedding to go to")
    r"\bi'?ve\s+(?:already\s+)?(?:got\s+)?(?:a|an|one|this|these|my)\s+(?!(?:question|doubt|query|budget|wedding|party|"
    r"date|interview|function|trip|event|meeting|reception|sangeet|mehendi|haldi)\b)|"
    r"\b(already have|already own|already got)\b|"  # "i have NOTHING green": what is lacked, so wanted
    r"\bi'?ve (?:already )?(?:sorted|bought|picked up)\s+"
    r"(?!(?:most|mostly|everything|all|some|out|it|that|this|the rest)\b)"
    r"(?:the\s+|my\s+|a\s+|an\s+)?[a-z]+\b(?! (?:to|for you)\b)|"
    # "got a navy blazer already", "got tan kolhapuris already", "own: grey chinos, white oxford shirt"
    r"^\W*(?:got|have) (?:(?:a|an|the|this|these|my|some) )?[^.?!]{0,40}\b(?:already|last (?:week|month)|yesterday)\b|"
    r"^\W*(?:i )?own\s*:|"
    r"\b(?:i )?(?:got|was|been|just got) gifted\b|"  # "got gifted a fossil watch"
    r"我(?:已经|本来|刚)?有(?:一|两)?[双条件个套块只顶](?!点)|^\W*有(?:一)?[条件双套](?![^吗?？]*[吗?？])|(?:^|我)(?:已经|刚)?买了(?:一|两)?[双条件个套块只顶]|"
    r"^\W*(?:got|bought|ordered) (?:[a-z]+ ){1,3}from (?:you|u|your (?:store|site|app)|you guys|u guys|here)\b|"
    r"\b(?:i|she|he|they)(?: basically| practically| literally| pretty much)? lives? in\b|"  # "i live in sneakers"
    r"之前[^，,。！!？?]{0,8}买的|买的[^，,。！!？?]{0,6}(?:到了|收到了)|"  # "之前在你们家买的西裤到了"
    r"^\s*(?:来|用来|好)?(?:配|搭配?)(?:他|她|我|我们|他们)的|"  # "给老公买双鞋 配他的西装": his suit, owned
    # "my husband has a navy blazer", "sis has a black one piece", "Nanaji has a grey safari suit"
    r"\b(he|she|they|husband|hubby|wife|bf|gf|boyfriend|girlfriend|dad|mom|mum|father|mother|sis|sister|brother|bro|"
    r"son|daughter|[a-z]+ji|grand(?:father|mother|pa|ma)|[a-z]+-in-law)"
    r" (already |literally |basically |practically |pretty much )?(has|owns|have) (got )?"
    r"(a|an|this|these|that|those|his|her|one|some|every|all the|so many|plenty of)\b|"
    r"\b(gifted|gave|got) (me|him|her|us) (a|an|this|these|his|her)\b|\b(liya hai|le liya|li hai)\b|"
    r"\bjust got (a |an |new |my |these |this |the )|^\s*(got|have|own)\s+[a-z]+[^.?!]*\balready\b|"
    r"\bi (usually |always |mostly |often )?wear (a|an|my|this)\b|\b(?:i'?m|im|i am) wearing (?:a|an|my|this)\b|"
    r"\b(?:is|are|'s) (?:already )?(?:sorted|taken care of|covered)\b|"
    r"\bi'?ve (already )?got\b|\balready (got|have|has|own|owns|bought)\b|"
    r"\b(just |finally |recently )?bought (myself |me )?"
    r"(a |an |this |these |my |some )?[a-z]+|\b(has|'s) got (a|an|this|her|his)\b|"
    r"\b(i'?ll|i will|ill) be in (a|an|my)\b|"
    r"^\s*(got|have|own) (a|an|this|these|my|some)\b|\b(i'?m|im|i am|i'?ll be|ill be|i will be) wearing\b|"
    r"\b(he|she|they)(?:'s|'re| is| are|'ll be| will be) (?:already )?wearing\b|"
    r"\b(i'?m|im|i am) an? (woman|man|girl|guy|lady|boy) with (a|an|my)\b|\bstyle (my|her|his)\b|"
    r"\b(will|'ll|is going to|gonna) wear (a|an|her|his|my|the|\w+ colou?r)\b|"
    r"\b(wardrobe|closet|cupboard)\b(?! (refresh|upgrade|makeover|revamp|update|essentials|staples))|"
    r"\b(plenty of|enough|loads of|too many)\b|"
    r"^\s*(配|搭配?)[^什么啥]{1,6}(那种|那款|的那种|的)\s*$|我(已经)?有(?!点|些|一点|没有)|"
    r"(刚|才|新|已经)(买|入|收)了?(一)?[条件双个套顶副块]|(刚|才)到手|"
    r"(老公|老婆|婆婆|妈妈|爸爸|我妈|我爸|男朋友|女朋友|闺蜜|他|她)(已经)?有[条件双个套顶副块]|穿[\u4e00-\u9fff]{1,4}用的|"
    r"\b(she|he|they|wife|husband|mom|mum|mother|dad|father|sister|brother|gf|bf|girlfriend|boyfriend|friend) "
    r"(already |also )?(has|have|owns|got|bought)\b|\b(she|he)'?s got\b|"
    r"\b(?:go|goes|going|match|pair|team|wear) (?:well |nicely |best )?(?:with|w/) my\b"  # "... go with my kurta set?"
)
_FREEBIES = "Free Gifts"
_GIFT_TYPES = {
    "Men": ["Watches", "Wallets", "Perfume and Body Mist", "Belts", "Sunglasses"],
    "Women": ["Handbags", "Watches", "Earrings", "Perfume and Body Mist", "Clutches", "Sunglasses"],
    "Boys": ["Tshirts", "Watches", "Backpacks", "Caps"],
    "Girls": ["Tops", "Dresses", "Watches", "Backpacks"],
    "Unisex": ["Watches", "Wallets", "Backpacks", "Sunglasses", "Perfume and Body Mist"],
}


# Places shoppers travel to or live in ("shimla trip in dec"): names, not typos of store words
_TRAVEL_PLACES = (
    "shimla manali kasol ooty kodaikanal munnar coorg mussoorie nainital darjeeling gangtok sikkim leh ladakh "
    "kashmir srinagar gulmarg auli spiti rishikesh haridwar kedarnath kedarkantha dharamshala mcleodganj "
    "lonavala mahabaleshwar udaipur jaipur jodhpur jaisalmer pushkar goa gokarna pondicherry puducherry "
    "andaman alleppey kerala varanasi amritsar mumbai delhi bengaluru bangalore chennai kolkata hyderabad "
    "pune ahmedabad lucknow chandigarh kochi indore bhopal nagpur surat noida gurgaon gurugram"
).split()
# "flying into mumbai", "a week in goa": the place, not a brand named after it (Mumbai Slang)
_TO_THE_PLACE = _rx(rf"\b(?:to|into|in|at|visiting|around|near|across|from) (?:{'|'.join(_TRAVEL_PLACES)})\b(?! slang)")
# Weaves and crafts shoppers name their ethnic wear by ("a banarasi saree"): words, not typos.
_WEAVES = "banarasi kanjeevaram kanjivaram paithani bandhani bandhej chikankari patola ikkat ikat kalamkari".split()
# Words of this module's own tables and of the kinds of thing not sold: never "corrected" into
# catalog words ("sangeet" is no "singlet", "dolo" no "polo").
_KEEP = frozenset(
    w
    for table in (
        [p for p, _ in _OCCASIONS],
        list(_SHORTHAND),
        [_OOC_EXTRA.pattern],
        HINDI_WORDS,
        BENGALI_TAMIL_WORDS,
        _WEAVES,
        UNSOLD.values(),
        [_PLAINER.pattern],  # "something plainer?": no "planner"
        _TRAVEL_PLACES,
        ["mnc", "wfh", "startup", "bday", "hubby", "frnd", "flowy"],
        list(_PINYIN_INITIALS),
    )
    for phrase in table
    for w in re.findall(r"[a-z]{2,}", phrase.lower())  # short ones too: "gf", "ek" are no words typed without vowels
)


# A type guessed from a title word is never as sure as one named: "collar" is always Topwear in
# the titles, yet "a dog collar" asks for none, so a guess still meets the not-sold check.
GUESS_CAP = 0.95
# A type guessed from a word the titles use to describe, not to name, products ("oversized
# sunglasses"): half as sure, below NAMED, so it starts no need of its own beside a named one.
DESCRIBING_WORD = 0.5
NAMED = 0.6
# A word in at least this share of the titles names products ("cotton": 137 of 44k), unless
# everyday English uses it a lot.
TITLE_WORD_SHARE = 0.001
# A message of an unknown word is read as the catalog type nearest in meaning only when that
# type is this near and this far ahead of every kind not sold ("bralettes" 0.58 / +0.31 from
# bras; "boat airdopes" is 0.34 / +0.09 from jumpsuits).
MEANT_TYPE_SIMILARITY = 0.5
MEANT_TYPE_LEAD = 0.15


def _nothing_carted() -> bool:  # the default of ``Context.carted``
    return False


@dataclass
class Context:
    """What a message can refer to: the last list shown and the product in focus."""

    shown: list[ProductRecord] = field(default_factory=list)
    focus: ProductRecord | None = None
    has_search: bool = False
    last_request: ShopperRequest | None = None
    before_aside: ShopperRequest | None = None  # the request before a store question asked in between
    gender: str | None = None  # whose things this conversation has been about ("for men" earlier)
    size_asked: bool = False  # the last add to the cart asked "which size would you like?"
    searched_size: str | None = None  # the size the search shown filters on ("大一码的呢" steps from it)
    shopper_gender: str | None = None  # the shopper's own, as "my wife" or "我老公" earlier implied
    # whether the cart holds something ("the 1st one also" adds after a new list), read only when asked
    carted: Callable[[], bool] = _nothing_carted


def _brand_of_two_words(need: ProductNeed, brand: str, chunk: str) -> None:
    """ "red tape shoes": the words of a brand named by a colour and a word ("Red Tape",
    "Black Coffee") say no colour ("red red tape shoes" still does), and "nothing from red
    tape" turns the brand down, not red."""
    if " " not in brand:
        return
    said = chunk.lower()
    rest = re.sub(rf"\b{re.escape(brand)}\b", " ", said)
    own = {
        c for word in brand.split() if word in COLOURS for c in [COLOURS[word], *EXCLUDED_FAMILY.get(COLOURS[word], [])]
    }
    own = {c for c in own if not re.search(rf"\b{c.lower()}\b", rest)}
    need.colours = [c for c in need.colours if c not in own]
    refusal = r"\b(?:no|not|nothing|none|without|except|avoid|skip)\b(?:\s+(?:from|by|of|any))*\s+"
    if re.search(rf"{refusal}{re.escape(brand)}\b", said):
        need.exclude_colours = [c for c in need.exclude_colours if c not in own]
        need.exclude_terms = [*need.exclude_terms, brand]
        need.title_terms = [t for t in need.title_terms if t.lower() not in brand.split()]
        need.brand = None


def _asked_for_a_piece_owned(request: ShopperRequest, ask: str, read: str, context: Context) -> ShopperRequest:
    """ "got jeans from u guys last week ... so now i need tshirts to wear with them": with
    nothing shown, "them" is a piece the story says the shopper owns, so the kind named is
    searched (as "I own a grey blazer, need trousers to go with it" is), no look around it."""
    look = request.outfit
    if look is None or look.around_need is None or look.pieces or context.shown or context.focus:
        return request
    if not (_WITH_IT.search(ask) and _OWNED.search(read) and not _OWNED.search(ask)):
        return request
    need = _need_from(parse_query(_WITH_IT.sub(" ", ask)))  # its colours, size and gender said beside it
    need.article_types = need.article_types or look.around_need.article_types
    need.gender = need.gender or look.around_need.gender or look.gender
    return request.model_copy(update={"intent": Intent.search, "outfit": None, "needs": [need]})


# "my first 10k 🏃‍♀️": a person emoji with the female or male sign is the shopper saying who they are
_GENDER_SIGN = re.compile(
    r"[\U0001F000-\U0001FAFF\u26f9](?:[\U0001F3FB-\U0001F3FF])?\ufe0f?\u200d([\u2640\u2642])\ufe0f?"
)
_EXPECTING = re.compile(r"[\U0001F930\U0001FAC4](?:[\U0001F3FB-\U0001F3FF])?")
# What an expecting mother asks for when she names no kind: the loose, flowing kinds
_LOOSE_FOR_EXPECTING = ("Dresses", "Kurtas", "Kurtis", "Tunics")
# "its my own baby shower", "i'm 7 months pregnant": the shopper is a woman expecting a baby
_EXPECTING_SAID = _rx(
    r"\b(?:(?:i'?m|im|i am) (?:\d+ (?:months?|weeks?) )?(?:pregnant|expecting)|my (?:own )?baby shower|maternity)\b"
)
_ANOTHER_PERSON_NAMED = _rx(
    r"\bfor (?:him|her|them)\b|\b(?:men|women|man|woman|girls?|boys?|guys?|ladies|gents|wife|husband|son|daughter|"
    r"mom|mum|mother|dad|father|sister|brother|bf|gf|boyfriend|girlfriend|kids?|baby(?! shower))\b|[男女]"
)


def _gender_of_an_emoji(message: str) -> str:
    """The sign of a person emoji as words ("🏃‍♀️": for women; "🤰", expecting: a woman), when
    the message says whose the things are in no other way."""
    said = _EXPECTING_SAID.search(message)
    if not (_GENDER_SIGN.search(message) or _EXPECTING.search(message) or said) or _ANOTHER_PERSON_NAMED.search(
        message
    ):
        return message
    message = _EXPECTING_SAID.sub(lambda m: f"{m.group(0)}, for women,", message)
    message = _EXPECTING.sub(", for women, ", message)
    return _GENDER_SIGN.sub(lambda m: ", for women, " if m.group(1) == "\u2640" else ", for men, ", message)


def _no_second_anchor(request: ShopperRequest, context: Context) -> None:
    """A look around a product shown names the pieces to add; the anchor's own kind said
    again ("围绕这双鞋搭一身 衬衫+西裤+皮带", "around these shoes: a shirt, trousers") is that
    product, never a second one of it."""
    ask, place = request.outfit, request.reference.position if request.reference else None
    if ask is None or not ask.around_reference or not place or not 0 < place <= len(context.shown):
        return
    anchor = context.shown[place - 1]
    for piece in ask.pieces:  # "给第一块表配个钱包": the wallet, not the watch its words also name
        if anchor.article_type in piece.article_types and len(piece.article_types) > 1:
            piece.article_types = [t for t in piece.article_types if t != anchor.article_type]
    others = [
        p for p in ask.pieces if anchor.article_type not in p.article_types and p.sub_category != anchor.sub_category
    ]
    ask.pieces = others or ask.pieces


class FastUnderstanding:
    """``understand(message, context)`` -> ``ShopperRequest``; built once per catalog.
    ``meaning`` (optional) decides by meaning what no word names: whether a thing the
    catalog has no word for is something the store does not sell."""

    def __init__(self, lexicon: CatalogLexicon, meaning: CatalogMeaning | None = None) -> None:
        self.lexicon = lexicon
        self.meaning = meaning
        self.pinyin = pinyin_reader()

    def understand(self, message: str, context: Context) -> ShopperRequest:
        """What a message asks, as one typed request; after a search for several people, a
        clause keeping the others' things as they were is set apart from the change."""
        several = context.last_request is not None and len(context.last_request.needs) > 1
        simple = simplified(message) if several else message
        kept = _OTHERS_KEPT.search(simple) if several else None
        if kept is None:
            request = self._read(message, context)
            if request.intent is Intent.refine and several:  # "mine in black, hers in pink": each their own
                each = self._each_persons_change(simple) or self._each_persons_change(request.text or message)
                request.needs = each or request.needs
            return _the_one_asked_about(request, message, context)
        rest = f"{simple[: kept.start()]} {simple[kept.end() :]}".strip(" ,.;")
        changed = self._read(rest, context) if re.search(r"\w", rest) else None
        if changed is None or changed.intent not in (Intent.search, Intent.refine):
            return self._read(message, context)
        request = changed
        request.intent, request.others_kept = Intent.refine, True  # a change of the list just shown
        return request

    def _read(self, message: str, context: Context) -> ShopperRequest:
        """The message read whole: the preparations of its words, then the ordered readings."""
        message = self.pinyin.read(message) or message  # "nan shi yun dong xie 42 ma": 男士运动鞋 42码
        read = to_english(spaced_scripts(spelled_numbers(simplified(_gender_of_an_emoji(message)))))
        read = _FRIENDS_OUTING.sub(  # "a girls' night at her place": grown women's sizes, no girls'
            lambda m: f"{'ladies' if m.group('women') else 'men'}' {m.group('what')}", read
        )
        read = _BUDGET_CAP.sub(lambda m: f"{m.group('sum') or ''}limit{m.group('verb') or ''}", read)  # "700 rs cap."
        read = _LEADING_N.sub("", _MOST_ONE_TYPED.sub(r"\g<most> one", read))  # "n the cheepest 1?"
        read = _nth_of_a_sort(_ISH.sub(r"\1", read), context)  # "something kurta-ish": a kurta
        read = _the_shoppers_own(_whose_list_zh(read, context), context)
        read = _WHOSE_FIRST.sub(r"\g<whose>", read)  # "show only his first": his, for now (no first place)
        read = _amount_corrected(_self_corrected(read), context)  # "size M.. no sorry, size L": size L
        swapped = _meant_another(read, context)
        if swapped is not None:
            return swapped
        whole_turn = (  # read from the whole message, before any of it is set aside
            _which_to_add_answered(read, context)
            or _in_stock_only(read, context)
            or self._look_added_in_sizes(read, context)
            or self._piece_of_a_look_added(read, context)
            or self._piece_out_of_look(read, context)
            or _whole_look_added(read, context)
            or self._two_cart_actions(read, context)
            or _so_many_of_the_most(read, context)
            or _is_it_zh(read, context)
            or self._another_kind_too(read, context)
        )
        if whole_turn is not None:
            return whole_turn
        read = _places_sized_as_an_add(read, context)
        read = _a_bare_place(read, context)
        numbered = _ADD_A_NUMBER.match(read) if context.shown else None
        if numbered and (context.last_request is None or context.last_request.intent is not Intent.cart_add):
            place = int(numbered.group(1))  # "add 1" under a list: the first shown, not one of the one in focus
            return ShopperRequest(
                intent=Intent.cart_add, text=read, reference=Reference(position=place), confidence=0.8
            )
        last = context.last_request
        made = _MAKE_IT_SO_MANY.search(read) if last is not None and last.intent is Intent.cart_add else None
        if made:  # "one of them backed out (he's wearing a pathani instead) so make it 2": the count added
            return self._understand(made.group("ask"), context)
        read = _MATCHES_ONE_SHOWN.sub(
            lambda m: "" if m.group("mine") or _kind_shown(m.group("kind"), context) else m.group(0), read
        )
        ask = self._ask_of(read)
        request = self._understand(ask, context)
        pointed = _reference(read) if ask != read and context.shown else None
        if request.reference and request.reference.pronoun and pointed and pointed.position:
            request.reference = pointed  # "3rd one is giving main character energy. is it short or midi?"
        if self._asks_the_store(request):
            request = ShopperRequest(intent=Intent.store_info, text=request.text, confidence=0.7)
        request = self._described_by_a_word(request, read, context) or _only_a_count(request, read, context)
        self._brand_swapped(request, read, context)
        if request.intent is Intent.search and sends_abroad(read) and _is_question(read):
            # "can you post a kurta to my nan in Birmingham?": shipping abroad, not a search
            request = ShopperRequest(intent=Intent.store_info, text=read, confidence=0.7)
        if request.intent is Intent.store_info and ask != read and sends_abroad(read) and not sends_abroad(ask):
            request.text = read  # "my bro lives in dubai ... can u ship a perfume straight to him there?"
        request = self._and_a_store_question(ask, context, request) or request
        request = self._as_colour_question(request)
        request = _pieces_for_a_list(request, context)
        _in_matching_colours(request, read, context)
        request = self._judged_list_narrowed(request, read, context)
        request = _asked_for_a_piece_owned(request, ask, read, context)
        _no_second_anchor(request, context)
        _mine_after_my_partners(request, context)
        _superlative_asked_of(request, context)
        self._what_goes_with_it_zh(request, read)
        _returns_of_the_one_in_hand_zh(request, context)
        _it_of_two_compared(request, context)
        request = self._feature_asked_of_the_list(request, read, context)
        last = context.last_request
        self._kind_of_the_store_question(request, context)
        if request.intent is Intent.refine and _another_usage(read, context) and "usage" not in request.dropped:
            request.dropped = [*request.dropped, "usage"]  # "ok forget formal, show me casual ones"
        if (
            request.intent is Intent.refine
            and not (request.sort or request.cheaper or request.pricier)
            and last
            and last.sort
            and last.intent in (Intent.search, Intent.refine)
        ):
            request.sort = last.sort  # "only under 1500 pls" after the best rated: still best rated first
        request.count = _count_asked(read) if _one_search(request) or request.intent is Intent.more else None
        if request.intent is Intent.search:  # the story left out of the ask still says who the shopper is
            _spouse_of_the_shopper(request.needs, message)
            self._brand_worn_only(request.needs, read)
            _each_of_a_total(request.needs, read)
            sized = _sized_per_person(request.needs, message, request.text)
            request.needs = _one_for_each_of_a_pair(sized, f"{message} {request.text}")
        owned = _colours_owned_zh(message)
        worn = _colours_worn_by_others(read)
        for need in request.needs:  # "no black ones, I've got 10 black tees already": not black
            need.colours = [c for c in need.colours if c not in need.exclude_colours and c not in owned | worn]
            need.exclude_colours += [c for c in worn if c not in need.exclude_colours]
            kept = [t for t in need.article_types if t not in need.exclude_types]  # "... just not sports shoes"
            if need.article_types and not kept:
                need.sub_category = need.sub_category or self.lexicon.sub_category_of.get(need.article_types[0])
            need.article_types = kept
            if need.usage == "Sports" and "Sports Shoes" in need.exclude_types:  # "not sports shoes": no sports wear
                need.usage, need.occasion = None, None
        _kurta_pyjama_is_his(request, message)
        request = self._brand_not_carried(request, message)
        request = _with_size_advice(request, read, context)
        request = _one_more_piece(request, read, context)
        request.confidence = self._confidence(request)
        return request

    def _brand_not_carried(self, request: ShopperRequest, message: str) -> ShopperRequest:
        """A search naming a well-known brand the store does not carry keeps it, to be said;
        "do you have zara?", read as a thing not sold, is that brand asked for."""
        brand = self.lexicon.brand_not_carried(message)
        if brand is None:
            return request
        if (
            request.intent is Intent.out_of_catalog
            and self.lexicon.brand_not_carried(request.out_of_catalog or "") == brand
        ):
            return ShopperRequest(intent=Intent.search, text=request.text, brand_not_carried=brand, confidence=0.8)
        if request.intent in (Intent.search, Intent.refine, Intent.outfit):
            request.brand_not_carried = brand
        return request

    def _as_colour_question(self, request: ShopperRequest) -> ShopperRequest:
        """A look around a described piece that asks which colours go with it ("what colour
        shoes go with navy trousers?") or whether two do ("does a mustard kurta go with a
        white churidar?") is a question about colours: the pieces asked about are searched,
        in the colours asked or leaving out those that clash, and the colour rules answer."""
        ask = request.outfit
        if request.intent is not Intent.outfit or ask is None or ask.around_need is None or not ask.pieces:
            return request
        asked = [c for piece in ask.pieces for c in piece.colours]
        if not (_WHICH_COLOUR.search(request.text) or (asked and _GOES_TOGETHER.search(request.text))):
            return request
        said = _GOES_WITH_WHAT.search(request.text)
        goes_with = self._need(said.group("piece")).colours if said else ask.around_need.colours
        if not goes_with:
            return request
        around = ask.around_need
        clashing = [] if asked else clashes_with(goes_with, sorted(set(COLOURS.values())))
        needs = [
            piece.model_copy(
                update={
                    "text": " ".join(_ASKING_WORDS.sub(" ", piece.text).split()) or piece.text,
                    "gender": piece.gender or ask.gender or around.gender,
                    "usage": piece.usage or ask.usage,
                    "size": piece.size or around.size,
                    "exclude_colours": piece.exclude_colours or clashing,
                }
            )
            for piece in ask.pieces
        ]
        return request.model_copy(
            update={
                "intent": Intent.search,
                "outfit": None,
                "needs": needs,
                "colour_question": ColourQuestion(asked=asked, goes_with=goes_with),
            }
        )

    def _and_a_store_question(self, ask: str, context: Context, whole: ShopperRequest) -> ShopperRequest | None:
        """ "need a black shirt, budget roughly 1500. and if it doesnt fit can i exchange it?":
        a product asked for and a question the help pages answer, in sentences of their own;
        the search first, then (``then``) the store's answer. A piece bought before ("I
        ordered a shirt last week, can I exchange it?") is the question's, not a search."""
        if whole.intent not in (Intent.search, Intent.outfit, Intent.store_info) or whole.then:
            return None
        parts = [p for p in _ASKS_APART.split(ask) if p and re.search(r"\w", p)]
        if len(parts) < 2:  # one ask: nothing to read apart
            return None
        read = {p: detect_intent(p, has_context=context.has_search) for p in parts}
        store = [p for p in parts if read[p] is Intent.store_info]
        asks = [p for p in parts if read[p] not in (Intent.store_info, Intent.greeting)]
        rest = " ".join(asks)
        # "do u have a store in bangalore? want to try kurtis before buying": the shop is what is asked
        if store and _TRY_BEFORE_BUYING.search(rest):
            return ShopperRequest(intent=Intent.store_info, text=ask, confidence=0.8)
        wants = bool(_WANTS.search(rest))
        if store and not wants and (_OWNED.search(rest) or _BOUGHT_BEFORE.search(rest)):  # "i ordered shoes ..."
            return None if whole.intent is Intent.store_info else ShopperRequest(intent=Intent.store_info, text=ask)
        # "black formal shoes uk10 and a black belt to match. also do ur formal shoes run small?": things named
        asks_for_one = wants and bool(_ONE_WANTED.search(rest))  # "want a plain cotton one": of the kind asked about
        # "party dress for me size S under 2500 ... also is COD a thing? im in pune": one part asks for a thing
        wants = wants or any(re.search(r"\w", p) and not _SAYS_OF_IT.search(p) for p in asks)
        if not store or not wants or _a_piece_swapped(whole, store, context):
            return None
        request = whole if whole.intent is not Intent.store_info else self._understand(rest, context)
        if asks_for_one:
            self._kind_from_the_question(request, " ".join(store))
        if request.intent not in (Intent.search, Intent.outfit) or not any(
            n.has_product() and n.confidence > GUESS_CAP  # named, not guessed ("its for my sisters bday")
            for n in request.needs + (request.outfit.pieces if request.outfit else [])
        ):
            return None
        # "... also can u get my suit dry cleaned": the service is said not offered with the list, not asked again
        store = [
            s for s in store if not (request.out_of_catalog and (_A_SERVICE.search(s) or _OTHER_SERVICE.search(s)))
        ]
        return request.model_copy(update={"then": " ".join(s.strip() for s in store) or None})

    def _another_kind_added_zh(self, text: str, context: Context) -> bool:
        """A Chinese "add" naming a kind none of the products shown is, with no place in the list
        ("再加个双肩包" after shoes): that kind asked for, not a product put in the cart."""
        if not _ZH_ADD_ANOTHER.match(text) or _reference(text) is not None or _ZH_SAME_ONE.search(text):
            return False
        need = self._need(text)
        shown = {p.article_type for p in context.shown}
        return bool(need.article_types) and need.confidence >= 1.0 and not (set(need.article_types) & shown)

    def _kind_from_the_question(self, request: ShopperRequest, question: str) -> None:
        """ "do ur kurtas run small? i'm usually an M, want a plain cotton one": the one wanted
        is of the kind the store question names."""
        if request.intent is not Intent.search or len(request.needs) != 1 or request.needs[0].has_product():
            return
        kind = self._need(question)
        if kind.has_product() and kind.confidence >= 1.0:
            need = request.needs[0]
            need.article_types, need.sub_category, need.confidence = kind.article_types, kind.sub_category, 1.0
            need.gender = need.gender or kind.gender

    def _brand_swapped(self, request: ShopperRequest, read: str, context: Context) -> None:
        """ "Lee instead", "换成Lee的看看" after a list: the same search from that brand (a brand
        that is also an everyday word is one here: the shopper names it in place of another)."""
        said = _BRAND_INSTEAD.match(read) if context.has_search else None
        if said is None or request.intent not in (Intent.refine, Intent.search) or len(request.needs) > 1:
            return
        brand = self.lexicon.brand_in(f"from {said.group('word') or said.group('zh')}")
        need = request.needs[0] if request.needs else ProductNeed(text="")
        if brand is None or need.brand or need.has_product():
            return
        need.brand, need.title_terms = brand, [t for t in need.title_terms if t.lower() != brand]
        request.intent, request.needs = Intent.refine, [need]

    def _described_by_a_word(self, request: ShopperRequest, read: str, context: Context) -> ShopperRequest | None:
        """ "slim?", "skinny ones?" right after a search: the same search, with products whose
        titles say that word; only for a word the titles use to describe, not to name a kind."""
        bare = _ONE_WORD_MORE.fullmatch(read.strip()) if context.has_search else None
        if bare is None or request.intent not in (Intent.search, Intent.refine) or request.sort or request.reference:
            return None
        if _asks_something(request):
            return None
        word = self.lexicon.title_form(bare.group("word").lower())
        if word in _REACTIONS or self.lexicon.title_counts.get(word, 0) < 10 or self.lexicon.names_products(word):
            return None
        if _ooc_thing(read):
            return None
        return ShopperRequest(
            intent=Intent.refine, text=read, needs=[ProductNeed(text=word, title_terms=[word])], confidence=0.7
        )

    def _brand_turned_down(self, text: str) -> str:
        """ "Vishudh I don't want yaar": a brand named first and then turned down is "no Vishudh"."""
        said = _BRAND_NOT_WANTED.search(text)
        if said is None or said.group("brand").lower() not in self.lexicon.brands:
            return text
        return f"{text[: said.start()]} no {said.group('brand')} {text[said.end() :]}"

    def _what_goes_with_it_zh(self, request: ShopperRequest, read: str) -> None:
        """ "绿色的库尔蒂配什么裤子好", "白衬衫配什么裤子": the trousers are asked for, the kurti or
        shirt is what they go with (its kind and colour are not asked; whose it is, is)."""
        said = _PIECE_TO_GO_WITH_ZH.match(read)
        if said is None or request.intent is not Intent.search or len(request.needs) != 1:
            return
        need, piece = request.needs[0], self._need(said.group("piece"))
        wanted = [t for t in need.article_types if t not in piece.article_types]
        if not piece.has_product() or not wanted or len(wanted) == len(need.article_types):
            return
        rest = read[said.end() :]
        need.article_types, need.text = wanted, " ".join(wanted)
        need.colours = [c for c in need.colours if c not in piece.colours or c.lower() in rest.lower()]
        need.gender = need.gender or piece.gender

    def _each_persons_change(self, text: str) -> list[ProductNeed]:
        """ "mine in black, hers in pink", "我的要黑色 她的要粉色": a change for each person named,
        each read from its own clause (his and hers by gender, the shopper's as the shopper's);
        nothing when fewer than two people are named."""
        marks = list(_PERSON_CLAUSE.finditer(text))
        let_go = any(_LET_GO_BEFORE.search(text[: m.start()]) for m in marks)  # "forget mine, just his"
        if len(marks) < 2 or let_go:
            return []
        changes = []
        for mark, after in zip(marks, [*marks[1:], None], strict=True):
            clause = text[mark.start() : after.start() if after else len(text)]
            need = self._need(clause)
            said = mark.group(0).lower()
            if re.search(r"\b(?:his|him)\b|他", said):
                need.gender, need.whose = "Men", None
            elif re.search(r"\b(?:hers|her)\b|她", said):
                need.gender, need.whose = "Women", None
            else:
                need.whose = whose_named(said) or "self"
            changes.append(need)
        # "forget mine, I'll manage. just his, under 3500": one of them let go of, no change for each
        return changes if all(_changes_something(c) for c in changes) else []

    def _brand_worn_only(self, needs: list[ProductNeed], text: str) -> None:
        """ "he only wears Arrow. Any formal shirts in XL?": the brand the story says is the one,
        for the one thing asked (a brand the catalog sells)."""
        loyal = _BRAND_WORN_ONLY.search(text)
        if loyal is None or len(needs) != 1 or needs[0].brand or not needs[0].has_product():
            return
        words = loyal.group("brand").lower().split()
        brand = next((" ".join(words[:n]) for n in (2, 1) if " ".join(words[:n]) in self.lexicon.brands), None)
        if brand:
            needs[0].brand = brand
            needs[0].text = f"{brand} {needs[0].text}"

    def _two_cart_actions(self, read: str, context: Context) -> ShopperRequest | None:
        """ "add the 4th belt. and pls remove the watch", "add the first belt and the first
        wallet", "add the 3rd in 10 and checkout": the first cart action, what follows kept as
        ``then`` (another cart action, the order or a store question, done after it on the cart
        the first leaves)."""
        # "remove it, add no. 1 instead" swaps the one in focus; "remove the 4th, add the 5th instead" is two actions
        if (not context.has_search and not context.focus) or (
            _INSTEAD.search(read) and not _REMOVE_A_PLACE.match(read)
        ):
            return None
        for split in list(_SECOND_CART_ACTION.finditer(read))[:3]:
            first, second = read[: split.start()], read[split.end() :]
            second = f"add {second}" if split.group("same_verb") is not None else second
            request = self.understand(first, context)
            then = self.understand(second, context)
            # "i'll take the first one, add it": one add said twice, not two
            same_again = (  # ("ok going with the first, add it" after two compared: "it" is the one chosen)
                then.intent is request.intent
                and (then.reference is None or then.reference.pronoun or bool(then.reference.among))
                and not (then.resize or then.quantity or then.size)
            )
            searched = then.intent is Intent.search and any(  # a product named outright, not guessed
                n.has_product() and n.confidence > GUESS_CAP for n in then.needs
            )
            if request.intent in _CART_ACTIONS and (then.intent in _AFTER_A_CART_ACTION or searched) and not same_again:
                request.then = second
                return request
        return None

    def _asks_the_store(self, request: ShopperRequest) -> bool:
        """A message read as a search that names no product, no list position and no
        constraint, and reads by meaning as a question the help pages answer ("can I pay
        through Google Pay? I do not use a credit card.") more than a product sold or a kind
        of thing not sold. A refusal stays one: "do u sell room heaters? delhi cold is
        brutal" lies near "do you have a store in delhi"."""
        if self.meaning is None or request.intent not in (Intent.search, Intent.refine):
            return False
        named = any(  # a kind guessed weakly from one title word ("paying extra": lip colours) names none
            ((n.has_product() or n.title_terms) and n.confidence >= WEAK_GUESS)
            or n.price
            or n.colours
            or n.exclude_colours  # "all look same. diff colours pls": the colours shown turned down
            or n.gender
            or n.size
            or n.brand
            for n in request.needs
        )
        pointed = request.reference is not None and not request.reference.pronoun
        asked_of_the_list = request.sort or request.cheaper or request.other_colours or request.other_brand
        if named or pointed or asked_of_the_list or self._names_a_title_word(request.text):
            return False  # "anything cheaper? first salary hasnt come yet": cheaper ones, no EMI; "diff colours pls"
        return self.meaning.store_question(request.text)

    def _names_a_title_word(self, text: str) -> bool:
        """Whether a word of the message is one many product titles use and everyday English
        seldom does ("any in pure cotton?": a search of cotton ones, not the help page on
        what a listing says)."""
        counts, common = self.lexicon.title_counts, self.lexicon.is_common_english
        least = max(2, TITLE_WORD_SHARE * self.lexicon.product_count)
        words = set(re.findall(r"[a-z]{4,}", text.lower()))
        return any(counts.get(w, 0) >= least and not common(w) for w in words)

    def the_ask(self, message: str) -> str:
        """A long message without the sentences that only tell a story ("Hi there! My wife
        always steals my sweatshirts, so I figured it's time she had her own. I'm looking for
        a women's sweatshirt for her"): words in them ("sweatshirts", "coffee stains", "my old
        bag broke") would read as products or constraints. Only when the sentences kept name
        a kind themselves ("wanna get her a watch. ideas?" keeps the watch)."""
        if _CJK.search(message):
            return _ZH_GREETING.sub("", message.strip()) or message
        message = _without_verdicts(message)
        sentences = [s for s in _SENTENCE_END.split(message.strip()) if s.strip()]
        if len(sentences) < 2:
            return self._without_the_reason(message)
        asking = [self._without_the_reason(s) for s in sentences if self._asks(s)]
        named = any(n.confidence >= 1.0 for n in (self._need(s) for s in asking) if n.has_product())
        if not (asking and named and asking != sentences):
            return message
        return _with_whose(" ".join(asking), [s for s in sentences if not self._asks(s)])

    def _without_the_reason(self, sentence: str) -> str:
        """ "my cousin keeps telling me i need proper shoes, so i'm looking for adidas running
        shoes": the ask after "so"; the whole sentence when only the reason names the kind
        ("a dress for the party, so i can dance")."""
        ask = _SO_THE_ASK.sub("", sentence)
        if ask == sentence:
            return ask
        # "let's say around 2500 actually, it's her 70th so I'd like it to be nice": the price is the ask
        priced = parse_query(sentence[: len(sentence) - len(ask)]).filters
        if (priced.price_max or priced.price_min) and not self._need(ask).has_product():
            return sentence
        if self._need(ask).has_product():
            return ask
        before, _ = self.lexicon.correct(sentence[: len(sentence) - len(ask)], keep=_KEEP, prefer=_UNDERSTANDING_WORDS)
        return sentence if self._need(before).has_product() else ask  # "sandel for men ..., so pls not tight"

    @staticmethod
    def _asks(sentence: str) -> bool:
        """Whether a sentence of a long message is part of the ask: a request or question,
        a short one, a piece owned, a store question ("my grandson says there is EMI
        facility"), or a colour, size, price or occasion said."""
        if _ASKING.search(sentence) or not _A_STORY.search(sentence) or occasion_of(sentence)[0]:
            return True
        if _ANOTHER_CHOICE.match(sentence):  # "... maybe a lehenga? or a kurta set if lehengas are too pricey"
            return True
        if _ALSO_A_THING.match(sentence):  # "And a pack of socks because all of his have holes": one more thing
            return True
        if detect_intent(sentence, has_context=False) is Intent.store_info:
            return True
        said = parse_query(sentence).filters
        size = said.size or size_in(sentence, footwear=False)
        return bool(said.colour or said.exclude_colours or size or said.price_max or said.price_min)

    def _confidence(self, request: ShopperRequest) -> float:
        """How sure this reading is (the LLM-when-unsure policy asks the model below 0.75):
        lower when no product type was recognised, when a type was only guessed from a title
        word, when a refusal was decided by meaning, or when a word is known to neither the
        catalog nor English."""
        intent = request.intent
        score = 1.0
        if intent in (Intent.search, Intent.refine, Intent.outfit, Intent.similar, Intent.recommend):
            named = [n for n in request.needs if n.has_product()]
            if intent is Intent.search and request.needs and not named:
                score = 0.5
            changed = (
                request.sort
                or request.cheaper
                or request.pricier
                or request.other_brand
                or any(
                    n.colours or n.exclude_colours or n.price or n.size or n.gender or n.brand for n in request.needs
                )
            )
            if intent is Intent.refine and not changed and not named:
                score = 0.5
            score = min([score] + [n.confidence for n in request.needs])
        elif intent in (
            Intent.price,
            Intent.stock,
            Intent.details,
            Intent.compare,
            Intent.cart_add,
            Intent.cart_remove,
        ):
            score = 0.9 if request.reference or request.positions or request.quantity else 0.5
        elif intent is Intent.out_of_catalog and request.out_of_catalog and not _ooc_thing(request.text):
            score = 0.6  # decided by meaning
        unknown = [
            w
            for w in re.findall(r"[a-z]{4,}", request.text.lower())
            if not self.lexicon.knows(w) and not self.lexicon.is_english(w) and w not in _KEEP
        ]
        if unknown:
            score = min(score, 0.7)
        return round(score, 3)

    def _understand(self, message: str, context: Context) -> ShopperRequest:  # noqa: C901 - one ordered decision list
        raw_intent = detect_intent(message, has_context=context.has_search)
        if raw_intent in (Intent.guardrail, Intent.greeting):  # safety is read from the words as written
            return ShopperRequest(intent=raw_intent, text=message)
        message = _in_mandarin(message) if _CJK.search(message) else message
        message = self._unglued(message)  # "womenskurti sizeM under1000": the words typed without spaces
        corrected, corrections = self.lexicon.correct(message, keep=_KEEP, prefer=_UNDERSTANDING_WORDS)
        text = _SHADES_OF_COLOUR.sub(r"\1 colours", corrected)  # "light shades": colours, no sunglasses
        text = _GOOD_DAY.sub(" ", text)  # "Good evening. I am looking for a handbag": no evening wear
        text = _style_slang_beside_a_piece(text) if _STYLE_SLANG.search(text) else text
        text = _SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group(1).lower()], text)
        text = _SEND_IT_BACK.sub(r"return \g<what>", text)  # "can we send the lipstick back?"
        for pattern, rewritten in _REWRITES:
            text = pattern.sub(rewritten, text)
        scratched = _SCRATCH_THAT.search(text)
        if scratched and _COLOUR_SAID.search(text[scratched.end() :]):
            text = _COLOUR_SAID.sub(" ", text[: scratched.start()]) + text[scratched.end() :]
        if _CJK.search(text):
            text, by_sound = _ZH_NAMES_BY_SOUND.correct(text)  # "阿笛达斯": 阿迪达斯 typed by its sound
            corrections.update(by_sound)
        text = _BACKPACK_FOR_A_LAPTOP.sub(r"\g<bag>\g<between>", text)  # "双肩包 能装电脑的": a backpack
        for short, meant in _ZH_SHORTHAND.items():
            text = text.replace(short, meant)
        if _CJK.search(text):  # "给老公和儿子买T恤 老公XL 儿子M", "给他俩一人买块手表 爸爸的三千左右 妈妈的两千左右"
            text = _TWO_PEOPLE_ONE_KIND_ZH.sub(_each_their_size_zh, text)
            text = _EACH_OF_THEM_ZH.sub(
                lambda m: (
                    f"给{m.group('a')}买{m.group('kind')} {m.group('pa')}，给{m.group('b')}买{m.group('kind')} "
                    f"{m.group('pb')}"
                ),
                text,
            )
        if _CJK.search(text):  # "给lg买个钱包": lg and lp are 老公 and 老婆 typed in pinyin initials
            text = _zh_kinds_apart(text, self._part_of_a_look)
            text = _PINYIN_SPOUSE.sub(lambda m: "老公" if m.group(0).lower() == "lg" else "老婆", text)
            text = _PINYIN_INITIALS_RX.sub(lambda m: _PINYIN_INITIALS[m.group(0).lower()], text)
            text = _HAVE_ONE_TO_MATCH.sub(r"我\g<0>", text)  # "有件黑色皮夹克, 想配双靴子": I have one
            text = _COUNT_CHANGED_ZH.sub(r"\g<which>要", text)  # "第四支改成两支": so many of the fourth
        text = re.sub(r"(价格|价位|价钱)\s*(?:在|是)?\s*(?=\d)", "", text)  # "价格1000块左右的": a price, no thing
        text = re.sub(r"\bb/w\b(?!\s*(?:rs\.?|₹|inr)?\s*\d)", "black and white", text, flags=re.I)
        text = _COVERS.sub(lambda m: _COVERED_BY[m.group(1).lower()][bool(m.group(2))], text)
        text = _PRAISE.sub(" ", text)
        if _A_TOP_NAMED.search(text):  # "shirt or polo, chinos and shoes. M top, M chinos": the top's size
            text = _SIZE_OF_THE_TOP.sub(lambda m: m.group("size") or m.group("size2"), text)
        text = _PER_LOOK.sub(r"under \g<amount>", text)  # "2k per look max": each look's budget
        text = _SAME_AMOUNT.sub(r"under \g<amount>", text)  # "what would go with hers? same 2k"
        text = _PIECE_IS_SO.sub(r"the \g<piece> is ", text)  # "shirt's a bit boring tbh": the shirt is
        text = _MY_BOSS.sub("manager", text)  # "a gift for my boss": a person, not the brand BOSS
        text = _ONE_BOY_ONE_GIRL.sub(r" for a \1 and a \2", text)
        text = _FEMALE_SHORT.sub(" for women", text)  # "im F, budget 3k", "what shud i wear? F, S"
        text = _WHAT_OTHERS_HAVE.sub("", text)  # "no nike pls, literally everyone in office has them"
        text = _ZH_COMPANION.sub("", text)  # "跟女朋友约会 帮我搭一套 男": whom the date is with is no wearer
        text = _PARTNERS_HOME_ZH.sub(lambda m: " 见家长 男 " if m.group("she") else " 见家长 女 ", text)
        text = _WHOSE_OCCASION.sub(lambda m: "" if _CJK.search(m.group(0)) else "a ", text)
        if not _MY_LETTER_SIZE.search(text):  # "i'm M he's XL": a size each, read elsewhere
            text = _THEIR_LETTER_SIZE.sub(_their_size, text)  # "he's L, uk 9": his size
        game = _BALL_GAME.search(text)
        if game:  # "crazy abt football. maybe a ball and a jersey": a football
            text = _A_BALL.sub(f"a {_BALL_OF[game.group(1).lower()]}", text)
        if _CJK.search(text):
            text = _PIECE_DISLIKED_ZH.sub(lambda m: f" change the {_PIECES_ZH[m.group('a') or m.group('b')]}. ", text)
            # "鞋子太贵了 换双便宜的" after a look: that piece, cheaper
            text = _PIECE_TOO_DEAR_ZH.sub(lambda m: f"the {_PIECES_ZH[m.group('a')]} are too pricey", text)
        text = _PLACE_THEN_REMOVED_ZH.sub(r"删掉\g<place>", text)  # "第一个太贵了 删掉吧": remove the first
        text = _ZH_DROPPED_THEN_SWAPPED.sub(r"\g<piece>", text)  # "皮带不要了 换成领带": the belt for a tie
        text = _ZH_BRIGHTER.sub(_brighter_said, text)  # "不要黑色的 都换亮一点的颜色"
        text = _NEVER_MIND_ZH.sub("", text)  # "算了 删掉第一个": the removal
        text = _BUY_LATER.sub("", text)  # "remove everything, i buy next time": why
        if context.has_search:  # "smth for her too" after perfumes for him: one of those for her
            text = _SOMETHING_FOR_ANOTHER_TOO.sub("one ", text)
            text = _ZH_FOR_ANOTHER_TOO.sub(r"\g<who>的呢", text)  # "给我儿子也看看" after his: the same for the son
        added = context.last_request is not None and context.last_request.intent is Intent.cart_add
        text = _CHANGE_COUNT_TO.sub(r"make it \g<n>", text) if added else text  # "2 pair enough, change to 2"
        text = _AND_THE_KIND_TOO.sub("add ", text) if added else text  # "n the shoes too, uk5": added as well
        text = _ZH_ONLY_SO_MANY.sub(_only_so_many, text) if added else text  # "还是只要一支吧": make it 1
        child = next((n.gender for n in (context.last_request.needs if context.last_request else [])), None)
        if child in ("Boys", "Girls"):  # "same for his sister" after a boy's tees: a girl's
            text = _THEIR_SIBLING.sub(lambda m: "for a girl" if m.group(1).lower() == "sister" else "for a boy", text)
        text = _ALL_FOR_NOW.sub(r"\g<verb> everything", text)  # "remove all first, i buy next time"
        text = _OR_NOT.sub(" ", text)  # "got sunglasses for lady or not? below 1500": do you have them
        if context.last_request is not None and context.last_request.intent is Intent.outfit:
            text = _CHEAPER_PIECE_PRICED.sub(r"the \g<piece> are too pricey, under \g<amount>", text)
            text = _CHEAPER_PIECE.sub(r"the \g<piece> are too pricey", text)  # "cheaper shoes" of a look
            text = _OTHER_PIECE.sub(r"change the \g<piece>", text)
            text = _WITH_IT_TOO.sub(r"add \g<pieces> too", text)  # "iske saath heels aur earrings bhi, uk 5"
            text = _PIECE_THEN_SWAP_IT.sub(lambda m: f"change the {m.group('piece') or m.group('disliked')}", text)
            text = _ZH_ONLY_THIS_KIND.sub(r"\g<family>换成\g<kind>", text)
            text = _ZH_ADD_MORE.sub("再加", text)  # "再搭双鞋 38码": a piece added
            text = _OUT_OF_THE_LOOK.sub(
                lambda m: f"no {m.group('piece') or m.group('needless') or m.group('dropped')}", text
            )
            text = _PIECE_REMOVED.sub(r"no \g<piece>", text)  # "dupatta hata do" (read "dupatta remove it")
            text = _SWAP_THEIRS.sub(r"\g<verb> the", text)
            for pattern, said in _LOOK_EDITS_SAID:  # "can we swap the heels for flats?": an edit, not an exchange
                text = pattern.sub(said, text)
        text = self._corrected(text, context)
        disliked = _DISLIKED.search(text)
        if context.last_request is None or context.last_request.intent is not Intent.outfit:
            text = _KIND_TIRED_OF.sub(r"not \g<kind>,", text)  # "socks r so boring lol, something else"
        text = self._brand_turned_down(text)
        text = _SLANG_FILLER.sub(" ", text)
        text = _CREW_AND_I.sub(lambda m: f"{_crew(m)} friends and i", text)
        # "clubbing with my girls": no girls' tops, and the shopper is a woman ("goa trip w the girls")
        text = _WITH_FRIENDS.sub(_with_friends, text)
        text = _HOW_IT_SITS.sub(" ", text)  # "a dress, not too short pls": a length, no shorts
        text = _A_HOME.sub("home", text)  # "a pressure cooker for my new flat": no flats
        text = _WORN_WITH_ZH.sub(" ", text) if context.has_search else text  # "要黑色的 配西装用": no suits
        text = _FOR_THE_WRIST.sub(_wrist_things, text)  # "something for her wrist?": a watch or a bracelet
        text = _POOLED_ZH.sub("预算", text)  # "大家凑了1500": what was pooled is the budget
        text = _REPORTED.sub("they say", text) if context.has_search else text  # "ok she says M": the mum, not hers
        text = _KEPT_IN_A_BAG.sub(r"\g<verb> with \g<whose>", text)  # "something she can keep in her bag": no bag
        text = _WITH_A_PARTNER.sub(r"\g<verb> someone ", text)  # "taking my gf out": she is not the wearer
        text = _PARTNER_MADE_ME.sub(_partner_made_me, text)  # "my gf dragged me into ...": a man's things
        text = _with_partner_for_me(text)  # "a trip with hubby, need a dress ... for me": a woman's things
        text = _DRESSED_UP.sub(r"smarten \g<who>up", text)  # "dress my husband up": no dress
        text = self._person_switched(text) if context.has_search else text  # "for my wife instead, our ..."
        text = _SELF_LABEL.sub(lambda m: f"{m.group('pre')} for {_SELF_OF[m.group('who').lower()]}", text)
        text = _TWO_DROPPED.sub(r"\g<verb> \g<a>, \g<verb> \g<b>", text)  # "forget the cap and socks": both
        text = _A_SIZE_WORD.sub(lambda m: f"{m.group('who')} size {_SIZE_LETTER[m.group('size').lower()]}", text)
        text = _SPELLED_PLACE.sub(lambda m: f"number {_NUMBER_WORDS[m.group(1).lower()]}", text)  # "the number two"
        text = _FOR_ALL_SO_MANY.sub(r"\g<all>", text)  # "600 for all 3 max": a count, no price of 3
        text = _budget_scaled(text, context)  # "double that budget": twice the cap asked before
        text = _BUDGET_RAISED.sub(r"under \g<to>", text) if context.has_search else text  # "bump it to 1000"
        text = _SIZE_SAFER.sub(r"in \g<size> instead", text) if context.has_search else text  # "M might be safer"
        text = _BUDGET_RAISED_ZH.sub(r"\g<to>以内", text)  # "预算可以加到两千": a cap of 2000
        text = _A_FEW_HUNDRED_ZH.sub("1000以内", text)  # "几百块的": a few hundred, under a thousand
        text = _TIGHT_MONEY.sub(lambda m: "on a budget" if m.group(0).lower().startswith("money") else "budget", text)
        text = _TIGHT_FIT.sub(" ", text)  # "S might be tight after diwali sweets": why, no tights
        if context.shown and not _SHOE_SIZE_TALK.search(text):  # "3号是皮表带吗", "1号3号都要": places in the list
            listed = len(context.shown)
            text = _ZH_PLACE.sub(lambda m: f"第{m.group(1)}个" if _zh_place(m.group(1)) <= listed else m.group(0), text)
        if context.shown:  # "add top 2 in XXL": the first two shown, no tops
            text = _TOP_FEW.sub(r"\g<verb>first \g<count>", text)
        paired = _PIECES_WITH_ONE.search(text) if context.shown else None
        if paired and self._need(text[: paired.start()]).has_product():  # "jeans and shoes with it? 3k for both"
            text = f"{text[: paired.start()]} to go with {paired.group('one')}{text[paired.end() :]}"
        if len(context.shown) % 2:  # "the one in the middle, hw much?": of five, the third
            text = _MIDDLE.sub(f"the {_ORDINALS[min(len(context.shown) // 2, 9)]} one", text)
        text = _ALWAYS_WEARS.sub(" ", text)  # "a stole or dupatta? the teacher always wears suits": no suits
        text = _OTHERS_WEAR.sub(" ", text)  # "everyone's doing suits but i just want a black shirt": no suits
        text = _THE_OTHERS.sub("everyone", text)  # "all the boys r wearing black kurtas": no boys' kurtas
        if _SAID_WHO.search(text) or not _GIFT.search(text):  # "for my sister's wedding": the wedding, not hers
            text = _WHOSE_EVENT.sub(r"the \g<event>", text)
        text = _WHOSE_PLACE.sub("at their venue", text)
        text = _DRESS_VERB.sub(r"\g<how>", text)  # "dress formal and sober": formal, no dresses
        text = _DRESS_CODE.sub("formal", text)  # "black oxfords for a black-tie do": a dress code, no ties
        text = _A_FLAT_TO_LIVE_IN.sub(" apartment", text)  # "bought her first flat in Pune": no flats
        text = _FOR_MY_PHONE.sub("a mobile pouch", text)  # "smthng to keep my phone in": a pouch, not a phone
        # "what would go with it for my feet?", "what should i wear under it and on my feet?": the look's footwear
        if _GO_WITH.search(text) or re.search(r"\bwear\b", text, re.I):
            text = _FOR_THE_FEET.sub("in footwear", text)
        text = _TO_WATCH.sub(r"\1 see", text)  # "off to watch a cricket match": no watches
        text = _A_FIT.sub(_as_outfit, text)
        text = _FITS.sub(lambda m: f"{m.group('lead') or ''} outfits".strip(), text)
        text = _WHICH_SUITS.sub(r"\1goes with", text)
        text = _SUIT_VERB.sub(lambda m: f"{m.group(1)} match", text)  # "would suit no. 1" suits no blazer
        text = _SUITS_SOMEONE.sub("match ", text)  # "none of these colours suit me": no suits
        text = _SHOWN_THE_WRONG_ONES.sub(" ", text)  # "i'm a woman, why r u showing mens stuff": for women
        text = _WHO_I_AM.sub(lambda m: f" for {'women' if (m.group(1) or m.group(2)).lower() in _SHE else 'men'}", text)
        text = _PARTNER_SAYS.sub(_partner_said, text)
        text = _PARTNER_SAYS_ZH.sub(
            lambda m: "我 男士 " if m.group("she") else "我 女士 ", text
        )  # "女朋友让我穿正式点"
        text = _SEX_SAID_APART.sub(
            lambda m: f" (for {'women' if m.group(1).lower() in ('girl', 'woman') else 'men'})", text
        )
        text = _AGE_AND_SEX.sub(lambda m: f" for {'women' if m.group('sex').lower() == 'f' else 'men'}", text)
        text = _GROOM_OR_BRIDE.sub(lambda m: f" for {'men' if m.group(1) or m.group(2) else 'women'}", text)
        text = _KIN_SAYS.sub("my family ", text)
        if _FOR_MYSELF.search(text):
            text = _KIN_LIVES.sub("my family ", text)
        text = _I_AM_THEIR.sub(lambda m: f"i am a {'woman' if m.group('kin').lower() in _SHE_KIN else 'man'}", text)
        if _MY_PERSON.search(text):
            text = _THEIR_KIN.sub("the family", text)
        text = _AGE_IN_BRACKETS.sub(r"\g<who> aged \g<age>", text)  # "our son (5) needs a kurta pyjama"
        text = _OWN_LIST.sub(_owned_list, text)  # "own: grey chinos, white oxford shirt, brown belt."
        text = _MEASURE_SO_A_SIZE.sub(r" size \g<size> ", text)  # "34 waist so L", "34 waist (L)": the letter said
        text = _BODY_MEASURE.sub(_measure_as_size, text)  # "32 waist": a size, no waist pouch
        text = _NUMBER_THEN_SIZE.sub(r"size \1", text)
        text = _LETTER_THEN_SIZE.sub(r"size \1", text)
        text = _sized_footwear(text)
        text = _SECOND_THOUGHT.sub(" ", text)  # "on second thought, flat ones": no second product
        text = _KIND_SORTED.sub(r"forget the \g<kind>", text)
        intent = detect_intent(text, has_context=context.has_search)
        if intent is Intent.more and _adds_constraints(text):  # "more kurtis under 1000": not the next page
            intent = Intent.refine if context.has_search else Intent.search
        if intent is Intent.stock and not (context.shown or context.focus) and _names_product(text):
            intent = Intent.search  # "men's perfume available?": nothing shown yet, so a search
        if intent is Intent.price and not (context.shown or context.focus):
            # "any discount running?": the store's offers; "any refrigerators on sale?": what is asked for
            intent = Intent.store_info if _OFFERS.search(text) and not _names_product(text) else Intent.search
        care = _CARE_PRODUCT.search(text) if intent is Intent.store_info else None
        if care:  # "anything to clean my white sneakers? like shoe cleaner": that product, not care advice
            return ShopperRequest(intent=Intent.search, text=text, needs=[self._need(care.group(0))])
        request = ShopperRequest(intent=intent, text=text, corrections=corrections)
        if intent in (Intent.guardrail, Intent.greeting):
            return request
        together = _places_priced_together(text, context)
        places = together or _places_asked_about(text, intent, context)
        if places:  # "the 1st and the 5th, how much each?": both, side by side
            return ShopperRequest(
                intent=Intent.compare, text=text, positions=places, together=bool(together), confidence=0.8
            )
        unsold = _ooc_thing(text) if _UNSOLD_OF_A_KIND.search(text) else None
        if unsold:  # "an apple watch", "a saree fall": named with a kind that is sold
            request.intent, request.out_of_catalog = Intent.out_of_catalog, unsold
            return request
        wanted = re.split(r"\bfor\b", text, maxsplit=1)[0]
        if intent is Intent.out_of_catalog and (
            _HOLDERS.search(text)
            or (not _ooc_thing(wanted) and self._need(wanted).confidence >= 1.0)
            or self._names_a_sold_piece(text)  # "atta and dal also? and a cotton kurta": the kurta, and a no
            or (
                bool(context.shown) and (_reference(text) or Reference()).position is not None
            )  # "will the 1st fit a laptop"
        ):  # "a phone pouch", "laptop bag"; "black gloves for riding my bike": the bike is what they are for
            request.intent = intent = Intent.search
        unsold_beside_sold = _ooc_thing(text) and not _IN_THE_WASH.search(text) and self._names_a_sold_piece(text)
        if intent is Intent.store_info and unsold_beside_sold:
            request.intent = intent = Intent.search  # "can u deliver atta and dal also? and a cotton kurta"
        asks_of_it = intent is Intent.store_info and not _HOLDERS.search(text) and not _IN_THE_WASH.search(text)
        asks_of_it = asks_of_it and not _asked_before_the_thing(text) and not _RENTING.search(text)
        none_here = _NONE_OF_THEM_HERE.search(text)
        if none_here and _ooc_thing(none_here.group("thing")):  # "so no laptops at all on here?"
            request.intent, request.out_of_catalog = Intent.out_of_catalog, _ooc_thing(none_here.group("thing"))
            return request
        service = _A_SERVICE.search(text) or _OTHER_SERVICE.search(text)
        if service:  # "can u do fall n pico on a saree if i buy one here?": a service, whatever it is done to
            tailoring = bool(_A_SERVICE.search(service.group(0)))
            services = service.group(0).lower()
            if tailoring:
                services = "裁缝和改衣服务" if _CJK.search(services) else "tailoring or alteration services"
            elif re.search(r"dry|laundry", services):
                services = "dry cleaning or laundry services"
            elif _PRINTED_ON.search(services):
                services = (
                    "定制印字或刻字服务"
                    if _CJK.search(services)
                    else "custom printing or engraving of names, numbers or logos"
                )
            besides = self._asked_besides_a_service(text, context)
            if besides is not None:  # "a cotton saree under 2000. can u also stitch the blouse?": the saree, and a no
                besides.out_of_catalog = services
                then = besides.then or ""
                besides.then = None if _A_SERVICE.search(then) or _OTHER_SERVICE.search(then) else besides.then
                return besides
            request.intent, request.out_of_catalog = Intent.out_of_catalog, services
            return request
        if (asks_of_it or (intent is Intent.outfit and not _names_product(text))) and _ooc_thing(text):
            request.intent = Intent.out_of_catalog  # "any offers on iphones?", "沙发再配个茶几": not sold comes first
            request.out_of_catalog = _ooc_thing(text)
            return request
        unsold_to_go_with = self._unsold_to_go_with(text) if intent is Intent.outfit else None
        if unsold_to_go_with:  # "and a tiffin box to go with it?": nothing of the store's goes with it
            request.intent, request.out_of_catalog = Intent.out_of_catalog, unsold_to_go_with
            return request
        if self._store_follow_up(text, context):  # "what about a perfume i havent opened?" after a returns question
            last = context.last_request
            request.intent = Intent.store_info
            request.follows = last.text[-400:] if last else None
            if last and _ORDER_AMOUNT.search(text) and not _STORE_TOPIC.search(text):  # "my order is ~6200 tho"
                request.text, request.follows = f"{last.text[-400:]} {text}", None
            return request
        in_another = _in_another_colour(text, context)
        if in_another is not None:
            return in_another
        # "i dont like any of these colours": the others ("black only, other colours show dirt": black)
        if context.shown and _OTHER_COLOURS.search(text) and not _A_COLOUR_ONLY.search(text):
            # ("black frames i already have, other colours pls": other than the colour had already)
            owned = sorted(_colours_worn_by_others(text))
            shown_colours = owned or list(dict.fromkeys(p.colour for p in context.shown if p.colour))
            request.intent, request.reference = Intent.refine, None
            request.needs = [ProductNeed(text="", exclude_colours=shown_colours)]
            return request
        none_liked = _NONE_LIKED.search(text) if context.has_search else None
        if none_liked:
            return self._instead_of_shown(_NONE_LIKED.sub(" ", text), context)
        toned = (_TONE.match(text) or _NOTHING_TOO.match(text)) if context.has_search else None
        plainer = _PLAINER.search(text) if context.has_search else None
        if toned or plainer:  # "smth less flashy", "kinda mid, smth cleaner": the same search, plainer (or bolder)
            toned_down = toned is None or (toned.group("way").lower() in _TONED_DOWN_WAYS) == (
                toned.group("what").lower() in _LOUD
            )
            words = _TONE_WORDS[toned_down]
            said = f"{words} {text[toned.end() :]}" if toned else words  # "not so flashy, plain black or grey"
            request.intent = Intent.refine
            self._needs(request, said, context)
            request.intent, request.text = Intent.refine, said
            return request
        swapped_in = _swap_in_cart(text, context) or _keep_only(text, context)
        if swapped_in is not None:
            return swapped_in
        resized = _look_in_a_size(text, context)
        if resized is not None:
            return resized
        again = (
            _asked_again(text, context)
            or _after_an_add(text, context)
            or _size_for_the_search(text, context)
            or _a_size_step(text, context)
            or (_about_the_one_in_hand(text, context) if intent in (Intent.search, Intent.refine) else None)
        )
        if again is not None:
            return again
        whose = _whose_look(text, context)
        if whose is not None:
            return whose
        edited = (
            self._several_swapped(text, context)
            or self._look_in_one_colour(text, context)
            or (None if _ADDS_A_NUMBERED_ONE.match(text) else self._look_edited(text, context, disliked))
            or self._search_swapped(text, context)
            or _needs_as_a_look(text, context)
        )
        if edited is not None:
            return edited
        by_colour = _colour_position(text, context.shown)
        if by_colour is not None and (_PRICE_QUESTION.search(text) or _is_question(text) or intent is Intent.cart_add):
            request.reference = Reference(position=by_colour, confidence=0.9)  # "the red one, how much?"
            asked = intent if intent in (Intent.cart_add, Intent.stock, Intent.price) else Intent.details
            request.intent = Intent.price if _PRICE_QUESTION.search(text) else asked
            request.size = self._size(text, context) if request.intent in (Intent.cart_add, Intent.stock) else None
            return request
        if (context.focus or context.shown) and _RESIZE.search(text):  # "change the size to 34"
            request.intent, request.resize = Intent.cart_add, True
            request.reference = _reference(text) or Reference(pronoun=True, confidence=0.7)
            request.size = self._cart_size(text, context)
            return request
        bare_size = _ONLY_A_SIZE.match(text) if context.has_search and len(context.shown) > 1 else None
        if bare_size:  # "L" after a list: this search, in L
            request.intent = Intent.refine
            self._needs(request, text, context)
            request.intent, request.reference = Intent.refine, None
            request.needs = request.needs or [ProductNeed(text="")]
            request.needs[0].size = request.needs[0].size or bare_size.group(3).replace(" ", "").upper()
            return request
        if context.shown and _BARE_SIZE.match(text):  # "size?": which product's sizes is asked back
            request.intent = Intent.stock
            return request
        if context.has_search and _ZH_RESORT.match(text):  # "按评分高低排": the same search, sorted
            request.intent, request.sort = Intent.refine, next((v for p, v in _SORTS if p.search(text)), None)
            request.needs = [ProductNeed(text="")]
            return request
        if context.shown and request.sort is None and unrecorded_quality(text):  # "which one is the lightest?"
            positions = _compared(text, len(context.shown))  # "which of these looks more grand, 1st or 3rd?"
            return ShopperRequest(intent=Intent.compare, text=text, positions=positions, confidence=0.8)
        if context.shown and _WHICH_BEST.match(text):  # "which of these is best for running": the best rated
            request.sort = "rating_desc"
            return self._superlative_question(request)
        two_places = _which_of_two_places(text, context)
        if two_places is not None:
            return two_places
        if context.shown and _COMPARE.search(text) and not _names_an_order(text):
            positions = _compared(text, len(context.shown))
            more = next((v for pattern, v in _WHICH_IS_MORE if pattern.search(text)), None)  # "第一件跟第三件哪个便宜"
            of_two = Reference(superlative=more, confidence=0.9) if more and _POSITION.search(text) else None
            return ShopperRequest(
                intent=Intent.compare, text=text, positions=positions, reference=of_two, confidence=0.9
            )
        if context.has_search and _IN_A_COLOUR.search(text) and _only_a_colour(text):
            request.intent = Intent.refine  # "do these come in white", "the second one in black?"
            self._needs(request, text, context)
            request.intent, request.reference = Intent.refine, None
            return request
        described = _DESCRIBED_OF_THESE.search(text) if context.has_search and intent is not Intent.cart_add else None
        described = None if _QUANTITY.search(text) else described  # "just one of those is enough": how many
        what = described.group("what").lower() if described else ""
        if described and detect_intent(f"is it {what}?", has_context=True) is Intent.store_info:
            return ShopperRequest(intent=Intent.store_info, text=text, confidence=0.8)  # "are any of these waterproof?"
        if described and not _adds_constraints(text) and self.lexicon.knows(what):
            word = self.lexicon.title_form(what)  # "are any of these velcro?": the list, with that word
            need = ProductNeed(text=word, title_terms=[word], confidence=0.8)
            return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.8)
        if (
            context.has_search
            and _ANY_OF_THESE.search(text)
            and _adds_constraints(text)
            and intent is not Intent.cart_add
        ):
            request.intent = Intent.refine  # "do any of these come in blue": this search, in blue
            self._needs(request, text, context)
            request.intent, request.reference = Intent.refine, None
            return request
        sorted_by = next(((pattern, sort) for pattern, sort in _SORTS if _asks_order(pattern, text)), None)
        request.sort = sorted_by[1] if sorted_by else None
        resort = bool(_RESORT.search(text) or _ORDERING.search(text))  # read before the order words go
        the_one = bool(_THE_SUPERLATIVE_ONE.search(text))  # "show me the priciest one": one of the list
        counted = bool(_SO_MANY_OF_A_SORT.search(text))  # "top 3 cheapest only": a list, re-sorted
        text = _TOP_SO_MANY.sub(" ", text) if counted else text  # (no Tops)
        if sorted_by:  # "top rated", "lowest priced" name an order, never a product ("top" is no Tops)
            text = " ".join(_AT_THE_TOP.sub(" ", sorted_by[0].sub(" ", text)).split())  # "cheapest at top": no Tops
            request.text = text
        if context.shown or context.focus:
            beside = _next_to_the_last(text, context.last_request, len(context.shown)) if context.last_request else None
            request.reference = beside or _of_the_compared(_reference(text), context)  # "and the one before that?"
        about_shown = bool(context.shown) and (bool(_ABOUT_SHOWN.search(text)) or _only_reference(text))
        pointed = request.reference or (_superlative_reference(request.sort) if request.sort else None)
        named_one = pointed is not None and bool(pointed.position or pointed.superlative)
        feature = _HAS_A_FEATURE.search(text) and not _names_product(text) and not _SIZE_QUESTION.search(text)
        feature = feature and not parse_query(text).filters.public() and not request_refines(text)
        yes_or_no = _IS_THE_ONE.match(text) and not (
            _SIZE_QUESTION.search(text) or _IN_A_COLOUR.search(text) or _ASKS_THE_STORE_OF_IT.search(text)
        )
        if context.shown and named_one and (feature or yes_or_no):
            # "the cheapest one got stopwatch or not?": a question about that watch, nothing not sold
            return ShopperRequest(intent=Intent.details, text=text, reference=pointed, confidence=0.8)
        # "the costliest ones in 10": plural, so a list re-sorted, unless asked "of these"
        plural = bool(re.search(r"\bones\b", text, re.I)) and not _ABOUT_SHOWN.search(text)
        if (
            request.sort
            and context.shown
            and (
                resort
                or plural
                or counted
                or (about_shown and _ORDER_WORDS.search(text))
                or (_sort_turned(request, text, context) and intent not in (Intent.cart_add, Intent.cart_remove))
                or (_names_a_price(text) and not _ABOUT_SHOWN.search(text))  # "same, best rated, but under 1500"
            )
        ):
            request.intent = Intent.refine  # "cheapest first", "sort low to high": the same search, reordered
            request.reference = None
            self._needs(request, text, context)
            # "sunglasses too, cheapest first" after flip flops: a new search, in that order
            another = self._names_another_kind(request, context, sure=True) and bool(_ONE_MORE_KIND.search(text))
            request.intent = Intent.search if another else Intent.refine
            request.dropped = [] if another else _let_go(text)  # "forget the colour, best rated tees under 800"
            return request
        place = _NUMBER_DROPPED.match(text) if intent is Intent.cart_remove and request.reference is None else None
        if place:  # "算了2不要了 删了吧" after "1和2都要了": the second one
            request.reference = Reference(position=int(place.group("place")), confidence=0.8)
        if _adds_another(text, request, context):  # "and also the first one" after adding one
            request.intent = Intent.cart_add
            if re.search(r"\bsame size\b", text, re.I) and context.last_request:  # "the 3rd one too, same size"
                request.size = request.size or context.last_request.size
            return request
        quantity = _NUMBER_KEPT.search(text) or _QUANTITY.search(text)
        if quantity and _UNITS_OUT.search(text) and not _NUMBER_KEPT.search(text) and context.shown:
            number = next(g for g in quantity.groups() if g)  # "take out 2 of those": two units fewer
            request.intent, request.quantity = Intent.cart_remove, _NUMBER_WORDS.get(number.lower()) or int(number)
            request.reference = request.reference or Reference(pronoun=True, confidence=0.6)
            return request
        # "remove the 4th one, one is enough": the 4th comes out, the other is the one
        removed = intent is Intent.cart_remove and bool(request.reference and request.reference.position)
        if quantity and context.shown and _COUNTS_OF_PLACES.search(text) and not removed:
            request.intent, request.picks = Intent.cart_add, _picks(text, context)  # "2 of the 1st and 1 of the 3rd"
            request.positions = [p.position for p in request.picks if p.position]
            return request
        if quantity and _IF_I_BUY.search(text):  # "if i buy just 2 of them will i pay delivery?": a question
            quantity = None
        if quantity and (context.focus or context.shown) and not _OWNS_SOME.search(text) and not removed:
            number = next(g for g in quantity.groups() if g)
            request.intent, request.quantity = Intent.cart_add, _NUMBER_WORDS.get(number.lower()) or int(number)
            request.quantity_more = bool(_SO_MANY_MORE.search(text))  # "add 2 more of that": on top of the cart's
            last = context.last_request
            if request.reference is None and last is not None and last.intent is Intent.cart_add:
                request.reference = last.reference  # "改成两双吧", "L码 要两件" after an add: of that one
            elif request.reference is None and _one_was_named(context) and _CJK.search(text):
                request.reference = Reference(pronoun=True, confidence=0.6)  # "行 来两件 XL": of the one in hand
            request.size = self._cart_size(text, context, request.reference)  # "two piece, size L"
            return request
        if request.sort and context.shown and not re.search(r"\w", text):  # "cheapest?": of the list shown
            return self._superlative_question(request)
        if request.sort and context.shown and the_one:  # "show me the priciest one"
            return self._superlative_question(request)
        if request.sort and context.shown and _PRICE_QUESTION.search(text):  # "the cheapest one, how much?"
            request.intent, request.reference = Intent.price, _superlative_reference(request.sort)
            request.sort = None
            return request
        if request.sort and intent in (Intent.cart_add, Intent.stock, Intent.price) and context.shown:
            request.reference = _superlative_reference(request.sort)
        elif about_shown and request.sort and intent not in (Intent.cart_add, Intent.cart_remove):
            return self._superlative_question(request)
        if intent is Intent.cart_add and self._another_kind_added_zh(text, context):
            request.intent = Intent.search  # "再加个双肩包" after hiking shoes: backpacks too, to choose from
            request.needs = [self._need(text)]
            return request
        if intent in (Intent.stock, Intent.cart_add, Intent.cart_remove):
            request.size = self._cart_size(text, context, request.reference)
            request.positions = _positions(text) if intent is Intent.cart_add else []
            request.picks = _picks(text, context) if intent is Intent.cart_add else []
            if request.picks:
                request.positions = [p.position for p in request.picks if p.position]
            last = context.last_request
            compared = last.positions if last and last.intent in (Intent.compare, Intent.price, Intent.details) else []
            both = compared and request.reference is None and _BOTH_OF_THEM.search(text)  # not "the cheaper of the two"
            if intent is Intent.cart_add and not request.positions and both:
                request.positions = list(compared)  # "which is better, 2nd or 4th?" ... "eh just add both"
            if intent is Intent.cart_add and not request.positions and _EACH_NEED.search(text):
                request.positions = _first_of_each_need(context)  # "add both" after "a belt and shoes"
            if request.reference is None and not request.positions and (_about_one(context) or _SAME_ONE.search(text)):
                request.reference = Reference(pronoun=True, confidence=0.7)  # "add to cart, L" after "how much is #2"
            last = context.last_request
            placed = last.reference if last and last.intent is Intent.cart_add and last.reference else None
            if intent is Intent.cart_add and placed and placed.position and _SAME_ONE.search(text):
                in_hand = request.reference is None or request.reference.pronoun
                request.reference = placed if in_hand else request.reference  # "再来一双一样的吧": the one added
                request.size = request.size or (last.size if last and in_hand else None)  # in its size
            before = context.last_request
            in_hand = request.reference is None or request.reference.pronoun
            if intent is Intent.cart_add and not request.size and before and before.intent is Intent.stock and in_hand:
                request.size = before.size  # "add it" after "2nd one in 9?": in the size just asked about
            if intent is Intent.stock and not request.reference and self._not_sold(text):
                request.intent = Intent.out_of_catalog
            how_many = _HOW_MANY.search(text) if intent is Intent.cart_add and request.quantity is None else None
            if how_many:  # "第三个加购物车 要两条 S码", "pehla wala 2 piece daal do"
                number = next(g for g in how_many.groups() if g)
                request.quantity = _NUMBER_WORDS.get(number.lower()) or int(number)
            if intent is Intent.cart_add and request.quantity is None and _AND_ONE_MORE.search(text):
                request.quantity = 2  # "add it in XL, and one more of the same for my bro"
            return request
        if request.reference is None and (context.shown or context.focus) and _names_shown_type(text, context):
            request.reference = Reference(pronoun=True, confidence=0.8)  # "the kurti", "that watch"
        bare_price = bool(context.focus) and len(text.split()) <= 3 and bool(_PRICE_QUESTION.search(text))
        if request.reference is None and bare_price and not self._need(text).has_product():
            request.reference = Reference(pronoun=True, confidence=0.7)  # "price?": of the product in hand
        if (
            intent in (Intent.search, Intent.refine, Intent.price)
            and request.reference
            and _PRICE_QUESTION.search(text)
        ):
            request.intent = Intent.price
            return request
        if (
            request.reference
            and request.reference.position
            and _PLACE_IN_A_COLOUR.search(text)
            and _only_a_colour(text)
        ):
            coloured = self._need(text)  # the search shown, in that colour (each colour is a product of its own)
            need = ProductNeed(text="", colours=coloured.colours, confidence=1.0)
            return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.8)
        if (
            intent in (Intent.search, Intent.refine, Intent.similar)
            and request.reference
            and request.reference.position
            and _is_question(text)
            and not _GO_WITH.search(text)
            # "could you show me a few more like it?", "love the 2nd!! more like that but under 1500?"
            and not (intent is Intent.similar and (_MORE_OF_THEM.search(text) or _MORE_LIKE.search(text)))
        ):
            request.intent = Intent.stock if _SIZE_QUESTION.search(text) else Intent.details
            request.size = self._size(text, context)
            return request
        if (
            intent in (Intent.search, Intent.refine)
            and request.reference
            and request.reference.pronoun
            and _FITS_OCCASION.search(text)
            and not _names_product(text)
        ):  # "这个适合约会吗", "is it ok for a wedding?": about that one
            request.intent = Intent.details
            return request
        of_it = bool(_YES_OR_NO_OF_IT.match(text) or (_one_was_named(context) and _FITS_A_THING.match(text)))
        of_it = of_it and not _ASKS_THE_STORE_OF_IT.search(text)  # "can it reach tmrw?": the store's to answer
        if intent is Intent.search and of_it and (context.focus or context.shown) and not _adds_constraints(text):
            # "does it last the whole day? i sweat a lot", "fits a 15.6 inch laptop?": about that one
            request.intent = Intent.stock if _SIZE_QUESTION.search(text) else Intent.details
            request.needs, request.reference = [], request.reference or Reference(pronoun=True, confidence=0.7)
            return request
        if (
            intent in (Intent.search, Intent.refine)
            and request.reference
            and request.reference.position
            and not _names_product(text)
            and len(text.split()) <= 8
        ):  # "tell me more abt no. 4"; "第二个有M码吗, 婚礼要穿" asks its stock
            request.intent = Intent.stock if _SIZE_QUESTION.search(text) else Intent.details
            request.size = self._size(text, context) if request.intent is Intent.stock else None
            return request
        if intent is Intent.search and context.has_search and _REFINE_MARKERS.search(text) and not _names_product(text):
            request.intent = intent = Intent.refine  # "anything in the same range from nike instead"
        request.cheaper, request.pricier = asks_cheaper(text), asks_pricier(text)
        request.other_brand = asks_other_brand(text)
        if context.has_search and _IN_BETWEEN.search(text) and not parse_query(text).filters.price_max:
            request.intent = intent = Intent.refine  # "too much. anything in between?": the prices between
            request.in_between = True
        if request.other_brand and intent is Intent.more and context.has_search:
            request.intent = intent = Intent.refine  # "any other options? diff brand": this search, other brands
        request.dropped = _let_go(text) if context.has_search else []
        request.earlier = bool(context.has_search and _BACK_AGAIN.search(text)) and (
            not _names_product(text) or self._kind_not_shown(text, context)
        )
        # "shoes again, under 2500", "牛仔裤那个 要黑色的": a kind searched before and not shown now, named again
        request.earlier = request.earlier or (
            context.has_search
            and bool(_KIND_AGAIN.search(text))
            and _names_product(text)
            and self._kind_not_shown(text, context)
        )
        if request.earlier:
            request.intent = intent = Intent.refine  # "the yellow ones were better, bring them back"
        said_no = request.earlier and _NO_THEN_BETTER.search(text)
        if request.dropped and intent is Intent.search and not _names_product(text):
            request.intent = intent = Intent.refine  # "forget the budget, show the warmest ones": this search, wider
        if intent is Intent.out_of_catalog:
            request.out_of_catalog = out_of_catalog_thing(text)
            return request
        if intent in (Intent.search, Intent.refine, Intent.outfit, Intent.recommend, Intent.similar):
            self._needs(request, text, context)
        for need in request.needs if said_no else []:  # "no gold was better": no, the gold ones
            need.colours, need.exclude_colours = need.colours or need.exclude_colours, []
        if request.intent is Intent.recommend and any(n.has_product() or n.price or n.gender for n in request.needs):
            request.intent = Intent.search  # "kindly suggest something within 3000 for my mother": that search
        if (
            request.cheaper
            and request.intent is Intent.refine
            and not request.earlier  # "wapas bhai ke kurte pe, thoda sasta": the kurtas before, cheaper
            and self._names_another_kind(request, context)
        ):
            request.intent, request.sort, request.cheaper = Intent.search, "price_asc", False  # "cheaper jacket pls"
        named = {t for n in request.needs for t in n.article_types}
        if request.cheaper and request.intent is Intent.search and any(p.article_type in named for p in context.shown):
            request.intent = Intent.refine  # "something cheaper for the kurta" after a look: below its kurtas
        if request.cheaper and request.intent is Intent.search and not context.shown:
            request.sort, request.cheaper = "price_asc", False  # "a purse, nothing too pricey": nothing shown to beat
        if (
            request.intent in (Intent.search, Intent.refine)
            and request.sort is None
            and not request.cheaper
            and _AFFORDABLE.search(text)
            and not any(n.price for n in request.needs)
        ):
            request.sort = "price_asc"  # "affordable sneakers", "not too pricey": cheapest first
        if (
            request.intent is Intent.refine
            and _FOR_SOMEONE.search(text)
            and (not _SAME.search(text) or self._names_another_kind(request, context, sure=True))
            and not _for_someone_only(text)  # "now for boys, for her brother": the same kind, for him
            and not _attributes_only(request, text)  # "for my dad silver or steel around 5k" after watches
        ):  # "sth for my mum" after backpacks, "also an umbrella for my wife": someone else's need, anew
            request.intent = Intent.search
        if (
            request.intent is Intent.refine
            and self._names_another_kind(request, context, sure=True)
            and not any(n.exclude_types for n in request.needs)  # "flats, heels r a nightmare": kind for kind
            and not request.earlier  # "the track pants were better, show those again": that search, back
        ):
            request.intent = Intent.search  # "and a muffler" after jackets: another thing, with its own search
        if request.intent is Intent.search and context.has_search and _only_brands(request.needs, context):
            request.intent = Intent.refine  # "hmm anything from puma?": this search, that brand
        if request.intent is Intent.search and self._continues_last_search(request, text, context):
            request.intent = Intent.refine  # "kurtas are fine, size M" after "smthng yellow, under 2k"
        kinds_named = [n for n in request.needs if n.has_product() and n.confidence >= 1.0 and n.article_types]
        _occasion_kept(request, context)  # "something in black or dark blue" after party shirts
        several = context.last_request is not None and len(context.last_request.needs) >= 2
        if request.intent is Intent.refine and several and kinds_named == request.needs and _JUST_THESE.search(text):
            request.intent, request.reference = Intent.search, None  # "the sneakers r fine, only show me dresses"
        if request.intent is Intent.search and context.has_search and _only_narrows_beside_worn(request, text):
            request.intent = Intent.refine  # "and no black pls, I'm wearing a peach lehenga": these, not black
            request.text = _WEARING_CLAUSE.sub(" ", request.text).strip()
        if (
            request.intent is Intent.similar
            and request.reference is None
            and (context.focus or context.shown)
            and not any(n.has_product() for n in request.needs)
        ):  # "anything similar under 5k?": like the one in hand
            request.reference = Reference(pronoun=True, confidence=0.7)
        if (
            request.intent is Intent.similar
            and context.has_search
            and request.needs
            and request.needs[0].colours
            and not (request.reference and request.reference.position)
        ):
            request.intent = Intent.refine  # "something similar but in red": this search, in red
        branded = bool(request.needs) and all(n.brand for n in request.needs)
        if request.intent is Intent.similar and context.has_search and request.cheaper and branded:
            request.intent = Intent.refine  # "anything similar from titan? bit cheaper": this search, that brand
        if request.intent is Intent.refine:
            _keep_occasion(request, context)
            _without_guessed_kinds(request, context)
        _one_of_several_kept(request, context)
        return request

    def _shown_ones_kept(self, needs: list[ProductNeed], text: str, context: Context) -> list[ProductNeed]:
        """ "show me the brown ones, and a brown belt too" after men's watches: the watches
        shown, changed as the first clause says, stay a need beside the new one."""
        last = context.last_request
        chunks = [c for c in _SEVERAL.split(text) if c and c.strip()]
        if not context.has_search or last is None or len(last.needs) != 1 or not last.needs[0].has_product():
            return needs
        if len(chunks) < 2:
            return needs
        change, new = self._need(chunks[0]), self._need(" ".join(chunks[1:]))
        if not _SHOWN_ONES.match(chunks[0]) or change.has_product() or not new.has_product() or new.confidence < 1:
            return needs
        kept = last.needs[0].model_copy(deep=True)
        kept.colours = change.colours or kept.colours
        kept.exclude_colours = change.exclude_colours or kept.exclude_colours
        kept.price = change.price or kept.price
        kept.size = change.size or kept.size
        return [kept, *needs]

    def _continues_last_search(self, request: ShopperRequest, text: str, context: Context) -> bool:
        """Whether one kind named after a search only narrows it: the kind the search left
        open ("kurtas are fine" after "something yellow to wear"), or the same kind again
        with something more ("毛衣1500以内的" after "给我爸买件毛衣, 他穿XL"), for the same person."""
        last = context.last_request
        if not context.has_search or last is None or last.intent not in (Intent.search, Intent.refine):
            return False
        if len(request.needs) != 1 or len(last.needs) != 1 or _FOR_SOMEONE.search(text) or _GIFT.search(last.text):
            return False  # a gift shelf is no search to narrow
        need, earlier = request.needs[0], last.needs[0]
        # a gender the kind implies ("kurti") is no other person when the search named none
        other_person = need.gender not in (None, earlier.gender) and (
            earlier.gender or parse_query(text).filters.gender
        )
        if not need.has_product() or other_person:
            return False
        left_open = last.intent is Intent.search and not earlier.has_product()  # a refine's need is only its change
        return left_open or self._same_kind(need, earlier)

    def _instead_of_shown(self, rest: str, context: Context) -> ShopperRequest:
        """The list shown turned down: what the rest of the message asks ("none of these, i
        want silk ones": the same search, of silk), or, when it asks nothing more, other
        products of the same search."""
        if not re.search(r"[^\W\d_]{2,}", _ASKING_ONLY.sub(" ", rest)):
            return ShopperRequest(intent=Intent.more, text=rest.strip())
        request = self._understand(rest.strip(), context)
        if request.intent is Intent.search and not any(n.has_product() for n in request.needs):
            request.intent = Intent.refine  # "none of these, something in silk": this search, of silk
        request.reference = None
        return request

    def _look_in_one_colour(self, text: str, context: Context) -> ShopperRequest | None:
        """After a look, "make it all black", "一身黑": the same look, every piece in that colour."""
        last = context.last_request
        if last is None or last.intent is not Intent.outfit or last.outfit is None or not _ALL_ONE_COLOUR.search(text):
            return None
        said = self._need(text)
        if not said.colours or said.has_product():
            return None
        ask = last.outfit.model_copy(deep=True, update={"colours": said.colours, "edits_last": True})
        around = Reference(pronoun=True, confidence=0.9) if ask.around_reference else None
        return ShopperRequest(intent=Intent.outfit, text=text, outfit=ask, reference=around, confidence=0.8)

    def _look_edited(self, text: str, context: Context, disliked: re.Match[str] | None = None) -> ShopperRequest | None:
        """After a look, the same ask edited: "swap the shoes for something brown" (that piece
        changed), "the shoes are kinda mid" (other shoes), "keep the shirt under 1500" (that
        piece's price), "keep the extra stuff under 3k" (the budget), "and some juttis too" (a
        piece added), "no heels" (a kind left out), "what if i only want the shirt and
        trousers" (only those pieces), "something cheaper" (below every look shown)."""
        last = _past_the_aside(context)
        if (
            last is None
            or last.intent is not Intent.outfit
            or last.outfit is None
            or self._asks_anew(text, last.outfit)
            # "if the jeans dont fit can i swap for another size": the store's exchanges, no look edited
            or (
                _EXCHANGE_ASKED.search(text) is not None and detect_intent(text, has_context=False) is Intent.store_info
            )
        ):
            return None
        ask = last.outfit.model_copy(deep=True)
        cheaper = False
        swap, added = self._swapped_in_look(text), _ADDED_PIECE.match(text) or _added_before_a_reason(text)
        only = _ONLY_PIECES.search(text) or _ONLY_PIECES_ZH.search(text)
        # "forget the flip flops, i have loads. just top n shorts": the pieces kept say it all
        kept = only is not None and any(n.has_product() for n in self._groups(only.group("pieces"))[0])
        dropped = _DROP.match(text) and not _NOT_TOO.match(text) and not kept
        # "no skirts pls im way more comfortable in pants": the skirts, not the pants said why
        turned_down = self._need(_WHY_AFTER.split(_DROP.sub(" ", text), maxsplit=1)[0]) if dropped else None
        out = _OUT_OF_LOOK.match(text)  # "nah remove the watch, she's gifting me one", "clutch remove it"
        out_piece = next((g for g in (out.groupdict().values() if out else ()) if g), "")
        if turned_down is None and out and self._need(out_piece).has_product():
            turned_down = self._need(out_piece)
        priced = _look_price(text)
        named = _disliked_piece(disliked)
        zh_other = None if named or swap else _zh_other_piece(text)  # "鞋换一双吧": other shoes
        named = named or zh_other
        piece = self._piece_named(named) if named and not swap else None
        if piece is not None and piece.has_product():  # "the shoes are kinda mid": the look's others of that kind
            self._other_pieces(ask, piece, text, context)
        elif swap and self._other_kind(swap):  # "cant do heels, flats instead": that kind out, the other in
            self._kind_swapped(ask, swap, text)
        elif swap:
            change = self._need(" ".join(swap))
            if not change.has_product():
                return None
            patterns = [term for said, term in _EN_PATTERNS if said.search(swap[1])]  # "make the shirt checked"
            change.title_terms = list(dict.fromkeys([*change.title_terms, *patterns]))
            if _SOMETHING_ELSE.match(swap[1]):  # "swap the jewelry for something more minimal": not the one shown
                self._other_pieces(ask, self._need(swap[0]), text, context)
            self._family_piece_swapped(ask, self._need(swap[0]), change)
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(change))], change]
        elif priced is not None and not (added and added.group("throw_in")):
            # "add a clutch to that look too but keep dress+clutch within the same 3000": the piece, then the price
            joined = added is not None and added.group("into_look") and self._added_to_look(ask, added, context, text)
            self._look_priced(ask, text[added.end() :] if added and joined else text, priced, turned_down)
        elif added:
            if not self._added_to_look(ask, added, context, text):
                return None
        elif (turned_down is not None and _left_out_of_look(ask, turned_down, text)) or self._pieces_edited(
            ask, text, context.shown
        ):
            pass  # "no heels"; "shirt should be white or light blue, and shoes in UK 9 pls"
        elif only and kept:  # (not "salary only comes next month")
            return self._only_pieces_kept(ask, only.group("pieces"), text, zh_other is not None)
        elif asks_cheaper(text) and not self._need(text).has_product():
            cheaper = True  # "something cheaper": looks below the cheapest one shown
        elif not self._look_reshaped(ask, text, context):
            return None
        return _one_piece_left(last.outfit, ask, text) or self._edited_look(ask, text, zh_other is not None, cheaper)

    def _look_priced(self, ask: OutfitAsk, text: str, priced: float, turned_down: ProductNeed | None) -> None:
        """A price said in a look edit: one piece's ("keep the shirt under 1500"), else the look's
        or the added pieces' budget; a piece dropped in the same message goes too ("skip the
        watch, he has one. keep the rest under 3k")."""
        change = self._need(text)
        # "keep the jacket and shoes together under 1500": the pieces' budget, not one piece's price
        together = _TOGETHER.search(text) or sum(n.has_product() for n in self._groups(text)[0]) >= 2
        if change.has_product() and change.confidence >= 1.0 and not together:  # "keep the shirt under 1500"
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(change))], change]
        else:  # "keep the extra stuff under 3k": the budget of the look (or of the pieces added)
            ask.budget, ask.budget_for_pieces = priced, ask.around_reference and not _TOTAL_BUDGET.search(text)
        if turned_down is not None:
            _left_out_of_look(ask, turned_down, text)

    def _look_reshaped(self, ask: OutfitAsk, text: str, context: Context) -> bool:
        """The look's main piece in a colour ("something green maybe"), other pieces put
        forward ("nah kurta feels too much. maybe shirt + chinos?"), a look for another
        occasion ("something weekend-y too"), kinds turned down in Chinese ("不要高跟鞋哈");
        whether the message was one of these."""
        return (
            self._main_piece_coloured(ask, text, context)
            or self._new_piece_described(ask, text, context)
            or self._pieces_asked_instead(ask, text)
            or _another_occasion_too(ask, text)
            or bool(_CJK.search(text) and self._kinds_turned_down_zh(ask, text))
            or self._zh_piece_in_its_slot(ask, text, context)
            or self._kind_in_place(ask, text, context)
        )

    def _zh_piece_in_its_slot(self, ask: OutfitAsk, text: str, context: Context) -> bool:
        """ "换坡跟吧", "西装外套太正式了 来件夹克就行", "下面还是穿长的运动裤吧", "再加顶帽子": in
        Chinese, a kind named after a look takes the place of the look's piece of its slot (the
        heels, the blazer, the shorts), or joins the look when it has none; whether it did."""
        if not _CJK.search(text) or not _ZH_WANTS_A_PIECE.search(text) or _ZH_ASKS_OF_A_PIECE.search(text):
            return False
        return self._in_its_slot(ask, self._need(_ZH_REASON_BEFORE.sub("", text)), context, text)

    def _kind_in_place(self, ask: OutfitAsk, text: str, context: Context) -> bool:
        """ "flats instead" after a look with heels (the reason said before already read): the
        kind named takes the place of the look's piece of its slot; whether it did."""
        said = _KIND_INSTEAD.match(text)
        return said is not None and self._in_its_slot(ask, self._need(said.group("kind")), context, text)

    def _in_its_slot(self, ask: OutfitAsk, need: ProductNeed, context: Context, text: str) -> bool:
        """The kind ``need`` names in place of the look's piece of the same slot, or added to
        the look when it has none; whether it was."""
        if not need.has_product() or need.confidence < 1.0:
            return False
        slot = self._slot_of(need)
        theirs = [
            p.article_type
            for p in context.shown
            if slot and self._slot_of(ProductNeed(text="", article_types=[p.article_type])) == slot
        ]
        if not theirs:
            return self._piece_added(ask, text, context, text, add=True)
        if set(theirs) & set(need.article_types):  # "鞋子要平底的" of a look with flats: those, as said
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(need))], need]
            return True
        gone = ProductNeed(text=theirs[0], article_types=list(dict.fromkeys(theirs)))
        _kind_for_kind(ask, gone, need, self._slot_of)
        return True

    def _new_piece_described(self, ask: OutfitAsk, text: str, context: Context) -> bool:
        """ "bag in gold pls" after a look with no bag: that piece added to the look, as
        described; whether it was (a longer message, or one asking to see a list, is a search)."""
        if len(text.split()) > 5 or _ASKS_FOR_A_LIST.search(text) or _CJK.search(text):
            return False
        need = self._need(text)
        if not (need.has_product() and need.confidence >= 1.0 and (need.colours or need.size)):
            return False
        shown = {p.article_type for p in context.shown} | {p.sub_category for p in context.shown if p.sub_category}
        if _kinds(need) & shown or any(_kinds(need) & _kinds(p) for p in ask.pieces):
            return False
        if ask.around_reference and not ask.pieces and context.shown:  # around a product: its look's other kinds
            anchor = context.focus.article_type if context.focus else None
            slots = _slots_shown([p for p in context.shown if p.article_type != anchor], ask.for_the_cold)
            ask.pieces = [ProductNeed(text=k, article_types=[k]) for k in slots.values()][: _MOST_PIECES - 1]
            ask.pieces.append(need)
            return True
        return self._piece_added(ask, text, context, text, add=True)

    def _pieces_asked_instead(self, ask: OutfitAsk, text: str) -> bool:
        """After a look, other pieces suggested in its place ("maybe shirt + chinos?", "kurta
        wala dikhao"): the look of those, for the same person and occasion; whether it was."""
        if not (_PIECES_SUGGESTED.search(text) or _PIECE_OF_A_KIND.match(text)):
            return False
        needs, _, _ = self._groups(text)
        pieces = [n for n in needs if n.has_product() and n.confidence >= 1.0]
        if not pieces or (len(pieces) < 2 and not _PIECE_OF_A_KIND.match(text)):
            return False
        ask.excluded = list(dict.fromkeys([*ask.excluded, *(t for n in needs for t in n.exclude_types)]))
        for piece in pieces:
            piece.exclude_types = []
        ask.pieces, ask.changes, ask.avoid = pieces, [], []
        return True

    def _piece_named(self, named: str) -> ProductNeed:
        """The piece a look edit finds wanting; "the clothes u picked" is every garment."""
        if _EVERY_GARMENT.fullmatch(named):
            return ProductNeed(text=named, category="Apparel")
        return self._need(named)

    def _kind_swapped(self, ask: OutfitAsk, swap: tuple[str, str], text: str) -> None:
        """One kind of the look for another, in the size said with it ("trainers instead of
        those shoes pls, I'm a UK 10")."""
        _kind_for_kind(ask, self._need(swap[0]), self._need(swap[1]), self._slot_of)
        said = parse_query(text).filters.size
        if said:
            ask.sizes = [*[s for s in ask.sizes if s.startswith("UK") != said.startswith("UK")], said]

    def _added_to_look(self, ask: OutfitAsk, added: re.Match[str], context: Context, text: str) -> bool:
        """The pieces a look edit adds ("and some juttis too", "add a backpack too but stay
        under 4k-ish", "flats too, uk 5"), with a budget said beside them; whether any was."""
        named = next(
            added.group(g)
            for g in ("pieces", "later", "into_look", "add_also", "throw_in", "add_bare")
            if added.group(g)
        )
        # "add a backpack too", "add a rain jacket": to the look
        said_add = bool(added.group("add_also") or added.group("into_look") or added.group("add_bare"))
        if not self._piece_added(ask, f"{named} {added.group('extra') or ''}", context, text, said_add):
            return False
        # "throw in a nehru jacket as well, I can stretch to 5k", "add a backpack too but stay under 4k-ish"
        priced_too = added.group("throw_in") or ((said_add or added.group("extra")) and _LOOK_PRICE_SAID.search(text))
        priced_too = priced_too or _STRETCHED_TO.search(text)  # "can stretch to 4000", "can go upto 3500 now"
        budget = parse_query(text).filters.price_max if priced_too else None
        ask.budget = budget or ask.budget
        return True

    def _main_piece_coloured(self, ask: OutfitAsk, text: str, context: Context) -> bool:
        """A colour alone after a look ("something green maybe", "in pink?"): the look's main
        piece (the first named, else the kind of the first product shown) in that colour."""
        said = self._need(text)
        long = len(text.split()) > 6 and not _MAKE_THE_LOOK.match(text)  # "make it pastel-y.. light pink or mint"
        if not said.colours or said.has_product() or long or not (ask.pieces or context.shown):
            return False
        if ask.around_reference:  # pieces for a product shown: "something brown instead" is that piece, as before
            return False
        first = context.shown[0].article_type if context.shown else ""
        main = ask.pieces[0] if ask.pieces else ProductNeed(text=first, article_types=[first])
        # "brown for both pls", "都要黑色的": every piece of the look in that colour
        # "actually only black" after a belt and a watch: no piece singled out, so every one
        every = _EVERY_ONE.search(text) or _ONLY_WORD.search(text)
        coloured = ask.pieces if ask.pieces and every else [main]
        for each in coloured:
            piece = ProductNeed(text=each.text, article_types=each.article_types, sub_category=each.sub_category)
            piece.colours = said.colours
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(piece))], piece]
        return True

    def _edited_look(self, ask: OutfitAsk, text: str, zh_other: bool, cheaper: bool = False) -> ShopperRequest:
        """The look asked again as edited, around the same product if it was around one."""
        self._kinds_turned_down_zh(ask, text if zh_other else "")
        ask.edits_last = True
        around = Reference(pronoun=True, confidence=0.9) if ask.around_reference else None  # the same anchor
        return ShopperRequest(
            intent=Intent.outfit, text=text, outfit=ask, reference=around, cheaper=cheaper, confidence=0.8
        )

    def _only_pieces_kept(self, ask: OutfitAsk, named: str, text: str, zh_other: bool) -> ShopperRequest | None:
        """ "what if i only want the shirt and trousers": the look of only those pieces; one
        piece alone ("show me only leggings in white or cream"): a list of it."""
        named = re.sub(r"(?<=[\u4e00-\u9fff])同(?=[\u4e00-\u9fff])", "和", named)  # "恤衫同西褲": and, in Cantonese
        pieces = [n for n in self._groups(named)[0] if n.has_product()]
        if not pieces:
            return None
        # "只要裙子和上衣" after a look with a 半身裙: the look's own skirt, not any dress or skirt
        pieces = [_narrowed_to_the_look(n, ask) for n in pieces]
        if len(pieces) == 1 and not ask.around_reference:
            said = self._need(text)  # "裤子要深色的 不要牛仔裤 只看裤子": those, dark, no jeans
            piece = pieces[0]
            piece.colours = piece.colours or said.colours
            piece.exclude_colours = piece.exclude_colours or said.exclude_colours
            piece.exclude_types = piece.exclude_types or said.exclude_types
            return _one_piece_of_look(ask, piece, text)
        ask.pieces, ask.changes = pieces, [c for c in ask.changes if any(_kinds(c) & _kinds(p) for p in pieces)]
        return self._edited_look(ask, text, zh_other)

    def _pieces_edited(self, ask: OutfitAsk, text: str, shown: list[ProductRecord] | None = None) -> bool:
        """Each clause names a piece of the look and what it should be ("shirt should be white
        or light blue, and shoes in UK 9"): those pieces changed, the rest of the ask kept;
        whether the message was only such edits."""
        if _MORE_OF_A_KIND.match(text):  # "more mustard kurtis <1000": a search of that piece, no look
            return False
        look = {k for p in ask.pieces for k in _kinds(p)}
        look |= {s for p in ask.pieces for t in p.article_types if (s := self.lexicon.sub_category_of.get(t))}
        if not ask.pieces and shown:  # a look of the occasion's kinds: the kinds it showed ("shirt size M, shoes uk 9")
            look |= {p.article_type for p in shown} | {p.sub_category for p in shown if p.sub_category}
            if any(p.category == "Footwear" for p in shown):  # "shoes white pls" of a look with sandals: its footwear
                look |= FOOTWEAR_SUB_CATEGORIES
        untyped = {p.sub_category for p in ask.pieces if p.sub_category and not p.article_types}  # "shoes"
        edits: list[ProductNeed] = []
        shared = parse_query(text).filters.size if _EVERY_ONE.search(text) else None  # "L for both shirt and pants"
        for chunk in (c for c in _SEVERAL.split(text) if c and c.strip()):
            need = self._need(chunk)
            if not need.has_product():
                # "kurta要鲜艳一点 红色或者橙色": the colours named, not every bright one (but not the
                # colour of a reason: "earrings in gold pls, silver makes me look washed out")
                if edits and need.colours and not _SAID_OF_A_COLOUR.search(chunk):
                    edits[-1].colours = need.colours
                continue
            need.size = need.size or shared
            if edits and _REJECT.search(chunk) and need.article_types:  # "shoes shd be flat, i'm terrible in heels"
                ask.excluded = list(dict.fromkeys([*ask.excluded, *need.article_types]))
                continue
            # "shoes shud be proper sports shoes, uk 6", "shoes shd be flat": the kind the look's piece should
            # be, within its family (but "heels under 2000 in nude?", with no cue to edit, asks a list of heels)
            kind_said = need.article_types and _EDIT_CUE.search(chunk)
            said = need.colours or need.size or need.exclude_colours or kind_said
            family = (
                {s for t in need.article_types if (s := self.lexicon.sub_category_of.get(t))} if kind_said else set()
            )
            if (_kinds(need).isdisjoint(look) and family.isdisjoint(untyped)) or not said:
                return False
            edits.append(need)
        # "can i see the sweaters in navy": those, listed; "shoes in black pls": the look's shoes
        if len(edits) < 2 and not _EDIT_CUE.search(text) and _ASKS_FOR_A_LIST.search(text):
            return False
        size = parse_query(text).filters.size if len(edits) == 1 and not edits[0].size else None
        for need in edits:
            need.size = need.size or size  # "shoes shud be proper sports shoes, uk 6"
            if need.size:
                footwear = need.size.startswith("UK")
                ask.sizes = [*[s for s in ask.sizes if s.startswith("UK") != footwear], need.size]
            if need.colours or need.exclude_colours or _EDIT_CUE.search(text):
                ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(need))], need]
        return bool(edits)

    def _piece_added(self, ask: OutfitAsk, named: str, context: Context, text: str, add: bool = False) -> bool:
        """The pieces ``named`` added to the look asked before (a kind it has already stays
        one piece); whether there were any to add. A look built from the occasion alone
        ("a winter look for women", then "add a scarf too") is the kinds it showed, plus it."""
        new = [n for n in self._groups(named)[0] if n.has_product() and n.confidence >= 1.0]
        said = parse_query(text).filters if len(new) == 1 and not new[0].colours else None
        if said and said.colour:  # "add a clutch too, something goldish": the clutch in gold
            new[0].colours = as_list(said.colour)
        # "add a scarf to that", "add a backpack too", not "something for the cold too"
        attached = add or _TO_THE_LOOK.search(text)
        # a whole look led by the one piece named ("a kurta look", then "add a watch"): its other kinds stay
        led = len(ask.pieces) == 1 and len({p.article_type for p in context.shown}) > 1
        if new and (led or (not ask.pieces and attached)) and not ask.around_reference and context.shown:
            slots = _slots_shown(context.shown, ask.for_the_cold)
            # "heels bhi daal do" to a look with flats: heels, no flats (a jacket goes over the top, though)
            taken = {self._slot_of(n) for n in new} & {"Footwear"}
            shown = [ProductNeed(text=kind, article_types=[kind]) for slot, kind in slots.items() if slot not in taken]
            extras = {p.article_type for p in context.shown if p.category == "Accessories"}
            while len(shown) + len(new) > _MOST_PIECES and any(n.article_types[0] in extras for n in shown):
                shown.remove(next(n for n in reversed(shown) if n.article_types[0] in extras))  # the look's extra
            ask.pieces = [*ask.pieces, *[n for n in shown if all(_kinds(n).isdisjoint(_kinds(p)) for p in ask.pieces)]]
        if (
            new
            and not ask.pieces
            and not attached
            and context.shown
            and self._pieces_of_the_look(ask, new, text, context)
        ):
            return True
        if not new or not ask.pieces:
            return False
        ask.pieces = [*ask.pieces, *[n for n in new if all(_kinds(n).isdisjoint(_kinds(p)) for p in ask.pieces)]]
        return True

    def _worn_with_another(self, text: str, groups: list[ProductNeed]) -> bool:
        """Whether a garment is asked with another piece to wear with it ("a printed shirt
        with shorts n flip flops", "a black kurti, leggings ke saath", "saree + matching earrings"),
        not two things bought apart ("a backpack with a laptop sleeve")."""
        if _OWNED.search(text) or _PRICE_EACH.search(text) or not any(self._worn(n) for n in groups):
            return False
        said = _WORN_WITH.search(text)
        if said is None:
            return False
        piece = self._need(said.group("piece") or said.group("before"))
        return piece.has_product() and piece.confidence >= 1.0

    def _another_kind_too(self, text: str, context: Context) -> ShopperRequest | None:
        """ "凉鞋也可以", "sandals are fine too" after a search of one kind: the same search,
        that kind besides (with whatever else the message changes: "预算提到五百吧 凉鞋也可以")."""
        said = _KIND_TOO.search(text)
        last = context.last_request
        if said is None or last is None or last.intent not in (Intent.search, Intent.refine) or len(last.needs) != 1:
            return None
        kind = self._need(said.group("kind") or said.group("kind_en"))
        searched = last.needs[0].article_types or list(dict.fromkeys(p.article_type for p in context.shown))
        if not kind.article_types or kind.confidence < 1.0 or not searched or len(searched) > 3:
            return None
        rest = (text[: said.start()] + " " + text[said.end() :]).strip(" ,，。")
        request = self._understand(rest, context) if re.search(r"\w", rest) else None
        if request is not None and request.intent not in (Intent.search, Intent.refine):
            return None
        need = request.needs[0] if request and len(request.needs) == 1 else ProductNeed(text="")
        need.article_types = list(dict.fromkeys([*searched, *kind.article_types]))
        return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.8)

    def _worn(self, need: ProductNeed) -> bool:
        """Whether a need is clothing or footwear (the pieces a look is made around)."""
        subs = {need.sub_category, *(self.lexicon.sub_category_of.get(t) for t in need.article_types)} - {None}
        return bool(subs & (_WORN_SUB_CATEGORIES | FOOTWEAR_SUB_CATEGORIES)) or need.category in ("Apparel", "Footwear")

    def _part_of_a_look(self, word: str) -> str | None:
        """The part of a look a kind word names: footwear, else its sub-category."""
        field, value = ARTICLE_TYPES[word]
        sub = value if field == "sub_category" else self.lexicon.sub_category_of.get(value)
        return "Footwear" if sub in FOOTWEAR_SUB_CATEGORIES else sub

    def _slot_of(self, need: ProductNeed) -> str | None:
        """The look's slot a piece named takes: footwear, else its sub-category."""
        subs = {need.sub_category, *(self.lexicon.sub_category_of.get(t) for t in need.article_types)} - {None}
        return "Footwear" if subs & FOOTWEAR_SUB_CATEGORIES else next(iter(sorted(s for s in subs if s)), None)

    def _pieces_of_the_look(self, ask: OutfitAsk, new: list[ProductNeed], text: str, context: Context) -> bool:
        """ "shoes too, uk 6" after a look that has sandals: its footwear, as shoes in UK 6 (the
        look's footwear named again); whether the pieces named were its footwear."""
        footwear_shown = any(p.category == "Footwear" for p in context.shown)
        if not footwear_shown or any(self._slot_of(n) != "Footwear" for n in new):
            return False  # (a jacket "for the cold too" is a list of jackets, not the look's top)
        size = parse_query(text).filters.size if any(c.isalnum() for c in text) else None
        for need in new:
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(_kinds(need))], need]
            if need.size or size:
                said = need.size or size or ""
                ask.sizes = [*[s for s in ask.sizes if s.startswith("UK") != said.startswith("UK")], said]
        return True

    def _kinds_turned_down_zh(self, ask: OutfitAsk, text: str) -> bool:
        """ "鞋换一双吧, 不要运动鞋", "不要高跟鞋哈": the kinds a Chinese look edit turns down, out
        of the look; whether there were any."""
        turned = False
        for span in [*zh_negated_spans(text), *(m.group("piece") for m in _ZH_NOT_NEEDED.finditer(text))]:
            down = self._need(span)
            kinds = self._kinds_of_a_word(down, ask)
            if kinds and down.confidence >= 1.0:
                ask.excluded = list(dict.fromkeys([*ask.excluded, *kinds]))
                ask.changes = [c for c in ask.changes if _kinds(c).isdisjoint(kinds)]
                ask.pieces = [p for p in ask.pieces if _kinds(p).isdisjoint(kinds)] or ask.pieces
                turned = True
        return turned

    def _kinds_of_a_word(self, down: ProductNeed, ask: OutfitAsk) -> list[str]:
        """The kinds a piece named in a look edit means: its types, or for a word of a whole
        family ("鞋子", shoes) the look's pieces of that family."""
        if down.article_types:
            return down.article_types
        family = {down.sub_category} if down.sub_category else set()
        family |= FOOTWEAR_SUB_CATEGORIES if down.category == "Footwear" else set()
        sub_of = self.lexicon.sub_category_of
        in_the_look = [
            t
            for p in ask.pieces
            for t in [*p.article_types, *([p.sub_category] if p.sub_category else [])]
            if family & {p.sub_category, sub_of.get(t)} or (p.category and p.category == down.category)
        ]
        # "别推包了" of a look the builder filled: no piece of that family in any look
        return in_the_look or ([down.sub_category] if down.sub_category else [])

    def _other_pieces(self, ask: OutfitAsk, piece: ProductNeed, text: str, context: Context) -> None:
        """The look again without the pieces of the kind disliked ("the shoes are kinda mid"),
        in the colours named for it, if any ("shirts r boring, maybe light pink")."""
        kinds = _kinds(piece)
        slot = {t for p in ask.pieces if _kinds(p) & kinds for t in p.article_types}  # "cargos or jeans": one slot
        turned = [p.id for p in context.shown if (kinds | slot) & {p.article_type, p.sub_category}]
        if not kinds and piece.category:  # "dont love the clothes u picked": every garment of the looks
            turned = [p.id for p in context.shown if p.category == piece.category]
        subs = {piece.sub_category, *(self.lexicon.sub_category_of.get(t) for t in piece.article_types)}
        if not turned and subs & FOOTWEAR_SUB_CATEGORIES:  # "the shoes" of sandals, juttis no look had
            turned = [p.id for p in context.shown if p.category == "Footwear"]
        ask.avoid = list(dict.fromkeys([*ask.avoid, *turned]))
        colours = self._need(text).colours
        prices = [p.price for p in context.shown if p.id in turned and p.price]
        cheaper = _TOO_PRICEY.search(text) or re.search(r"\bcheaper\b", text, re.I)
        if (
            cheaper and prices
        ):  # "the shoes are too pricey", "the same look with cheaper shoes": below the cheapest shown
            said = parse_query(text).filters.price_max  # "..., under 2k": and under what was said
            piece.price = PriceRange(max=min([min(prices) - 1, *([said] if said else [])]))
            # of the kinds shown in that slot ("the shoes" of running shoes: running shoes)
            piece.article_types = sorted({p.article_type for p in context.shown if p.id in turned})
            piece.sub_category = None
        if colours:
            piece.colours = colours
        wanted = _FOOTWEAR_OF_A_TONE.search(text) if subs & FOOTWEAR_SUB_CATEGORIES else None
        if wanted:  # "shoes r too formal, smth sporty instead": trainers
            piece.article_types, piece.sub_category = list(_FOOTWEAR_TONES[wanted.group(1).lower()]), None
        if colours or piece.price or wanted:
            ask.changes = [*[c for c in ask.changes if _kinds(c).isdisjoint(kinds)], piece]

    def _swapped_in_look(self, text: str) -> tuple[str, str] | None:
        """The piece a look edit swaps and what for; also "no sarees, kurta set?" when both
        name kinds (else "no checks, only plain ones" would swap checks for plain ones)."""
        no_this_that = _NO_THIS_THAT.match(text) or _NO_THIS_LATER_THAT.match(text) or _THIS_NOT_THAT.match(text)
        no_this_that = no_this_that or _WANTING_THEN_INSTEAD.match(text)  # "heals r too high prob, flats instead"
        no_this_that = no_this_that or _CANT_THEN_INSTEAD.match(text)  # "i cant walk in heels 😂 flats instead?"
        pair = (no_this_that.group("piece"), no_this_that.group("into")) if no_this_that else None
        if pair and self._other_kind(pair):
            return pair
        dropped = _dropped_then_shown(text)  # "mojari hata do, sandals dikhao"
        if dropped and self._other_kind(dropped):
            return dropped
        wished = _PIECE_WANTED_ZH.match(text)
        into = text[wished.end() :] if wished else ""
        if (
            wished
            and not re.match(r"[\W吧啦呗哈嘛]*(?:不要|别|一|两|二|三|几|多)", into)
            and not re.search(r"[不别还也都我你他她只就]$", wished.group("piece"))  # ("衬衫只要浅色的": only shirts)
            and self._need(wished.group("piece")).has_product()
        ):
            return wished.group("piece"), into  # "衬衫想要格子的": the shirt, in checks
        return _swapped(text)

    def _family_piece_swapped(self, ask: OutfitAsk, gone: ProductNeed, change: ProductNeed) -> None:
        """ "包换成双肩包" (the bag for a backpack): the look's piece of that family (its handbag)
        gives way to the kind named in it."""
        family = gone.sub_category
        if not family or gone.article_types or not change.article_types:
            return
        if any(self.lexicon.sub_category_of.get(t) != family for t in change.article_types):
            return
        kept = [
            p
            for p in ask.pieces
            if p.sub_category != family and all(self.lexicon.sub_category_of.get(t) != family for t in p.article_types)
        ]
        if len(kept) < len(ask.pieces):
            ask.pieces = [*kept, change.model_copy(deep=True)]

    def _other_kind(self, swap: tuple[str, str]) -> bool:
        """Whether a swap puts one named kind in place of another ("heels" -> "flats"),
        rather than changing the piece ("the shoes" -> "something brown")."""
        gone, into = self._need(swap[0]), self._need(swap[1])
        # "the shoes" -> "flip flops": a kind outside the broad one named is another kind too
        outside = bool(gone.sub_category and into.article_types) and all(
            self.lexicon.sub_category_of.get(t) != gone.sub_category for t in into.article_types
        )
        return (
            (bool(gone.article_types) or outside)
            and into.has_product()
            and into.confidence >= 1.0
            and _kinds(gone).isdisjoint(_kinds(into))
        )

    def _asks_anew(self, text: str, look: OutfitAsk) -> bool:
        """ "leave the juttis, show me a stole under 800": a new thing asked for, not the look edited;
        "add the kurta to cart in XL": that piece bought, the look unchanged; "and for my older bro
        (24) a kurta in M": a kind for another person."""
        if _INTO_THE_CART.search(text) or self._for_someone_else(text, look):
            return True
        asked = _SHOW_ME_A.search(text)
        return asked is not None and self._need(asked.group("what")).confidence >= 1.0

    def _for_someone_else(self, text: str, look: OutfitAsk) -> bool:
        """ "and for my older bro (24) a kurta in M" after a boy's look: a kind for another
        person, a search of its own rather than the look edited."""
        if not look.gender or not _FOR_A_PERSON.search(text):
            return False
        said = self._need(text)
        return said.has_product() and said.gender is not None and said.gender != look.gender

    @staticmethod
    def _names_another_kind(request: ShopperRequest, context: Context, sure: bool = False) -> bool:
        """Whether the message names a kind the last search was not of ("cheaper jacket pls"
        after shirts): cheaper than the shirts shown means nothing for jackets. ``sure``: a
        kind named, not guessed from a describing word ("one for his papa too, so cute")."""
        named = {t for n in request.needs if n.confidence >= 1.0 or not sure for t in n.article_types}
        shown = {p.article_type for p in context.shown}
        return bool(named) and bool(shown) and named.isdisjoint(shown)

    def _several_swapped(self, text: str, context: Context) -> ShopperRequest | None:
        """After several needs, "swap the flip flops for a summer dress", "皮带改成领带": the
        new kind takes the place of the one named (its budget, person and size go with it,
        as the planner decides) and the other needs stay, unless the message asks to see
        just the new one ("show me just watches", "先只看鞋")."""
        last = context.last_request
        if last is None or len(last.needs) < 2 or last.outfit is not None or _PLACED.search(text):
            return None
        swap = (
            _swapped(text) or _INSTEAD_OF_THE.match(text) or _NO_MORE_THEN_ZH.match(text) or _dropped_then_shown(text)
        )
        if swap is None:
            return None
        piece, into = (swap.group("piece"), swap.group("into")) if isinstance(swap, re.Match) else swap
        gone, new = self._need(piece), self._need(_FIRST_CLAUSE.split(into)[0])
        gone_kinds = self._kin(gone)
        if not gone_kinds or not _kinds(new) or _kinds(new) <= gone_kinds:
            return None  # "swap the shoes for white ones": the same kind, changed as a search is
        if not any(self._kin(n) & gone_kinds for n in last.needs):
            return None  # the piece named is none of the needs asked for
        request = ShopperRequest(intent=Intent.refine, text=text, confidence=0.85)
        self._needs(request, text, context)
        for need in request.needs:  # "i'll take slippers from home": the kind swapped out is not searched
            need.article_types = [t for t in need.article_types if t not in gone_kinds]
            need.exclude_types = []
        request.needs = [n for n in request.needs if n.has_product()] or [new]
        request.intent, request.replaces = Intent.refine, sorted(gone_kinds)
        request.just_these = bool(_JUST_THESE.search(text))
        return request

    def _kin(self, need: ProductNeed) -> set[str]:
        """A need's kinds with the sub-categories of its types ("鞋子" is of the sports shoes asked for)."""
        return _kinds(need) | {self.lexicon.sub_category_of.get(t, "") for t in need.article_types} - {""}

    def _search_swapped(self, text: str, context: Context) -> ShopperRequest | None:
        """After a search, "swap the shoes for something white": that product, changed, in
        the same search (the shopper's gender and budget hold), not an exchange question."""
        swap = _swapped(text)
        if not context.has_search or swap is None or _PLACED.search(text):
            return None
        wanted = " ".join(swap)
        if not self._need(wanted).has_product():
            return None
        request = ShopperRequest(intent=Intent.refine, text=wanted, confidence=0.8)
        self._needs(request, wanted, context)
        request.intent = Intent.refine
        return request

    def _store_follow_up(self, text: str, context: Context) -> bool:
        """A question that continues the store question just answered ("will i get the fee
        back too?", "what about an unopened perfume?"): read together with it, unless it
        sets a product constraint (a colour, price or size, or "for my mum": then it searches)
        or asks for one like a product ("also something like this for my mom")."""
        last = context.last_request
        if last is None or last.intent is not Intent.store_info:
            return False
        if _ORDER_AMOUNT.search(text):  # "my order is around 6200 tho" after "cod avlbl?": the order, no budget
            return True
        if not _FOLLOW_UP.search(text):
            return False
        if _TAKE_IT_OUT.match(text):  # "那算了 先删掉吧": out of the cart, no more about the policy
            return False
        said = detect_intent(text, has_context=True)
        if said is Intent.cart_add:  # "ok add that one too": into the cart
            return False
        topics = {m.group(0).lower().rstrip("s") for m in _STORE_TOPIC.finditer(text)}
        if topics - {m.group(0).lower().rstrip("s") for m in _STORE_TOPIC.finditer(last.text)}:
            return False  # "and returns then?" after a question on cancelling: a topic of its own
        place = _reference(text)
        if said is Intent.similar or (place is not None and place.position):
            return False  # "and what does the third one cost?": about a product shown
        if context.shown and any(_asks_order(pattern, text) for pattern, _ in _SORTS):
            return False  # "and the most expensive one here costs?": the priciest shown
        filters = parse_query(text).filters
        constrained = filters.colour or filters.price_max or filters.price_min or filters.size or _BRA_SIZE.search(text)
        constrained = constrained or _RESIZE.search(text)  # "那先把M换成L吧": the one in the cart, in L
        shopping = _ASKS_TO_SEE.search(text) and self._need(text).has_product()  # "那看看fastrack的墨镜"
        # "and something small for me while i'm at it, a ring maybe": a thing for the shopper
        shopping = shopping or (_FOR_ME_TOO.search(text) and self._need(text).has_product())
        return not (constrained or shopping or _FOR_SOMEONE.search(text))

    def _kind_not_shown(self, text: str, context: Context) -> bool:
        """ "nope the track pants were better, show those again" after leggings: the kind named
        is not what the list shown is of, so an earlier search is meant."""
        need = self._need(text)
        if not need.article_types and need.sub_category and context.shown:  # "go back to the black shoes"
            return need.sub_category not in {p.sub_category for p in context.shown}
        kinds = set(need.article_types)
        return bool(kinds and context.shown) and not kinds & {p.article_type for p in context.shown}

    def _cart_size(self, text: str, context: Context, reference: Reference | None = None) -> str | None:
        """A size said for the product meant: a number said for a garment sized by letter
        is a waist ("add the jeans in 32") or a chest or bust ("the shirt in 40") in inches."""
        into = re.search(r"(?:换成|改成)\s*(xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})(?![a-z])", text, re.I)
        if into:  # "把M换成L": the size it becomes
            return self._cart_size(f"change it to {into.group(1)}", context, reference)
        said = re.search(  # "change it to M", "... to M to be safe"
            r"\b(?:to|into|for|in)\s+(?:size\s+|an?\s+)?(xxl|xl|xs|s|m|l)\b\s*[?.!,]*"
            r"(?:$|(?:instead|pls|please|then|to be (?:safe|sure)|just in case|thanks?|thx)\b)",
            text,
            re.I,
        )
        if reference and reference.position:  # "3号再多加一双": 3号 is the third shown, no size 3
            text = re.sub(rf"(?<!\d){reference.position}\s*号", " ", text)
        size = said.group(1).upper() if said else self._size(text, context)  # "change the size to M"
        product = _product_meant(context, reference)
        # "change the size to 10" (not "throw in 2 pairs": a count)
        number = re.search(
            r"\b(?:to|into|in)\s+(?:size\s+|uk\s*)?(\d{1,2})\b(?!\s*(?:pairs?|pcs|pieces?|of|more|x\b|units?|nos))",
            text,
            re.I,
        )
        if size is None and number and product and product.category == "Footwear":  # "change the size to 10"
            return size_in(f"size {number.group(1)}", footwear=True)
        inches = re.search(r"\b(2[6-9]|3\d|4[0-4])\b", text)
        if product is None or not inches or (size and size in product.sizes_in_stock):
            return size
        measure = measure_of({product.sub_category}, product.gender)
        return (size_for(int(inches.group(1)), measure) or size) if measure else size

    def _size(self, text: str, context: Context) -> str | None:
        footwear = bool(context.focus and context.focus.category == "Footwear")
        if context.shown and not context.focus:
            footwear = context.shown[0].category == "Footwear"
        return (
            size_in(text, footwear=footwear) or parse_query(text).filters.size
            if any(c.isalnum() for c in text)
            else None
        )

    # ---- questions about the list shown ---------------------------------------------
    @staticmethod
    def _superlative_question(request: ShopperRequest) -> ShopperRequest:
        if request.sort == "newest":  # "newest arrivals?": the list, newest first (the catalog names no one newest)
            request.intent = Intent.refine
            return request
        request.intent = Intent.compare
        request.reference = _superlative_reference(request.sort)
        request.sort = None
        return request

    def _ask_of(self, read: str) -> str:
        """The sentences of a message that ask; the whole message when a sentence the ask
        leaves out describes the thing wanted ("the little metal things u put in shirt
        cuffs?? my husband's gift": the cufflinks, not any gift)."""
        ask = self.the_ask(_HURTS.sub(r"no \g<kind>", _WHY_IT_GOES.sub("", read)))
        if ask != read and self._kind_described(read) is not None and self._kind_described(ask) is None:
            return read
        return ask

    # ---- what is wanted -------------------------------------------------------------
    def _described_instead(
        self, request: ShopperRequest, text: str, whole: ProductNeed, groups: list[ProductNeed]
    ) -> tuple[ProductNeed, list[ProductNeed]]:
        """The need and its groups, as the kind a message describes when it describes one
        ("the little metal things u put in shirt cuffs instead of buttons": cufflinks, one
        need, a list rather than a look)."""
        described = self._kind_described(text)
        if described is None:
            return whole, groups
        update = {"article_types": [described], "sub_category": None, "category": None, "confidence": 1.0}
        request.intent = Intent.search if request.intent is Intent.outfit else request.intent
        return whole.model_copy(update={**update, "exclude_types": []}), []

    def _whole_need(self, rest: str, rejected: list[str], kept: str) -> ProductNeed:
        """The message read as one need; what was turned down is no part of it."""
        if not rejected:
            return self._need(rest)
        whole = self._need(kept)
        if not whole.has_product():
            self._guess_type(whole, kept, rejected)
        return whole

    def _read_beyond_the_words(
        self, request: ShopperRequest, text: str, whole: ProductNeed, groups: list[ProductNeed]
    ) -> tuple[ProductNeed, list[ProductNeed]] | None:
        """The need and its groups when the words' kinds are not what is asked: the kind a
        message describes ("the little metal things u put in shirt cuffs"), or None when the
        kind is only a word of a thing not sold ("a ring light"), which the request says."""
        if self._only_a_thing_not_sold(request, text, whole):
            return None
        return self._described_instead(request, text, whole, groups)

    def _only_a_thing_not_sold(self, request: ShopperRequest, text: str, whole: ProductNeed) -> bool:
        """Whether the kind read is only a word inside the name of a thing not sold ("do u have
        a ring light or a tripod": no rings), the message asking for nothing else; it is then
        said not to be sold."""
        phrases = [m.group(0) for m in _OOC_EXTRA.finditer(text) if " " in m.group(0).strip()]
        if not phrases or not whole.has_product():
            return False
        rest = text
        for phrase in phrases:
            rest = re.sub(re.escape(phrase), " ", rest, flags=re.IGNORECASE)
        if self._need(rest).has_product():
            return False
        request.intent, request.out_of_catalog, request.needs = Intent.out_of_catalog, phrases[0].lower(), []
        return True

    def _kind_described(self, text: str) -> str | None:
        """The catalog kind a message describes instead of naming ("what r those straps called
        that go over the shoulders", "那种上衣跟裤子一套的睡衣"), when it says it describes one
        and the description lies near one kind's (``agent/meaning.py``, ``DESCRIBED``)."""
        if self.meaning is None or not (self._describing_frame(text) or _DESCRIBING_ZH.search(text)):
            return None
        found = self.meaning.described_kind(text)
        return found[0] if found else None

    def _describing_frame(self, text: str) -> bool:
        """Whether a message says it describes a thing; "one of those waist pouches" names the
        kind after the frame by the catalog's own name, so it describes nothing."""
        return any(
            not (
                m.group(0).lower().startswith("one of")
                and self.lexicon.type_named(" ".join(text[m.end() :].split()[:2]))
            )
            for m in _DESCRIBING.finditer(text)
        )

    def _occasion_in(self, text: str) -> tuple[str | None, str | None, str]:
        """The occasion a message names, its usage, and the rest of the message; the words
        stay the product's when they name one: "a football for my son" (the product, not the
        game, unless the rest names one for sure), "red casual shoes" (the catalog's type)."""
        occasion, usage, rest = occasion_of(text)
        if not occasion:
            return occasion, usage, rest
        left = self._need(rest)
        if self.lexicon.type_named(occasion) and not (left.has_product() and left.confidence >= 1):
            return occasion, usage, text
        named = self.lexicon.type_named(text) or ""
        if " " in named and occasion.lower() in named.lower():
            return None, None, text
        phrases = [said for kind, said, _ in parse_query(text).recognised if kind == "article"]
        whole = next((p for p in phrases if " " in p and occasion.lower() in p.lower()), None)
        if whole:  # "football tournament ... football shoes": the kind whole, the game said apart left out
            kept = re.sub(re.escape(whole), "\0", text, flags=re.I)
            kept = re.sub(rf"\b{re.escape(occasion)}\b", " ", kept, flags=re.I)
            return occasion, usage, kept.replace("\0", whole)
        if self.lexicon.type_named(occasion) and _named_as_a_thing(occasion).search(text):
            return occasion, usage, f"{rest}, and a {occasion}"  # "a football match ... shorts and a football"
        return occasion, usage, rest

    def _needs(self, request: ShopperRequest, text: str, context: Context) -> None:
        occasion, usage, rest = self._occasion_in(text)
        rest = self._shown_piece_as_it(request, rest, context)
        worn = _usage_to_wear(text) if occasion else None  # "office mein diwali party, ethnic pehenna hai"
        usage = worn or usage
        owned_usage = None if usage else self._owned_usage(rest)
        said = self._need(rest)  # with the pieces in hand: they say whose the needs are
        rest = _kinds_listed_side_by_side(self._without_pieces_in_hand(rest, request))
        groups, rejected, kept = self._groups(rest)
        whole = self._whole_need(rest, rejected, kept)
        read = self._read_beyond_the_words(request, text, whole, groups)
        if read is None:
            return
        whole, groups = read
        owned_colour = bool(_OWNED.search(text))  # "i have a maroon kurta, what pants": no maroon pants
        needs = _share_context(groups, whole, self.lexicon, share_colours=not owned_colour) if groups else [whole]
        needs = self._shown_ones_kept(needs, rest, context)
        needs = _without_weak_guesses(needs)
        self._across_needs(request, needs, text, rest, whole.price)
        recognised = parse_query(text).recognised if any(c.isalnum() for c in text) else []
        said_by = {kind for kind, _, _ in recognised}
        # "she's more into capris" after leggings for a daughter of 12: "she" is the girl, no woman named
        stated = any(n.gender for n in needs) and not ("pronoun" in said_by and "gender" not in said_by)
        _give_usage(needs, occasion, usage, rest, owned_usage)
        _worn_beats_the_place(needs, worn)
        _boots_not_for_sport(needs, text)
        _brand_owned(needs, text)
        _price_for_each(needs, text)
        for need in needs:  # "gym sneakers": sports shoes
            need.article_types = [
                "Sports Shoes" if t == "Casual Shoes" and need.usage == "Sports" else t for t in need.article_types
            ]
        _usages_as_sold(needs, usage, self.lexicon.usages_of_type)
        _womens_vests(needs)
        self._from_conversation(request, needs, text, context, usage=usage, rejected=rejected, kept=kept)
        self.imply_gender(needs, (whole, said), earlier=context.gender)
        self._words_of_its_kind_down(request, needs, text, context)
        self._no_clothes(needs, text)
        child = _child_asked_for(context.last_request) or _child_shown(context)
        if child and "pronoun" in said_by and "gender" not in said_by:
            for need in needs:  # "he'd rather have sandals" after trainers for a boy: the boy's
                need.gender = child if need.gender == _ADULT_OF[child] else need.gender
        child_said = whole.gender if whole.gender in _ADULT_OF else None
        child_said = None if len(needs) > 1 and _FOR_MYSELF.search(text) else child_said  # "..., flats for myself"
        child_said = None if _for_several_people(needs) else child_said  # "a kurta for my husband and ... our son"
        for need in needs if child_said else []:  # "my son is 10, tshirts for him": a boy's
            need.gender = child_said if need.gender == _ADULT_OF.get(child_said or "") else need.gender
        _children_only(needs, recognised, text)
        self._for_a_baby(needs, text, _child_in_conversation(context) if not stated else None)
        needs[:] = _one_for_a_boy_and_a_girl(needs, text, self.lexicon, implied=not stated)
        _grown_up_children(needs, text)
        self._sized(needs, text, context)
        _bare_gift_budget(needs, text)
        _sizes_of_their_kind(needs, text)
        self._ones_described(needs, text, context)
        child = _child_in_conversation(context) if not stated else None
        adult = _ADULT_OF.get(child or "")
        for need in needs if child and not _FOR_MYSELF.search(text) else []:  # "a dress maybe" for the niece of 10
            sold = all(child in self.lexicon.genders_of_type.get(t, {child}) for t in need.article_types)
            if sold and (need.gender == adult or (need.gender is None and _CONTINUE.match(text))):
                need.gender = child
        needs[:] = _each_for_both_of_us(needs, text, self.lexicon)
        go_with = bool(_GO_WITH.search(text))
        matching_shown = (
            bool(context.focus or context.shown)
            and request.reference is None
            and bool(_MATCHING_SHOWN.search(text))
            and not _OWNED.search(text)
            and not _AROUND_PIECE.search(text)
            # "matching earrings bhi dikhao" (read "... too") after kurtas: earrings shown too, a list of them
            and not (len(groups) == 1 and re.search(r"\b(?:too|also|as well)\W*$", text))
        )
        if matching_shown:  # "need matching mojaris and a stole" after a kurta: around the kurta
            request.reference = Reference(pronoun=True, confidence=0.7)
        reference = request.reference
        anchored = (
            bool(context.focus or context.shown)
            and reference is not None
            and (
                len(groups) < 2
                or bool(_QUESTION.match(text))
                or reference.position is not None
                or matching_shown
                or bool(_THAT_MATCH_IT.search(text))  # "now i need mojaris and a stole that match it": the one shown
            )
            and (reference.position is not None or not _OWNED.search(text))  # "i have a kurta, what goes with it"
            # "want a black tshirt ... and what goes with it": "it" is the piece named, not the one shown
            and not (reference.position is None and len(groups) == 1 and bool(_NEW_PIECE_WITH_IT.search(text)))
        )
        total = bool(_TOTAL_BUDGET.search(text))
        # "little black dress M + heels UK6, <5k both", "a watch and sunglasses, 6000 in total", "送一对耳环加一支
        # 口红 一共1000": pieces under one budget are bought as one set, whose total is kept under it
        priced_together = (
            total and any(n.price for n in needs) and not _PRICE_EACH.search(text) and not _priced_apart(needs)
        )
        # "i have a white kurta, a dupatta and leggings to pair, 1500 for both": one budget for
        # the pieces asked, so a look of just those pieces (the one owned is not sold again)
        # ("i'm wearing my charcoal suit. need a tie, under 700, and cufflinks, under 1000": each its own price)
        apart = _priced_apart(needs) or bool(_PRICE_EACH.search(text))
        owned_priced = len(groups) >= 2 and bool(_OWNED.search(text)) and any(n.price for n in needs) and not apart
        # "got a navy blazer already. what shirt, trousers n shoes go with it?": those pieces, as one look
        owned_priced = owned_priced or (
            len(groups) >= 2
            and bool(_OWNED.search(text))
            and (
                # "got tan kolhapuris already. what kurta n bottom for a griha pravesh?"
                ((go_with or bool(_WOULD_GO.search(text)) or occasion is not None) and bool(_WHICH_PIECES.search(text)))
                # "style my grey joggers (already own them) ..., need a tee + shoes"
                or bool(_STYLE_MINE.search(text))
                or bool(_ZH_WHAT_GOES.search(text) or _EVERYTHING_ELSE.search(text))
            )
        )
        look = (
            bool(_LOOK.search(_OWNED.sub(" ", text)))  # "i'm wearing a red lehenga": that is owned, no look asked
            # "shorts and sandals for a beach trip"; with a piece owned, the pieces asked ("i have a kurta, ...")
            # ("black trousers and shirts for office, 1500 per piece": bought each on its own, no look)
            or (
                occasion is not None
                and len(groups) >= 2
                and not _OWNED.search(text)
                and not (_PRICE_EACH.search(text) or _priced_apart(needs))
            )
            or (usage is not None and not groups)
            or (len(groups) >= 2 and bool(_LOOK_GOOD_WITH.search(text)))  # "what pants n shoes would look good with it"
        )
        # "a navy shirt and shoes to go with it": the pieces named, together, the first the one
        # the rest go with (unless "it" is a piece already owned: "i have a kurta, need X to go with it")
        # ("a saree around 4k and a necklace under 1500 to go with": each within its own price, lists)
        together = (
            len(groups) >= 2
            and not anchored
            and bool(_WITH_IT.search(text))
            and not _OWNED.search(text)
            and not _priced_apart(needs)
        )
        together = together or (len(groups) >= 2 and bool(_PIECES_AS_A_LOOK.search(text)))  # "a skirt + top look"
        # "saree + heels + clutch chahiye, 6k budget", "想要一套 运动上衣+紧身裤+跑鞋", "想穿纱丽 配手镯和高跟鞋":
        # pieces joined as one set, under one budget
        together = together or (
            len(groups) >= 2
            and not _OWNED.search(text)
            and not _PRICE_EACH.search(text)
            and not _priced_apart(needs)
            and (
                bool(_ZH_A_SET.search(text))
                or (self._kinds_joined_by_plus(text) >= len(groups) - 1 and _one_budget(needs))
            )
            and not _for_several_people(needs)
            # (not "heels for the reception + flats for the mehendi ... both under 2k": each for its own day)
            and not re.search(r"\bboth (?:under|below|within|upto|up to|max|less than)\b", text, re.I)
            and len(re.findall(r"\bfor (?:the|my|a|her|his) ", text, re.I)) < 2
        )
        # "想买一条白色连衣裙 配什么鞋子和包包好看": the dress bought, and the pieces to go with it
        together = together or (len(groups) >= 3 and bool(_ZH_WHAT_GOES.search(text)) and not _OWNED.search(text))
        # "a printed shirt for me (L) with shorts n flip flops", "nehru jacket with kurta": worn together
        together = together or (len(groups) >= 2 and not anchored and self._worn_with_another(text, groups))
        last = context.last_request
        # "lovely. now one for me - a dress and heels, under 3500" after a look: another look
        another_look = len(groups) >= 2 and last is not None and last.intent is Intent.outfit
        together = together or (another_look and bool(_ONE_FOR_SOMEONE.search(text)))
        around = self._around_piece(text, groups, whole) if request.intent is Intent.outfit and not anchored else None
        if around is not None:  # "what shoes go with a denim jacket": a look around the piece described
            piece, wanted = around
            request.outfit = _outfit_ask(text, wanted, usage or owned_usage, occasion, False, self.lexicon)
            request.outfit.around_need, request.outfit.gender = piece, request.outfit.gender or piece.gender
            # "i have the chinos already", "wearing my maroon saree to a reception": not sold again
            request.outfit.around_owned = bool(_OWNED.search(text) or _WEARING_MINE.search(text))
            request.needs = []
            return
        if (
            (
                request.intent is Intent.outfit
                and groups
                and not anchored
                and not (total and len(groups) >= 2)
                and not owned_priced
                and (
                    not look
                    or (
                        len(groups) == 1
                        and bool(_OUTFIT_OF_A_KIND.search(text) or _ONE_TO_WEAR.search(text))
                        # "a full kurta pyjama type look", "kurta pyjama type look for a puja": a look, with a kurta
                        # (but "a kurta type outfit", "lehenga type vibe": that kind)
                        and not (_WHOLE_LOOK.search(text) or _KIND_TYPE_LOOK.search(text))
                    )
                )
                and not together
            )
            or (_for_several_people(needs) and not (anchored or together or go_with))
            or (
                # "outfit is sorted but i still need heels and jhumkas. heels under 2000, jhumkas under 800": each
                # within its own price, lists
                len(groups) >= 2 and apart and any(n.price for n in needs) and not anchored and not total
            )
        ):
            # "a churidar and juttis to go with my kurta": those pieces; "a kurta type outfit": kurtas;
            # "a shirt for papa, flats for mummy, 3000 in all": two people's things, no look, each under it
            request.intent = Intent.search
            if total and not _priced_apart(needs):  # (not "a watch for around 4000 and a bag for around 2000")
                _each_under_the_total(needs)
        elif (
            anchored
            and (request.intent is Intent.outfit or go_with)
            and _for_someone_beside(parse_query(text).filters.gender, context, bool(_FOR_MYSELF.search(text)))
        ):
            # "and for my husband a white kurta to match" after sarees: his kurtas, no look of hers
            request.intent, request.reference = Intent.search, None
        elif (
            request.intent is Intent.outfit
            or (go_with and anchored)
            # "gym tee, shorts and shoes, 3k total"; "a watch for around 4000 and a handbag for around 2000 ...
            # for both": a price each, bought apart
            or (len(groups) >= 2 and total and (go_with or usage is not None) and not _priced_apart(needs))
            or (len(groups) >= 2 and priced_together)
            or together
            or owned_priced
        ):
            request.intent = Intent.outfit
            request.outfit = _outfit_ask(text, needs, usage or owned_usage, occasion, anchored, self.lexicon)
            request.needs = []
            return
        needs = _distinct(needs)
        _worn_by_the_sea(needs, occasion, text)
        if len(needs) == 1 and (not needs[0].has_product() or needs[0].confidence < 1.0):
            self._one_need_by_meaning(request, needs[0], text, context)
            needs = request.needs if len(request.needs) > 1 else needs  # "gifts for a boy and a girl": one each
        # one list in one order when it is sorted ("converse or vans, the cheapest ones"), else a list per brand
        request.needs = needs if request.sort else [each for need in needs for each in self._per_brand(need, text)]

    def _per_brand(self, need: ProductNeed, text: str) -> list[ProductNeed]:
        """ "wildcraft or nike ones?", "puma/reebok tees": the need once for each brand named as an
        alternative to its own (a title must name one brand, so one search each)."""
        others: list[str] = []
        # "卡西欧和天美时…各推荐几款", "torn between nike and adidas running shoes ... show me both",
        # "nike vs adidas for gym shoes", "匡威和万斯的帆布鞋" (read "converse 和 vans")
        alternatives = (
            r"([\w&'-]+)\s*(?:\bor\b|/|\bya\b|\bvs\.?|\bversus\b|或者?|还是|和|\band\b(?=.*\bboth\b))\s*([\w&'-]+)"
        )
        kind = (need.article_types or [need.sub_category or need.category or ""])[0]
        left_out = {t.lower() for t in need.exclude_terms}
        for first, second in re.findall(alternatives, text.lower()):
            brands = [self.lexicon.brand_in(f"{word} {kind}") for word in (first, second)]
            if need.brand in (None, *brands) and all(brands) and not left_out & {first, second}:
                others += [b for b in brands if b and b != need.brand]
        if need.brand is None and others:  # "puma or nike, whose track pants last longer?": both named apart
            need = need.model_copy(update={"brand": others.pop(0)})
        return [need, *(need.model_copy(update={"brand": b, "title_terms": []}) for b in dict.fromkeys(others))]

    def _sized(self, needs: list[ProductNeed], text: str, context: Context) -> None:
        """Each need's size as said for its kind: a chest or waist number as a letter, and a bare
        number after shoes were shown as their UK size ("formal ones black 9")."""
        shoes_shown = bool(context.shown) and all(p.category == "Footwear" for p in context.shown)
        for need in needs:
            need.size = self._letter_size(need, text)
            if need.size is None and not need.has_product() and shoes_shown:
                need.size = _bare_shoe_size(text)
        _size_of_each_person(needs, text)
        us = _US_SHOE_SIZE.search(text)
        said = int(us.group(1)) if us else 0
        for need in needs if said else []:  # "she's a US 7": a woman's US 7 is a UK 5, a man's US 9 a UK 8
            kinds = {self.lexicon.sub_category_of.get(t) for t in need.article_types} | {need.sub_category}
            if kinds & FOOTWEAR_SUB_CATEGORIES:
                need.size = f"UK{said - (2 if need.gender in ('Women', 'Girls') else 1)}"

    def _from_conversation(
        self,
        request: ShopperRequest,
        needs: list[ProductNeed],
        text: str,
        context: Context,
        *,
        usage: str | None,
        rejected: list[str],
        kept: str,
    ) -> None:
        """What the conversation so far adds to these needs: the colour of the product
        shown ("in that colour"), the occasion a continuing message keeps, the kinds turned
        down (and a search of another kind instead of the one turned down)."""
        last = context.last_request
        asked = list(dict.fromkeys(c for n in (last.needs if last else []) for c in n.colours))
        if asked and _COLOUR_UNCHANGED.search(text):  # "看看高跟鞋吧 颜色不变": the colours asked before
            for need in needs:
                need.colours = need.colours or asked
        if _SAME_COLOUR.search(text):  # "more kurtis in that colour": the colour of the one shown
            for need in needs:
                need.colours = need.colours or _colour_shown(need, context)
        said = context.searched_size
        for need in needs if said and _SAME_SIZE.search(text) else []:  # "running shoes in that size"
            if need.size is None and said and said.startswith("UK") == _is_footwear(need):
                need.size = said
        carried = _carried_usage(text, context) if usage is None else None
        for need in needs if carried is not None else []:  # "ok shoes now" after a gym look: sports shoes
            if not need.usage and carried is not None:
                need.usage, need.occasion = carried
        for need in needs if rejected else []:
            need.article_types = [t for t in need.article_types if t not in rejected]
            need.exclude_types = [t for t in rejected if t not in need.article_types]
            if not need.has_product():
                self._guess_type(need, kept, rejected)
        last_types = {t for n in (last.needs if last else []) for t in n.article_types}
        broader = {n.sub_category for n in (last.needs if last else []) if n.sub_category and not n.article_types}
        within = {t for t in rejected if self.lexicon.sub_category_of.get(t) in broader}  # "no sports shoes" of shoes
        only_down = bool(rejected) and not any(n.has_product() for n in needs)  # "拖鞋也不要": this search, less
        if (
            request.intent is Intent.search
            and context.has_search
            and (set(rejected) & last_types or within or only_down)
        ):
            request.intent = Intent.refine  # "flat ones instead, cant walk in heels": the same search, another kind
        elif (
            request.intent in (Intent.search, Intent.refine)
            and context.has_search
            and self._kind_instead(needs, text, last_types)
        ):
            needs[0].exclude_types = sorted(last_types)  # "flats instead" after pink heels: pink flats
            request.intent = Intent.refine

    def _no_clothes(self, needs: list[ProductNeed], text: str) -> None:
        """ "gifts for 4 uncles, no clothes pls i don't know anyone's size": every garment left
        out (a kind of garment named as wanted stays)."""
        if not _NO_CLOTHES.search(text):
            return
        garments = [t for t, sub in self.lexicon.sub_category_of.items() if sub in _WORN_SUB_CATEGORIES]
        for need in needs:
            need.exclude_terms = [t for t in need.exclude_terms if t.lower() not in ("clothe", "clothes", "clothing")]
            if not need.article_types:
                need.exclude_types = list(dict.fromkeys([*need.exclude_types, *garments]))

    def _judged_list_narrowed(self, request: ShopperRequest, text: str, context: Context) -> ShopperRequest:
        """ "these r a bit loud for her. something she'd wear to the temple, no reds" after
        sarees: the list judged, and what would do instead: the same search, for that occasion,
        without what was turned down; no look."""
        ask, last = request.outfit, context.last_request
        if request.intent is not Intent.outfit or ask is None or ask.pieces or not context.has_search:
            return request
        if last is None or last.intent not in (Intent.search, Intent.refine) or not _LIST_JUDGED.search(text):
            return request
        need = self._need(_LIST_JUDGED.sub(" ", text))
        need.article_types, need.sub_category, need.category = [], None, None
        need.usage, need.occasion = ask.usage or need.usage, ask.occasion or need.occasion
        return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.7)

    def _words_of_its_kind_down(
        self, request: ShopperRequest, needs: list[ProductNeed], text: str, context: Context
    ) -> None:
        """ "no tank tops pls" after men's t-shirts: the word turned down ("tank") is left out
        of the search shown, whose family the kind named belongs to; no women's tops searched."""
        last = context.last_request
        last_types = {t for n in (last.needs if last else []) for t in n.article_types}
        if request.intent not in (Intent.search, Intent.refine) or len(needs) != 1 or not context.has_search:
            return
        need = needs[0]
        families = {self.lexicon.sub_category_of.get(t) for t in need.article_types}
        if not need.exclude_terms or not families or not _ONLY_REFUSES.match(text):
            return
        if not last_types or not families <= {self.lexicon.sub_category_of.get(t) for t in last_types}:
            return
        said = [phrase for kind, phrase, _ in parse_query(text).recognised if kind == "article"]
        request.text = re.sub(rf"\b{re.escape(said[0])}\b", "ones", text, flags=re.I) if said else text
        need.article_types, need.gender, need.text = [], None, request.text
        request.intent = Intent.refine

    def _kind_instead(self, needs: list[ProductNeed], text: str, last_types: set[str]) -> bool:
        """ "flats instead" after heels: one kind for another of the same family (both shoes,
        both tops), the rest of the search kept."""
        if len(needs) != 1 or not _INSTEAD.search(text) or needs[0].confidence < 1.0 or not last_types:
            return False
        kinds = set(needs[0].article_types)
        families = {self.lexicon.sub_category_of.get(t) for t in kinds | last_types}
        return bool(kinds) and kinds.isdisjoint(last_types) and len(families) == 1

    def imply_gender(
        self, needs: list[ProductNeed], owned: tuple[ProductNeed, ...] = (), earlier: str | None = None
    ) -> None:
        """No one named: whose the needs are, from their kinds and the pieces they go with
        ("a churidar to go with my anarkali kurta" is a woman's). Not when the conversation
        is about someone the store sells those kinds for: "the kurtas only" after a men's
        sangeet look are men's kurtas, though most kurtas are women's."""
        if any(n.gender for n in needs):
            return
        kinds = [t for n in needs for t in n.article_types]
        if earlier and kinds and all(earlier in self.lexicon.genders_of_type.get(t, ()) for t in kinds):
            return
        implied = _implied_gender([*owned, *needs], self.lexicon)
        for need in needs if implied else []:
            need.gender = implied

    def _groups(self, text: str) -> tuple[list[ProductNeed], list[str], str]:
        """Several needs: the message split where a new product type starts; the words
        between stay with the need before them ("a watch, analog, under 4000"), and a
        need the shopper takes back ("forget the belt"), turns down ("cant walk in heels")
        or already owns ("my wardrobe is all tees") is dropped. Also returns the types
        turned down (to leave out of the results) and the text without the dropped parts."""
        groups: list[tuple[str, ProductNeed]] = []
        shared: list[tuple[str, int]] = []  # words naming no type after several needs, and the need before
        rejected: list[str] = []
        downs: list[tuple[str, ProductNeed]] = []  # the chunks that turned a kind down
        kept: list[str] = []
        me = _shopper_beside_partner(text)
        text = _TWO_COLOURS_ONE_PIECE.sub(r"\g<a>/\g<b>", text)  # "a black and white striped tshirt": one tee
        text = _ONE_FOR_ANOTHER.sub(r"\g<head> and a \g<kind> for", text)  # "a watch for me n one for my wife"
        text = _TWO_CHILDREN_BOTH.sub(r"for my \g<a> alongwith my \g<b>", text)
        text = _TWO_PEOPLE.sub(r"for \g<a>\g<size> alongwith \g<b>", text)  # one chunk: the kind is for both
        owned, at = False, 0
        chunks = self._person_to_the_next([c for c in _SEVERAL.split(text) if c and c.strip()])
        for chunk in chunks:
            need = self._need(chunk)
            if len(chunks) >= 2:
                _vague_beside_named(need, chunk)
            if me and _FOR_ME.search(chunk) and not _BOTH_PEOPLE.search(chunk):  # "nightsuit for me, pyjamas for hubby"
                need.gender = me
            start = text.find(chunk, at)
            joined = text[at:start] if start >= 0 else ""
            at = start + len(chunk) if start >= 0 else at
            # "i have a white shirt and blue jeans, what shoes ...": the jeans are had too
            owned = bool(_OWNED.search(chunk)) or (
                owned
                and bool(_AND_JOINED.search(joined))
                and bool(_BARE_PIECE.match(chunk))
                and not _WANTING_WORD.search(chunk)
            )
            taken_back = bool(_DROP.match(chunk)) and not _NOT_TOO.match(chunk)  # "not too pricey kurtas" wants kurtas
            taken_back = taken_back or bool(_SETTLED.match(chunk))  # "the sneakers r fine, only show me dresses"
            budget_talk = bool(need.price)  # "dont want to spend more than 1200 on the shirt" still wants it
            # "不要红色的裙子", "no red skirts", "not crop tops": skirts and tops, not red, not crop
            style_down = bool(need.exclude_colours) or self._style_turned_down(chunk, need)
            # "and no polos pls" after tees: a narrower kind (a title word) left out, tees still wanted
            style_down = style_down or (
                taken_back and bool(need.exclude_terms) and bool(self._need(_DROP.sub(" ", chunk)).title_terms)
            )
            # "... and nothing from playboy": a brand left out of the need before, not a need dropped
            style_down = style_down or (taken_back and any(t in self.lexicon.brands for t in need.exclude_terms))
            turned_down = not owned and not budget_talk and not style_down and (taken_back or self._rejects_kind(chunk))
            # "no heels": a title word left out; "not sports shoes": more than the broader kind the words say
            if turned_down and (need.confidence < 1.0 or not need.has_product() or not need.article_types):
                bare = self._need(_DROP.sub(" ", chunk))
                need = bare if bare.has_product() and bare.confidence >= 1.0 else need
            named_down = turned_down and need.has_product() and need.confidence >= 1.0  # a type named, not guessed
            theirs = owned and need.has_product() and not need.colours  # "has a black belt": another colour may do
            if theirs and _THEIRS_ALREADY.search(chunk) and not _AROUND_PIECE.search(text):
                rejected += [t for t in need.article_types if t not in rejected]  # a gift: not what they own
            dropped = owned or (taken_back and not style_down and not budget_talk) or named_down
            # "a watch for mom n a watch for dad": the same kind for someone else is another need
            same = [n for _, n in groups if self._same_kind(need, n)]
            for_another = need.gender is not None and all(n.gender not in (None, need.gender) for n in same)
            # "a black formal shoe and a brown formal shoe": the same kind in another colour is another
            # need; "gym bag pls, black duffel": a colour for the kind within the bag asked
            narrowed = [n for _, n in groups if self._same_kind(need, n, narrows=True)]
            in_another_colour = (
                bool(need.colours)
                and bool(same or not narrowed)
                and all(n.colours and not set(n.colours) & set(need.colours) for n in same)
            )
            new_type = (
                need.has_product()
                and (
                    for_another
                    or in_another_colour
                    or not any(self._same_kind(need, n, narrows=True) for _, n in groups)
                )
                and (need.confidence >= NAMED or not any(n.confidence >= 1.0 for c, n in groups if c))
            )  # "a hoodie, oversized vibe": a type guessed from a describing word starts no second need ("boots" does)
            if dropped and need.has_product():
                if named_down:
                    kinds = [*need.article_types, *self._families_named(chunk)]  # "no bags or jewellery"
                    rejected += [t for t in kinds if t not in rejected]
                    downs.append((chunk, need))
                groups.append(("", ProductNeed(text="", confidence=0.0)))  # a placeholder keeps word order
                continue
            kept.append(chunk)
            if need.gender is None and _FOR_MYSELF.search(chunk):  # "再给我自己买双平底鞋": mine, a woman's
                need.gender = _sold_only_for(need, self.lexicon)
            if new_type and self._joins_the_words_before(groups, chunk, need):
                continue
            if new_type or not groups:
                groups.append((chunk, need))
                continue
            other = None if need.has_product() else self._someone_elses(chunk, groups)
            if other is not None:  # "..., and something warm for our son who is 10"
                groups.append((chunk, other))
                continue
            if not need.has_product() and sum(1 for c, n in groups if c and n.has_product()) >= 2:
                shared.append((chunk, len(groups) - 1))  # "a wallet and a belt, brown, under 2k each"
                continue
            # "dress in M": to the need of that type; words naming no type: to the need before
            last = max((i for i, (c, _) in enumerate(groups) if c), default=len(groups) - 1)  # not a dropped one
            owner = next((i for i, (_, n) in enumerate(groups) if self._same_kind(need, n, narrows=True)), last)
            joined = f"{groups[owner][0]} {chunk}".strip()
            groups[owner] = (joined, self._need(joined))
        rejected = self._styles_turned_down(groups, downs, rejected)
        for chunk, last in shared:
            whose = parse_query(chunk).filters.gender if _KIN_NAMED.search(chunk) else None
            if whose and groups[last][1].gender not in (None, whose):
                continue  # "..., a sweater for myself and something warm for our son": not the sweater's
            every = _for_every_need(chunk, groups)
            texts = [f"{c} {chunk}" if c and (i == last or every) else c for i, (c, _) in enumerate(groups)]
            groups = [(t, self._read_again(t, n) if t != c else n) for t, (c, n) in zip(texts, groups, strict=True)]
        needs = [need for chunk, n in groups if chunk and n.has_product() for need in _one_each(chunk, n, me)]
        return needs, rejected, " ".join(kept)

    def _person_to_the_next(self, chunks: list[str]) -> list[str]:
        """A person said in a clause of their own, the thing wanted in the next ("女儿8岁, 要件T恤",
        "my daughter is 9 and wants leggings"): one clause, so the thing is that person's and
        not the need before's."""
        merged: list[str] = []
        for chunk in chunks:
            before = merged[-1] if merged else None
            joins = (
                before is not None
                and bool(_A_PERSON_ONLY.match(before) or _A_PERSON_ONLY_ZH.match(before))
                and not (_KIN_NAMED.search(chunk) or _KIN_NAMED_ZH.search(chunk) or _SOMEONE_ELSE.search(chunk))
                and not _OWNED.search(chunk)  # "女儿12岁, 有条粉色连衣裙": hers already, nothing wanted
                and self._need(chunk).has_product()
            )
            if joins:
                merged[-1] = f"{before} {chunk}"
            else:
                merged.append(chunk)
        return merged

    def _joins_the_words_before(self, groups: list[tuple[str, ProductNeed]], chunk: str, need: ProductNeed) -> bool:
        """Whether the first kind named takes the words said before it that named none, which
        describe it: "need smthg yellow for me, kurti or kurta set" is a yellow kurti, and
        "no nike or adidas pls. running shoes" running shoes of neither brand."""
        vague = groups[-1] if len(groups) == 1 and groups[-1][0] and not groups[-1][1].has_product() else None
        if vague is None:
            return False
        if vague[1].colours and not need.colours and not _OWNED.search(vague[0]):
            joined = f"{vague[0]} {chunk}"
        elif (vague[1].exclude_terms or vague[1].exclude_colours) and _ONLY_REFUSES.match(vague[0]):
            joined = f"{chunk} {vague[0]}"
        else:
            return False
        groups[-1] = (joined, self._need(joined))
        return True

    def _someone_elses(self, chunk: str, groups: list[tuple[str, ProductNeed]]) -> ProductNeed | None:
        """A person named with no kind of their own after the needs of others ("and
        something warm for our son who is 10", "aur meri beti ke liye bhi kuch"): the kinds
        wanted so far that the store sells for them, as their need."""
        if not _KIN_NAMED.search(chunk) or not _VAGUE_THING.search(chunk):
            return None
        whose = parse_query(chunk).filters.gender
        before = [n for c, n in groups if c and n.has_product()]
        if whose is None or not before or any(n.gender in (None, whose) for n in before):
            return None
        kinds = [t for n in before for t in n.article_types if whose in self.lexicon.genders_of_type.get(t, {whose})]
        if not kinds:
            return None
        need = self._need(chunk)
        need.article_types, need.gender = list(dict.fromkeys(kinds)), whose
        need.confidence = min(n.confidence for n in before)
        return need

    def _kind_of_the_store_question(self, request: ShopperRequest, context: Context) -> None:
        """A search naming no kind right after a store question about one ("are your Ray-Ban
        sunglasses genuine?" ... "show me the men's ones"): that kind, of that brand."""
        last = context.last_request
        if last is None or last.intent is not Intent.store_info or request.intent is not Intent.search:
            return
        if context.has_search:  # "ok then show me the same in L" after "do these run small?": the search shown
            return
        if not request.needs or any(n.has_product() for n in request.needs):
            return
        asked = self._need(last.text)
        if not asked.has_product() or asked.confidence < 1.0:
            return
        for need in request.needs:
            need.article_types, need.sub_category = list(asked.article_types), asked.sub_category
            need.brand, need.confidence = need.brand or asked.brand, 1.0
        request.intent = Intent.search

    def _read_again(self, text: str, need: ProductNeed) -> ProductNeed:
        """A need read again with the words said after it, keeping whose it was ("a sweater
        for myself" beside "my husband" is hers; the words added do not say so again)."""
        again = self._need(text)
        again.gender = again.gender or need.gender
        if not again.has_product():  # "something warm for our son": the kinds given to him
            again.article_types, again.confidence = need.article_types, need.confidence
        return again

    def _styles_turned_down(
        self, groups: list[tuple[str, ProductNeed]], downs: list[tuple[str, ProductNeed]], rejected: list[str]
    ) -> list[str]:
        """ "earrings for office, not jhumkas", "perfume, no body mists": the kind turned down
        is one another need names, so what is turned down is a style of it (titles with that
        word), joined to that need; the kinds still turned down."""
        for chunk, down in downs:
            owner = next(
                (i for i, (c, n) in enumerate(groups) if c and set(n.article_types) & set(down.article_types)), None
            )
            if owner is None or not self._need(chunk).exclude_terms:
                continue
            joined = f"{groups[owner][0]} {chunk}"
            groups[owner] = (joined, self._need(joined))
            rejected = [t for t in rejected if t not in down.article_types]
        return rejected

    def _rejects_kind(self, chunk: str) -> bool:
        """Whether a clause turns a kind down ("cant walk in heels", "不要高跟的"); in Chinese
        only a kind named after the negator ("一条裤子 不要印花的" still wants the trousers),
        and never "not too ..." ("不要太露", "别太贵")."""
        if _NOT_TOO.search(chunk):
            return False
        zh_negator = re.search(r"不要|不想要|别|不喜欢", chunk)  # "男士短裤 不要 adidas 的": a brand in Latin letters
        if _CJK.search(chunk) and (zh_negator or not re.search(r"[a-z]{3}", chunk, re.I)):
            return any(self._need(span).has_product() for span in zh_negated_spans(chunk))
        said = _REJECT.search(chunk)
        if said and re.search(r"\b(?:that|which)\s+$", chunk[: said.start()], re.I):
            # "a kurta that won't make me look daft": what the kurta does; "something that won't
            # murder my banians": the thing after it is turned down
            return self._need(chunk[said.end() :]).has_product()
        return bool(said)

    def _style_turned_down(self, chunk: str, need: ProductNeed) -> bool:
        """Whether a word left out describes the kind named right after it ("not crop tops",
        "no skinny jeans": tops and jeans are still wanted), not the kind itself ("no heels")."""
        for term in need.exclude_terms:
            after = re.search(rf"\b{re.escape(term)}[\s-]+([a-z]+)", chunk, re.I)
            kind = after.group(1) if after else ""
            named = self.lexicon.type_named(f"{term} {kind}") if kind else None
            if kind and self._need(kind).has_product() and term.lower() not in (named or "").lower():
                return True  # not "flip flops", "formal shoes": the kind's own name
        return False

    def _kinds_joined_by_plus(self, text: str) -> int:
        """How many "+" join two kinds ("saree + heels + clutch": 2; "twins (boy + girl)": none)."""
        joins = 0
        for plus in re.finditer(r"\+", text):
            before, after = text[max(0, plus.start() - 25) : plus.start()], text[plus.end() : plus.end() + 25]
            before = re.split(r"[,;(]", before)[-1]
            after = re.split(r"[,;)]", after)[0]
            joins += self._need(before).has_product() and self._need(after).has_product()
        return joins

    def _shown_piece_as_it(self, request: ShopperRequest, rest: str, context: Context) -> str:
        """ "a black belt to go with the shirt" after a shirt was shown: the shirt is the one in
        focus (or the shown one of that kind), pointed at as "it", not a shirt to be found."""
        said = _WITH_THE_SHOWN.search(rest)
        if said is None or not (context.focus or context.shown):
            return rest
        if request.reference is not None and request.reference.position is not None:
            return rest
        piece = self._need(said.group("piece"))
        shown = [context.focus] if context.focus else context.shown
        kinds = {p.article_type for p in shown if p is not None}
        if not piece.has_product() or not kinds.issuperset(piece.article_types):
            return rest
        if piece.colours and not any(p.colour in piece.colours for p in shown if p is not None):
            return rest
        request.reference = request.reference or Reference(pronoun=True, confidence=0.7)
        return f"{rest[: said.start('piece')]} it {rest[said.end('piece') :]}"

    def _without_pieces_in_hand(self, rest: str, request: ShopperRequest) -> str:
        """The message without the pieces it only names as what the wanted ones go with: a
        product shown by its place ("shoes for the 3rd kurta") or one already owned ("a shrug
        for my dress"), so neither becomes a need."""
        anchor = _ANCHOR_PHRASE.search(rest) if request.reference and request.reference.position else None
        if anchor:
            unanchored = rest[: anchor.start()] + " " + rest[anchor.end() :]
            rest = unanchored if self._need(unanchored).has_product() else rest
        owned_zh = _ZH_OWNED_PIECE.search(rest)
        if owned_zh and self._need(owned_zh.group("piece")).has_product():  # "我有条 linen trousers 想配一件 shirt"
            whose = " ".join(re.findall(r"男士|女士|男生|女生|男款|女款", owned_zh.group("piece")))  # its wearer stays
            without = rest[: owned_zh.start()] + f" {whose} " + rest[owned_zh.end() :]
            rest = without if self._need(without).has_product() else rest
        wearing = _WEARING_CLAUSE.search(rest)
        if wearing and self._need(wearing.group(0)).has_product():  # "no black pls, I'm wearing a peach lehenga"
            rest = rest[: wearing.start()] + " " + rest[wearing.end() :]
        for owned in _OWN_PIECE.finditer(rest):
            if _PAIR_IT.search(rest[: owned.start()]):  # "pair it with sandals, sunnies and a hat": wanted
                continue
            matched = "match" in owned.group("verb").lower()
            end = owned.start("clause") if matched and owned.group("clause") else owned.end()
            without = rest[: owned.start()] + " " + rest[end:]
            piece = self._need(owned.group("piece"))
            if piece.has_product() and piece.confidence >= 1.0 and self._need(without).has_product():
                rest = without
        return rest

    def _owned_usage(self, text: str) -> str | None:
        """What a piece the shopper owns is worn for, when its kind is always worn for one
        (a kurta: ethnic): "i have a maroon kurta, what pants would go with it" asks for
        ethnic bottoms."""
        owned = [chunk for chunk in _SEVERAL.split(text) if chunk and _OWNED.search(chunk)]
        if any(_A_FORMAL_PIECE.search(chunk) for chunk in owned):
            return "Formal"  # "what shoes with my navy suit": the catalog's few suits say nothing of it
        usages = {self.lexicon.usage_of_type.get(t) for chunk in owned for t in self._need(chunk).article_types}
        usage = usages.pop() if len(usages) == 1 else None
        return usage if usage in _HARD_USAGES else None

    def _same_kind(self, need: ProductNeed, earlier: ProductNeed, *, narrows: bool = False) -> bool:
        """Whether ``need`` speaks of the earlier need again: a type in common, or only the
        broader kind it belongs to ("brown formal shoes ..., shoes in 42": the same shoes);
        with ``narrows``, also a type within the earlier broader kind ("footwear, flat stuff
        only": flats)."""
        if _kinds(need) & _kinds(earlier):
            return True
        if narrows and earlier.sub_category and not earlier.article_types:
            return any(self.lexicon.sub_category_of.get(t) == earlier.sub_category for t in need.article_types)
        broader = need.sub_category if not need.article_types else None
        # "一双凉鞋 ... 鞋UK6": shoes said bare are any footwear (sandals are a sub-category of their own)
        family = FOOTWEAR_SUB_CATEGORIES if broader == "Shoes" else {broader}
        return broader is not None and any(self.lexicon.sub_category_of.get(t) in family for t in earlier.article_types)

    def _guess_type(self, need: ProductNeed, text: str, rejected: list[str]) -> None:
        """The type the remaining words name by the titles ("flat ones" -> Flats), unless it
        is one just turned down."""
        words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _GENERIC]
        names = {t.lower(): t for t in self.lexicon.article_types if t not in rejected}
        named = next((names[f] for w in words for f in (w, f"{w}s", f"{w}es") if f in names), None)
        if named:  # the catalog's own name of a type ("flat ones" -> Flats)
            need.article_types, need.confidence = [named], 0.9
            return
        guess = self.lexicon.type_of(words)
        if guess and guess.value not in rejected:
            if guess.field == "article_type":
                need.article_types = [guess.value]
            else:
                need.sub_category = guess.value
            need.confidence = guess.share

    def _look_added_in_sizes(self, text: str, context: Context) -> ShopperRequest | None:
        """ "上衣M 裤子M 鞋38码 都加上", "top in M, trousers M and the flats in 5, add all" after
        looks: the first look into the cart, each piece in the size said for its kind."""
        last = _past_the_aside(context)
        if last is None or last.intent is not Intent.outfit or not _TO_THE_CART.search(text):
            return None
        sized: list[PieceSize] = []
        for said in [*_KIND_SIZE_ZH.finditer(text), *_KIND_SIZE.finditer(text)]:
            need = self._need(said.group("kind"))
            kinds = need.article_types or ([need.sub_category] if need.sub_category else [])
            if not kinds:
                continue
            sized.append(PieceSize(kinds=kinds, size=_size_label(said.group("size"), _is_footwear(need))))
        if len(sized) < 2:  # one size said: the whole look's reader takes it
            return None
        only = not _ALL_OF_IT_ADDED.search(text) or bool(_ONLY_THESE.search(text))  # "帽子算了 就裙子M码和凉鞋38码"
        return ShopperRequest(
            intent=Intent.cart_add, text=text, look_added=1, look_sizes=sized, sized_only=only, confidence=0.85
        )

    def _unglued(self, text: str) -> str:
        """Words a phone ran together: "sizeM", "under1000", "womenskurti" (a whose-word and a
        kind the catalog knows), each apart."""
        text = _GLUED_NUMBER.sub(r"\g<word> ", text)

        def apart(said: re.Match[str]) -> str:
            rest = said.group("rest")
            return f"{said.group('whose')} {rest}" if self.lexicon.knows(rest.lower()) else said.group(0)

        return _GLUED_WHOSE.sub(apart, text)

    def _person_switched(self, text: str) -> str:
        """ "for my wife instead, our anniversary is on the 12th" after a search: only the switch
        of whose it is (the reason would make a gift shelf of a search for watches); a reason that
        says what to show ("she's a uk7", "he likes nike or puma", "same budget") is kept."""
        said = _PERSON_SWITCH_THEN_WHY.match(text)
        if said is None or not _A_PERSON_SWITCHED.search(said.group("switch")):
            return text
        why = said.group("why")
        need = self._need(why)
        if need.has_product() or need.colours or need.exclude_colours or need.size or need.brand or need.price:
            return text
        return text if _SAME_BUDGET.search(why) else said.group("switch")

    def _piece_out_of_look(self, text: str, context: Context) -> ShopperRequest | None:
        """ "remove the handbag, just shirt and trousers", "clutch hata do", "bin the trousers, I'll
        wear my old ones" after looks: that piece out of the looks, not out of the cart (no cart said)."""
        last = _past_the_aside(context)
        out = _OUT_OF_LOOK.match(text)
        if last is None or last.intent is not Intent.outfit or last.outfit is None or out is None:
            return None
        piece = self._need(next((g for g in out.groupdict().values() if g), ""))
        in_look = {t for p in context.shown for t in (p.article_type, p.sub_category) if t}
        if not piece.has_product() or not _kinds(piece) & in_look:
            return None
        return self._look_edited(text, context)

    def _piece_of_a_look_added(self, text: str, context: Context) -> ShopperRequest | None:
        """ "add the dress from look 1 in M", "put the heels of option 2 in my cart" after looks:
        that look's piece of the kind named into the cart, the rest of the look left."""
        last = _past_the_aside(context)
        said = _PIECE_OF_A_LOOK.match(text)
        if last is None or last.intent is not Intent.outfit or said is None:
            return None
        need = self._need(said.group("kind"))
        kinds = need.article_types or ([need.sub_category] if need.sub_category else [])
        if not kinds or need.confidence < 1.0:
            return None
        size = size_in(text, footwear=_is_footwear(need))
        return ShopperRequest(
            intent=Intent.cart_add,
            text=text,
            look_added=int(said.group("num")),
            look_sizes=[PieceSize(kinds=kinds, size=size)],
            sized_only=True,
            confidence=0.85,
        )

    def read_need(self, chunk: str) -> ProductNeed:
        """One need read from a phrase ("navy polo for men under 1500"): for callers that
        have split the message already (the LLM implementation)."""
        return self._need(_SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group(1).lower()], chunk))

    def _around_piece(
        self, text: str, groups: list[ProductNeed], whole: ProductNeed
    ) -> tuple[ProductNeed, list[ProductNeed]] | None:
        """The piece a look is asked around and the pieces wanted with it: described after
        "with" ("what shoes go with a denim jacket": a denim jacket; shoes), or owned and
        pointed at with nothing else named ("i have a maroon kurta, what goes with it", "what
        goes with my navy blazer": the look around it). ``groups``: the needs named, owned ones
        left out."""
        with_piece = _AROUND_PIECE.search(text)
        # "wat shud i wear with black chinos ...? i have the chinos already": owned, and nothing else named first
        owned = _OWNED.search(text)
        owned_alone = bool(
            with_piece
            and owned
            and owned.start() > with_piece.end()
            and not any(n.has_product() for n in self._groups(text[: with_piece.start()])[0])
        )
        if with_piece and (not _OWNED.search(text) or owned_alone):
            after = text[with_piece.end() :]
            piece = self._need(_SEVERAL.split(after)[0] if owned_alone else after)
            wanted = [n for n in self._groups(text[: with_piece.start()])[0] if n.has_product()]
            if wanted and re.match(r"\s*(my|his|her|our)\b", text[with_piece.end() :], re.I):
                return None  # "leggings to go with my kurti": the pieces to find, searched
        elif (_WITH_IT.search(text) or _WHAT_ELSE.search(text)) and _OWNED.search(text) and not groups:
            piece, wanted = whole, []
        elif (zh := _ZH_OWNED_PIECE.search(text)) and self._kinds_named(text[zh.end() :]) == 0:
            # "我有一双小白鞋 想搭一套通勤穿的": a look around the white sneakers owned
            piece, wanted = self._need(zh.group("piece")), []
        elif (
            (with_it := _WITH_IT.search(text))
            # "got a beige co-ord set, want white sneakers to go with it": the sneakers are wanted, not worn
            and not _WANTED_BESIDE_OWNED.search(text[: with_it.start()])
            and self._kinds_named(text[: with_it.start()]) == 1
            and self._kinds_named(text[with_it.end() :]) == 0
        ):
            # "i'm a woman with a denim jacket, what should i pair it with": around the one piece named
            piece, wanted = self._need(text[: with_it.start()]), []
        else:
            return None
        if not piece.has_product() or piece.confidence < NAMED:
            return None
        piece.gender = piece.gender or whole.gender or next((n.gender for n in groups if n.gender), None)
        return piece, wanted

    def _kinds_named(self, text: str) -> int:
        """How many kinds ``text`` names, owned ones too."""
        return sum(self._need(chunk).has_product() for chunk in _SEVERAL.split(text) if chunk and chunk.strip())

    def _letter_size(self, need: ProductNeed, text: str) -> str | None:
        """A number said as the size of a garment sized by letter ("a shirt in size 40",
        "trousers size 34"): the size chart's letter for that chest, bust or waist in inches,
        not the shoe size the number would be (none when the chart has no letter for it)."""
        said = re.search(r"\b(?:size|sz|in)\s*(\d{2})\b(?!\s*(?:k|rs|inr|₹|%))", text, re.I)
        if not need.size or not need.size.startswith("UK") or not (need.article_types or need.sub_category) or not said:
            return need.size
        kinds = {self.lexicon.sub_category_of.get(t) for t in need.article_types} or {need.sub_category}
        measure = measure_of(kinds, need.gender)  # "baggy cargos, 30 waist": bottoms, a waist of 30
        return size_for(int(said.group(1)), measure) if measure else need.size

    def _need(self, chunk: str) -> ProductNeed:
        parsed = parse_query(chunk) if any(c.isalnum() for c in chunk) else None
        if parsed is None:
            return ProductNeed(text="", confidence=0.0)
        need = _need_from(parsed)
        letter = size_in(chunk, footwear=False) if need.size is None else None
        need.size = need.size or (letter if letter and not letter.startswith("UK") else None)  # "dress in M"
        after_kind = _LETTER_AFTER_KIND.search(chunk) if need.size is None and need.article_types else None
        need.size = after_kind.group("size").upper() if after_kind else need.size  # "trousers S and shirts M"
        for material, kind in _MATERIALS.items():  # "a denim jacket": a jacket, of denim
            named_apart = re.search(rf"\b{material}\b", chunk, re.I) and kind.lower() not in chunk.lower()
            if named_apart and kind in need.article_types and len(need.article_types) > 1:
                need.article_types.remove(kind)
        left_out = {t.lower() for t in need.exclude_terms}  # "not from nike", "except aviators": no brand, no term
        need.brand = self.lexicon.brand_in(chunk)
        said = need.brand.lower() if need.brand else ""  # "adidas" is left out as titles' "adida" too
        need.brand = None if said and (said in left_out or said.removesuffix("s") in left_out) else need.brand
        need.brand = None if said in _TRAVEL_PLACES and _TO_THE_PLACE.search(chunk) else need.brand
        need.whose = whose_named(chunk)
        words = re.findall(r"[a-z]+", chunk.lower())
        need.title_terms = [
            t
            for t in dict.fromkeys(
                self.lexicon.title_form(w) for w in words if w in SUBTYPES or w.rstrip("s") in SUBTYPES
            )
            if t.lower() not in left_out and t.lower().rstrip("s") not in left_out
        ]
        need.title_terms += [t for zh, t in ZH_PATTERNS.items() if zh in chunk and t not in left_out]  # 格子: check
        fit = _NAMED_FIT.search(chunk)  # "slim fit only": the titles that say so ("Slim Fit Shirt")
        need.title_terms += [fit.group(1).lower()] if fit and fit.group(1).lower() not in left_out else []
        _brand_of_two_words(need, said, chunk)
        if need.size is None and _is_footwear(need) and not _A_CHILDS_AGE.search(chunk):  # "the shoes in 9"
            need.size = size_in(chunk, footwear=True) or _bare_shoe_size(chunk)  # (not "for my lad, he's 10")
        need.size = _shoe_size_said_apart(need, chunk)
        named = self.lexicon.type_named(chunk)  # the catalog's own name: "an umbrella", "a nehru jacket"
        named = None if named and _turned_down(named, left_out) else named  # "a bag, but not a backpack"
        if named and named not in need.article_types and (not need.article_types or " " in named):
            need.article_types, need.sub_category, need.confidence = [named], None, 1.0
            need.title_terms = [t for t in need.title_terms if t.lower() not in named.lower()]
        if need.has_product():  # "a backpack or a duffel": each alternative named
            pairs = re.findall(r"([a-z]+)\s+or\s+(?:a |an |some |the )?([a-z]+)", chunk.lower())
            for word in [w for pair in pairs for w in pair]:  # "a stole or scarf": both named
                guess = self.lexicon.type_of([word]) if word not in _GENERIC else None
                if guess and guess.field == "article_type" and guess.value not in need.article_types:
                    need.article_types.append(guess.value)
        _leave_out(need, chunk, left_out)
        _whose_word_not_left_out(need)
        if not need.has_product() and _FOR_THE_COLD.search(chunk):  # "something for the cold": warm layers
            need.article_types, need.season, need.confidence = list(WARM_LAYERS), None, 1.0
        elif not need.has_product() and _FEELS_COLD.search(chunk):  # a weak guess beside a kind named
            need.article_types, need.season, need.confidence = list(WARM_LAYERS), None, WEAK_GUESS * 0.9
        if not need.has_product() and not _ooc_thing(chunk):
            turned_down = {word for term in need.exclude_terms for word in term.lower().split()}  # "no red tape"
            guess = self.lexicon.type_of(
                w
                for w in parsed.text.split()
                if w.lower() not in _GENERIC
                and w.lower() not in turned_down
                and w.lower() not in _TASTE
                and w.lower() != (need.usage or "").lower()  # "office party, ... no dresses": formal is no shoe
            )
            if guess:
                if guess.field == "article_type":
                    need.article_types = [guess.value]
                else:  # "boots": only a sub-category by the titles, so the word itself narrows it
                    need.sub_category = guess.value
                    need.title_terms = list(dict.fromkeys([*need.title_terms, self.lexicon.title_form(guess.word)]))
                need.confidence = min(guess.share, GUESS_CAP)  # a title word's type is a guess ("dog collar")
                if not self.lexicon.names_products(guess.word):  # "oversized", "extra": words that describe
                    need.confidence *= DESCRIBING_WORD
        need.size = need.size if self._comes_in_sizes(need) else None  # "a bag, small, black": no size
        return need

    def _comes_in_sizes(self, need: ProductNeed) -> bool:
        """Whether a kind the need names comes in sizes (or none is named yet)."""
        kinds: list[tuple[str | None, str | None]] = [
            (self.lexicon.sub_category_of.get(t), t) for t in need.article_types
        ]
        kinds += [(need.sub_category, None)] if need.sub_category else []
        return not kinds or any(sold_in_sizes(sub, kind) for sub, kind in kinds)

    def _one_need_by_meaning(self, request: ShopperRequest, need: ProductNeed, text: str, context: Context) -> None:
        """One need with no product named for sure, read by meaning in its conversation: a
        budget or size after a search narrows it ("1k以内 谢谢老铁"), a sort re-sorts it
        ("最贵的那几款也给我看看")."""
        # "再看看男孩的, 给她弟弟" after girls' sandals: the same search, for a boy
        for_another = need.gender is not None and not need.has_product() and _for_someone_only(text)
        described = bool(need.title_terms) and (
            set(need.title_terms) <= _DESCRIBING_TERMS or bool(_THE_ONES_WITH.search(text) or _WORD_ONES.match(text))
        )  # "有条纹的吗", "only the ones with a collar pls": the list shown, narrowed
        # "也不要印花的哈 麻烦再帮我筛一下": the list shown, without prints
        # "plain ones pls", "要纯色的": the list shown, without patterns
        described = described or (
            bool(need.exclude_terms) and set(need.exclude_terms) <= _DESCRIBING_TERMS | set(_PATTERN_WORDS)
        )
        narrows = context.has_search and (need.price is not None or need.size is not None or for_another or described)
        self._product_by_meaning(request, need, text, narrows=narrows, fresh=not context.has_search)
        if (for_another or described) and narrows and request.intent is Intent.search and not need.has_product():
            request.intent = Intent.refine
        if request.intent is Intent.search and request.sort and context.has_search and not need.has_product():
            request.intent = Intent.refine

    def _product_by_meaning(
        self, request: ShopperRequest, need: ProductNeed, text: str, *, narrows: bool = False, fresh: bool = False
    ) -> None:
        """No product named: a gift gets the gift shelf for whom it is for (so does "something
        classy for my wife" opening a conversation, ``fresh``); a thing the store does not sell
        is refused (unless the message ``narrows`` what was shown by a price or a size); else
        the search goes by meaning alone."""
        gift = bool(_GIFT.search(text)) or (fresh and bool(_SOMETHING_FOR_SOMEONE.search(text)))
        gift = gift and not _ooc_thing(text)  # "a present for a 10 year old boy": no toy shop
        # "a cake for my moms bday", "do u have pens? a nice one to gift": the cake and the pens are not sold
        thing = re.split(r"\bfor\b|[?!](?=.*\w)", text, maxsplit=1)[0]
        # "my nana ... reads the paper, ... something comfy for him?": the clause that asks, not the story
        thing = re.split(r"[.,;]\s+", thing.strip())[-1] if _SOMETHING_FOR_SOMEONE.search(text) else thing
        gift = gift and (bool(_GIFT.search(thing)) or bool(_SOMETHING_SO.match(thing)) or not self._not_sold(thing))
        # "anything cheaper?", "哪一款适合海边度假": about what was shown, never a thing not sold
        named_unsold = _ooc_thing(text) is not None  # "蓝牙音箱" names no blue thing
        asks_of_shown = (
            request_refines(text)
            or (request.reference is not None and not (named_unsold and _DO_YOU_SELL.search(text)))
            or (bool(_ABOUT_SHOWN.search(text)) and not named_unsold)  # "有卖电饭煲吗 家里那个坏了"
            or narrows
            # "no mirrored lenses either" after sunglasses: a feature of the list turned down, no lenses asked
            or (not fresh and bool(need.exclude_terms) and not named_unsold)
            or (request.sort is not None and not named_unsold)  # "最贵的那几款也给我看看": the list re-sorted
            or (bool(need.gender) and "的呢" in text and not named_unsold)  # "我儿子的呢": the same, for him
            or (bool(need.gender) and bool(_ZH_OF_A_GENDER.search(text)) and not named_unsold)  # "先看男款"
            or (bool(need.brand) and bool(_ZH_ONLY_OF.search(text)) and not named_unsold)  # "只看卡西欧的": of the list
            # "not spykar, had one that bled dye everywhere": a brand of the list turned down
            or any(term in self.lexicon.brands for term in need.exclude_terms)
            or bool(_OF_THE_LIST_FOR_SOMEONE.search(text))  # "show only the kid ones", "anything similar for her?"
            # "不对不对 是给我儿子买的 他十岁": whom the things shown are for, corrected
            or (bool(need.gender) and not fresh and _for_someone_only(text) and not named_unsold)
        )
        if (
            (not (need.colours or need.exclude_colours) or named_unsold)  # "not black, I have ten at home"
            and not (need.occasion and _ANYTHING_FOR_IT.search(text))  # "new gym member, suggest me stuff": gym wear
            and not (need.occasion and _LOVES_IT.search(text) and not named_unsold)  # "he loves cricket": no bat
            and need.sub_category != "Bags"
            and not (need.size and not named_unsold)  # "想穿得有点印度风 M码": something to wear, in a size
            # "得穿正式点 预算可以到两千": dressed for something, on a budget
            and not (need.usage and need.price and _TO_WEAR.search(text) and not named_unsold)
            and not gift
            and not asks_of_shown
            # "reads the paper ... want something useful" ("... want to send something. do u have baby cribs": no)
            and not (not named_unsold and _ASKS_SOMETHING.search(text) and not _DO_YOU_SELL.search(text))
            and self._not_sold(text)
        ):
            request.intent = Intent.out_of_catalog
            request.out_of_catalog = _ooc_thing(text) or (self.meaning.unsold_name(text) if self.meaning else None)
            return
        unheard = None if narrows or asks_of_shown else self._unheard_of(need, text)
        if unheard and self._typed_by_meaning(need, text):  # "bralettes", "a keychain": plainly a kind sold
            return
        if unheard:  # "boAt airdopes": named by a word no title and no dictionary has
            request.intent, request.out_of_catalog = Intent.out_of_catalog, unheard
            return
        if need.has_product():
            return
        gift = bool(_GIFT.search(text)) or (fresh and bool(_SOMETHING_FOR_SOMEONE.search(text)))
        if gift and request.intent is not Intent.refine:  # the catalog's "Free Gifts": freebies, not presents
            need.exclude_types = list(dict.fromkeys([*need.exclude_types, _FREEBIES]))
        if gift and need.usage == "Formal" and _WORKPLACE.fullmatch(need.occasion or ""):
            need.usage = need.occasion = None  # "secret santa at work": given at work, not worn to it
        # unknown whose: by their words; a brand named ("she's a huge lakme fan"): that brand's kinds
        two = _TWO_PEOPLE.sub(r"for \g<a>\g<size> alongwith \g<b>", text)  # "gifts for a boy and a girl"
        people = _one_each(two, need, None) if gift and not need.usage and not need.brand else []
        if people and all(one.gender in _GIFT_TYPES for one in people):  # whose it is, known
            for one in people:
                _on_the_gift_shelf(one)
            request.needs = people if len(people) > 1 else request.needs
        elif need.season == "Winter":  # "warm stuff for manali": the winter layers
            need.article_types, need.confidence = list(WARM_LAYERS), 0.6  # "warm stuff": the winter layers
        elif need.gender == "Women" and _EXPECTING_SAID.search(text):  # "my own baby shower, something flowy"
            need.article_types, need.confidence = list(_LOOSE_FOR_EXPECTING), 0.6
        elif need.usage == "Ethnic" and need.gender and _ETHNIC_WEAR.search(text):
            need.article_types, need.confidence = self._worn_whole(need.gender, "Ethnic"), 0.6
        elif not need.text.strip():
            need.confidence = 0.3

    def _families_named(self, chunk: str) -> list[str]:
        """The kinds of every family of kinds a chunk names ("bags or jewellery": handbags,
        clutches, earrings, ...), for a chunk that turns them down."""
        if not _FAMILY_DOWN.match(chunk):  # "shoes that wont die in the snow" turns no shoes down
            return []
        words = re.findall(r"[a-z]+", chunk.lower())
        families = {
            ARTICLE_TYPES[w][1]
            for i, w in enumerate(words)
            if ARTICLE_TYPES.get(w, ("",))[0] == "sub_category"
            and not (i and f"{words[i - 1]} {w}" in ARTICLE_TYPES)  # "sports shoes" is a kind, not all shoes
        }
        return sorted(t for t, sub in self.lexicon.sub_category_of.items() if sub in families)

    def _feature_asked_of_the_list(self, request: ShopperRequest, text: str, context: Context) -> ShopperRequest:
        """ "any with velcro?", "do any of these have lights": the list shown, narrowed to titles
        with that word; where none has it the search says so (the catalog records no features
        but the title), rather than showing the same list or searching the word alone."""
        said = _first_sentence_matching(_ANY_WITH, text) if context.has_search else None
        zh = _ANY_WITH_ZH.search(text) if context.has_search and said is None else None
        if (
            (said is None and zh is None)
            or request.intent not in (Intent.refine, Intent.search)
            or len(request.needs) > 1
        ):
            return request
        need = request.needs[0] if request.needs else ProductNeed(text="")
        if need.has_product() or need.title_terms or need.colours or need.price or need.brand:
            return request
        if zh is not None:
            what = _ZH_FEATURE_WORDS[zh.group("what")]
        elif said is not None:
            what = (said.group("what") or said.group("what2")).lower()
        plain = parse_query(what).filters
        named = plain.colour or plain.usage or (plain.gender and what != "unisex") or plain.article_type
        named = named or plain.sub_category
        last = what.split()[-1]
        if named or what in _NOT_A_DESCRIPTION or what in _TASTE or what in _NOT_A_FEATURE:
            return request
        if not (self.lexicon.knows(last) or self.lexicon.is_english(last)):
            return request
        word = self.lexicon.title_form(what) if " " not in what else what  # "hoods": "hood", as titles say it
        if word in _SHADE_WORDS or not self.lexicon.title_counts.get(word):  # "lights": not the "light" of Light Blue
            word = what
        narrowed = ProductNeed(text=word, title_terms=[word], confidence=0.8)
        return ShopperRequest(intent=Intent.refine, text=request.text, needs=[narrowed], confidence=0.8)

    def _ones_described(self, needs: list[ProductNeed], text: str, context: Context) -> None:
        """ "long ones only", "do u have velcro ones" after a list: the list narrowed to titles
        with that word (no title may have it; the search then says so), not a search of
        whatever the word means alone."""
        described = _WORD_ONES.match(text) if context.has_search and len(needs) == 1 else None
        need = needs[0] if described else None
        if described is None or need is None or need.has_product() or need.title_terms:
            return
        word = described.group("word").lower()
        plain = parse_query(word).filters
        named = plain.colour or plain.usage or plain.gender or plain.article_type or plain.sub_category
        if word in _NOT_A_DESCRIPTION or word in _TASTE or named or not self.lexicon.title_counts.get(word):
            return
        need.title_terms, need.text = [word], word

    def _corrected(self, text: str, context: Context) -> str:
        """A correction said of what was just asked, in the words that ask for the change:
        "i meant jeggings not leggings" and "换成T恤看看" / "不看运动鞋了 给我看看凉鞋" after a
        search are the kind instead (the rest of the search kept); "sorry 2 not 3" after an
        add of three is two."""
        last = context.last_request
        if last is not None and last.intent is Intent.cart_add and last.quantity:
            text = _COUNT_CORRECTED.sub(r"make it \g<n>", text)
        brand = _BRAND_CORRECTED.search(text)  # "only adidas ones sorry i mean puma": puma
        if brand and all(w.lower() in self.lexicon.brands for w in brand.group("old", "new")):
            text = f"{text[: brand.start()]}{brand.group('new')}{text[brand.end() :]}"
        if not context.has_search:
            return text
        meant = _KIND_NOT_KIND.search(text)
        named = [self._need(meant.group(g)) for g in ("kind", "not")] if meant else []
        if meant and all(n.has_product() and n.article_types and n.confidence >= 1.0 for n in named):
            return f"{meant.group('kind')} instead"
        swapped = _KIND_INSTEAD_ZH.match(text)
        if swapped and self._need(swapped.group("kind")).has_product():
            return f"{swapped.group('kind')} instead"
        return text

    def _worn_whole(self, gender: str, usage: str) -> list[str]:
        """ "ethnic wear for me, men": the kinds of that usage a whole outfit is, or starts from
        (the catalog's tops, dresses and sarees of it for them), not the bottoms worn under them."""
        return sorted(
            t
            for t, main in self.lexicon.usage_of_type.items()
            if main == usage
            and self.lexicon.sub_category_of.get(t) in ("Topwear", "Dress", "Saree", "Apparel Set")
            and gender in self.lexicon.genders_of_type.get(t, ())
        )

    def _unheard_of(self, need: ProductNeed, text: str) -> str | None:
        """The thing asked for, when nothing of the catalog is named (no type, colour, brand,
        gift or occasion) and a word of it is known neither to the catalog's titles nor to
        English (spelling correction has already had its go): the store has no product of
        that name, so it is not sold here rather than searched as noise."""
        if need.has_product() or need.colours or need.brand or need.usage or need.occasion or need.price or need.season:
            return None
        if need.exclude_colours or need.exclude_types:  # "also nothing gold, he's not a flashy guy": turned down
            return None
        if request_refines(text) or _GIFT.search(text):  # "smthng cheaper": about what was shown
            return None
        words = [w for w in re.findall(r"[a-z]+", need.text.lower()) if w not in _GENERIC]
        places = set(re.findall(r"\b(?:to|in|at|from|near|visiting)\s+([a-z]+)", text.lower()))  # "heading to manali"
        places |= set(_THEIRS_SAID_OF.findall(text.lower()))  # "her almirah is already overflowing": said of it
        unknown = [
            w
            for w in words
            if len(w) >= 4
            and w not in _KEEP
            and w not in places
            and not self.lexicon.knows(w)
            and not self.lexicon.is_english(w)
        ]
        return " ".join(unknown) or None  # the words no title and no dictionary has: what is not sold

    def _typed_by_meaning(self, need: ProductNeed, text: str) -> bool:
        """A word no title has that still plainly means a kind the catalog sells ("bralettes":
        bras, "keychain": key chains): the need gets that kind, as a guess."""
        nearest = self.meaning.nearest_type(text) if self.meaning else None
        if nearest is None or nearest[1] < MEANT_TYPE_SIMILARITY or nearest[2] < MEANT_TYPE_LEAD:
            return False
        need.article_types, need.confidence = [nearest[0]], GUESS_CAP * DESCRIBING_WORD
        return True

    def _across_needs(
        self, request: ShopperRequest, needs: list[ProductNeed], text: str, rest: str, said: PriceRange | None = None
    ) -> None:
        """What several needs asked at once share: a price said at the edge or in a part of
        its own (``said``: "预算三千 想买一件外套和一条裤子"), and a no for a thing among them
        that is not sold ("a yoga mat and gym shorts": the shorts, and a no)."""
        if request.intent is not Intent.outfit:
            _share_edge_price(needs, rest)
        if len(needs) > 1 and said is not None and said.max is not None and not any(n.price for n in needs):
            for need in needs:
                need.price = said
        if request.intent in (Intent.search, Intent.outfit) and any(n.has_product() for n in needs):
            request.out_of_catalog = self._unsold_piece(text)  # "do u also do cakes?? anyway a kurta and sandals"
            guessed = all(n.confidence < 1.0 for n in needs if n.has_product())
            # "我家柯基冬天怕冷 有狗狗穿的衣服吗": the warm things asked for are the pet's, no one else named
            for_a_pet = bool(_PET_WEAR.search(request.out_of_catalog or "")) and not (
                any(n.gender for n in needs) or _FOR_ME.search(text)
            )
            if (
                request.out_of_catalog and (guessed or for_a_pet) and request.intent is Intent.search
            ):  # "got sell dyson airwrap or any hair dryer?": no hair colour
                request.intent = Intent.out_of_catalog
                needs.clear()

    def _unsold_piece(self, text: str) -> str | None:
        """Of several things asked for at once, the first the store does not sell, in the
        shopper's words ("a yoga mat and some gym shorts": "yoga mat")."""
        chunks = [c for c in _SEVERAL.split(text) if c and c.strip()]
        if len(chunks) < 2:
            return None
        for chunk in chunks:
            if _NO_THING_ASKED.search(chunk) or _HOW_IT_SHOULD_BE.match(chunk):  # "he loves cars": what it is for
                continue  # "something not too shiny": how the piece should be
            need = self._need(chunk)
            unheard = None if _CJK.search(chunk) or need.has_product() else self._thing_unheard(chunk)
            if unheard and not (need.colours or need.brand):  # "a laptop stand", "a hoop for the driveway"
                return unheard
            unsold = [m.group(0).lower() for m in _OOC_EXTRA.finditer(chunk)]
            asked_itself = bool(unsold) and not _HOLDERS.search(chunk) and bool(_A_THING_ASKED.search(chunk))
            if _HOLDERS.search(text) and unsold and all(_HELD.fullmatch(u) for u in unsold) and not asked_itself:
                continue  # "bag for office, laptop fits": what the bag holds ("need a laptop and a laptop bag": both)
            if _CJK.search(chunk) and not _ooc_thing(chunk):  # "刚入职(男)": the Chinese reader is too eager here
                continue
            named = need.has_product() and need.confidence >= WEAK_GUESS  # "hair dryer" guessed as hair colour
            listed = _ooc_thing(chunk) is not None  # "want to get him a beard trimmer": a gift, but not sold
            if named or (
                not listed and (need.colours or need.brand or _GIFT.search(chunk) or not self._not_sold(chunk))
            ):
                continue
            occasion, _, beside = occasion_of(chunk)  # "gym", "goa trip with the boys": what the rest is for
            # "my sister's mehendi is next saturday": the occasion, though "mehendi" lies near mehendi cones
            leftover = set(re.findall(r"[a-z]+", beside.lower())) - _PIECE_FILLER
            asked_if_sold = _IF_YOU_HAVE.search(chunk)  # "also a cricket bat if u have": a bat, not cricket wear
            said_what_for = bool(_FOR_AN_OCCASION.match(chunk))  # "for a beach wedding in gokarna": what it is for
            its_own_thing = listed and occasion is not None and occasion.lower() in (_ooc_thing(chunk) or "")
            if (
                occasion
                and (said_what_for or not leftover or not self._not_sold(beside))
                and not asked_if_sold
                and not its_own_thing  # "ek saree aur mehendi cones bhi chahiye": the cones, not the occasion
            ):
                continue
            person = need.gender or _CHILD_BY_AGE.search(chunk)  # "and one for my 8 yr old nephew", "my 5 yr old"
            if person and not _ooc_thing(chunk):  # a person, nothing unsold
                continue
            words = re.sub(r"[^\w\s'&-]+", " ", chunk.lower()).split()  # "do u also do cakes??": no "??"
            while words and words[0] in _PIECE_FILLER:
                words.pop(0)
            while words and words[-1] in _PIECE_FILLER:  # "mehendi cones bhi chahiye": no "want"
                words.pop()
            thing = _ooc_thing(chunk)  # "can u deliver atta": the thing, not the whole question
            return thing if thing and (len(words) > MAX_NAME_WORDS or _CJK.search(chunk)) else " ".join(words) or thing
        return None

    def _thing_unheard(self, chunk: str) -> str | None:
        """The thing a part of a message asks for by an English name no catalog title uses
        ("need a laptop stand", "one of those inflatable pool floats", "a hoop for the
        driveway"), in the shopper's words; None when it asks for no thing ("shoes that don't
        pinch") or its last word is one the titles have."""
        head = _WHAT_IT_IS_FOR.split(chunk.lower(), maxsplit=1)[0]
        asked = _A_THING_NAMED.search(head)
        if asked is None:
            return None
        words = asked.group("thing").split()
        last = words[-1]
        known = self.lexicon.knows(last) or self.lexicon.knows(last.rstrip("s")) or not self.lexicon.is_english(last)
        talk = last in _SHOPPING_TALK or self.lexicon.is_common_english(last)  # "some more options", "a few ideas"
        return None if known or talk or len(last) < 3 else " ".join(words)

    def _asked_besides_a_service(self, text: str, context: Context) -> ShopperRequest | None:
        """What a message asks for in the sentences that do not ask for a service ("need a cotton
        saree under 2000. can u also stitch the blouse?": the sarees), when they name a product
        for sure; None when the service is all it asks."""
        sentences = [c for c in re.split(r"(?<=[.?!。？！])\s*", text) if c.strip()]
        rest = " ".join(c for c in sentences if not (_A_SERVICE.search(c) or _OTHER_SERVICE.search(c)))
        if not rest.strip():  # "a kurta for diwali, and can u alter my old one?": the clauses, then
            clauses = [c for c in _CLAUSES.split(text) if c and c.strip()]
            rest = ", ".join(c for c in clauses if not (_A_SERVICE.search(c) or _OTHER_SERVICE.search(c)))
        need = self._need(rest) if rest.strip() else None
        done_to_it = _DONE_TO_IT.search(rest)  # "want to get some trousers shortened": the service again
        if need is None or not need.has_product() or need.confidence < 1.0 or not _WANTS_IT.search(rest) or done_to_it:
            return None  # "do you do alterations? got trousers elsewhere, too long": the trousers are the shopper's
        request = self._understand(rest, context)
        return request if request.intent is Intent.search and request.needs else None

    def _names_a_sold_piece(self, text: str) -> bool:
        """Whether, of several things asked at once, one is a product named for sure and
        nothing unsold ("can u deliver atta and dal also? and a cotton kurta for my mom")."""
        chunks = [c for c in _SEVERAL.split(text) if c and c.strip()]
        if len(chunks) < 2:
            return False
        needs = [self._need(c) for c in chunks if not _ooc_thing(c) and not _OWNED.search(c)]
        return any(n.has_product() and n.confidence >= 1.0 for n in needs)

    def _unsold_to_go_with(self, text: str) -> str | None:
        """The thing a look edit asks for when it is nothing the store sells ("and a tiffin box
        to go with it?"); None when it names a kind sold, or nothing ("something to go with it")."""
        asked = re.sub(r"\s+to\s*$", "", _WITH_IT.split(text, maxsplit=1)[0])
        if _names_product(text) or not re.search(r"[a-z]{3,}", _ANYTHING.sub(" ", _GENERIC_ASK.sub(" ", asked))):
            return None
        if not (self.meaning and self.meaning.unsold(asked)):
            return None
        return self.meaning.unsold_name(asked)

    def _for_a_baby(self, needs: list[ProductNeed], text: str, earlier: str | None = None) -> None:
        """A baby's things ("shoes for my 1 year old", "宝宝刚满一岁", "something for the baby"):
        the catalog's baby wear (titled "Infant") of the kind asked, booties for shoes, and all
        of it when no kind is named or the kind is a guess ("cute clothes for the baby"), unless
        what is asked is a thing not sold ("a pram for the baby"). The baby is who they are for,
        not the mother named beside ("my wife is expecting"); a girl or boy said before
        (``earlier``: "my sister just had a baby girl") is that baby."""
        infant = self.lexicon.infant_types
        if not infant or not _A_BABY.search(text) or _OLDER_CHILD.search(text):
            return
        for need in needs:
            for_baby = need.gender in (None, "Boys", "Girls") or bool(_FOR_THE_BABY.search(text))
            if not for_baby or need.brand:
                continue
            gender = need.gender if need.gender in infant else earlier if earlier in infant else None
            sold = {t for g in ([gender] if gender else list(infant)) for t in infant[g]}
            if not need.has_product() or need.confidence < 1.0:
                if self._unsold_for_a_baby(text):
                    continue
                if _CLOTHES.search(text):  # "cute clothes for the baby": no booties or mittens
                    sold = {t for t in sold if self.lexicon.sub_category_of.get(t) in _APPAREL_SUBS}
                need.article_types, need.sub_category, need.category = sorted(sold), None, None
            elif _is_footwear(need) and "Booties" in sold:
                need.article_types, need.sub_category = ["Booties"], None
            elif not set(need.article_types) & sold:
                continue
            need.article_types = [t for t in need.article_types if t in sold]
            need.gender = gender
            need.title_terms = list(dict.fromkeys([*need.title_terms, "infant"]))
            need.confidence = 1.0

    def _unsold_for_a_baby(self, text: str) -> bool:
        """Whether the thing asked for the baby is one not sold ("a pram for the baby"), read
        without the baby and the words of asking ("need something for the newborn": nothing)."""
        thing = _ZH_ASKING.sub(" ", re.split(r"\bfor\b", text, maxsplit=1)[0])  # "婴儿推车": a stroller, kept whole
        thing = _A_BABY.sub(lambda m: m.group(0) if _CJK.match(thing, m.end()) else " ", thing)
        thing = re.sub(r"宝宝(?![\u4e00-\u9fff])", " ", thing)  # "给宝宝买点东西": the baby, no thing
        thing = _ANYTHING.sub(" ", _GENERIC_ASK.sub(" ", thing))
        words = [w for w in re.findall(r"\w+", thing) if w.lower() not in _GENERIC]
        return bool(words) and self._not_sold(" ".join(words))

    def _not_sold(self, text: str) -> bool:
        if _ooc_thing(text):
            return True
        return bool(self.meaning and self.meaning.unsold(text))


# where a turned-down piece's reason starts ("no skirts pls im way more comfortable in pants")
_WHY_AFTER = _rx(r"[,.;!?]|\b(?:pls|please|plz|i'?m|im|i am|because|coz|cuz|since|as i|i prefer|i'?d rather)\b")
# "something comfy", "anything warm and soft": how it should be, no thing named that could be unsold
_SOMETHING_SO = _rx(r"^\W*(?:something|anything|smthing|smth|sth)(?:\s+[a-z]+){0,3}\W*$")
_FOR_A_PERSON = _rx(r"\bfor (?:my|his|her|our|the) (?:[a-z]+ )?[a-z]+\b")
# why a shop is asked about: the things are to be tried, not searched now
_TRY_BEFORE_BUYING = _rx(
    r"\btry (?:them |it |things |stuff |\w+ )?(?:on )?before (?:buying|i buy|ordering|i order)\b|试穿"
)
# "papa's ones are fine", "mine can stay as they are", "keep dad's shirts as they are", "baaki same",
# "公公的就这样挺好", "老公的不用改", "阿爸嘅照旧": the others' things, kept as shown
_WHOSE_KEPT = r"(?:(?:my|our|the|his|her)\s+)?(?:[a-z]+(?:\s+(?:n|and|&)\s+[a-z]+)?(?:'s|s)?|his|hers|mine|theirs)"
_OTHERS_KEPT = _rx(
    rf"(?:^|(?<=[,.;!?])|\b(?:but|and|while|pls|please|plz)\b)\s*(?:"
    rf"(?:keep|leave)\s+(?:the\s+)?{_WHOSE_KEPT}(?:\s+[a-z]+){{0,2}}\s+"
    r"(?:as (?:is|they are|it is)|the same|same|unchanged)|"
    rf"{_WHOSE_KEPT}(?:\s+(?:ones?|stuff|things|[a-z]+))?\s+(?:are|is|r|can|stays?|remains?)\s*"
    r"(?:stay\s+|remain\s+)?(?:fine|ok|okay|good|perfect|great|the same|same|as (?:is|they are|it is)|unchanged)"
    r"(?:\s+as (?:is|they are|it is))?|"
    r"(?:the\s+)?(?:others?|rest)(?:\s+of them)?\s+(?:are\s+|is\s+|r\s+|can\s+)?(?:stay\s+)?"
    r"(?:fine|ok|same|the same|as is)|"
    r"baaki\s+(?:sab\s+)?(?:same|theek|wahi)(?:\s+(?:hai|rakho|rehne do))?|"
    r"[a-z]+\s+(?:ka|ki|ke)\s+(?:[a-z]+\s+)?(?:same rehne do|theek hai|same hai|same rakho|wahi rakho|sahi hai)"
    r")(?=\s*(?:[,.;!?]|$|\b(?:but|and|pls|please)\b))|"
    r"[\u4e00-\u9fff]{1,4}?(?:的|嘅|件|个|条)(?:就|先)?(?:这样|不用改|不用变|不用动|不动|不变|唔使改|唔变|照旧|没问题|不改)"
    r"(?:挺好|就好|吧|了)?|其他的?(?:不变|不用改|照旧|唔变|唔使改)"
)

# "给老公和儿子买T恤 老公XL 儿子8岁穿M码": one kind for two people, then each one's size
_ZH_PEOPLE = (
    "老公|老婆|丈夫|妻子|儿子|女儿|闺女|爸爸|妈妈|我爸|我妈|老爸|老妈|公公|婆婆|岳父|岳母|哥哥|我哥|嫂子|"
    "姐姐|我姐|妹妹|我妹|弟弟|我弟|爷爷|奶奶|外公|外婆|男朋友|女朋友"
)
_TWO_PEOPLE_ONE_KIND_ZH = re.compile(
    rf"(?:想)?(?:给|帮|替)(?:我)?(?P<a>{_ZH_PEOPLE})(?:和|跟|同|还有|、)(?:我)?(?P<b>{_ZH_PEOPLE})(?:一人|各|都)?买"
    r"(?:[一两几]?[件条双个套对副顶])?(?P<kind>[\u4e00-\u9fffA-Za-z]{1,6}?)(?P<rest>[\s，,。].*)$",
    re.I,
)
_EACH_OF_THEM_ZH = re.compile(
    r"(?:给)?(?:他俩|他们俩|他们|她们|她俩|两人|两个人|爸妈|父母|公婆)(?:一人|各|每人)?(?:买|送)"
    r"(?:[一两]?[块件条双个套对副顶])?(?P<kind>[\u4e00-\u9fff]{1,4}?)\s+"
    rf"(?P<a>{_ZH_PEOPLE})的?(?P<pa>[^\s，,。]{{2,8}})\s+(?P<b>{_ZH_PEOPLE})的?(?P<pb>[^\s，,。]{{2,8}})"
)
_ZH_SIZE_OF = (
    r"\s*(?P<age>[\d一二三四五六七八九十]{1,3}(?:岁了|岁|了))?\s*(?:穿|着|著|要|是)?\s*"
    r"(?P<size>xxl|xl|xs|s|m|l|\d{2}|uk\s*\d{1,2})(?![a-z\d])\s*码?"
)


def _each_their_size_zh(match: re.Match[str]) -> str:
    """Each person's clause of the kind, in the size said after their name; the message as it
    was when a size is missing for one of them."""
    rest, said = match.group("rest"), []
    for who in (match.group("a"), match.group("b")):
        core = who.removeprefix("我")
        core = core[0] if len(core) == 2 and core[0] == core[1] else core  # "我哥" is "哥哥"
        sized = re.search(rf"(?:我)?{core}{core if len(core) == 1 else ''}?{_ZH_SIZE_OF}", rest, re.I)
        if sized is None:
            return match.group(0)
        size = sized.group("size").upper().replace(" ", "")
        size = size if size.startswith("UK") else f"{size}码"
        named = core * 2 if len(core) == 1 else core  # "哥哥", as the genders are listed
        said.append(f"给{named}买{match.group('kind')} {sized.group('age') or ''} {size}")
        rest = rest.replace(sized.group(0), " ", 1)
    return "，".join(said) + rest


# "me (size M) and my husband (L) both need kurtas": each person with their size, then the kind
_ONE_PERSON = r"(?:me|myself|i|my\s+[a-z]+|the\s+[a-z]+|hubby|wifey)"
_SIZE_IN_BRACKETS = r"\(\s*(?:size\s+)?(?P<{}>xxl|xl|xs|s|m|l|uk\s?\d{{1,2}})\s*\)"
_PEOPLE_SIZED_THEN_KIND = _rx(
    rf"\b(?P<a>{_ONE_PERSON})\s*{_SIZE_IN_BRACKETS.format('sa')}\s*(?:and|&|n)\s+(?P<b>{_ONE_PERSON})\s*"
    rf"{_SIZE_IN_BRACKETS.format('sb')}\s*(?:both\s+|each\s+)?(?:need|needs|want|wants)\s+(?:a\s+|some\s+)?"
    r"(?P<kind>[a-z]+)\b"
)


def _each_person_sized(match: re.Match[str]) -> str:
    people = ["me" if who.lower() in ("i", "myself") else who for who in match.group("a", "b")]
    kind = match.group("kind")
    return f"{kind} for {people[0]} size {match.group('sa')}, and {kind} for {people[1]} size {match.group('sb')}"


# Whom a need is for, by the words shoppers name people with: one name per person, so that a
# later "mumma wale under 800" or "didi ka same rehne do" finds that person's need (two sisters,
# "didi" and "chhoti", or a father and a father-in-law, are two people of one gender).
_PEOPLE: dict[str, str] = {
    **dict.fromkeys("dad daddy papa pappa father pa pops baba abba 爸爸 我爸 老爸 父亲 阿爸".split(), "father"),
    **dict.fromkeys("mom mum mummy mumma mommy mother maa amma mama 妈妈 我妈 老妈 母亲 阿妈".split(), "mother"),
    **dict.fromkeys("fil sasur sasurji father-in-law 公公 岳父 家公".split(), "father-in-law"),
    **dict.fromkeys("mil saas saasu mother-in-law 婆婆 岳母 家婆".split(), "mother-in-law"),
    **dict.fromkeys("husband hubby hubbie hubs pati 老公 丈夫".split(), "husband"),
    **dict.fromkeys("wife wifey missus patni 老婆 妻子 媳妇".split(), "wife"),
    **dict.fromkeys("son beta lad boy 儿子".split(), "son"),
    **dict.fromkeys("daughter beti 女儿 闺女".split(), "daughter"),
    **dict.fromkeys("brother bro bhai bhaiya 哥哥 我哥".split(), "brother"),
    **dict.fromkeys("弟弟 我弟".split(), "younger brother"),
    **dict.fromkeys("sister sis behen 姐姐 我姐".split(), "sister"),
    **dict.fromkeys(["妹妹", "我妹", "little sister", "younger sister", "little sis"], "younger sister"),
    **dict.fromkeys(["little brother", "younger brother", "little bro"], "younger brother"),
    **dict.fromkeys("chachu chacha uncle 叔叔 舅舅".split(), "uncle"),
    **dict.fromkeys("chachi aunty auntie aunt mausi 阿姨 姑姑".split(), "aunt"),
    **dict.fromkeys("nephew 外甥 侄子".split(), "nephew"),
    **dict.fromkeys("niece 侄女 外甥女".split(), "niece"),
    **dict.fromkeys("gf girlfriend 女朋友".split(), "girlfriend"),
    **dict.fromkeys("bf boyfriend 男朋友".split(), "boyfriend"),
    **dict.fromkeys("嫂子 bhabhi".split(), "sister-in-law"),
    **dict.fromkeys("grandpa nana dada 爷爷 外公".split(), "grandfather"),
    **dict.fromkeys("grandma nani dadi 奶奶 外婆".split(), "grandmother"),
}
_KIN_SAID = re.compile(
    r"(?<![a-z])(?:father[- ]in[- ]law|mother[- ]in[- ]law|"
    + "|".join(re.escape(w) for w in sorted((w for w in _PEOPLE if "-" not in w), key=len, reverse=True)).replace(
        r"\ ", r"\s+"
    )
    + r")(?:'?s)?(?![a-z])",
    re.I,
)
# the shopper's own: "for me", "mine", "mere liye", "我自己", "我的"
_SELF_NAMED = _rx(
    r"(?<!scratch )(?<!scrach )(?<!scrap )(?<!skip )(?<!forget )(?<!cancel )(?<!drop )(?<!not )"
    r"\b(?:for me|mine|myself|my own|mere liye|mera|meri)\b|我自己|我的|给我(?![爸妈哥姐弟妹])|"
    r"我(?:那|这)[件条双个只款套]"  # "我那件便宜点": mine
)


def whose_named(text: str) -> str | None:
    """The person a piece of a message names as the one it is for ("a kurti for mummy": mother),
    the shopper when only they are ("mine in yellow": self); None when no one is."""
    named = _KIN_SAID.search(text)
    if named:
        word = re.sub(r"'?s$", "", named.group(0).lower()) if named.group(0).isascii() else named.group(0)
        word = re.sub(r"\s+", " ", word)
        return _PEOPLE.get(word.replace(" ", "-"), _PEOPLE.get(word))
    return "self" if _SELF_NAMED.search(text) else None


# "hmm too much. anything in between?", "beech ka kuch?", "中间价位的有吗": between the last two prices
_IN_BETWEEN = _rx(
    r"\bin (?:between|b/w|btw)\b|\bsomewhere between\b|\bmiddle range\b|\bbeech (?:ka|wala|wali|mein)\b|"
    r"中间价位|中间的价"
)


def _the_one_asked_about(request: ShopperRequest, message: str, context: Context) -> ShopperRequest:
    """ "行 加到购物车" right after "第四副有保修吗": the one just asked about, as "add it" is (a bare
    Chinese add names no "it"); after a list with nothing asked of one, still which is asked."""
    last = context.last_request
    pointed = last is not None and last.reference is not None and last.reference.position is not None
    bare = request.intent is Intent.cart_add and request.reference is None and not request.positions
    if bare and pointed and _CJK.search(message) and not re.search(r"第|[0-9一二三四五六七八九十]\s*号", message):
        request.reference = Reference(pronoun=True, confidence=0.7)
    return request


_TO_WEAR = _rx(r"\b(?:wear|wearing|dress|dressed)\b|穿|打扮")
_FOR_AN_OCCASION = _rx(r"^\W*(?:and\s+|also\s+)?for\s+(?:a|an|the|my|our|his|her|their|this|next)\b")
# Words of shopping talk that name no thing ("some more options", "a few ideas")
_SHOPPING_TALK = frozenset(
    "options ideas idea suggestions suggestion styles style variety choices choice items item ones one patterns "
    "recommendations recommendation discount discounts offers offer deals deal combos combo designs design colours "
    "colors shades prints things thing stuff pieces piece pairs sets alternatives alternative picks pick range "
    "ranges collections collection brands brand sizes size looks look outfits outfit gifts gift surprise".split()
)
# where what a thing is for starts ("a hoop for the driveway", "ek BP machine leni thi")
_WHAT_IT_IS_FOR = _rx(
    r"\b(?:for|to|from|with|in|on|at|that|which|so|because|if|as|bhi|chahiye|leni|lena|lene|hai|thi|pls|please)\b"
)
# a thing asked by its name: "need a laptop stand", "one of those inflatable pool floats", "some hand wash"
_A_THING_NAMED = _rx(
    r"(?:^\W*|\b(?:need|want|get|buy|also|and|any|plus)\s+)"
    r"(?:a|an|one|some|ek|(?:one of )?(?:those|these))\s+(?P<thing>[a-z]+(?:\s+[a-z]+){0,2})\W*$"
)
_IF_YOU_HAVE = _rx(r"\bif (?:u|you|they|ya) (?:have|has|sell|stock|carry|got)\b|\bif available\b")


# What a bare "and for the fourth?" can ask again: questions about one shown product.
_ALSO = _rx(r"\b(also|too|as well)\b")
_REPEATABLE = {Intent.outfit, Intent.stock, Intent.price, Intent.details, Intent.similar}
_ELLIPSIS_FILLER = frozenset(
    "and what about how for the same then now ok okay so one with number no option item pls please nah hmm wait "
    "actually sorry oops i mean meant other that this oh my bad wrong".split()
)


# A size said alone ("S码", "M", "uk 9 pls"): after "which size would you like?", the answer
_SIZE_ALONE = _rx(
    r"^\W*(?:(?:both|all|all of them|all three|each|them|both of them)\s+(?:in\s+)?)?"  # "both in L"
    r"(size\s*)?(xxl|2xl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{1,2})\s*(码|号|size|please|pls|plz)?\s*(的|吧|的吧)?"
    r"(?:\s*(?:de do|dedo|de dijiye|dena|chahiye|chaiye|wala|vala|hi))?\W*$"  # "S size de do"
)
# "L please. im 6 ft 1 so M always ends up short on me": the size first, then why
_SIZE_FIRST = _rx(r"^\W*(size\s*)?(xxl|2xl|xl|xs|s|m|l|uk\s*\d{1,2})\s*(?:please|pls|plz|only)?\s*[.!,;]\s+\w")
# "... S please.", "size is M": a size that ends a longer answer to "which size?"
_SIZE_AT_THE_END = _rx(
    r"(?:^|[.,!]\s+|\bsize\s+(?:is\s+)?)(size\s*)?(xxl|2xl|xl|xs|s|m|l|uk\s*\d{1,2})\s*(?:please|pls|only)?\s*[.!]*\s*$"
)
# "please add one more of the same for my sister": another unit of the piece just added
_ONE_MORE_OF_IT = _rx(
    r"\b(?:add|get|take|want|need)\b.{0,12}\b(?:one more|another one)\s+(?:of\s+)?(?:the same|it|that)\b|"
    # "oh and one more of the same for my sis, same size", "another one of the same pls, gifting one"
    r"\b(?:one more|1 more|another(?: one| pair| piece)?)\s+of\s+the\s+same\b(?!\s+(?:in|but)\b)"
)


_TOP_FEW = _rx(
    r"(?P<verb>\b(?:add|get|take|put|buy|order|compare)\s+(?:the\s+)?)top\s+(?P<count>two|three|four|[2-4])\b"
)
_AGE_IN_BRACKETS = _rx(
    r"\b(?P<who>son|daughter|kid|boy|girl|nephew|niece|child|brother|sister|grandson|granddaughter)\s*"
    r"\(\s*(?P<age>\d{1,2})\s*(?:yrs?|years?)?\s*\)"
)
# Where a long message turns from one ask to the next: a sentence's end, "and if ...",
# "also, ...", "(3)" of a numbered list
_ASKS_APART = _rx(
    r"(?<=[.!?])\s+|(?<=[？！。])\s*|\s*[;]\s*|,?\s+(?=(?:and|also|plus|oh and|btw|n)\s+(?:(?:pls|please|kindly)\s+)?"
    r"(?:if|can|do|does|will|would|is|are|what|what'?s|whats|how|how'?s|when|tell me|let me know)\b)|"
    r"\s+(?=\d\)\s)|"
    # "男士牛仔裤 L码 可以货到付款吗", "男士手表 三千以内 能寄到上海吗 我在那边上班": a yes-or-no question apart
    r"(?<=[\u4e00-\u9fffA-Za-z])\s+(?=[\u4e00-\u9fff][^\s,，。]{1,16}(?:吗|么|嘛)[?？]?(?:\s|$))|"
    # "..., 另外能分期付款吗": a question to the store after a comma
    r"\s*[，,]\s*(?=(?:另外|还有|顺便|对了|然后)[^，,。]{1,16}(?:吗|么|嘛)[?？]?\s*$)|"
    # "a black belt for men, do you deliver to dubai?": a question to the store after a comma
    r",\s+(?=(?:do|does|can|could|will|would)\s+(?:you|u|ya|you guys|u guys)\s+(?:deliver|ship|send|post|do|have|"
    r"accept|take|offer|give|provide|allow)\b|(?:can|could|will|do) i\s+(?:exchange|return|swap|pay|cancel)\b|"
    r"how (?:fast|soon|quickly|long) (?:can|will|would|does|do)\b)"
)
# A product part that asks for something ("need a black shirt", "1) a black belt"), not one
# that says what the shopper wears ("im usually M in tops")
_WANTS = _rx(
    r"\b(need|needs|want|wants|looking for|show|suggest|find|get me|gift|buy|like to|searching|recommend)\b|"
    r"(?<!\w)\d\)\s|看看|想买|想要|推荐|帮我找|给我找"
)
_ONE_WANTED = _rx(r"\b(?:a|an)\s+(?:[a-z]+\s+){0,3}(?:one|pair)\b|\bsome\s+(?:[a-z]+\s+){0,3}ones\b")
# a part that says something of what was shown or owned ("the kurtas are lovely"), not one that asks for a thing
_SAYS_OF_IT = _rx(r"\b(is|are|was|were|it|they|these|those|them|looks?|seems?|i'?m|im|i am|usually|i wear)\b")
_BOUGHT_BEFORE = _rx(
    r"\b(bought|ordered|purchased|received|got delivered|came|arrived|gifted)\b|"
    r"买了|买的|已经买|收到了?|到货了|拆封|没拆"  # "香水买了还没拆封 能退吗", "给表妹买的耳环 不喜欢可以退吗"
)
_MORE_LIKE = _rx(r"\b(more|something|anything|some|others?|ones?) (like|similar to) (that|this|it|the)\b")
_ADD_A_NUMBER = _rx(r"^\W*(?:(?:ok|okay|pls|please|then|k)\W+)*add\s+([1-9])\W*$")
# "5 price", "add 5 xl x2": a bare number of the list, before a price or a size asked
_BARE_PLACE = _rx(
    r"^\W*(?P<verb>add\s+)?(?P<place>[1-9])\s+(?=(?:(?:price|cost|how much|kitne\w*)\W*|(?:size\s+)?"
    r"(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2})(?:\s*(?:x\s*[2-5]|pls|please|too))?\W*)$)"
)  # ("2 xl tshirts please": two of a kind, no place)


def _places_asked_about(text: str, intent: Intent, context: Context) -> list[int]:
    """Two or more places of the list named in one question of each of them ("the 1st and the
    5th, how much each?", "are 2 and 3 the same heel height?", "第一瓶和第二瓶哪个味道淡一点"): those
    places, to be shown side by side; empty when the question names no two places ("这几件哪件是
    纯棉的": of the whole list) or asks which one is more so ("哪个便宜": that one is named)."""
    question = intent in (Intent.price, Intent.details) or (
        intent in (Intent.search, Intent.refine)
        and (_is_question(text) or bool(_PRICE_QUESTION.search(text)) or bool(_ASKED_ZH.search(text)))
    )
    if not question or len(context.shown) < 2 or len(_PLACE_SAID.findall(text)) < 2:
        return []
    if any(pattern.search(text) for pattern, _ in _WHICH_IS_MORE) or not _OF_EACH_PLACE.search(text):
        return []
    places = _compared(text, len(context.shown))
    return places if len(set(places)) >= 2 else []


def _places_priced_together(text: str, context: Context) -> list[int]:
    """Two or more places of the list whose total is asked ("how much for the 1st and the 3rd
    together?", "would the 1st and 2nd together fit in 2500?", "第一个和第三个加起来多少"): those
    places; empty otherwise (a cart's total was shown, or one place's price)."""
    if len(context.shown) < 2 or len(_PLACE_SAID.findall(text)) < 2:
        return []
    if not (_SUM_ASKED.search(text) and _PRICED.search(text)) or _CART_WORD.search(text):
        return []
    places = _compared(text, len(context.shown))
    return places if len(set(places)) >= 2 else []


_SUM_ASKED = _rx(r"\b(?:together|combined|altogether|in total|total)\b|加起来|加一起|一共|总共|合计")
_PRICED = _rx(r"\b(?:how much|hw much|cost|costs|price|fit|fits|come to|comes to|total)\b|多少|几钱|几多钱|价钱")
_CART_NAMED = _rx(r"\b(?:cart|basket|bag)\b")
_CART_WORD = _rx(r"\b(?:add|cart|basket|bag it)\b|购物车|加购|买了|要了")
_ASKED_ZH = re.compile(r"哪[个瓶双件条款只支块副顶]|吗|呢")
# "how much is 3 exactly": the price of that place
_HOW_MUCH_IS_A_PLACE = _rx(
    r"^\W*(?P<ask>how much is|how much for|what'?s the price of)\s+(?:no\.?\s*|#)?(?P<place>[1-9])\b"
    r"(?!\s*(?:k\b|rs|pairs?|pieces?))"
)


def _a_bare_place(read: str, context: Context) -> str:
    """ "5 price" under a list of five is the fifth one's price, "add 5 xl x2" two of the
    fifth in XL: a bare number read as that place of the list (a search of "5" came)."""
    asked = _HOW_MUCH_IS_A_PLACE.match(read) if context.shown else None
    if asked and int(asked.group("place")) <= len(context.shown):
        return f"how much is the {_ORDINAL_WORDS[int(asked.group('place'))]} one{read[asked.end() :]}"
    bare = _BARE_PLACE.match(read) if context.shown else None
    if bare is None or int(bare.group("place")) > len(context.shown):
        return read
    nth = _ORDINAL_WORDS[int(bare.group("place"))]
    rest = read[bare.end() :]
    if bare.group("verb"):
        return f"add the {nth} one in {rest}"
    asked = re.match(r"(?:price|cost|how much|kitne)\b", rest, re.I)
    return f"how much is the {nth} one {rest[asked.end() :]}".strip() if asked else f"the {nth} one in {rest}"


_WITH_THEM = _rx(r"\b(with|w) (them|these|those|all of them|these ones|those ones)\b")
_LISTS = {Intent.search, Intent.refine, Intent.more, Intent.recommend, Intent.similar}


def _pieces_for_a_list(request: ShopperRequest, context: Context) -> ShopperRequest:
    """ "ok and white churidars to pair with them" after a list of kurtas: no one product
    is pointed at, so the pieces named are searched (a look needs the one it goes with)."""
    ask, reference, last = request.outfit, request.reference, context.last_request
    if (
        request.intent is not Intent.outfit
        or ask is None
        or not ask.around_reference
        or not ask.pieces
        or reference is None
        or reference.position is not None
        or reference.superlative is not None
        or len(context.shown) < 2
        or last is None
        or last.intent not in _LISTS
        or not _WITH_THEM.search(request.text)
    ):
        return request
    usages = {n.usage for n in last.needs}
    usage = usages.pop() if len(usages) == 1 else None  # shirts for formal trousers are formal ones
    needs = [
        piece.model_copy(update={"gender": piece.gender or ask.gender, "usage": piece.usage or ask.usage or usage})
        for piece in ask.pieces
    ]
    return request.model_copy(update={"intent": Intent.search, "outfit": None, "reference": None, "needs": needs})


def _size_said(text: str) -> str | None:
    """A size said in a message about something else ("..., she also wears XXL")."""
    return size_in(text, footwear=False) if re.search(r"\b(wears?|size|in)\b", text, re.I) else None


# "再来一条", "one more of that" right after an add: another unit of the piece just added
_ANOTHER_UNIT = _rx(
    r"^\W*((再|还)(来|要|加|买)(一|1)?(条|个|件|双|只|份|套)(吧|呗|哈|吧谢谢)?|"
    r"(?:(?:and|n|&|plus|oh)\s+)?(one more|1 more|another (one|pair|piece))( of (it|that|those|these|the same))?"
    r"( please| pls| plz)?)\W*$"  # "n 1 more of the same"
)
# "鞋换一双吧", "裤子换一条": after a look, other pieces of that kind
_ZH_OTHER_PIECE = re.compile(
    r"([\u4e00-\u9fff]{1,4}?)(?:再)?换(?:一|个)?[双条件个款顶副]|"
    r"^\W*([a-z]+)\s+[^a-z]{0,8}?换(?:一|个)?[双条件个款顶副]|"  # "shoes 不太好看 换一双"
    # "鞋子有点普通 换一双": the piece said, then what is wrong with it, then another
    r"^\W*([\u4e00-\u9fff]{1,3}?)子?(?:有点|太|不太|真的|好|挺)[\u4e00-\u9fff]{1,4}[\s，,]*(?:再)?换(?:一|个)?[双条件个款顶副]"
)
# "算了 删掉吧" right after an add: that one out again
_TAKE_IT_OUT = _rx(
    # "算了还是不要了 删掉吧"
    r"^\W*(?:(?:算了|还是|那就|那|先)\W*)*(?:(?:删掉|删了|去掉|拿掉|不要了)(?:吧|啦|了)?\W*)+$|"
    r"^\W*(?:(?:nvm|never ?mind|actually|nah|hmm+|ok|sorry)\W+)*(?:scrap|cancel|ditch|drop|remove|delete) "
    r"(?:it|that|this|that one)\b(?!.*\b(?:add|instead|swap|put|and|but)\b)"
)


# Something to carry a phone in, said without naming it: a pouch
_FOR_MY_PHONE = _rx(
    r"\b(?:something|smthng|smth|sth|a thing|anything)\s+to\s+(?:keep|carry|hold|put)\s+(?:my\s+|the\s+)?"
    r"(?:phone|mobile|cell)(?:\s+in)?\b"
)
_FOR_THE_FEET = _rx(r"\b(?:for|on) (?:my|his|her|the) feet\b")
# A greeting that opens a message: "good evening" says when it was written, not what to wear
_GOOD_DAY = _rx(r"^\W*(?:(?:hi|hello|hey|dear|namaste)\W+)*good (?:morning|afternoon|evening|day)\b")
# "can i put them in the washing machine?": how to wash what was shown, no machine asked for
_IN_THE_WASH = _rx(r"\b(in|into) (the |a )?washing machine|洗衣机(洗|里)")
# "what all should i get", "suggest me stuff": anything worn for the occasion said
_ANYTHING_FOR_IT = _rx(
    r"\b(stuff|things|something|anything|what all|what (should|shud|do|can) i (buy|get|wear)|suggest me|"
    r"what to (buy|get|wear)|kya kya|what (all )?(do|would|will) i need)\b|"
    r"买点啥|买什么|穿什么(?![码号])|穿啥(?!码)|啥穿|准备点?(啥|什么)"
)
# "actually make it L", "change it to xl pls", "L instead": another size, for the search just
# shown (a letter size, said with a verb) or for the item just added to the cart
_MAKE_IT_SIZE = _rx(
    r"^\W*(((?P<actually>actually|on second thought)|ok|okay|k|and|hmm+|no|nah|sorry|wait|oh|pls|please)\W+)*"
    r"((?P<verb>make (it|that|them|this)|change (it |that )?to|switch to|get (it|that) in|in|"
    r"show(?: me)?(?: (?:it|them))?(?: in)?)\s+)?(a |size |a size )*"
    r"(?P<size>xxl|2xl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{1,2})"
    r"(\W*(?P<instead>instead|actually|too|as well|also)|\W*(pls|please|then|just in case))*"
    # "actually L, he's been hitting the gym": the size, and why
    r"(\W*$|\s*[,;.!-]+\s*(he|she|i|i'?m|i'?ve|they|we|as|cos|coz|cuz|because|bc|since)\b.*$)"
)


_BOTH_OF_THEM = _rx(
    r"\b(both|them both|both of them|the two|those two|these two)\b|"
    r"两[个瓶双件条款只支块副顶套]?(?:都|一起)|这两[个瓶双件条款只支块副顶套]"
)
_NAMED_FIT = _rx(r"\b(slim|skinny)[- ]?fit\b")
_HAS_A_FEATURE = _rx(r"\b(?:got|has|have)\b.{1,30}\bor not\b")  # Singapore English: "does it have"
_SIZE_WORD_ALONE = _rx(
    r"^\W*(?:(?:ok|okay|and|in|size)\s+)*(extra\s+small|extra\s+large|small|medium|large)\s*(?:size)?\s*"
    r"(?:please|pls|plz|then|only)?\W*$"
)


def _size_for_the_search(text: str, context: Context) -> ShopperRequest | None:
    """A size said for the search just shown, nothing added to the cart since."""
    last = context.last_request
    word = _SIZE_WORD_ALONE.match(text)
    if word and last is not None and last.intent in (Intent.search, Intent.refine) and context.has_search:
        need = ProductNeed(text="", size=SIZE_WORDS[" ".join(word.group(1).lower().split())], confidence=1.0)
        return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.9)  # "large please"
    said = _MAKE_IT_SIZE.match(text)
    if said is None or not (said.group("verb") or said.group("actually") or said.group("instead")):
        return None  # "make it L", "actually L", "L instead": a size with a verb; "M" alone answers a question
    if last is None or last.intent not in (Intent.search, Intent.refine) or not context.has_search:
        return None
    if not said.group("size").isalpha() and not _a_shoe_size_of_shoes_shown(said.group("size"), context):
        return None  # "in 7" of shoes shown: UK7 (not of a list of shirts, where "7" is no size)
    need = ProductNeed(text="", size=_size_label(said.group("size")), confidence=1.0)
    return ShopperRequest(intent=Intent.refine, text=text, needs=[need], confidence=0.9)


def _a_shoe_size_of_shoes_shown(said: str, context: Context) -> bool:
    """Whether a number said alone ("ok and in 7?", "uk 10 too") is a UK shoe size of the shoes shown."""
    number = re.sub(r"^uk\s*", "", said.lower())
    footwear = bool(context.shown) and all(p.category == "Footwear" for p in context.shown)
    return footwear and number.isdigit() and 3 <= int(number) <= 13


_LETTER_SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
_NEW_PIECE_WITH_IT = _rx(r"\b(want|need|buy|get|looking for)\s+(a|an|one)\b.*\bwith (it|this|that)\b")
_NUMBER_DROPPED = re.compile(NUMBER_DROPPED)
_SAME_ONE = _rx(
    r"一样的|同样的|^\W*同一[个件双条款只套支块副瓶顶]|\bthe same one\b|\bsame again\b|^\W*\+\s*1\b|"
    r"\bone more (?:of (?:the same|that|it)|same)\b|"
    r"\b(?:add|throw in|put in|get me|get) (?:another|one more|1 more)(?: one| pair| piece)?\b(?! of the)"
)  # "再加一个一样的", "one more of the same", "add another one pls": the one in hand
# A care product the store sells, asked for by name: a product, not care advice
_CARE_PRODUCT = _rx(r"\b(shoe|sneaker) (cleaner|polish|brush|care kit|laces)\b")
# "大一码的呢", "one size up", "a size smaller": the search shown, a size up or down
_SIZE_STEP = _rx(
    r"^\W*(?:(?:and|ok|hmm|maybe)\s+)?(?:(?P<up>(?:one|a) size (?:up|bigger|larger))|(?:one|a) size (?:down|smaller))"
    r"(?:\s+(?:pls|please|then|instead))?\W*$|^\W*(?:换|要)?(?P<zh>[大小])一(?:码|号)(?:的)?(?:呢|吧|有吗|有没有)?\W*$"
)


# "she says 6 pinches, show 7 instead" after shoes in UK6: that shoe size, not seven products
_SHOE_SIZE_INSTEAD = _rx(r"\b(?:show|try|get|need|want)?\s*(?:me\s+)?(?:a\s+|size\s+|uk\s*)?(?P<n>\d{1,2})\s+instead\b")


def _a_size_step(text: str, context: Context) -> ShopperRequest | None:
    """A size up or down from the one the search shown filters on (UK9 -> UK10, M -> L)."""
    step = _SIZE_STEP.match(text)
    size = context.searched_size
    other = _SHOE_SIZE_INSTEAD.search(text) if size and size.startswith("UK") and context.has_search else None
    if other and 1 <= int(other.group("n")) <= 14 and f"UK{int(other.group('n'))}" != size:
        return ShopperRequest(
            intent=Intent.refine, text=text, needs=[ProductNeed(text="", size=f"UK{int(other.group('n'))}")]
        )
    if step is None or not context.has_search:
        return None
    if size is None:  # no size searched to step from: the same search, not a guess at what was meant
        return ShopperRequest(intent=Intent.refine, text=text, needs=[ProductNeed(text="")], confidence=0.5)
    up = 1 if step.group("up") or step.group("zh") == "大" else -1
    if size.startswith("UK") and size[2:].isdigit():
        stepped: str | None = f"UK{int(size[2:]) + up}"
    else:
        at = _LETTER_SIZES.index(size) + up if size in _LETTER_SIZES else -1
        stepped = _LETTER_SIZES[at] if 0 <= at < len(_LETTER_SIZES) else None
    if stepped is None:
        return None
    return ShopperRequest(intent=Intent.refine, text=text, needs=[ProductNeed(text="", size=stepped)], confidence=0.9)


# "is it long lasting?", "does that come with dupatta?": a yes-no question about the product in hand
_ABOUT_IT = _rx(
    r"^\W*((and|so|but|ok|okay|hmm+|also)\W+)*(is|does|will|would|can|could|do|are) (it|that|this|they|those)"
    r"( one| pair)?\b[^?]*\??\s*$|"  # a question by its word order, asked with or without "?"
    # "and what's it made of?", "what fabric is it"
    r"^\W*((and|so|but|ok|okay|hmm+|also)\W+)*(?:what'?s|whats|what is) (it|that|this)( one)? made (of|from)\W*$|"
    r"^\W*((and|so|but|ok|okay|hmm+|also)\W+)*what (material|fabric)( is| 's)? (it|that|this)( one)?\W*$|"
    # "hows the rating on that one", "what are its reviews like"
    r"^\W*((and|so|but|ok|okay|hmm+|also)\W+)*(how'?s|how is|what'?s|what is|what are) (the |its )?(rating|ratings|"
    r"reviews?|stars)( like)?( on| of| for)?( it| that| this)?( one| pair)?( like)?\W*$"
)


def _about_the_one_in_hand(text: str, context: Context) -> ShopperRequest | None:
    """A yes-no question about the product in focus that sets no constraint (no colour,
    size, price or person): what the catalog says of it, not a new search."""
    if context.focus is None or not _ABOUT_IT.match(text):
        return None
    f = parse_query(text).filters
    plated = bool(_PLATED.search(text))  # "is that gold plated or oxidised": its finish, no colour asked
    if (f.colour and not plated) or f.size or f.price_max or f.price_min or f.gender or f.exclude_colours:
        return None
    return ShopperRequest(
        intent=Intent.details, text=text, reference=Reference(pronoun=True, confidence=0.8), confidence=0.8
    )


_PLATED = _rx(r"\b(?:gold|silver|rose gold|rhodium)[ -]?(?:plated|plating|tone|toned|polish|finish)\b|\boxidi[sz]ed\b")


# "does the second one come in other colours?", "is it available in black too?", "这件有别的颜色吗"
_ANOTHER_COLOUR = _rx(
    r"\b(?:other|different|diff|another|more|any other) colou?rs?\b|(?:别的|其他|其它|其他的)颜色|别的色"
)
_COMES_IN = _rx(
    r"\b(?:come|comes|available|avail|have|got|get|stock|make|makes|carry|sell|there)\b[^.?!]{0,40}?\bin\b|"
    r"\bin [a-z]+(?: [a-z]+)? (?:available|avail|in stock)\b|"  # "3rd one in navy avalable?"
    r"\bin (?:an?\s+)?(?:other|different|diff|diffrent|another) colou?rs?\b|"  # "the 3rd one in a different colour?"
    r"^\W*(?:any|anything)\b|[有出].{0,6}(?:色|颜色)|"
    # "similar to #2 but black?", "same as the first but in black", "same sort of look in green?"
    r"\b(?:like|similar to|same as)\b[^.?!]{0,30}?\bbut\b|"
    r"\bsame (?:sort of |kind of |kinda |type of )?(?:look|thing|style|design|one|pattern)\b[^.?!]{0,12}?\bin\b|"
    r"(?:差不多|一样|类似)[^。？?！!]{0,10}?(?:色|颜色)"  # "跟第一条差不多 但是要蓝色的"
)
# "do you have the 4th in black", "3rd in blk?", "4th wala pink me hai kya": that kind, in that colour
_PLACE_IN_A_COLOUR = _rx(
    r"(?:^\W*|\bthe )(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)(?: one| wala| wali| 1)?"
    r"\s+(?:in\s+[a-z]+|[a-z]+\s+(?:me|mein|main))\b"
)
_ONE_PRODUCT = _rx(
    r"\b(?:it|this|that)\b(?! (?:\w+ )?(?:colou?rs?|shades?)\b)|\b(?:this|that|the \w+) one\b|"
    r"^\W*(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last) one\b|"
    r"#\s?\d\b|\bno\.\s?\d\b|\bnumber \d\b|"
    r"\b(?:to|as) the (?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b|"
    r"[这那][个款件条双]|它|第.[个款件条双]"
)


def _first_sentence_matching(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern`` matched from the start of one sentence of ``text`` ("any of them in cotton? cant
    do synthetic in this heat": the question, the reason after it left)."""
    for start, end in _sentences_at(text):
        found = pattern.match(text[start:end].strip())
        if found:
            return found
    return None


def _sentences_at(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (split after . ! ? and their Chinese forms)."""
    bounds = [0, *(m.end() for m in re.finditer(r"[.!?。！？]+\s*", text)), len(text) + 1]
    return [(start, end) for start, end in itertools.pairwise(bounds) if start < end]


def _in_another_colour(text: str, context: Context) -> ShopperRequest | None:
    """ "does the second one come in other colours?", "is it available in black too?": the
    one product asked about, in other colours (the catalog lists each colour as its own
    product, so: ones like it in those colours), not a new search of every colour."""
    comes = _COMES_IN.search(text)
    if not (context.shown or context.focus) or not comes:
        return None
    # the sentence that asks: "any in blue? it's her favourite" points at no product
    asked = next(s for s in _sentences_at(text) if s[0] <= comes.start() < s[1])
    reference = _reference(text[asked[0] : asked[1]]) if _ONE_PRODUCT.search(text[asked[0] : asked[1]]) else None
    if (reference is None or reference.pronoun) and asked[0] > 0:  # "the first one's gorgeous.. same look in green?"
        said = _reference(text[: asked[0]]) if _ONE_PRODUCT.search(text[: asked[0]]) else None
        reference = said if said is not None and said.position is not None else reference
    if reference is None or not (reference.position is not None or reference.pronoun):
        return None
    if reference.pronoun and re.search(r"\b(?:these|those|them|they|any of)\b", text, re.I):
        return None  # the whole list: a refine of the search
    if reference.pronoun and re.search(r"\b(?:that|this|the same|same)\s+(?:budget|price|range)\b", text, re.I):
        return None  # "anything black in that budget?": the search, in black
    named = as_list(parse_query(text).filters.colour)
    by_colour = _colour_position(text, context.shown) if reference.pronoun else None
    if by_colour is not None:  # "the grey one's cute but do u have that kinda thing in pink": the grey one, in pink
        reference = Reference(position=by_colour, confidence=0.9)
        named = [c for c in named if c != context.shown[by_colour - 1].colour]
    other = bool(_ANOTHER_COLOUR.search(text))
    if not named and not other:
        return None
    return ShopperRequest(
        intent=Intent.similar,
        text=text,
        reference=reference,
        needs=[ProductNeed(text="", colours=named)] if named else [],
        other_colours=other and not named,
        confidence=0.85,
    )


# "nvm remove it, add no. 5 instead", "swap it for the 3rd one", "删掉它, 换成第5个"
_REMOVE_A_PLACE = _rx(
    r"^\W*(?:(?:ok|okay|actually|hmm+|wait|no)\W+)*(?:remove|delete|drop|take out)\s+(?:the\s+)?"
    r"(?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)\b"
)
_SWAP_IN_CART = _rx(
    r"\b(?:remove|delete|drop|take out|take off)\b(?:\s+(?:it|that|this)(?: one)?)?\W+(?:and\s+|n\s+|&\s*)?"
    r"(?:add|put|get|give me|gimme|i'?ll take|take|(?:i'?ll\s+)?go with|i'?ll have)\b(?P<rest>.*)$|"
    r"\b(?:swap|replace|switch|change|exchange)\s+(?:it|that|this)(?: one)?\s+(?:for|with|to)\b(?P<rest2>.*)$|"
    # "swap the black one in my cart for the first navy one", "replace the white pair with the 2nd pink one"
    r"\b(?:swap|replace|switch|exchange)\s+(?:the|my|that|this)\b[^.?!;]{0,40}?\s+(?:for|with)\b(?P<rest5>.*)$|"
    r"(?:删掉|删了|去掉|不要)(?:它|这个|那个)?\W*(?:换成|改成|换|加)(?P<rest3>.*)$|"
    # "I wanted number 3, not number 4", "i meant the 2nd one not the 1st"
    r"\b(?:i\s+)?(?:wanted|meant|want|need)\s+(?P<rest4>(?:the\s+)?(?:number\s+|no\.?\s*|#)?"
    r"(?:\d(?:st|nd|rd|th)?|first|second|third|fourth|fifth|last)(?:\s+one)?)\s*,?\s+not\b"
)


# Right after an add, another pick "instead": "on second thought take the cheapest one instead"
_INSTEAD_OF_THE_ADDED = _rx(
    r"^\W*(?:(?:actually|ok|okay|hmm+|nah|no|wait|sorry|on second thoughts?|hmm on second thoughts?)\W+)*"
    r"(?:take|gimme|give me|get|i'?ll take|i'?ll go with|go with|i'?ll have|i want|make it)\s+"
    r"(?P<rest>.*\binstead\b.*)$|"
    # "on second thoughts the 1st one is more her colour. swap it", "not that one, the 2nd. swap pls"
    r"^(?P<rest2>.*\b(?:1st|2nd|3rd|[45]th|first|second|third|fourth|fifth|last)\b.*?)\W+"
    r"(?:swap|switch|change|exchange)(?:\s+(?:it|that|them|pls|please|plz))*\W*$"
)


# "nah just keep the first, bin the other": every cart line but the one named comes out
_KEEP_ONLY = _rx(
    r"\b(?:just |only )?keep (?:just |only )?(?:the )?(?P<place>(?:1st|2nd|3rd|[45]th|first|second|third|fourth|fifth|"
    r"last|cheaper|cheapest|priciest|pricier)(?: one| pair)?)\b.*\b(?:bin|remove|drop|ditch|delete|lose|scrap|toss|"
    r"take out|get rid of) (?:the )?others?(?: ones?| pairs?)?\b"
)


def _keep_only(text: str, context: Context) -> ShopperRequest | None:
    """ "just keep the first, bin the other": the cart keeps the product named, by its place
    in the list shown or as its cheapest or priciest, and nothing else."""
    match = _KEEP_ONLY.search(text) if context.shown else None
    if match is None:
        return None
    reference = _pick_named(match.group("place").lower())
    if reference is None:
        return None
    return ShopperRequest(intent=Intent.cart_remove, text=text, reference=reference, keep_only=True, confidence=0.9)


def _pick_named(said: str) -> Reference | None:
    """The product of the list a cart edit names: by its place, or as the cheapest, priciest
    or best rated of the list."""
    sort = next((v for pattern, v in _SORTS if pattern.search(said)), None)
    reference = _reference(said) or (_superlative_reference(sort) if sort else None)
    if reference is None or (reference.position is None and reference.superlative is None):
        return None
    return reference


def _swap_in_cart(text: str, context: Context) -> ShopperRequest | None:
    """One item out of the cart and one from the list in, in one message: a cart add that
    replaces the item in focus, when the one to add is named by its place in the list or as
    the cheapest, priciest or best rated of it ("swap it for the cheapest one instead")."""
    last = context.last_request
    if last is not None and last.intent is Intent.outfit and not _CART_NAMED.search(text):
        return None  # "the saree is too costly, swap it for a cheaper one and keep the rest": a look edited
    match = _SWAP_IN_CART.search(text) if context.shown else None
    if match is None and context.shown and last is not None and last.intent is Intent.cart_add:
        match = _INSTEAD_OF_THE_ADDED.match(text)
    if match is None:
        return None
    groups = match.groupdict()
    reference = _pick_named(
        next((groups[g] for g in ("rest", "rest2", "rest3", "rest4", "rest5") if groups.get(g)), "")
    )
    if reference is None:
        return None
    return ShopperRequest(intent=Intent.cart_add, text=text, reference=reference, swap_out=True, confidence=0.9)


def _left_out_of_look(ask: OutfitAsk, turned_down: ProductNeed, text: str) -> bool:
    """ "skip the accessories", "no heels": that kind out of the look; whether one was named."""
    if _ACCESSORIES.search(text):
        ask.excluded = list(dict.fromkeys([*ask.excluded, ACCESSORIES]))
        return True
    kinds = turned_down.article_types
    footwear = turned_down.sub_category in FOOTWEAR_SUB_CATEGORIES or turned_down.category == "Footwear"
    if not kinds and footwear:  # "drop the shoes": whichever shoes the look has
        kinds = sorted(_FOOTWEAR_TYPES)
    if turned_down.confidence < 1.0 or not kinds:
        return False
    ask.excluded = list(dict.fromkeys([*ask.excluded, *kinds]))
    ask.pieces = [
        p
        for p in ask.pieces
        if _kinds(p).isdisjoint(kinds) and not (footwear and p.sub_category in FOOTWEAR_SUB_CATEGORIES)
    ]
    return True


def _zh_other_piece(text: str) -> str | None:
    """The piece a Chinese look edit asks another of ("鞋换一双吧": the shoes)."""
    match = _ZH_OTHER_PIECE.search(text)
    return next((g for g in match.groups() if g), None) if match else None


_GENERIC_ASK = _rx(
    r"\b(and|also|a|an|some|the|what|which|would|could|can|will|do|does|i|we|need|want|get|me|to|pls|please)\b"
)
_ANYTHING = _rx(r"\b(something|sth|smth|smthng|anything|gifts?|present|stuff|ideas?|suggest\w*)\b")


# "forget the budget", "any colour is fine", "brand doesn't matter": a constraint let go of
_LET_GO: dict[Constraint, re.Pattern[str]] = {
    "price": _rx(
        r"\b(forget|ignore|drop|skip|scrap|never ?mind|nvm) (the |my |about the )?(budget|price( limit)?)\b|"
        r"\b(budget|price)( is)? (no bar|not an issue|no issue|doesn'?t matter|does not matter|no problem)\b|"
        r"\bno budget\b|\bany (budget|price)\b|预算不限|不限预算|价格无所谓|"
        r"不要?限制?价格|不限价格|价格不限|不管价格|不用管价格"  # "算了不要限制价格了"
    ),
    "colour": _rx(
        r"\bany colou?rs?( is| are| will| would)? (fine|ok|okay|good|do|works?)\b|"
        r"\bcolou?rs? (doesn'?t|does not|don'?t|do not) matter\b|"
        r"\b(forget|ignore|drop|skip|never ?mind|nvm) (the |that )?colou?rs?\b|\bany colou?r\b|"
        r"颜色无所谓|颜色都行|什么颜色都"
    ),
    "brand": _rx(
        r"\bany brand\b|\bbrand (doesn'?t|does not) matter\b|\b(forget|ignore|drop|skip) (the )?brand\b|"
        r"品牌无所谓|什么牌子都"
    ),
    "size": _rx(r"\bany size\b|\b(forget|ignore|drop|skip) (the )?size\b"),
    # "hmm forget the slim part", "cotton isnt a must", "fabric doesn't matter": the words a title had to have
    "terms": _rx(
        r"\b(forget|ignore|drop|skip|scrap|never ?mind|nvm) (the |about the )?(?!colou?r|budget|price|brand|size)"
        r"[a-z]+ (part|bit|thing)\b|"
        r"\b(fabric|material|fit|style) (doesn'?t|does not|don'?t) matter\b"
    ),
}


# "show those again", "bring them back", "the 1500 wale were fine", "go back to the blue ones"
_BACK_AGAIN = _rx(
    r"\b(?:show|bring|get|give)(?: me)? (?:those|thos|them|these|the \w+ ones?|the (?:first|earlier|previous|old|"
    r"other) (?:list|lot|ones?))(?: \w+)? (?:again|back)\b|"
    r"\b(?:those|thos|them|the \w+ ones?|\w+ ones) again\b|\bbring (?:them|those|it|that) back\b|"
    r"\b(?:were|was) (?:better|nicer|fine|good|okay|ok|best)\b|"
    r"\bgo(?:ing)? back to\b(?! (?:my |the )?(?:card|account|bank))|"
    # (not "the refund goes back to my card")
    r"\bback to (?:the|my|mine|his|her)\b(?! (?:card|account|bank|upi|wallet|original|source|payment))|"
    # "ok wapas bhai ke kurte pe", "回到女儿的裙子": back to what was asked before
    r"\b(?:wapas|vapas)\b(?=[^.?!]{0,30}\b(?:pe|par|per)\b)|回到|"
    r"\bthe (?:first|earlier|previous|old) (?:list|lot|ones)\b|刚才的|之前的那|前面那|"
    r"回到刚才|回到之前|刚才那些|之前那些|之前那|最开始那|最开始的|一开始那|一开始的|"
    # "can u pull up those watches again", "the dresses again please, the ones from the start",
    # "the gold ones from earlier", "saree wali list fir se dikhao", "shirts wapas dikhao"
    r"\b(?:pull up|bring up)\b[^.?!]{0,30}\bagain\b|"
    r"\b(?:those|thos)\s+(?:[a-z]+\s+){1,2}again\b|"
    r"\bthe ones? from (?:before|earlier|the start|the beginning|the first list)\b|"
    r"\b(?:fir ?se|phir ?se|wapas|vapas) (?:dikhao|show)\b"
)


# "shoes again, under 2500", "show track pants again", "牛仔裤那个 要黑色的", "背包那邊": a kind named
# again (only read so when the kind was searched before and is not the one shown now)
_KIND_AGAIN = _rx(
    r"^\W*(?:(?:ok|okay|hmm|now|so|and)\W+)*(?:show\s+(?:me\s+)?)?(?:the\s+|my\s+)?[a-z]+(?:\s+[a-z]+)?\s+again\b|"
    r"^\W*[\u4e00-\u9fff]{1,4}(?:那个|那邊|那边|那些|那條|那条)"
)


_ETHNIC_WEAR = _rx(r"\b(ethnic|traditional|desi|indian) (wear|clothes|outfit|dress|attire)\b")
_NO_THEN_BETTER = _rx(
    r"^\W*(?:nah|hmm+|ok|oh)?\W*no\W+[a-z]+ (?:ones? )?(?:were|was) (?:better|nicer|fine|good|best)\b"
)


def _let_go(text: str) -> list[Constraint]:
    """The constraints of the last search a message lets go of."""
    return [kind for kind, said in _LET_GO.items() if said.search(text)]


def _for_someone_beside(said: str | None, context: Context, for_myself: bool = False) -> bool:
    """Whether the message says the things are for someone other than whom the product in
    hand is for (a man's kurta "to match" a woman's saree; "something matching for myself"
    after a child's dress): pieces worn by another person are no piece of a look. Only a
    person said counts, not one a kind implies."""
    anchor = context.focus or (context.shown[0] if context.shown else None)
    if anchor is not None and for_myself and said is None and anchor.gender in ("Boys", "Girls"):
        return True
    return bool(anchor and said in _WHOSE_LOOK and anchor.gender in _WHOSE_LOOK and said != anchor.gender)


_WHOSE_LOOK = frozenset({"Men", "Women", "Boys", "Girls"})


def _attributes_only(request: ShopperRequest, text: str) -> bool:
    """Whether a message for someone names only colours, a price or a size and no kind,
    nor asks for anything at all ("for my dad silver or steel around 5k"): the things shown
    for them, so the search goes on."""
    described = any(n.colours or n.price or n.size for n in request.needs)
    return described and not any(n.has_product() for n in request.needs) and not _ANYTHING.search(text)


def _for_someone_only(text: str) -> bool:
    """Whether a message says only whom it is for ("now for boys, for her brother",
    "再看看男孩的"): every word a person, a filler or a word of looking again."""
    filtered = parse_query(text)
    said = {phrase for kind, phrase, _ in filtered.recognised if kind in ("gender", "pronoun")}
    rest = [w for w in re.findall(r"[a-z]+", filtered.text.lower()) if w not in _ELLIPSIS_FILLER | _PERSON_FILLER]
    leftover = re.sub(
        r"[\W\d_a-zA-Z]|再|看看|也|的|给|她|他|呢|吧|要|买|来|点|一下|那|还有|有没有|不对|是|岁|我|穿|学校|上学|[一二三四五六七八九十]",
        "",
        filtered.text,
    )  # "不对不对 是给我儿子买的 他十岁": the person corrected
    return bool(said) and not rest and not leftover


_PERSON_FILLER = frozenset(
    "now also for my her his their show me some too as well instead wait actually oh oops sorry it its s is a an "
    "he she wears wear years yrs yr old n nd what wat about abt how make not me hes shes btw umm um i asked said "
    "meant no nope ok okay hmm so pls please lol these those ones one they them are "
    # "oh sorry i shld have said, it's for my niece", "hold on, mixed up my lists. it's for my nephew who just
    # turned 15, he wears adult S": a person corrected, with the words around a correction
    "should shld have should've shouldve hold on mixed up lists list my bad mistake forgot to mention who just "
    "turned adult".split()
)


def _size_label(said: str, footwear: bool = False) -> str:
    """The catalog's label of a size said alone: "m" is M, "2xl" XXL, "uk 9" and "9" UK9;
    of shoes, "39" is a European size (UK6)."""
    said = re.sub(r"\s+", "", said.lower())
    if footwear and said.isdigit() and int(said) in EU_TO_UK:  # "39码" of sports shoes
        return f"UK{EU_TO_UK[int(said)]}"
    if said.isdigit() or said.startswith("uk"):
        return "UK" + said.removeprefix("uk")
    return SIZE_WORDS.get(said, said.upper())


def _a_count(said: str, context: Context) -> bool:
    """Whether a number said of the item just added counts pieces, not a size: no size is
    below 5, and a one-size item has no other."""
    one_size = bool(context.focus and set(context.focus.stock) <= {"One Size"})
    return said.isdigit() and (int(said) < 5 or one_size)


_AND_THE_KIND = _rx(
    r"^\W*(?:and|also|plus|n|&)\s+(?:the|that|those|its|it'?s)\s+(?P<kind>[a-z][a-z ]{2,25}?)\s*"
    r"(?:too|also|as well|pls|please)?\W*$"
)


_SUPERLATIVE_OF_SORT: dict[str, Superlative] = {
    "price_asc": "cheapest",
    "price_desc": "priciest",
    "rating_desc": "best_rated",
}


# "any with lights?", "do any of these have a hood", "got any with velcro": a feature asked of the list
_ANY_WITH = _rx(
    r"^\W*(?:ok |okay |so |and |hmm |also )?(?:(?:do|does) (?:any|u have any|you have any)(?: (?:one )?of "
    r"(?:these|those|them))? (?:have|has|come with)|(?:got |have |do u have |do you have )?any(?: ones?)?"
    r"(?: of (?:these|those|them))? (?:with|that (?:have|has)|having)|anything with) (?:a |an |some |the )?"
    r"(?P<what>[a-z]{3,}(?: [a-z]{3,})?)\W*$|"
    # "any of them in cotton?", "are any of these leather", "which of these have a leather strap"
    r"^\W*(?:ok |okay |so |and |hmm |also )?(?:are |is )?(?:any|which)(?: ones?)? of (?:these|those|them|em) "
    r"(?:(?:are |is )?(?:in|made of|made from|of)|have|has|are|come in|got) (?:a |an |some |the )?"
    r"(?P<what2>[a-z]{3,}(?: [a-z]{3,})?)\W*$"
)
# "这几件哪件是纯棉的", "这几个有男女通用的吗": what the list is asked to have, in the titles' words
_ZH_FEATURE_WORDS = {
    "纯棉": "cotton",
    "全棉": "cotton",
    "棉": "cotton",
    "真皮": "leather",
    "皮": "leather",
    "男女通用": "unisex",
    "中性": "unisex",
    "防水": "waterproof",
}
_ANY_WITH_ZH = re.compile(
    r"(?:这几[件个款双条只块副]|这些|里面|其中)(?:里|里面|中)?[^，,。？?]{0,6}?(?P<what>"
    + "|".join(sorted(_ZH_FEATURE_WORDS, key=len, reverse=True))
    + ")"
)
_SHADE_WORDS = frozenset({"light", "dark", "deep", "pale", "bright"})
_NOT_A_FEATURE = frozenset(
    "discount discounts offer offers sale cod stock size sizes free delivery warranty guarantee rating ratings "
    "reviews pics pictures photos".split()
)


def _it_of_two_compared(request: ShopperRequest, context: Context) -> None:
    """ "ok add it in 8" right after "1st vs 2nd?": either of those, so which is asked back
    (a comparison that named one, "which is cheaper, 1 or 3?", or found one both the cheapest and
    the best rated, made that one the product in hand)."""
    last, reference = context.last_request, request.reference
    if request.intent is not Intent.cart_add or reference is None or not reference.pronoun or request.positions:
        return
    if last is None or last.intent is not Intent.compare or last.reference is not None or len(last.positions) < 2:
        return
    said = request.text
    if any(p.search(said) for p, _ in _COMPARATIVE_ONE) or any(p.search(said) for p, _ in _WHICH_IS_MORE):
        return  # "ok just add the cheaper of those two": that one
    if _names_an_order(said):
        return
    compared = [context.shown[i - 1] for i in last.positions if 0 < i <= len(context.shown)]
    if compared and superlative_of(compared, "cheapest").id == superlative_of(compared, "best_rated").id:
        return  # the comparison named one the cheapest and the best rated: "it" is that one, in hand
    request.reference = Reference(among=last.positions, confidence=0.5)


# "does it last the whole day?", "will they stretch?": a yes-or-no question about the one in hand
_YES_OR_NO_OF_IT = _rx(
    r"^\W*(?:(?:and|but|so|ok|okay|hmm|also)\s+)*(?:does|do|will|would|can|could|did|is|are)\s+"
    r"(?:it|they|this|that|this one|that one)\b(?!\s+(?:have|has|come|comes|got)\b)"
)
_ASKS_THE_STORE_OF_IT = _rx(
    r"\b(?:reach|deliver|delivery|arrive|ship|return|exchange|refund|original|genuine(?! leather)|authentic|fake|"
    r"first copy|warranty|guarantee|cod|emi|gift ?wrap)\w*"
)
# "fits a 15.6 inch laptop?" right after one was named
_FITS_A_THING = _rx(r"^\W*(?:fits?|holds?|suits?|takes?)\s+(?:a|an|my|the)\b[^.!]*\?\s*$")


def _one_was_named(context: Context) -> bool:
    """Whether the last turn was about one product (the best rated, the one asked about), not a list."""
    last = context.last_request
    named = last is not None and (last.intent in _ABOUT_ONE or last.reference is not None)
    return context.focus is not None and named


_ABOUT_ONE = (Intent.compare, Intent.details, Intent.price, Intent.stock)
# "买了不喜欢能退吗" with one product in hand: a return asked of it (its kind may not be returnable)
_RETURN_ASKED_ZH = re.compile(r"(?:能|可以|可不可以|能不能|支持)退|退(?:货|吗|不了|得了)|退换")
_OF_ANY_PRODUCT_ZH = re.compile(r"你们|一般|所有|大部分|其他|别的|东西都|商品都")


def _returns_of_the_one_in_hand_zh(request: ShopperRequest, context: Context) -> None:
    """A Chinese return question after one product was named (the best rated, the one asked
    about): about that one, as "can I return it?" is (no pronoun is said in Chinese)."""
    if request.intent is not Intent.store_info or request.reference is not None or not _one_was_named(context):
        return
    text = request.text
    if _CJK.search(text) and _RETURN_ASKED_ZH.search(text) and not _OF_ANY_PRODUCT_ZH.search(text):
        request.reference = Reference(pronoun=True, confidence=0.6)


def _superlative_asked_of(request: ShopperRequest, context: Context) -> None:
    """ "the cheapest one, can i return it if i dont like it?": a store question about the
    cheapest product shown (the words read as a sort, the question about the one in focus)."""
    if request.intent is not Intent.store_info or not context.shown or request.sort not in _SUPERLATIVE_OF_SORT:
        return
    if request.reference is None or (request.reference.pronoun and request.reference.position is None):
        request.reference = Reference(superlative=_SUPERLATIVE_OF_SORT[request.sort], confidence=0.8)
        request.sort = None


# Places in the list with a size and nothing asked ("2nd and 4th in M pls", "the 1st one in uk 8 please"): an
# add, as the size says which (a question, "2nd in M?", asks the stock)
_PLACES_IN_A_SIZE = _rx(
    r"^\W*(?:(?:ok|okay|then|so)\W+)?(?:the\s+)?(?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)"
    r"(?:\s+(?:one|pair))?(?:\s*(?:,|and|&|n)\s*(?:the\s+)?(?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)"
    r"(?:\s+(?:one|pair))?)*\s+in\s+(?:size\s+)?(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2})\s*(?:pls|please|plz|thanks|thx)\s*[.!]*$"
)


def _places_sized_as_an_add(read: str, context: Context) -> str:
    """ "2nd and 4th in M pls" under a list: those, into the cart, in M."""
    return f"add {read}" if context.shown and _PLACES_IN_A_SIZE.match(read) else read


def _after_an_add(text: str, context: Context) -> ShopperRequest | None:
    """Right after an add to the cart: a size said alone completes it when the assistant
    asked which size (after an add that went through it is only a size), "actually make it
    XL" changes the size of the one added, "删掉吧" takes it out again (also after a store
    question about it: "内裤可以退吗", then "那算了 先删掉吧")."""
    last = context.last_request
    if last is not None and last.intent is Intent.store_info and _TAKE_IT_OUT.match(text):
        return ShopperRequest(
            intent=Intent.cart_remove, text=text, reference=Reference(pronoun=True, confidence=0.7), confidence=0.7
        )
    if last is None or last.intent is not Intent.cart_add:
        return None
    alone = (
        (_SIZE_ALONE.match(text) or _SIZE_AT_THE_END.search(text) or _SIZE_FIRST.match(text))
        if context.size_asked and not _PLACE_SAID_ALONE.match(text)  # "3rd one, L": that one, not the one asked
        else None
    )
    if alone and last.look_added:  # a look carted but one piece, which waited for its size: that one
        footwear = bool(context.focus and context.focus.category == "Footwear")
        size = _size_label(alone.group(2), footwear=footwear)
        pronoun = Reference(pronoun=True, confidence=0.9)
        return ShopperRequest(intent=Intent.cart_add, text=text, reference=pronoun, size=size, confidence=0.9)
    if alone:  # "S", "sorry, I forgot to mention the size itself. S please."
        added = _product_meant(context, last.reference)
        size = _size_label(alone.group(2), footwear=bool(added and added.category == "Footwear"))
        return last.model_copy(update={"text": text, "size": size, "confidence": 0.9})
    if _ANOTHER_UNIT.match(text) or _ONE_MORE_OF_IT.search(text):
        said = _size_said(text)  # "one more of the same for my sister, she also wears XXL"
        return last.model_copy(
            update={
                "text": text,
                "positions": [],
                "quantity": None,
                "swap_out": False,  # one more of it, whether it came in by a swap or not
                "resize": False,
                "size": said or last.size,
                # the one added, by its place when it was added by place ("鞋码" names no other shoes)
                "reference": last.reference
                if last.reference and last.reference.position
                else Reference(pronoun=True, confidence=0.8),
                "confidence": 0.8,
            }
        )
    if _TAKE_IT_OUT.match(text):
        return ShopperRequest(
            intent=Intent.cart_remove, text=text, reference=Reference(pronoun=True, confidence=0.8), confidence=0.8
        )
    also = _AND_THE_KIND.match(text)
    kinds = as_list(parse_query(also.group("kind")).filters.article_type) if also else []
    if kinds and last.reference and last.reference.position and any(p.article_type in kinds for p in context.shown):
        # "add the cap from the 1st look", then "and the shades": the shades of that look, added too
        return last.model_copy(update={"text": text, "size": _size_said(text), "quantity": None, "confidence": 0.8})
    placed = _MAKE_PLACE_SIZE.match(text)
    if placed:  # "make the 4th an M instead, the elder one's shot up": that line's size
        word = placed.group("place").lower()
        return ShopperRequest(
            intent=Intent.cart_add,
            text=text,
            resize=True,
            reference=Reference(position=-1 if word == "last" else _POSITION_WORDS[word]),
            size=_size_label(placed.group("size")),
            confidence=0.8,
        )
    said_last = text[_sentences_at(text)[-1][0] :].strip()  # "my toes hang off in an 8. change it to 9 pls"
    other_size = (_MAKE_IT_SIZE.match(text) or _MAKE_IT_SIZE.match(said_last)) if not context.size_asked else None
    if other_size and _a_count(other_size.group("size"), context):  # "make it three" of socks: three of them
        return None
    if other_size and (other_size.group("verb") or other_size.group("instead") or other_size.group("actually")):
        return ShopperRequest(
            intent=Intent.cart_add,
            text=text,
            resize=True,
            reference=Reference(pronoun=True, confidence=0.8),
            size=_size_label(other_size.group("size")),  # "make it 34" of jeans: UK34, read as a waist
            confidence=0.8,
        )
    return None


# "the one before that", "the next one": a place in the list beside the one asked about last
_BESIDE_THE_LAST = _rx(
    r"\b(?:the )?(?:one|1) (?P<way>before|after|above|below) (?:that|it|this)(?: one)?\b|"
    r"\bthe (?P<which>previous|next|prev) (?:one|1)\b"
)


def _next_to_the_last(text: str, last: ShopperRequest, listed: int) -> Reference | None:
    """The list place before or after the one the last question was about (of ``listed``
    shown, so "the one before that" after the last one is the one before the last)."""
    beside = _BESIDE_THE_LAST.search(text)
    place = last.reference.position if last.reference else None
    place = listed if place == -1 else place
    if beside is None or not place or place < 1:
        return None
    back = (beside.group("way") or beside.group("which") or "").lower() in ("before", "above", "previous", "prev")
    return Reference(position=place - 1 if back else place + 1, confidence=0.9) if place > 1 or not back else None


def _asked_again(text: str, context: Context) -> ShopperRequest | None:
    """ "and for the fourth?", "what about #2": the last turn's question, about another
    product of the list (only words of position and filler, after a question about one)."""
    last = context.last_request
    added = last is not None and last.intent is Intent.cart_add and bool(_ALSO.search(text))  # "also the 4th"
    if last is None or not (last.intent in _REPEATABLE or added) or not context.shown:
        return None
    reference = _next_to_the_last(text, last, len(context.shown)) or _reference(text)
    said = _POSITION.sub(" ", _BESIDE_THE_LAST.sub(" ", _ALSO.sub(" ", text.lower())))
    superlative = next(((pattern, v) for pattern, v in _SORTS if pattern.search(said)), None) if added else None
    if superlative is not None and (reference is None or not reference.position):  # "and the cheapest one as well"
        reference, said = _superlative_reference(superlative[1]), superlative[0].sub(" ", said)
    rest = [w for w in re.findall(r"[a-z]+", said) if w not in _ELLIPSIS_FILLER]
    if reference is None or not (reference.position or reference.superlative) or rest or _CJK.search(text):
        return None
    again = last.model_copy(
        deep=True,
        update={"text": text, "reference": reference, "confidence": 0.9, "implementation": "fast", "corrections": {}},
    )
    if added:  # another product of the list: its own size, asked for if it has several
        again.size, again.quantity, again.positions, again.picks, again.then = None, None, [], [], None
    if again.outfit is not None:
        again.outfit.around_reference = True
    return again


_SAME_COLOUR = _rx(r"\b(that|this|the same|same|its|those|these) (colou?rs?|shade)\b|同色|同样颜色|这个颜色|那个颜色")
_COLOUR_UNCHANGED = _rx(r"颜色[^，,。\s]{0,4}(?:不变|一样|照旧)|\bkeep the (?:same )?colou?rs?\b")


def _colour_shown(need: ProductNeed, context: Context) -> list[str]:
    """The colour a "that colour" means: the product in focus, else the first shown of the
    need's type, else the first shown."""
    same_type = [p for p in context.shown if p.article_type in need.article_types]
    product = context.focus or next(iter(same_type or context.shown), None)
    return [product.colour] if product and product.colour else []


_ADULT_OF = {"Girls": "Women", "Boys": "Men"}


def _child_shown(context: Context) -> str | None:
    """The child the products just shown are for, when all of them that are anyone's are one
    child's (boys' trainers in blue after "anything in blue?"), or unisex ones shown for the
    child the conversation is about."""
    whose = {p.gender for p in context.shown} - {"Unisex", None}
    if not whose and context.shown:  # unisex ones shown for a child (no boys' trainers): the child asked for
        return context.gender if context.gender in _ADULT_OF else None
    return next(iter(whose)) if len(whose) == 1 and next(iter(whose)) in _ADULT_OF else None


def _child_asked_for(last: ShopperRequest | None) -> str | None:
    """The child the last search or look was for (Boys or Girls), if it was for one."""
    if last is None:
        return None
    said = {n.gender for n in last.needs} | ({last.outfit.gender} if last.outfit else set())
    said.discard(None)
    return next(iter(said)) if len(said) == 1 and next(iter(said)) in _ADULT_OF else None


# A son or daughter with a grown-up's life: "my son is joining his new job on Monday"
_GROWN_UP = _rx(
    r"\b(new job|his job|her job|first job|joining (his|her|a) (new )?(job|office|company)|office|placement|"
    r"marathon|interview|salary|boss|married|engaged|his wife|her husband|convocation|graduat\w+|college|university|"
    r"hostel|"
    r"(?:he|she)(?:'s| is) (?:1[89]|[2-9]\d)(?! ?(?:k|rs|inr|%|₹|kg|cm|inch)))\b|"
    r"工作|上班|毕业|结婚|大学"
)


# "he's M in mens, I'm S in womens": a size said of each person
_PERSON_SIZE = _rx(
    r"\b(?P<who>he|she|i)(?:'s|'m| is| am| wears| wear|s|m)\s+(?:a |an |size )?(?P<size>xxs|xs|s|m|l|xl|xxl|xxxl)\b"
    r"(?:\s+in\s+(?P<whose>men|women)(?:'?s)?\b)?"
)
_PERSON_OF = {"he": "Men", "she": "Women", "him": "Men", "her": "Women"}
# "she's S, he's L" as read ("size S for her, size L for him")
_SIZE_FOR_PERSON = _rx(r"\bsize (?P<size>xxs|xs|s|m|l|xl|xxl|xxxl) for (?P<who>him|her)\b")
_US_SHOE_SIZE = _rx(r"\bus\s*(?:size\s*)?([4-9]|1[0-4])\b(?!\s*(?:\$|dollars?|k\b))")


def _size_of_each_person(needs: list[ProductNeed], text: str) -> None:
    """Needs for people of both sexes, each given a size of their own ("tees for me and my
    bf, he's M in mens, I'm S in womens"): each need gets its person's size."""
    sexes = {_ADULT_OF.get(n.gender or "", n.gender) for n in needs} - {None, "Unisex"}
    if len(sexes) < 2:
        return
    me = _shopper_beside_partner(text)
    for said in [*_PERSON_SIZE.finditer(text), *_SIZE_FOR_PERSON.finditer(text)]:
        who = said.group("who").lower()
        named = said.groupdict().get("whose")
        whose = GENDERS.get(named or "") or _PERSON_OF.get(who) or (me if who == "i" else None)
        for need in needs if whose else []:
            if _ADULT_OF.get(need.gender or "", need.gender) == whose and need.article_types:
                need.size = said.group("size").upper()


# "twins (a boy and a girl)", "my grandson and granddaughter", "nephew n niece": a boy and a girl
_BOY = r"(?:boy|son|grandson|nephew|godson|stepson)"
_GIRL = r"(?:girl|daughter|granddaughter|niece|goddaughter|stepdaughter)"
_A_BOY_AND_A_GIRL = _rx(
    rf"\b(?:(?:a|one|my|our|the) )?(?:{_BOY}\b\W*(?:and|n|&|\+)\W*(?:(?:a|one|my|our|the) )?{_GIRL}|"
    rf"{_GIRL}\b\W*(?:and|n|&|\+)\W*(?:(?:a|one|my|our|the) )?{_BOY})\b(?![-\s]in[-\s]law)"
)


# A baby: "newborn", "my 8 month old", "a 1 yr old", "宝宝刚满一岁", "婴儿" ("baby pink" is a colour)
_A_BABY = _rx(
    r"\b(?:new[- ]?borns?|infants?|bab(?:y|ies)(?![- ](?:pink|blue|doll|shower|powder|oil|wipes|food|lotion|soap))|"
    r"(?:[1-9]|1[0-8]|few|six|eight|nine)[- ]?(?:months?|mo|mnths?|mths?)[- ]?old|"
    r"(?:1|one|a)[- ]?(?:yrs?|years?)[- ]old|(?:he|she)(?:'s| is) (?:just |only )?(?:1|one)(?: yrs?| years?)?(?! more)|"
    r"turn(?:s|ing|ed)? (?:1|one)|(?:1st|first) (?:birthday|bday))\b|"
    r"婴儿|新生儿|刚满一岁|满月|(?<![\d十])[一1]\s*周?岁(?!半?以上)|(?<!\d)\d{1,2}\s*个月|"
    r"刚生了|刚出生|男宝宝|女宝宝|小宝宝|宝宝(?=.{0,2}(?:鞋|衣服|袜|帽))"  # "朋友刚生了个男宝宝", "宝宝小鞋子"
)
# a child past babyhood: "my baby is 3", "my baby girl, 5 yrs": no baby wear
_OLDER_CHILD = _rx(
    r"\b(?:[2-9]|1[0-5]|two|three|four|five|six|seven|eight|nine|ten)[- ]?(?:yrs?|years?|yo)\b|"
    r"(?<![\d十])[2-9两三四五六七八九]\s*岁|\bis (?:[2-9]|1[0-5])\b"
)
# the baby is whom it is for, whoever else is named ("my wife is expecting, something for the baby")
_FOR_THE_BABY = _rx(
    r"\bfor (?:the|our|my|a|her|his|their)? ?(?:new[- ]?born |little )?(?:bab(?:y|ies)|new[- ]?borns?|infants?)\b|"
    r"给(?:宝宝|婴儿|新生儿)"
)
# what is worn on the body, never the shoes or accessories: "clothes for the baby", "宝宝衣服"
_CLOTHES = _rx(r"\b(?:clothes|clothing|cloths|outfits?|dresses)\b|衣服")
_APPAREL_SUBS = frozenset({"Topwear", "Bottomwear", "Innerwear", "Dress", "Loungewear and Nightwear", "Apparel Set"})
# the words of asking in Chinese ("给宝宝买点东西"): no thing named
_ZH_ASKING = re.compile(r"请问|你们|有卖|有没有|给|买点?|东西|看看|一些|什么|礼物|推荐|吗|吧|呢|的|我|刚")


# A child whose sex the message does not say: "shoes for kids", "my 4 yr old", "宝宝 刚满一岁"
_CHILD_OF_EITHER_SEX = _rx(
    r"\b(?:kids?|children|child|toddlers?|new[- ]?borns?|infants?|"
    r"bab(?:y|ies)(?! (?:pink|blue|doll|shower|powder|oil|wipes)))\b|"
    r"\b(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten)[- ]?(?:yrs?|years?)[- ]old\b|"
    r"儿童|宝宝|小孩|(?<![男女])孩子|(?<![\d十])[一二两三四五六七八九\d]\s*岁(?!半?以上)"
)


def _one_for_a_boy_and_a_girl(
    needs: list[ProductNeed], text: str, lexicon: CatalogLexicon, *, implied: bool = False
) -> list[ProductNeed]:
    """One kind, no one's in particular, for a boy and a girl named together ("shoes for
    the twins, a boy and a girl"), or for a child whose sex is not said ("shoes for kids",
    when the kind is sold for boys and for girls; a school bag is the same for both): a
    need for each."""
    if len(needs) != 1 or not needs[0].has_product():
        return needs
    grown_up_implied = implied and needs[0].gender in ("Men", "Women")  # a kind's usual wearer, said by no word
    if not (needs[0].gender in (None, "Boys", "Girls") or grown_up_implied):
        return needs
    unsaid = needs[0].gender is None or grown_up_implied
    a_child = unsaid and bool(_CHILD_OF_EITHER_SEX.search(text) or _A_BABY.search(text))
    sold_for = _children_sold_for(needs[0], lexicon)
    if a_child and len(sold_for) == 1:  # "kurta pajama set for my 5 yr old": sold for boys only, a boy's
        return [needs[0].model_copy(update={"gender": sold_for[0]}, deep=True)]
    if not _A_BOY_AND_A_GIRL.search(text) and not (a_child and len(sold_for) == 2):
        return needs
    return [needs[0].model_copy(update={"gender": g}, deep=True) for g in ("Boys", "Girls")]


def _children_sold_for(need: ProductNeed, lexicon: CatalogLexicon) -> list[str]:
    """Boys, Girls or both: for whom the catalog sells the need's kind (or its sub-category's kinds)."""
    kinds = need.article_types or [t for t, sub in lexicon.sub_category_of.items() if sub == need.sub_category]
    sold = {g for t in kinds for g in lexicon.genders_of_type.get(t, ())}
    return [g for g in ("Boys", "Girls") if g in sold]


def _grown_up_children(needs: list[ProductNeed], text: str) -> None:
    """A son or daughter who works, marries or graduates wears men's or women's sizes."""
    young = r"\bschool\b|\b(1[0-5]|[1-9]) ?(years?|yrs?|yo)\b|幼儿园|小学|初中|(?<!\d)(1[0-5]|[1-9])岁"
    if _GROWN_UP.search(text) and not re.search(young, text, re.I):  # 幼儿园毕业典礼: a child's graduation
        for need in needs:
            need.gender = _ADULT_OF.get(need.gender or "", need.gender)


# "a flared skirt + top kinda look", "shirt and chinos combo": the pieces named, as one look
_GROWN_GIRL = _rx(r"\b(petite|curvy|plus[- ]size|tall|short)\s+(?:girl|gal)\b")
# "nah green looks weird on me": that colour turned down
_COLOUR_DISLIKED = _rx(
    rf"\b(?P<colour>{_A_COLOUR})(?:\s+(?:ones?\s+)?(?:looks?|is|r|are|seems?|feels?)|'s)\s+"
    r"(?:so |too |kinda |a bit |really |bit |lil )?"
    r"(?:weird|odd|bad|off|awful|terrible|meh|ugly|loud|boring|wrong|mid|dull|basic|plain)\b(?:\s+on (?:me|her|him))?"
)
# "ugh typo, 10 not 9", "M... no wait L": the size said last
_SIZE = r"(?:xxl|xl|xs|s|m|l|[3-9]|1[0-2]|2[6-9]|3\d|4[0-4])"
_NO_WAIT = r"(?:(?:(?:no|nah),?\s*)?wait(?:,?\s*no)?|nope|i mean)"
_SAID_AGAIN = rf"(?:{_NO_WAIT}|no no|sorry|actually)"
_SIZE_CORRECTED = _rx(
    rf"\b(?P<new>{_SIZE})\s+not\s+(?:a\s+)?{_SIZE}\b|\b{_SIZE}\b\W{{0,6}}{_SAID_AGAIN}\W+(?P<again>{_SIZE})\b"
)
# "these are all like 4-5k 😬 no wait, keep it under 2k": the amount said after "no wait"
_AMOUNT_TAKEN_BACK = _rx(
    r"(?:like |around |about |~)?\d[\d,.]*\s*k?(?:\s*-\s*\d[\d,.]*\s*k?)?\b[^.!?\d]{0,20}?"
    rf"\b{_NO_WAIT}\b(?=[^.!?]*\d)"
)
# "my dad's wife": a stepmother, one person (neither the father nor a wife of the shopper's)
_PARENTS_PARTNER = _rx(r"\b(?:dad|father|papa|mom|mum|mother|mummy)(?:'s|s|’s) (?:second |new )?(wife|husband)\b")
# "my sister's fiance", "my friend's wife": the partner, a man or a woman (never the one named first)
_SOMEONES_PARTNER = _rx(
    r"\b(?:sister|sis|brother|bro|cousin|friend|bestie|best friend|colleague|boss|son|daughter)(?:'s|s|’s) "
    r"(?:new |future |would-be )?(?P<partner>fianc[eé]e?|husband|hubby|wife|boyfriend|girlfriend|bf|gf)\b"
)


# "my watch is stopped and cannot repair": why a new one is asked, no thing to repair asked for
_BEYOND_REPAIR = _rx(r"\b(?:and )?(?:cannot|can'?t|could not|couldn'?t|not able to) (?:be )?(?:repair|fix)(?:ed)?\b")
# what was given or owned before "this time": none of it is asked for
_GIVEN_BEFORE = _rx(r"\b(?:already|last year|last time)\b(?:(?!\b(?:not|no|nothing)\b)[^.!?])*?(?=\bthis time\b)")
_NO_WESTERN = _rx(r"\b(?P<no>no|not|without|nothing|don'?t want|dont want)\s+western\s+(?=[a-z])")
# "for our maid's daughter's wedding": a bride or a groom, grown up
_CHILDS_WEDDING = _rx(r"\b(?P<child>daughter|son)(?:'s|s|’s) (?P<event>wedding|marriage|shaadi|engagement)\b")


def _partner_named(match: re.Match[str]) -> str:
    partner = match.group("partner").lower()
    return "woman" if partner in ("fiancee", "fiancée", "wife", "girlfriend", "gf") else "guy"


# "..., not him": who it is not for, no word left out of titles
_NOT_FOR_THEM = _rx(r"[,(]?\s*\bnot (?:for )?(?:him|her|them|me)\b(?!\s+(?:to|a|an|the)\b)")
_GIRL_AT_WORK = _rx(
    r"\b(?:girl|gal)\b(?=[\s,]+(?:\w+\s+)?(?:from|at|in|on)\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:hr|office|work|team|accounts|finance|marketing|sales|admin|reception|dept|department)\b)"
)
_HEIGHT = _rx(r"(?<![\w.])[4-7]\s?(?:'|’|ft\b|feet\b|foot\b)\s?(?:\d{1,2}\s?(?:\"|”|in\b|inch(?:es)?\b)?)?")
_FORGET_A_USAGE = _rx(
    r"\b(?:forget|drop|skip|scrap|ditch|never ?mind|nvm|no more)(?: the| about)? "
    r"(?:formal|casual|ethnic|party|sporty|sports?)(?: ones| stuff| wear| look)?\b"
)
_SIZE_IN_KIND = _rx(
    r"\b(wears?|is|she'?s|he'?s|i'?m)(?: a)? (xs|s|m|l|xl|xxl) "
    r"in (?:tops|t-?shirts|tees|shirts|kurtis|kurtas|dresses)\b"
)
_AGE_AND_SEX = _rx(r"(?<!size )(?<!uk )(?<!waist )(?<![\w.])(?:1[6-9]|[2-8]\d)\s?(?P<sex>f|m)\b(?!\s*(?:size|waist))")
_TO_LOUNGE_IN = _rx(r"(?<!lounge )\b(pants|shorts)\b(?=[^.,;!?]{0,20}\b(?:to|for) (?:lounge|lounging)\b)")
_IF_TOO_DEAR = _rx(
    r"\b(?:if|in case|incase) (?:the )?[a-z]+ (?:are|is|r|turn out|get|come out)(?: to be)? "
    r"(?:too|very|a bit|bit|a little) (?:pricey|pricy|expensive|costly|dear|much|out of (?:my )?budget)\b"
)
_ANOTHER_CHOICE = _rx(r"\s*(?:or|or else|otherwise)\s+(?:a|an|some|maybe)\b")
# "a kurta, something not too shiny": how the piece named should be, no thing of its own
_HOW_IT_SHOULD_BE = _rx(
    r"^\W*(?:(?:and|but|pls|please|just)\s+)*(?:(?:something|anything|nothing|none)\s+)?(?:not\s+)?"
    r"(?:too|very|so|that|overly|super)\s+[a-z]+\W*$"
)
_ONE_FOR_SOMEONE = _rx(r"\b(?:one|a look|an outfit|the same|same)\s+for\s+(?:me|myself|him|her|my [a-z]+)\b")


def _as_a_person(match: re.Match[str]) -> str:
    return " for women" if match.group("sex").lower() == "f" else " for men"


# What shoppers write, rewritten in this order into what the needs are read from
_GIVEN_TO_ME_ZH = re.compile(r"(?:女儿|儿子|孩子|闺女|老公|老婆|孙子|孙女)(?:说|非)?(?:要|想)?(?:孝敬|送|给|买给)我")
# "我穿M 男朋友穿XL": the shopper's size and a partner's, so one of the kind for each
# "我老公穿XXL 我穿M": a partner's size, then the shopper's
_TWO_SIZES_THEIRS_FIRST_ZH = re.compile(
    r"(?:我的?)?(?P<who>男朋友|男友|老公|女朋友|女友|老婆)\s*(?:穿|要)?\s*(?P<b>XXL|XL|XS|S|M|L|3[5-9]|4[0-6])\s*码?"
    r"\s*[，,、]?\s*我(?:穿|要)?\s*(?P<a>XXL|XL|XS|S|M|L|3[5-9]|4[0-6])\s*码?",
    re.I,
)
# "他12岁 我穿XL": a child's age, then the shopper's size
_AGE_THEN_MY_SIZE_ZH = re.compile(
    r"(?P<who>他|她)\s*(?P<age>\d{1,2})\s*岁\s*[，,、]?\s*我(?:穿|要)?\s*(?P<a>XXL|XL|XS|S|M|L|3[5-9]|4[0-6])\s*码?",
    re.I,
)
_TWO_SIZES_ZH = re.compile(
    r"我(?:穿|要)?\s*(?P<a>XXL|XL|XS|S|M|L|3[5-9]|4[0-6])\s*码?\s*[，,、]?\s*(?:我?的?)?"
    r"(?P<who>男朋友|男友|老公|女朋友|女友|老婆|她|他)\s*(?:穿|要)?\s*(?P<b>XXL|XL|XS|S|M|L|3[5-9]|4[0-6])\s*码?",
    re.I,
)
# "孙子8岁孙女6岁 想给他们各买件T恤": a boy and a girl, then a kind for each (said after the
# clause of the kind, where the people of a need are read)
_KIN_ZH = {
    "外孙女": "granddaughter",
    "外孙": "grandson",
    "孙女": "granddaughter",
    "孙子": "grandson",
    "女儿": "daughter",
    "儿子": "son",
}
_KIN_WORDS_ZH = "|".join(sorted(_KIN_ZH, key=len, reverse=True))  # 外孙女 before 外孙
_KIN_PAIR_ZH = re.compile(
    rf"(?P<a>{_KIN_WORDS_ZH})(?:\d{{1,2}}岁)?\s*[和跟、，,]?\s*(?P<b>{_KIN_WORDS_ZH})(?:\d{{1,2}}岁)?"
    r"(?P<rest>[^。！？!?]*?(?:各|每人|一人)[^，,。！？!?\s]*)"
)


def _kin_pair_said(match: re.Match[str]) -> str:
    a, b = _KIN_ZH[match.group("a")], _KIN_ZH[match.group("b")]
    return f"{match.group('rest')} for my {a} and my {b} " if a != b else match.group(0)


def _age_then_my_size(match: re.Match[str]) -> str:
    named = _kin_named(match.string)
    if _GENDER_OF_PERSON.get(named or "") not in ("Boys", "Girls"):
        return match.group(0)
    pronoun = "he's" if match.group("who") == "他" else "she's"
    return f" for me and my {named}, i'm {match.group('a').upper()} {pronoun} {match.group('age')} years "


def _two_sizes_said(match: re.Match[str]) -> str:
    """ "我穿M 男朋友穿XL": for the shopper and a partner; "我跟我妈 ... 我M 她XL": her, the one named."""
    named = _kin_named(match.string)
    partner = {"她": "girlfriend", "他": "boyfriend"}.get(match.group("who"))
    who = (named if partner and named else partner) or _PARTNER_ZH.get(match.group("who"), "wife")
    pronoun = "she's" if _GENDER_OF_PERSON.get(who) in ("Women", "Girls") else "he's"
    return f" for me and my {who}, i'm {match.group('a').upper()} {pronoun} {match.group('b').upper()} "


# A bag said to hold a laptop: a laptop bag (the words between say nothing more of the bag)
_BAG_FOR_A_LAPTOP = _rx(
    r"\bbag\b(?P<rest>[^,.?!]{0,25}?)\b(?:that |which |to )?(?:fits?|holds?|carry|for|takes?)\s+(?:a |an |my |the )?"
    r"(?:\d{1,2}(?:\.\d)?\s*(?:inch(?:es)?|in|\"|'')?\s*)?laptop\b"
)
_GIVERS = _rx(
    r"\b(?:the|our|my|all the) (?:boys|girls|guys|kids|team|class|students|staff|gang)\s+"
    r"(?P<want>want|wants|wanna|are planning|plan|would like|decided|are going)\s+to\s+(?P<give>gift|get|buy|give)\b"
)
_WHO_CORRECTED = _rx(
    r"\b(?:girls?|boys?|men|women|ladies|guys?|kids?)\b[\s.,;!-]*(?:i mean|i meant|sorry|no wait|wait|actually|oops)"
    r"[\s,]+(?P<meant>women|men|girls|boys|ladies|guys|kids)\b"
)
_RUNS_DAILY = _rx(
    r"\b(?P<who>he|she|dad|mom|papa|mummy|my (?:dad|father|mom|mother|husband|wife|brother|sister|son|daughter))\s+"
    r"(?:runs|jogs|goes (?:running|jogging)|loves running|is a runner)\b"
)
_FOR_THE_NECK = _rx(
    r"\b(?:something|smth|sth|anything|a thing|some ?thing)\s+(?:warm\s+|soft\s+)?"
    r"(?:to\s+(?:wrap|wear|put|tie|throw)\s+)?"
    r"(?:around|round|on|for)\s+(?:my|the|her|his|your)\s+neck\b"
)
# Asking to be shown a kind, or to have it instead: "那看看fastrack的墨镜", "那换成手链吧", "show me ..."
_ASKS_TO_SEE = _rx(r"看看|换成|换个|改成|来[一个双件条副块]|想要|要买|\b(?:show|find|get) me\b")
# "装个手机钱包就行": what a bag is to hold (not a laptop: "能装15寸电脑" asks for a laptop bag;
# not the 装 of 正装, 西装, 服装: "衬衫加西裤就行" after 正装 asks for trousers)
_HOLDS_ZH = re.compile(
    r"(?:能|可以)?(?<![正西服时套盒包])装(?![^\s，,。]*电脑)(?:个|得下|下|点)?[^\s，,。]{1,10}?(?:就行|就可以|就够了?|就好)"
)
# Voice typing writes a number as a word that sounds like it: "around for thousand" (4000),
# "under to thousand", "put to of the first one", "won of the third", "add for pairs"
_HEARD_NUMBER = _rx(
    r"(?<!\bup )\b(?P<word>to|too|for|won)\b"
    r"(?=\s+(?:thousand|hundred|grand|pairs?\b|pieces?\b|of (?:the|these|those|them|it)\b))"
)
_HEARD_AS = {"to": "two", "too": "two", "for": "four", "won": "one"}
# "add the first to size nine": the first two (not "to" a cart or a size said with "in")
_FIRST_TWO_HEARD = _rx(r"\b(?P<first>the first) (?:to|too)\b(?!\s+(?:the|my|a|your|cart|bag|basket|trolley)\b)")
# "r ur products original?": "are your", typed short
_ARE_SHORT = _rx(r"^\W*r\s+(?=u\b|ur\b|these\b|they\b|those\b|all\b)")
# ... and after the words became digits: "under for hundred" read as "under for 100" (400)
_HEARD_AMOUNT = _rx(
    r"\b(?P<before>under|below|around|about|within|max|upto|over|above|than|roughly|near)\s+"
    r"(?P<word>to|too|for)\s+(?P<said>1\d{2,3})\b"
)


def _heard_amount(match: re.Match[str]) -> str:
    """ "around too thousand five hundred", read as "around too 1500": 2500 (the "one" of 1500
    was never said, the number word was)."""
    times = {"to": 2, "too": 2, "for": 4}[match.group("word").lower()]
    said = int(match.group("said"))
    unit = 1000 if said >= 1000 else 100
    return f"{match.group('before')} {times * unit + said - unit}"


# "算了白色太容易脏了 还是换黑色的吧", "黑的看腻了", "手表好像都一般 换成钱包吧": the thing complained of
# in one clause, when another names what instead, is turned down ("不要..."), as the negation reader reads
# it; not a complaint of price, size or length ("太贵了" asks for cheaper), nor one already turned down
_COMPLAINT_ZH = re.compile(
    r"太[\u4e00-\u9fff]{1,4}了|看腻了|腻了|都一般|一般般|不太?好看|不太?喜欢|有点土|太土|好丑|很丑"
)
_NOT_OF_THE_THING_ZH = re.compile(r"贵|便宜|钱|价|码|大了|小了|长|短|花|不要|别|不想|没有")
_INSTEAD_ZH = re.compile(r"还是|换|直接|有.{0,6}[吗没]|看看|要")
_COMPLAINED_CLAUSE = re.compile(r"[^\s，,。！!？?]+")
_NAMES_SOMETHING_ZH = re.compile(r"别的|其[他它]的?|[吧啊呀呢吗的了一个双条件款顶副种些再来]")  # "换一双别的": none


def _complaint_turned_down(match: re.Match[str]) -> str:
    text = match.group(0)
    clauses = list(_COMPLAINED_CLAUSE.finditer(text))
    if len(clauses) < 2:
        return text
    for clause in reversed(clauses):
        words = clause.group(0)
        others = [c.group(0) for c in clauses if c is not clause]
        if (
            _COMPLAINT_ZH.search(words)
            and not _NOT_OF_THE_THING_ZH.search(words)
            and any(_INSTEAD_ZH.search(o) and _NAMES_SOMETHING_ZH.sub("", _INSTEAD_ZH.sub("", o)) for o in others)
        ):  # ("鞋子不太喜欢 换一双" after a look: another pair, nothing else named, is the look's own edit)
            said = re.sub(r"^(?:算了|想了想|感觉|觉得|好像)+", "", words)
            text = f"{text[: clause.start()]}不要{said}{text[clause.end() :]}"
    return text


# "男士内裤 袜子 背心 内裤背心都要L码": one size said once for several kinds named before
_SIZE_FOR_SEVERAL_ZH = re.compile(
    r"(?P<kinds>[\u4e00-\u9fff]{2,12}?)(?:全都|都|全)(?:要|是|穿|拿)?\s*(?P<size>[XSMLxsml]{1,4}|\d{2,3})\s*[码号]"
)
_ZH_KIND_WORDS = sorted((p for p in ARTICLE_TYPES if re.search(r"[\u4e00-\u9fff]", p)), key=len, reverse=True)


_ZH_KIND_RUN = re.compile(
    "(" + "|".join(re.escape(w) for w in _ZH_KIND_WORDS if len(w) >= 2) + ")"
    "(?=(" + "|".join(re.escape(w) for w in _ZH_KIND_WORDS if len(w) >= 2) + "))"
)


def _zh_kinds_apart(text: str, part_of: Callable[[str], str | None]) -> str:
    """ "衬衫裤子鞋子都要": kinds named one after another, each its own need, unless both are of
    one part of a look ("西装外套" is one jacket, "平底凉鞋" one pair of sandals)."""

    def apart(said: re.Match[str]) -> str:
        first, second = said.group(1), said.group(2)
        return f"{first}、" if part_of(first) != part_of(second) else first

    return _ZH_KIND_RUN.sub(apart, text)


def _size_for_several_zh(match: re.Match[str]) -> str:
    """The size put after each kind it is for, where the kind was named, and the clause that
    said it taken out: it names no need of its own ("内裤背心都要L码" is no third need)."""
    text = match.group(0)
    said = _SIZE_FOR_SEVERAL_ZH.search(text)
    if said is None:
        return text
    before, size = text[: said.start()], said.group("size").upper()
    kinds: list[str] = []
    for word in _ZH_KIND_WORDS:
        if word in said.group("kinds") and word in before and not any(word in k for k in kinds):
            kinds.append(word)
    if len(kinds) < 2:
        return text
    for word in kinds:
        end = before.index(word) + len(word)
        before = f"{before[:end]} {size}码 {before[end:]}"
    return before + text[said.end() :]


# "my foot is 27 cm": the size chart's foot lengths (UK 5 = 24 cm ... UK 12 = 30 cm)
_FOOT_LENGTH = _rx(
    r"\b(?:my )?(?:foot|feet)(?: length)?(?: is| are| measures?|:)?(?:\s+(?:about|around|abt|roughly|approx))?\s*"
    r"(?P<cm>2\d(?:\.\d)?)\s*(?:cm|cms)\b"
)


def _foot_as_size(match: re.Match[str]) -> str:
    """The UK size whose foot length on the chart is nearest the one said."""
    uk = uk_for_foot(float(match.group("cm")))
    return f"size uk {uk}" if uk is not None else match.group(0)


_PARTNER_ZH = {
    "老婆": "wife",
    "媳妇": "wife",
    "太太": "wife",
    "老公": "husband",
    "男朋友": "boyfriend",
    "男友": "boyfriend",
    "女朋友": "girlfriend",
    "女友": "girlfriend",
}
_NONE_AT_ALL = _rx(
    r"^\W*(?:so|but|wait|hmm+|oh)?[\s,]*(?:you have |u have |there(?:'s| is| are) )?no "
    r"(?P<what>[a-z]+(?: [a-z]+)?) at all\s*\?"
)
# "not red, maroon": a colour taken back for another (maroon, though red's family holds it)
_COLOUR_FOR_COLOUR = _rx(
    rf"^\W*(?:no|not|nah|na)\s+(?:{_A_COLOUR})\s*[,;]\s*(?:make it |in |more |but )?(?P<into>{_A_COLOUR})"
    r"(?:\s+(?:pls|please|plz|instead|one|ones|colou?r|shade))*\W*$"
)
# "i asked for women's?? these look like mens": whose the shown ones look, not whose are wanted
_LOOK_LIKE_WHOSE = _rx(
    r"[,.;!?\s]*\b(?:these|those|they|them|it|this|that)\s+(?:all\s+)?(?:look|looks|are|r|seem|seems|is)\s+"
    r"(?:like\s+)?(?:for\s+)?(?:mens|men'?s|men|womens|women'?s|women|guys|girls|boys|kids)(?:\s+(?:ones?|stuff))?\b"
)
# "not for office, its for a party": the occasion taken back, the one said next stands
_NOT_FOR_OCCASION = _rx(
    r"\b(?:not|no(?:t)? longer|isn'?t|isnt) (?:for|to) (?:the |a |an |my )?(?:office|work|college|school|gym|"
    r"party|wedding|interview|date|puja|pooja|festival|function)(?:\s+(?:wear|use|anymore))?\b(?=.*\bfor\b)"
)
# "what goes with the 3rd one.. sorry no, i mean the 1st one": the place said last
_PLACES = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)"
_PLACE_CORRECTED = _rx(
    rf"\b(?:the\s+)?{_PLACES}(?:\s+one)?\s*(?:\.{{2,}}|[,;.-])?\s*"
    r"(?:sorry|oops|my bad|no no|no|wait|actually|hold on|hang on|scratch that|i mean)"
    rf"\W+(?:(?:no|sorry|wait)\W+)*(?:i\s+)?(?:mean|meant)?\W*(?=(?:the\s+)?{_PLACES}\b)"
)
_PLACE_CORRECTED_ZH = re.compile(
    r"第[一二三四五1-5](?P<unit>[件个双条款套]?)(?P<ask>[^，,。]*?)[？?，,。\s]*(?:哦|噢|啊)?(?:不对|说错了|打错了|不是)"
    r"[，,\s]*(?:我是说|我说的是|是)?第(?P<place>[一二三四五1-5])[件个双条款套]?"
)
# "airport look for a long flight, comfy": clothes to travel in, no flight asked for
# ("12 hr flight to london ... something comfy", "要坐十几个小时的飞机 想穿舒服点")
_A_FLIGHT = _rx(
    r"\b(?:(?:for|on) (?:a |the |my )?|(?:an? )?\d+\+?\s*(?:-\s*)?(?:hr|hrs|hour|hours)s?\s+|long[- ]haul\s+)"
    r"(?:long |short |early |overnight |international )?flights?\b|坐[^，,。!！?？]{0,8}飞机|飞机上"
)
_WEAR_WORDS = _rx(r"\b(?:look|outfit|fit|wear|comfy|comfortable|clothes)\b|穿|舒服")


def _to_fly_in(match: re.Match[str]) -> str:
    if not _WEAR_WORDS.search(match.string):
        return match.group(0)
    return "旅行" if re.search(r"[\u4e00-\u9fff]", match.group(0)) else "for travel"


# "pop the 1st and 2nd in my basket": both added
_PLACES_POPPED_IN = _rx(
    r"^\W*(?:(?:pls|please|ok|okay|and)\s+)*(?:pop|put|chuck|throw|bung|stick)\s+"
    r"(?P<places>the\s+(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\s+(?:and|&|n|\+)\s+(?:the\s+)?"
    r"(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)(?:\s+ones?)?)\s+in(?:to)?\s+(?:my|the)\s+"
    r"(?:basket|cart|bag|trolley)\b"
)
# "a black jacket for myself ... and I want it styled w/ jeans and boots": a look, no cart add
_WANT_IT_STYLED = _rx(
    r"\s*(?:,|\band\b)?\s*\bi(?:'d| would)?\s+(?:want|need|like)\s+(?:it|them|this)\s+styled\s+(?:w/|with)"
)
# "diff heels pls": different ones ("what's the diff between 1 and 2" is a comparison)
_DIFF = _rx(r"\bdiff\b(?!\s*(?:between|b/w|bw|btw|of|in)\b)")
_SAID_TWICE = _rx(r"\bno,?\s+not\b")  # "no not puma": one negation said twice
_BY_THE_WAY_ZH = re.compile(r"^\W*顺便(?=给|帮|也|看)")  # "顺便给我儿子也看看": before who it is for
# "something less boring than black?": any colour but that one
_LIVELIER_THAN = _rx(
    r"\b(?:less boring|less dull|brighter|livelier|more fun|more colou?rful|more exciting|more lively)\s+than\s+"
    r"(?:the\s+)?(?P<colour>[a-z]+)\b"
)
# "need a new laptop for college n a bag for it too": a laptop bag (the laptop is not sold)
_BAG_FOR_THE_LAPTOP = _rx(r"(?<=\blaptop\b)(?P<between>.{0,40}?)\b(?:bag|sleeve|case)\s+for\s+(?:it|that|the laptop)\b")
# "nightsuits for me, L, and some bathroom slippers uk7": the size of what is for me
_WHOSE_SIZE_AFTER = _rx(
    r"\bfor (?P<who>me|myself|him|her)\s*,\s*(?P<size>xxl|xl|xs|s|m|l)\b(?=\s*(?:,|\band\b|\bn\b|&|$))"
)
_NO_HIGH_HEELS = _rx(r"\b(?P<no>no|not|without|avoid|skip)\s+(?:high|tall|pencil)\s+(?=heels?\b)")
# "a compact powder \u2014 each under 500", "a watch pls - shirt, trousers": a clause apart, as after a comma
_EM_DASH = re.compile(
    r"\s*\u2014\s*(?=each\b|all\b|every\b)|(?<=\b(?:pls|plz))\s+-\s+(?=[a-z])|(?<=\bplease)\s+-\s+(?=[a-z])|"
    # "not sweatshirts - a proper knitted jumper"
    r"(?<=[a-z])\s+-\s+(?=(?:an?\s+|some\s+)?(?:proper|real|actual|decent|normal)\s|(?:just|only)\s)",
    re.I,
)
# "a scarf or stole for my mother, for winters": the season of what was named, no need of its own
_FOR_THE_SEASON = _rx(r"(?<=[a-z]),\s+(?=for (?:the )?(?:winters?|summers?|monsoons?|rainy season|cold)\W*(?:$|[.!?]))")
# "under 2500 for the whole thing incl footwear": a whole look (which has its footwear), no footwear alone
_WHOLE_LOOK_INCLUDING = _rx(
    r"\b(?P<whole>whole thing|whole lot|everything|all of it)\s+(?:incl\.?|including|inclusive of|with)\s+(?:the\s+)?"
    r"(?:footwear|shoes|accessories|jewell?ery)\b"
)
# "add whichever belt is cheapest": the cheapest belt shown
_WHICHEVER_IS = _rx(
    r"\b(?P<verb>add|buy|get|take|grab)\s+whichever\s+(?:one\s+)?(?P<kind>[a-z]+(?:\s+[a-z]+)?\s+)?(?:is|'s)\s+"
    r"(?:the\s+)?(?P<most>cheapest|priciest|most expensive|best rated|highest rated|top rated)\b"
)
# "凉鞋也可以", "sandals are fine too": that kind as well as the one searched
_KIND_TOO = _rx(
    r"(?P<kind>[\u4e00-\u9fff]{1,6}?)(?:的话)?也(?:可以|行|ok|OK|没问题)|"
    r"^\W*(?:(?:ok|okay|or|and|hmm)\s+)*(?P<kind_en>[a-z]+(?: [a-z]+)?)\s+(?:are|is|r|would be|'d be)\s+"
    r"(?:fine|ok|okay|good)\s+(?:too|as well)\b"
)
# "上班用的双肩包 能装电脑的": a backpack a laptop fits in, no laptop bag besides
_BACKPACK_FOR_A_LAPTOP = re.compile(
    r"(?P<bag>双肩包|双肩背包|背包|书包)(?P<between>[^，,。]{0,4}?)(?:能|可以)?(?:放|装)(?:得下)?(?:笔记本)?电脑的?"
)
_COUNT_CHANGED_ZH = re.compile(
    r"(?P<which>第[一二三四五六七八九\d][个件双条款只套支]?)\s*(?:改成|改为|换成)\s*(?=(?:两|三|四|五|[2-9])[个件双条只套支])"
)
# "I'm a bloke, size L and UK 10 in shoes": a size said of the shoes, no shoes asked for
_SIZE_IN_SHOES = _rx(r"\b(?P<size>(?:uk|size|eu)\s*\d{1,2})\s+in\s+(?:shoes|footwear)\b(?!\s+(?:and|n|&|\+|too)\b)")
# "navy also no", "adidas also not", "red is also a no": one more thing turned down
# (one or two words, never a question nor "sold out", "check it out", "time out")
_TURNED_DOWN_WHAT = (
    r"(?!(?:it|that|this|these|those|they|size|is|are|am|do|does|can|will|was|the|ok|okay|check|time|sold|run|"
    r"way|all|one|stock)\b)(?P<what>[a-z]{2,15}(?: (?!(?:sold|out|stock|one|ones|is|are)\b)[a-z]{2,15})?)"
)
_ALSO_A_NO = _rx(
    rf"^\W*(?:and\s+|n\s+)?{_TURNED_DOWN_WHAT}\s+"
    r"(?:(?:(?:is|are|r)\s+)?(?:also|too)\s+(?:a\s+)?(?:no|not|nope)|(?:ones?\s+)?(?:(?:is|are|r)\s+)?out(?:\s+too)?)\b"
    r"(?:\s+(?:pls|please|thanks))?\W*$"
)
# "white gets dirty too fast, avoid that": the thing named first, turned down after its reason
_AVOID_THAT = _rx(
    rf"^\W*{_TURNED_DOWN_WHAT}\s+(?:gets|get|looks|feels|shows|fades|stains)\b[^,.;!?]{{0,40}}[,.;]?\s*"
    r"(?:so\s+)?(?:avoid|skip|no|not)\s+(?:that|it|those|them)(?:\s+(?:pls|please))?\W*$"
)
# "she already has too many bags tbh", "she has like a million lipsticks already", "he HATES
# watches n any kind of jewellery": kinds turned down by what the person has or hates
_HAS_TOO_MANY = _rx(
    r"\b(?:already\s+)?(?:has|have|got|owns?)\s+(?:like\s+|already\s+)?(?:way\s+)?(?:too many|so many|a million|"
    r"a ton of|tons of|loads of|lots of|plenty of|enough)\s+(?P<what>[a-z]{3,15})\b"
)
_HATES = _rx(
    r"\b(?:(?:he|she|they|i|we)\s+)?(?:really\s+)?(?:hates|hate|can'?t stand|doesn'?t like|dislikes)\s+"
    r"(?P<what>[a-z]{3,15})"
    r"(?:\s+(?:n|and|or|&)\s+(?:any\s+kind\s+of\s+|any\s+)?(?P<other>[a-z]{3,15}))?\b"
)
# "别推包": a kind turned down, in Chinese
_NOT_RECOMMENDED_ZH = re.compile(r"(?:别|不要|不用)推荐?(?=[\u4e00-\u9fff])")
# "remove the budget, she's paying herself", "budget hata do": the budget let go of, no cart line removed
_BUDGET_REMOVED = _rx(
    r"\b(?:remove|lose|lift|take off|get rid of) (?:the |my |that )?(?:budget|price (?:limit|cap|filter))\b|"
    r"\bbudget (?:hata do|hatao|hata|chhodo|chodo|hata ke)\b"
)
_GLUED_NUMBER = _rx(r"\b(?P<word>size|under|below|upto|within|above|over|max)(?=(?:\d|(?:xxl|xl|xs|m|l)\b|(?-i:S)\b))")
_GLUED_WHOSE = _rx(r"\b(?P<whose>womens|mens|ladies|girls|boys)(?P<rest>[a-z]{4,})\b")
# "round 2000", "round 1.2k": around (no round bottoms); "sub 3k": under
_ROUND_AMOUNT = _rx(r"\bround\s+(?=(?:rs\.?\s*|₹\s*|inr\s*)?\d)")
_SUB_AMOUNT = _rx(r"\bsub\s*-?\s*(?=(?:rs\.?\s*|₹\s*|inr\s*)?\d)")
# Voice typing, words heard for others by their sound: "sneakers size ate", "add the first one to
# cut", "ek sorry dikhao na cotton wali", "jeans for mien"; "my 6yo", "my 11 yo" are ages
_SIZE_ATE = _rx(r"\b(size|uk|us)\s+ate\b")
_TO_THE_CUT = _rx(r"\b((?:add|put|throw|pop|move)\b[^.?!]{0,40}?\b(?:to|in|into)\s+(?:the\s+|my\s+)?)cut\b")
_A_SORRY = _rx(r"\b(ek|a|one|silk|cotton|banarasi|chiffon|georgette)\s+sorry\b(?!\s+(?:for|about|but|to)\b)")
_FOR_MIEN = _rx(r"\b(for|of)\s+mien\b")
_YEARS_OLD_SHORT = _rx(r"\b(\d{1,2})\s*yo\b")
# A thing described rather than named: "those ... things", "what r those straps called", "the
# one with", "like a coat but thin", "naam yaad nahi"; "那种…", "叫什么来着"
_DESCRIBING = _rx(
    r"\b(?:those|these)\b[^.?!]{0,40}\b(?:things?|kinds?|types?|stuff)\b|\bone of (?:those|these)\b|"
    r"\b(?:that|the|this)\s+(?:[a-z]+\s+){0,2}thing\b|"
    r"\bwhat(?:'s| is| r| are| do you call)\b[^.?!]{0,40}\bcalled\b|\bcalled\?|"
    r"\b(?:that|which|you|u|men|women|people|pilots|cyclists|girls|guys)\s+"
    r"(?:wear|put (?=in|on|over|round|around)|hold|hangs?|clips?|wrap|drape|stops?|zips?|"
    r"opens?|tie|knot|carry|(?:go|goes) (?:over|across|round|around|under))\b|"
    r"\bbasically\b|\bforgot (?:the|what)|don'?t know (?:the name|what)|\bnaam (?:yaad|nahi|nai)|"
    r"\bno idea what\b|\bthe thing\b"
)
# "size M.. no sorry, size L", "the 4th? oh sorry i meant the 5th", "mustard... no, teal", "丝巾… 不对 是披肩":
# the writer's correction, said after a stop (a strong one, "no wait", "oops i meant", may follow a word)
_CORRECTED = _rx(
    r"(?:[,.;!?…-]+\s*|\s+(?=(?:oh\s+|oops\s+|hmm+\s+)?(?:no\s+wait|wait\s+no|no\s+sorry|sorry\s+i\s+mean|oops|i\s+meant)\b))"
    r"(?:(?:oh|oops|hmm+|uh+|umm?|ugh|ah|arre|my bad)\W+)*"
    r"(?:no\s+wait|wait\s+no|no\s+sorry|sorry|no\s+no|nope|nahi\s+nahi|no(?=\s*[,.!…])|i\s+meant?|actually|wait)"
    r"(?:\W+(?:sorry|wait|no|actually|i\s+mean|i\s+meant|make\s+(?:that|it)|rather))*[\s,.!…-]+|"
    r"[\s,，。…]*(?:哦|噢|啊|呃)?(?:不对|说错了|打错了|不是不是|记错了|(?<=[哦噢])不是)[，,。\s]*(?:是|应该是|要)?"
)
_ALSO_ASKED = _rx(r"\b(?:also|too|as well|another|bhi|and)\b|也|还要|再")
# "sorry not saree, i mean a kurta": the thing meant follows the one taken back
_NOT_THAT_BUT = _rx(r"^\s*not\s+[^,.?!]{1,30}?\s*,?\s*(?:i\s+mean|i\s+meant|it'?s|but)\s+")
# "哦不是 我是想问退货", "sorry i meant to ask about returns": only the question that follows is asked
_ASKED_INSTEAD = _rx(r"^\s*(?:我是想问|我想问|是想问|i\s+(?:meant|wanted)\s+to\s+ask)")
# an amount of money as typed, never a count or a size ("2 not 3" is a count)
_MONEY_SAID = r"₹?\s*(?:\d{3,}[\d,]*|\d[\d,]*\.?\d*\s*k)"
# "oops typo, i meant 3000 not 2000", "sorry i meant 3k": another amount, for the budget said
_AMOUNT_MEANT = _rx(
    r"^\W*(?:(?:oops|sorry|ugh|my bad|typo|no|nah|wait|arre)\W+)*(?:i\s+meant|meant|i\s+mean)\s+(?:like\s+)?"
    rf"(?P<new>{_MONEY_SAID})(?:\s*(?:rs|rupees|inr|bucks))?(?:\s+not\s+{_MONEY_SAID})?\W*$|"
    rf"^\W*(?:(?:oops|sorry|ugh|my bad|typo|no|nah|wait|arre)\W+)*(?P<new2>{_MONEY_SAID})\s+not\s+{_MONEY_SAID}\W*$"
)
_CART_EDIT = _rx(r"\b(?:remove|drop|delete|add|put|hata|daal|nikal)\b|加|删|去掉|拿掉")
_CORRECTION_FILLER = frozenset(
    "with the a an one ones pls please plz just then instead mean meant actually make it that them too".split()
)
_CORRECTABLE = frozenset({"size", "colour", "article", "price"})
_A_PLACE_SAID = _rx(r"\b(?:[1-9](?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b|第[一二三四五六七八九1-9]")
_DESCRIBING_ZH = re.compile(r"那种|叫什么|叫啥|不知道叫|就是.{2,12}的那")
# "if the jeans dont fit can i swap for another size", "can i return the shoes if ...": an exchange asked
_EXCHANGE_ASKED = _rx(
    r"\b(?:if|in case)\b[^.?!]{0,30}\b(?:do(?:es)?n'?t|do(?:es)? not|won'?t|didn'?t)\s+fit\b|"
    r"\b(?:swap|change|exchange)\s+(?:it|them|that|those|for)\s+(?:for\s+)?(?:a\s+|an\s+)?"
    r"(?:another|other|different|bigger|smaller)\s+size\b|\b(?:return|exchange)\b"
)
# "只看卡西欧的", "就要耐克的": only those of the list shown
_ZH_ONLY_OF = re.compile(r"^\s*(?:只看|只要|就看|就要|淨係要|只想看)")
# "先看男款", "女生的有吗": the list shown, of one gender
_ZH_OF_A_GENDER = re.compile(r"(?:男|女|男士|女士|男生|女生|男童|女童|男孩|女孩)(?:款|的|装|式)")
# "under like fifteen hundred": at most that, the "like" a filler
_UNDER_LIKE = _rx(r"\b(under|below|within|less than|max)\s+like\s+")
# "add da 1st one", "d 2nd one in M": "the", as typed in a hurry
_DA_PLACE = _rx(r"\b(?:da|d|teh|th)\s+(?=(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b)")
# "flats badlo yaar", "shoes alag dikhao": that piece changed, in Hinglish
_PIECE_CHANGED_HI = _rx(
    r"^\W*(?:ye |yeh |woh |wo )?(?P<piece>[a-z]{3,20})\s+(?:badlo|badal do|change karo|alag dikhao|"
    r"dusre dikhao|doosre dikhao)\b"
)
# "my daughter is turning 6", "mum turns 60 next month": an age, as "is 6" says it
_TURNING_AN_AGE = _rx(r"(?:\s+is|'s)\s+turning\s+(?=\d{1,2}\b)|\s+(?:just\s+)?(?:turns|turned)\s+(?=\d{1,2}\b)")
# "just joined the football team": the sport, no football (but "football coaching ... and a proper ball": one)
_SPORT_TEAM = _rx(
    r"\b(?:football|cricket|basketball|hockey|volleyball|badminton|tennis)\s+(?=(?:team|club|league)\b)(?!.*\bball\b)"
)
# "cotton isnt a must": a word the titles had to have, let go of (no "must" turned down)
_NOT_A_MUST = _rx(
    r"\b(?P<term>[a-z]+)\s+(?:isnt|isn't|is not|aint|ain't)\s+(?:a must|necessary|needed|required|compulsory)\b"
)
_TERSE_CART_EDIT = _rx(
    r"^\W*(?P<a>[1-9])(?:st|nd|rd|th)?(?:\s*(?:n|and|&|,)\s*(?P<b>[1-9])(?:st|nd|rd|th)?)?(?:\s+(?:one|wala|wali))?"
    r"(?:\s+(?P<size>uk\s*\d{1,2}|xxl|xl|xs|s|m|l))?\s+(?P<verb>add|remove it|remove)"
    r"(?:\s+(?:kar|karo|kardo|kar do|it|pls|please|plz))*\W*$"
)


def _terse_cart_edit(said: re.Match[str]) -> str:
    """ "2nd one uk6 add": "add the second one in uk6"; "2 n 4 add kar": "add the second and
    the fourth"."""
    places = " and the ".join(f"{_ORDINALS[int(n) - 1]} one" for n in (said.group("a"), said.group("b")) if n)
    verb = "add" if said.group("verb").lower() == "add" else "remove"
    size = f" in {said.group('size')}" if said.group("size") else ""
    return f"{verb} the {places}{size}"


# "or just track pants is fine, under 1200": that kind instead, the rest of the search kept
_KIND_WILL_DO = _rx(
    r"^\W*(?:(?:or|ok|okay|then|hmm|actually)\W+)*(?:just |even )?(?P<kind>[a-z][a-z ]{2,24}?)\s+"
    r"(?:is|are|would be|will be|also)?\s*(?:fine|ok|okay|will do|would do)(?: too| as well)?(?=\W*(?:,|$))"
)
_REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_KIND_WILL_DO, lambda m: f"{m.group('kind')} instead" if _names_product(m.group("kind")) else m.group(0)),
    (_NOT_A_MUST, r"forget the \g<term> part"),
    (_TURNING_AN_AGE, " is "),
    (_SPORT_TEAM, "sports "),
    (_PIECE_CHANGED_HI, r"change the \g<piece>"),
    (_SIZE_ATE, r"\1 8"),
    (_TO_THE_CUT, r"\1cart"),
    (_A_SORRY, r"\1 saree"),
    (_FOR_MIEN, r"\1 men"),
    (_YEARS_OLD_SHORT, r"\1 yr old"),
    (_UNDER_LIKE, r"\1 "),
    (_DA_PLACE, "the "),
    (_ROUND_AMOUNT, "around "),
    (_SUB_AMOUNT, "under "),
    (_BUDGET_REMOVED, "forget the budget"),
    (_ALSO_A_NO, r"no \g<what> either"),
    (_AVOID_THAT, r"no \g<what>"),
    (_HAS_TOO_MANY, r"no \g<what>"),
    (_HATES, lambda m: f"no {m.group('what')}" + (f" and no {m.group('other')}" if m.group("other") else "")),
    (_NOT_RECOMMENDED_ZH, "不要"),
    (_EM_DASH, ", "),
    (_SIZE_IN_SHOES, r"\g<size>"),
    (_WHICHEVER_IS, r"\g<verb> the \g<most> \g<kind>"),
    (_FOR_THE_SEASON, " "),
    (_WHOLE_LOOK_INCLUDING, r"\g<whole> look"),
    (_NO_HIGH_HEELS, r"\g<no> "),
    (_WHOSE_SIZE_AFTER, r"for \g<who> in \g<size>"),  # "she's 55 so no high heels pls": no heels
    (_BAG_FOR_THE_LAPTOP, r"\g<between>laptop bag"),
    (_LIVELIER_THAN, r"not \g<colour>"),
    (_DIFF, "different"),
    (_SAID_TWICE, "not"),
    (_BY_THE_WAY_ZH, ""),
    (_COLOUR_FOR_COLOUR, r"in \g<into> instead"),
    (_A_FLIGHT, _to_fly_in),
    (_PLACE_CORRECTED, ""),
    (_PLACE_CORRECTED_ZH, r"第\g<place>\g<unit>\g<ask>"),
    (_NOT_FOR_OCCASION, " "),
    (_LOOK_LIKE_WHOSE, " "),
    (_PLACES_POPPED_IN, r"add \g<places>"),
    (_WANT_IT_STYLED, " styled with"),
    (re.compile(r"^(?=.*[都全]).+$", re.S), _size_for_several_zh),
    (re.compile(r"内裤(?:想要|要|选|换成?)(平角|四角|三角)的?"), r"\1内裤"),  # "内裤想要平角的": trunks
    (re.compile(r"^(?=.*[\u4e00-\u9fff]).+$", re.S), _complaint_turned_down),
    (_HEARD_NUMBER, lambda m: _HEARD_AS[m.group("word").lower()]),
    (_HEARD_AMOUNT, _heard_amount),
    (_FIRST_TWO_HEARD, r"\g<first> two"),
    (_ARE_SHORT, "are "),
    (re.compile(r"\bnt\b(?=\s+[a-z]{3,})", re.I), "not"),  # "earrings, nt gold": "not", typed short
    (
        re.compile(
            r"(?<!global )\bdesi\b(?! (?:girls?|boys?|ghee|khana|food|munda|kudi)\b)",
            re.I,
        ),
        "ethnic",
    ),  # "something yellow n desi to wear"
    # "so no watches at all?", "so no toys at all? not even a football?": asked for, not turned down
    (_NONE_AT_ALL, r"any \g<what>?"),
    (_FOOT_LENGTH, _foot_as_size),
    # "我和老婆想买情侣款卫衣": for the shopper and the partner, one each (as "for me and my wife")
    (
        re.compile(r"(?:给|帮)?我(?:和|跟)(老婆|媳妇|太太|老公|男朋友|女朋友)"),
        lambda m: f" for me and my {_PARTNER_ZH[m.group(1)]} ",
    ),
    # "i'm a 32 in levis": a waist in inches, as another brand sizes it
    (_rx(r"\b(?:i'?m|i am)\s+(?:a\s+)?(?P<n>2[6-9]|3\d|4[0-4])\s+in\s+(?=[a-z]{3,})"), r"waist \g<n> in "),
    # "2nd one uk6 add", "2 n 4 add kar", "4 remove it": a terse cart edit of places in the list
    (_TERSE_CART_EDIT, _terse_cart_edit),
    # "no wait make it medium": the size said as a word
    (
        _rx(r"\bmake it (?:a |an )?(small|medium|large|extra large|x-?large)\b"),
        lambda m: f"size {SIZE_WORDS[re.sub(r'^x-?large$', 'extra large', m.group(1).lower())]}",
    ),
    # "bag it in 10", "ok bag the 2nd": into the cart (slang), not a bag wanted
    (
        _rx(r"^\W*(?:(?:pls|please|ok|okay|k|then|so|cool)\s+)?bag (it|this|that|them|both|the \w+(?: one| pair)?)\b"),
        r"add \1",
    ),
    (_rx(r"\bnot even (?:a single |a |an |one |any )?(?=[a-z]+(?:\s+[a-z]+)?\s*\?)"), "any "),
    (_FOR_THE_NECK, " a scarf "),  # "something to wrap around my neck": a scarf or stole
    (_GIVERS, r"we \g<want> to \g<give>"),  # "the boys want to gift him something": him, not the boys
    (_WHO_CORRECTED, r"\g<meant>"),  # "for girls.. i mean women lol": women
    (_RUNS_DAILY, r"\g<who> is into running"),  # "he runs every morning": a runner, a running gift
    (re.compile(r"(?<!红色)(?<!红)喜庆"), "红色"),  # "颜色要喜庆一些": festive, in China red
    (_rx(r"\b(?:pouch|holder|cover|case)(?:es|s)? for (?:my |the |a |our )?passports?\b"), "passport pouch"),
    (_COLOUR_CORRECTED, r"\g<new>"),  # "a white, no wait actually blue kurta": the colour said last
    (_IT_GOES_WITH_MINE, ""),
    (
        _ONLY_IN_A_SIZE,
        lambda m: f"only in size {m.group('size') or m.group('size2')}",
    ),  # "great, only S then pls", "only show ones available in 10"
    (_COLOUR_GETS_DIRTY, r"no \g<colour>, "),
    (_COLOUR_LET_GO, r"no \g<colour>"),  # "white gets dirty so fast in mumbai rains, grey ones?"
    (_ZH_COLOUR_GETS_DIRTY, r"\g<colour>色的不要，"),
    (_NOT_THESE_KIND, r"no \g<kind>"),  # "not these rubber slippers yaar, proper sandals": those turned down
    (_WORN_TO_WORK, " "),  # "no backpacks pls, i wear sarees to work lol": why, no sarees asked
    (_rx(r"\b(?:i|we)\s+can\s+(?:stretch|push|increase|up)\s+(?:the|my|our)\s+budget(?:\s+a\s+bit)?\b"), " "),
    (_ALL_FOR_OTHERS, " "),  # "these r all for women, im a guy": who they are for, said again
    (_WRONG_COLOUR, " "),  # "wait wrong colour, mummy wants maroon not red": the colour said, no wrong item
    (_COLOUR_SAID_AGAIN, r"\g<new>"),
    (_LOOK_LIKE_A, " "),  # "not tryna look like a highlighter": a likeness, no highlighter
    (_TO_LOUNGE_IN, r"lounge \1"),  # "comfy pants to lounge around the house in"
    (_SIZE_IN_KIND, r"\1 \2"),  # "she wears S in tops": her size, no tops asked
    (_FORGET_A_USAGE, " "),  # "ok forget formal, show me casual ones": casual only
    (_HEIGHT, " "),  # "she's about 5'4": a height, no price or size
    (_GROWN_GIRL, r"\1 woman"),  # "dresses for a petite girl, I'm barely 5 ft": a woman's
    (_GIRL_AT_WORK, "woman"),
    (_COLOUR_DISLIKED, r"no \g<colour>"),
    (_SIZE_CORRECTED, lambda m: f"size {m.group('new') or m.group('again')}"),
    (_AMOUNT_TAKEN_BACK, " "),
    (_PARENTS_PARTNER, lambda m: "stepmom" if m.group(1).lower() == "wife" else "stepdad"),
    (_SOMEONES_PARTNER, _partner_named),
    (_GIVEN_BEFORE, " "),  # "papa already got a watch and a wallet from me ... this time sunglasses"
    (_BEYOND_REPAIR, " "),  # "my watch is stopped and cannot repair. I would like new one"
    (_NO_WESTERN, r"\g<no> "),  # "something desi pls, no western tops": no tops
    (_CHILDS_WEDDING, lambda m: f"{'woman' if m.group('child').lower() == 'daughter' else 'guy'}'s {m.group('event')}"),
    (_NOT_FOR_THEM, " "),  # "it's a girl, Priya from HR": a colleague, a woman
    (_AGE_AND_SEX, _as_a_person),  # "28F, office + weekends": a woman
    (_IF_TOO_DEAR, " "),  # "or a kurta set if lehengas are too pricey": no lehenga turned down
    (_BAG_FOR_A_LAPTOP, r"laptop bag \g<rest>"),  # "a bag for office that fits a 15 inch laptop"
    (re.compile(r"(?<!休闲)(?<!正装)(?<!运动)西裤"), "正装西裤"),  # suit trousers are formal ones
    (re.compile(r"(?<=[条件买揾搵找款花])裙(?![子装摆])"), "裙子"),  # "想揾条裙", "碎花裙": a dress or a skirt, as 裙子
    (re.compile(r"(?<=[A-Za-z])\s*的表(?![带格单])"), " 的手表"),  # "想送块fossil的表": a Fossil watch
    # "颜色好像我奶奶家的窗帘": what the list looks like, no curtain asked for
    (re.compile(r"(?:好像|像是|像)[^，,。！!？?\s]{0,12}(?:的)?(?:窗帘|桌布|床单|沙发|地毯)(?:一样|似的)?"), " "),
    (re.compile(r"(?<=自己)包(?![包袋装])"), "包装"),  # "那我自己包": I'll wrap it myself, no bag
    # "男士小挎包 装个手机钱包就行": what the bag holds, no wallet asked for
    # (a laptop it holds is a laptop bag asked for: "双肩包 能装15寸电脑就行")
    (_HOLDS_ZH, ""),
    # "再来双配裙子的平底鞋", "配T恤的短裤": the piece asked for, not the one it goes with
    # (not "配他的西装": to go with his suit, which he has)
    (re.compile(r"配(?![他她我你]们?的)(?:那|这)?[条件双个套]?[^\s点些的]{1,4}?的(?=[\u4e00-\u9fff])"), " "),
    # "红包" (a gift of money in a red envelope) and clothes for a pet: not sold, and no red bag or clothes asked
    (re.compile(r"(?<![皮钱手背腰胸斜挎肩])红包(?!包)"), "利是"),
    (
        re.compile(r"(?:我家)?(?:猫咪?|狗狗?|宠物|柯基|泰迪|主子)(?:穿的|的|有没有|有)[^\s，,。！!？?]{0,3}?衣服"),
        "宠物衣服",
    ),
    # "要能装15寸笔记本的": a bag a laptop of that size fits in
    (
        re.compile(
            r"(?:能|可以)?[装放](?:得下|下)?\s*\d{1,2}\s*(?:寸|英寸|inch)\s*(?:的)?\s*(?:笔记本电脑|笔记本|电脑)"
            r"(?![^，,。]{0,3}[吗嘛么不?？])"  # "第二个能放下14寸笔记本嘛": asked of one shown
        ),
        "电脑包",
    ),
    (  # "a sweater for my dog": a dog sweater, which is not sold
        _rx(
            r"\b(sweaters?|jackets?|clothes|coats?|raincoats?|t-?shirts?|costumes?) for (?:my |our |the |a )?"
            r"(dog|cat|puppy|kitten|pet)(?:s|gy|gie|py)?\b"
        ),
        r"\2 \1",
    ),
    (_AGE_THEN_MY_SIZE_ZH, _age_then_my_size),
    (_TWO_SIZES_ZH, _two_sizes_said),
    (_TWO_SIZES_THEIRS_FIRST_ZH, _two_sizes_said),
    (
        _PEOPLE_SIZED_THEN_KIND,
        _each_person_sized,
    ),  # "me (size M) and my husband (L) both need kurtas"  # "情侣款白T 我穿M 男朋友穿XL": one for each
    (_KIN_PAIR_ZH, _kin_pair_said),  # "孙子8岁孙女6岁 想给他们各买件T恤": one for each
    (_GIVEN_TO_ME_ZH, "送我"),  # "女儿说要孝敬我一块好手表": the daughter gives, the watch is mine
    # "现在的裤子都起球了", "她妈妈工作忙", "我这当奶奶的": what is worn now, others in the story, the shopper
    (re.compile(r"(?:现在|以前|之前|原来|家里|旧)的[\u4e00-\u9fff]{1,3}?(?=都|已经|全|有点|太|破|旧|小了|起球)"), " "),
    (re.compile(r"[她他](?:妈妈|爸爸|妈|爸)(?=工作|上班|说|没空|太忙|忙)"), " "),
    (re.compile(r"(?:我这)?当(?:奶奶|爷爷|外婆|姥姥|外公|姥爷)的"), " "),
    # "平时就T恤牛仔裤": what the shopper wears every day, not what is asked for
    # (kept when nothing else is asked for: "我妈平时基本都穿纱丽 3000以内有啥推荐")
    (
        re.compile(
            r"平时(?:就|都|只|老|一般都?|基本上?都?)(?:穿|是)?[^\s，,。！!？?]*(?=.*(?:想|要|再)买|.*买[件条双个套])"
        ),
        " ",
    ),
    # "站一天高跟鞋脚会废掉": the shoes that hurt, given as the reason for others
    (re.compile(r"[^\s，,。！!？?]*鞋脚(?:会|都|就|要|很|太)?(?:废|疼|痛|累|磨|受不了)[^\s，,。！!？?]*"), " "),
    # "第二条看着有点踩雷 第三条还有S码吗": a place judged and passed over for the one asked about
    (
        re.compile(
            r"第[一二三四五六七八九\d][个件双条款只套块副]?[^，,。！!？?\s]{0,6}?"
            r"(?:踩雷|不好看|一般般?|不喜欢|不太喜欢|不行|丑|不太行|pass)[^\s，,。！!？?]*(?=.*第[一二三四五六七八九\d])"
        ),
        " ",
    ),
    # "黑色的也别 见家长穿一身黑不太好": why a colour is turned down, no look in it
    (
        re.compile(
            r"[^\s，,。！!？?]*(?:一身|全身)[^\s，,。！!？?]*(?:不太好|不好|不合适|不吉利|不礼貌|太沉闷|显老)[^\s，,。！!？?]*"
        ),
        " ",
    ),
    (re.compile(r"见(?:男朋友|男友|对象|未婚夫|女朋友|女友|未婚妻)的?(?=家长|父母|爸妈)"), "见"),  # the shopper dresses
    (re.compile(r"(伴娘[^。]*?)(?<![连半身长短])裙子"), r"\1连衣裙"),  # a bridesmaid's 裙子: a dress
    # "their mother says the old ones have gone yellow": a speaker and an old colour, no need
    (
        re.compile(
            r"\b(?:their|his|her) (?:mother|mom|mum|mummy|father|dad|daddy|papa) (?=says|said|thinks|told)", re.I
        ),
        "someone ",
    ),
    (re.compile(r"\b(?:have|has|had) (?:gone|turned|become) (?:all )?[a-z]+\b", re.I), " "),
    # "reception on sunday evening": a time of day, no women's evening wear
    (
        re.compile(
            r"\b((?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|this|saturday's|sunday's) "
            r"(?:evening|morning|afternoon)\b",
            re.I,
        ),
        r"\1",
    ),
    # "dark colours make me look quite washed out": a complexion, no washed jeans
    (re.compile(r"\b(?:look|looks|looking|feel|feels)\s+(?:\w+\s+)?washed[ -]out\b", re.I), " "),
    # "something nice to mark it": an occasion marked, no Mark Taylor
    (re.compile(r"\bto mark (?:it|this|that|the (?:occasion|day|milestone)|his|her|their|our)\b", re.I), " "),
    # "he has had the same HMT one since our wedding": a time long past, no occasion now
    (re.compile(r"\bsince (?:our|my|his|her|their|the) (?:wedding|marriage|engagement|college|school)\b", re.I), " "),
    (re.compile(r"\?\s*(?=or\s)"), " "),  # "maybe a lehenga? or a kurta set": one need, either kind
    (_HIS_AND_HERS, r"\g<kind> for men and \g<kind> for women"),
    (_ONE_OF_EACH_COLOUR, r"a \g<a> \g<kind> and a \g<b> \g<kind>"),
)
_WORN_WITH = _rx(
    r"(?:\bwith|\bw/|\balong ?with|\bpaired with|\bstyled (?:with|w/)|\+\s*matching|&\s*matching|\bplus matching)"
    r"\s+(?!(?:my|his|her|our|your|ur)\b)(?:a |an |some |the |matching |a matching )?(?P<piece>[a-z][a-z ]{2,30})|"
    r"\b(?P<before>[a-z]{3,20}) (?:ke saath|ke sath|ke sathe)\b"
)
# "想要一套", "买一身", "想穿纱丽 配手镯和高跟鞋": a set of pieces worn together
_ZH_A_SET = _rx(
    r"[要买買来整搭]一[套身]|一整套|想穿.{1,6}配|"
    # "一件库尔塔 配耳环跟手拿包", "男款库尔塔 L码 顺便配双鞋": pieces to go with it
    r"(?<![不别])配(?:上|个|一?[双条件个款顶块副只])?[\u4e00-\u9fff]{1,5}(?:和|跟|与|还有|\+)|顺便配|" + SETS_ASKED_ZH
)
_PIECES_AS_A_LOOK = _rx(
    r"(?:\+|\band\b|&|\bn\b)\s*(?:a |an )?[a-z]+(?: [a-z]+)? (?:kinda |kind of |type |style |sort of )?"
    r"(?:look|outfit|combo)\b"
)
_A_CHILD = _rx(
    r"\b(daughter|son|niece|nephew|kids?|child|children|baby|toddler|school|\d+ ?(years?|yrs?|yo)\b)|孩子|儿子|女儿"
)


def _child_in_conversation(context: Context) -> str | None:
    """The child the conversation's last ask was for ("my niece, turning 10"): a kind
    that is usually a woman's or a man's (a dress, a blazer) is then the child's."""
    last = context.last_request
    if last is None:
        return None
    genders = [n.gender for n in [*last.needs, *(last.outfit.pieces if last.outfit else [])]]
    genders.append(last.outfit.gender if last.outfit else None)
    if last.intent in (Intent.out_of_catalog, Intent.store_info):  # "cricket bat also?" between: whose before
        genders.append(context.gender)
    return next((g for g in genders if g in _ADULT_OF), None)


_CONTINUE = _rx(
    r"^\s*(and|also|ok|okay|now|then|plus|n|what about|how about)\b|^\W*([a-z]+\s+){1,2}then\b|^\s*(还有|再)|"
    r"^.*\bfor (it|that|the (occasion|event|function|same))\s*[?.!]*$"  # "footwear for it?"
)


def _carried_usage(text: str, context: Context) -> tuple[str, str | None] | None:
    """The occasion of the conversation's last ask (sports, formal, ethnic) for a message
    that continues it ("and some tees to go", "ok shoes"), when it names none itself."""
    last = context.last_request
    if last is None or not _CONTINUE.match(text):
        return None
    asks = [*last.needs, *(last.outfit.pieces if last.outfit else [])]
    if last.outfit and last.outfit.usage:
        asks.append(ProductNeed(text="", usage=last.outfit.usage, occasion=last.outfit.occasion))
    usage = next(((n.usage, n.occasion) for n in asks if n.usage in _HARD_USAGES), None)
    return usage


def _named_as_a_thing(word: str) -> re.Pattern[str]:
    """The word said as a thing bought ("and a football"), not as the game ("a football match")."""
    return _rx(
        rf"\b(?:a|an|one|some|new)\s+{re.escape(word)}s?\b"
        r"(?!\s+(?:match|game|tournament|practice|session|class|team|club|party|league|camp|trip|night|day))"
    )


def _worn_by_the_sea(needs: list[ProductNeed], occasion: str | None, text: str) -> None:
    """ "beachy stuff for goa", "beach wear for women": what is worn by the sea, when only
    clothes in general are asked for (not "a snorkel mask for the beach")."""
    vague = len(needs) == 1 and not needs[0].has_product() and _CLOTHES_IN_GENERAL.search(text)
    if vague and occasion and BY_THE_SEA.search(occasion):
        needs[0].article_types = sorted(SEASIDE_KINDS)


_CLOTHES_IN_GENERAL = _rx(r"\b(?:stuff|wear|clothes|clothing|things|outfits?|essentials|beachy)\b|穿的|衣服")


def _vague_beside_named(need: ProductNeed, chunk: str) -> None:
    """A need said vaguely beside others: "a swimsuit n something to throw over it" (a light
    layer), "something cute for her to wear + white sneakers uk5" (clothes of any kind)."""
    if not need.has_product() and _A_COVER_UP.search(chunk):
        need.article_types, need.confidence = ["Shrug", "Shirts", "Tops", "Tunics"], 1.0
    elif need.confidence < NAMED and _SOMETHING_TO_WEAR.search(chunk):
        need.article_types, need.sub_category, need.category, need.confidence = [], None, "Apparel", 1.0


# Occasions trained for in sports bottoms, not trousers (a hike is walked in trousers)
_WORKED_OUT_IN = _rx(
    r"\b(?:yoga|gym|work ?out|workouts|training|running|jogging|zumba|aerobics|pilates)\b|瑜伽|健身|跑步"
)


def _womens_vests(needs: list[ProductNeed]) -> None:
    """ "一件背心" for a woman: a camisole or a top (the catalog's vests are men's)."""
    for need in needs:
        if need.article_types == ["Innerwear Vests"] and need.gender == "Women":
            need.article_types = ["Camisoles", "Tops"]


def _usages_as_sold(needs: list[ProductNeed], occasions: str | None, worn_for: dict[str, frozenset[str]]) -> None:
    """The occasion's usage against the kinds asked: a guessed kind not worn for it goes
    ("something nice for an engagement, pastel": no lipstick guessed from "pastel"); a kind
    named, never sold for the occasion's usage, is searched without it ("formal shoes for an
    engagement": no shoe is ethnic wear)."""
    for need in needs:
        if need.usage and need.confidence < 1.0 and need.article_types:
            need.article_types = [t for t in need.article_types if need.usage in worn_for.get(t, {need.usage})]
        elif need.usage and need.usage == occasions and need.article_types:
            if (
                need.usage == "Sports"
                and need.article_types == ["Trousers"]
                and _WORKED_OUT_IN.search(need.occasion or "")
            ):
                need.article_types = ["Track Pants", "Capris"]  # "pants for yoga", "练瑜伽穿的裤子": sports bottoms
            need.usage = need.usage if any(need.usage in worn_for.get(t, ()) for t in need.article_types) else None


def _give_usage(
    needs: list[ProductNeed], occasion: str | None, usage: str | None, rest: str, owned_usage: str | None
) -> None:
    """The occasion's usage for each need (a filter when the usage can carry a shelf, else
    words of the query); else the usage of a piece owned, for the one need asked with it."""
    second = occasion_of(rest)[1] if usage else None  # "cocktail party this weekend": the party, not the weekend
    for need in needs:
        casual_kind = any(t.startswith("Casual") for t in need.article_types)  # "casual shoes ... office fridays"
        if usage and (need.usage == "Casual" or casual_kind) and _SOFT_USAGE_SAID.search(rest):
            continue  # "casual shirts for a beach wedding": casual ones, as said
        if usage and (not need.usage or need.usage == second != usage):
            need.occasion = occasion
            need.usage = usage if usage in _HARD_USAGES else None
            if usage not in _HARD_USAGES:
                need.text = f"{need.text} {usage.lower()}".strip()
    if owned_usage and len(needs) == 1 and not needs[0].usage:  # "i have a kurta, what pants go with it"
        needs[0].usage, needs[0].occasion = owned_usage, owned_usage.lower()
    for need in needs:  # "running my first 10k, need proper shoes": running shoes
        outdoors = bool(re.search(r"trek|hik|walk|climb|登山|爬山|徒步", need.occasion or ""))  # trekking: casual
        if need.usage == "Sports" and need.sub_category == "Shoes" and not need.article_types and not outdoors:
            need.article_types, need.sub_category = ["Sports Shoes"], None


_ONLY_A_SIZE_SAID = _rx(
    r"^\W*(?:(?:oh|ok|okay|and|also|btw|hmm|same|the same|but|make it|make them|all|everything|both|in)\W+)*"
    r"(?:(?:i'?m|im|i am|he'?s|she'?s)\s+(?:an?\s+)?)?(?:size\s+|sz\s+)?"
    r"(?P<size>xxl|xl|xs|s|m|l|uk\s*\d{1,2})\s*(?:for (?:him|her)\s*)?"
    r"(?:\W*(?:btw|pls|please|plz|by the way|fyi|in everything|for all|for both|for everything|instead|then|"
    r"thanks))*\W*$"
)


# "only show in stock ones fr", "show only the available ones pls": the list asked again, all of it in stock
_ONLY_IN_STOCK = _rx(
    r"^\W*(?:(?:ok|okay|pls|please|just|and|can you|can u|could you)\W+)*(?:only\s+)?(?:show|list|give)?\s*"
    r"(?:me\s+)?(?:only\s+)?(?:the\s+)?(?:ones?\s+)?(?:that\s+are\s+|which\s+are\s+|that'?s\s+)?"
    r"(?:in[- ]stock|available|availble)(?:\s+ones?)?(?:\s+(?:only|pls|please|plz|fr|for|for real|now|then))*\W*$"
)


def _in_stock_only(text: str, context: Context) -> ShopperRequest | None:
    """ "only show in stock ones" after a search: that search again (every list shows only
    what is in stock in the size asked)."""
    last = context.last_request
    if not _ONLY_IN_STOCK.match(text) or last is None or last.intent not in (Intent.search, Intent.refine):
        return None
    if not last.needs:
        return None
    needs = [need.model_copy(deep=True) for need in last.needs]
    return ShopperRequest(intent=Intent.refine, text=text, needs=needs, sort=last.sort, confidence=0.9)


def _look_in_a_size(text: str, context: Context) -> ShopperRequest | None:
    """ "he's an L btw" after a look: the same look in that size."""
    last = context.last_request
    said = _ONLY_A_SIZE_SAID.match(text)
    if said is None or last is None or last.intent is not Intent.outfit or last.outfit is None:
        return None
    size = said.group("size").replace(" ", "").upper()
    ask = last.outfit.model_copy(deep=True, update={"edits_last": True})
    ask.sizes = [*[s for s in ask.sizes if s.startswith("UK") != size.startswith("UK")], size]
    for piece in [*ask.pieces, *ask.changes]:  # "same but size L" of a look asked in M: each piece in L
        if piece.size and piece.size.startswith("UK") == size.startswith("UK"):
            piece.size = size
    return ShopperRequest(intent=Intent.outfit, text=text, outfit=ask, reference=last.reference, confidence=0.9)


def _whose_look(text: str, context: Context) -> ShopperRequest | None:
    """ "for a guy", "要男款的" after a look asked for nobody in particular (the assistant
    asked whose it is), or for someone else: that look, for them."""
    last = context.last_request
    if last is None or last.intent is not Intent.outfit or last.outfit is None:
        return None
    same = _SAME_FOR_SOMEONE.search(text)  # "nice nice. same but for my wife"
    # (after "who is it for?" an answer may run longer: "oh it's for my girlfriend, forgot to say")
    longest = 6 if last.outfit.gender else 10
    if last.outfit.around_reference or _names_product(text) or (len(text.split()) > longest and not same):
        return None
    said = parse_query(text).filters if any(c.isalnum() for c in text) else None
    gender = said.gender if said else None
    # "now one for my dad, he's XL" after a man's own look: another man
    another = same is not None and _SOMEONE_NAMED.search(text) is not None and gender == last.outfit.gender
    if gender is None or (gender == last.outfit.gender and not another):  # "男生穿的" after a look for women
        return None
    ask = last.outfit.model_copy(deep=True, update={"gender": gender, "edits_last": True})
    if last.outfit.gender is not None:  # another person: the sizes and piece edits said were the first one's
        ask.sizes = [said.size] if said and said.size else []
        ask.changes, ask.avoid = [], []
        for piece in ask.pieces:
            piece.gender, piece.size = None, None
    colours = as_list(said.colour) if said else []
    if colours and ask.pieces:  # "now one for my dad ... white ya cream": his main piece in those
        main = ask.pieces[0]
        change = ProductNeed(text=main.text, article_types=main.article_types, sub_category=main.sub_category)
        ask.changes = [change.model_copy(update={"colours": colours})]
    elif colours:
        ask.main_colours = colours
    if ask.around_need is not None:  # "im a girl btw" of a look around black chinos: her chinos
        ask.around_need.gender = gender
    return ShopperRequest(intent=Intent.outfit, text=text, outfit=ask, confidence=0.9)


_SOMEONE_NAMED = _rx(
    r"\bfor (?:my|his|her|our) (?:\w+ )?(?:father|dad|papa|husband|hubby|brother|bro|son|mother|mom|mum|wife|sister|"
    r"daughter|friend|boyfriend|girlfriend|uncle|aunt|grand\w+|cousin|nephew|niece|colleague|boss|manager)\b|"
    r"(?:老婆|老公|妈妈|爸爸|女朋友|男朋友|儿子|女儿|哥哥|弟弟|姐姐|妹妹)"
)
_SAME_FOR_SOMEONE = _rx(
    r"\b(?:same|similar|the same|one|another one|a look|one more)\s+(?:but\s+|thing\s+|look\s+|again\s+)?"
    r"for\s+(?:me|myself|him|her|my|his|her)\b|"
    r"(?:给|帮)(?:我|他|她)?(?:老婆|老公|妈妈|爸爸|女朋友|男朋友|儿子|女儿)?也(?:来|搭|配)?一套"
)


# What makes a sentence of a long message part of the ask: a request, a question, or a
# constraint (a size, a price, whose it is).
_ASKING = _rx(
    r"\?|\b(show|see|looking for|look for|need|want|would like|'d like|could you|can you|could i|can i|please|pls|"
    r"suggest|recommend|get me|find|buy|add|remove|do you have|have any|any|how|what|which|where|when|"
    r"can|could|would|will|does|is it|are they|goes? with|match|pair|wear|style|outfit|look|"
    r"son|daughter|kid|boy|girl|\d{1,2} ?(years?|yrs?)|drop|forget|skip|cancel|"
    r"is there|are there|sort|cheapest|under|below|max|budget|i'?m after|shopping for|help me|"
    r"size|uk ?\d|₹|\d{3,}|\d+k|for (me|him|her|my|myself)|it'?s for|they'?re for|i'?m a|im a|"
    r"men'?s|women'?s|men|women|ladies|gents|guy|girl|male|female|better|prefer|rather|instead|only|just|no|not|"
    r"without|except|"
    r"also|if (u|you) have)\b"  # "oh and also gloves if u have them"
)
# A clause that only judges what the shopper turns down or already has ("navy ones fade so
# fast", "black feels too heavy", "says raincoats are uncool", "I'll manage with my sneakers"):
# its colours and kinds are no part of the ask. One that asks or turns down ("nothing too
# flashy", "not too dark pls") is kept.
_VERDICT = _rx(
    r"\b(?:fades?|faded|fading|uncool|boring|"
    r"(?:too|so|very|really|kinda|way too)\s+"
    r"(?:heavy|dark|loud|bright|flashy|boring|plain|dull|old|fast|basic|much|hot)|"
    r"gets?\s+dirty|shows?\s+(?:every\s+)?(?:stains?|dirt)|looks?\s+(?:cheap|old|dull)|feels?\s+(?:heavy|cheap|old)|"
    # "everything's so black n grey": the colours shown, judged
    r"(?:is|are|'s|s|all|so|too)\s+(?:so\s+|too\s+|very\s+|just\s+)?(?:black|grey|gray|beige|brown|white|navy)"
    r"(?:\s+(?:n|and|&|or)\s+(?:black|grey|gray|beige|brown|white|navy))?(?=\s*[.!?]*$)|"
    r"manage\s+with|make\s+do\s+with)\b"
)
_TURNED_DOWN = _rx(r"\b(?:no|not|nothing|none|never|avoid|without|don'?t|dont|except|skip)\b")
_CLAUSE_END = re.compile(r"(?<=[.!?;,])\s+")


# "heels will hurt her feet", "jeans are uncomfortable": that kind turned down
_HURTS = _rx(
    r"\b(?:the\s+)?(?P<kind>heels|jeans|boots|sneakers|shoes)\s+(?:(?:will|would|might|always)\s+)?"
    r"(?:hurt|kill|pinch|(?:are|is)\s+(?:too\s+|so\s+|very\s+)?uncomfortable)\b[^.,!?]*"
)
# "beige or tan, as they go with most of her sarees": why a colour is wanted, no look asked for
_WHY_IT_GOES = _rx(
    r"\s*,?\s*\b(?:as|since|because|coz|cuz|bcoz|bcz)\s+(?:they|it|these|those|that|both)\s+"
    r"(?:go|goes|match|matches|look good|looks good)\s+with\b[^.?!,]*"
)


_BECAUSE = _rx(r"\b(?:cause|because|coz|cuz|bcoz|bcz|since)\b")


def _without_verdicts(message: str) -> str:
    """The message without its later clauses that only judge (``_VERDICT``). The first is
    kept: "shirts r boring. other shirts pls" turns down the shirts of the look shown."""
    clauses = [c for c in _CLAUSE_END.split(message.strip()) if c.strip()]
    # "anything but white cause they get dirty": a judgement given as the reason keeps its ask
    heads = [_BECAUSE.split(c)[0] for c in clauses[1:]]
    later = [
        c
        for c, head in zip(clauses[1:], heads, strict=True)
        if not _VERDICT.search(head) or _ASKING.search(c) or _TURNED_DOWN.search(c)
    ]
    return " ".join(clauses[:1] + later) if len(later) < len(clauses) - 1 else message


# A sentence that only tells a story: six words or more, and no piece the shopper has
# ("i bought a black pencil skirt last month" is what the tops must go with).
_A_STORY = _rx(r"^(?!.*\b(i have|i own|i'?ve got|i got|i bought|i'?m wearing|im wearing)\b)\W*(\S+\s+){5,}\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z])")
# A sentence that opens by adding one more thing: "And a pack of socks ...", "Also some earrings ..."
_ALSO_A_THING = _rx(r"^\W*(?:and|also|plus|oh and|n|and also)\s+(?:a|an|some|one|a pair of|a pack of|maybe a)\b")
# "..., so i'm looking for X": the reason before "so" is no part of the ask.
_SO_THE_ASK = _rx(
    r"^.{12,}?,?\s+so\s+((now|then|yeah|basically|anyway)\s+)?(?=(i|i'?m|im|i'?d|could|can|please|pls|show)\b)"
)
# A Chinese greeting or thanks before the ask ("你好呀", "嗯谢谢"): no thing asked for.
_ZH_GREETING = re.compile(
    r"^(你好|您好|嗨|哈喽|哈啰|嗯+|好的|谢谢|多谢)[呀啊啦哈嗯\uff5e~!\uff01,\uff0c\u3002\s]*"
    r"(谢谢[呀啊啦\uff5e~!\uff01,\uff0c\u3002\s]*)?"
)


def _another_usage(text: str, context: Context) -> bool:
    """Whether a refinement lets go of the usage the search shown filters on: it says so
    ("forget formal") or names another ("show me casual ones" after formal shoes)."""
    if _FORGET_A_USAGE.search(text):
        return True
    last = context.last_request
    before = next((n.usage for n in last.needs if n.usage), None) if last else None
    said = occasion_of(text)[1]
    return bool(before and said and said != before)


def _keep_occasion(request: ShopperRequest, context: Context) -> None:
    """A refinement of a search for an occasion ("under 2k pls" after sangeet shoes) is
    still for that occasion, unless it names a usage of its own."""
    last = context.last_request
    occasion = next((n for n in last.needs if n.occasion and n.usage), None) if last else None
    if occasion is None or len(request.needs) > 1:
        return
    if not request.needs:
        request.needs = [ProductNeed(text="")]
    need = request.needs[0]
    if need.usage is None and need.occasion is None:  # "not for office, its for a party": the party's
        need.usage, need.occasion = occasion.usage, occasion.occasion


_SWAP_ASKED = _rx(r"\b(?:instead|swap|switch|replace)\b|换成|换个|改成")


def _self_corrected(text: str) -> str:
    """A message its writer corrects as they type, as they meant it: what follows "no sorry",
    "oh sorry i meant", "... no,", "不对 是" takes the place of the last thing of its kind said
    before in the same sentence ("size M.. no sorry, size L", "mustard... no, teal", "the 4th?
    oh sorry i meant the 5th", "a saree? sorry not saree, i mean a kurta", "买条丝巾… 不对 是披肩");
    "哦不是 我是想问退货" asks only what follows. Left as typed when nothing before is of the kind
    said after."""
    marker = _CORRECTED.search(text)
    if marker is None or not text[: marker.start()].strip():
        return text
    before, after = text[: marker.start()], _NOT_THAT_BUT.sub("", text[marker.end() :], count=1)
    if _ASKED_INSTEAD.match(after):
        return after
    clause = re.split(r"[.?!;,，。？！]", after, maxsplit=1)[0]
    if len(clause.split()) > 6 or not clause.strip() or _ALSO_ASKED.search(clause):
        return text  # "shoes size 9, actually i also need socks": one more thing, nothing taken back
    trimmed = before.rstrip(" .!?。！？…")  # "第二件怎么搭配 哦不对" after its question mark: the question it corrects
    start = max(trimmed.rfind(stop) for stop in ".!?。！？") + 1  # "... the same kurta as my manager. thinking a white"
    head, sentence = before[:start], before[start:]
    new, old = _things_said(clause), _things_said(sentence)
    if not new.keys() & old.keys() or ("place" in new and _CART_EDIT.search(sentence)):
        return text  # "remove the 2nd, i meant the 3rd": both, in the cart
    corrected, left = _said_instead(sentence, clause, new, old)
    stop = "?" if marker.group(0).lstrip().startswith("?") else ""
    words = [w for w in re.findall(r"[a-z]+", left.lower()) if w not in _CORRECTION_FILLER]
    added = left.strip() if words or (left.strip() and _things_said(left)) else ""  # "green medium size": the size too
    return f"{head}{' '.join(w for w in (corrected.rstrip() + stop, added) if w)}{after[len(clause) :]}".strip()


def _said_instead(sentence: str, clause: str, new: dict[str, str], old: dict[str, str]) -> tuple[str, str]:
    """The sentence with each thing said again in the correction put in place of the one
    before it, and what of the correction is left to add ("maroon kurta" after "a red": the kurta)."""
    corrected, left = sentence, clause
    for kind, said in new.items():
        at = clause.lower().find(said.lower())
        if kind not in old or at < 0:  # "a red, no wait, maroon kurta": the kurta, said only after
            continue
        said = clause[at : at + len(said)]  # as typed ("size L", not "size l")
        left = left.replace(said, " ")
        if kind == "article" and said.lower() in old[kind].lower():  # "formal shoes" ... "make the shoes black"
            continue
        at = corrected.lower().rfind(old[kind].lower())
        corrected = corrected[:at] + said + corrected[at + len(old[kind]) :]
    return corrected, left


def _amount_corrected(text: str, context: Context) -> str:
    """ "oops typo, i meant 3000 not 2000", "sorry i meant 3000" after a priced search: the
    budget said before, at the amount meant (a limit stays a limit, "around" stays around)."""
    said = _AMOUNT_MEANT.match(text)
    last = context.last_request
    priced = next((n.price for n in last.needs if n.price), None) if last is not None else None
    if said is None or not (priced or context.has_search):
        return text
    return f"{'around' if priced and priced.around else 'under'} {said.group('new') or said.group('new2')}"


def _things_said(text: str) -> dict[str, str]:
    """The last phrase of each kind a correction may change (a size, colour, kind, price or
    place in the list), as typed."""
    if not re.search(r"\w", text):  # "proper shoes i meant 🙄": nothing said after
        return {}
    said = {kind: phrase for kind, phrase, _ in parse_query(text).recognised if kind in _CORRECTABLE}
    places = _A_PLACE_SAID.findall(text)
    if places:
        said["place"] = places[-1]
    return said


def _past_the_aside(context: Context) -> ShopperRequest | None:
    """The request a follow-up continues: the one before a store question asked in between
    ("can she swap the size?" then "make the clutch gold": the look before it)."""
    last = context.last_request
    if last is not None and last.intent is Intent.store_info and context.before_aside is not None:
        return context.before_aside
    return last


def _one_piece_left(before: OutfitAsk, ask: OutfitAsk, text: str) -> ShopperRequest | None:
    """ "sunglasses and a cap to go with my dress" -> "drop the cap": the one piece left, as a
    list of it (a look of one piece would grow a whole outfit around it)."""
    # (a kind swapped in stands as a change, beside the piece left: "鞋子不要高跟了 换成平底的")
    swapped_in = any(all(_kinds(c).isdisjoint(_kinds(p)) for p in ask.pieces) for c in ask.changes)
    swapped_in = swapped_in or bool(_SWAP_ASKED.search(text))
    if len(before.pieces) >= 2 and len(ask.pieces) == 1 and not swapped_in and not ask.around_reference:
        return _one_piece_of_look(ask, ask.pieces[0], text)
    return None


def _one_piece_of_look(ask: OutfitAsk, piece: ProductNeed, text: str) -> ShopperRequest:
    """One piece of a look asked for alone ("show me only leggings in white or cream"): a
    list of it, in the size, for whom and within the budget the look was asked."""
    need = piece.model_copy(deep=True)
    earlier = [p for p in [*ask.changes, *ask.pieces] if _kinds(p) & _kinds(piece)]  # the latest said first
    footwear = _is_footwear(need)
    look_size = next((s for s in ask.sizes if s.startswith("UK") == footwear), None)
    need.size = need.size or next((p.size for p in earlier if p.size), None) or look_size
    need.gender = need.gender or next((p.gender for p in earlier if p.gender), None) or ask.gender
    need.colours = need.colours or next((p.colours for p in earlier if p.colours), [])
    need.exclude_colours = need.exclude_colours or next((p.exclude_colours for p in earlier if p.exclude_colours), [])
    if need.price is None:  # "keep the sandals under 1500" said of the piece, else the look's budget
        need.price = next((p.price for p in earlier if p.price), None)
    if need.price is None and ask.budget is not None:
        need.price = PriceRange(max=ask.budget)
    return ShopperRequest(intent=Intent.search, text=text, needs=[need], confidence=0.8)


# Cantonese words as typed in Hong Kong (in traditional and simplified characters), in Mandarin,
# read before spelling correction would take "平啲" (cheaper) for "平底" (flat)
_CANTONESE = {
    "恤衫": "衬衫",
    "最平": "最便宜",
    "平啲": "便宜点",
    "平d": "便宜点",
    "睇下": "看看",
    "睇睇": "看看",
    "唔要": "不要",
    "唔該": "谢谢",
    "唔该": "谢谢",
    "返工": "上班",
    "幾錢": "多少钱",
    "几钱": "多少钱",
    "再要多一": "再加一",  # "同一條再要多一條": one more of the same
    "幾日到": "几天到",  # "寄去mumbai 幾日到": how many days
    "几日到": "几天到",
    "邊個": "哪个",
    "边个": "哪个",
    "邊對": "哪双",
    "边对": "哪双",
    "邊件": "哪件",
    "边件": "哪件",
    "邊啲": "哪些",
    "边啲": "哪些",
    "冇": "没有",
    "唔好意思": "不好意思",  # sorry
    "唔好": "不要",  # "成套唔好超過四千蚊": not over four thousand
    "改返": "改回",  # "改返兩條": back to two
    "咁就": "那就",  # "咁就要第一對": then the first pair
    "包靚啲": "包装成礼物",  # "可唔可以幫我包靚啲 做禮物": gift wrapping
    "包靓啲": "包装成礼物",
    "貴過": "贵过",
    "唔使": "不用",
    "唔係": "不是",
    "唔系": "不是",
    "咩": "什么",
    "淨係": "只",
    "净系": "只",
    "净係": "只",
    "諗諗下": "想了想",
    "谂谂下": "想了想",
    "而家": "现在",
    "恤杉": "衬衫",
    "啡色": "棕色",
    "嘅": "的",
    "喇": "了",
    "啦": "吧",
    "仲有": "还有",
    "波鞋": "运动鞋",  # sneakers
    "個仔": "儿子",  # "俾個仔": for my son
    "个仔": "儿子",
    "佢哋": "他们",
    "嗰": "那",  # that ("嗰件": that one); OpenCC makes it "𠮶"
    "𠮶": "那",
    "佢": "",  # he or she: whose is said by the rest ("俾阿媽 佢好鍾意...": mum's)
    "俾": "给",
    "你哋": "你们",
    "寄唔寄": "寄不寄",
    "有冇得": "能不能",
    "落單": "下单",
    "落单": "下单",
    "幾多日": "几天",
    "几多日": "几天",
    "幾多": "多少",
    "几多": "多少",
    "污糟": "脏",
    "㗎": "",
    "千五蚊": "1500块",  # "千五蚊以下": one thousand five hundred dollars (after a size: "UK9 千五蚊")
    "蚊": "块",
    "頸鏈": "项链",  # a necklace
    "颈链": "项链",
    "阿媽": "妈妈",
    "阿妈": "妈妈",
    "阿爸": "爸爸",
    "阿仔": "儿子",
    "呔": "领带",  # a tie (Cantonese)
    "家公": "公公",  # a husband's father (Cantonese)
    "家婆": "婆婆",
    "鍾意": "喜欢",
    "钟意": "喜欢",
    "幾耐": "多久",
    "几耐": "多久",
}


# "要黑色的 配西装用" after belts: what the belt is worn with, not a suit wanted
_WORN_WITH_ZH = re.compile(  # ("配条裤子和鞋" asks for those pieces: only a "用"/"穿" says what it is worn with)
    r"配(?:我的|他的|她的)?(?:西装|西服|衬衫|裙子|连衣裙|牛仔裤|裤子|旗袍|礼服|正装)(?:用|穿|的时候穿|来穿)"
)


# "something for her wrist", "想送他个戴在手上的东西": what is worn on the wrist
_FOR_THE_WRIST = _rx(
    r"\b(?:something|anything|smthing|sth)\s+(?:for|on)\s+(?P<whose>her|his|my|the)\s+(?:bare\s+)?wrists?\b|"
    r"戴在手(?:上|腕上)的(?:东西|小东西|饰品)?|手腕上?戴的(?:东西)?"
)


# "He's a medium in tops", "i'm usually a large": the letter size, said as a word
_A_SIZE_WORD = _rx(
    r"\b(?P<who>he'?s|she'?s|hes|shes|he is|she is|i'?m|im|i am|i wear)\s+(?:(?:usually|normally|generally|mostly)\s+)?"
    r"(?:an?\s+)?(?P<size>small|medium|large|extra large|extra small)\b"
    r"(?!\s+(?:heels?|size[sd]?\s+(?:bag|watch)|dial|frame))"
    r"(?:\s+in\s+(?:tops|shirts|t-?shirts|tees|clothes|everything|most things))?"
)
_SIZE_LETTER = {"small": "S", "medium": "M", "large": "L", "extra large": "XL", "extra small": "XS"}
# "ok she says M" (the nephew's mum): who said it, not whom it is for
_REPORTED = _rx(r"\b(?:she|he)\s+(?:says|said|thinks|reckons|told me)\b(?!\s+(?:she|he)\b)")
# "something she can keep in her bag... a wallet maybe?": the bag holds it, it is not asked for
_KEPT_IN_A_BAG = _rx(
    r"\b(?P<verb>keep|put|carry|store|fit)\s+in\s+(?P<whose>her|his|my|their)\s+(?:hand\s*)?(?:bag|purse)\b"
)
# "taking my gf out for dinner ... what should i wear?", "my gf dragged me into her cousins sangeet":
# the partner is company or the cause, the shopper the wearer
_PARTNER_WORDS = r"(?:gf|girlfriend|bf|boyfriend|wife|husband|hubby|partner|fianc[eé]e?)"
_WITH_A_PARTNER = _rx(rf"\b(?P<verb>taking|take|took|bringing|meeting)\s+my\s+{_PARTNER_WORDS}\s+(?=out\b|to\b|for\b)")
_PARTNER_MADE_ME = _rx(
    rf"\b(?:my\s+|the\s+)?(?P<partner>{_PARTNER_WORDS})\s+"
    r"(?P<verb>dragged|invited|roped|forced|convinced|is taking|took|is making|got|bought|gave|gifted|has got|"
    r"has bought)\s+me\b"
)
# "wait actually for my wife instead, our anniversary is on the 12th": the search for someone else,
# and why, which names nothing to buy
_PERSON_SWITCH_THEN_WHY = _rx(
    r"^(?P<switch>\W*(?:(?:wait|oh|hmm+|ok|okay|actually|sorry|nvm|no)\W+)*(?:it'?s |its )?for (?:my|a|an|the|our) "
    r"[a-z]+(?:-in-law)?(?: instead| tho| though)?)\s*[,.;!]+\s*"
    r"(?P<why>(?:our|his|her|its|it'?s|the|their|she|he)\b[^?]*)$"
)


# The person a search is switched to ("for my wife instead"), not a thing ("for the watch, ...")
_A_PERSON_SWITCHED = _rx(
    r"\bfor (?:my|a|an|the|our) (?:wife|husband|hubby|gf|girlfriend|bf|boyfriend|mom|mum|mother|mummy|dad|father|"
    r"papa|sis|sister|bro|brother|son|daughter|friend|bestie|flatmate|roommate|colleague|boss|girl|boy|guy|man|woman|"
    r"lady|niece|nephew|cousin|aunt|uncle|grandma|grandpa|nani|dadi|nana|dada|fiance|fiancee|partner)\b"
)
_SAME_BUDGET = _rx(r"\bsame (?:budget|price|range|size|colou?r)\b")


# "i want to dress my husband up for once", "dressing up for a party": to smarten up, no dress
_DRESSED_UP = _rx(r"\bdress(?:ing|ed)?\s+(?P<who>(?:(?:him|her|me|them|us|myself|(?:my|our|the) \w+)\s+)?)up\b")
_WITH_PARTNER = _rx(
    rf"\bwith (?:my |the )?(?P<partner>{_PARTNER_WORDS})\b|"
    rf"(?<!for )\bme (?:and|n|&) my (?P<partner2>{_PARTNER_WORDS})\b"
)
_THEY_WANT = _rx(r"\b(?:she|he) (?:wants|needs)\b|\bfor (?:her|him)\b")
_FOR_PARTNER = _rx(rf"\bfor (?:my |the )?{_PARTNER_WORDS}\b")


def _partner_made_me(said: re.Match[str]) -> str:
    """ "my gf dragged me to a wedding", "missus got me a burgundy shirt": the partner is not
    the wearer; the shopper is the other half of the couple (as a shop assistant would take it)."""
    theirs = _PARTNERS.get(said.group("partner").lower())
    me = "" if theirs is None else "(female) " if theirs == "Men" else "(male) "
    return f"{me}someone {said.group('verb')} me"


def _with_partner_for_me(text: str) -> str:
    """ "thailand trip with hubby, need a dress ... for me": the partner goes along, the things
    are the shopper's own, the other half of the couple's (as a shop assistant would take it)."""
    partner = _WITH_PARTNER.search(text)
    mine = _FOR_ME.search(text) or _I_NEED.search(text)
    if partner is None or mine is None or _FOR_PARTNER.search(text) or _THEY_WANT.search(text):
        return text
    theirs = _PARTNERS.get((partner.group("partner") or partner.group("partner2")).lower())
    if theirs is None:
        return text
    me = "female" if theirs == "Men" else "male"
    text = text[: mine.end()] + f" ({me})" + text[mine.end() :]
    return text[: partner.start()] + ("together" if partner.group("partner") else "we") + text[partner.end() :]


# "what should i wear? guy, size M", "... see through now 💀 girl, M": who is asking, said as a label
_SELF_LABEL = _rx(r"(?P<pre>[?.!,\U0001F300-\U0001FAFF])\s*(?P<who>guy|girl|male|female|man|woman|dude)\s*(?=,)")
_SELF_OF = {
    "guy": "men",
    "male": "men",
    "man": "men",
    "dude": "men",
    "girl": "women",
    "female": "women",
    "woman": "women",
}
# "forget the cap and socks, just the mufflers": each of the two turned down
_TWO_DROPPED = _rx(
    r"\b(?P<verb>forget|skip|drop|ditch|leave out|no need for)\s+(?P<a>(?:the\s+)?[a-z]+)\s+(?:and|&|n)\s+"
    r"(?P<b>(?:the\s+)?[a-z]+)(?=\s*[,.;!]|\s+(?:just|only)\b)"
)
_POOLED_ZH = re.compile(r"(?:一起|大家|我们|全班)?凑(?:了|的|出)?(?=\s*[\d一二两三四五六七八九十百千])")


def _wrist_things(said: re.Match[str]) -> str:
    """What is worn on the wrist, for whom it was said to be."""
    whose = {"her": " for her", "his": " for him", "my": " for me"}.get((said.group("whose") or "").lower(), "")
    return f"a watch or a bracelet{whose}" if said.group("whose") else "手表或手链"


def _in_mandarin(message: str) -> str:
    """A Chinese message with its Cantonese words put in Mandarin ("有冇平啲嘅": 有没有便宜点的)."""
    message = _HER_DAUGHTER.sub("女儿", message)  # "俾個女" (not "個女士", a woman's)
    message = _AND_IN_CANTONESE.sub("和", message)  # "書包同波鞋", "第一件同第三件": and
    message = _WHICH_IN_CANTONESE.sub("哪", message)  # "邊頂最平": which cap is cheapest
    for said, meant in _CANTONESE.items():
        message = message.replace(said, meant)
    return message


_HER_DAUGHTER = re.compile(r"[個个]女(?![士生款装裝式性孩人子朋同仔])")
# Cantonese "邊" before a counting word is "which" ("邊頂", "边对"), not a side ("那边")
_WHICH_IN_CANTONESE = re.compile(r"[邊边](?=[个個件双雙条條对對顶頂款只支副块塊套])")
# Cantonese "同" between two things or places is "and" (not "同事", "同款", "同一", "不同", "一同")
_AND_IN_CANTONESE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![不相共如协一陪])同(?![事款学學一样樣时時意色步期])(?=[\u4e00-\u9fff])"
)


def _only_narrows_beside_worn(request: ShopperRequest, text: str) -> bool:
    """Whether a message names a product only as what will be worn with the list's, and
    otherwise only narrows the list (a colour, a price, a size)."""
    if len(request.needs) != 1 or not _WEARING_CLAUSE.search(text):
        return False
    need = request.needs[0]
    return not need.has_product() and bool(need.colours or need.exclude_colours or need.price or need.size)


def request_refines(text: str) -> bool:
    """Whether a message asks to move from what was shown (cheaper, pricier, another brand)."""
    return asks_cheaper(text) or asks_pricier(text) or asks_other_brand(text)


def _only_a_colour(text: str) -> bool:
    """Whether a colour is all a message asks ("in white?"), no kind, size or price."""
    filters = parse_query(text).filters
    return bool(filters.colour) and not any(
        getattr(filters, f) for f in ("article_type", "sub_category", "price_min", "price_max", "size")
    )


# A kind guessed this weakly from a title word is no need beside needs named for sure.
WEAK_GUESS = 0.5


_WANTED_BESIDE_OWNED = _rx(
    r"^\W*(?:got|have|own|i have|i own|i've got)\b.*\b(want|wanna|need|looking for|show me|get me)\b"
)
_ONE_MORE_KIND = _rx(r"\b(too|also|as well|and|plus|(?<!right )now|next)\b")
# "for my new flat": a home, no flat shoes
_A_HOME = _rx(r"\b(?:my|our|the|a) (?:new |rented )?flat\b(?!\s*(?:shoes|sandals|heels|chappals?|footwear|ones))")
_SPELLED_PLACE = _rx(r"\b(?:number|no\.?)\s+(one|two|three|four|five)\b")
# "on a tight budget", "money's tight rn": a budget, no tights
_TIGHT_MONEY = _rx(
    r"\b(?:tight|limited|strict) budget\b|\bbudget(?:'?s| is)? (?:a bit |bit |kinda |very |super |really )?tight\b|"
    r"\bmoney(?:'?s| is) (?:a bit |bit |kinda |very )?tight\b"
)

# "S might be tight after diwali sweets", "the M was a bit tight": how a size fits, no tights asked for
_TIGHT_FIT = _rx(
    r"\b(?:might|may|will|would|could|was|were|is|are|feels?|felt|gets?|got)\s+"
    r"(?:be\s+)?(?:a\s+)?(?:bit\s+|little\s+|lil\s+|too\s+|so\s+|very\s+|kinda\s+)*tight\b(?!s)"
)


def _without_guessed_kinds(request: ShopperRequest, context: Context) -> None:
    """A refinement whose kind is only guessed from a describing word, of a kind not shown
    ("lighter colours? like pink or light blue" after men's shirts guesses lipstick): the
    shown search narrowed, without the guess or the gender it implied."""
    shown = {p.article_type for p in context.shown}
    said = parse_query(request.text).filters.gender if any(c.isalnum() for c in request.text) else None
    for need in request.needs:
        if shown and need.article_types and need.confidence < WEAK_GUESS and shown.isdisjoint(need.article_types):
            need.article_types = []
            need.gender = need.gender if said else None


def _without_weak_guesses(needs: list[ProductNeed]) -> list[ProductNeed]:
    """The needs, less those whose kind is only a weak guess from a word of the titles when
    another need is named for sure ("heading to dubai for a work trip ... need sunglasses and a
    cabin bag": "work" guesses topwear from "Men At Work" tees, and is no third need)."""
    if len(needs) < 2 or not any(n.has_product() and n.confidence >= 1.0 for n in needs):
        return needs
    return [n for n in needs if n.confidence >= WEAK_GUESS or not n.has_product()]


def _distinct(needs: list[ProductNeed]) -> list[ProductNeed]:
    """The needs, each kind asked once: "之前那双鞋底都磨平了, 想买双运动鞋" names shoes twice
    (the pair worn out and the pair wanted), and two lists of one search help no one."""
    seen: list[dict] = []
    kept = []
    for need in needs:
        key = need.filters().model_dump(exclude_none=True)
        if key not in seen or not need.has_product():
            seen.append(key)
            kept.append(need)
    return kept


def _names_a_price(text: str) -> bool:
    """Whether a message says a price or a budget ("but under 1500")."""
    filters = parse_query(text).filters if any(c.isalnum() for c in text) else None
    return filters is not None and (filters.price_min is not None or filters.price_max is not None)


def _adds_constraints(text: str) -> bool:
    """Whether a message names a kind, colour, price, size or person (beyond "show me more")."""
    filters = parse_query(text).filters
    return any(
        getattr(filters, f)
        for f in ("article_type", "sub_category", "colour", "price_min", "price_max", "size", "gender")
    )


# "2nd one please", "1st one", "the 3rd pls, M": a place said alone
_PLACE_SAID_ALONE = _rx(
    r"^\W*(?:(?:and|also|ok|okay|then)\s+)?(?:the\s+)?(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)"
    r"(?:\s+(?:one|pair))?(?:\s+(?:please|pls|plz))?(?:\s*,?\s*(?:in\s+)?(?:size\s+)?(?:xxl|xl|xs|s|m|l|uk\s?\d{1,2}))?\W*$"
)


def _adds_another(text: str, request: ShopperRequest, context: Context) -> bool:
    """ "and also the first one", "the 4th too": after adding one, another of the list; "1st
    one also" under a new list, with something in the cart already."""
    last = context.last_request
    after_an_add = last is not None and last.intent is Intent.cart_add
    too = (
        bool(re.search(r"\b(too|as well|also)\b[\s,]*((in )?(the )?same size)?\W*$", text, re.I))
        or bool(re.search(r"^\W*(?:(?:actually|and|oh|ok|okay|hmm)\W+)*also (?:the |add )", text, re.I))
        or bool(re.search(r"也(要|加上?|来|买|是)|加埋", text))
    )
    return (
        (after_an_add or (too and context.carted()))  # "1st one also" under a new list, the cart filled before
        and request.intent in (Intent.search, Intent.refine, Intent.details, Intent.cart_add, Intent.stock)
        and request.reference is not None
        and request.reference.position is not None
        and (
            bool(_CONTINUE.match(text))
            or too
            or bool(_PLACE_SAID_ALONE.match(text))  # "2nd one please" right after an add: that one too
        )
        and len(text.split()) <= 10
        and not _is_question(text)
        and not _QUANTITY.search(text)  # "ok just one of the 1st": how many of it, nothing more
    )


def _of_the_compared(reference: Reference | None, context: Context) -> Reference | None:
    """ "the cheaper one" right after "compare 1 and 3": the cheaper of those two, by position."""
    last = context.last_request
    if reference is None or reference.superlative is None or last is None or last.intent is not Intent.compare:
        return reference
    compared = [context.shown[i - 1] for i in last.positions if 0 < i <= len(context.shown)]
    if len(compared) < 2:
        return reference
    target = superlative_of(compared, reference.superlative)
    return Reference(position=context.shown.index(target) + 1, confidence=reference.confidence)


# "which is cheaper, the 1st or the 3rd?", "1 or 3, which is cheaper": two places joined by "or"
_PLACE_WORD = r"(?:(?:the|no\.?|#|number)\s*)?(?:[1-9](?:st|nd|rd|th)?|first|second|third|fourth|fifth|last)(?:\s+one)?"
_TWO_PLACES_OR = _rx(rf"(?<![\d.₹])\b{_PLACE_WORD}\s*,?\s*(?:or|vs\.?|versus)\s+{_PLACE_WORD}\b(?![\d.]|\s*(?:k|rs)\b)")


def _which_of_two_places(text: str, context: Context) -> ShopperRequest | None:
    """ "which is cheaper, 1 or 3?": those two side by side, and the cheaper of them named
    (so "add it" next means that one), not the whole list re-sorted or the first one's details."""
    if len(context.shown) < 2 or not re.search(r"\bwhich\b", text, re.I) or not _TWO_PLACES_OR.search(text):
        return None
    if re.search(r"\b(size|uk|us|eu)\s*\d", text, re.I):  # "which fits better, size 8 or 9"
        return None
    positions = _compared(text, len(context.shown))
    if len(positions) != 2:
        return None
    asked = next((value for pattern, value in _WHICH_IS_MORE if pattern.search(text)), None)
    reference = Reference(superlative=asked, confidence=0.9) if asked else None
    return ShopperRequest(intent=Intent.compare, text=text, positions=positions, reference=reference, confidence=0.9)


# A place in the list said: "第二瓶", "the 5th", "no. 3", "1 and 3"
_PLACE_SAID = _rx(
    r"第[一二三四五六七八九十\d]|\b(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b|"
    r"(?:\bno\.?\s*|#)\d|(?<![\d.₹])\b[1-9]\b(?!\s*(?:k\b|rs\b|pairs?|pieces?|pcs|units?|days?|yrs?|years?))"
)
# "how much each?", "are both leather?", "第一瓶和第二瓶哪个味道淡": a question of every place named
_OF_EACH_PLACE = _rx(
    r"\b(?:each|both|either|the same|different|difference)\b|哪[个瓶双件条款只支块副顶]|分别|各自?|一样|区别"
)


_WHICH_IS_MORE: list[tuple[re.Pattern[str], Superlative]] = [
    (
        _rx(
            r"\b(cheaper|cheapest|less (?:expensive|pricey|costly)|lower (?:price|priced)|more affordable)\b|"
            r"哪[个双件条款副支块顶](?:更|比较)?(?:便宜|划算|实惠)"
        ),
        "cheapest",
    ),
    (
        _rx(
            r"\b(pricier|priciest|costlier|more (?:expensive|pricey|costly)|higher (?:price|priced))\b|"
            r"哪[个双件条款副支块顶]更?贵"
        ),
        "priciest",
    ),
    (
        _rx(
            r"\b(?:better|higher|more) (?:rated|ratings?|reviews?|stars)|\bbest rated\b|"
            r"哪[个双件条款副支块顶]评分(?:更|比较)?高"
        ),
        "best_rated",
    ),
]


def _names_an_order(text: str) -> bool:
    """Whether the message names an order or a superlative ("which is cheaper"): a
    question the superlative path answers."""
    return any(pattern.search(text) for pattern, _ in _SORTS)


def _compared(text: str, listed: int) -> list[int]:
    """The list positions a comparison names: "the first two" -> 1, 2; "1 and 3" -> 1, 3;
    "them" -> every product shown (at most five)."""
    first = re.search(r"\b(?:first|top) (two|three|four|five|[2-5])\b", text, re.I)
    if first:
        return list(range(1, min(_NUMBER_OF[first.group(1).lower()], listed) + 1))
    positions = []
    for match in _POSITION.finditer(text):
        reference = _reference(match.group(0))
        if reference and reference.position:
            positions.append(listed if reference.position == -1 else reference.position)
    numbers = [int(n) for n in re.findall(r"(?<![\d₹])\b([1-5])\b(?!\s*(?:k|rs|₹|%))", text)]
    chosen = list(dict.fromkeys(p for p in [*positions, *numbers] if 1 <= p <= listed))
    return chosen if len(chosen) >= 2 else list(range(1, min(listed, 5) + 1))  # one shown: just [1]


def _only_brands(needs: list[ProductNeed], context: Context) -> bool:
    """Needs that name a brand each and nothing else a new search would need, but perhaps
    whose they are when the search shown was for no one in particular ("for my bf, he likes
    nike or puma" after caps)."""
    last = context.last_request
    earlier = {n.gender for n in last.needs} if last else set()
    return (
        bool(needs)
        and all(n.brand for n in needs)
        and not any(n.has_product() or n.occasion or n.usage for n in needs)
        and all(n.gender is None or earlier <= {None, n.gender} for n in needs)
    )


def _colour_position(text: str, shown: list[ProductRecord]) -> int | None:
    """The list position (1-based) of the first shown product of the colour a message names
    it by ("the red one"), when one of them has it and not all do."""
    if not shown:
        return None
    match = _COLOUR_ONE.search(text)
    said = [match.group(1).lower()] if match else []
    said += [m.group(1).lower() for m in _COLOUR_KIND.finditer(text)]  # "put the black cap in my cart"
    named = [COLOURS.get(w) or COLOURS.get(w.split()[-1]) for w in said]  # "the dark blue one", "the blue one"
    colour = next((c for c in named if c), None)
    if colour is None:
        return None
    positions = [i + 1 for i, p in enumerate(shown) if p.colour == colour]
    return positions[0] if positions and len(positions) < len(shown) else None


def _kinds(need: ProductNeed) -> set[str]:
    return set(need.article_types) | ({need.sub_category} if need.sub_category else set())


def _superlative_reference(sort: str | None) -> Reference:
    superlatives: dict[str, Superlative] = {
        "price_asc": "cheapest",
        "price_desc": "priciest",
        "rating_desc": "best_rated",
    }
    return Reference(superlative=superlatives.get(sort or ""), confidence=0.9)


def _mine_after_my_partners(request: ShopperRequest, context: Context) -> None:
    """ "now something for me, same budget" after "a black watch for my husband": the
    shopper is the other half of the couple named last turn."""
    last = context.last_request
    if request.intent not in (Intent.search, Intent.refine) or not _FOR_ME_TOO.search(request.text):
        return
    partner = _PARTNER.search(last.text) if last is not None else None
    if _PARTNER.search(request.text) or shopper_gender_said(request.text):
        return
    if partner is None and (context.shopper_gender is None or len(request.needs) > 1):
        return  # ("sandals for myself ..., and a stole for her": each is its own)
    mine = (
        context.shopper_gender
        if partner is None
        else ("Women" if _PARTNERS[(partner.group(1) or partner.group(2)).lower()] == "Men" else "Men")
    )
    theirs = "Women" if mine == "Men" else "Men"
    for need in request.needs:
        if need.gender in (None, theirs):
            need.gender = mine


_A_LIST = _rx(r"\band\b|,|&|\+|\bn\b")


def _kinds_listed_side_by_side(text: str) -> str:
    """ "flip flops sunglasses and a cap": in a list (an "and" or a comma elsewhere), kinds
    with nothing between them are separate items, so a comma goes between two plural kinds
    side by side. A singular first noun is the second's modifier ("tshirt dress", "belt
    bag"), and so is "jeans" ("jeans jacket"); with no list ("shirts tshirts under 500")
    the kinds stay one need with one budget."""
    if not _A_LIST.search(text) or not any(c.isalnum() for c in text):  # parse_query refuses a text with no word
        return text
    kinds = [said for kind, said, _ in parse_query(text).recognised if kind == "article"]
    for first, second in itertools.pairwise(kinds):
        if first.endswith("s") and second.endswith("s") and first != "jeans":
            text = re.sub(rf"\b({re.escape(first)})\s+({re.escape(second)})\b", r"\1, \2", text, count=1)
    return text


def _shopper_beside_partner(text: str) -> str | None:
    """Whose "for me" is when the shopper names their partner in the same message ("for me
    and my husband"): the other half of the couple, as a shop assistant would take it."""
    partner = _PARTNER.search(text)
    if partner is None or not _FOR_ME.search(text):
        return None
    return "Women" if _PARTNERS[(partner.group(1) or partner.group(2)).lower()] == "Men" else "Men"


# The kind a shopper means by a word we read as one kind when they turn that kind down
# ("chappals, but not flip flops": sandals; "sneakers, not sports shoes": casual ones)
_KIND_BESIDE = {
    "Flip Flops": "Sandals",
    "Sandals": "Flip Flops",
    "Sports Shoes": "Casual Shoes",
    "Casual Shoes": "Sports Shoes",
    "Heels": "Flats",
    "Flats": "Heels",
}


_WHOSE_WORDS = {"women": "Women", "woman": "Women", "ladies": "Women", "men": "Men", "man": "Men", "gents": "Men"}


def _whose_word_not_left_out(need: ProductNeed) -> None:
    """ "a jacket thats warm but not bulky, women, size M": the word after the turn-down says
    whose it is, it is no title word left out."""
    whose = [t for t in need.exclude_terms if t.lower() in _WHOSE_WORDS]
    if not whose:
        return
    need.exclude_terms = [t for t in need.exclude_terms if t not in whose]
    genders = {_WHOSE_WORDS[t.lower()] for t in whose}
    if need.gender is None and len(genders) == 1:
        need.gender = genders.pop()


def _leave_out(need: ProductNeed, chunk: str, left_out: set[str]) -> None:
    """What a need leaves out beyond its words: the patterns of a plain piece ("plain white
    tshirt": no prints, logos, stripes or checks) and the kinds its words turn down
    ("casual shoes, no sports shoes"), replaced by the kind beside them when no other is
    left ("chappals, not flip flops": sandals)."""
    if _PLAIN.search(chunk):
        need.exclude_terms = list(dict.fromkeys([*need.exclude_terms, *_PATTERN_WORDS]))
        if "Multi" not in need.colours:  # a plain piece is of one colour
            need.exclude_colours = list(dict.fromkeys([*need.exclude_colours, "Multi"]))
    turned = [t for t in need.article_types if _turned_down(t, left_out)]
    if turned:
        kept = [t for t in need.article_types if t not in turned]
        beside = [_KIND_BESIDE[t] for t in turned if t in _KIND_BESIDE]
        need.exclude_types = list(dict.fromkeys([*need.exclude_types, *turned]))
        need.article_types = kept or [t for t in beside if t not in turned]
    if not need.article_types and (need.sub_category or need.category):  # "footwear, anything but heels"
        kinds = [kind for kind in _NAMED_KINDS if _turned_down(kind, left_out)]  # "shoes, not sports shoes"
        need.exclude_types = list(dict.fromkeys([*need.exclude_types, *kinds]))


_NAMED_KINDS = sorted({value for field, value in ARTICLE_TYPES.values() if field == "article_type"})


def _narrowed_to_the_look(piece: ProductNeed, ask: OutfitAsk) -> ProductNeed:
    """A piece kept of a look, named by a word of several kinds ("裙子": dresses or skirts),
    as the kind the look had ("半身裙": a skirt), in the size it had; its other words kept
    ("in beige")."""
    had = next((p for p in ask.pieces if _kinds(p) & set(piece.article_types)), None)
    held = _kinds(had) if had else set()
    kinds = [t for t in piece.article_types if t in held]
    narrowed = piece.model_copy(update={"article_types": kinds}) if kinds and len(piece.article_types) > 1 else piece
    if had is None:
        return narrowed
    return narrowed.model_copy(update={"size": narrowed.size or had.size})  # "淨係恤衫同西褲" of a look in L: still L


def _turned_down(kind: str, left_out: set[str]) -> bool:
    """Whether a word left out names ``kind`` ("no flip flops" leaves out titles with "flip";
    "not a backpack", "backpack")."""
    name = re.sub(r"[\s-]", "", kind.lower())
    return any(len(term) >= 4 and name.startswith(re.sub(r"[\s-]", "", term)) for term in left_out)


def _on_the_gift_shelf(need: ProductNeed) -> None:
    """A gift with no kind named, for someone known: the kinds given as gifts to them, less
    the kinds turned down ("NOT a watch or wallet pls")."""
    shelf = _GIFT_TYPES.get(need.gender or "", [])
    left_out = set(need.exclude_terms)
    turned = [t for t in shelf if t in need.exclude_types or _turned_down(t, left_out)]
    need.article_types = [t for t in shelf if t not in turned]  # "has a watch"
    need.exclude_types = list(dict.fromkeys([*need.exclude_types, *turned]))
    need.confidence = 0.6


def _one_each(chunk: str, need: ProductNeed, me: str | None) -> list[ProductNeed]:
    """One kind for two people ("sunnies for me n the wife"): a need for each, when both
    are known and differ; else the need as it is."""
    two = _BOTH_PEOPLE.search(chunk)
    if two is None:
        return [need]
    need.text = " ".join(w for w in need.text.split() if w != "alongwith")
    mine = [p.lower() in ("me", "myself") for p in two.group("a", "b")]
    pair = _PAIR_CHILD.search(chunk)
    genders = [
        me if own else _gender_of_person(p, GENDERS[pair.group("child").lower()] if pair else None)
        for own, p in zip(mine, two.group("a", "b"))
    ]
    child = any(g in ("Boys", "Girls") for g in genders)  # "shorts for me and my son": mine and a boy's
    if any(g is None and not (own and child) for g, own in zip(genders, mine)) or genders[0] == genders[1]:
        return [need]
    first, second = (
        need.model_copy(update={"gender": gender, "whose": whose_named(f"for {person}")}, deep=True)
        for gender, person in zip(genders, two.group("a", "b"))
    )
    if two.group("size"):  # "for me (size M) and my 5 yr old": the size is the first one's
        second.size = None
    return [first, second]


def _gender_of_person(person: str, child: str | None) -> str | None:
    """Whom "my husband", "our son" or "my 5 yr old" names: a child of years told is the
    child the message names elsewhere ("mother daughter matching dresses")."""
    if re.search(r"\d", person):
        return child
    return GENDERS.get(person.split()[-1].lower())


def _asked_before_the_thing(text: str) -> bool:
    """A store question asked in full before a thing not sold is named in passing ("can I pay
    in cash when the parcel comes? my husband doesn't trust giving card number on phone",
    "可以货到付款吗 我不会用手机付钱"): the question stands, the thing is no ask."""
    parts = re.split(r"[?？]", text, maxsplit=1)
    first = parts[0]
    return len(parts) == 2 and detect_intent(first, has_context=False) is Intent.store_info and not _ooc_thing(first)


def _brand_owned(needs: list[ProductNeed], text: str) -> None:
    """ "he likes watches but already has a titan": the brand named as one owned is the one
    not to show again."""
    for need in needs:
        owned = need.brand and re.search(
            rf"\b(?:has|have|owns?|got|bought)\s+(?:a |an |one |his |her |the |my )?{re.escape(need.brand)}\b",
            text,
            re.I,
        )
        said_again = need.brand and len(re.findall(rf"\b{re.escape(need.brand)}\b", text, re.I)) > 1
        if need.brand and owned and not said_again:  # "i have a nike bag, want nike shoes": nike wanted
            need.exclude_terms = list(dict.fromkeys([*need.exclude_terms, need.brand.lower()]))
            need.brand = None


def _boots_not_for_sport(needs: list[ProductNeed], text: str) -> None:
    """Boots for a look or the cold are not football boots: sports shoes are left out
    unless a sport is named or the need is for sport."""
    for need in needs if not _SPORT_BOOTS.search(text) else []:
        if "boot" in need.title_terms and need.usage != "Sports" and not need.article_types:
            need.exclude_types = list(dict.fromkeys([*need.exclude_types, "Sports Shoes"]))


def _product_meant(context: Context, reference: Reference | None) -> ProductRecord | None:
    """The shown product a reference points at, else the one in focus, else the first shown."""
    position = reference.position if reference else None
    index = position - 1 if position and position > 0 else position  # -1 is the last
    if index is not None and -len(context.shown) <= index < len(context.shown):
        return context.shown[index]
    return context.focus or (context.shown[0] if context.shown else None)


_EDIT_CUE = _rx(r"\b(?:should|shud|shld|must|make|change|swap|switch|needs? to be|has to be|have to be)\b|换|改")
_ASKS_FOR_A_LIST = _rx(
    r"\b(?:see|show|shw|list|options?|any|more|other|others|do (?:you|u) (?:have|stock|sell)|got any|available|"
    r"only(?! in\b)|just(?! in\b)|look(?:ing)? for|search|find)\b|看看|有没有|有吗|还有|只要|只看|就要"
)
_MORE_OF_A_KIND = _rx(r"^\W*(?:(?:ok|okay|hmm+|and|also|pls|please)\W+)*(?:more|other|another|show|any|some|see)\b")
# "make the 4th an M instead": the size of one of the lines just added
_MAKE_PLACE_SIZE = _rx(
    r"^\W*(?:(?:actually|ok|okay|hmm+|no|nah|sorry|wait|oh|pls|please)\W+)*(?:make|change|switch) (?:the )?"
    r"(?P<place>1st|2nd|3rd|[4-5]th|first|second|third|fourth|fifth|last)(?: one)? (?:to |into )?(?:an? |size )*"
    r"(?P<size>xxl|2xl|xl|xs|s|m|l|uk\s*\d{1,2})\b"
)
# "running shoes in that size", "sweaters too, same size": the size the search shown used
_SAME_SIZE = _rx(
    r"\b(?:in |of )?(?:that|the same|same|this) (?:in )?size\b|同一?个?码|一样的码|同样的码|这个码|"
    r"(?:码数|尺码|码)[^，,。\s]{0,3}(?:不变|一样|照旧)"
)
# "oops i meant the 3rd", "不对 是第三个" right after an add: another of the list was meant
_MEANT_ANOTHER = _rx(
    r"\b(?:i )?meant\b|\bwrong one\b|不对|错了|搞错|点错|加错|"
    r"\bnot the (?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)\b|"  # "not the 4th, take the 5th instead"
    r"\b(?:is|'s|looks|was) (?:better|nicer)\b.*\bswap\b|"  # "the 2nd is better, swap it"
    # "算了 换成第二双吧": another place in its stead ("swap it for the 3rd" is the cart's own swap)
    r"(?:换成|改成|换)\s*第"
)
_REMOVED_PLACE = _rx(
    r"\b(?:remove|drop|delete|take out|not)\s+(?:the\s+)?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)\b"
)


def _meant_another(text: str, context: Context) -> ShopperRequest | None:
    """Right after adding a product by its place, the shopper says another place was meant:
    the one added comes out and the one meant goes in, in the size given before."""
    last = context.last_request
    asked = _asked_again_of(text, context)
    if asked is not None:
        return asked
    added = last.reference.position if last and last.intent is Intent.cart_add and last.reference else None
    several = last.positions if last and last.intent is Intent.cart_add else []  # "put the 1st and 4th in cart"
    added = added or (several[-1] if several else None)
    if not added or added < 1 or not _MEANT_ANOTHER.search(text):
        return None
    if re.search(r"\b(?:just|only)\s+(?:one|1)\s+of\b", text, re.I):  # "just one of the 1st, not 2": a count
        return None
    said = [
        _POSITION_WORDS.get(m.group(1).lower()) or int(m.group(1)[0])
        for m in _PLACE_MENTION.finditer(text)
        if m.group(1)
    ]
    said += [int(n) for m in _PLACE_MENTION.finditer(text) for n in m.groups()[1:] if n]
    said += [
        int(n) if n.isdigit() else "一二三四五六".index(n) + 1 for n in re.findall(r"第\s*([1-6一二三四五六])", text)
    ]
    removed = _REMOVED_PLACE.search(text)  # "remove the 2nd, i meant the 4th": the one said comes out
    place = removed.group(1).lower() if removed else ""
    said_out = _POSITION_WORDS.get(place) or (int(place[0]) if place[:1].isdigit() else None)
    if said_out and said_out > 0:
        added = said_out
    meant = [p for p in said if p not in (added, -1) and 0 < p <= len(context.shown)]
    if not meant:
        return None
    size = f" in {last.size}" if last and last.size else ""
    return ShopperRequest(
        intent=Intent.cart_remove,
        text=f"remove the {_ORDINALS[added - 1]} one",
        reference=Reference(position=added),
        then=f"add the {_ORDINALS[meant[0] - 1]} one{size}",
        confidence=0.8,
    )


def _asked_again_of(text: str, context: Context) -> ShopperRequest | None:
    """ "第二个多少钱" then "不对 我是说第三个", "how much is the 2nd?" then "sorry i meant the 4th":
    the same question, of the place meant (details of the 3rd came)."""
    last = context.last_request
    if last is None or last.intent not in _ABOUT_ONE_PLACE or last.reference is None or not last.reference.position:
        return None
    said = _PLACE_MEANT.match(text)
    if said is None:
        return None
    words = said.group("place") or ""
    place = _POSITION_WORDS.get(words.lower()) or (int(words[0]) if words[:1].isdigit() else None)
    place = place or ("一二三四五六".index(said.group("zh")) + 1 if said.group("zh") else None)
    if not place or place == last.reference.position or place > len(context.shown):
        return None
    return last.model_copy(update={"text": text, "reference": Reference(position=place), "confidence": 0.8})


_ABOUT_ONE_PLACE = frozenset({Intent.price, Intent.stock, Intent.details})
# "sorry i meant the 4th", "no, the 3rd one", "不对 我是说第三个": only another place, said as a correction
_PLACE_MEANT = _rx(
    r"^\W*(?:(?:no|nah|sorry|oops|oh|wait|my bad|hmm+)\W+)*(?:i\s+meant?|i\s+mean|not that one\W+)?\s*(?:the\s+)?"
    r"(?P<place>[1-6](?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth)(?:\s+one)?\W*$|"
    r"^\W*(?:不对|不是|说错了)?\W*(?:我是说|我说的是|是)\s*第(?P<zh>[一二三四五六])[个件条双款只]?\W*$"
)


def _positions(text: str) -> list[int]:
    """ "add 2 and 5", "the 1st and 3rd", "the first two": several list positions at once."""
    first = re.search(r"\b(?:the )?(?:first|top) (two|three|four|2|3|4)\b(?! (?:days?|weeks?|hours?)\b)", text, re.I)
    if first:
        return list(range(1, (_NUMBER_WORDS.get(first.group(1).lower()) or int(first.group(1))) + 1))
    first_zh = re.search(r"前\s*([两二三四234])\s*[个件条双只对款副瓶支块顶套]", text)  # "前两条都要": the first two
    if first_zh:
        return list(range(1, {"两": 2, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}[first_zh.group(1)] + 1))
    ordinal = r"(?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)"
    place = rf"(?:\d|{ordinal})"
    match = re.search(  # "add 1st 2nd 3rd": ordinals need no "and" between them
        rf"(?:\b(?:add|get|take|put|grab)\s+(?:both\s+|all\s+)?|^\W*(?:both\s+)?)(?:the\s+|no\.?\s*|#|number\s+)?"
        rf"({place}(?:\s+one)?)"
        rf"((?:\s*(?:,\s*and|,|and|&|n)\s*(?:the\s+|no\.?\s*|#|number\s+)?{place}(?!\s+(?:each|apiece)\b)|\s+{ordinal}|"
        # ("1st one 3 pair": how many; "1 2 3全要了": three places)
        rf"\s+\d(?=\s|$|[全都各])(?!\s+(?:pairs?|pieces?|pcs|units?|nos|packs?|sets?)\b))+)(?:\b|(?=[全都各]))",
        text,
        re.I,
    )
    zh = re.findall(r"第\s*([1-6一二三四五六])\s*[个件条双只对款副]?", text)
    zh = zh or re.findall(r"(?<![\d.])([1-6])(?=\s*(?:[和跟、,，]\s*[1-6]|号|[都各]))", text)  # "1和3都加上吧"
    if not match and len(zh) >= 2:  # "第1个和第3个都要", "1号3号都要"
        return [int(n) if n.isdigit() else "一二三四五六".index(n) + 1 for n in zh]
    if not match:
        return []
    found = re.findall(rf"{place}", match.group(1) + match.group(2), re.I)
    return [-1 if n.lower() == "last" else _POSITION_WORDS.get(n.lower()) or int(n[0]) for n in found]


_PLACE_MENTION = re.compile(
    r"\b(?:(?:the\s+)?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)(?:\s+(?:one|pair|piece))?"
    r"|(?:no\.?|#|number|option)\s*([1-9]))\b|#([1-9])\b",
    re.I,
)
_COUNT_IN_SIZE = re.compile(
    r"\b(one|two|three|four|five|[1-5])\s*(?:x\s*|pcs?\s+|pieces?\s+|pairs?\s+)?(?:in|of)\s+(?:size\s+)?"
    r"(xxxl|xxl|xl|xs|s|m|l|small|medium|large|\d{1,2})\b",
    re.I,
)


_ALL_IN_SIZE = _rx(r"\b(?:all|each|every one|all of them|all three|both)\s+(?:in\s+)?(?:size\s+)?(xxl|xl|xs|s|m|l)\b")


# "XS and S", "ek XL ek M" (one in XL, one in M): one product in each of two sizes
_TWO_SIZES = _rx(
    r"\b(?P<a>xxl|xl|xs|s|m|l)\s*(?:(?:and|&|n|\+|,|aur)\s*(?:(?:ek|one)\s+)?|(?:ek|one)\s+)"
    r"(?P<b>xxl|xl|xs|s|m|l)\b(?!\s*(?:one|ones)\b)"
)


# "2 of" just before a place named: how many of that one
_COUNT_OF = _rx(r"\b([1-9]|one|two|three|four|five)\s+(?:pairs?\s+|pieces?\s+|pcs\s+)?of\s+(?:the\s+)?$")
# "2 of the 1st and 1 of the 3rd": a count for each of several places
_COUNTS_OF_PLACES = _rx(
    r"\b(?:[1-9]|one|two|three|four|five)\s+(?:pairs?\s+|pieces?\s+)?of\s+(?:the\s+)?(?:\d(?:st|nd|rd|th)|first|second|"
    r"third|fourth|fifth|last)\b.*\b(?:[1-9]|one|two|three|four|five)\s+(?:pairs?\s+|pieces?\s+)?of\s+(?:the\s+)?"
    r"(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b"
)


def _picks(text: str, context: Context) -> list[CartPick]:
    """Several cart lines in one message, each with its own size: "the 1st in S and the 3rd
    in M" (a size after each position), "one in M and two in L" (counts of the product in
    hand). Empty unless at least two lines are named and a size is said for one of them."""
    mentions = list(_PLACE_MENTION.finditer(text))
    picks: list[CartPick] = []
    for i, mention in enumerate(mentions):
        word = (mention.group(1) or "").lower()
        position = -1 if word == "last" else _POSITION_WORDS.get(word) or int(mention.group(2) or mention.group(3))
        product = _at_position(context, position)
        end = mentions[i + 1].start() if i + 1 < len(mentions) else len(text)
        size = size_in(text[mention.end() : end], footwear=bool(product and product.category == "Footwear"))
        counted = _COUNT_OF.search(text[mentions[i - 1].end() if i else 0 : mention.start()])
        quantity = (_NUMBER_WORDS.get(counted.group(1).lower()) or int(counted.group(1))) if counted else 1
        picks.append(CartPick(position=position, size=size, quantity=quantity))  # "2 of the 1st and 1 of the 3rd"
    every = _ALL_IN_SIZE.search(text)
    if every and len({p.position for p in picks}) >= 2:  # "the 1st, 2nd and 4th, all in M": each in M
        return [p.model_copy(update={"size": size_in(f"size {every.group(1)}", footwear=False)}) for p in picks]
    if len({p.position for p in picks}) >= 2 and any(p.size or p.quantity > 1 for p in picks):
        return picks
    two = _TWO_SIZES.search(text) if len({p.position for p in picks}) == 1 else None
    if two:  # "add the 1st one in 2 sizes, XS and S": that one in each size
        return [
            CartPick(position=picks[0].position, size=size_in(f"size {two.group(k)}", footwear=False)) for k in "ab"
        ]
    footwear = bool(context.focus and context.focus.category == "Footwear")
    counts = [
        CartPick(
            quantity=_NUMBER_WORDS.get(count.lower()) or int(count),
            size=size_in(f"size {size}", footwear=footwear),
        )
        for count, size in _COUNT_IN_SIZE.findall(text)
    ]
    return counts if len(counts) >= 2 and all(p.size for p in counts) else []


def _priced_apart(needs: list[ProductNeed]) -> bool:
    """Whether several needs each have a price of their own ("a watch for around 4000 and a
    handbag for around 2000"): things bought each within its own budget, no look."""
    return len({(n.price.min, n.price.max) for n in needs if n.price}) > 1


def _for_several_people(needs: list[ProductNeed]) -> bool:
    """Whether the needs are for a man and a woman (or a grown-up and a child): pieces no
    one wears together, so never one look, whatever the budget they share."""
    return len({n.gender for n in needs if n.gender and n.gender != "Unisex"}) > 1


_CHILD_BY_AGE = _rx(r"\b(?:my|our|the|his|her)\s+\d{1,2}\s*(?:yr|yrs|year|years)[ -]?olds?\b")
_VAGUE_THING = _rx(r"\b(something|anything|smthng|smthing|smth|sth|sumthing|kuch|kuchh|bhi|too|also|as well)\b")
_KIN_NAMED = _rx(
    r"\b(son|daughter|husband|wife|brother|sister|mother|father|kids?|child|children|nephew|niece|grand\w+|"
    r"boyfriend|girlfriend|bf|gf|hubby|baby|baby boy|baby girl|little one|toddler|mom|mum|dad)\b"
)


# "girls' night", "boys trip", "a lads' weekend": grown-up friends out together, no child's sizes
_FRIENDS_OUTING = _rx(
    r"\b(?:(?P<women>girls|girlies|gals|ladies)|boys|lads)'?\s+(?P<what>night|nite|trip|day out|day|outing|weekend|"
    r"brunch|party|gang|getaway|vacay|vacation|holiday|dinner|lunch|sleepover|reunion)\b"
)
# A clause that only says who, and maybe their age: "My son is 6", "女儿8岁", "and my daughter, 9"
_A_PERSON_ONLY = _rx(
    r"^\W*(?:and\s+|also\s+)?(?:my|our|the|his|her)?\s*(?:little |elder |younger |older |eldest |youngest )?"
    r"(?:son|daughter|husband|wife|brother|sister|mother|father|kid|child|nephew|niece|grandson|granddaughter|"
    r"grandfather|grandmother|grandpa|grandma|boyfriend|girlfriend|hubby|mom|mum|dad|baby)"
    r"(?:\s+(?:is|who is|is now|turns|turned|just turned|aged?))?(?:\s+\d{1,2})?(?:\s*(?:yrs?|years?|yo)(?: old)?)?\W*$"
)
_KINSFOLK_ZH = (
    r"女儿|儿子|老婆|老公|我爸|我妈|爸爸|妈妈|闺女|宝宝|孩子|妹妹|姐姐|弟弟|哥哥|男朋友|女朋友|外甥|侄子|侄女|"
    r"爷爷|奶奶|外公|外婆"
)
_KIN_NAMED_ZH = re.compile(_KINSFOLK_ZH)
_A_PERSON_ONLY_ZH = re.compile(
    rf"^\W*(?:我)?(?:{_KINSFOLK_ZH})\s*(?:今年)?\s*[\d一二三四五六七八九十]{{0,3}}\s*岁?(?:了)?\W*$"
)
# The next clause names its own wearer: "his wife, a casual shirt for him (L)"
_SOMEONE_ELSE = _rx(r"\b(?:him|her|he|she|them|they)\b|[他她]")


def _for_every_need(chunk: str, groups: list[tuple[str, ProductNeed]]) -> bool:
    """Whether words naming no type, said after several needs, hold for all of them: when
    they say so ("under 2k each", "都是L码") or no need before has its own value of what they
    say ("a wallet and a belt, brown"; "a white shirt and blue jeans, nothing over 1500"; for whom);
    else they finish the need before them ("a saree in green (max 4000) and a kurta for my
    father, size XL, in cream or white": cream or white is the kurta's)."""
    if _PRICE_EACH.search(chunk) or _EVERY_ONE.search(chunk):
        return True
    if not any(c.isalnum() for c in chunk):
        return False
    said = parse_query(chunk).filters
    earlier = [n for c, n in groups if c and n.has_product()][:-1]
    return not any(
        (said.colour and n.colours)
        or (said.size and n.size)
        or (said.price_max and n.price)
        or (said.gender and n.gender and said.gender != n.gender)  # "..., and something warm for our son"
        for n in earlier
    )


def _at_position(context: Context, position: int) -> ProductRecord | None:
    if position == -1:
        return context.shown[-1] if context.shown else None
    return context.shown[position - 1] if 0 < position <= len(context.shown) else None


def _about_one(context: Context) -> bool:
    """Whether the last turn was about one product (its price, details or stock, or the one a
    "which is the best rated?" named): a bare "add to cart" next means that one."""
    last = context.last_request
    # "哪块评分最高" then "就那块吧 加车": the one that answer named
    named = (
        last is not None
        and last.intent is Intent.compare
        and last.reference is not None
        and bool(last.reference.superlative)
    )
    return (
        context.focus is not None
        and last is not None
        and (last.intent in (Intent.price, Intent.details, Intent.stock) or named)
    )


_SO_MANY_MORE = _rx(r"\b(?:\d|one|two|three|four|five) more\b|再(?:来|加|要)[一两二三四五\d][个件双条]")
_EACH_BEFORE_THE_LIST = _rx(r"\b(?:each|apiece|per piece|per item)\s*(?:[-–—:,]|for\b)")
_SO_MANY_EACH = _rx(r"\b\d\s+(?:each|apiece)\b")  # "2 each": a count of each, no price


def _price_for_each(needs: list[ProductNeed], text: str) -> None:
    """ "about 1.5k each - a watch for papa and earrings for mummy": the one price said "each"
    holds for every need, not only the one it was said beside."""
    prices = [n.price for n in needs if n.price]
    if len(needs) < 2 or len(prices) != 1 or not _EACH_BEFORE_THE_LIST.search(text) or _SO_MANY_EACH.search(text):
        return  # ("2 dresses ... around 1500 each": each dress's, not the flats')
    for need in needs:
        need.price = need.price or prices[0].model_copy()


def _one_of_several_kept(request: ShopperRequest, context: Context) -> None:
    """ "show only the earrings, gold coloured ones" after a watch and earrings at about 1.5k
    each, "老婆那条要蓝色的 先只看裙子" after her dress and his jeans: that one need as it was asked
    (its kind, size, budget and whose), changed as now said."""
    last = context.last_request
    if request.intent not in (Intent.search, Intent.refine) or last is None or len(last.needs) < 2:
        return
    if len(request.needs) != 1 or request.needs[0].confidence < 1.0:
        return
    need = request.needs[0]
    earlier = [n for n in last.needs if _kinds(n) & _kinds(need)]
    named = False
    said_by_name = any(t.lower().rstrip("s") in request.text.lower() for t in need.article_types)  # "leggings"
    if not earlier and not said_by_name:  # "his pants under 1000" after his lounge pants: a word of its name
        said = set(re.findall(r"[a-z]{4,}", request.text.lower()))
        earlier = [
            n
            for n in last.needs
            if said & {w for t in n.article_types for w in t.lower().split()} and n.gender in (None, need.gender)
        ]
        named = True
    if len(earlier) != 1:
        return
    before = earlier[0]
    if before.article_types and (named or set(before.article_types) < set(need.article_types)):  # "裙子" of a dress
        need.article_types = list(before.article_types)
    need.size = need.size or before.size
    need.price = need.price or before.price
    need.gender = need.gender or before.gender


def _first_of_each_need(context: Context) -> list[int]:
    """The list position of the first product shown for each need of a several-needs search
    ("a black belt and brown shoes", then "add both"): one of each, not the first two belts."""
    last = context.last_request
    if last is None or len(last.needs) < 2:
        return [1, 2] if len(context.shown) == 2 else []
    positions: list[int] = []
    for need in last.needs:
        kinds = _kinds(need)
        shown = enumerate(context.shown, start=1)
        position = next((i for i, p in shown if kinds & {p.article_type, p.sub_category}), None)
        if position is not None and position not in positions:
            positions.append(position)
    return positions if len(positions) > 1 else []


def _names_shown_type(text: str, context: Context) -> bool:
    """ "the kurti", "that watch": a type noun of a product shown or in focus, after the/that/this."""
    phrases = re.findall(
        r"\b(?:the|that|this|those|these)\s+([a-z][a-z -]{1,20}?)(?:'s)?(?:\s+(?:one|itself|again)\b|[?.!,]|$)|"
        r"^\W*(?:and\s+)?(?:the\s+)?([a-z][a-z -]{1,20}?)(?:'s)?\s+(?:price|cost|rate|mrp)\b",  # "kurti price?"
        text.lower(),
    )
    phrases = [a or b for a, b in phrases]
    kinds = {p.article_type for p in context.shown + ([context.focus] if context.focus else [])}
    for phrase in phrases:
        filters = parse_query(phrase).filters if any(c.isalnum() for c in phrase) else None
        types = (
            [filters.article_type]
            if filters and isinstance(filters.article_type, str)
            else list((filters.article_type if filters else None) or [])
        )
        if set(types) & kinds:
            return True
    return False


def _names_product(text: str) -> bool:
    filters = parse_query(text).filters if any(c.isalnum() for c in text) else None
    return bool(filters and (filters.article_type or filters.sub_category))


def _is_question(text: str) -> bool:
    return (
        "?" in text
        or "？" in text
        or bool(
            re.search(
                r"(^|[,.;!]\s*)\s*((and|n|so|also|ok|okay|hmm)\s+)?"
                r"(is|are|does|do|can|has|have|what|whats|what's|which|how|will|would)\b",
                text,
                re.I,
            )
        )
        or bool(re.search(r"[吗呢]\s*$", text))
        or bool(
            re.search(r"\b(let me know|tell me|can you check|could you check|do you know) (whether|if)\b", text, re.I)
        )
    )


def _children_only(needs: list[ProductNeed], recognised: list[tuple[str, str, str]], text: str) -> None:
    """Only children named ("my twins (boy + girl) — he needs shorts, she needs a skirt"):
    "he" and "she" are the boy and the girl, not a man and a woman."""
    named = {v for kind, _, v in recognised if kind == "gender"}
    if not named or not named <= set(_ADULT_OF) or _FOR_MYSELF.search(text):  # "..., 再给我自己买双平底鞋": hers
        return
    aged = AGE_SAID.search(text.lower())
    if aged and age_of(aged) >= ADULT_AGE:  # "my son, he is 16": a grown-up's sizes
        return
    for need in needs:
        child = next((c for c in named if _ADULT_OF[c] == need.gender), None)
        need.gender = child or need.gender


def _sort_turned(request: ShopperRequest, text: str, context: Context) -> bool:
    """ "and the costliest?" right after "cheapest duffel bag?": the store's list in the other
    order, as the one before was the store's in its order ("which is the costliest?" still
    asks about the list)."""
    last = context.last_request
    return (
        last is not None
        and last.intent in (Intent.search, Intent.refine)
        and last.sort is not None
        and last.sort != request.sort
        and not _ABOUT_SHOWN.search(text)
    )


def _only_reference(text: str) -> bool:
    """ "cheapest one?", "the best rated?": a bare superlative about the list ("the cheapest
    pouch u have" asks the store)."""
    words = re.findall(r"[a-z]+", text.lower())
    of_the_store = re.search(r"\b(u|you|ya|y'?all) (have|got|sell|carry)\b|\bin (the|your) (store|shop)\b", text, re.I)
    return 0 < len(words) <= 4 and not of_the_store and not any(w in ("show", "find", "want", "need") for w in words)


_POSITION = re.compile(
    # ("my last pair became 3/4 length": the pair owned before, no place in the list)
    rf"\b(?P<word>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|{LAST_AS_A_PLACE})(?![a-z0-9])"
    r"(?! (?:time|week|month|year|date|day|job|anniversary|birthday|bday|order|minute|night|weekend|holi|diwali|"
    r"salary|paycheck|stipend|interview|trip|semester))|"
    r"(?:#|\bnumber |\bno\.? ?|\boption |\bitem |\bpic |\bthe (?=\d (?:one|pair|piece)\b))(?P<number>\d{1,2})\b|"
    r"第(?P<zh>[一二三四五六1-6])|(?<![\d.])(?P<zh_no>[1-6])\s*号|"  # "3号删了吧"
    r"\b(?:remove|delete|drop)\s+(?P<bare>[1-9])\b(?!\s*(?:of|pairs?|pieces?|items?|units?))|"  # "remove 2, nvm"
    r"(?P<last_zh>最后一|最后那)",
    re.I,
)
_POSITION_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "last": -1,
}
_ZH_POSITIONS = "一二三四五六"


_COMPARATIVE_ONE: list[tuple[re.Pattern[str], Superlative]] = [
    (
        _rx(
            r"\b(cheaper|cheap|less expensive|more affordable|lower priced) (one|pair|option)\b|便宜的那|"
            r"\b(cheaper|less expensive) (one )?of (the|those|these|them|the two|those two|these two) ?"
            r"(two|2|both|pair)?\b"
        ),
        "cheapest",
    ),
    (_rx(r"\b(pricier|costlier|more expensive|dearer|expensive|pricey|costly) (one|pair|option)\b|贵的那"), "priciest"),
    (_rx(r"\b(better|higher) rated (one|pair|option)\b|评分高的那"), "best_rated"),
]


def _zh_place(said: str) -> int:
    """A list place said as a digit or a Chinese numeral ("2号", "二号")."""
    return int(said) if said.isdigit() else _ZH_POSITIONS.index(said) + 1


# "都加上", "全部加购", "add all": everything just shown, into the cart
_ALL_OF_IT_ADDED = _rx(
    r"(?:都|全部?|全都)\s*(?:加上|加购|加进购物车|加入购物车|加到购物车|要了|加进去)|全部加购|"
    r"\badd (?:all|everything|them all|all of (?:it|them)|the lot|all three|all 3)\b"
)
# "加进购物车", "add to cart": into the cart, with or without "all"
_TO_THE_CART = _rx(
    rf"{_ALL_OF_IT_ADDED.pattern}|加进购物车|加入购物车|加到购物车|放进购物车|加购|加车|"
    r"\badd (?:(?:them|these|those|it) )?to (?:my |the )?(?:cart|bag|basket)\b"
)
# "就裙子M码和凉鞋38码", "just the dress in M and the sandals in 5": only those pieces
_ONLY_THESE = _rx(r"^\W*(?:\S{1,6}\s*算了\s*)?(?:就|只要|只)|\b(?:just|only)\b")
# "上衣M", "鞋38码", "T恤XL", "鞋UK9": a kind and its size, in Chinese
_KIND_SIZE_ZH = _rx(
    r"(?P<kind>(?:[a-z]{1,2})?[\u4e00-\u9fff]{1,3}?)\s*(?:要|穿)?\s*"
    r"(?P<size>xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})(?![a-z\d])\s*码?"
)
# "top in M", "trousers M", "the flats in 5": a kind and its size, in English
_KIND_SIZE = _rx(
    r"\b(?P<kind>[a-z]{3,})\s+(?:in\s+|size\s+|in\s+size\s+)?(?P<size>xxl|xl|xs|s|m|l|(?:uk\s*)?\d{1,2})\b"
)


def _whole_look_added(text: str, context: Context) -> ShopperRequest | None:
    """ "add the first look to my cart", "put that whole look in my cart pls, kurta in L",
    "第一套整套加购物车": every piece of that look into the cart (the looks shown last)."""
    said = _WHOLE_LOOK_TO_CART.search(text)
    if said is not None and _need_named_before(text[: said.start()]):
        return None  # "flip flops add kar do look mein": a piece added to the look
    last = _past_the_aside(context)
    if said is None and last is not None and last.intent is Intent.outfit:  # "第三套" after looks (else a set)
        said = _WHOLE_LOOK_TO_CART_ZH.search(text)
    if said is None:
        return None
    which = (said.group("which") or said.group("which2") or "").lower()
    number = _POSITION_WORDS.get(which) or (int(which[0]) if which[:1].isdigit() else None)
    number = number if number and number > 0 else (_ZH_POSITIONS.index(which) + 1 if which in _ZH_POSITIONS else 1)
    size = size_in(text, footwear=False)
    return ShopperRequest(intent=Intent.cart_add, text=text, look_added=number, size=size, confidence=0.85)


# "add the dress from look 1 in M", "put the heels of option 2 in my cart": one piece of one look
# by its number ("the cap from the 1st look" is read as a place among the pieces shown)
_PIECE_OF_A_LOOK = _rx(
    r"^\W*(?:(?:ok|okay|pls|please|now|and|cool|great|nice)\W+)*(?:add|put|get|i'?ll take|take|want)\s+"
    r"(?:the|that)\s+(?P<kind>[a-z]{3,20}(?: [a-z]{3,20})?)\s+(?:from|of|in)\s+(?:the\s+)?"
    r"(?:look|option|outfit|combo)\s*(?:no\.?\s*|#\s*)?(?P<num>[1-5])\b"
)
# "add the first look to my cart", "add everything from look 2", "ok add this hole look to cart"
_WHOLE_LOOK_TO_CART = _rx(
    r"\b(?:add|put|throw|chuck|pop|cart|take|buy|get)"
    r"(?:\s+(?:the|this|that|it|everything|all|all of it|all the pieces|every piece|from|of|in|whole|full|entire|"
    r"complete|hole|pls|please))*"
    r"\s+(?:(?P<which>first|1st|second|2nd|third|3rd)\s+)?(?:(?:whole|full|entire|complete|hole)\s+)?"
    r"(?:look|outfit|option|combo)(?: (?P<which2>[1-5]))?\b"
    r"(?=[^.?!]{0,30}\b(?:cart|bag|basket|trolley)\b|\W*$|\W*(?:pls|please|plz)\b)"
)
_WHOLE_LOOK_TO_CART_ZH = _rx(
    r"(?:第(?P<which>[一二三四五12345])套|这套|那套|整套)\s*(?:整套|全部|都|全)?\s*(?:加入?购物车|加购|加车|要了|买了|下单)|"
    r"(?:就)?要第(?P<which2>[一二三四五12345])套.{0,4}(?:全部|都|整套)?\s*(?:加入?购物车|加购|加车)"
)


def _need_named_before(text: str) -> bool:
    """Whether a kind of product is named in ``text`` (the words before "add ... look")."""
    if not text.strip():
        return False
    filters = parse_query(text).filters
    return bool(filters.article_type or filters.sub_category)


def _each_under_the_total(needs: list[ProductNeed]) -> None:
    """Several people's things under one amount ("around 3000 for both together"): each is
    searched under all of it, with no lower bound, for one of them takes only a part."""
    for need in needs:
        if need.price is not None and (need.price.around or need.price.max):
            need.price = PriceRange(max=need.price.around or need.price.max)


def _one_budget(needs: list[ProductNeed]) -> bool:
    """Every need under the same one price: a budget for all of them ("saree + heels + clutch, 6k
    budget"), not one piece's ("jeans + a belt. Jeans below 2000")."""
    prices = {n.price.max for n in needs if n.price}
    return len(prices) == 1 and None not in prices and all(n.price for n in needs)


def _which_to_add_answered(text: str, context: Context) -> ShopperRequest | None:
    """ "the 2nd" after "add one of them in 7" was asked back "which do you mean?": that one,
    added in the size and number said before."""
    last = context.last_request
    if last is None or last.intent is not Intent.cart_add or last.picks:
        return None
    asked_back = bool(last.reference and last.reference.among)  # "add it" after two were compared
    if not asked_back and (last.reference is not None or last.confidence > 0.5):  # added, nothing asked back
        return None
    if not context.shown or len(text.split()) > 4 or not _PLACE_ALONE.match(text):
        return None
    place = _reference(text)
    if place is None or place.position is None:
        return None
    return ShopperRequest(
        intent=Intent.cart_add, text=text, reference=place, size=last.size, quantity=last.quantity, confidence=0.8
    )


# "the 2nd", "2nd one pls", "no. 3", "第二个": a place in the list and nothing else
_PLACE_ALONE = _rx(
    r"^\W*(?:ok |okay |the )*(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|no\.?\s*\d|#\d|number \d|"
    r"第[一二三四五六\d])(?:\s*(?:one|pair|个|双|件|款|块|条|副|支|顶|套)|\s+(?:pls|please|plz))*\W*$"
)


# "not the 1st one.. how much is the 3rd?": a place turned down is not the one asked about
_NOT_THIS_PLACE = re.compile(r"(?:\bnot|\bnahi|不要|不是)\s*(?:the\s+|that\s+)?$", re.I)


def _reference(text: str) -> Reference | None:
    places = list(_POSITION.finditer(text))
    match = next((m for m in places if not _NOT_THIS_PLACE.search(text[: m.start()])), places[0] if places else None)
    if match:
        number = match.group("number") or match.group("zh_no") or match.group("bare")
        if number:
            return Reference(position=int(number))
        if match.group("zh"):
            zh = match.group("zh")
            return Reference(position=int(zh) if zh.isdigit() else _ZH_POSITIONS.index(zh) + 1)
        if match.group("last_zh"):
            return Reference(position=-1)
        return Reference(position=_POSITION_WORDS[match.group("word").lower()])
    for pattern, superlative in _COMPARATIVE_ONE:
        if pattern.search(text):  # "the cheaper one", after two were compared
            return Reference(superlative=superlative, confidence=0.8)
    # "forget it, show sherwanis instead": "it" is the last ask dismissed, no product pointed at
    # "add one of them in 7": one not yet chosen, which is asked
    pronoun = r"(?<!forget )(?<!scrap )(?<!mind )(?<!one of )\b(it|its|this|that|this one|that one|them|these|those)\b"
    when = r"(?! (?:day|time|night|evening|morning|weekend|week|month|year|occasion|event|function|party)\b)"
    if re.search(pronoun + when + r"|[这那][个款套件条双身顶对只支块副]|它", text, re.I):  # "that day" is no product
        return Reference(pronoun=True, confidence=0.7)
    return None


def _names_other_type(text: str, rest: str) -> bool:
    """Whether taking the occasion's words out changes the product type the text names."""
    named = parse_query(text).filters.article_type
    return bool(named) and named != parse_query(rest).filters.article_type


def occasion_of(text: str) -> tuple[str | None, str | None, str]:
    """The occasion words, their usage, and the text without every one of that usage's
    words ("a pool party, girls night": neither "party" nor "night out" is left to name
    night suits)."""
    for pattern, usage in _OCCASION_RX:
        match = pattern.search(text)
        if match:
            if usage == "Sports" and re.search(r"\b(running|sports?|training) shoes\b", text, re.I):
                return None, None, text  # "running shoes" names the product
            rest = pattern.sub(" ", text)
            if _CJK.search(match.group(0)) and _names_other_type(text, rest):
                return None, None, text  # "跑步鞋" (running shoes): the occasion is part of the product's name
            return match.group(0), usage, rest
    return None, None, text


def _need_from(parsed: ParsedQuery) -> ProductNeed:
    f = parsed.filters
    types = as_list(f.article_type)
    named_colours = as_list(f.colour)
    said = {phrase for kind, phrase, _ in parsed.recognised if kind == "colour"}
    colours = list(
        dict.fromkeys(
            c for colour in named_colours for c in [colour, *(SHADES.get(colour, []) if colour.lower() in said else [])]
        )
    )
    excluded = list(
        dict.fromkeys(
            c for colour in f.exclude_colours for c in [colour, *EXCLUDED_FAMILY.get(colour, [])] if c not in colours
        )
    )
    around = next((p for kind, p, v in parsed.recognised if kind == "price" and v == "around"), None)
    price = None
    if f.price_min is not None or f.price_max is not None:
        centre = (f.price_min + f.price_max) / 2 if around and f.price_min is not None and f.price_max else None
        price = PriceRange(
            min=f.price_min, max=f.price_max, around=centre, tolerance=AROUND_TOLERANCE if around else 0.0
        )
    # words that name the product more precisely than its type ("polo", "chinos") stay in the text
    named = [
        phrase
        for kind, phrase, _ in parsed.recognised
        if kind == "article" and phrase.isascii() and phrase.rstrip("s") not in {t.lower().rstrip("s") for t in types}
    ]
    text = " ".join([*named, parsed.semantic_text]).strip()
    return ProductNeed(
        text=text,
        article_types=types,
        sub_category=f.sub_category if not types else None,
        category=f.category if not (types or f.sub_category) else None,
        colours=colours,
        exclude_colours=excluded,
        exclude_terms=list(f.exclude_terms),
        gender=f.gender,
        usage=f.usage,
        season=f.season,
        size=f.size,
        price=price,
    )


# A part of a message that tells about the shopper rather than asks for a thing: someone
# liking or being something, an activity started, what a piece should be like.
_NO_THING_ASKED = _rx(
    r"^\W*(he|she|they|it|his|her|their|we)\b|\b(loves?|likes?|enjoys?|crazy about|obsessed with|into)\b|"
    r"\b(?:theme|dress ?code)\s+(?:is|was|=|:)|"  # "office diwali party theme is 'desi glam'": the occasion's
    r"\b(?:cares?|cared) (?:about|abt)\b|"  # "anything from nike or puma? thats all he cares abt"
    r"^\W*(joining|starting|started|going|attending|doing|taking|learning)\b|\beasy to\b|"
    r"^\W*i\s+(carry|use|take|go|work|walk|stand|run|play|travel|commute)\b|"  # "i carry my laptop every day"
    # "mostly sits in the verandah reading the paper": what someone does all day, said of them
    r"^\W*(?:(?:mostly|usually|always|often|just|basically)\s+)?(sits|reads|walks|plays|watches|spends|sleeps|"
    r"works|stays|lives|travels|cooks|paints|gardens)\b|"
    r"\b(class|classes|lessons|sessions|course)\b|"
    # "i hear it's super humid", "it gets freezing there": the weather, what the rest is for
    r"^\W*i\s+(?:hear|heard)\b|\b(?:it'?s|its|it is|it gets|gets|getting|will be)\s+(?:(?:super|very|really|so|quite|"
    r"pretty|a bit|bit|too|crazy)\s+)?(?:humid|hot|cold|chilly|rainy|sunny|windy|freezing|warm|sweaty|snowy)\b|"
    # "something for me", "ok forget it": for whom, or a change of mind, no thing named
    r"^\W*(?:(?:ok|okay|so|and|now|then|also)\s+)*(?:something|anything|smth|sth|stuff)\s+(?:for|4)\s+"
    r"(?:me|myself|him|her|them|us|my\s+\w+)\W*$|^\W*(?:(?:ok|okay|so|hmm)\W+)*(?:forget|leave|skip) (?:it|that)\W*$|"
    r"用\W*$|"  # "跑步装手机用": what the thing is for
    r"\b(abhi|nahi|nahin|aayi|aaya|gaya|gayi|hoon|hu|raha|rahi|tha|thi|jaana|jana|pehenne|pehnne)\b|"  # Hindi
    r"^[\W\d]*(?:[来要买几一两三双件条个份对有没呀啊呢吗哈吧的了么嘛][\W\d]*)+$"  # "来几双", "有没有呀": no thing named
)
# Occasions that are journeys: "a goa trip" is what the shorts are for, never a trip to sell.
_TRAVEL = _rx(r"(?:\w+ )?(?:trip|travel|travell?ing|vacation|holiday|holidays|honeymoon|tour)")
_PIECE_FILLER = frozenset(
    "a an some the and also plus need i want wanna get me any pls please do you u have sell with one pair of "
    "looking for".split()
)
_PRICE_PHRASE = (
    r"(?:under|below|within|upto|up to|less than|max|around|about|~|budget(?: of| is)?)\s*(?:rs\.?|₹|inr)?\s*"
    r"\d[\d,]*(?:\.\d+)?\s*k?"
)
_LEADING_PRICE = _rx(rf"^\W*{_PRICE_PHRASE}\b")
_TRAILING_PRICE = _rx(
    rf"{_PRICE_PHRASE}\s*(?:rs|₹|inr|rupees|only|max|budget|tops|pls|please)?\s*"
    r"(?:each|apiece|per piece|for each|both)?\W*$"  # "his n hers watches abt 5k each"
)


def _share_edge_price(needs: list[ProductNeed], text: str) -> None:
    """A price said once at the very end or start of several needs holds for each ("a white
    shirt and blue jeans for men under 1500"); one said inside stays with its need ("a shirt
    under 1500 and some shoes")."""
    priced = [n for n in needs if n.price]
    if len(needs) < 2 or len(priced) != 1:
        return
    edge = needs[-1] if _TRAILING_PRICE.search(text) else needs[0] if _LEADING_PRICE.search(text) else None
    if edge is priced[0]:
        for need in needs:
            need.price = need.price or edge.price


def _whose_each(needs: list[ProductNeed], lexicon: CatalogLexicon) -> None:
    """Several people in one message ("for me: a sports bra + running shoes. for hubby:
    track pants"): a need nobody is named for is for whoever the nearest need before it is
    for (a sports bra is a woman's), else the nearest after it; a kind never sold for that
    person is left to be implied."""
    own = [n.gender or _sold_only_for(n, lexicon) for n in needs]
    if len({g for g in own if g}) < 2:
        return
    for i, need in enumerate(needs):
        nearest = [*reversed(own[:i]), *own[i + 1 :]]
        whose = own[i] or next((g for g in nearest if g), None)
        if whose and all(whose in lexicon.genders_of_type.get(t, {whose}) for t in need.article_types):
            need.gender = need.gender or whose


# "trousers S and shirts M", "2 tees XL": a letter size written right after a kind of garment
# (one letter only in capitals: "shirts m" could be anything)
_LETTER_AFTER_KIND = re.compile(
    r"\b(?:[A-Za-z]{3,}|me)(?:'s|’s)?\s+(?P<size>XXL|2XL|XL|XS|S|M|L|(?i:xxl|2xl|xl|xs))\b(?!['’])(?!\s*(?:&|and)\s+[a-z])"
)


def _sold_only_for(need: ProductNeed, lexicon: CatalogLexicon) -> str | None:
    """The one gender every kind of a need is sold for (a sports bra: women), if there is one."""
    sides = {_ADULT_OF.get(g, g) for t in need.article_types for g in lexicon.genders_of_type.get(t, ())} - {"Unisex"}
    return sides.pop() if len(sides) == 1 else None  # women's and girls' bras: a woman's, said with no one


def _share_context(
    needs: list[ProductNeed], whole: ProductNeed, lexicon: CatalogLexicon | None = None, *, share_colours: bool = True
) -> list[ProductNeed]:
    """Who it is for and the occasion, said once, hold for every need; colours, sizes and
    a price stay with the need they were said with. Whom a need is for is not shared to a
    kind that is another gender's and never that one's ("a kurta for my husband and a
    dupatta for me": the dupatta is a woman's)."""
    gender = whole.gender or next((n.gender for n in needs if n.gender), None)
    usage = whole.usage or next((n.usage for n in needs if n.usage), None)
    if len(needs) > 1 and lexicon is not None:
        _whose_each(needs, lexicon)
    for need in needs:
        if len(needs) == 1:  # the one need left after a piece was dropped: the message's budget, size, colours hold
            need.price = need.price or whole.price
            need.size = need.size or whole.size
            need.colours = need.colours or (whole.colours if share_colours else [])  # "the theme is red. a dress"
            need.exclude_colours = need.exclude_colours or whole.exclude_colours  # "she HATES pink. tops for her"
        unsold = lexicon is not None and any(
            lexicon.gender_of_type.get(t, gender) != gender and gender not in lexicon.genders_of_type.get(t, ())
            for t in need.article_types
        )
        need.gender = need.gender or (None if unsold else gender)
        # "a formal shirt for dad and a saree for mom": no formal saree (sarees are only ever ethnic wear)
        shelves = [lexicon.usages_of_type.get(t, frozenset()) for t in need.article_types] if lexicon else []
        other_shelf = bool(shelves) and all(w and w <= _HARD_USAGES and usage not in w for w in shelves)
        need.usage = need.usage or (None if other_shelf else usage)
    return needs


def _one_piece_per_part(need: ProductNeed) -> list[ProductNeed]:
    """A need naming kinds worn on different parts of the body ("衬衫加西裤一套": a shirt and
    trousers) as one piece each of a look; alternatives of one part ("a shirt or a top") stay one."""
    parts = {_BODY_PART.get(t) for t in need.article_types}
    if len(need.article_types) < 2 or None in parts or len(parts) < len(need.article_types):
        return [need]
    return [need.model_copy(update={"article_types": [t], "text": t}) for t in need.article_types]


# Where a kind is worn, for telling two pieces of a look from two alternatives of one piece.
# Listed rather than read from the lexicon's ``sub_category_of``, which keeps the last row's
# sub-category of a type (a few "Tshirts" rows are filed under Belts, "Shorts" under nightwear).
_BODY_PART = {
    **dict.fromkeys(("Shirts", "Tops", "Tshirts", "Kurtas", "Kurtis", "Tunics", "Blazers", "Jackets"), "top"),
    **dict.fromkeys(("Trousers", "Jeans", "Skirts", "Shorts", "Leggings", "Churidar", "Salwar"), "bottom"),
    **dict.fromkeys(("Casual Shoes", "Formal Shoes", "Sports Shoes", "Heels", "Flats", "Sandals"), "feet"),
}


# "a warm look for manali in dec ❄️", "winter look", "冬天穿的一套": a look for the cold
_A_COLD_LOOK = _rx(
    r"\b(?:winter|wintry|warm(?!\s*(?:-\s*)?(?:colou?rs?|tones?|toned|shades?|hues?))|cold|chilly|freezing|snow|snowy|"
    r"cosy|cozy|thand|sardi|sardiyon)\b|❄|冬天|冬季|保暖|很冷|下雪"
)


def _all_in_a_colour(text: str) -> bool:
    """ "all black everything", "head to toe white": every piece in that colour (not "total under 4k")."""
    return any(
        said.group(0).split()[-1].lower() in COLOURS
        or (bool(_CJK.search(said.group(0))) and text[said.end() : said.end() + 1] in "黑白红蓝灰粉绿黄紫棕")
        for said in _ALL_ONE_COLOUR.finditer(text)
    )


def _said_centre(parsed: ParsedQuery) -> float | None:
    """The most a price said lets a look cost: the figure itself when it was said roughly."""
    low, high = parsed.filters.price_min, parsed.filters.price_max
    around = any(kind == "price" and value == "around" for kind, _, value in parsed.recognised)
    return (low + high) / 2 if around and low is not None and high is not None else high


def _outfit_ask(
    text: str,
    needs: list[ProductNeed],
    usage: str | None,
    occasion: str | None,
    anchored: bool,
    lexicon: CatalogLexicon,
) -> OutfitAsk:
    gender_of_type = lexicon.gender_of_type
    for need in needs:
        said = need.category == "Accessories" or _ACCESSORIES.search(need.text)
        if said and not re.search(r"\bshoe", need.text, re.I):
            need.article_types, need.sub_category, need.confidence = [], ACCESSORIES, 1.0  # the look's accessory
            need.category = None
    turned_down: list[str] = []
    for need in needs:  # "a wedding guest look but no saree and no lehenga": those kinds are no piece
        said_no = {t.lower().rstrip("s") for t in need.exclude_terms}
        if need.article_types and all(t.lower().rstrip("s") in said_no for t in need.article_types):
            turned_down += need.article_types
            need.article_types, need.exclude_terms = [], [t for t in need.exclude_terms if t.lower() not in said_no]
    pieces = [piece for n in needs if n.has_product() for piece in _one_piece_per_part(n)]
    named = [p for p in pieces if p.confidence >= NAMED]
    pieces = named or ([] if _LOOK.search(text) else pieces)  # "complete the look": no piece from "look"
    sizes: list[str] = []
    gender_said = implied = None
    # "a formal outfit ..., shoes size 9", "a formal office look. shirt size M, shoes uk 9": the whole look
    # (each piece with its own size: not "shorts, tee, flip flops. L and uk 9", nor "a dress and heels, dress
    # size S, heels uk 5", where the pieces are asked first and sized after)
    own_sizes = len({p.size for p in pieces}) == len(pieces) and _every_piece_sized(text)
    if pieces and (usage or occasion) and _LOOK.search(text) and all(_only_sized(p) for p in pieces) and own_sizes:
        sizes = list(dict.fromkeys(p.size for p in pieces if p.size))
        gender_said = next((p.gender for p in pieces if p.gender), None)
        kinds = [t for p in pieces for t in p.article_types]  # "shirt size M, shoes uk 9": mostly men's
        implied = _gender_of_kinds(kinds, lexicon.main_gender_of_type) if kinds else None
        pieces = []
    whole = parse_query(text) if any(c.isalnum() for c in text) else None
    parsed = whole.filters if whole else None
    size_said = parsed.size if parsed else None
    sizes = sizes or _look_sizes(text, pieces, size_said, anchored)
    # "roughly 4k for everything": a look at most the figure said (a list may go a little over it)
    budget = next((n.price.around or n.price.max for n in needs if n.price and n.price.max), None) or (
        _said_centre(whole) if whole else None
    )
    gender = (
        next((n.gender for n in needs if n.gender), None)
        or (parsed.gender if parsed else None)
        or gender_said
        or _implied_gender(pieces, lexicon)
        or implied
        # "i'll be in a red lehenga ... need jewellery and footwear": whose the piece worn is
        or (_gender_of_kinds(as_list(parsed.article_type), gender_of_type) if parsed else None)
    )
    for piece in pieces:  # "a bag and a watch for the 2nd dress": a handbag or clutch, no backpack
        if piece.sub_category == "Bags" and not piece.article_types and (piece.gender or gender) == "Women":
            piece.article_types, piece.sub_category = ["Handbags", "Clutches"], None
    if gender in _ADULT_OF and usage == "Formal" and not _A_CHILD.search(text):
        gender = _ADULT_OF[gender]  # "placement interviews, a formal look for a girl": a young woman
    priced = [p for p in pieces if p.price and p.price.max]
    own_price = not anchored and not _TOTAL_BUDGET.search(text) and len(pieces) >= 2 and priced == pieces[:1]
    if own_price:  # "a navy shirt under 1500, and shoes to go with it": 1500 is the shirt's, not the look's
        budget = None
    for piece in pieces[1:] if own_price else pieces:
        piece.price = None
    usage = usage or (parsed.usage if parsed and not pieces else None)  # "a nice ethnic look for mum"
    styled = _A_STYLED_LOOK.search(text)  # "office diwali party, want an ethnic look": the style said wins
    style = (styled.group("style") or styled.group("zh") or "").lower().rstrip("风") if styled else ""
    usage = USAGES.get(style) or usage
    if (
        usage == "Ethnic"
        and not _ETHNIC_SAID.search(text)
        and any(set(p.article_types) & _SUIT_AND_TIE for p in pieces)
    ):
        usage = "Formal"  # "a shirt, a tie and formal shoes for a mate's wedding": a guest in a suit, not a kurta
        for piece in pieces:
            piece.usage = "Formal" if piece.usage == "Ethnic" else piece.usage
    return OutfitAsk(
        for_the_cold=bool(_A_COLD_LOOK.search(text)),
        around_reference=anchored,
        pieces=pieces,
        budget=budget,
        # around a product shown, a price is for what is added ("complete the look under 3k"), unless a total
        budget_for_pieces=anchored and budget is not None and (bool(pieces) or not _TOTAL_BUDGET.search(text)),
        occasion=occasion,
        usage=usage,
        gender=gender,
        sizes=sizes,
        excluded=list(dict.fromkeys([*turned_down, *(t for n in needs for t in n.exclude_types)])),  # "no tshirts"
        # "a garba outfit, something colourful": no piece named, so the look's main piece in those colours
        main_colours=as_list(parsed.colour)
        if parsed and not pieces and not anchored and not _OWNED.search(text)
        else [],
        # "a baddie look, all black everything": every piece in it
        colours=as_list(parsed.colour) if parsed and _all_in_a_colour(text) and not anchored else [],
    )


# Kinds worn only with western formal wear: a wedding look asking for them is no ethnic look
_SUIT_AND_TIE = frozenset({"Ties", "Cufflinks", "Blazers", "Suits", "Formal Shoes", "Tie Pins"})
_ETHNIC_SAID = _rx(r"\b(?:ethnic|traditional|desi|indian)\b")
# "office mein diwali party, ethnic pehenna hai": the style to wear beats the occasion's
_STYLE_TO_WEAR = _rx(
    r"\b(?P<style>ethnic|formal|casual|traditional)\s+(?:pehenna|pehnna|pehen|wear|wala|wali|wale|clothes|kapde)\b|"
    r"\b(?:wear|wearing|in)\s+(?:something\s+)?(?P<style_after>ethnic|traditional)\b"
)


def _usage_to_wear(text: str) -> str | None:
    """The usage of a style the shopper says they will wear ("ethnic pehenna hai"), if any."""
    worn = _STYLE_TO_WEAR.search(text)
    return USAGES.get((worn.group("style") or worn.group("style_after")).lower()) if worn else None


def _worn_beats_the_place(needs: list[ProductNeed], worn: str | None) -> None:
    """The style said to wear in place of a usage the place implies ("office" read as formal)."""
    for need in needs if worn else []:
        need.usage = worn if need.usage else None


_A_STYLED_LOOK = _rx(
    r"\b(?:an?\s+)?(?P<style>ethnic|formal|casual|traditional|sporty)\s+(?:look|outfit|fit|ensemble)\b|"
    r"(?:一套|一身)(?P<zh>民族风|正装|休闲风?|运动风?)的?"
)
_FOOTWEAR_TYPES = {"Casual Shoes", "Formal Shoes", "Sports Shoes", "Heels", "Flats", "Sandals", "Flip Flops"}


def _sizes_of_their_kind(needs: list[ProductNeed], text: str) -> None:
    """Several needs: a shoe size only on the footwear, a letter size only on the rest
    ("裙子, 平底鞋, 38码": the shoe size is the flats', not the dress's; "size M, shoe size 9":
    the 9 is the shoes')."""
    for need in needs if len(needs) > 1 else []:
        shoe_size = bool(need.size and need.size.startswith("UK"))
        if (need.article_types or need.sub_category) and shoe_size != _is_footwear(need):
            need.size = None
        if need.size is None and _is_footwear(need):
            need.size = size_in(" ".join(_NUMBER_SIZE.findall(text)), footwear=True) or _size_by_a_kind_word(text, True)
        elif need.size is None and (need.article_types or need.sub_category):  # "衣服M 鞋39": the clothes' M
            need.size = _size_by_a_kind_word(text, False)


# "衣服M 鞋39", "clothes in M, shoes 9": a size said right after a word for the clothes or the shoes
_SIZE_AFTER_SHOE_WORD = _rx(
    r"(?:鞋子?|\bshoes?|\bsneakers?|\bsandals?|\bheels?)\s*(?:in\s+)?(?:size\s*)?(?:eu\s*|uk\s*)?(?P<n>\d{1,2})"
    r"(?!\d|\.\d|\s*(?:-|k\b|岁|yrs?\b|years?\b|rs\b|₹))"  # "shoes 3-4k", "凉鞋 7岁": a price, an age
)
_SIZE_AFTER_CLOTHES_WORD = _rx(
    r"(?:衣服|上衣|\bclothes|\btops?)\s*(?:都|要|穿)?\s*(?:in\s+)?(?:size\s*)?(?P<letter>xxl|xl|xs|s|m|l)(?![a-z])"
)


def _look_sizes(text: str, pieces: list[ProductNeed], size_said: str | None, anchored: bool) -> list[str]:
    """The sizes a look is asked in besides its pieces' own."""
    if size_said in _LETTER_SIZES and pieces and not any(p.size for p in pieces):
        return [size_said]  # "gym stuff for me, size M - a couple of tees and shorts": the look's size
    if pieces and not any(p.size in _LETTER_SIZES for p in pieces):
        return _clothes_size_beside(text, size_said)
    if size_said and not pieces and not anchored:
        return _sizes_of_a_look(text, size_said)  # "office party look for me, women, S": the look's size
    return []


def _clothes_size_beside(text: str, size_said: str | None) -> list[str]:
    """The clothes' size of a look whose shoes have their own ("西装外套+白衬衫+皮鞋 L码 鞋UK9",
    "women's, size M. ... black flats UK 6"), if one is said."""
    letter = size_said if size_said in _LETTER_SIZES else _size_by_a_kind_word(text, False)
    zh_letter = _LETTER_SIZE_ZH.search(text)
    letter = letter or (zh_letter.group(1).upper() if zh_letter else None)
    return [letter] if letter else []


# "L码", "xl碼": a letter size said in Chinese
_LETTER_SIZE_ZH = re.compile(r"(?<![a-z])(xxl|xl|xs|s|m|l)\s*[码碼号號]", re.I)


def _sizes_of_a_look(text: str, said: str) -> list[str]:
    """The sizes a look is asked in: the one size read, and beside it the other sizing's
    ("an ethnic look, men, size L, UK 10": L for the clothes and UK10 for the shoes)."""
    if said.startswith("UK"):
        letter = _size_by_a_kind_word(text, False)
        return [said, letter] if letter else [said]
    shoe = size_in(" ".join(_NUMBER_SIZE.findall(text)), footwear=True) or _size_by_a_kind_word(text, True)
    return [said, shoe] if shoe and shoe.startswith("UK") else [said]


def _size_by_a_kind_word(text: str, footwear: bool) -> str | None:
    """The shoes' (``footwear``) or the clothes' size said right after a word for them."""
    said = (_SIZE_AFTER_SHOE_WORD if footwear else _SIZE_AFTER_CLOTHES_WORD).search(text)
    said = said or (None if footwear else _LETTER_BESIDE_SHOE_SIZE.search(text))  # "M and uk9"
    if said is None:
        return None
    if not footwear:
        return (said.group("letter") or said.group("after") or said.group("zh")).upper()
    number = int(said.group("n"))
    return size_in(f"{number}码", footwear=True) if number >= 34 else f"UK{number}"


# "both under 2k. M and uk9": a letter size beside a shoe size, the clothes' one
_LETTER_BESIDE_SHOE_SIZE = _rx(
    r"(?<![a-z'])(?P<letter>xxl|xl|xs|s|m|l)\s*(?:and|n|&|,|/)\s*(?:uk|size|eu)\s*\d{1,2}\b|"
    r"\b(?:uk|size|eu)\s*\d{1,2}\s*(?:and|n|&|,|/)\s*(?P<after>xxl|xl|xs|s|m|l)(?![a-z'])|"
    r"(?<![a-z'])(?P<zh>xxl|xl|xs|s|m|l)\s*码?\s*[,，/]?\s*鞋子?\s*\d{2}"  # "男 L码 鞋44码", "他XL 鞋42码"
)
# A size said as a number ("shoe size 9", "uk 8"): a shoe's, when letter sizes are said beside it
_NUMBER_SIZE = _rx(r"\b(?:size|uk)\s*\d{1,2}\b")


def _shoe_size_said_apart(need: ProductNeed, chunk: str) -> str | None:
    """The shoes' own size where a message gives the clothes a letter and the shoes a number
    ("板鞋 鞋43码 ... 衣服L码"): a letter is no shoe size."""
    if not _is_footwear(need) or need.size is None or need.size.startswith("UK"):
        return need.size
    return _size_by_a_kind_word(chunk, footwear=True) or need.size


def _is_footwear(need: ProductNeed) -> bool:
    return need.sub_category in FOOTWEAR_SUB_CATEGORIES or bool(set(need.article_types) & _FOOTWEAR_TYPES)


def _every_piece_sized(text: str) -> bool:
    """Whether every clause of the message that names a kind of product also gives a size
    ("a formal office look. shirt size M, shoes uk 9")."""
    naming = []
    for clause in re.split(r"[,.;!?]+|\s+(?:and|n|&|\+)\s+", text):
        filters = parse_query(clause).filters if any(c.isalnum() for c in clause) else None
        if filters and (filters.article_type or filters.sub_category):
            naming.append(filters)
    return bool(naming) and all(f.size for f in naming)


def _only_sized(piece: ProductNeed) -> bool:
    """A piece named only to give its size ("shoes size 9"): no colour, brand or word of its
    own (a price said with it is the look's budget)."""
    return bool(piece.size) and not (piece.colours or piece.brand or piece.title_terms)


# Kinds shoppers mean as women's although the catalog also has girls' ones.
# Kinds sold for women and for girls: a woman's when no one is named.
_WOMENS_WORDS = {"Dresses", "Skirts", "Tops", "Leggings", "Lehenga Choli"}


def _implied_gender(pieces: list[ProductNeed], lexicon: CatalogLexicon) -> str | None:
    """Whose the pieces are when no one is named: the one gender of the catalog's products
    of those kinds (sarees, heels, ties; ``CatalogLexicon.gender_of_type``), if they agree.
    Kinds only guessed from a describing word ("sunday evening": sarees) count only when
    no kind is named."""
    named = [p for p in pieces if p.article_types and p.confidence >= 1.0] or pieces
    kinds = [t for p in named for t in p.article_types]
    return _the_one_gender_all_are_sold_for(named, lexicon) or _gender_of_kinds(kinds, lexicon.gender_of_type)


def _the_one_gender_all_are_sold_for(pieces: list[ProductNeed], lexicon: CatalogLexicon) -> str | None:
    """Pieces whose usual wearers differ, one of them sold for one adult only: the adult every
    piece is sold for ("nehru jacket with kurta": most kurtas are women's, but the catalog
    has men's kurtas and only men's nehru jackets, so a man's look)."""
    kinds = [t for p in pieces if p.confidence >= 1.0 for t in p.article_types]
    adults: set[str] = {"Men", "Women"}
    for kind in kinds if len(pieces) >= 2 else []:
        sold = lexicon.any_genders_of_type.get(kind, frozenset())
        adults &= sold | ({"Men", "Women"} if "Unisex" in sold else set())
    return adults.pop() if len(adults) == 1 and len(pieces) >= 2 else None


def _gender_of_kinds(kinds: list[str], gender_of_type: dict[str, str]) -> str | None:
    """The one gender the catalog sells these kinds for, if they agree."""
    genders = {gender_of_type.get(t) or ("Women" if t in _WOMENS_WORDS else None) for t in kinds} - {None}
    return genders.pop() if len(genders) == 1 else None


_AT_A_PLACE = _rx(r"\bat\s+(?:some|a|an|the|our|my|his|her|their|this|that|his|her)?\s*(?:[a-z]+\s+)?$")
_SENT_TO = _rx(
    r"\b(?:deliver\w*|ship\w*|send|sent|courier\w*)\b[^.?!]{0,25}\b(?:to|at)\s+(?:our|my|the|a|his|her|their)?\s*$"
)


# Whom a story sentence is about ("my wife is a nurse"), and words that say whom the ask is for
_ASK_SAYS_WHOSE = _rx(r"\b(me|myself|i'?m|im|my \w+)\b")


def _with_whose(ask: str, story: list[str]) -> str:
    """The ask, with the person its story is about when the ask says nobody's ("my dad is
    impossible to shop for. only wears white kurtas": for my dad; "twin boys, turning 4":
    boys): the whose is not a story. People are the parser's own words for them."""
    if _ASK_SAYS_WHOSE.search(ask) or _people_named(ask):
        return ask
    story = [_WITH_FRIENDS.sub(_with_friends, s) for s in story]  # "goa w the boys next wk!!": a man, no boys
    whose = next(((p, s) for s in story for p in _people_named(s) if _one_of_theirs(s, p)), None)
    person = whose[0] if whose else None
    told = " ".join(story)
    he, she = re.search(r"\b(he|him|his)\b", told, re.I), re.search(r"\b(she|her|hers)\b", told, re.I)
    if person is None and bool(he) != bool(she) and _GIFT_FOR_SOMEONE.search(told):
        person = "men" if he else "women"  # "farewell gift for a colleague, he likes leather stuff"
    aged = AGE_SAID.search(whose[1].lower()) if whose else None  # "my little brother (hes 10) ...": a boy
    age = next((g for g in aged.groups() if g), None) if aged and not SCHOOL_YEAR.search(aged.group(0)) else None
    if person and age:  # said first, so that it is every need's ("he needs shorts and tshirts")
        return f"for my {person} aged {age}, {ask}"
    return f"{ask} for {person}" if person else ask


_GIFT_FOR_SOMEONE = _rx(r"\b(gift|present|farewell|birthday|for (a|my|our|the) [a-z]+)\b")


def _people_named(text: str) -> list[str]:
    """The words that name a person in ``text`` ("dad", "grandsons"), pronouns left out."""
    return [phrase for kind, phrase, _ in parse_query(text).recognised if kind == "gender"]


def _one_of_theirs(sentence: str, person: str) -> bool:
    """The shopper's own people ("my dad", children named as boys or girls, the person a
    story opens with), not someone else's ("his mom says he's growing out of everything")."""
    if person in ("boys", "girls") or re.search(rf"\bmy (?:[a-z]+ )?{re.escape(person)}\b", sentence, re.I):
        return True
    # "nephew turns 8, we're off to goa": the story opens with the person, no one else's
    return bool(re.match(rf"\W*{re.escape(person)}\b", sentence, re.I))


# "so no laptops at all on here?", "no phones here then?": whether a thing is sold, asked again
_NONE_OF_THEM_HERE = _rx(
    r"^\W*(?:so|ok|oh|hmm+|wait)?\W*no\s+(?P<thing>[a-z ]{3,30}?)\s+(?:at all|here|on here|then|anywhere)\b[^.!]*\?"
)
# services no product is: tailoring, alterations, a saree's fall and pico
_A_SERVICE = _rx(
    r"\b(?:fall (?:n|and|&) pico|pico|tailoring|alterations?|alter (?:it|them|the)|hemming|stitching service|"
    r"fitting (?:bhi )?(?:karwa|karwani|karwana|karna|karni|karao)\w*|"
    r"stit?ch(?:ing)? (?:the |a |my |her )?blouses?|blouses? stit?ch(?:ing|ed)?|stitch\w* karke|"
    # "can u guys stitch me a suit to measure?": made for the shopper, by measure
    r"stitch (?:me |him |her |us )?(?:a |an )?(?:suit|blazer|kurta|sherwani|shirt|lehenga)|made[- ]to[- ]measure|"
    r"to measure|bespoke|tailor[- ]made)\b|"
    r"裁缝|改短|改长|改(?:一下|下)?裤脚|改(?:一下|下)?裤长|改腰|缝制|帮忙缝|帮我缝|能缝|可以缝"
)
# A sentence that asks for something to buy, beside a service asked for
_WANTS_IT = _rx(
    r"\b(?:need|needs|want|wanna|looking for|show(?: me)?|get me|buy|shopping for|i'?d like|searching for)\b|"
    r"想买|想要|要买|找|看看|来一?[件条双个]"
)
_DONE_TO_IT = _rx(
    r"\b(?:shorten(?:ed)?|hem(?:med)?|alter(?:ed)?|stitch(?:ed)?|tighten(?:ed)?|loosen(?:ed)?|taken in|let out|"
    r"resized|fixed|repaired|mended)\b|改短|改长|改小|改大|修"
)
# services other than tailoring, none of them a product: printing to order, artists sent home
_OTHER_SERVICE = _rx(
    r"\b(?:custom(?:i[sz]ed)? print(?:ing|ed)?|print(?:ing)? (?:our |the |team |their )?(?:names?|numbers?|logos?)|"
    r"personali[sz]ed (?:with|printing|names?)|(?:with|w/) (?:her|his|my|their|our) (?:initials|names? on it)|"
    r"(?:makeup|make-up|mehendi|mehndi|henna) artists?|beautician|dry[- ]?clean(?:ed|ing)?|laundry|"
    r"engrav(?:e|ed|ing)|monogram(?:med|ming)?|"  # "can u engrave a name on a watch"
    # "white shirts with the school logo printed on the pocket", "a jersey with my name n number 10 on the back"
    r"logos? printed|printed (?:with )?(?:a |the |our )?(?:school |company |team )?logos?|"
    r"(?:with|w/) (?:my|his|her|our|their|a|the) names? (?:n|and|&|\+) (?:a )?numbers?)\b|"
    r"刻字|刻名字|印名字|定制印|印(?:上|着)?(?:他|她|我|你|学校|公司)?的?名字|能定制|可以定制|定制吗"
)
# A name, number or logo printed on a product, of the services above
_PRINTED_ON = _rx(r"print|logo|engrav|monogram|names? (?:n|and|&|\+) (?:a )?numbers?|名字|定制|刻")
_ITS_STAND = re.compile(r"^\s*stands?\b", re.I)


def _ooc_thing(text: str) -> str | None:
    """The thing not sold a message names, unless a fashion product holds it ("a phone
    pouch"; the holder's word outside the thing's own name: "mi band" is no band)."""
    matches = sorted([*_OOC_EXTRA.finditer(text), *_UNSOLD_OF_A_KIND.finditer(text)], key=lambda m: m.start())
    rest = text  # "a tent and a sleeping bag": the bag is one of the things not sold, no holder
    for m in reversed(matches):  # "a phone stand": the stand is no holder sold, as a phone pouch is
        rest = f"{rest[: m.start()]} {_ITS_STAND.sub('', rest[m.end() :])}"
    if not matches or _HOLDERS.search(rest):
        return None
    # "not a smart watch", "he has enough toys already so pls no toys": none of them asked for;
    # "can u deliver to our hotel in paris?": where it goes, not what is asked for
    asked = [
        m
        for m in matches
        if not TURNED_DOWN_BEFORE.search(text[: m.start()])
        and not _SENT_TO.search(text[: m.start()])
        and not _AT_A_PLACE.search(text[: m.start()])  # "a cocktail night at some hotel": where, not what
        and not CARRIED_BEFORE.search(text[: m.start()])  # "she has to lug her laptop around": what a bag holds
        and not (_WHOSE_BEFORE.search(text[: m.start()]) and _SAID_OF_IT.match(text[m.end() :]))
    ]
    return asked[0].group(0).lower() if asked else None


# "her almirah is already overflowing": a thing the shopper's people have, said of, not asked for
_WHOSE_BEFORE = re.compile(r"\b(?:my|her|his|our|their|your|ur)\s+(?:\w+\s+)?$", re.I)
_SAID_OF_IT = re.compile(r"\s*(?:is|are|was|were|'s|has|have|had)\b", re.I)
_THEIRS_SAID_OF = re.compile(r"\b(?:my|her|his|our|their|your|ur)\s+([a-z]+)\s+(?:is|are|was|were|has|have|had)\b")
# "ok do u sell fitbit or those smart fitness bands?": asks whether a thing is sold, whatever "those" points at
_DO_YOU_SELL = _rx(
    r"\b(?:do|does|d) ?(?:u|you|ya|y'?all|atelier) (?:even |also )?(?:sell|have|carry|stock|keep)\b|"
    # "can u send a bouquet of flowers along with it?"
    r"\b(?:can|could|will) (?:u|you|ya) (?:also )?(?:send|add|include|throw in|deliver|pack)\b"
)
# A ball named bare beside its game: that game's ball
_BALL_GAME = _rx(r"\b(football|soccer|basketball|hoops)\b")
_BALL_OF = {"football": "football", "soccer": "football", "basketball": "basketball", "hoops": "basketball"}
_A_BALL = _rx(r"\b(?:a|one|the|new|proper|good|nice) ball\b(?! ?(?:gown|dress|room|point|pen))")
_WORKPLACE = re.compile(r"(?:at )?(?:work|office|the office|workplace)", re.I)
# "secret santa, 700 rupee cap.", "the cap is 500": a budget's cap, no caps
_BUDGET_CAP = re.compile(
    r"(?P<sum>\b\d[\d,.]*\s*(?:k|rs\.?|rupees?|inr|bucks)?\s*)cap(?=\s*(?:[.,!;)]|$|for |on |per ))|"
    r"\b(?:the |price |spending |budget )cap(?P<verb> is| of|'s)",
    re.I,
)
